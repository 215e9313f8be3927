"""A program whose loop over parsed articles fails must end, not hang on the parsing workers."""
import subprocess
import sys
import textwrap


def test_an_exception_in_the_callers_loop_ends_the_program(tmp_path):
    script = tmp_path / "stops.py"
    script.write_text(textwrap.dedent("""
        import sitrep
        from sitrep.language import analyze
        articles = [sitrep.as_article("Gunmen killed %d villagers in Zaria on Monday. " % i * 4, "2021-03-10")
                    for i in range(120)]
        for n, (article, doc) in enumerate(analyze(articles, n_process=2)):
            if n == 3:
                raise RuntimeError("the caller failed")
    """), encoding="utf-8")
    run = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120)
    assert run.returncode == 1
    assert "RuntimeError: the caller failed" in run.stderr
    assert "W127" not in run.stderr

import io
import json
import sys
from datetime import date

import pytest

from sitrep.ingest import MAX_BYTES, read_inputs


def test_folder_recursive_sorted_hidden_and_foreign_files_skipped(tmp_path, write, read):
    write("b.txt", "Second.\n")
    write("a.txt", "First.\n")
    write("sub/c.jsonl", json.dumps({"text": "Third."}) + "\n")
    write("sub/deeper/d.html", "<html><body><article><p>" + "Fourth words here. " * 5 + "</p></article></body></html>")
    write(".hidden.txt", "Hidden.\n")
    write(".git/e.txt", "In a hidden folder.\n")
    write("photo.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00")
    write("README", "Extensionless: sniffed as text.\n")
    items = read(tmp_path)
    texts = [item.text.split()[0] for item in items]
    assert texts == ["Extensionless:", "First.", "Second.", "Third.", "Fourth"]


def test_empty_folder_is_a_problem(tmp_path, read):
    (tmp_path / "nothing").mkdir()
    [problem] = read(tmp_path / "nothing")
    assert problem.reason == "no article files in folder"


def test_inputs_are_read_in_the_order_given(write, read):
    items = read(write("z.txt", "Zed.\n"), write("y.txt", "Why.\n"))
    assert [item.text for item in items] == ["Zed.\n", "Why.\n"]


def fake_stdin(monkeypatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def test_stdin_plain_text_kept_exactly(monkeypatch, read):
    text = "Headline on stdin\r\n\r\nBody line.\r\n"
    fake_stdin(monkeypatch, text.encode())
    [article] = read("-", published=date(2017, 10, 20))
    assert article.text == text
    assert article.title == "Headline on stdin"
    assert article.published == date(2017, 10, 20)
    assert article.origin == "<stdin>"


def test_stdin_jsonl_streamed_across_the_sniffed_head(monkeypatch, read, articles_of, problems_of):
    # Long enough that a line straddles the first block read for sniffing.
    rows = [json.dumps({"id": str(n), "text": "word " * 300}) for n in range(40)]
    fake_stdin(monkeypatch, ("\n".join(rows[:20]) + "\nnot json\n" + "\n".join(rows[20:])).encode())
    items = read("-")
    assert [a.id for a in articles_of(items)] == [str(n) for n in range(40)]
    [problem] = problems_of(items)
    assert problem.item == "<stdin>:line 21"


def test_stdin_html(monkeypatch, read):
    fake_stdin(monkeypatch, b"<!doctype html><html><body><article><p>" + b"Militants attacked a base. " * 5
               + b"</p></article></body></html>")
    [article] = read("-")
    assert article.text.startswith("Militants attacked a base.")


def test_stdin_empty(monkeypatch, read):
    fake_stdin(monkeypatch, b"  \n")
    [problem] = read("-")
    assert (problem.item, problem.reason) == ("<stdin>", "empty input")


def test_missing_file(tmp_path, read):
    [problem] = read(tmp_path / "nope.txt")
    assert problem.item == str(tmp_path / "nope.txt")
    assert problem.reason == "no such file"


@pytest.mark.parametrize("name", ["empty.txt", "empty.html", "empty.jsonl", "empty.csv", "empty.rss"])
def test_empty_file(write, read, name):
    [problem] = read(write(name, b""))
    assert problem.reason == "empty file"


def test_whitespace_only_file_is_empty(write, read):
    [problem] = read(write("blank.txt", "\n  \n\t\n"))
    assert problem.reason == "empty file"


@pytest.mark.parametrize("name", ["image.txt", "image.jsonl", "image.html", "image"])
def test_binary_file(write, read, name):
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10" + bytes(range(256)) * 4
    [problem] = read(write(name, png))
    assert problem.reason == "binary file, not text"


def test_binary_without_nul_bytes(write, read):
    noise = bytes(range(1, 256)) * 16  # every byte value but NUL: control bytes give it away
    [problem] = read(write("noise.txt", noise))
    assert problem.reason == "binary file, not text"


def test_invalid_utf8(write, read):
    [problem] = read(write("latin1.txt", "Café in Kirkuk\n".encode("latin-1")))
    assert problem.reason == "invalid UTF-8 at byte 3"


def test_file_over_the_size_limit(write, read):
    [problem] = read(write("huge.txt", b"a" * (MAX_BYTES + 1)))
    assert problem.reason == "larger than 10 MB limit"


def test_jsonl_line_over_the_size_limit(write, read, articles_of, problems_of):
    big = json.dumps({"text": "a" * MAX_BYTES})
    items = read(write("big.jsonl", big + "\n" + json.dumps({"text": "small"}) + "\n"))
    assert problems_of(items)[0].reason == "larger than 10 MB limit"
    assert articles_of(items)[0].text == "small"


def test_a_bad_input_does_not_stop_the_run(tmp_path, write):
    items = list(read_inputs([str(tmp_path / "missing.txt"), str(write("ok.txt", "Fine.\n"))]))
    assert [type(item).__name__ for item in items] == ["Problem", "Article"]


def test_a_single_path_not_in_a_list(write):
    [article] = list(read_inputs(write("one.txt", "Just one.\n")))
    assert article.text == "Just one.\n"

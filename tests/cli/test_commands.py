"""The `sitrep` command as a user runs it: real processes, real files, real database."""
from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

ARTICLE = ("Clashes in Gao\n\nMali's army clashed with JNIM fighters near Gao on Tuesday, killing four soldiers, "
           "military sources said. Residents said the fighting lasted three hours.\n")


def run(*args, cwd: Path, stdin: str | None = None, env_extra: dict | None = None):
    env = dict(os.environ, **(env_extra or {}))
    return subprocess.run([sys.executable, "-m", "sitrep.cli", *args], cwd=cwd, input=stdin,
                          capture_output=True, text=True, env=env, timeout=300)


@pytest.fixture()
def folder(tmp_path):
    (tmp_path / "gao.txt").write_text(ARTICLE, encoding="utf-8")
    rows = [
        {"id": "a1", "text": "Police arrested 14 opposition supporters in Harare on Monday.", "published": "2022-06-14", "source": "Wire"},
        {"id": "a2", "text": "Protesters marched peacefully in Lusaka on Sunday to demand lower fuel prices.", "published": "2022-06-13"},
    ]
    with open(tmp_path / "batch.jsonl", "w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row) + "\n")
        handle.write("{not json\n")
    return tmp_path


def test_help_shows_examples(tmp_path):
    result = run("--help", cwd=tmp_path)
    assert result.returncode == 0 and "Examples" in result.stdout
    for command in ("extract", "ingest", "export", "geoparse", "demo", "bench"):
        assert command in result.stdout
        sub = run(command, "--help", cwd=tmp_path)
        assert sub.returncode == 0 and "Example" in sub.stdout


def test_extract_writes_jsonl_events(folder):
    result = run("extract", "gao.txt", "--published", "2022-03-02", cwd=folder)
    assert result.returncode == 0, result.stderr
    events = [json.loads(line) for line in result.stdout.splitlines()]
    battle = next(e for e in events if e["event_type"] == "Battles")
    assert battle["event_date"] == "2022-03-01" and battle["fatalities"] == 4
    assert battle["location"] == "Gao" and battle["evidence"]


def test_extract_reads_stdin_and_writes_csv(folder):
    result = run("extract", "-", "--published", "2022-03-02", "--format", "csv", cwd=folder, stdin=ARTICLE)
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(result.stdout.splitlines()))
    assert rows and list(rows[0])[:3] == ["event_id", "article_id", "event_date"]


def test_bad_line_is_named_and_the_rest_goes_on(folder):
    result = run("extract", "batch.jsonl", cwd=folder)
    assert result.returncode == 1
    assert "batch.jsonl:line 3" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert {json.loads(line)["article_id"] for line in result.stdout.splitlines()} >= {"a1"}


def test_ingest_twice_adds_nothing_and_exports_every_format(folder):
    first = run("ingest", "gao.txt", "batch.jsonl", "--published", "2022-03-02", "--db", "t.duckdb", "-q", cwd=folder)
    assert first.returncode == 1, first.stderr  # the broken line
    con = duckdb.connect(str(folder / "t.duckdb"), read_only=True)
    counts = [con.execute(f"select count(*) from {t}").fetchone()[0] for t in ("articles", "events", "incidents")]
    con.close()
    assert counts[0] == 3 and counts[1] >= 3
    again = run("ingest", "gao.txt", "batch.jsonl", "--db", "t.duckdb", "-q", cwd=folder)
    con = duckdb.connect(str(folder / "t.duckdb"), read_only=True)
    assert [con.execute(f"select count(*) from {t}").fetchone()[0] for t in ("articles", "events", "incidents")] == counts
    con.close()
    assert "already stored" in again.stderr
    for fmt in ("csv", "jsonl", "geojson", "parquet"):
        out = folder / f"out.{fmt}"
        result = run("export", "--db", "t.duckdb", "--format", fmt, "-o", str(out), cwd=folder)
        assert result.returncode == 0, result.stderr
        assert out.stat().st_size > 0
    geo = json.loads((folder / "out.geojson").read_text())
    assert geo["type"] == "FeatureCollection" and geo["features"]


def test_config_file_sets_the_database(folder):
    (folder / "sitrep.toml").write_text('db = "from-config.duckdb"\n', encoding="utf-8")
    result = run("ingest", "gao.txt", "--published", "2022-03-02", "-q", cwd=folder)
    assert result.returncode == 0, result.stderr
    assert (folder / "from-config.duckdb").exists()


def test_unreadable_inputs_exit_3(folder):
    (folder / "empty.txt").write_text("", encoding="utf-8")
    result = run("extract", "empty.txt", "missing.txt", cwd=folder)
    assert result.returncode == 3
    assert "empty.txt" in result.stderr and "missing.txt" in result.stderr


def test_bad_published_date_is_a_usage_error(folder):
    result = run("extract", "gao.txt", "--published", "someday", cwd=folder)
    assert result.returncode == 2 and "someday" in result.stderr


def test_geoparse_contract(folder):
    text = "Fighting was reported in Mosul and near Erbil."
    with open(folder / "g.jsonl", "w") as handle:
        handle.write(json.dumps({"id": "g1", "text": text}) + "\n")
        handle.write(json.dumps({"id": "g2", "text": text, "mentions": [{"start": 25, "end": 30}]}) + "\n")
    result = run("geoparse", "g.jsonl", cwd=folder)
    assert result.returncode == 0, result.stderr
    records = {r["id"]: r for r in map(json.loads, result.stdout.splitlines())}
    names = {p["name"] for p in records["g1"]["places"]}
    assert {"Mosul", "Erbil"} <= names
    assert [p["text"] for p in records["g2"]["places"]] == ["Mosul"]
    for key in ("text", "start", "end", "geonameid", "name", "latitude", "longitude", "country_code", "admin1", "feature_code", "score"):
        assert key in records["g1"]["places"][0]

"""`sitrep serve` on the command line: its help, and one-line errors with exit status 3."""
from __future__ import annotations

import socket

from click.testing import CliRunner

from sitrep.cli import main


def test_help_shows_examples():
    result = CliRunner().invoke(main, ["serve", "--help"])
    assert result.exit_code == 0 and "Examples:" in result.output and "--open" in result.output


def test_a_missing_store_is_named_with_exit_status_3(tmp_path):
    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 3
    assert "none.duckdb: no such database" in result.output


def test_a_busy_port_is_named_with_exit_status_3(store_file):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        result = CliRunner().invoke(main, ["serve", "--db", str(store_file), "--port", str(port)])
    assert result.exit_code == 3 and "address in use" in result.output

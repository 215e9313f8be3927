"""`sitrep serve`: the HTTP API and the web page over a store."""
from __future__ import annotations

import os
import socket
import sys
import threading
from pathlib import Path

import click

from sitrep.serve.settings import DEFAULT_HOST, DEFAULT_MAX_BODY, DEFAULT_PORT

EXIT_FAILED = 3


def _serve_config() -> dict:
    """The [serve] table of the config file, over its top-level keys (db, token, tiles...)."""
    from sitrep.config import load_config

    try:
        config = load_config()
    except Exception as error:
        raise click.UsageError(f"cannot read config file: {error}")
    shared = {k: v for k, v in config.items() if not isinstance(v, dict)}
    return {**shared, **config.get("serve", {})}


def _port_free(host: str, port: int) -> bool:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


def register(main: click.Group, evaluate: click.Group) -> None:
    @main.command()
    @click.option("--db", default=None, type=click.Path(dir_okay=False),
                  help="DuckDB file  [default: sitrep.duckdb, or `db` in the config]")
    @click.option("--host", default=None, help=f"Address to bind  [default: {DEFAULT_HOST}, this machine only]")
    @click.option("--port", default=None, type=click.IntRange(0, 65535), help=f"Port  [default: {DEFAULT_PORT}]")
    @click.option("--open", "open_browser", is_flag=True, help="Open the page in the default browser.")
    @click.option("--token", default=None, help="Write token (else $SITREP_TOKEN, `token` in [serve], or a new one).")
    @click.option("--max-body", default=None, type=click.IntRange(1024), help=f"Largest request body in bytes  [default: {DEFAULT_MAX_BODY}]")
    @click.option("--tiles", default=None, help="Online tile URL template, used only when it loads (default: none, outlines only).")
    def serve(db, host, port, open_browser, token, max_body, tiles):
        """Serve the store: an HTTP API (its OpenAPI schema at /openapi.json) and a page with a map, a timeline,
        filters, a table, each incident's articles with their evidence, and review.

        Reading needs nothing; writing (reviews, POST /api/articles) needs the token printed at
        start. Settings can live in a [serve] table of sitrep.toml (db, host, port, token, tiles).

        \b
        Examples:
          sitrep serve                                  # sitrep.duckdb on http://127.0.0.1:8765/
          sitrep serve --db conflict.duckdb --port 9000 --open
          SITREP_TOKEN=my-secret sitrep serve --host 0.0.0.0
        """
        import uvicorn

        from sitrep.serve import ServeSettings, create_app
        from sitrep.store import StoreError

        config = _serve_config()
        db = db or config.get("db") or "sitrep.duckdb"
        host = host or config.get("host") or DEFAULT_HOST
        port = DEFAULT_PORT if port is None and "port" not in config else (port if port is not None else int(config["port"]))
        token = token or os.environ.get("SITREP_TOKEN") or config.get("token") or ""
        settings = ServeSettings(db=db, token=token, max_body=max_body or int(config.get("max_body", DEFAULT_MAX_BODY)),
                                 tiles=tiles if tiles is not None else config.get("tiles", ""), host=host)
        if not Path(db).exists():
            click.echo(f"sitrep: error: {db}: no such database (run `sitrep demo` or `sitrep ingest` first)", err=True)
            sys.exit(EXIT_FAILED)
        if not _port_free(host, port):
            click.echo(f"sitrep: error: {host}:{port}: address in use (choose another with --port)", err=True)
            sys.exit(EXIT_FAILED)
        app = create_app(settings)
        shown = f"[{host}]" if ":" in host else host
        url = f"http://{shown}:{port}/"
        click.echo(f"sitrep: serving {db} at {url} (OpenAPI schema at {url}openapi.json)", err=True)
        click.echo(f"sitrep: write token: {settings.token}", err=True)
        click.echo(f"sitrep: to review in the page, open {url}#token={settings.token}", err=True)
        if host not in ("127.0.0.1", "localhost", "::1"):
            click.echo(f"sitrep: warning: listening on {host}: other machines can read this store", err=True)
        if open_browser:
            import webbrowser

            threading.Timer(1.0, webbrowser.open, [f"{url}#token={settings.token}"]).start()
        server = uvicorn.Server(uvicorn.Config(app, host=host, port=port, log_level="warning"))
        try:
            server.run()
        except StoreError as error:
            click.echo(f"sitrep: error: {db}: {error}", err=True)
            sys.exit(EXIT_FAILED)

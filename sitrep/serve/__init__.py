"""serve stage: the HTTP API (FastAPI, with its OpenAPI document) and the web page over a store.

    from sitrep.serve import ServeSettings, create_app
    app = create_app(ServeSettings(db="sitrep.duckdb", token="..."))

`sitrep serve` (sitrep/cli_serve.py) runs it with uvicorn on 127.0.0.1.
"""
from sitrep.serve.app import create_app
from sitrep.serve.settings import ServeSettings, new_token

__all__ = ["ServeSettings", "create_app", "new_token"]

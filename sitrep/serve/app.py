"""The FastAPI application: routes from one module per group, guards, static files."""
from __future__ import annotations

import contextlib
from importlib import metadata
from urllib.parse import urlsplit

from fastapi import FastAPI
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.middleware.trustedhost import TrustedHostMiddleware
from fastapi.staticfiles import StaticFiles

from sitrep.serve import routes_browse, routes_control, routes_export, routes_ingest, routes_page, routes_review
from sitrep.serve.database import Database
from sitrep.serve.guards import BodyLimit, SecurityHeaders
from sitrep.serve.routes_page import STATIC
from sitrep.serve.settings import ServeSettings
from sitrep.serve.vendor import vendor_dirs

LOOPBACK = ("127.0.0.1", "localhost", "::1")


def create_app(settings: ServeSettings) -> FastAPI:
    """An app over ``settings.db``; the store is opened (and migrated) when the app starts."""

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI):
        app.state.database = Database(settings.db)
        try:
            yield
        finally:
            app.state.database.close()

    app = FastAPI(
        title="sitrep", version=_version(), lifespan=lifespan,
        # the interactive docs pages load their scripts from a CDN: the schema is at /openapi.json
        docs_url=None, redoc_url=None,
        description="Conflict events and incidents with their sources and evidence, and analysts' reviews. "
                    "Write endpoints need the token `sitrep serve` printed (Authorization: Bearer TOKEN).",
    )
    app.state.settings = settings
    for module in (routes_browse, routes_review, routes_export, routes_ingest, routes_control, routes_page):
        app.include_router(module.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    for name, folder in vendor_dirs().items():
        app.mount(f"/vendor/{name}", StaticFiles(directory=folder), name=f"vendor-{name}")
    app.add_middleware(GZipMiddleware, minimum_size=2048)
    if settings.host in LOOPBACK:
        # a page on another site cannot reach a loopback server through a rebound DNS name
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=["127.0.0.1", "localhost", "[::1]", "testserver"])
    app.add_middleware(SecurityHeaders, tiles_origin=_origin(settings.tiles))
    app.add_middleware(BodyLimit, limit=settings.max_body)
    return app


def _origin(url: str) -> str:
    if not url:
        return ""
    parts = urlsplit(url.replace("{s}", "*"))
    return f"{parts.scheme}://{parts.netloc}"


def _version() -> str:
    try:
        return metadata.version("sitrep")
    except metadata.PackageNotFoundError:
        return "0"

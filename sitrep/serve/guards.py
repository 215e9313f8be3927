"""Safety at the edge: the write token, the request body limit and the browser's security headers."""
from __future__ import annotations

import hmac
import json

from fastapi import HTTPException, Request

TOKEN_HELP = ("this endpoint changes the store and needs the token that `sitrep serve` printed: "
              "send the header 'Authorization: Bearer TOKEN'")
# The page loads only its own files: no inline script, nothing from elsewhere (tiles aside).
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data: {tiles}; connect-src 'self'; object-src 'none'; base-uri 'none'; "
       "frame-ancestors 'none'; form-action 'self'")


def require_token(request: Request) -> None:
    """A FastAPI dependency for write endpoints."""
    expected = request.app.state.settings.token
    header = request.headers.get("authorization", "")
    given = header[7:].strip() if header.lower().startswith("bearer ") else request.headers.get("x-sitrep-token", "")
    if not given or not hmac.compare_digest(given.encode(), expected.encode()):
        raise HTTPException(status_code=401, detail=TOKEN_HELP)


class BodyLimit:
    """Refuse request bodies over ``limit`` bytes with 413 and a message that names the limit,
    whether the client declares the length or streams the body."""

    def __init__(self, app, limit: int) -> None:
        self.app = app
        self.limit = limit

    def message(self, size: str) -> str:
        return (f"request body is {size} bytes; the limit is {self.limit} bytes "
                "(send fewer articles per request, or start `sitrep serve --max-body N`)")

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            return await _send_json(send, 413, {"detail": self.message(declared.decode())})
        received = 0

        async def limited_receive():
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    # raised inside the app, so FastAPI's exception handling answers 413
                    raise HTTPException(status_code=413, detail=self.message(f"more than {self.limit}"))
            return message

        await self.app(scope, limited_receive, send)


class SecurityHeaders:
    def __init__(self, app, tiles_origin: str = "") -> None:
        self.app = app
        self.headers = [
            (b"content-security-policy", CSP.format(tiles=tiles_origin).encode()),
            (b"x-content-type-options", b"nosniff"),
            (b"referrer-policy", b"no-referrer"),
            (b"x-frame-options", b"DENY"),
        ]

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def with_headers(message):
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] = list(message["headers"]) + self.headers
            await send(message)

        await self.app(scope, receive, with_headers)


async def _send_json(send, status: int, body: dict) -> None:
    data = json.dumps(body).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(data)).encode())]})
    await send({"type": "http.response.body", "body": data})

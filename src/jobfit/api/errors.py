"""One error shape for every response: `{"detail": ...}`; unexpected errors get a request id, never internals."""

from __future__ import annotations

import contextlib
import logging
import uuid

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger("jobfit.api")


class RequestTooLarge(Exception):
    pass


class CodedHTTPException(StarletteHTTPException):
    """An HTTP error that also carries a stable machine-readable `code` next to `detail`."""

    def __init__(self, status_code: int, detail: str, code: str) -> None:
        super().__init__(status_code, detail)
        self.code = code


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def http_error(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        body: dict[str, object] = {"detail": exc.detail}
        if isinstance(exc, CodedHTTPException):
            body["code"] = exc.code
        return JSONResponse(body, status_code=exc.status_code, headers=exc.headers)

    @app.exception_handler(RequestValidationError)
    async def validation_error(_request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [
            {"loc": list(e.get("loc", ())), "msg": e.get("msg", ""), "type": e.get("type", "")}
            for e in exc.errors()
        ]
        return JSONResponse({"detail": errors}, status_code=422)

    @app.exception_handler(RequestTooLarge)
    async def too_large(_request: Request, exc: RequestTooLarge) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=413)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        request_id = getattr(request.state, "request_id", None) or uuid.uuid4().hex
        log.error("unhandled error on %s %s [request %s]", request.method, request.url.path, request_id,
                  exc_info=exc)
        return JSONResponse(
            {"detail": "Internal server error", "request_id": request_id},
            status_code=500,
            headers={"X-Request-ID": request_id},
        )


class RequestIdMiddleware:
    """Gives every request an id (or keeps a sane incoming X-Request-ID) and returns it as a header."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        incoming = dict(scope.get("headers") or []).get(b"x-request-id", b"").decode("latin-1")
        request_id = incoming if incoming.isalnum() and len(incoming) <= 64 else uuid.uuid4().hex
        scope.setdefault("state", {})["request_id"] = request_id

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers.append((b"x-request-id", request_id.encode()))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_id)


class BodySizeLimitMiddleware:
    """Rejects request bodies over `max_bytes` with 413 while they stream in.

    The declared Content-Length is checked first; bodies without one (chunked uploads) are counted
    as they arrive and cut off the moment they pass the limit, so a client cannot make the server
    buffer an arbitrarily large upload by omitting the size.
    """

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        message = f"Request body exceeds the {self.max_bytes // (1024 * 1024)} MB limit"
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            await _send_413(send, message)
            return
        received = 0
        exceeded = False
        replaced = False

        async def counting_receive() -> Message:
            nonlocal received, exceeded
            msg = await receive()
            if msg["type"] == "http.request":
                received += len(msg.get("body", b""))
                if received > self.max_bytes:
                    exceeded = True
                    raise RequestTooLarge(message)
            return msg

        async def guarded_send(msg: Message) -> None:
            # the app may turn the aborted read into its own 400; the client must see the 413
            nonlocal replaced
            if not exceeded:
                await send(msg)
            elif not replaced:
                replaced = True
                await _send_413(send, message)

        with contextlib.suppress(RequestTooLarge):
            await self.app(scope, counting_receive, guarded_send)
        if exceeded and not replaced:
            await _send_413(send, message)


async def _send_413(send: Send, message: str) -> None:
    import json

    body = json.dumps({"detail": message}).encode()
    await send({
        "type": "http.response.start",
        "status": 413,
        "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                    (b"connection", b"close")],
    })
    await send({"type": "http.response.body", "body": body})

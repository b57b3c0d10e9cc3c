"""One error shape for every error response, `{"detail": str, "code": str, "errors"?: [...], "request_id"?: str}`
(declared as `Error` in `api/openapi.py`), and the bound on request bodies. Unexpected errors are answered by
`api/envelope.py`, with a request id and never internals."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Mapping
from http import HTTPStatus

import anyio
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send


class RequestRefused(Exception):
    """Raised into the app when its request body passes the size or time limit."""


class CodedHTTPException(StarletteHTTPException):
    """An HTTP error that also carries a stable machine-readable `code` next to `detail`."""

    def __init__(self, status_code: int, detail: str, code: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(status_code, detail, headers)
        self.code = code


def status_code_name(status: int) -> str:
    """The default `code` of an error without its own: the status's name, `not_found`, `conflict` ..."""
    try:
        return HTTPStatus(status).phrase.lower().replace(" ", "_").replace("-", "_")
    except ValueError:
        return f"http_{status}"


def error_body(status: int, detail: str, code: str | None = None, **extra: object) -> dict[str, object]:
    return {"detail": detail, "code": code or status_code_name(status), **extra}


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def http_error(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        detail = exc.detail if isinstance(exc.detail, str) else HTTPStatus(exc.status_code).phrase
        body = error_body(exc.status_code, detail, getattr(exc, "code", None))
        return JSONResponse(body, status_code=exc.status_code, headers=exc.headers)

    @app.exception_handler(RequestValidationError)
    async def validation_error(_request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [
            {"loc": list(e.get("loc", ())), "msg": e.get("msg", ""), "type": e.get("type", "")}
            for e in exc.errors()
        ]
        first = errors[0] if errors else {"loc": [], "msg": "invalid"}
        where = ".".join(str(part) for part in first["loc"] if part != "body") or "request"
        detail = f"Invalid {where}: {first['msg']}"
        return JSONResponse(error_body(422, detail, "invalid_request", errors=errors), status_code=422)


class RequestBodyLimitMiddleware:
    """Bounds request bodies while they stream in: 413 past `max_bytes`, 408 past `timeout_s` seconds.

    The declared Content-Length is checked first; bodies without one (chunked uploads) are counted as they
    arrive and cut off the moment they pass the limit, so a client cannot make the server buffer an
    arbitrarily large upload by omitting the size, nor hold a connection by never finishing its body.
    """

    def __init__(self, app: ASGIApp, max_bytes: int, timeout_s: float, larger: Mapping[str, int] | None = None) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.timeout_s = timeout_s
        self.larger = dict(larger or {})  # paths that take more (a batch upload), and their limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        max_bytes = self.larger.get(scope.get("path", ""), self.max_bytes)
        too_large = (413, "too_large", f"Request body exceeds the {max_bytes // (1024 * 1024)} MB limit")
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > max_bytes:
            await _send_refusal(send, *too_large)
            return
        deadline = anyio.current_time() + self.timeout_s
        received = 0
        body_done = False
        refusal: tuple[int, str, str] | None = None
        replaced = False

        async def bounded_receive() -> Message:
            nonlocal received, refusal, body_done
            if body_done:
                return await receive()
            try:
                with anyio.fail_after(max(0.0, deadline - anyio.current_time())):
                    msg = await receive()
            except TimeoutError:
                refusal = (408, "body_timeout", f"The request body did not arrive within {self.timeout_s:g} s")
                raise RequestRefused from None
            if msg["type"] == "http.request":
                received += len(msg.get("body", b""))
                body_done = not msg.get("more_body", False)
                if received > max_bytes:
                    refusal = too_large
                    raise RequestRefused
            return msg

        async def guarded_send(msg: Message) -> None:
            # the app may turn the aborted read into its own 400; the client must see the refusal
            nonlocal replaced
            if refusal is None:
                await send(msg)
            elif not replaced:
                replaced = True
                await _send_refusal(send, *refusal)

        with contextlib.suppress(RequestRefused):
            await self.app(scope, bounded_receive, guarded_send)
        if refusal is not None and not replaced:
            await _send_refusal(send, *refusal)


async def _send_refusal(send: Send, status: int, code: str, message: str) -> None:
    body = json.dumps(error_body(status, message, code)).encode()
    await send({
        "type": "http.response.start",
        "status": status,
        "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                    (b"connection", b"close")],
    })
    await send({"type": "http.response.body", "body": body})

"""One error shape for every error response, `{"detail": str, "code": str, "errors"?: [...], "request_id"?: str}`
(declared as `Error` in `api/openapi.py`); unexpected errors get a request id, never internals."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import uuid
from http import HTTPStatus

import anyio
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger("jobfit.api")


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


def _classify(exc: BaseException) -> tuple[int, str, str | None]:
    """(status, detail, code) for an exception no route handled."""
    from sqlalchemy.exc import DisconnectionError, InterfaceError, OperationalError
    from sqlalchemy.exc import TimeoutError as PoolTimeout

    if isinstance(exc, (OperationalError, InterfaceError, DisconnectionError, PoolTimeout)):
        return 503, "The database is unavailable right now; try again shortly.", "database_unavailable"
    return 500, "Internal server error", "internal_error"


class UnexpectedErrorMiddleware:
    """Answers every exception that no route handled, and keeps the connection usable.

    A database outage is a 503 with Retry-After; anything else (a value that validation should have refused
    included) is a 500
    whose body carries the request id, logged once with its traceback. (Starlette's own handler re-raises
    after answering, which logs the traceback a second time and makes uvicorn drop the keep-alive connection.)
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except asyncio.CancelledError:  # the server is stopping and gave up waiting for this request
            if not started:
                await JSONResponse(error_body(503, "The server is stopping; try again shortly.", "stopping"),
                                   status_code=503, headers={"Retry-After": "5", "Connection": "close"},
                                   )(scope, receive, send)
        except Exception as exc:
            request_id = scope.get("state", {}).get("request_id") or uuid.uuid4().hex
            status, detail, code = _classify(exc)
            where = f"{scope.get('method')} {scope.get('path')} [request {request_id}]"
            if status == 500:
                log.error("unhandled error on %s", where, exc_info=exc)
            else:
                log.warning("%s on %s: %s", status, where, type(exc).__name__)
            if started:  # the answer is half sent: nothing to do but let the server close the connection
                raise
            body = error_body(status, detail, code)
            headers = {}
            if status == 500:
                body["request_id"] = request_id
            if status == 503:
                headers["Retry-After"] = "5"
            await JSONResponse(body, status_code=status, headers=headers)(scope, receive, send)


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


class RequestBodyLimitMiddleware:
    """Bounds request bodies while they stream in: 413 past `max_bytes`, 408 past `timeout_s` seconds.

    The declared Content-Length is checked first; bodies without one (chunked uploads) are counted as they
    arrive and cut off the moment they pass the limit, so a client cannot make the server buffer an
    arbitrarily large upload by omitting the size, nor hold a connection by never finishing its body.
    """

    def __init__(self, app: ASGIApp, max_bytes: int, timeout_s: float) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.timeout_s = timeout_s

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        too_large = (413, "too_large", f"Request body exceeds the {self.max_bytes // (1024 * 1024)} MB limit")
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
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
                if received > self.max_bytes:
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

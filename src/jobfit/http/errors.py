"""One error shape for every error response, `{"detail": str, "code": str, "errors"?: [...], "request_id"?: str}`
(declared as `Error` in `api/openapi.py`), and the bound on request bodies. Unexpected errors are answered by
`http/envelope.py`, with a request id and never internals."""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Mapping, Sequence
from http import HTTPStatus
from typing import Any

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


_CONTAINERS = frozenset({"body", "query", "path", "header", "cookie", "form"})
_ONE_OF = re.compile(r"^\^\(([^()]*)\)\$$")  # a pattern of alternatives: ^(a|b|c)$


def field_name(loc: Sequence[object]) -> str:
    """'Salary range' for ("body", "salary_range"); 'The request' when the problem is the body as a whole."""
    parts = [str(part) for part in loc if part not in _CONTAINERS and not isinstance(part, int)]
    return parts[-1].replace("_", " ").capitalize() if parts else "The request"


def plain_sentence(error: Mapping[str, Any]) -> str:
    """One validation problem as a sentence for people: the field, then what is wrong and how it should be,
    never the validator's own words ("String should have at most 300 characters", "Value error, ...")."""
    name = field_name(error.get("loc", ()))
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return f"{name} is required."
    if kind == "string_too_short":
        return f"{name} is empty." if ctx.get("min_length") == 1 else \
            f"{name} is too short: at least {ctx.get('min_length')} characters."
    if kind == "string_too_long":
        return f"{name} is too long: at most {ctx.get('max_length', 0):,} characters."
    if kind == "string_pattern_mismatch":
        choices = _ONE_OF.match(str(ctx.get("pattern", "")))
        return f"{name} must be one of: {', '.join(choices.group(1).split('|'))}." if choices else \
            f"{name} is not in the expected form."
    if kind in ("literal_error", "enum"):
        return f"{name} must be one of: {ctx.get('expected', '')}."
    bounds = {"greater_than_equal": ("at least", "ge"), "less_than_equal": ("at most", "le"),
              "greater_than": ("more than", "gt"), "less_than": ("less than", "lt")}
    if kind in bounds:
        words, key = bounds[kind]
        return f"{name} must be {words} {ctx.get(key)}."
    simple = {"int_parsing": "must be a whole number", "int_type": "must be a whole number",
              "int_from_float": "must be a whole number", "float_parsing": "must be a number",
              "float_type": "must be a number", "bool_parsing": "must be yes or no", "bool_type": "must be yes or no",
              "uuid_parsing": "is not a valid id", "uuid_type": "is not a valid id", "string_type": "must be text",
              "list_type": "must be a list", "dict_type": "must be an object",
              "model_attributes_type": "must be an object", "json_invalid": "is not valid JSON",
              "json_type": "is not valid JSON"}
    if kind in simple:
        return f"{name} {simple[kind]}."
    message = str(error.get("msg", "is not valid")).removeprefix("Value error, ").removeprefix("Assertion failed, ")
    if ctx.get("error") is not None or kind in ("value_error", "assertion_error"):  # a model's own sentence
        return f"{message[:1].upper()}{message[1:]}." if name == "The request" else f"{name}: {message}."
    return f"{name} {message}."


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
        detail = plain_sentence(exc.errors()[0]) if exc.errors() else "The request is not valid."
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

"""What every HTTP answer carries, whatever the route did: a request id, the security headers, and an answer
for an exception that no route handled.

- **Request id:** a sane incoming `X-Request-ID` is kept, else a new one is made; it is returned as a header
  and carried by every 500's body and log line.
- **Security headers:** no MIME sniffing, no framing, no referrer, a content security policy (nothing for
  JSON and files, same-origin only for the web pages and the interactive API docs), and HSTS
  when served over https.
- **Unhandled exceptions:** a database outage is a 503 with Retry-After; anything else is a 500 whose body
  carries the request id, logged once with its traceback. The connection stays usable. (Starlette's own
  handler re-raises after answering, which logs the traceback a second time and makes uvicorn drop the
  keep-alive connection.)
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import os

from fastapi.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from jobfit.http.errors import error_body

log = logging.getLogger("jobfit.api")

COMMON_HEADERS = (
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
)
# JSON, files and everything else: nothing may run or load from it.
STRICT_CSP = b"default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
# The web pages: their scripts, styles and images come from this server only; forms post back to it.
PAGE_CSP = (
    b"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    b"frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'"
)
# The interactive API docs: Swagger UI, served from this server (api/docs.py); its React views set inline styles.
DOCS_CSP = (
    b"default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    b"worker-src 'self' blob:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; "
    b"object-src 'none'"
)
DOCS_PATHS = ("/docs",)
HSTS = b"max-age=31536000; includeSubDomains"


# a new request id is this process's random prefix and a counter: unique across processes and restarts, and
# without a uuid4's os.urandom call per request
_ID_PREFIX = os.urandom(8).hex()
_ID_COUNTER = itertools.count()


def request_id_of(scope: Scope) -> str:
    """The request's id: a sane incoming X-Request-ID (letters and digits, at most 64), else a new one."""
    for name, value in scope.get("headers") or ():
        if name == b"x-request-id":
            incoming = value.decode("latin-1")
            if incoming.isalnum() and len(incoming) <= 64:
                return incoming
            break
    return f"{_ID_PREFIX}{next(_ID_COUNTER):012x}"


def envelope_headers(headers: list[tuple[bytes, bytes]], request_id: str, page_csp: bytes,
                     https: bool) -> list[tuple[bytes, bytes]]:
    """A response's headers with the request id and the security headers the route did not set itself."""
    names = {name.lower() for name, _ in headers}
    html = any(name.lower() == b"content-type" and value.startswith(b"text/html") for name, value in headers)
    added = [(b"x-request-id", request_id.encode())]
    added += [(name, value) for name, value in COMMON_HEADERS if name not in names]
    if b"content-security-policy" not in names:
        added.append((b"content-security-policy", page_csp if html else STRICT_CSP))
    if https:
        added.append((b"strict-transport-security", HSTS))
    return [*headers, *added]


def _classify(exc: BaseException) -> tuple[int, str, str | None]:
    """(status, detail, code) for an exception no route handled."""
    from sqlalchemy.exc import DisconnectionError, InterfaceError, OperationalError
    from sqlalchemy.exc import TimeoutError as PoolTimeout

    from jobfit.store.files import StorageError

    if isinstance(exc, (OperationalError, InterfaceError, DisconnectionError, PoolTimeout)):
        return 503, "The database is unavailable right now; try again shortly.", "database_unavailable"
    if isinstance(exc, StorageError):
        return 503, "The file store is unavailable right now; try again shortly.", "storage_unavailable"
    return 500, "Internal server error", "internal_error"


class EnvelopeMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = request_id_of(scope)
        scope.setdefault("state", {})["request_id"] = request_id
        page_csp = DOCS_CSP if scope.get("path", "").startswith(DOCS_PATHS) else PAGE_CSP
        https = scope.get("scheme") == "https"
        started = False

        async def send_enveloped(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                message["headers"] = envelope_headers(list(message.get("headers", [])), request_id, page_csp,
                                                      https)
            await send(message)

        try:
            await self.app(scope, receive, send_enveloped)
        except asyncio.CancelledError:  # the server is stopping and gave up waiting for this request
            if not started:
                await JSONResponse(error_body(503, "The server is stopping; try again shortly.", "stopping"),
                                   status_code=503, headers={"Retry-After": "5", "Connection": "close"},
                                   )(scope, receive, send_enveloped)
        except Exception as exc:
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
            await JSONResponse(body, status_code=status, headers=headers)(scope, receive, send_enveloped)

"""How `jobfit serve` runs uvicorn: connection timeouts, graceful-shutdown limit, and one or more worker processes
(several: `http/workers.py`).

uvicorn closes idle keep-alive connections but waits forever for a request whose headers never finish;
`HeaderTimeoutProtocol` closes a connection whose request headers are not complete within
`header_timeout` seconds of its opening (or of the previous response). Body reads are timed by
`errors.RequestBodyLimitMiddleware`.

The protocol is uvicorn's httptools one (a C parser) rather than the pure-Python h11 one: a list call under
load costs ~7 % less server CPU with it (BENCHMARKS.md, "List path").
"""

from __future__ import annotations

import asyncio
from typing import Any

import uvicorn
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from jobfit.config import Settings, get_settings


class HeaderTimeoutProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol with a deadline for each request's headers (`Settings.header_timeout`).

    A request's cycle is made when its headers are complete, so a changed `self.cycle` means they arrived."""

    header_timeout: float | None = None  # None: read from the settings
    _header_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm_header_timer()

    def data_received(self, data: bytes) -> None:
        cycle = self.cycle
        super().data_received(data)
        if self.cycle is not cycle:  # a request's headers are complete
            self._disarm_header_timer()

    def on_response_complete(self) -> None:
        # httptools makes a pipelined request's cycle as soon as its headers arrive and queues it in
        # `self.pipeline`; only with none queued is there a next request whose headers are still awaited
        pipelined = bool(self.pipeline)
        super().on_response_complete()
        if not pipelined and not self.transport.is_closing():
            self._arm_header_timer()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm_header_timer()
        super().connection_lost(exc)

    def _arm_header_timer(self) -> None:
        self._disarm_header_timer()
        waiting_after = self.cycle
        seconds = self.header_timeout if self.header_timeout is not None else get_settings().header_timeout

        def expire() -> None:
            if self.cycle is waiting_after and not self.transport.is_closing():
                self.transport.close()

        self._header_timer = self.loop.call_later(seconds, expire)

    def _disarm_header_timer(self) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
            self._header_timer = None


def uvicorn_options(settings: Settings) -> dict[str, Any]:
    """The uvicorn settings every jobfit server process uses. Forwarded headers are believed only from
    `trusted_proxies` (uvicorn's own default believes them from 127.0.0.1, so a local client could pose as any
    address to the sign-in throttle)."""
    return {
        "proxy_headers": bool(settings.trusted_proxies),
        "forwarded_allow_ips": settings.trusted_proxies or None,
        "host": settings.host,
        "port": settings.port,
        "log_level": settings.log_level,
        "access_log": True,
        "server_header": False,
        "http": HeaderTimeoutProtocol,
        "timeout_keep_alive": 5,
        "timeout_graceful_shutdown": settings.shutdown_grace,
    }


def run(settings: Settings, app: Any, workers: int) -> None:
    """Serve `app` in this process (one worker), or `workers` processes that each build the app from the
    environment (`http/workers.py`)."""
    options = uvicorn_options(settings)
    if workers <= 1:
        uvicorn.run(app, **options)
        return
    from jobfit.http.workers import WorkersFailed, serve_workers

    try:
        serve_workers(options, workers)
    except OSError as exc:  # the address is taken or cannot be bound
        raise SystemExit(f"jobfit cannot listen on {settings.host}:{settings.port}: {exc.strerror or exc}") from None
    except WorkersFailed as exc:
        raise SystemExit(f"jobfit stopped: {exc}") from None

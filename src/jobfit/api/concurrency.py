"""CPU-bound requests take turns: at most `heavy_concurrency` of them run at once in a server process.

Scoring, ranking and suggestion work is pure Python, so in one process it holds the GIL: with forty of them in
the thread pool, a cheap request (a list, a health probe) waits for the GIL behind all forty and a 16 ms call
took seconds. Heavy requests therefore queue in the event loop (where waiting costs nothing) before they reach
the thread pool, and everything else goes straight through. A heavy request that waits longer than `queue_s`
gets 503 `busy` with Retry-After.
"""

from __future__ import annotations

import asyncio
import re

from starlette.types import ASGIApp, Receive, Scope, Send

from jobfit.api.errors import error_body

# The routes whose work is CPU-bound in this process: scoring a pair, ranking, (re)generating or applying
# suggestions, through the API or the web pages. Uploads parse in the sandbox's child processes.
HEAVY = re.compile(r"^(/api/v1/(matching/(analyze|rank-resumes|rank-jobs|results/[^/]+/suggestions/generate)"
                   r"|resumes/[^/]+/apply-suggestions)"
                   r"|/matches(/[^/]+/(suggest|apply))?|/recruiter/rank)$")


class HeavyRequestLimiter:
    def __init__(self, app: ASGIApp, concurrency: int, queue_s: float) -> None:
        self.app = app
        self.concurrency = concurrency
        self.queue_s = queue_s
        self._slots: asyncio.Semaphore | None = None  # made in the event loop that serves (tests run several)
        self._loop: asyncio.AbstractEventLoop | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "POST" or not HEAVY.match(scope["path"]):
            await self.app(scope, receive, send)
            return
        loop = asyncio.get_running_loop()
        if self._slots is None or self._loop is not loop:
            self._slots, self._loop = asyncio.Semaphore(self.concurrency), loop
        slots = self._slots
        try:
            await asyncio.wait_for(slots.acquire(), self.queue_s)
        except TimeoutError:
            from fastapi.responses import JSONResponse

            body = error_body(503, "The server is busy scoring other requests; try again shortly.", "busy")
            await JSONResponse(body, status_code=503, headers={"Retry-After": "5"})(scope, receive, send)
            return
        try:
            await self.app(scope, receive, send)
        finally:
            slots.release()

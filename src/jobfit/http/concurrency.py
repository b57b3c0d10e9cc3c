"""Turns for costly work, taken in the event loop (where waiting holds no thread, no database connection):

- **CPU turns.** Scoring, ranking, suggestion work and the embedding of an upload are pure Python, so in one
  process they hold the GIL: with forty of them in the thread pool, a cheap request (a list, a health probe) waits
  for the GIL behind all forty and a 16 ms call took seconds. At most `heavy_concurrency` run at once per server
  process: the heavy routes take a turn for the whole request (`HeavyRequestLimiter`), an upload for its
  embed-and-store step (`cpu_turn`). Waiting longer than `heavy_queue_timeout` is a 503 `busy` with Retry-After.
- **Per-account turns.** Uploads and URL imports wait on other machines (a slow web page) or on the parse
  sandbox. At most `uploads_per_user` of one account's run at once per server process (`user_turn`); one that
  waits longer than `upload_queue_timeout` for its turn is a 429 `too_many_at_once`, so no one account can fill
  the server with slow work.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
import uuid
import weakref
from collections.abc import AsyncIterator, Callable, Hashable
from typing import Any, TypeVar

from starlette.types import ASGIApp, Receive, Scope, Send

from jobfit.config import Settings
from jobfit.http.errors import CodedHTTPException, error_body

T = TypeVar("T")

# The routes whose work is CPU-bound in this process: scoring a pair, ranking, (re)generating or applying
# suggestions, through the API or the web pages. Uploads parse in the sandbox's child processes and take a CPU
# turn for their embedding only (`cpu_turn`).
HEAVY = re.compile(r"^(/api/v1/(matching/(analyze|rank-resumes|rank-jobs|results/[^/]+/suggestions/generate)"
                   r"|resumes/[^/]+/apply-suggestions)"
                   r"|/matches(/[^/]+/(suggest|apply))?|/recruiter/rank)$")
BUSY = "The server is busy scoring other requests; try again shortly."

_PER_LOOP: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, dict[Hashable, Any]] = weakref.WeakKeyDictionary()


def loop_local(key: Hashable, make: Callable[[], T]) -> T:
    """This event loop's object under `key`, made on first use (asyncio primitives belong to one loop, and the
    tests run several)."""
    objects = _PER_LOOP.setdefault(asyncio.get_running_loop(), {})
    if key not in objects:
        objects[key] = make()
    return objects[key]


def _cpu_turns(concurrency: int) -> asyncio.Semaphore:
    return loop_local(("cpu", concurrency), lambda: asyncio.Semaphore(concurrency))


@contextlib.asynccontextmanager
async def cpu_turn(settings: Settings) -> AsyncIterator[None]:
    """One of the process's `heavy_concurrency` CPU turns, for the block; 503 `busy` past the queue timeout."""
    turns = _cpu_turns(settings.heavy_concurrency)
    try:
        await asyncio.wait_for(turns.acquire(), settings.heavy_queue_timeout)
    except TimeoutError:
        raise CodedHTTPException(503, BUSY, "busy", headers={"Retry-After": "5"}) from None
    try:
        yield
    finally:
        turns.release()


@contextlib.asynccontextmanager
async def user_turn(settings: Settings, user_id: uuid.UUID) -> AsyncIterator[None]:
    """One of the account's `uploads_per_user` turns for slow work (an upload, a batch, a URL import); a 429
    `too_many_at_once` when none frees up within `upload_queue_timeout`."""
    accounts: dict[uuid.UUID, list[Any]] = loop_local(("user", settings.uploads_per_user), dict)
    entry = accounts.setdefault(user_id, [asyncio.Semaphore(settings.uploads_per_user), 0])
    entry[1] += 1  # users of the entry: it is dropped with the last, so the table holds only active accounts
    try:
        try:
            await asyncio.wait_for(entry[0].acquire(), settings.upload_queue_timeout)
        except TimeoutError:
            raise CodedHTTPException(
                429, f"You already have {settings.uploads_per_user} uploads or imports running: wait for them to "
                "finish, then try again.", "too_many_at_once", headers={"Retry-After": "5"}) from None
        try:
            yield
        finally:
            entry[0].release()
    finally:
        entry[1] -= 1
        if not entry[1]:
            accounts.pop(user_id, None)


class HeavyRequestLimiter:
    """Middleware: a heavy route (`HEAVY`) takes a CPU turn for its whole request; others go straight through."""

    def __init__(self, app: ASGIApp, concurrency: int, queue_s: float) -> None:
        self.app = app
        self.concurrency = concurrency
        self.queue_s = queue_s

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "POST" or not HEAVY.match(scope["path"]):
            await self.app(scope, receive, send)
            return
        turns = _cpu_turns(self.concurrency)
        try:
            await asyncio.wait_for(turns.acquire(), self.queue_s)
        except TimeoutError:
            from fastapi.responses import JSONResponse

            body = error_body(503, BUSY, "busy")
            await JSONResponse(body, status_code=503, headers={"Retry-After": "5"})(scope, receive, send)
            return
        try:
            await self.app(scope, receive, send)
        finally:
            turns.release()

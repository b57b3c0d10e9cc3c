"""Uploads are parsed in the sandbox (`jobfit.sandbox`) while the event loop stays free, and a client that
hangs up cancels its parse. Parse failures become the API's coded 4xx answers; a saturated sandbox is a 503.

A parse waits for one of the sandbox's slots in the event loop, then watches its child from a thread of the
parses' own (not the shared thread pool, whose threads cheap requests need), and holds no database session: the
upload's session is opened afterwards, for its embed-and-store step alone, in a CPU turn (`store_upload`)."""

from __future__ import annotations

import asyncio
import threading
import uuid
from collections.abc import Callable, Iterable
from typing import TypeVar

import anyio
from fastapi import Request, UploadFile, status
from sqlalchemy.orm import Session

from jobfit.documents.archive import ArchiveMember, display_name
from jobfit.documents.errors import DocumentError, FileTooLargeError
from jobfit.http.concurrency import cpu_turn, loop_local
from jobfit.http.deps import SignedInUser, user_db
from jobfit.http.errors import CodedHTTPException
from jobfit.runtime import Runtime
from jobfit.sandbox import ParseCancelled, ParseLimits, SandboxBusy
from jobfit.services import batch

T = TypeVar("T")
_DISCONNECT_POLL_S = 0.2


def document_error(exc: DocumentError) -> CodedHTTPException:
    code = status.HTTP_413_CONTENT_TOO_LARGE if isinstance(exc, FileTooLargeError) else 422
    return CodedHTTPException(code, exc.message, exc.code)


async def read_upload(upload: UploadFile, max_bytes: int) -> tuple[bytes, str]:
    """The upload's bytes (413 past `max_bytes`) and a safe display name: its last path part, without control
    characters (a NUL in a filename is what a client's bug puts there, not what a user means)."""
    data = await upload.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise document_error(FileTooLargeError(f"The file is larger than the {max_bytes // (1024 * 1024)} MB limit."))
    return data, display_name(upload.filename)


def _parse_turns(limits: ParseLimits) -> tuple[asyncio.Semaphore, anyio.CapacityLimiter]:
    """This event loop's parse slots (one per concurrent parse the sandbox runs) and the threads that wait on
    them."""
    return loop_local(("parse", limits.max_concurrent), lambda: (asyncio.Semaphore(limits.max_concurrent),
                                                                  anyio.CapacityLimiter(limits.max_concurrent)))


async def parse_in_sandbox(request: Request, parse: Callable[[Callable[[], bool]], T]) -> T:
    """Run `parse(cancelled)` in a thread of the parses' own once a sandbox slot is free (503 `busy` when none is
    within the sandbox's queue time); `cancelled()` turns true when the client disconnects."""
    limits: ParseLimits = request.app.state.runtime.settings.parse_limits()
    slots, threads = _parse_turns(limits)
    try:
        await asyncio.wait_for(slots.acquire(), limits.queue_s)
    except TimeoutError:
        raise CodedHTTPException(status.HTTP_503_SERVICE_UNAVAILABLE, "Too many documents are being read right "
                                 "now; try again in a few seconds.", "busy", headers={"Retry-After": "5"}) from None
    try:
        return await _parse_watched(request, parse, threads)
    finally:
        slots.release()


async def _parse_watched(request: Request, parse: Callable[[Callable[[], bool]], T],
                         threads: anyio.CapacityLimiter) -> T:
    gone = threading.Event()
    outcome: list[T] = []
    failure: list[BaseException] = []

    async def watch() -> None:
        while not await request.is_disconnected():
            await anyio.sleep(_DISCONNECT_POLL_S)
        gone.set()

    async def work() -> None:
        try:
            outcome.append(await anyio.to_thread.run_sync(parse, gone.is_set, abandon_on_cancel=True,
                                                          limiter=threads))
        except BaseException as exc:
            failure.append(exc)
        finally:
            group.cancel_scope.cancel()

    async with anyio.create_task_group() as group:
        group.start_soon(watch)
        group.start_soon(work)
    if failure:
        exc = failure[0]
        if isinstance(exc, DocumentError):
            raise document_error(exc) from None
        if isinstance(exc, SandboxBusy):
            raise CodedHTTPException(status.HTTP_503_SERVICE_UNAVAILABLE, str(exc), "busy",
                                     headers={"Retry-After": "5"}) from None
        if isinstance(exc, ParseCancelled):
            raise CodedHTTPException(status.HTTP_503_SERVICE_UNAVAILABLE, "The upload was cancelled.",
                                     "cancelled") from None
        raise exc
    if not outcome:  # the request itself was cancelled (server stopping): the parse was given up
        raise CodedHTTPException(status.HTTP_503_SERVICE_UNAVAILABLE, "The upload was cancelled.", "cancelled")
    return outcome[0]


async def store_upload(runtime: Runtime, user: SignedInUser, store: Callable[[Session], T]) -> T:
    """`store(session)` (embed and store a parsed upload) in one thread-pool hop, in one of the process's CPU turns,
    with the user's session opened for it alone."""
    async with cpu_turn(runtime.settings), user_db(runtime, user) as db:
        return await anyio.to_thread.run_sync(store, db)


async def store_batch(runtime: Runtime, user: SignedInUser, files: Callable[[], Iterable[ArchiveMember]], *,
                      keep_duplicates: bool = False) -> uuid.UUID:
    """A batch of `files()` (`services.batch`): staged in a thread-pool hop holding no database session, then queued
    with the user's session opened for that alone; staged files are deleted if it is never queued. The caller holds
    one of the account's turns (`api.concurrency.user_turn`)."""
    rows = await anyio.to_thread.run_sync(lambda: batch.stage_files(runtime, user.id, files()))
    queued = False

    def queue(db: Session) -> uuid.UUID:
        nonlocal queued
        queued = True  # from here `queue_batch` deletes the staged files itself if it fails
        return batch.queue_batch(db, runtime, user.id, rows, keep_duplicates=keep_duplicates)

    try:
        async with user_db(runtime, user) as db:
            return await anyio.to_thread.run_sync(queue, db)
    except BaseException:
        if not queued:
            with anyio.CancelScope(shield=True):
                await anyio.to_thread.run_sync(batch.discard, runtime, [row.storage_key for row in rows])
        raise

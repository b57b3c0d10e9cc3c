"""The upload sequence both adapters run, written once: read the file (size-capped), parse it in the sandbox
(`jobfit.sandbox`) while the event loop stays free, then embed and store it (`add_resume`, `add_job`, `add_job_file`,
`import_job`; the batch upload is `store_batch`). A client that hangs up cancels its parse. Parse failures become the
API's coded 4xx answers; a saturated sandbox is a 503.

A parse waits for one of the sandbox's slots in the event loop, then watches its child from a thread of the
parses' own (not the shared thread pool, whose threads cheap requests need), and holds no database session: the
upload's session is opened afterwards, for its embed-and-store step alone, in a CPU turn (`store_upload`)."""

from __future__ import annotations

import asyncio
import threading
import uuid
from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

import anyio
from fastapi import Request, UploadFile, status
from pydantic import ValidationError
from sqlalchemy.orm import Session

from jobfit.documents.archive import ArchiveMember, display_name
from jobfit.documents.errors import DocumentError, FileTooLargeError
from jobfit.documents.models import ParsedJob, ParsedResume
from jobfit.http.concurrency import cpu_turn, loop_local
from jobfit.http.deps import SignedInUser, user_db
from jobfit.http.errors import CodedHTTPException, plain_sentence
from jobfit.http.schemas import JobIn
from jobfit.runtime import Runtime
from jobfit.sandbox import ParseCancelled, ParseLimits, SandboxBusy
from jobfit.services import batch, job_import, statement_fill
from jobfit.services import upload as uploads
from jobfit.store.models import JobDescription, Resume

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
    one of the account's turns (`http.concurrency.user_turn`)."""
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


def max_upload_bytes(runtime: Runtime) -> int:
    return runtime.settings.max_upload_mb * 1024 * 1024


async def add_resume(request: Request, runtime: Runtime, user: SignedInUser, upload: UploadFile,
                     title: str | None) -> tuple[Resume, ParsedResume]:
    """One uploaded resume, read, parsed (holding no database session) and stored, refused as the API refuses it;
    its statement vectors are embedded after the response (`services.statement_fill`). The caller holds one of the
    account's turns (`http.concurrency.user_turn`)."""
    data, filename = await read_upload(upload, max_upload_bytes(runtime))
    parsed = await parse_in_sandbox(request, lambda gone: uploads.parse_resume(runtime, data, filename, gone))
    row = await store_upload(runtime, user, lambda db: uploads.store_resume(
        db, runtime, user.id, parsed, data=data, filename=filename, title=title or None, statements=False))
    statement_fill.fill_later(runtime, user.id, row.id)
    return row, parsed


def job_fields(raw: Mapping[str, Any]) -> dict[str, Any]:
    """The job form's fields, checked as the API's `JobIn` checks them (empty ones left out); a 422 `invalid_field`
    names the first problem in plain words."""
    try:
        return JobIn.model_validate({k: v for k, v in raw.items() if v}).model_dump()
    except ValidationError as exc:
        raise CodedHTTPException(422, plain_sentence(exc.errors()[0]), "invalid_field") from None


async def add_job(request: Request, runtime: Runtime, user: SignedInUser,
                  fields: dict[str, Any]) -> tuple[JobDescription, ParsedJob]:
    """A job from its form fields (checked already: `JobIn`), parsed and stored. The caller holds a turn."""
    parsed = await parse_in_sandbox(request, lambda gone: uploads.parse_job(runtime, fields, gone))
    row = await store_upload(runtime, user, lambda db: uploads.store_job(db, runtime, user.id, parsed, fields=fields))
    return row, parsed


async def add_job_file(request: Request, runtime: Runtime, user: SignedInUser, upload: UploadFile,
                       title: str | None, company: str | None) -> tuple[JobDescription, ParsedJob]:
    """A job from an uploaded file (kept as its original), read, parsed and stored. The caller holds a turn."""
    data, filename = await read_upload(upload, max_upload_bytes(runtime))
    parsed = await parse_in_sandbox(
        request, lambda gone: uploads.parse_job_file(runtime, data, filename, title, company, gone))
    row = await store_upload(runtime, user, lambda db: uploads.store_job(db, runtime, user.id, parsed,
                                                                         original=(data, filename)))
    return row, parsed


async def import_job(request: Request, runtime: Runtime, user: SignedInUser,
                     url: str) -> tuple[JobDescription, ParsedJob, str]:
    """A job from a posting's web page (`services.job_import`): fetched in the event loop under one deadline,
    holding no database session, then added as a pasted job is; also where its fields came from ("json-ld" or
    "text"). The caller holds a turn."""
    page = await job_import.read_posting(runtime.settings, url)
    row, parsed = await add_job(request, runtime, user, job_fields(page.fields))
    return row, parsed, page.source

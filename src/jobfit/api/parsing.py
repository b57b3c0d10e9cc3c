"""Uploads are parsed in the sandbox (`jobfit.sandbox`) while the event loop stays free, and a client that
hangs up cancels its parse. Parse failures become the API's coded 4xx answers; a saturated sandbox is a 503."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

import anyio
from fastapi import Request, UploadFile, status

from jobfit.api.errors import CodedHTTPException
from jobfit.documents.archive import display_name
from jobfit.documents.errors import DocumentError, FileTooLargeError
from jobfit.sandbox import ParseCancelled, SandboxBusy

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


async def parse_in_sandbox(request: Request, parse: Callable[[Callable[[], bool]], T]) -> T:
    """Run `parse(cancelled)` in a worker thread; `cancelled()` turns true when the client disconnects."""
    gone = threading.Event()
    outcome: list[T] = []
    failure: list[BaseException] = []

    async def watch() -> None:
        while not await request.is_disconnected():
            await anyio.sleep(_DISCONNECT_POLL_S)
        gone.set()

    async def work() -> None:
        try:
            outcome.append(await anyio.to_thread.run_sync(parse, gone.is_set, abandon_on_cancel=True))
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

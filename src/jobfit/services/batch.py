"""Batches: many resumes handed over at once (files, a zip, a folder), stored at once and ingested by workers.

`create_batch` (`jobfit ingest`; the API and the web page call its two steps, opening their session for the second
only): `stage_files` checks each file (type and size, as a single upload is), hashes it and writes it to the file
store, holding no database session; then `queue_batch`, one short transaction, inserts the batch, its files and one
queue job per file; the files are published after the commit (by the upload, or by the worker that takes a file's
job first). A file refused at this step is a `failed` row with the same code and sentence a single upload would
get. A full disk refuses the whole batch as it refuses a single upload (`InsufficientStorage`, 507), and every file
staged for it is deleted at once, as when the transaction fails: nothing waits for the start-up sweep.

`ingest_file` (a worker's job, for one file): claim it (its state becomes `parsing`), parse it in the sandbox,
embed it (through `embed`, which a worker shares between the files it runs at once), store the resume, vectors
and profile and settle the file (`done`) in one transaction. No session is held while parsing or embedding.
A document that cannot be read settles `failed` with its error. Anything else (a busy sandbox, the database or
the store out of reach) is raised for the queue to retry with backoff; on the final attempt the file is settled
`failed` first, so every file ends in exactly one final state.

Duplicates: a file is identified by the SHA-256 of its bytes, recorded on every resume (`metadata.content_sha256`).
Unless the batch keeps duplicates, a file whose content the user already has as a resume becomes `done` with
`duplicate` set and that resume's id, and its bytes are deleted; jobs for the same content never run at once
(the queue lock of `store/queue.py`), so the same file twice in one batch, or in two batches at once, is still
one resume.
"""

from __future__ import annotations

import contextlib
import logging
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import BinaryIO

from sqlalchemy.orm import Session

from jobfit.documents.archive import (
    ArchiveLimits,
    ArchiveMember,
    display_name,
    is_office_document,
    is_zip,
    read_archive,
)
from jobfit.documents.errors import DocumentError, FileTooLargeError
from jobfit.documents.extract import detect_file_type
from jobfit.documents.models import ParsedResume
from jobfit.runtime import Runtime
from jobfit.services import upload
from jobfit.services.errors import NotFound, Unprocessable
from jobfit.store import batches
from jobfit.store.db import AccountUnavailable
from jobfit.store.models import BatchFile, ResumeBatch

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 5  # a job's tries before its file is settled `failed` and the job parked


class EmptyBatch(Unprocessable):
    """A batch without a single file."""


@dataclass(frozen=True)
class BatchProgress:
    """A batch and its files in order, with how many are in each state."""

    batch: ResumeBatch
    files: list[BatchFile]
    counts: dict[str, int]

    @property
    def finished(self) -> bool:
        return self.counts["done"] + self.counts["failed"] == len(self.files)


def incoming_files(uploads: Iterable[tuple[str, BinaryIO]], limits: ArchiveLimits) -> Iterator[ArchiveMember]:
    """The files of an upload, one at a time: a zip archive (recognised by content, and not named .docx) is opened
    into its members under `limits`; any other file is itself, refused past `limits.max_member_bytes`. Raises an
    archive's refusal (a `DocumentError`)."""
    for name, source in uploads:
        head = source.read(4)
        source.seek(0)
        if is_zip(head) and not name.lower().endswith(".docx") and not is_office_document(source):
            yield from read_archive(source, limits)
            continue
        data = source.read(limits.max_member_bytes + 1)
        if len(data) > limits.max_member_bytes:
            too_large = FileTooLargeError(f"The file is larger than the {limits.max_member_bytes // 2**20} MB limit.")
            yield ArchiveMember(display_name(name), b"", too_large)
        else:
            yield ArchiveMember(display_name(name), data)


def _checked(runtime: Runtime, user_id: uuid.UUID, member: ArchiveMember, staged: list[str]) -> batches.NewBatchFile:
    """A file as the upload finds it: its type checked as a single upload checks it, then hashed and staged."""
    data = member.data or b""
    error = member.error
    if error is None:
        try:
            ext = detect_file_type(data, member.name)
        except DocumentError as exc:
            error = exc
    if error is not None:
        return batches.NewBatchFile(member.name, len(data), None, None, error.code, error.message)
    key = runtime.files.stage(user_id, data, ext)
    staged.append(key)
    return batches.NewBatchFile(member.name, len(data), upload.content_sha256(data), key)


def stage_files(runtime: Runtime, user_id: uuid.UUID, files: Iterable[ArchiveMember]) -> list[batches.NewBatchFile]:
    """Check each file and write the readable ones to the file store, staged (holding no database session); all of
    them are deleted again if one cannot be stored. A full disk is `InsufficientStorage`."""
    staged: list[str] = []
    try:
        with upload.room_checked():
            rows = [_checked(runtime, user_id, member, staged) for member in files]
    except BaseException:
        discard(runtime, staged)
        raise
    if not rows:
        raise EmptyBatch("The batch holds no file: choose resume files (PDF, DOCX, TXT, Markdown) or a zip.")
    return rows


def queue_batch(db: Session, runtime: Runtime, user_id: uuid.UUID, rows: list[batches.NewBatchFile], *,
                keep_duplicates: bool = False) -> uuid.UUID:
    """Insert the batch, its files and their jobs in one transaction, then publish the staged files; if the
    transaction fails, the staged files are deleted. Returns the batch id."""
    try:
        batch_id = batches.add_batch(db, runtime.queue, user_id, rows, keep_duplicates=keep_duplicates)
    except BaseException:
        discard(runtime, [row.storage_key for row in rows])
        raise
    for row in rows:
        if row.storage_key:
            with contextlib.suppress(FileNotFoundError):  # a worker took the job first and published (and settled) it
                runtime.files.publish(row.storage_key)
    return batch_id


def discard(runtime: Runtime, keys: Iterable[str | None]) -> None:
    """Delete the staged files of a batch that was not queued (`stage_files`' keys)."""
    for key in keys:
        if key:
            runtime.files.delete(key)


def create_batch(db: Session, runtime: Runtime, user_id: uuid.UUID, files: Iterable[ArchiveMember], *,
                 keep_duplicates: bool = False) -> uuid.UUID:
    """Store the files and queue one job per readable file (see the module docstring); returns the batch id."""
    return queue_batch(db, runtime, user_id, stage_files(runtime, user_id, files), keep_duplicates=keep_duplicates)


def progress(db: Session, batch_id: uuid.UUID) -> BatchProgress:
    """The batch's files and counts; `NotFound` for an unknown batch or another user's."""
    batch = batches.get_batch(db, batch_id)
    if batch is None:
        raise NotFound("Batch not found")
    # the counts come from the rows read, not a second statement: a file settled in between would show the batch
    # finished with that file's old state
    files = batches.files_of(db, batch_id)
    counts = dict.fromkeys(batches.STATES, 0)
    for row in files:
        counts[row.state] += 1
    return BatchProgress(batch, files, counts)


def recent(db: Session, limit: int, offset: int) -> tuple[list[tuple[ResumeBatch, dict[str, int]]], int]:
    """The user's batches, newest first, each with its counts, and how many there are."""
    rows, total = batches.list_batches(db, limit, offset)
    counts = batches.state_counts(db, [b.id for b in rows])
    return [(b, counts[b.id]) for b in rows], total


# -- the worker's side --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ClaimedFile:
    user_id: uuid.UUID
    file_id: uuid.UUID
    filename: str
    storage_key: str
    data: bytes


def _settle(runtime: Runtime, user_id: uuid.UUID, file_id: uuid.UUID, *, resume_id: uuid.UUID | None = None,
            duplicate: bool = False, error: tuple[str, str] | None = None) -> None:
    """Give the file its final state (unless it has one) and delete its bytes, which no row names any more."""
    with runtime.db.user_session(user_id, active_only=False) as session:
        found = batches.lock_file(session, file_id)
        if found is None or found[0].state in batches.FINAL_STATES:
            return
        key = found[0].storage_key
        batches.settle(session, found[0], resume_id=resume_id, duplicate=duplicate, error=error)
    if key:
        runtime.files.delete(key)


def _ensure_published(runtime: Runtime, user_id: uuid.UUID, file_id: uuid.UUID) -> None:
    """Publish the file's bytes if its upload has not yet (write → commit → publish: a worker can take the job in
    between). Its row has committed (the job exists only then), so publishing is anyone's to do, as the start-up
    sweep does; settling the file before would delete bytes the upload is still to publish. Bytes neither staged
    nor published are lost: reading them fails, and the job is retried, then parked."""
    with runtime.db.user_session(user_id, active_only=False) as session:
        key = batches.storage_key_of(session, file_id)
    if key and not runtime.files.exists(key):
        with contextlib.suppress(FileNotFoundError):
            runtime.files.publish(key)


def claim_file(runtime: Runtime, user_id: uuid.UUID, file_id: uuid.UUID) -> ClaimedFile | None:
    """Start work on a queued file and read its bytes; None when there is nothing to do (gone, settled already,
    or settled now as a duplicate of a resume the user has)."""
    _ensure_published(runtime, user_id, file_id)
    try:
        with runtime.db.user_session(user_id) as session:
            found = batches.lock_file(session, file_id)
            if found is None or found[0].state in batches.FINAL_STATES:
                return None
            row, keep_duplicates = found
            filename, key, sha = row.filename, row.storage_key or "", row.content_sha256
            existing = None if keep_duplicates or not sha else batches.resume_with_content(session, sha)
            if existing is None:
                batches.set_state(session, file_id, "parsing", started=True)
    except AccountUnavailable:  # the account was deleted or deactivated meanwhile: its files are not processed
        return None
    if existing is not None:
        _settle(runtime, user_id, file_id, resume_id=existing, duplicate=True)
        return None
    return ClaimedFile(user_id, file_id, filename, key, runtime.files.read(key))


def finish_file(runtime: Runtime, claimed: ClaimedFile, embedded: upload.EmbeddedResume) -> None:
    """Store the resume (its row names the file's bytes) and settle the file `done`, in one transaction; nothing
    when the file was settled meanwhile (the same job run twice)."""
    with runtime.db.user_session(claimed.user_id, active_only=False) as session:
        found = batches.lock_file(session, claimed.file_id)
        if found is None or found[0].state in batches.FINAL_STATES:
            return
        resume = upload.store_resume(session, runtime, claimed.user_id, embedded, data=claimed.data,
                                     filename=claimed.filename, commit=False, stored_key=claimed.storage_key)
        batches.settle(session, found[0], resume_id=resume.id)


def ingest_file(runtime: Runtime, user_id: uuid.UUID, file_id: uuid.UUID, *,
                embed: Callable[[ParsedResume], upload.EmbeddedResume], final_attempt: bool = False) -> None:
    """A worker's job for one batch file (see the module docstring)."""
    try:
        claimed = claim_file(runtime, user_id, file_id)
        if claimed is None:
            return
        try:
            parsed = upload.parse_resume(runtime, claimed.data, claimed.filename)
        except DocumentError as exc:
            _settle(runtime, user_id, file_id, error=(exc.code, exc.message))
            return
        with runtime.db.user_session(user_id, active_only=False) as session:
            batches.set_state(session, file_id, "embedding")
        finish_file(runtime, claimed, embed(parsed))
    except Exception as exc:
        if final_attempt:
            log.warning("giving up on a batch file after %d attempts: %s", MAX_ATTEMPTS, type(exc).__name__)
            _settle(runtime, user_id, file_id, error=(
                "processing_failed", f"The file could not be processed ({type(exc).__name__}); it was tried "
                                     f"{MAX_ATTEMPTS} times."))
        raise

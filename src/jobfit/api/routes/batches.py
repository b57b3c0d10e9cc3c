"""Batches: many resumes (files, or a zip of them) in one request, answered 202 at once and ingested by the queue's
workers; their progress, file by file."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, File, Form, Request, Response, UploadFile, status
from starlette.concurrency import run_in_threadpool

from jobfit.documents.errors import DocumentError
from jobfit.http.concurrency import user_turn
from jobfit.http.deps import CheckedUser, CurrentUser, Db, RuntimeDep, user_db
from jobfit.http.parsing import document_error, store_batch
from jobfit.http.schemas import (
    BatchFileOut,
    BatchOut,
    BatchSummary,
    FileError,
    Limit,
    Offset,
    Page,
    StateCounts,
)
from jobfit.services import batch
from jobfit.store.models import BatchFile, ResumeBatch

router = APIRouter(prefix="/documents/batches", tags=["batches"])


def batch_summary(row: ResumeBatch, counts: dict[str, int]) -> BatchSummary:
    total = sum(counts.values())
    return BatchSummary(id=row.id, created_at=row.created_at, keep_duplicates=row.keep_duplicates, total=total,
                        counts=StateCounts(**counts), finished=counts["done"] + counts["failed"] == total)


def batch_file(row: BatchFile) -> BatchFileOut:
    error = FileError(code=row.error_code, detail=row.error_message or "") if row.error_code else None
    return BatchFileOut(id=row.id, filename=row.filename, file_size=row.file_size, state=row.state,  # type: ignore[arg-type]
                        duplicate=row.duplicate, resume_id=row.resume_id, error=error, attempts=row.attempts,
                        queued_at=row.queued_at, started_at=row.started_at, finished_at=row.finished_at)


@router.post("", status_code=status.HTTP_202_ACCEPTED, response_model=BatchSummary)
async def create_batch(
    request: Request, user: CheckedUser, runtime: RuntimeDep, response: Response,
    files: Annotated[list[UploadFile], File(description="Resume files (PDF, DOCX, TXT, Markdown), or zips of them")],
    keep_duplicates: Annotated[bool, Form(description="Store a file again even if its content is a resume "
                                                      "already (default: it is recognised by SHA-256)")] = False,
) -> BatchSummary:
    """Accept the files at once (202); workers parse, embed and store them. Follow `Location` for progress. The
    files are stored holding no database session, in one of the account's turns for slow work (429 past them)."""
    parts = [(f.filename or "", f.file) for f in files]
    try:
        async with user_turn(runtime.settings, user.id):
            batch_id = await store_batch(runtime, user, lambda: batch.incoming_files(
                parts, runtime.settings.archive_limits()), keep_duplicates=keep_duplicates)
    except DocumentError as exc:  # an archive refused whole
        raise document_error(exc) from None
    async with user_db(runtime, user) as db:
        summary = await run_in_threadpool(_summary, db, batch_id)
    response.headers["Location"] = request.url_for("get_batch", batch_id=str(batch_id)).path
    return summary


def _summary(db: Db, batch_id: uuid.UUID) -> BatchSummary:
    found = batch.progress(db, batch_id)
    return batch_summary(found.batch, found.counts)


def batch_out(found: batch.BatchProgress) -> BatchOut:
    return BatchOut(**batch_summary(found.batch, found.counts).model_dump(),
                    files=[batch_file(f) for f in found.files])


@router.get("", response_model=Page[BatchSummary])
def list_batches(db: Db, _user: CurrentUser, limit: Limit = 20, offset: Offset = 0) -> Page[BatchSummary]:
    rows, total = batch.recent(db, limit, offset)
    return Page[BatchSummary](items=[batch_summary(b, c) for b, c in rows], total=total, limit=limit, offset=offset)


@router.get("/{batch_id}", response_model=BatchOut)
def get_batch(batch_id: uuid.UUID, db: Db, _user: CurrentUser) -> BatchOut:
    """The batch's progress and each file's state, error and resume, in upload order."""
    return batch_out(batch.progress(db, batch_id))

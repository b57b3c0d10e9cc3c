"""Resume batches and their files in the database: creation, progress, and each file's way to a final state.

A file's state moves `queued` → `parsing` → `embedding` → `done` or `failed` (a file refused at upload is `failed`
from the start). Every change of state is one short transaction here; the worker holds no session while it
parses or embeds. The functions that settle a file lock its row first (`SELECT … FOR UPDATE`) and do nothing to a
file already settled, so a job that runs twice leaves one result.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass

import procrastinate
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from jobfit.store.models import BatchFile, Resume, ResumeBatch
from jobfit.store.queue import FileJob, enqueue_files

STATES = ("queued", "parsing", "embedding", "done", "failed")
FINAL_STATES = frozenset({"done", "failed"})


@dataclass(frozen=True)
class NewBatchFile:
    """A file as the upload found it: stored under `storage_key` and queued, or refused with an error."""

    filename: str
    file_size: int
    content_sha256: str | None
    storage_key: str | None
    error_code: str | None = None
    error_message: str | None = None

    @property
    def queued(self) -> bool:
        return self.error_code is None


def add_batch(session: Session, queue: procrastinate.App, user_id: uuid.UUID, files: Sequence[NewBatchFile], *,
              keep_duplicates: bool) -> uuid.UUID:
    """Insert the batch, one row per file in order and one queue job per queued file, and commit them together
    (nothing of it on failure); returns the batch's id."""
    try:
        batch = ResumeBatch(user_id=user_id, keep_duplicates=keep_duplicates)
        session.add(batch)
        session.flush()
        rows = [BatchFile(batch_id=batch.id, user_id=user_id, position=i, filename=f.filename,
                          file_size=f.file_size, content_sha256=f.content_sha256, storage_key=f.storage_key,
                          state="queued" if f.queued else "failed", error_code=f.error_code,
                          error_message=f.error_message, finished_at=None if f.queued else func.now())
                for i, f in enumerate(files)]
        session.add_all(rows)
        session.flush()
        enqueue_files(queue, session, [FileJob(user_id, row.id, None if keep_duplicates else row.content_sha256)
                                       for row in rows if row.state == "queued"])
        session.commit()
    except BaseException:
        session.rollback()
        raise
    return batch.id


def get_batch(session: Session, batch_id: uuid.UUID) -> ResumeBatch | None:
    return session.get(ResumeBatch, batch_id)


def files_of(session: Session, batch_id: uuid.UUID) -> list[BatchFile]:
    return list(session.scalars(select(BatchFile).where(BatchFile.batch_id == batch_id).order_by(BatchFile.position)))


def state_counts(session: Session, batch_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, dict[str, int]]:
    """How many files of each batch are in each state (every state present, zeros included)."""
    counts: dict[uuid.UUID, dict[str, int]] = {b: dict.fromkeys(STATES, 0) for b in batch_ids}
    rows = session.execute(select(BatchFile.batch_id, BatchFile.state, func.count())
                           .where(BatchFile.batch_id.in_(list(batch_ids)))
                           .group_by(BatchFile.batch_id, BatchFile.state))
    for batch_id, state, count in rows:
        counts[batch_id][state] = count
    return counts


def list_batches(session: Session, limit: int, offset: int) -> tuple[list[ResumeBatch], int]:
    """The session user's batches, newest first, and how many there are."""
    total = session.scalar(select(func.count()).select_from(ResumeBatch)) or 0
    rows = session.scalars(select(ResumeBatch).order_by(ResumeBatch.created_at.desc(), ResumeBatch.id)
                           .limit(limit).offset(offset))
    return list(rows), total


def lock_file(session: Session, file_id: uuid.UUID) -> tuple[BatchFile, bool] | None:
    """The file's row, locked for this transaction, and whether its batch keeps duplicates; None if it is gone."""
    row = session.execute(select(BatchFile, ResumeBatch.keep_duplicates).join(ResumeBatch)
                          .where(BatchFile.id == file_id).with_for_update(of=BatchFile)).first()
    return None if row is None else (row[0], row[1])


def storage_key_of(session: Session, file_id: uuid.UUID) -> str | None:
    """The key of an unsettled file's uploaded bytes (None once settled, or for a file that is gone)."""
    return session.scalar(select(BatchFile.storage_key).where(BatchFile.id == file_id))


def resume_with_content(session: Session, content_sha256: str) -> uuid.UUID | None:
    """The oldest of the user's resumes made from a file with this SHA-256, if any."""
    return session.scalar(select(Resume.id).where(Resume.metadata_["content_sha256"].astext == content_sha256)
                          .order_by(Resume.created_at, Resume.id).limit(1))


def set_state(session: Session, file_id: uuid.UUID, state: str, *, started: bool = False) -> None:
    """Move an unsettled file to `state` (`started`: count an attempt and stamp its first start); committed."""
    values: dict[str, object] = {"state": state}
    if started:
        values.update(attempts=BatchFile.attempts + 1, started_at=func.coalesce(BatchFile.started_at, func.now()))
    session.execute(update(BatchFile).where(BatchFile.id == file_id, BatchFile.state.not_in(FINAL_STATES))
                    .values(**values))
    session.commit()


def settle(session: Session, row: BatchFile, *, resume_id: uuid.UUID | None = None, duplicate: bool = False,
           error: tuple[str, str] | None = None) -> None:
    """Give a locked file its final state and commit (with whatever the transaction holds, e.g. its new resume):
    done (a new resume, or a `duplicate` of one) or failed (`error`: code, message). Its uploaded bytes are then no
    longer the file's (the resume names them, or they are to be deleted)."""
    row.state = "failed" if error else "done"
    row.resume_id = resume_id
    row.duplicate = duplicate
    row.error_code, row.error_message = error if error else (None, None)
    row.storage_key = None
    row.finished_at = func.now()
    session.commit()

"""The durable job queue: procrastinate on the same Postgres (its schema comes with migration 0009).

A queue job holds no user data: the task name and two opaque ids (`user_id`, `file_id`); what they point at lives
in RLS-guarded tables. Jobs are enqueued in the transaction that writes their rows (`enqueue_files`), so a batch
and its jobs commit together or not at all. Workers connect as the owner role; the app role may only insert jobs.

Each batch file's job carries a procrastinate `lock` derived from its owner and content hash: two jobs for the
same content of the same user never run at once, so the second sees the first's resume and becomes a duplicate
of it instead of a second copy.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

import procrastinate
import procrastinate.jobs
from sqlalchemy.orm import Session

INGEST_QUEUE = "ingest"
INGEST_TASK = "jobfit.ingest_file"


def libpq_url(url: str) -> str:
    """The libpq form of a SQLAlchemy URL (`postgresql+psycopg://…` → `postgresql://…`)."""
    return url.replace("postgresql+psycopg://", "postgresql://", 1)


def queue_app(owner_url: str) -> procrastinate.App:
    """The procrastinate app on the database at `owner_url` (opened by a worker; used closed to enqueue)."""
    return procrastinate.App(connector=procrastinate.PsycopgConnector(conninfo=libpq_url(owner_url)))


@dataclass(frozen=True)
class FileJob:
    """One batch file to ingest: its owner, its id, and the lock that serialises jobs for the same content
    (None when the user keeps duplicates)."""

    user_id: uuid.UUID
    file_id: uuid.UUID
    content_sha256: str | None

    @property
    def lock(self) -> str | None:
        if self.content_sha256 is None:
            return None
        return hashlib.sha256(f"{self.user_id}:{self.content_sha256}".encode()).hexdigest()


def enqueue_files(app: procrastinate.App, session: Session, jobs: Sequence[FileJob]) -> None:
    """Defer one ingest job per file, all in one statement, on the session's connection: they commit (and reach
    workers) with the session's transaction."""
    if not jobs:
        return
    connection = session.connection().connection.driver_connection
    app.job_manager.batch_defer_jobs(
        [procrastinate.jobs.Job(queue=INGEST_QUEUE, task_name=INGEST_TASK, lock=job.lock, queueing_lock=None,
                                task_kwargs={"user_id": str(job.user_id), "file_id": str(job.file_id)})
         for job in jobs],
        connection=connection)

"""What the user holds, for the lists and pickers of the API and the pages: a page of resumes or jobs (summary
columns only, in one round trip), the newest of them, how many resumes there are, and their match results."""

from __future__ import annotations

import uuid
from typing import Any, Literal

from sqlalchemy.orm import Session

from jobfit.store import documents as store
from jobfit.store import matches
from jobfit.store.db import Database
from jobfit.store.models import JobDescription, MatchResultRow, Resume

RESUME_SUMMARY = ("id", "title", "original_filename", "quality_score", "created_at")
JOB_SUMMARY = ("id", "title", "company", "created_at")


def resumes(db: Session, limit: int | None = 200) -> list[Any]:
    """The newest resumes: id, title, file name, quality score, created_at."""
    return store.newest(db, Resume, RESUME_SUMMARY, limit)


def jobs(db: Session, limit: int | None = 200) -> list[Any]:
    """The newest job descriptions: id, title, company, created_at."""
    return store.newest(db, JobDescription, JOB_SUMMARY, limit)


def resume_count(db: Session) -> int:
    return store.count(db, Resume)


def page(db: Database, user_id: uuid.UUID, model: type, limit: int, offset: int, columns: tuple[str, ...],
         sign_in_id: uuid.UUID | None = None) -> tuple[list[Any], int]:
    """One page of the user's documents of this kind, newest first, and the total (`store.documents.page_as_user`:
    one round trip, no session; an ended sign-in raises `AccountUnavailable`)."""
    return store.page_as_user(db, user_id, model, limit, offset, columns, sign_in_id)


def match_results(db: Session, *, resume_id: uuid.UUID | None = None, job_id: uuid.UUID | None = None,
                  min_score: float | None = None, sort: Literal["score", "date"] = "score", limit: int = 20,
                  offset: int = 0) -> tuple[list[MatchResultRow], int]:
    """A page of the user's match results (of this resume, this job, at least this score), by score (equal scores in
    upload order) or newest first, and the total."""
    return matches.list_matches(db, resume_id=resume_id, job_id=job_id, min_score=min_score, sort=sort, limit=limit,
                                offset=offset)

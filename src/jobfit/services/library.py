"""What the user holds, for the pages that choose from it: the newest resumes and jobs (summary columns only) and
how many resumes there are."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from jobfit.store import documents as store
from jobfit.store.models import JobDescription, Resume

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

"""Reads of the stored matching profiles (`resume_profiles`) beyond those of one resume."""

from __future__ import annotations

import uuid

from sqlalchemy import and_, select
from sqlalchemy.orm import Session

from jobfit.store.models import Resume, ResumeProfileRow


def stale_profile_ids(session: Session, version: int) -> list[uuid.UUID]:
    """The (visible) resumes whose stored profile is missing or of another version than `version`."""
    current = and_(ResumeProfileRow.resume_id == Resume.id, ResumeProfileRow.version == version)
    return list(session.scalars(
        select(Resume.id).outerjoin(ResumeProfileRow, current).where(ResumeProfileRow.resume_id.is_(None))
        .order_by(Resume.created_at, Resume.id)
    ))


def stale_vector_ids(session: Session, embedder_name: str) -> list[uuid.UUID]:
    """The (visible) resumes whose stored statement vectors are missing or were made by another embedder (their
    key names it: `pipeline.vectors_key`)."""
    current = and_(ResumeProfileRow.resume_id == Resume.id,
                   ResumeProfileRow.vectors_key.startswith(f"{embedder_name}|", autoescape=True))
    return list(session.scalars(
        select(Resume.id).outerjoin(ResumeProfileRow, current).where(ResumeProfileRow.resume_id.is_(None))
        .order_by(Resume.created_at, Resume.id)
    ))


def missing_vector_ids(session: Session, version: int) -> list[uuid.UUID]:
    """The (visible) resumes whose profile of `version` has no statement vectors yet: stored by an upload whose
    late fill never ran (the process stopped first)."""
    return list(session.scalars(
        select(ResumeProfileRow.resume_id)
        .where(ResumeProfileRow.version == version, ResumeProfileRow.statement_vectors.is_(None))
        .order_by(ResumeProfileRow.resume_id)
    ))

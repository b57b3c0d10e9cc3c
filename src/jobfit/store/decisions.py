"""Recruiters' decisions on candidates (`candidate_decisions`): advance, hold or reject, each with the snapshot of
the match report it was made on. Rows are only ever added; the latest per candidate and job is the current one."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import any_, func, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from jobfit.store.models import Base, _created, _id, _owner, _parent


class DecisionRow(Base):
    __tablename__ = "candidate_decisions"
    id: Mapped[uuid.UUID] = _id()
    user_id: Mapped[uuid.UUID] = _owner()
    resume_id: Mapped[uuid.UUID] = _parent("resumes.id")
    job_id: Mapped[uuid.UUID] = _parent("job_descriptions.id")
    match_result_id: Mapped[uuid.UUID]
    decision: Mapped[str]
    reason: Mapped[str | None]
    algorithm_version: Mapped[str | None]
    report_hash: Mapped[str]
    report: Mapped[dict[str, Any]] = mapped_column()
    created_at: Mapped[datetime] = _created()


def add(session: Session, row: DecisionRow) -> DecisionRow:
    """Insert the decision and read back its id and time; no commit."""
    session.add(row)
    session.flush()
    session.refresh(row)
    return row


def history(session: Session, *, job_id: uuid.UUID | None = None, resume_id: uuid.UUID | None = None,
            limit: int = 100, offset: int = 0) -> list[DecisionRow]:
    """The user's decisions (on this job, this resume), the latest first."""
    query = select(DecisionRow)
    if job_id is not None:
        query = query.where(DecisionRow.job_id == job_id)
    if resume_id is not None:
        query = query.where(DecisionRow.resume_id == resume_id)
    return list(session.scalars(query.order_by(DecisionRow.created_at.desc(), DecisionRow.id)
                                .limit(limit).offset(offset)))


def latest(session: Session, job_id: uuid.UUID, resume_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, DecisionRow]:
    """The current (latest) decision on each of these candidates for the job."""
    rows = session.scalars(select(DecisionRow)
                           .where(DecisionRow.job_id == job_id, DecisionRow.resume_id == any_(list(resume_ids)))
                           .order_by(DecisionRow.created_at, DecisionRow.id))
    return {row.resume_id: row for row in rows}  # the later overwrites the earlier


def count(session: Session, *, job_id: uuid.UUID | None = None, resume_id: uuid.UUID | None = None) -> int:
    query = select(func.count()).select_from(DecisionRow)
    if job_id is not None:
        query = query.where(DecisionRow.job_id == job_id)
    if resume_id is not None:
        query = query.where(DecisionRow.resume_id == resume_id)
    return session.scalar(query) or 0

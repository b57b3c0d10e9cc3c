"""Candidates' self-reported categories (`candidate_demographics`): the only module that names the table.

They are kept apart from the resumes, under the same row-level security, and read by the bias audit alone:
`tests/unit/test_layering.py` proves that no scoring or ranking module can import this one, and that the table is
named nowhere else.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import any_, delete, func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Mapped, Session

from jobfit.store.models import Base, Resume, _created, _owner, _parent


class SelfReportRow(Base):
    __tablename__ = "candidate_demographics"
    resume_id: Mapped[uuid.UUID] = _parent("resumes.id", primary_key=True)
    user_id: Mapped[uuid.UUID] = _owner()
    sex: Mapped[str | None]
    race_ethnicity: Mapped[str | None]
    created_at: Mapped[datetime] = _created()


def store(session: Session, reports: Sequence[tuple[uuid.UUID, str | None, str | None]]) -> int:
    """Insert or replace the (resume_id, sex, race_ethnicity) of each resume in one statement; no commit."""
    if not reports:
        return 0
    stmt = insert(SelfReportRow).values([{"resume_id": rid, "sex": sex, "race_ethnicity": race}
                                         for rid, sex, race in sorted(reports, key=lambda r: r[0])])
    session.execute(stmt.on_conflict_do_update(
        index_elements=[SelfReportRow.resume_id],
        set_={"sex": stmt.excluded.sex, "race_ethnicity": stmt.excluded.race_ethnicity, "created_at": func.now()}))
    return len(reports)


def of_resumes(session: Session, resume_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, tuple[str | None, str | None]]:
    """(sex, race_ethnicity) of each of these resumes that has a self-report."""
    rows = session.execute(select(SelfReportRow.resume_id, SelfReportRow.sex, SelfReportRow.race_ethnicity)
                           .where(SelfReportRow.resume_id == any_(list(resume_ids))))
    return {rid: (sex, race) for rid, sex, race in rows}


def delete_all(session: Session) -> int:
    """Delete every self-report the user holds (RLS keeps it to theirs); no commit."""
    return session.execute(delete(SelfReportRow)).rowcount or 0


def counts(session: Session) -> dict[str, dict[str | None, int]]:
    """How many self-reports name each sex and each race/ethnicity (None: unknown)."""
    out: dict[str, dict[str | None, int]] = {"sex": {}, "race_ethnicity": {}}
    for column in ("sex", "race_ethnicity"):
        attribute = getattr(SelfReportRow, column)
        out[column] = dict(session.execute(select(attribute, func.count()).group_by(attribute)).all())
    return out


def resumes_named(session: Session, file_names: Sequence[str]) -> dict[str, list[uuid.UUID]]:
    """The user's resumes whose original file name is one of these, by name (a name can belong to several)."""
    found: dict[str, list[uuid.UUID]] = {}
    rows = session.execute(select(Resume.original_filename, Resume.id)
                           .where(Resume.original_filename == any_(list(file_names))).order_by(Resume.created_at))
    for name, rid in rows:
        found.setdefault(name, []).append(rid)
    return found


def existing_resumes(session: Session, resume_ids: Sequence[uuid.UUID]) -> set[uuid.UUID]:
    return set(session.scalars(select(Resume.id).where(Resume.id == any_(list(resume_ids)))))

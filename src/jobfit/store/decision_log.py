"""The decision log (`decision_log`): append a row in the caller's transaction, read the user's rows, and, as the
owner role, read every account's rows and purge those past the retention period.

The table is append-only in the database itself (migration 0016): the app role can only insert and read, and a
trigger refuses UPDATE, TRUNCATE, and DELETE of rows younger than the cut-off `purge` sets for its transaction.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, any_, func, select, text, tuple_
from sqlalchemy.orm import Mapped, Session, mapped_column

from jobfit.store.models import Base, _created, _id

PAGE = 1000  # rows fetched at a time while exporting


class LogRow(Base):
    __tablename__ = "decision_log"
    id: Mapped[uuid.UUID] = _id()
    at: Mapped[datetime] = _created()
    user_id: Mapped[uuid.UUID] = mapped_column(server_default=text("jobfit_current_user_id()"))
    action: Mapped[str]
    algorithm_version: Mapped[str | None]
    job_id: Mapped[uuid.UUID | None]
    resume_id: Mapped[uuid.UUID | None]
    match_result_id: Mapped[uuid.UUID | None]
    details: Mapped[dict[str, Any]] = mapped_column(server_default=text("'{}'::jsonb"))


COLUMNS = ("id", "at", "user_id", "action", "algorithm_version", "job_id", "resume_id", "match_result_id", "details")


def append(session: Session, row: LogRow) -> LogRow:
    """Add the row to the caller's transaction (written with the action it records, or not at all)."""
    session.add(row)
    session.flush()
    return row


def resume_hashes(session: Session, resume_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, str]:
    """SHA-256 of each resume's text (`content_hash.text_hash` of `content_text`), computed by Postgres so that the
    texts never travel."""
    if not resume_ids:
        return {}
    rows = session.execute(text(
        "SELECT id, encode(sha256(convert_to(coalesce(content_text, ''), 'UTF8')), 'hex') FROM resumes "
        "WHERE id = ANY(:ids)"), {"ids": list(resume_ids)})
    return dict(rows.all())


def _filtered(since: datetime | None, until: datetime | None, action: str | None) -> Any:
    query = select(LogRow)
    if since is not None:
        query = query.where(LogRow.at >= since)
    if until is not None:
        query = query.where(LogRow.at < until)
    if action is not None:
        query = query.where(LogRow.action == action)
    return query.order_by(LogRow.at, LogRow.id)


def page(session: Session, *, since: datetime | None = None, until: datetime | None = None,
         action: str | None = None, limit: int = 50, offset: int = 0) -> tuple[list[LogRow], int]:
    """A page of the user's rows, the latest first, and their total."""
    query = _filtered(since, until, action)
    total = session.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0
    rows = session.scalars(query.order_by(None).order_by(LogRow.at.desc(), LogRow.id.desc())
                           .limit(limit).offset(offset))
    return list(rows), total


def rows_after(session: Session, after: tuple[datetime, uuid.UUID] | None, *, since: datetime | None = None,
               until: datetime | None = None, action: str | None = None, limit: int = PAGE) -> list[LogRow]:
    """The next `limit` rows the session can read after the (at, id) key `after`, oldest first (the user's own
    under RLS; every account's for the owner): a long log is read a page per short transaction."""
    query = _filtered(since, until, action)
    if after is not None:
        query = query.where(tuple_(LogRow.at, LogRow.id) > tuple_(*after))
    return list(session.scalars(query.limit(limit)))


def of_matches(session: Session, match_ids: Sequence[uuid.UUID]) -> list[LogRow]:
    """The rows that name one of these match results, oldest first."""
    return list(session.scalars(select(LogRow).where(LogRow.match_result_id == any_(list(match_ids)))
                                .order_by(LogRow.at, LogRow.id)))


def purge(owner: Engine, before: datetime) -> int:
    """As the owner role: delete every account's rows logged before `before`; the count deleted. The trigger lets
    only those rows go, for this transaction only."""
    with owner.begin() as connection:
        connection.execute(text("SELECT set_config('jobfit.log_purge_before', :cutoff, true)"),
                           {"cutoff": before.isoformat()})
        return connection.execute(text("DELETE FROM decision_log WHERE at < :cutoff"), {"cutoff": before}).rowcount


def count_before(owner: Engine, before: datetime) -> tuple[int, int]:
    """As the owner role: (rows logged before `before`, rows in all), every account's."""
    with owner.connect() as connection:
        old, every = connection.execute(text("SELECT count(*) FILTER (WHERE at < :cutoff), count(*) "
                                             "FROM decision_log"), {"cutoff": before}).one()
    return old, every


def scored_at(session: Session, job_id: uuid.UUID) -> dict[uuid.UUID, datetime]:
    """When each match result of the job was last scored, as the log recorded it (analyses and rankings of either
    direction)."""
    rows = session.execute(text(
        """
        SELECT m, max(at) FROM (
            SELECT match_result_id AS m, at FROM decision_log
                WHERE action = 'analyze' AND job_id = :job AND match_result_id IS NOT NULL
            UNION ALL
            SELECT (r->>'match_result_id')::uuid, l.at FROM decision_log l,
                   jsonb_array_elements(CASE WHEN jsonb_typeof(l.details->'results') = 'array'
                                             THEN l.details->'results' ELSE '[]'::jsonb END) r
                WHERE l.action = 'rank' AND (l.job_id = :job OR l.job_id IS NULL)
                  AND r->>'job_id' = CAST(:job AS text)
        ) scored GROUP BY m
        """), {"job": job_id})
    return dict(rows.all())

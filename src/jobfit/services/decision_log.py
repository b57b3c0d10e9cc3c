"""The decision log as the use cases write and read it: what each action records, export as JSON Lines, and the
retention purge.

Every analyze, rank, shortlist filter, export, audit, change to the self-reported categories and human decision
appends one row in the same transaction as the action: when, who (the signed-in account), what, the algorithm
version, the content hashes of the inputs and the scores produced. Rows hold ids, hashes and numbers only: no
document text, no names, no reasons typed by a person (their hash), no categories of a person.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any, Literal, get_args

import orjson
from sqlalchemy.orm import Session

from jobfit.content_hash import json_hash
from jobfit.matching.models import SCORE_FIELDS
from jobfit.matching.scores import ALGORITHM_VERSION
from jobfit.store import decision_log as store
from jobfit.store.db import Database
from jobfit.store.decision_log import LogRow
from jobfit.store.models import JobDescription, MatchResultRow

Action = Literal["analyze", "rank", "shortlist", "export", "audit", "self_reports", "decision"]
ACTIONS: tuple[str, ...] = get_args(Action)
JOB_FIELDS = ("title", "company", "description", "requirements", "responsibilities", "benefits", "location",
              "salary_range", "job_type", "remote_option", "experience_level")
MIN_RETENTION_DAYS = 183  # EU AI Act Art. 26(6): deployers keep the logs at least six months


def job_hash(job: JobDescription) -> str:
    """The content hash of a job: its text fields as canonical JSON."""
    return json_hash({name: getattr(job, name) for name in JOB_FIELDS})


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime):
        return value.isoformat()
    return value


def report_snapshot(row: MatchResultRow) -> dict[str, Any]:
    """The stored match report as JSON values (its every column): what a recruiter sees, kept with a decision."""
    return {column.key: _plain(getattr(row, column.key)) for column in MatchResultRow.__mapper__.column_attrs}


def report_hash(row: MatchResultRow) -> str:
    return json_hash(report_snapshot(row))


def scores(row: MatchResultRow) -> dict[str, float | None]:
    return {name: _plain(getattr(row, name)) for name in SCORE_FIELDS}


def record(db: Session, user_id: uuid.UUID, action: Action, *, algorithm_version: str | None = None,
           job_id: uuid.UUID | None = None, resume_id: uuid.UUID | None = None,
           match_result_id: uuid.UUID | None = None, **details: Any) -> LogRow:
    """Append one row to the caller's transaction (committed with the action, or not at all)."""
    row = LogRow(user_id=user_id, action=action, algorithm_version=algorithm_version, job_id=job_id,
                 resume_id=resume_id, match_result_id=match_result_id,
                 details=orjson.loads(orjson.dumps(details, default=_plain)))
    return store.append(db, row)


def record_analysis(db: Session, user_id: uuid.UUID, row: MatchResultRow, job: JobDescription, *,
                    action: Action = "analyze", **details: Any) -> LogRow:
    """One pair scored: both inputs' hashes and the scores."""
    inputs = {"resume": store.resume_hashes(db, [row.resume_id]).get(row.resume_id), "job": job_hash(job)}
    return record(db, user_id, action, algorithm_version=row.algorithm_version, job_id=row.job_id,
                  resume_id=row.resume_id, match_result_id=row.id, inputs=inputs, scores=scores(row), **details)


def record_ranking(db: Session, user_id: uuid.UUID, results: Sequence[MatchResultRow], *,
                   job: JobDescription | None = None, jobs: Iterable[JobDescription] = (),
                   resume_id: uuid.UUID | None = None, **details: Any) -> LogRow:
    """A ranking: the stored results in rank order, each with its inputs' hashes and scores. Either resumes for
    one `job`, or `jobs` for one resume (`resume_id`)."""
    resumes = store.resume_hashes(db, [resume_id] if resume_id else [r.resume_id for r in results])
    job_hashes = {j.id: job_hash(j) for j in ([job] if job is not None else jobs)}
    ranked = [{"rank": n, "match_result_id": r.id, "resume_id": r.resume_id, "job_id": r.job_id,
               "resume_hash": resumes.get(r.resume_id), "job_hash": job_hashes.get(r.job_id), "scores": scores(r)}
              for n, r in enumerate(results, 1)]
    return record(db, user_id, "rank", algorithm_version=ALGORITHM_VERSION, job_id=job.id if job else None,
                  resume_id=resume_id, results=ranked, **details)


def record_export(db: Session, user_id: uuid.UUID, kind: str, *, rows: Sequence[MatchResultRow] = (),
                  job_id: uuid.UUID | None = None, match_result_id: uuid.UUID | None = None,
                  **details: Any) -> LogRow:
    """Something left jobfit as a file or a printable page: which, and the results in it by id and score."""
    listed = [{"match_result_id": r.id, "resume_id": r.resume_id, "overall_score": _plain(r.overall_score)}
              for r in rows]
    version = rows[0].algorithm_version if rows else None
    return record(db, user_id, "export", algorithm_version=version, job_id=job_id, match_result_id=match_result_id,
                  kind=kind, results=listed, **details)


def report_exported(db: Session, user_id: uuid.UUID, row: MatchResultRow, kind: str) -> None:
    """Log that this match report left jobfit (kind: match_print, match_json …), and commit."""
    record_export(db, user_id, kind, rows=[row], job_id=row.job_id, match_result_id=row.id)
    db.commit()


def as_json(row: LogRow) -> dict[str, Any]:
    return {name: _plain(getattr(row, name)) for name in store.COLUMNS}


def json_lines(rows: Iterable[LogRow]) -> Iterator[bytes]:
    """One JSON object per line (JSON Lines), in the order given."""
    for row in rows:
        yield orjson.dumps(as_json(row), default=_plain) + b"\n"


def _paged(open_session: Callable[[], AbstractContextManager[Session]], **filters: Any) -> Iterator[bytes]:
    """The rows as JSON Lines, a page per short session: no session is held while the client reads a page."""
    after = None
    while True:
        with open_session() as session:
            page_rows = store.rows_after(session, after, **filters)
            lines = b"".join(json_lines(page_rows))
        if not page_rows:
            return
        yield lines
        after = (page_rows[-1].at, page_rows[-1].id)


def export_as_user(database: Database, user_id: uuid.UUID, *, since: datetime | None = None,
                   until: datetime | None = None, action: str | None = None) -> Iterator[bytes]:
    """The user's rows as JSON Lines, oldest first."""
    return _paged(lambda: database.user_session(user_id), since=since, until=until, action=action)


def export_all(database: Database, *, since: datetime | None = None, until: datetime | None = None,
               action: str | None = None) -> Iterator[bytes]:
    """As the owner role (`jobfit log export`): every account's rows as JSON Lines, oldest first."""
    return _paged(database.system_session, since=since, until=until, action=action)


def purge_cutoff(retention_days: int, now: datetime | None = None) -> datetime:
    return (now or datetime.now(UTC)) - timedelta(days=retention_days)


def purge(database: Database, retention_days: int, now: datetime | None = None, *,
          dry_run: bool = False) -> tuple[int, int, datetime]:
    """As the owner role: delete every account's rows older than the retention period (with `dry_run`, only count
    them); (rows deleted or due, rows there were in all, the cut-off)."""
    cutoff = purge_cutoff(retention_days, now)
    due, every = store.count_before(database.owner_engine, cutoff)
    if dry_run or not due:
        return due, every, cutoff
    return store.purge(database.owner_engine, cutoff), every, cutoff


def page(db: Session, *, since: datetime | None = None, until: datetime | None = None, action: str | None = None,
         limit: int = 50, offset: int = 0) -> tuple[list[LogRow], int]:
    """A page of the user's log, the latest first, and its total."""
    return store.page(db, since=since, until=until, action=action, limit=limit, offset=offset)


def record_log_export(db: Session, user_id: uuid.UUID, *, since: datetime | None = None,
                      until: datetime | None = None, action: str | None = None) -> LogRow:
    """Log that the log itself is being exported (with the filter asked), and commit before the rows are read."""
    row = record(db, user_id, "export", kind="decision_log_jsonl", since=since, until=until, action_filter=action)
    db.commit()
    return row

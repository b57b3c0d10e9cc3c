"""Candidates' voluntarily self-reported categories: store a recruiter's CSV (all of it or nothing), count what is
held, and delete all of it in one action. jobfit never infers a category from a name, a photo or a resume's text:
what the audit uses is only what this file says.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy.orm import Session

from jobfit.fairness import CATEGORIES, LineError, SelfReports, read_self_reports
from jobfit.services import decision_log
from jobfit.services.errors import Unprocessable
from jobfit.store import demographics


class UnreadableSelfReports(Unprocessable):
    """The file has problems; each is named with its line, and nothing was stored."""

    code = "invalid_self_reports"

    def __init__(self, reports: SelfReports) -> None:
        super().__init__(reports.summary(), errors=[
            {"loc": ["file", e.line], "msg": e.message, "type": "self_report"} for e in reports.errors])


@dataclass
class Held:
    """How many self-reports are held, and how many name each category (unknown included)."""

    total: int
    sex: dict[str, int]  # label -> count, "Unknown" last
    race_ethnicity: dict[str, int]


def _resolve(db: Session, reports: SelfReports) -> list[tuple[uuid.UUID, str | None, str | None]]:
    """Each row's resume id; a key that names no resume or several, or a resume named twice, becomes a line error
    in `reports`."""
    if reports.key_kind == "resume_id":
        existing = demographics.existing_resumes(db, [uuid.UUID(r.key) for r in reports.rows])
        ids_of = {r.key: [uuid.UUID(r.key)] if uuid.UUID(r.key) in existing else [] for r in reports.rows}
        absent = "no resume has the id {key}"
    else:
        ids_of = demographics.resumes_named(db, [r.key for r in reports.rows])
        absent = "no resume was uploaded as '{key}'"
    resolved: list[tuple[uuid.UUID, str | None, str | None]] = []
    seen: dict[uuid.UUID, int] = {}
    for r in reports.rows:
        ids = ids_of.get(r.key, [])
        if not ids:
            reports.errors.append(LineError(r.line, absent.format(key=r.key)))
        elif len(ids) > 1:
            reports.errors.append(LineError(r.line, f"{len(ids)} resumes were uploaded as '{r.key}': key the rows "
                                                    "by resume_id instead"))
        elif ids[0] in seen:
            reports.errors.append(LineError(r.line, f"the same resume is already on line {seen[ids[0]]}"))
        else:
            seen[ids[0]] = r.line
            resolved.append((ids[0], r.sex, r.race_ethnicity))
    return resolved


def store(db: Session, user_id: uuid.UUID, data: bytes) -> int:
    """Store (or replace) the self-reports of every resume the CSV names, logged; `UnreadableSelfReports` (nothing
    stored) when any line has a problem. Returns how many resumes' reports were stored."""
    reports = read_self_reports(data)
    if reports.errors:
        raise UnreadableSelfReports(reports)
    resolved = _resolve(db, reports)
    if reports.errors:
        raise UnreadableSelfReports(reports)
    count = demographics.store(db, resolved)
    decision_log.record(db, user_id, "self_reports", change="stored", rows=count, keyed_by=reports.key_kind)
    db.commit()
    return count


def delete_all(db: Session, user_id: uuid.UUID) -> int:
    """Delete every self-report the user holds, in one action, logged; how many were deleted."""
    count = demographics.delete_all(db)
    decision_log.record(db, user_id, "self_reports", change="deleted", rows=count)
    db.commit()
    return count


def held(db: Session) -> Held:
    counts = demographics.counts(db)

    def labelled(grouping: str) -> dict[str, int]:
        by_code = counts[grouping]
        out = {c.label: by_code.get(c.code, 0) for c in CATEGORIES.of(grouping)}  # type: ignore[arg-type]
        out["Unknown"] = by_code.get(None, 0)
        return out

    sex = labelled("sex")
    return Held(sum(sex.values()), sex, labelled("race_ethnicity"))

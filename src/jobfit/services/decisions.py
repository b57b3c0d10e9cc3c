"""Human oversight: a recruiter's decision on a candidate for a job (advance, hold or reject, with an optional
reason), kept with a snapshot of the match report it was made on, so that a reviewer can open that report later
exactly as it was seen, even after the pair has been scored again.

jobfit never decides: only a person does, here. A decision is logged (ids, hashes and scores; the reason only as
its hash) in the same transaction that stores it.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Literal, get_args

from sqlalchemy.orm import Session

from jobfit.content_hash import text_hash
from jobfit.services import decision_log
from jobfit.services.errors import Conflict, get_or_raise
from jobfit.store import decision_log as log_store
from jobfit.store import decisions
from jobfit.store.decisions import DecisionRow
from jobfit.store.models import JobDescription, MatchResultRow, Resume
from jobfit.store.rows import find

Decision = Literal["advance", "hold", "reject"]
DECISIONS: tuple[str, ...] = get_args(Decision)
MAX_REASON = 2000


def decide(db: Session, user_id: uuid.UUID, match_result_id: uuid.UUID, decision: Decision,
           reason: str | None = None, seen_report_hash: str | None = None) -> DecisionRow:
    """Record the decision on the match's candidate for its job, with the report as it stands. With
    `seen_report_hash` (the report the person had open), `Conflict` if the report has changed since."""
    match = get_or_raise(db, MatchResultRow, match_result_id, "Match result")
    job = find(db, JobDescription, match.job_id)
    assert job is not None  # matches go with their job
    current = decision_log.report_hash(match)
    if seen_report_hash and seen_report_hash != current:
        raise Conflict("This match report changed after you opened it (the pair was scored again): open it again "
                       "and decide on what it shows now.")
    reason = (reason or "").strip()[:MAX_REASON] or None
    row = decisions.add(db, DecisionRow(
        user_id=user_id, resume_id=match.resume_id, job_id=match.job_id, match_result_id=match.id,
        decision=decision, reason=reason, algorithm_version=match.algorithm_version, report_hash=current,
        report=decision_log.report_snapshot(match)))
    inputs = {"resume": log_store.resume_hashes(db, [match.resume_id]).get(match.resume_id),
              "job": decision_log.job_hash(job)}
    decision_log.record(db, user_id, "decision", algorithm_version=match.algorithm_version, job_id=match.job_id,
                        resume_id=match.resume_id, match_result_id=match.id, decision=decision, decision_id=row.id,
                        report_hash=current, reason_hash=text_hash(reason) if reason else None, inputs=inputs,
                        scores=decision_log.scores(match))
    db.commit()
    return row


def get(db: Session, decision_id: uuid.UUID) -> DecisionRow:
    return get_or_raise(db, DecisionRow, decision_id, "Decision")


@dataclass
class DecisionView:
    """A decision beside what stands today: the match as scored now (None once deleted), its resume and job."""

    decision: DecisionRow
    current: MatchResultRow | None
    resume: Resume | None
    job: JobDescription | None

    @property
    def changed(self) -> bool:
        """Whether the report has changed since the decision was made on it."""
        return self.current is not None and decision_log.report_hash(self.current) != self.decision.report_hash


def view(db: Session, decision_id: uuid.UUID) -> DecisionView:
    """The decision (`NotFound` for another user's or an unknown one) with the match, resume and job as they are."""
    row = get(db, decision_id)
    return DecisionView(row, find(db, MatchResultRow, row.match_result_id), find(db, Resume, row.resume_id),
                        find(db, JobDescription, row.job_id))


def history(db: Session, *, job_id: uuid.UUID | None = None, resume_id: uuid.UUID | None = None,
            limit: int = 100, offset: int = 0) -> tuple[list[DecisionRow], int]:
    """A page of the user's decisions (on this job, this candidate), the latest first, and their total."""
    return (decisions.history(db, job_id=job_id, resume_id=resume_id, limit=limit, offset=offset),
            decisions.count(db, job_id=job_id, resume_id=resume_id))


def current_report_hash(db: Session, match_result_id: uuid.UUID) -> str:
    """The content hash of the match report as it stands (what a decision form sends back)."""
    return decision_log.report_hash(get_or_raise(db, MatchResultRow, match_result_id, "Match result"))

"""The match-report use case: one stored match with everything its report shows (the resume and job, the
suggestions most important first, the decisions a person recorded on this candidate for this job, the report's
content hash a decision is checked against, the user's ratings, why the ad says little if it does, and how the
overall score was made). The report page, its printable form and the API read the same report."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy.orm import Session

from jobfit.documents.job_length import thin_ad_warnings
from jobfit.matching.models import OverallPart
from jobfit.matching.overall_parts import overall_parts
from jobfit.services import decision_log, decisions, feedback
from jobfit.services import suggest as suggestions
from jobfit.services.errors import get_or_raise
from jobfit.store import documents as store
from jobfit.store.decisions import DecisionRow
from jobfit.store.models import JobDescription, MatchResultRow, Resume
from jobfit.store.models import Suggestion as SuggestionRow
from jobfit.store.rows import find

DECISIONS_SHOWN = 20


@dataclass
class MatchReport:
    match: MatchResultRow
    resume: Resume | None
    job: JobDescription | None
    suggestions: list[SuggestionRow]  # most important first
    decisions: list[DecisionRow]  # on this candidate for this job, the latest first
    report_hash: str
    ratings: dict[uuid.UUID, int]  # the user's latest rating of the match and of each suggestion
    job_warnings: list[str]
    parts: list[OverallPart]

    @property
    def raising(self) -> list[SuggestionRow]:
        return [s for s in self.suggestions if raises_score(s)]

    @property
    def folded(self) -> list[SuggestionRow]:
        return [s for s in self.suggestions if not raises_score(s)]


def raises_score(suggestion: SuggestionRow) -> bool:
    """Whether a suggestion is worth a job seeker's first look: it raises the score by at least 0.1 point, as
    measured; or it is decided already. The others (advice, edits measured at +0.0 or less) are folded away."""
    return suggestion.status != "pending" or (suggestion.impact_score or 0.0) >= 0.05


def report(db: Session, match_id: uuid.UUID) -> MatchReport:
    """The report of the user's match `match_id` (`NotFound` for another user's or an unknown one)."""
    row = get_or_raise(db, MatchResultRow, match_id, "Match result")
    resume, job = find(db, Resume, row.resume_id), find(db, JobDescription, row.job_id)
    listed = suggestions.listed(db, row.id)
    return MatchReport(
        match=row, resume=resume, job=job, suggestions=listed,
        decisions=decisions.history(db, job_id=row.job_id, resume_id=row.resume_id, limit=DECISIONS_SHOWN)[0],
        report_hash=decision_log.report_hash(row),
        ratings=feedback.latest_ratings(db, [row.id, *(s.id for s in listed)]),
        job_warnings=thin_ad_warnings(store.parsed_job(job)) if job else [],
        parts=overall_parts(row.match_analysis or {}))

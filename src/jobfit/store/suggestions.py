"""Suggestions in the database: store a generated set for a match, keeping decided ones as history."""

from __future__ import annotations

import uuid

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from jobfit.store.models import MatchResultRow
from jobfit.store.models import Suggestion as SuggestionRow
from jobfit.suggestions.models import Suggestion


def replace_pending(session: Session, *, user_id: uuid.UUID, match_result_id: uuid.UUID,
                    suggestions: list[Suggestion]) -> list[SuggestionRow]:
    """Drop the match's pending suggestions and add `suggestions`; implemented/rejected rows stay. No commit."""
    session.execute(delete(SuggestionRow).where(SuggestionRow.match_result_id == match_result_id,
                                                SuggestionRow.status == "pending"))
    rows = [
        SuggestionRow(
            user_id=user_id, match_result_id=match_result_id, suggestion_type=s.suggestion_type,
            category=s.category, title=s.title, description=s.description, original_text=s.original_text,
            suggested_text=s.suggested_text, section_name=s.section_name, line_number=s.line_number,
            priority=s.priority, impact_score=round(s.impact_score, 2), effort_estimate=s.effort_estimate,
            ai_confidence=round(s.ai_confidence, 2), generated_by=s.generated_by,
        )
        for s in suggestions
    ]
    session.add_all(rows)
    session.flush()
    return rows


def as_suggestion(row: SuggestionRow) -> Suggestion:
    """The core value of a stored suggestion (to apply it)."""
    return Suggestion(
        suggestion_type=row.suggestion_type, category=row.category, title=row.title, description=row.description,
        original_text=row.original_text, suggested_text=row.suggested_text, section_name=row.section_name,
        line_number=row.line_number, priority=row.priority, impact_score=float(row.impact_score or 0),
        effort_estimate=row.effort_estimate or "low", ai_confidence=float(row.ai_confidence or 0),
        generated_by=row.generated_by or "",
    )


def of_match(session: Session, match_id: uuid.UUID, status: str | None = None,
             type_: str | None = None) -> list[SuggestionRow]:
    """The match's suggestions (of this status and type), most important first: priority, then measured impact."""
    query = select(SuggestionRow).where(SuggestionRow.match_result_id == match_id)
    if status:
        query = query.where(SuggestionRow.status == status)
    if type_:
        query = query.where(SuggestionRow.suggestion_type == type_)
    return list(session.scalars(query.order_by(SuggestionRow.priority,
                                               SuggestionRow.impact_score.desc().nulls_last(),
                                               SuggestionRow.created_at, SuggestionRow.id)))


def by_ids(session: Session, ids: list[uuid.UUID]) -> dict[uuid.UUID, SuggestionRow]:
    """These suggestions by id (the user's only, under RLS)."""
    return {r.id: r for r in session.scalars(select(SuggestionRow).where(SuggestionRow.id.in_(ids)))}


def matches_by_ids(session: Session, ids: set[uuid.UUID]) -> dict[uuid.UUID, MatchResultRow]:
    """These match results by id: the matches suggestions belong to."""
    return {m.id: m for m in session.scalars(select(MatchResultRow).where(MatchResultRow.id.in_(ids)))}


def match_of_pair(session: Session, resume_id: uuid.UUID, job_id: uuid.UUID) -> MatchResultRow | None:
    """The stored match result of this resume and job, if any."""
    return session.scalars(select(MatchResultRow).where(MatchResultRow.resume_id == resume_id,
                                                        MatchResultRow.job_id == job_id)).first()


def set_status(rows: list[SuggestionRow], status: str) -> None:
    """Decide these suggestions (`implemented` is stamped with the transaction's time; the caller commits)."""
    for row in rows:
        row.status, row.implemented_at = status, func.now() if status == "implemented" else None

"""Suggestions in the database: store a generated set for a match, keeping decided ones as history."""

from __future__ import annotations

import uuid

from sqlalchemy import delete
from sqlalchemy.orm import Session

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

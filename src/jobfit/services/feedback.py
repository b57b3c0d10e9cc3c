"""The feedback use case: a user's rating of a match result, a suggestion or the product, stored once; the user's
ratings page by page; and the statistics that close the improvement loop."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy.orm import Session

from jobfit.services.errors import NotFound
from jobfit.store import feedback as store
from jobfit.store.models import MatchResultRow, Suggestion, UserFeedback
from jobfit.store.rows import find

TARGETS: dict[str, type] = {"match_result": MatchResultRow, "suggestion": Suggestion}


def give(db: Session, user_id: uuid.UUID, *, target_type: str, target_id: uuid.UUID | None, rating: int,
         feedback_text: str | None = None, context: dict[str, Any] | None = None) -> UserFeedback:
    """Store the rating; a target that does not exist or is someone else's (RLS) is `NotFound`."""
    model = TARGETS.get(target_type)
    if model is not None and find(db, model, target_id) is None:
        raise NotFound(f"{target_type.replace('_', ' ')} not found")
    row = store.add_feedback(db, user_id=user_id, target_type=target_type, target_id=target_id, rating=rating,
                             feedback_text=feedback_text, context=context or {})
    db.commit()
    db.refresh(row)
    return row


def page(db: Session, target_type: str | None, limit: int, offset: int) -> tuple[list[UserFeedback], int]:
    """One page of the user's ratings, newest first, and the total."""
    return store.page(db, target_type, limit, offset)


def _ratings(db: Session, group: str) -> list[dict[str, Any]]:
    return [{"key": key, "count": n, "mean_rating": round(mean, 3)} for key, n, mean in store.ratings_by(db, group)]


def stats(db: Session) -> dict[str, Any]:
    """Mean ratings overall, by target type, algorithm version and suggestion type, and suggestion acceptance by
    type (implemented / decided; None before any is decided)."""
    total, mean = store.totals(db)
    acceptance = [{"suggestion_type": stype, "implemented": implemented, "rejected": rejected, "pending": pending,
                   "acceptance_rate": round(implemented / (implemented + rejected), 3)
                   if implemented + rejected else None}
                  for stype, implemented, rejected, pending in store.suggestion_outcomes(db)]
    return {"total_feedback": total, "mean_rating": None if mean is None else round(mean, 3),
            "by_target_type": _ratings(db, "target_type"),
            "by_algorithm_version": _ratings(db, "algorithm_version"),
            "by_suggestion_type": _ratings(db, "suggestion_type"),
            "acceptance_by_suggestion_type": acceptance}


def latest_ratings(db: Session, target_ids: list[uuid.UUID]) -> dict[uuid.UUID, int]:
    """The latest rating the user gave each of these targets (a match result, its suggestions)."""
    return store.latest_ratings(db, target_ids)

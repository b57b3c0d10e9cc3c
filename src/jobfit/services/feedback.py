"""The feedback use case: a user's rating of a match result, a suggestion or the product, stored once."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy.orm import Session

from jobfit.services.errors import NotFound
from jobfit.store.models import MatchResultRow, Suggestion, UserFeedback

TARGETS: dict[str, type] = {"match_result": MatchResultRow, "suggestion": Suggestion}


def give(db: Session, user_id: uuid.UUID, *, target_type: str, target_id: uuid.UUID | None, rating: int,
         feedback_text: str | None = None, context: dict[str, Any] | None = None) -> UserFeedback:
    """Store the rating; a target that does not exist or is someone else's (RLS) is `NotFound`."""
    model = TARGETS.get(target_type)
    if model is not None and db.get(model, target_id) is None:
        raise NotFound(f"{target_type.replace('_', ' ')} not found")
    row = UserFeedback(user_id=user_id, target_type=target_type, target_id=target_id, rating=rating,
                       feedback_text=feedback_text, context=context or {})
    db.add(row)
    db.commit()
    db.refresh(row)
    return row

"""Feedback in the database: store a rating, page through them, and the counts behind the feedback statistics."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from jobfit.store.models import MatchResultRow, Suggestion, UserFeedback


def add_feedback(session: Session, **columns: Any) -> UserFeedback:
    """Insert one rating and flush it (the caller commits)."""
    row = UserFeedback(**columns)
    session.add(row)
    session.flush()
    return row


def page(session: Session, target_type: str | None, limit: int, offset: int) -> tuple[list[UserFeedback], int]:
    """One page of the user's feedback, newest first, and the total."""
    query = select(UserFeedback)
    if target_type:
        query = query.where(UserFeedback.target_type == target_type)
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = session.scalars(query.order_by(UserFeedback.created_at.desc(), UserFeedback.id).limit(limit).offset(offset))
    return list(rows), total


def totals(session: Session) -> tuple[int, float | None]:
    """How many ratings, and their mean."""
    total, mean = session.execute(select(func.count(), func.avg(UserFeedback.rating))).one()
    return total, None if mean is None else float(mean)


_GROUPS: dict[str, tuple[Any, Any]] = {
    "target_type": (UserFeedback.target_type, None),
    "algorithm_version": (MatchResultRow.algorithm_version,
                          (MatchResultRow, (UserFeedback.target_id == MatchResultRow.id)
                           & (UserFeedback.target_type == "match_result"))),
    "suggestion_type": (Suggestion.suggestion_type,
                        (Suggestion, (UserFeedback.target_id == Suggestion.id)
                         & (UserFeedback.target_type == "suggestion"))),
}


def ratings_by(session: Session, group: str) -> list[tuple[str, int, float]]:
    """(key, count, mean rating) per value of `group`: the feedback's target type, the rated match's algorithm
    version, or the rated suggestion's type."""
    key, join = _GROUPS[group]
    query = select(key, func.count(), func.avg(UserFeedback.rating)).select_from(UserFeedback)
    if join is not None:
        query = query.join(*join)
    return [(str(k), n, float(avg)) for k, n, avg in session.execute(query.group_by(key).order_by(key))]


def suggestion_outcomes(session: Session) -> list[tuple[str, int, int, int]]:
    """(suggestion type, implemented, rejected, pending) per suggestion type."""
    query = (select(Suggestion.suggestion_type,
                    func.count(case((Suggestion.status == "implemented", 1))),
                    func.count(case((Suggestion.status == "rejected", 1))),
                    func.count(case((Suggestion.status == "pending", 1))))
             .group_by(Suggestion.suggestion_type).order_by(Suggestion.suggestion_type))
    return [tuple(row) for row in session.execute(query)]  # type: ignore[misc]


def latest_ratings(session: Session, target_ids: list[uuid.UUID]) -> dict[uuid.UUID, int]:
    """The latest rating the user gave each of these targets."""
    rows = session.scalars(select(UserFeedback).where(UserFeedback.target_id.in_(target_ids))
                           .order_by(UserFeedback.created_at))
    return {r.target_id: r.rating for r in rows if r.target_id is not None}

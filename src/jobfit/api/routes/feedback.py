"""Feedback: users rate match results, suggestions or the product; stats close the improvement loop."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, Literal

from fastapi import APIRouter, status
from pydantic import BaseModel
from sqlalchemy import case, func, select

from jobfit.api.deps import CurrentUser, Db
from jobfit.api.schemas import FeedbackIn, Limit, Offset, Page
from jobfit.services import feedback
from jobfit.store.models import MatchResultRow, Suggestion, UserFeedback

router = APIRouter(prefix="/feedback", tags=["feedback"])


class FeedbackOut(BaseModel):
    id: uuid.UUID
    target_type: str
    target_id: uuid.UUID | None
    rating: int
    feedback_text: str | None
    context: dict[str, Any]
    created_at: datetime


class RatingStat(BaseModel):
    key: str
    count: int
    mean_rating: float


class AcceptanceStat(BaseModel):
    suggestion_type: str
    implemented: int
    rejected: int
    pending: int
    acceptance_rate: float | None  # implemented / decided


class FeedbackStats(BaseModel):
    total_feedback: int
    mean_rating: float | None
    by_target_type: list[RatingStat]
    by_algorithm_version: list[RatingStat]
    by_suggestion_type: list[RatingStat]
    acceptance_by_suggestion_type: list[AcceptanceStat]


def _out(row: UserFeedback) -> FeedbackOut:
    return FeedbackOut(id=row.id, target_type=row.target_type, target_id=row.target_id, rating=row.rating,
                       feedback_text=row.feedback_text, context=row.context or {}, created_at=row.created_at)


@router.post("", status_code=status.HTTP_201_CREATED, response_model=FeedbackOut)
def give_feedback(body: FeedbackIn, db: Db, user: CurrentUser) -> FeedbackOut:
    return _out(feedback.give(db, user.id, **body.model_dump()))


@router.get("", response_model=Page[FeedbackOut])
def list_feedback(db: Db, _user: CurrentUser,
                  target_type: Literal["match_result", "suggestion", "overall"] | None = None,
                  limit: Limit = 20, offset: Offset = 0) -> Page[FeedbackOut]:
    query = select(UserFeedback)
    if target_type:
        query = query.where(UserFeedback.target_type == target_type)
    total = db.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = db.scalars(query.order_by(UserFeedback.created_at.desc(), UserFeedback.id).limit(limit).offset(offset))
    return Page(items=[_out(r) for r in rows], total=total, limit=limit, offset=offset)


def _ratings(db: Db, key: Any, *joins: tuple[Any, Any]) -> list[RatingStat]:
    query = select(key, func.count(), func.avg(UserFeedback.rating)).select_from(UserFeedback)
    for table, on in joins:
        query = query.join(table, on)
    rows = db.execute(query.group_by(key).order_by(key))
    return [RatingStat(key=str(k), count=n, mean_rating=round(float(avg), 3)) for k, n, avg in rows]


@router.get("/stats", response_model=FeedbackStats)
def feedback_stats(db: Db, _user: CurrentUser) -> FeedbackStats:
    """Mean ratings by algorithm version and suggestion type, and suggestion acceptance by type."""
    total, mean = db.execute(select(func.count(), func.avg(UserFeedback.rating))).one()
    by_version = _ratings(db, MatchResultRow.algorithm_version,
                          (MatchResultRow, (UserFeedback.target_id == MatchResultRow.id)
                           & (UserFeedback.target_type == "match_result")))
    by_type = _ratings(db, Suggestion.suggestion_type,
                       (Suggestion, (UserFeedback.target_id == Suggestion.id)
                        & (UserFeedback.target_type == "suggestion")))
    acceptance = []
    for stype, implemented, rejected, pending in db.execute(
        select(Suggestion.suggestion_type,
               func.count(case((Suggestion.status == "implemented", 1))),
               func.count(case((Suggestion.status == "rejected", 1))),
               func.count(case((Suggestion.status == "pending", 1))))
        .group_by(Suggestion.suggestion_type).order_by(Suggestion.suggestion_type)
    ):
        decided = implemented + rejected
        acceptance.append(AcceptanceStat(suggestion_type=stype, implemented=implemented, rejected=rejected,
                                         pending=pending,
                                         acceptance_rate=round(implemented / decided, 3) if decided else None))
    return FeedbackStats(total_feedback=total, mean_rating=None if mean is None else round(float(mean), 3),
                         by_target_type=_ratings(db, UserFeedback.target_type),
                         by_algorithm_version=by_version, by_suggestion_type=by_type,
                         acceptance_by_suggestion_type=acceptance)

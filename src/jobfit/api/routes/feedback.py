"""Feedback: users rate match results, suggestions or the product; stats close the improvement loop."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, Literal

from fastapi import APIRouter, status
from pydantic import BaseModel

from jobfit.http.deps import CurrentUser, Db
from jobfit.http.schemas import FeedbackIn, Limit, Offset, Page
from jobfit.services import feedback
from jobfit.store.models import UserFeedback

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
    rows, total = feedback.page(db, target_type, limit, offset)
    return Page(items=[_out(r) for r in rows], total=total, limit=limit, offset=offset)


@router.get("/stats", response_model=FeedbackStats)
def feedback_stats(db: Db, _user: CurrentUser) -> FeedbackStats:
    """Mean ratings by algorithm version and suggestion type, and suggestion acceptance by type."""
    return FeedbackStats.model_validate(feedback.stats(db))

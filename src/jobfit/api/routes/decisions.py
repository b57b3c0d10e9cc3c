"""Human oversight: record a decision on a candidate for a job (advance, hold or reject, with an optional reason),
list decisions, and open one with the match report as the recruiter saw it when deciding. Decisions are never
changed; a later one supersedes. Nothing but a person decides: the ranking orders, it never rejects."""

from __future__ import annotations

import uuid
from typing import Any

from fastapi import APIRouter, status
from pydantic import BaseModel, Field

from jobfit.http.deps import CurrentUser, Db
from jobfit.http.schemas import DecisionOut, Limit, Offset, Page, StoredObject, Text
from jobfit.services import decisions
from jobfit.services.decisions import MAX_REASON, Decision

router = APIRouter(prefix="/decisions", tags=["decisions"])


class DecisionIn(BaseModel):
    match_result_id: uuid.UUID
    decision: Decision
    reason: Text | None = Field(default=None, max_length=MAX_REASON)
    report_hash: str | None = Field(default=None, max_length=64, description=(
        "The report_hash of the match report the person had open (GET /decisions/report-hash/{match_result_id}); "
        "if the report changed since, the decision is refused with 409"))


class DecisionDetail(DecisionOut):
    report: StoredObject = Field(description="The match report as it was when the decision was made")


class ReportHash(BaseModel):
    match_result_id: uuid.UUID
    report_hash: str


@router.post("", status_code=status.HTTP_201_CREATED, response_model=DecisionOut)
def decide(body: DecisionIn, db: Db, user: CurrentUser) -> DecisionOut:
    """Record a person's decision on the match's candidate for its job, with a snapshot of the report; 409 when
    `report_hash` is given and the report has changed since."""
    row = decisions.decide(db, user.id, body.match_result_id, body.decision, body.reason, body.report_hash)
    return DecisionOut.model_validate(row)


@router.get("", response_model=Page[DecisionOut])
def list_decisions(db: Db, _user: CurrentUser, job_id: uuid.UUID | None = None, resume_id: uuid.UUID | None = None,
                   limit: Limit = 20, offset: Offset = 0) -> Page[DecisionOut]:
    rows, total = decisions.history(db, job_id=job_id, resume_id=resume_id, limit=limit, offset=offset)
    return Page(items=[DecisionOut.model_validate(r) for r in rows], total=total, limit=limit, offset=offset)


@router.get("/report-hash/{match_result_id}", response_model=ReportHash)
def report_hash(match_result_id: uuid.UUID, db: Db, _user: CurrentUser) -> ReportHash:
    """The content hash of the match report as it stands, to send back with a decision taken on it."""
    return ReportHash(match_result_id=match_result_id, report_hash=decisions.current_report_hash(db, match_result_id))


@router.get("/{decision_id}", response_model=DecisionDetail)
def get_decision(decision_id: uuid.UUID, db: Db, _user: CurrentUser) -> Any:
    return DecisionDetail.model_validate(decisions.get(db, decision_id))

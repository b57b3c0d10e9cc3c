"""Suggestions: list and regenerate a match's suggestions, decide on them, and apply accepted ones.

Lifecycle: pending -> implemented | rejected, and back to pending to undo a decision. Applying suggestions
creates a new resume version
(text and a DOCX), re-scores it against the same job and shows before/after.
"""

from __future__ import annotations

import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response, status
from pydantic import BaseModel, Field

from jobfit.http.deps import CurrentUser, Db, RuntimeDep
from jobfit.http.schemas import MatchOut, SuggestionOut, Text, match_out, suggestion_out
from jobfit.services import suggest

router = APIRouter(tags=["suggestions"])

SuggestionType = Literal["keyword", "skills", "experience", "format", "content"]
SuggestionStatus = Literal["pending", "implemented", "rejected"]


class SuggestionList(BaseModel):
    items: list[SuggestionOut]
    total: int
    warnings: list[str] = Field(default_factory=list)
    dropped_by_guard: int = 0


class GenerateIn(BaseModel):
    use_llm: bool = False


class DecisionIn(BaseModel):
    status: Literal["implemented", "rejected", "pending"]  # pending: undo the decision
    feedback: Text | None = Field(default=None, max_length=5000)


class ApplyIn(BaseModel):
    suggestion_ids: list[uuid.UUID] = Field(min_length=1, max_length=100)


class ApplyOut(BaseModel):
    resume_id: uuid.UUID
    title: str | None
    job_id: uuid.UUID
    applied: list[uuid.UUID]
    skipped: list[uuid.UUID]
    before: MatchOut
    after: MatchOut
    score_change: float
    content_text: str
    download_url: str


@router.get("/matching/results/{match_id}/suggestions", response_model=SuggestionList)
def list_suggestions(match_id: uuid.UUID, db: Db, _user: CurrentUser,
                     status_: Annotated[SuggestionStatus | None, Query(alias="status")] = None,
                     type_: Annotated[SuggestionType | None, Query(alias="type")] = None) -> SuggestionList:
    rows = suggest.listed(db, match_id, status_, type_)
    return SuggestionList(items=[suggestion_out(r) for r in rows], total=len(rows))


@router.post("/matching/results/{match_id}/suggestions/generate", response_model=SuggestionList)
def regenerate(match_id: uuid.UUID, body: GenerateIn, db: Db, user: CurrentUser,
               runtime: RuntimeDep) -> SuggestionList:
    """Re-score the pair and replace its pending suggestions (decided ones are kept)."""
    done = suggest.regenerate(db, runtime, user.id, match_id, body.use_llm)
    return SuggestionList(items=[suggestion_out(r) for r in done.rows], total=len(done.rows),
                          warnings=done.generated.warnings, dropped_by_guard=done.generated.dropped_by_guard)


@router.patch("/suggestions/{suggestion_id}", response_model=SuggestionOut)
def decide(suggestion_id: uuid.UUID, body: DecisionIn, db: Db, _user: CurrentUser) -> SuggestionOut:
    return suggestion_out(suggest.decide(db, suggestion_id, body.status, body.feedback))


@router.post("/resumes/{resume_id}/apply-suggestions", status_code=status.HTTP_201_CREATED,
             response_model=ApplyOut,
             responses={200: {"description": "These suggestions were applied to this resume before: that version"}})
def apply(resume_id: uuid.UUID, body: ApplyIn, db: Db, user: CurrentUser, runtime: RuntimeDep,
          response: Response) -> ApplyOut:
    """A new resume version with the chosen suggestions applied (pending or accepted ones; a rejected one is a
    409), re-scored against their job. The same set applied again answers 200 with the version it made."""
    done = suggest.apply(db, runtime, user.id, resume_id, body.suggestion_ids)
    if not done.created:
        response.status_code = status.HTTP_200_OK
    return ApplyOut(
        resume_id=done.resume.id, title=done.resume.title, job_id=done.job.id, applied=done.applied,
        skipped=done.skipped, before=match_out(done.before), after=match_out(done.after),
        score_change=round(float(done.after.overall_score) - float(done.before.overall_score), 2),
        content_text=done.text, download_url=f"/api/v1/documents/resumes/{done.resume.id}/file",
    )

"""Suggestions: list and regenerate a match's suggestions, decide on them, and apply accepted ones.

Lifecycle: pending -> implemented | rejected (once). Applying suggestions creates a new resume version
(text and a DOCX), re-scores it against the same job and shows before/after.
"""

from __future__ import annotations

import re
import uuid
from datetime import datetime
from typing import Annotated, Literal

from fastapi import APIRouter, HTTPException, Query, status
from pydantic import BaseModel, Field
from sqlalchemy import func, select

from jobfit.api import workflows
from jobfit.api.deps import CurrentUser, Db, RuntimeDep, get_or_404
from jobfit.api.routes.matching import MatchOut, match_out
from jobfit.api.schemas import Text
from jobfit.documents.docx_write import text_to_docx
from jobfit.documents.resume import parse_resume_text
from jobfit.pipeline import embed_chunks, resume_chunks, resume_profile
from jobfit.store import documents
from jobfit.store.models import JobDescription, MatchResultRow, Resume
from jobfit.store.models import Suggestion as SuggestionRow
from jobfit.store.suggestions import as_suggestion
from jobfit.suggestions import apply_suggestions

router = APIRouter(tags=["suggestions"])

SuggestionType = Literal["keyword", "skills", "experience", "format", "content"]
SuggestionStatus = Literal["pending", "implemented", "rejected"]


class SuggestionOut(BaseModel):
    id: uuid.UUID
    match_result_id: uuid.UUID
    suggestion_type: str
    category: str
    title: str
    description: str
    original_text: str | None
    suggested_text: str | None
    section_name: str | None
    line_number: int | None
    priority: int
    impact_score: float | None
    effort_estimate: str | None
    status: str
    implemented_at: datetime | None
    feedback: str | None
    ai_confidence: float | None
    generated_by: str | None
    created_at: datetime
    updated_at: datetime


class SuggestionList(BaseModel):
    items: list[SuggestionOut]
    total: int
    warnings: list[str] = Field(default_factory=list)
    dropped_by_guard: int = 0


class GenerateIn(BaseModel):
    use_llm: bool = False


class DecisionIn(BaseModel):
    status: Literal["implemented", "rejected"]
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


def suggestion_out(row: SuggestionRow) -> SuggestionOut:
    return SuggestionOut(
        id=row.id, match_result_id=row.match_result_id, suggestion_type=row.suggestion_type,
        category=row.category, title=row.title, description=row.description, original_text=row.original_text,
        suggested_text=row.suggested_text, section_name=row.section_name, line_number=row.line_number,
        priority=row.priority, impact_score=None if row.impact_score is None else float(row.impact_score),
        effort_estimate=row.effort_estimate, status=row.status, implemented_at=row.implemented_at,
        feedback=row.feedback, ai_confidence=None if row.ai_confidence is None else float(row.ai_confidence),
        generated_by=row.generated_by, created_at=row.created_at, updated_at=row.updated_at,
    )


def _ordered(db: Db, match_id: uuid.UUID, status_: str | None = None, type_: str | None = None) -> list[SuggestionRow]:
    query = select(SuggestionRow).where(SuggestionRow.match_result_id == match_id)
    if status_:
        query = query.where(SuggestionRow.status == status_)
    if type_:
        query = query.where(SuggestionRow.suggestion_type == type_)
    return list(db.scalars(query.order_by(SuggestionRow.priority, SuggestionRow.impact_score.desc().nulls_last(),
                                          SuggestionRow.created_at, SuggestionRow.id)))


@router.get("/matching/results/{match_id}/suggestions", response_model=SuggestionList)
def list_suggestions(match_id: uuid.UUID, db: Db, _user: CurrentUser,
                     status_: Annotated[SuggestionStatus | None, Query(alias="status")] = None,
                     type_: Annotated[SuggestionType | None, Query(alias="type")] = None) -> SuggestionList:
    get_or_404(db, MatchResultRow, match_id, "Match result")
    rows = _ordered(db, match_id, status_, type_)
    return SuggestionList(items=[suggestion_out(r) for r in rows], total=len(rows))


@router.post("/matching/results/{match_id}/suggestions/generate", response_model=SuggestionList)
def regenerate(match_id: uuid.UUID, body: GenerateIn, db: Db, user: CurrentUser,
               runtime: RuntimeDep) -> SuggestionList:
    """Re-score the pair and replace its pending suggestions (decided ones are kept)."""
    match = get_or_404(db, MatchResultRow, match_id, "Match result")
    llm = None
    if body.use_llm:
        llm = workflows.llm_config(runtime.settings)
        if llm is None:
            raise HTTPException(422, "No LLM is configured: set JOBFIT_LLM_BASE_URL (and JOBFIT_LLM_MODEL).")
    resume, job = db.get(Resume, match.resume_id), db.get(JobDescription, match.job_id)
    assert resume is not None and job is not None  # cascades keep matches and documents together
    pair = workflows.score_pair(db, user.id, resume, job)
    _rows, generated = workflows.suggest(db, user.id, pair, llm)
    db.commit()
    rows = _ordered(db, match_id)
    return SuggestionList(items=[suggestion_out(r) for r in rows], total=len(rows), warnings=generated.warnings,
                          dropped_by_guard=generated.dropped_by_guard)


@router.patch("/suggestions/{suggestion_id}", response_model=SuggestionOut)
def decide(suggestion_id: uuid.UUID, body: DecisionIn, db: Db, _user: CurrentUser) -> SuggestionOut:
    row = db.get(SuggestionRow, suggestion_id)
    if row is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "Suggestion not found")
    if row.status != "pending":
        raise HTTPException(status.HTTP_409_CONFLICT,
                            f"Suggestion is already {row.status}; only pending suggestions can be decided")
    row.status = body.status
    row.feedback = body.feedback
    row.implemented_at = func.now() if body.status == "implemented" else None
    db.commit()
    db.refresh(row)
    return suggestion_out(row)


def _version_title(title: str | None, filename: str) -> str:
    base = re.sub(r"\s*\(improved( \d+)?\)$", "", title or filename)
    return f"{base} (improved)"


@router.post("/resumes/{resume_id}/apply-suggestions", status_code=status.HTTP_201_CREATED,
             response_model=ApplyOut)
def apply(resume_id: uuid.UUID, body: ApplyIn, db: Db, user: CurrentUser, runtime: RuntimeDep) -> ApplyOut:
    """A new resume version with the chosen suggestions applied, re-scored against their job."""
    resume = db.get(Resume, resume_id)
    if resume is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "Resume not found")
    wanted = list(dict.fromkeys(body.suggestion_ids))
    rows = {r.id: r for r in db.scalars(select(SuggestionRow).where(SuggestionRow.id.in_(wanted)))}
    missing = [str(i) for i in wanted if i not in rows]
    if missing:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"Suggestion not found: {', '.join(missing[:5])}")
    match_ids = {r.match_result_id for r in rows.values()}
    matches = {m.id: m for m in db.scalars(select(MatchResultRow).where(MatchResultRow.id.in_(match_ids)))}
    if any(m.resume_id != resume.id for m in matches.values()) or len(matches) != 1:
        raise HTTPException(422, "All suggestions must come from one match result of this resume")
    before = next(iter(matches.values()))
    job = db.get(JobDescription, before.job_id)
    assert job is not None
    chosen = [rows[i] for i in wanted]
    old_text = resume.content_text or ""
    new_text = apply_suggestions(old_text, [as_suggestion(r) for r in chosen])
    applied = [r.id for r in chosen if apply_suggestions(old_text, [as_suggestion(r)]) != old_text]
    skipped = [r.id for r in chosen if r.id not in applied]
    if not applied:
        raise HTTPException(422, "None of these suggestions changes the resume text (advice only, or stale)")

    parsed = parse_resume_text(new_text)
    heading_lines = [s.start_line for s in parsed.sections.values()]
    docx = text_to_docx(new_text, heading_lines)
    parsed.metadata.file_type = "docx"
    parsed.metadata.parser = "jobfit-apply"
    parsed.contact_info = documents.parsed_resume(resume).contact_info.model_copy()
    chunks = resume_chunks(parsed)
    stem = (resume.original_filename.rsplit(".", 1)[0] or "resume")[:200]
    new_row = documents.add_resume(
        db, runtime.files, user_id=user.id, title=_version_title(resume.title, resume.original_filename),
        filename=f"{stem}-improved.docx", data=docx, parsed=parsed, chunks=chunks,
        vectors=embed_chunks(runtime.embedder, chunks), model=runtime.embedder.name,
        profile=resume_profile(parsed), commit=False,
    )
    new_row.metadata_ = {**new_row.metadata_, "derived_from": str(resume.id),
                         "applied_suggestions": [str(i) for i in applied]}
    after = workflows.score_pair(db, user.id, new_row, job)
    for r in chosen:
        if r.id in applied and r.status == "pending":
            r.status, r.implemented_at = "implemented", func.now()
    db.commit()  # publishes the new version's file (a failed commit deletes it)
    db.refresh(before)
    return ApplyOut(
        resume_id=new_row.id, title=new_row.title, job_id=job.id, applied=applied, skipped=skipped,
        before=match_out(before), after=match_out(after.row),
        score_change=round(float(after.row.overall_score) - float(before.overall_score), 2),
        content_text=new_text, download_url=f"/api/v1/documents/resumes/{new_row.id}/file",
    )

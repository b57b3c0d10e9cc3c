"""The match report: scores, the requirement table with its evidence lines, keywords, gaps and strengths,
suggestions to accept or reject and apply, ratings, and the printable and JSON exports."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from pydantic import ValidationError
from sqlalchemy import select
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response

from jobfit.api.deps import RuntimeDep, get_or_404
from jobfit.api.routes import feedback as feedback_routes
from jobfit.api.routes import matching as matching_routes
from jobfit.api.routes import suggestions as suggestion_routes
from jobfit.matching.models import MatchAnalysis, SkillGap, Strength
from jobfit.store.models import JobDescription, MatchResultRow, Resume, Suggestion, UserFeedback
from jobfit.web.deps import CheckedForm, PageDb, PageUser, field, form_id, redirect_to
from jobfit.web.rendering import PageError, render

router = APIRouter(include_in_schema=False)

SUB_SCORES = ("skills_score", "experience_score", "education_score", "keyword_score")


def _api_refusal(exc: StarletteHTTPException) -> PageError:
    detail = exc.detail if isinstance(exc.detail, str) else "The request could not be handled."
    return PageError(exc.status_code, detail, getattr(exc, "code", None))


@router.post("/matches")
def analyze(form: CheckedForm, db: PageDb, user: PageUser) -> Response:
    body = matching_routes.AnalyzeIn(resume_id=form_id(form, "resume_id"), job_id=form_id(form, "job_id"))
    try:
        result = matching_routes.analyze(body, db, user, Response())
    except StarletteHTTPException as exc:
        raise _api_refusal(exc) from None
    return redirect_to(f"/matches/{result.id}")


def _ratings(db: PageDb, ids: list[uuid.UUID]) -> dict[uuid.UUID, int]:
    """The latest rating the user gave each of these targets."""
    rows = db.scalars(select(UserFeedback).where(UserFeedback.target_id.in_(ids))
                      .order_by(UserFeedback.created_at))
    return {r.target_id: r.rating for r in rows if r.target_id is not None}


def report_context(db: PageDb, match_id: uuid.UUID) -> dict[str, object]:
    row = get_or_404(db, MatchResultRow, match_id, "Match result")
    resume, job = db.get(Resume, row.resume_id), db.get(JobDescription, row.job_id)
    suggestions = suggestion_routes._ordered(db, row.id)
    return {
        "match": row, "resume": resume, "job": job,
        "analysis": MatchAnalysis.model_validate(row.match_analysis or {"summary": ""}),
        "gaps": [SkillGap.model_validate(g) for g in row.skill_gaps or []],
        "strengths": [Strength.model_validate(s) for s in row.strengths or []],
        "suggestions": suggestions, "sub_scores": SUB_SCORES,
        "lines": ((resume.content_text if resume else "") or "").split("\n"),
        "ratings": _ratings(db, [row.id, *(s.id for s in suggestions)]),
        "accepted": sum(s.status == "implemented" for s in suggestions),
    }


@router.get("/matches/{match_id}")
def report(request: Request, match_id: uuid.UUID, db: PageDb, _user: PageUser, before: str = "") -> Response:
    context = report_context(db, match_id)
    earlier = None
    if before:
        try:
            earlier = db.get(MatchResultRow, uuid.UUID(before))
        except ValueError:
            earlier = None
    job = context["job"]
    return render(request, "match.html", title=f"Match: {getattr(job, 'title', '')}", before=earlier, **context)


@router.get("/matches/{match_id}/print")
def printable(request: Request, match_id: uuid.UUID, db: PageDb, _user: PageUser) -> Response:
    context = report_context(db, match_id)
    return render(request, "match_print.html", title="Match report", **context)


@router.get("/matches/{match_id}/export.json")
def export_json(match_id: uuid.UUID, db: PageDb, _user: PageUser) -> Response:
    row = get_or_404(db, MatchResultRow, match_id, "Match result")
    body = {"match": matching_routes.match_out(row).model_dump(mode="json"),
            "suggestions": [suggestion_routes.suggestion_out(s).model_dump(mode="json")
                            for s in suggestion_routes._ordered(db, row.id)]}
    return JSONResponse(body, headers={"Content-Disposition": f'attachment; filename="match-{row.id}.json"'})


@router.post("/suggestions/{suggestion_id}/decide")
def decide(suggestion_id: uuid.UUID, form: CheckedForm, db: PageDb, user: PageUser) -> Response:
    decision = field(form, "decision")
    if decision not in {"accept", "reject"}:
        raise PageError(422, "Choose Accept or Reject.", "invalid_choice")
    row = db.get(Suggestion, suggestion_id)
    if row is None:
        raise PageError(404, "Suggestion not found.", "not_found")
    match_id = row.match_result_id
    body = suggestion_routes.DecisionIn(status="implemented" if decision == "accept" else "rejected")
    try:
        suggestion_routes.decide(suggestion_id, body, db, user)
    except StarletteHTTPException as exc:
        raise _api_refusal(exc) from None
    return redirect_to(f"/matches/{match_id}#suggestion-{suggestion_id}")


@router.post("/matches/{match_id}/suggest")
def suggest(match_id: uuid.UUID, _form: CheckedForm, db: PageDb, user: PageUser, runtime: RuntimeDep) -> Response:
    """Re-score the pair and make its suggestions again (decided ones are kept)."""
    try:
        suggestion_routes.regenerate(match_id, suggestion_routes.GenerateIn(), db, user, runtime)
    except StarletteHTTPException as exc:
        raise _api_refusal(exc) from None
    return redirect_to(f"/matches/{match_id}#suggestions-heading")


@router.post("/matches/{match_id}/apply")
def apply_accepted(match_id: uuid.UUID, _form: CheckedForm, db: PageDb, user: PageUser,
                   runtime: RuntimeDep) -> Response:
    row = get_or_404(db, MatchResultRow, match_id, "Match result")
    accepted = [s.id for s in suggestion_routes._ordered(db, row.id, "implemented")]
    if not accepted:
        raise PageError(422, "Accept at least one suggestion first, then apply.", "nothing_accepted")
    try:
        applied = suggestion_routes.apply(row.resume_id, suggestion_routes.ApplyIn(suggestion_ids=accepted), db, user,
                                          runtime)
    except StarletteHTTPException as exc:
        raise _api_refusal(exc) from None
    return redirect_to(f"/matches/{applied.after.id}?before={row.id}")


@router.post("/ratings")
def rate(form: CheckedForm, db: PageDb, user: PageUser) -> Response:
    target_type = field(form, "target_type")
    try:
        body = feedback_routes.FeedbackIn(target_type=target_type, target_id=form_id(form, "target_id"),
                                          rating=field(form, "rating") or 0)
    except ValidationError:
        raise PageError(422, "Choose a rating from 1 to 5.", "invalid_rating") from None
    try:
        feedback_routes.give_feedback(body, db, user)
    except StarletteHTTPException as exc:
        raise _api_refusal(exc) from None
    if target_type == "suggestion":
        suggestion = db.get(Suggestion, body.target_id)
        assert suggestion is not None
        return redirect_to(f"/matches/{suggestion.match_result_id}#suggestion-{suggestion.id}")
    return redirect_to(f"/matches/{body.target_id}#rating")

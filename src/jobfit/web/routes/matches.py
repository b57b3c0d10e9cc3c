"""The match report: scores, the requirement table with its evidence lines, keywords, gaps and strengths,
suggestions to accept or reject and apply, ratings, and the printable and JSON exports."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from pydantic import ValidationError
from starlette.responses import Response

from jobfit.http.deps import RuntimeDep
from jobfit.http.schemas import FeedbackIn, match_out, suggestion_out
from jobfit.matching.models import SUB_SCORES, MatchAnalysis, SkillGap, Strength
from jobfit.services import analyze as analysis
from jobfit.services import decision_log, feedback
from jobfit.services import report as match_report
from jobfit.services import suggest as suggestions
from jobfit.services.errors import get_or_raise
from jobfit.store.models import MatchResultRow, Suggestion
from jobfit.store.rows import find
from jobfit.web.deps import CheckedForm, PageDb, PageUser, field, form_id, redirect_to
from jobfit.web.rendering import PageError, render
from jobfit.web.routes.recruiter import back_to_ranking

router = APIRouter(include_in_schema=False)



@router.post("/matches")
def analyze(form: CheckedForm, db: PageDb, user: PageUser, runtime: RuntimeDep) -> Response:
    pair = analysis.analyze(db, user.id, form_id(form, "resume_id"), form_id(form, "job_id"), runtime.embedder)
    return redirect_to(f"/matches/{pair.row.id}")


def report_context(db: PageDb, match_id: uuid.UUID) -> dict[str, object]:
    """The report page's context: the match report (`services/report.py`) and how the page lays it out."""
    found = match_report.report(db, match_id)
    row, resume = found.match, found.resume
    return {
        "decisions": found.decisions, "report_hash": found.report_hash,
        "match": row, "resume": resume, "job": found.job,
        "analysis": MatchAnalysis.model_validate(row.match_analysis or {"summary": ""}),
        "gaps": [SkillGap.model_validate(g) for g in row.skill_gaps or []],
        "strengths": [Strength.model_validate(s) for s in row.strengths or []],
        "suggestions": found.suggestions, "sub_scores": SUB_SCORES,
        "raising": found.raising, "folded": found.folded,
        "lines": ((resume.content_text if resume else "") or "").split("\n"),
        "ratings": found.ratings,
        "accepted": sum(s.status == "implemented" for s in found.suggestions),
        "job_warnings": found.job_warnings, "parts": found.parts,
    }


@router.get("/matches/{match_id}")
def report(request: Request, match_id: uuid.UUID, db: PageDb, _user: PageUser, before: str = "",
           ranking: str = "") -> Response:
    context = report_context(db, match_id)
    earlier = None
    if before:
        try:
            earlier = find(db, MatchResultRow, uuid.UUID(before))
        except ValueError:
            earlier = None
    job = context["job"]
    return render(request, "match.html", title=f"Match: {getattr(job, 'title', '')}", before=earlier,
                  back=back_to_ranking(ranking) if ranking else None, **context)


@router.get("/matches/{match_id}/print")
def printable(request: Request, match_id: uuid.UUID, db: PageDb, user: PageUser) -> Response:
    context = report_context(db, match_id)
    decision_log.report_exported(db, user.id, context["match"], "match_print")  # type: ignore[arg-type]
    return render(request, "match_print.html", title="Match report", **context)


@router.get("/matches/{match_id}/export.json")
def export_json(match_id: uuid.UUID, db: PageDb, user: PageUser) -> Response:
    row = get_or_raise(db, MatchResultRow, match_id, "Match result")
    body = {"match": match_out(row).model_dump(mode="json"),
            "suggestions": [suggestion_out(s).model_dump(mode="json") for s in suggestions.listed(db, row.id)]}
    decision_log.report_exported(db, user.id, row, "match_json")
    return JSONResponse(body, headers={"Content-Disposition": f'attachment; filename="match-{row.id}.json"'})


@router.post("/suggestions/{suggestion_id}/decide")
def decide(suggestion_id: uuid.UUID, form: CheckedForm, db: PageDb, user: PageUser) -> Response:
    status = {"accept": "implemented", "reject": "rejected", "undo": "pending"}.get(field(form, "decision"))
    if status is None:
        raise PageError(422, "Choose Accept, Reject or Undo.", "invalid_choice")
    row = suggestions.decide(db, suggestion_id, status)
    return redirect_to(f"/matches/{row.match_result_id}#suggestion-{suggestion_id}")


@router.post("/matches/{match_id}/suggest")
def suggest(match_id: uuid.UUID, _form: CheckedForm, db: PageDb, user: PageUser, runtime: RuntimeDep) -> Response:
    """Re-score the pair and make its suggestions again (decided ones are kept)."""
    suggestions.regenerate(db, runtime, user.id, match_id)
    return redirect_to(f"/matches/{match_id}#suggestions-heading")


@router.post("/matches/{match_id}/apply")
def apply_accepted(match_id: uuid.UUID, _form: CheckedForm, db: PageDb, user: PageUser,
                   runtime: RuntimeDep) -> Response:
    row = get_or_raise(db, MatchResultRow, match_id, "Match result")
    accepted = [s.id for s in suggestions.listed(db, row.id, "implemented")]
    if not accepted:
        raise PageError(422, "Accept at least one suggestion first, then apply.", "nothing_accepted")
    applied = suggestions.apply(db, runtime, user.id, row.resume_id, accepted)
    return redirect_to(f"/matches/{applied.after.id}?before={row.id}")


@router.post("/ratings")
def rate(form: CheckedForm, db: PageDb, user: PageUser) -> Response:
    target_type = field(form, "target_type")
    try:
        body = FeedbackIn(target_type=target_type, target_id=form_id(form, "target_id"),
                          rating=field(form, "rating") or 0)
    except ValidationError:
        raise PageError(422, "Choose a rating from 1 to 5.", "invalid_rating") from None
    feedback.give(db, user.id, **body.model_dump())
    if target_type == "suggestion":
        suggestion = find(db, Suggestion, body.target_id)
        assert suggestion is not None
        return redirect_to(f"/matches/{suggestion.match_result_id}#suggestion-{suggestion.id}")
    return redirect_to(f"/matches/{body.target_id}#rating")

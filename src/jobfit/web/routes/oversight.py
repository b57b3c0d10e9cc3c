"""Human oversight and transparency pages: record a decision on a candidate from their match report, open a decision
with the report as it was seen, the candidate's explanation (page and print view), and the decision log (a page of
it, and its JSON Lines export)."""

from __future__ import annotations

import uuid
from datetime import datetime

from fastapi import APIRouter, Request
from fastapi.responses import StreamingResponse
from starlette.responses import Response

from jobfit.http.deps import RuntimeDep
from jobfit.matching.models import SUB_SCORES, MatchAnalysis, SkillGap, Strength
from jobfit.services import decision_log, decisions, explanation
from jobfit.services.decision_log import ACTIONS
from jobfit.services.decisions import DECISIONS, MAX_REASON
from jobfit.web.deps import CheckedForm, PageDb, PageUser, field, redirect_to
from jobfit.web.rendering import PageError, render

router = APIRouter(include_in_schema=False)
LOG_PAGE = 50


@router.post("/matches/{match_id}/decision")
def decide(match_id: uuid.UUID, form: CheckedForm, db: PageDb, user: PageUser) -> Response:
    choice = field(form, "decision")
    if choice not in DECISIONS:
        raise PageError(422, "Choose Advance, Hold or Reject.", "invalid_choice")
    reason = field(form, "reason", MAX_REASON + 1, strip=False)
    if len(reason.strip()) > MAX_REASON:
        raise PageError(422, f"Keep the reason under {MAX_REASON} characters.", "too_long")
    decisions.decide(db, user.id, match_id, choice, reason, field(form, "report_hash", 64) or None)  # type: ignore[arg-type]
    return redirect_to(f"/matches/{match_id}#decision-heading")


@router.get("/decisions/{decision_id}")
def decision_page(request: Request, decision_id: uuid.UUID, db: PageDb, _user: PageUser) -> Response:
    """The decision, and the match report exactly as it was when the decision was made (its stored snapshot)."""
    found = decisions.view(db, decision_id)
    seen = found.decision.report
    return render(request, "decision.html", title="Decision", decision=found.decision, seen=seen,
                  analysis=MatchAnalysis.model_validate(seen.get("match_analysis") or {"summary": ""}),
                  gaps=[SkillGap.model_validate(g) for g in seen.get("skill_gaps") or []],
                  strengths=[Strength.model_validate(s) for s in seen.get("strengths") or []],
                  sub_scores=SUB_SCORES, current=found.current, changed=found.changed, resume=found.resume,
                  job=found.job)


def _explanation(request: Request, db: PageDb, user: PageUser, match_id: uuid.UUID, template: str,
                 kind: str) -> Response:
    explained = explanation.explanation(db, user.id, match_id, kind=kind)
    return render(request, template, title=f"Your match: {explained.job_title}", explained=explained,
                  match_id=match_id)


@router.get("/matches/{match_id}/explanation")
def explanation_page(request: Request, match_id: uuid.UUID, db: PageDb, user: PageUser) -> Response:
    return _explanation(request, db, user, match_id, "explanation.html", "explanation")


@router.get("/matches/{match_id}/explanation/print")
def explanation_print(request: Request, match_id: uuid.UUID, db: PageDb, user: PageUser) -> Response:
    return _explanation(request, db, user, match_id, "explanation_print.html", "explanation_print")


@router.get("/decision-log")
def log_page(request: Request, db: PageDb, _user: PageUser, action: str = "", offset: int = 0) -> Response:
    chosen = action if action in ACTIONS else None
    offset = max(0, min(offset, 10**9))
    rows, total = decision_log.page(db, action=chosen, limit=LOG_PAGE, offset=offset)
    return render(request, "decision_log.html", title="Decision log", rows=rows, total=total, offset=offset,
                  page_size=LOG_PAGE, action=chosen, actions=ACTIONS)


@router.get("/decision-log/export.jsonl")
def log_export(db: PageDb, user: PageUser, runtime: RuntimeDep) -> Response:
    decision_log.record_log_export(db, user.id)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    return StreamingResponse(decision_log.export_as_user(runtime.db, user.id), media_type="application/x-ndjson",
                             headers={"Content-Disposition": f'attachment; filename="decision-log-{stamp}.jsonl"'})

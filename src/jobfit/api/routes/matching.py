"""Matching: analyse one resume against one job, list and delete results, rank many against one, the recruiter's
view of a job's ranking (with or without the must-have filter, sorted by any score, as JSON or CSV), and a result's
explanation for its candidate.

Every stored result is the full explainable MatchResult (scores, requirement table with evidence lines,
gaps, strengths). Ids that do not exist or belong to someone else are 404 alike (RLS hides them).
"""

from __future__ import annotations

import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response, status
from pydantic import BaseModel, Field

from jobfit.http.deps import CurrentUser, Db, RuntimeDep
from jobfit.http.schemas import DecisionOut, Limit, MatchOut, Offset, Page, SuggestionOut, match_out, suggestion_out
from jobfit.matching.candidate_explanation import CandidateExplanation
from jobfit.matching.models import OverallPart
from jobfit.services import analyze as analyze_service
from jobfit.services import explanation, library, ranking, report, shortlist
from jobfit.services.errors import get_or_raise
from jobfit.services.ranking import Ranking
from jobfit.services.shortlist import SORTABLE
from jobfit.store.models import MatchResultRow

router = APIRouter(prefix="/matching", tags=["matching"])


class AnalyzeIn(BaseModel):
    resume_id: uuid.UUID
    job_id: uuid.UUID


class RankResumesIn(BaseModel):
    job_id: uuid.UUID
    resume_ids: list[uuid.UUID] | None = Field(default=None, max_length=5000)
    top_k: int = Field(default=20, ge=1, le=500)


class RankJobsIn(BaseModel):
    resume_id: uuid.UUID
    job_ids: list[uuid.UUID] | None = Field(default=None, max_length=5000)
    top_k: int = Field(default=20, ge=1, le=500)


class RankOut(BaseModel):
    candidates_considered: int
    total_documents: int
    results: list[MatchOut]


def rank_out(ranking: Ranking) -> RankOut:
    return RankOut(candidates_considered=ranking.candidates_considered, total_documents=ranking.total_documents,
                   results=[match_out(r) for r in ranking.results])


@router.post("/analyze", status_code=status.HTTP_201_CREATED, response_model=MatchOut,
             responses={200: {"description": "The pair was analysed before: its result was updated"}})
def analyze(body: AnalyzeIn, db: Db, user: CurrentUser, runtime: RuntimeDep, response: Response) -> MatchOut:
    pair = analyze_service.analyze(db, user.id, body.resume_id, body.job_id, runtime.embedder)
    if not pair.created:
        response.status_code = status.HTTP_200_OK
    return match_out(pair.row)


@router.get("/results", response_model=Page[MatchOut])
def list_results(
    db: Db, _user: CurrentUser,
    resume_id: uuid.UUID | None = None, job_id: uuid.UUID | None = None,
    min_score: Annotated[float | None, Query(ge=0, le=100)] = None,
    sort: Literal["score", "date"] = "score",
    limit: Limit = 20, offset: Offset = 0,
) -> Page[MatchOut]:
    rows, total = library.match_results(db, resume_id=resume_id, job_id=job_id, min_score=min_score, sort=sort,
                                        limit=limit, offset=offset)
    return Page(items=[match_out(r) for r in rows], total=total, limit=limit, offset=offset)


@router.get("/results/{match_id}", response_model=MatchOut)
def get_result(match_id: uuid.UUID, db: Db, _user: CurrentUser) -> MatchOut:
    return match_out(get_or_raise(db, MatchResultRow, match_id, "Match result"))


@router.delete("/results/{match_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_result(match_id: uuid.UUID, db: Db, _user: CurrentUser) -> Response:
    analyze_service.delete_result(db, match_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post("/rank-resumes", response_model=RankOut)
def rank_resumes_for_job(body: RankResumesIn, db: Db, user: CurrentUser, runtime: RuntimeDep) -> RankOut:
    return rank_out(ranking.rank_resumes_for_job(db, user.id, body.job_id, runtime.embedder, body.resume_ids,
                                                 body.top_k))


@router.post("/rank-jobs", response_model=RankOut)
def rank_jobs_for_resume(body: RankJobsIn, db: Db, user: CurrentUser, runtime: RuntimeDep) -> RankOut:
    return rank_out(ranking.rank_jobs_for_resume(db, user.id, body.resume_id, runtime.embedder, body.job_ids,
                                                 body.top_k))

class ShortlistItem(BaseModel):
    match_result_id: uuid.UUID
    resume_id: uuid.UUID
    name: str
    overall_score: float
    skills_score: float | None
    experience_score: float | None
    education_score: float | None
    keyword_score: float | None
    confidence_score: float | None
    required_skills_met: int
    required_skills: int
    decision: str | None = Field(description="The latest decision a person recorded (advance, hold, reject)")


class ShortlistOut(BaseModel):
    job_id: uuid.UUID
    filter: str | None = Field(description="The filter applied (none when must_haves is false)")
    candidates: int = Field(description="Every ranked candidate of the job (the filter hides, it never rejects)")
    shown: int
    items: list[ShortlistItem]


Sort = Annotated[Literal[SORTABLE], Query(description="The score to sort by")]
Order = Annotated[Literal["desc", "asc"], Query(description="desc: highest first")]
MustHaves = Annotated[bool, Query(description="Keep only the candidates who meet every required skill (the "
                                             "must-have filter; applying it is logged). false: every candidate")]
RANKING_CSV = {200: {"description": "The view as CSV, one row per candidate in the order shown",
                     "content": {"text/csv": {"schema": {"type": "string"}}}}}


@router.get("/shortlist", response_model=ShortlistOut)
def shortlist_of_job(job_id: uuid.UUID, db: Db, user: CurrentUser, sort: Sort = "overall_score",
                     order: Order = "desc", must_haves: MustHaves = True) -> ShortlistOut:
    """The recruiter's view of the job's ranked candidates (run a ranking first): those who meet every required
    skill, or with `must_haves=false` all of them, sorted by any score, each with its requirement counts and the
    latest decision a person recorded. The ranking orders; the filter hides, it never rejects."""
    sort_by, descending = shortlist.view_options(sort, order)
    kept = shortlist.view(db, user.id, job_id, must_haves=must_haves, sort=sort_by, descending=descending)
    return ShortlistOut(job_id=job_id, filter=shortlist.MUST_HAVE_FILTER if must_haves else None,
                        candidates=kept.candidates, shown=len(kept.shown), items=[
        ShortlistItem(match_result_id=c.match.id, resume_id=c.match.resume_id, name=c.document, **c.scores,
                      required_skills_met=c.required_met, required_skills=c.required_total,
                      decision=c.decision.decision if c.decision else None)
        for c in kept.shown])


@router.get("/shortlist/csv", response_class=Response, responses=RANKING_CSV)
def shortlist_csv(job_id: uuid.UUID, db: Db, user: CurrentUser, sort: Sort = "overall_score", order: Order = "desc",
                  must_haves: MustHaves = True) -> Response:
    """The same view as CSV (candidate, contact, scores, requirement counts, decision); the export is logged."""
    sort_by, descending = shortlist.view_options(sort, order)
    rows = shortlist.export(db, user.id, job_id, must_haves=must_haves, sort=sort_by, descending=descending)
    return Response(shortlist.as_csv(rows), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="ranking-{job_id}.csv"'})


class MatchReportOut(BaseModel):
    """Everything the match report page shows, for a program."""

    match: MatchOut
    suggestions: list[SuggestionOut] = Field(description="Most important first")
    worth_a_look: list[uuid.UUID] = Field(description="The suggestions the page shows first: those measured to "
                                                      "raise the score by 0.1 point or more, and decided ones")
    decisions: list[DecisionOut] = Field(description="On this candidate for this job, the latest first")
    report_hash: str = Field(description="What a decision sends back (POST /decisions), to be refused with 409 if "
                                         "the report changes meanwhile")
    ratings: dict[uuid.UUID, int] = Field(description="Your latest rating of the match and of each suggestion")
    job_warnings: list[str] = Field(description="Why a match against this ad says little, if it does")
    score_parts: list[OverallPart] = Field(description="How the overall score is made: value, weight, points")


@router.get("/results/{match_id}/report", response_model=MatchReportOut)
def match_report(match_id: uuid.UUID, db: Db, _user: CurrentUser) -> MatchReportOut:
    """The match report as the report page shows it: the result, its suggestions, the decisions recorded, the
    ratings, the ad's warnings and the parts of the overall score."""
    found = report.report(db, match_id)
    return MatchReportOut(
        match=match_out(found.match), suggestions=[suggestion_out(s) for s in found.suggestions],
        worth_a_look=[s.id for s in found.raising],
        decisions=[DecisionOut.model_validate(d) for d in found.decisions], report_hash=found.report_hash,
        ratings=found.ratings, job_warnings=found.job_warnings, score_parts=found.parts)


@router.get("/results/{match_id}/explanation", response_model=CandidateExplanation)
def explain_to_candidate(match_id: uuid.UUID, db: Db, user: CurrentUser) -> CandidateExplanation:
    """The explanation of this match for its candidate: the requirements, the resume lines used as evidence and how
    the score was made, with no other candidate's data. Producing it is logged as an export."""
    return explanation.explanation(db, user.id, match_id)

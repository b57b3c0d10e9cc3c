"""Matching: analyse one resume against one job, list and delete results, rank many against one.

Every stored result is the full explainable MatchResult (scores, requirement table with evidence lines,
gaps, strengths). Ids that do not exist or belong to someone else are 404 alike (RLS hides them).
"""

from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Query, Response, status
from pydantic import BaseModel, Field
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from jobfit.api import workflows
from jobfit.api.deps import CurrentUser, Db, RuntimeDep, get_or_404
from jobfit.api.schemas import Limit, Offset, Page
from jobfit.documents.models import ParsedJob
from jobfit.matching import prepare_job, rank_jobs
from jobfit.matching.models import MatchResult
from jobfit.matching.parallel import ScoringPool, UnreadableProfiles, rank_stored_resumes
from jobfit.matching.scores import full_text_query, job_vector_kinds, resume_vector_kinds
from jobfit.perf import paused_gc
from jobfit.store import documents, matches, profiles
from jobfit.store.models import JobDescription, JobEmbedding, MatchResultRow, Resume, ResumeEmbedding

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


class MatchOut(BaseModel):
    id: uuid.UUID
    resume_id: uuid.UUID
    job_id: uuid.UUID
    overall_score: float
    confidence_score: float
    skills_score: float | None
    experience_score: float | None
    education_score: float | None
    keyword_score: float | None
    section_scores: dict[str, Any]
    match_analysis: dict[str, Any]
    skill_gaps: list[Any]
    strengths: list[Any]
    processing_time_ms: int | None
    algorithm_version: str | None
    created_at: datetime


class RankOut(BaseModel):
    candidates_considered: int
    total_documents: int
    results: list[MatchOut]


def match_out(row: MatchResultRow) -> MatchOut:
    def num(v: Any) -> float | None:
        return None if v is None else float(v)

    return MatchOut(
        id=row.id, resume_id=row.resume_id, job_id=row.job_id, overall_score=float(row.overall_score),
        confidence_score=float(row.confidence_score), skills_score=num(row.skills_score),
        experience_score=num(row.experience_score), education_score=num(row.education_score),
        keyword_score=num(row.keyword_score), section_scores=row.section_scores or {},
        match_analysis=row.match_analysis or {}, skill_gaps=row.skill_gaps or [], strengths=row.strengths or [],
        processing_time_ms=row.processing_time_ms, algorithm_version=row.algorithm_version,
        created_at=row.created_at,
    )


@router.post("/analyze", status_code=status.HTTP_201_CREATED, response_model=MatchOut,
             responses={200: {"description": "The pair was analysed before: its result was updated"}})
def analyze(body: AnalyzeIn, db: Db, user: CurrentUser, response: Response) -> MatchOut:
    resume = get_or_404(db, Resume, body.resume_id, "Resume")
    job = get_or_404(db, JobDescription, body.job_id, "Job description")
    pair = workflows.score_pair(db, user.id, resume, job)
    workflows.suggest(db, user.id, pair)  # offline rules: fast, deterministic, never blocks
    db.commit()
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
    rows, total = matches.list_matches(db, resume_id=resume_id, job_id=job_id, min_score=min_score, sort=sort,
                                       limit=limit, offset=offset)
    return Page(items=[match_out(r) for r in rows], total=total, limit=limit, offset=offset)


@router.get("/results/{match_id}", response_model=MatchOut)
def get_result(match_id: uuid.UUID, db: Db, _user: CurrentUser) -> MatchOut:
    return match_out(get_or_404(db, MatchResultRow, match_id, "Match result"))


@router.delete("/results/{match_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_result(match_id: uuid.UUID, db: Db, _user: CurrentUser) -> Response:
    db.delete(get_or_404(db, MatchResultRow, match_id, "Match result"))
    db.commit()
    return Response(status_code=status.HTTP_204_NO_CONTENT)


def rank_resume_candidates(db: Session, job: ParsedJob, job_vectors: dict, ids: list[uuid.UUID], top_k: int,
                           scoring: ScoringPool | None = None) -> list[tuple[uuid.UUID, MatchResult]]:
    """Load the candidates' stored profiles and vectors and rank them (the second stage of ranking).

    Profiles of an older version, or whose stored text does not decode, are rebuilt from their rows and saved
    (`store.profiles.current_profiles`).

    `scoring` spreads the scoring over its helper processes; without it everything runs in this process.
    """
    rank = scoring.rank if scoring is not None else rank_stored_resumes

    def load() -> tuple[dict[uuid.UUID, str], dict[uuid.UUID, dict]]:
        texts = profiles.current_profiles(db, ids)
        return texts, documents.vectors_of_many(db, ResumeEmbedding, ResumeEmbedding.resume_id, ids,
                                                resume_vector_kinds())

    with paused_gc(), ThreadPoolExecutor(1, thread_name_prefix="jobfit-load") as loader:
        # The job's requirements are extracted while Postgres reads the candidates (the session is used by the
        # loading thread alone until it is done): ~6 ms of the request's critical path.
        loading = loader.submit(load)
        prepared = prepare_job(job)
        texts, vectors = loading.result()
    try:
        return rank(prepared, [(i, texts[i], vectors[i]) for i in ids if i in texts], top_k,
                    job_vectors=job_vectors)
    except UnreadableProfiles as exc:  # damaged stored text: rebuild those from their rows, then rank again
        texts = profiles.current_profiles(db, ids, rebuild=exc.ids)
        return rank(prepared, [(i, texts[i], vectors[i]) for i in ids if i in texts], top_k,
                    job_vectors=job_vectors)


def resume_query_vector(job_vectors: dict) -> Any:
    """The job vector that finds candidate resumes (k-NN over their full-text vectors): `scores.full_text_query`,
    the job's requirements digest (title + asked-for skills) and full text, each weighted by its share of the
    semantic component (exact recall@20 at 700 resumes, 20 postings: 0.92 -> 0.93 over the digest alone)."""
    return full_text_query(job_vectors)


def candidate_pool(top_k: int) -> int:
    """How many k-NN candidates are fully re-scored for a top-k request (`bench/ranking.py` measures the recall)."""
    return max(3 * top_k, 60)


def _candidates(db: Session, model: type, wanted: list[uuid.UUID] | None, query_vector: Any, top_k: int,
                nearest: Any, pool: int | None = None) -> tuple[list[uuid.UUID], int]:
    """Explicit ids are all scored (each must exist); otherwise k-NN narrows the user's documents to `pool`
    candidates (default `candidate_pool(top_k)`)."""
    if wanted is not None:
        wanted = list(dict.fromkeys(wanted))
        found = set(db.scalars(select(model.id).where(model.id.in_(wanted))))
        missing = [str(i) for i in wanted if i not in found]
        if missing:
            raise HTTPException(status.HTTP_404_NOT_FOUND, f"not found: {', '.join(missing[:5])}")
        return wanted, len(wanted)
    total = db.scalar(select(func.count()).select_from(model)) or 0
    pool = candidate_pool(top_k) if pool is None else pool
    if total <= pool or query_vector is None:
        return list(db.scalars(select(model.id))), total
    return nearest(db, query_vector, pool), total


@router.post("/rank-resumes", response_model=RankOut)
def rank_resumes_for_job(body: RankResumesIn, db: Db, user: CurrentUser, runtime: RuntimeDep) -> RankOut:
    job = get_or_404(db, JobDescription, body.job_id, "Job description")
    job_vectors = documents.vectors_of(db, JobEmbedding, JobEmbedding.job_id, job.id)
    ids, total = _candidates(db, Resume, body.resume_ids, resume_query_vector(job_vectors), body.top_k,
                             matches.nearest_resumes)
    ranked = rank_resume_candidates(db, documents.parsed_job(job), job_vectors, ids, body.top_k, runtime.scoring)
    stored = [matches.upsert_match(db, user_id=user.id, resume_id=rid, job_id=job.id, result=res)[0]
              for rid, res in ranked]
    db.commit()
    return RankOut(candidates_considered=len(ids), total_documents=total, results=[match_out(r) for r in stored])


@router.post("/rank-jobs", response_model=RankOut)
def rank_jobs_for_resume(body: RankJobsIn, db: Db, user: CurrentUser) -> RankOut:
    resume = get_or_404(db, Resume, body.resume_id, "Resume")
    resume_vectors = documents.vectors_of(db, ResumeEmbedding, ResumeEmbedding.resume_id, resume.id)
    ids, total = _candidates(db, JobDescription, body.job_ids, resume_vectors.get("full_text"), body.top_k,
                             matches.nearest_jobs)
    with paused_gc():
        rows = {j.id: j for j in db.scalars(select(JobDescription).where(JobDescription.id.in_(ids)))}
        vectors = documents.vectors_of_many(db, JobEmbedding, JobEmbedding.job_id, ids, job_vector_kinds())
        ranked = rank_jobs(documents.parsed_resume(resume),
                           [(i, documents.parsed_job(rows[i]), vectors[i]) for i in ids if i in rows],
                           body.top_k, resume_vectors=resume_vectors)
    stored = [matches.upsert_match(db, user_id=user.id, resume_id=resume.id, job_id=jid, result=res)[0]
              for jid, res in ranked]
    db.commit()
    return RankOut(candidates_considered=len(ids), total_documents=total, results=[match_out(r) for r in stored])

"""Rank stored documents: the best resumes for a job (`rank_resumes_for_job`) or jobs for a resume.

Two stages. Candidates: explicit ids are all scored (each must exist); otherwise pgvector k-NN narrows the
user's documents to `candidate_pool(top_k)`. Scoring: every candidate is scored and the best `top_k`
explained by the one ranking loop of `matching.rank`, in its one order (`rank_key`: score descending, equal
scores by `Upload`, the earlier upload first); the results are stored as match results. Resumes are read as
their stored profiles with their statement vectors (`reprofile.scoring_profiles`), jobs with their requirement
contexts' vectors (`analyze.meaning_job`): with the embedder that made them, evidence is checked by meaning
exactly as `analyze` checks it. Each ranking is logged with its results
(`decision_log.record_ranking`).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from typing import Any, NamedTuple

import numpy as np
from sqlalchemy.orm import Session

from jobfit.documents.models import ParsedJob
from jobfit.embeddings.base import Embedder, Vectors
from jobfit.matching import prepare_job, rank_jobs, rank_resumes
from jobfit.matching.models import MatchResult
from jobfit.matching.scores import full_text_query, resume_vector_kinds
from jobfit.perf import paused_gc
from jobfit.services import decision_log
from jobfit.services.analyze import meaning_job
from jobfit.services.errors import NotFound, get_or_raise
from jobfit.services.reprofile import current_profiles, scoring_profiles
from jobfit.store import documents, matches
from jobfit.store.models import JobDescription, JobEmbedding, MatchResultRow, Resume, ResumeEmbedding


@dataclass
class Ranking:
    """The stored results, best first, and how many documents were scored out of how many the user has."""

    candidates_considered: int
    total_documents: int
    results: list[MatchResultRow]


class Upload(NamedTuple):
    """A stored document's place among equal scores: the earlier upload first, then by id (a total order that
    is the same on every run and database holding the same uploads, unlike random ids alone)."""

    created_at: datetime
    id: uuid.UUID


def candidate_pool(top_k: int) -> int:
    """How many k-NN candidates are fully re-scored for a top-k request (`bench/ranking.py` measures the recall)."""
    return max(3 * top_k, 60)


def find_candidates(db: Session, model: type[Resume] | type[JobDescription], wanted: Sequence[uuid.UUID] | None,
                    query_vector: np.ndarray | None, top_k: int,
                    nearest: Callable[[Session, Any, int], list[uuid.UUID]],
                    pool: int | None = None) -> tuple[list[uuid.UUID], int]:
    """(candidate ids, the user's document count). Explicit ids are all scored (`NotFound` names the missing);
    otherwise `nearest` (k-NN by `query_vector`) narrows the documents to `pool` (default `candidate_pool`)."""
    if wanted is not None:
        wanted = list(dict.fromkeys(wanted))
        found = set(documents.ids(db, model, wanted))
        missing = [str(i) for i in wanted if i not in found]
        if missing:
            raise NotFound(f"not found: {', '.join(missing[:5])}")
        return wanted, len(wanted)
    total = documents.count(db, model)
    pool = candidate_pool(top_k) if pool is None else pool
    if total <= pool or query_vector is None:
        return documents.ids(db, model), total
    return nearest(db, query_vector, pool), total


def score_resumes(db: Session, job: ParsedJob, job_vectors: Vectors, ids: list[uuid.UUID], top_k: int,
                  embedder: Embedder | None, job_id: uuid.UUID | None = None) -> list[tuple[uuid.UUID, MatchResult]]:
    """The best `top_k` of these stored resumes for the job, read as their stored profiles and vectors.

    Profiles of an older version, or whose stored text does not decode, are rebuilt and saved; with `embedder`,
    statement vectors it did not make are embedded and saved, and the job's requirement contexts missing from
    `job_vectors` are embedded (and stored, for a stored job: `job_id`).
    """

    def load() -> tuple[dict[uuid.UUID, Any], dict[uuid.UUID, dict[str, np.ndarray]], dict[uuid.UUID, datetime]]:
        stored = current_profiles(db, ids)
        created = documents.created_at(db, Resume, ids)
        return stored, documents.vectors_of_many(db, ResumeEmbedding, ResumeEmbedding.resume_id, ids,
                                                 resume_vector_kinds()), created

    with paused_gc(), ThreadPoolExecutor(1, thread_name_prefix="jobfit-load") as loader:
        # the job's requirements are extracted while Postgres reads the candidates (the session is used by the
        # loading thread alone until it is done)
        loading = loader.submit(load)
        prepared = prepare_job(job)
        stored, vectors, created = loading.result()
        prepared = meaning_job(db, job_id, prepared, job_vectors, embedder)
        profiles = scoring_profiles(db, ids, embedder, stored)
        candidates = [(Upload(created[i], i), profiles[i], vectors[i]) for i in ids
                      if i in profiles and i in created]  # a resume deleted while read has no creation time
        ranked = rank_resumes(prepared, candidates, top_k, job_vectors=job_vectors)
        profiles.clear()  # freed while the collector is paused (see `perf.paused_gc`)
    return [(key.id, result) for key, result in ranked]


def rank_resumes_for_job(db: Session, user_id: uuid.UUID, job_id: uuid.UUID, embedder: Embedder | None,
                         resume_ids: Sequence[uuid.UUID] | None = None, top_k: int = 20) -> Ranking:
    """The best `top_k` of the user's resumes (or of `resume_ids`) for a stored job, stored and committed. A resume
    deleted while it was being ranked is left out; the job is held against deletion until the results are stored.
    `embedder` is the one that made the stored vectors (None: evidence is not checked by meaning)."""
    job = get_or_raise(db, JobDescription, job_id, "Job description", lock="key share")
    job_vectors = documents.vectors_of(db, JobEmbedding, JobEmbedding.job_id, job.id)
    ids, total = find_candidates(db, Resume, resume_ids, full_text_query(job_vectors), top_k,
                                 matches.nearest_resumes)
    ranked = score_resumes(db, documents.parsed_job(job), job_vectors, ids, top_k, embedder, job.id)
    still_there = documents.hold_existing(db, Resume, [rid for rid, _ in ranked])
    stored = [row for row, _ in matches.upsert_matches(
        db, user_id=user_id, results=[(rid, job.id, res) for rid, res in ranked if rid in still_there])]
    decision_log.record_ranking(db, user_id, stored, job=job, candidates_considered=len(ids), total_documents=total,
                                top_k=top_k, chosen_ids=resume_ids is not None)
    db.commit()
    return Ranking(len(ids), total, stored)


def rank_jobs_for_resume(db: Session, user_id: uuid.UUID, resume_id: uuid.UUID, embedder: Embedder | None,
                         job_ids: Sequence[uuid.UUID] | None = None, top_k: int = 20) -> Ranking:
    """The best `top_k` of the user's jobs (or of `job_ids`) for a stored resume, stored and committed.
    `embedder` as in `rank_resumes_for_job`. A job deleted meanwhile is left out; the resume is held against
    deletion until the results are stored."""
    resume = get_or_raise(db, Resume, resume_id, "Resume", lock="key share")
    resume_vectors = documents.vectors_of(db, ResumeEmbedding, ResumeEmbedding.resume_id, resume.id)
    ids, total = find_candidates(db, JobDescription, job_ids, resume_vectors.get("full_text"), top_k,
                                 matches.nearest_jobs)
    with paused_gc():
        rows = {j.id: j for j in documents.rows(db, JobDescription, ids)}
        vectors = documents.vectors_of_many(db, JobEmbedding, JobEmbedding.job_id, ids)
        jobs = [(Upload(rows[i].created_at, i),
                 meaning_job(db, i, prepare_job(documents.parsed_job(rows[i])), vectors[i], embedder), vectors[i])
                for i in ids if i in rows]
        ranked = rank_jobs(scoring_profiles(db, [resume.id], embedder)[resume.id], jobs, top_k,
                           resume_vectors=resume_vectors)
    still_there = documents.hold_existing(db, JobDescription, [key.id for key, _ in ranked])
    stored = [row for row, _ in matches.upsert_matches(
        db, user_id=user_id, results=[(resume.id, key.id, res) for key, res in ranked if key.id in still_there])]
    decision_log.record_ranking(db, user_id, stored, jobs=[rows[r.job_id] for r in stored], resume_id=resume.id,
                                candidates_considered=len(ids), total_documents=total, top_k=top_k,
                                chosen_ids=job_ids is not None)
    db.commit()
    return Ranking(len(ids), total, stored)

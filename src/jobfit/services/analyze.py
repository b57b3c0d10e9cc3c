"""Analyze one stored resume against one stored job: score the pair, store the result and its suggestions.

Work happens in the caller's user session; `analyze` commits, the building blocks (`score_pair`,
`store_suggestions`) leave the commit to the use case that composes them.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
from sqlalchemy.orm import Session

from jobfit.documents.models import ParsedJob, ParsedResume
from jobfit.embeddings.base import Embedder
from jobfit.matching import prepare_job, score_prepared
from jobfit.matching.engine import PreparedJob
from jobfit.matching.models import MatchResult
from jobfit.pipeline import job_meaning
from jobfit.services import decision_log
from jobfit.services.errors import NotFound, get_or_raise
from jobfit.services.reprofile import scoring_profiles
from jobfit.store import documents, matches
from jobfit.store import suggestions as suggestion_store
from jobfit.store.models import JobDescription, JobEmbedding, MatchResultRow, Resume, ResumeEmbedding
from jobfit.store.models import Suggestion as SuggestionRow
from jobfit.suggestions import ChatModel, SuggestionSet, generate_suggestions


@dataclass
class AnalyzedPair:
    """A scored and stored pair, with what scoring read (for suggestions: the prepared job is shared)."""

    row: MatchResultRow
    created: bool
    result: MatchResult
    resume: ParsedResume
    job: ParsedJob
    prepared_job: PreparedJob
    job_vectors: dict[str, np.ndarray]
    resume_vectors: dict[str, np.ndarray]


def meaning_job(db: Session, job_id: uuid.UUID | None, prepared: PreparedJob, job_vectors: Mapping[str, np.ndarray],
                embedder: Embedder | None) -> PreparedJob:
    """A job, prepared, with its meaning check attached (`pipeline.job_meaning`): requirement contexts without a
    vector in `job_vectors` (a job stored by another algorithm version) are embedded now and, for a stored job
    (`job_id`), stored in the caller's transaction."""
    prepared, chunks, added = job_meaning(prepared, job_vectors, embedder)
    if chunks and embedder is not None and job_id is not None:
        documents.add_vectors(db, JobEmbedding, "job_id", job_id, chunks, added, embedder.name)
    return prepared


def score_pair(db: Session, user_id: uuid.UUID, resume: Resume, job: JobDescription,
               embedder: Embedder | None) -> AnalyzedPair:
    """Score the pair from its stored rows, profile and vectors and insert or update its match result. With
    `embedder` (the one that made the stored vectors) evidence is checked by meaning."""
    parsed_resume, parsed_job = documents.parsed_resume(resume), documents.parsed_job(job)
    job_vectors = documents.vectors_of(db, JobEmbedding, JobEmbedding.job_id, job.id)
    resume_vectors = documents.vectors_of(db, ResumeEmbedding, ResumeEmbedding.resume_id, resume.id)
    prepared_job = meaning_job(db, job.id, prepare_job(parsed_job), job_vectors, embedder)
    profile = scoring_profiles(db, [resume.id], embedder)[resume.id]
    result = score_prepared(profile, prepared_job, resume_vectors=resume_vectors, job_vectors=job_vectors)
    [(row, created)] = matches.upsert_matches(db, user_id=user_id, results=[(resume.id, job.id, result)])
    return AnalyzedPair(row, created, result, parsed_resume, parsed_job, prepared_job, job_vectors, resume_vectors)


def store_suggestions(db: Session, user_id: uuid.UUID, pair: AnalyzedPair,
                      llm: ChatModel | None = None) -> tuple[list[SuggestionRow], SuggestionSet]:
    """Generate the pair's suggestions and replace its pending ones (decided ones are kept)."""
    generated = generate_suggestions(pair.resume, pair.job, pair.result, prepared_job=pair.prepared_job,
                                     job_vectors=pair.job_vectors, resume_vectors=pair.resume_vectors, llm=llm)
    rows = suggestion_store.replace_pending(db, user_id=user_id, match_result_id=pair.row.id,
                                           suggestions=generated.suggestions)
    return rows, generated


def analyze(db: Session, user_id: uuid.UUID, resume_id: uuid.UUID, job_id: uuid.UUID,
            embedder: Embedder | None) -> AnalyzedPair:
    """Score a stored pair and store the result with its offline suggestions (fast, deterministic), logged;
    `created` tells a first analysis from an update. `embedder` is the one that made the stored vectors (the
    evidence is checked by meaning with it; None: not checked). Raises `NotFound` for an unknown resume or job. Both are
    held against deletion until the result is stored (a delete meanwhile waits, then removes the result too)."""
    resume = get_or_raise(db, Resume, resume_id, "Resume", lock="key share")
    job = get_or_raise(db, JobDescription, job_id, "Job description", lock="key share")
    pair = score_pair(db, user_id, resume, job, embedder)
    store_suggestions(db, user_id, pair)
    decision_log.record_analysis(db, user_id, pair.row, job, created=pair.created)
    db.commit()
    return pair


def delete_result(db: Session, match_id: uuid.UUID) -> None:
    """Delete a stored match result and its suggestions; `NotFound` if there is none (deleted meanwhile too)."""
    if not matches.delete_match(db, match_id):
        raise NotFound("Match result not found")

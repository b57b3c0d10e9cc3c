"""Analyze one stored resume against one stored job: score the pair, store the result and its suggestions.

Work happens in the caller's user session; `analyze` commits, the building blocks (`score_pair`,
`store_suggestions`) leave the commit to the use case that composes them.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

import numpy as np
from sqlalchemy.orm import Session

from jobfit.documents.models import ParsedJob, ParsedResume
from jobfit.matching import prepare_job, prepare_resume, score_prepared
from jobfit.matching.engine import PreparedJob
from jobfit.matching.models import MatchResult
from jobfit.services import decision_log
from jobfit.services.errors import get_or_raise
from jobfit.store import documents, matches
from jobfit.store import suggestions as suggestion_store
from jobfit.store.models import JobDescription, JobEmbedding, MatchResultRow, Resume, ResumeEmbedding
from jobfit.store.models import Suggestion as SuggestionRow
from jobfit.suggestions import LlmConfig, SuggestionSet, generate_suggestions


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


def score_pair(db: Session, user_id: uuid.UUID, resume: Resume, job: JobDescription) -> AnalyzedPair:
    """Score the pair from its stored rows and vectors and insert or update its match result."""
    parsed_resume, parsed_job = documents.parsed_resume(resume), documents.parsed_job(job)
    job_vectors = documents.vectors_of(db, JobEmbedding, JobEmbedding.job_id, job.id)
    resume_vectors = documents.vectors_of(db, ResumeEmbedding, ResumeEmbedding.resume_id, resume.id)
    prepared_job = prepare_job(parsed_job)
    result = score_prepared(prepare_resume(parsed_resume), prepared_job, resume_vectors=resume_vectors,
                            job_vectors=job_vectors)
    [(row, created)] = matches.upsert_matches(db, user_id=user_id, results=[(resume.id, job.id, result)])
    return AnalyzedPair(row, created, result, parsed_resume, parsed_job, prepared_job, job_vectors, resume_vectors)


def store_suggestions(db: Session, user_id: uuid.UUID, pair: AnalyzedPair,
                      llm: LlmConfig | None = None) -> tuple[list[SuggestionRow], SuggestionSet]:
    """Generate the pair's suggestions and replace its pending ones (decided ones are kept)."""
    generated = generate_suggestions(pair.resume, pair.job, pair.result, prepared_job=pair.prepared_job,
                                     job_vectors=pair.job_vectors, resume_vectors=pair.resume_vectors, llm=llm)
    rows = suggestion_store.replace_pending(db, user_id=user_id, match_result_id=pair.row.id,
                                           suggestions=generated.suggestions)
    return rows, generated


def analyze(db: Session, user_id: uuid.UUID, resume_id: uuid.UUID, job_id: uuid.UUID) -> AnalyzedPair:
    """Score a stored pair and store the result with its offline suggestions (fast, deterministic), logged;
    `created` tells a first analysis from an update. Raises `NotFound` for an unknown resume or job."""
    resume = get_or_raise(db, Resume, resume_id, "Resume")
    job = get_or_raise(db, JobDescription, job_id, "Job description")
    pair = score_pair(db, user_id, resume, job)
    store_suggestions(db, user_id, pair)
    decision_log.record_analysis(db, user_id, pair.row, job, created=pair.created)
    db.commit()
    return pair

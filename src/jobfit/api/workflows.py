"""Multi-step operations shared by routes (and pages): score a stored pair and store its suggestions.

Each function works inside the caller's user session and leaves the commit to it, so a route's
whole effect lands in one transaction.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

import numpy as np
from sqlalchemy.orm import Session

from jobfit.config import Settings
from jobfit.documents.models import ParsedJob, ParsedResume
from jobfit.matching import score_match
from jobfit.matching.models import MatchResult
from jobfit.store import documents, matches
from jobfit.store import suggestions as suggestion_store
from jobfit.store.models import JobDescription, JobEmbedding, MatchResultRow, Resume, ResumeEmbedding
from jobfit.store.models import Suggestion as SuggestionRow
from jobfit.suggestions import LlmConfig, SuggestionSet, generate_suggestions


@dataclass
class ScoredPair:
    row: MatchResultRow
    created: bool
    result: MatchResult
    resume: ParsedResume
    job: ParsedJob
    job_vectors: dict[str, np.ndarray]
    resume_vectors: dict[str, np.ndarray]


def score_pair(db: Session, user_id: uuid.UUID, resume: Resume, job: JobDescription) -> ScoredPair:
    parsed_resume, parsed_job = documents.parsed_resume(resume), documents.parsed_job(job)
    job_vectors = documents.vectors_of(db, JobEmbedding, JobEmbedding.job_id, job.id)
    resume_vectors = documents.vectors_of(db, ResumeEmbedding, ResumeEmbedding.resume_id, resume.id)
    result = score_match(parsed_resume, parsed_job, resume_vectors=resume_vectors, job_vectors=job_vectors)
    row, created = matches.upsert_match(db, user_id=user_id, resume_id=resume.id, job_id=job.id, result=result)
    return ScoredPair(row, created, result, parsed_resume, parsed_job, job_vectors, resume_vectors)


def llm_config(settings: Settings) -> LlmConfig | None:
    if not settings.llm_base_url:
        return None
    return LlmConfig(base_url=settings.llm_base_url, model=settings.llm_model,
                     api_key=settings.llm_api_key or "not-needed", timeout_s=settings.llm_timeout,
                     max_retries=settings.llm_retries)


def suggest(db: Session, user_id: uuid.UUID, pair: ScoredPair,
            llm: LlmConfig | None = None) -> tuple[list[SuggestionRow], SuggestionSet]:
    generated = generate_suggestions(pair.resume, pair.job, pair.result, job_vectors=pair.job_vectors,
                                     resume_vectors=pair.resume_vectors, llm=llm)
    rows = suggestion_store.replace_pending(db, user_id=user_id, match_result_id=pair.row.id,
                                           suggestions=generated.suggestions)
    return rows, generated

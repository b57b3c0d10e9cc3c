"""One-vs-many ranking: many resumes for a job, or many jobs for a resume.

Results are sorted by overall_score descending; ties are broken by the caller's id (ascending, as a
string) so the order never depends on input order. The job (or resume) is prepared once; a resume can be
given already prepared (a `ResumeProfile`, e.g. reloaded with `ResumeProfile.from_dict`) to skip its
redaction and indexing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TypeVar

import numpy as np

from jobfit.documents.models import ParsedJob, ParsedResume
from jobfit.matching.engine import prepare_job, prepare_resume, score_prepared
from jobfit.matching.models import MatchResult
from jobfit.matching.profile import ResumeProfile
from jobfit.matching.relations import SkillRelations

Id = TypeVar("Id")
Vectors = Mapping[str, np.ndarray]


def _sorted(results: list[tuple[Id, MatchResult]], top_k: int | None) -> list[tuple[Id, MatchResult]]:
    results.sort(key=lambda pair: (-pair[1].overall_score, str(pair[0])))
    return results if top_k is None else results[: max(top_k, 0)]


def rank_resumes(
    job: ParsedJob,
    resumes: Sequence[tuple[Id, ParsedResume | ResumeProfile, Vectors | None]],
    top_k: int | None = None,
    *,
    job_vectors: Vectors | None = None,
    relations: SkillRelations | None = None,
) -> list[tuple[Id, MatchResult]]:
    """The best `top_k` resumes for a job as (id, MatchResult), best first.

    Each resume is a `ParsedResume` or its already prepared `ResumeProfile` (same scores, less work).
    """
    prepared = prepare_job(job, relations)
    results = [
        (rid, score_prepared(resume if isinstance(resume, ResumeProfile) else prepare_resume(resume), prepared,
                             resume_vectors=vectors, job_vectors=job_vectors))
        for rid, resume, vectors in resumes
    ]
    return _sorted(results, top_k)


def rank_jobs(
    resume: ParsedResume | ResumeProfile,
    jobs: Sequence[tuple[Id, ParsedJob, Vectors | None]],
    top_k: int | None = None,
    *,
    resume_vectors: Vectors | None = None,
    relations: SkillRelations | None = None,
) -> list[tuple[Id, MatchResult]]:
    """The best `top_k` jobs for a resume (a `ParsedResume` or its `ResumeProfile`) as (id, MatchResult)."""
    profile = resume if isinstance(resume, ResumeProfile) else prepare_resume(resume)
    results = [
        (jid, score_prepared(profile, prepare_job(job, relations), resume_vectors=resume_vectors,
                             job_vectors=vectors))
        for jid, job, vectors in jobs
    ]
    return _sorted(results, top_k)

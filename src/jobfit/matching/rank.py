"""One-vs-many ranking: many resumes for a job, or many jobs for a resume.

Results are sorted by overall_score descending; ties are broken by the caller's id (ascending, as a
string) so the order never depends on input order. Every candidate is scored numerically
(`engine.overall_score`); only the returned `top_k` are explained (`score_prepared`).
The job (or resume) is prepared once; a resume can be
given already prepared (a `ResumeProfile`, e.g. reloaded with `ResumeProfile.from_dict`) to skip its
redaction and indexing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TypeVar

import numpy as np

from jobfit.documents.models import ParsedJob, ParsedResume
from jobfit.matching.engine import PreparedJob, overall_score, prepare_job, prepare_resume, score_prepared
from jobfit.matching.models import MatchResult
from jobfit.matching.profile import ResumeProfile
from jobfit.matching.relations import SkillRelations

Id = TypeVar("Id")
Vectors = Mapping[str, np.ndarray]


def _ranked(
    pairs: list[tuple[Id, ResumeProfile, PreparedJob, Vectors | None, Vectors | None]], top_k: int | None
) -> list[tuple[Id, MatchResult]]:
    """Score every (id, profile, job, resume vectors, job vectors) pair numerically, explain the best `top_k`.

    `overall_score` equals `score_prepared(...).overall_score` exactly, so the order (and the tie-break on
    the id) is the one fully scored pairs would get; only the returned pairs pay for the explanation.
    """
    order = sorted(
        range(len(pairs)),
        key=lambda i: (-overall_score(pairs[i][1], pairs[i][2], resume_vectors=pairs[i][3],
                                      job_vectors=pairs[i][4]), str(pairs[i][0])),
    )
    if top_k is not None:
        order = order[: max(top_k, 0)]
    return [
        (pairs[i][0], score_prepared(pairs[i][1], pairs[i][2], resume_vectors=pairs[i][3], job_vectors=pairs[i][4]))
        for i in order
    ]


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
    return _ranked(
        [
            (rid, resume if isinstance(resume, ResumeProfile) else prepare_resume(resume), prepared, vectors,
             job_vectors)
            for rid, resume, vectors in resumes
        ],
        top_k,
    )


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
    return _ranked(
        [(jid, profile, prepare_job(job, relations), resume_vectors, vectors) for jid, job, vectors in jobs],
        top_k,
    )

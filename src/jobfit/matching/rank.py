"""One-vs-many ranking: many resumes for a job, or many jobs for a resume.

Results are sorted by overall_score descending; ties are broken by the caller's id (ascending, compared as
given) so the order never depends on input order (`rank_key`). Every candidate is scored numerically
(`engine.evaluate`); only the returned `top_k` are explained (`engine.explain_evaluated`), from the same numbers.
The job (or resume) is prepared once; a resume can be
given already prepared (a `ResumeProfile`, e.g. reloaded with `ResumeProfile.from_dict`) to skip its
redaction and indexing.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

from jobfit.documents.models import ParsedJob, ParsedResume
from jobfit.embeddings.base import Vectors
from jobfit.matching.engine import PreparedJob, evaluate, explain_evaluated, prepare_job, prepare_resume
from jobfit.matching.models import MatchResult
from jobfit.matching.profile import ResumeProfile
from jobfit.matching.relations import SkillRelations

Id = TypeVar("Id")


def rank_key(candidate_id: Any, overall_score: float) -> tuple[float, Any]:
    """The one ranking order: overall_score descending, then the candidate's id ascending (never input order).

    Ids are compared as given, so a caller picks ids that sort the way equal scores should: the ranking
    service ranks stored documents by (created_at, id), the earlier upload first; the CLI by file path.
    """
    return -overall_score, candidate_id


def _ranked(
    pairs: list[tuple[Id, ResumeProfile, PreparedJob, Vectors | None, Vectors | None]], top_k: int | None
) -> list[tuple[Id, MatchResult]]:
    """Score every (id, profile, job, resume vectors, job vectors) pair numerically, explain the best `top_k`.

    Each pair is evaluated once (`engine.evaluate`); the returned ones are explained from those same numbers,
    so their `overall_score` (and the order, with the tie-break on the id) is what full scoring gives.
    """
    evaluated = [
        (pid, evaluate(profile, job, resume_vectors=rv, job_vectors=jv)) for pid, profile, job, rv, jv in pairs
    ]
    evaluated.sort(key=lambda item: rank_key(item[0], item[1].overall_score))
    if top_k is not None:
        evaluated = evaluated[: max(top_k, 0)]
    return [(pid, explain_evaluated(e)) for pid, e in evaluated]


def rank_resumes(
    job: ParsedJob | PreparedJob,
    resumes: Sequence[tuple[Id, ParsedResume | ResumeProfile, Vectors | None]],
    top_k: int | None = None,
    *,
    job_vectors: Vectors | None = None,
    relations: SkillRelations | None = None,
) -> list[tuple[Id, MatchResult]]:
    """The best `top_k` resumes for a job as (id, MatchResult), best first.

    The job and each resume may come already prepared (`PreparedJob`, `ResumeProfile`: same scores, less work).
    """
    prepared = job if isinstance(job, PreparedJob) else prepare_job(job, relations)
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
    jobs: Sequence[tuple[Id, ParsedJob | PreparedJob, Vectors | None]],
    top_k: int | None = None,
    *,
    resume_vectors: Vectors | None = None,
    relations: SkillRelations | None = None,
) -> list[tuple[Id, MatchResult]]:
    """The best `top_k` jobs for a resume (a `ParsedResume` or its `ResumeProfile`) as (id, MatchResult); a job
    may come already prepared (`PreparedJob`)."""
    profile = resume if isinstance(resume, ResumeProfile) else prepare_resume(resume)
    return _ranked(
        [(jid, profile, job if isinstance(job, PreparedJob) else prepare_job(job, relations), resume_vectors,
          vectors) for jid, job, vectors in jobs],
        top_k,
    )

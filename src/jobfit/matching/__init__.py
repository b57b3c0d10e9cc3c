"""Matching: requirements x evidence -> explainable sub-scores, gaps and strengths (pure core).

Public API: `score_match`, `rank_resumes`, `rank_jobs`, `ALGORITHM_VERSION`;
`prepare_resume` -> `ResumeProfile` (storable: `to_dict`/`from_dict`, `PROFILE_VERSION`) for ranking.
"""

from jobfit.matching.engine import prepare_job, prepare_resume, score_match, score_prepared
from jobfit.matching.profile import PROFILE_VERSION, ResumeProfile
from jobfit.matching.rank import rank_jobs, rank_resumes
from jobfit.matching.scores import ALGORITHM_VERSION

__all__ = [
    "ALGORITHM_VERSION",
    "PROFILE_VERSION",
    "ResumeProfile",
    "prepare_job",
    "prepare_resume",
    "rank_jobs",
    "rank_resumes",
    "score_match",
    "score_prepared",
]

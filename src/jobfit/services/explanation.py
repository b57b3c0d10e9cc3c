"""The candidate-facing explanation of one match (EU AI Act Art. 86): the job's requirements, the resume lines used as
evidence, and how the score was made, from that match alone: no other candidate's data, no rank, no pool. Producing
it is logged as an export (it is meant to leave jobfit, to the candidate)."""

from __future__ import annotations

import uuid

from sqlalchemy.orm import Session

from jobfit.matching.candidate_explanation import CandidateExplanation, explain_to_candidate
from jobfit.matching.models import MatchAnalysis, SkillGap
from jobfit.services import decision_log
from jobfit.services.errors import get_or_raise
from jobfit.store.models import JobDescription, MatchResultRow
from jobfit.store.rows import find


def explanation(db: Session, user_id: uuid.UUID, match_id: uuid.UUID, *, kind: str = "explanation",
                ) -> CandidateExplanation:
    match = get_or_raise(db, MatchResultRow, match_id, "Match result")
    job = find(db, JobDescription, match.job_id)
    assert job is not None  # matches go with their job
    explained = explain_to_candidate(
        float(match.overall_score), MatchAnalysis.model_validate(match.match_analysis or {"summary": ""}),
        [SkillGap.model_validate(g) for g in match.skill_gaps or []], algorithm_version=match.algorithm_version,
        job_title=job.title, company=job.company)
    decision_log.record_export(db, user_id, kind, rows=[match], job_id=match.job_id, match_result_id=match.id)
    db.commit()
    return explained

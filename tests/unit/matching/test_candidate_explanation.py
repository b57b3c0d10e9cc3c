"""The candidate-facing explanation, from one match's values: requirements with their evidence, and the score's
parts adding up to it."""

from __future__ import annotations

from jobfit.documents.job import parse_job
from jobfit.documents.resume import parse_resume_text
from jobfit.matching import score_match
from jobfit.matching.candidate_explanation import explain_to_candidate

RESUME = """Alex Candidate
alex@example.com

Experience
Data Analyst, Acme Corp
Jan 2019 - Present
- Built SQL reports and Python pipelines for the sales team.

Skills
Python, SQL, Excel
"""


def test_every_requirement_is_explained_and_the_parts_add_up_to_the_score() -> None:
    job = parse_job(title="Data Analyst", description="Required: Python, SQL and Tableau. 2+ years.")
    result = score_match(parse_resume_text(RESUME), job)
    explained = explain_to_candidate(result.overall_score, result.match_analysis, result.skill_gaps,
                                     algorithm_version=result.algorithm_version, job_title="Data Analyst",
                                     company="Acme")
    assert len(explained.requirements) == len(result.match_analysis.requirements)
    python = next(r for r in explained.requirements if r.requirement.lower() == "python")
    assert python.status == "met" and python.status_text == "Shown in your resume"
    assert python.line is not None and "Python" in (python.evidence or "")
    assert "Tableau" in explained.missing_skills
    assert explained.shown + explained.partly_shown + explained.not_found == len(explained.requirements)
    assert abs(sum(p.points for p in explained.score_parts) - result.overall_score) < 0.1
    assert [p.weight for p in explained.score_parts] == sorted((p.weight for p in explained.score_parts), reverse=True)
    assert all(p.what for p in explained.score_parts)
    assert any(result.algorithm_version in line for line in explained.how_scored)
    assert "alex@example.com" not in explained.model_dump_json()

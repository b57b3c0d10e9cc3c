"""The resume side of the judged evidence errors, second round (issue 26, run 3.1.0-dev-heldout2): a past title
matches the job title only on the role's specific words and at its seniority.

Real-looking resume lines; plain values, no parsing.
"""

from __future__ import annotations

from jobfit.documents.models import ExperienceEntry
from jobfit.matching import score_match
from jobfit.matching.models import MatchResult, RequirementResult

from .matching_builders import build_job, build_resume


def _row(result: MatchResult, kind: str) -> RequirementResult:
    return next(r for r in result.match_analysis.requirements if r.kind == kind)


def _one_role(title: str, line_text: str, years: float) -> object:
    return build_resume([("experience", [line_text, "• Monitored routers and switches, raised tickets to L2"])],
                        experience=[ExperienceEntry(title=title, line=2, is_current=True, start="2021-01")],
                        years=years)


def test_a_shared_generic_head_is_no_title_match() -> None:
    # reviewers: "L1 network engineer" offered for Site Reliability Engineer; "Technical support engineer" for
    # Cloud DevOps Engineer
    sre = build_job("Site Reliability Engineer", "Run our production systems.")
    row = _row(score_match(_one_role("L1 Network Engineer", "L1 Network Engineer, Cisco", 3), sre), "title")
    assert (row.status, row.evidence) == ("missing", None)
    devops = build_job("Cloud DevOps Engineer", "Build pipelines on AWS.")
    row = _row(score_match(_one_role("Technical Support Engineer", "Technical Support Engineer, Wipro", 4),
                           devops), "title")
    assert row.status == "missing"


def test_the_specific_words_still_make_a_partial_title_match() -> None:
    job = build_job("Cloud DevOps Engineer", "Build pipelines on AWS.")
    row = _row(score_match(_one_role("DevOps Engineer", "DevOps Engineer, Infosys", 4), job), "title")
    assert row.status in ("partial", "met") and row.line == 2


def test_a_head_only_title_needs_the_seniority_it_names() -> None:
    # reviewers: "2.8 years as a software developer" offered for Principal Developer
    job = build_job("Principal Developer", "Lead our engineering teams.")
    junior = _one_role("Software Developer", "Software Developer, TCS (2.8 years)", 2.8)
    assert _row(score_match(junior, job), "title").status == "missing"
    senior = _one_role("Lead Developer", "Lead Developer, Thoughtworks", 9)
    assert _row(score_match(senior, job), "title").status == "met"


def test_an_experience_bullet_sharing_only_the_head_is_no_title_evidence() -> None:
    # reviewers: an ML latency bullet offered as the closest role to BI Developer
    job = build_job("BI Developer", "Power BI dashboards.")
    resume = build_resume([("experience", ["Head of Machine Learning, Lumen AI",
                                           "• Developed model serving that cut inference latency by 40%"])],
                          experience=[ExperienceEntry(title="Head of Machine Learning", line=2, is_current=True)],
                          years=8)
    assert _row(score_match(resume, job), "title").status == "missing"

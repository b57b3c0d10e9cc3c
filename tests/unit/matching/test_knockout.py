"""The must-haves filter: every required skill met, nothing else counts."""

from __future__ import annotations

from jobfit.matching.knockout import meets_required_skills
from jobfit.matching.models import RequirementResult


def req(status: str, importance: str = "required", kind: str = "skill") -> RequirementResult:
    return RequirementResult(requirement="x", kind=kind, importance=importance, status=status, score=0.5)


def test_every_required_skill_must_be_met() -> None:
    assert meets_required_skills([req("met"), req("met")])
    assert not meets_required_skills([req("met"), req("partial")])
    assert not meets_required_skills([req("missing")])


def test_preferred_skills_and_other_kinds_do_not_knock_out() -> None:
    assert meets_required_skills([req("met"), req("missing", importance="preferred"),
                                  req("missing", kind="experience"), req("partial", kind="education")])
    assert meets_required_skills([])

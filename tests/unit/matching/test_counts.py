"""The one counting rule: every required skill met, nothing else counts, alternatives once."""

from __future__ import annotations

from jobfit.matching.counts import is_met, meets_required_skills, requirement_counts
from jobfit.matching.models import RequirementResult


def req(status: str, importance: str = "required", kind: str = "skill", group: int | None = None,
        name: str = "x") -> RequirementResult:
    return RequirementResult(requirement=name, kind=kind, importance=importance, status=status, score=0.5,
                             group=group)


def test_every_required_skill_must_be_met() -> None:
    assert meets_required_skills([req("met"), req("met")])
    assert not meets_required_skills([req("met"), req("partial")])
    assert not meets_required_skills([req("met"), req("related")])
    assert not meets_required_skills([req("missing")])


def test_preferred_skills_and_other_kinds_do_not_knock_out() -> None:
    assert meets_required_skills([req("met"), req("missing", importance="preferred"),
                                  req("missing", kind="experience"), req("partial", kind="education")])
    assert meets_required_skills([])


def test_alternatives_count_once_and_any_member_meets_them() -> None:
    # "such as Python, Ruby, Java, PHP or .Net": one requirement, met by Java alone
    ad = [req("missing", group=0, name="Python"), req("missing", group=0, name="Ruby"),
          req("met", group=0, name="Java"), req("missing", group=0, name="PHP"), req("met", name="SQL")]
    assert meets_required_skills(ad)
    counts = requirement_counts(ad)
    assert (counts["required_total"], counts["required_met"], counts["required_missing"]) == (2, 2, 0)


def test_a_group_unmet_counts_as_its_best_member() -> None:
    counts = requirement_counts([req("related", group=3), req("missing", group=3), req("partial"),
                                 req("missing", importance="preferred")])
    assert counts["required_total"] == 2
    assert counts["required_related"] == 1 and counts["required_partial"] == 1 and counts["required_met"] == 0
    assert counts["preferred_total"] == 1 and counts["preferred_missing"] == 1


def test_only_met_is_met() -> None:
    assert [is_met(req(s)) for s in ("met", "partial", "related", "missing")] == [True, False, False, False]

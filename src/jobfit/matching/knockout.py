"""The knock-out filter of the recruiter view: a candidate passes when every required skill is met."""

from __future__ import annotations

from collections.abc import Iterable

from jobfit.matching.models import RequirementResult


def meets_required_skills(requirements: Iterable[RequirementResult]) -> bool:
    """True when each requirement of kind skill and importance required has status met, a list of alternatives
    ("Python, Ruby or Java": one `group`) counting as met when one of its skills is (true when there are none)."""
    rows = [r for r in requirements if r.kind == "skill" and r.importance == "required"]
    met_groups = {r.group for r in rows if r.group is not None and r.status == "met"}
    return all(r.status == "met" or (r.group is not None and r.group in met_groups) for r in rows)

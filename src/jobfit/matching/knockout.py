"""The knock-out filter of the recruiter view: a candidate passes when every required skill is met."""

from __future__ import annotations

from collections.abc import Iterable

from jobfit.matching.models import RequirementResult


def meets_required_skills(requirements: Iterable[RequirementResult]) -> bool:
    """True when each requirement of kind skill and importance required has status met (true when there are none)."""
    return all(r.status == "met" for r in requirements if r.kind == "skill" and r.importance == "required")

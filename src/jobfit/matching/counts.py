"""The one rule for counting requirements: what the summary, the evidence table, the gaps, the recruiter's
must-have filter and the CSV all count, so they can never disagree.

A requirement is met only when its status is "met" (`is_met`): partial, related and missing are not. Skills
that the ad lists as alternatives ("Python, Ruby or Java", one `group`) count as one requirement, met when
any one of them is met, and otherwise as their best member ("met" > "partial" > "related" > "missing").
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from jobfit.matching.models import RequirementResult, Status

_RANK: dict[str, int] = {"met": 3, "partial": 2, "related": 1, "missing": 0}


def status_rank(status: str) -> int:
    """How much a status shows: met 3, partial 2, related 1, missing (and an eligibility "check") 0."""
    return _RANK.get(status, 0)


def is_met(result: RequirementResult) -> bool:
    """Whether a requirement counts as met: its status is "met"."""
    return result.status == "met"


Counted = list[tuple[Status, list[RequirementResult]]]


def counted_skills(results: Iterable[RequirementResult], importance: str) -> Counted:
    """The skill requirements of one importance as counted: (status, members) per requirement, a group of
    alternatives once (with its best member's status), in the job's order of their first member."""
    counted: Counted = []
    at_group: dict[int, int] = {}
    for result in results:
        if result.kind != "skill" or result.importance != importance:
            continue
        if result.group is None or result.group not in at_group:
            if result.group is not None:
                at_group[result.group] = len(counted)
            counted.append((result.status, [result]))
            continue
        position = at_group[result.group]
        status, members = counted[position]
        members.append(result)
        if _RANK[result.status] > _RANK[status]:
            counted[position] = (result.status, members)
    return counted


def requirement_counts(results: Sequence[RequirementResult]) -> dict[str, int]:
    """How many required and preferred skills there are and how many of each status (groups counted once)."""
    out: dict[str, int] = {}
    for importance in ("required", "preferred"):
        counted = counted_skills(results, importance)
        out[f"{importance}_total"] = len(counted)
        for status in _RANK:
            out[f"{importance}_{status}"] = sum(s == status for s, _ in counted)
    return out


def meets_required_skills(results: Iterable[RequirementResult]) -> bool:
    """The recruiter's must-have filter: every required skill (a group of alternatives by any member) is met;
    true when the job requires none."""
    return all(status == "met" for status, _ in counted_skills(results, "required"))

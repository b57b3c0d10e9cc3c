"""The slice of the skills taxonomy that matching needs, as a Protocol, and how it is loaded.

Matching only asks "how related are these two skill ids?" and "which of these ids is closest to that
one?", so any object with these methods (the real `jobfit.skills` Taxonomy) can be passed in.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import Any, Protocol


class SkillRelations(Protocol):
    def relatedness(self, a_id: str, b_id: str) -> float: ...

    def parents(self, skill_id: str) -> Any: ...

    def children(self, skill_id: str) -> Any: ...


@lru_cache(maxsize=1)
def default_relations() -> SkillRelations:
    """The project's taxonomy (loaded once per process)."""
    from jobfit.skills import load_taxonomy

    return load_taxonomy()


def _ids(items: Any) -> set[str]:
    out: set[str] = set()
    for item in items or ():
        out.add(item if isinstance(item, str) else getattr(item, "id", str(item)))
    return out


@lru_cache(maxsize=8192)
def neighbourhood(relations: SkillRelations, wanted: str) -> dict[str, tuple[str, float]]:
    """Every skill related to `wanted`, as id -> (kind, relatedness); computed once per requirement.

    kind 'child' means a more specific skill than asked (React for JavaScript), 'parent' a more general
    one (JavaScript for React), 'related' a sibling or grand-relative. Only the graph around `wanted`
    (parents, children, siblings, grandparents, grandchildren) is visited, not the whole taxonomy.
    Cached per (relations, id): treat the returned mapping as read-only.
    """
    parents = _ids(relations.parents(wanted))
    children = _ids(relations.children(wanted))
    around: set[str] = set(parents) | children
    for parent in parents:
        around |= _ids(relations.children(parent)) | _ids(relations.parents(parent))
    for child in children:
        around |= _ids(relations.children(child))
    around.discard(wanted)
    out: dict[str, tuple[str, float]] = {}
    for skill_id in sorted(around):
        score = float(relations.relatedness(wanted, skill_id))
        if score <= 0.0:
            continue
        kind = "child" if skill_id in children else ("parent" if skill_id in parents else "related")
        out[skill_id] = (kind, score)
    return out


def closest(related: dict[str, tuple[str, float]], have: Iterable[str]) -> tuple[str | None, float]:
    """The resume skill id most related to the wanted skill (ties broken by id), and its relatedness."""
    have_ids = have if isinstance(have, (set, frozenset, dict)) else set(have)
    best_id: str | None = None
    best_score = 0.0
    for skill_id, (_, score) in related.items():
        if score > 0.0 and skill_id in have_ids and (
            score > best_score or (score == best_score and best_id is not None and skill_id < best_id)
        ):
            best_id, best_score = skill_id, score
    return best_id, best_score

"""`Taxonomy`: skills by id, lookup by name or alias, the parent graph and relatedness for partial credit.

Relatedness values (symmetric, in [0, 1]):

    1.0  same skill
    0.7  direct parent / child            (Flask ~ Python, PostgreSQL ~ SQL)
    0.5  siblings sharing a direct parent (React ~ Vue.js, both under JavaScript)
    0.4  grandparent / grandchild         (Spring Boot ~ Java, through Spring)
    0.0  anything else
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cached_property

from jobfit.skills.index import SkillIndex, build_index
from jobfit.skills.models import SkillEntry
from jobfit.skills.tokens import fold, form_tokens

SAME = 1.0
PARENT_CHILD = 0.7
SIBLING = 0.5
GRANDPARENT = 0.4


class Taxonomy:
    """An immutable set of skills (curated first, then ESCO) with graph queries."""

    def __init__(self, entries: Iterable[SkillEntry], version: str) -> None:
        self.version = version
        self._skills: dict[str, SkillEntry] = {}
        for entry in entries:
            self._skills.setdefault(entry.id, entry)
        self._children: dict[str, list[str]] = {sid: [] for sid in self._skills}
        for entry in self._skills.values():
            for parent in entry.parents:
                if parent in self._children:
                    self._children[parent].append(entry.id)

    def __len__(self) -> int:
        return len(self._skills)

    def __contains__(self, skill_id: object) -> bool:
        return skill_id in self._skills

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self._skills.values())

    @cached_property
    def index(self) -> SkillIndex:
        return build_index(self._skills.values())

    def get(self, skill_id: str) -> SkillEntry | None:
        return self._skills.get(skill_id)

    def lookup(self, text: str) -> SkillEntry | None:
        """The skill whose id, name or alias is `text` (case rules as in extraction), else None."""
        if text in self._skills:
            return self._skills[text]
        raw = tuple(form_tokens(text))
        if not raw:
            return None
        hit = self.index.exact.get(raw) or self.index.folded.get(tuple(fold(t) for t in raw))
        return self._skills[hit.skill_id] if hit else None

    def parents(self, skill_id: str) -> list[str]:
        entry = self._skills.get(skill_id)
        return [p for p in entry.parents if p in self._skills] if entry else []

    def children(self, skill_id: str) -> list[str]:
        return list(self._children.get(skill_id, []))

    def ancestors(self, skill_id: str) -> list[str]:
        """All ancestors, nearest first, without repeats (the graph may be a DAG)."""
        seen: list[str] = []
        frontier = self.parents(skill_id)
        while frontier:
            nxt: list[str] = []
            for sid in frontier:
                if sid not in seen and sid != skill_id:
                    seen.append(sid)
                    nxt.extend(self.parents(sid))
            frontier = nxt
        return seen

    def relatedness(self, a_id: str, b_id: str) -> float:
        """How much evidence of `b` counts for `a` (see the module docstring for the values)."""
        if a_id == b_id:
            return SAME if a_id in self._skills else 0.0
        pa, pb = set(self.parents(a_id)), set(self.parents(b_id))
        if b_id in pa or a_id in pb:
            return PARENT_CHILD
        if pa & pb:
            return SIBLING
        if any(b_id in self.parents(p) for p in pa) or any(a_id in self.parents(p) for p in pb):
            return GRANDPARENT
        return 0.0

    def closest_related(self, target_id: str, candidate_ids: Sequence[str]) -> str | None:
        """The candidate most related to `target_id` (first one on ties), or None if none is related."""
        best: str | None = None
        best_score = 0.0
        for cid in candidate_ids:
            score = self.relatedness(target_id, cid)
            if score > best_score:
                best, best_score = cid, score
        return best

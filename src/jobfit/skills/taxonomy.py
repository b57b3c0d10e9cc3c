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

    def names_itself(self, skill_id: str, surface: str) -> bool:
        """Whether `surface` (a form that matched `skill_id`) names the skill itself, not a neighbour the
        taxonomy files under it ("continuous improvement" under Kaizen, "use cases" under UML, "IAM" under AWS
        IAM). A true form is the name in another spelling, an acronym of it or spelled out ("TDD", "continuous
        integration" for CI/CD), or - for a method, domain or soft skill - a form that shares the name's head
        word ("reading blueprints" for Blueprint reading, not "blueprints"; "cybersecurity" for Information
        security) or a shortening accepted only among other skills ("classification" in a list of methods for
        Classification models). A tool's other spellings ("Postgres", "K8s") are true forms, except one that
        drops a word of the name that is itself a skill ("IAM" without "AWS")."""
        entry = self._skills.get(skill_id)
        if entry is None:
            return True
        name = _words(entry.name)
        words = _words(surface)
        if (not words or "".join(words) == "".join(name) or _is_acronym(surface, entry.forms)
                or _is_acronym(entry.name, [surface])):
            return True
        if entry.is_tech:
            dropped = [w for w in name if w not in words]
            return not (set(words) < set(name) and any(self.lookup(w) for w in dropped))
        if surface.isupper() and len(words) == 1:
            return True  # an acronym names a thing of its own ("OSHA", "ITIL")
        if set(words) < set(name) and surface.lower() in {f.lower() for f in entry.needs_context}:
            return True  # a shortening the taxonomy only accepts among other skills ("classification")
        if "".join(w[0] for w in words if w not in _JOINERS) in name:
            return True  # spells out a word of the name that is an acronym ("continuous integration", CI/CD)
        head = name[-1]
        return any(w[:_STEM] == head[:_STEM] or (len(head) >= _STEM and w.endswith(head)) for w in words)

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


_JOINERS = frozenset({"and", "of", "for", "the", "&"})  # words an acronym skips ("SIEM")
_STEM = 4  # letters two words share when one is a form of the other ("lead" ~ "leadership")


def _words(text: str) -> list[str]:
    """The folded words of a form; hyphens and slashes part words ("front-end", "CI/CD")."""
    return [w for w in fold(text.replace("-", " ").replace("/", " ")).split() if w]


def _is_acronym(surface: str, forms: Sequence[str]) -> bool:
    """Whether `surface` is written as an acronym ("UML", "TDD") whose letters open the words of a form."""
    letters = surface.replace(".", "").replace("/", "")
    if not (2 <= len(letters) <= 6 and letters.isupper()):
        return False
    return any("".join(w[0] for w in _words(form) if w not in _JOINERS) == letters.lower() for form in forms)

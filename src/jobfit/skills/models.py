"""Typed values of the skills taxonomy: one `SkillEntry` per skill, `SkillSpan` (a match in a line) and
`SkillMention` (a skill found in a document)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict

SkillCategory = Literal[
    "language", "framework", "tool", "cloud", "database", "method", "soft_skill", "domain"
]
TECH_CATEGORIES: frozenset[str] = frozenset({"language", "framework", "tool", "cloud", "database"})


class SkillEntry(BaseModel):
    """One skill. `name` and `aliases` are its surface forms.

    `case_sensitive` lists forms matched only exactly as written ("Go", "Flask"); every other form is
    matched case-insensitively. `needs_context` lists forms accepted only in a skills-like context (a
    skills section, a "Skills:" style line, or another skill of a compatible kind on the same line).
    """

    model_config = ConfigDict(frozen=True)

    id: str
    name: str
    category: SkillCategory
    aliases: tuple[str, ...] = ()
    parents: tuple[str, ...] = ()
    case_sensitive: tuple[str, ...] = ()
    needs_context: tuple[str, ...] = ()
    source: Literal["curated", "esco"] = "curated"
    uri: str | None = None

    @property
    def forms(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)

    @property
    def is_tech(self) -> bool:
        return self.category in TECH_CATEGORIES


@dataclass(frozen=True, slots=True)
class SkillSpan:
    """A skill matched in text: `start`/`end` are character offsets within line `line` (1-based).

    A plain dataclass, not a pydantic model: thousands are made per document on the hot path.
    """

    skill_id: str
    surface: str
    line: int
    start: int
    end: int
    fuzzy: bool = False


class SkillMention(BaseModel):
    """A taxonomy skill found in text."""

    skill_id: str
    name: str
    category: str
    surface: str  # the text as written ("k8s")
    line: int | None = None
    section: str | None = None

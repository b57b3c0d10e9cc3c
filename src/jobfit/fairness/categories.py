"""The categories a bias audit reports on: sex and race/ethnicity as the EEO-1 report names them, and their
intersections; the spellings a recruiter's file may use for each (`data/eeo1.json`)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from importlib import resources
from typing import Literal

Grouping = Literal["sex", "race_ethnicity", "intersection"]
GROUPINGS: tuple[Grouping, ...] = ("sex", "race_ethnicity", "intersection")
GROUPING_LABELS: dict[Grouping, str] = {"sex": "Sex", "race_ethnicity": "Race/ethnicity",
                                        "intersection": "Sex and race/ethnicity"}
INTERSECTION_SEPARATOR = "+"


@dataclass(frozen=True)
class Category:
    code: str
    label: str


def normalised(value: str) -> str:
    """A spelling as it is compared: lower case, single spaces, no surrounding space."""
    return re.sub(r"\s+", " ", value.strip().lower())


class UnknownSpelling(ValueError):
    """A value that is neither a category's accepted spelling nor a way of saying 'unknown'."""


@dataclass(frozen=True)
class Categories:
    sex: tuple[Category, ...]
    race_ethnicity: tuple[Category, ...]
    spellings: dict[str, dict[str, str]]  # "sex" | "race_ethnicity" -> normalised spelling -> code
    unknown: frozenset[str]
    columns: dict[str, tuple[str, ...]]  # column role -> accepted header names (normalised)
    source: str

    def of(self, grouping: Grouping) -> tuple[Category, ...]:
        if grouping == "intersection":
            return tuple(Category(intersection_code(s.code, r.code), f"{s.label}, {r.label}")
                         for s in self.sex for r in self.race_ethnicity)
        return self.sex if grouping == "sex" else self.race_ethnicity

    def code_of(self, grouping: Literal["sex", "race_ethnicity"], value: str) -> str | None:
        """The category code a spelling names, None for unknown (blank, declined …); `UnknownSpelling` otherwise."""
        spelling = normalised(value)
        if spelling in self.unknown:
            return None
        try:
            return self.spellings[grouping][spelling]
        except KeyError:
            raise UnknownSpelling(value) from None

    def label(self, grouping: Grouping, code: str) -> str:
        return next(c.label for c in self.of(grouping) if c.code == code)


def intersection_code(sex: str, race_ethnicity: str) -> str:
    return f"{sex}{INTERSECTION_SEPARATOR}{race_ethnicity}"


def _load() -> Categories:
    data = json.loads(resources.files("jobfit.fairness").joinpath("data", "eeo1.json").read_text())

    def categories(key: str) -> tuple[Category, ...]:
        return tuple(Category(item["code"], item["label"]) for item in data[key])

    spellings = {key: {normalised(s): item["code"] for item in data[key] for s in (item["label"], *item["accepted"])}
                 for key in ("sex", "race_ethnicity")}
    columns = {role: tuple(normalised(n).replace(" ", "_") for n in names) for role, names in data["columns"].items()}
    return Categories(categories("sex"), categories("race_ethnicity"), spellings,
                      frozenset(normalised(u) for u in data["unknown"]), columns, data["source"])


CATEGORIES = _load()

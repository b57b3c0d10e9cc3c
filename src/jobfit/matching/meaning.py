"""The meaning check: whether a resume statement shows a requirement, by sentence-embedding similarity.

A word, alias or taxonomy match is a candidate; it is confirmed when the cosine of the requirement in its ad
context (`requirement_contexts`: its label and the ad line that asks for it) and the candidate statement (its
evidence text, `documents.statements`) reaches the embedder's threshold for its class: `confirm_tool` when
the statement names a tool, language, platform or database (the requirement itself, or a more specific skill
of it: their names rarely mean anything else), `confirm` when it only shares the words of any other
requirement (a method, field, soft skill or keyword, whose words mean more things).
A statement with no word match at all answers a requirement that is not a named tool when the cosine reaches
the stricter `paraphrase` threshold. The thresholds, per embedder, and how they were chosen are in
`data/meaning.json`; an embedder without thresholds there gets no meaning check (word matches stand
unconfirmed, and the report says so).

Vectors are computed by the shell (`jobfit.pipeline`): each resume statement once at upload, each
requirement's context once per job. Scoring only takes dot products.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from hashlib import blake2b
from importlib import resources

import numpy as np

from jobfit.documents.models import ParsedJob
from jobfit.documents.statements import split_statements
from jobfit.matching.requirements import Requirement
from jobfit.matching.text import LineIndex, phrase_terms
from jobfit.skills.models import TECH_CATEGORIES

CONTEXT_PREFIX = "requirement:"  # embedding type of a requirement context's vector: the prefix and `context_key`
# Job sections that state what is asked, searched first for a requirement's line.
_ASKING_SECTIONS = ("requirements", "preferred", "responsibilities")
_MAX_CONTEXT_CHARS = 300


@dataclass(frozen=True)
class Thresholds:
    """Cosine thresholds of one embedder: confirm a word candidate of a named tool (`confirm_tool`) or of any
    other requirement (`confirm`: a method, field, soft skill or keyword, whose words mean more things), and
    accept a `paraphrase` on meaning alone."""

    confirm: float
    paraphrase: float
    confirm_tool: float | None = None  # None: `confirm`

    def confirming(self, named_tool: bool) -> float:
        """The confirm threshold of a requirement of this class."""
        return self.confirm_tool if named_tool and self.confirm_tool is not None else self.confirm


@cache
def _data() -> dict:
    return json.loads(resources.files("jobfit.matching").joinpath("data", "meaning.json").read_text())


def thresholds_for(embedder_name: str | None) -> Thresholds | None:
    """The calibrated thresholds of an embedder (by `Embedder.name`), None when it has none."""
    found = _data()["embedders"].get(embedder_name or "")
    if found is None:
        return None
    tool = found.get("confirm_tool")
    return Thresholds(float(found["confirm"]), float(found["paraphrase"]), None if tool is None else float(tool))


def is_named_tool(req: Requirement) -> bool:
    """A requirement that names a tool, language, framework, platform or database: only its name (an alias, or
    a more specific skill of it) meets it, never a field around it or a sentence that means something close."""
    return req.category in TECH_CATEGORIES


def _asking_lines(job: ParsedJob, count: int) -> list[int]:
    """The job's line numbers, those of its asking sections first (each in document order)."""
    first: list[int] = []
    for name in _ASKING_SECTIONS:
        section = job.sections.get(name)
        if section is not None:
            first.extend(range(max(section.start_line, 1), min(section.end_line, count) + 1))
    seen = set(first)
    return list(dict.fromkeys(first)) + [n for n in range(1, count + 1) if n not in seen]


def requirement_statements(job: ParsedJob, requirements: Sequence[Requirement]
                           ) -> tuple[tuple[str | None, ...], tuple[str | None, ...]]:
    """Per requirement, in one pass over the ad: the text its meaning is judged in (`requirement_contexts`), and
    every ad statement that names it, joined (`asking_texts`)."""
    lines = job.text_content.split("\n")
    index = LineIndex(job.text_content)
    order = {number: rank for rank, number in enumerate(_asking_lines(job, len(lines)))}
    statements = {n: s for s in split_statements(lines) for n in s.lines}
    contexts: list[str | None] = []
    asked: list[str | None] = []
    for req in requirements:
        if req.kind not in ("skill", "keyword"):
            contexts.append(None)
            asked.append(None)
            continue
        found = [n for words in (req.terms, *req.aliases) if words for n in index.phrase_lines(words)]
        texts = dict.fromkeys(statements[n].text for n in sorted(set(found)) if n in statements)
        asked.append("\n".join(texts) if texts else None)
        if not found:
            contexts.append(req.label)
            continue
        statement = statements.get(min(found, key=order.__getitem__))
        line = statement.text if statement is not None else ""
        if phrase_terms(line) in ((), req.terms):
            contexts.append(req.label)
        else:
            contexts.append(f"{req.label}: {line[:_MAX_CONTEXT_CHARS]}")
    return tuple(contexts), tuple(asked)


def requirement_contexts(job: ParsedJob, requirements: Sequence[Requirement]) -> tuple[str | None, ...]:
    """Per requirement, the text its meaning is judged in: its label and the ad statement that names it (the
    first in the asking sections, else anywhere), "Python: 3+ years of Python and Django"; its label alone when
    no other words of the ad go with it; None for requirements that are not searched in the resume's statements
    (experience, education, title). The label keeps apart requirements written on one ad line."""
    return requirement_statements(job, requirements)[0]


def asking_texts(job: ParsedJob, requirements: Sequence[Requirement]) -> tuple[str | None, ...]:
    """Per skill or keyword requirement, every ad statement that names it, joined (None for the other kinds, or
    when none does): an ask of depth may sit in a statement other than the one its meaning is judged in
    ("Excellent coding skills ... with JavaScript/TypeScript" beside a tag line that lists javascript)."""
    return requirement_statements(job, requirements)[1]


def context_key(text: str) -> str:
    """The embedding type a requirement context's vector is stored under (content-addressed)."""
    return CONTEXT_PREFIX + blake2b(text.encode(), digest_size=8).hexdigest()


@dataclass(frozen=True)
class JobMeaning:
    """A job's side of the meaning check: its thresholds and one context vector per requirement (zero rows for
    requirements without one: those are not checked)."""

    thresholds: Thresholds
    vectors: np.ndarray  # (requirements, dim) float32
    present: tuple[bool, ...]
    # `vectors` transposed, contiguous: a resume's cosines are one small `np.dot` (a transposed view made the
    # product about 20x slower: 816 vs 37 us for 50 statements x 30 requirements on a busy machine)
    columns: np.ndarray


def job_meaning(contexts: Sequence[str | None], vectors: Mapping[str, np.ndarray],
                thresholds: Thresholds | None) -> JobMeaning | None:
    """The `JobMeaning` of a prepared job from its stored vectors (by `context_key`); None without thresholds
    or without a single context vector."""
    if thresholds is None:
        return None
    rows = [vectors.get(context_key(text)) if text is not None else None for text in contexts]
    dims = {len(v) for v in rows if v is not None}
    if len(dims) != 1:
        return None
    dim = dims.pop()
    matrix = np.zeros((len(rows), dim), dtype=np.float32)
    for position, row in enumerate(rows):
        if row is not None:
            matrix[position] = row
    return JobMeaning(thresholds, matrix, tuple(row is not None for row in rows), np.ascontiguousarray(matrix.T))

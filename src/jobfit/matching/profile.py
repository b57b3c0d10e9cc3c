"""An indexed view of one (redacted) resume: its statements, per-line section, recency and context weight.

Built once per resume and reused across jobs (ranking), so scoring a pair only does look-ups.
Context weight says how much a line counts as evidence: a skill used in an Experience bullet of the
current role counts more than the same word in a bare Skills list or a role from ten years ago.

Evidence is a statement (`documents.statements`): the word index is built over the resume's lines with
everything that is never evidence blanked out (headings, contact lines, page furniture, statements of
interest), and each line knows its statement, so a match cites the statement's lines and its meaning can be
checked against the statement's vector (`statement_vectors`, computed by the shell and attached after
loading: `with_statement_vectors`).
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from hashlib import blake2b
from itertools import repeat
from typing import Any, NamedTuple, TypeVar

import numpy as np
import orjson

from jobfit.documents.models import ExperienceEntry, ParsedResume
from jobfit.documents.statements import (
    Statement,
    StatementShape,
    evidence_lines,
    is_attendance,
    joined_text,
    list_items,
    split_statements,
    statement_shape,
)
from jobfit.matching.specificity import tfidf_norm
from jobfit.matching.text import LineIndex, has_run, phrase_terms
from jobfit.skills.models import SkillMention

T = TypeVar("T")
R = TypeVar("R", bound=tuple[Any, ...])

# How much a line of each section counts as evidence of a skill (1.0 = used in a job).
SECTION_WEIGHT: dict[str, float] = {
    "experience": 1.0,
    "projects": 0.95,
    "volunteer": 0.9,
    "summary": 0.85,
    "certifications": 0.85,
    "publications": 0.85,
    "education": 0.8,
    "skills": 0.8,
    "awards": 0.75,
    "languages": 0.75,
    "interests": 0.5,
    "references": 0.3,
}
UNSECTIONED_WEIGHT = 0.8
# Bump whenever what `to_dict` stores or how it is computed changes (redaction, tokenisation, stated
# years, this structure): stored profiles of another version are rebuilt with `prepare_resume`.
# 12: a short line ending in a colon is a heading; 11: a stated total caps an open-ended role's years; 10: an
# employer-and-place line is a role heading; 9: roles' months and spans; 8: statements
PROFILE_VERSION = 12
# Recency: each year since a role ended takes this much off its lines' weight, down to the floor.
RECENCY_DECAY_PER_YEAR = 0.05
RECENCY_FLOOR = 0.8

_PARENTHESES = re.compile(r"\([^()]*\)")
_YEARS_RE = re.compile(r"(\d{1,2}(?:\.\d)?)\s*\+?\s*(?:years|yrs)\b", re.IGNORECASE)
# A total the resume states of its own work ("4 Years Worked as a Software Faculty", "4+ years of experience").
_TOTAL_RE = re.compile(r"(\d{1,2}(?:\.\d)?)\s*\+?\s*(?:years|yrs)\s+(?:of\s+(?:total\s+)?)?"
                       r"(?:experience|work|worked|working)\b", re.IGNORECASE)
# A stated total below this share of the dated roles' years, with a role open to "Present", caps them: the resume
# was written years before today, to which "Present" is counted.
STATED_CAP_SHARE = 0.6
HEAD_LINES = 15  # the lines read for a stated figure when the resume has no summary, and for a stated total


def _month_index(value: str | None) -> int | None:
    if not value:
        return None
    match = re.match(r"(\d{4})(?:-(\d{2}))?", value)
    if not match:
        return None
    return int(match.group(1)) * 12 + int(match.group(2) or 6) - 1


ONGOING = math.inf  # the end month of a current role


def _entry_end(entry: ExperienceEntry) -> float | None:
    """The month index an entry ends in, `ONGOING` for a current role, None without dates."""
    end = _month_index(entry.end)
    if end is None and entry.is_current:
        return ONGOING
    return end if end is not None else _month_index(entry.start)


NO_LINE = 10**9  # sorts a mention without a line after every line
SKILL_USE_SECTIONS = ("experience", "projects")  # where a skill counts as used at work (`explain.strengths`)


class SkillRecord(NamedTuple):
    """What matching needs of one taxonomy skill on the resume; independent of any job, so it is computed
    once from the skill's mentions and stored with the profile (as a list; reloaded as a `SkillRecord` again).

    `weight`, `line`, `section` and `surface` are the skill's best evidence: the mention on the heaviest line
    (section and recency), the earliest of equals; `weight` is None when every mention sits on a redacted
    line. `lines` holds every line of its (unredacted) mentions, each once, in mention order. `work_line` and
    `work_count` are its first line in Experience or Projects and how many of its mentions are there.
    """

    name: str
    weight: float | None
    line: int | None
    section: str | None
    surface: str | None
    lines: list[int | None]
    work_line: int | None
    work_count: int


TITLE_SPAN = 2  # how many lines before or after an entry's own line may hold its title (`title_line`)


class Role(NamedTuple):
    """An experience entry's title and line (its recency is in `ResumeProfile.entry_recency`), how long it ran
    (months, 0 when undated) and the last line of its bullets (None when it has no line)."""

    title: str | None
    line: int | None
    months: int = 0
    last_line: int | None = None


class Degree(NamedTuple):
    """An education entry: what the education requirement is matched against."""

    degree_level: str
    degree: str | None
    field: str | None
    line: int | None


@dataclass
class ResumeProfile:
    """What the matcher knows about a resume, indexed by line.

    It holds only what scoring and explaining read (the redacted lines and their word index, per-line
    section and weight, one `SkillRecord` per taxonomy skill, roles, degrees, years and parse quality), so a
    stored profile is small and reloads without any validation or re-indexing: `to_dict()`/`from_dict()`
    keep the values as computed (trusted because `PROFILE_VERSION` matches). `resume` is the redacted
    `ParsedResume` when the profile was built in this process and None when it was reloaded; scoring never
    needs it.
    """

    index: LineIndex
    section_of_line: list[str | None]
    weight_of_line: list[float]  # section weight x the recency of the role the line belongs to
    entry_recency: list[float]
    skills: dict[str, SkillRecord] = field(default_factory=dict)  # by skill id, in first-mention order
    roles: list[Role] = field(default_factory=list)
    degrees: list[Degree] = field(default_factory=list)
    parse_quality: float | None = None  # the resume's quality score, when its checks ran
    years: float = 0.0
    years_line: int | None = None  # the line stating the years, when they come from the text
    lexical_norm: float = 0.0  # length of the whole text's TF-IDF vector (`specificity.tfidf_norm`)
    # The resume's lines as written (redacted); `index` holds them with what is never evidence blanked out.
    lines: list[str] = field(default_factory=list)
    # (first line, last line) of each statement that can be evidence, in order: the rows of `statement_vectors`.
    statements: list[tuple[int, int]] = field(default_factory=list)
    statements_key: str = ""  # `statements_key` of the texts embedded for `statements`
    # Per statement, how it reads (`shape_at`), one letter each: computed once when the profile is built.
    shapes: str = ""
    # Per statement, its vector (unit length), attached by the shell; None: the meaning check is not run.
    statement_vectors: np.ndarray | None = field(default=None, compare=False)
    resume: ParsedResume | None = field(default=None, compare=False)

    def memo(self, name: str) -> dict:
        """A cache, kept on this profile under `name`, of what is read from the resume alone (ranking asks it again
        for every job; do not mutate the profile after first use)."""
        return self.__dict__.setdefault(name, {})

    @property
    def skill_order(self) -> dict[str, int]:
        """Position of each skill id in `skills` (computed on first use; do not mutate the profile after)."""
        order = self.__dict__.get("_skill_order")
        if order is None or len(order) != len(self.skills):
            order = {skill_id: i for i, skill_id in enumerate(self.skills)}
            self.__dict__["_skill_order"] = order
        return order

    @property
    def statement_of_line(self) -> list[int]:
        """Per line (0-based list of 1-based lines), the position of its statement in `statements`, -1 for none
        (computed on first use)."""
        found = self.__dict__.get("_statement_of_line")
        if found is None:
            found = [-1] * len(self.lines)
            for position, (first, last) in enumerate(self.statements):
                found[first - 1 : last] = [position] * (last - first + 1)
            self.__dict__["_statement_of_line"] = found
        return found

    def statement_at(self, line: int | None) -> int:
        """The position in `statements` of the statement holding 1-based `line`, -1 for none."""
        of_line = self.statement_of_line
        if line is None or not 0 < line <= len(of_line):
            return -1
        return of_line[line - 1]

    def shape_at(self, line: int | None) -> StatementShape | None:
        """How the statement holding `line` reads (`statements.statement_shape`), "list" for any line of the
        Skills section that is no heading; None for a line in no statement. Computed per statement on first use."""
        position = self.statement_at(line)
        if position < 0:
            return None
        if len(self.shapes) == len(self.statements):
            return _SHAPE_NAME[self.shapes[position]]
        return _shape(self.statement_text(position), self.section(self.statements[position][0]))

    def item_terms(self, line: int | None) -> frozenset[str]:
        """The words of the statement holding `line` outside parentheses: what its items name ("ARCHITECTURE
        (Less than 1 year)" names architecture, not Less). Computed per statement on first use."""
        position = self.statement_at(line)
        if position < 0:
            return frozenset()
        found = self.memo("_item_terms")
        terms = found.get(position)
        if terms is None:
            terms = found[position] = frozenset(phrase_terms(_PARENTHESES.sub(" ", self.statement_text(position))))
        return terms

    def item_fit(self, line: int | None, names: tuple[str, ...]) -> int:
        """How an item of the list holding `line` names `names`: 0 an item is the name ("SQL" in "Oracle (SQL,
        PL/SQL)"; an item of a note counts only so), 1 an item holds it among other words ("networking concepts
        pertaining to LAN", "SQL Workbench"), 2 only as the last words of a longer name, which names another thing
        of its kind ("OSI Architecture", "Business process re-engineering"), 3 no item holds it. Items are computed
        per statement on first use."""
        position = self.statement_at(line)
        if position < 0 or not names:
            return 2
        found = self.memo("_items")
        items = found.get(position)
        if items is None:
            text = self.statement_text(position)
            items = found[position] = (
                tuple(phrase_terms(item) for item in list_items(_PARENTHESES.sub(", ", text))),
                frozenset(phrase_terms(item) for note in _PARENTHESES.findall(text) for item in list_items(note[1:-1])),
            )
        outside, notes = items
        wanted = frozenset(names)
        if names in notes:
            return 0  # a note's item that is the name ("SQL" in "Oracle (SQL, PL/SQL)"); a note names nothing else
        return min((0 if len(item) == len(names) else 2 if item[-len(names):] == names else 1
                    for item in outside if wanted <= frozenset(item)), default=3)

    def attended(self, line: int | None) -> bool:
        """Whether the statement holding `line` tells of attending or trying something (a workshop, a student
        paper, training taken: `statements.is_attendance`), which is thin evidence of doing it. Read once per
        statement, like `item_fit`'s items."""
        position = self.statement_at(line)
        if position < 0:
            return False
        found = self.memo("_attended")
        if position not in found:
            found[position] = is_attendance(self.statement_text(position))
        return found[position]

    def years_naming(self, lines: Iterable[int | None]) -> float:
        """Years of the dated roles whose lines hold any of `lines` (each role once): how long the resume shows a
        skill used at work."""
        months = 0
        for role in self.roles:
            if role.months and role.line is not None and role.last_line is not None and any(
                line is not None and role.line <= line <= role.last_line for line in lines
            ):
                months += role.months
        return months / 12.0

    def held_title_naming(self, names: tuple[str, ...]) -> int | None:
        """The title line (`title_line`) of the first role, in the resume's order, whose title names `names` (as
        `phrase_terms` gives them, a run of consecutive words): the post held that shows what a headline of the
        same words only announces."""
        found = self.memo("_held_titles")
        if names not in found:
            found[names] = next((line for role in self.roles if names and role.title
                                 and has_run(phrase_terms(role.title), names)
                                 and (line := self.title_line(role)) is not None), None)
        return found[names]

    def statement_text(self, position: int) -> str:
        """The whole text of a statement (its lines re-joined, bullet dropped), as cited (joined on first use:
        ranking reads the same statements for every job)."""
        texts = self.memo("_cited_texts")
        text = texts.get(position)
        if text is None:
            first, last = self.statements[position]
            text = texts[position] = joined_text(self.lines[first - 1 : last])
        return text

    def with_statement_vectors(self, vectors: np.ndarray | None) -> ResumeProfile:
        """Attach the statements' vectors (rows in `statements` order; a mismatched count attaches none)."""
        if vectors is not None and len(vectors) != len(self.statements):
            vectors = None
        self.statement_vectors = None if vectors is None else np.asarray(vectors, dtype=np.float32)
        return self

    @classmethod
    def build(cls, resume: ParsedResume) -> ResumeProfile:
        """Index a (redacted) resume."""
        years, years_line = _years(resume)
        lines = resume.text_content.split("\n")
        statements = resume_statements(resume)
        blanked = evidence_lines(lines, statements)
        profile = cls._assemble(resume, LineIndex("\n".join(blanked)), years, years_line, lines)
        evidence = [s for s in statements if s.is_evidence]
        profile.statements = [(s.first_line, s.last_line) for s in evidence]
        profile.shapes = "".join(_SHAPE_LETTER[_shape(s.text, profile.section(s.first_line))] for s in evidence)
        profile.statements_key = statements_key([s.evidence_text for s in evidence])
        profile.__dict__["_statement_texts"] = [s.evidence_text for s in evidence]
        return profile

    def statement_texts(self) -> list[str]:
        """The texts embedded for `statements` (what the shell turns into `statement_vectors`)."""
        texts = self.__dict__.get("_statement_texts")
        if texts is None:  # a reloaded profile: the statements it stored, read again from its lines
            spans = set(self.statements)
            texts = [s.evidence_text for s in split_statements(self.lines) if (s.first_line, s.last_line) in spans]
            self.__dict__["_statement_texts"] = texts
        return texts

    @classmethod
    def _assemble(cls, resume: ParsedResume, index: LineIndex, years: float, years_line: int | None,
                  lines: list[str]) -> ResumeProfile:
        n = len(index.lines)
        section_of_line: list[str | None] = [None] * n
        for name, section in sorted(resume.sections.items(), key=lambda kv: kv[1].start_line):
            first, last = max(section.start_line, 1), min(section.end_line, n)
            if last >= first:
                section_of_line[first - 1 : last] = [name] * (last - first + 1)
        entry_recency = _entry_recency(resume.experience)
        recency_of_line = [1.0] * n
        entries = sorted(
            (e.line, i) for i, e in enumerate(resume.experience) if e.line is not None and e.line >= 1
        )
        exp = resume.sections.get("experience")
        exp_end = exp.end_line if exp else n
        for k, (start, i) in enumerate(entries):
            stop = min(entries[k + 1][0] - 1 if k + 1 < len(entries) else exp_end, n)
            if stop >= start:
                recency_of_line[start - 1 : stop] = [entry_recency[i]] * (stop - start + 1)
        weight_of_line = [
            (SECTION_WEIGHT.get(s, 0.7) if s is not None else UNSECTIONED_WEIGHT) * r
            for s, r in zip(section_of_line, recency_of_line, strict=True)
        ]
        return cls._from_parts(resume, index, section_of_line, weight_of_line, entry_recency, years, years_line,
                               lines)

    @classmethod
    def _from_parts(
        cls,
        resume: ParsedResume,
        index: LineIndex,
        section_of_line: list[str | None],
        weight_of_line: list[float],
        entry_recency: list[float],
        years: float,
        years_line: int | None,
        lines: list[str],
    ) -> ResumeProfile:
        profile = cls(
            index=index,
            section_of_line=section_of_line,
            weight_of_line=weight_of_line,
            entry_recency=entry_recency,
            roles=_roles(resume, len(lines)),
            degrees=[Degree(e.degree_level, e.degree, e.field, e.line) for e in resume.education],
            parse_quality=resume.quality_score if resume.quality_checks else None,
            years=years,
            years_line=years_line,
            lexical_norm=tfidf_norm(index.counts),
            lines=lines,
            resume=resume,
        )
        mentions: dict[str, list[SkillMention]] = {}
        for m in resume.skills:
            mentions.setdefault(m.skill_id, []).append(m)
        profile.skills = {skill_id: profile._record(ms) for skill_id, ms in mentions.items()}
        return profile

    def _record(self, mentions: list[SkillMention]) -> SkillRecord:
        """A skill's `SkillRecord`, from its mentions."""
        best: tuple[float, int] | None = None  # (-weight, line or NO_LINE) of the best mention so far
        best_at: tuple[float, int | None, str | None, str] | None = None  # (weight, line, section, surface)
        lines: list[int | None] = []
        work_line: int | None = None
        work_count = 0
        for mention in mentions:
            line = mention.line
            if line is not None and self.section(line) in SKILL_USE_SECTIONS:
                work_count += 1
                work_line = line if work_line is None else min(work_line, line)
            if line is not None and not self._shows(line, mention.surface):
                continue  # redacted (a name that looks like a skill), or where nothing is evidence (a heading)
            section = self.section(line) or mention.section
            weight = self.weight(line, section)
            if line not in lines:
                lines.append(line)
            key = (-weight, NO_LINE if line is None else line)
            if best is None or key < best:
                best, best_at = key, (weight, line, section, mention.surface)
        weight_, line_, section_, surface = best_at if best_at is not None else (None, None, None, None)
        return SkillRecord(mentions[0].name, weight_, line_, section_, surface, lines, work_line, work_count)

    def _shows(self, line: int, surface: str) -> bool:
        """Whether `surface` is on the evidence part of `line` (not redacted, not blanked as never evidence)."""
        text = _on_line(self.index.lines, line)
        return text is not None and bool(text.strip()) and (not surface or surface.lower() in text.lower())

    def to_dict(self) -> dict[str, Any]:
        """A JSON-safe snapshot of the profile; reload it with `ResumeProfile.from_dict`.

        Records are stored as arrays (not objects) to keep the snapshot small and fast to decode.
        """
        return {
            "version": PROFILE_VERSION,
            "lines": self.lines,
            "blanks": _blanks(self.lines, self.index.lines),
            **self.index.stored(),
            "sections": _runs(self.section_of_line),
            "weights": _runs(self.weight_of_line),
            "entry_recency": self.entry_recency,
            "skills": {skill_id: list(record) for skill_id, record in self.skills.items()},
            "roles": [list(r) for r in self.roles],
            "degrees": [list(d) for d in self.degrees],
            "parse_quality": self.parse_quality,
            "years": self.years,
            "years_line": self.years_line,
            "lexical_norm": self.lexical_norm,
            "statements": [n for span in self.statements for n in span],
            "statements_key": self.statements_key,
            "shapes": self.shapes,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ResumeProfile:
        """The profile `to_dict` stored; `ValueError` when it was stored by another `PROFILE_VERSION`.

        On a version mismatch, prepare the resume again (`jobfit.matching.prepare_resume`). The index, skill
        records and per-line values are trusted as `to_dict` wrote them and used as given (not copied): do not
        mutate `data` afterwards.
        """
        version = data.get("version")
        if version != PROFILE_VERSION:
            raise ValueError(f"resume profile version {version!r}, expected {PROFILE_VERSION}")
        lines = data["lines"]
        index = LineIndex.from_stored(_blanked(lines, data["blanks"]), data)
        years_line = data["years_line"]
        flat = data["statements"]
        quality = data["parse_quality"]
        skills = data["skills"]
        return cls(
            index=index,
            section_of_line=_expand(data["sections"]),
            weight_of_line=_expand(data["weights"]),
            entry_recency=data["entry_recency"],
            skills=dict(zip(skills, _rebuilt(SkillRecord, skills.values()), strict=True)),
            roles=list(_rebuilt(Role, data["roles"])),
            degrees=list(_rebuilt(Degree, data["degrees"])),
            parse_quality=None if quality is None else float(quality),
            years=float(data["years"]),
            years_line=None if years_line is None else int(years_line),
            lexical_norm=float(data["lexical_norm"]),
            lines=lines,
            statements=list(zip(flat[::2], flat[1::2], strict=True)),
            statements_key=data["statements_key"],
            shapes=data["shapes"],
        )

    @classmethod
    def from_json(cls, text: str | bytes) -> ResumeProfile:
        """`from_dict` of a profile stored as JSON text (decoded with orjson: ~2x the json module's speed)."""
        return cls.from_dict(orjson.loads(text))

    def to_json(self) -> str:
        """The JSON text of `to_dict()`, as stored (read it back with `from_json`)."""
        return orjson.dumps(self.to_dict()).decode()

    def line_text(self, number: int | None) -> str | None:
        text = _on_line(self.lines, number)
        return None if text is None else text.strip() or None

    def title_line(self, role: Role) -> int | None:
        """The line that holds a role's title (the entry's own line, a line just before it or one of its first
        lines), None when no line near the entry holds it: a date or employer line never stands for the title."""
        if role.line is None or not role.title:
            return None
        wanted = " ".join(role.title.casefold().split())
        last = min(role.last_line or role.line, role.line + TITLE_SPAN)
        before = range(role.line - 1, role.line - TITLE_SPAN - 1, -1)
        for number in (role.line, *before, *range(role.line + 1, last + 1)):
            text = self.line_text(number)
            if text is not None and wanted in " ".join(text.casefold().split()):
                return number
        return None

    def title_lines(self) -> frozenset[int]:
        """The lines that hold a role's title (`title_line`), read once per profile: evidence cites a statement
        that names a skill before a bare title line ("Sales Associate Company Name City, State")."""
        found = self.memo("_title_lines")
        if "all" not in found:
            found["all"] = frozenset(line for role in self.roles if (line := self.title_line(role)) is not None)
        return found["all"]

    def section(self, number: int | None) -> str | None:
        return _on_line(self.section_of_line, number)

    def weight(self, number: int | None, section: str | None = None) -> float:
        weight = _on_line(self.weight_of_line, number)
        if weight is not None:
            return weight
        if section is not None:
            return SECTION_WEIGHT.get(section, 0.7)
        return UNSECTIONED_WEIGHT


def _on_line(values: list[T], number: int | None) -> T | None:
    """The value of 1-based line `number` in a per-line list; None for no line or one outside the list."""
    if number is None or not 0 < number <= len(values):
        return None
    return values[number - 1]


def _rebuilt(kind: type[R], rows: Iterable[list[Any]]) -> Iterator[R]:
    """Named tuples of `kind` from the lists `to_dict` stored them as, field for field (not checked: the
    profile version matched). `tuple.__new__` skips the per-record Python call of `kind(...)` or `_make`."""
    return map(tuple.__new__, repeat(kind), rows)  # type: ignore[arg-type]


def resume_statements(resume: ParsedResume) -> list[Statement]:
    """The statements of a resume as matching reads them (`documents.statements`), with the heading line of each
    role the parser found (title, employer) an "entry" too, dated or not: no evidence of a skill."""
    roles = {e.line for e in resume.experience if e.line is not None}
    return [dataclasses.replace(s, kind="entry", interest=()) if s.kind == "statement" and s.first_line in roles
            else s for s in split_statements(resume.text_content)]


def statements_key(texts: list[str]) -> str:
    """A digest of a resume's statement texts: stored vectors are used only for the texts they were made of."""
    return blake2b("\n".join(texts).encode(), digest_size=12).hexdigest()


def _blanks(lines: list[str], blanked: list[str]) -> list[list[int]]:
    """[line, start, end] of each run of characters `evidence_lines` blanked out (1-based lines)."""
    out: list[list[int]] = []
    for number, (line, kept) in enumerate(zip(lines, blanked, strict=True), start=1):
        if line == kept:
            continue
        start = None
        for column, (a, b) in enumerate(zip(line, kept, strict=True)):
            if a != b and start is None:
                start = column
            elif a == b and start is not None:
                out.append([number, start, column])
                start = None
        if start is not None:
            out.append([number, start, len(line)])
    return out


def _blanked(lines: list[str], blanks: list[list[int]]) -> list[str]:
    """`lines` with the `_blanks` runs replaced by spaces again."""
    if not blanks:
        return lines
    out = list(lines)
    for number, start, end in blanks:
        line = out[number - 1]
        out[number - 1] = line[:start] + " " * (end - start) + line[end:]
    return out


def _runs(values: list[Any]) -> list[list[Any]]:
    """`values` as [value, repeat] runs: per-line values come in long runs (a section's lines)."""
    runs: list[list[Any]] = []
    for value in values:
        if runs and runs[-1][0] == value and type(runs[-1][0]) is type(value):
            runs[-1][1] += 1
        else:
            runs.append([value, 1])
    return runs


def _expand(runs: list[list[Any]]) -> list[Any]:
    """The list `_runs` encoded."""
    out: list[Any] = []
    for value, count in runs:
        out += [value] * count
    return out


_SHAPE_LETTER: dict[StatementShape, str] = {"list": "l", "thin": "t", "heading": "h", "sentence": "s"}
_SHAPE_NAME: dict[str, StatementShape] = {letter: name for name, letter in _SHAPE_LETTER.items()}


def _shape(text: str, section: str | None) -> StatementShape:
    """How a statement reads (`statements.statement_shape`); any statement of the Skills section that is no
    heading is a list."""
    found = statement_shape(text)
    return "list" if found != "heading" and section == "skills" else found


def _roles(resume: ParsedResume, count: int) -> list[Role]:
    """The resume's roles, each with its months and the last line before the next role (or the end of the
    Experience section)."""
    exp = resume.sections.get("experience")
    end = min(exp.end_line if exp else count, count)
    starts = sorted({e.line for e in resume.experience if e.line is not None and e.line >= 1})
    after = {start: (starts[k + 1] - 1 if k + 1 < len(starts) else max(end, start)) for k, start in enumerate(starts)}
    return [Role(e.title, e.line, e.months, None if e.line is None else after.get(e.line)) for e in resume.experience]


def _entry_recency(entries: list[ExperienceEntry]) -> list[float]:
    """A factor per experience entry: 1.0 for the latest role, less for older ones."""
    ends = [_entry_end(e) for e in entries]
    # The latest month the resume shows (a current role's start counts: it runs at least until then).
    known = [e for e in ends if e is not None and e != ONGOING]
    known += [m for e in entries if e.is_current and (m := _month_index(e.start)) is not None]
    latest = max(known, default=None)
    out: list[float] = []
    for position, end in enumerate(ends):
        if end is None or latest is None:
            years_ago = float(position)  # no dates: assume reverse-chronological order
        elif end == ONGOING:
            years_ago = 0.0
        else:
            years_ago = max(0.0, (latest - end) / 12.0)
        out.append(max(RECENCY_FLOOR, 1.0 - RECENCY_DECAY_PER_YEAR * years_ago))
    return out


def _years(resume: ParsedResume) -> tuple[float, int | None]:
    """Total years of experience and the line that states it, when the resume states it.

    The larger of the parser's figure (from dated roles) and an explicit "N years" in the summary (or the
    first lines when there is no summary): a stated figure is evidence too, and date ranges split over
    lines can make the parser's figure too small. A total the resume states of its own work in its summary or first
    lines ("4 Years Worked", "4+ years of experience") caps the figure of a role open to "Present" when far below it:
    "June 2014 to Present" read years after the resume was written is not 12 years.
    """
    summary = resume.sections.get("summary")
    lines = resume.text_content.split("\n")
    first, last = (summary.start_line, summary.end_line) if summary else (1, min(HEAD_LINES, len(lines)))
    stated: tuple[float, int | None] = (0.0, None)
    for number in range(max(first, 1), min(last, len(lines)) + 1):
        for match in _YEARS_RE.finditer(lines[number - 1]):
            value = float(match.group(1))
            if value <= 50 and value > stated[0]:
                stated = (value, number)
    if stated[0] > resume.total_years_experience:
        return stated
    if any(entry.is_current and entry.end is None for entry in resume.experience):
        total: tuple[float, int | None] = (0.0, None)
        read = {*range(max(first, 1), min(last, len(lines)) + 1), *range(1, min(HEAD_LINES, len(lines)) + 1)}
        for number in sorted(read):
            for match in _TOTAL_RE.finditer(lines[number - 1]):
                if float(match.group(1)) > total[0]:
                    total = (float(match.group(1)), number)
        if total[0] >= max(stated[0], 1.0) and total[0] < STATED_CAP_SHARE * resume.total_years_experience:
            return total
    return resume.total_years_experience, None

"""An indexed view of one (redacted) resume: per-line section, recency and context weight.

Built once per resume and reused across jobs (ranking), so scoring a pair only does look-ups.
Context weight says how much a line counts as evidence: a skill used in an Experience bullet of the
current role counts more than the same word in a bare Skills list or a role from ten years ago.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from itertools import repeat
from typing import Any, NamedTuple, TypeVar

import orjson

from jobfit.documents.models import ExperienceEntry, ParsedResume
from jobfit.matching.specificity import tfidf_norm
from jobfit.matching.text import LineIndex
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
PROFILE_VERSION = 7  # 7: long street names, hyphenated house numbers and "Town, ST 12345" are redacted
# Recency: each year since a role ended takes this much off its lines' weight, down to the floor.
RECENCY_DECAY_PER_YEAR = 0.05
RECENCY_FLOOR = 0.8

_YEARS_RE = re.compile(r"(\d{1,2}(?:\.\d)?)\s*\+?\s*(?:years|yrs)\b", re.IGNORECASE)


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


class Role(NamedTuple):
    """An experience entry's title and line (its recency is in `ResumeProfile.entry_recency`)."""

    title: str | None
    line: int | None


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
    resume: ParsedResume | None = field(default=None, compare=False)

    @property
    def skill_order(self) -> dict[str, int]:
        """Position of each skill id in `skills` (computed on first use; do not mutate the profile after)."""
        order = self.__dict__.get("_skill_order")
        if order is None or len(order) != len(self.skills):
            order = {skill_id: i for i, skill_id in enumerate(self.skills)}
            self.__dict__["_skill_order"] = order
        return order

    @classmethod
    def build(cls, resume: ParsedResume) -> ResumeProfile:
        """Index a (redacted) resume."""
        years, years_line = _years(resume)
        return cls._assemble(resume, LineIndex(resume.text_content), years, years_line)

    @classmethod
    def _assemble(cls, resume: ParsedResume, index: LineIndex, years: float, years_line: int | None) -> ResumeProfile:
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
        return cls._from_parts(resume, index, section_of_line, weight_of_line, entry_recency, years, years_line)

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
    ) -> ResumeProfile:
        profile = cls(
            index=index,
            section_of_line=section_of_line,
            weight_of_line=weight_of_line,
            entry_recency=entry_recency,
            roles=[Role(e.title, e.line) for e in resume.experience],
            degrees=[Degree(e.degree_level, e.degree, e.field, e.line) for e in resume.education],
            parse_quality=resume.quality_score if resume.quality_checks else None,
            years=years,
            years_line=years_line,
            lexical_norm=tfidf_norm(index.counts),
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
            if line is not None and self.line_text(line) is None:
                continue  # the mention's line was redacted (e.g. a name that looks like a skill)
            section = self.section(line) or mention.section
            weight = self.weight(line, section)
            if line not in lines:
                lines.append(line)
            key = (-weight, NO_LINE if line is None else line)
            if best is None or key < best:
                best, best_at = key, (weight, line, section, mention.surface)
        weight_, line_, section_, surface = best_at if best_at is not None else (None, None, None, None)
        return SkillRecord(mentions[0].name, weight_, line_, section_, surface, lines, work_line, work_count)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-safe snapshot of the profile; reload it with `ResumeProfile.from_dict`.

        Records are stored as arrays (not objects) to keep the snapshot small and fast to decode.
        """
        return {
            "version": PROFILE_VERSION,
            "lines": self.index.lines,
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
        index = LineIndex.from_stored(data["lines"], data)
        years_line = data["years_line"]
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
        )

    @classmethod
    def from_json(cls, text: str | bytes) -> ResumeProfile:
        """`from_dict` of a profile stored as JSON text (decoded with orjson: ~2x the json module's speed)."""
        return cls.from_dict(orjson.loads(text))

    def to_json(self) -> str:
        """The JSON text of `to_dict()`, as stored (read it back with `from_json`)."""
        return orjson.dumps(self.to_dict()).decode()

    def line_text(self, number: int | None) -> str | None:
        text = _on_line(self.index.lines, number)
        return None if text is None else text.strip() or None

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
    lines can make the parser's figure too small.
    """
    summary = resume.sections.get("summary")
    lines = resume.text_content.split("\n")
    first, last = (summary.start_line, summary.end_line) if summary else (1, min(15, len(lines)))
    stated: tuple[float, int | None] = (0.0, None)
    for number in range(max(first, 1), min(last, len(lines)) + 1):
        for match in _YEARS_RE.finditer(lines[number - 1]):
            value = float(match.group(1))
            if value <= 50 and value > stated[0]:
                stated = (value, number)
    if stated[0] > resume.total_years_experience:
        return stated
    return resume.total_years_experience, None

"""Resume parsing: bytes or text -> ParsedResume (contact, sections, experience, education, skills,
quality, metadata with per-stage timings)."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date
from functools import lru_cache
from typing import TypeVar

from jobfit.documents.contact import extract_contact
from jobfit.documents.dates import document_date
from jobfit.documents.education import extract_education
from jobfit.documents.experience import extract_experience, total_years
from jobfit.documents.extract import extract_text
from jobfit.documents.language import detect_language
from jobfit.documents.long_lines import statement_lines
from jobfit.documents.models import (
    DocumentMetadata,
    EducationEntry,
    ExperienceEntry,
    ExtractedText,
    ParsedResume,
    Section,
)
from jobfit.documents.normalize import word_count
from jobfit.documents.quality import score_quality
from jobfit.documents.sections import header_summary, merge_parts, section_parts
from jobfit.documents.skill_mentions import find_skill_mentions

T = TypeVar("T")


class _Timer:
    def __init__(self) -> None:
        self.timings: dict[str, float] = {}

    def run(self, stage: str, func: Callable[[], T]) -> T:
        started = time.perf_counter()
        try:
            return func()
        finally:
            self.timings[stage] = round((time.perf_counter() - started) * 1000, 2)


def _body_line(text: str, section: Section) -> int:
    """The document line (1-based) holding the first line of `section.text`.

    The body starts below the heading, after any blank lines (which `section.text` does not keep), or on
    the heading line itself when the heading carries text ("Experience: ..."). Entries found in the body
    are numbered from here, so their `line` is the document line that shows them.
    """
    lines = text.split("\n")
    first = section.text.split("\n", 1)[0].strip()
    for number in range(section.start_line, min(section.end_line, len(lines)) + 1):
        line = lines[number - 1].strip()
        if first and (line == first or (number == section.start_line and line.endswith(first))):
            return number
    return section.start_line + 1


# Sections whose date ranges are not work history, left out when a resume has no experience heading.
_NOT_WORK = ("education", "projects", "publications", "certifications", "awards", "volunteer", "interests",
             "references", "languages", "skills")


def _experience(text: str, parts: dict[str, list[Section]], as_of: date) -> list[ExperienceEntry]:
    """Entries of every part of the experience section, each numbered from its own first line; without an
    experience heading, the date ranges outside the sections that are not work."""
    if "experience" in parts:
        entries = [entry for part in parts["experience"]
                   for entry in _section_experience(part.text, _body_line(text, part), as_of, False)]
    else:
        entries = list(_section_experience(_outside(text, parts, _NOT_WORK), 1, as_of, True))
    return [entry.model_copy(deep=True) for entry in entries]


def _outside(text: str, parts: dict[str, list[Section]], names: tuple[str, ...]) -> str:
    """`text` with the lines of the named sections' parts blanked (line numbers kept)."""
    lines = text.split("\n")
    for name in names:
        for part in parts.get(name, []):
            for index in range(part.start_line - 1, min(part.end_line, len(lines))):
                lines[index] = ""
    return "\n".join(lines)


@lru_cache(maxsize=256)
def _section_experience(section_text: str, first_line: int, as_of: date, ranges_only: bool
                        ) -> tuple[ExperienceEntry, ...]:
    """`extract_experience` of a section, cached: an edit elsewhere in the resume leaves the section as it was
    (suggestions' impact parses every edited variant of one resume); callers get copies."""
    return tuple(extract_experience(section_text, first_line=first_line, today=as_of, ranges_only=ranges_only))


def _education(text: str, parts: dict[str, list[Section]]) -> list[EducationEntry]:
    entries = [entry for part in parts.get("education", [])
               for entry in extract_education(part.text, first_line=_body_line(text, part))]
    if entries:
        return entries
    # No education heading (or nothing found under it): look for degrees anywhere outside work history.
    return extract_education(_outside(text, parts, ("experience",)), education_section=False)


def build_resume(extracted: ExtractedText, *, timer: _Timer | None = None, today: date | None = None,
                 checks: bool = True) -> ParsedResume:
    """Everything after text extraction; `extracted.text` must already be normalised.

    `checks=False` leaves out the quality checks and the language (no `quality_checks`, `language` None): what
    scoring a resume's match never reads (`overall_score`), for re-scoring edited variants (suggestions' impact).
    """
    timer = timer or _Timer()
    today = today or date.today()  # "Present" counts to the resume's own date when it shows one (`document_date`)
    text = extracted.text
    parts, first_heading = timer.run("sections", lambda: section_parts(text))
    sections = merge_parts(parts)
    if "summary" not in sections:
        summary = header_summary(text.split("\n"), first_heading)
        if summary is not None:
            sections["summary"] = summary
    contact = timer.run(
        "contact", lambda: extract_contact(text, first_heading_line=first_heading, links=extracted.links)
    )
    as_of, as_of_source = document_date(text, extracted.file_date, today)
    experience = timer.run("experience", lambda: _experience(text, parts, as_of))
    education = timer.run("education", lambda: _education(text, parts))
    skills = timer.run("skills", lambda: find_skill_mentions(text, sections))
    words = word_count(text)
    score, quality_checks = timer.run(
        "quality",
        lambda: score_quality(
            text=text,
            contact=contact,
            sections=sections,
            words=words,
            file_type=extracted.file_type,
            layout=extracted.layout,
        ),
    ) if checks else (0.0, [])
    language = timer.run("language", lambda: detect_language(text)) if checks else None
    metadata = DocumentMetadata.of(extracted, text, words, language, timer.timings, extracted.warnings)
    metadata.as_of, metadata.as_of_source = as_of.isoformat(), as_of_source or "today"
    return ParsedResume(
        text_content=text,
        contact_info=contact,
        sections=sections,
        experience=experience,
        total_years_experience=total_years(experience),
        education=education,
        skills=skills,
        metadata=metadata,
        quality_score=score,
        quality_checks=quality_checks,
    )


def parse_resume(data: bytes, filename: str | None = None, *, today: date | None = None) -> ParsedResume:
    """Parse resume file bytes (PDF, DOCX, TXT, MD). Raises a DocumentError subclass on unreadable input."""
    timer = _Timer()
    extracted = timer.run("extract", lambda: extract_text(data, filename, statements=True))
    resume = build_resume(extracted, timer=timer, today=today)
    resume.metadata.timings_ms["total"] = round(sum(timer.timings.values()), 2)
    return resume


def parse_resume_text(text: str, *, today: date | None = None, checks: bool = True) -> ParsedResume:
    """Parse resume plain text (already decoded); `checks` as in `build_resume`."""
    timer = _Timer()
    normalised = timer.run("extract", lambda: statement_lines(text))
    extracted = ExtractedText(
        text=normalised,
        file_type="txt",
        parser="text",
        layout={"columns": 1, "tables": False, "images": False, "text_boxes": False},
    )
    resume = build_resume(extracted, timer=timer, today=today, checks=checks)
    resume.metadata.timings_ms["total"] = round(sum(timer.timings.values()), 2)
    return resume

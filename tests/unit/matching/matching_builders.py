"""Plain-value builders for matching tests: resumes and jobs from a few lines of text, no parsing."""

from __future__ import annotations

from collections.abc import Sequence

from jobfit.documents.models import (
    ContactField,
    ContactInfo,
    DocumentMetadata,
    EducationEntry,
    ExperienceEntry,
    ParsedJob,
    ParsedResume,
    Section,
    SkillMention,
)

META = DocumentMetadata(file_type="txt", parser="text")

# A small, explicit skills graph for partial-credit rules (same methods as the project Taxonomy).
PARENTS = {"react": "javascript", "vue": "javascript", "django": "python", "flask": "python"}


class TinyTaxonomy:
    """Parent/child 0.7, siblings 0.5, else 0: the relatedness contract of `jobfit.skills`."""

    def parents(self, skill_id: str) -> list[str]:
        return [PARENTS[skill_id]] if skill_id in PARENTS else []

    def children(self, skill_id: str) -> list[str]:
        return sorted(k for k, v in PARENTS.items() if v == skill_id)

    def relatedness(self, a: str, b: str) -> float:
        if a == b:
            return 1.0
        if PARENTS.get(a) == b or PARENTS.get(b) == a:
            return 0.7
        if a in PARENTS and PARENTS.get(a) == PARENTS.get(b):
            return 0.5
        return 0.0


def skill(skill_id: str, name: str | None = None, *, surface: str | None = None, line: int | None = None,
          section: str | None = None) -> SkillMention:
    name = name or skill_id.capitalize()
    return SkillMention(skill_id=skill_id, name=name, category="tech", surface=surface or name, line=line,
                        section=section)


def build_resume(
    sections: Sequence[tuple[str, Sequence[str]]],
    *,
    header: Sequence[str] = (),
    name: str | None = None,
    experience: Sequence[ExperienceEntry] = (),
    education: Sequence[EducationEntry] = (),
    years: float = 0.0,
    skill_ids: dict[str, str] | None = None,
) -> ParsedResume:
    """A resume from (section, lines) pairs; each section gets a heading line.

    `skill_ids` maps a surface word to a skill id; mentions are created for every line containing it,
    as the skills extractor would, with line numbers and sections.
    """
    lines = list(header)
    parsed: dict[str, Section] = {}
    for section_name, body in sections:
        start = len(lines) + 1
        lines.append(section_name.upper())
        lines.extend(body)
        parsed[section_name] = Section(heading=section_name.upper(), text="\n".join(lines[start - 1 :]),
                                       start_line=start, end_line=len(lines))
    mentions: list[SkillMention] = []
    for number, text in enumerate(lines, 1):
        section_of = next((n for n, s in parsed.items() if s.start_line <= number <= s.end_line), None)
        for surface, skill_id in (skill_ids or {}).items():
            if surface.lower() in text.lower():
                mentions.append(skill(skill_id, skill_id.capitalize(), surface=surface, line=number,
                                      section=section_of))
    contact = ContactInfo(name=ContactField(value=name, confidence=0.9)) if name else ContactInfo()
    return ParsedResume(
        text_content="\n".join(lines), contact_info=contact, sections=parsed, experience=list(experience),
        education=list(education), total_years_experience=years, skills=mentions, metadata=META,
    )


def build_job(
    title: str,
    text: str,
    *,
    required: Sequence[SkillMention] = (),
    preferred: Sequence[SkillMention] = (),
    min_years: float | None = None,
    degree_level: str | None = None,
    degree_field: str | None = None,
) -> ParsedJob:
    return ParsedJob(
        title=title, text_content=text, required_skills=list(required), preferred_skills=list(preferred),
        min_years=min_years, degree_level=degree_level, degree_field=degree_field,  # type: ignore[arg-type]
        metadata=META,
    )

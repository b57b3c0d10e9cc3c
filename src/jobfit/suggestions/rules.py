"""The offline rule engine: deterministic suggestions from a MatchResult, the ParsedResume and the ParsedJob.

Each rule returns `Suggestion`s with their edit placed at a real line; impact, category and priority are
filled in later by `impact.py` (measured, not guessed). Rules never invent facts: a skill the resume does
not show is only ever suggested conditionally ("If you have used X ..."), and missing results are asked for
with a placeholder, never a made-up number.
"""

from __future__ import annotations

from jobfit.documents.models import ParsedJob, ParsedResume
from jobfit.documents.sections import heading_key
from jobfit.matching.models import MatchResult
from jobfit.suggestions.models import Suggestion
from jobfit.suggestions.rule_context import RuleContext
from jobfit.suggestions.rule_texts import suggest
from jobfit.suggestions.skill_rules import listed_not_evidenced, missing_keywords, missing_skills, title_alignment
from jobfit.suggestions.writing_rules import tense, unquantified, weak_verbs

STANDARD_HEADINGS: dict[str, tuple[str, frozenset[str]]] = {
    "experience": (
        "Experience",
        frozenset(
            {
                "experience",
                "work experience",
                "professional experience",
                "employment history",
                "work history",
                "employment",
            }
        ),
    ),
    "education": ("Education", frozenset({"education", "education and training", "academic background"})),
    "skills": ("Skills", frozenset({"skills", "technical skills", "core skills", "key skills", "core competencies"})),
    "summary": (
        "Summary",
        frozenset({"summary", "professional summary", "profile", "objective", "career objective", "about me"}),
    ),
    "projects": ("Projects", frozenset({"projects", "personal projects", "selected projects", "key projects"})),
    "certifications": (
        "Certifications",
        frozenset({"certifications", "certificates", "licenses and certifications", "certifications and licenses"}),
    ),
}


_LAYOUT_PROBLEMS = {
    "columns": "Multi-column layout",
    "tables": "Tables",
    "images": "Images",
    "text_boxes": "Text boxes",
    "headers": "Page headers",
    "footers": "Page footers",
}


def sections(ctx: RuleContext) -> list[Suggestion]:
    """Missing core sections and non-standard headings ATS may not recognise."""
    out: list[Suggestion] = []
    present = ctx.resume.sections
    for key in ("experience", "education", "skills"):
        if key in present:
            continue
        suggested = None
        number = None
        if key == "skills":
            names = list(dict.fromkeys(m.name for m in ctx.resume.skills if m.category != "soft_skill"))[:12]
            if len(names) >= 3:
                suggested, number = "\n".join(["", "Skills", ", ".join(names)]), len(ctx.lines)
        out.append(suggest("missing_skills_section" if suggested else "missing_section", (key, number),
                           ("" if suggested else None, suggested), heading=STANDARD_HEADINGS[key][0],
                           article="an" if key in ("experience", "education") else "a"))
    for key, section in present.items():
        standard = STANDARD_HEADINGS.get(key)
        heading = section.heading.strip()
        if standard is None or not heading or heading not in ctx.line(section.start_line):
            continue
        if heading_key(heading) in standard[1]:
            continue
        name = standard[0].upper() if heading.isupper() else standard[0]
        out.append(suggest("standard_heading", (key, section.start_line), (heading, name), standard=standard[0],
                           heading=heading, line=section.start_line))
    return out


def contact(ctx: RuleContext) -> list[Suggestion]:
    info = ctx.resume.contact_info
    missing = [
        label
        for label, value in (("your name", info.name), ("an email address", info.email), ("a phone number", info.phone))
        if value is None
    ]
    if not missing:
        return []
    return [suggest("missing_contact", (None, 1), missing=" or ".join(missing))]


def length(ctx: RuleContext) -> list[Suggestion]:
    words, pages = ctx.resume.metadata.words, ctx.resume.metadata.pages
    if words < 250:
        return [suggest("too_short", words=words)]
    if words > 1200 or (pages or 0) > 2:
        return [suggest("too_long_pages" if pages else "too_long", words=words, pages=pages)]
    return []


def layout(ctx: RuleContext) -> list[Suggestion]:
    flags = ctx.resume.metadata.layout
    out: list[Suggestion] = []
    for key, label in _LAYOUT_PROBLEMS.items():
        value = flags.get(key)
        problem = int(value or 1) > 1 if key == "columns" else bool(value)
        if not problem:
            continue
        out.append(suggest("layout", label=label))
    return out


RULES = (
    missing_skills,
    listed_not_evidenced,
    missing_keywords,
    title_alignment,
    unquantified,
    weak_verbs,
    tense,
    sections,
    contact,
    length,
    layout,
)


def rule_suggestions(resume: ParsedResume, job: ParsedJob, match: MatchResult) -> list[Suggestion]:
    """Every rule's suggestions, in rule order, without duplicate edits."""
    ctx = RuleContext(resume, job, match)
    out: list[Suggestion] = []
    seen: set[tuple[int | None, str, str, str]] = set()
    for rule in RULES:
        for suggestion in rule(ctx):
            key = (*suggestion.edit_key(), suggestion.title)
            if key in seen:
                continue
            seen.add(key)
            out.append(suggestion)
    return out

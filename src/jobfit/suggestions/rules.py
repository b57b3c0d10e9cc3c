"""The offline rule engine: deterministic suggestions from a MatchResult, the ParsedResume and the ParsedJob.

Each rule returns `Suggestion`s with their edit placed at a real line; impact, category and priority are
filled in later by `impact.py` (measured, not guessed). Rules never invent facts: a skill the resume does
not show is only ever suggested conditionally ("If you have used X ..."), and missing results are asked for
with a placeholder, never a made-up number.
"""

from __future__ import annotations

import re
from collections import Counter

from jobfit.documents.models import ParsedJob, ParsedResume, Section
from jobfit.documents.sections import heading_key, section_of_line
from jobfit.matching.models import MatchResult
from jobfit.skills import extract_skills, load_taxonomy
from jobfit.skills.models import SkillMention
from jobfit.suggestions.models import Suggestion
from jobfit.suggestions.statements import WORK_SECTIONS, Statement, work_statements
from jobfit.suggestions.verbs import SYNONYMS, strengthen_opening, to_past

RESULT_PLACEHOLDER = "[add the measurable result: %, $, time saved]"
MAX_SKILL_GAPS = 5
MAX_LISTED_ONLY = 3
MAX_QUANTIFY = 3
MAX_VERB_REWRITES = 3
MAX_KEYWORDS = 3

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
_ONGOING = re.compile(r"(?im)(?:^|[\s–-])(?:present|current|now|ongoing)\b")
_SEPARATORS = re.compile(r"\s*(?:,|\||•|;|·)\s*")


class _Context:
    """What every rule needs, computed once."""

    def __init__(self, resume: ParsedResume, job: ParsedJob, match: MatchResult) -> None:
        self.resume, self.job, self.match = resume, job, match
        self.lines = resume.text_content.split("\n")
        self.statements = work_statements(resume)
        self.skill_ids = {m.skill_id for m in resume.skills}
        self.work_mentions = [
            m for m in resume.skills if m.line is not None and section_of_line(resume.sections, m.line) in WORK_SECTIONS
        ]
        # Where a skill may be named: statement lines, never an entry's title/company/date line.
        self.statement_lines = {n for s in self.statements for n in range(s.line, s.end_line + 1)}
        self.job_skill_ids = {m.skill_id: "required" for m in job.required_skills}
        for mention in job.preferred_skills:
            self.job_skill_ids.setdefault(mention.skill_id, "preferred")

    def line(self, number: int) -> str:
        return self.lines[number - 1] if 1 <= number <= len(self.lines) else ""

    def section(self, number: int | None) -> str | None:
        return section_of_line(self.resume.sections, number) if number else None

    def last_line(self, section: Section) -> int:
        end = min(section.end_line, len(self.lines))
        while end > section.start_line and not self.lines[end - 1].strip():
            end -= 1
        return end

    def closest_work_mention(self, skill_id: str | None, skill_name: str | None) -> SkillMention | None:
        """The work-section mention of the resume skill most related to `skill_id` (experience first)."""
        taxonomy = load_taxonomy()
        best: tuple[float, int, SkillMention] | None = None
        for mention in self.work_mentions:
            if mention.skill_id == skill_id or mention.line not in self.statement_lines:
                continue
            score = taxonomy.relatedness(skill_id, mention.skill_id) if skill_id else 0.0
            if skill_name and mention.name == skill_name:
                score = max(score, 1.0)
            if score <= 0:
                continue
            rank = 0 if self.section(mention.line) == "experience" else 1
            key = (score - rank * 0.01, -(mention.line or 0), mention)
            if best is None or key[:2] > best[:2]:
                best = key
        return best[2] if best else None

    def last_entry_line(self) -> int | None:
        """Last line of the most recent (first listed) experience entry, to add a bullet after."""
        section = self.resume.sections.get("experience")
        if section is None:
            return None
        entries = sorted((e for e in self.resume.experience if e.line), key=lambda e: e.line or 0)
        if len(entries) >= 2:
            end = (entries[1].line or 0) - 1
            while end > (entries[0].line or 0) and not self.line(end).strip():
                end -= 1
            return end
        return self.last_line(section)


def _quote(text: str, limit: int = 90) -> str:
    text = text.strip()
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _skills_list_edit(ctx: _Context, skill: str) -> tuple[str, str, int, str] | None:
    """(original, suggested, line, section) to append `skill` to the Skills section's last line."""
    section = ctx.resume.sections.get("skills")
    if section is None:
        return None
    number = ctx.last_line(section)
    line = ctx.line(number)
    if number > section.start_line and _SEPARATORS.search(line):
        items = [item for item in _SEPARATORS.split(line.strip()) if item.strip()]
        last = items[-1].strip().rstrip(",;") if items else ""
        if last and last in line:
            sep = " | " if "|" in line else ", "
            return last, f"{last}{sep}{skill}", number, "skills"
    return "", skill, number, "skills"


def missing_skills(ctx: _Context) -> list[Suggestion]:
    """Required/preferred job skills the resume does not show at all: conditional, placed where they'd go."""
    out: list[Suggestion] = []
    for gap in ctx.match.skill_gaps:
        if len(out) >= MAX_SKILL_GAPS:
            break
        if gap.skill_id and gap.skill_id in ctx.skill_ids:
            continue  # listed somewhere: see listed_not_evidenced
        near = ctx.closest_work_mention(gap.skill_id, gap.closest_related)
        effort = "low"
        if near is not None and near.line is not None and near.surface in ctx.line(near.line):
            line = ctx.line(near.line)
            original, suggested, number = near.surface, f"{near.surface} and {gap.skill}", near.line
            where = (
                f"name it in your {ctx.section(number) or 'experience'} section next to {near.name}, "
                f"e.g. in line {number}: “{_quote(line)}”"
            )
            section = ctx.section(number)
        else:
            edit = _skills_list_edit(ctx, gap.skill)
            if edit is not None:
                original, suggested, number, section = edit
                where = f"add it to your Skills section (line {number}) and name it in the role where you used it"
            else:
                anchor = ctx.last_entry_line()
                if anchor is None:
                    continue
                original, suggested, number = (
                    "",
                    f"• Used {gap.skill} to [describe what you did and the result]",
                    anchor,
                )
                section, effort = "experience", "medium"
                where = f"add a bullet to your most recent role (after line {anchor}) saying what you did with it"
        related = f" Your resume shows the related {gap.closest_related}." if gap.closest_related else ""
        out.append(
            Suggestion(
                suggestion_type="skills",
                title=f"Show {gap.skill} if you have used it",
                description=f"The job lists {gap.skill} as {gap.importance}.{related} If you have used {gap.skill}, "
                f"{where}. Leave it out if you have not.",
                original_text=original,
                suggested_text=suggested,
                section_name=section,
                line_number=number,
                effort_estimate=effort,
                ai_confidence=70.0 if gap.importance == "required" else 55.0,
                conditional=True,
            )
        )
    return out


def listed_not_evidenced(ctx: _Context) -> list[Suggestion]:
    """Skills the Skills section lists but no work section shows: point at the role where they belong."""
    listed = [m for m in ctx.resume.skills if m.line is not None and ctx.section(m.line) == "skills"]
    worked = {m.skill_id for m in ctx.work_mentions}
    seen: set[str] = set()
    relevant: list[SkillMention] = []
    others: list[str] = []
    for mention in listed:
        if mention.skill_id in worked or mention.skill_id in seen:
            continue
        seen.add(mention.skill_id)
        if mention.skill_id in ctx.job_skill_ids:
            relevant.append(mention)
        else:
            others.append(mention.name)
    relevant.sort(key=lambda m: ctx.job_skill_ids[m.skill_id] != "required")
    out: list[Suggestion] = []
    if "experience" not in ctx.resume.sections:
        return out
    for mention in relevant[:MAX_LISTED_ONLY]:
        near = ctx.closest_work_mention(mention.skill_id, None)
        if near is not None and near.line is not None and near.surface in ctx.line(near.line):
            original, suggested, number = near.surface, f"{near.surface} and {mention.name}", near.line
            where = f"line {number}: “{_quote(ctx.line(number))}”, next to {near.name}"
            effort = "low"
        else:
            anchor = ctx.last_entry_line()
            if anchor is None:
                continue
            original, suggested, number = "", f"• Used {mention.name} to [describe what you did and the result]", anchor
            where = f"a new bullet after line {anchor} in your most recent role"
            effort = "medium"
        out.append(
            Suggestion(
                suggestion_type="experience",
                title=f"Show where you used {mention.name}",
                description=f"{mention.name} is listed in your Skills (line {mention.line}) but none of your roles or "
                f"projects mention it, so it counts for less. If you used it in a role, say so there, "
                f"e.g. {where}.",
                original_text=original,
                suggested_text=suggested,
                section_name=ctx.section(number) or "experience",
                line_number=number,
                effort_estimate=effort,
                ai_confidence=65.0,
            )
        )
    if others:
        skills_section = ctx.resume.sections.get("skills", None)
        out.append(
            Suggestion(
                suggestion_type="experience",
                title="Back up listed skills with experience",
                description="These skills are listed but never shown in a role or project: "
                + ", ".join(others[:6])
                + ". Mention the ones you used in the bullets where you used them.",
                section_name="skills",
                line_number=skills_section.start_line if skills_section else None,
                effort_estimate="medium",
                ai_confidence=50.0,
            )
        )
    return out


def missing_keywords(ctx: _Context) -> list[Suggestion]:
    """Salient job terms the resume never uses: conditional, added to Skills when the term is a skill."""
    missing = [
        row for row in ctx.match.match_analysis.requirements if row.kind == "keyword" and row.status == "missing"
    ]
    counts = {k.term: k.count_in_job for k in ctx.match.match_analysis.keywords}
    missing.sort(key=lambda row: -counts.get(row.requirement, 1))
    out: list[Suggestion] = []
    for row in missing:
        if len(out) >= MAX_KEYWORDS:
            break
        term = row.requirement
        is_skill = bool(extract_skills(term, section="skills"))
        if not is_skill and " " not in term:
            continue  # single generic words ("tools", "least") are not worth a suggestion
        edit = _skills_list_edit(ctx, term) if is_skill else None
        original, suggested, number, section = edit if edit else (None, None, None, None)
        out.append(
            Suggestion(
                suggestion_type="keyword",
                title=f"Use the job's term “{term}” if it fits",
                description=f"The job uses “{term}” {counts.get(term, 1)} time(s); your resume never does. If it truly "
                "describes your work, use the same words in your summary or a bullet"
                + (" or your Skills list." if edit else "."),
                original_text=original,
                suggested_text=suggested,
                section_name=section,
                line_number=number,
                effort_estimate="low",
                ai_confidence=45.0,
                conditional=True,
            )
        )
    return out


def _statement_edit(ctx: _Context, statement: Statement, length: int, replacement: str) -> tuple[str, str]:
    """(original line, rewritten line) replacing the first `length` characters of the statement's text."""
    line = ctx.line(statement.line)
    head = line[statement.col :]
    return line, line[: statement.col] + replacement + head[length:]


def _line_ok(ctx: _Context, statement: Statement) -> bool:
    return statement.words >= 4 and bool(ctx.line(statement.line).strip())


def weak_verbs(ctx: _Context) -> list[Suggestion]:
    """Weak openings ("responsible for", "helped", "worked on") and a verb starting too many statements."""
    out: list[Suggestion] = []
    for statement in ctx.statements:
        if len(out) >= MAX_VERB_REWRITES or not _line_ok(ctx, statement):
            continue
        line = ctx.line(statement.line)
        found = strengthen_opening(line[statement.col :])
        if found is None:
            continue
        phrase, length, replacement = found
        original, suggested = _statement_edit(ctx, statement, length, replacement)
        out.append(
            Suggestion(
                suggestion_type="content",
                title=f"Replace “{phrase}” with a stronger verb",
                description=f"Line {statement.line} opens with “{phrase}”, which hides what you did. Lead with the "
                "action"
                + (" (only if you did it yourself; otherwise name the part you owned)." if phrase == "helped" else "."),
                original_text=original,
                suggested_text=suggested,
                section_name=statement.section,
                line_number=statement.line,
                effort_estimate="low",
                ai_confidence=75.0,
            )
        )
    firsts = Counter(s.first_word.lower() for s in ctx.statements if s.first_word)
    for verb, count in sorted(firsts.items(), key=lambda kv: (-kv[1], kv[0])):
        if count < 3 or verb not in SYNONYMS:
            continue
        repeats = [s for s in ctx.statements if s.first_word.lower() == verb][1:]
        for synonym, statement in zip(SYNONYMS[verb], repeats[:2], strict=False):
            word = statement.first_word
            replacement = synonym.capitalize() if word[:1].isupper() else synonym
            original, suggested = _statement_edit(ctx, statement, len(word), replacement)
            out.append(
                Suggestion(
                    suggestion_type="content",
                    title=f"Vary the verb “{word}”",
                    description=f"{count} statements start with “{word}”. Vary the opening verb, e.g. on line "
                    f"{statement.line}.",
                    original_text=original,
                    suggested_text=suggested,
                    section_name=statement.section,
                    line_number=statement.line,
                    effort_estimate="low",
                    ai_confidence=60.0,
                )
            )
    return out


def tense(ctx: _Context) -> list[Suggestion]:
    """Present-tense openings in past roles: suggest the past tense of the same verb."""
    out: list[Suggestion] = []
    for statement in ctx.statements:
        entry = statement.entry
        if entry is None or entry.is_current or not entry.end or not _line_ok(ctx, statement):
            continue
        if _ONGOING.search(entry.text):
            continue  # "Present"/"Current" in the entry: the role may be ongoing despite the parsed end date
        word = statement.first_word
        past = to_past(word) if word else None
        if past is None or past.lower() == word.lower():
            continue
        original, suggested = _statement_edit(ctx, statement, len(word), past)
        out.append(
            Suggestion(
                suggestion_type="content",
                title="Use the past tense for past roles",
                description=f"Line {statement.line} describes a role that has ended in the present tense (“{word}”). "
                "Past roles read best in the past tense.",
                original_text=original,
                suggested_text=suggested,
                section_name=statement.section,
                line_number=statement.line,
                effort_estimate="low",
                ai_confidence=70.0,
            )
        )
        if len(out) >= MAX_VERB_REWRITES:
            break
    return out


def unquantified(ctx: _Context) -> list[Suggestion]:
    """Experience statements without a measurable result: ask for one with a placeholder, never a number."""
    out: list[Suggestion] = []
    for statement in ctx.statements:
        if len(out) >= MAX_QUANTIFY:
            break
        if statement.section != "experience" or statement.has_number or statement.words < 6:
            continue
        line = ctx.line(statement.end_line)
        start = statement.col if statement.end_line == statement.line else 0
        start += len(line[start:]) - len(line[start:].lstrip())
        original = line[start : statement.end_col]
        if len(original.split()) < 4:
            continue  # too little of the statement on its last line to anchor the edit
        body = original.rstrip(".;!? ")
        tail = original[len(body) :].strip() or ""
        suggested = f"{body}, {RESULT_PLACEHOLDER}{tail}"
        out.append(
            Suggestion(
                suggestion_type="content",
                title="Add a measurable result",
                description=f"The statement starting on line {statement.line} (“{_quote(statement.text, 70)}”) "
                "says what you did but not what it achieved. Add the real figure (%, $, time saved, users, volume) — "
                "only one you can back up.",
                original_text=original,
                suggested_text=suggested,
                section_name=statement.section,
                line_number=statement.end_line,
                effort_estimate="medium",
                ai_confidence=80.0,
            )
        )
    return out


def sections(ctx: _Context) -> list[Suggestion]:
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
        out.append(
            Suggestion(
                suggestion_type="format",
                title=f"Add {'an' if key in ('experience', 'education') else 'a'} {STANDARD_HEADINGS[key][0]} section",
                description=f"No “{STANDARD_HEADINGS[key][0]}” section was found. ATS and recruiters look for it under "
                "that heading" + (": list the skills your resume already shows." if suggested else "."),
                original_text="" if suggested else None,
                suggested_text=suggested,
                section_name=key,
                line_number=number,
                effort_estimate="low" if suggested else "medium",
                ai_confidence=85.0,
            )
        )
    for key, section in present.items():
        standard = STANDARD_HEADINGS.get(key)
        heading = section.heading.strip()
        if standard is None or not heading or heading not in ctx.line(section.start_line):
            continue
        if heading_key(heading) in standard[1]:
            continue
        name = standard[0].upper() if heading.isupper() else standard[0]
        out.append(
            Suggestion(
                suggestion_type="format",
                title=f"Use the standard heading “{standard[0]}”",
                description=f"“{heading}” (line {section.start_line}) is not a heading every ATS recognises; "
                f"“{standard[0]}” is.",
                original_text=heading,
                suggested_text=name,
                section_name=key,
                line_number=section.start_line,
                effort_estimate="low",
                ai_confidence=70.0,
            )
        )
    return out


def contact(ctx: _Context) -> list[Suggestion]:
    info = ctx.resume.contact_info
    missing = [
        label
        for label, value in (("your name", info.name), ("an email address", info.email), ("a phone number", info.phone))
        if value is None
    ]
    if not missing:
        return []
    return [
        Suggestion(
            suggestion_type="format",
            title="Add missing contact details",
            description=f"No {' or '.join(missing)} found. Put them as plain text at the top, not in a header, "
            "footer or image.",
            section_name=None,
            line_number=1,
            effort_estimate="low",
            ai_confidence=80.0,
        )
    ]


def length(ctx: _Context) -> list[Suggestion]:
    words, pages = ctx.resume.metadata.words, ctx.resume.metadata.pages
    if words < 250:
        description = f"{words} words is short: describe each role with 3-6 bullets of what you did and achieved."
        title = "Add more detail"
    elif words > 1200 or (pages or 0) > 2:
        description = (
            f"{words} words{f' on {pages} pages' if pages else ''}: cut older or less relevant detail "
            "to stay within two pages."
        )
        title = "Shorten the resume"
    else:
        return []
    return [
        Suggestion(
            suggestion_type="content", title=title, description=description, effort_estimate="high", ai_confidence=75.0
        )
    ]


def layout(ctx: _Context) -> list[Suggestion]:
    flags = ctx.resume.metadata.layout
    out: list[Suggestion] = []
    for key, label in _LAYOUT_PROBLEMS.items():
        value = flags.get(key)
        problem = int(value or 1) > 1 if key == "columns" else bool(value)
        if not problem:
            continue
        out.append(
            Suggestion(
                suggestion_type="format",
                title=f"{label} may confuse ATS",
                description=f"{label} were found in the file. Many applicant tracking systems read them out of order "
                "or drop them: use a single-column layout with plain text.",
                effort_estimate="medium",
                ai_confidence=85.0,
            )
        )
    return out


def _clean_title(title: str) -> str:
    title = re.sub(r"\([^)]*\)|\[[^]]*\]", " ", title)
    title = re.split(r"\s[-–|@]\s|,", title)[0]
    return re.sub(r"\s+", " ", title).strip()


def title_alignment(ctx: _Context) -> list[Suggestion]:
    """The job title missing from the resume: conditional headline, never a change to a past role's title."""
    row = next((r for r in ctx.match.match_analysis.requirements if r.kind == "title"), None)
    title = _clean_title(ctx.job.title)
    if row is None or row.status == "met" or not title or re.search(r"\d", title):
        return []
    summary = ctx.resume.sections.get("summary")
    if summary is not None and summary.heading.strip() and summary.heading.strip() in ctx.line(summary.start_line):
        number, where = summary.start_line, f"as the first line of your {summary.heading.strip()} section"
    else:
        number, where = 1, "as a headline under your name"
    return [
        Suggestion(
            suggestion_type="content",
            title=f"Align your headline with “{title}”",
            description=f"The job is “{title}”; your resume does not use that title. If it fairly describes what you "
            f"do, add it {where}. Do not change the titles of past roles.",
            original_text="",
            suggested_text=title,
            section_name=ctx.section(number + 1) if number > 1 else None,
            line_number=number,
            effort_estimate="low",
            ai_confidence=55.0,
            conditional=True,
        )
    ]


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
    ctx = _Context(resume, job, match)
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

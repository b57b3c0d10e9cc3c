"""Offline rules about what the job asks for: missing skills (asked conditionally, never invented), skills
listed but not shown at work, missing keywords, and the resume title."""

from __future__ import annotations

import re

from jobfit.skills import extract_skills
from jobfit.skills.models import SkillMention
from jobfit.suggestions.models import Suggestion
from jobfit.suggestions.rule_context import RuleContext, quote

MAX_SKILL_GAPS = 5


MAX_LISTED_ONLY = 3


MAX_KEYWORDS = 3


_SEPARATORS = re.compile(r"\s*(?:,|\||•|;|·)\s*")


def _skills_list_edit(ctx: RuleContext, skill: str) -> tuple[str, str, int, str] | None:
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


def missing_skills(ctx: RuleContext) -> list[Suggestion]:
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
                f"e.g. in line {number}: “{quote(line)}”"
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


def listed_not_evidenced(ctx: RuleContext) -> list[Suggestion]:
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
            where = f"line {number}: “{quote(ctx.line(number))}”, next to {near.name}"
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


def missing_keywords(ctx: RuleContext) -> list[Suggestion]:
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


def _clean_title(title: str) -> str:
    title = re.sub(r"\([^)]*\)|\[[^]]*\]", " ", title)
    title = re.split(r"\s[-–|@]\s|,", title)[0]
    return re.sub(r"\s+", " ", title).strip()


def title_alignment(ctx: RuleContext) -> list[Suggestion]:
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

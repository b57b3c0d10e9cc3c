"""Offline rules about what the job asks for: missing skills (asked conditionally, never invented), skills
listed but not shown at work, missing keywords, and the resume title."""

from __future__ import annotations

import re

from jobfit.skills import extract_skills
from jobfit.skills.models import SkillMention
from jobfit.suggestions.models import Suggestion
from jobfit.suggestions.rule_context import RuleContext, quote
from jobfit.suggestions.rule_texts import phrase, suggest

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
            where = phrase("skill_next_to", section=ctx.section(number) or "experience", near=near.name,
                           line=number, text=quote(line))
            section = ctx.section(number)
        else:
            edit = _skills_list_edit(ctx, gap.skill)
            if edit is not None:
                original, suggested, number, section = edit
                where = phrase("skill_in_list", line=number)
            else:
                anchor = ctx.last_entry_line()
                if anchor is None:
                    continue
                original, suggested, number = "", phrase("new_bullet", skill=gap.skill), anchor
                section, effort = "experience", "medium"
                where = phrase("skill_in_new_bullet", line=anchor)
        related = phrase("related_skill", skill=gap.closest_related) if gap.closest_related else ""
        out.append(suggest("missing_skill", (section, number), (original, suggested), effort=effort,
                           confidence=70.0 if gap.importance == "required" else None, skill=gap.skill,
                           importance=gap.importance, related=related, where=where))
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
            where = phrase("listed_next_to", line=number, text=quote(ctx.line(number)), near=near.name)
            effort = "low"
        else:
            anchor = ctx.last_entry_line()
            if anchor is None:
                continue
            original, suggested, number = "", phrase("new_bullet", skill=mention.name), anchor
            where = phrase("listed_in_new_bullet", line=anchor)
            effort = "medium"
        out.append(suggest("listed_not_shown", (ctx.section(number) or "experience", number), (original, suggested),
                           effort=effort, skill=mention.name, line=mention.line, where=where))
    if others:
        skills_section = ctx.resume.sections.get("skills", None)
        out.append(suggest("listed_skills_unshown", ("skills", skills_section.start_line if skills_section else None),
                           skills=", ".join(others[:6])))
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
        out.append(suggest("missing_skill_keyword" if edit else "missing_keyword", (section, number),
                           (original, suggested), term=term, count=counts.get(term, 1)))
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
        number, where = summary.start_line, phrase("headline_in_section", heading=summary.heading.strip())
    else:
        number, where = 1, phrase("headline_under_name")
    return [suggest("headline", (ctx.section(number + 1) if number > 1 else None, number), ("", title), title=title,
                    where=where)]

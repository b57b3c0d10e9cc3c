"""What every offline rule reads, computed once per suggestion run: `RuleContext`."""

from __future__ import annotations

from jobfit.documents.models import ParsedJob, ParsedResume, Section
from jobfit.documents.sections import section_of_line
from jobfit.matching.models import MatchResult
from jobfit.skills import load_taxonomy
from jobfit.skills.models import SkillMention
from jobfit.suggestions.statements import STATEMENT_SECTIONS, work_statements


class RuleContext:
    """What every rule needs, computed once."""

    def __init__(self, resume: ParsedResume, job: ParsedJob, match: MatchResult) -> None:
        self.resume, self.job, self.match = resume, job, match
        self.lines = resume.text_content.split("\n")
        self.statements = work_statements(resume)
        self.skill_ids = {m.skill_id for m in resume.skills}
        self.work_mentions = [
            m for m in resume.skills
            if m.line is not None and section_of_line(resume.sections, m.line) in STATEMENT_SECTIONS
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


def quote(text: str, limit: int = 90) -> str:
    text = text.strip()
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"

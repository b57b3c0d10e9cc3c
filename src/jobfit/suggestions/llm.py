"""LLM rewriting of resume lines, written against a `ChatModel` (the OpenAI-compatible client is the shell's:
`providers/openai_chat.py`), so this module builds the request and reads the answer without any network client.

What is sent: the job title and requirements, and the resume's work and summary lines with their line
numbers, after `redact_for_embedding` (no name, contact details or personal data). The answer must be JSON; each
item becomes a `Suggestion` only if its `original_text` is found on the line it names; the caller runs the truth
guard over the result.

`llm_suggestions` never raises: on any failure (past the model's deadline, connection refused, 5xx, malformed
JSON) it returns no suggestions and a warning naming the error class. Neither the API key nor resume text is
logged.
"""

from __future__ import annotations

import json
import logging
import re
from typing import Literal, Protocol

from pydantic import BaseModel, Field, ValidationError

from jobfit.documents.models import ParsedJob, ParsedResume
from jobfit.documents.sections import section_of_line
from jobfit.matching.models import MatchResult
from jobfit.redaction import redact_for_embedding
from jobfit.suggestions.models import Suggestion
from jobfit.suggestions.statements import STATEMENT_SECTIONS

log = logging.getLogger(__name__)

SYSTEM_PROMPT = """You improve resume lines for one job. Rules:
- Only rewrite the numbered resume lines you are given; quote the exact text you replace as original_text.
- Never add an employer, job title, degree, date, year, number or skill that the line does not already state.
  Where a measurable result is missing write the placeholder [add the measurable result] instead of a number.
- Prefer strong action verbs, the job's own words for things the candidate already shows, and concise lines.
Answer with JSON only, in this shape:
{"suggestions": [{"line_number": 12, "original_text": "exact text from line 12",
  "suggested_text": "the rewritten text", "title": "short title", "description": "why this helps",
  "suggestion_type": "content"}]}
suggestion_type is one of: content, experience, keyword, skills."""


class ChatTimeout(Exception):
    """The chat model did not answer within its deadline (`timeout_s` seconds, for the whole call)."""

    def __init__(self, timeout_s: float) -> None:
        super().__init__(f"no answer within {timeout_s:g} s")
        self.timeout_s = timeout_s


class ChatModel(Protocol):
    """A chat-completions model: `complete` sends the messages and returns the answer's text, asking for a JSON
    object; it raises `ChatTimeout` past its deadline and any other exception on failure."""

    @property
    def name(self) -> str: ...  # recorded as the suggestions' `generated_by`

    max_lines: int  # resume lines sent at most
    max_suggestions: int  # rewrites asked for, and kept, at most

    def complete(self, messages: list[dict[str, str]]) -> str: ...


class _LlmEdit(BaseModel):
    line_number: int
    original_text: str = Field(min_length=1)
    suggested_text: str = Field(min_length=1)
    title: str = "Rewrite this line"
    description: str = ""
    suggestion_type: Literal["content", "experience", "keyword", "skills"] = "content"


class _LlmAnswer(BaseModel):
    suggestions: list[_LlmEdit] = Field(default_factory=list)


def _resume_lines(resume: ParsedResume, limit: int) -> list[tuple[int, str]]:
    redacted = redact_for_embedding(resume.text_content, resume.contact_info).split("\n")
    numbers: list[int] = []
    for name in ("summary", *STATEMENT_SECTIONS):
        section = resume.sections.get(name)
        if section is not None:
            numbers.extend(range(section.start_line + 1, section.end_line + 1))
    out = [(n, redacted[n - 1].strip()) for n in sorted(set(numbers)) if 1 <= n <= len(redacted)]
    return [(n, text) for n, text in out if len(text.split()) >= 3][:limit]


def build_messages(resume: ParsedResume, job: ParsedJob, match: MatchResult, config: ChatModel) -> list[dict[str, str]]:
    """The chat messages for one resume and job (resume lines redacted)."""
    rows = [r for r in match.match_analysis.requirements if r.kind in ("skill", "experience", "education", "title")]
    requirements = "\n".join(f"- {r.requirement} ({r.importance}; resume: {r.status})" for r in rows[:25])
    lines = "\n".join(f"{n}: {text}" for n, text in _resume_lines(resume, config.max_lines))
    user = (
        f"Job title: {job.title}\nRequirements:\n{requirements}\n\nResume lines (number: text):\n{lines}\n\n"
        f"Suggest at most {config.max_suggestions} rewrites."
    )
    return [{"role": "system", "content": SYSTEM_PROMPT}, {"role": "user", "content": user}]


def parse_answer(content: str) -> _LlmAnswer:
    """The JSON object in `content` (code fences and text around it tolerated); raises ValueError if none."""
    text = re.sub(r"```(?:json)?", "", content or "").strip()
    start, end = text.find("{"), text.rfind("}")
    if start < 0 or end <= start:
        raise ValueError("no JSON object in the answer")
    return _LlmAnswer.model_validate(json.loads(text[start : end + 1]))


def to_suggestions(answer: _LlmAnswer, resume: ParsedResume, config: ChatModel) -> tuple[list[Suggestion], int]:
    """(suggestions whose original_text is on the named line, number of items that were not)."""
    lines = resume.text_content.split("\n")
    out: list[Suggestion] = []
    unmatched = 0
    for item in answer.suggestions[: config.max_suggestions]:
        number = item.line_number
        if (
            not (1 <= number <= len(lines))
            or item.original_text not in lines[number - 1]
            or item.original_text == item.suggested_text
        ):
            unmatched += 1
            continue
        out.append(
            Suggestion(
                suggestion_type=item.suggestion_type,
                title=item.title[:120],
                description=item.description or "Rewritten for this job.",
                original_text=item.original_text,
                suggested_text=item.suggested_text,
                section_name=section_of_line(resume.sections, number),
                line_number=number,
                effort_estimate="low",
                ai_confidence=60.0,
                generated_by=config.name,
            )
        )
    return out, unmatched


def llm_suggestions(
    resume: ParsedResume, job: ParsedJob, match: MatchResult, chat: ChatModel
) -> tuple[list[Suggestion], list[str]]:
    """(LLM suggestions, warnings); never raises: any failure gives ([], [warning])."""
    try:
        answer = parse_answer(chat.complete(build_messages(resume, job, match, chat)))
    except ChatTimeout as exc:
        log.warning("LLM call past its %g s deadline", exc.timeout_s)
        return [], [f"LLM call took longer than {exc.timeout_s:g} s; rule-based suggestions only."]
    except (ValueError, ValidationError) as exc:
        log.warning("LLM answer unusable: %s", type(exc).__name__)
        return [], [f"LLM answer was not valid JSON suggestions ({type(exc).__name__}); rule-based suggestions only."]
    except Exception as exc:  # connection errors, 5xx, anything else: the offline path must not fail
        log.warning("LLM call failed: %s", type(exc).__name__)
        return [], [f"LLM call failed ({type(exc).__name__}); rule-based suggestions only."]
    suggestions, unmatched = to_suggestions(answer, resume, chat)
    warnings = [f"{unmatched} LLM suggestion(s) did not match a resume line and were skipped."] if unmatched else []
    return suggestions, warnings

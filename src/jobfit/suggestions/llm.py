"""Optional LLM rewriting through any OpenAI-compatible chat-completions server (OpenAI, Azure, Ollama,
vLLM, LM Studio, llama.cpp), via the `openai` SDK.

What is sent: the job title and requirements, and the resume's work and summary lines with their line
numbers, after `redact_for_embedding` (no name, contact details or personal data). The answer must be JSON
(`response_format={"type": "json_object"}`; when a server rejects that with 400, the same request is sent
again as a plain prompt and the JSON is taken from the text). Each item becomes a `Suggestion` only if its
`original_text` is found on the line it names; the caller runs the truth guard over the result.

`llm_suggestions` never raises: on any failure (timeout, connection refused, 5xx, malformed JSON) it
returns no suggestions and a warning naming the error class. The whole call, retries included, has one deadline
(`timeout_s`): the SDK's timeout bounds each read, so a server that trickles its answer would otherwise hold the
request for as long as it liked; past the deadline the call is left to end on its own. Neither the API key nor
resume text is logged.
"""

from __future__ import annotations

import concurrent.futures
import json
import logging
import re
from typing import Literal

import openai
from pydantic import BaseModel, Field, SecretStr, ValidationError

from jobfit.documents.models import ParsedJob, ParsedResume
from jobfit.documents.sections import section_of_line
from jobfit.matching.models import MatchResult
from jobfit.redaction import redact_for_embedding
from jobfit.suggestions.models import Suggestion
from jobfit.suggestions.statements import STATEMENT_SECTIONS

log = logging.getLogger(__name__)
# LLM calls run here, so that each has a deadline for the whole call (a thread cannot be stopped: one past its
# deadline is abandoned and ends with the SDK's own timeouts)
_CALLS = concurrent.futures.ThreadPoolExecutor(max_workers=4, thread_name_prefix="jobfit-llm")

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
PLAIN_SUFFIX = "\nReturn only the JSON object, with no other text and no code fences."


class LlmConfig(BaseModel):
    """Where and how to call the chat-completions server."""

    base_url: str  # e.g. "https://api.openai.com/v1", "http://localhost:11434/v1"
    model: str
    api_key: SecretStr = SecretStr("not-needed")  # local servers accept any key
    timeout_s: float = Field(default=30.0, gt=0)
    max_retries: int = Field(default=1, ge=0)
    temperature: float = Field(default=0.2, ge=0.0, le=2.0)
    max_lines: int = Field(default=40, ge=1)
    max_suggestions: int = Field(default=8, ge=1)


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


def build_messages(resume: ParsedResume, job: ParsedJob, match: MatchResult, config: LlmConfig) -> list[dict]:
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


def _complete(client: openai.OpenAI, config: LlmConfig, messages: list[dict]) -> str:
    try:
        response = client.chat.completions.create(
            model=config.model,
            messages=messages,
            temperature=config.temperature,  # type: ignore[arg-type]
            response_format={"type": "json_object"},
        )
    except openai.BadRequestError:
        log.info("LLM server rejected response_format; retrying with a plain prompt")
        plain = [*messages[:-1], {"role": "user", "content": messages[-1]["content"] + PLAIN_SUFFIX}]
        response = client.chat.completions.create(
            model=config.model,
            messages=plain,
            temperature=config.temperature,  # type: ignore[arg-type]
        )
    return response.choices[0].message.content or ""


def to_suggestions(answer: _LlmAnswer, resume: ParsedResume, config: LlmConfig) -> tuple[list[Suggestion], int]:
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
                generated_by=config.model,
            )
        )
    return out, unmatched


def llm_suggestions(
    resume: ParsedResume, job: ParsedJob, match: MatchResult, config: LlmConfig
) -> tuple[list[Suggestion], list[str]]:
    """(LLM suggestions, warnings); never raises: any failure gives ([], [warning])."""
    try:
        client = openai.OpenAI(
            base_url=config.base_url,
            api_key=config.api_key.get_secret_value(),
            timeout=config.timeout_s,
            max_retries=config.max_retries,
        )
        call = _CALLS.submit(_complete, client, config, build_messages(resume, job, match, config))
        try:
            content = call.result(timeout=config.timeout_s)
        except concurrent.futures.TimeoutError:
            log.warning("LLM call past its %g s deadline", config.timeout_s)
            return [], [f"LLM call took longer than {config.timeout_s:g} s; rule-based suggestions only."]
        answer = parse_answer(content)
    except (ValueError, ValidationError) as exc:
        log.warning("LLM answer unusable: %s", type(exc).__name__)
        return [], [f"LLM answer was not valid JSON suggestions ({type(exc).__name__}); rule-based suggestions only."]
    except Exception as exc:  # timeouts, connection errors, 5xx, anything else: the offline path must not fail
        log.warning("LLM call failed: %s", type(exc).__name__)
        return [], [f"LLM call failed ({type(exc).__name__}); rule-based suggestions only."]
    suggestions, unmatched = to_suggestions(answer, resume, config)
    warnings = [f"{unmatched} LLM suggestion(s) did not match a resume line and were skipped."] if unmatched else []
    return suggestions, warnings

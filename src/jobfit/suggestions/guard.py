"""The truth guard: no suggestion may put a fact into the resume that the resume does not already hold.

Checked on `suggested_text` (what would be written into the resume), from rules and LLMs alike:

- numbers, years and number words ("40%", "2019", "tripled", "five") must appear in the resume;
- month names (dates) must appear in the resume;
- a degree (`degree_level_of`) must be one the resume shows (same level or the same written form);
- a skill found by the skills extractor must be on the resume, unless the suggestion is `conditional`
  ("If you have used Kubernetes ...") and the job asks for that skill;
- capitalised words (employers, products, places, titles) must appear in the resume, unless the suggestion
  is conditional and the word is part of the job's title; a word that starts a sentence is exempt only when
  it is an opening verb or a function word ("Built", "The");
- job-title nouns ("manager", "engineer") and seniority words ("senior", "lead") must appear in the
  resume, with the same conditional exception.

Bracketed lower-case placeholders ("[add the measurable result: %, $, time saved]") are instructions to the
candidate, not facts, and are not checked. A violating suggestion is dropped and counted.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from jobfit.documents.education import degree_level_of
from jobfit.documents.experience import MONTHS
from jobfit.documents.models import ParsedJob, ParsedResume
from jobfit.documents.quality import ACTION_VERBS
from jobfit.skills import extract_skills, find_skill_spans
from jobfit.suggestions.models import Suggestion
from jobfit.suggestions.statements import NUMBER_WORDS
from jobfit.suggestions.verbs import KNOWN_BASES, base_past

_PLACEHOLDER = re.compile(r"\[[a-z][^\]\d]*\]")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
_CAPITALISED = re.compile(r"(?<![\w.])[A-Z][A-Za-z&'’]*")
_SENTENCE_START = re.compile(r"(?:^\s*[-*–•]?\s*|[.!?:;|•]\s+)$")
TITLE_NOUNS = re.compile(
    r"(?i)\b(?:engineer|developer|manager|director|analyst|scientist|designer|architect|consultant|intern|"
    r"specialist|officer|president|vp|cto|ceo|cfo|coo|administrator|coordinator|supervisor|executive|"
    r"head|lead|principal|senior|junior|staff|chief)\b"
)
# Words that may start a sentence without naming anything: opening verbs (any tense) and function words.
OPENERS = frozenset(
    ACTION_VERBS
    | KNOWN_BASES
    | {base_past(b) for b in KNOWN_BASES}
    | {b + "s" for b in KNOWN_BASES}
    | {(b[:-1] if b.endswith("e") else b) + "ing" for b in KNOWN_BASES}
    | set(
        [
            "the",
            "a",
            "an",
            "in",
            "on",
            "as",
            "with",
            "for",
            "by",
            "to",
            "our",
            "my",
            "using",
            "through",
            "over",
            "across",
            "within",
            "after",
            "during",
            "while",
            "from",
            "and",
            "also",
            "successfully",
            "key",
            "this",
            "these",
            "each",
            "all",
            "both",
        ]
    )
    | {"co-led", "contributed", "partnered", "delivered", "owned", "collaborated", "enabled", "used"}
)
# Words that may be capitalised in a suggestion without naming anything (headings, pronoun).
_ALLOWED_CAPITALS = frozenset(
    [
        "i",
        "experience",
        "education",
        "skills",
        "summary",
        "projects",
        "certifications",
        "profile",
        "objective",
        "work",
        "professional",
        "technical",
        "core",
        "key",
        "employment",
        "history",
    ]
)


def _words(text: str) -> set[str]:
    out: set[str] = set()
    for word in _WORD.findall(text.lower().replace("’", "'")):
        out.add(word)
        out.update(part for part in re.split(r"[-']", word) if part)
    return out


def _numbers(text: str) -> set[str]:
    out: set[str] = set()
    for number in _NUMBER.findall(text):
        out.add(number.replace(",", ""))
        out.update(p for p in re.split(r"[.,]", number) if p)
    return out


@dataclass(frozen=True)
class ResumeFacts:
    """What the resume states, and what a conditional suggestion may name from the job."""

    text_lower: str
    words: frozenset[str]
    numbers: frozenset[str]
    skill_ids: frozenset[str]
    degree_levels: frozenset[str]
    job_skill_ids: frozenset[str]
    job_title_words: frozenset[str]


def resume_facts(resume: ParsedResume, job: ParsedJob | None = None) -> ResumeFacts:
    """The facts of `resume` (and the job's skills and title words for conditional suggestions)."""
    text = resume.text_content
    skill_ids = {m.skill_id for m in resume.skills}
    # Scanned as a skills list too, so forms that need context count as present when written anywhere.
    skill_ids.update(m.skill_id for m in extract_skills(text, section="skills"))
    job_skills = {m.skill_id for m in (job.required_skills + job.preferred_skills)} if job else set()
    return ResumeFacts(
        text_lower=text.lower(),
        words=frozenset(_words(text)),
        numbers=frozenset(_numbers(text)),
        skill_ids=frozenset(skill_ids),
        degree_levels=frozenset(e.degree_level for e in resume.education),
        job_skill_ids=frozenset(job_skills),
        job_title_words=frozenset(_words(job.title)) if job else frozenset(),
    )


def _check_numbers(text: str, facts: ResumeFacts, covered: set[int]) -> str | None:
    for match in _NUMBER.finditer(text):
        number = match.group(0)
        if match.start() in covered:
            continue  # part of a skill's name ("HTML5"): the skill check decides
        if number.replace(",", "") not in facts.numbers:
            return f"number {number} is not on the resume"
    for word in _words(text):
        if word in NUMBER_WORDS and word not in facts.words:
            return f"number word '{word}' is not on the resume"
        if word in MONTHS and word not in facts.words:
            return f"date '{word}' is not on the resume"
    return None


def _check_degree(text: str, facts: ResumeFacts) -> str | None:
    for line in text.split("\n"):
        found = degree_level_of(line)
        if found is None:
            continue
        level, written = found
        if written.lower() not in facts.text_lower and level not in facts.degree_levels:
            return f"degree '{written}' is not on the resume"
    return None


def _check_skills(text: str, facts: ResumeFacts, conditional: bool, section: str | None) -> tuple[str | None, set[int]]:
    """(violation, character offsets covered by skill names) for the skills named in `text`."""
    covered: set[int] = set()
    offset = 0
    for line_no, line in enumerate(text.split("\n"), start=1):
        for span in find_skill_spans(line, section=section):
            covered.update(range(offset + span.start, offset + span.end))
            if span.skill_id in facts.skill_ids:
                continue
            if conditional and span.skill_id in facts.job_skill_ids:
                continue
            return f"skill '{span.surface}' is not on the resume (line {line_no} of the suggestion)", covered
        offset += len(line) + 1
    return None, covered


def _allowed_word(word: str, facts: ResumeFacts, conditional: bool) -> bool:
    word = word.lower().replace("’", "'")
    parts = [p for p in re.split(r"[-'&]", word) if p]
    known = word in facts.words or all(p in facts.words for p in parts)
    return known or (conditional and word in facts.job_title_words)


def _check_names(text: str, facts: ResumeFacts, conditional: bool, covered: set[int]) -> str | None:
    for match in _CAPITALISED.finditer(text):
        if match.start() in covered:
            continue
        word = match.group(0)
        if word.lower() in _ALLOWED_CAPITALS or _allowed_word(word, facts, conditional):
            continue
        if _SENTENCE_START.search(text[: match.start()].split("\n")[-1]) and word.lower() in OPENERS:
            continue  # a verb or function word capitalised because it starts a sentence
        return f"name '{word}' (employer, title or place) is not on the resume"
    for match in TITLE_NOUNS.finditer(text):
        if match.start() in covered or _allowed_word(match.group(0), facts, conditional):
            continue
        return f"job title word '{match.group(0)}' is not on the resume"
    return None


def violation(suggestion: Suggestion, facts: ResumeFacts) -> str | None:
    """Why `suggestion` would put an unsupported fact into the resume, or None when it would not."""
    if not suggestion.suggested_text:
        return None
    text = _PLACEHOLDER.sub(" ", suggestion.suggested_text)
    reason, covered = _check_skills(text, facts, suggestion.conditional, suggestion.section_name)
    return (
        reason
        or _check_numbers(text, facts, covered)
        or _check_degree(text, facts)
        or _check_names(text, facts, suggestion.conditional, covered)
    )


def guard_suggestions(suggestions: Iterable[Suggestion], facts: ResumeFacts) -> tuple[list[Suggestion], list[str]]:
    """(the suggestions that pass, one reason per dropped suggestion)."""
    kept: list[Suggestion] = []
    reasons: list[str] = []
    for suggestion in suggestions:
        reason = violation(suggestion, facts)
        if reason is None:
            kept.append(suggestion)
        else:
            reasons.append(reason)
    return kept, reasons

"""Generate the suggestions for one match: rules -> optional LLM -> truth guard -> measured impact -> order.

Negative measured impact: `skills` and `keyword` suggestions exist to raise the match, so one that lowers
`overall_score` is dropped (and counted in a warning); `content`/`format`/`experience` advice is about
readability, truthfulness and ATS parsing as well, so it is kept with priority 5. Ordering is by priority,
then impact (higher first), then type, line and title, so ties are deterministic.
"""

from __future__ import annotations

import time
from datetime import date

from jobfit.documents.models import ParsedJob, ParsedResume
from jobfit.embeddings.base import Vectors
from jobfit.matching import prepare_job
from jobfit.matching.engine import PreparedJob
from jobfit.matching.models import MatchResult
from jobfit.suggestions.guard import guard_suggestions, resume_facts
from jobfit.suggestions.impact import ImpactMeter, with_impact
from jobfit.suggestions.llm import ChatModel, llm_suggestions
from jobfit.suggestions.models import Suggestion, SuggestionSet
from jobfit.suggestions.rules import rule_suggestions

_TYPE_ORDER = {"skills": 0, "experience": 1, "keyword": 2, "content": 3, "format": 4}
_SCORE_ONLY_TYPES = frozenset({"skills", "keyword"})


def _order(suggestion: Suggestion) -> tuple[int, float, int, int, str]:
    return (
        suggestion.priority,
        -suggestion.impact_score,
        _TYPE_ORDER[suggestion.suggestion_type],
        suggestion.line_number or 0,
        suggestion.title,
    )


def generate_suggestions(
    resume: ParsedResume,
    job: ParsedJob,
    match: MatchResult,
    *,
    prepared_job: PreparedJob | None = None,
    job_vectors: Vectors | None = None,
    resume_vectors: Vectors | None = None,
    llm: ChatModel | None = None,
    max_suggestions: int = 15,
    today: date | None = None,
) -> SuggestionSet:
    """Suggestions for `resume` against `job`, best first, each with its measured impact (see impact.py).

    `prepared_job` is `prepare_job(job)` when the caller already made it to score `match`: the impacts are
    measured against it instead of preparing the job again.
    """
    if prepared_job is not None and prepared_job.job is not job:
        raise ValueError("prepared_job was prepared from another job")
    started = time.perf_counter()
    warnings: list[str] = []
    candidates = rule_suggestions(resume, job, match)
    if llm is not None:
        extra, llm_warnings = llm_suggestions(resume, job, match, llm)
        candidates.extend(extra)
        warnings.extend(llm_warnings)
    seen: set[tuple[int | None, str, str]] = set()
    unique: list[Suggestion] = []
    for suggestion in candidates:
        key = suggestion.edit_key()
        if suggestion.is_edit and key in seen:
            continue
        seen.add(key)
        unique.append(suggestion)
    kept, reasons = guard_suggestions(unique, resume_facts(resume, job))
    meter = ImpactMeter(resume.text_content, prepared_job or prepare_job(job), job_vectors, today, resume_vectors)
    ranked: list[Suggestion] = []
    negative = 0
    for suggestion in kept:
        impact = meter.measure(suggestion)
        if impact < 0 and suggestion.suggestion_type in _SCORE_ONLY_TYPES:
            negative += 1
            continue
        ranked.append(with_impact(suggestion, impact))
    if negative:
        warnings.append(f"{negative} suggestion(s) dropped: applying them lowered the score.")
    ranked.sort(key=_order)
    return SuggestionSet(
        suggestions=ranked[:max_suggestions],
        dropped_by_guard=len(reasons),
        warnings=warnings,
        generation_ms=round((time.perf_counter() - started) * 1000, 2),
    )

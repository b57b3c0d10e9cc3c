"""Measured impact: how many points of `overall_score` a suggestion is worth, found by applying it.

For each suggestion the edit alone is applied to the resume text (`apply_suggestions`), the text is parsed
again (`parse_resume_text`) and scored against the same prepared job with the same job vectors and the
resume's own vectors, so impacts are points of the overall score the user sees. The baseline is the
*original text parsed and scored the same way*, never the MatchResult passed in (that one may come from a PDF
parse), so before and after differ only by the edit. The resume's vectors are held fixed on both sides: an
edit of a line or two moves a whole-text vector little, and re-embedding every variant would cost more than
the rest of the analysis. Advice without an edit, or an edit that changes nothing, is worth 0 without
scoring; identical edited texts are scored once.

Cost (the same numbers, computed once): a variant is parsed without the quality checks and the language
(`checks=False`: `overall_score` never reads them), and the parse stages reuse what an edit cannot change
(per-line heading and normalisation results, a section's skills and experience entries, the header's phone
number: caches in `documents`). A prepared variant depends on its text and the day only, not on the job, so
`variant_profile` keeps the last few hundred in this process: the baseline and the job-independent edits
(writing rules) of a resume analysed against several jobs are prepared once. The meter takes the job
prepared (`prepare_job`), so the caller that scored the pair shares its preparation.
tests/unit/suggestions/test_impact_exact.py holds every impact to a cold, full re-scoring.

Priority and category come from the measured impact and the effort (see `rank`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from jobfit.documents.resume import parse_resume_text
from jobfit.matching import prepare_resume
from jobfit.matching.engine import PreparedJob, Vectors, evaluate
from jobfit.matching.profile import ResumeProfile
from jobfit.suggestions.apply import apply_suggestions
from jobfit.suggestions.models import Category, Suggestion

HIGH_IMPACT = 2.0  # points of overall_score
MEDIUM_IMPACT = 0.5
VARIANT_PROFILES = 256  # prepared variants kept per process (a profile is some tens of KB)


@lru_cache(maxsize=VARIANT_PROFILES)
def variant_profile(text: str, today: date) -> ResumeProfile:
    """`text` parsed as plain text and prepared for scoring: pure in its arguments, so kept (see above).

    Callers only read the profile (`evaluate` does not change it)."""
    return prepare_resume(parse_resume_text(text, today=today, checks=False))


@dataclass
class ImpactMeter:
    """Scores edited versions of one resume text against one prepared job, caching by text."""

    resume_text: str
    job: PreparedJob  # `prepare_job` of the job (read only, so the caller's scoring can share it)
    job_vectors: Vectors | None = None
    today: date | None = None
    resume_vectors: Vectors | None = None
    _cache: dict[str, float] = field(default_factory=dict, init=False, repr=False)

    def score_text(self, text: str) -> float:
        """overall_score of `text` parsed as plain text, against the job."""
        if text not in self._cache:
            # the numbers only (`evaluate`): the same overall_score as the full result, without explaining it
            evaluated = evaluate(variant_profile(text, self.today or date.today()), self.job,
                                 resume_vectors=self.resume_vectors, job_vectors=self.job_vectors)
            self._cache[text] = evaluated.overall_score
        return self._cache[text]

    @property
    def baseline(self) -> float:
        return self.score_text(self.resume_text)

    def measure(self, suggestion: Suggestion) -> float:
        """Points of overall_score gained (or lost) by applying `suggestion` alone."""
        edited = apply_suggestions(self.resume_text, [suggestion])
        if edited == self.resume_text:
            return 0.0
        return round(self.score_text(edited) - self.baseline, 2)


def category_for(impact: float) -> Category:
    if impact >= HIGH_IMPACT:
        return "high_impact"
    if impact >= MEDIUM_IMPACT:
        return "medium_impact"
    return "low_impact"


def priority_for(impact: float, effort: str) -> int:
    """1 (do first) .. 5: the impact bucket, one step lower for high effort."""
    if impact >= HIGH_IMPACT:
        bucket = 1
    elif impact >= MEDIUM_IMPACT:
        bucket = 2
    elif impact > 0:
        bucket = 3
    elif impact == 0:
        bucket = 4
    else:
        bucket = 5
    return min(5, bucket + (1 if effort == "high" else 0))


def with_impact(suggestion: Suggestion, impact: float) -> Suggestion:
    """A copy of `suggestion` with its measured impact, category and priority."""
    return suggestion.model_copy(
        update={
            "impact_score": impact,
            "category": category_for(impact),
            "priority": priority_for(impact, suggestion.effort_estimate),
        }
    )

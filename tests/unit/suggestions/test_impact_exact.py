"""The cheap impact path (score-only parse, section caches) gives exactly the impacts of full re-scoring.

For every suggestion on the Resume-Matcher sample resumes x jobs, the edited text is parsed in full with every
parse cache emptied first and scored with `score_match`; the meter's impact must be that difference, to the
last digit. A cache that returned another section's result, or a skipped stage that the score reads, fails here.
"""

from __future__ import annotations

from datetime import date

import pytest

from jobfit.documents import contact, resume, skill_mentions
from jobfit.documents.job import parse_job_file
from jobfit.documents.models import ParsedJob
from jobfit.documents.resume import parse_resume, parse_resume_text
from jobfit.matching import prepare_job, score_match
from jobfit.suggestions import apply_suggestions, generate_suggestions
from jobfit.suggestions.impact import ImpactMeter, variant_profile
from tests.conftest import SAMPLES

TODAY = date(2026, 1, 15)


def _cold_score(text: str, job: ParsedJob) -> float:
    """overall_score of `text` parsed in full (quality checks included) with no parse cache to help."""
    resume._section_experience.cache_clear()
    contact._first_phone.cache_clear()
    skill_mentions._CHUNKS.clear()
    variant_profile.cache_clear()
    return score_match(parse_resume_text(text, today=TODAY), job).overall_score


@pytest.fixture(scope="module")
def samples() -> tuple[list, list]:
    root = SAMPLES
    resumes = [parse_resume(p.read_bytes(), p.name) for p in sorted((root / "resumes").glob("*.pdf"))]
    jobs = [parse_job_file(p.read_bytes(), p.name) for p in sorted((root / "job_descriptions").glob("*.pdf"))]
    assert len(resumes) >= 4 and len(jobs) >= 4
    return resumes, jobs


def test_every_impact_equals_a_cold_full_rescoring(samples: tuple[list, list]) -> None:
    resumes, jobs = samples
    checked = 0
    for parsed in resumes:
        text = parsed.text_content
        for job in jobs:
            result = generate_suggestions(parsed, job, score_match(parsed, job), today=TODAY, max_suggestions=1000)
            baseline = _cold_score(text, job)
            for s in result.suggestions:
                edited = apply_suggestions(text, [s])
                expected = 0.0 if edited == text else round(_cold_score(edited, job) - baseline, 2)
                assert s.impact_score == expected, (parsed.metadata.parser, s.title)
                checked += edited != text
    assert checked >= 100  # enough real edits for the comparison to mean something


def test_the_meter_scores_a_variant_as_a_full_parse_does(samples: tuple[list, list]) -> None:
    resumes, jobs = samples
    parsed, job = resumes[0], jobs[0]
    meter = ImpactMeter(parsed.text_content, prepare_job(job), today=TODAY)
    result = generate_suggestions(parsed, job, score_match(parsed, job), today=TODAY, max_suggestions=1000)
    edits = [s for s in result.suggestions if s.is_edit]
    assert edits
    for s in edits:
        edited = apply_suggestions(parsed.text_content, [s])
        assert meter.score_text(edited) == _cold_score(edited, job)  # the raw score, not a rounded difference

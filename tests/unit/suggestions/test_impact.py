"""Measured impact: applying suggestions and re-scoring moves overall_score by what was measured."""

from __future__ import annotations

import pytest

from jobfit.documents.resume import parse_resume_text
from jobfit.matching import prepare_job, prepare_resume, score_match, score_prepared
from jobfit.suggestions import SuggestionSet, apply_suggestions, generate_suggestions
from jobfit.suggestions.impact import ImpactMeter, category_for, priority_for

from .samples import RESUME, TODAY, job, resume


@pytest.fixture(scope="module")
def result() -> SuggestionSet:
    r, j = resume(), job()
    return generate_suggestions(r, j, score_match(r, j), today=TODAY)


def test_each_impact_is_the_score_change_of_applying_it_alone(result: SuggestionSet) -> None:
    meter = ImpactMeter(RESUME, prepare_job(job()), today=TODAY)
    assert result.suggestions
    for s in result.suggestions:
        after = meter.score_text(apply_suggestions(RESUME, [s]))
        assert after - meter.baseline == pytest.approx(s.impact_score, abs=0.01), s.title


def test_accepting_a_skill_suggestion_raises_the_score_by_its_impact(result: SuggestionSet) -> None:
    [kube] = [s for s in result.suggestions if s.title == "Show Kubernetes if you have used it"]
    assert kube.impact_score > 0.5
    before = score_match(resume(), job()).overall_score
    after = score_match(parse_resume_text(apply_suggestions(RESUME, [kube]), today=TODAY), job()).overall_score
    assert after - before == pytest.approx(kube.impact_score, abs=0.01)


def test_applying_the_helpful_set_together_gains_at_least_the_best_single_impact(result: SuggestionSet) -> None:
    helpful = [s for s in result.suggestions if s.impact_score > 0]
    assert len(helpful) >= 3
    meter = ImpactMeter(RESUME, prepare_job(job()), today=TODAY)
    together = meter.score_text(apply_suggestions(RESUME, helpful)) - meter.baseline
    best = max(s.impact_score for s in helpful)
    total = sum(s.impact_score for s in helpful)
    # Sub-scores saturate and share weights, so gains are not additive: the combined gain is at least the best
    # single one and at most (about) their sum.
    assert best - 0.01 <= together <= total + 0.5


def test_ordering_priority_and_category_follow_the_measured_impact(result: SuggestionSet) -> None:
    keys = [(s.priority, -s.impact_score) for s in result.suggestions]
    assert keys == sorted(keys)
    for s in result.suggestions:
        assert s.category == category_for(s.impact_score)
        assert s.priority == priority_for(s.impact_score, s.effort_estimate)
    assert result.dropped_by_guard == 0 and result.warnings == [] and result.generation_ms > 0


def test_buckets() -> None:
    assert [category_for(x) for x in (3.0, 1.0, 0.1, 0.0, -1.0)] == [
        "high_impact",
        "medium_impact",
        "low_impact",
        "low_impact",
        "low_impact",
    ]
    assert [priority_for(x, "low") for x in (3.0, 1.0, 0.1, 0.0, -1.0)] == [1, 2, 3, 4, 5]
    assert priority_for(3.0, "high") == 2 and priority_for(-1.0, "high") == 5


def test_max_suggestions_and_determinism() -> None:
    r, j = resume(), job()
    match = score_match(r, j)
    first = generate_suggestions(r, j, match, today=TODAY, max_suggestions=4)
    second = generate_suggestions(r, j, match, today=TODAY, max_suggestions=4)
    assert len(first.suggestions) == 4
    assert [s.model_dump() for s in first.suggestions] == [s.model_dump() for s in second.suggestions]


def test_a_shared_prepared_job_gives_the_same_suggestions_as_preparing_it_again() -> None:
    r, j = resume(), job()
    prepared = prepare_job(j)
    shared = generate_suggestions(r, j, score_prepared(prepare_resume(r), prepared), prepared_job=prepared,
                                  today=TODAY, max_suggestions=50)
    fresh = generate_suggestions(r, j, score_match(r, j), today=TODAY, max_suggestions=50)
    assert shared.suggestions and [s.model_dump() for s in shared.suggestions] == [
        s.model_dump() for s in fresh.suggestions]


def test_a_job_prepared_from_another_job_is_refused() -> None:
    r, j = resume(), job()
    with pytest.raises(ValueError, match="another job"):
        generate_suggestions(r, j, score_match(r, j), prepared_job=prepare_job(job()), today=TODAY)

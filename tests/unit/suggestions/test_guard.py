"""The truth guard against adversarial rewrites: invented facts are dropped, honest rewrites kept."""

from __future__ import annotations

import pytest

from jobfit.suggestions import Suggestion, guard_suggestions, resume_facts
from jobfit.suggestions.guard import ResumeFacts, violation

from .samples import RESUME, job, line_of, resume

HELPED = line_of(RESUME, "Helped build")
ORIGINAL = "• Helped build the reporting pipeline on PostgreSQL for the finance team."


@pytest.fixture(scope="module")
def facts() -> ResumeFacts:
    return resume_facts(resume(), job())


def rewrite(text: str, *, conditional: bool = False, section: str = "experience") -> Suggestion:
    return Suggestion(
        suggestion_type="content",
        title="Rewrite",
        description="d",
        original_text=ORIGINAL,
        suggested_text=text,
        line_number=HELPED,
        section_name=section,
        conditional=conditional,
        generated_by="some-llm",
    )


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("• Built the reporting pipeline on PostgreSQL for the finance team at Google.", "name 'Google'"),
        ("• Built the reporting pipeline for Globex Inc. on PostgreSQL.", "name 'Globex'"),
        ("• Globex reporting pipeline built on PostgreSQL for the finance team.", "name 'Globex'"),
        ("• Built the reporting pipeline on PostgreSQL, cutting costs by 35%.", "number 35"),
        ("• Built the reporting pipeline on PostgreSQL in 2017 for the finance team.", "number 2017"),
        ("• Built the reporting pipeline on PostgreSQL, tripled throughput.", "number word 'tripled'"),
        ("• Built the reporting pipeline on PostgreSQL in March for the finance team.", "date 'march'"),
        ("• Built the reporting pipeline on PostgreSQL while completing an MBA.", "degree 'MBA'"),
        ("• Built the reporting pipeline on PostgreSQL; Ph.D. research on query planning.", "degree 'Ph.D.'"),
        ("• Built the reporting pipeline on PostgreSQL and Kubernetes.", "skill 'Kubernetes'"),
        ("• Built the reporting pipeline on PostgreSQL with Apache Kafka streams.", "skill 'Apache Kafka'"),
        ("• As senior engineer, built the reporting pipeline on PostgreSQL.", "job title word 'senior'"),
        ("• Built the reporting pipeline on PostgreSQL as team manager.", "job title word 'manager'"),
    ],
)
def test_invented_facts_are_dropped(facts: ResumeFacts, text: str, reason: str) -> None:
    found = violation(rewrite(text), facts)
    assert found is not None and found.startswith(reason), found


@pytest.mark.parametrize(
    "text",
    [
        "• Built the reporting pipeline on PostgreSQL for the finance team.",
        "• Built the finance team's reporting pipeline on PostgreSQL, [add the measurable result: %, $, time saved].",
        "• Designed and built the PostgreSQL reporting pipeline used by the finance team.",
        "• Built the reporting pipeline on PostgreSQL and Redis for the finance team at Acme Corp.",
        "• Cut page load time by 40% with Redis caching; built the reporting pipeline on PostgreSQL.",
    ],
)
def test_honest_rewrites_are_kept(facts: ResumeFacts, text: str) -> None:
    assert violation(rewrite(text), facts) is None


def test_absent_skill_only_in_a_conditional_suggestion_for_a_job_skill(facts: ResumeFacts) -> None:
    text = "Python, Flask, PostgreSQL, Redis, Docker, Terraform, Kubernetes"
    skills_line = Suggestion(
        suggestion_type="skills",
        title="t",
        description="If you have used Kubernetes ...",
        original_text="Terraform",
        suggested_text="Terraform, Kubernetes",
        line_number=line_of(RESUME, "Python, Flask"),
        section_name="skills",
    )
    assert violation(skills_line, facts) is not None  # stated as fact: dropped
    assert violation(skills_line.model_copy(update={"conditional": True}), facts) is None
    # conditional does not open the door to skills the job never asked for
    rust = skills_line.model_copy(update={"conditional": True, "suggested_text": "Terraform, Rust"})
    assert violation(rust, facts) is not None
    assert text  # the full line the edit produces, for the reader


def test_conditional_headline_may_use_the_job_title_only(facts: ResumeFacts) -> None:
    headline = Suggestion(
        suggestion_type="content",
        title="t",
        description="d",
        original_text="",
        suggested_text="Backend Engineer",
        line_number=4,
        conditional=True,
    )
    assert violation(headline, facts) is None
    platform = headline.model_copy(update={"suggested_text": "Platform Engineer"})
    assert violation(platform.model_copy(update={"conditional": True}), facts) is not None
    assert violation(platform, facts) is not None
    assert violation(headline.model_copy(update={"suggested_text": "Principal Backend Engineer"}), facts) is not None


def test_guard_counts_what_it_drops(facts: ResumeFacts) -> None:
    kept, reasons = guard_suggestions(
        [
            rewrite("• Built the reporting pipeline on PostgreSQL for the finance team."),
            rewrite("• Built the reporting pipeline at Initech for the finance team."),
            rewrite("• Built the reporting pipeline on PostgreSQL, saving $2M."),
            Suggestion(suggestion_type="format", title="Use one column", description="advice only"),
        ],
        facts,
    )
    assert [s.suggested_text for s in kept] == [
        "• Built the reporting pipeline on PostgreSQL for the finance team.",
        None,
    ]
    assert len(reasons) == 2

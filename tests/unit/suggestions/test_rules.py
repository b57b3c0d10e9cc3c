"""The rule engine on plain values: each rule fires where it should, points at the right line, invents nothing."""

from __future__ import annotations

import re

import pytest

from jobfit.documents.job import parse_job
from jobfit.documents.resume import parse_resume_text
from jobfit.matching import score_match
from jobfit.suggestions import Suggestion, rule_suggestions
from jobfit.suggestions.verbs import gerund_past, strengthen_opening, to_past
from jobfit.suggestions.writing_rules import RESULT_PLACEHOLDER

from .samples import RESUME, TODAY, job, line_of, resume


@pytest.fixture(scope="module")
def suggestions() -> list[Suggestion]:
    r, j = resume(), job()
    return rule_suggestions(r, j, score_match(r, j))


def by_title(suggestions: list[Suggestion], start: str) -> list[Suggestion]:
    return [s for s in suggestions if s.title.startswith(start)]


def test_every_edit_sits_on_a_real_line(suggestions: list[Suggestion]) -> None:
    lines = RESUME.split("\n")
    for s in suggestions:
        if s.original_text:
            assert s.line_number is not None and s.original_text in lines[s.line_number - 1], s
        if s.suggested_text and not s.original_text:
            assert s.line_number is not None and 0 <= s.line_number <= len(lines), s


def test_missing_skill_is_conditional_and_placed_next_to_the_closest_related_skill(
    suggestions: list[Suggestion],
) -> None:
    [kube] = by_title(suggestions, "Show Kubernetes")
    assert kube.conditional and kube.description.startswith("The job lists Kubernetes as required.")
    assert "If you have used Kubernetes" in kube.description and "Docker" in kube.description
    # Docker (its closest related skill) is only in the Skills list: the skill goes there, appended
    assert kube.line_number == line_of(RESUME, "Python, Flask, PostgreSQL")
    assert kube.section_name == "skills" and kube.suggested_text == f"{kube.original_text}, Kubernetes"


def test_skill_listed_but_not_in_experience_points_at_the_role(suggestions: list[Suggestion]) -> None:
    [docker] = by_title(suggestions, "Show where you used Docker")
    assert not docker.conditional and "line 18" in docker.description
    # no related skill in a bullet: a new bullet after the role's last line, with a placeholder
    assert docker.line_number == line_of(RESUME, "Reduced page load time")
    assert docker.original_text == "" and docker.suggested_text is not None
    assert docker.suggested_text.startswith("• Used Docker to [")
    assert not by_title(suggestions, "Show where you used Python")  # Python is in a bullet already


def test_unquantified_bullets_get_a_placeholder_never_a_number(suggestions: list[Suggestion]) -> None:
    results = by_title(suggestions, "Add a measurable result")
    assert [s.line_number for s in results] == [
        line_of(RESUME, "Responsible for"),
        line_of(RESUME, "Helped build"),
        line_of(RESUME, "Develop REST"),
    ]
    for s in results:
        assert s.suggested_text is not None and RESULT_PLACEHOLDER in s.suggested_text
        assert not re.search(r"\d", s.suggested_text)
    assert line_of(RESUME, "40%") not in {s.line_number for s in results}  # already quantified


def test_weak_openings_are_rewritten_on_their_line(suggestions: list[Suggestion]) -> None:
    [responsible] = by_title(suggestions, "Replace “responsible for”")
    assert responsible.line_number == line_of(RESUME, "Responsible for")
    assert responsible.suggested_text == "• Maintained the billing service written in Python and Flask."
    [helped] = by_title(suggestions, "Replace “helped”")
    assert helped.suggested_text == "• Built the reporting pipeline on PostgreSQL for the finance team."


def test_present_tense_in_a_past_role(suggestions: list[Suggestion]) -> None:
    [tense] = by_title(suggestions, "Use the past tense")
    assert tense.line_number == line_of(RESUME, "Develop REST")
    assert tense.suggested_text == "• Developed REST APIs for partner integrations and internal tools."


def test_title_alignment_is_conditional_headline(suggestions: list[Suggestion]) -> None:
    [title] = by_title(suggestions, "Align your headline")
    assert title.conditional and title.suggested_text == "Backend Engineer" and title.original_text == ""
    assert title.line_number == line_of(RESUME, "Summary")


def test_no_suggestion_introduces_a_number(suggestions: list[Suggestion]) -> None:
    numbers = set(re.findall(r"\d+", RESUME))
    for s in suggestions:
        assert set(re.findall(r"\d+", s.suggested_text or "")) <= numbers, s


def test_format_rules_layout_contact_sections_and_headings() -> None:
    text = (
        "Sam Poe\n\nCareer History\nSoftware Engineer, Initech    2018 - 2020\n"
        "• Built the ledger service in Go and PostgreSQL for the accounts team.\n"
        "• Ran the on-call rotation with Grafana and PostgreSQL dashboards.\n"
    )
    r = parse_resume_text(text, today=TODAY)
    assert r.sections["experience"].heading == "Career History"
    r = r.model_copy(update={"metadata": r.metadata.model_copy(update={"layout": {"columns": 2, "tables": True}})})
    j = parse_job(title="Go Developer", description="Go and PostgreSQL.")
    out = rule_suggestions(r, j, score_match(r, j))
    titles = [s.title for s in out]
    assert "Multi-column layout may confuse ATS" in titles and "Tables may confuse ATS" in titles
    assert "Images may confuse ATS" not in titles
    [contact] = by_title(out, "Add missing contact details")
    assert "email" in contact.description and "phone" in contact.description
    [education] = by_title(out, "Add an Education section")
    assert education.suggested_text is None  # nothing to write without facts
    [skills] = by_title(out, "Add a Skills section")  # built only from skills the resume shows
    assert skills.original_text == "" and skills.suggested_text is not None
    blank, heading_line, listed = skills.suggested_text.split("\n")
    assert (blank, heading_line) == ("", "Skills")
    assert listed.split(", ") == list(dict.fromkeys(m.name for m in r.skills if m.category != "soft_skill"))
    assert {"Go", "PostgreSQL", "Grafana"} <= set(listed.split(", "))
    [heading] = by_title(out, "Use the standard heading")
    assert (heading.line_number, heading.original_text, heading.suggested_text) == (3, "Career History", "Experience")
    assert "Add more detail" in titles


def test_repeated_opening_verb_is_varied() -> None:
    text = (
        "Experience\nEngineer, Globex    2019 - 2021\n• Developed the search API for the web shop.\n"
        "• Developed the billing jobs for the finance team.\n• Developed the admin dashboard for support.\n"
    )
    r = parse_resume_text(text, today=TODAY)
    j = parse_job(title="Engineer", description="Build APIs.")
    vary = by_title(rule_suggestions(r, j, score_match(r, j)), "Vary the verb")
    assert [s.line_number for s in vary] == [4, 5]
    assert [s.suggested_text for s in vary] == [
        "• Built the billing jobs for the finance team.",
        "• Engineered the admin dashboard for support.",
    ]


def test_verb_forms() -> None:
    assert [gerund_past(w) for w in ("building", "managing", "planning", "running", "studying", "leading")] == [
        "built",
        "managed",
        "planned",
        "ran",
        "studied",
        "led",
    ]
    assert to_past("Develops") == "Developed" and to_past("Lead") == "Led" and to_past("Present") is not None
    assert strengthen_opening("Worked on the billing system") == ("worked on", 10, "Delivered ")
    assert strengthen_opening("Assisted in troubleshooting, debugging") == ("assisted with", 12, "Contributed to ")
    assert strengthen_opening("Built the API") is None

"""Ad reading, thirteenth round of the judged error classes (issue 26, held-outs 7-9 and earlier): a qualifier on
a years ask stays on the requirement - "2+ years of experience in a similar role" is years in the ad's own role,
not years of anything - and duties and skills under a heading that joins known headings with a slash ("THE
CHALLENGE / YOUR ROLE:") or a "YOUR TECHNOLOGY SKILLS" heading are asked there, no longer softened as the
team's stack sentence before them. Plain ad text in the shapes real postings take."""

from __future__ import annotations

from jobfit.documents.job import parse_job
from jobfit.documents.sections import classify_heading
from jobfit.matching.requirements import Requirement, extract_requirements


def _experience(title: str, ad: str) -> list[Requirement]:
    return [r for r in extract_requirements(parse_job(title=title, description=ad)) if r.kind == "experience"]


def test_years_in_a_similar_role_are_years_in_the_ads_own_role() -> None:
    rows = _experience("Account Manager", "What you have:\n- 2+ years of experience in a similar role\n"
                                          "- Fluent English\n")
    assert len(rows) == 1
    row = rows[0]
    assert row.years == 2 and row.scope == "Account Manager" and row.importance == "required"
    assert "similar role" in row.label
    rows = _experience("Financial Analyst", "Requirements\nSeveral years, at least 3 years working in a comparable "
                                            "position.\n")
    assert [(r.years, r.scope) for r in rows] == [(3, "Financial Analyst")]


def test_years_in_general_and_in_a_similar_role_keep_both_rows() -> None:
    rows = {r.label: r for r in _experience(
        "Sales Manager", "Requirements\n- 5+ years of professional experience\n"
                         "- At least 2 years in a similar position\n")}
    assert rows["5+ years of experience"].scope is None and rows["5+ years of experience"].years == 5
    scoped = [r for r in rows.values() if r.scope]
    assert [(r.years, r.scope) for r in scoped] == [(2, "Sales Manager")]


def test_years_in_a_similar_role_without_a_role_title_stay_general() -> None:
    # the title is a sentence (no role to scope the years to): the years are the overall minimum, as before
    rows = _experience("We are looking for a [PROFESSION] to join our Growth Marketing team in [LOCATION].",
                       "What you have:\n- 2+ years experience in a similar role\n- JavaScript\n")
    assert [(r.label, r.years, r.scope) for r in rows] == [("2+ years of experience", 2, None)]


def test_years_of_a_skill_or_in_a_named_scope_are_unchanged() -> None:
    rows = _experience("Backend Developer", "Requirements\n- 5+ years in the Microsoft stack\n"
                                            "- 3 years of experience with Python in a similar role\n")
    assert [(r.years, r.scope) for r in rows] == [(5, "Microsoft stack")]


def test_known_headings_joined_by_a_slash_are_a_heading_of_their_group() -> None:
    assert classify_heading("THE CHALLENGE / YOUR ROLE:", kind="job") == "responsibilities"
    assert classify_heading("Requirements / Qualifications", kind="job") == "requirements"
    assert classify_heading("YOUR TECHNOLOGY SKILLS", kind="job") == "requirements"
    assert classify_heading("WHAT ELSE WE WISH FOR", kind="job") == "preferred"
    # a slash between skills or fields, or between headings of two groups, is no heading
    assert classify_heading("Java/Python", kind="job") is False
    assert classify_heading("Sales / Marketing", kind="job") is False
    assert classify_heading("Your role / Requirements", kind="job") is False


def test_duties_under_a_slash_heading_after_a_stack_sentence_are_required() -> None:
    ad = ("OUR TECH STACK\n"
          "We run on Azure and Kubernetes and deploy with Helm.\n"
          "THE CHALLENGE / YOUR ROLE:\n"
          "Perform peer code reviews and prepare strong documentation of your work.\n"
          "YOUR TECHNOLOGY SKILLS\n"
          "Python is your language - you are an experienced software developer\n"
          "You can work with Docker to deploy your applications\n"
          "WHAT ELSE WE WISH FOR\n"
          "Affinity for statistical modeling and optimization problems\n")
    skills = {r.label: r.importance for r in extract_requirements(parse_job(title="Senior Python Developer",
                                                                               description=ad))
              if r.kind == "skill"}
    assert skills["Code review"] == skills["Python"] == skills["Docker"] == "required"
    assert skills["Helm"] == "preferred"  # the team's stack, not asked as such
    assert skills["Statistics"] == "preferred"  # under a wish-list heading

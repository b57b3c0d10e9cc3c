"""The kinds of error the second round of reviewers found in how an ad becomes requirements (issue 26, run
3.1.0-dev-heldout2): a nice-to-have heading at the end of a body line, softeners the cue list missed, keyword-kind
requirements that describe rather than name a thing.

Ads are plain, real-looking snippets parsed with the real taxonomy.
"""

from __future__ import annotations

import pytest

from jobfit.documents.job import parse_job
from jobfit.matching.keywords import names_a_thing
from jobfit.matching.requirements import Requirement, extract_requirements


def _requirements(description: str, title: str = "Software Engineer") -> list[Requirement]:
    return extract_requirements(parse_job(title=title, description=description))


def _importance(reqs: list[Requirement]) -> dict[str, str]:
    return {r.label: r.importance for r in reqs if r.kind == "skill"}


@pytest.mark.parametrize("line", [
    "- 6+ years of software engineering experience with large-scale systems. Preferred Qualifications:",
    "At least 6 years of experience in software engineering with a public cloud (AWS Microsoft Azure Google Cloud)"
    " Preferred Qualifications:",  # after a closing bracket
])
def test_a_heading_that_ends_a_body_line_opens_its_zone(line: str) -> None:
    ad = ("Minimum Qualifications\n" + line + "\n"
          "- Experience with CI/CD pipelines and Jenkins\n"
          "- 3 + years of experience with Terraform Python and other programming languages\n")
    importance = _importance(_requirements(ad, title="Endpoint Security Manager"))
    assert importance["Software engineering"] == "required"
    assert {importance[s] for s in ("Jenkins", "Terraform", "Python")} == {"preferred"}


@pytest.mark.parametrize("line", [
    "- Java/Spring languages Preference",
    "- Preference for Java and Spring",
    "- Experience with Java and Spring is a clear advantage",
    "- Familiarity with Java and Spring",
])
def test_softened_asks_are_preferred(line: str) -> None:
    importance = _importance(_requirements("Requirements\n- Degree in computer science\n" + line + "\n"))
    assert importance["Java"] == "preferred" and importance["Spring"] == "preferred"


def test_a_mandatory_item_is_required() -> None:
    importance = _importance(_requirements("Nice to have\n- Node.js (Mandatory)\n- Docker\n"))
    assert importance["Node.js"] == "required" and importance["Docker"] == "preferred"


@pytest.mark.parametrize(("phrase", "named"), [
    ("SQL scripts", True),  # a shipped vocabulary's tool
    ("sapui5", True),  # digits
    ("json.net", True),  # symbols
    ("AppService", True),  # inner capital
    ("DevOps pipelines", True),
    ("technical expertise", False),
    ("application data", False),
    ("containerization compute", False),
    ("subject interests", False),
    ("deployment environments", False),
    ("Collaborative Solutioning", False),  # capitals that only open words are no name
])
def test_a_keyword_requirement_names_a_thing(phrase: str, named: bool) -> None:
    assert names_a_thing(phrase) is named


def test_descriptions_are_no_keyword_requirements() -> None:
    ad = ("Requirements\n"
          "- Strong technical expertise to solve technical problems in deployment environments\n"
          "- Technical expertise across deployment environments and technical problems\n"
          "- Experience writing SQL scripts; SQL scripts for reporting\n")
    keywords = {r.label for r in _requirements(ad) if r.kind == "keyword"}
    assert not keywords & {"technical expertise", "technical problems", "deployment environments"}


@pytest.mark.parametrize(("line", "members"), [
    # SkillSpan's lost punctuation: a name the vocabulary does not hold between two of its skills
    ("- Experience with CI tools: Jenkins Travis and/or CircleCI", {"Jenkins", "CircleCI"}),
    ("- Experience with a public cloud (AWS, Azure or GCP)",
     {"Amazon Web Services", "Microsoft Azure", "Google Cloud Platform"}),
])
def test_alternatives_are_one_requirement(line: str, members: set[str]) -> None:
    reqs = [r for r in _requirements("Requirements\n" + line + "\n- Terraform\n") if r.label in members]
    assert {r.label for r in reqs} == members
    assert all(set(r.alternatives) == members for r in reqs)


@pytest.mark.parametrize(("line", "examples"), [
    ("- Power BI (or equivalents)", {"Power BI"}),
    ("- Power BI or similar reporting tools", {"Power BI"}),
    ("- Experience in one or more infrastructure components (e.g. networking, cloud, containerization)",
     {"Networking", "Containers"}),
])
def test_examples_are_no_must_haves(line: str, examples: set[str]) -> None:
    importance = _importance(_requirements("Requirements\n" + line + "\n- Terraform\n"))
    assert {importance[label] for label in examples} == {"preferred"}
    assert importance["Terraform"] == "required"


@pytest.mark.parametrize(("line", "not_asked"), [
    ("- Our mentor developer will be there to guide you through your first weeks", "Mentoring"),
    ("- You will be mentored by a senior engineer and get a quality on-boarding", "Mentoring"),
    ("- Deploy your app in a few clicks in VSCode", "Visual Studio Code"),
])
def test_what_the_company_offers_is_not_asked(line: str, not_asked: str) -> None:
    labels = {r.label for r in _requirements("Requirements\n- 3+ years with Python and Django\n" + line + "\n")}
    assert "Python" in labels and not_asked not in labels


def test_a_duty_to_mentor_is_still_asked() -> None:
    labels = {r.label for r in _requirements("Requirements\n- You will mentor junior developers\n- Python\n")}
    assert "Mentoring" in labels


def test_the_how_to_apply_page_is_no_keyword() -> None:
    ad = ("Requirements\n- Python and Django\n"
          "- Read the FAQ section on our careers page before applying\n- See the FAQ section for salary bands\n")
    assert "FAQ section" not in {r.label for r in _requirements(ad)}


def test_years_as_a_role_are_an_experience_requirement() -> None:
    reqs = _requirements("What we expect\n- 3 years as a backend developer\n- Fluent in written and spoken English\n")
    experience = [r for r in reqs if r.kind == "experience"]
    assert [(r.years, r.scope) for r in experience] == [(3.0, "backend developer")]
    assert {r.label: r.importance for r in reqs}["English"] == "required"


def test_a_clear_advantage_list_and_an_etc_list_are_not_must_haves() -> None:
    ad = ("Requirements\n"
          "- Proven experience with .NET and static analysis tools (SonarQube .NET Analyzers Infer# etc.)\n"
          "- Familiarity with the following Azure services is a clear advantage: App Service, Redis\n")
    importance = _importance(_requirements(ad, title="DevOps Engineer"))
    assert importance[".NET"] == "required"
    assert importance["SonarQube"] == "preferred" and importance["Redis"] == "preferred"


@pytest.mark.parametrize("line", [
    "- Our Mentor spends a significant part of his time mentoring all newcomers (Pair-programming etc.)",
    "- You'll take the lead, supported by an organization that provides the support and mentorship you need",
])
def test_mentorship_the_company_gives_is_not_asked(line: str) -> None:
    labels = {r.label for r in _requirements("Requirements\n- 3+ years with Python\n" + line + "\n")}
    assert "Python" in labels and "Mentoring" not in labels and "Pair programming" not in labels


def test_a_skill_before_such_as_etc_is_still_asked() -> None:
    ad = "Requirements\n- Manage Azure resources and other DevOps services such as GitHub etc.\n"
    assert _importance(_requirements(ad, title="DevOps Engineer"))["DevOps"] == "required"


def test_a_sponsorship_offer_is_no_eligibility_check_but_a_refusal_is() -> None:
    offer = _requirements("Requirements\n- Python\n- We sponsor visas for the right candidate\n")
    refusal = _requirements("Requirements\n- Python\n- Must be authorized to work in the US; we do not sponsor visas\n")
    assert not [r for r in offer if r.kind == "eligibility"]
    assert [r for r in refusal if r.kind == "eligibility"]

"""The kinds of error reviewers found in how an ad becomes requirements and keywords (issue 26, runs
3.0.0-dev): generic words and glued lists as keywords, an ad phrase mapped onto a neighbouring skill, softeners
and example lists read as must-haves, colleagues read as skills, years in a field left out.

Ads are plain, real-looking snippets parsed with the real taxonomy.
"""

from __future__ import annotations

import pytest

from jobfit.documents.job import parse_job
from jobfit.matching.keywords import phrases, salient_keywords
from jobfit.matching.requirements import Requirement, extract_requirements
from jobfit.skills.loader import load_taxonomy


def _requirements(description: str, title: str = "Software Engineer") -> list[Requirement]:
    return extract_requirements(parse_job(title=title, description=description))


def _labels(reqs: list[Requirement], kind: str) -> set[str]:
    return {r.label for r in reqs if r.kind == kind}


@pytest.mark.parametrize(("sentence", "expected"), [
    # a list that lost its commas is its names, never one phrase
    ("Experience with Hadoop Spark SparkML and big data", ["Hadoop", "Spark", "SparkML"]),
    ("Routing protocols: BGP OSPF", ["BGP", "OSPF"]),
    ("Tooling: CMake git", ["CMake", "git"]),
    ("Methods: test-driven development cross-platform development", []),  # two phrases glued
    # common words alone are not keywords; names are
    ("Ensures quality across hundreds of services", []),
    ("Capabilities for the enterprise", []),
    ("Knowledge of GCP and Solidity", ["GCP", "Solidity"]),
    # a phrase ending in an adjective, a verb or a participle after its subject is a cut fragment
    ("Excellent organizational verbal skills", []),
    ("Resolve issues affecting production", []),
    ("Be able to critique self-improve", []),
    # people the role works with are not a skill
    ("Work alongside enthusiastic developers and collaborative teams", []),
    # real noun phrases stay whole
    ("Experience with distributed systems and network automation", ["distributed systems", "network automation"]),
])
def test_keywords_are_names_or_noun_phrases(sentence: str, expected: list[str]) -> None:
    assert phrases(sentence) == expected


def test_keyword_requirements_hold_no_generic_word() -> None:
    ad = ("Requirements\n"
          "- Ensures the enterprise scales to hundreds of capabilities\n"
          "- Ensures deployment at scale for the enterprise\n"
          "- Experience with network automation and network automation tooling\n"
          "- Knowledge of Solidity; Solidity audits are a plus\n")
    keywords = {term for term, _ in salient_keywords(parse_job(title="Engineer", description=ad))}
    assert "network automation" in keywords and "Solidity" in keywords
    assert not keywords & {"enterprise", "Ensures", "hundreds", "capabilities", "scale", "deployment"}


@pytest.mark.parametrize(("line", "not_asked"), [
    ("Drive continuous improvement of our delivery process", "Kaizen"),
    ("Presenting designs for architectural review", "Public speaking"),
    ("Tailoring solutions to each customer", "Pattern making"),
    ("Read the blueprints of the data platform", "Blueprint reading"),
    ("Write use cases with product owners", "UML"),
    ("Manage IAM roles and policies", "AWS IAM"),
    ("Maintain our Content Management Systems", "Content marketing"),
    ("Guard data integrity across services", "Professionalism"),
    ("Use Cypress for frontend tests", "Frontend development"),
])
def test_an_ad_phrase_is_not_mapped_onto_a_neighbouring_skill(line: str, not_asked: str) -> None:
    reqs = _requirements(f"Requirements\n- {line}\n- Python")
    assert not_asked not in _labels(reqs, "skill")
    assert "Python" in _labels(reqs, "skill")


@pytest.mark.parametrize(("skill_id", "surface", "itself"), [
    ("kaizen", "continuous improvement", False),
    ("kaizen", "Kaizen", True),
    ("uml", "Unified Modeling Language", True),  # the name is its acronym
    ("test-driven-development", "TDD", True),
    ("aws-iam", "IAM", False),  # drops the brand, which is a skill of its own
    ("blueprint-reading", "reading blueprints", True),
    ("blueprint-reading", "blueprints", False),
    ("frontend-development", "front-end development", True),
    ("professionalism", "professional demeanor", True),
])
def test_a_form_names_the_skill_itself_or_a_neighbour(skill_id: str, surface: str, itself: bool) -> None:
    assert load_taxonomy().names_itself(skill_id, surface) is itself


@pytest.mark.parametrize("line", [
    "Familiarity with Docker",
    "Some exposure to Docker",
    "Knowledge of Docker is a good addition",
    "Familiar with Docker",
])
def test_softened_asks_are_preferred(line: str) -> None:
    reqs = {r.label: r for r in _requirements(f"Requirements\n- 3+ years of Java\n- {line}")}
    assert reqs["Docker"].importance == "preferred"
    assert reqs["Java"].importance == "required"


def test_a_may_include_list_is_one_requirement_of_examples() -> None:
    reqs = _requirements("Requirements\n- Cloud tooling, which may include Docker, Kubernetes or Terraform\n- Java")
    members = [r for r in reqs if r.label in {"Docker", "Kubernetes", "Terraform"}]
    assert len(members) == 3 and len({r.group for r in members}) == 1 and members[0].group is not None
    assert {r.label for r in reqs if r.kind == "skill" and r.group is None} == {"Java"}


def test_a_slash_pair_is_alternatives() -> None:
    reqs = _requirements("Requirements\n- Test automation in Java/Python\n- SQL")
    pair = [r for r in reqs if r.label in {"Java", "Python"}]
    assert len(pair) == 2 and pair[0].group is not None and pair[0].group == pair[1].group


def test_years_in_a_field_the_taxonomy_no_longer_stretches_to_are_listed() -> None:
    reqs = _requirements("Requirements\n- At least 2 years of experience as a Front End Developer or similar role\n"
                         "- React")
    experience = [r for r in reqs if r.kind == "experience"]
    assert any(r.years == 2 and r.scope and "Front End Developer" in r.scope for r in experience)


def test_spoken_languages_and_compliance_asks_are_requirements_of_their_own() -> None:
    reqs = {r.label: r for r in _requirements(
        "Requirements\n- Fluent in German and English\n- Experience in HIPAA and FedRAMP regulated environments\n"
        "- Fluent French is a plus", title="Head of IT")}
    assert reqs["German"].importance == reqs["English"].importance == "required"
    assert reqs["HIPAA"].importance == reqs["FedRAMP"].importance == "required"
    assert reqs["French"].importance == "preferred"



def test_a_degree_s_field_is_the_education_requirement_not_a_skill() -> None:
    reqs = _requirements("Requirements\n- Bachelor's degree in Computer Science, Engineering or related field\n"
                         "- 3+ years of Python")
    assert not _labels(reqs, "skill") & {"Computer science", "Engineering"}
    assert _labels(reqs, "education") == {"Bachelor in Computer Science, Engineering"}
    assert "Python" in _labels(reqs, "skill")


@pytest.mark.parametrize(("line", "colleague"), [
    ("Work with marketing teams to plan launches", "Marketing"),
    ("Collaborate with DevOps Engineers on releases", "DevOps"),
    ("Partner with the internal Quality Assurance team on test plans", "Quality assurance"),
    ("Collaborate with the vendor team and internal Quality Assurance team on fixes", "Quality assurance"),
])
def test_colleagues_are_not_skills_to_have(line: str, colleague: str) -> None:
    reqs = _requirements(f"Requirements\n- {line}\n- Experience with SQL")
    assert colleague not in _labels(reqs, "skill")
    assert "SQL" in _labels(reqs, "skill")


def test_a_skill_asked_in_so_many_words_stays_when_colleagues_share_its_name() -> None:
    reqs = _requirements("Requirements\n- Collaborate with DevOps engineers\n- 3+ years of DevOps practices")
    assert "DevOps" in _labels(reqs, "skill")


def test_a_company_sentence_under_the_job_description_asks_nothing() -> None:
    ad = ("Job Description\n"
          "Java has been a key technology throughout our company history, and our practice runs MongoDB and "
          "Hadoop clusters for our clients.\n"
          "Requirements\n- Java experience is needed\n- Experience with Jenkins")
    skills = _labels(_requirements(ad), "skill")
    assert {"Java", "Jenkins"} <= skills
    assert not skills & {"MongoDB", "Hadoop"}


def test_the_company_s_history_in_its_own_voice_is_no_experience_requirement() -> None:
    reqs = _requirements("Requirements\n- In only 9 years on the market we have grown to more than 267 million "
                         "Euros in annual revenue.\n- 3+ years of experience with PHP")
    assert not [r for r in reqs if r.kind == "experience"]  # the 3 years are PHP's
    assert {r.label: r.min_years for r in reqs if r.kind == "skill"} == {"PHP": 3}
    assert not any("revenue" in r.label.lower() or "euros" in r.label.lower() for r in reqs)


def test_years_in_the_company_blurb_are_no_minimum_experience() -> None:
    ad = ("About us\nIn only 8 years on the market we have grown to more than 254 million Euros in annual revenue.\n"
          "Requirements\n- Strong PHP and MySQL skills")
    job = parse_job(title="Developer", description=ad)
    assert job.min_years is None
    assert not [r for r in extract_requirements(job) if r.kind == "experience"]

"""The resume side of the judged evidence errors, sixth round (issue 26, runs 3.1.0-r3-heldout4 and
3.2.0-heldout5): colleagues, teams and clients named in a statement are not the candidate's skill, for every
requirement kind and for extra strengths, and a fact about an employer or a client is not the candidate's work.

Real-looking resume lines; plain values.
"""

from __future__ import annotations

import pytest

from jobfit.documents.models import SkillMention
from jobfit.matching import score_match
from jobfit.matching.evidence import accepted, names_another_thing
from jobfit.matching.text import phrase_terms

from .matching_builders import build_job, build_resume, skill
from .test_meaning import _rows


@pytest.mark.parametrize(("line", "name"), [
    ("Conducted UX / usability tests and managed in-house programmers and DBA to build out the backend.", "DBA"),
    ("Daily Collaboration with Designers, ScrumMaster, BA, DEV, QA and PO across two products.", "QA"),
    ("Able to communicate effectively with multifunctional teams, programmers and technical staff at all levels.",
     "Programming"),
    ("Worked closely with business analysts and SQL developers on the billing module", "SQL"),
    ("GMPP insurance protects 1.6 million clients across the state", "Insurance"),
    ("Worked with product managers and designers to create an optimal user experience.", "Product manager"),
])
def test_colleagues_teams_and_client_facts_name_another_thing(line: str, name: str) -> None:
    assert names_another_thing(line, phrase_terms(name))


@pytest.mark.parametrize(("line", "name"), [
    ("Experience with Java, Spring and Hibernate", "Java"),  # a list of tools after the same cue names no people
    ("Led communication with clients and vendors during the cut-over", "Communication"),
    # a requirement that names a group of people is shown by the work with them
    ("Leading cross-functional teams to design, develop and launch new products", "Cross-functional teams"),
    ("Coordinated with stakeholders, vendors and clients on the release plan", "Stakeholder management"),
    ("Worked with developers and designed REST APIs in Java", "REST APIs"),  # the candidate's own next clause
    ("Helped with Windows users and Active Directory accounts for 3 sites", "Active Directory"),  # not mostly people
    ("As QA Manager, leading a QA team in black box and white box testing", "QA"),  # the candidate's own team
    ("Led a team of 5 developers building microservices with Spring Boot and Kafka", "Kafka"),
    ("Managed SQL Server and Oracle databases for 200 users", "SQL Server"),
    ("Coordinated with clients and offshore developers for Java based modules", "Java"),
    ("Wrote insurance claim workflows in Pega for GMPP, which protects 1.6 million clients", "Insurance"),
    ("Conducted UX / usability tests and managed in-house programmers and DBA to build out the backend.",
     "usability tests"),
])
def test_the_candidates_own_work_beside_colleagues_stands(line: str, name: str) -> None:
    assert not names_another_thing(line, phrase_terms(name))


def test_a_colleagues_role_meets_no_requirement() -> None:
    # reviewers (held-out 5): "Databases" met from "managed ... DBA"; QA from "collaboration with ... QA"
    job = build_job("Backend Engineer", "Databases and quality assurance.",
                    required=[SkillMention(skill_id="qa", name="Quality assurance", category="practice",
                                           surface="QA")])
    colleagues = build_resume([("experience", [
        "• Daily Collaboration with Designers, ScrumMaster, BA, DEV, QA and PO across two products."])],
        skill_ids={"QA": "qa"})
    assert _rows(score_match(colleagues, job))["Quality assurance"].status == "missing"  # not even related
    own = build_resume([("experience", [
        "• Led QA for two products: wrote the regression test plans and ran release sign-off."])],
        skill_ids={"QA": "qa"})
    assert _rows(score_match(own, job))["Quality assurance"].status in ("met", "partial")


def test_a_clients_fact_is_no_extra_strength() -> None:
    # reviewers (held-out 5): Insurance as a strength from "GMPP insurance protects 1.6 million clients"
    job = build_job("UX Designer", "Wireframes in Figma.", required=[skill("figma", "Figma")])
    fact = build_resume([("experience", ["• GMPP insurance protects 1.6 million clients.",
                                         "• Midwest insurance serves members in 12 states."])],
                        skill_ids={"insurance": "insurance"})
    assert "Insurance" not in {s.requirement for s in score_match(fact, job).strengths if s.kind == "extra"}
    work = build_resume([("experience", ["• Redesigned the insurance claims portal for GMPP members.",
                                         "• Mapped the insurance quote journey with 12 agents."])],
                        skill_ids={"insurance": "insurance"})
    assert "Insurance" in {s.requirement for s in score_match(work, job).strengths if s.kind == "extra"}


def test_a_soft_skill_in_a_skills_list_meets_it_a_method_does_not() -> None:
    # fitted on the seven judged runs (acceptance.json): reviewers take "Excellent communication and interpersonal
    # skills" in a skills list as proof of communication (7 of 8 shows), not "Programming" in a list (the group
    # other/name/list stays related at most)
    assert accepted("soft", "exact", True)
    assert not accepted("other", "exact", True)
    job = build_job("Java Developer", "Good communication skills. Programming.", required=[
        SkillMention(skill_id="communication", name="Communication", category="soft_skill",
                     surface="communication"),
        SkillMention(skill_id="programming", name="Programming", category="method", surface="Programming")])
    resume = build_resume([("skills", ["Strengths: Excellent communication, interpersonal skills, team player",
                                       "Programming, Core Java, Spring, Hibernate, Oracle"])],
                          skill_ids={"communication": "communication", "Programming": "programming"})
    rows = _rows(score_match(resume, job))
    assert rows["Communication"].status == "met"
    assert rows["Programming"].status == "related"

"""The resume side of the judged evidence errors, eighth round (issue 26, runs 3.2.0-heldout5, 3.2.0-r6-heldout6
and 3.2.0-r7-heldout7): a generic requirement's word that only modifies a noun of another thing
("communication protocols", "software engineering jobs") does not meet it, and a list of names (a tool list, a
skills sub-heading) never meets a requirement by meaning.

Real-looking resume lines, written for these tests; plain values, the real engine.
"""

from __future__ import annotations

import pytest

from jobfit.documents.models import ParsedJob, SkillMention
from jobfit.matching import prepare_resume, score_match
from jobfit.matching.evidence import named_only_before_other_heads
from jobfit.matching.meaning import Thresholds
from jobfit.matching.text import phrase_terms

from .matching_builders import build_job, build_resume
from .test_meaning import _rows, _with_vectors


@pytest.mark.parametrize(("line", "name"), [
    ("Designed firmware for CAN, RS-232 and RS-485 communication protocols on ARM boards", "Communication"),
    ("Implemented the serial communication protocol between the sensor and the host", "Communication"),
    ("Interviewed 35 candidates for software engineering jobs and wrote the hiring rubric", "Software engineering"),
    ("Screened applicants for open software engineering positions", "Software engineering"),
])
def test_a_generic_word_before_a_noun_of_another_thing_names_that_thing(line: str, name: str) -> None:
    assert named_only_before_other_heads(line, phrase_terms(name))


@pytest.mark.parametrize(("line", "name"), [
    ("Strong written and verbal communication with clients and the board", "Communication"),
    # named once as the skill, once as a modifier: the line still names the skill
    ("Led communication with vendors and documented the communication protocols", "Communication"),
    ("Eight years of software engineering in Java and Go", "Software engineering"),
    ("Set up the database backups and tuned the database indexes", "Databases"),
    ("Defined the communication plan for the migration", "Communication"),
])
def test_the_skill_itself_stands(line: str, name: str) -> None:
    assert not named_only_before_other_heads(line, phrase_terms(name))


def _job() -> ParsedJob:
    return build_job("Embedded Engineer", "Good communication skills.",
                     required=[SkillMention(skill_id="communication", name="Communication", category="soft_skill",
                                            surface="communication")])


def test_communication_protocols_are_no_communication_skill() -> None:
    # reviewers (held-out 5, held-out 7): "Communication" met from "communication(s) protocols"
    protocols = build_resume([("experience", [
        "• Designed firmware for CAN, RS-232 and RS-485 communication protocols on ARM boards."])],
        skill_ids={"communication": "communication"})
    assert _rows(score_match(protocols, _job()))["Communication"].status in ("related", "missing")
    skill = build_resume([("experience", [
        "• Ran the weekly communication with clients and presented the release notes to the board."])],
        skill_ids={"communication": "communication"})
    assert _rows(score_match(skill, _job()))["Communication"].status in ("met", "partial")


def test_a_tool_before_such_a_noun_is_still_the_tool() -> None:
    job = build_job("Embedded Engineer", "Modbus.", required=[SkillMention(skill_id="modbus", name="Modbus",
                                                                           category="tool", surface="Modbus")])
    resume = build_resume([("experience", ["• Wrote the Modbus protocol driver in C for the PLC gateway."])],
                          skill_ids={"Modbus": "modbus"})
    assert _rows(score_match(resume, job))["Modbus"].status == "met"


def test_a_list_of_names_never_meets_a_requirement_by_meaning() -> None:
    # reviewers (held-out 6, held-out 7): "Design patterns", "Unit testing" and "Frontend development" met by meaning
    # from one tool list; "UI design" from the skills sub-heading "Frameworks"
    job = build_job("Software Engineer", "Good knowledge of design patterns.",
                    required=[SkillMention(skill_id="design-patterns", name="Design patterns", category="practice",
                                           surface="design patterns")])
    resume = build_resume([("experience", [
        "Eclipse, SQL, MS SQL Server, MySQL, JUnit, jQuery, C, C++, Tomcat",
        "Refactored the billing module around factories and observers so new tariffs plug in without edits"])])
    thresholds = Thresholds(confirm=0.3, paraphrase=0.6)
    statements = prepare_resume(resume).statements
    tools = next(i for i, (first, _) in enumerate(statements) if first == 2)
    sentence = next(i for i, (first, _) in enumerate(statements) if first == 3)
    listed = _rows(_with_vectors(resume, job, {(tools, "Design patterns"): 0.7}, thresholds))["Design patterns"]
    assert listed.status == "missing"
    said = _rows(_with_vectors(resume, job, {(tools, "Design patterns"): 0.7, (sentence, "Design patterns"): 0.65},
                               thresholds))["Design patterns"]
    assert (said.status, said.how, said.line) == ("met", "meaning", 3)

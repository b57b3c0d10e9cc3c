"""The resume side of the judged evidence errors, tenth round (issue 26, runs 3.2.0-r7-heldout7 and
3.2.0-r9-heldout8): a title claim needs a title held of the role and its specialisation at the level asked,
depth asks met only by a list item, and lines worded as a wish.

Real-looking resume lines and ad titles, written for these tests; plain values, the real parser and engine.
"""

from __future__ import annotations

from datetime import date

import pytest

from jobfit.documents.job import parse_job
from jobfit.documents.models import SkillMention
from jobfit.documents.resume import parse_resume_text
from jobfit.matching import score_match
from jobfit.matching.background import assess_title
from jobfit.matching.evidence import (
    describes_a_project,
    is_wish,
    named_only_as_part_of_a_name,
    reads_as_title,
)
from jobfit.matching.meaning import Thresholds
from jobfit.matching.profile import ResumeProfile
from jobfit.matching.requirements import Requirement

from .matching_builders import build_job, build_resume, skill


def _profile(text: str) -> ResumeProfile:
    return ResumeProfile.build(parse_resume_text(text, today=date(2026, 12, 7)))


def _title(text: str, asked: str) -> str:
    return assess_title(_profile(text), Requirement(kind="title", label=asked)).result.status


def _resume(title: str, *bullets: str) -> str:
    return "\n".join(["Priya Nair", "Experience", f"{title}, Northwind Systems", "Jan 2016 - Dec 2023",
                      *(f"- {b}" for b in bullets)])


_QA_MANAGER = _resume("QA Engineering Manager",
                      "Led test automation using Python to cut the regression test cycle to one week.")
_WEB_JAVA = _resume("Java Developer",
                    "Collaborated with technical team members to integrate back-end and front-end elements.")
_PLAIN_ENGINEER = _resume("Software Engineer", "Built the order matching service in C++ for the trading desk.")
_JUNIOR_ANDROID = _resume("Junior Android Developer", "Built the Kotlin shopping app used by 2 million customers.")
_ANDROID_INTERN = _resume("Android Developer Intern", "Fixed layout bugs in the Kotlin shopping app.")
_DATA_ANALYST = _resume("Data Analyst", "Built weekly sales dashboards in Tableau for the regional managers.")
_WISHED = "\n".join(["Ravi Kumar", "Need for Java/J2ee Developer", "Experience",
                     "Need for Java/J2ee Developer", "Jun 2014 - Present",
                     "- Taught Java and J2EE to batches of 30 students."])


@pytest.mark.parametrize(("resume", "asked"), [
    (_QA_MANAGER, "Automation Test Analyst"),  # held-out 8: a Python automation bullet, not a title
    (_WEB_JAVA, "Senior Back End Engineer"),  # held-out 8: an integration bullet, not a back-end engineer post
])
def test_a_job_bullet_holding_the_titles_words_is_related_at_most(resume: str, asked: str) -> None:
    assert _title(resume, asked) == "related"


def test_a_title_lacking_the_role_or_a_word_of_its_specialisation_is_related() -> None:
    assert _title(_DATA_ANALYST, "Data Engineer") == "related"  # another role
    assert _title(_resume("DevOps Engineer", "Ran the Jenkins pipelines."), "Cloud DevOps Engineer") == "related"
    assert _title(_resume("Embedded Developer", "Wrote STM32 firmware."), "Embedded Systems Developer") == "related"


def test_a_title_that_does_not_show_the_level_asked_is_partial_at_most() -> None:
    # held-out 8: a plain "Software Engineer" (1997-2002) met "Senior Software Engineer"
    assert _title(_PLAIN_ENGINEER, "Senior Software Engineer") == "partial"
    assert _title(_resume("Senior Software Engineer", "Led the payments team."), "Senior Software Engineer") == "met"
    assert _title(_PLAIN_ENGINEER, "Software Engineer") == "met"


def test_a_junior_post_at_the_role_answers_it_an_internship_does_not() -> None:
    # held-out 8: "Junior Android Developer" twice, yet "No past title resembles 'Android Engineer'"
    assert _title(_JUNIOR_ANDROID, "Android Engineer onsite or remote") == "partial"
    assert _title(_JUNIOR_ANDROID, "Android Developer") == "partial"  # the role, at a junior level
    assert _title(_JUNIOR_ANDROID, "Senior Android Engineer") == "missing"  # a senior level asked
    assert _title(_ANDROID_INTERN, "Android Engineer") == "missing"


def test_a_title_worded_as_a_wish_is_no_title_held() -> None:
    # held-out 8: "Need for Java/J2ee Developer" in the title slot of the only role
    assert is_wish("Need for Java/J2ee Developer") and is_wish("Looking for a position as Android Developer")
    assert not is_wish("Java Developer, Infosys") and not is_wish("Needs analysis for the billing team")
    assert _title(_WISHED, "Java Developer") == "missing"


_DEPTH_AD = "\n".join(["Software Developer", "Requirements",
                       "- Strong programming skills and excellent communication skills.", "- Experience with SQL."])


def _statuses(resume: str) -> dict[str, str]:
    job = parse_job(title="Software Developer", description=_DEPTH_AD)
    rows = score_match(parse_resume_text(resume, today=date(2026, 12, 7)), job).match_analysis.requirements
    return {row.requirement: row.status for row in rows if row.kind == "skill"}


def test_a_depth_ask_of_a_skill_that_is_no_tool_nor_soft_is_not_met_by_a_list_item_alone() -> None:
    # held-outs 6-8: "strong programming skills", "advanced JavaScript" met by a skills list or keyword dump
    listed = _statuses("\n".join([
        "Priya Nair", "Skills", "Programming, Communication, SQL, Git, Linux", "Experience",
        "Support Analyst, Northwind", "Jan 2019 - Dec 2023", "- Answered customer tickets about the billing portal."]))
    assert listed["Programming"] == "related"
    assert listed["SQL"] == "met"  # no depth asked of it: the list shows it
    assert listed["Communication"] == "met"  # a soft skill a recruiter takes from a skills list (held-out 8)
    used = _statuses("\n".join([
        "Priya Nair", "Skills", "Programming, Communication, SQL, Git, Linux", "Experience",
        "Software Developer, Northwind", "Jan 2019 - Dec 2023",
        "- Did the programming of the billing service in Java and presented it to the client's board.",
        "- Led communication with the client's finance team during the rollout."]))
    assert used["Communication"] == "met" and used["Programming"] == "met"


def test_a_skill_is_cited_from_a_line_of_use_before_a_wish_worded_headline() -> None:
    # held-out 8: Java cited from "Need for Java/J2ee Developer" while the skills lines name it
    resume = parse_resume_text(_WISHED.replace("Experience", "Skills\nLanguages: Java, J2EE, SQL\nExperience", 1),
                               today=date(2026, 12, 7))
    job = parse_job(title="Java Developer", description="Requirements\n- Experience with Java.")
    rows = {row.requirement: row for row in score_match(resume, job).match_analysis.requirements}
    assert rows["Java"].evidence is not None and not is_wish(rows["Java"].evidence)


def test_an_extra_strength_that_is_no_tool_needs_the_persons_own_work() -> None:
    # held-out 8: "Banking" from a class project's title, "Pediatrics" from a paper's title, "Auditing" from a
    # project's objective; held-out 7: "System administration" from "... Administration: This application will"
    job = build_job("Backend Developer", "Go services.", required=[skill("go", "Go")])

    def extras(experience: list[str], projects: list[str], ids: dict[str, str]) -> dict[str, str | None]:
        resume = build_resume([("experience", experience), ("projects", projects)], skill_ids=ids)
        return {s.requirement: s.evidence for s in score_match(resume, job).strengths if s.kind == "extra"}

    described = extras(["The objective is auditing the trade breaks raised by the reconciliation tool.",
                        "This application supports auditing of the access rights of every user."],
                       ["High-performance Fault-tolerant Distributed Banking System.",
                        "Online Banking Portal For Retail Customers"],
                       {"auditing": "auditing", "Banking": "banking"})
    assert described == {}
    own = extras(["Audited the payment ledgers each quarter for the finance team.",
                  "Led the auditing of access rights across 40 services."],
                 ["Built the banking ledger for a retail bank in Go.", "Moved the banking reports to a nightly job."],
                 {"Audited": "auditing", "auditing": "auditing", "banking": "banking"})
    assert set(own) == {"Auditing", "Banking"}


def test_a_title_and_a_project_description_are_told_from_a_statement_of_work() -> None:
    assert reads_as_title("Grays Time-varying Coefficients Model for Survival of Pediatric Liver Transplant Recipients")
    assert not reads_as_title("- web application functional and performance testing;")
    assert not reads_as_title("Database: SQL Server 2015")  # too few words for a title
    assert describes_a_project("Office Workflow Management System Administration: This application will allow")
    assert describes_a_project("The objective is to implement a strategic technical solution")
    assert not describes_a_project("Implemented the objectives and key results dashboard for the sales team")


def test_a_platform_asked_with_its_practice_needs_a_line_naming_the_practice() -> None:
    # held-out 8: "Basic UNIX scripting" and "Unix scripting" cited by an operating-systems or environment list
    # while "UNIX Shell/PERL scripting" and "shell scripting" were there
    job = build_job("QA Engineer", "Basic UNIX scripting\nExperience with SQL.", required=[
        SkillMention(skill_id="unix", name="Unix", category="tool", surface="UNIX", line=1)])
    lines = ["Priya Nair", "Skills", "Operating Systems: Unix-AIX, Unix-Solaris, Linux, Windows",
             "Languages: SQL, Python, Groovy", "Experience", "QA Analyst, Northwind", "Jan 2019 - Dec 2023",
             "- Ran the regression suites for the billing portal."]

    def unix(text: list[str]) -> tuple[str, int | None]:
        rows = score_match(parse_resume_text("\n".join(text), today=date(2026, 12, 7)), job).match_analysis
        row = next(r for r in rows.requirements if r.requirement == "Unix")
        return row.status, row.line

    assert unix(lines) == ("related", 3)
    assert unix([*lines[:4], "Scripting: UNIX Shell/PERL scripting", *lines[4:]]) == ("met", 5)


def test_a_soft_skill_read_by_meaning_alone_is_related_at_most() -> None:
    # held-out 8: Adaptability met by "Android application development and testing" (judged wrong)
    from .test_meaning import _rows, _with_vectors

    thresholds = Thresholds(confirm=0.3, paraphrase=0.6)
    resume = build_resume([("experience", ["Android application development and testing for a retail bank."])])
    soft = build_job("Android Engineer", "Adaptability to changing priorities.", required=[
        SkillMention(skill_id="adaptability", name="Adaptability", category="soft_skill", surface="Adaptability")])
    row = _rows(_with_vectors(resume, soft, {(0, "Adaptability"): 0.9}, thresholds))["Adaptability"]
    assert (row.status, row.line) == ("related", 2)
    other = build_job("Android Engineer", "Mobile testing of our apps.", required=[
        SkillMention(skill_id="mobile_testing", name="Mobile testing", category="tech", surface="Mobile testing")])
    row = _rows(_with_vectors(resume, other, {(0, "Mobile testing"): 0.9}, thresholds))["Mobile testing"]
    assert row.status == "met"  # a method said in other words still meets it


def test_a_name_written_as_half_of_another_tools_name_is_not_named() -> None:
    # held-out 8: with the wish-worded headline cited last, Java fell to "Scripting Language Java Script"
    assert named_only_as_part_of_a_name("Scripting Language Java Script", ("java",))
    assert not named_only_as_part_of_a_name("Core Java, J2EE, Java Script", ("java",))
    resume = parse_resume_text("\n".join([
        "Ravi Kumar", "Skills", "Scripting Language Java Script", "Programming Language Core Java, J2EE, C, C++",
        "Experience", "Trainer, MAASMIND Institute", "Jun 2014 - Dec 2018", "- Taught classes of 30 students."]),
        today=date(2026, 12, 7))
    job = parse_job(title="Java Developer", description="Requirements\n- Experience with Java.")
    rows = {row.requirement: row for row in score_match(resume, job).match_analysis.requirements}
    assert rows["Java"].line == 4


def test_a_stated_total_caps_a_role_open_to_present() -> None:
    # held-out 8: "June 2014 to Present" counted to today as 12.6 years while the resume says "4 Years Worked"
    text = "\n".join(["Ravi Kumar", "Work Experience", "Java/J2ee Trainer", "MAASMIND Java Training Institute",
                      "June 2014 to Present", "4 Years Worked as a Software Faculty.",
                      "- Taught Core Java and J2EE to batches of 30 students."])
    assert _profile(text).years == 4.0
    closed = text.replace("June 2014 to Present", "June 2014 to May 2026")
    assert _profile(closed).years > 11  # a closed role: its dates say it
    near = text.replace("4 Years Worked", "11 Years Worked")
    assert _profile(near).years > 12  # not far below what the dates give

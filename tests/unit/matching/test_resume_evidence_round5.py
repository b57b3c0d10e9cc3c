"""The resume side of the judged evidence errors, fifth round (issue 26, run 3.2.0-heldout5): a skills-list
entry marked as a beginner's is no proof of the skill, and roles dated in flattened forms ("July2013to June2014",
"Sept' 2017", under a "Company Details" heading) are read.

Real-looking resume lines; plain values, no parsing beyond the date grammar.
"""

from __future__ import annotations

from datetime import date

from jobfit.documents.dates import date_ranges
from jobfit.documents.models import SkillMention
from jobfit.documents.resume import parse_resume_text
from jobfit.matching import score_match
from jobfit.matching.evidence import is_field_of_study, short_use
from jobfit.matching.text import phrase_terms

from .matching_builders import build_job, build_resume, skill
from .test_meaning import _rows


def test_a_skill_marked_basic_is_partial_at_most() -> None:
    # reviewers: "JAVA (Basic)" in a designer's skills list met a required full-stack Java skill
    job = build_job("UI Software Engineer", "Full-stack Java.",
                    required=[SkillMention(skill_id="java", name="Java", category="language", surface="Java")])
    basic = build_resume([("skills", ["HTML5, CSS3, JavaScript, JAVA (Basic), Photoshop"])])
    assert _rows(score_match(basic, job))["Java"].status == "partial"
    plain = build_resume([("skills", ["HTML5, CSS3, JavaScript, JAVA, Photoshop"])])
    assert _rows(score_match(plain, job))["Java"].status == "met"
    assert short_use("Java (beginner), Python", ("java",))
    assert short_use("Basic knowledge of SQL and Oracle", ("sql",))
    assert not short_use("Java (Basic), Python (5 years)", ("python",))  # the note belongs to its own item
    assert not short_use("Visual Basic, VBA, Excel macros", ("visual", "basic"))  # a language's name, no note


def test_role_dates_in_flattened_text_are_read() -> None:
    # reviewers: "0 years of dated roles" while "Duration: Feb 2017 to Till Date" and "July2013to June2014" stand
    def spans(text: str) -> list[tuple[tuple[int, int], tuple[int, int] | None]]:
        return [(span.start, span.end) for _, span in date_ranges(text)]

    assert spans("Duration: Feb 2017 to Till Date") == [((2017, 2), None)]
    assert spans("Duration: July2013to June2014") == [((2013, 7), (2014, 6))]
    assert spans("Software Engineer, 2013–2014") == [((2013, 1), (2014, 1))]
    assert spans("Period                Sept' 2017 to till date") == [((2017, 9), None)]
    assert spans("Jan'19 - Mar'20") == [((2019, 1), (2020, 3))]
    assert spans("Went to 2014 conference in Pune") == []


def test_roles_under_a_company_details_heading_are_dated() -> None:
    # a resume laid out as "Skill Details" / "Company Details" blocks: its roles were read as no roles at all
    text = "\n".join([
        "Education Details",
        "January 2017 B.E. Computer Technology Gondia, MAHARASHTRA, IN Manoharbhai Patel Institute",
        "Java Developer",
        "Skill Details",
        "Java- Exprience - 24 months",
        "Company Details",
        "company - Xoriant Solutions Pvt Ltd",
        "description - Pune",
        "Period                Sept' 2017 to June 2020",
        "Role                  Java Developer",
        "- Develop module from Backend to Middleware to Frontend.",
    ])
    resume = parse_resume_text(text, today=date(2021, 1, 1))
    assert [(role.start, role.end) for role in resume.experience] == [("2017-09", "2020-06")]


def test_a_degree_line_shows_its_field_as_well_as_its_level() -> None:
    # reviewers: "BE COMPUTER SCIENCE" met the Bachelor's, and "Computer science or Engineering" was called missing
    text = "\n".join([
        "Education Details",
        "July 2008 to February 2012 BE COMPUTER SCIENCE Nagpur, Maharashtra NAGPUR UNIVERSITY",
        "Skill Details",
        "SAP HANA- Exprience - 60 months",
    ])
    resume = parse_resume_text(text, today=date(2021, 1, 1))
    job = build_job("Software Engineer", "A degree in computer science; SAP HANA.",
                    required=[skill("computer-science", "Computer science"), skill("sap-hana", "SAP HANA")])
    rows = _rows(score_match(resume, job))
    assert (rows["Computer science"].status, rows["Computer science"].line) == ("met", 2)
    assert is_field_of_study(phrase_terms("Computer science"))
    assert is_field_of_study(phrase_terms("Business administration"))
    assert not is_field_of_study(phrase_terms("Engineering"))  # generic words only: a degree's name is no evidence
    assert not is_field_of_study(phrase_terms("Communication"))  # one word: a soft skill as often as a field
    assert not is_field_of_study(phrase_terms("Project management"))

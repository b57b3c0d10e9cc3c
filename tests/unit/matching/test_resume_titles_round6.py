"""The resume side of the judged evidence errors, sixth round (issue 26, runs 3.1.0-r3-heldout4 and
3.2.0-heldout5): form-like plain-text resumes ("Role: Java Developer", "Duration: 36 months", "Company Details"
glued to the line before it) are read whole, and a developer of a stack answers a "Software Engineer" ad.

Real-looking resume text, written for these tests; parsed by the real parser and scored by the real engine.
"""

from __future__ import annotations

from datetime import date

from jobfit.documents.experience import extract_experience, labelled, labelled_months, total_years
from jobfit.documents.long_lines import split_glued_heading, statement_lines
from jobfit.documents.models import ExperienceEntry
from jobfit.documents.resume import parse_resume_text
from jobfit.matching import score_match
from jobfit.matching.background import names_software_role

from .matching_builders import build_job

_FORM_RESUME = "\n".join([
    "Ravi Kumar",
    "Java Developer",
    "Skill Details",
    "Java- Exprience - 36 months",
    "Spring Boot- Exprience - 24 monthsCompany Details",
    "company - Infosys Limited",
    "description - Banking client",
    "Role: Java Developer",
    "Team Size: 8",
    "Duration: 36 months",
    "Responsibilities:",
    "- Developed REST services in Spring Boot for the payments module.",
    "",
    "company - Tech Mahindra",
    "Designation: Software Programmer",
    "Duration: 24 months",
    "- Built monthly reports on Oracle for the billing team.",
    "",
    "Education Details",
    "2012 B.E. (Computer Science) Pune University",
])


def _rows(resume: object, title: str) -> dict[str, object]:
    job = build_job(title, "We build payment software.", min_years=3)
    return {row.kind: row for row in score_match(resume, job).match_analysis.requirements}


def test_a_heading_glued_to_the_end_of_a_line_is_split_off() -> None:
    # reviewers: "SAP BO- Exprience - 36 monthsCompany Details" hid the whole work history under Skills
    assert split_glued_heading("SAP BO- Exprience - 36 monthsCompany Details") == [
        "SAP BO- Exprience - 36 months", "Company Details"]
    assert split_glued_heading("Duration: Jan 2014 to Dec 2016Skill Details") == [
        "Duration: Jan 2014 to Dec 2016", "Skill Details"]
    assert split_glued_heading("Oracle, MS-Access, MS-ExcelEDUCATION") == ["Oracle, MS-Access, MS-Excel", "EDUCATION"]
    for sentence in ("Excellent communication Skills", "Good soft Skills", "Worked with JavaScript and TypeScript",
                     "Strong AnalysisSkills"):
        assert split_glued_heading(sentence) == [sentence]
    resume = parse_resume_text(_FORM_RESUME, today=date(2026, 12, 7))
    assert "experience" in resume.sections and resume.experience
    # inside a whole resume flattened to one line, a heading glued to a year is cut out too
    flat = statement_lines("Java developer with five years in banking. " * 8
                           + "Duration: Jan 2014 to Dec 2016Skill Details Java- Exprience - 36 months").split("\n")
    assert flat[-3:] == ["Duration: Jan 2014 to Dec 2016", "Skill Details", "Java- Exprience - 36 months"]


def test_a_labelled_title_line_gives_the_title_after_its_label() -> None:
    # reviewers: titles came out as "Role Java Developer", employers as "Period"
    text = "\n".join(["company - Xoriant Solutions Pvt Ltd", "Period                Sept' 2017 to June 2020",
                      "Role                  Java Developer", "- Develop module from Backend to Frontend."])
    [entry] = extract_experience(text, today=date(2021, 1, 1))
    assert (entry.title, entry.company) == ("Java Developer", "Xoriant Solutions Pvt Ltd")
    for line, title in (("Role-SAP HANA Developer", "SAP HANA Developer"),
                        ("Designation: Sr. Software Engineer", "Sr. Software Engineer"),
                        ("Position - Developer", "Developer")):
        [entry] = extract_experience(f"{line}\nDuration: Feb 2017 to Till Date\n", today=date(2021, 1, 1))
        assert entry.title == title, line
    assert labelled("Role and responsibilities include testing") is None  # a sentence, no title after it
    assert labelled("Profile summary") is None


def test_a_role_given_by_its_length_counts_once() -> None:
    # "Duration: 36 months" under a role without dates is how long it ran; projects inside a dated role are not
    # added to it
    assert labelled_months("Duration: 36 months") == 36
    assert labelled_months("Period - 2 years") == 24
    assert labelled_months("Duration: 6 months project in Pune") is None
    assert labelled_months("Team Size: 12") is None
    assert labelled_months("Total Experience: 5 years") is None  # the resume's total, not one role
    resume = parse_resume_text(_FORM_RESUME, today=date(2026, 12, 7))
    assert [(role.title, role.months, role.start) for role in resume.experience] == [
        ("Java Developer", 36, None), ("Software Programmer", 24, None)]
    assert resume.total_years_experience == 5.0
    dated = ExperienceEntry(title="Java Developer", start="2015-01", end="2019-12", months=60)
    project = ExperienceEntry(title="Java Developer", months=36)
    assert total_years([dated, project]) == 5.0  # the project lies inside the dated role: not added


def test_overlapping_dated_roles_are_counted_once() -> None:
    text = "\n".join(["Java Developer, Acme Ltd", "Feb 2017 to date", "- Built services.", "",
                      "Trainer, Night School", "Jan'18 - Present", "- Taught Java.", "",
                      "Programmer, Beta Systems", "2013-2014", "- Wrote reports."])
    entries = extract_experience(text, today=date(2020, 2, 1))
    assert [(e.start, e.end) for e in entries] == [("2017-02", None), ("2018-01", None), ("2013-01", "2014-01")]
    assert total_years(entries) == 4.1  # Feb 2017 to Feb 2020 (37 months) and 2013; the night job overlaps


def test_a_developer_of_a_stack_answers_a_software_engineer_title() -> None:
    # reviewers: "No past title resembles 'Software Engineer'" for a Java Developer
    for title in ("Java Developer", ".NET developer", "Software Programmer", "Python Django Developer"):
        assert names_software_role(title), title
    for title in ("Senior Test Engineer", "Network Engineer", "Engineer", "SAP Basis Consultant"):
        assert not names_software_role(title), title
    resume = parse_resume_text(_FORM_RESUME, today=date(2026, 12, 7))
    for asked, status in (("Software Engineer", "met"), ("Senior Software Developer", "partial")):
        row = _rows(resume, asked)["title"]  # the senior level is the years', not the title's (round 10)
        assert row.status == status and row.evidence == "Role: Java Developer", asked
    tester = parse_resume_text(_FORM_RESUME.replace("Role: Java Developer", "Role: Senior Test Engineer")
                               .replace("Designation: Software Programmer", "Designation: Test Lead"),
                               today=date(2026, 12, 7))
    assert _rows(tester, "Software Engineer")["title"].status == "missing"


def test_a_years_claim_cites_the_role_title_line() -> None:
    resume = parse_resume_text(_FORM_RESUME, today=date(2026, 12, 7))
    row = _rows(resume, "Software Engineer")["experience"]
    assert row.status == "met" and row.evidence.startswith("5 years of roles by their stated length")
    assert resume.text_content.split("\n")[row.line - 1] == "Role: Java Developer"

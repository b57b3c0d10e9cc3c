"""Regression tests for split date ranges in work history, degree requirements and minimum years in job
postings, on text taken from real resumes and postings (resume_matcher samples, SkillSpan)."""

from __future__ import annotations

from datetime import date

import pytest

from jobfit.documents.education import degree_level_of
from jobfit.documents.experience import extract_experience, join_split_ranges
from jobfit.documents.job import find_min_years, is_boilerplate, parse_job, parse_job_file
from jobfit.documents.job_degree import find_degree_requirement
from jobfit.documents.resume import parse_resume
from tests.conftest import SAMPLES

TODAY = date(2025, 6, 1)

# Two-line date column as pdf extraction yields it (resume_matcher_samples/bruce_wayne_fullstack.pdf).
TWO_LINE_DATES = """June 2020 – MERN Stack Developer, OpenAI, San Francisco, USA
Present Working on the development of the ChatGPT project, using Node.js, Express.js, and React.
Implementing RESTful services for communication between frontend and backend.
July 2015 – Full Stack Developer, Uber, San Francisco, USA
May 2020 Developed and maintained scalable web applications using MERN stack. Ensured the
performance, quality, and responsiveness of applications.
2012 – Software Developer, Facebook, Menlo Park, USA
2015 Developed features for the Facebook web application using React."""


def test_range_split_across_lines_with_header_beside_start() -> None:
    entries = extract_experience(TWO_LINE_DATES, today=TODAY)
    got = [(e.title, e.company, e.start, e.end, e.is_current) for e in entries]
    assert got == [
        ("MERN Stack Developer", "OpenAI", "2020-06", None, True),
        ("Full Stack Developer", "Uber", "2015-07", "2020-05", False),
        ("Software Developer", "Facebook", "2012-01", "2015-01", False),
    ]
    assert entries[1].months == 59
    assert entries[0].text.startswith("June 2020 – MERN Stack Developer")  # entry text keeps the original lines


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("Senior Analyst, Acme Corp, Jan 2019 -\nMar 2021\n• Built reports.", "2019-01", "2021-03"),
        ("Data Engineer | Initech | Sep 2017\n– Present\n• Pipelines.", "2017-09", None),
        ("Product Manager, Google\nJune 2020 –\n\nPresent\n• Led launches.", "2020-06", None),
    ],
)
def test_range_split_at_line_end(text: str, start: str, end: str | None) -> None:
    (entry,) = extract_experience(text, today=TODAY)
    assert (entry.start, entry.end) == (start, end)
    assert entry.months > 12
    assert entry.company not in {"Present", "Mar 2021"}


def test_split_join_leaves_unrelated_lines_alone() -> None:
    lines = ["2019 - Won the regional award", "March 2021 Promoted to team lead", "Jan 2018 - Dec 2019 Analyst"]
    work, body = join_split_ranges(lines)
    assert work == lines and not body


def test_parenthesised_title_kept_whole() -> None:
    (entry,) = extract_experience(
        "June 2022 – Software Engineer (Front-End), Google, Mountain View\nPresent Building UIs."
    )
    assert entry.title == "Software Engineer (Front-End)"


EXPECTED_RESUMES = {
    # file: (entries, minimum total years, maximum total years); "Present" counts to the files' own date,
    # 2023-07-16 (their PDF metadata), not to today (2025-06 here)
    "barry_allen_fe.pdf": (1, 1.1, 1.3),
    "bruce_wayne_fullstack.pdf": (3, 11.0, 11.4),
    "alfred_pennyworth_pm.pdf": (5, 24.4, 24.8),
    "harvey_dent_mle.pdf": (3, 7.4, 7.8),
    "john_doe.pdf": (2, 6.9, 7.3),
}


@pytest.mark.parametrize("name", sorted(EXPECTED_RESUMES))
def test_sample_resume_experience(name: str) -> None:
    path = SAMPLES / "resumes" / name
    resume = parse_resume(path.read_bytes(), path.name, today=TODAY)
    count, low, high = EXPECTED_RESUMES[name]
    assert len(resume.experience) == count
    assert low <= resume.total_years_experience <= high
    assert all(entry.months > 12 for entry in resume.experience)
    assert (resume.metadata.as_of, resume.metadata.as_of_source) == ("2023-07-16", "file")
    assert all(entry.title and entry.company for entry in resume.experience)


@pytest.mark.parametrize(
    ("text", "level", "field", "only_preferred"),
    [
        ("Bachelor's degree in Computer Science or related field", "bachelor", "Computer Science", False),
        ("BS/MS in Computer Science", "bachelor", "Computer Science", False),
        ("• BS/BA degree or equivalent experience", "bachelor", None, False),
        ("B.S. or equivalent experience", "bachelor", None, False),
        ("Master's preferred", "master", None, True),
        ("Degree in Accounting", "bachelor", "Accounting", False),
        ("MBA preferred", "master", None, True),
        ("High school diploma or GED", "none", None, False),
        (
            "Minimum of a high-school diploma or equivalent . Bachelor/post-graduate degree is a plus .",
            "none",
            None,
            False,
        ),
        ("PhD in Machine Learning", "doctorate", "Machine Learning", False),
        ("Bachelor's degree (MBA preferred).", "bachelor", None, False),
        ("Bachelor’s degree in Finance required, Master’s preferred", "bachelor", "Finance", False),
        ("Have a Master or PhD degree in chemical/biochemical engineering or related field", "master", None, False),
        ("Have a Masters degree within finance economics or similar", "master", "finance economics", False),
        ("IT or Engineering Bachelor / Master degree is a highly recommended", "bachelor", None, True),
        ("Ideally you have a Ph.D .", "doctorate", None, True),
        ("Degree level education preferred", "bachelor", None, True),
    ],
)
def test_degree_requirement(text: str, level: str, field: str | None, only_preferred: bool) -> None:
    got_level, got_field, got_preferred = find_degree_requirement(text)
    assert got_level == level
    assert got_preferred is only_preferred
    if field is not None:
        assert got_field == field


@pytest.mark.parametrize(
    "text",
    [
        "A high degree of learning and ownership in a dynamic environment",
        "You master English on level C1 .",
        "Certified Scrum Master (CSM)",
        "The PhD Student will be responsible for constructing a 'light sheet' fluorescence microscope .",
        "Grade transcripts and BSc/MSc diploma",
        "has been part of the hospital since 1 March 2016 .",
    ],
)
def test_degree_look_alikes_ignored(text: str) -> None:
    assert find_degree_requirement(text)[0] is None


def test_march_is_not_a_masters() -> None:
    assert degree_level_of("Bachelor of Science, March 2015")[0] == "bachelor"  # type: ignore[index]


def test_preferred_only_degree_is_reported_with_warning() -> None:
    job = parse_job(title="Analyst", description="Requirements\n• 2+ years of experience in SQL\n• MBA preferred")
    assert job.degree_level == "master"
    assert any("preferred" in warning for warning in job.metadata.warnings)


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("3+ years of experience with Python", 3),
        ("At least five years of professional experience", 5),
        ("Minimum of 2 years in a similar role", 2),
        ("2-4 years of experience in software development", 2),
        ("5 years' experience in accounting", 5),
        ("You have 3 or more years of experience", 3),
        ("know and use Ruby on Rails in commercial projects for at least 2 years", 2),
        ("backed by at least 7 years supply chain experience from an international company", 7),
        ("at least 2 years of experience working in an agency or a similar company", 2),
        ("One or more years of experience with tissue culture techniques", 1),
        ("10+ yrs exp", 10),
    ],
)
def test_min_years(text: str, years: float) -> None:
    assert find_min_years(text) == years


@pytest.mark.parametrize(
    "text",
    [
        "Founded 20 years ago, we build tools. Experience with Go is a must.",
        "For over 10 years our company has been a leader in experience design.",
        "<ORGANIZATION> is celebrating 25 years in the IT industry this year",
        "a tech team that has been operational for the last 2 years .",
        "In the next 3-5 years we will launch more games and continue to grow as a company .",
        "After no more than six years of employment the Assistant Professor will be employed as Associate Professor .",
        "Minimum 21 years with a clean criminal record .",
    ],
)
def test_min_years_ignores_company_history(text: str) -> None:
    assert find_min_years(text) is None


@pytest.mark.parametrize(
    ("name", "years", "level"),
    [
        ("job_desc_front_end_engineer.pdf", 2, "bachelor"),
        ("job_desc_full_stack_engineer.pdf", 5, "bachelor"),
        ("job_desc_java_developer.pdf", 3, "bachelor"),
        ("job_desc_product_manager.pdf", 10, "bachelor"),  # "Bachelor's degree (MBA preferred)"
    ],
)
def test_sample_job_descriptions(name: str, years: float, level: str) -> None:
    path = SAMPLES / "job_descriptions" / name
    job = parse_job_file(path.read_bytes(), path.name)
    assert job.min_years == years
    assert job.degree_level == level


@pytest.mark.parametrize("sentence", [
    "We are an equal opportunity employer and place a high value on diversity and inclusion at our company.",
    "In accordance with applicable law we make reasonable accommodations for any mental health or physical needs.",
    "We do not discriminate on the basis of race, religion, national origin, gender or sexual orientation.",
    "Healthcare and Insurance Plans",
    "What we offer: a competitive salary, 401(k) match and paid time off.",
])
def test_boilerplate_sentences(sentence: str) -> None:
    assert is_boilerplate(sentence)


@pytest.mark.parametrize("sentence", [
    "5+ years of experience with Python, Django and PostgreSQL.",
    "Experience selling health insurance products to small businesses.",
    "Knowledge of pension administration and payroll.",
    "Registered nurse with maternity ward experience.",
    "You will design the data platform " + "and its pipelines " * 30 + "- we offer remote work.",  # flattened
])
def test_requirement_sentences_are_not_boilerplate(sentence: str) -> None:
    assert not is_boilerplate(sentence)


def test_skills_in_equal_opportunity_and_benefits_lines_are_not_requirements() -> None:
    job = parse_job(title="Java Developer", description=(
        "We need a Java developer with Spring and SQL.\n"
        "In accordance with applicable law we make reasonable accommodations for any mental health needs.\n"
        "We are an equal opportunity employer and value diversity and inclusion.\n"
        "Healthcare and Insurance Plans"))
    names = {m.name.lower() for m in job.required_skills + job.preferred_skills}
    assert {"java", "sql"} <= names
    assert not names & {"mental health", "diversity and inclusion", "healthcare", "insurance", "law"}

"""Date ranges in the forms real resumes write them, "Present" counted to the resume's own date, overlapping roles
counted once: plain values from real-looking resume lines."""

from __future__ import annotations

from datetime import date

import pytest

from jobfit.documents.dates import DATE_RANGE, document_date, parse_range, stated_date
from jobfit.documents.experience import extract_experience, total_years
from jobfit.documents.resume import parse_resume_text

TODAY = date(2026, 6, 15)


def _span(text: str) -> tuple[str | None, str | None]:
    """(start, end) as "YYYY-MM" of the one range in `text`; end None = present."""
    spans = [span for match in DATE_RANGE.finditer(text) if (span := parse_range(match)) is not None]
    assert len(spans) == 1, (text, spans)
    (span,) = spans
    end = None if span.end is None else f"{span.end[0]:04d}-{span.end[1]:02d}"
    return f"{span.start[0]:04d}-{span.start[1]:02d}", end


@pytest.mark.parametrize(
    ("line", "start", "end"),
    [
        ("Senior Accountant | 03/2017 – 11/2020", "2017-03", "2020-11"),
        ("Team Lead 03/2017 - 11/2020, Infosys", "2017-03", "2020-11"),
        ("Consultant 03.2017 – 11.2020", "2017-03", "2020-11"),
        ("2017-03 – 2020-11 Data Engineer", "2017-03", "2020-11"),
        ("Developer, 2017/03 to 2020/11", "2017-03", "2020-11"),
        ("Analyst Jan 2019 – Present", "2019-01", None),
        ("Analyst January, 2019 - Mar. 2021", "2019-01", "2021-03"),
        ("Analyst Jan-2014 to Jun-2015", "2014-01", "2015-06"),
        ("Intern Jan'19 – Apr'19", "2019-01", "2019-04"),
        ("Tester 12 March 2019 - 5 June 2020", "2019-03", "2020-06"),
        ("Tester March 12, 2019 to June 5, 2020", "2019-03", "2020-06"),
        ("Support Engineer 11/1/2007 - 2/1/2011", "2007-11", "2011-02"),
        ("Support Engineer 09/14-Present", "2014-09", None),
        ("Software Engineer 2019 – till date", "2019-01", None),
        ("Software Engineer Oct 2008 ~ Till date", "2008-10", None),
        ("Manager (2017 to date)", "2017-01", None),
        ("Since 2018 working as Operations Manager", "2018-01", None),
        ("Working here since June 2018.", "2018-06", None),
        ("From April 2010 with Wipro", "2010-04", None),
        ("2018 onwards: Lead Engineer", "2018-01", None),
        ("Project Engineer, Jun 2016 – Ongoing", "2016-06", None),
        ("Project Engineer, Jun 2016 – Current", "2016-06", None),
        ("Research Assistant, Fall 2019 – Spring 2021", "2019-09", "2021-03"),
        ("Summer 2022 - Fall 2022 Intern", "2022-06", "2022-09"),
        ("Lecturer 2009 to 2011, Stanford", "2009-01", "2011-01"),
        ("Lecturer 2009 — 2011", "2009-01", "2011-01"),
        ("Feb to August, 2013: Acting Associate Dean", "2013-02", "2013-08"),
        ("Nov to Feb 2014 Contract", "2013-11", "2014-02"),
        ("Project Manager 1982-84", "1982-01", "1984-01"),
        ("Accountant, Feb 2011/Now", "2011-02", None),
        ("Entwickler, März 2018 – heute", "2018-03", None),
        ("Développeur, janvier 2015 - mai 2019", "2015-01", "2019-05"),
        # the dash was lost (an unmapped glyph, a flattened text file)
        ("Software Engineer May 2010 Present", "2010-05", None),
        ("Software Engineer August 2009 Jan 2010", "2009-08", "2010-01"),
        ("Copywriter 2007 Present", "2007-01", None),
        ("Consultant 2010 2014", "2010-01", "2014-01"),
        # a fullwidth dash, as written and as livecareer's PDFs read it (its UTF-8 bytes taken for Latin-1)
        ("Freelance Graphic Designer 05/2016 \uff0d Current City , State", "2016-05", None),
        ("Freelance Graphic Designer 05/2016 ï¼ Current City , State", "2016-05", None),
        ("Graphic Designer & Assistant 04/2012 ï¼ 01/2016 Company Name City , State", "2012-04", "2016-01"),
    ],
)
def test_date_range_forms(line: str, start: str, end: str | None) -> None:
    assert _span(line) == (start, end)


@pytest.mark.parametrize(
    "line",
    [
        "Led 12 people in 2019 now responsible for 40",  # "now" after a bare space: a sentence
        "Python 3 since version 2.7",  # no date
        "Jan 2019 - Dec 2017",  # ends before it starts
        "Graduated 2011-12",  # December 2011 or 2011-12: not trusted as a range
        "2015 Jan 2017",  # a year, then a month: too loose without a dash
        "Worked from May 2009 to April",  # a month with no year is no end, and not an open range either
    ],
)
def test_not_date_ranges(line: str) -> None:
    assert [parse_range(m) for m in DATE_RANGE.finditer(line) if parse_range(m) is not None] == []


def test_ranges_split_over_lines_without_a_dash() -> None:
    text = "\n".join([
        "PTC Therapeutics, Software Engineering Contractor",
        "Summer 2011",
        "Present",
        "- Built a PCR automation system.",
        "Berkshire Software Design",
        "2001",
        "2007: Print and Internet Copywriter, Publics Group",
        "Worked as Java programmer for Acme Pvt Ltd. from May 2009 to April",
        "2010.",
    ])
    entries = extract_experience(text, today=TODAY)
    assert [(e.start, e.end, e.is_current) for e in entries] == [
        ("2011-06", None, True),
        ("2001-01", "2007-01", False),
        ("2009-05", "2010-04", False),
    ]


INDIAN_RESUME = """Rahul Sharma
rahul.sharma@example.in | +91 98765 43210
EXPERIENCE
Senior Software Engineer, Infosys Ltd, Pune
06/2018 - till date
• Built billing micro-services in Java and Spring Boot.
Software Engineer, Wipro Technologies, Bangalore
07/2014 - 05/2018
• Maintained payment gateway integrations.
Trainee, Wipro Technologies
01/2014 - 12/2014
• Trained in Java and SQL.
EDUCATION
B.Tech in Computer Science, VIT University, 2013
DECLARATION
I hereby declare that the information furnished above is true to the best of my knowledge.
Place: Pune Date: 12/03/2021
"""


def test_till_date_counts_to_the_date_the_resume_states() -> None:
    resume = parse_resume_text(INDIAN_RESUME, today=TODAY)
    assert (resume.metadata.as_of, resume.metadata.as_of_source) == ("2021-12-01", "text")
    current = resume.experience[0]
    assert (current.start, current.end, current.is_current) == ("2018-06", None, True)
    assert current.months == (2021 - 2018) * 12 + (12 - 6) + 1
    # 2014-01..2014-12 overlaps 2014-07..2018-05: months counted once, to December 2021
    assert resume.total_years_experience == round(((2021 - 2014) * 12 + 12) / 12, 1)


def test_without_a_date_present_counts_to_today() -> None:
    resume = parse_resume_text(INDIAN_RESUME.replace("Date: 12/03/2021", ""), today=TODAY)
    assert (resume.metadata.as_of, resume.metadata.as_of_source) == ("2026-06-15", "today")
    assert resume.experience[0].months == (2026 - 2018) * 12 + (6 - 6) + 1


@pytest.mark.parametrize(
    ("text", "file_date", "expected"),
    [
        ("Date: 12/03/2021\nEngineer 2018 - Present", None, (date(2021, 12, 1), "text")),
        ("Last updated: March 2022\nEngineer 2018 - Present", None, (date(2022, 3, 1), "text")),
        ("Engineer 2018 - Present", date(2023, 7, 16), (date(2023, 7, 16), "file")),
        # a file saved before the resume's own latest date is a template's: today
        ("Engineer Jan 2024 - Present", date(2019, 2, 1), (TODAY, None)),
        # a date in the future is no document date
        ("Date: 01/2030\nEngineer 2018 - Present", None, (TODAY, None)),
        # other dates with "date" in their label
        ("Start date: 03/2021\nDate of birth: 12/03/1990\nEngineer 2018 - Present", None, (TODAY, None)),
    ],
)
def test_document_date(text: str, file_date: date | None, expected: tuple[date, str | None]) -> None:
    assert document_date(text, file_date, TODAY) == expected


def test_stated_date_needs_a_month() -> None:
    assert stated_date("Dated: 2021") is None
    assert stated_date("Place: Chennai    Date: 05-06-2020") == date(2020, 5, 1)


def test_overlapping_roles_are_counted_once_and_each_role_has_its_years() -> None:
    text = "\n".join([
        "Consultant, Acme Corp",
        "Jan 2015 - Dec 2019",
        "Adjunct Lecturer, City College",
        "Sep 2017 - Jun 2018",
        "Engineer, Beta LLC",
        "2020 - 2022",
    ])
    entries = extract_experience(text, today=TODAY)
    assert [e.months for e in entries] == [60, 10, 24]
    assert total_years(entries) == 7.0


def test_experience_without_an_experience_heading() -> None:
    resume = parse_resume_text(
        "Jane Roe\njane@example.com\nSenior Analyst, Northwind Traders, 2016 - 2020\n"
        "Analyst, Contoso, 2013 - 2016\nEducation\nB.Sc. Statistics, 2009 - 2012, University of Leeds\n",
        today=TODAY,
    )
    assert [(e.start, e.end) for e in resume.experience] == [("2016-01", "2020-01"), ("2013-01", "2016-01")]
    assert resume.total_years_experience == 7.0


def test_entries_under_two_experience_headings_point_at_their_own_lines() -> None:
    text = "\n".join([
        "Lee Chan", "lee@example.com",
        "Professional Experience", "Engineer, Acme Corp", "Jan 2019 - Present", "• Built the API.",
        "Education", "B.Sc. Physics, University of Leeds, 2014 - 2017",
        "Internships", "Intern, Beta Labs", "Jun 2016 - Aug 2016", "• Wrote tests.",
    ])
    resume = parse_resume_text(text, today=TODAY)
    lines = text.split("\n")
    assert [(e.start, lines[e.line - 1]) for e in resume.experience] == [
        ("2019-01", "Jan 2019 - Present"), ("2016-06", "Jun 2016 - Aug 2016")]
    assert [lines[e.line - 1] for e in resume.education] == ["B.Sc. Physics, University of Leeds, 2014 - 2017"]

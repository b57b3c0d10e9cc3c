"""Degrees as resumes write them (Indian, British, French, German and US forms), school-leaving levels, and words
that only look like degrees: plain values from real-looking education lines."""

from __future__ import annotations

import pytest

from jobfit.documents.education import degree_level_of, extract_education
from jobfit.documents.resume import parse_resume_text


@pytest.mark.parametrize(
    ("line", "level", "field", "institution", "year"),
    [
        ("B.CA from Osmania University, 2012", "bachelor", None, "Osmania University", 2012),
        ("BCA, Bangalore University, 2010 - 2013", "bachelor", None, "Bangalore University", 2013),
        ("M.CA (Computer Applications), Anna University, 2016", "master", "Computer Applications",
         "Anna University", 2016),
        ("MCA - Pune University (2014-2016)", "master", None, "Pune University", 2016),
        ("B.Tech in Information Technology, VIT University, 2013", "bachelor", "Information Technology",
         "VIT University", 2013),
        ("B-Tech in Mechanical Engineering, 2011", "bachelor", "Mechanical Engineering", None, 2011),
        ("M.Tech in VLSI Design, IIT Bombay, 2015", "master", "VLSI Design", "IIT Bombay", 2015),
        ("B.E in Computer Science Engineering, Anna University (2008-2012)", "bachelor",
         "Computer Science Engineering", "Anna University", 2012),
        ("B.E. Civil, Shivaji University, 2013", "bachelor", "Civil", "Shivaji University", 2013),
        ("M.E. Structural Engineering, Osmania University, 2016", "master", "Structural Engineering",
         "Osmania University", 2016),
        ("BSc (Hons) Marketing, University of Leeds, 2015", "bachelor", None, "University of Leeds", 2015),
        ("B.Sc. in Computer Science, University of Mumbai, 2009", "bachelor", "Computer Science",
         "University of Mumbai", 2009),
        ("MSc Data Science, University of Edinburgh, 2019", "master", "Data Science", "University of Edinburgh",
         2019),
        ("M.Sc. in Environmental Engineering, 2004", "master", "Environmental Engineering", None, 2004),
        ("MBA, Symbiosis Institute of Business Management, 2018", "master", None,
         "Symbiosis Institute of Business Management", 2018),
        ("PGDM in Marketing, 2017", "master", "Marketing", None, 2017),
        ("Ph.D in Computer Science, University of Toronto, 2020", "doctorate", "Computer Science",
         "University of Toronto", 2020),
        ("Licence en Informatique, Université de Lyon, 2016", "bachelor", "Informatique", "Université de Lyon",
         2016),
        ("Master 2 Informatique, Université de Bordeaux, 2018", "master", None, "Université de Bordeaux", 2018),
        ("Diplom-Ingenieur Maschinenbau, Technische Universität München, 2012", "master", None, None, 2012),
        ("Diplom Informatik, 2009", "master", None, None, 2009),
        ("Bachelor of Science in Nursing, 2014", "bachelor", "Nursing", None, 2014),
        ("Graduate in Commerce, Daffodils College of Arts, 2004", "bachelor", "Commerce", "Daffodils College of Arts",
         2004),
        ("Post Graduate in Commerce, University of Mumbai, 2006", "master", "Commerce", "University of Mumbai", 2006),
        ("HSC, Maharashtra State Board, 2008", "none", None, None, 2008),
        ("SSC - Kendriya Vidyalaya, 2006", "none", None, None, 2006),
        ("12th (CBSE), Delhi Public School, 2009", "none", None, "Delhi Public School", 2009),
        ("10th Standard, St. Joseph's High School, 2007", "none", None, None, 2007),
        # a school's short form, and a school followed by its place (resume_matcher_samples' LaTeX resumes)
        ("2009 – 2012 PhD in Computer Science, CalTech, Pasadena, USA", "doctorate", "Computer Science", "CalTech",
         2012),
        ("2003 – 2007 Bachelor of Science in Computer Science, UC San Diego, San Diego, USA", "bachelor",
         "Computer Science", "UC San Diego", 2007),
        ("2007 – 2009 Master of Science in Computer Science, MIT, Cambridge, USA", "master", "Computer Science", "MIT",
         2009),
        ("B.Tech (CSE), VJTI, Mumbai, 2014", "bachelor", None, "VJTI", 2014),
        ("B.Tech, IIT Bombay, Mumbai, India, 2012", "bachelor", None, "IIT Bombay", 2012),
        # neither a place after it nor a short form's shape: not taken for a school
        ("B.E. Mechanical, Specialization in AI, Pune, India", "bachelor", "Mechanical", None, None),
        ("M.Sc. Mathematics | Distinction | 2012", "master", "Mathematics", None, 2012),
        ("B.Sc Physics, 2015, UK", "bachelor", "Physics", None, 2015),
    ],
)
def test_degree_lines(line: str, level: str, field: str | None, institution: str | None, year: int) -> None:
    (entry,) = extract_education(line)
    assert (entry.degree_level, entry.year) == (level, year)
    if field is not None:
        assert entry.field == field
    if institution is not None:
        assert entry.institution == institution


@pytest.mark.parametrize(
    "line",
    [
        "Taught undergraduate and postgraduate courses in statistics for the department.",
        "Maintained Customer Master and Material Master data for SAP SD.",  # "master" the noun
        "Master/Slave replication on MySQL and PostgreSQL clusters",
        "Mastered the art of negotiation with vendors",
        "Worked with BAs and QA to refine user stories",  # "BA" inside a word
        "Proficient in MS Office and MS Excel",
        "Towson University, Towson, MD",  # a state, not a doctor of medicine
        "Boston, MA 02115",
        "Marital Status: Bachelor",
        "Presented at the 10th ICANNGA conference, 2011",  # a rank, not a school year
        "MIS Reporting and Documentation",
        "Certified Scrum Master (CSM)",
    ],
)
def test_not_degrees(line: str) -> None:
    assert degree_level_of(line, entry=True) is None


def test_a_degree_named_in_a_sentence_is_a_mention_not_an_entry() -> None:
    line = "Built the reporting pipeline on PostgreSQL for the finance team while completing an MBA."
    assert degree_level_of(line) == ("master", "MBA")  # what the suggestions' truth guard checks
    assert degree_level_of(line, entry=True) is None
    assert extract_education(f"Skills\n{line}", education_section=False) == []


def test_a_bare_master_starting_a_line_of_an_education_section_is_a_degree() -> None:
    assert degree_level_of("Master Thesis in cooperation with Jotun", education_section=True) == ("master", "Master")
    assert degree_level_of("Master Thesis in cooperation with Jotun") is None


def test_no_degree_is_invented_from_a_work_history() -> None:
    resume = parse_resume_text(
        "Asha Rao\nasha@example.com\nEXPERIENCE\nSAP SD Consultant, Infosys, 2015 - 2020\n"
        "• Maintained Customer Master and Material Master data.\n• Set up Master/Slave replication.\n"
        "SKILLS\nSAP SD, MS Office, MIS Reporting\n"
    )
    assert resume.education == []


def test_indian_education_table_reads_each_level() -> None:
    resume = parse_resume_text(
        "Ravi Kumar\nravi@example.in\nEDUCATIONAL QUALIFICATION\n"
        "M.CA, JNTU Hyderabad, 2014 - 2016, 78%\n"
        "B.Sc (Computers), Osmania University, 2011 - 2014, 72%\n"
        "Intermediate (MPC), Board of Intermediate Education, 2011\n"
        "SSC, Board of Secondary Education, 2009\n"
    )
    assert [(e.degree_level, e.year) for e in resume.education] == [
        ("master", 2016), ("bachelor", 2014), ("none", 2009)]
    assert resume.education[1].field == "Computers"

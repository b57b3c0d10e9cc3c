"""A resume whose text comes out as a few huge lines is re-split into statement-sized lines (or flagged when it
cannot be): plain values shaped like flattened resume texts."""

from __future__ import annotations

from datetime import date

from jobfit.documents.long_lines import LONG_LINE, split_statement_line, statement_lines
from jobfit.documents.resume import parse_resume_text

# A resume flattened to one line by a copy from a job board: its line breaks survive as runs of spaces.
FLATTENED = (
    "Samuel Kuvalis  Sometown, GA 30082  (123)345-7890 | sam.k@example.com  Director of Software Development  "
    "Dynamic leader of software development teams offering 11 years of experience managing mission-critical "
    "projects.  Professional Experience  ABC Inc. (2005 to Present) / DEF Inc. (2004 to 2008) -- Sometown, GA  "
    "Director of Software Development, 2010 to Present  Senior Software Developer, 2008 to 2010  "
    "Software Developer / Tester, 2004 to 2008  Manage a $4.5M R&D budget and a 12-member developer team.  "
    "Education  Bachelor of Science in Computer Science, Georgia Institute of Technology, 2004  "
    "Technical Skills  Java, C#, SQL Server, ASP.NET, JavaScript, Agile"
)


def test_flattened_resume_is_cut_at_its_blank_runs() -> None:
    lines = statement_lines(FLATTENED).split("\n")
    assert max(map(len, lines)) <= LONG_LINE
    assert "Professional Experience" in lines and "Education" in lines and "Technical Skills" in lines
    assert "Director of Software Development, 2010 to Present" in lines


def test_flattened_resume_parses_into_sections_entries_and_degree() -> None:
    resume = parse_resume_text(FLATTENED, today=date(2026, 6, 1))
    assert {"experience", "education", "skills"} <= set(resume.sections)
    assert ("2010-01", None) in [(e.start, e.end) for e in resume.experience]
    assert [(e.degree_level, e.field) for e in resume.education] == [("bachelor", "Computer Science")]
    assert next(c for c in resume.quality_checks if c.id == "statements").passed


def test_inline_bullets_numbered_items_and_a_glued_heading() -> None:
    line = (
        "Skills * Programming Languages: Python (pandas, numpy), SQL, Java. * Machine learning: Regression, SVM, "
        "Random Forest, Decision Trees. * Others: HTML, CSS, Kafka, Docker and an understanding of deep "
        "learning.Education Details "
        "Strengths: 1) Completes work within the stipulated time 2) Keeps calm under pressure 3) Multi-tasking"
    )
    assert split_statement_line(line) == [
        "Skills",
        "• Programming Languages: Python (pandas, numpy), SQL, Java.",
        "• Machine learning: Regression, SVM, Random Forest, Decision Trees.",
        "• Others: HTML, CSS, Kafka, Docker and an understanding of deep learning.",
        "Education Details",
        "Strengths:",
        "1) Completes work within the stipulated time",
        "2) Keeps calm under pressure",
        "3) Multi-tasking",
    ]


def test_mis_decoded_bullets_start_items() -> None:
    items = ["All type of maintenance of utility.", "Two 625 KVA diesel generator sets (Kirloskar).",
             "HT/LT switchgear with protection system using relays.", "Handling HT vacuum and SF6 circuit breakers.",
             "Maintenance of STP and WTP plants.", "Motor testing, both HT and LT, up to 450 KW."]
    line = "Troubleshooting of electrical equipment: " + " ".join(f"\ufffd?\ufffd {item}" for item in items)
    assert split_statement_line(line) == ["Troubleshooting of electrical equipment:", *(f"• {i}" for i in items)]


def test_a_long_paragraph_is_cut_at_sentence_ends_not_at_abbreviations() -> None:
    line = (
        "Led the migration of 40 services to AWS for Acme Inc. and cut hosting costs by 30%. "
        "Mentored six engineers, e.g. through weekly code reviews and pairing sessions on the billing platform. "
        "Designed the event pipeline on Kafka that now handles 2M messages a day for the U.S. and EU markets. "
        "Introduced contract tests that caught 120 breaking changes before release."
    )
    assert split_statement_line(line) == [
        "Led the migration of 40 services to AWS for Acme Inc. and cut hosting costs by 30%.",
        "Mentored six engineers, e.g. through weekly code reviews and pairing sessions on the billing platform.",
        "Designed the event pipeline on Kafka that now handles 2M messages a day for the U.S. and EU markets.",
        "Introduced contract tests that caught 120 breaking changes before release.",
    ]


def test_a_sentence_that_names_a_heading_word_is_not_cut() -> None:
    line = ("Ran Professional Development sessions for new hires and " + "coached them through their first quarter "
            * 8).strip()
    assert split_statement_line(line)[0].startswith("Ran Professional Development sessions for new hires")


def test_a_long_skill_list_is_packed_into_whole_items() -> None:
    items = [f"Skill{n} Framework" for n in range(40)]
    pieces = split_statement_line(" | ".join(items))
    assert all(len(piece) <= LONG_LINE for piece in pieces)
    assert " | ".join(pieces).split(" | ") == items


def test_a_line_nothing_can_cut_stays_whole_and_is_flagged() -> None:
    run_on = "managed the team and the budget and the vendors and the releases " * 6
    resume = parse_resume_text(f"Jane Doe\nExperience\n{run_on}\nSkills\nPython")
    assert run_on.strip() in resume.text_content.split("\n")
    check = next(c for c in resume.quality_checks if c.id == "statements")
    assert not check.passed and "line 3" in check.hint


def test_short_lines_are_left_as_they_are() -> None:
    text = "Jane Doe\nEXPERIENCE\n• Built   pipelines.  Cut costs.\nSkills: Python"
    assert statement_lines(text) == "Jane Doe\nEXPERIENCE\n• Built pipelines. Cut costs.\nSkills: Python"

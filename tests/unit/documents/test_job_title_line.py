"""An ad pasted whole under its typed title is the same ad as its file: the title line is not read twice."""

from __future__ import annotations

from jobfit.documents.extract import extract_text
from jobfit.documents.job import parse_job, parse_job_file, without_title_line
from tests.conftest import SAMPLES


def test_a_first_line_that_gives_the_title_is_dropped_from_the_body() -> None:
    assert without_title_line("Data Analyst\nSQL and Excel.", "data  analyst") == "SQL and Excel."
    assert without_title_line("\nJob title: Data Analyst\n\nSQL.", "Data Analyst") == "SQL."
    assert without_title_line("We need a Data Analyst\nSQL.", "Data Analyst") == "We need a Data Analyst\nSQL."
    assert without_title_line("", "Data Analyst") == ""


def test_pasting_a_files_whole_text_under_its_title_parses_as_the_file() -> None:
    path = SAMPLES / "job_descriptions" / "job_desc_full_stack_engineer.pdf"
    from_file = parse_job_file(path.read_bytes(), path.name)
    pasted = parse_job(title=from_file.title, company="Tech Solutions",
                       description=extract_text(path.read_bytes(), path.name).text)
    assert pasted.text_content == from_file.text_content
    assert pasted.required_skills == from_file.required_skills and pasted.min_years == from_file.min_years


def test_a_title_wrapped_onto_a_second_line_is_read_whole() -> None:
    from jobfit.documents.job import leading_title

    body = "Job Description: Senior Engineer (5+ Years of\nExperience)\n\nAcme, Berlin\nWe build things."
    assert leading_title(body) == ("Senior Engineer (5+ Years of Experience)", "\nAcme, Berlin\nWe build things.")
    assert leading_title("Analyst (m/f/d)\nWe count things.") == ("Analyst (m/f/d)", "We count things.")
    assert leading_title("Analyst (remote\nWe count things (and more).")[0] == "Analyst (remote"  # not a closer
    assert leading_title("\n\n") == ("", "\n\n")
    path = SAMPLES / "job_descriptions" / "job_desc_full_stack_engineer.pdf"
    assert parse_job_file(path.read_bytes(), path.name).title == "Senior Full Stack Engineer (5+ Years of Experience)"

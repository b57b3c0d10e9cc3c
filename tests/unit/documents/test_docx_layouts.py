"""DOCX layouts of real resumes read in order, one line per paragraph or cell, never collapsed: tables (nested),
text boxes (written twice, read once), content controls, letter-spaced headings, headers and footers."""

from __future__ import annotations

from datetime import date

from jobfit.documents.extract import extract_text
from jobfit.documents.resume import parse_resume

from .docx_fixtures import cell, content_control, document, para, table, template_resume, text_box


def test_template_resume_reads_in_order_with_every_part() -> None:
    extracted = extract_text(template_resume(), "priya.docx", statements=True)
    assert extracted.text.split("\n") == [
        "PRIYA NAIR",  # header: a table of two cells
        "Pune, Maharashtra | +91 98200 12345 | priya.nair@example.in",
        "",
        "SKILLS",  # a text box in the layout table's left cell, read once (DrawingML, not the VML copy)
        "• Java",  # list paragraphs by style, and by a style based on it
        "• Spring Boot",
        "• PostgreSQL",
        "",
        "EDUCATION",  # letter-spaced heading
        "B.Tech, Computer Science",  # a nested table, one line per cell
        "VIT University",
        "2013",
        "",
        "EXPERIENCE",  # the right cell: a content control around the work history
        "Senior Software Engineer, Infosys Ltd",
        "06/2018 – till date",
        "• Led the billing platform rewrite in Java 17.",
        "• Cut invoice run time by 40% with batch SQL.",  # tracked insertion in, deletion out
        "Software Engineer, Wipro Technologies",
        "07/2014 – 05/2018",
        "Bangalore, Karnataka",  # a soft line break is a new line
        "• Built payment integrations for 12 banks.",  # a field's result, not its code
        "",
        "linkedin.com/in/priya-nair",
        "",
        "Place: Pune",  # footer
    ]
    assert extracted.layout == {"columns": 1, "tables": True, "images": False, "text_boxes": True}
    assert extracted.links == ["https://www.linkedin.com/in/priya-nair"]
    assert extracted.file_date == date(2021, 3, 12)


def test_template_resume_parses_into_entries_counted_to_the_file_date() -> None:
    resume = parse_resume(template_resume(), "priya.docx", today=date(2026, 6, 1))
    assert resume.contact_info.email.value == "priya.nair@example.in"
    assert resume.contact_info.phone.value == "+919820012345"
    assert {"skills", "education", "experience"} <= set(resume.sections)
    assert [(e.title, e.company, e.start, e.end) for e in resume.experience] == [
        ("Senior Software Engineer", "Infosys Ltd", "2018-06", None),
        ("Software Engineer", "Wipro Technologies", "2014-07", "2018-05"),
    ]
    # "till date" counts to the file's saved date (2021-03), not to today
    assert (resume.metadata.as_of, resume.metadata.as_of_source) == ("2021-03-12", "file")
    assert resume.experience[0].months == (2021 - 2018) * 12 + (3 - 6) + 1
    assert [(e.degree_level, e.field, e.institution, e.year) for e in resume.education] == [
        ("bachelor", "Computer Science", "VIT University", 2013)]


def test_text_boxes_anchored_in_one_paragraph_read_top_to_bottom() -> None:
    boxes = para(text_box(para("EXPERIENCE"), offset=5_000_000), text_box(para("SUMMARY"), offset=900_000),
                 "Anchor paragraph")
    extracted = extract_text(document(boxes, header="", footer=""), "boxes.docx")
    assert extracted.text.split("\n") == ["Anchor paragraph", "SUMMARY", "", "EXPERIENCE"]


def test_nested_text_box_and_table_inside_a_text_box() -> None:
    inner = text_box(para("Nested box line"))
    body = para(text_box(para("Outer box line", inner), table([cell(para("Box cell A")), cell(para("Box cell B"))])))
    extracted = extract_text(document(body, header="", footer=""), "nested.docx")
    assert [line for line in extracted.text.split("\n") if line] == [
        "Outer box line", "Nested box line", "Box cell A", "Box cell B"]


def test_a_whole_page_in_one_paragraph_is_re_split() -> None:
    page = (
        "Profile Data engineer with eight years of experience building batch and streaming pipelines. "
        "Work Experience Senior Data Engineer, Northwind Traders 2019 - Present Built a Kafka ingestion layer "
        "for 40 sources. Moved nightly jobs from cron to Airflow. Data Engineer, Contoso 2016 - 2019 Wrote the "
        "Spark jobs behind the finance reports. Education B.Sc. Computer Science, University of Leeds, 2015 "
        "Skills Python, SQL, Spark, Kafka, Airflow, dbt, AWS"
    )
    body = content_control(para(page), tag="everything")
    resume = parse_resume(document(body, header=para("Sam Lee | sam.lee@example.com"), footer=""), "one.docx",
                          today=date(2026, 6, 1))
    lines = resume.text_content.split("\n")
    assert max(map(len, lines)) <= 300
    assert "Work Experience" in lines and "Education" in lines
    assert [(e.start, e.end) for e in resume.experience] == [("2019-01", None), ("2016-01", "2019-01")]
    assert resume.education[0].degree_level == "bachelor"


def test_section_columns_are_flagged() -> None:
    body = para("Jane Doe, data analyst") + para("Experience at Contoso since 2019")
    body += '<w:p><w:pPr><w:sectPr><w:cols w:num="2" w:space="720"/></w:sectPr></w:pPr></w:p>'
    extracted = extract_text(document(body, header="", footer=""), "columns.docx")
    assert extracted.layout["columns"] == 2

"""Pure text rules: normalisation, sections, contact, experience dates, education, job requirements."""

from __future__ import annotations

import io
from datetime import date

from jobfit.documents.contact import extract_contact
from jobfit.documents.education import extract_education
from jobfit.documents.experience import extract_experience, total_years
from jobfit.documents.extract import extract_text
from jobfit.documents.job import find_min_years, parse_job
from jobfit.documents.normalize import normalize_text
from jobfit.documents.resume import parse_resume_text
from jobfit.documents.sections import split_sections
from jobfit.redaction.redact import redact_resume


def test_normalize_glyphs_ligatures_and_letter_spacing():
    text = "E X P E R I E N C E\n\uf0b7 Built e\ufb03cient (cid:12)tools\nW O R K  H I S T O R Y\nA\u00a0B\n\n\n\nC"
    assert normalize_text(text).split("\n") == ["EXPERIENCE", "• Built efficient tools", "WORK HISTORY", "A B", "", "C"]


def test_normalize_lone_bullet_joins_next_line():
    assert normalize_text("●\nLed a team of 5") == "• Led a team of 5"


def test_section_heading_variants():
    text = (
        "Jane Doe\nWork History\nAcme\nTECHNICAL SKILLS:\nPython\nAcademic Background\nBSc Physics\n"
        "Core Competencies\nX"
    )
    sections, first = split_sections(text)
    assert first == 2
    assert sections["experience"].heading == "Work History"
    assert sections["experience"].start_line == 2 and sections["experience"].end_line == 3
    assert sections["education"].text == "BSc Physics"
    assert sections["skills"].text.split("\n") == ["Python", "X"]  # two skills headings are merged


def test_prose_line_is_not_a_heading():
    sections, _ = split_sections("Summary\nI have strong experience in education.\nEducation\nMIT")
    assert sections["summary"].text == "I have strong experience in education."


def test_contact_fields():
    text = (
        "JANE VAN DER BERG\nSenior Data Engineer\nAustin, TX | (512) 555-0134 | jane.berg@mail.com\n"
        "linkedin.com/in/janeb"
    )
    contact = extract_contact(text)
    assert contact.name.value == "Jane van der Berg"
    assert contact.email.value == "jane.berg@mail.com"
    assert contact.phone.value == "+15125550134"
    assert contact.location.value == "Austin, TX"
    assert contact.linkedin.value == "linkedin.com/in/janeb"


def test_name_before_inline_email():
    contact = extract_contact("Joe Bloggs email: joe.bloggs@test.com\nProfessional Experience")
    assert contact.name.value == "Joe Bloggs"
    assert contact.email.value == "joe.bloggs@test.com"


def test_an_icon_glyph_before_the_phone_is_not_a_middle_initial():
    # resume_matcher_samples: LaTeX resumes whose phone icon comes out of the PDF as the letter 'I'
    header = "Silicon Valley, CA, USA\nAlfred Pennyworth I (123) 456-7890\n# alfred.pennyworth@email.com\nSummary"
    contact = extract_contact(header)
    assert contact.name.value == "Alfred Pennyworth"
    assert contact.location.value == "Silicon Valley, CA, USA"
    assert extract_contact("Mary J Blige\nmary@blige.com").name.value == "Mary J Blige"


def test_a_place_is_a_name_only_when_no_other_header_line_is():
    assert extract_contact("Jordan Lee, Austin, TX\nSenior Engineer\nExperience").name.value == "Jordan Lee"
    assert extract_contact("Austin, TX\nJordan Lee\nExperience").name.value == "Jordan Lee"


def test_a_heading_is_never_a_name():
    # the kaggle resume dataset's layout: no name at the top, the skills heading among the first lines
    text = ("Education Details\nJanuary 2016 B.E Computer Engineering Pune University\nSkill Details\n"
            "Python- Exprience - 24 months\nCompany Details\ncompany - Acme Infotech\ndescription - Built reports")
    contact = extract_contact(text)
    assert contact.name is None
    for heading in ("Skill Set", "Core Competencies", "Technical Proficiencies", "KEY COMPETENCIES"):
        assert extract_contact(f"{heading}\nJava, SQL, Spring\nExperience").name is None
    assert extract_contact("Skill Details\nPriya Sharma\npriya@mail.com").name.value == "Priya Sharma"


def test_redaction_keeps_a_heading_the_name_finder_might_have_taken():
    text = "Education Details\nB.E Computer Engineering\nSkill Details\nPython, SQL\nCompany Details\nAcme"
    resume = parse_resume_text(text)
    assert resume.contact_info.name is None
    assert "Skill Details" in redact_resume(resume).text_content


def test_international_phone():
    assert extract_contact("A B\nPhone: +44 20 7946 0958").phone.value == "+442079460958"


def test_experience_date_formats_and_merge():
    text = "\n".join(
        [
            "Software Engineer, Acme Inc",
            "Jan 2019 - Present",
            "• Built things",
            "Data Analyst | Beta LLC | 01/2017 – 03/2019",
            "• Analysed data",
            "Consultant",
            "Gamma Corp",
            "2015 to 2017",
            "Intern, Delta Labs",
            "Summer 2014",
        ]
    )
    entries = extract_experience(text, today=date(2021, 1, 15))
    assert [(e.start, e.end, e.is_current) for e in entries] == [
        ("2019-01", None, True),
        ("2017-01", "2019-03", False),
        ("2015-01", "2017-01", False),
        ("2014-06", "2014-06", False),
    ]
    assert entries[0].title == "Software Engineer" and entries[0].company == "Acme Inc"
    assert entries[1].title == "Data Analyst" and entries[1].company == "Beta LLC"
    assert entries[0].months == 25 and entries[1].months == 27 and entries[2].months == 24 and entries[3].months == 3
    # 2017-01..2021-01 overlaps 2019-01..2019-03: merged, not double counted
    assert total_years(entries) == round((25 + 24 + 24 + 3) / 12, 1)


def test_education_degree_levels():
    cases = {
        "B.S. in Computer Science, Stanford University, 2015": ("bachelor", "Computer Science", 2015),
        "MBA, Harvard Business School 2019": ("master", None, 2019),
        "Ph.D. in Physics - University of Oxford": ("doctorate", "Physics", None),
        "Associate of Applied Science in Nursing": ("associate", "Nursing", None),
        "High School Diploma - Lincoln High School, 2008": ("none", None, 2008),
        "M.Sc Data Science": ("master", "Data Science", None),
    }
    for line, (level, field, year) in cases.items():
        [entry] = extract_education(line)
        assert (entry.degree_level, entry.field, entry.year) == (level, field, year), line
    assert extract_education("Proficient in MS Office; based in Boston, MA") == []


def test_job_requirements_and_inference():
    description = (
        "We are hiring a remote Senior Backend Engineer (full-time).\n\nRequirements\n"
        "- At least three years of experience with Python\n- 3-5 years building APIs\n"
        "- Bachelor's degree in Computer Science or related field\n\nNice to have\n- Experience with Kubernetes\n"
    )
    job = parse_job(title="Senior Backend Engineer", description=description)
    assert job.min_years == 3
    assert (job.degree_level, job.degree_field) == ("bachelor", "Computer Science")
    assert (job.job_type, job.remote_option, job.experience_level) == ("full-time", "remote", "senior")
    assert set(job.sections) >= {"requirements", "preferred"}
    assert find_min_years("Founded 20 years ago, we build tools.") is None


def test_docx_reading_order_tables_and_text_boxes():
    import docx

    document = docx.Document()
    document.add_paragraph("Jane Doe")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "jane@example.com"
    table.cell(0, 1).text = "Austin, TX"
    document.add_paragraph("Experience")
    document.add_paragraph("Built pipelines", style="List Bullet")
    buffer = io.BytesIO()
    document.save(buffer)
    extracted = extract_text(buffer.getvalue(), "cv.docx")
    assert extracted.text.split("\n") == [
        "Jane Doe",
        "jane@example.com",
        "Austin, TX",
        "",
        "Experience",
        "• Built pipelines",
    ]
    assert extracted.layout["tables"] is True


def test_markdown_resume_text():
    data = b"# Jane Doe\n\n[jane@example.com](mailto:jane@example.com)\n\n## Skills\n\n- **Python**\n- Go\n"
    extracted = extract_text(data, None)
    assert extracted.file_type == "md"
    assert extracted.text.split("\n") == ["Jane Doe", "", "jane@example.com", "", "Skills", "", "• Python", "• Go"]


def test_parse_resume_text_end_to_end():
    resume = parse_resume_text(
        "John Smith\njohn@smith.io | 415-555-0101\nExperience\nEngineer, Foo Inc\nMar 2020 - Feb 2022\n"
        "• Reduced costs by 30%\nEducation\nBSc Computer Science, MIT 2019\nSkills\nPython, SQL\n",
        today=date(2024, 1, 1),
    )
    assert resume.contact_info.name.value == "John Smith"
    assert resume.total_years_experience == 2.0
    assert resume.education[0].degree_level == "bachelor"
    assert {"experience", "education", "skills"} <= set(resume.sections)
    assert sum(c.weight for c in resume.quality_checks) == 100
    assert resume.quality_score == sum(c.weight for c in resume.quality_checks if c.passed)
    assert resume.metadata.language == "en" or resume.metadata.language is None

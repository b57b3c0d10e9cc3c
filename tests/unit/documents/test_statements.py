"""Resume lines as statements (`documents/statements.py`): wrapped lines re-joined, bullets kept whole, and the
lines that are never evidence (headings, contact lines, page furniture, statements of interest) marked."""

from __future__ import annotations

from jobfit.documents.resume import parse_resume
from jobfit.documents.statements import Statement, evidence_lines, split_statements, statement_shape
from tests.conftest import SAMPLES

# A two-page PDF resume as pdfminer gives it: wrapped summary and bullet lines, page number, contact header.
PDF_RESUME = """\
Priya Raman
priya.raman@example.com | +44 20 7946 0958 | linkedin.com/in/priyaraman
London, UK

PROFESSIONAL SUMMARY
Backend engineer with six years of experience designing payment APIs in Java and Kotlin for
high-volume retail platforms. Fascinated with data and how Machine Learning is
evolving, and eager to learn PyTorch.

EXPERIENCE
Senior Software Engineer, Northwind Payments — 03/2019 – Present
• Designed the settlement service in Kotlin and Spring Boot, cutting reconciliation time from
  six hours to 40 minutes.
• Led a team of four engineers; introduced contract testing with Pact.
- Migrated 120 cron jobs to Kubernetes CronJobs and
Argo Workflows.
1/2
Software Engineer, Contoso Retail — 2016 – 2019
• Built the order-history API (Java 11, PostgreSQL), serving 3k requests per second.
Page 2 of 2
SKILLS
Languages: Java, Kotlin, Python,
TypeScript, SQL
INTERESTS
Chess, long-distance running and machine learning
"""


def _by_line(statements: list[Statement], line: int) -> Statement:
    return next(s for s in statements if s.first_line <= line <= s.last_line)


def test_wrapped_lines_of_a_sentence_are_one_statement() -> None:
    statements = split_statements(PDF_RESUME)
    summary = _by_line(statements, 6)
    assert (summary.first_line, summary.last_line) == (6, 8)
    assert summary.text.startswith("Backend engineer with six years")
    assert "Java and Kotlin for high-volume retail platforms." in summary.text  # "for" cannot end a sentence
    assert summary.text.endswith("eager to learn PyTorch.")


def test_bullets_keep_their_continuations_and_never_join_the_next_bullet() -> None:
    statements = split_statements(PDF_RESUME)
    settlement = _by_line(statements, 12)
    assert (settlement.first_line, settlement.last_line) == (12, 13)
    assert settlement.bullet
    assert settlement.text == ("Designed the settlement service in Kotlin and Spring Boot, cutting reconciliation "
                               "time from six hours to 40 minutes.")
    assert (_by_line(statements, 14).first_line, _by_line(statements, 14).last_line) == (14, 14)
    # a bullet whose last word ("and") cannot end it goes on, whatever the case of the next line
    cron = _by_line(statements, 15)
    assert (cron.first_line, cron.last_line) == (15, 16)
    assert cron.text == "Migrated 120 cron jobs to Kubernetes CronJobs and Argo Workflows."


def test_a_new_capitalised_line_after_a_full_stop_is_a_new_statement() -> None:
    statements = split_statements(["Reduced build times by 60%.", "Mentored two interns.", "shipped weekly"])
    assert [(s.first_line, s.last_line) for s in statements] == [(1, 1), (2, 2), (3, 3)]


def test_a_lower_case_line_after_an_open_line_joins_it() -> None:
    statements = split_statements(["Built REST services for communication between frontend and backend",
                                   "using Flask and PostgreSQL."])
    assert len(statements) == 1
    assert statements[0].text.endswith("backend using Flask and PostgreSQL.")


def test_a_word_hyphenated_across_lines_is_joined() -> None:
    [statement] = split_statements(["Automated the infrastructure provision-", "ing with Terraform."])
    assert statement.text == "Automated the infrastructure provisioning with Terraform."


def test_a_dedented_line_starts_a_new_statement() -> None:
    statements = split_statements(["    Wrote the billing module in", "Acme Corp, Boston"])
    assert len(statements) == 2


def test_skills_list_wrapped_after_a_comma_is_one_statement() -> None:
    skills = _by_line(split_statements(PDF_RESUME), 22)
    assert (skills.first_line, skills.last_line) == (22, 23)
    assert skills.text == "Languages: Java, Kotlin, Python, TypeScript, SQL"


def test_headings_contact_lines_and_page_furniture_are_never_evidence() -> None:
    statements = split_statements(PDF_RESUME)
    kinds = {s.first_line: s.kind for s in statements}
    assert kinds[2] == "contact"
    assert kinds[5] == "heading" and kinds[10] == "heading" and kinds[21] == "heading" and kinds[24] == "heading"
    assert kinds[17] == "furniture" and kinds[20] == "furniture"
    assert not any(s.is_evidence for s in statements if s.kind in ("heading", "contact", "furniture"))
    assert kinds[11] == "entry" and kinds[18] == "entry"  # a role's heading names a title and dates, not a skill


def test_a_sentence_that_names_a_contact_label_is_not_a_contact_line() -> None:
    [statement] = split_statements(["Answered 40 support emails a day at help@acme.com and wrote the FAQ pages for"
                                    " the new customer portal"])
    assert statement.kind == "statement"


def test_page_markers_in_their_common_forms() -> None:
    lines = ["1/2", "Page 2 of 3", "- 2 -", "Page 3", "2", "(continued)", "Resume"]
    assert [s.kind for s in split_statements(lines)] == ["furniture"] * len(lines)


def test_a_statement_of_interest_is_not_evidence_from_its_cue_on() -> None:
    summary = _by_line(split_statements(PDF_RESUME), 7)
    assert summary.kind == "statement"
    assert summary.evidence_text.endswith("for high-volume retail platforms.")
    assert "Machine Learning" not in summary.evidence_text and "PyTorch" not in summary.evidence_text


def test_statements_made_only_of_interest_are_of_kind_interest() -> None:
    for text in ("Passionate about distributed systems and eager to learn Rust.",
                 "Interested in computer vision research.",
                 "Objective: To obtain a position as a data scientist where I can apply machine learning.",
                 "Seeking a challenging role in cloud engineering."):
        [statement] = split_statements([text])
        assert statement.kind == "interest", text
        assert not statement.is_evidence and statement.evidence_text == ""


def test_everything_under_an_objective_or_interests_heading_is_interest() -> None:
    statements = split_statements(PDF_RESUME)
    assert _by_line(statements, 25).kind == "interest"
    objective = split_statements(["CAREER OBJECTIVE", "A role building data platforms with Spark and Airflow.",
                                  "", "EXPERIENCE", "Built data platforms with Spark."])
    assert [s.kind for s in objective] == ["heading", "interest", "heading", "statement"]


def test_interest_cues_need_whole_words() -> None:
    [statement] = split_statements(["Built a wanted-list feature; explored the seeking-algorithm of the search."])
    assert statement.kind == "statement" and not statement.interest


def test_evidence_lines_blank_what_is_never_evidence_and_keep_columns() -> None:
    lines = PDF_RESUME.split("\n")
    blanked = evidence_lines(lines, split_statements(lines))
    assert len(blanked) == len(lines)
    assert all(len(a) == len(b) for a, b in zip(lines, blanked, strict=True))
    assert blanked[1].strip() == ""  # contact
    assert blanked[4].strip() == ""  # heading
    assert blanked[16].strip() == ""  # "1/2"
    assert blanked[6].strip() == "high-volume retail platforms."  # the interest sentence starts after it
    assert blanked[7].strip() == ""
    assert blanked[11] == lines[11]  # a bullet is kept as written
    assert blanked[24].strip() == ""  # under INTERESTS


def test_statement_parts_map_the_text_back_to_the_lines() -> None:
    lines = PDF_RESUME.split("\n")
    for statement in split_statements(lines):
        for number, column, offset, length in statement.parts:
            assert lines[number - 1][column : column + length] == statement.text[offset : offset + length]


def test_lines_without_letters_or_digits_belong_to_no_statement() -> None:
    statements = split_statements(["  |   |  ", "", "Built dashboards in Tableau."])
    assert [(s.first_line, s.kind) for s in statements] == [(3, "statement")]


def test_dated_role_headings_are_entries_but_dated_degrees_are_not() -> None:
    lines = ["EXPERIENCE", "Staff Infrastructure Engineer November 2021 – Present", "Research Assistant Summer 2021",
             "• Cut cloud costs by 20% in 2020 by rightsizing the Kubernetes clusters", "",
             "EDUCATION", "BSc Computer Science, State University, 2015 - 2019"]
    kinds = [s.kind for s in split_statements(lines)]
    assert kinds == ["heading", "entry", "entry", "statement", "heading", "statement"]


def test_joined_text_is_the_statement_text() -> None:
    from jobfit.documents.statements import joined_text

    lines = PDF_RESUME.split("\n")
    for statement in split_statements(lines):
        assert joined_text(lines[statement.first_line - 1 : statement.last_line]) == statement.text


# The interface the DOCX rewrite (`documents/docx_write.py`) relies on.
DOCX_REWRITE_TEXT = """Jane Roe
jane@example.com | +1 415 555 0100

Experience
Senior Engineer, Acme, 2019 – 2023
• Built the billing service in Python and Go, cutting the time to invoice customers from three days to
one hour across all regions
• Led four engineers
Worked closely with the data team to improve the
recommendation models.
1/2
Skills
Python, Go and
PostgreSQL"""


def test_wrapped_lines_join_and_bullets_stay_whole() -> None:
    found = [(s.first_line, s.last_line, s.kind, s.bullet) for s in split_statements(DOCX_REWRITE_TEXT)]
    assert found == [(1, 1, "statement", False), (2, 2, "contact", False), (4, 4, "heading", False),
                     (5, 5, "entry", False), (6, 7, "statement", True), (8, 8, "statement", True),
                     (9, 10, "statement", False), (11, 11, "furniture", False), (12, 12, "heading", False),
                     (13, 14, "statement", False)]
    texts = {s.first_line: s.text for s in split_statements(DOCX_REWRITE_TEXT)}
    assert texts[6].endswith("three days to one hour across all regions") and texts[8] == "Led four engineers"
    assert texts[13] == "Python, Go and PostgreSQL"


def test_a_real_pdfs_lines_become_fewer_statements_with_headings_and_page_markers_marked() -> None:
    path = SAMPLES / "resumes" / "bruce_wayne_fullstack.pdf"
    text = parse_resume(path.read_bytes(), path.name).text_content
    statements = split_statements(text)
    kinds = [s.kind for s in statements]
    assert kinds.count("heading") == 5 and kinds.count("furniture") == 2
    assert len(statements) < len([line for line in text.split("\n") if line.strip()]) * 0.75
    summary = next(s for s in statements if s.text.startswith("Highly skilled"))
    assert summary.text.endswith("with a primary focus on the ChatGPT project.")


def test_a_role_heading_whose_date_range_the_layout_cut_is_still_a_role_heading() -> None:
    text = "Experience\nJune 2020 – MERN Stack Developer, Acme, Austin, USA\nPresent Building the billing API in Go."
    kinds = [(s.first_line, s.kind) for s in split_statements(text)]
    assert kinds == [(1, "heading"), (2, "entry"), (3, "statement")]


def test_statement_shapes_tell_a_list_and_a_thin_line_from_a_sentence() -> None:
    assert statement_shape("Networking: LAN/WAN; TCP/IP; DNS, WINS, DHCP; PPP, PPTP, IPSec, SSL") == "list"
    assert statement_shape("Sonicwall Firewall/VPN/SSL products; Barracuda Security products; cable management") \
        == "list"
    assert statement_shape("DevOps Engineer · Software Architect") == "thin"
    assert statement_shape("PROGRAMMING") == "thin"
    assert statement_shape("Knowledge on Docker.") == "thin"
    assert statement_shape("Responsible for release management of Java-based apps, working with QA, dev and ops "
                           "teams") == "sentence"
    assert statement_shape("Built fully automated CI/CD pipelines on CircleCI for containerized apps, using Docker, "
                           "Helm and ArgoCD") == "sentence"


def test_a_few_words_ending_in_a_colon_are_a_heading_and_prose_with_commas_is_no_list() -> None:
    assert statement_shape("Hardware:") == "heading"
    assert statement_shape("Seasoned technical leader with a proven ability to design, implement, and operate "
                           "enterprise-scale systems") == "sentence"


def test_a_label_and_a_colon_before_short_items_is_a_list() -> None:
    assert statement_shape("OS: Windows") == "list"
    assert statement_shape("Container service: Docker, Podman") == "list"
    assert statement_shape("Note: we shipped the billing service to production in three weeks") == "sentence"

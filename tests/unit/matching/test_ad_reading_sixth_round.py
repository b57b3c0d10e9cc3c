"""Ad reading, sixth round of the judged error classes (issue 26, held-out 5): the job's core technology in its
lower-case tags, a requirements block led in by a sentence after a closing heading, the team's languages, a duty
on the stack, and a keyword that is another name of a listed skill. Plain ad text in the shapes real postings
take."""

from __future__ import annotations

import pytest

from jobfit.documents.job import ad_reading, parse_job
from jobfit.documents.sections import lead_in_heading
from jobfit.matching.requirements import extract_requirements
from jobfit.skills.extractor import extract_skills, extract_tag_line


def _skills(title: str, ad: str) -> dict[str, str]:
    return {r.label: r.importance for r in extract_requirements(parse_job(title=title, description=ad))
            if r.kind == "skill"}


def test_a_tag_line_reads_names_that_are_written_with_capitals_elsewhere() -> None:
    assert not extract_skills("spring java cloud")  # prose: "java" and "spring" are common words
    assert {m.name for m in extract_tag_line("cloud java web-services")} >= {"Java", "Web services"}
    assert {m.name for m in extract_tag_line("go rust python")} == {"Go", "Rust", "Python"}


def test_the_jobs_core_technology_in_its_lower_case_tags_is_listed() -> None:
    ad = ("Job type:\nFull-time\nTechnologies\ncloud java web-services\nJob description\n"
          "The Event Bus team builds the platform's messaging.\nKey responsibilities\n"
          "* Build reusable code and libraries with excellent documentation\n"
          "You have\n* Experience with NoSQL databases\n")
    assert _skills("Software Engineer - Java", ad).get("Java") == "required"


@pytest.mark.parametrize(("line", "group"), [
    ("This is what you will need to have:", "requirements"),
    ("Here is what we are looking for:", "requirements"),
    ("The ideal candidate will have the following:", "requirements"),
    ("It would be nice to have:", "preferred"),
    ("Send us your CV:", None),
    ("What you will do:", None),
    ("We are looking for someone who has built large payment systems for years", None),
])
def test_a_lead_in_sentence_that_holds_a_requirements_heading(line: str, group: str | None) -> None:
    assert lead_in_heading(line) == group


def test_a_requirements_block_led_in_after_an_apply_heading_is_read() -> None:
    ad = ("Key responsibilities:\n• Design and implement cloud native microservices\nInterested?\n"
          "This is what you will need to have:\n• Must have experience developing Java based services\n"
          "• Experience using Spring Boot JUnit Maven and Jenkins\n"
          "• Experience with Apache and Tomcat setup and configuration\n")
    skills = _skills("Backend Services Engineer", ad)
    for name in ("Java", "Spring Boot", "JUnit", "Maven", "Jenkins"):
        assert skills.get(name) == "required", name


def test_the_teams_current_languages_are_its_stack_not_required() -> None:
    ad = ("Your new base\nYou will join the Backoffice team.\n"
          "The team picks the best tools for the job - current languages include Node.js Java and Python with AWS "
          "services including Lambda DynamoDB and S3.\n"
          "Requirements:\nNode.js\nDatabases.\n")
    skills = _skills("Backend Developer", ad)
    assert skills["Node.js"] == "required"
    assert skills["Amazon DynamoDB"] == "preferred"
    assert skills["Amazon S3"] == "preferred"


def test_a_duty_that_evolves_the_tech_stack_is_required_work() -> None:
    ad = ("Your Tasks and Responsibilities:\n"
          "Contribute to the team's work with high-quality well-tested and scalable code\n"
          "Ensure code quality and maintainability by evolving architecture and tech stack code reviews refactoring "
          "standards and improving build and test systems\n"
          "Your profile:\nSeveral years of experience as a senior Java engineer\n")
    skills = _skills("Software Architect", ad)
    assert skills["Code quality"] == "required"
    assert skills["Refactoring"] == "required"


def test_a_keyword_that_is_another_name_of_a_listed_skill_is_not_a_second_row() -> None:
    ad = ("Technologies\nnode.js amazon-web-services postgresql\nJob description\n"
          "To grok the job you should feel comfortable with:\nNode.js\nAWS or modern server-side tech in general\n")
    reqs = extract_requirements(parse_job(title="Backend Developer", description=ad))
    assert [r.label for r in reqs if r.kind == "keyword" and r.label.lower() == "aws"] == []
    assert any(r.label == "Amazon Web Services" for r in reqs if r.kind == "skill")



def test_an_example_wrapped_after_e_g_stays_with_its_line() -> None:
    ad = "You have\n* Experience with CI/CD pipelines\nNoSQL Database experience (e.g.\nCassandra) *\n"
    job = parse_job(title="Software Engineer", description=ad)
    skills = _skills("Software Engineer", ad)
    assert skills["NoSQL"] == "required"
    assert "Cassandra" in skills
    texts = [s.text for s in ad_reading(job.text_content).sentences]
    assert any("(e.g. Cassandra)" in text for text in texts)

def test_years_asked_only_as_a_nice_to_have_make_a_preferred_minimum() -> None:
    ad = ("Basic Qualifications:\nBachelor's Degree\nAt least 2 years of experience in Software Engineering\n"
          "Preferred Qualifications:\nMaster's Degree\n3+ years of experience in at least one of the following:\n"
          "Javascript/Typescript, Python or Node.js\n")
    rows = [(r.label, r.importance) for r in extract_requirements(parse_job(title="Engineer", description=ad))
            if r.kind == "experience" and r.scope is None]
    assert rows == [("3+ years of experience", "preferred")]
    required = "Requirements:\n5+ years of professional experience\nNice to have:\n3+ years of experience\n"
    rows = [(r.label, r.importance) for r in extract_requirements(parse_job(title="Engineer", description=required))
            if r.kind == "experience" and r.scope is None]
    assert rows == [("5+ years of experience", "required")]


@pytest.mark.parametrize("line", [
    "Java or strong experience with other server-side languages",
    "AWS or modern server-side tech in general",
    "Java or any other JVM language",
])
def test_a_skill_offered_beside_an_open_alternative_is_not_required_alone(line: str) -> None:
    ad = f"Requirements:\n* Node.js\n* {line}\n* Databases.\n"
    skills = _skills("Backend Developer", ad)
    assert skills["Node.js"] == "required"
    assert [importance for name, importance in skills.items() if name in ("Java", "Amazon Web Services")] == [
        "preferred"]


def test_prose_under_a_technologies_heading_is_not_read_as_tags() -> None:
    ad = "Technologies\nwe like to go fast and ship small changes every day\nRequirements:\n* Python\n"
    assert "Go" not in _skills("Backend Developer", ad)

"""Reading a job ad the way a recruiter does: zones, importance cues, eligibility, employer names.

The ads are written here, in the shapes real postings take when copied from a job board: with headings, with
none, with odd ones, wrapped PDF lines, run-in headings, a recruiter's signature and the legal footer.
"""

from __future__ import annotations

import pytest

from jobfit.documents.job import ad_reading, is_boilerplate, parse_job
from jobfit.documents.job_cues import eligibility_kinds
from jobfit.documents.job_zones import ASKING_ZONES, classify, read_ad

STRUCTURED_AD = """\
Senior Backend Engineer
Acme Robotics, Austin, TX

About Acme Robotics
Acme Robotics is a leading maker of warehouse robots, founded in 2012 and trusted by over 300 customers.
Our platform runs on Kubernetes across three continents.

What you'll do
• Design and build order-routing services in Go
• Own our PostgreSQL schemas and their migrations

Requirements
• 5+ years of backend development with Go or Rust
• Strong SQL and PostgreSQL skills
• Experience in the logistics industry (desired)
• Kafka is a plus

Nice to have
• Terraform
• Must have: a valid driver's license

What we offer
• Wellness budget and a gym membership
• 30 days of paid vacation, 401(k) match
• Flexible working hours

Acme Robotics is an equal opportunity employer. We do not discriminate on the basis of race, religion, gender
identity or national origin. © 2024 Acme Robotics. All rights reserved.

How to apply
Send your CV to jobs@acme.example by 30 June.

Best regards,
Julia Chen
Talent Partner, Acme Robotics
+1 512 555 0100
"""


def _zones_of(text: str, company: str | None = None) -> dict[str, str]:
    """First sentence text -> zone, for readable assertions."""
    return {s.text: s.zone for s in ad_reading(text, company).sentences}


def _skills(job) -> tuple[set[str], set[str]]:
    return {m.name for m in job.required_skills}, {m.name for m in job.preferred_skills}


def test_headings_give_each_part_its_zone() -> None:
    zones = _zones_of(STRUCTURED_AD)
    assert zones["• Design and build order-routing services in Go"] == "duties"
    assert zones["• Strong SQL and PostgreSQL skills"] == "requirements"
    assert zones["• Terraform"] == "preferred"
    assert zones["• 30 days of paid vacation, 401(k) match"] == "benefits"
    assert zones["Send your CV to jobs@acme.example by 30 June."] == "apply"
    assert zones["Best regards, Julia Chen"] == "contact"  # the signature, to the end of its paragraph
    assert [z for t, z in zones.items() if "555 0100" in t] == ["contact"]
    assert zones["All rights reserved."] == "legal"
    assert zones["Our platform runs on Kubernetes across three continents."] == "company"


def test_requirements_come_only_from_asking_zones() -> None:
    job = parse_job(title="Senior Backend Engineer", description=STRUCTURED_AD)
    required, preferred = _skills(job)
    everything = required | preferred
    assert {"Go", "PostgreSQL", "SQL", "Rust"} <= required
    assert "Terraform" in preferred and "Apache Kafka" in preferred
    # named only in the company blurb, the perks, the legal footer or the signature
    assert not everything & {"Kubernetes", "Robotics", "Wellness", "Fitness", "Legal compliance"}


def test_a_heading_free_ad_is_read_sentence_by_sentence() -> None:
    ad = ("We are a fast-growing fintech company based in Lisbon with more than 200 employees. "
          "You will build payment APIs in Java and Spring Boot. "
          "You have 3+ years of experience with PostgreSQL. "
          "We offer private health insurance and a yearly training budget. "
          "We are an equal opportunity employer and value diversity. "
          "To apply, send your resume to careers@example.com.")
    zones = list(_zones_of(ad).values())
    assert zones == ["company", "duties", "requirements", "benefits", "legal", "apply"]
    required, _ = _skills(parse_job(title="Backend Developer", description=ad))
    assert {"Java", "Spring Boot", "PostgreSQL"} <= required


@pytest.mark.parametrize(("sentence", "heading", "zone"), [
    # a clear requirement in an About block or after the perks is still a requirement
    ("You have 5+ years of experience with Python and Django.", "company", "requirements"),
    ("Experience selling health insurance products to small businesses.", "benefits", "requirements"),
    # a perk or a pitch under Requirements is not
    ("We offer a competitive salary and stock options.", "requirements", "benefits"),
    ("Our mission is to make logistics carbon-neutral by 2030.", "requirements", "company"),
    ("You will gain knowledge in our annual hackathons and a free lunch every Friday.", "benefits", "benefits"),
    # the legal footer is legal under any heading; how to apply and whom to contact too
    ("All qualified applicants will receive consideration without regard to race or national origin.",
     "requirements", "legal"),
    ("For further information please contact Maria Lopez at +45 2233 4455.", "duties", "contact"),
    ("Please submit your CV and cover letter no later than 1 May.", "requirements", "apply"),
    # "to apply your knowledge" is not how to apply
    ("You'll be required to apply your depth of knowledge to all aspects of the lifecycle.", "duties",
     "duties"),
])
def test_a_sentence_s_own_words_decide_when_they_are_clear(sentence: str, heading: str, zone: str) -> None:
    assert classify(sentence, heading) == zone


def test_run_in_headings_of_a_flattened_ad() -> None:
    ad = ("It takes the brightest minds to be a technology leader.\n"
          "About the role Lead the technology roadmap for Teamcenter and our ERP integrations.\n"
          "About you You have at least 8 years of experience with SAP and PLM systems.\n"
          "What we offer We offer a pension scheme and flexible hours.")
    zones = list(_zones_of(ad).values())
    assert zones[1:] == ["duties", "requirements", "benefits"]


def test_a_label_line_holds_its_zone_for_that_line_only() -> None:
    ad = "Requirements\nPython and SQL.\nNice to have: Docker\nGood written English."
    zones = _zones_of(ad)
    assert zones["Docker"] == "preferred"
    assert zones["Good written English."] == "requirements"


def test_a_label_line_is_not_pulled_into_the_part_above_it() -> None:
    # a short ad with no headings: the perks line above does not make "Requirements: ..." a perk
    job = parse_job(title="Data Engineer", description=(
        "We are a fast-growing company with a great culture and free lunches.\n"
        "Requirements: Python and Airflow. Snowflake is a plus.\n"
        "We are an equal opportunity employer."))
    assert {s.name for s in job.required_skills} >= {"Python", "Apache Airflow"}
    assert "Snowflake" in {s.name for s in job.preferred_skills}


def test_wrapped_pdf_lines_are_one_sentence_and_hyphenated_words_are_mended() -> None:
    ad = ("Responsibilities\n"
          "• Develop new user-facing features using modern JavaScript frameworks like React.js, Vue.js, or Angu-\n"
          "lar.js.\n"
          "• Build reusable code and libraries for future use.\n")
    sentences = ad_reading(ad).sentences
    assert sentences[0].text.endswith("React.js, Vue.js, or Angular.js.")
    assert [p[0] for p in sentences[0].parts] == [2, 3]
    assert sentences[0].offset(3, 0) == sentences[0].text.index("lar.js")


def test_the_employer_s_name_is_never_a_requirement() -> None:
    ad = ("About Salesforce Partners Cloud\n"
          "Salesforce Partners Cloud is a leading consultancy for retailers.\n"
          "Requirements\n"
          "- 3+ years of Python\n"
          "- Join Salesforce Partners Cloud and grow with us.")
    reading = ad_reading(ad)
    assert "Salesforce Partners Cloud" in reading.companies
    required, preferred = _skills(parse_job(title="Python Developer", description=ad))
    assert "Python" in required
    assert not (required | preferred) & {"Salesforce", "Cloud computing"}


def test_a_company_name_that_is_a_skill_stays_readable() -> None:
    ad = "About Salesforce\nRequirements\n- 3+ years building Salesforce apps with Apex"
    required, _ = _skills(parse_job(title="Developer", description=ad, company="Salesforce"))
    assert {"Salesforce", "Apex"} <= required


def test_the_title_block_is_not_asked_for() -> None:
    ad = "Java Developer - Spring Boot\nBerlin, Germany\n\nRequirements\n- Kotlin"
    reading = ad_reading(ad)
    assert [z for z in reading.line_zones[:2]] == ["details", "details"]
    required, _ = _skills(parse_job(title="Java Developer", description=ad))
    assert required == {"Kotlin"}


@pytest.mark.parametrize(("line", "required", "preferred"), [
    ("C#, ASP.NET, SQL Server, Angular, insurance industry (desired)", {"C#", "ASP.NET", "Angular"}, set()),
    ("Python is required, Django is a plus", {"Python"}, {"Django"}),
    ("Experience in MATLAB and preferably Python", {"MATLAB"}, {"Python"}),
    ("Deep hands-on Java (ideally Spring Boot)", {"Java"}, {"Spring Boot"}),
    ("Kubernetes experience would be useful", set(), {"Kubernetes"}),
    ("Beneficial if you have experience with Oracle databases", set(), {"Oracle Database"}),
    ("Must have: Terraform", {"Terraform"}, set()),
])
def test_a_cue_in_a_line_overrides_its_zone(line: str, required: set[str], preferred: set[str]) -> None:
    job = parse_job(title="Engineer", description=f"Requirements\n- {line}")
    got_required, got_preferred = _skills(job)
    assert required <= got_required and preferred <= got_preferred
    assert not got_required & preferred and not got_preferred & required


def test_a_cue_in_brackets_covers_only_the_brackets() -> None:
    job = parse_job(title="Analyst", description="Requirements\n• Bachelor's degree in Finance (MBA preferred)")
    assert job.degree_level == "bachelor"


def test_skills_under_a_requirements_heading_are_required_and_nice_to_haves_preferred() -> None:
    ad = ("Requirements\n- C#, ASP.NET, SQL Server and Angular\n\nNice to have\n- Azure DevOps\n\n"
          "Responsibilities\n- Maintain ASP.NET services and Azure DevOps pipelines")
    required, preferred = _skills(parse_job(title=".NET Developer", description=ad))
    assert {"C#", "ASP.NET", "Microsoft SQL Server", "Angular"} <= required
    assert "Azure DevOps" in preferred  # also used in the duties: the explicit nice-to-have decides


@pytest.mark.parametrize("lead", [
    "It would be great if you also have experience with some of these:",
    "Score extra points by also knowing these:",
    "Extra credit for any of the following:",
])
def test_a_lead_in_with_a_preferred_cue_makes_the_list_under_it_preferred(lead: str) -> None:
    ad = ("To do the job you should feel comfortable with:\nJava\nPostgreSQL\n"
          f"{lead}\nDocker\nKubernetes\nIf you love to code you will enjoy working with us.")
    zones = _zones_of(ad)
    assert zones["Docker"] == zones["Kubernetes"] == "preferred"
    assert zones["Java"] != "preferred"
    assert zones["If you love to code you will enjoy working with us."] != "preferred"  # the list has ended
    required, preferred = _skills(parse_job(title="Backend Developer", description=ad))
    assert {"Docker", "Kubernetes"} <= preferred and not {"Docker", "Kubernetes"} & required
    assert "Java" in required


@pytest.mark.parametrize(("sentence", "kinds"), [
    ("Applicants must be authorized to work in the US without sponsorship.", ["work authorisation"]),
    ("We are unable to offer visa sponsorship for this role.", ["work authorisation"]),
    ("Must be a US citizen with an active Secret clearance.", ["work authorisation", "security clearance"]),
    ("Active TS/SCI with polygraph required.", ["security clearance"]),
    ("Candidates must hold a valid driver's license.", ["driving licence"]),
    ("Willingness to travel up to 25% of the time.", ["travel"]),
    ("Offer subject to a background check.", ["background check"]),
    # offers are not checks
    ("Visa sponsorship is available for the right candidate.", []),
    ("We support your relocation and visa application.", []),
])
def test_eligibility_checks(sentence: str, kinds: list[str]) -> None:
    assert list(eligibility_kinds(sentence)) == kinds


def test_eligibility_is_read_from_the_ad_not_from_its_legal_text() -> None:
    ad = ("Requirements\n- Python\n- Must be eligible to work in the UK\n\n"
          "We are an equal opportunity employer: all qualified applicants receive consideration without regard to "
          "citizenship status or national origin.")
    job = parse_job(title="Data Engineer", description=ad)
    assert [(e.kind, e.text, e.line) for e in job.eligibility] == [
        ("work authorisation", "Must be eligible to work in the UK", 3)]


def test_zones_are_stored_on_the_parsed_job() -> None:
    job = parse_job(title="Senior Backend Engineer", description=STRUCTURED_AD)
    lines = job.text_content.split("\n")
    by_line = {n: z.zone for z in job.zones for n in range(z.start_line, z.end_line + 1)}
    assert by_line[lines.index("Requirements") + 2] == "requirements"
    assert by_line[lines.index("Best regards,") + 2] == "contact"
    assert set(by_line.values()) <= {"company", "duties", "requirements", "preferred", "benefits", "legal",
                                      "apply", "contact", "details"}
    assert any(z.zone in ASKING_ZONES for z in job.zones)


@pytest.mark.parametrize("sentence", [
    "Wellness programs and a gym membership",
    "We value diversity and are committed to creating an inclusive environment for all employees.",
    "© 2024 Acme Inc. All rights reserved.",
])
def test_boilerplate(sentence: str) -> None:
    assert is_boilerplate(sentence)


def test_a_separator_line_reads_in_no_time() -> None:
    """A line of dashes before the company blurb once made a regular expression backtrack for minutes."""
    ad = "Requirements\n- Java\n" + "-" * 80 + " - Acme is a worldwide leader in bioinformatics ."
    job = parse_job(title="Java Developer", description=ad)
    assert {m.name for m in job.required_skills} == {"Java"}


def test_the_legal_text_ends_a_nice_to_have_part() -> None:
    ad = ("Desired skills:\n- Kubernetes\n"
          "Acme is an Equal Employment Opportunity Employer.\n"
          "Serve as technical lead for team projects.\nMentors junior engineers in Python.")
    zones = _zones_of(ad)
    assert zones["- Kubernetes"] == "preferred"
    assert zones["Mentors junior engineers in Python."] == "duties"
    required, preferred = _skills(parse_job(title="Network Engineer", description=ad))
    assert "Python" in required and "Kubernetes" in preferred


def test_posting_fields_are_not_asked_for() -> None:
    ad = "Role:\nDatabase Administrator\nIndustry: Engineering\nRequirements\n- Kotlin"
    reading = ad_reading(ad)
    assert reading.line_zones[:3] == ("details", "details", "details")
    required, _ = _skills(parse_job(title="Backend Engineer", description=ad))
    assert required == {"Kotlin"}


def test_a_lower_case_list_of_duties_is_read_item_by_item() -> None:
    """Sixth round: unpunctuated lower-case duty lines under a lead-in are items, not one wrapped sentence (a
    'preferred' further down must not soften the first)."""
    reading = read_ad("You will be part of a brilliant energetic and fun team of engineers that continuously improve "
                      "and evolve the core of the graph database.\nWe are looking for a strong experienced backend "
                      "engineer that is able to solve technical challenges and deliver high quality code.\nYou will "
                      "be part of the international team that is based in our engineering headquarters in Europe.\n"
                      "As part of the team you will:\nbuild and ship new features for the core of the graph database\n"
                      "write high quality testable and efficient code\nhack on fun stuff during regular hack days\n")
    texts = [s.text for s in reading.sentences]
    assert "build and ship new features for the core of the graph database" in texts
    assert any(text.startswith("write high quality testable and efficient code") for text in texts)

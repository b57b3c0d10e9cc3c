"""Ad reading, twelfth round of the judged error classes (issue 26, held-outs 7-9 and earlier): what the company's
own things are, have or do ("Our fridges are running on a custom Android board", "our substations play an
essential part in powering homes with green energy") asks nothing, and a skill that only qualifies a level, a
phase or a stage ("English on a strategic negotiation level", "the sales/tender phase") or names an event ("the
annual conference Spark") is no ask. Plain ad text in the shapes real postings take."""

from __future__ import annotations

from jobfit.documents.job import parse_job
from jobfit.documents.job_cues import names_a_qualifier, states_what_the_company_has
from jobfit.matching.requirements import extract_requirements


def _skills(title: str, ad: str) -> dict[str, str]:
    return {r.label: r.importance for r in extract_requirements(parse_job(title=title, description=ad))
            if r.kind == "skill"}


def test_what_the_companys_things_are_or_do_is_no_ask() -> None:
    assert states_what_the_company_has("Our fridges are running on a custom Android board to serve the POS user "
                                       "interface.", technical=True)
    assert states_what_the_company_has("By connecting every turbine to the grid our substations play an essential "
                                       "part in powering homes with green energy.", technical=False)
    assert states_what_the_company_has("Our customers use SAP and Salesforce every day.", technical=True)
    assert states_what_the_company_has("We sell industrial pumps to the energy sector.", technical=False)
    # the team's own software and stack, the role, and anything said to the hire still ask
    assert not states_what_the_company_has("Our main backends are written in C# and Python.", technical=True)
    assert not states_what_the_company_has("Our ideal candidate has experience with Python.", technical=True)
    assert not states_what_the_company_has("Our fridges run Android and you will extend the app.", technical=True)
    assert not states_what_the_company_has("We build our services with Go and Kafka.", technical=True)


def test_a_product_sentence_gives_no_ask_where_the_stack_sentence_does() -> None:
    ad = ("Our Tech Stack\n"
          "Our main backends are written in C# and Python.\n"
          "Our fridges are running on a custom Android board running an Android application.\n"
          "Requirements\n"
          "You have 3+ years of experience with Python and PostgreSQL.\n")
    skills = _skills("Backend Developer", ad)
    assert "Android" not in skills
    assert {"C#", "Python", "PostgreSQL"} <= set(skills)


def test_a_sector_word_in_the_companys_mission_sentence_is_no_ask() -> None:
    ad = ("Influencing the reliability of green energy By connecting every turbine in the wind farm to the onshore "
          "grid our substations play an essential part in powering homes with green electricity.\n"
          "Your profile\n"
          "You hold a degree in mechanical engineering and have experience with project management.\n")
    skills = _skills("Mechanical Engineer", ad)
    assert "Energy" not in skills
    assert "Project management" in skills


def test_a_skill_that_qualifies_a_level_or_phase_is_no_ask() -> None:
    line = "You master English on a strategic negotiation level both spoken and written."
    at = line.index("negotiation")
    assert names_a_qualifier(line, at, at + len("negotiation"))
    line = "Developing competitive technical solutions during the sales/tender phase."
    assert names_a_qualifier(line, line.index("sales"), line.index("sales") + len("sales"))
    line = "You have strong negotiation skills at a senior level."
    assert not names_a_qualifier(line, line.index("negotiation"), line.index("negotiation") + len("negotiation"))
    ad = ("Requirements\n"
          "You master English on a strategic negotiation level both spoken and written.\n"
          "You have experience with B2B sales and key account management.\n")
    skills = _skills("Sales Manager", ad)
    assert "Negotiation" not in skills and "English" in skills


def test_an_events_name_is_no_skill() -> None:
    line = "Deliver landing pages, for example our website for the annual conference Spark."
    at = line.index("Spark")
    assert names_a_qualifier(line, at, at + len("Spark"))
    line = "Talks at Spark Summit every year"
    assert names_a_qualifier(line, line.index("Spark"), line.index("Spark") + 5)
    line = "You have experience with Spark and Kafka."
    assert not names_a_qualifier(line, line.index("Spark"), line.index("Spark") + 5)
    ad = ("What you'll do\n"
          "Build landing pages with JavaScript and CSS, for example our website for the annual conference Spark.\n")
    skills = _skills("Frontend Developer", ad)
    assert "Apache Spark" not in skills and "JavaScript" in skills


def test_a_trait_the_ad_hopes_for_is_no_requirement_row() -> None:
    from jobfit.matching.keywords import is_shown_trait

    assert is_shown_trait("show commitment") and is_shown_trait("Show confidence behave confidently")
    assert not is_shown_trait("demonstrate emergency procedures") and not is_shown_trait("Display advertising")
    ad = ("Your profile\n"
          "You show commitment and a big drive which impacts partners and colleagues.\n"
          "You have experience with B2B sales.\n")
    skills = _skills("Sales Manager", ad)
    assert "show commitment" not in skills and "B2B sales" in skills


def _groups(title: str, ad: str) -> dict[str, int | None]:
    return {r.label: r.group for r in extract_requirements(parse_job(title=title, description=ad)) if r.kind == "skill"}


def test_members_after_a_kind_and_a_dash_are_examples_of_it() -> None:
    ad = ("Requirements\n"
          "You will have knowledge of modern languages/frameworks - HTML5 Ruby node.js JavaScript PHP Python Java\n"
          "You have experience with AWS.\n")
    groups = _groups("Security Engineer", ad)
    members = {"Ruby", "PHP", "Python", "Java", "JavaScript"}
    assert members <= set(groups)
    assert len({groups[m] for m in members}) == 1 and groups["Python"] is not None
    # a label opening a line lists what is asked, each on its own
    groups = _groups("Data Analyst", "Requirements\nTechnical skills - Python SQL Excel\n")
    assert groups["Python"] is None and groups["SQL"] is None


def test_what_the_teams_tools_are_for_or_do_for_others_is_no_ask() -> None:
    ad = ("Our Tech Stack\n"
          "For analytics and BI we rely on Tableau.\n"
          "Your role\n"
          "Drive the implementation of new forecasting algorithms and tooling which improve decision making for the "
          "Revenue Management team.\n"
          "You have 3+ years of experience with Python.\n")
    skills = _skills("Backend Developer", ad)
    assert "Business intelligence" not in skills and "Data analysis" not in skills
    assert "Decision making" not in skills
    assert {"Tableau", "Python"} <= set(skills)
    # said to the hire, the same fields ask
    skills = _skills("Data Analyst", "Requirements\nYou have experience with data analysis and BI.\n")
    assert "Data analysis" in skills and "Business intelligence" in skills


def test_a_statement_of_what_a_thing_does_ends_at_an_inline_bullet() -> None:
    ad = ("Responsibilities\n"
          "• Understand operational processes in order to provide solutions which improve operational efficiency "
          "• Experience of working in an Agile environment participating in sprint planning.\n")
    assert "Agile" in _skills("Test Analyst", ad)

"""Ad reading, tenth round of the judged error classes (issue 26, held-outs 6 to 8): a whole field of work alone
("Programming") is no keyword, list items that lost their commas are not one keyword ("Kotlin RxJava Dagger",
"Junit powermock easymock"), and a verb opening an ask is not part of its keyword ("used Docker containers");
the tools colleagues use, what the job offers to try, the company's divisions and a team's trait are no ask, and a
tag with a short prefix ("rx-java") names another library; years of work experience in fields are a years row, and
years ending a line of a list without punctuation belong to that line; "exposure and/or interest in" softens its
line, a tool before lower-case tags and "etc" is an example, and a plus after a second mention of a tool leaves the
first asked. Plain ad text in the shapes real postings take."""

from __future__ import annotations

from jobfit.documents.job import parse_job
from jobfit.documents.resume import parse_resume_text
from jobfit.matching.engine import score_match
from jobfit.matching.keywords import is_search_term, phrases
from jobfit.matching.requirements import extract_requirements
from jobfit.skills.extractor import extract_skills

_AD = ("Requirements\n* 3+ years of Java programming\n* Passionate about programming and clean code\n"
       "* Solid SQL and Docker\n")
_RESUME = "Jane Doe\nExperience\nDeveloper, Acme, 2019 - 2023\n- Wrote Java services and SQL queries\n"


def test_a_whole_field_alone_is_no_keyword() -> None:
    assert not is_search_term("Programming")
    assert not is_search_term("Information technology")
    assert is_search_term("Java") and is_search_term("Object-oriented programming")
    result = score_match(parse_resume_text(_RESUME), parse_job(title="Java Developer", description=_AD))
    terms = {k.term for k in result.match_analysis.keywords}
    assert "Programming" not in terms
    assert {"Java", "SQL", "Docker"} <= terms
    labels = {r.requirement for r in result.match_analysis.requirements}
    assert "Programming" in labels  # still a requirement of its own, only not a search term


def test_names_side_by_side_are_the_items_of_a_list() -> None:
    assert phrases("Exposure and/or interest in our tech stack: Kotlin RxJava Dagger and GraphQL") == [
        "tech stack", "Kotlin", "RxJava", "Dagger", "GraphQL"]
    assert phrases("Experience with Java Spring Boot") == ["Java", "Spring Boot"]  # a pair that is one skill


def test_a_tool_and_lower_case_tags_are_no_phrase() -> None:
    assert phrases("Automated testing and mocking techniques - Junit powermock easymock etc") == ["Junit"]


def test_one_name_in_several_words_stays_whole() -> None:
    assert phrases("Experience with Azure DevOps and Microsoft SQL Server") == ["Azure DevOps",
                                                                                "Microsoft SQL Server"]
    assert phrases("Google Cloud Platform") == ["Google Cloud Platform"]
    assert phrases("Kafka Streams") == ["Kafka Streams"]
    assert phrases("Python scripting") == ["Python scripting"]


def test_a_verb_opening_an_ask_is_not_part_of_its_keyword() -> None:
    assert phrases("used Docker containers") == ["Docker containers"]
    assert phrases("know Git and practice TDD") == ["Git", "TDD"]
    assert phrases("We build distributed systems on embedded Linux devices") == [
        "distributed systems", "embedded Linux devices"]


def _skills(ad: str, title: str = "Software Engineer") -> dict[str, str]:
    reqs = extract_requirements(parse_job(title=title, description=ad))
    return {r.label: r.importance for r in reqs if r.kind == "skill"}


def test_the_tools_colleagues_use_are_no_ask() -> None:
    ad = ("About the role\nYou'll be working alongside frontend developers using React and TypeScript.\n"
          "Requirements\n* 3+ years of Python\n")
    assert set(_skills(ad)) == {"Python"}
    assert "Python" in _skills("Requirements\n* Python, working with engineers who use Python daily\n")


def test_what_the_job_offers_to_try_or_learn_is_no_ask() -> None:
    ad = ("About the role\nYou'll also get the opportunity to work with AWS infrastructure.\n"
          "You're interested in learning more about functional programming.\nRequirements\n* 3+ years of Python\n")
    assert set(_skills(ad)) == {"Python"}
    assert "Amazon Web Services" in _skills("Requirements\n* 3+ years of Python\n* Experience with AWS\n")


def test_a_list_of_the_companys_divisions_is_no_ask() -> None:
    ad = ("Your efforts will touch lives across all our divisions: Risk Management, Asset Management and Wealth "
          "Management.\nRequirements\n* 3+ years of Angular\n")
    assert set(_skills(ad)) == {"Angular"}
    masked = ("Your efforts will touch lives across all our divisions: [ORGANIZATION] Risk Management [ORGANIZATION] "
              "and within the [ORGANIZATION].\nRequirements\n* 3+ years of Angular\n")
    assert set(_skills(masked)) == {"Angular"}


def test_how_the_team_keeps_in_touch_is_no_ask() -> None:
    ad = ("Requirements\n* 3+ years of Python\n* Pair programming, daily standups and staying in touch using Slack "
          "or Jira\n")
    assert "Jira" not in _skills(ad)
    assert {"Python", "Pair programming"} <= set(_skills(ad))
    assert "Jira" in _skills("Requirements\n* 3+ years of Python\n* Jira\n")


def test_a_teams_trait_is_not_the_hires() -> None:
    ad = ("Work alongside a highly motivated team of software engineers and product designers.\n"
          "Requirements\n* 3+ years of Kotlin\n")
    assert "Self-motivation" not in _skills(ad)
    assert "Self-motivation" in _skills("Requirements\n* 3+ years of Kotlin\n* You are highly motivated\n")


def test_a_tag_with_a_short_prefix_names_another_library() -> None:
    assert [m.name for m in extract_skills("android kotlin graphql rx-java")] == ["Kotlin", "GraphQL"]
    assert [m.name for m in extract_skills("Java and e-commerce, front-end React")] == [
        "Java", "E-commerce", "Frontend development", "React"]


def _rows(ad: str) -> list[tuple[str, str, float | None, float | None]]:
    reqs = extract_requirements(parse_job(title="QA Engineer", description=ad))
    return [(r.kind, r.label, r.min_years, r.years) for r in reqs if r.kind in ("skill", "experience")]


def test_years_of_work_experience_in_fields_are_a_years_row() -> None:
    rows = _rows("Requirements\n* 5+ years of relevant IT/quality assurance work experience\n* Core Java\n")
    assert ("experience", "5+ years of relevant IT/quality assurance work experience", None, 5.0) in rows
    assert ("skill", "Java", None, None) in rows


def test_years_ending_a_line_belong_to_that_line_not_the_next_items() -> None:
    rows = _rows("You:\nknow and use Ruby on Rails in commercial projects for at least 2 years\npractice TDD\n"
                 "deploy apps to Heroku and/or AWS\nare fluent in SQL\n")
    assert ("skill", "Ruby on Rails", 2.0, None) in rows
    assert not [row for row in rows if row[0] == "experience"]
    assert ("skill", "Test-driven development", None, None) in rows


def test_years_wrapped_onto_the_next_line_keep_their_object() -> None:
    rows = _rows("Requirements\nWe need someone with at least 5 years\nin Java and Spring development\n")
    assert ("skill", "Java", 5.0, None) in rows
    assert ("experience", "at least 5 years in Java and Spring development", None, 5.0) in rows


def _importance(ad: str) -> dict[str, str]:
    return _skills(ad, title="Engineer")


def test_exposure_or_interest_softens_the_whole_line() -> None:
    skills = _importance("Requirements\n* 3+ years of Android\n* Exposure and/or interest in our tech stack: Kotlin "
                         "RxJava Dagger and GraphQL/ RESTful API.\n")
    assert skills["Android"] == "required"
    assert skills["Kotlin"] == skills["GraphQL"] == "preferred"


def test_a_tool_before_lower_case_tags_and_etc_is_an_example() -> None:
    skills = _importance("Requirements\n* Automated testing and mocking techniques - Junit powermock easymock etc\n")
    assert skills["JUnit"] == "preferred"
    assert _importance("Requirements\n* Solid JUnit and testing etc\n")["JUnit"] == "required"


def test_a_plus_after_a_second_mention_leaves_the_first_asked() -> None:
    assert _importance("Requirements\n* Expert JIRA knowledge previous JIRA API integration is a big plus.\n") == {
        "Jira": "required"}
    assert _importance("Requirements\n* Python and Docker are a plus\n* 3 years of Java\n") == {
        "Java": "required", "Python": "preferred", "Docker": "preferred"}


def test_a_field_alone_inside_a_years_row_is_asked_by_that_row() -> None:
    reqs = extract_requirements(parse_job(title="QA Engineer", description=(
        "Requirements\n* 5+ years of relevant IT/quality assurance work experience\n* Core Java\n")))
    skills = {r.label: r for r in reqs if r.kind == "skill"}
    assert "Information technology" not in skills
    assert skills["Quality assurance"].group is None and skills["Quality assurance"].alternatives == ()
    assert "Information technology" in _skills("Requirements\n* Information technology degree\n* Linux\n")


def test_a_years_row_ends_at_an_inline_bullet() -> None:
    rows = _rows("Requirements\n• Personal Specification: • 5+ years of relevant IT/quality assurance work experience "
                 "• Bachelor's degree in Computer Science • Core Java\n")
    assert ("experience", "5+ years of relevant IT/quality assurance work experience", None, 5.0) in rows
    assert not [row for row in rows if row[1] == "Information technology"]

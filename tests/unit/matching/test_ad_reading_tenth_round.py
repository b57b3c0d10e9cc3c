"""Ad reading, tenth round of the judged error classes (issue 26, held-outs 6 to 8): a whole field of work alone
("Programming") is no keyword, list items that lost their commas are not one keyword ("Kotlin RxJava Dagger",
"Junit powermock easymock"), and a verb opening an ask is not part of its keyword ("used Docker containers").
Plain ad text in the shapes real postings take."""

from __future__ import annotations

from jobfit.documents.job import parse_job
from jobfit.documents.resume import parse_resume_text
from jobfit.matching.engine import score_match
from jobfit.matching.keywords import is_search_term, phrases

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

"""Ad reading, eleventh round of the judged error classes (issue 26, held-outs 8 and 9): a personal trait alone
("Independence") or shown ("show commitment") is no keyword, and a plain word before a name that is a skill of its
own is the item before it in a list that lost its commas ("maintain markup JavaScript and CSS"); the names of teams
the ad counts or owns are no ask ("two teams Case Management and Knowledge"). Plain ad text in the shapes real
postings take."""

from __future__ import annotations

from jobfit.documents.job import parse_job
from jobfit.documents.resume import parse_resume_text
from jobfit.matching.engine import score_match
from jobfit.matching.keywords import is_search_term, phrases

_RESUME = "Jane Doe\nExperience\nAnalyst, Acme, 2019 - 2023\n- Built Excel models of monthly costs\n"


def test_a_trait_alone_or_shown_is_no_keyword() -> None:
    assert not is_search_term("Independence") and not is_search_term("Self-motivation")
    assert not is_search_term("show commitment")
    assert is_search_term("Negotiation") and is_search_term("Excel")
    ad = ("You have a strong drive and you work independently with a high degree of independence.\n"
          "You show commitment and have 3+ years of experience with Excel and financial reporting.\n")
    result = score_match(parse_resume_text(_RESUME), parse_job(title="Financial Analyst", description=ad))
    terms = {k.term.lower() for k in result.match_analysis.keywords}
    assert "independence" not in terms and "show commitment" not in terms
    assert "excel" in terms


def test_a_plain_word_before_a_name_is_the_list_item_before_it() -> None:
    assert phrases("Help maintain markup JavaScript and CSS for our websites") == ["JavaScript", "CSS"]
    assert "embedded Linux" in phrases("Experience with embedded Linux")  # a participle qualifies the name
    assert "native Android" in phrases("Experience with native Android")  # an adjective too


def test_the_names_of_teams_the_ad_counts_or_owns_are_no_ask() -> None:
    from jobfit.documents.job_cues import names_a_unit, without_unit_names
    from jobfit.matching.requirements import extract_requirements

    line = "The portal project consists today of two teams Case Management and Knowledge."
    at = line.index("Case Management")
    assert names_a_unit(line, at, at + len("Case Management"))
    assert without_unit_names("Develop tools for our internal teams (sales support operations finance).") \
        == "Develop tools for our internal teams (,)."
    assert without_unit_names("Experience working in agile teams Python and Django") \
        == "Experience working in agile teams Python and Django"  # no count or owner: the team's tools
    ad = ("Your tasks\nDevelop tools for our internal teams (sales support operations finance).\n"
          "Build APIs in Python.\n")
    labels = {r.label for r in extract_requirements(parse_job(title="Backend Developer", description=ad))}
    assert "Python" in labels and "Finance" not in labels


def test_alternatives_with_their_acronyms_in_brackets_are_one_group() -> None:
    from jobfit.matching.requirements import extract_requirements

    ad = ("Requirements\nAt least 2 years of experience with a public cloud service such as Amazon Web Services "
          "(AWS) Microsoft Azure or Google cloud (GCP).\n")
    clouds = [r for r in extract_requirements(parse_job(title="Site Reliability Engineer", description=ad))
              if r.label in {"Amazon Web Services", "Microsoft Azure", "Google Cloud Platform"}]
    assert len(clouds) == 3 and len({r.group for r in clouds}) == 1 and clouds[0].group is not None
    both = "Requirements\nExperience with Java (Spring) Docker and Kubernetes.\n"
    assert all(r.group is None for r in extract_requirements(parse_job(title="Java Developer", description=both)))


def test_a_hedge_before_an_ask_softens_it() -> None:
    from jobfit.matching.requirements import extract_requirements

    ad = ("Who you are\nYou have an academic degree probably within the field between communication or HR.\n"
          "You find it natural to plan your work maybe even have experience with project management of smaller "
          "projects.\nYou speak and write English fluently.\n")
    importance = {r.label: r.importance for r in extract_requirements(parse_job(title="HR Consultant",
                                                                               description=ad))}
    assert importance["Project management"] == importance["Human resources"] == "preferred"
    assert importance["English"] == "required"


def test_a_skill_is_located_only_where_it_is_written_as_words_of_its_own() -> None:
    from jobfit.documents.job import ad_reading

    reading = ad_reading("Requirements\nImprove Site Reliability of our IT services with C++ and Go.\n")
    line = reading.sentences[-1].text
    assert [line[at : at + 2] for _, at in reading.locate(2, "IT")] == ["IT"]  # not "it" of Site or Reliability
    assert len(reading.locate(2, "C++")) == 1 and len(reading.locate(2, "go")) == 1
    plural = ad_reading("Requirements\nStrong familiarity with ORMs (Django ORM SQLAlchemy).\n")
    assert len(plural.locate(2, "ORM")) == 2  # "ORMs" is the skill's plural, not another word

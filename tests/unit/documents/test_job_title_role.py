"""An ad with no title line (its first line a sentence) is titled by the whole role its first sentences name, or by
no role at all: never by a sentence cut short, a shortened role, someone else's post or the last of a list."""

from __future__ import annotations

from jobfit.documents.job import leading_title, parse_job, parse_job_file
from jobfit.documents.job_title import reads_as_sentence, role_phrase
from jobfit.matching.requirements import extract_requirements


def test_the_role_a_first_sentence_names_is_the_title_whole() -> None:
    assert role_phrase("[ORGANIZATION] is searching for a Sales Manager with focus on the [LOCATION] and "
                       "[LOCATION] markets for [ORGANIZATION].") == "Sales Manager"
    assert role_phrase("We are looking for a Frontend Developer to our Marketing team in [LOCATION].") \
        == "Frontend Developer"
    assert role_phrase("Do you want to be the Knowledge Management Consultant ensuring local content is produced?") \
        == "Knowledge Management Consultant"
    assert role_phrase("We are looking for an experienced sales manager to join us.") == "experienced sales manager"


def test_a_later_first_sentence_may_name_the_role() -> None:
    ad = ("International commercial key position that is responsible for sales via new partnerships.\n"
          "Then you might be the Sales Manager we are looking for!\nYou will travel.")
    assert role_phrase(ad) == "Sales Manager"
    assert role_phrase("Our clients trust us.\nWe grow fast.\nWe hire people.\nWe need a Data Analyst.") is None


def test_no_title_from_plurals_lists_or_someone_elses_post() -> None:
    assert role_phrase("Would you like to build substations? [ORGANIZATION] is hiring high-/medium-voltage "
                       "engineers mechanical engineers SCADA/control engineers and low-voltage engineers") is None
    assert role_phrase("We are looking for a Java, Python or Go Developer.") is None
    assert role_phrase("You will report to the Sales Director and work with our Creative Technology Manager.") is None
    assert role_phrase("- [NAME] Director Technology Welcome to [ORGANIZATION]") is None
    assert role_phrase("You will be a trusted partner to our clients.") is None
    assert role_phrase("Lead the team and grow.") is None


def test_a_first_line_that_reads_as_a_sentence_is_no_title_line() -> None:
    assert reads_as_sentence("We are looking for a Frontend Developer to our Marketing team.")
    assert reads_as_sentence("Would you like to mix your strategic talents with your financial insights")
    assert not reads_as_sentence("Senior Python Developer")
    assert not reads_as_sentence("Analyst (m/f/d)")
    assert not reads_as_sentence("Data Engineer - Remote")
    body = "We are looking for a Frontend Developer to our Marketing team.\nYou know HTML and CSS."
    assert leading_title(body) == ("Frontend Developer", body)  # the sentence stays in the ad


def test_an_ad_file_without_a_title_line_asks_no_sentence_as_its_role() -> None:
    text = ("Would you like to mix your strategic talents with your financial insights?\n"
            "You will join our supply chain finance organisation.\nYou have 5+ years of finance experience.\n")
    job = parse_job_file(text.encode(), "ad.txt")
    assert job.text_content.startswith("Would you like")
    assert not [r for r in extract_requirements(job) if r.kind == "title"]
    named = parse_job_file(b"[ORGANIZATION] is searching for a Sales Manager for [ORGANIZATION].\n"
                           b"You have 5+ years of B2B sales experience.\n", "ad.txt")
    assert [r.label for r in extract_requirements(named) if r.kind == "title"] == ["Sales Manager"]


def test_a_typed_title_that_is_a_sentence_is_no_role_row() -> None:
    job = parse_job(title="We are for a to our Marketing in .", description="You know HTML and CSS.")
    assert not [r for r in extract_requirements(job) if r.kind == "title"]


def test_a_filler_word_that_names_part_of_the_post_stays_in_the_title() -> None:
    from jobfit.matching.text import clean_title

    assert clean_title("Knowledge Management Consultant") == "Knowledge Management Consultant"
    assert clean_title("Key Account Manager") == "Key Account Manager"
    assert clean_title("Team Lead (remote)") == "Team Lead"
    assert clean_title("Experienced Data Engineer") == "Data Engineer"  # a filler word still goes
    assert clean_title("Data Engineer - Join our team") == "Data Engineer"

"""Ad reading, eleventh round of the judged error classes (issue 26, held-outs 8 and 9): a personal trait alone
("Independence") or shown ("show commitment") is no keyword, and a plain word before a name that is a skill of its
own is the item before it in a list that lost its commas ("maintain markup JavaScript and CSS"). Plain ad text in
the shapes real postings take."""

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

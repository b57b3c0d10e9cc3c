"""Ad reading, fifteenth round of the judged error classes (issue 26, held-outs 10 and 11): the one example in
brackets that open with "e.g." is an example of the kind asked before them, not a required row of its own. Plain
ad text in the shapes real postings take."""

from __future__ import annotations

from jobfit.documents.job import parse_job
from jobfit.matching.requirements import extract_requirements


def _skills(title: str, ad: str) -> dict[str, str]:
    return {r.label: r.importance for r in extract_requirements(parse_job(title=title, description=ad))
            if r.kind == "skill"}


def test_the_one_example_in_e_g_brackets_is_not_required_on_its_own() -> None:
    ad = ("Requirements\n* 5+ years of experience with Java\n"
          "* Experience with build tooling (e.g. Maven) and continuous integration\n")
    skills = _skills("Java Developer", ad)
    assert skills["Java"] == "required"
    assert skills.get("Maven", "preferred") == "preferred"


def test_a_skill_asked_in_so_many_words_elsewhere_stays_required() -> None:
    ad = ("Requirements\n* Strong Maven skills\n* Experience with build tooling (e.g. Maven)\n")
    assert _skills("Java Developer", ad)["Maven"] == "required"


def test_the_only_example_after_a_comma_is_still_what_the_line_asks() -> None:
    ad = "Requirements\n* Knowledge of Internet protocols, for example TCP/IP\n"
    assert _skills("Network Engineer", ad)["TCP/IP"] == "required"

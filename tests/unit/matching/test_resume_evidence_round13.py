"""The resume side of the judged evidence errors, thirteenth round (issue 26, run 3.2.0-r11-heldout10 and earlier
held-outs): a generic skill's word that modifies what is bought or what is required, or that stands inside a
proper name (a programme, an award, someone else's title), is no evidence of the person's skill and offers no
extra strength.

Real-looking resume lines, written for these tests; plain values, the real parser and engine.
"""

from __future__ import annotations

from datetime import date

import pytest

from jobfit.documents.job import parse_job
from jobfit.documents.resume import parse_resume_text
from jobfit.matching import score_match
from jobfit.matching.evidence import named_only_before_other_heads, named_only_in_a_name
from jobfit.matching.text import phrase_terms


@pytest.mark.parametrize(("line", "name"), [
    ("Used SAP software to issue purchase orders for manufacturing supplies.", "Manufacturing"),
    ("Ordered medical supplies for the two clinics", "Medical"),
    ("Assessed capital and liquidity against market risk levels for FDIC insurance requirements.", "Insurance"),
    ("Supervise and manage one employee within the Finance Professional Development Program rotation.", "Finance"),
    ("Wrote speeches and talking points for Aviation General Manager and other executive staff.", "Aviation"),
    ("Nominated for the Regional Marketing Excellence Award in 2014 by the local chamber of commerce", "Marketing"),
])
def test_a_skill_named_only_as_what_is_bought_required_or_a_name_names_that_thing(line: str, name: str) -> None:
    assert named_only_before_other_heads(line, phrase_terms(name))


@pytest.mark.parametrize(("line", "name"), [
    ("Led manufacturing of the new packaging line and ordered its supplies", "Manufacturing"),
    ("Handled finance and budgeting for the Youth Development Program", "Finance"),
    # the person's own title after a verb of holding it is not someone else's name
    ("Promoted to Regional Sales Manager and grew the territory by 20 percent", "Sales"),
    # a title-cased line is a title or a list: its capitals name nothing
    ("Finance Professional Development Program", "Finance"),
    ("Sold insurance policies to small businesses across the county", "Insurance"),
])
def test_the_persons_own_work_stands(line: str, name: str) -> None:
    assert not named_only_before_other_heads(line, phrase_terms(name))


def test_a_name_inside_a_capitalised_name_is_named_only_there() -> None:
    assert named_only_in_a_name("Managed the Department of Aviation Speakers Bureau and trained its 12 new volunteers",
                                phrase_terms("Aviation"))
    assert not named_only_in_a_name("Managed aviation safety audits for the Department of Aviation Speakers Bureau",
                                    phrase_terms("Aviation"))


def _match(resume: list[str], ad: str, title: str):
    job = parse_job(title=title, description=ad)
    return score_match(parse_resume_text("\n".join(resume), today=date(2026, 12, 8)), job)


_SUPERVISOR = ["Kim Park", "Experience", "Finance Supervisor 01/2015 to Current", "Company Name City , State",
               "Supervise and manage one employee within the Finance Professional Development Program rotation.",
               "Prepared the monthly close and accruals for the corporate finance team.",
               "Education", "Bachelor of Arts : Economics , 2009 University of Georgia City , State"]


def test_finance_is_cited_from_the_finance_work_not_the_programme_name() -> None:
    # held-out 10-06: Finance was cited from "the Finance Professional Development Program" while a finance
    # work line stood below it
    match = _match(_SUPERVISOR, "Requirements\n- Experience in finance.\n- Strong Excel skills.", "Finance Analyst")
    rows = {r.requirement: r for r in match.match_analysis.requirements}
    finance = rows["Finance"]
    assert finance.evidence is not None and "Program" not in finance.evidence


def test_insurance_requirements_offer_no_insurance_strength() -> None:
    # held-out 10-05: "Insurance" was an extra strength of a bank examiner from "FDIC insurance requirements"
    resume = ["Lee Fox", "Experience", "Bank Examiner 01/2010 to 12/2016", "Company Name City , State",
              "Travel to state chartered banks and assess their capital, asset quality and liquidity against "
              "market risk levels for FDIC insurance requirements.",
              "Wrote examination reports on budgeting and forecasting controls."]
    ad = "Requirements\n- 2 years of experience in cost control.\n- Experience with budgeting and forecasting."
    extras = {s.requirement for s in _match(resume, ad, "Cost Controller").strengths if s.kind == "extra"}
    assert "Insurance" not in extras


_FINANCE_GRAD = ["Kim Park", "Experience", "Finance Supervisor 01/2015 to Current", "Company Name City , State",
                 "Prepared the monthly close and accruals for the corporate finance team.", "Education"]


@pytest.mark.parametrize(("degrees", "status"), [
    # held-out 10-06: a Bachelor of Arts was "partial" for a required master's; held-out 9-06 an associate degree
    (["Bachelor of Arts : Business Administration , 2009 Mount Union College City , State"], "related"),
    (["Associate of Applied Science : Accounting , 2005 Stark State College City , State"], "related"),
    (["Master of Science : Finance , 2012 Kent State University City , State"], "met"),
])
def test_a_degree_below_the_level_asked_is_related_at_most(degrees: list[str], status: str) -> None:
    ad = "Requirements\n- You have a master's degree in finance.\n- Experience with month-end close."
    match = _match([*_FINANCE_GRAD, *degrees], ad, "Finance Project Manager")
    rows = [r for r in match.match_analysis.requirements if r.kind == "education"]
    assert rows and rows[0].status == status


def _years_row(resume: list[str], ad: str, title: str):
    rows = _match(resume, ad, title).match_analysis.requirements
    return next(r for r in rows if r.kind == "experience")


_INTERN = ["Eva Lind", "Experience", "Company Name June 2014 to September 2014 Mineralogy Engineering Intern",
           "Ran flotation tests on copper ore samples in the pilot plant.",
           "Company Name June 2013 to August 2013 Process Engineering Intern",
           "Logged mill throughput and reagent use for the plant metallurgist."]


def test_internships_alone_are_no_partial_multi_year_experience() -> None:
    # held-out 10-07: a 4-month internship was cited as partial for "5+ years of experience"
    ad = "Requirements\n- 5+ years of experience.\n- Experience with lean manufacturing."
    assert _years_row(_INTERN, ad, "Business Process Engineer").status == "related"
    hired = [*_INTERN[:2], "Company Name June 2014 to September 2016 Process Engineer", *_INTERN[3:]]
    assert _years_row(hired, ad, "Business Process Engineer").status == "partial"


def test_a_scope_is_not_met_by_a_line_sharing_only_its_generic_word() -> None:
    # held-out 10-09: "3+ years of professional web development" was related on "Training & Development"
    resume = ["Jo Hart", "Skills", "Training & Development", "Employee Relations",
              "Experience", "HR Manager 01/2010 to 12/2018", "Company Name City , State",
              "Ran hiring, onboarding and benefits for 300 staff."]
    ad = "Requirements\n- 3+ years of professional web development experience.\n- Experience with React."
    assert _years_row(resume, ad, "UI Engineer").status == "missing"
    coder = [*resume[:7], "Built the company's web pages and led development of the benefits portal in PHP."]
    assert _years_row(coder, ad, "UI Engineer").status in ("partial", "related")


_CLERK = ["Sam Cole", "Experience", "10/2016 to Current", "Procurement Associate Company Name City , State",
          "Logistic and Procurement: Used SAP software to issue purchase orders for the plant.",
          "Tracked deliveries and settled invoice disputes with vendors.",
          "01/2012 to 09/2016", "Sales Associate Company Name City , State",
          "Met incoming customers and made sales of store credit cards.",
          "Answered incoming telephone calls."]


def test_a_statement_naming_a_skill_is_cited_before_its_roles_bare_title_line() -> None:
    # held-out 10-02: "Procurement Associate Company Name City, State" and "Sales Associate ..." were cited while
    # the statements under them named the skill
    parsed = parse_resume_text("\n".join(_CLERK), today=date(2026, 12, 8))
    ad = "Requirements\n- Experience in sales.\n- Experience in procurement.\n- Strong Excel skills."
    match = score_match(parsed, parse_job(title="Buyer", description=ad))
    rows = {r.requirement: r for r in match.match_analysis.requirements}
    assert rows["Sales"].line == 9 and rows["Procurement"].line == 5
    alone = [*_CLERK[:4], "Tracked deliveries and settled invoice disputes with vendors."]
    rows = {r.requirement: r for r in _match(alone, ad, "Buyer").match_analysis.requirements}
    assert rows["Procurement"].line == 4  # no statement names it: the title line still stands


def test_a_two_word_name_of_what_the_person_did_still_shows_it() -> None:
    # held-out 10-06 judged "Participate in Mentor Program to train new associates" as showing Mentoring
    assert not named_only_in_a_name("Participate in Mentor Program to train new associates at the bank",
                                    phrase_terms("Mentor"))

"""The resume side of the judged evidence errors, twelfth round (issue 26, runs 3.2.0-r10-heldout9 and earlier
held-outs): a generic skill's name used only as the name of an organisation, a department or a centre, or of what
an employer sells, is no evidence of the person's skill and offers no extra strength.

Real-looking resume lines, written for these tests; plain values, the real parser and engine.
"""

from __future__ import annotations

from datetime import date

import pytest

from jobfit.documents.job import parse_job
from jobfit.documents.resume import parse_resume_text
from jobfit.matching import score_match
from jobfit.matching.evidence import asks_depth, named_only_before_other_heads
from jobfit.matching.text import phrase_terms


@pytest.mark.parametrize(("line", "name"), [
    ("Served as the finance lead on the consolidation of the Medicare and Retirement Customer Service organization,",
     "Customer service"),
    ("Built the budget model for the customer service department and its 40 call agents", "Customer service"),
    ("Opened a near-shore engineering center with 60 staff", "Engineering"),
    ("Worked with the client to scope and propose a dedicated near-shore engineering center.", "Engineering"),
    ("Responsible for growing engineering services to major Food & Beverage and Chemical clients", "Engineering"),
    ("Sold marketing solutions to retail chains across the region", "Marketing"),
])
def test_a_skill_named_only_as_an_organisation_or_what_is_sold_names_that_thing(line: str, name: str) -> None:
    assert named_only_before_other_heads(line, phrase_terms(name))


@pytest.mark.parametrize(("line", "name"), [
    ("Provided engineering services to the plant's maintenance crews", "Engineering"),
    ("Handled customer service calls and resolved billing complaints", "Customer service"),
    # named once as the person's work, once as the organisation: the line still names the skill
    ("Delivered customer service training and reorganised the customer service department", "Customer service"),
    ("Led mechanical engineering for the new packaging line", "Engineering"),
])
def test_the_persons_own_work_stands(line: str, name: str) -> None:
    assert not named_only_before_other_heads(line, phrase_terms(name))


def _extras(resume: list[str], ad: str, title: str) -> dict[str, int | None]:
    job = parse_job(title=title, description=ad)
    match = score_match(parse_resume_text("\n".join(resume), today=date(2026, 12, 8)), job)
    return {s.requirement: s.line for s in match.strengths if s.kind == "extra"}


def test_finance_work_on_a_customer_service_organisation_offers_no_customer_service_strength() -> None:
    # held-out 9: "Customer service" was an extra strength of a Director of Finance, cited from
    # "the finance lead on the consolidation of the ... Customer Service organization"
    resume = ["Dana Holt", "Experience", "Director of Finance", "07/2002 to Current", "Company Name City , State",
              "Served as the finance lead on the consolidation of the Medicare Customer Service organization "
              "into Benefit Operations.",
              "Served as the finance lead on the move of the Customer Service organization to the new call platform.",
              "Led budgeting and forecasting for an operations group with an annual budget of $825M."]
    ad = "Requirements\n- Several years of finance experience.\n- Experience with budgeting and forecasting."
    assert "Customer service" not in _extras(resume, ad, "Finance Business Partner")
    did_it = [*resume[:5], "Handled customer service calls for 300 policy holders a week.",
              "Trained new staff in customer service and complaint handling.", resume[-1]]
    assert "Customer service" in _extras(did_it, ad, "Finance Business Partner")


_DESIGNER = ["Ana Reyes", "Experience", "Freelance Graphic Designer 05/2016 - Current City , State",
             "Designed logos and print campaigns for small businesses.",
             "Portfolio: http://www.example.com/ana design experience Created an icon logo for a coworking space.",
             "Worked directly with the founder on the brand's print and web assets.",
             "Graphic Designer & Assistant 04/2012 - 01/2016 Company Name City , State",
             "Lead graphic designer for the company's jewelry boutique, producing all advertisements.",
             "Education", "BFA : Graphic Design , 2012 Rollins College City , State"]


def test_a_label_run_into_a_role_line_does_not_swallow_the_dated_role_below_it() -> None:
    # held-out 9-08: "Portfolio: http://..." inside the experience section was read as a projects heading, and
    # the dated "Graphic Designer & Assistant 04/2012 - 01/2016" role below it was lost
    parsed = parse_resume_text("\n".join(_DESIGNER), today=date(2026, 12, 8))
    assert "projects" not in parsed.sections
    assert [(e.start, e.end) for e in parsed.experience] == [("2016-05", None), ("2012-04", "2016-01")]


def test_a_label_heading_with_no_dated_role_below_it_still_heads_its_section() -> None:
    resume = [*_DESIGNER[:4], "Projects: Brand refresh for a coworking space, a poster series for a local theatre.",
              "Designed the theatre's season poster series in Illustrator.", *_DESIGNER[8:]]
    parsed = parse_resume_text("\n".join(resume), today=date(2026, 12, 8))
    assert parsed.sections["projects"].start_line == 5
    assert len(parsed.experience) == 1


_FLATTENED = ("What you have: Proficient in JavaScript HTML and CSS/SASS "
              "Understanding of version control systems like Git Experience with RESTful APIs "
              "Be familiar with design tools such as: Adobe Creative Suite Sketch Invision etc.")


@pytest.mark.parametrize(("context", "name", "deep"), [
    # held-out 9-08: a flattened list of asks; "Proficient" governs JavaScript, not the design tools
    (_FLATTENED, "JavaScript", True),
    (_FLATTENED, "Adobe Creative Suite", False),
    (_FLATTENED, "Git", False),
    ("Strong knowledge of Java and Spring", "Java", True),
    ("Deep understanding of Kubernetes and Helm", "Kubernetes", True),
    ("Expertise with AWS", "AWS", True),
    # the name is not in the statement: any cue of depth still counts
    ("Excellent coding skills", "Python", True),
    ("Basic knowledge of Linux", "Linux", False),
])
def test_depth_is_asked_of_the_names_its_cue_governs(context: str, name: str, deep: bool) -> None:
    assert asks_depth(context, phrase_terms(name)) is deep


def test_a_tool_named_in_a_skills_list_meets_a_familiarity_ask_after_a_depth_ask_for_others() -> None:
    # held-out 9-08: "Adobe Creative Suite" named in two skills lines was only "related" because "Proficient"
    # earlier in the same flattened statement was read as asking depth of it
    resume = ["Ana Reyes", "Skills", "Software - Adobe Creative Suite (Photoshop, In Design, Illustrator, Acrobat)",
              "Experience", "Graphic Designer 04/2012 - 01/2016 Company Name City , State",
              "Designed print advertisements and exhibition invitations for the boutique."]
    job = parse_job(title="Frontend Developer", description=_FLATTENED)
    match = score_match(parse_resume_text("\n".join(resume), today=date(2026, 12, 8)), job)
    rows = {r.requirement: r for r in match.match_analysis.requirements}
    adobe = next(row for label, row in rows.items() if "Adobe Creative Suite" in label)
    assert adobe.status == "met" and adobe.line == 3

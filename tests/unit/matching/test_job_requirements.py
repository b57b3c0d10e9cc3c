"""What a job ad asks, as requirements: alternatives, per-skill years and scopes, eligibility, keywords.

Ads are real-looking snippets parsed with the real taxonomy; resumes are built from plain lines.
"""

from __future__ import annotations

import pytest

from jobfit.documents.job import parse_job
from jobfit.documents.models import ExperienceEntry
from jobfit.matching import score_match
from jobfit.matching.counts import meets_required_skills
from jobfit.matching.keywords import phrases, salient_keywords
from jobfit.matching.models import MatchResult, RequirementResult
from jobfit.matching.requirements import Requirement, extract_requirements

from .matching_builders import build_resume


def _requirements(description: str, title: str = "Developer", company: str | None = None) -> list[Requirement]:
    return extract_requirements(parse_job(title=title, description=description, company=company))


def _by_label(reqs: list[Requirement]) -> dict[str, Requirement]:
    return {r.label: r for r in reqs}


def _row(result: MatchResult, label: str) -> RequirementResult:
    return next(r for r in result.match_analysis.requirements if r.requirement == label)


@pytest.mark.parametrize(("line", "members"), [
    ("Proficiency with server-side languages such as Python, Ruby, Java, PHP, and .Net.",
     ("Python", "Ruby", "Java", "PHP", ".NET")),
    ("Experience with a language like Python, Ruby or Go", ("Python", "Ruby", "Go")),
    ("Good knowledge of backend technologies such as MySQL, Memcached/Redis, Docker etc.",
     ("MySQL", "Memcached", "Redis", "Docker")),
    ("Experience with Docker or Podman", ("Docker", "Podman")),
    ("Experience with Memcached/Redis", ("Memcached", "Redis")),
    ("Experience with at least one web framework (Spring MVC, Django, Ruby on Rails)",
     ("Spring", "Django", "Ruby on Rails")),
])
def test_a_list_of_alternatives_is_one_requirement(line: str, members: tuple[str, ...]) -> None:
    skills = [r for r in _requirements(f"Requirements\n• {line}") if r.kind == "skill" and r.label in members]
    assert {r.label for r in skills} == set(members)
    assert len({r.group for r in skills}) == 1 and skills[0].group is not None
    assert all(r.alternatives == members for r in skills)
    assert {r.importance for r in skills} == {"required"}


def test_a_list_without_or_or_a_lead_in_asks_for_each() -> None:
    reqs = _requirements("Requirements\n• Very good knowledge of PHP, JavaScript, jQuery and React")
    assert all(r.group is None for r in reqs if r.kind == "skill")


def test_a_skill_also_asked_on_its_own_is_not_an_alternative() -> None:
    reqs = _by_label(_requirements("Requirements\n• Python, Ruby or Go\n• Expert Python skills"))
    assert reqs["Python"].group is None
    assert reqs["Ruby"].group is not None and reqs["Ruby"].group == reqs["Go"].group


def test_lists_that_share_skills_are_one_group() -> None:
    ad = ("Responsibilities\n• Build features with modern frameworks like React.js, Vue.js, or Angular.js\n"
          "Requirements\n• Experience with popular front-end frameworks (such as React, Vue, or Angular)")
    skills = [r for r in _requirements(ad) if r.label in ("React", "Vue.js", "Angular")]
    assert len(skills) == 3 and len({r.group for r in skills}) == 1 and skills[0].group is not None


def test_the_must_have_filter_keeps_a_candidate_with_any_one_alternative() -> None:
    job = parse_job(title="Full Stack Engineer", description=(
        "Requirements\n• Proficiency with languages such as Python, Ruby, Java, PHP, and .Net.\n"
        "• Git"))
    ruby_dev = build_resume([("experience", ["Built billing services in Ruby", "Versioned with Git"])])
    result = score_match(ruby_dev, job)
    rows = result.match_analysis.requirements
    one = _row(result, "Python, Ruby, Java, PHP or .NET")  # one row for the list, met by Ruby
    assert (one.status, one.evidence) == ("met", "Built billing services in Ruby")
    assert not [r for r in rows if r.requirement in ("Python", "Ruby", "Java", "PHP", ".NET")]
    assert meets_required_skills(rows) and "Missing" not in result.match_analysis.summary
    nobody = build_resume([("experience", ["Versioned with Git"])])
    assert not meets_required_skills(score_match(nobody, job).match_analysis.requirements)


def test_group_membership_is_on_the_result_rows() -> None:
    rows = [RequirementResult(requirement="Python", kind="skill", importance="required", status="missing",
                              score=0.0, group=3),
            RequirementResult(requirement="Ruby", kind="skill", importance="required", status="met", score=1.0,
                              group=3),
            RequirementResult(requirement="Git", kind="skill", importance="required", status="met", score=1.0)]
    assert meets_required_skills(rows)
    rows[1] = rows[1].model_copy(update={"status": "partial"})
    assert not meets_required_skills(rows)


@pytest.mark.parametrize(("line", "label", "years"), [
    ("5+ years of Java", "Java", 5.0),
    ("At least 3 years of hands-on experience developing in Python", "Python", 3.0),
    ("Kotlin (4+ years)", "Kotlin", 4.0),
    ("Minimum 2 years' experience with PostgreSQL", "PostgreSQL", 2.0),
])
def test_years_per_skill(line: str, label: str, years: float) -> None:
    assert _by_label(_requirements(f"Requirements\n- {line}"))[label].min_years == years


def test_years_attach_to_their_own_skill() -> None:
    reqs = _by_label(_requirements("Requirements\n- 5+ years of Java and 2+ years with Spring Boot\n- Docker"))
    assert (reqs["Java"].min_years, reqs["Spring Boot"].min_years, reqs["Docker"].min_years) == (5.0, 2.0, None)


def test_years_in_something_that_is_not_a_skill_is_a_scoped_experience_requirement() -> None:
    reqs = _requirements("Requirements\n- 5+ years in the Microsoft stack\n- C# and SQL Server")
    experience = [r for r in reqs if r.kind == "experience"]
    assert [(r.label, r.years, r.scope) for r in experience] == [
        ("5+ years in the Microsoft stack", 5.0, "Microsoft stack")]


def test_eleven_years_of_java_do_not_meet_five_years_in_the_microsoft_stack() -> None:
    job = parse_job(title="Senior .NET Developer", description=(
        "Requirements\n- 5+ years in the Microsoft stack\n- 3+ years of professional experience"))
    java_dev = build_resume(
        [("experience", ["Senior Java Developer, Bank Corp, 2013 - 2024", "Built trading systems in Java"])],
        experience=[ExperienceEntry(title="Senior Java Developer", months=132, line=2)], years=11.0)
    result = score_match(java_dev, job)
    assert _row(result, "5+ years in the Microsoft stack").status == "missing"
    assert _row(result, "3+ years of experience").status == "met"
    net_dev = build_resume(
        [("experience", [".NET Developer, Shop Corp, 2018 - 2024",
                         "Built line-of-business apps on the Microsoft stack"])],
        experience=[ExperienceEntry(title=".NET Developer", months=72, line=1)], years=6.0)
    assert _row(score_match(net_dev, job), "5+ years in the Microsoft stack").status == "partial"
    # the same line in no dated role shows no time in the stack (ninth round): related
    undated = build_resume([("experience", ["Built line-of-business apps on the Microsoft stack"])], years=6.0)
    assert _row(score_match(undated, job), "5+ years in the Microsoft stack").status == "related"


def test_scope_of_a_method() -> None:
    reqs = _by_label(_requirements("Requirements\n- Experience with unit testing in Java"))
    assert reqs["Unit testing"].scope == "Java" and reqs["Java"].scope is None


def test_experience_in_a_domain_keeps_its_importance() -> None:
    reqs = _requirements("Requirements\n- C#, ASP.NET and Angular\n- Experience in the insurance industry (desired)")
    [domain] = [r for r in reqs if r.kind == "experience"]
    assert (domain.scope, domain.importance) == ("insurance industry", "preferred")
    assert {r.importance for r in reqs if r.kind == "skill"} == {"required"}


def test_eligibility_is_listed_to_check_and_never_scored() -> None:
    plain = "Requirements\n- Python and SQL"
    checked = plain + "\n- Must be a US citizen with an active Secret clearance"
    job = parse_job(title="Data Engineer", description=checked)
    reqs = extract_requirements(job)
    checks = [(r.category, r.importance, r.weight) for r in reqs if r.kind == "eligibility"]
    assert checks == [("work authorisation", "required", 0.0), ("security clearance", "required", 0.0)]
    resume = build_resume([("experience", ["Built pipelines in Python and SQL"])])
    with_checks = score_match(resume, job)
    without = score_match(resume, parse_job(title="Data Engineer", description=plain))
    rows = [r for r in with_checks.match_analysis.requirements if r.kind == "eligibility"]
    assert [r.status for r in rows] == ["check", "check"]
    assert with_checks.overall_score == without.overall_score
    assert with_checks.match_analysis.component_scores == without.match_analysis.component_scores
    assert not any(g.skill.startswith("Must be") for g in with_checks.skill_gaps)


def test_keywords_are_whole_phrases_from_the_asking_zones() -> None:
    ad = ("About Northwind Analytics\n"
          "Northwind Analytics is a leading provider of retail forecasting software with 300 employees.\n"
          "Requirements\n"
          "- Experience with demand forecasting models and inventory optimisation\n"
          "- Strong demand forecasting background\n"
          "- Inventory optimisation in retail supply chains\n"
          "- Get things done\n"
          "Benefits\n"
          "- Wellness budget, school holidays off, private health insurance\n"
          "Contact\n"
          "Questions? Contact Dana Whitfield at dana@northwind.example\n")
    job = parse_job(title="Forecasting Analyst", description=ad)
    terms = [term.lower() for term, _ in salient_keywords(job)]
    assert any("demand forecasting" in t for t in terms) and "inventory optimisation" in terms
    for junk in ("northwind", "analytics", "wellness", "school", "done", "things", "dana", "whitfield",
                 "forecasting analyst", "employees"):
        assert not any(junk in t.split() or junk == t for t in terms), junk
    # never a phrase that runs across a phrase boundary
    assert "forecasting models" not in terms or "demand forecasting models" not in terms
    keyword_reqs = [r for r in extract_requirements(job) if r.kind == "keyword"]
    assert all(r.importance == "preferred" for r in keyword_reqs)


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Developing front end website architecture.", []),  # four words, and its head is a common word
    ("Designing user interactions on web pages.", ["user interactions", "web pages"]),
    ("Familiarity with code versioning tools such as Git.", ["code versioning", "Git"]),
    ("An ability to get things done quickly", []),
])
def test_phrases(sentence: str, expected: list[str]) -> None:
    assert phrases(sentence) == expected


def test_some_of_the_following_is_one_list_of_alternatives() -> None:
    inline = _requirements("Requirements\n- Experience with some of the following: Python, Qt, CMake; TDD")
    bullets = _requirements("Requirements\nExperience with one of the following:\n- Python\n- Rust\n- Kotlin\n"
                            "SQL is a must")
    for reqs, members in ((inline, {"Python", "Qt", "CMake", "Test-driven development"}),
                          (bullets, {"Python", "Rust", "Kotlin"})):
        grouped = [r for r in reqs if r.kind == "skill" and r.label in members]
        assert {r.label for r in grouped} == members and len({r.group for r in grouped}) == 1
    assert _by_label(bullets)["SQL"].group is None


def test_a_lone_example_is_not_a_must_have() -> None:
    reqs = _by_label(_requirements("Requirements\n- Familiarity with code versioning tools such as Git\n- Java"))
    assert (reqs["Git"].importance, reqs["Java"].importance) == ("preferred", "required")
    # asked for in so many words elsewhere, it stays required
    both = _by_label(_requirements("Requirements\n- Monitoring tools, e.g. Grafana\n- Strong Grafana skills"))
    assert both["Grafana"].importance == "required"


def test_a_tool_of_the_team_s_stack_is_not_a_must_have() -> None:
    ad = ("Core technologies used in the application:\nPHP 7, React, MySQL, Kubernetes, RabbitMQ\n\n"
          "Requirements:\n- Very good knowledge of PHP and React\n- Nice to have: knowledge of RabbitMQ")
    reqs = _by_label(_requirements(ad))
    assert (reqs["PHP"].importance, reqs["React"].importance) == ("required", "required")
    assert reqs["Kubernetes"].importance == "preferred" and reqs["RabbitMQ"].importance == "preferred"

"""Each skill's evidence site is computed once per resume and stored: scoring reads it, never the mentions."""

from __future__ import annotations

import json

from jobfit.matching import ResumeProfile, prepare_job, prepare_resume, score_match, score_prepared
from jobfit.matching.engine import evaluate, explain_evaluated

from .matching_builders import TinyTaxonomy, build_job, build_resume, skill

TAX = TinyTaxonomy()


def _resume():
    resume = build_resume(
        [("summary", ["Python developer"]), ("experience", ["Built APIs in Python and Flask"]),
         ("skills", ["Python, SQL, Flask"])],
        skill_ids={"Python": "python", "SQL": "sql", "Flask": "flask"},
    )
    # a mention whose line holds nothing (as after redaction) is no evidence
    resume.skills.append(skill("go", "Go", surface="Go", line=99))
    return resume


def test_a_skill_site_is_its_best_line_and_every_line_it_is_on():
    profile = prepare_resume(_resume())
    # line 1 SUMMARY, 2 "Python developer", 3 EXPERIENCE, 4 the bullet, 5 SKILLS, 6 the list
    assert list(profile.skill_sites) == ["python", "flask", "sql", "go"]  # first-mention order
    weight, line, section, position, lines = profile.skill_sites["python"]
    assert (weight, line, section, lines) == (1.0, 4, "experience", [2, 4, 6])
    assert profile.mentions_by_id["python"][position].line == 4
    assert profile.skill_sites["sql"][:4] == (0.8, 6, "skills", 0)
    assert profile.skill_sites["go"] is None  # only on an empty line


def test_ties_go_to_the_earliest_line():
    resume = build_resume([("skills", ["SQL", "SQL again"])], skill_ids={"SQL": "sql"})
    site = prepare_resume(resume).skill_sites["sql"]
    assert site[1] == 2 and site[4] == [2, 3]


def test_a_reloaded_profile_scores_from_sites_and_decodes_mentions_only_to_explain():
    job = build_job("Python developer", "Python, Go and Django",
                    required=[skill("python"), skill("go", "Go"), skill("django")])
    prepared = prepare_job(job, TAX)
    fresh = prepare_resume(_resume())
    stored = json.loads(json.dumps(fresh.to_dict()))  # as the database returns it
    reloaded = ResumeProfile.from_dict(stored)
    evaluated = evaluate(reloaded, prepared)
    assert reloaded.mentions is None  # scoring never decoded the mentions
    assert reloaded.to_dict() == stored  # and saving it again writes the same form
    result = explain_evaluated(evaluated)
    assert reloaded.mentions is not None
    assert reloaded.mentions_by_id == fresh.mentions_by_id
    assert result.model_dump(exclude={"processing_time_ms"}) == score_prepared(fresh, prepared).model_dump(
        exclude={"processing_time_ms"})
    rows = {r.requirement: r for r in result.match_analysis.requirements}
    assert rows["Python"].line == 4 and rows["Python"].status == "met"
    assert rows["Go"].status == "missing"  # its one mention sits on an empty line
    # Django (not on the resume) is met in part through its parent Python, shown on Python's best line
    assert (rows["Django"].status, rows["Django"].how, rows["Django"].line) == ("partial", "parent", 4)
    assert score_match(_resume(), job, relations=TAX).overall_score == result.overall_score

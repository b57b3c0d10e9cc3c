"""Each skill's record (best evidence line, its lines, its use at work) is computed once per resume and stored:
scoring and explaining read it, never the mentions."""

from __future__ import annotations

import json

from jobfit.matching import ResumeProfile, prepare_job, prepare_resume, score_match, score_prepared
from jobfit.matching.profile import SkillRecord

from .matching_builders import TinyTaxonomy, build_job, build_resume, skill

TAX = TinyTaxonomy()


def _resume():
    resume = build_resume(
        [("summary", ["Python developer"]), ("experience", ["Built APIs in Python and Flask", "Python scripts"]),
         ("skills", ["Python, SQL, Flask"])],
        skill_ids={"Python": "python", "SQL": "sql", "Flask": "flask"},
    )
    # a mention whose line holds nothing (as after redaction) is no evidence
    resume.skills.append(skill("go", "Go", surface="golang", line=99))
    return resume


def test_a_skill_record_holds_its_best_line_every_line_and_its_use_at_work():
    profile = prepare_resume(_resume())
    # 1 SUMMARY, 2 "Python developer", 3 EXPERIENCE, 4-5 the bullets, 6 SKILLS, 7 the list
    assert list(profile.skills) == ["python", "flask", "sql", "go"]  # first-mention order
    assert profile.skills["python"] == SkillRecord("Python", 1.0, 4, "experience", "Python", [2, 4, 5, 7], 4, 2)
    assert profile.skills["sql"] == SkillRecord("Sql", 0.8, 7, "skills", "SQL", [7], None, 0)
    # only on an empty line: no evidence, but the skill is still known to the resume
    assert profile.skills["go"] == SkillRecord("Go", None, None, None, None, [], None, 0)


def test_ties_go_to_the_earliest_line():
    resume = build_resume([("skills", ["SQL", "SQL again"])], skill_ids={"SQL": "sql"})
    record = prepare_resume(resume).skills["sql"]
    assert record.line == 2 and record.lines == [2, 3]


def test_a_reloaded_profile_scores_and_explains_like_a_fresh_one():
    job = build_job("Python developer", "Python, Go and Django",
                    required=[skill("python"), skill("go", "Go"), skill("django")])
    prepared = prepare_job(job, TAX)
    fresh = prepare_resume(_resume())
    stored = json.loads(json.dumps(fresh.to_dict()))  # as the database returns it
    reloaded = ResumeProfile.from_dict(stored)
    result = score_prepared(reloaded, prepared)
    assert reloaded.to_dict() == stored  # saving it again writes the same form
    assert result.model_dump(exclude={"processing_time_ms"}) == score_prepared(fresh, prepared).model_dump(
        exclude={"processing_time_ms"})
    rows = {r.requirement: r for r in result.match_analysis.requirements}
    assert (rows["Python"].status, rows["Python"].line, rows["Python"].how) == ("met", 4, "exact")
    assert rows["Go"].status == "missing"  # its one mention sits on an empty line
    # Django (not on the resume) is only related through its parent Python, on Python's best line
    assert (rows["Django"].status, rows["Django"].how, rows["Django"].line) == ("related", "parent", 4)
    gaps = {g.skill: g for g in result.skill_gaps}
    assert gaps["Django"].closest_related == "Python"
    extras = [s for s in result.strengths if s.kind == "extra"]
    assert [(s.requirement, s.line) for s in extras] == [("Flask", 4)]
    assert score_match(_resume(), job, relations=TAX).overall_score == result.overall_score

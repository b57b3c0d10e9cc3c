"""Each scoring rule of the matching engine, on plain hand-built values."""

from __future__ import annotations

import numpy as np
import pytest

from jobfit.documents.models import EducationEntry, ExperienceEntry
from jobfit.matching import ALGORITHM_VERSION, prepare_job, rank_jobs, rank_resumes, score_match, scores
from jobfit.matching.models import MatchResult, RequirementResult
from jobfit.matching.scores import keyword_credit, score_lexical
from jobfit.matching.specificity import idf, phrase_specificity, tfidf_norm, tfidf_query, tfidf_vector
from jobfit.matching.text import titled

from .matching_builders import TinyTaxonomy, build_job, build_resume, skill

TAX = TinyTaxonomy()


def req(result: MatchResult, label: str) -> RequirementResult:
    return next(r for r in result.match_analysis.requirements if r.requirement == label)


def test_required_skills_weigh_more_than_preferred() -> None:
    job = build_job("Backend Engineer", "Python required, Go nice to have",
                    required=[skill("python")], preferred=[skill("go")])
    has_required = build_resume([("experience", ["Built services in Python"])],
                                skill_ids={"Python": "python"})
    has_preferred = build_resume([("experience", ["Built services in Go"])], skill_ids={"Go": "go"})
    a = score_match(has_required, job, relations=TAX)
    b = score_match(has_preferred, job, relations=TAX)
    assert a.skills_score > b.skills_score > 0
    # required x1.0 vs preferred x0.4 (each also x its term specificity): the same evidence is worth
    # 1.0 x spec(python) vs 0.4 x spec(go) of the score
    ratio = 2.5 * phrase_specificity(("python",)) / phrase_specificity(("go",))
    assert a.skills_score == pytest.approx(b.skills_score * ratio, rel=1e-3)


def test_partial_credit_through_taxonomy() -> None:
    job = build_job("Frontend Developer", "JavaScript", required=[skill("javascript", "JavaScript")])
    child = build_resume([("experience", ["Built dashboards with React"])], skill_ids={"React": "react"})
    exact = build_resume([("experience", ["Built dashboards with JavaScript"])],
                         skill_ids={"JavaScript": "javascript"})
    neither = build_resume([("experience", ["Cooked pasta for 200 guests"])])
    r_child = score_match(child, job, relations=TAX)
    row = req(r_child, "JavaScript")
    # a tool is only related to the field it belongs to until the meaning of its statement confirms it
    assert row.status == "related" and row.how == "child" and row.line == 2
    assert 0 < r_child.skills_score < score_match(exact, job, relations=TAX).skills_score
    assert score_match(neither, job, relations=TAX).skills_score == 0
    # a parent (more general) skill earns less than a child (more specific) one
    job_react = build_job("Frontend Developer", "React", required=[skill("react")])
    parent = build_resume([("experience", ["Built dashboards with JavaScript"])],
                          skill_ids={"JavaScript": "javascript"})
    # a field never meets a tool of it: JavaScript is only related to React
    assert (req(score_match(parent, job_react, relations=TAX), "React").status,
            req(score_match(parent, job_react, relations=TAX), "React").how) == ("related", "parent")
    assert 0 < score_match(parent, job_react, relations=TAX).skills_score < r_child.skills_score


def test_gap_names_closest_related_skill_and_required_first() -> None:
    job = build_job("Web Developer", "x", required=[skill("vue")], preferred=[skill("django")])
    resume = build_resume([("skills", ["Python"])], skill_ids={"Python": "python"})
    result = score_match(resume, job, relations=TAX)
    gaps = [(g.skill, g.importance) for g in result.skill_gaps]
    assert gaps == [("Vue", "required"), ("Django", "preferred")]
    # django is only related through python (its parent); vue has no related skill on the resume
    assert req(result, "Django").status == "related"
    assert result.skill_gaps[1].closest_related == "Python"
    assert result.skill_gaps[0].closest_related is None


def test_years_of_experience() -> None:
    job = build_job("Analyst", "5 years", min_years=5)
    junior = score_match(build_resume([("experience", ["Analyst"])], years=3), job, relations=TAX)
    senior = score_match(build_resume([("experience", ["Analyst"])], years=6), job, relations=TAX)
    assert req(junior, "5+ years of experience").score == pytest.approx(0.6)
    assert req(junior, "5+ years of experience").status == "partial"
    assert req(senior, "5+ years of experience").status == "met"
    assert senior.experience_score > junior.experience_score


@pytest.mark.parametrize(
    ("level", "field", "status"),
    [("master", "Computer Science", "met"), ("bachelor", "Mathematics", "partial"),
     ("associate", "Computer Science", "related"), (None, None, "missing")],
)
def test_degree_level_and_field(level: str | None, field: str | None, status: str) -> None:
    job = build_job("Engineer", "BSc CS", degree_level="bachelor", degree_field="Computer Science")
    education = [EducationEntry(degree_level=level, field=field, line=2)] if level else []
    resume = build_resume([("education", [f"{level} {field}"])], education=education)
    result = score_match(resume, job, relations=TAX)
    assert req(result, "Bachelor in Computer Science").status == status
    if status == "met":
        assert result.education_score == 100


def test_relevant_field_beats_unrelated_field() -> None:
    job = build_job("Engineer", "BSc CS", degree_level="bachelor", degree_field="Computer Science")
    related = build_resume([("education", ["BSc Mathematics"])],
                           education=[EducationEntry(degree_level="bachelor", field="Mathematics", line=2)])
    unrelated = build_resume([("education", ["BA History"])],
                             education=[EducationEntry(degree_level="bachelor", field="History", line=2)])
    assert score_match(related, job).education_score > score_match(unrelated, job).education_score


def test_keyword_counts_are_exact() -> None:
    job = build_job("Planner", "Demand forecasting in Kinaxis and inventory planning.\nOur Kinaxis accuracy "
                    "matters.\nInventory planning tools.")
    resume = build_resume([("experience", ["Owned Kinaxis for 40 stores", "Improved Kinaxis forecasts by 10%",
                                           "Cut inventory by 5%"])])
    result = score_match(resume, job, relations=TAX)
    counts = {k.term.lower(): (k.count_in_job, k.count_in_resume) for k in result.match_analysis.keywords}
    assert counts["kinaxis"] == (2, 2)
    assert "inventory planning" not in counts  # a description, not a name: no keyword requirement of its own
    assert "inventory" not in counts  # only ever part of the phrase "inventory planning"
    assert "demand" not in counts  # said once: not salient
    assert 0 < result.keyword_score < 100


def test_evidence_points_at_the_resume_line() -> None:
    job = build_job("Data Engineer", "Spark", required=[skill("spark")])
    resume = build_resume([("summary", ["Engineer"]), ("experience", ["Acme", "- Tuned Spark jobs on AWS"])],
                          skill_ids={"Spark": "spark"})
    row = req(score_match(resume, job, relations=TAX), "Spark")
    lines = resume.text_content.split("\n")
    assert row.line == 5 and lines[row.line - 1] == "- Tuned Spark jobs on AWS"
    # the evidence is the statement: the bullet's text without its marker
    assert row.evidence == "Tuned Spark jobs on AWS" and row.section == "experience" and row.how == "exact"
    assert row.line_end == row.line


def test_experience_bullet_counts_more_than_skills_list() -> None:
    job = build_job("Data Engineer", "Spark", required=[skill("spark")])
    used = build_resume([("experience", ["- Tuned Spark jobs"])], skill_ids={"Spark": "spark"})
    listed = build_resume([("skills", ["Spark, Excel"])], skill_ids={"Spark": "spark"})
    assert score_match(used, job).skills_score > score_match(listed, job).skills_score > 0


def test_recent_roles_weigh_more() -> None:
    job = build_job("Developer", "Rust", required=[skill("rust")])
    roles = [ExperienceEntry(title="Developer", start="2020-01", is_current=True, line=2),
             ExperienceEntry(title="Developer", start="2008-01", end="2012-01", line=4)]
    body = ["Developer, Now Corp", "- {a}", "Developer, Old Corp", "- {b}"]

    def resume(a: str, b: str):
        return build_resume([("experience", [x.format(a=a, b=b) for x in body])], experience=roles,
                            skill_ids={"Rust": "rust"})

    recent = score_match(resume("Wrote Rust services", "Wrote reports"), job)
    old = score_match(resume("Wrote reports", "Wrote Rust services"), job)
    assert recent.skills_score > old.skills_score > 0


def test_title_relevance_and_seniority() -> None:
    job = build_job("Senior Data Engineer", "data pipelines")
    same = build_resume([("experience", ["Senior Data Engineer, Acme"])],
                        experience=[ExperienceEntry(title="Senior Data Engineer", line=2, is_current=True)],
                        years=7)
    other = build_resume([("experience", ["Junior Pastry Chef, Bistro"])],
                         experience=[ExperienceEntry(title="Junior Pastry Chef", line=2, is_current=True)],
                         years=1)
    assert score_match(same, job).experience_score > score_match(other, job).experience_score


def test_weights_renormalise_without_vectors_and_use_them_when_given() -> None:
    job = build_job("Developer", "Python", required=[skill("python")])
    resume = build_resume([("experience", ["Python"])], skill_ids={"Python": "python"})
    plain = score_match(resume, job)
    assert plain.match_analysis.weights["semantic"] == 0
    assert sum(plain.match_analysis.weights.values()) == pytest.approx(1.0, abs=1e-3)
    assert "not used" in plain.match_analysis.summary
    v = np.ones(4, dtype=np.float32) / 2
    w = np.array([1, 0, 0, 0], dtype=np.float32)
    with_vectors = score_match(resume, job, resume_vectors={"full_text": v, "section_experience": v},
                               job_vectors={"full_text": w})
    assert with_vectors.match_analysis.weights["semantic"] > 0
    assert with_vectors.section_scores == {"overall": 50.0, "experience": 50.0}


def test_deterministic() -> None:
    job = build_job("Developer", "Python and SQL daily.\nSQL reporting.", required=[skill("python")],
                    min_years=2)
    resume = build_resume([("experience", ["Python and SQL"])], skill_ids={"Python": "python"}, years=3)
    a = score_match(resume, job).model_dump(exclude={"processing_time_ms"})
    b = score_match(resume, job).model_dump(exclude={"processing_time_ms"})
    assert a == b
    assert a["algorithm_version"] == ALGORITHM_VERSION


def test_ranking_sorts_by_score_and_breaks_ties_by_id() -> None:
    job = build_job("Developer", "Python", required=[skill("python")])
    good = build_resume([("experience", ["Python services"])], skill_ids={"Python": "python"})
    bad = build_resume([("experience", ["Painting walls"])])
    ranked = rank_resumes(job, [("c", good, None), ("b", bad, None), ("a", good, None)], top_k=2)
    assert [rid for rid, _ in ranked] == ["a", "c"]
    assert ranked[0][1].overall_score == ranked[1][1].overall_score
    painter = build_job("Painter", "walls")
    jobs = rank_jobs(good, [("j2", job, None), ("j1", job, None), ("j0", painter, None)])
    assert [jid for jid, _ in jobs][:2] == ["j1", "j2"]
    # ids are compared as given (the ranking service gives (created_at, id) pairs), not as strings
    assert [rid for rid, _ in rank_resumes(job, [(10, good, None), (2, good, None)])] == [2, 10]


def test_confidence_rises_with_job_specificity() -> None:
    resume = build_resume([("experience", ["Python SQL Docker"])],
                          skill_ids={"Python": "python", "SQL": "sql", "Docker": "docker"})
    vague = build_job("Developer", "Python", required=[skill("python")])
    specific = build_job("Developer", "Python SQL Docker",
                         required=[skill("python"), skill("sql"), skill("docker")], min_years=1,
                         degree_level="bachelor")
    assert score_match(resume, specific).confidence_score > score_match(resume, vague).confidence_score


def test_years_stated_in_summary_count_when_dated_roles_say_less() -> None:
    job = build_job("Developer", "5+ years", min_years=5)
    resume = build_resume([("summary", ["Developer with over 10 years of experience"]),
                           ("experience", ["Developer, Acme"])], years=0.4)
    row = req(score_match(resume, job), "5+ years of experience")
    assert row.status == "met" and row.line == 2 and row.evidence.startswith("10 years stated")
    dated = build_resume([("summary", ["Developer with 3 years of experience"])], years=6)
    assert req(score_match(dated, job), "5+ years of experience").evidence.startswith("6 years of dated roles")


def test_title_is_cleaned_of_notes_before_matching() -> None:
    job = build_job("Product Manager (10+ Years of Experience)", "roadmaps")
    resume = build_resume([("experience", ["Product Manager, Google"])],
                          experience=[ExperienceEntry(title="Product Manager", line=2, is_current=True)])
    row = req(score_match(resume, job), "Product Manager")
    assert row.status == "met" and row.line == 2


def test_specific_terms_weigh_more_than_generic_ones() -> None:
    # background idf: a niche technology is rarer than a soft skill or "team" in job ads and resumes
    assert idf("hibernat") > idf("python") > idf("communic")
    assert idf("zzzunseenterm") >= idf("hibernat")
    assert phrase_specificity(()) == 1.0


def test_rare_skill_requirement_counts_more_than_generic_one() -> None:
    job = build_job("Backend Engineer", "Hibernate and communication",
                    required=[skill("hibernate", "Hibernate"), skill("communication", "Communication")])
    rare = build_resume([("experience", ["Mapped entities with Hibernate"])],
                        skill_ids={"Hibernate": "hibernate"})
    generic = build_resume([("experience", ["Clear communication with clients"])],
                           skill_ids={"Communication": "communication"})
    assert score_match(rare, job, relations=TAX).skills_score > score_match(generic, job, relations=TAX).skills_score


def test_keyword_credit_saturates_and_normalises_length() -> None:
    assert keyword_credit(0, 400) == 0.0
    assert keyword_credit(2, 400) == pytest.approx(0.5)
    assert keyword_credit(1, 400) < keyword_credit(2, 400) < keyword_credit(6, 400) < 1.0
    # diminishing returns: the second mention adds more than the sixth
    assert keyword_credit(2, 400) - keyword_credit(1, 400) > keyword_credit(6, 400) - keyword_credit(5, 400)
    # the same count is worth more in a short resume than in a long one
    assert keyword_credit(2, 200) > keyword_credit(2, 1600)


def test_lexical_component_rewards_shared_specific_words() -> None:
    job = build_job("Welder", "Welder for pipeline fabrication.\nTIG and MIG welding of stainless steel pipelines.")
    close = build_resume([("experience", ["TIG and MIG welding of stainless steel pipelines", "Pipe fabrication"])])
    far = build_resume([("experience", ["Taught history and geography to secondary school pupils"])])
    a, b = score_match(close, job), score_match(far, job)
    assert a.match_analysis.component_scores["lexical"] > b.match_analysis.component_scores.get("lexical", 0.0)
    assert a.match_analysis.weights["lexical"] > 0
    assert a.overall_score > b.overall_score
    # a text without content words leaves the component out (weights renormalised over the others)
    assert score_lexical({}, {"weld": 1}, tfidf_norm({"weld": 1})) is None
    assert score_lexical(tfidf_query(["weld"]), {}, 0.0) is None
    assert score_lexical(tfidf_query(["weld"]), {"weld": 1}, tfidf_norm({"weld": 1})) == pytest.approx(100.0)


def test_lexical_component_reads_the_job_title() -> None:
    """A short ad names the role only in its title: a resume of that role shares more words with it."""
    job = build_job("Hadoop Engineer", "Build and run data pipelines for analytics.")
    assert "hadoop" in prepare_job(job).terms
    history = ["Taught history and geography to secondary school pupils", "Coached the school chess club",
               "Organised field trips to museums and archives", "Wrote the school newsletter every month"]
    role = build_resume([("experience", ["Hadoop clusters for data pipelines", *history])])
    other = build_resume([("experience", ["Excel sheets for data pipelines", *history])])
    with_role = score_match(role, job).match_analysis.component_scores["lexical"]
    without = score_match(other, job).match_analysis.component_scores["lexical"]
    assert with_role > without


def test_titled_puts_the_title_first_once() -> None:
    assert titled("Nurse", "Night shifts.") == "Nurse\nNight shifts."
    assert titled("Nurse", "  nurse wanted for night shifts") == "  nurse wanted for night shifts"
    assert titled(" ", "Night shifts.") == "Night shifts."


def test_lexical_cosine_equals_the_cosine_of_the_two_tfidf_vectors() -> None:
    """The job-query x resume-counts form gives the plain cosine of both unit TF-IDF vectors."""
    import random
    from collections import Counter

    rng = random.Random(2)
    words = ["weld", "pipe", "steel", "tig", "mig", "python", "sql", "teach", "zzzunseen", "manag", "team"]
    for _ in range(300):
        resume = [rng.choice(words) for _ in range(rng.randint(1, 40))]
        job = [rng.choice(words) for _ in range(rng.randint(1, 40))]
        rv, jv = tfidf_vector(resume), tfidf_vector(job)
        cosine = sum(w * rv.get(t, 0.0) for t, w in jv.items())
        expected = 100.0 * min(1.0, cosine / scores.LEXICAL_CEILING) ** 0.5
        counts = Counter(resume)
        got = score_lexical(tfidf_query(job), counts, tfidf_norm(counts))
        assert got == pytest.approx(expected, abs=1e-9)


def test_a_list_of_alternatives_counts_once_by_its_best_member() -> None:
    text = "Backend Developer\nProficiency with languages such as Python, Ruby, or Java.\nSQL daily."
    job = build_job("Backend Developer", text, required=[
        skill("python", surface="Python", line=2), skill("ruby", surface="Ruby", line=2),
        skill("java", surface="Java", line=2), skill("sql", "SQL", surface="SQL", line=3)])
    one = build_resume([("experience", ["Python and SQL services"])], skill_ids={"Python": "python", "SQL": "sql"})
    every = build_resume([("experience", ["Python, Ruby, Java and SQL services"])],
                         skill_ids={"Python": "python", "Ruby": "ruby", "Java": "java", "SQL": "sql"})
    r_one, r_every = score_match(one, job, relations=TAX), score_match(every, job, relations=TAX)
    assert r_one.skills_score == pytest.approx(r_every.skills_score)
    assert r_one.skill_gaps == []  # Ruby and Java are alternatives to the Python it shows
    # without the lead-in the same skills are each required
    plain = build_job("Backend Developer", text.replace("such as ", "").replace(", or", ","), required=[
        skill("python", surface="Python", line=2), skill("ruby", surface="Ruby", line=2),
        skill("java", surface="Java", line=2), skill("sql", "SQL", surface="SQL", line=3)])
    assert score_match(one, plain, relations=TAX).skills_score < r_one.skills_score
    assert {g.skill for g in score_match(one, plain, relations=TAX).skill_gaps} == {"Ruby", "Java"}
    # ONE requirement: one row named after the list, met by the Python it shows
    assert "Missing" not in r_one.match_analysis.summary and "Python, Ruby or Java" in r_one.match_analysis.summary
    [row] = [r for r in r_one.match_analysis.requirements if r.group is not None]
    assert (row.requirement, row.status, row.evidence) == ("Python, Ruby or Java", "met", "Python and SQL services")

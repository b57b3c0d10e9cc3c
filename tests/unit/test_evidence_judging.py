"""The judged-evidence harness (bench/evidence_*.py) on tiny synthetic reports and judgments: claims and their
questions, the judgment checker, the scorer's figures, and the committed pair lists."""

from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.append(str(REPO / "bench"))

from evidence_claims import ClaimsFile, PairJudgment, cited_span, claims_from_match, problems, schema_text  # noqa: E402
from evidence_pairs import (  # noqa: E402
    AD_MAX_TITLE,
    DOTIN_TEST_ZIP,
    DOTIN_ZIP,
    HELDOUT10_PER_FIELD,
    HOUSE_FIELDS,
    KAGGLE_CSV,
    LATE_AD_MIN_SENTENCES,
    LATE_TEXT_CHARS,
    LATE_TEXT_LINES,
    OFF_SCREEN_DESIGN,
    PAIRS_FILE,
    Doc,
    ad_text,
    at_word_starts,
    compatible,
    detokenize,
    draw_spread,
    fields_of,
    house_ad,
    least_used_passes,
    resume_text,
    text_key,
)
from evidence_report import SHOWN_CHARS, SHOWN_LINES  # noqa: E402
from evidence_score import main as score_main  # noqa: E402
from evidence_score import read_run, report, tally  # noqa: E402

AD = ["Data Engineer", "We are a leading provider of cloud services.", "Requirements:",
      "Strong Python and SQL skills", "Experience with Terraform", "Kafka is a plus", "Benefits: gym membership"]
RESUME = ["Jane Roe", "SKILLS", "Python, SQL, Docker", "EXPERIENCE", "Data Engineer, Acme, 2019 - 2024",
          "• Built nightly ETL jobs in Python that load the", "warehouse and feed the finance dashboards",
          "• Passionate about cloud computing"]
MATCH = {
    "overall_score": 61.0, "confidence_score": 70.0, "skills_score": 60.0, "experience_score": 100.0,
    "education_score": 100.0, "keyword_score": 40.0, "algorithm_version": "9.9.9",
    "match_analysis": {
        "summary": "Overall match 61/100.",
        "requirements": [
            {"requirement": "Python", "kind": "skill", "importance": "required", "status": "met", "score": 1.0,
             "how": "exact", "evidence": "Built nightly ETL jobs in Python that load the warehouse", "line": 6},
            {"requirement": "Cloud computing", "kind": "skill", "importance": "required", "status": "partial",
             "score": 0.3, "how": "words", "evidence": "• Passionate about cloud computing", "line": 8},
            {"requirement": "Kafka", "kind": "skill", "importance": "required", "status": "missing", "score": 0.0},
            {"requirement": "Data Engineer", "kind": "title", "importance": "preferred", "status": "met",
             "score": 1.0, "evidence": "Data Engineer, Acme, 2019 - 2024", "line": 5},
            {"requirement": "gym", "kind": "keyword", "importance": "preferred", "status": "missing", "score": 0.0},
        ],
        "keywords": [{"term": "Python", "count_in_job": 1, "count_in_resume": 2},
                     {"term": "gym", "count_in_job": 1, "count_in_resume": 0}],
    },
    "skill_gaps": [{"skill": "Kafka", "importance": "required"}, {"skill": "Terraform", "importance": "required"}],
    "strengths": [{"requirement": "Python", "evidence": "Built nightly ETL jobs", "line": 6, "kind": "requirement"},
                  {"requirement": "Docker", "evidence": "Python, SQL, Docker", "line": 3, "kind": "extra"}],
}
PARSED_JOB = {"required_skills": [{"name": "Python", "surface": "Python", "line": 4},
                                  {"name": "Cloud computing", "surface": "cloud services", "line": 2}],
              "preferred_skills": [{"name": "Kafka", "surface": "Kafka", "line": 6}]}


def claims_file(pair_id: str = "dev01", ad_format: str = "skillspan") -> ClaimsFile:
    return ClaimsFile(
        pair_id=pair_id, run="test", algorithm_version="9.9.9", ad={"id": "ad", "format": ad_format},
        resume={"id": "cv", "format": "txt"}, ad_lines=AD, resume_lines=RESUME, resume_lines_shown=len(RESUME),
        scores={k: MATCH[k] for k in ("overall_score", "confidence_score", "skills_score", "experience_score",
                                      "education_score", "keyword_score")},
        summary="Overall match 61/100.", claims=claims_from_match(MATCH, RESUME, PARSED_JOB))


def judgment(pair_id: str = "dev01", judge: str = "reviewer-a", **overrides: dict) -> dict:
    answers = {
        "R01": {"requirement": "real", "importance": "right", "evidence": "shows"},
        "R02": {"requirement": "junk", "evidence": "wrong"},
        "R03": {"requirement": "real", "importance": "wrong", "missing": "truly_missing"},
        "R04": {"requirement": "real", "evidence": "shows"},
        "R05": {"requirement": "junk", "missing": "truly_missing"},
        "K01": {"keyword": "meaningful"},
        "K02": {"keyword": "junk"},
        "X01": {"evidence": "shows"},
        "G01": {"requirement": "real", "importance": "right", "missing": "truly_missing"},
    }
    for cid, change in overrides.items():
        answers[cid] = change
    return {"pair_id": pair_id, "judge": judge,
            "claims": [{"id": cid, **a, "reason": "because the lines say so"} for cid, a in answers.items()],
            "unlisted_requirements": [{"quote": "Strong Python and SQL skills", "importance": "required",
                                       "ad_line": 4}],
            "trust": 2, "trust_reason": "Half of it holds."}


def test_claims_get_stable_ids_and_the_questions_they_ask() -> None:
    claims = {c.id: c for c in claims_file().claims}
    assert list(claims) == ["R01", "R02", "R03", "R04", "R05", "K01", "K02", "X01", "G01"]
    assert claims["R01"].asks == ["requirement", "importance", "evidence"]
    assert claims["R03"].asks == ["requirement", "importance", "missing"]
    assert claims["R04"].asks == ["requirement", "evidence"]  # a title has no required/preferred to judge
    assert claims["R05"].asks == ["requirement", "missing"]
    assert claims["K01"].asks == ["keyword"] and claims["X01"].asks == ["evidence"]
    # the wrapped statement is cited whole, and the ad line it was read from is shown
    assert claims["R01"].lines == [6, 7] and claims["R01"].ad_lines == [4]
    assert claims["R02"].ad_surface == ["cloud services"]
    # a gap or strength that repeats a requirement is not a second claim; one that does not is
    assert claims["R01"].same_as == ["strength"] and claims["R03"].same_as == ["gap"]
    assert claims["X01"].label == "Docker" and claims["X01"].cited_text == "Python, SQL, Docker"
    assert claims["G01"].label == "Terraform" and claims["G01"].asks == ["requirement", "importance", "missing"]


def test_cited_span_rejoins_hyphenated_lines_and_keeps_a_single_line() -> None:
    lines = ["• Led the migra-", "tion of billing to Kafka", "Other"]
    assert cited_span(lines, 1, "Led the migration of billing to Kafka") == [1, 2]
    assert cited_span(lines, 3, "10.5 years of dated roles") == [3]
    assert cited_span(lines, None, "x") == [] and cited_span(lines, 9, "x") == []


def test_a_complete_judgment_is_valid() -> None:
    assert problems(claims_file(), judgment()) == []


@pytest.mark.parametrize(("raw", "expected"), [
    (judgment(R02={"requirement": "junk", "importance": "right", "evidence": "wrong"}),
     "R02: importance is judged for real requirements only"),
    (judgment(R01={"requirement": "real", "evidence": "shows"}), "R01: answer 'importance'"),
    (judgment(K01={"keyword": "meaningful", "evidence": "shows"}), "K01: 'evidence' is not asked"),
    (judgment(R03={"requirement": "real", "importance": "right", "missing": "actually_shown"}),
     "R03: actually_shown needs shown_at"),
    (judgment(R03={"requirement": "real", "importance": "right", "missing": "actually_shown", "shown_at": [99]}),
     "R03: shown_at has a line outside the resume (1-8)"),
    (judgment(R99={"keyword": "junk"}), "R99: no claim has this id"),
    (judgment(pair_id="dev02"), "pair_id is 'dev02'"),
    (judgment(R01={"requirement": "maybe"}), "not in the judgment format: R01 requirement must be 'real' or 'junk'"),
    ({**judgment(), "trust": None}, "not in the judgment format: trust must be a whole number from 1 to 5"),
])
def test_the_checker_names_each_problem(raw: dict, expected: str) -> None:
    found = problems(claims_file(), raw)
    assert any(p.startswith(expected) for p in found), found


def test_every_claim_once_and_quotes_from_the_ad() -> None:
    raw = judgment()
    raw["claims"] = [c for c in raw["claims"] if c["id"] != "K02"] + [raw["claims"][0]]
    raw["unlisted_requirements"].append({"quote": "Ten years of Rust", "importance": "required"})
    found = problems(claims_file(), raw)
    assert "R01: judged 2 times (judge each claim once)" in found
    assert "not judged: K02" in found
    assert any("'Ten years of Rust' is not in the ad" in p for p in found)


def test_the_scorer_counts_what_the_judges_said() -> None:
    t, by_kind = tally(claims_file(), PairJudgment.model_validate(judgment()))
    assert (t.evidence_judged, t.shows, t.weak, t.wrong) == (3, 2, 0, 1)  # R01, R02 (partial), R04 (title)
    assert (t.evidence_real_judged, t.shows_real) == (2, 2)
    assert (t.listed, t.junk, t.listed_real_ads, t.junk_real_ads) == (6, 2, 6, 2)
    assert (t.importance_judged, t.importance_wrong) == (3, 1)
    assert (t.missing_judged, t.actually_shown, t.unlisted) == (3, 0, 1)
    assert (t.keywords, t.keywords_meaningful, t.extra_judged, t.extra_shows) == (2, 1, 1, 1)
    assert by_kind["skill"].listed == 3 and by_kind["title"].shows == 1 and by_kind["gap"].missing_judged == 1


def _write_run(root: Path, judgments: dict[str, dict]) -> Path:
    run = root / "9.9.9-dev"
    (run / "judgments").mkdir(parents=True)
    for pair_id in ("dev01", "dev02"):
        (run / f"{pair_id}.claims.json").write_text(claims_file(pair_id).model_dump_json())
    for name, raw in judgments.items():
        (run / "judgments" / name).write_text(json.dumps(raw))
    return run


def test_a_run_is_scored_per_pair_and_overall_with_agreement(tmp_path: Path) -> None:
    second = judgment(judge="reviewer-b", R01={"requirement": "real", "importance": "right", "evidence": "weak"})
    run = _write_run(tmp_path, {"dev01.json": judgment(), "dev01.reviewer-b.json": second})
    packets, judged, found = read_run(run)
    assert found == [] and len(judged) == 2
    text = report(run, packets, judged)
    assert "**3 of 6 (50%)**; 1 weak, 2 wrong" in text  # two judgments of 3 met/partial claims each
    assert "**4 of 12 (33%)**; on the real (SkillSpan) ads 4/12" in text
    assert "Not judged yet: dev02." in text
    assert "| evidence | 3 of 4 (75%) |" in text  # the judges differ on one of four evidence answers


def test_the_scorer_refuses_an_invalid_run(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    bad = judgment()
    bad["claims"].pop()
    run = _write_run(tmp_path, {"dev01.json": bad, "dev03.json": judgment(pair_id="dev03")})
    monkeypatch.setattr(sys, "argv", ["evidence_score.py", str(run)])
    assert score_main() == 2
    err = capsys.readouterr().err
    assert "judgments/dev01.json: not judged: G01" in err
    assert "judgments/dev03.json: no packet dev03.claims.json in this run" in err


def test_the_schema_file_is_the_model_schema() -> None:
    assert (REPO / "bench" / "evidence" / "judgment.schema.json").read_text() == schema_text()


def pdf_ids(pairs: list[dict]) -> set[str]:
    """The livecareer ids of the pairs' resumes: one resume, whichever folder holds its PDF."""
    return set(re.findall(r"(\d+)\.pdf$", "\n".join(p["resume"]["source"] for p in pairs), re.MULTILINE))


def test_the_sets_share_no_ad_and_no_resume() -> None:
    data = json.loads(PAIRS_FILE.read_text())
    dev, held, held2, held3 = (data["sets"][name] for name in ("dev", "heldout", "heldout2", "heldout3"))
    assert len(dev) == 10 and len(held) >= 10 and len(held2) >= 8 and len(held3) >= 8 and data["procedure"]
    for key, sets in (("ad", (dev, held, held2, held3)), ("resume", (dev, held, held2))):
        ids = [{p[key]["id"] for p in pairs} for pairs in sets]
        assert sum(map(len, ids)) == len(set().union(*ids))
    assert {p["resume"]["id"] for p in held3} <= {p["resume"]["id"] for p in held}  # unseen ads, held-out resumes
    formats = {p["resume"]["format"] for p in dev + held}
    assert {"two_column_pdf", "docx", "txt", "pdf"} <= formats
    assert all(compatible_entry(p) for p in dev + held)
    assert all(compatible_entry(p, neighbours=True) for p in held2 + held3)


# held-out 5: the step-9 sources leave only five resumes compatible with an unused ad (the unused ads are all
# developer roles; most unused resumes are graphic designers and IT managers), so each of them is in two pairs
@pytest.mark.parametrize(("name", "size", "per_resume"), [("heldout4", 10, 1), ("heldout5", 10, 2)])
def test_late_heldouts_use_unused_ads_and_resumes_from_sources_never_in_the_pool(
        name: str, size: int, per_resume: int) -> None:
    data = json.loads(PAIRS_FILE.read_text())
    names = list(data["sets"])
    earlier = [p for earlier_name in names[:names.index(name)] for p in data["sets"][earlier_name]]
    held = data["sets"][name]
    assert len(held) == size and [p["id"] for p in held] == [f"{name}-{i:02d}" for i in range(1, size + 1)]
    assert {p["ad"]["format"] for p in held} == {"skillspan"}
    assert len({p["ad"]["id"] for p in held}) == size
    resume_ids = [p["resume"]["id"] for p in held]
    assert len(set(resume_ids)) == size // per_resume
    assert all(resume_ids.count(r) == per_resume for r in resume_ids)
    if per_resume == 2:  # the second pass gives the first pass's resumes a second ad, in the same order
        assert resume_ids[size // 2:] == resume_ids[:size // 2]
    assert not {p["ad"]["id"] for p in held} & {p["ad"]["id"] for p in earlier}
    assert not {p["resume"]["id"] for p in held} & {p["resume"]["id"] for p in earlier}
    new_sources = ("ferr_hr_relevance_livecareer/", "livecareer_resume_pdfs_sample/", "kaggle_updated_resume_dataset/")
    assert all(p["resume"]["source"].startswith(new_sources) for p in held)
    assert pdf_ids(earlier) and pdf_ids(held) and not pdf_ids(earlier) & pdf_ids(held)
    assert all(p["resume"]["fields"] and p["resume"]["licence"] == "unknown (internal only)" for p in held)
    assert {p["resume"]["format"] for p in held} == {"pdf", "txt"}
    assert all(compatible_entry(p) for p in held)  # a shared field, no neighbouring ones


# held-out 6: plain texts in lines, shown in full by a packet; held-out 7: the same sources' texts flattened into few
# long lines (of held-out 6's length, failing its shape only by a line over 300 characters or under 20 lines)
@pytest.mark.parametrize("name", ["heldout6", "heldout7"])
def test_plain_text_heldouts_pair_unused_ads_with_texts_never_in_an_earlier_pair(evaldata: Path, name: str) -> None:
    data = json.loads(PAIRS_FILE.read_text())
    names = list(data["sets"])
    earlier = [p for earlier_name in names[:names.index(name)] for p in data["sets"][earlier_name]]
    held = data["sets"][name]
    assert [p["id"] for p in held] == [f"{name}-{i:02d}" for i in range(1, 11)]
    assert {p["ad"]["format"] for p in held} == {"skillspan"} and len({p["ad"]["id"] for p in held}) == 10
    assert not {p["ad"]["id"] for p in held} & {p["ad"]["id"] for p in earlier}
    assert not {p["resume"]["id"] for p in held} & {p["resume"]["id"] for p in earlier}
    assert all(p["resume"]["format"] == "txt" and p["resume"]["fields"] and compatible_entry(p) for p in held)
    sources = (f"{DOTIN_TEST_ZIP}:", f"{DOTIN_ZIP}:", f"{KAGGLE_CSV}#")
    assert all(p["resume"]["source"].startswith(sources) for p in held)
    assert LATE_TEXT_CHARS[1] == SHOWN_CHARS and LATE_TEXT_LINES[1] == SHOWN_LINES  # shown in full in a packet
    texts = [resume_text(evaldata, p["resume"]) for p in held]
    earlier_texts = {text_key(resume_text(evaldata, p["resume"]) or "") for p in earlier}
    for text in texts:
        lines = text.splitlines()
        assert 1000 <= len(text) <= 16000 and len(lines) <= 220
        in_lines = len(lines) >= 20 and max(map(len, lines)) <= 300
        assert in_lines == (name == "heldout6")  # held-out 7's are flattened
        assert text_key(text) not in earlier_texts
    assert len({text_key(t) for t in texts}) == len({p["resume"]["id"] for p in held})  # one text, one resume


# held-out 8: unused ads of any length a packet shows in full x unused resumes of every earlier source, PDFs first
def test_heldout8_pairs_unused_ads_of_relaxed_length_with_resumes_no_earlier_pair_used(evaldata: Path) -> None:
    data = json.loads(PAIRS_FILE.read_text())
    names = list(data["sets"])
    earlier = [p for name in names[:names.index("heldout8")] for p in data["sets"][name]]
    held = data["sets"]["heldout8"]
    assert [p["id"] for p in held] == [f"heldout8-{i:02d}" for i in range(1, 11)]
    assert {p["ad"]["format"] for p in held} == {"skillspan"} and len({p["ad"]["id"] for p in held}) == 10
    assert len({p["resume"]["id"] for p in held}) == 10
    assert not {p["ad"]["id"] for p in held} & {p["ad"]["id"] for p in earlier}
    assert not {p["resume"]["id"] for p in held} & {p["resume"]["id"] for p in earlier}
    assert all(p["resume"]["fields"] and compatible_entry(p) for p in held)  # no neighbouring fields needed
    for pair in held:
        text = ad_text(evaldata, pair["ad"]) or ""
        assert "-tech-" in pair["ad"]["id"] and pair["ad"]["fields"] and len(pair["ad"]["title"]) <= AD_MAX_TITLE
        assert len(text.splitlines()) >= LATE_AD_MIN_SENTENCES and len(text) <= LATE_TEXT_CHARS[1] + 1
    assert any(len((ad_text(evaldata, p["ad"]) or "").splitlines()) < 30 for p in held)  # the relaxed lengths are used
    formats = [p["resume"]["format"] for p in held]
    assert "pdf" in formats and formats == sorted(formats, key=lambda f: f != "pdf")  # PDFs drawn first

    assert pdf_ids(held) and not pdf_ids(earlier) & pdf_ids(held)
    earlier_texts = {text_key(resume_text(evaldata, p["resume"]) or "") for p in earlier}
    texts = [t for t in (resume_text(evaldata, p["resume"]) for p in held) if t is not None]
    for text in texts:
        assert LATE_TEXT_CHARS[0] <= len(text) <= LATE_TEXT_CHARS[1] and len(text.splitlines()) <= LATE_TEXT_LINES[1]
        assert text_key(text) not in earlier_texts
    assert len({text_key(t) for t in texts}) == len(texts)


def test_a_designer_off_screen_is_not_of_the_design_field() -> None:
    for headline in ("MECHANICAL DESIGNER", "Floral Designer", "ELECTRICAL CAD DESIGNER", "Instructional Designer"):
        assert re.search(OFF_SCREEN_DESIGN, headline, re.IGNORECASE)
    for headline in ("LEAD UX/UI DESIGNER", "Graphic Designer", "Senior Product Designer"):
        assert not re.search(OFF_SCREEN_DESIGN, headline, re.IGNORECASE)


def compatible_entry(pair: dict, *, neighbours: bool = False) -> bool:
    def doc(entry: dict) -> Doc:
        return Doc(entry["id"], entry["source"], entry["format"], entry["title"], tuple(entry["fields"]),
                   entry["management"], entry["licence"])

    return compatible(doc(pair["ad"]), doc(pair["resume"]), neighbours=neighbours)


def test_fields_and_postings_text() -> None:
    assert fields_of("Senior Java Developer") == (("java", "software"), False)
    assert fields_of("Head of IT (m/f/d)") == (("it_ops",), True)
    assert fields_of("it is fun")[0] == ()  # "IT" is a field only in capitals
    assert detokenize(["Engineer", "(", "m/f/d", ")", "<ORGANIZATION>", "<ORGANIZATION>", "is", "hiring", "."]) \
        == "Engineer (m/f/d) [ORGANIZATION] is hiring."


# held-out 9: A, what step 13 left (its rules); B, SkillSpan "house" ads x livecareer PDFs of every category, the
# fields being livecareer categories (HOUSE_FIELDS on the ad's first sentences; the resume's category)
def test_heldout9_continues_step_13_then_pairs_house_ads_with_livecareer_pdfs(evaldata: Path) -> None:
    data = json.loads(PAIRS_FILE.read_text())
    names = list(data["sets"])
    earlier = [p for name in names[:names.index("heldout9")] for p in data["sets"][name]]
    held = data["sets"]["heldout9"]
    assert [p["id"] for p in held] == [f"heldout9-{i:02d}" for i in range(1, 11)]
    assert len({p["ad"]["id"] for p in held}) == len({p["resume"]["id"] for p in held}) == 10
    assert not {p["ad"]["id"] for p in held} & {p["ad"]["id"] for p in earlier}
    assert not {p["resume"]["id"] for p in held} & {p["resume"]["id"] for p in earlier}
    part_a = [p for p in held if "-tech-" in p["ad"]["id"]]
    part_b = held[len(part_a):]
    assert part_a == held[:len(part_a)] and 0 < len(part_a) <= data["pool_heldout9"]["part_a"]["ads"]["skillspan"]
    assert all(compatible_entry(p) and p["ad"]["fields"] for p in part_a)  # step 13's rules
    categories = {cat for _, cats in HOUSE_FIELDS for cat in cats}
    for pair in part_b:
        ad, resume = pair["ad"], pair["resume"]
        text = ad_text(evaldata, ad) or ""
        assert "-house-" in ad["id"] and ad["format"] == "skillspan" and ad["licence"] == "MIT"
        assert len(text.splitlines()) >= LATE_AD_MIN_SENTENCES and len(text) <= LATE_TEXT_CHARS[1] + 1
        assert set(ad["fields"]) <= categories and 0 < len(ad["title"]) <= AD_MAX_TITLE
        assert resume["format"] == "pdf" and resume["source"].startswith(("ferr_hr_relevance_livecareer/",
                                                                           "livecareer_resume_pdfs_sample/"))
        assert len(resume["fields"]) == 1 and resume["fields"][0] in ad["fields"] and resume["title"]
        assert pair["shared_fields"] == resume["fields"] and (evaldata / resume["source"]).is_file()
        assert resume_text(evaldata, resume) is None  # the packet reads the PDF itself
    assert len({p["resume"]["fields"][0] for p in part_b}) == len(part_b)  # fields spread: one pair each

    assert pdf_ids(part_b) and not pdf_ids(earlier) & pdf_ids(held)
    assert len(pdf_ids(held)) == sum(p["resume"]["source"].endswith(".pdf") for p in held)


def test_a_house_ad_takes_the_categories_and_title_of_its_role_words() -> None:
    sentences = ["We are [ORGANIZATION], a growing firm.", "We seek a Senior Accountant to join our team.",
                 "You will report to the CFO.", "Fourth sentence about recruitment is not read."]
    ad = house_ad("skillspan-train-house-1", "ref", sentences)
    assert ad.title == "Accountant" and ad.fields == ("ACCOUNTANT", "FINANCE")
    assert house_ad("k", "ref", ["Join our neuroscientists in the lab."]).fields == ()  # no role word starts there
    assert house_ad("k", "ref", ["Our product marketing team seeks a copywriter."]).title == "marketing"
    assert house_ad("k", "ref", ["A warehouse role.", "Lift boxes."]).fields == ()


def test_step_14_reads_a_field_only_where_a_word_starts() -> None:
    salesperson = Doc("r", "src", "txt", "automobile sales professional", ("mobile",), False, "CC0")
    assert at_word_starts(salesperson).fields == ()
    developer = Doc("r", "src", "txt", "Senior Android developer", (), False, "CC0")
    assert at_word_starts(developer).fields == ("mobile", "software")


def house_set_fields(data: dict, name: str, evaldata: Path) -> list[str]:
    """Checks a set of steps 15 and 16 (unused house ads x unused livecareer PDFs, at most HELDOUT10_PER_FIELD
    pairs per category, the packet's inputs read from a pair entry) and gives its resumes' categories in order."""
    names = list(data["sets"])
    earlier = [p for other in names[:names.index(name)] for p in data["sets"][other]]
    held = data["sets"][name]
    assert [p["id"] for p in held] == [f"{name}-{i:02d}" for i in range(1, 11)]
    assert len({p["ad"]["id"] for p in held}) == len({p["resume"]["id"] for p in held}) == 10
    assert not {p["ad"]["id"] for p in held} & {p["ad"]["id"] for p in earlier}
    assert pdf_ids(held) and not pdf_ids(earlier) & pdf_ids(held)
    assert len(pdf_ids(held)) == len(held)  # one resume per livecareer id
    categories = {cat for _, cats in HOUSE_FIELDS for cat in cats}
    for pair in held:  # house ad x livecareer PDF, as step 14 part B
        ad, resume = pair["ad"], pair["resume"]
        assert "-house-" in ad["id"] and ad["format"] == "skillspan" and ad["licence"] == "MIT"
        assert set(ad["fields"]) <= categories and 0 < len(ad["title"]) <= AD_MAX_TITLE
        assert resume["format"] == "pdf" and resume["source"].startswith(("ferr_hr_relevance_livecareer/",
                                                                           "livecareer_resume_pdfs_sample/"))
        assert len(resume["fields"]) == 1 and resume["fields"][0] in ad["fields"] and resume["title"]
        assert pair["shared_fields"] == resume["fields"] and (evaldata / resume["source"]).is_file()
    fields = [p["resume"]["fields"][0] for p in held]
    assert max(map(fields.count, fields)) <= HELDOUT10_PER_FIELD
    # the packet's inputs come from a pair entry as for held-out 9: the ad rebuilt, the resume the PDF itself
    text = ad_text(evaldata, held[0]["ad"]) or ""
    assert len(text.splitlines()) >= LATE_AD_MIN_SENTENCES and len(text) <= LATE_TEXT_CHARS[1] + 1
    assert resume_text(evaldata, held[0]["resume"]) is None
    return fields


def house_categories(data: dict, *names: str) -> list[str]:
    """The resume categories of the house-ad pairs of these sets, one entry per pair."""
    return [f for name in names for p in data["sets"][name] if "-house-" in p["ad"]["id"]
            for f in p["resume"]["fields"]]


# held-out 10: step 14 part B's rules on what it left, fields spread (step 14's unpaired categories first, at most
# two pairs per category)
def test_heldout10_pairs_unused_house_ads_with_unused_livecareer_pdfs_fields_spread(evaldata: Path) -> None:
    data = json.loads(PAIRS_FILE.read_text())
    fields = house_set_fields(data, "heldout10", evaldata)
    step14 = set(house_categories(data, "heldout9"))
    first_pass = fields[:next(i for i, f in enumerate(fields) if f in step14)]
    assert first_pass and len(set(first_pass)) == len(first_pass)  # step 14's unpaired categories first, one each


# held-out 11: step 15's rules on what it left, the categories steps 14 (part B) and 15 paired least first
def test_heldout11_continues_step_15_least_paired_categories_first(evaldata: Path) -> None:
    data = json.loads(PAIRS_FILE.read_text())
    assert list(data["sets"])[-1] == "heldout11" and "pool_heldout11" in data
    fields = house_set_fields(data, "heldout11", evaldata)
    earlier = house_categories(data, "heldout9", "heldout10")
    counts = [earlier.count(f) for f in fields]
    spread = fields[:next((i for i, f in enumerate(fields) if f in fields[:i]), len(fields))]
    assert len(spread) >= 2 and counts[:len(spread)] == sorted(counts[:len(spread)])  # least paired first


def test_least_used_passes_take_unpaired_then_each_count_reached_then_two_per_field() -> None:
    assert least_used_passes(["A", "A", "B", "C", "C", "C"]) == (
        (1, frozenset({"A", "B", "C"})), (1, frozenset({"A", "C"})), (1, frozenset({"C"})), (1, frozenset()),
        (HELDOUT10_PER_FIELD, frozenset()))
    assert least_used_passes([]) == ((1, frozenset()), (HELDOUT10_PER_FIELD, frozenset()))


def test_a_spread_draw_caps_each_field_and_leaves_out_fields_in_early_passes() -> None:
    def doc(id_: str, field: str) -> Doc:
        return Doc(id_, "src", "pdf", field, (field,), False, "none")

    ads = [doc(f"ad-{i}", field) for i, field in enumerate(["A", "A", "A", "B", "B", "C"])]
    resumes = [doc(f"r-{i}", field) for i, field in enumerate(["A", "A", "A", "B", "B", "C"])]
    passes = ((1, frozenset({"A"})), (1, frozenset()), (2, frozenset()))
    pairs = draw_spread(random.Random(1), 10, ads, resumes, passes)
    fields = [r.fields[0] for _, r in pairs]
    assert sorted(fields[:2]) == ["B", "C"] and fields[2] == "A"  # A left out of the first pass, then one each
    assert sorted(fields) == ["A", "A", "B", "B", "C"]  # at most two per field: the third A resume is not drawn
    assert all(ad.fields == r.fields for ad, r in pairs) and len({ad.id for ad, _ in pairs}) == len(pairs)
    assert len(draw_spread(random.Random(1), 3, ads, resumes, passes)) == 3  # never past the size

"""A stored resume profile scores exactly like a freshly prepared resume; the fast paths change no output."""

from __future__ import annotations

import json
import re

import pytest

from jobfit.documents.job import parse_job, parse_job_file
from jobfit.documents.models import ContactField, ContactInfo
from jobfit.documents.resume import parse_resume
from jobfit.documents.statements import evidence_lines, is_attendance, list_items
from jobfit.matching import (
    PROFILE_VERSION,
    ResumeProfile,
    explain,
    prepare_job,
    prepare_resume,
    rank_resumes,
    score_match,
    score_prepared,
)
from jobfit.matching.background import is_entry_level
from jobfit.matching.models import Strength
from jobfit.matching.profile import (
    SECTION_WEIGHT,
    UNSECTIONED_WEIGHT,
    Degree,
    Role,
    SkillRecord,
    resume_statements,
)
from jobfit.matching.text import LineIndex, content_tokens, phrase_terms
from jobfit.redaction import redact as redact_module
from jobfit.redaction import redact_for_embedding
from jobfit.skills import load_taxonomy
from tests.conftest import DOTIN_TEXTS, SAMPLES, evaldata_path

JOBS = [
    ("Accountant", "Prepare financial statements, journal entries and reconciliations.",
     "3+ years of experience. Bachelor's degree in Accounting. QuickBooks, Excel, GAAP, payroll."),
    ("Registered Nurse", "Patient care, triage and charting in a busy hospital ward.",
     "BSN required. 2 years experience. EMR, patient education, IV therapy."),
    ("Senior Python Developer", "Build APIs with Python, Django and PostgreSQL.",
     "5+ years Python; Docker, AWS, SQL; leadership of small teams preferred."),
]


def _dump(result) -> dict:
    data = result.model_dump()
    data.pop("processing_time_ms")
    return data


_PARSED: list = []


def _real_resumes(n: int) -> list:
    """Real resumes, parsed once per test session: the committed samples (5 PDFs, 10 texts), then, where the
    evaluation data is present, livecareer resume PDFs up to 60 in all."""
    if not _PARSED:
        files = sorted((SAMPLES / "resumes").glob("*.pdf")) + sorted(DOTIN_TEXTS.glob("*.txt"))
        folder = evaldata_path() / "ferr_hr_relevance_livecareer" / "resumes_pdf"
        pdfs = sorted(folder.glob("*.pdf"))
        files += pdfs[:: max(1, len(pdfs) // 60)][: 60 - len(files)]
        _PARSED.extend(parse_resume(p.read_bytes(), p.name) for p in files)
    return _PARSED[:n]


@pytest.fixture(scope="module")
def jobs():
    return [parse_job(title=t, description=d, requirements=r) for t, d, r in JOBS]



def test_stored_profile_scores_like_score_match_on_real_resumes(jobs):
    for resume in _real_resumes(8):
        stored = json.loads(json.dumps(prepare_resume(resume).to_dict()))  # as a JSON column returns it
        profile = ResumeProfile.from_dict(stored)
        for job in jobs:
            assert _dump(score_prepared(profile, prepare_job(job))) == _dump(score_match(resume, job))


def test_from_dict_rebuilds_the_same_profile():
    for resume in _real_resumes(5):
        fresh = prepare_resume(resume)
        loaded = ResumeProfile.from_dict(fresh.to_dict())
        assert loaded.resume is None and fresh.resume is not None
        assert loaded.index.lines == fresh.index.lines
        assert loaded.index.line_tokens == fresh.index.line_tokens
        assert loaded.index.postings == fresh.index.postings
        for name in ("section_of_line", "weight_of_line", "entry_recency", "roles", "degrees", "parse_quality",
                     "years", "years_line"):
            assert getattr(loaded, name) == getattr(fresh, name), name
        assert loaded.skills == fresh.skills
        assert {type(r) for r in loaded.skills.values()} <= {SkillRecord}
        assert {type(r) for r in loaded.roles} <= {Role} and {type(d) for d in loaded.degrees} <= {Degree}


def test_line_look_ups_read_the_per_line_lists_and_nothing_outside_them():
    for resume in _real_resumes(3):
        for profile in (fresh := prepare_resume(resume), ResumeProfile.from_dict(json.loads(fresh.to_json()))):
            n = len(profile.index.lines)
            for number in range(1, n + 1):
                assert profile.section(number) == profile.section_of_line[number - 1]
                assert profile.weight(number, "references") == profile.weight_of_line[number - 1]
                assert profile.line_text(number) == (profile.lines[number - 1].strip() or None)
            for outside in (None, -1, 0, n + 1):
                assert profile.section(outside) is None and profile.line_text(outside) is None
                assert profile.weight(outside) == UNSECTIONED_WEIGHT
                assert profile.weight(outside, "references") == SECTION_WEIGHT["references"]


def test_stored_index_and_line_weights_equal_a_rebuild_after_json():
    """Postings and per-line lists are stored, not recomputed on load: they must equal a fresh computation."""
    for resume in _real_resumes(8):
        fresh = prepare_resume(resume)
        loaded = ResumeProfile.from_dict(json.loads(json.dumps(fresh.to_dict())))
        rebuilt = ResumeProfile.build(fresh.resume)
        text = fresh.resume.text_content
        evidence = "\n".join(evidence_lines(text.split("\n"), resume_statements(fresh.resume)))
        assert loaded.index.postings == rebuilt.index.postings == LineIndex(evidence).postings
        assert loaded.index.line_tokens == rebuilt.index.line_tokens
        assert loaded.index.lines == rebuilt.index.lines == evidence.split("\n")
        assert loaded.lines == rebuilt.lines == text.split("\n")
        assert loaded.statements == rebuilt.statements and loaded.statements_key == rebuilt.statements_key
        assert loaded.statement_texts() == rebuilt.statement_texts()
        for name in ("section_of_line", "weight_of_line", "entry_recency", "years", "years_line", "shapes", "roles"):
            assert getattr(loaded, name) == getattr(rebuilt, name), name


def _mentions(fresh: ResumeProfile) -> dict[str, list]:
    """The taxonomy skill mentions of a freshly built profile's (redacted) resume, by skill id in first-mention
    order: what the stored `SkillRecord`s are computed from, and what the references below read instead."""
    out: dict[str, list] = {}
    for m in fresh.resume.skills:
        out.setdefault(m.skill_id, []).append(m)
    return out


def _reference_strength_extras(assessments, profile, mentions_by_id) -> list:
    """The straightforward extras of `explain.strengths` (everything recomputed per job, from the mentions)."""
    wanted = {a.requirement.skill_id for a in assessments if a.requirement.skill_id}
    extras = []
    for skill_id, mentions in mentions_by_id.items():
        if skill_id in wanted:
            continue
        if not any(profile.section(m.line) in ("experience", "projects") for m in mentions):
            continue
        # each line once, and only statements of work: no role heading, project title or headline, no workshop;
        # a skill that is no named tool by its own words; never only as a modifier, nor an internship's title
        entry = load_taxonomy().get(skill_id)
        named = {line for words in person_forms(phrase_terms(mentions[0].name))
                 for line in profile.index.phrase_lines(words) if not names_only_others(profile.line_text(line), words)}
        interns = {r.line for r in profile.roles if is_entry_level(r.title)} | {
            n for n in range(1, len(profile.lines) + 1)
            if len((profile.line_text(n) or "").split()) <= 8 and is_entry_level(profile.line_text(n))}
        in_work = sorted({m.line for m in mentions if profile.section(m.line) in ("experience", "projects")
                          and m.surface.lower() in profile.index.lines[m.line - 1].lower()
                          and profile.shape_at(m.line) in ("sentence", "list") and not profile.attended(m.line)
                          and ((entry is not None and entry.is_tech)
                               or (m.line in named and accepted("other", "exact", profile.shape_at(m.line) == "list")))
                          and m.line not in interns
                          and not names_another_thing(profile.line_text(m.line) or "", phrase_terms(m.surface))})
        if not in_work:
            continue
        relevance = max((a.requirement.related.get(skill_id, ("", 0.0))[1] for a in assessments), default=0.0)
        if relevance <= 0.0 and len(in_work) < 2:
            continue
        # the line a recruiter reads as proof: one writing the name, no student's work or post, a sentence
        words = written_terms(mentions[0].name)
        by_name = set(profile.index.phrase_lines(words))

        def texts(n: int) -> str | None:
            k = profile.statement_at(n)
            return profile.statement_text(k) if k >= 0 else profile.line_text(n)

        first = sorted(in_work, key=lambda n: (n not in by_name, is_academic(texts(n))
                                               or named_only_as_post(texts(n), words),
                                               profile.shape_at(n) != "sentence"))[0]
        extras.append((-(relevance + 0.1 * len(in_work)), skill_id,
                       Strength(requirement=mentions[0].name,
                                evidence=profile.statement_text(profile.statement_at(first)),
                                section=profile.section(first), line=first, kind="extra")))
    extras.sort(key=lambda t: (t[0], t[1]))
    return [s for _, _, s in extras[: explain.MAX_EXTRAS]]


def test_strengths_equal_the_straightforward_version(jobs):
    from jobfit.matching.engine import _assess_background
    from jobfit.matching.evidence import assess_skill

    def _assess(profile, req):
        return assess_skill(profile, req) if req.kind in ("skill", "keyword") else _assess_background(profile, req)

    for resume in _real_resumes(12):
        fresh = prepare_resume(resume)
        profile = ResumeProfile.from_dict(json.loads(json.dumps(fresh.to_dict())))
        for job in jobs:
            assessments = [_assess(profile, req) for req in prepare_job(job).requirements]
            got = [s for s in explain.strengths(assessments, profile) if s.kind == "extra"]
            assert got == _reference_strength_extras(assessments, profile, _mentions(fresh))


def test_from_dict_rejects_another_version():
    resume = _real_resumes(1)[0]
    stored = prepare_resume(resume).to_dict()
    assert stored["version"] == PROFILE_VERSION
    with pytest.raises(ValueError):
        ResumeProfile.from_dict({**stored, "version": PROFILE_VERSION + 1})


def test_rank_resumes_accepts_profiles(jobs):
    resumes = _real_resumes(6)
    job = jobs[0]
    plain = rank_resumes(job, [(i, r, None) for i, r in enumerate(resumes)])
    mixed = rank_resumes(job, [(i, ResumeProfile.from_dict(prepare_resume(r).to_dict()) if i % 2 else r, None)
                               for i, r in enumerate(resumes)])
    assert [(i, _dump(r)) for i, r in plain] == [(i, _dump(r)) for i, r in mixed]


def test_line_index_tokens_match_per_line_tokenisation():
    text = "C++ and .NET dev\n\nNode.js, CI/CD — tested testing\r\nthe end’s ok\n"
    index = LineIndex(text)
    assert index.line_tokens == [content_tokens(line) for line in text.split("\n")]
    for resume in _real_resumes(20):
        lines = resume.text_content.split("\n")
        assert LineIndex(resume.text_content).line_tokens == [content_tokens(line) for line in lines]


def _reference_redact(text: str, contact_info: ContactInfo | None = None) -> str:
    """The straightforward version of `redact_for_embedding` (every pattern on the whole text)."""
    r = redact_module
    contact_info = contact_info or ContactInfo()
    fields = r._contact_fields(contact_info)
    lines = []
    for line in text.split("\n"):
        line = r._redact_contacts(line, fields)
        if sum(ch in "0123456789" for ch in line) >= 9:
            line = re.compile(r"\+?\(?\d[\d \t().-]{7,}\d").sub(r._phone, line)
        lines.append(line)
    out = "\n".join(lines)
    name = r._name_pattern(contact_info)
    if name is not None:
        out = name.sub(r._name_case, out)
    punct = str.maketrans({c: " " for c in "!\"#$%&()*+,-./:;<=>?@[\\]^_`{|}~\u2019\u2018\u201c\u201d"})
    words = frozenset(out.lower().translate(punct).split())
    street = re.compile(r._STREET.pattern.replace(r"\d(?<!\w.)\d{0,4}", r"\b\d{1,5}", 1), re.IGNORECASE)
    for gate, pattern in ((r._PERSONAL_TRIGGERS, r._PERSONAL_LINE), (r._AGE_WORDS, r._AGE),
                          (r._STREET_WORDS, street), (r._HONORIFIC_WORDS, r._HONORIFIC)):
        if words & gate:
            out = pattern.sub(" ", out)
    out = r._TOWN_STATE_ZIP.sub(" ", out)
    gendered = words & r._GENDERED_WORDS
    if gendered:
        out = r._gendered_pattern(gendered).sub(r._neutral, out)
    # a line redaction left without a single word is emptied
    return "\n".join("" if after != before and after.strip() and not re.search(r"\w", after) else after
                     for after, before in zip(out.split("\n"), text.split("\n"), strict=True))


TRICKY = [
    "Jane Doe\nMs Jane Doe, 12 Main Street, Apt 4\nDate of birth: 01/02/1990  Age: 33\nShe led her team.",
    "Birthdate: 1990\nmarıtal status: single\nDOB - 1/1/80\nd.o.b.: x\naged 45\n30 years old\n",
    "Phone +44 20 7946 0958 and (415) 555-0100; ٠١٢٣٤٥٦٧٨٩ ; 2019 - 2020 12345678\nMR. Smith, Mrs. Jones",
    "Ruby, Python, Julia\napps in Ruby\nRuby led the team\nGRANT writing; Grant\nwaitress\u2019s chairman’s",
    "İstanbul KELVİN ſex: x\n\xa0he\u2003she\x1cher\nwomen's men's\nlinkedin.com/in/jane www.x.org/y a@b.co",
    "1450 W Martin Luther King Jr Blvd, Los Angeles, CA 90062\n41-60 Main Street, Flushing, NY 11355 | a@b.co\n"
    "Python in NY 10001 | ---\n(415) 555-0134 | www.x.org/y\n",
]


@pytest.mark.parametrize("text", TRICKY)
@pytest.mark.parametrize("name", [None, "Jane Doe", "Ruby Grant", "José Ñúñez", "Dr. J. Smith"])
def test_redaction_equals_the_straightforward_version(text, name):
    info = ContactInfo(name=ContactField(value=name, confidence=0.9)) if name else None
    assert redact_for_embedding(text, info) == _reference_redact(text, info)


def test_redaction_equals_the_straightforward_version_on_real_resumes():
    for resume in _real_resumes(60):
        info = resume.contact_info
        assert redact_for_embedding(resume.text_content, info) == _reference_redact(resume.text_content, info)
        for section in resume.sections.values():
            assert redact_for_embedding(section.text, info) == _reference_redact(section.text, info)


def test_rank_resumes_returns_score_match_results_in_full_order(jobs):
    """Ranking scores numerically and explains only the top_k: same results and order as scoring everything."""
    from jobfit.matching.engine import evaluate

    resumes = _real_resumes(12)
    stored = [ResumeProfile.from_dict(json.loads(json.dumps(prepare_resume(r).to_dict()))) for r in resumes]
    for job in jobs:
        prepared = prepare_job(job)
        full = [(i, score_match(r, job)) for i, r in enumerate(resumes)]
        for profile, (_, result) in zip(stored, full, strict=True):
            assert evaluate(profile, prepared).overall_score == result.overall_score
        full.sort(key=lambda p: (-p[1].overall_score, p[0]))
        for top_k in (None, 5, 0):
            ranked = rank_resumes(job, [(i, p, None) for i, p in enumerate(stored)], top_k)
            expected = full if top_k is None else full[:top_k]
            assert [i for i, _ in ranked] == [i for i, _ in expected]
            assert [_dump(r) for _, r in ranked] == [_dump(r) for _, r in expected]


def test_the_explained_rows_give_the_sub_scores_the_pair_was_scored_with(jobs):
    """`explain_evaluated` reads the pair's own sub-scores: recomputed from the explained requirement rows and
    keyword counts (the reader's path), the skills and keyword sub-scores are the ones reported and ranked."""
    from jobfit.matching import scores
    from jobfit.matching.engine import evaluate, explain_evaluated

    for resume in _real_resumes(8):
        profile = prepare_resume(resume)
        saturation = scores.keyword_saturation(profile.index.length)
        for job in jobs:
            prepared = prepare_job(job)
            pair = evaluate(profile, prepared)
            result = explain_evaluated(pair)
            rows = list(zip(prepared.requirements, result.match_analysis.requirements, strict=True))
            counts = iter(k.count_in_resume for k in result.match_analysis.keywords)
            skills = scores.group_percent([(r.group, (row.score, scores.skill_weight(r)))
                                           for r, row in rows if r.kind == "skill"])
            keywords = scores.group_percent([
                (r.group, (scores.keyword_credit(next(counts), 0, saturation), scores.keyword_weight(r)))
                for r, _ in rows if r.kind in ("skill", "keyword") and r.terms])
            assert (pair.components["skills"], pair.components["keywords"]) == (skills, keywords)
            assert (result.skills_score, result.keyword_score) == (round(skills or 0.0, 2), round(keywords or 0.0, 2))
            assert result.overall_score == pair.overall_score


# The straightforward version of the evidence search (a list of candidate objects, then min by key), kept
# here as the reference the lean single-pass scan in `evidence.py` must equal.
from jobfit.matching.evidence import (  # noqa: E402
    _GENERIC_FIELD,
    _PRACTICE_ROLES,
    DEPTH_BASE,
    DEPTH_LINES,
    DEPTH_STEP,
    MEANING_QUALITY,
    QUALITY,
    RELATION_TERMS,
    Candidate,
    accepted,
    is_academic,
    is_field_of_study,
    known_only_as_example,
    named_only_among_others,
    named_only_as_modifier,
    named_only_as_part_of_a_name,
    named_only_as_post,
    named_only_in_facts,
    names_another_thing,
    names_only_before_others,
    names_only_others,
    person_forms,
    requirement_class,
    short_use,
    spaced_spellings,
    written_terms,
)
from jobfit.matching.meaning import Thresholds, is_named_tool  # noqa: E402
from jobfit.matching.requirements import Requirement  # noqa: E402

_TIERS = {"exact": 0, "alias": 0, "child": 1, "meaning": 2}


def _ref_value(c: Candidate) -> float:
    return c.quality * c.weight


def _ref_taxonomy_hits(mentions_by_id: dict[str, list], req: Requirement) -> list[str]:
    """The resume's skills that are the wanted one or its taxonomy neighbours, in `mentions_by_id` order."""
    return [s for s in mentions_by_id if s == req.skill_id or s in req.related]


def _ref_lexical(profile: ResumeProfile, req: Requirement) -> list[Candidate]:
    out: list[Candidate] = []
    forms = [(req.terms, "exact", None)] + [(a, "alias", None) for a in req.aliases]
    forms += [(spaced, "alias", None) for words, _, _ in list(forms) if len(words) == 1  # "Java script"
              for spaced in spaced_spellings(words[0])]
    # the person who does the practice ("Data Scientist" for "Data science"): evidence, not an occurrence
    forms += [((*words[:-1], role), "alias", "role") for words, _, _ in list(forms) if len(words) >= 2
              for role in _PRACTICE_ROLES.get(words[-1], ())]
    for terms, how, name in forms:
        if not terms:
            continue
        lines = profile.index.phrase_lines(terms)
        for number in lines:
            out.append(Candidate(how, 1.0, number, profile.section(number), profile.weight(number), name))
            out[-1].terms = terms  # what it names, for the list rule
        if name is None and is_field_of_study(req.terms) and req.kind == "skill" and not is_named_tool(req):
            # a field of study named by a degree's name ("BE COMPUTER SCIENCE"), which the index blanks
            for degree in profile.degrees:
                words = phrase_terms(f"{degree.degree or ''} {degree.field or ''}")
                if degree.line is None or degree.line in lines or not any(
                        words[k : k + len(terms)] == terms for k in range(len(words) - len(terms) + 1)):
                    continue
                out.append(Candidate(how, 1.0, degree.line, profile.section(degree.line),
                                     profile.weight(degree.line), "degree"))
                out[-1].terms = terms
    return out


def _ref_taxonomy(profile: ResumeProfile, mentions_by_id: dict[str, list], req: Requirement) -> list[Candidate]:
    out: list[Candidate] = []
    if req.skill_id is None:
        return out
    related = req.related
    for skill_id in _ref_taxonomy_hits(mentions_by_id, req):
        kind, score = ("exact", 1.0) if skill_id == req.skill_id else related[skill_id]
        if kind == "related" and score < 0.5:
            continue  # a grand-relative is no evidence
        if kind == "parent" and is_named_tool(req):
            continue  # a broader skill is no evidence of a named tool
        entry = load_taxonomy().get(skill_id)
        if kind == "related" and is_named_tool(req) and entry is not None and entry.category != req.category:
            continue  # a neighbouring tool of another kind is no evidence of a named tool
        quality = 1.0 if kind == "exact" else min(QUALITY[kind], score * QUALITY[kind] / 0.7)
        records = profile.skills[skill_id]
        for mention in mentions_by_id[skill_id]:
            line = mention.line
            blanked = profile.index.lines[line - 1] if line is not None else ""
            if line is not None and (not blanked.strip() or mention.surface.lower() not in blanked.lower()):
                continue  # redacted, or on a part that is never evidence
            section = profile.section(line) or records.section
            out.append(Candidate(kind, quality, line, section, profile.weight(line, section), mention.name))
            out[-1].skill_id = skill_id
    return out


def _ref_evaluate(profile: ResumeProfile, mentions_by_id: dict[str, list], req: Requirement,
                  similarities=None, thresholds: Thresholds | None = None) -> tuple[Candidate | None, str, float, int]:
    """(evidence candidate, status, rounded score, occurrences) of a skill or keyword requirement."""

    def cosine(c: Candidate) -> float | None:
        statement = profile.statement_at(c.line)
        return None if similarities is None or statement < 0 else float(similarities[statement])

    def stands(c: Candidate) -> bool:
        named = c.how == "child" or is_named_tool(req)
        if c.name == "degree":
            return True  # a degree's field names the field and nothing else
        if profile.shape_at(c.line) == "heading":
            return False  # "Hardware:" over a list is never evidence
        if c.how in ("exact", "alias") and profile.shape_at(c.line) == "list" and _names_item(c):
            return True  # an item of a list names it and nothing else
        return similarities is None or (cosine(c) is not None and cosine(c) >= thresholds.confirming(named))

    def attended(c: Candidate) -> bool:
        statement = profile.statement_at(c.line)
        return statement >= 0 and is_attendance(profile.statement_text(statement))

    generic = bool(req.terms) and all(t in _GENERIC_FIELD for t in req.terms)
    degree_lines = {d.line for d in profile.degrees}

    def meets(c: Candidate) -> bool:
        if attended(c):
            return False  # a workshop attended, a student paper: related at most
        if not accepted(requirement_class(req), c.how, profile.shape_at(c.line) == "list"):
            return False  # a group the fitted acceptance rule makes related
        if generic and c.line in degree_lines:
            return False  # "Engineering" from "BE in Computer Science and Engineering"
        statement = profile.statement_at(c.line)
        if known_only_as_example(profile.statement_text(statement) if statement >= 0 else
                                 profile.line_text(c.line), _words(c) if c.how != "meaning" else ()):
            return False  # "Good understanding of SDLC phases such as ... unit testing"
        return c.how in ("exact", "alias", "meaning") or (
            c.how == "child" and similarities is not None and req.group is None)

    def _words(c: Candidate) -> tuple[str, ...]:
        if hasattr(c, "terms"):  # the requirement's words or an alias
            return c.terms
        record = profile.skills[c.skill_id]  # the same skill or a more specific one, as the resume writes it
        return phrase_terms(record.surface or record.name)

    def _item_fit(c: Candidate) -> int:
        """0 an item of the list is the candidate's words, 1 an item holds them, 2 only as its last words, 3 none."""
        words = _words(c)
        text = profile.statement_text(profile.statement_at(c.line))
        notes = [phrase_terms(i) for note in re.findall(r"\(([^()]*)\)", text) for i in list_items(note)]
        items = [phrase_terms(i) for i in list_items(re.sub(r"\([^()]*\)", ", ", text))]
        holding = [i for i in items if set(words) <= set(i)]
        if words in notes or any(len(i) == len(words) for i in holding):
            return 0
        if any(i[-len(words):] != words for i in holding):
            return 1
        return 2 if holding else 3

    def _names_item(c: Candidate) -> bool:
        """Whether an item outside notes holds it, or an item of a note is it."""
        return _item_fit(c) <= 2

    def key(c: Candidate) -> tuple:
        closeness = _ref_value(c) if similarities is None or c.name == "degree" else cosine(c)
        shape = {"list": 1, "thin": 2, "heading": 3}.get(profile.shape_at(c.line), 0)
        # a course or student project (education), a statement of the person's post: after every list naming it
        field = req.kind == "skill" and not is_named_tool(req) and is_field_of_study(req.terms)
        statement = profile.statement_at(c.line)
        text = profile.statement_text(statement) if statement >= 0 else profile.line_text(c.line)
        if c.how != "meaning" and ((not field and (profile.section(c.line) == "education" or is_academic(text)))
                                   or named_only_as_post(text, _words(c))):
            shape += 2
        # "SQL Workbench" after "SQL", then "Java (Less than 1 year)" after "Java"
        named = shape == 1 and c.how in ("exact", "alias")
        longer = 2 * int(named and _item_fit(c) > 0) + int(named and short_use(profile.line_text(c.line), _words(c)))
        return (shape, 4 * _TIERS[c.how] + longer if meets(c) else longer, -closeness, -c.quality,
                c.line if c.line is not None else 10**9)

    found = _ref_lexical(profile, req) + _ref_taxonomy(profile, mentions_by_id, req)
    named = {c.line for c in found if c.how in ("exact", "alias") and c.name != "role"}
    occurrences = (
        sum(profile.index.phrase_count(t) for t in (req.terms, *req.aliases) if t) if req.terms else 0
    )
    occurrences = max(occurrences, len(named))
    def names_another(c: Candidate) -> bool:
        """Named only joined to a modifier ("backbone.js-like"), or only as the others' role ("back-end
        developers")."""
        text = profile.line_text(c.line)
        if c.name == "degree":
            return False
        if named_only_as_modifier(text, _words(c)) or named_only_as_part_of_a_name(text or "", _words(c)):
            return True
        if text and ((named_only_among_others(text, _words(c)) and RELATION_TERMS.isdisjoint(_words(c)))
                     or named_only_in_facts(text, _words(c))):
            return True
        return names_only_others(text, _words(c)) or names_only_before_others(text, _words(c))

    candidates = [c for c in found if not names_another(c) and stands(c)]
    strong = [c for c in candidates if meets(c)]
    weak = [c for c in candidates if not meets(c)]
    if not strong and similarities is not None and req.kind == "skill" and not is_named_tool(req) \
            and requirement_class(req) != "language" and len(similarities):
        kept = [i for i, (first, _) in enumerate(profile.statements)
                if profile.shape_at(first) not in ("heading", "list")]
        best = max(kept or [0], key=lambda i: (similarities[i], -i))
        if kept and similarities[best] >= thresholds.paraphrase \
                and not is_attendance(profile.statement_text(best)):
            line = profile.statements[best][0]
            found = Candidate("meaning", MEANING_QUALITY, line, profile.section(line), profile.weight(line))
            if requirement_class(req) == "soft":
                weak.append(found)  # a soft skill by meaning alone: related at most
            else:
                strong = [found]
    weak_value = max((_ref_value(c) for c in weak), default=0.0)
    if strong:
        best = min(strong, key=key)
        strong_value = max(_ref_value(c) for c in strong)
        statements = {profile.statement_at(c.line) for c in strong} - {-1}
        depth = DEPTH_BASE + DEPTH_STEP * min(max(len(statements) - 1, 0), DEPTH_LINES)
        score = min(1.0, max(strong_value * depth, max(strong_value, weak_value) * DEPTH_BASE))
        # "Java (Less than 1 year)": partial at most
        if all(c.how != "meaning" and short_use(profile.line_text(c.line), _words(c)) for c in strong):
            return best, "partial", round(score * 0.5, 4), occurrences
        if req.kind == "skill" and req.min_years:
            share = profile.years_naming({c.line for c in strong}) / req.min_years
            if share < 1.0:
                return best, "partial", round(score * max(share, 0.5), 4), occurrences
        return best, "met", round(score, 4), occurrences
    if not weak:
        return None, "missing", 0.0, occurrences
    return min(weak, key=key), "related", round(min(1.0, weak_value * DEPTH_BASE), 4), occurrences


def _postings_and_resumes():
    postings = [parse_job(title=t, description=d, requirements=r) for t, d, r in JOBS]
    postings += [parse_job_file(p.read_bytes(), p.name) for p in sorted((SAMPLES / "job_descriptions").glob("*.pdf"))]
    folder = evaldata_path() / "skillspan_job_postings"
    if (folder / "test.json").is_file():
        by_idx: dict[int, list[str]] = {}
        for line in (folder / "test.json").read_text().splitlines()[:400]:
            row = json.loads(line)
            by_idx.setdefault(row["idx"], []).append(" ".join(row["tokens"]))
        postings += [parse_job(title="Posting", description="\n".join(s)) for s in list(by_idx.values())[:8]]
    profiles = []
    for resume in _real_resumes(10):
        fresh = prepare_resume(resume)
        profiles.append((ResumeProfile.from_dict(json.loads(json.dumps(fresh.to_dict()))), _mentions(fresh)))
    return postings, profiles


def _check_scan(profile, mentions, req, similarities=None, thresholds=None) -> None:
    from jobfit.matching.evidence import assess_skill, evaluate_skill

    def cosine_of(c) -> float:
        statement = profile.statement_at(c.line)
        return -1.0 if statement < 0 else float(similarities[statement])

    meaning = None if similarities is None else (similarities, thresholds)
    best, status, score, occurrences = _ref_evaluate(profile, mentions, req, similarities, thresholds)
    full = assess_skill(profile, req, meaning)
    got = full.result
    assert (got.status, got.score, full.occurrences) == (status, score, occurrences)
    assert evaluate_skill(profile, req, meaning=meaning)[1:] == (status, score, occurrences)
    if best is None:
        assert got.how is None and got.line is None
        return
    statement = profile.statement_at(best.line)
    first, last = profile.statements[statement] if statement >= 0 else (best.line, best.line)
    assert (got.line, got.line_end, got.section) == (first, last, best.section)
    assert got.how == best.how or (best.how, got.how) == ("exact", "alias")
    assert got.evidence == (profile.statement_text(statement) if statement >= 0 else profile.line_text(best.line))
    assert full.related_skill == (best.name if best.how in {"child", "parent", "related"} else None)
    below = similarities is not None and best.how != "meaning" and cosine_of(best) < thresholds.confirming(
        best.how == "child" or is_named_tool(req))
    assert got.confirmed == (None if similarities is None or below else True)  # a list item below: unchecked


def test_evidence_scan_equals_the_straightforward_version_on_real_postings():
    """The single-pass scan picks the same evidence (statement, section) and numbers as the candidate list, with
    and without a meaning check (random cosines stand in for the statements' similarities)."""
    import numpy as np

    postings, profiles = _postings_and_resumes()
    rng = np.random.default_rng(11)
    thresholds = Thresholds(confirm=0.35, paraphrase=0.55, confirm_tool=0.25)
    checked = 0
    for profile, mentions in profiles:
        for job in postings:
            for req in prepare_job(job).requirements:
                if req.kind not in ("skill", "keyword"):
                    continue
                _check_scan(profile, mentions, req)
                _check_scan(profile, mentions, req, rng.uniform(0.0, 0.7, len(profile.statements)), thresholds)
                checked += 1
    assert checked > 300


def test_requirements_skipped_as_unreachable_are_the_missing_ones():
    """`evaluate` skips the search for requirements no resume word or skill can reach: exactly the missing ones."""
    from jobfit.matching.engine import _reachable, evaluate
    from jobfit.matching.evidence import agree_with_siblings, evaluate_skill

    postings, profiles = _postings_and_resumes()
    skipped = 0
    for profile, _ in profiles:
        for job in postings:
            prepared = prepare_job(job)
            reachable = _reachable(profile, prepared)
            entries = evaluate(profile, prepared).entries
            alone = [evaluate_skill(profile, req, search) if search is not None else (None, "missing", 0.0, 0)
                     for req, search in zip(prepared.requirements, prepared.searches, strict=True)]
            agreed = list(alone)
            agree_with_siblings(agreed, prepared.narrower)
            for position, (req, entry) in enumerate(zip(prepared.requirements, entries, strict=True)):
                if req.kind not in ("skill", "keyword"):
                    continue
                assert entry == agreed[position]
                if position not in reachable:
                    assert alone[position] == (None, "missing", 0.0, 0)
                    skipped += 1
    assert skipped > 100


def test_a_reloaded_line_index_answers_every_look_up_like_the_built_one():
    """The stored index is lazy (token lines split and posting strings parsed on first use): every look-up the
    matcher makes must equal the index built from the text, before and after the lazy parts are filled in."""
    text = "python python developer\n\nsql and python\nc++ c++ c++ tools\n"
    for doc in [text] + [r.text_content for r in _real_resumes(8)]:
        built = LineIndex(doc)
        stored = json.loads(json.dumps(built.stored()))
        reloaded = LineIndex.from_stored(built.lines, stored)
        terms = list(built.vocabulary)
        assert set(reloaded.vocabulary) == set(terms)
        assert reloaded.length == built.length == sum(len(t) for t in built.line_tokens)
        for term in [*terms[:40], "nosuchterm"]:
            assert reloaded.count(term) == built.count(term) == sum(t.count(term) for t in built.line_tokens)
            assert reloaded.has(term) == built.has(term) == (term in terms)
        assert reloaded.counts_of([*terms[:25], "nosuchterm"]) == {t: built.count(t) for t in terms[:25]}
        for number in range(1, len(built.lines) + 1):
            toks = built.tokens_of(number)
            for width in (1, 2, 3):
                if len(toks) >= width:
                    phrase = tuple(toks[:width])
                    assert reloaded.phrase_lines(phrase) == built.phrase_lines(phrase)
                    assert reloaded.phrase_count(phrase) == built.phrase_count(phrase)
                    assert reloaded.best_partial_line(phrase) == built.best_partial_line(phrase)
            # phrases that are not on the line as written: words reversed, skipped over, or unknown
            for phrase in (tuple(toks[1::-1]), tuple(toks[:3:2]), (*toks[:1], "nosuchterm")):
                if len(phrase) == 2:
                    expected = [n for n, line in enumerate(built.line_tokens, 1)
                                if any(tuple(line[i:i + 2]) == phrase for i in range(len(line) - 1))]
                    assert reloaded.phrase_lines(phrase) == built.phrase_lines(phrase) == expected
        assert reloaded.postings == built.postings and reloaded.line_tokens == built.line_tokens
        # saving a reloaded (partly parsed) index again writes the same stored form
        assert json.loads(json.dumps(reloaded.stored())) == stored
    small = LineIndex(text)
    assert small.count("python") == 3 and small.count("c++") == 3 and small.lines_of("python") == [1, 3]

"""Evidence for the non-skill requirements: years of experience, role/title relevance, seniority, degree.

Each function returns an `Assessment` whose `result.score` is in 0-1 and whose evidence points at the
resume line that earns it (the experience entry, the summary statement or the education entry).
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

from jobfit.documents.experience import labelled_months
from jobfit.documents.models import DEGREE_RANK
from jobfit.matching.evidence import DEGREE_FIELDS, Assessment, is_wish
from jobfit.matching.models import RequirementResult, Status
from jobfit.matching.profile import ResumeProfile
from jobfit.matching.requirements import Requirement
from jobfit.matching.specificity import idf
from jobfit.matching.text import (
    GENERIC_TITLE_WORDS,
    JUNIOR_WORDS,
    ROLE_HEADS,
    SOFTWARE_ROLES,
    TITLE_NOISE,
    clean_title,
    content_tokens,
    phrase_terms,
)
from jobfit.skills.extractor import find_skill_spans
from jobfit.skills.loader import load_taxonomy

SENIORITY_WORDS: dict[str, int] = {
    "intern": 0, "internship": 0, "trainee": 0, "junior": 0, "graduate": 0, "entry": 0, "assistant": 0,
    "apprentice": 0, "associate": 1,
    "senior": 2, "sr": 2, "lead": 2, "principal": 2, "staff": 2, "manager": 2, "supervisor": 2,
    "head": 3, "director": 3, "vp": 3, "vice": 3, "chief": 3, "cto": 3, "ceo": 3, "cfo": 3, "president": 3,
}
LEVEL_RANK = {"entry": 0, "junior": 0, "mid": 1, "senior": 2, "lead": 2, "executive": 3}
LEVEL_NAME = {0: "entry", 1: "mid", 2: "senior", 3: "executive"}
_ROLE_NOISE = set(SENIORITY_WORDS) | {"i", "ii", "iii", "iv", "jr", "level"} \
    | set(content_tokens(" ".join(TITLE_NOISE)))  # "Android Engineer onsite or remote"
TITLE_WORDS_QUALITY = 0.5  # the role's words on an experience line, not in a title
# The role's specific words on an experience line show the role only when there are this many: one word is a
# mention ("APIs for frontend applications" is no Frontend Engineer), not the role.
MIN_SPECIFIC_WORDS = 2
ENTRY_LEVEL = 0  # intern, trainee, junior: a post at this level shows only an entry-level title

# Degree fields that count as related (partial credit) when not the same (data/degree_fields.json families).
FIELD_FAMILIES: tuple[frozenset[str], ...] = tuple(
    frozenset(content_tokens(" ".join(words))) for words in DEGREE_FIELDS["families"])


# Field abbreviations on a degree's line ("MSc CS", "B.Tech (CSE)", "MCA"): the field's words (data/degree_fields.json).
_FIELD_ABBREVIATIONS: dict[str, str] = DEGREE_FIELDS["abbreviations"]
# Words of a field name that name no field alone ("engineering" in "software engineering" and in "B.E.
# Electronics"): the asked field is shared only on its other words (data/degree_fields.json).
_GENERIC_FIELD = frozenset(content_tokens(" ".join(DEGREE_FIELDS["generic_words"])))
# written in capitals ("CS", "CSE") or capitalised ("Bcom"): "it" and "ai" in lower case are words
_ABBREVIATION = re.compile(r"(?<![\w.])(" + "|".join(
    re.escape(form) for key in sorted(_FIELD_ABBREVIATIONS, key=len, reverse=True)
    for form in (key.upper(), key.capitalize())) + r")(?![\w])")


@lru_cache(maxsize=16384)
def _degree_field_words(field: str | None, degree: str | None, line_text: str | None) -> frozenset[str]:
    """The field words of a degree: its field and degree as parsed, and the fields its line names by abbreviation
    ("MSc CS, Stanford" -> computer science). Cached: the same degrees are compared for every job."""
    found = _ABBREVIATION.finditer((line_text or "").replace(".", ""))
    abbreviated = " ".join(_FIELD_ABBREVIATIONS[m.group(1).lower()] for m in found)
    return frozenset(content_tokens(" ".join(x for x in (field, degree, abbreviated) if x)))


def _row(req: Requirement, status: Status, score: float, how: str | None, profile: ResumeProfile,
         line: int | None, evidence: str | None = None) -> RequirementResult:
    return RequirementResult(
        requirement=req.label, kind=req.kind, importance=req.importance, status=status,
        score=round(max(0.0, min(1.0, score)), 4), how=how,
        evidence=evidence if evidence is not None else profile.line_text(line),
        section=profile.section(line), line=line,
    )


def assess_years(profile: ResumeProfile, req: Requirement) -> Assessment:
    """Years on the resume against the job's minimum: linear up to the minimum, full credit at or over.

    A requirement with a `scope` ("5+ years in the Microsoft stack", "experience in the insurance industry") is
    not met by years of anything else: see `assess_scope`."""
    if req.scope:
        return assess_scope(profile, req)
    wanted = req.years or 0.0
    have = profile.years
    ratio = 1.0 if wanted <= 0 else min(1.0, have / wanted)
    status: Status = "met" if ratio >= 1.0 else ("partial" if ratio > 0 else "missing")
    if status == "partial" and wanted >= MULTI_YEAR and _only_internships(profile):
        status = "related"  # a summer's internship is no part of "5+ years of experience"
    if profile.years_line is not None:
        line = profile.years_line
        note = f"{have:g} years stated on the resume vs {wanted:g} required"
    else:
        # the first role's title line, never its date line
        titled = [(role.line, profile.title_line(role)) for role in profile.roles if role.line is not None]
        line = min(titled, key=lambda pair: pair[0])[1] if titled else None
        # roles given only by a length ("Duration: 36 months") are not dated: say what the figure adds up
        lengths = titled and all(labelled_months(profile.line_text(role.line) or "") is not None
                                 for role in profile.roles if role.line is not None)
        kind = "roles by their stated length" if lengths else "dated roles"
        note = f"{have:g} years of {kind} on the resume vs {wanted:g} required"
    result = _row(req, status, ratio, "years", profile, line, evidence=note)
    return Assessment(req, result)


SCOPE_NAMED = 0.5  # a line naming the scope of "5+ years in X": partial evidence (the years in X are not counted)
MULTI_YEAR = 2.0  # an ask of this many years or more is not partly met by internships alone


def _only_internships(profile: ResumeProfile) -> bool:
    """Whether every titled role of the resume is an internship or a trainee post ("Mineralogy Engineering Intern";
    a "Junior Analyst" is a post at the role itself), and the years were not stated in words (`years_line`)."""
    titles = [role.title for role in profile.roles if role.title]
    return profile.years_line is None and bool(titles) and all(
        is_entry_level(title) and not _is_junior(title) for title in titles)


# A word that half of all job postings use or more (ln(1 + N/df) <= ln 3: "development", "work") names no field.
GENERIC_IDF = math.log(3.0)


def _names_a_field_word(profile: ResumeProfile, line: int | None, terms: tuple[str, ...]) -> bool:
    """Whether `line` holds a word of the scope that fewer than half of job postings use (`idf` over
    `GENERIC_IDF`): "Training & Development" holds only the generic word of "web development"."""
    return any(idf(term) > GENERIC_IDF and line in profile.index.lines_of(term) for term in set(terms))


def assess_scope(profile: ResumeProfile, req: Requirement) -> Assessment:
    """Experience in a scope: the resume line that names it (all its words on one line, else most of them).

    Years in the scope are not counted from the resume's roles: a line of a dated role naming the scope of a years
    requirement is partial evidence for a person to check, and any other line naming it (a skills or tools line,
    a project title, a summary, a resume that dates no role) only related; without years asked, naming it on an
    experience line meets it.
    """
    terms = req.terms
    lines = profile.index.phrase_lines(terms) if terms else []
    share = 1.0
    if lines:
        # a line of a dated role first: it is where years in the scope can show
        line: int | None = min(lines, key=lambda n: (req.years and profile.years_naming([n]) <= 0,
                                                     -profile.weight(n), n))
    else:
        line, share = profile.index.best_partial_line(terms) if len(terms) >= 2 else (None, 0.0)
        # most of the scope's words, one of them no word of every ad: "Training & Development" shares only the
        # generic half of "web development"
        if share < 0.5 or not _names_a_field_word(profile, line, terms):
            line = None
    if line is None:
        return Assessment(req, _row(req, "missing", 0.0, None, profile, None))
    full = share >= 1.0 and not req.years and profile.section(line) == "experience"
    # years asked: only a line inside a dated role shows time spent in the scope; a tools line, a project title or
    # a summary naming it (or any line of a resume that dates no role) is related at most
    status: Status = "met" if full else (
        "related" if req.years and profile.years_naming([line]) <= 0 else "partial")
    score = profile.weight(line) * (1.0 if full else SCOPE_NAMED * share)
    return Assessment(req, _row(req, status, score, "scope", profile, line))


_ELIGIBILITY_ROWS: dict[tuple[str, str, str | None], Assessment] = {}


def assess_eligibility(req: Requirement) -> Assessment:
    """An eligibility requirement (work authorisation, clearance, ...): never scored, always for a person to check.
    The row depends on the requirement only, so it is built once and shared by every resume it is shown for."""
    key = (req.label, req.importance, req.category)
    found = _ELIGIBILITY_ROWS.get(key)
    if found is None:
        if len(_ELIGIBILITY_ROWS) > 4096:
            _ELIGIBILITY_ROWS.clear()
        result = RequirementResult(requirement=req.label, kind="eligibility", importance=req.importance,
                                   status="check", score=0.0, how=req.category)
        found = _ELIGIBILITY_ROWS[key] = Assessment(req, result)
    return found


# "Director, Sales & Marketing": one role or level word, a comma, then what the post was about
_INVERTED = re.compile(r"^\s*([A-Za-z][\w.-]*)\s*,\s*(\S.*)$")


@lru_cache(maxsize=16384)
def role_words(title: str) -> tuple[str, ...]:
    """The role words of a title, without seniority words ('Senior Data Engineer' -> data, engin); a title written
    head first ('Manager, Sales and Marketing') reads as 'Sales and Marketing Manager'."""
    inverted = _INVERTED.match(title)
    if inverted is not None and set(content_tokens(inverted.group(1))) <= (_ROLE_HEADS | _ROLE_NOISE) \
            and content_tokens(inverted.group(1)):
        title = f"{inverted.group(2)} {inverted.group(1)}"
    return tuple(t for t in content_tokens(clean_title(title)) if t not in _ROLE_NOISE)


# Generic heads of titles ("engineer", "developer", data/role_heads.json): sharing only one is no title match.
_ROLE_HEADS = frozenset(content_tokens(" ".join(ROLE_HEADS)))


# Titles that all name a software developer (data/role_heads.json "software_roles"): their heads, the words
# that say "software" and the skill categories of a stack ("Java" in "Java Developer").
_SOFTWARE_HEADS = frozenset(content_tokens(" ".join(SOFTWARE_ROLES["heads"])))
_SOFTWARE_WORDS = frozenset(content_tokens(" ".join(SOFTWARE_ROLES["words"])))
_STACK_CATEGORIES = frozenset(SOFTWARE_ROLES["stack_categories"])

# Title words that name no specialisation ("software", "designer", data/role_heads.json "generic_words"): a past
# title sharing only these with a specialised job title ("Android Software Engineer") is related to it at most.
_GENERIC_TITLE_WORDS = frozenset(content_tokens(" ".join(GENERIC_TITLE_WORDS)))


@lru_cache(maxsize=16384)
def _stack_words(title: str) -> frozenset[str]:
    """The words of a title that name a programming stack: skills of the taxonomy's language or framework
    categories ("java" in "Java Backend Engineer", "python", "django" in "Python Django Developer")."""
    taxonomy = load_taxonomy()
    stack: set[str] = set()
    for span in find_skill_spans(clean_title(title), taxonomy=taxonomy, fuzzy=False):
        entry = taxonomy.get(span.skill_id)
        if entry is not None and entry.category in _STACK_CATEGORIES:
            stack.update(content_tokens(span.surface))
    return frozenset(stack)


def _software_job_stack(title: str, wanted: set[str]) -> frozenset[str] | None:
    """The stack a job title asks of a software developer: empty for "Software Engineer", {java} for "Java
    Developer" or "Senior Java Software Engineer", {python} for "Python Software Engineer Intern"; None when the
    title names no software developer (a software head with only software words and a stack beside it)."""
    if not wanted & _SOFTWARE_HEADS:
        return None
    rest = wanted - _SOFTWARE_HEADS - _SOFTWARE_WORDS
    if not rest:
        return frozenset() if wanted & _SOFTWARE_WORDS else None
    stack = _stack_words(title)
    return frozenset(rest) if rest <= stack else None


@lru_cache(maxsize=16384)
def names_software_role(title: str) -> bool:
    """Whether a past title names a software developer: a software head with software words ("Software
    Programmer") or a programming stack ("Java Developer", ".NET Developer", "Python Django Developer") and
    nothing else ("Test Engineer", "SAP Basis Engineer" and a bare "Engineer" do not)."""
    words = set(role_words(title))
    if not words & _SOFTWARE_HEADS:
        return False
    rest = words - _SOFTWARE_HEADS - _SOFTWARE_WORDS
    if not rest:
        return bool(words & _SOFTWARE_WORDS)
    return rest <= _stack_words(title)


@lru_cache(maxsize=16384)
def _title_level(title: str) -> int | None:
    """The seniority a title's words say (0 entry .. 3 executive), None when they say none."""
    words = [SENIORITY_WORDS[t] for t in content_tokens(title) if t in SENIORITY_WORDS]
    return max(words) if words else None


def is_entry_level(title: str | None) -> bool:
    """Whether a title says an entry-level post (intern, trainee, junior)."""
    return _title_level(title or "") == ENTRY_LEVEL


def _is_junior(title: str) -> bool:
    """Whether an entry-level title is a post at the role itself ("Junior Android Developer"), not an internship
    or a trainee post."""
    return bool(JUNIOR_WORDS & set(clean_title(title).lower().split()))


def _years_level(years: float) -> int:
    return 0 if years < 2 else (1 if years < 5 else 2)


def assess_title(profile: ResumeProfile, req: Requirement) -> Assessment:
    """How close past titles are to the job title: shared role words, weighted by the role's recency.

    A past title matches only when it shares the role's specific words (not only a generic head such as "engineer":
    "L1 network engineer" is no Site Reliability Engineer); a job title that is only a head and seniority
    ("Principal Developer") is matched by the head at that seniority (the title's own words, else the resume's
    years), never by "2.8 years as a software developer". A developer of a stack ("Java Developer", ".NET
    Developer") or a "Software Programmer" is a software developer: they answer "Software Engineer" and "Software
    Developer" in full (`names_software_role`), and a job title of that stack ("Python Software Engineer Intern" for
    a "Python Developer"); a senior one only when the past title's level or the resume's years reach it. An entry-
    level post (intern, trainee) shows only an entry-level title, by its title or by a line of its bullets. A past
    title that shares only generic words with a specialised job title ("Software Developer" for "Android Software
    Engineer" or "Full Stack Software Developer", "Graphic Designer" for "UX Designer") is related at most, and so
    is one of another role ("Data Analyst" for "Data Engineer"; developer, engineer and programmer are one) or one
    lacking a word of the specialisation ("DevOps Engineer" for "Cloud DevOps Engineer"). A junior post at the role
    ("Junior Android Developer" for "Android Engineer") answers a job that names no senior level, and a title that
    does not show the level the job names ("Software Engineer" for "Senior Software Engineer") is partial at most.
    A line worded as a wish ("Need for Java Developer") is no title held. Also counts the title as a phrase
    anywhere (0.9 x line weight) and all the role's specific words on one experience line when it has two or more
    (0.5 x their share of the title's words x line weight; a job bullet, so related at most); the best of these is
    the evidence.
    """
    wanted = role_words(req.label)
    if not wanted:
        return Assessment(req, _row(req, "missing", 0.0, None, profile, None))
    wanted_set = set(wanted)
    specific = wanted_set - _ROLE_HEADS
    wanted_level = _title_level(req.label)
    years_level = _years_level(profile.years)

    def senior_enough(title: str) -> bool:
        level = _title_level(title)
        if level == ENTRY_LEVEL and (wanted_level is None or wanted_level > ENTRY_LEVEL) \
                and not (wanted_level is None and _is_junior(title)):
            return False  # an internship or a trainee post is no evidence of the role itself
        if wanted_level is None or specific:
            return True
        return (years_level if level is None else level) >= wanted_level

    def equivalent_level(title: str) -> bool:
        level = _title_level(title)
        return wanted_level is None or wanted_level <= ENTRY_LEVEL or (
            years_level if level is None else level) >= wanted_level

    def role_senior_enough(line: int) -> bool:
        """Whether the role holding `line` (none: a line outside every role) is senior enough."""
        for role in profile.roles:
            if role.line is not None and role.line <= line <= (role.last_line or role.line):
                return senior_enough(role.title or "")
        return True

    job_stack = _software_job_stack(req.label, wanted_set)
    # the job title's specialisation: its specific words that are not generic ("android" in "Android Software
    # Engineer", "full stack" in "Full Stack Software Developer", "java" in "Lead Java Software Engineer")
    specialisation = specific - _GENERIC_TITLE_WORDS
    heads = wanted_set & _ROLE_HEADS
    best: tuple[float, int | None, str | None] = (0.0, None, None)
    not_the_role = False  # the best title lacks the role or a word of its specialisation: related at most
    cited_title: str | None = None  # the role's title, said when no line near its entry holds it
    for i, entry in enumerate(profile.roles):
        if is_wish(entry.title):
            continue  # "Need for Java/J2ee Developer": a post wished for, not held
        title_words = set(role_words(entry.title or ""))
        shared = wanted_set & title_words
        # "Java Developer" is a software developer: it answers "Software Engineer", and "Python Developer" answers
        # "Python Software Engineer Intern"; a job of another stack is not answered, nor a senior job by a title
        # that says no level unless the years reach it
        same_role = job_stack is not None and names_software_role(entry.title or "") \
            and job_stack <= title_words and equivalent_level(entry.title or "")
        if not title_words or not (same_role or (shared & specific if specific else shared)) \
                or not senior_enough(entry.title or ""):
            continue
        share = 1.0 if same_role else len(shared) / len(wanted_set)
        score = share * profile.entry_recency[i] if i < len(profile.entry_recency) else share
        if score > best[0] + 1e-9:
            best = (score, profile.title_line(entry), "title")
            cited_title = entry.title
            not_the_role = not same_role and not (specialisation <= title_words and _same_head(heads, title_words))
    # The role named as a phrase anywhere (e.g. "Logistics Manager" in the summary) also counts.
    phrase = phrase_terms(clean_title(req.label))
    lines = profile.index.phrase_lines(phrase) if phrase else []
    lines = [n for n in lines if senior_enough(profile.line_text(n) or "") and role_senior_enough(n)
             and not is_wish(profile.line_text(n))]
    if lines:
        line = min(lines, key=lambda n: (-profile.weight(n), n))
        score = 0.9 * profile.weight(line)
        if score > best[0] + 1e-9:
            best = (score, line, "phrase")
            not_the_role = False
            cited_title = profile.line_text(line)
    # All of the role's specific words on one experience line ("purchase" for "Purchase Executive"); a line with
    # some of them ("cloud" for "Cloud DevOps Engineer") or a workshop attended is no title evidence.
    if len(specific) >= MIN_SPECIFIC_WORDS:
        line, share = profile.index.best_partial_line(tuple(t for t in wanted if t in specific))
        if line is not None and share >= 1.0 and profile.section(line) == "experience" \
                and not profile.attended(line) and role_senior_enough(line):
            score = TITLE_WORDS_QUALITY * share * len(specific) / len(wanted_set) * profile.weight(line)
            if score > best[0] + 1e-9:
                best = (score, line, "words")
                not_the_role = True  # a job bullet ("automation using Python ... test cases"), not a title held
    score, line, how = best
    status: Status = "met" if score >= 0.75 else ("partial" if score > 0 else "missing")
    if not_the_role and status != "missing":
        status = "related"  # "Software Developer" for "Android Software Engineer": not the role asked
    elif status == "met" and not _shows_level(cited_title or "", wanted_level):
        status = "partial"  # "Software Engineer" for "Senior Software Engineer": the role, not the level
    evidence = cited_title if how == "title" and line is None else None
    return Assessment(req, _row(req, status, score, how, profile, line, evidence=evidence))


def _same_head(heads: set[str], title_words: set[str]) -> bool:
    """Whether a past title names the role of a job title whose heads are `heads` ("engineer"): the same head, or
    both heads of a software developer (developer, engineer, programmer); a job title with no head asks none."""
    have = title_words & _ROLE_HEADS
    return not heads or bool(heads & have) or bool(heads & _SOFTWARE_HEADS and have & _SOFTWARE_HEADS)


def _shows_level(title: str, wanted_level: int | None) -> bool:
    """Whether a past title shows the level a job title names ("Senior Software Engineer / Team Lead" for "Senior
    Software Engineer"); a job title naming none is shown by any title but a junior one."""
    level = _title_level(title)
    if wanted_level is None or wanted_level <= ENTRY_LEVEL:
        return level != ENTRY_LEVEL or wanted_level == ENTRY_LEVEL
    return level is not None and level >= wanted_level


def job_seniority(level: str | None, title: str, min_years: float | None) -> int | None:
    """0 entry, 1 mid, 2 senior, 3 executive; None when the ad does not say."""
    if level and level.lower() in LEVEL_RANK:
        return LEVEL_RANK[level.lower()]
    words = [SENIORITY_WORDS[t] for t in content_tokens(title) if t in SENIORITY_WORDS]
    if words:
        return max(words)
    if min_years is not None:
        return 0 if min_years < 2 else (1 if min_years < 5 else 2)
    return None


def resume_seniority(profile: ResumeProfile) -> tuple[int, int | None]:
    """The resume's seniority from years and the latest role's title, and the line that shows it."""
    years = profile.years
    level = 0 if years < 2 else (1 if years < 5 else 2)
    line = None
    if profile.roles:
        latest = max(range(len(profile.roles)), key=lambda i: (profile.entry_recency[i], -i))
        entry = profile.roles[latest]
        words = [SENIORITY_WORDS[t] for t in content_tokens(entry.title or "") if t in SENIORITY_WORDS]
        if words and max(words) >= level:
            level, line = max(words), entry.line
    return level, line


def seniority_fit(wanted: int, have: int) -> float:
    """1.0 at or above the wanted level (0.9 when two or more levels above), less per level below."""
    gap = have - wanted
    if gap >= 2:
        return 0.9
    if gap >= 0:
        return 1.0
    return {-1: 0.6, -2: 0.3}.get(gap, 0.0)


def assess_education(profile: ResumeProfile, req: Requirement) -> Assessment:
    """Degree level (at or above the required level) and field (same words, or same family of fields).

    A school line without a degree or a degree below the level asked, or a degree of another field (neither the same
    words nor the same family) for a field asked, is related at most: a Bachelor in Journalism is no partial HCI
    master's, nor is a Bachelor of Arts a partial master's."""
    wanted_rank = DEGREE_RANK.get(req.degree_level or "none", 0)
    wanted_field = set(content_tokens(req.degree_field or ""))
    specific = wanted_field - _GENERIC_FIELD
    wanted_field = specific or wanted_field  # "Software Engineering" is shared on "software", not "engineering"
    best: tuple[float, int | None, str, bool] = (0.0, None, "level", False)  # the best degree that holds first
    best_key: tuple[bool, float, int] = (False, 0.0, 0)
    for entry in profile.degrees:
        rank = DEGREE_RANK.get(entry.degree_level, 0)
        if wanted_rank:
            level_score = 1.0 if rank >= wanted_rank else {1: 0.6, 2: 0.3}.get(wanted_rank - rank, 0.0)
        else:
            level_score = 1.0 if rank > 0 else 0.5
        have_field = _degree_field_words(entry.field, entry.degree, profile.line_text(entry.line))
        if wanted_field:
            if wanted_field & have_field:
                field_score, how = 1.0, "field"
            elif any(wanted_field & fam and have_field & fam for fam in FIELD_FAMILIES):
                field_score, how = 0.5, "related field"
            else:
                field_score, how = 0.0, "level"
            score = (0.6 * level_score + 0.4 * field_score) if wanted_rank else field_score
        else:
            score, how = level_score, "level"
        # a degree below the level asked (or none) is related at most: a Bachelor of Arts is no partial master's
        holds = not (wanted_rank and rank < wanted_rank) and not (wanted_field and how == "level")
        # of equal degrees, the one at the asked level is cited: the BS line for a bachelor's, not the MS above it
        key = (holds, round(score, 6), int(bool(wanted_rank) and rank == wanted_rank))
        if score > 0 and key > best_key:
            best, best_key = (score, entry.line, how, holds), key
    score, line, how, holds = best
    status: Status = "met" if score >= 0.9 and holds else (("partial" if holds else "related") if score > 0
                                                         else "missing")
    return Assessment(req, _row(req, status, score, how if score > 0 else None, profile, line))

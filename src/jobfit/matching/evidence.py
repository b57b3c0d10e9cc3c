"""Find the best resume evidence for skill and keyword requirements: a whole statement, confirmed by meaning.

Candidates come from words and the taxonomy: the requirement's own words (or an alias, or the person who does
the practice: "Full-stack developer" for "Full-stack development", `data/practice_roles.json`) as a phrase on a
line, and the same taxonomy skill or a neighbour of it. Only lines that can be evidence are searched
(`profile.py`: headings, contact lines, page furniture and statements of interest are blanked out of the index).
Each candidate cites the statement its line belongs to.

The meaning check (`meaning.py`) confirms a candidate when the cosine of the requirement in its ad context and
the candidate statement reaches the embedder's `confirm` threshold; unconfirmed candidates are dropped. An item
of a list that names the requirement stands unchecked: a list gives its items
no other meaning, and its vector is far from any one of them. A requirement that is not a named tool and has no
confirmed candidate that meets it is met by meaning alone when a statement reaches the stricter `paraphrase`
threshold. Without vectors (or thresholds) no candidate is checked and word matches stand.

Which statement is cited (`_Key`): a sentence that shows the requirement before a list item that names it,
both before a thin line (headline, title, sub-heading), a line of the education section, a student's project
(`is_academic`) or a statement of the person's post ("working at X as a Java Developer", `named_only_as_post`);
a heading ("Hardware:") never. Then the closest in meaning, or the heaviest when unchecked.

Status: the requirement's words, an alias or the same skill meet it; a more specific skill meets it when the meaning
check confirms its statement ("built CNN image classifiers" for "computer vision"; else it is related); a
neighbouring skill is only related (for a named tool, only one of its own taxonomy category: an IDE list is nothing
for Gradle), and a broader one is no evidence of a named tool (the Python line for NumPy). Most of a multi-word
requirement's words on a line are no evidence (none of the 27 such claims judged on the dev pairs showed the
requirement). A skill the ad asks years of is met only when the dated roles that name it add up
(`ResumeProfile.years_naming`), else partial. Across requirements, one that is not met while a narrower form of it
is ("Automation" and "Test automation") is met by that form's evidence (`agree_with_siblings`). A line that names
the requirement only as another thing is no candidate: joined to a modifier ("a backbone.js-like framework"), as the
people the candidate worked with ("Collaborating with back-end developers"), as an item of a list of colleagues,
teams or clients ("managed in-house programmers and DBA"), or as the subject of a fact about an employer or a client
("insurance protects 1.6 million clients"); a degree's name is at most related evidence of a requirement of generic
field words ("Engineering"); a member of a group of alternatives is met only by its own name, never a more specific
skill. When the ad asks depth of a named tool ("expertise with AWS", `data/evidence_words.json`), only a sentence
that uses it meets it (a list or "such as Amazon EC2" is related); an item noted as under a year of use ("Java (Less
than 1 year)") is partial at most, and cited after one without the note. A candidate is worth `match quality x line
weight` (section and recency, see `profile.py`); the score is the best value of the winning status, and more
confirmed statements add a little depth credit. """

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from jobfit.matching.meaning import Thresholds, is_named_tool
from jobfit.matching.models import RequirementResult
from jobfit.matching.profile import NO_LINE, ResumeProfile
from jobfit.matching.relations import closest
from jobfit.matching.requirements import Requirement
from jobfit.matching.specificity import is_known
from jobfit.matching.text import ROLE_HEADS, has_run, phrase_terms, tokens
from jobfit.skills.loader import load_curated, load_taxonomy

# Match quality by how the requirement was met.
QUALITY = {"exact": 1.0, "alias": 1.0, "child": 0.85, "parent": 0.6, "related": 0.5}
MEANING_QUALITY = 0.9  # a statement that means the requirement without naming it
# A neighbour less related than a sibling (a grand-relative: "Computer science" for "Microsoft Windows") is no
# evidence at all; it may still be named as the closest skill in a gap.
MIN_RELATED = 0.5
# The person who does a practice, by the practice's stem ("development" -> ("develop",)): "Full-stack developer"
# shows "Full-stack development" (data/practice_roles.json).
_PRACTICES: dict[str, list[str]] = json.loads(resources.files("jobfit.matching").joinpath(
    "data", "practice_roles.json").read_text())["practices"]
_PRACTICE_ROLES: dict[str, tuple[str, ...]] = {
    phrase_terms(practice)[-1]: tuple(phrase_terms(role)[-1] for role in roles)
    for practice, roles in _PRACTICES.items()
}
# The plurals of each person who does a practice, by the person's stem ("develop" -> {"developers"}): a line
# that names the person only so names the people the candidate worked with ("Collaborating with back-end
# developers"), not the candidate.
_ROLE_PLURALS: dict[str, frozenset[str]] = {
    phrase_terms(role)[-1]: frozenset({role.lower() + "s"})
    for roles in _PRACTICES.values() for role in roles
}
_WORD = re.compile(r"[A-Za-z][\w.+#-]*")
_EVIDENCE_WORDS = json.loads(resources.files("jobfit.matching").joinpath("data", "evidence_words.json").read_text())
# A name joined to a modifier ("backbone.js-like", data/evidence_words.json): it names another thing.
_MODIFIED = re.compile(r"[\w.+#]+-(?:" + "|".join(map(re.escape, _EVIDENCE_WORDS["modifier_suffixes"])) + r")\b", re.I)
# A depth the ad asks of a skill ("expertise with", "(significant) experience", data/evidence_words.json): only a
# statement of use meets it.
_DEPTH = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, _EVIDENCE_WORDS["depth_cues"])) + r")(?![\w-])", re.I)
# A name after one of these is an example in passing ("IaaS services such as Amazon EC2").
_EXAMPLE = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, _EVIDENCE_WORDS["example_cues"])) + r")\s", re.I)
# A statement of understanding something broader ("Good understanding of SDLC phases such as ... unit testing").
_KNOWLEDGE = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, _EVIDENCE_WORDS["knowledge_cues"])) + r")(?![\w-])",
                        re.I)
# A list item's note that says the skill was used for under a year ("Java (Less than 1 year)").
_SHORT_USE = re.compile("|".join(_EVIDENCE_WORDS["short_use"]), re.I)
_ITEM_BREAK = re.compile(r"[,;|\u2022]")  # where a list's items end, their notes kept with them


def _words_pattern(words: list[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


# A list of the people, teams or clients the candidate worked with or managed, after a cue ("Collaboration with
# Designers, ScrumMaster, BA, DEV, QA and PO", "managed in-house programmers and DBA to build out the backend"):
# items of one to three words, joined by commas, slashes, "&", "and" or "or", each ending before a preposition
# or a past-tense verb (data/evidence_words.json colleague_cues, item_stops).
_STOP = r"(?:" + _words_pattern(_EVIDENCE_WORDS["item_stops"]) + r"|[a-z]+ed)(?![\w-])"
_ITEM_WORD = r"(?!" + _STOP + r")[A-Za-z][\w.+#-]*"
_ITEM = rf"(?:(?:the|our|a|an|all|other)\s+)?{_ITEM_WORD}(?:\s+{_ITEM_WORD}){{0,2}}"
_LIST_JOIN = re.compile(r"\s*(?:,|/|&|\band\b|\bor\b)\s*", re.I)
_COLLEAGUES = re.compile(
    r"(?<![\w-])(?:" + _words_pattern(_EVIDENCE_WORDS["colleague_cues"]) + r")\s+"
    rf"({_ITEM}(?:{_LIST_JOIN.pattern}{_ITEM})*)", re.I)
# The people such a list names: most of its items naming them make it a list of people (`_mostly_people`;
# data/evidence_words.json people_words, relation_words).
_PEOPLE = re.compile(r"(?<![\w-])(?:" + _words_pattern(_EVIDENCE_WORDS["people_words"]
                                                     + _EVIDENCE_WORDS["relation_words"]) + r")(?![\w-])", re.I)
# A requirement that names a group of people itself ("Cross-functional teams", "Stakeholder management") is shown
# by the candidate's work with them ("Leading cross-functional teams").
RELATION_TERMS = frozenset(term for word in _EVIDENCE_WORDS["relation_words"] for term in phrase_terms(word))
# A name followed by one of these is the subject of a fact about an employer or a client ("GMPP insurance
# protects 1.6 million clients"), not the candidate's work (data/evidence_words.json fact_verbs).
_FACT = re.compile(r"\s+(?:" + _words_pattern(_EVIDENCE_WORDS["fact_verbs"]) + r")(?![\w-])", re.I)
# Words that name no field alone (data/degree_fields.json generic_words): a requirement of only these words
# ("Engineering") is not shown by a degree's name ("BE in Computer Science and Engineering").
# Degree fields, their abbreviations and the words that name no field alone (data/degree_fields.json).
DEGREE_FIELDS = json.loads(resources.files("jobfit.matching").joinpath("data", "degree_fields.json").read_text())
_GENERIC_FIELD = frozenset(term for word in DEGREE_FIELDS["generic_words"] for term in phrase_terms(word))
# The words of fields of study (data/degree_fields.json families): a requirement of two or more of these and the
# generic words, one at least not generic ("Computer science", "Business administration"), names a field a
# degree in it shows.
_FIELD_WORDS = frozenset(term for family in DEGREE_FIELDS["families"] for word in family
                         for term in phrase_terms(word)) | _GENERIC_FIELD


def is_field_of_study(terms: tuple[str, ...]) -> bool:
    """Whether a requirement's words name a field of study ("Computer science"), not a practice or a tool."""
    return len(terms) >= 2 and all(t in _FIELD_WORDS for t in terms) and not all(t in _GENERIC_FIELD for t in terms)
# A skill the ad asks years of ("3+ years of JavaScript") is met only when the dated roles that name it add up;
# short of that it is partial, worth its share of the years, at least this much of its value.
YEARS_SHORT_FLOOR = 0.5
# Broad nouns that add nothing to an ask ("principles", "skills", data/broad_asks.json): "Agile Development
# Principles" asks what "Agile" asks.
_BROAD = frozenset(term for word in json.loads(resources.files("jobfit.matching").joinpath(
    "data", "broad_asks.json").read_text())["words"] for term in phrase_terms(word))
# The acceptance rule fitted on judged claims (data/acceptance.json, bench/evidence_acceptance.py): the groups
# of candidates that are related at most, never met or partial, as "tool|soft|other/name|child|meaning/list|sentence"
# (a named tool, a soft skill or another requirement / found by its name, a more specific skill or meaning / on a
# list item or a sentence): "Python, R, SQL" is no evidence of data analysis, nor "PROGRAMMING" in a skills list
# of programming.
RELATED_GROUPS = frozenset(json.loads(resources.files("jobfit.matching").joinpath(
    "data", "acceptance.json").read_text())["related"])
_FOUND = {"exact": "name", "alias": "name"}


@lru_cache(maxsize=64)
def accepted(klass: str, how: str, listed: bool) -> bool:
    """Whether a candidate for a requirement of this class (`requirement_class`), found this way (exact, alias,
    child, meaning), on a list item or not, may meet it (`RELATED_GROUPS`)."""
    group = f"{klass}/{_FOUND.get(how, how)}/{'list' if listed else 'sentence'}"
    return group not in RELATED_GROUPS


@lru_cache(maxsize=1)
def _spoken_languages() -> frozenset[str]:
    """The taxonomy's spoken languages: the curated skills written "spoken <name>" among their aliases ("spoken
    English", "spoken Thai"), as every language of the taxonomy is."""
    return frozenset(entry.id for entry in load_curated()
                     if any(alias.lower() == f"spoken {entry.name.lower()}" for alias in entry.aliases))


def requirement_class(req: Requirement) -> str:
    """The class of a skill or keyword requirement the acceptance rule tells apart: a named tool ("tool"), a
    spoken language ("language": "Bilingual Thai & English" in a skills list shows English, as a tool's name in a
    list shows the tool; a statement that only means it does not), a soft skill ("soft": "Communication", which a
    recruiter takes from a skills list), or another ("other": a method, a field, a domain)."""
    if is_named_tool(req):
        return "tool"
    if req.skill_id is not None and req.skill_id in _spoken_languages():
        return "language"
    return "soft" if req.category == "soft_skill" else "other"


# Depth: a single strong statement earns DEPTH_BASE of its value; each further statement adds DEPTH_STEP.
DEPTH_BASE = 0.85
DEPTH_STEP = 0.05
DEPTH_LINES = 3


@dataclass
class Candidate:
    how: str
    quality: float
    line: int | None
    section: str | None
    weight: float
    name: str | None = None  # the resume's skill, when found through the taxonomy


@dataclass
class Assessment:
    """A requirement explained: its result row (status, score, evidence line) and what a gap report needs."""

    requirement: Requirement
    result: RequirementResult
    occurrences: int = 0
    related_skill: str | None = None  # closest related skill name the resume has (for gaps)


def doc_length(profile: ResumeProfile) -> int:
    """Content words on the resume."""
    return profile.index.length


@lru_cache(maxsize=65536)
def written_terms(text: str) -> tuple[str, ...]:
    """`phrase_terms` of a name or a line as written, cached: the same names and lines come back for every job."""
    return phrase_terms(text)


@lru_cache(maxsize=65536)
def _normalise(text: str) -> str:
    return " ".join(tokens(text))


@dataclass(frozen=True, slots=True)
class Search:
    """A skill or keyword requirement compiled for the evidence search: what `_evaluate` looks up in every
    resume, built once per job (`engine.PreparedJob.searches`) rather than once per resume.
    """

    forms: tuple[tuple[str, tuple[str, ...]], ...]  # (how, words): the requirement's words ("exact"), its aliases
    # then the person who does the practice ("Full-stack developer" for "Full-stack development"): evidence, but
    # not counted as the requirement's words in the keyword view; `named` is how many forms come before them
    named: int
    counted: bool  # whether the forms' occurrences are counted (the requirement has words of its own)
    skills: dict[str, tuple[str, float]]  # resume skill id -> (how, match quality): the skill and its neighbours
    lone_word: str | None  # a one-word keyword with no skill or alias: missing unless the resume has the word
    named_tool: bool  # a named tool (`meaning.is_named_tool`): confirmed by its own threshold, never by meaning alone
    by_meaning: bool  # whether a statement may meet it by meaning alone (a skill, no named tool or spoken language)
    min_years: float | None = None  # the years of using it the ad asks for ("3+ years of JavaScript")
    generic_field: bool = False  # only words that name no field alone ("Engineering"): a degree's name is no evidence
    in_group: bool = False  # one of a group of alternatives: only a member's own name meets it, never a narrower skill
    depth: bool = False  # the ad asks depth of a named tool ("expertise with AWS"): only a statement of use meets it
    field_like: bool = False  # a field of study, not a tool, of words that name a field: a degree in it shows it
    klass: str = "other"  # `requirement_class`: which groups of the acceptance rule apply
    # the ad asks depth of a requirement that is no named tool, soft skill or field of study ("strong programming
    # skills", "Proficiency with languages such as Python, Ruby, or Java"): an item of a list alone shows it
    # related (a recruiter takes "Excellent organisational skills" from a skills list)
    list_depth: bool = False
    # the practice the ad asks done on it ("script" of "Basic UNIX scripting", `asked_practice`): only a line that
    # names the practice too meets it
    practice: str | None = None


def compile_search(req: Requirement, context: str | None = None, asked: str | None = None) -> Search:
    """The `Search` of a skill or keyword requirement (its taxonomy neighbours come with `req.related`);
    `context` is the ad statement that asks it (`meaning.requirement_contexts`) and `asked` every ad statement
    that names it (`meaning.asking_texts`), both read for the depth they ask."""
    forms = ((("exact", req.terms),) if req.terms else ()) + tuple(("alias", a) for a in req.aliases if a)
    forms += tuple(("alias", spaced) for _, words in forms if len(words) == 1 for spaced in spaced_spellings(words[0]))
    named = len(forms)
    forms += tuple(("alias", person) for _, words in forms for person in person_forms(words)[1:])
    skills: dict[str, tuple[str, float]] = {}
    named_tool = is_named_tool(req)
    if req.skill_id is not None:
        skills[req.skill_id] = ("exact", 1.0)
        for skill_id, (kind, score) in req.related.items():
            if skill_id == req.skill_id or (kind == "related" and score < MIN_RELATED):
                continue
            if kind == "parent" and named_tool:
                continue  # the Python line is no evidence of NumPy, nor the JavaScript line of Node.js
            if kind == "related" and named_tool and _category(skill_id) not in (None, req.category):
                continue  # a tool of another kind: an IDE list is no sign of Gradle, a build tool
            skills[skill_id] = (kind, min(QUALITY[kind], score * QUALITY[kind] / 0.7))
    lone = req.terms[0] if req.skill_id is None and not req.aliases and len(req.terms) == 1 else None
    field_like = req.kind == "skill" and not named_tool and is_field_of_study(req.terms)
    practice = asked_practice(req, context)
    klass = requirement_class(req)
    deep = asks_depth(context, req.terms) or asks_depth(asked, req.terms)
    return Search(forms, named, bool(req.terms), skills, lone, named_tool,
                  req.kind == "skill" and not named_tool and klass != "language",
                  req.min_years if req.kind == "skill" else None,
                  bool(req.terms) and all(t in _GENERIC_FIELD for t in req.terms), req.group is not None,
                  named_tool and deep, field_like, klass, klass == "other" and not field_like and deep, practice)


def _category(skill_id: str) -> str | None:
    """The taxonomy category of a skill (None when the taxonomy does not hold it)."""
    entry = load_taxonomy().get(skill_id)
    return entry.category if entry is not None else None


_PRACTICE_HEADS = frozenset(phrase_terms(" ".join(_EVIDENCE_WORDS["practice_heads"])))


def asked_practice(req: Requirement, context: str | None) -> str | None:
    """The practice the ad asks done on a requirement that is no language, written right after its name ("script"
    of "Basic UNIX scripting", "administr" of "Linux administration"; data/evidence_words.json practice_heads),
    else None: "Unix" alone shows the platform, not the scripting."""
    if not context or not req.terms or (req.skill_id is not None and _category(req.skill_id) == "language"):
        return None
    words, n = phrase_terms(context), len(req.terms)
    for k in range(len(words) - n):
        if words[k : k + n] == req.terms and words[k + n] in _PRACTICE_HEADS:
            return words[k + n]
    return None


# Words between a depth cue and the knowledge cue it qualifies ("strong working knowledge of").
_DEPTH_REACH = 2


def asks_depth(context: str | None, terms: tuple[str, ...] = ()) -> bool:
    """Whether the ad statement that asks a skill asks depth of it ("expertise with", "proficient in"). Where the
    statement names the skill (`terms`, as `phrase_terms` gives them), the cue must govern it: the last cue of
    depth or of knowledge before the name is one of depth, so "Proficient in JavaScript ... Be familiar with design
    tools such as Adobe Creative Suite" (a flattened list of asks) asks no depth of Adobe Creative Suite."""
    if context is None or _DEPTH.search(context) is None:
        return False
    spans = _spans_naming(context, terms)
    if not spans:
        return True
    for start, _ in spans:
        before = context[:start]
        depth = [m.end() for m in _DEPTH.finditer(before)]
        if not depth:
            continue
        # a knowledge cue a depth cue qualifies ("strong knowledge of", "deep understanding of") asks depth
        plain = [m.end() for m in _KNOWLEDGE.finditer(before)
                 if not any(end <= m.start() and len(before[end : m.start()].split()) <= _DEPTH_REACH
                            for end in depth)]
        if depth[-1] > max(plain, default=-1):
            return True
    return False


@lru_cache(maxsize=65536)
def shows_use(text: str | None, shape: str | None, names: tuple[str, ...]) -> bool:
    """Whether a statement that names a skill (`names`, as `phrase_terms` gives them) shows it used, as a
    depth ask needs: a sentence that names it other than as an example in passing ("IaaS services such as
    Amazon EC2"), and never a list item whose note says under a year of it ("Java (Less than 1 year)") or a
    statement that names it only in the title of the person's post ("working at X as a Java Developer")."""
    if not text:
        return False
    if short_use(text, names) or named_only_as_post(text, names):
        return False
    if shape not in ("sentence", None):
        return False
    cut = _EXAMPLE.search(text)
    if cut is None or not names:
        return True
    return has_run(phrase_terms(text[: cut.start()]), names)


@lru_cache(maxsize=65536)
def known_only_as_example(text: str | None, names: tuple[str, ...]) -> bool:
    """Whether a statement claims understanding of something broader and names `names` only as one of its
    examples ("Good understanding of SDLC phases such as design, development and unit testing" for unit
    testing): the candidate knows the thing exists, which shows no use of it."""
    if not text or not names:
        return False
    cut = _EXAMPLE.search(text)
    if cut is None or _KNOWLEDGE.search(text[: cut.start()]) is None:
        return False
    before, after = phrase_terms(text[: cut.start()]), phrase_terms(text[cut.end():])
    return not has_run(before, names) and has_run(after, names)


@lru_cache(maxsize=65536)
def short_use(text: str | None, names: tuple[str, ...]) -> bool:
    """Whether an item that names `names` says it was used for under a year ("Java (Less than 1 year)",
    "Java- Exprience - 6 months")."""
    if not text or not names or _SHORT_USE.search(text) is None:
        return False
    n = len(names)
    for item in _ITEM_BREAK.split(text):
        words = phrase_terms(item)
        if _SHORT_USE.search(item) and any(words[k : k + n] == names for k in range(len(words) - n + 1)):
            return True
    return False


def person_forms(terms: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    """The words of a practice and of the person who does it ("Full-stack development", "Full-stack developer":
    data/practice_roles.json), as `compile_search` looks them up."""
    if len(terms) < 2:
        return (terms,)
    return (terms, *((*terms[:-1], role) for role in _PRACTICE_ROLES.get(terms[-1], ())))


def names_only_others(text: str | None, terms: tuple[str, ...]) -> bool:
    """Whether a line names the person who does a practice (`terms`, the words of "back-end developer") only in
    the plural, as the people the candidate worked with ("Collaborating with back-end developers"), never as
    the candidate ("Back-end developer at Parcelly")."""
    plurals = _ROLE_PLURALS.get(terms[-1]) if terms else None
    if not plurals or not text:
        return False
    words = _WORD.findall(text)
    found = [word.lower() for i, word in enumerate(words) if written_terms(word)[-1:] == terms[-1:]
             and written_terms(" ".join(words[max(0, i - len(terms)) : i + 1]))[-len(terms):] == terms]
    return bool(found) and all(word in plurals for word in found)


_PERSON_PLURALS = frozenset(plural for plurals in _ROLE_PLURALS.values() for plural in plurals)
_PERSON_PLURAL = re.compile(r"\b(?:" + "|".join(sorted(_PERSON_PLURALS)) + r")\b", re.I)


@lru_cache(maxsize=1)
def _one_word_tools() -> frozenset[str]:
    """The one-word names of the curated taxonomy's tech skills, lower-cased ("javascript", "typescript")."""
    return frozenset(form.lower() for entry in load_curated() if entry.is_tech for form in entry.forms
                     if form.isalnum())


@lru_cache(maxsize=65536)
def named_only_as_part_of_a_name(text: str, terms: tuple[str, ...]) -> bool:
    """Whether every time a line names a one-word requirement it is the first half of another tool's name written
    in two words ("Java" in "Scripting Language Java Script": JavaScript)."""
    if len(terms) != 1:
        return False
    words = _WORD.findall(text)
    found = [i for i, w in enumerate(words) if written_terms(w) == terms]
    tools = _one_word_tools()
    return bool(found) and all(i + 1 < len(words) and (words[i] + words[i + 1]).lower() in tools for i in found)


@lru_cache(maxsize=65536)
def names_another_thing(text: str, terms: tuple[str, ...]) -> bool:
    """Whether a line names `terms` only as another thing: joined to a modifier ("a backbone.js-like
    framework"), as the people the candidate worked with ("Collaborating with back-end developers"), as an item
    of a list of colleagues, teams or clients ("managed in-house programmers and DBA"), or as the subject of a
    fact about an employer or a client ("GMPP insurance protects 1.6 million clients"). Cached: ranking asks it
    of the same lines for every job."""
    if "-" in text and named_only_as_modifier(text, terms):
        return True
    if named_only_as_part_of_a_name(text, terms):
        return True
    if _PEOPLE.search(text) is not None and RELATION_TERMS.isdisjoint(terms) and named_only_among_others(text, terms):
        return True
    if _FACT.search(text) is not None and named_only_in_facts(text, terms):
        return True
    if _PERSON_PLURAL.search(text) is None:
        return False
    return names_only_others(text, terms) or names_only_before_others(text, terms)


def _spans_naming(text: str, terms: tuple[str, ...]) -> list[tuple[int, int]]:
    """The character spans of `text` where its words read as `terms` (as `phrase_terms` gives them)."""
    if not terms:
        return []
    words = list(_WORD.finditer(text))
    n = len(terms)
    spans = []
    for i, match in enumerate(words):
        if written_terms(match.group())[-1:] != terms[-1:]:
            continue
        start = max(0, i - n + 1)
        for first in range(i, start - 1, -1):
            if written_terms(text[words[first].start() : match.end()])[-n:] == terms:
                spans.append((words[first].start(), match.end()))
                break
    return spans


@lru_cache(maxsize=65536)
def named_only_among_others(text: str, terms: tuple[str, ...]) -> bool:
    """Whether every time a line names `terms` it is an item of a list of the people, teams or clients the
    candidate worked with or managed (`names_another_thing` asks it only of requirements that name no group of
    people themselves) ("Daily Collaboration with Designers, ScrumMaster, BA, DEV, QA and PO";
    "communicate effectively with multifunctional teams, programmers and technical staff"). A list of tools after
    the same cue ("experience with Java, Spring and Hibernate") names no people and stands."""
    spans = _spans_naming(text, terms)
    if not spans:
        return False
    lists = [m.span(1) for m in _COLLEAGUES.finditer(text) if _mostly_people(m.group(1))]
    return all(any(a <= start and end <= b for a, b in lists) for start, end in spans)


def _mostly_people(items: str) -> bool:
    """Whether most items of a list name people ("Designers, ScrumMaster, BA, DEV, QA and PO"), not one group of
    people beside the candidate's own tools ("Windows users and Active Directory accounts")."""
    parts = [part for part in _LIST_JOIN.split(items) if part]
    return 2 * sum(_PEOPLE.search(part) is not None for part in parts) > len(parts)


@lru_cache(maxsize=65536)
def named_only_in_facts(text: str, terms: tuple[str, ...]) -> bool:
    """Whether every time a line names `terms` a fact verb follows it ("insurance protects 1.6 million
    clients"): the line says what an employer or a client does, not what the candidate did."""
    spans = _spans_naming(text, terms)
    return bool(spans) and all(_FACT.match(text, end) is not None for _, end in spans)


def names_only_before_others(text: str | None, terms: tuple[str, ...]) -> bool:
    """Whether every time a line names `terms` it is a modifier of people the candidate worked with ("back-end"
    in "Collaborating with back-end developers")."""
    return _named_only_before(text, terms, _PERSON_PLURALS)


def _named_only_before(text: str | None, terms: tuple[str, ...], heads: frozenset[str], *,
                       sold: bool = False) -> bool:
    """Whether every time a line names `terms` the next word is one of `heads` (lower case), or, with `sold`, a
    noun of what an employer sells (`_SOLD_HEADS`) after a verb of selling it a few words before the name
    (`_SALE_CUES`: "growing engineering services to major clients")."""
    if not text or not terms:
        return False
    words = _WORD.findall(text)
    found = 0
    for i, word in enumerate(words):
        if written_terms(word)[-1:] != terms[-1:] or \
                written_terms(" ".join(words[max(0, i - len(terms)) : i + 1]))[-len(terms):] != terms:
            continue
        after = words[i + 1].lower().rstrip(".") if i + 1 < len(words) else ""  # "engineering center."
        if after not in heads and not (sold and after in _SOLD_HEADS and _sold_before(words, i + 1 - len(terms))):
            return False
        found += 1
    return found > 0


def _sold_before(words: list[str], start: int) -> bool:
    """Whether a verb of selling stands at most `_SALE_REACH` words before `words[start]`."""
    return any(word.lower() in _SALE_CUES for word in words[max(0, start - _SALE_REACH) : start])


_OTHER_SENSE_HEADS = frozenset(_EVIDENCE_WORDS["other_sense_heads"])
_SOLD_HEADS = frozenset(_EVIDENCE_WORDS["sold_heads"])
_SALE_CUES = frozenset(_EVIDENCE_WORDS["sale_cues"])
_SALE_REACH = 3  # words between a verb of selling and the name of what is sold ("growing engineering services")

# The title of a post after a verb of holding it ("working in Infrasoft Technologies as a Java Developer"): at
# most five words after "as a", ending at a head of job titles ("as a Java developer building Java 8 services"
# holds "Java developer"; data/evidence_words.json post_cues, post_heads; data/role_heads.json words).
_POST_HEAD = _words_pattern([*ROLE_HEADS, *(w + "s" for w in ROLE_HEADS), *_EVIDENCE_WORDS["post_heads"]])
_POST = re.compile(r"(?<![\w-])(?:" + _words_pattern(_EVIDENCE_WORDS["post_cues"]) + r")(?![\w-])[^.;:]*?"
                   r"(?<![\w-])as\s+(?:an?|the)\s+((?:[\w.+#/-]+\s+){0,4}?(?:" + _POST_HEAD + r"))(?![\w-])",
                   re.I)


# A statement of a student's work ("Student Information System, University Lahore", "final year project";
# data/evidence_words.json academic_cues).
_ACADEMIC = re.compile(r"(?<![\w-])(?:" + _words_pattern(_EVIDENCE_WORDS["academic_cues"]) + r")(?![\w-])", re.I)


@lru_cache(maxsize=65536)
def is_academic(text: str | None) -> bool:
    """Whether a statement tells of a student's work (a university project, a thesis, coursework)."""
    return text is not None and _ACADEMIC.search(text) is not None


# A line worded as a wish, not a fact ("Need for Java/J2ee Developer", "Looking for a position as Android
# Developer"; data/evidence_words.json wish_cues): no title held, and the weakest proof of a skill.
_WISH = re.compile(r"^\W*(?:" + _words_pattern(_EVIDENCE_WORDS["wish_cues"]) + r")(?![\w-])", re.I)


@lru_cache(maxsize=65536)
def is_wish(text: str | None) -> bool:
    """Whether a line starts worded as a wish ("Need for Java/J2ee Developer", "Seeking a Java role")."""
    return text is not None and _WISH.search(text) is not None


# A statement describing a project, a product or a client, not the person's work ("The objective is to ...",
# "Office Workflow Management System Administration: This application will allow ..."; data/evidence_words.json
# description_openers).
_DESCRIPTION = re.compile(r"(?:^|:)\W*(?:" + _words_pattern(_EVIDENCE_WORDS["description_openers"]) + r")(?![\w-])",
                          re.I)
_TITLE_SMALL = frozenset(_EVIDENCE_WORDS["title_small_words"])
TITLE_MIN_WORDS = 4  # a title-cased line of fewer words may be a list ("Database: SQL Server 2015")


@lru_cache(maxsize=65536)
def describes_a_project(text: str | None) -> bool:
    """Whether a statement opens by describing a project, a product or a client ("The objective is to ...")."""
    return text is not None and _DESCRIPTION.search(text) is not None


@lru_cache(maxsize=65536)
def reads_as_title(text: str | None) -> bool:
    """Whether a line is written as a title: four or more words, each capitalised but a title's small words
    ("High-performance Fault-tolerant Distributed Banking System.", a paper's "Model for Survival of Pediatric
    Liver Transplant Recipients")."""
    words = [w for w in _WORD.findall(text or "") if w[0].isalpha()]
    if len(words) < TITLE_MIN_WORDS:
        return False
    return all(w[0].isupper() for w in words if w.lower() not in _TITLE_SMALL)


def statement_place(profile: ResumeProfile, line: int | None) -> tuple[bool, str | None]:
    """(whether the statement holding `line` tells of a student's work, its text when it tells of a post held, else
    None), read once per statement of a profile (as `ResumeProfile.attended` is): every requirement's search asks
    it of its candidates."""
    position = profile.statement_at(line)
    found = profile.memo("_statement_place")
    key = position if position >= 0 else -1 - (line or 0)
    place = found.get(key)
    if place is None:
        text = profile.statement_text(position) if position >= 0 else profile.line_text(line)
        place = found[key] = (is_academic(text), text if text and _POST.search(text) else None)
    return place


@lru_cache(maxsize=65536)
def named_only_as_post(text: str | None, terms: tuple[str, ...]) -> bool:
    """Whether a statement names `terms` only in the title of a post it says the person holds ("Currently
    working in Infrasoft Technologies, Andheri as a Java Developer" for Java): it says where they work, not what
    they did with it. A statement that also names it outside the title ("Worked as a Java developer building
    Java 8 services") does not."""
    if not text or not terms:
        return False
    titles = [m.span(1) for m in _POST.finditer(text)]
    if not any(has_run(phrase_terms(text[start:end]), terms) for start, end in titles):
        return False
    rest, last = [], 0
    for start, end in titles:
        rest.append(text[last:start])
        last = end
    rest.append(text[last:])
    return not has_run(phrase_terms(" ".join(rest)), terms)


@lru_cache(maxsize=65536)
def named_only_before_other_heads(text: str | None, terms: tuple[str, ...]) -> bool:
    """Whether every time a line names `terms` it is a modifier of a noun that names another thing
    (data/evidence_words.json "other_sense_heads"): "communication protocols" (CAN, RS-485) is no evidence of
    Communication, "Interviewed 35 candidates for software engineering jobs" none of Software engineering.
    `_evaluate` asks it of generic requirements only: a tool before such a noun ("Modbus protocol") is still
    the tool. So does one naming it only before an organisation or a department ("the finance lead on the
    Customer Service organization") or before what an employer sells ("growing engineering services to major
    clients"), or only inside a proper name (`named_only_in_a_name`)."""
    return _named_only_before(text, terms, _OTHER_SENSE_HEADS, sold=True) or named_only_in_a_name(text, terms)


_NAME_HEADS = frozenset(_EVIDENCE_WORDS["name_heads"])
_NAME_PERSON_CUES = frozenset(_EVIDENCE_WORDS["name_person_cues"])
_SENTENCE_MIN_LOWER = 3  # lower-case words (not a title's small words) that make a line a sentence, not a title
# capitalised words of a proper name, its head among them ("Aviation General Manager"): a two-word one ("Mentor
# Program", "Sales Manager") is as often the plain name of the thing the person did or held
_NAME_MIN_WORDS = 3


def _proper_names(text: str) -> list[tuple[int, int]]:
    """The character spans of the proper names a sentence holds: runs of `_NAME_MIN_WORDS` or more capitalised
    words (not counting the sentence's first; a title's small words inside) ending at a noun of naming
    (data/evidence_words.json name_heads: "the Finance Professional Development Program") or, after a word that
    makes it someone else (name_person_cues: "speeches for Aviation General Manager"), at a head of job titles. A
    line of fewer than `_SENTENCE_MIN_LOWER` lower-case words is a title or a list, whose capitals say nothing."""
    words = list(_WORD.finditer(text))
    lower = sum(w.group()[0].islower() and w.group().lower() not in _TITLE_SMALL for w in words)
    if lower < _SENTENCE_MIN_LOWER:
        return []
    spans, i = [], 0
    while i < len(words):
        if not words[i].group()[0].isupper():
            i += 1
            continue
        j = i  # the run's last capitalised word
        k = i + 1
        while k < len(words) and not text[words[k - 1].end() : words[k].start()].strip() and \
                (words[k].group()[0].isupper() or words[k].group().lower() in _TITLE_SMALL):
            if words[k].group()[0].isupper():
                j = k
            k += 1
        first = i + 1 if i == 0 else i  # a sentence's first word is capitalised as such ("Participate in ...")
        capitals = sum(words[n].group()[0].isupper() for n in range(first, j + 1))
        head = words[j].group().lower().rstrip(".")
        before = words[i - 1].group().lower() if i > 0 else ""
        named = head in _NAME_HEADS or (head in ROLE_HEADS and before in _NAME_PERSON_CUES)
        if capitals >= _NAME_MIN_WORDS and named:
            spans.append((words[first].start(), words[j].end()))
        i = k
    return spans


@lru_cache(maxsize=65536)
def named_only_in_a_name(text: str | None, terms: tuple[str, ...]) -> bool:
    """Whether every time a sentence names `terms` it is a word of a proper name (`_proper_names`): a programme,
    an award, a body or someone else's title names the word, not the person's skill ("Supervise one employee
    within the Finance Professional Development Program rotation" is no evidence of Finance)."""
    if not text or not terms:
        return False
    spans = _spans_naming(text, terms)
    if not spans:
        return False
    names = _proper_names(text)
    return bool(names) and all(any(a <= start and end <= b for a, b in names) for start, end in spans)


def named_only_as_modifier(text: str | None, terms: tuple[str, ...]) -> bool:
    """Whether a line names `terms` only joined to a modifier ("a backbone.js-like framework"), which names
    another thing."""
    if not text or "-" not in text or _MODIFIED.search(text) is None:
        return False
    words = phrase_terms(_MODIFIED.sub(" ", text))
    n = len(terms)
    return not any(words[k : k + n] == terms for k in range(len(words) - n + 1))


# A one-word name written as two words ("Java script", "Team work", "Postgre SQL"): each part this long at least.
_SPACED_PART = 3


@lru_cache(maxsize=4096)
def spaced_spellings(term: str) -> tuple[tuple[str, ...], ...]:
    """The two-word spellings of a one-word term (stemmed, as `phrase_terms` gives it): every split into two parts
    of at least `_SPACED_PART` letters that are each a word as `phrase_terms` reads it and a word of job ads
    (`specificity.is_known`): "javascript" -> ("java", "script"), never ("jav", "ascript")."""
    if not term.isalpha():
        return ()
    out = []
    for cut in range(_SPACED_PART, len(term) - _SPACED_PART + 1):
        head, tail = term[:cut], term[cut:]
        if phrase_terms(head) == (head,) and phrase_terms(tail) == (tail,) and is_known(head) and is_known(tail):
            out.append((head, tail))
    return tuple(out)


def _taxonomy_hits(profile: ResumeProfile, search: Search) -> list[str]:
    """The resume's skills that are the wanted one or its taxonomy neighbours, in `ResumeProfile.skills` order."""
    hits = profile.skills.keys() & search.skills.keys()
    if len(hits) < 2:
        return list(hits)
    return sorted(hits, key=profile.skill_order.__getitem__)


# A candidate's rank: (shape, tier, -closeness, -quality, line or NO_LINE); the smallest wins, the first of equals
# stays. A sentence that shows the requirement is cited before an item of a list that names it, and both before a
# thin line (a headline, a title, a sub-heading: `statements.statement_shape`). Then, among candidates that meet
# it, one that names it (tier 0) is cited before a more specific skill (1) and a statement that only means it
# (2); the others are all tier 0. The key holds four times the tier, plus two for a list item that holds the name
# among other words ("SQL Workbench" after "Oracle (SQL, PL/SQL)" for SQL), plus one for an item noted as under a
# year of use ("Java (Less than 1 year)" after "Languages: C#, Java"). Closeness is the cosine of the
# meaning check, or the candidate's value (quality x line weight) when it is not checked.
_Key = tuple[int, int, float, float, int]
_SHAPE_RANK = {"sentence": 0, "list": 1, "thin": 2, "heading": 3, None: 0}
# Added to the shape rank of a line cited only after every sentence and list that names the requirement: a line of
# the education section, a student's project anywhere, a statement of the person's post ("working at X as a Java
# Developer"). It ranks with a thin line.
CITED_AFTER = 2
_TIER = {"exact": 0, "alias": 0, "child": 1, "meaning": 2}

# The winning evidence as `_evaluate` finds it: (how, quality, line, section or None, the resume's skill id when
# found through the taxonomy or None, the cosine of the meaning check or None when not checked).
Winner = tuple[str, float, int | None, str | None, str | None, float | None]

# What the evidence search found for one skill or keyword requirement, numbers only (no result row yet):
# (winning evidence, status, score, occurrences).
SearchOutcome = tuple[Winner | None, str, float, int]

# The meaning check of one requirement against one resume: the cosine of each statement with the requirement
# in its ad context (None: not checked), and the thresholds.
Meaning = tuple[Sequence[float], Thresholds] | None


def _similarity(profile: ResumeProfile, meaning: Meaning, line: int | None) -> float | None:
    """The cosine of the statement holding `line` (None without a check; -1.0 for a line in no statement)."""
    if meaning is None:
        return None
    statement = profile.statement_at(line)
    return float(meaning[0][statement]) if statement >= 0 else -1.0


def _evaluate(profile: ResumeProfile, search: Search, meaning: Meaning = None) -> SearchOutcome:
    """(winning evidence, status, rounded score, occurrences) of a skill or keyword requirement.

    Candidates: the requirement's words (or an alias) as a phrase on a line, the same taxonomy skill, a more
    specific one (meets it when its statement's meaning is confirmed, else it is related), a broader or
    neighbouring one (related), and - only when nothing that meets it stands - a statement that means it
    (`Search.by_meaning`). Checked by meaning, the cited statement is the one closest
    in meaning among the best tier; unchecked, the heaviest. The score is the best value (quality x line weight)
    of the candidates of the winning status. `occurrences` counts where the resume names the requirement (the
    keyword view), confirmed or not.
    """
    index = profile.index
    if search.lone_word is not None and not index.has(search.lone_word):
        return None, "missing", 0.0, 0  # a one-word keyword absent from the resume (the most common case)
    weight = profile.weight
    strong_key: _Key | None = None  # best standing candidate that meets the requirement
    strong_at: Winner | None = None
    weak_key: _Key | None = None  # best standing candidate that does not
    weak_at: Winner | None = None
    strong_value = weak_value = 0.0  # the best value of the candidates that meet it / that do not
    strong_statements: set[int] = set()
    strong_names: tuple[str, ...] = ()  # the words the winning candidate names it by (none for a meaning)
    strong_lines: set[int | None] = set()  # the lines of the candidates that meet it (for its years)
    named: set[int | None] = set()  # lines that name it (its words, an alias, the same skill), checked or not
    occurrences = 0
    checked: dict[int | None, float | None] = {}
    # a candidate stands unchecked, or at the confirm threshold of its class: a named tool's, or a more specific
    # skill the statement names, at `confirm_tool`; the other requirements' own words at `confirm`
    confirm, confirm_named = ((meaning[1].confirming(search.named_tool), meaning[1].confirming(True))
                              if meaning is not None else (0.0, 0.0))

    def check(line: int | None, threshold: float, names: tuple[str, ...] = ()) -> tuple[bool, float | None]:
        """Whether a candidate on `line` stands, and its cosine. One that names the requirement as an item of a
        list stands unchecked: an item has no sentence around it to give its words another meaning, and a list's
        vector is far from any one of its items (DHCP in "DNS, WINS, DHCP; PPP, PPTP"). A more specific skill in
        a list still needs the check ("Operating Systems: Windows, Linux" is no evidence of a Computer Science
        degree)."""
        if line in checked:
            similarity = checked[line]
        else:
            similarity = checked[line] = _similarity(profile, meaning, line)
        shape = profile.shape_at(line)
        if shape == "heading":
            return False, similarity
        stands = similarity is None or similarity >= threshold or (
            bool(names) and shape == "list" and _names_item(profile, line, names))
        return stands, similarity

    degree_lines = frozenset(d.line for d in profile.degrees) if search.generic_field else frozenset()

    def thin(line: int | None, how: str, names: tuple[str, ...] = ()) -> bool:
        """A statement of attending or trying it, a degree's name for a requirement of generic field words, a
        statement of understanding something broader that names it only as an example (`known_only_as_example`),
        a generic requirement's word as a modifier of another thing (`named_only_before_other_heads`), a line
        without the practice the ad asks done on it (`asked_practice`), or a candidate of a group the acceptance
        rule makes related (`accepted`): related at most."""
        if profile.attended(line) or line in degree_lines \
                or not accepted(search.klass, how, profile.shape_at(line) == "list"):
            return True
        if search.practice is not None and search.practice not in phrase_terms(profile.line_text(line) or ""):
            return True  # "Operating Systems: Unix-AIX, Linux" for "Basic UNIX scripting": the platform only
        if search.klass != "tool" and named_only_before_other_heads(profile.line_text(line), names):
            return True  # "communication protocols", "software engineering jobs": another thing
        statement = profile.statement_at(line)
        return known_only_as_example(profile.statement_text(statement) if statement >= 0 else profile.line_text(line),
                                     names)

    used = not (search.depth or search.list_depth)  # a candidate that meets it shows it used (a depth ask needs one)
    long_enough = False  # a candidate that meets it says no less than a year of it (its line has no such note)

    def depth_of(line: int | None, names: tuple[str, ...], used: bool, long_enough: bool) -> tuple[bool, bool]:
        """(`used`, `long_enough`) with a candidate that meets it on `line`, naming it as `names`."""
        if used and long_enough:
            return used, long_enough
        if not used and not search.depth:  # a list item is no use of "strong programming skills"
            used = profile.shape_at(line) != "list"
        elif not used:
            statement = profile.statement_at(line)
            text = profile.statement_text(statement) if statement >= 0 else profile.line_text(line)
            used = shows_use(text, profile.shape_at(line), names)
        return used, long_enough or not short_use(profile.line_text(line), names)

    def names_another(line: int | None, terms: tuple[str, ...]) -> bool:
        text = profile.line_text(line)
        return text is not None and names_another_thing(text, terms)

    def shaped(line: int | None, names: tuple[str, ...]) -> int:
        """The statement's shape rank, `CITED_AFTER` more for a line a recruiter reads as weaker proof than any
        list naming it (`cited_after`)."""
        return _SHAPE_RANK[profile.shape_at(line)] + (CITED_AFTER if cited_after(line, names) else 0)

    def cited_after(line: int | None, names: tuple[str, ...]) -> bool:
        """A line of the education section or a statement of a student's work (a course, a university project;
        not for a field of study, which a degree shows), or a statement that names it only as the title of the
        person's post (`named_only_as_post`), a role's bare title line ("Procurement Associate Company Name City,
        State": the statements under it show the work), or a line worded as a wish ("Need for Java/J2ee
        Developer")."""
        if line in profile.title_lines():
            return True
        academic, post = statement_place(profile, line)
        if not search.field_like and (academic or profile.section(line) == "education"):
            return True
        return (post is not None and named_only_as_post(post, names)) or is_wish(profile.line_text(line))

    def longer(line: int | None, names: tuple[str, ...]) -> int:
        """Twice 1 for a list item that holds the name among other words ("SQL Workbench"), cited after one that
        is the name ("Oracle (SQL, PL/SQL)"), plus 1 for an item noted as under a year of use ("Java (Less than
        1 year)"), cited after one without the note; 0 for any other candidate."""
        if not names or profile.shape_at(line) != "list":
            return 0
        return 2 * (profile.item_fit(line, names) > 0) + short_use(profile.line_text(line), names)

    def attended(line: int | None, value: float, key: _Key, winner: Winner) -> None:
        """A candidate on a statement of attending or trying it (a workshop, a student paper): related at most."""
        nonlocal weak_key, weak_at, weak_value
        weak_value = max(weak_value, value)
        if weak_key is None or key < weak_key:
            weak_key, weak_at = key, winner

    for form, (how, terms) in enumerate(search.forms):
        lines, count = index.phrase_matches(terms)
        studied = tuple(n for n in _degree_lines_naming(profile, terms) if n not in lines) \
            if form < search.named and search.field_like else ()
        if form < search.named:
            if search.counted:
                occurrences += count
            named.update(lines)
            named.update(studied)
        for number in (*lines, *studied):
            if number not in studied and names_another(number, terms):
                continue
            # a degree's field names the field and nothing else: it stands unchecked
            stands, similarity = (True, None) if number in studied else check(number, confirm, terms)
            if not stands:
                continue
            value = weight(number)
            if thin(number, how, terms):
                closeness = value if similarity is None else similarity
                attended(number, value, (shaped(number, terms), longer(number, terms), -closeness, -1.0, number),
                         (how, 1.0, number, None, None, _confirmed(similarity, confirm)))
                continue
            strong_statements.add(profile.statement_at(number))
            strong_lines.add(number)
            strong_value = max(strong_value, value)
            used, long_enough = depth_of(number, terms, used, long_enough)
            key = (shaped(number, terms), longer(number, terms), -(value if similarity is None else similarity), -1.0,
                   number)
            if strong_key is None or key < strong_key:  # a list item below the threshold is shown unchecked
                strong_key, strong_at = key, (how, 1.0, number, None, None, _confirmed(similarity, confirm))
                strong_names = terms
    if search.skills:
        skills = profile.skills
        wanted = search.skills
        for skill_id in _taxonomy_hits(profile, search):
            record = skills[skill_id]
            if record.weight is None:
                continue  # every mention of the skill sits where nothing is evidence
            kind, quality = wanted[skill_id]
            if kind == "exact":
                named.update(record.lines)
            written = written_terms(record.surface or record.name)
            names = written if kind == "exact" else ()
            threshold = confirm_named if kind == "child" else confirm
            for number in record.lines:
                if names_another(number, written):
                    continue
                stands, similarity = check(number, threshold, names)
                if not stands:
                    continue
                section = profile.section(number) or record.section
                value = quality * weight(number, section)
                # a more specific tool, checked by meaning; for a group of alternatives ("Python, Java, Ruby or
                # Perl") only a member named meets it: Maven on a build line is no Java
                meets = kind == "exact" or (kind == "child" and similarity is not None and not search.in_group)
                meets = meets and not thin(number, kind, written)  # a workshop attended: related at most
                key = (shaped(number, written),
                       4 * _TIER[kind] + longer(number, names) if meets else longer(number, names),
                       -(value if similarity is None else similarity), -quality, NO_LINE if number is None else number)
                if meets:
                    strong_statements.add(profile.statement_at(number))
                    strong_lines.add(number)
                    strong_value = max(strong_value, value)
                    used, long_enough = depth_of(number, written, used, long_enough)
                    if strong_key is None or key < strong_key:
                        strong_key, strong_at = key, (kind, quality, number, section, skill_id,
                                                      _confirmed(similarity, threshold))
                        strong_names = names
                else:
                    weak_value = max(weak_value, value)
                    if weak_key is None or key < weak_key:
                        weak_key, weak_at = key, (kind, quality, number, section, skill_id, similarity)
    if strong_key is None and search.klass == "other" and not search.generic_field:
        # a field of work a post held names ("Director of Finance" for finance): the dated post shows it
        held = next((line for how, terms in search.forms[: search.named]
                     if (line := profile.held_title_naming(terms)) is not None), None)
        if held is not None:
            strong_key, strong_at = (0, 0, 0.0, -1.0, held), ("exact", 1.0, held, profile.section(held), None, None)
            strong_names = ()
            strong_value = weight(held)
            strong_lines.add(held)
            used = long_enough = True
    if strong_key is None and meaning is not None and search.by_meaning:
        found = _by_meaning(profile, meaning)
        if found is not None and not accepted(search.klass, "meaning", profile.shape_at(found[1][2]) == "list"):
            found = None  # a list item that reads like the requirement: the rule makes meaning on lists no evidence
        if found is not None and search.klass == "soft":
            # a soft skill read into a statement of other work ("Adaptability" from "Android application
            # development and testing"): related at most
            attended(found[1][2], MEANING_QUALITY * weight(found[1][2]), found[0], found[1])
            found = None
        if found is not None:
            used = long_enough = True  # a statement that says it in other words
            strong_key, strong_at = found
            strong_names = ()
            strong_value = MEANING_QUALITY * weight(strong_at[2])
            strong_statements.add(profile.statement_at(strong_at[2]))
            strong_lines.add(strong_at[2])
    strong_statements.discard(-1)
    if strong_at is not None and strong_names and profile.shape_at(strong_at[2]) == "thin":
        held = profile.held_title_naming(strong_names)
        if held is not None and held != strong_at[2]:  # the headline "HR ASSISTANT": the post held shows it
            strong_at = (strong_at[0], strong_at[1], held, profile.section(held), strong_at[4], strong_at[5])
    if len(named) > occurrences:
        occurrences = len(named)
    if strong_key is None:
        if weak_at is None:
            return None, "missing", 0.0, occurrences
        value = weak_value * DEPTH_BASE
        return weak_at, "related", round(value if value < 1.0 else 1.0, 4), occurrences
    # met: the evidence is a candidate that meets it, even if a related skill sits on a better line
    depth = DEPTH_BASE + DEPTH_STEP * min(max(len(strong_statements) - 1, 0), DEPTH_LINES)
    score = min(1.0, max(strong_value * depth, max(strong_value, weak_value) * DEPTH_BASE))
    assert strong_at is not None
    if not used:  # "expertise with AWS" shown only by a list or "such as Amazon EC2", "strong programming" by a list
        value = max(strong_value, weak_value) * DEPTH_BASE
        return strong_at, "related", round(value if value < 1.0 else 1.0, 4), occurrences
    if not long_enough:  # "Java (Less than 1 year)"
        return strong_at, "partial", round(score * YEARS_SHORT_FLOOR, 4), occurrences
    if search.min_years:
        share = profile.years_naming(strong_lines) / search.min_years
        if share < 1.0:  # "3+ years of JavaScript" shown by a skills list, or by roles that do not add up
            return strong_at, "partial", round(score * max(share, YEARS_SHORT_FLOOR), 4), occurrences
    return strong_at, "met", round(score, 4), occurrences


def narrower_siblings(requirements: Sequence[Requirement]) -> tuple[tuple[int, ...], ...]:
    """Per requirement, the positions of the other skill/keyword requirements of the job that are a narrower form
    of it: their words hold its words as a phrase ("Test automation" of "Automation"), or they are its words
    without the ad's broad nouns ("Agile" of "Agile Development Principles")."""
    searched = [(i, r.terms) for i, r in enumerate(requirements) if r.kind in ("skill", "keyword") and r.terms]
    out: list[tuple[int, ...]] = []
    for req in requirements:
        wanted = req.terms if req.kind in ("skill", "keyword") else ()
        n = len(wanted)
        core = tuple(t for t in wanted if t not in _BROAD)
        core = core if 0 < len(core) < n else None
        out.append(tuple(i for i, terms in searched if n and (
            terms == core
            or (len(terms) > n and any(terms[k : k + n] == wanted for k in range(len(terms) - n + 1))))))
    return tuple(out)


def agree_with_siblings(outcomes: list[SearchOutcome], narrower: Sequence[tuple[int, ...]]) -> None:
    """Make each requirement's status agree with its narrower siblings', in place: one that is not met while a
    narrower form of it is ("Automation" missing while "Test automation" is met from the same line) is met by
    that form's evidence, as a more specific skill meets it (`how` "child")."""
    for position, siblings in enumerate(narrower):
        if not siblings or outcomes[position][1] in ("met", "partial"):  # partial: short of the years asked
            continue
        met = [outcomes[i] for i in siblings if outcomes[i][1] == "met" and outcomes[i][0] is not None]
        if not met:
            continue
        winner, _, score, _ = max(met, key=lambda o: o[2])
        assert winner is not None
        _, _, line, section, _, similarity = winner
        occurrences = outcomes[position][3]
        outcomes[position] = (("child", QUALITY["child"], line, section, None, similarity), "met", score,
                              occurrences)


def _names_item(profile: ResumeProfile, line: int | None, names: tuple[str, ...]) -> bool:
    """Whether an item of the list holding `line` names the requirement, so the candidate stands unchecked: an item
    that is the name ("DHCP" in "DNS, WINS, DHCP") or holds it among its words ("Sonicwall Firewall", "Batch
    Scripting"). A note names nothing but an item that is the name ("SQL" in "Oracle (SQL, PL/SQL)"; "ARCHITECTURE
    (Less than 1 year)" names no Less). An item ending in the name may name another thing of its kind ("OSI
    Architecture"): it stands, but is cited after an item that is the name."""
    return profile.item_fit(line, names) <= 2


def _degree_lines_naming(profile: ResumeProfile, terms: tuple[str, ...]) -> tuple[int, ...]:
    """The lines of the degrees whose name or field holds `terms` as a phrase ("BE COMPUTER SCIENCE" for
    "Computer science"): the same line the education requirement reads its level from. The evidence index
    blanks a degree's name (never evidence of using a skill), so a field asked as a skill is looked up here."""
    n = len(terms)
    found = []
    for degree in profile.degrees:
        if degree.line is None:
            continue
        words = written_terms(f"{degree.degree or ''} {degree.field or ''}")
        if any(words[k : k + n] == terms for k in range(len(words) - n + 1)):
            found.append(degree.line)
    return tuple(found)


def _confirmed(similarity: float | None, threshold: float) -> float | None:
    """The cosine a cited candidate is reported with: None (not checked) for a list item that stood below the
    threshold, so the report never calls it confirmed by meaning."""
    return similarity if similarity is None or similarity >= threshold else None


_NO_PARAPHRASE = ("heading", "list")


def _by_meaning(profile: ResumeProfile, meaning: tuple[Sequence[float], Thresholds]) -> tuple[_Key, Winner] | None:
    """The statement that best means the requirement (the first of equals), when its cosine reaches the
    `paraphrase` threshold. A heading or a list is never one: a list names things and says nothing in other words,
    and its vector is near a concept none of its items is (a tool list read as "Design patterns")."""
    similarities, thresholds = meaning
    if not len(similarities):
        return None
    best = max(range(len(similarities)), key=similarities.__getitem__)
    similarity = float(similarities[best])
    if similarity < thresholds.paraphrase:
        return None
    line = profile.statements[best][0]
    if profile.shape_at(line) in _NO_PARAPHRASE:  # then the best of the statements that say something
        kept = [i for i, (first, _) in enumerate(profile.statements)
                if profile.shape_at(first) not in _NO_PARAPHRASE]
        if not kept:
            return None
        best = max(kept, key=similarities.__getitem__)
        similarity = float(similarities[best])
        if similarity < thresholds.paraphrase:
            return None
        line = profile.statements[best][0]
    if profile.attended(line):
        return None  # a workshop or a student paper that reads like the requirement is no evidence of doing it
    key = (_SHAPE_RANK[profile.shape_at(line)], 4 * _TIER["meaning"], -similarity, -MEANING_QUALITY, line)
    return key, ("meaning", MEANING_QUALITY, line, None, None, similarity)


def _candidate(profile: ResumeProfile, req: Requirement, kind: str, quality: float, line: int | None,
               section: str | None, skill_id: str | None) -> Candidate:
    """The evidence `Candidate` for the winner of `_evaluate` (a phrase, a taxonomy skill, words or meaning)."""
    if skill_id is None:  # the requirement's words or an alias as written, or a statement that means it
        return Candidate(kind, quality, line, profile.section(line), profile.weight(line))
    record = profile.skills[skill_id]
    name, surface = record.name, record.surface  # the best mention as written
    how = kind
    if kind == "exact" and _normalise(surface or "") != _normalise(req.label):
        how = "alias"
    return Candidate(how, quality, line, section, profile.weight(line, section), name)


def evaluate_skill(profile: ResumeProfile, req: Requirement, search: Search | None = None,
                   meaning: Meaning = None) -> SearchOutcome:
    """The numbers (and winning evidence) of a skill or keyword requirement; `explain_skill` turns them into
    the `Assessment` that `assess_skill` returns. `search` may pass `compile_search(req)` when the caller has it;
    `meaning` the statements' cosines with the requirement in context and the thresholds (None: no check)."""
    return _evaluate(profile, compile_search(req) if search is None else search, meaning)


def assess_skill(profile: ResumeProfile, req: Requirement, meaning: Meaning = None) -> Assessment:
    """Best evidence for a skill or keyword requirement (taxonomy neighbours come with `req.related`)."""
    return explain_skill(profile, req, evaluate_skill(profile, req, meaning=meaning))


def explain_skill(profile: ResumeProfile, req: Requirement, outcome: SearchOutcome) -> Assessment:
    """The `Assessment` (result row, gap details) of a requirement from its `evaluate_skill` numbers."""
    winner, status, score, occurrences = outcome
    if winner is None:
        rid, _ = closest(req.related, profile.skills)
        related = profile.skills[rid].name if rid is not None else None
        result = RequirementResult(
            requirement=req.label, kind=req.kind, importance=req.importance, status="missing", score=0.0,
            group=req.group,
        )
        return Assessment(req, result, occurrences=occurrences, related_skill=related)
    kind, quality, line, section, skill_id, similarity = winner
    best = _candidate(profile, req, kind, quality, line, section, skill_id)
    statement = profile.statement_at(best.line)
    first, last = profile.statements[statement] if statement >= 0 else (best.line, best.line)
    result = RequirementResult(
        requirement=req.label,
        kind=req.kind,
        importance=req.importance,
        status=status,  # type: ignore[arg-type]
        score=score,
        how=best.how,
        evidence=profile.statement_text(statement) if statement >= 0 else profile.line_text(best.line),
        section=best.section,
        line=first,
        line_end=last,
        confirmed=None if similarity is None else True,
        similarity=None if similarity is None else round(similarity, 4),
        group=req.group,
    )
    related = best.name if best.how in {"child", "parent", "related"} else None
    return Assessment(req, result, occurrences=occurrences, related_skill=related)

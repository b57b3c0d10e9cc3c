"""Turn a ParsedJob into the list of requirements a resume is checked against.

A requirement is one thing the job asks for: a skill (required or preferred), a minimum number of years, a degree
level and field, the role itself (title/seniority), an eligibility check, or a salient keyword of the ad. Each
carries a weight used inside its sub-score; the sub-score weights live in `scores.py`.

Everything is read from the ad's asking zones (duties, requirements, nice-to-haves: `documents/job_zones.py`),
sentence by sentence, so that a list wrapped over two lines is still one list:

- Alternatives. "languages such as Python, Ruby or Java", "React, Vue, or Angular", "Memcached/Redis", "at least
  one framework (JSF, Spring MVC)" ask for any one of their skills: the skills share a `group` (and list each
  other in `alternatives`), and the group is ONE requirement met by any member (scores count it once, by its
  best member; the must-have filter passes it when one member is met).
- Qualifiers. "5+ years of Java" or "Java (5+ years)" sets the Java requirement's `min_years`; "unit testing in
  Java" sets the unit-testing requirement's `scope` to "Java". A years phrase about something that is not a
  skill ("3 years in the Microsoft stack") is an experience requirement of its own, with that `scope`.
- Eligibility. Work authorisation, security clearance, background checks, driving licences, travel and
  relocation are requirements of kind "eligibility": listed for the user to check, never scored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise
from typing import Literal

from pydantic import BaseModel

from jobfit.documents.job import AskedSkill, ad_reading, asked_skills, degree_asked, find_eligibility, years_phrases
from jobfit.documents.job_cues import GENERIC_OBJECTS
from jobfit.documents.job_title import reads_as_sentence
from jobfit.documents.job_zones import ASKING_ZONES, AdReading, importance_at
from jobfit.documents.models import ParsedJob
from jobfit.matching.keywords import is_search_term, is_shown_trait, names_a_thing, salient_keywords
from jobfit.matching.models import Importance
from jobfit.matching.specificity import is_known, phrase_specificity
from jobfit.matching.text import AD_WORDS, LineIndex, clean_title, phrase_terms, stem
from jobfit.skills.extractor import extract_skills
from jobfit.skills.models import TECH_CATEGORIES, SkillMention

RequirementKind = Literal["skill", "experience", "education", "title", "keyword", "eligibility"]

# Inside the skills sub-score, a required skill counts this many times a preferred one.
REQUIRED_WEIGHT = 1.0
PREFERRED_WEIGHT = 0.4
# Soft skills ("communication", "teamwork") are asked for almost everywhere and tell candidates apart
# least: they count half inside the skills sub-score.
SOFT_SKILL_FACTOR = 0.5
# A list is two or more skills written next to each other in a sentence, separated only by commas, slashes or
# one "and"/"or"; it is a list of alternatives when one separator is an "or" or a lone slash ("Memcached/Redis"),
# when a lead-in ("such as", "e.g.", "like", "one of", an opening bracket) precedes it in its clause, or when
# "etc." / "or similar" follows it.
# A name the vocabulary does not hold may stand between two of its skills ("Jenkins Travis and/or CircleCI").
# A bracketed aside after a skill (its acronym: "Amazon Web Services (AWS) Microsoft Azure or Google cloud (GCP)")
# stands in the gap too.
_LIST_GAP_RE = re.compile(r"[\s,/&]*(?:\([^()]{1,30}\)[\s,/&]*)?(?:(?-i:[A-Z][\w.+#-]*)[\s,/&]+)?"
                          r"(?:(?:and/or|or|and)\b[\s,]*)?", re.IGNORECASE)
_OR_GAP_RE = re.compile(r"\bor\b|^\s*/\s*$", re.IGNORECASE)
# Two kinds, each with its example, joined by "or" ("Cloud platforms such as PCF or containers like Kubernetes")
# are one list of alternatives: a kind and its example ("containers like Kubernetes") join a list that has an "or".
_EXAMPLE_GAP_RE = re.compile(r"\s+(?:such as|like|e\.g\.?|for example)\s+(?:(?-i:[A-Z][\w.+#-]*)\s+)?"
                             r"(?:(?:and/or|or)\s+)?", re.IGNORECASE)
_ALTERNATIVES_LEAD_RE = re.compile(
    r"(?:\b(?:such as|e\.g\.?|for example|for instance|like|one of|any of|some of|"
    r"at least (?:one|two|three|\d)(?: of)?|(?:one|two|three|\d) or more(?: of)?|either|"
    r"including|(?:may|might|could|can) include)|\(|"
    # a kind named as what is asked, then a dash and its members ("knowledge of modern languages/frameworks -
    # HTML5 Ruby node.js JavaScript"): examples of the kind, where a label opening a line ("Skills - ...") lists
    r"\b(?:of|with|in)\s+(?:[\w-]+\s+){0,2}[\w/-]*[a-z]s\s+[-–—])\W*$",
    re.IGNORECASE,
)
# What makes the next thing an example of what is asked, not a requirement of its own.
_EXAMPLE_LEAD_RE = re.compile(r"\b(?:such as|e\.g\.?|for example|for instance|including|(?:may|might|could|can) "
                              r"include|(?:tools?|languages?|"
                              r"frameworks?|libraries|technologies|databases?|platforms?|systems?) like)\W*"
                              # ... or a later item of the same list ("e.g. networking, cloud, containerization")
                              r"(?:[\w.+#/-]+(?: [\w.+#/-]+)?\s*(?:,|/|\bor\b|\band\b)\s*){0,8}$",
                              re.IGNORECASE)
# A sentence that announces a list to choose from ("Experience with some of the following:"): the bullets after it
# are one list of alternatives.
_CHOICE_LEAD_RE = re.compile(r"\b(?:one|some|any|two|several|a few|a number|one or more|at least (?:one|two)|"
                             r"some or all|any or all|all or some) of the "
                             r"following\b[^.;:]*:|\b(?:one|any) of:", re.IGNORECASE)
_BULLET_RE = re.compile(r"^\s*(?:[•▪●◦‣∙·*>\-–—]|o\s|\d{1,2}\s?[.)]\s)")
_ALTERNATIVES_TRAIL_RE = re.compile(
    # names the vocabulary does not hold may stand before the "or similar" ("Selenium jest/enzyme or similar"):
    # written with a capital or joined by a slash
    r"^\W*(?:(?:(?-i:[A-Z][\w.+#-]*)|[\w.+#-]+/[\w.+#/-]+)[\s,]+){0,2}?"
    r"(?:etc\b|or (?:[\w-]+ ){0,4}?(?:similar|equivalents?|others?|related|comparable|alternatives?)\b|"
    r"or [^,;.()]{0,60}\bin general\b|"  # "Java or strong experience with other ...", "AWS or ... in general"
    # "Java Python Docker and AWS - you'll know at least two of them": a choice named after the list
    r"[^,;.()]{0,60}?\b(?:at least (?:one|two|three|\d)|(?:one|two|three|\d) or more|any|either|one|some) of "
    r"(?:them|these|those|the above)\b)",
    re.IGNORECASE)
# A bracketed list that ends in "etc." names examples ("static analysis tools (SonarQube .NET Analyzers etc.)").
_ETC_AFTER_RE = re.compile(r"^(?:[^().;:]|\.(?=\S)){0,80}\betc\b", re.IGNORECASE)
_CLAUSE_END_RE = re.compile(r"[;:]|(?<!\be\.g)(?<!\bi\.e)\.(?:\s|$)")
# What joins a years phrase to the skill it qualifies: "Java (5+ years)", "Java: 5 years", "Python - 3+ years".
_YEARS_AFTER_SKILL = re.compile(
    r"^\s*(?:[(:,\-–—]\s*)?(?:with\s+|for\s+|of\s+)?(?:at\s+least\s+|minimum\s+|min\.?\s+)?$", re.IGNORECASE)
# Where the object of a years phrase ends: the next clause or inline bullet, or a preposition after its head words.
_OBJECT_END = re.compile(r"[;.()•▪●◦‣]|\b(?:and \d|for|to|towards|at|where|which|that|while|including|such as|as well|"
                         r"with a|in a|in an|within a|is|are|preferred|required|ideally|plus)\b", re.IGNORECASE)
# "Experience in the insurance industry": experience in a domain is a requirement of its own, years or not.
# ... not one written as a modifier ("industry-wide", "industry wide technology strategies": job_ad_words.json).
_DOMAIN = re.compile(r"\b(?:experience|background|expertise|knowledge)\s+(?:\w+\s+){0,2}?(?:in|of|within|with)\s+"
                     r"(?:the\s+|a\s+|an\s+)?(?P<scope>(?:[\w&/-]+\s+){0,3}?(?:industry|sector|domain))\b(?!-)"
                     r"(?![ \t]+(?:" + "|".join(AD_WORDS["modifier_after"]) + r")\b)",
                     re.IGNORECASE)
# "unit testing in Java": a method's scope is the technology it is done in.
_SCOPE_GAP = re.compile(r"^\s+(?:in|using|with|on)\s+$", re.IGNORECASE)
_MAX_SCOPE_WORDS = 5
# "2+ years of experience in a similar role": years in the ad's own post, not in anything (job_ad_words.json).
_IN_SIMILAR_POST = re.compile(r"^\W*(?:[\w-]+\s+){0,4}?(?:in|as|from|within)\s+(?:a|an|the)\s+(?:similar|comparable|"
                              r"equivalent)\s+(?:" + "|".join(AD_WORDS["similar_posts"]) + r")\b", re.IGNORECASE)
_WRAPPER_TERMS = frozenset(t for word in AD_WORDS["skill_wrappers"] for t in phrase_terms(word))  # stemmed


class Requirement(BaseModel):
    """One thing the job asks for.

    `min_years` (skill requirements): the years of using this skill the ad asks for ("5+ years of Java"); only
    evidence of this skill can meet them. `scope` (skill and experience requirements): what the requirement is
    confined to, as the ad writes it - "Java" for "unit testing in Java", "Microsoft stack" for the experience
    requirement "3 years in the Microsoft stack"; evidence outside it does not meet it. `years` is the experience
    requirement's minimum (with `scope`, years in that scope; without, in total).
    """

    kind: RequirementKind
    label: str
    importance: Importance = "required"
    weight: float = 1.0
    skill_id: str | None = None
    category: str | None = None  # the skill's category; for eligibility, what to check ("work authorisation")
    terms: tuple[str, ...] = ()  # stemmed words of the label, for lexical matching
    aliases: tuple[tuple[str, ...], ...] = ()  # stemmed words of other names the job used
    years: float | None = None
    min_years: float | None = None
    scope: str | None = None
    degree_level: str | None = None
    degree_field: str | None = None
    # Skills in one list of alternatives share a group id: the group is one requirement, met by its best member.
    group: int | None = None
    alternatives: tuple[str, ...] = ()  # the labels of every member of the group, in the ad's order
    count_in_job: int = 0  # verbatim occurrences of the label (or its aliases) in the job text
    line: int | None = None  # the line of the ad that asks it (skills: the mention kept; eligibility: its sentence)
    # Mean background idf of the label's words (`specificity.py`): rare terms weigh more in the skills
    # and keyword sub-scores.
    specificity: float = 1.0
    # Taxonomy neighbours of `skill_id` (id -> (kind, relatedness)), filled by `engine.prepare_job`.
    related: dict[str, tuple[str, float]] = {}


def _bare(term: str) -> str:
    """A term without version digits or a .js suffix, to see that 'css3' and 'vue' name known skills."""
    return re.sub(r"(?:\.?js|[\d.]+)$", "", term) or term


@dataclass(frozen=True)
class _Placed:
    """A skill mention placed in its sentence: `start`/`end` are offsets in the sentence text."""

    skill: str
    category: str
    sentence: int
    start: int
    end: int
    must: bool  # asked as required in so many words (a requirements zone or a required cue), not by the duties


def _placed(asked: list[AskedSkill]) -> list[_Placed]:
    return [_Placed(a.mention.skill_id, a.mention.category, a.sentence, a.offset, a.offset + len(a.mention.surface),
                    a.explicit and a.importance == "required") for a in asked]


def _by_sentence(placed: list[_Placed]) -> dict[int, list[_Placed]]:
    out: dict[int, list[_Placed]] = {}
    for p in placed:
        out.setdefault(p.sentence, []).append(p)
    for items in out.values():
        items.sort(key=lambda p: (p.start, -p.end))
    return out


def _alternative_lists(reading: AdReading, placed: list[_Placed]) -> dict[str, set[tuple[int, int] | None]]:
    """skill id -> the lists of alternatives its asking mentions are written in ((sentence, start) each), with
    None for a mention that asks for it on its own, as required."""
    tags: dict[str, set[tuple[int, int] | None]] = {}
    by_sentence = _by_sentence(placed)
    chosen: set[int] = set()  # sentences that are bullets of a "some of the following:" list
    for index, sentence in enumerate(reading.sentences):
        lead = _CHOICE_LEAD_RE.search(sentence.text)
        if lead is None:
            continue
        # the list: what follows the colon, then the bullets below (or the ';' clauses of the same line)
        items = []
        for following in range(index + 1, len(reading.sentences)):
            after = reading.sentences[following]
            if not (_BULLET_RE.match(after.text) or after.line == reading.sentences[following - 1].parts[-1][0]):
                break
            items.append(following)
        skills = {p.skill for p in by_sentence.get(index, ()) if p.start >= lead.end()}
        skills |= {p.skill for i in items for p in by_sentence.get(i, ())}
        items.append(index)
        if len(skills) >= 2:
            chosen.update(items)
            for skill in skills:
                tags.setdefault(skill, set()).add((index, -1))
    for index, spans in by_sentence.items():
        if index in chosen:
            continue
        text = reading.sentences[index].text
        chains: list[list[_Placed]] = []
        for span in spans:
            if chains and span.start < chains[-1][-1].end:
                continue  # a mention inside another ("Spring" in "Spring Boot")
            if chains and span.skill == chains[-1][-1].skill and text[chains[-1][-1].end : span.start].strip() == "(":
                continue  # the same skill restated in brackets ("Amazon Web Services (AWS)")
            gap = text[chains[-1][-1].end : span.start] if chains else ""
            if chains and (_LIST_GAP_RE.fullmatch(gap) or (_EXAMPLE_GAP_RE.fullmatch(gap) and (
                    _OR_GAP_RE.search(gap) or any(_OR_GAP_RE.search(text[a.end : b.start])
                                                  for a, b in pairwise(chains[-1]))))):
                chains[-1].append(span)
            else:
                chains.append([span])
        for chain in chains:
            gaps = [text[a.end : b.start] for a, b in pairwise(chain)]
            before = _CLAUSE_END_RE.split(text[: chain[0].start])[-1]
            alternatives = len(chain) >= 2 and (
                any(_OR_GAP_RE.search(g) for g in gaps) or _ALTERNATIVES_LEAD_RE.search(before) is not None
                or _ALTERNATIVES_TRAIL_RE.match(text[chain[-1].end :]) is not None
            )
            for span in chain:
                if alternatives:
                    tags.setdefault(span.skill, set()).add((index, chain[0].start))
                elif span.must:  # asked on its own: not an alternative (a stack or duty mention does not count)
                    tags.setdefault(span.skill, set()).add(None)
    return tags


def _group_alternatives(found: dict[str, Requirement], tags: dict[str, set[tuple[int, int] | None]]) -> None:
    """Give the skills of each list of alternatives a shared group id and one importance (a cue after a list
    covers the list: the last member's). A skill also asked on its own is not an alternative; lists that share a
    skill ("React.js, Vue.js or Angular.js" in the duties, "React, Vue, or Angular" in the requirements) are one."""
    lists: dict[tuple[int, int], list[str]] = {}
    for key in found:
        seen = tags.get(key, set())
        if seen and None not in seen:
            for tag in seen:
                lists.setdefault(tag, []).append(key)  # type: ignore[index]
    parent = {key: key for keys in lists.values() for key in keys}

    def root(key: str) -> str:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for keys in lists.values():
        for key in keys[1:]:
            parent[root(key)] = root(keys[0])
    members: dict[str, list[Requirement]] = {}
    for key, req in found.items():  # in the ad's order
        if key in parent:
            members.setdefault(root(key), []).append(req)
    for group, reqs in enumerate(r for r in members.values() if len(r) >= 2):
        labels = tuple(r.label for r in reqs)
        importance = reqs[-1].importance
        for req in reqs:
            req.group, req.alternatives = group, labels
            if req.importance != importance:
                req.importance = importance
                req.weight = _skill_weight(importance, req.category)


def _skill_weight(importance: str, category: str | None) -> float:
    return (REQUIRED_WEIGHT if importance == "required" else PREFERRED_WEIGHT) * (
        SOFT_SKILL_FACTOR if category == "soft_skill" else 1.0
    )


def _object_end(text: str, start: int, stop: int) -> int:
    """Where the object of a years phrase that ends at `start` stops (at most `stop`)."""
    found = _OBJECT_END.search(text, start + 1, stop)
    return found.start() if found else stop


@dataclass(frozen=True)
class _YearsAsked:
    years: float | None
    skills: tuple[str, ...]  # the skills it qualifies; empty: `scope` names what the years are in
    scope: str | None
    label: str
    importance: str
    line: int
    similar_post: bool = False  # "in a similar role": years in the ad's own post (its title's role)


def _years_asked(reading: AdReading, placed: list[_Placed]) -> list[_YearsAsked]:
    """Each years phrase of an asking sentence and what it qualifies: the skills in its object ("5+ years of Java
    and Spring"), the skill just before it ("Java (5+ years)"), else the object itself as a scope ("3 years in
    the Microsoft stack"); a general one ("5+ years of professional experience") has neither."""
    spans = _by_sentence(placed)
    asked: list[_YearsAsked] = []
    for index, sentence in enumerate(reading.sentences):
        if sentence.zone not in ASKING_ZONES:
            continue
        text, mine = sentence.text, spans.get(index, [])
        wrapped = sentence.wrapped_text
        phrases = years_phrases(text, of_anything=True)
        strict = {start for start, _, _ in years_phrases(text)}
        for number, (start, end, years) in enumerate(phrases):
            following = phrases[number + 1][0] if number + 1 < len(phrases) else len(text)
            clause = re.search(r"[;.!?](?:\s|$)", text[end:following])
            stop = end + clause.start() if clause else following
            line_start = _ends_a_line(wrapped, start, end)
            if line_start is not None:  # "... Ruby on Rails in commercial projects for at least 2 years" + break
                stop = end  # the next line is another item ("practice TDD"), not what the years are of
                skills = tuple(p.skill for p in mine if line_start <= p.start and p.end <= start)
            else:
                skills = tuple(p.skill for p in mine if end <= p.start < stop)
            if not skills:
                skills = tuple(p.skill for p in mine
                               if p.end <= start and _YEARS_AFTER_SKILL.match(text[p.end : start]))
            obj_end = _object_end(text, end, stop)
            # years of skills in a field ("7 years of C/C++ development", "3+ years full-stack engineering
            # experience with PHP") are also experience in that field: the skills' min_years and a scoped row
            scope = _scope(text[end:obj_end], _MAX_SCOPE_WORDS + 3) if start in strict else None
            if skills and scope is not None and not _beyond_skills(scope, text, mine) and not _field_experience(
                    text[end:obj_end], [p for p in mine if end <= p.start < obj_end]):
                scope = None
            if not skills and scope is None and start not in strict:
                continue  # "3 years of" something that is neither a skill nor experience
            importance, _ = importance_at(sentence, start, end)
            similar = None if skills or scope is not None else _IN_SIMILAR_POST.match(text[end:stop])
            if similar is not None:
                obj_end = end + similar.end()
            label = re.sub(r"\s+", " ", text[start:obj_end]).strip(" ,;:-")
            asked.append(_YearsAsked(years, skills, scope, label, importance, sentence.line, similar is not None))
    return asked


def _ends_a_line(wrapped: str, start: int, end: int) -> int | None:
    """Where the line starts that a years phrase at wrapped[start:end] ends, when words stand before it on that
    line and the sentence goes on on the next one (items of a list without punctuation); None otherwise."""
    if len(wrapped) <= end or not re.match(r"[ \t.,;]*\n(?!\s*(?:of|in|on|at|with|as|using|for|within|"
                                           r"experience|professional|relevant|hands-on)\b)", wrapped[end:], re.I):
        return None  # "at least 5 years" + "of experience in Java": one sentence wrapped over two lines
    line_start = wrapped.rfind("\n", 0, start) + 1
    return line_start if wrapped[line_start:start].strip() else None


def _field_experience(obj: str, placed: list[_Placed]) -> bool:
    """Whether a years phrase's object is work experience in fields, no tool ("of relevant IT/quality assurance
    work experience"): years in a field of work, a row of their own, not only the years of its skills."""
    return (bool(placed) and all(p.category not in TECH_CATEGORIES for p in placed)
            and re.search(r"\bexperience\W*$", obj, re.IGNORECASE) is not None)


def _beyond_skills(scope: str, text: str, placed: list[_Placed]) -> bool:
    """Whether a years phrase's object names a field beside its skills ("C/C++ development", not "Java and
    Spring"): a content word that is no skill's surface and no joint."""
    surfaces = {w.lower() for p in placed for w in re.findall(r"[\w#+.]+", text[p.start : p.end])}
    joints = {"and", "or", "with", "of", "in", "using"}
    return any(len(word) > 2 and word not in surfaces | joints and word not in GENERIC_OBJECTS
               for word in (w.lower() for w in re.findall(r"[\w#+.-]+", scope)))


def _scope(obj: str, max_words: int = _MAX_SCOPE_WORDS) -> str | None:
    """The scope named by a years phrase's object ("in the Microsoft stack" -> "Microsoft stack"), None when its
    words are all general ("of relevant professional experience")."""
    words = re.findall(r"[\w#+.&/'’-]+", obj)
    while words and (words[0].lower().strip(".") in GENERIC_OBJECTS or words[0].lower().endswith("ing")):
        words.pop(0)  # "of relevant experience", "in building", "working with"
    while words and words[-1].lower().strip(".") in GENERIC_OBJECTS:
        words.pop()
    if not words or len(words) > max_words:
        return None
    return re.sub(r"\s+", " ", obj[obj.find(words[0]) : obj.rfind(words[-1]) + len(words[-1])]).strip(" .,")


def _scopes(reading: AdReading, placed: list[_Placed]) -> dict[str, str]:
    """skill id -> the technology it is asked in ("unit testing in Java" -> Java), for a non-technology skill."""
    out: dict[str, str] = {}
    for index, spans in _by_sentence(placed).items():
        text = reading.sentences[index].text
        for a, b in pairwise(spans):
            if (a.category not in TECH_CATEGORIES and b.category in TECH_CATEGORIES
                    and _SCOPE_GAP.match(text[a.end : b.start])):
                out.setdefault(a.skill, text[b.start : b.end])
    return out


@dataclass(frozen=True)
class _AdSkills:
    """The ad read once for all requirement kinds: its zones, where each kept skill is asked, its years."""

    reading: AdReading
    placed: list[_Placed]
    years: list[_YearsAsked]

    @classmethod
    def of(cls, job: ParsedJob) -> _AdSkills:
        reading = ad_reading(job.text_content, job.company)
        known = {m.skill_id for m in (*job.required_skills, *job.preferred_skills)}
        placed = [p for p in _placed(asked_skills(reading, job.sections)) if p.skill in known]
        return cls(reading, placed, _years_asked(reading, placed))


def skill_requirements(job: ParsedJob, ad: _AdSkills | None = None) -> list[Requirement]:
    """Required and preferred skills, deduplicated by skill id (required wins); lists of alternatives grouped,
    years and scopes attached."""
    ad = ad or _AdSkills.of(job)
    found: dict[str, Requirement] = {}
    for importance, mentions in (("required", job.required_skills), ("preferred", job.preferred_skills)):
        for mention in mentions:
            if is_shown_trait(mention.name):
                continue  # "You show commitment and a big drive": a trait hoped for, no requirement row
            _add_skill(found, mention, importance)
    _group_alternatives(found, _alternative_lists(ad.reading, ad.placed))
    for asked in ad.years:
        for skill in asked.skills:
            if skill in found:
                req = found[skill]
                req.min_years = asked.years if req.min_years is None else min(req.min_years, asked.years)
    for skill in {skill for asked in ad.years if asked.scope is not None for skill in asked.skills}:
        req = found.get(skill)
        rows = {a.line for a in ad.years if a.scope is not None and skill in a.skills}
        if req is not None and not is_search_term(req.label) and all(
                p.skill != skill or ad.reading.sentences[p.sentence].line in rows for p in ad.placed):
            del found[skill]  # "5+ years of relevant IT/... work experience": the years row asks it, not a field alone
            others = [r for r in found.values() if req.group is not None and r.group == req.group]
            for other in others:
                other.alternatives = tuple(a for a in other.alternatives if a != req.label)
            if len(others) == 1:  # "IT/quality assurance": the one left is no list of alternatives
                others[0].group, others[0].alternatives = None, ()
    for skill, scope in _scopes(ad.reading, ad.placed).items():
        if skill in found:
            found[skill].scope = scope
    for skill in _lone_examples(ad.reading, ad.placed):
        req = found.get(skill)
        if req is not None and req.group is None and req.importance == "required":
            req.importance, req.weight = "preferred", _skill_weight("preferred", req.category)
    return list(found.values())


_BRACKET_EXAMPLE_LEAD = re.compile(r"\(\s*(?:e\.\s?g\b\.?|for example|for instance|such as)", re.IGNORECASE)


def _in_example_brackets(text: str, start: int) -> bool:
    """Whether text[start] stands inside brackets that open with an example lead ("tools (e.g. Eclipse (GIT)
    Jenkins JTAG debugging)"), nested brackets included: everything in them is an example."""
    depth = 0
    for at in range(start - 1, -1, -1):
        if text[at] == ")":
            depth += 1
        elif text[at] == "(":
            if depth == 0:
                return _BRACKET_EXAMPLE_LEAD.match(text, at) is not None or _in_example_brackets(text, at)
            depth -= 1
    return False


_TAGS_THEN_ETC = re.compile(r"^[\s,/]*((?:[\w.+#-]+[\s,/]+){1,3})etc\b", re.IGNORECASE)


def _trails_alternatives(after: str) -> bool:
    """Whether what follows a skill makes it one of a list of alternatives: "or similar", "etc." after names the
    vocabulary does not hold (`_ALTERNATIVES_TRAIL_RE`), also names written in lower case that no English text of
    the background table holds ("Junit powermock easymock etc")."""
    if _ALTERNATIVES_TRAIL_RE.match(after):
        return True
    tags = _TAGS_THEN_ETC.match(after)
    return tags is not None and not any(is_known(stem(word.lower()))
                                        for word in re.findall(r"[\w.+#-]+", tags.group(1)))


def _lone_examples(reading: AdReading, placed: list[_Placed]) -> set[str]:
    """Skills named only as one of two or more examples of what is asked ("monitoring tools, e.g. New Relic or
    Datadog", "Power BI or equivalent"), never asked for in so many words elsewhere: a candidate with another
    example qualifies. The only example of a line ("Internet protocols, for example TCP/IP") is what it asks,
    unless brackets that open with the lead set it aside from the kind asked ("Build tooling (e.g. Maven)")."""
    examples: set[str] = set()
    asked: set[str] = set()
    for index, spans in _by_sentence(placed).items():
        text = reading.sentences[index].text
        mine: set[str] = set()
        for span in spans:
            before = _CLAUSE_END_RE.split(text[: span.start])[-1]
            after = text[span.end :]
            if _in_example_brackets(text, span.start):
                examples.add(span.skill)  # an aside: the kind before the brackets is what is asked
            elif _EXAMPLE_LEAD_RE.search(before) or _trails_alternatives(after) or (
                    before.rfind("(") > before.rfind(")") and _ETC_AFTER_RE.match(after)):
                mine.add(span.skill)
            elif span.must:
                asked.add(span.skill)
        if len(mine) >= 2 or any(_trails_alternatives(text[s.end :]) for s in spans if s.skill in mine):
            examples |= mine  # the only example of a required line ("for example (TCP/IP)") is what it asks
    return examples - asked


def _add_skill(found: dict[str, Requirement], mention: SkillMention, importance: str) -> None:
    key = mention.skill_id or mention.name.lower()
    alias_terms = phrase_terms(mention.surface) if mention.surface else ()
    existing = found.get(key)
    if existing is not None:
        if alias_terms and alias_terms not in existing.aliases and alias_terms != existing.terms:
            existing.aliases = (*existing.aliases, alias_terms)
        return
    terms = phrase_terms(mention.name)
    found[key] = Requirement(
        kind="skill",
        label=mention.name,
        importance=importance,  # type: ignore[arg-type]
        weight=_skill_weight(importance, mention.category),
        skill_id=mention.skill_id,
        category=mention.category,
        terms=terms,
        aliases=(alias_terms,) if alias_terms and alias_terms != terms else (),
        line=mention.line,
    )


def experience_requirements(job: ParsedJob, ad: _AdSkills | None = None) -> list[Requirement]:
    """The overall minimum ("5+ years of experience"), then each years phrase about something that is not a
    skill, with its scope ("3+ years in the Microsoft stack"), and experience asked in a domain. Years "in a
    similar role" are years in the ad's own role: scoped to its title when it names one, else general.

    The overall minimum is the smallest of the years asked in general ("5+ years of professional experience"),
    of the required ones when there are any (else it is preferred);
    years of a skill ("3 years with Terraform") or in a scope ("5+ years in the Microsoft stack") make none, so
    15 years of anything else never meet them through it. An ad whose only years are outside its asking zones
    keeps the parsed minimum (`ParsedJob.min_years`)."""
    ad = ad or _AdSkills.of(job)
    role = clean_title(job.title) if job.title.strip() and not reads_as_sentence(job.title) else None
    in_role = [a for a in ad.years if a.similar_post and a.years is not None] if role else []
    general = [a for a in ad.years if not a.skills and a.scope is None and a.years is not None and a not in in_role]
    # years asked only as a nice-to-have ("Preferred: 3+ years of experience") make a preferred minimum
    required = [a.years for a in general if a.importance == "required" and a.years is not None]
    overall = required or [a.years for a in general if a.years is not None]
    importance = "preferred" if general and not required else "required"
    minimum = min(overall) if overall else (job.min_years if not ad.years else None)
    scoped = [a for a in ad.years if a.scope is not None]
    reqs: list[Requirement] = []
    if minimum is not None:
        label = f"{minimum:g}+ years of experience" if minimum > 0 else "no minimum experience"
        reqs.append(Requirement(kind="experience", label=label, years=minimum,
                                importance=importance))  # type: ignore[arg-type]
    seen: set[str] = set()
    for asked in [*scoped, *_domains(ad.reading), *in_role]:
        scope = role if asked in in_role else asked.scope
        if scope is None or scope.lower() in seen:
            continue
        seen.add(scope.lower())
        reqs.append(Requirement(kind="experience", label=asked.label, importance=asked.importance,  # type: ignore[arg-type]
                                years=asked.years, scope=scope, terms=phrase_terms(scope), line=asked.line))
    return reqs


def _domains(reading: AdReading) -> list[_YearsAsked]:
    """Experience asked in a domain without years ("Experience in the insurance industry (desired)")."""
    found: list[_YearsAsked] = []
    for sentence in reading.sentences:
        if sentence.zone not in ASKING_ZONES:
            continue
        for match in _DOMAIN.finditer(sentence.text):
            importance, _ = importance_at(sentence, match.start("scope"), match.end())
            found.append(_YearsAsked(None, (), match.group("scope"), match.group(0), importance, sentence.line))
    return found


def eligibility_requirements(job: ParsedJob, ad: _AdSkills | None = None) -> list[Requirement]:
    """Work authorisation, clearance and the other checks the ad asks for: listed, weight 0, never scored."""
    items = job.eligibility if job.zones else find_eligibility((ad or _AdSkills.of(job)).reading)
    reqs: list[Requirement] = []
    seen: set[str] = set()
    for item in items:
        label = item.text if len(item.text) <= 120 else item.text[:117].rsplit(" ", 1)[0] + "..."
        if f"{item.kind}:{label.lower()}" in seen:
            continue
        seen.add(f"{item.kind}:{label.lower()}")
        reqs.append(Requirement(kind="eligibility", label=label, importance=item.importance, weight=0.0,
                                category=item.kind, line=item.line))
    return reqs


def _names_a_listed_skill(term: str, skill_ids: set[str]) -> bool:
    """Whether a keyword is, word for word, a name of a skill already listed."""
    found = extract_skills(term)
    return len(found) == 1 and found[0].skill_id in skill_ids and len(found[0].surface) == len(term.strip())


def extract_requirements(job: ParsedJob, *, max_keywords: int = 15) -> list[Requirement]:
    """All requirements of a job, in a stable order: skills, experience, education, title, eligibility, keywords."""
    ad = _AdSkills.of(job)
    reqs = skill_requirements(job, ad)
    reqs += experience_requirements(job, ad)
    if (job.degree_level and job.degree_level != "none") or job.degree_field:
        level = job.degree_level if job.degree_level and job.degree_level != "none" else None
        label = " in ".join(x for x in ((level or "degree").capitalize(), job.degree_field) if x)
        only_preferred = degree_asked(ad.reading)[2]  # "Degree level education preferred"
        reqs.append(
            Requirement(kind="education", label=label, importance="preferred" if only_preferred else "required",
                        degree_level=level, degree_field=job.degree_field)
        )
    if job.title.strip() and not reads_as_sentence(job.title):  # a sentence is no role to hold
        reqs.append(
            Requirement(
                kind="title",
                label=clean_title(job.title),
                importance="preferred",
                terms=phrase_terms(clean_title(job.title)),
            )
        )
    reqs += eligibility_requirements(job, ad)
    covered = {r.terms for r in reqs} | {a for r in reqs for a in r.aliases}
    skill_ids = {r.skill_id for r in reqs if r.kind == "skill" and r.skill_id}
    covered_words = {_bare(t) for r in reqs if r.kind == "skill" for a in (r.terms, *r.aliases) for t in a}
    covered_words |= {_bare("".join(a)) for r in reqs if r.kind == "skill" for a in (r.terms, *r.aliases) if a}
    for term, count in salient_keywords(job, limit=max_keywords + len(covered)):
        terms = phrase_terms(term)
        if not terms or terms in covered or all(_bare(t) in covered_words for t in terms):
            continue  # already a skill requirement (also "vue" for Vue.js, "css3" for CSS)
        if any(_bare(t) in covered_words for t in terms) and all(
                _bare(t) in covered_words or t in _WRAPPER_TERMS for t in terms):
            continue  # a listed skill in other words ("Java technologies"; "JavaScript frameworks" is not)
        if _bare(re.sub(r"[\W_]+", "", term.lower())) in covered_words:
            continue  # a skill's words written as one tag ("reactjs" for React JS)
        if _names_a_listed_skill(term, skill_ids):
            continue  # another name of a listed skill ("AWS" beside Amazon Web Services, read from its tag)
        if not names_a_thing(term) or not is_search_term(term):
            continue  # a description ("technical expertise", "application data") is no requirement of its own
        reqs.append(
            Requirement(
                kind="keyword",
                label=term,
                importance="preferred",
                weight=float(min(count, 3)),
                terms=terms,
            )
        )
        if sum(r.kind == "keyword" for r in reqs) >= max_keywords:
            break
    index = LineIndex(job.text_content)
    for req in reqs:
        if req.kind in ("skill", "keyword") and req.terms:
            req.count_in_job = sum(index.phrase_count(t) for t in (req.terms, *req.aliases) if t)
            req.specificity = round(phrase_specificity(req.terms), 4)
    return reqs

"""The cue phrases a job ad is read with, compiled once: which part of the ad a sentence belongs to
(`data/job_zones.json`), whether something is wanted or required (`data/importance_cues.json`), and what a
recruiter checks by hand (`data/eligibility.json`). Every rule that reads an ad takes its words from here."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from jobfit.documents.data import load_json


def any_of(patterns: Iterable[str], *, anchored: bool = False) -> re.Pattern[str]:
    """One case-insensitive pattern matching any entry as whole words (or at the start, when `anchored`)."""
    body = "|".join(f"(?:{p})" for p in patterns)
    return re.compile(rf"^\W*(?:{body})(?!\w)" if anchored else rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE)


_ZONES = load_json("job_zones.json")
# zone -> what marks a sentence as belonging to it, whatever its heading says
ZONE_CUES: dict[str, re.Pattern[str]] = {zone: any_of(patterns) for zone, patterns in _ZONES["cues"].items()}
CLOSING = any_of(_ZONES["closing"], anchored=True)  # "Best regards," opens a signature
POSTING_FIELDS = any_of(_ZONES["posting_fields"], anchored=True)  # "Date posted:" heads a posting's fields
_TAG_HEADING = any_of(_ZONES["tag_headings"], anchored=True)


def is_tag_heading(line: str) -> bool:
    """Whether a line is only the heading of a job board's technology tags ("Technologies", "Technologies:")."""
    found = _TAG_HEADING.match(line)
    return found is not None and re.search(r"\w", line[found.end() :]) is None
STACK = any_of(_ZONES["stack"])  # "Our stack: Go, Postgres": the team's tools, not a list of must-haves


def verb_forms(verb: str) -> str:
    """A pattern of a verb's forms ("design" -> design, designs, designed, designing)."""
    return f"{verb[:-1]}(?:e|es|ed|ing)" if verb.endswith("e") else f"{verb}(?:s|es|ed|ing)?"


DUTY_START = any_of((verb_forms(v) for v in _ZONES["duty_verbs"]), anchored=True)  # "Design ...", "Building ..."
GENERIC_OBJECTS: frozenset[str] = frozenset(_ZONES["generic_objects"])
PEOPLE: frozenset[str] = frozenset(_ZONES["people"])  # "developers", "teams": colleagues, not skills
_PEOPLE_WORDS = "|".join(map(re.escape, sorted(PEOPLE)))
# people right after the skill, or after more kinds of them ("machine learning - and frontend developers",
# "Product QA and Software Dev teams")
_PEOPLE_AFTER = re.compile(r"^(?:\s*-)?(?:\s*(?:,|and|or|&)\s+[\w.+#/-]+(?:\s+[\w.+#/-]+)?)?\s+(?:"
                           + _PEOPLE_WORDS + r")\b", re.IGNORECASE)
_COLLEAGUE_LEAD = re.compile(r"\b(?:" + "|".join(_ZONES["colleague_lead"]) + r")\s+(?:(?:the|our|other|internal|"
                             r"external|cross-functional|fellow|your)\s+)*(?-i:[A-Z][\w&-]*\s+){0,2}$",
                             re.IGNORECASE)
_COLLEAGUE_FIELDS = re.compile(r"\b(?:" + _PEOPLE_WORDS + r")\s+(?:" + "|".join(_ZONES["colleague_fields"])
                               + r")\b[^.;:!?]*$", re.IGNORECASE)
_UNIT_AFTER = re.compile(r"^(?:\s+(?-i:[A-Z][\w&-]*))*\s+(?:" + "|".join(_ZONES["units"]) + r")\b", re.IGNORECASE)


def names_colleagues(text: str, start: int, end: int) -> bool:
    """Whether the words at text[start:end] name who the role works with, not what it needs: written just before
    people after a word like "with" ("work with marketing teams", "collaborate with DevOps engineers", "work
    with Product QA and Software Dev teams"), or the fields such people work in ("developers in the fields of
    ...")."""
    if _COLLEAGUE_FIELDS.search(text[max(0, start - 200) : start]):
        return True  # "developers in the fields of frontend development, machine learning and data engineering"
    return bool(_PEOPLE_AFTER.match(text[end:]) and _COLLEAGUE_LEAD.search(text[max(0, start - 60) : start]))


_UNIT_NAME = re.compile(r"(?-i:[A-Z][\w&-]*)(?:\s+(?-i:[A-Z][\w&-]*))+\s+(?:" + "|".join(_ZONES["units"]) + r")\b",
                        re.IGNORECASE)


_UNITS = "|".join(_ZONES["units"])
_CAPITAL = r"(?-i:[A-Z][\w&-]*)"
# the names that follow teams the ad counts or owns: "of two teams Case Management and Knowledge", "tools for our
# internal teams (sales support operations finance)"
_UNITS_NAMED = re.compile(r"\b(?:two|three|four|five|several|the|our|its|their|following)\s+(?:[a-z-]+\s+)?(?:"
                          + _UNITS + r")\s*(?:\(([^)]*)\)|:?\s+(" + _CAPITAL + r"(?:\s+(?:" + _CAPITAL + r"|and|&))*))",
                          re.IGNORECASE)


def _unit_list_spans(text: str) -> list[tuple[int, int]]:
    """Where the names of the teams an ad counts or owns stand, after the word for them (`_UNITS_NAMED`)."""
    return [found.span(group) for found in _UNITS_NAMED.finditer(text) for group in (1, 2) if found.group(group)]


def without_unit_names(text: str) -> str:
    """The text with the names of teams and parts of the company, two capitalised words or more ("the Wealth
    Management Technology group", not "an English-speaking team"), or named after the teams the ad counts or owns
    ("two teams Case Management and Knowledge"), cut out (a comma in their place, so no phrase runs across)."""
    for start, end in reversed(_unit_list_spans(text)):
        text = f"{text[:start]},{text[end:]}"
    return _UNIT_NAME.sub(",", text)


# Capitalised words right before a name, not opening the sentence (a sentence's first capital is no name's)
_NAME_BEFORE = re.compile(r"(?<=[a-z,;:)]\s)(?:(?-i:[A-Z])[\w&-]*\s+)+$")


def names_a_unit(text: str, start: int, end: int) -> bool:
    """Whether the words at text[start:end], written with a capital, are part of the name of a team or part of
    the company ("the Product Development team", "the Wealth Management Technology group"), not an ask: a name
    of two capitalised words or more ("Agile team" is a way of working, "QA team" a kind of team), or the names
    after teams the ad counts or owns ("two teams Case Management and Knowledge", "our internal teams (sales
    support operations finance)")."""
    if any(left <= start and end <= right for left, right in _unit_list_spans(text)):
        return True
    after = _UNIT_AFTER.match(text[end:])
    if after is None or not text[start : start + 1].isupper():
        return False
    before = _NAME_BEFORE.search(text[:start])  # "Global Finance Leadership team": the name's first words
    capitals = len(text[start:end].split()) + len(after.group(0).split()) - 1 + (
        len(before.group(0).split()) if before else 0)
    return capitals >= 2

_OTHERS = _ZONES["about_others"]
# "our product designer", "their Engineering department": up to two words between the owner and the thing
_OWNED = re.compile(r"\b(?:" + "|".join(_OTHERS["owners"]) + r")\s+(?:[\w&/'’-]+\s+){0,2}$", re.IGNORECASE)
_BUILT_AFTER = re.compile(r"^(?:\s+[\w&-]+)?\s+(?:" + "|".join(_OTHERS["built"]) + r")\b", re.IGNORECASE)
_HIRE_IS = re.compile(r"\b(?:" + "|".join(_OTHERS["hire_is"]) + r")\s+(?:[\w&/-]+\s+){0,2}$", re.IGNORECASE)
# "in close cooperation with product management and technical sales": the departments the hire works with (one
# partner may stand before the field, and a word of its name: "together with marketing and technical sales")
_PARTNER = re.compile(r"\b(?:" + "|".join(_OTHERS["partner_leads"]) + r")\s+(?:(?:the|our|other|internal)\s+)*"
                      r"(?:[\w&-]+(?:\s+[\w&-]+)?\s+(?:and|&)\s+)?(?:[\w&-]+\s+)?$", re.IGNORECASE)
_LEARNABLE = re.compile(r"\b(?:" + "|".join(_OTHERS["learnable"]) + r")\b[^.;:!?,]*", re.IGNORECASE)
# one character of a statement: it ends at a sentence stop or an inline bullet
_IN_STATEMENT = r"[^.;:!?•·▪●]"
_DESCRIBES_ENDS = r"you|your|which|who|that|using|based on|built (?:on|with)|running on|(?:tech(?:nology)? )?stack"
_DESCRIBES = re.compile(r"\b(?:" + "|".join(_OTHERS["describes"]) + r")\b(?:(?!\b(?:" + _DESCRIBES_ENDS
                        + r")\b)" + _IN_STATEMENT + r")*", re.IGNORECASE)
# ... a tool named after a preposition ("we are building a new platform with Go and Kafka") is what the team builds
# with, and stays asked: for tools (and keywords) the statement ends there
_DESCRIBES_TOOLS = re.compile(r"\b(?:" + "|".join(_OTHERS["describes"]) + r")\b(?:(?!\b(?:" + _DESCRIBES_ENDS
                              + r"|with|in|on|through|via|from|for)\b)" + _IN_STATEMENT + r")*", re.IGNORECASE)
_PLAIN_EXPANSION = frozenset(_OTHERS["plain_expansions"])
_ADJECTIVE = re.compile(r"(?:" + "|".join(_OTHERS["adjective_endings"]) + r")$", re.IGNORECASE)
_NEXT_WORD = re.compile(r"^\s+([A-Za-z][\w-]*)")
_COLLECTIVES = frozenset(_OTHERS["collectives"])
_AGENT_END = re.compile(r"(?:er|ers|or|ors|[iy]st|[iy]sts|ian|ians|ant|ants)$", re.IGNORECASE)


_PARTNERS_NAMED = re.compile(r"\b(?:" + "|".join(_OTHERS["partner_leads"]) + r")\s+(?:(?:the|our|other|internal)\s+)*"
                             r"[\w&-]+(?:\s+[\w&-]+)?(?:\s+(?:and|&)\s+[\w&-]+(?:\s+[\w&-]+)?)?", re.IGNORECASE)


def without_partners(text: str) -> str:
    """The text with the departments the hire works with cut out ("in close cooperation with product management
    and technical sales"; a comma in their place), so that no keyword comes from them."""
    return _PARTNERS_NAMED.sub(",", text)


def without_learnables(text: str) -> str:
    """The text with what the hire may learn on the job cut out ("willing to learn German"; a comma in its place),
    so that no keyword comes from it."""
    return _LEARNABLE.sub(",", text)


def without_descriptions(text: str) -> str:
    """The text with what the company, a team or the product is or does cut out ("we are developing a new SaaS
    product"; a comma in its place), so that no keyword comes from it."""
    return _DESCRIBES_TOOLS.sub(",", text)


def describes_others(text: str) -> bool:
    """Whether a sentence says what the company, a team or the product is or does ("The product includes
    features related to:")."""
    return _DESCRIBES.search(text) is not None


_THINGS = _OTHERS["company_things"]
_KEEPS_ASKING = frozenset(_THINGS["keeps_asking"])
_OUTSIDERS = frozenset(_THINGS["outsiders"])
# "Our fridges are running on ...", "our substations play ...": the company's thing, then what it is, has or does
_OWN_THING = re.compile(r"\b(?:our|the company['’]s)\s+(?:[\w-]+\s+)?([\w-]+)\s+(?:" + "|".join(_THINGS["verbs"])
                        + r")\b", re.IGNORECASE)
# "The research of the Department covers ...", "The Department focuses on ...": the employer speaks of itself
_EMPLOYER_DOES = re.compile(r"\b(?:the|our)\s+(?:[\w-]+\s+of\s+(?:the|our)\s+)?(?:" + "|".join(_THINGS["employers"])
                            + r")\s+(?:" + "|".join(_THINGS["verbs"]) + r")\b", re.IGNORECASE)
_WE_DO = re.compile(r"\bwe\s+(?:" + "|".join(_THINGS["we_verbs"]) + r")\b", re.IGNORECASE)
_TO_THE_HIRE = re.compile(r"\b(?:you|your|yourself)\b", re.IGNORECASE)
_QUALIFIER_AFTER = re.compile(r"^(?:/[\w-]+)?[ \t-]+(?:" + "|".join(_OTHERS["qualifier_nouns"]) + r")\b", re.IGNORECASE)
_EVENT_BEFORE = re.compile(r"\b(?:" + "|".join(_OTHERS["event_nouns"]) + r")[ \t]+$", re.IGNORECASE)
_EVENT_AFTER = re.compile(r"^[ \t]+(?-i:(?=[A-Z]))(?:" + "|".join(_OTHERS["event_nouns"]) + r")\b", re.IGNORECASE)


# "For analytics and BI we rely on Tableau": what the team's tools are for, before the stack cue
_PURPOSE_OF_TOOLS = re.compile(r"^\W*for\s+" + _IN_STATEMENT + r"{1,80}?(?=,?\s+(?:" + "|".join(_ZONES["stack"])
                               + r")\b)", re.IGNORECASE)


def states_what_the_company_has(text: str, *, technical: bool) -> bool:
    """Whether a sentence only says what the company's own things are, have or do ("Our fridges are running on a
    custom Android board", "our substations play an essential part in powering homes with green energy", "our
    customers use SAP", "The research of the Department covers ... relationship marketing"; for a field that is
    no tool also "we sell pumps to the energy sector"): it says nothing to
    the hire and holds no requirement cue ("experience with"; a word like "essential" may describe the thing). A
    statement about the team's own software or stack ("Our main backends are written in C#"), the role or its
    requirements still asks."""
    if _TO_THE_HIRE.search(text) or ZONE_CUES["requirements"].search(text):
        return False
    for found in _OWN_THING.finditer(text):
        thing = found.group(1).lower()
        if thing in _KEEPS_ASKING or (thing in PEOPLE and thing not in _OUTSIDERS):
            continue
        return True
    if _EMPLOYER_DOES.search(text):
        return True
    return not technical and _WE_DO.search(text) is not None


def names_a_qualifier(text: str, start: int, end: int) -> bool:
    """Whether the words at text[start:end] only qualify a level, a phase or a stage ("English on a strategic
    negotiation level", "during the sales/tender phase", "C-level") or are part of an event's name ("the annual
    conference Spark", "Spark Summit"), not an ask."""
    if _QUALIFIER_AFTER.match(text[end:]):
        return True
    if not text[start : start + 1].isupper():
        return False
    return bool(_EVENT_BEFORE.search(text[max(0, start - 40) : start]) or _EVENT_AFTER.match(text[end:]))


def _unsupported_expansion(surface: str, name: str, text: str) -> bool:
    """Whether an acronym is read as a longer name that adds a word the sentence does not support ("PCI analyzer"
    read as PCI DSS); a name that adds a plain word ("API" -> API development) means what the acronym does."""
    if not (len(surface) >= 2 and surface.isupper() and name.lower().startswith(surface.lower() + " ")):
        return False
    extra = [w for w in name.lower().split()[len(surface.split()):] if w not in _PLAIN_EXPANSION]
    return bool(extra) and not any(re.search(rf"\b{re.escape(w[:5])}", text, re.IGNORECASE) for w in extra)


def about_others(text: str, start: int, end: int, name: str, *, technical: bool) -> bool:
    """Whether the words at text[start:end], read as the skill `name`, name someone or something other than what
    the hire must have: a person ("business analysts", "our product designer" for Product design / Business
    analysis: a person's noun where the skill's name has a practice), unless the hire is that person ("as a
    business analyst"); what the hire may learn ("willing to learn German"); an acronym read as a name the
    sentence does not support ("PCI analyzer" as PCI DSS); a statement of what the company, a team or the product
    is or does ("we are developing a new SaaS product", "a team dedicated to improving the design analytics ..."),
    up to the tools it is built with ("... based on a modern stack", for a tool also "... a platform with Go") or a
    clause of its own ("which is a role focused on creating APIs"); or, for a field that is no tool, a soft
    skill's adjective describing a thing ("adaptable architecture") or a team ("a highly motivated team"), a
    partner department ("in close cooperation with product management") and what the company owns or builds ("our
    Engineering department", "building our workflow automation system", "analytics products", "R&D Center")."""
    surface = text[start:end]
    last = surface.split()[-1].lower() if surface.split() else ""
    named_last = name.split()[-1].lower() if name.split() else ""
    person = (last != named_last and last[:5] == named_last[:5] and _AGENT_END.search(last) is not None
              and (last.endswith("s") or len(surface.split()) > 1))  # not a verb ("mentor junior developers")
    if person and not _HIRE_IS.search(text[max(0, start - 60) : start]):
        return True  # "business analysts" for Business analysis, "product managers" for Product management
    if any(found.start() < start < found.end() for found in _LEARNABLE.finditer(text)):
        return True  # "willing to learn German": what the job may teach, not what it asks
    purpose = _PURPOSE_OF_TOOLS.match(text)
    if purpose is not None and end <= purpose.end():
        return True  # "For analytics and BI we rely on Tableau": what the tools are for, not an ask
    if names_a_qualifier(text, start, end) or states_what_the_company_has(text, technical=technical):
        return True  # "on a strategic negotiation level", "Our fridges are running on a custom Android board"
    if _unsupported_expansion(surface, name, text):
        return True
    if any(found.start() < start < found.end()
           for found in (_DESCRIBES_TOOLS if technical else _DESCRIBES).finditer(text)):
        return True  # "we are developing a new SaaS product": what the company or its product is or does
    if technical:
        return False
    if _PARTNER.search(text[max(0, start - 80) : start]):
        return True  # "in close cooperation with product management": a partner department, not an ask
    after = _NEXT_WORD.match(text[end:])
    if ((_ADJECTIVE.search(surface) or surface.lower().endswith("ed")) and after is not None
            and after.group(1).lower() in _COLLECTIVES and not _HIRE_IS.search(text[max(0, start - 60) : start])):
        return True  # "a highly motivated team of engineers": the team's trait, not the hire's
    if (_ADJECTIVE.search(surface) and after is not None and after.group(1).lower() not in PEOPLE
            and after.group(1).lower() not in ("and", "or", "in", "to", "with", "at", "for")):
        return True  # "a flexible and adaptable architecture": a soft skill's adjective describing a thing
    return bool(_OWNED.search(text[max(0, start - 40) : start]) or _BUILT_AFTER.match(text[end:]))


_BROAD = _ZONES["broad_skill_phrase"]
_STANDS_ALONE_BEFORE = frozenset(_BROAD["stands_alone_before"])
BROAD_PRACTICES = frozenset(_BROAD["practices"])  # one-word practices read like a broad domain ("hardware")
_NOUN_END = re.compile(r"(?:" + "|".join(_BROAD["noun_endings"]) + r")$", re.IGNORECASE)
_WORD_AFTER = re.compile(r"^[ \t]+([A-Za-z][\w.+#-]*)")
_SHARED_HEAD = re.compile(r"^[ \t]+(?:and|or|&)[ \t]+(?:[\w-]+[ \t]+){0,2}?(?:" + "|".join(_BROAD["shared_heads"])
                          + r")\b", re.IGNORECASE)  # "hardware and upper software layers"
_WORD_BEFORE = re.compile(r"(?:^|[ \t])([A-Za-z][\w.+#-]*)[ \t]+$")


def in_longer_phrase(text: str, start: int, end: int) -> bool:
    """Whether the one word at text[start:end] is a word of a longer phrase that names something else: before a
    word that is not a skill word or a joint ("engineering team", "writing software", "maintenance of end-user
    software", but "writing skills", "communication and"), or after a noun or an acronym that qualifies it
    ("infrastructure architecture", "API communication"), or joined to a second word that qualifies the same noun
    ("the hardware and upper software layers"). Read for broad one-word fields, which such a phrase does not ask
    for; so does a compound modifier before it ("full-stack engineering")."""
    if _SHARED_HEAD.match(text[end:]):
        return True
    after = _WORD_AFTER.match(text[end:])
    if after is not None and after.group(1).lower().rstrip(".") not in _STANDS_ALONE_BEFORE:
        return True
    before = _WORD_BEFORE.search(text[:start])
    if before is None:
        return False
    word = before.group(1)
    noun = _NOUN_END.search(word) is not None and len(word) > 5  # "infrastructure architecture"
    compound = "-" in word.strip("-")  # "full-stack engineering": a compound modifier makes a longer phrase
    return noun or compound or (len(word) >= 2 and word.isupper())  # "API communication"


_IMPORTANCE = load_json("importance_cues.json")
PREFERRED_AFTER = any_of(_IMPORTANCE["preferred_after"])  # "Docker is a plus", "MBA preferred"
PREFERRED_BEFORE = any_of(_IMPORTANCE["preferred_before"])  # "ideally Rust", "Nice to have: Docker"
REQUIRED = any_of(_IMPORTANCE["required"])  # "Must have: ...", "Python is a must"
# Any preferred cue: a heading made of one ("Considered as a plus") starts a nice-to-have part.
PREFERRED_CUE = any_of([*_IMPORTANCE["preferred_after"], *_IMPORTANCE["preferred_before"]])
_HEADING_WORDS = frozenset(_IMPORTANCE["heading_words"])
# "Danish skills are not necessary", "no prior sales experience needed": what the clause names is not asked.
_WAIVED_AFTER = re.compile(r"^[^.;,:]{0,40}?\b(?:" + "|".join(_IMPORTANCE["waived_after"]) + r")\b(?P<rest>[^.;]*)",
                           re.IGNORECASE)
# "no" opening its clause ("No prior sales experience needed"), not inside one ("with no downtime deployments")
_WAIVED_BEFORE = re.compile(r"(?:^|[^\w\s]\s*)(?:" + "|".join(_IMPORTANCE["waived_before"])
                            + r")\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
_WAIVED_VERB = re.compile(r"^[^.;,:]{0,40}?\b(?:is |are )?(?:needed|required|necessary)\b(?P<rest>[^.;]*)",
                          re.IGNORECASE)
_STILL_WANTED = re.compile(r"\bbut\b|\bhowever\b|\bthough\b", re.IGNORECASE)


def is_waived(text: str, start: int, end: int) -> bool:
    """Whether the thing at text[start:end] is said not to be needed ("Danish skills are not necessary", "No
    prior sales experience needed"), so it is no ask at all - unless the clause also wants it ("not required
    but a plus", "a plus but not required" are preferred)."""
    after = _WAIVED_AFTER.match(text[end:])
    if after is None and _WAIVED_BEFORE.search(text[:start]):
        after = _WAIVED_VERB.match(text[end:])
    if after is None:
        return False
    said = after.group(0)[: after.start("rest")].rsplit(" not ", 1)[0] + " " + after.group("rest")
    return not (_STILL_WANTED.search(said) or PREFERRED_CUE.search(said))  # "a plus but not required"


def is_preferred_heading(key: str) -> bool:
    """Whether a heading key ("considered as a plus", "nice to have skills") opens a nice-to-have part: it holds
    a preferred cue and otherwise only heading words, so "mba preferred" or "annual bonus" do not."""
    found = PREFERRED_CUE.search(key)
    if found is None:
        return False
    rest = (key[: found.start()] + " " + key[found.end() :]).split()
    return all(word in _HEADING_WORDS for word in rest)

_ELIGIBILITY = load_json("eligibility.json")
ELIGIBILITY: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, any_of(patterns)) for kind, patterns in _ELIGIBILITY["kinds"].items()
)
NOT_ELIGIBILITY = any_of(_ELIGIBILITY["not"])  # "visa sponsorship available" offers, it does not ask


@lru_cache(maxsize=16384)
def eligibility_kinds(sentence: str) -> tuple[str, ...]:
    """The kinds of check a sentence asks for ("work authorisation", "security clearance", ...), in data order."""
    if NOT_ELIGIBILITY.search(sentence):
        return ()
    return tuple(kind for kind, pattern in ELIGIBILITY if pattern.search(sentence))


def eligibility_kind(sentence: str) -> str | None:
    """The first kind of check a sentence asks for, or None."""
    kinds = eligibility_kinds(sentence)
    return kinds[0] if kinds else None

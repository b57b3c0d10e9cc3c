"""Job description parsing: sections and zones, required vs preferred skills, eligibility checks, minimum years,
degree, and the job type / remote option / experience level when the caller does not give them.

What the ad asks is read only from its duties, requirements and nice-to-have zones (`job_zones.py`): a skill named
in the company blurb, the benefits, the legal text or the recruiter's signature is not a requirement.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from functools import lru_cache

from jobfit.documents.extract import extract_text
from jobfit.documents.job_cues import (
    BROAD_PRACTICES,
    ELIGIBILITY,
    about_others,
    eligibility_kinds,
    in_longer_phrase,
    is_tag_heading,
    is_waived,
    names_a_unit,
    names_colleagues,
)
from jobfit.documents.job_degree import degree_field_spans, find_degree_requirement
from jobfit.documents.job_length import check_job_length
from jobfit.documents.job_title import reads_as_sentence, role_phrase
from jobfit.documents.job_zones import ASKING_ZONES, AdReading, classify, company_names, importance_at, read_ad
from jobfit.documents.language import detect_language
from jobfit.documents.models import DocumentMetadata, Eligibility, ExtractedText, ParsedJob, Section
from jobfit.documents.normalize import normalize_text, word_count
from jobfit.documents.sections import classify_heading, section_of_line, split_sections
from jobfit.documents.skill_mentions import find_skill_mentions
from jobfit.skills.extractor import extract_skills, extract_tag_line
from jobfit.skills.loader import load_taxonomy
from jobfit.skills.models import TECH_CATEGORIES, SkillMention

_NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
}
_NUM = r"(\d{1,2}(?:\.\d)?|" + "|".join(_NUMBER_WORDS) + r")"
_YEARS = re.compile(
    rf"(?P<cue>(?:at\s+least|minimum(?:\s+of)?|min\.?|over|more\s+than|\bof)\s+)?{_NUM}\s*(?:\+|plus)?\s*"
    rf"(?:(?:-|–|to)\s*{_NUM}\s*\+?\s*|or\s+more\s+)?(?:\(\d+\)\s*)?(?:full[- ]time\s+)?(?:years?|yrs?)\b"
    r"(?:['’]s?)?(?:\s+of)?(?![\s\w]*\bold\b)",
    re.I,
)
_YEARS_CONTEXT = re.compile(
    r"experience|\bexp\b|background|working|professional|industry|developing|building|in\s+\w+|"
    r"\bas\s+(?:an?\s+)?\w+",  # "3 years as a backend developer"
    re.I,
)
# Years that describe the employer, not the candidate: "founded 20 years ago", "for over 10 years our company".
_COMPANY_YEARS = re.compile(
    r"\b(founded|since|ago|history|anniversary|celebrat\w*|established|heritage|in\s+business|we've|we\s+have\s+been|"
    r"has\s+been|have\s+been\s+operational|our\s+(?:company|team|firm|organi[sz]ation|business|employees|own)|"
    r"(?:the|this)\s+company\s+has|employees\s+of|combined)\b",
    re.I,
)
_PERIOD_BEFORE = re.compile(
    r"(?:last|past|next|coming|first|every|per|no\s+more\s+than|up\s+to|within|after|during)\s*$", re.I
)
_MAX_REQUIRED_YEARS = 20
# Zones whose years are the employer's ("In 9 years on the market we have grown"), never the candidate's.
_SPEAKS_OF_EMPLOYER = frozenset({"company", "benefits", "legal", "apply", "contact"})
_BOILERPLATE_MAX_CHARS = 400
_JOB_TYPES = (
    ("internship", re.compile(r"\b(intern|internship|co-?op|apprentice(?:ship)?)\b", re.I)),
    ("contract", re.compile(r"\b(contract(?:or)?|freelance|fixed[- ]term|temp[- ]to[- ]hire|1099)\b", re.I)),
    ("temporary", re.compile(r"\b(temporary|seasonal)\b", re.I)),
    ("part-time", re.compile(r"\bpart[- ]time\b", re.I)),
    ("full-time", re.compile(r"\b(full[- ]time|permanent)\b", re.I)),
)
_REMOTE = (
    ("hybrid", re.compile(r"\bhybrid\b", re.I)),
    ("remote", re.compile(r"\b(fully remote|100% remote|remote[- ]first|work from home|wfh|remote)\b", re.I)),
    ("onsite", re.compile(r"\b(on[- ]?site|in[- ]office|in the office|on[- ]premises?)\b", re.I)),
)
_LEVEL_TITLE = (
    ("executive", re.compile(r"\b(chief|cto|ceo|cfo|coo|vp|vice president|head of|director)\b", re.I)),
    ("senior", re.compile(r"\b(senior|sr\.?|lead|principal|staff|architect|manager)\b", re.I)),
    (
        "entry",
        re.compile(r"\b(junior|jr\.?|intern|internship|graduate|entry[- ]level|trainee|apprentice|associate)\b", re.I),
    ),
    ("mid", re.compile(r"\b(mid[- ]level|intermediate|ii|2)\b", re.I)),
)


def _number(word: str | None) -> float | None:
    if word is None:
        return None
    word = word.lower()
    if word in _NUMBER_WORDS:
        return float(_NUMBER_WORDS[word])
    return float(word) if word.replace(".", "").isdigit() else None


def _years_value(match: re.Match[str]) -> float | None:
    """The lower bound of a years phrase; 0 only as the start of a range ("0-2 years" asks for no minimum)."""
    low, high = _number(match.group(2)), _number(match.group(3))  # group 1 is the "at least" cue
    if low is None or low > _MAX_REQUIRED_YEARS:
        return None
    if low <= 0 and (high is None or high <= 0):
        return None
    return low


# An ad open to candidates without experience: "freshers welcome", "entry-level", "no experience required".
_ENTRY_LEVEL_CUE = re.compile(
    r"\b(?:freshers?|entry[- ]level|no (?:prior |previous |professional )?(?:work )?experience (?:is )?"
    r"(?:required|needed|necessary)|(?:recent|new) (?:college |university )?grad(?:uate)?s?|graduate "
    r"(?:role|position|program(?:me)?|scheme|trainee)|0 years)\b",
    re.I,
)


def years_phrases(line: str, *, of_anything: bool = False) -> list[tuple[int, int, float]]:
    """(start, end, years) of each phrase of a line that asks for years of experience ('5+ years', 'at least
    three years', '3-5 years' -> 3, '3 or more years', '0-2 years' -> 0). Employer-history years ('founded 20
    years ago', 'for over 10 years our company') and periods ('in the last 5 years', 'per year') are not.
    Without `of_anything`, a phrase must also say it is about experience ('5+ years of experience', 'at least 3
    years'); with it, '3 years of Java' counts too (the caller checks what the years are of)."""
    return [(start, end, years) for start, end, years, stated in _years_in(line) if of_anything or stated]


@lru_cache(maxsize=4096)
def _years_in(line: str) -> tuple[tuple[int, int, float, bool], ...]:
    """`years_phrases` of a line, each with whether it says it is about experience."""
    found: list[tuple[int, int, float, bool]] = []
    for match in _YEARS.finditer(line):
        tail = line[match.end() : match.end() + 80]
        head = line[max(0, match.start() - 60) : match.start()]
        strong_cue = bool(match.group("cue")) and not re.match(r"(?i)over|of", match.group("cue"))
        stated = bool(_YEARS_CONTEXT.search(tail) or re.search(r"experience", head, re.I) or strong_cue)
        near = head[-40:] + match.group(0) + tail[:40]
        if (
            _COMPANY_YEARS.search(near)
            or _PERIOD_BEFORE.search(head)
            or re.match(r"\s*(?:ago|old|employment)\b", tail)
        ):
            continue
        if re.search(r"(?i)\b(?:period|term|duration)\s+of\s+employment|position\s+is\s+for", head):
            continue
        value = _years_value(match)
        if value is not None:
            found.append((match.start(), match.end(), value, stated))
    return tuple(found)


def find_min_years(text: str) -> float | None:
    """Smallest experience requirement stated (`years_phrases` of every line); 0 for a range that starts at 0
    ('0-2 years') or an entry-level ad ('freshers', 'entry level', 'no experience required') that names no other
    minimum."""
    found = [years for line in text.split("\n") for _, _, years in years_phrases(line)]
    if not found and _ENTRY_LEVEL_CUE.search(text):
        return 0.0
    return min(found) if found else None


def _first(patterns: tuple[tuple[str, re.Pattern[str]], ...], *texts: str) -> str | None:
    for text in texts:
        for value, pattern in patterns:
            if pattern.search(text):
                return value
    return None


def infer_experience_level(title: str, min_years: float | None) -> str | None:
    from_title = _first(_LEVEL_TITLE, title)
    if from_title:
        return from_title
    if min_years is None:
        return None
    if min_years >= 8:
        return "executive" if min_years >= 12 else "senior"
    if min_years >= 5:
        return "senior"
    if min_years >= 2:
        return "mid"
    return "entry"


@dataclass(frozen=True, slots=True)
class AskedSkill:
    """A skill mention in a part of the ad that asks for it, with the importance read there.

    `explicit` is False for an importance that only comes from a duties zone (the ad uses the skill): another
    mention of the same skill with an explicit importance ("Nice to have: ...") then decides.
    `sentence` indexes `AdReading.sentences`; `offset` is where the mention starts in that sentence.
    """

    mention: SkillMention
    importance: str
    explicit: bool
    sentence: int
    offset: int


@lru_cache(maxsize=256)
def ad_reading(text: str, company: str | None = None) -> AdReading:
    """The zones of an ad (`job_zones.read_ad`), with the employer's names blanked, except a name that is itself
    a skill ("Salesforce" hiring for Salesforce): it stays readable."""
    names = tuple(name for name in company_names(text, company) if not _names_a_skill(name))
    return read_ad(text, names)


def _names_a_skill(name: str) -> bool:
    return any(m.surface.lower() == name.lower() for m in extract_skills(name))


def asked_skills(reading: AdReading, sections: dict[str, Section]) -> list[AskedSkill]:
    """Every skill mention in the ad's asking zones (duties, requirements, nice-to-haves), in document order.
    A mention by a form that names a neighbour of the skill, not the skill ("continuous improvement" for Kaizen,
    `Taxonomy.names_itself`), asks for nothing the ad names; a field of study named as a degree's field is the
    education requirement, not a skill; a skill naming colleagues ("work with marketing teams") or a team ("the
    Product Development team") is not asked, nor a person ("business analysts"), what the company owns or builds
    ("our Engineering department", "analytics products": `job_cues.about_others`), nor a broad one-word field
    written inside a longer phrase ("engineering team", "writing software", "full-stack engineering"), nor a field
    or practice that only labels the list under it ("Education and soft skills:")."""
    asked: list[AskedSkill] = []
    taxonomy = load_taxonomy()
    lines = reading.masked.split("\n")
    for mention in find_skill_mentions(reading.masked, sections) + tag_mentions(lines, sections):
        if not mention.line or not mention.surface or not taxonomy.names_itself(mention.skill_id, mention.surface):
            continue
        for index, offset in reading.locate(mention.line, mention.surface):
            sentence = reading.sentences[index]
            if sentence.zone not in ASKING_ZONES or _in_degree_field(sentence.text, offset, mention):
                continue
            end = offset + len(mention.surface)
            if names_colleagues(sentence.text, offset, end) or names_a_unit(sentence.text, offset, end):
                continue
            if about_others(sentence.text, offset, end, mention.name,
                            technical=mention.category in TECH_CATEGORIES):
                continue
            if _broad(mention, sentence.text, offset, lines[mention.line - 1]) and in_longer_phrase(
                    sentence.text, offset, end):
                continue
            if mention.category not in TECH_CATEGORIES and _labels_a_list(lines[mention.line - 1]):
                continue  # the topic of the list below ("Education and soft skills:"), not an ask
            if is_waived(sentence.text, offset, end):
                continue  # "Danish skills are not necessary": not asked at all
            importance, explicit = importance_at(sentence, offset, end)
            asked.append(AskedSkill(mention, importance, explicit, index, offset))
    if any(a.mention.category == "language" for a in asked):
        asked = [a for a in asked if not _kind_of_language(a.mention, reading.sentences[a.sentence].text, a.offset)]
    return asked


_LANGUAGES_AFTER = re.compile(r"^[ \t]+languages?\b", re.IGNORECASE)
_OTHER_BEFORE = re.compile(r"\b(?:other|additional|further)\s+(?:[\w&-]+\s+){0,3}$", re.IGNORECASE)


def _kind_of_language(mention: SkillMention, text: str, offset: int) -> bool:
    """Whether a one-word practice only says what kind of the other languages is meant ("any other programming
    languages e.g. Java", "other analytics tools and scripting languages"): where the ad names its languages, they
    are the ask, not the practice ("one or more programming languages" still asks for programming)."""
    return (mention.category == "method" and " " not in mention.name and mention.surface.islower()
            and _LANGUAGES_AFTER.match(text[offset + len(mention.surface) :]) is not None
            and _OTHER_BEFORE.search(text[max(0, offset - 60) : offset]) is not None)


_LIST_LABEL_WORDS = 7


def _labels_a_list(line: str) -> bool:
    """Whether a line is the short label of the list under it ("Languages and technical standards:")."""
    return line.rstrip().endswith(":") and len(line.split()) <= _LIST_LABEL_WORDS


_TAG_LINE = re.compile(r"^[a-z0-9#+./\- ]+$")  # "c# typescript. net-core less sql-server"
_TAG_LINE_WORDS = 10


def tag_mentions(lines: list[str], sections: dict[str, Section]) -> list[SkillMention]:
    """The skills of a job board's tag line (the line under a bare "Technologies" heading) that only a tag's
    lower case hides ("spring java cloud": Spring, Java); the ones read anyway are already mentions."""
    found: list[SkillMention] = []
    for number, line in enumerate(lines[:-1], start=1):
        if not is_tag_heading(line):
            continue
        tag_line = number + 1
        if not _TAG_LINE.match(lines[tag_line - 1]) or len(lines[tag_line - 1].split()) > _TAG_LINE_WORDS:
            continue  # prose under the heading ("We use go and python"), not a board's bare tags
        read = {m.skill_id for m in extract_skills(lines[tag_line - 1])}
        for mention in extract_tag_line(lines[tag_line - 1]):
            if mention.skill_id not in read:
                found.append(mention.model_copy(update={"line": tag_line,
                                                        "section": _section_of(sections, tag_line)}))
    return found


def _broad(mention: SkillMention, text: str, offset: int, line: str) -> bool:
    """A broad field or practice named by its one word ("Engineering", "Maintenance", "Hardware"), written as a
    word - in lower case, or capitalised only where it opens the sentence or its line -, not a name ("English")."""
    surface = mention.surface
    opens = re.search(r"\w", text[:offset]) is None or re.match(r"\W*" + re.escape(surface), line) is not None
    return ((mention.category == "domain" or mention.name.lower() in BROAD_PRACTICES) and " " not in mention.name
            and surface.lower().removesuffix("s") == mention.name.lower().removesuffix("s")
            and (surface.islower() or (opens and surface[1:].islower())))


def _in_degree_field(text: str, offset: int, mention: SkillMention) -> bool:
    """Whether a field of study, not a tool, is named as a degree's field ("BSc in Computer Science or
    Engineering"): the education requirement holds it."""
    if mention.category in TECH_CATEGORIES:
        return False
    return any(start <= offset < end for start, end in degree_field_spans(text))


def _split_skills(
    asked: list[AskedSkill], sections: dict[str, Section]
) -> tuple[list[SkillMention], list[SkillMention]]:
    """One mention per skill, by the strongest: an explicitly required mention, else a practice the duties ask
    ("debugging software": required even when a "Desired" line names it again), else an explicitly preferred one,
    else a tool the duties use (required; an explicit nice-to-have decides for a tool), else the team's stack
    (preferred, unless the ad lists no requirements at all: then its stack is what it asks)."""
    best: dict[str, tuple[int, str, AskedSkill]] = {}
    lists_requirements = any(item.explicit for item in asked)
    for item in asked:
        importance = item.importance
        if not item.explicit and not lists_requirements:
            importance = "required"  # an ad that lists no requirements asks for the stack it describes
        if item.explicit:
            rank = 0 if importance == "required" else 2
        elif importance == "required":  # a duty: a practice it asks is the hire's own; a tool it uses learnable
            rank = 3 if item.mention.category in TECH_CATEGORIES else 1
        else:
            rank = 4
        held = best.get(item.mention.skill_id)
        if held is None or rank < held[0]:
            best[item.mention.skill_id] = (rank, importance, item)
    required: list[SkillMention] = []
    preferred: list[SkillMention] = []
    for _, importance, item in sorted(best.values(), key=lambda held: (held[2].mention.line or 0, held[2].offset)):
        mention = item.mention.model_copy(update={"section": _section_of(sections, item.mention.line)})
        (required if importance == "required" else preferred).append(mention)
    return required, preferred


def _section_of(sections: dict[str, Section], line: int | None) -> str | None:
    return section_of_line(sections, line) if line else None


def find_eligibility(reading: AdReading) -> list[Eligibility]:
    """The checks an ad asks for (work authorisation, clearance, ...), one per sentence and kind, as the ad words
    them: of a sentence wrapped over several lines, the line that names the check ("SC Clearance Eligible" at the
    end of a run of unpunctuated lines)."""
    found: list[Eligibility] = []
    for sentence in reading.sentences:
        if sentence.eligibility is None or is_waived(sentence.text, 0, 0):
            continue  # "A driving licence is not required": no check
        text = re.sub(r"^[\W_]+", "", sentence.text).strip()
        importance, _ = importance_at(sentence, 0, len(sentence.text))
        if sentence.zone == "preferred":
            importance = "preferred"
        for kind in eligibility_kinds(sentence.text):
            line, own = sentence.line, text
            cue = next((p.search(sentence.text) for k, p in ELIGIBILITY if k == kind), None)
            if cue is not None and len(sentence.parts) > 1:  # the ad line that asks it, not the sentence's first
                line, start, end = sentence.part_at(cue.start())
                own = sentence.text[start:end].strip(" \t-•*")
            found.append(Eligibility(kind=kind, text=own[:200], line=line,
                                     importance=importance))  # type: ignore[arg-type]
    return found


def is_boilerplate(sentence: str) -> bool:
    """Whether a sentence (or line) of an ad is an equal-opportunity, legal or benefits statement, asking
    nothing of the candidate: its skills are not requirements and its words are not keywords.

    A very long line is a flattened paragraph that may also hold requirements: it is never skipped whole.
    """
    return len(sentence) <= _BOILERPLATE_MAX_CHARS and classify(sentence, None) in ("legal", "benefits")


# What a job typed as fields was "read from": no file.
_TYPED = ExtractedText(text="", file_type="txt", parser="text")


_TITLE_LABEL = re.compile(r"(?i)^(job\s+description|job\s+title|position|role)\s*[:\-]\s*")
# What a first line may hold besides a heading: the dataset's placeholders and a bracketed field ("(Location: X)").
_TITLE_NOISE = re.compile(r"\[[A-Z]+\]|\([^()]*\)")
# A posting's reference code ("Ref.: MD-021784", "Reference no: 123") or a path of categories from a placeholder
# ("[LOCATION] / Local / Finance / Economics"): the board's filing of the ad, no title.
_FILING_LINE = re.compile(r"(?i)\bref(?:erence)?\.?\s*(?:no\.?|number|#|id)?\s*:|^\[[A-Z]+\](?:\s+/\s+[^/]+){2,}")


def _names_no_role(line: str) -> bool:
    """Whether an ad's first line is a heading ("Job Description", "(Location: [LOCATION]) Job Description") or the
    board's filing of the ad (a reference code, a path of categories) rather than the role's name."""
    if _FILING_LINE.search(line):
        return True
    rest = _TITLE_NOISE.sub(" ", line).strip(" /|-–")
    return bool(rest) and classify_heading(rest, kind="job") is not False


def leading_title(body: str) -> tuple[str, str]:
    """The title an ad's first line gives, and the body after it. A title the layout wrapped onto a second line
    (a parenthesis opened on the first line and closed on a short second one) is read whole; a 'Job description:'
    or 'Position -' label in front is dropped. ('', body) for a body without text. A first line that is a heading
    ("Job Description") or the board's filing of the ad ("[LOCATION] / Local / Finance Ref.: MD-021784") is no
    title: the title is the role the sentences after it name, else none.

    A first line that reads as a sentence ("We are looking for a Sales Manager to ...") is no title line: it stays
    in the body, and the title is the role the first sentences name (`role_phrase`), else that sentence, cut (a
    name to show; `reads_as_sentence` keeps it out of the requirements)."""
    lines = body.split("\n")
    start = next((i for i, line in enumerate(lines) if line.strip()), None)
    if start is None:
        return "", body
    first, end = lines[start].strip(), start + 1
    if _names_no_role(first):  # the role is the one the first sentences name, else the ad has no title
        rest = "\n".join(lines[end:])
        return role_phrase(rest) or "", rest
    if reads_as_sentence(_TITLE_LABEL.sub("", first)):
        return role_phrase(body) or first[:200], body
    if (first.count("(") > first.count(")") and end < len(lines)
            and lines[end].count(")") > lines[end].count("(") and len(lines[end].split()) <= 6):
        first, end = f"{first} {lines[end].strip()}", end + 1
    return _TITLE_LABEL.sub("", first)[:200], "\n".join(lines[end:])


def without_title_line(body: str, title: str) -> str:
    """`body` without a first line that gives the title: an ad pasted whole under its typed title reads as the
    same ad given as a file, whose first line becomes the title (`parse_job_file`), so both score the same."""
    found, rest = leading_title(body)
    same = found and " ".join(found.split()).casefold() == " ".join(title.split()).casefold()
    return rest.lstrip("\n") if same else body


def _lines_outside(reading: AdReading, zones: frozenset[str]) -> str:
    """The ad's lines without their sentences in `zones`: a line keeps its other sentences together, so "5+ years
    of Python. Experience with Docker." still says its years are experience."""
    lines: dict[int, list[str]] = {}
    for sentence in reading.sentences:
        if sentence.zone not in zones:
            lines.setdefault(sentence.line, []).append(sentence.text)
    return "\n".join(" ".join(texts) for _, texts in sorted(lines.items()))


def degree_asked(reading: AdReading) -> tuple[str | None, str | None, bool]:
    """The degree an ad asks for in its asking zones: (level, field, only preferred) as `find_degree_requirement`
    reads it ("Degree level education preferred" is only preferred)."""
    asking = [s for s in reading.sentences if s.zone in ASKING_ZONES]
    body_text = "\n".join(s.text for s in asking if s.zone != "preferred")
    preferred_text = "\n".join(s.text for s in asking if s.zone == "preferred")
    return find_degree_requirement(body_text, preferred_text)


def parse_job(
    *,
    title: str,
    description: str,
    company: str | None = None,
    requirements: str | None = None,
    responsibilities: str | None = None,
    benefits: str | None = None,
    location: str | None = None,
    salary_range: str | None = None,
    job_type: str | None = None,
    remote_option: str | None = None,
    experience_level: str | None = None,
    source: ExtractedText | None = None,
) -> ParsedJob:
    """Parse a job posting given as fields. Separate `requirements`/`responsibilities`/`benefits` texts are
    appended under their own headings so they become sections. `source` is the file the description was read
    from (its type, parser, pages, layout and warnings go to the metadata), None for typed fields."""
    timings: dict[str, float] = {}
    started = time.perf_counter()
    parts = [without_title_line(normalize_text(description or ""), title)]
    for heading, extra in (
        ("Responsibilities", responsibilities),
        ("Requirements", requirements),
        ("Benefits", benefits),
    ):
        if extra and extra.strip():
            parts.append(f"{heading}\n{normalize_text(extra)}")
    text = "\n\n".join(part for part in parts if part)
    check_job_length(text)  # typed fields get the cap a file gets
    sections, _ = split_sections(text, kind="job")
    reading = ad_reading(text, company)
    timings["sections"] = round((time.perf_counter() - started) * 1000, 2)

    started = time.perf_counter()
    lines = text.split("\n")
    required, preferred = _split_skills(asked_skills(reading, sections), sections)
    timings["skills"] = round((time.perf_counter() - started) * 1000, 2)

    started = time.perf_counter()
    asking = [s for s in reading.sentences if s.zone in ASKING_ZONES]
    min_years = find_min_years("\n".join(s.text for s in asking))
    if min_years is None:  # years stated outside the asking zones ("Experience: 5 years" in the posting's fields)
        min_years = find_min_years(_lines_outside(reading, _SPEAKS_OF_EMPLOYER))
    # Degree: the lowest level *required*. A level that is only preferred is still reported, with a warning.
    degree_level, degree_field, degree_preferred_only = degree_asked(reading)
    source = source or _TYPED
    warnings = list(source.warnings)
    if degree_level is not None and degree_preferred_only:
        warnings.append(f"degree_level '{degree_level}' is preferred, not required")
    head = "\n".join(lines[:15])
    job_type = job_type or _first(_JOB_TYPES, title, head, text)
    remote_option = remote_option or _first(_REMOTE, title, location or "", head, text)
    experience_level = experience_level or infer_experience_level(title, min_years)
    timings["requirements"] = round((time.perf_counter() - started) * 1000, 2)
    return ParsedJob(
        # what the posting is, what it asks of a candidate, and its terms
        title=title.strip(), company=company, text_content=text, sections=sections,
        required_skills=required, preferred_skills=preferred, min_years=min_years,
        degree_level=degree_level, degree_field=degree_field,  # type: ignore[arg-type]
        job_type=job_type, remote_option=remote_option, experience_level=experience_level,
        location=location, salary_range=salary_range, zones=reading.zones(), eligibility=find_eligibility(reading),
        metadata=DocumentMetadata.of(source, text, word_count(text), detect_language(text), timings, warnings),
    )


def parse_job_file(data: bytes, filename: str | None = None, title: str | None = None) -> ParsedJob:
    """Parse a job posting file (PDF, DOCX, TXT, MD); the title defaults to its first line (`leading_title`)."""
    started = time.perf_counter()
    extracted = extract_text(data, filename)
    extract_ms = round((time.perf_counter() - started) * 1000, 2)
    text = extracted.text
    if title is None:
        title, text = leading_title(text)  # the title line leaves the body, so it is not read twice
    job = parse_job(title=title, description=text, source=extracted)
    job.metadata.timings_ms["extract"] = extract_ms
    return job

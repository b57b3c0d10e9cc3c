"""Read a job ad the way a recruiter does: which part of the ad each sentence belongs to.

An ad is cut into sentences (wrapped lines re-joined, bullets kept apart, clauses split at ";"), and each sentence
is put in one zone: about the company, the role's duties, requirements, nice-to-haves, benefits, legal/EEO text,
how to apply, the recruiter's contact, or the posting's fields (location, job type, salary). Its heading sets the
default; its own words decide when they are clear (`job_cues.ZONE_CUES`): a benefits line under Requirements is
benefits, a "you have 5+ years of ..." sentence in an "About us" block is a requirement, and an ad without any
heading is read sentence by sentence. Only the duties, requirements and nice-to-have zones ask something of the
candidate (`ASKING_ZONES`): skills, keywords and qualifiers are read from them alone.

Importance is decided per mention (`importance_at`): a cue next to it ("Docker is a plus", "ideally Rust",
"insurance industry (desired)", "Must have: ...") wins over its zone (nice-to-have -> preferred, requirements and
duties -> required). Names of the company (given, or read from "About Acme", "At Acme, we", "Acme is a leading
...") are blanked in `AdReading.masked` so that no requirement or keyword is read from them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from typing import Literal

from jobfit.documents.job_cues import (
    CLOSING,
    DUTY_START,
    POSTING_FIELDS,
    PREFERRED_AFTER,
    PREFERRED_BEFORE,
    PREFERRED_CUE,
    REQUIRED,
    STACK,
    ZONE_CUES,
    describes_others,
    eligibility_kind,
    is_tag_heading,
)
from jobfit.documents.models import JobZone
from jobfit.documents.sections import job_heading_group, lead_in_heading, run_in_heading

Zone = Literal["company", "duties", "requirements", "preferred", "benefits", "legal", "apply", "contact", "details"]
ZONES: tuple[str, ...] = ("company", "duties", "requirements", "preferred", "benefits", "legal", "apply", "contact",
                          "details")
ASKING_ZONES: frozenset[str] = frozenset({"duties", "requirements", "preferred"})
# headings.json group -> zone ("other" headings, such as "Additional information", leave the zone to the words)
_GROUP_ZONE = {"summary": "duties", "responsibilities": "duties", "requirements": "requirements",
               "preferred": "preferred", "benefits": "benefits", "about_company": "company", "legal": "legal",
               "apply": "apply", "contact": "contact", "details": "details"}
# Zones a clear requirement or duty sentence is taken out of (a short closing part such as "How to apply" or the
# legal text keeps its sentences).
_OPEN_ZONES = frozenset({"company", "benefits", "details", None})
_CLOSING_ZONES = frozenset({"legal", "apply", "contact"})

_BULLET = re.compile(r"^\s*(?:[•▪●◦‣∙·*>\-–—]|o\s|\d{1,2}\s?[.)]\s|\(?[a-z]\)\s)")
_END_PUNCT = re.compile(r"[.!?:;]\s*$")
# A word that runs on after a skill's surface ("IT" in "Site"), not its plural ("ORMs", "APIs")
_WORD_GOES_ON = re.compile(r"(?!(?:e?s|'s|’s)\b)\w")
_WRAP_MIN_CHARS = 50  # a line shorter than this never wraps into the next one unless it ends mid-phrase
_CONTINUES = re.compile(r"\s*(?:and|or|as well as|but|with|including)\b")
# A line that opens with the subject of a new sentence ("You have ...", "We offer ..."), capitalised.
_SUBJECT_START = re.compile(r"^\W*(?-i:You|Your|We|Our)\b(?!['’]s)")
_OPEN_END = re.compile(r"(?:[,\-–/&(]|\b(?:and|or|of|the|a|an|in|with|to|for|on|at|by|as|such as|including))\s*$",
                       re.IGNORECASE)
_ABBREVIATIONS = frozenset({"e.g", "i.e", "etc", "approx", "incl", "vs", "inc", "ltd", "co", "sr", "jr", "no", "dr",
                            "mr", "ms", "mrs", "st", "eg", "ie", "min", "max", "dept", "corp", "b.sc", "m.sc", "ph.d",
                            "b.s", "m.s", "b.a", "m.a", "u.s"})
_OPEN_ABBREVIATION = re.compile(r"\b(?:e\.\s?g|i\.\s?e|eg|ie|incl|vs)\.\s*$", re.IGNORECASE)  # ends mid-sentence
_BOUNDARY = re.compile(r"(?:[.!?]+[\"”’)]*|;)\s+")
_TITLE_BLOCK_LINES = 5
_FEATURE_WORDS = 6  # an item of a list of the product's features without a bullet is this short
_PROSE = re.compile(r"[a-z]{2,}\s+(?:[a-z]{2,}\s+){3,}[a-z]{2,}")  # five lower-case words in a row


def _is_title_line(sentence: str, line: int) -> bool:
    """A short line at the top of an ad that is not prose or a list: the title, the employer, the place."""
    return (line <= _TITLE_BLOCK_LINES and len(sentence) <= 100 and not _PROSE.search(sentence)
            and sentence.count(",") < 2 and not _INLINE_LABEL.match(sentence) and not re.search(r"[.!?]\s*$", sentence))


# A heading that ends a line of body text ("... large-scale systems. Preferred Qualifications:")
_TRAILING_HEADING = re.compile(r"(?<=[.!?;)\]])\s+([A-Z][A-Za-z &/'’\-]{2,40}?)\s*:\s*$")
_INLINE_LABEL = re.compile(r"^\s*(?:[•▪●◦‣∙·*>\-–—]\s*)?([A-Za-z][A-Za-z &/'’\-]{1,40}?)\s*:\s*(\S.*)$")
_FIELD_LABEL = re.compile(r"^\s*[A-Za-z][\w /&'-]{1,30}:")
_LABEL_ONLY = re.compile(r"^\s*[A-Za-z][\w /&'-]{1,30}:\s*$")
# (disjoint word and gap classes: a line of dashes cannot make the search backtrack exponentially)
_COMPANY_VOICE = re.compile(r"^[^\w'’-]*(?:[\w'’-]+[^\w'’-]+){0,4}?(?:we|we're|we've|our)\b", re.IGNORECASE)
_YOU_WILL = re.compile(r"^\W*(?:you(?:'ll| will| would| shall)|as an? [\w -]{2,40}, you)\b", re.IGNORECASE)
_REQUIREMENT_START = re.compile(
    r"^\W*(?:(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)\s*\+?\s*(?:-\s*\d+\s*)?(?:years?|yrs)|"
    r"(?:at least|minimum|min\.?)\s|experience|knowledge|proficien|familiar|understanding|expertise|background|"
    r"(?:a |an )?(?:bachelor|master|degree|phd|diploma)|fluen|strong|excellent|solid|proven|good|ability|able to|must)",
    re.IGNORECASE)
_WE = re.compile(r"\bwe\b", re.IGNORECASE)
_HIRING_VOICE = re.compile(r"\bwe(?:'re| are)? (?:looking|searching|seeking|hiring|need|want|expect|require)",
                           re.IGNORECASE)
_CANDIDATE_VOICE = re.compile(r"\b(?:you|your|you're|you'll|candidates?|applicants?|someone|the person)\b",
                              re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence (or ";" clause) of an ad: its text, zone and where its pieces sit in the document.

    `parts` are (line, start, end) and `gaps` the characters joining each part to the one before (a space, or none
    where a word was hyphenated over a line break): the sentence is the parts' text joined so.
    `eligibility` names the check it asks for ("work authorisation", ...), if any.
    """

    text: str
    zone: str
    parts: tuple[tuple[int, int, int], ...]
    gaps: tuple[int, ...] = ()
    eligibility: str | None = None
    stack: bool = False  # it describes the team's tools ("Our stack: ...", under a "Technologies" heading)

    @property
    def wrapped_text(self) -> str:
        """`text` with a line break where the sentence wraps to the next line (none inside a hyphenated word)."""
        out = []
        for i, (start, _end) in enumerate(self._spans()):
            gap = self.gaps[i] if i < len(self.gaps) else (1 if i else 0)
            out.append(("\n" if gap else "") + self.text[start:_end])
        return "".join(out)

    def _spans(self) -> list[tuple[int, int]]:
        spans, at = [], 0
        for i, (_, start, end) in enumerate(self.parts):
            at += self.gaps[i] if i < len(self.gaps) else (1 if i else 0)
            spans.append((at, at + end - start))
            at += end - start
        return spans

    def offset(self, line: int, column: int) -> int | None:
        """The offset in `text` of a document position, None when the sentence does not cover it."""
        at = 0
        for i, (number, start, end) in enumerate(self.parts):
            at += self.gaps[i] if i < len(self.gaps) else (1 if i else 0)
            if number == line and start <= column < end:
                return at + column - start
            at += end - start
        return None

    @property
    def line(self) -> int:
        return self.parts[0][0]

    def part_at(self, offset: int) -> tuple[int, int, int]:
        """(document line, start, end in `text`) of the part of the sentence that holds `offset`."""
        spans = self._spans()
        for (number, _, _), (start, end) in zip(self.parts, spans, strict=True):
            if offset < end:
                return number, start, end
        return self.parts[-1][0], spans[-1][0], spans[-1][1]


@dataclass(frozen=True)
class AdReading:
    """What `read_ad` finds: the sentences with their zones, a zone per line, and the text with company names
    blanked (same length, same lines: mention offsets and line numbers hold)."""

    sentences: tuple[Sentence, ...]
    line_zones: tuple[str, ...]  # line i+1's zone (a heading's zone for a heading, the previous one for a blank)
    masked: str
    companies: tuple[str, ...]

    def sentence_at(self, line: int, column: int) -> tuple[int, int] | None:
        """(index of the sentence, offset in it) of a document position, None off every sentence (a heading)."""
        for index in self._by_line().get(line, ()):
            offset = self.sentences[index].offset(line, column)
            if offset is not None:
                return index, offset
        return None

    def locate(self, line: int, surface: str) -> list[tuple[int, int]]:
        """Every (sentence index, offset) where `surface` is written on document line `line` as words of its own,
        not inside a longer word ("IT" in "Site Reliability")."""
        lines = self._lines()
        if not 1 <= line <= len(lines) or not surface:
            return []
        text, found, at = lines[line - 1].lower(), [], -1
        while (at := text.find(surface.lower(), at + 1)) >= 0:
            end = at + len(surface)
            inside = (surface[0].isalnum() and at > 0 and text[at - 1].isalnum()) or (
                surface[-1].isalnum() and _WORD_GOES_ON.match(text, end) is not None)
            where = None if inside else self.sentence_at(line, at)
            if where is not None:
                found.append(where)
        return found

    def zones(self) -> list[JobZone]:
        """Runs of lines of one zone, as stored on `ParsedJob.zones`."""
        runs: list[JobZone] = []
        for number, zone in enumerate(self.line_zones, start=1):
            if runs and runs[-1].zone == zone:
                runs[-1].end_line = number
            else:
                runs.append(JobZone(zone=zone, start_line=number, end_line=number))
        return runs

    def _by_line(self) -> dict[int, tuple[int, ...]]:
        cached = self.__dict__.get("_index")
        if cached is None:
            index: dict[int, list[int]] = {}
            for i, sentence in enumerate(self.sentences):
                for number, _, _ in sentence.parts:
                    index.setdefault(number, []).append(i)
            cached = {k: tuple(v) for k, v in index.items()}
            object.__setattr__(self, "_index", cached)
        return cached

    def _lines(self) -> list[str]:
        cached = self.__dict__.get("_split")
        if cached is None:
            cached = self.masked.split("\n")
            object.__setattr__(self, "_split", cached)
        return cached


@lru_cache(maxsize=16384)
def _cues_of(text: str) -> dict[str, int]:
    """Where each zone's first cue stands in a sentence (zones without a cue are absent), searched once."""
    found: dict[str, int] = {}
    for zone, pattern in ZONE_CUES.items():
        match = pattern.search(text)
        if match is not None:
            found[zone] = match.start()
    return found


def _cue(zone: str, text: str) -> bool:
    return zone in _cues_of(text)


def says_something(text: str) -> bool:
    """Whether a sentence has a cue of any zone of its own (else its neighbours decide its zone)."""
    return (bool(_cues_of(text)) or DUTY_START.search(text) is not None
            or _YOU_WILL.search(text) is not None or eligibility_kind(text) is not None)


def _list_item(text: str) -> bool:
    """Whether a sentence is a bare item of a list ("Experience in DevOps", "Knowledge of SAP"): it opens with a
    requirements cue and has no cue of another zone, no duty and no "you will". A verb form that is part of the
    opening cue ("Working experience with ...") is no duty."""
    cues = _cues_of(text)
    duty = DUTY_START.search(text)
    opening = ZONE_CUES["requirements"].search(text)
    return (set(cues) == {"requirements"} and not re.search(r"\w", text[: cues["requirements"]])
            and (duty is None or (opening is not None and duty.end() <= opening.end()))
            and _YOU_WILL.search(text) is None)


def _first(zone: str, text: str) -> int | None:
    return _cues_of(text).get(zone)


def _by_employer(first: _Piece, lines: list[str], masked: list[str]) -> bool:
    """Whether a sentence starts with the employer's name ("Acme utilises best-of-breed toolsets ..."): its first
    piece starts after a blanked name."""
    number, start, _ = first
    return start > 0 and not masked[number - 1][:start].strip() and bool(lines[number - 1][:start].strip())


def _about_the_company(text: str) -> bool:
    """A sentence that speaks about the company wherever its "our" stands ("Java has been a key technology
    throughout our company history", "we have grown to 40 million euros in annual revenue"), and neither
    addresses the candidate, starts a duty nor asks anything."""
    if not _cue("company", text) or _CANDIDATE_VOICE.search(text) or _HIRING_VOICE.search(text):
        return False
    if DUTY_START.search(text) is not None or _YOU_WILL.search(text) is not None or _cue("asks", text):
        return False
    # a requirement cue in the company's own voice is its history ("In 9 years on the market we have grown")
    return not _cue("requirements", text) or _WE.search(text) is not None


def classify(text: str, heading_zone: str | None, *, by_employer: bool = False) -> str:
    """The zone of one sentence under a heading of zone `heading_zone` (None: no heading, or one of no zone);
    `by_employer` when the sentence starts with the employer's name (it speaks for the company).

    Legal text is legal wherever it stands; an eligibility check asks; a run-on sentence that both asks and says
    how to apply or whom to contact ("If you have a background in X, send your CV to ...") is what it says first.
    """
    if _cue("legal", text):
        return "legal"
    if _cue("offers", text):
        return "benefits"  # "Our mentor developer will be there ...", "We sponsor visas": given, not asked
    if eligibility_kind(text):
        return heading_zone if heading_zone in ASKING_ZONES else "requirements"
    company_voice = ((by_employer or _COMPANY_VOICE.search(text) is not None) and not _CANDIDATE_VOICE.search(text)
                     and not _HIRING_VOICE.search(text))
    clear = not company_voice and _cue("requirements", text)  # "5+ years of experience with ...", "knowledge of"
    asks = clear or (not company_voice and _cue("asks", text))
    duty = not company_voice and (
        _cue("duties", text) or DUTY_START.search(text) is not None or _YOU_WILL.search(text) is not None
    )
    asked_at = min((at for at in (_first("requirements", text), _first("asks", text), _first("duties", text))
                    if at is not None), default=None) if (asks or duty) else None
    for zone in ("apply", "contact"):
        at = _first(zone, text)
        if at is not None and (asked_at is None or at < asked_at):
            return zone
    if heading_zone in ASKING_ZONES:
        if by_employer and company_voice and not _cue("requirements", text):
            return "company"  # "Acme utilises best-of-breed Java toolsets ..." under "Job description"
        if _about_the_company(text):
            return "company"  # "Java has been key throughout our company history ..." under "Job description"
        if clear and heading_zone == "duties":
            return "requirements"  # "This role requires: * a BS degree ..." under "Job description"
        if asks or duty:
            return heading_zone
        return next((zone for zone in ("benefits", "company", "details") if _cue(zone, text)), heading_zone)
    if heading_zone is not None and heading_zone not in _OPEN_ZONES:
        if heading_zone != "legal" and _cue("company", text):
            return "company"  # "About Acme: Acme is a furniture company ..." after "How to apply"
        return heading_zone  # a closing part ("How to apply", the legal text) keeps its sentences
    if heading_zone is not None:
        # Out of a company, benefits or details part only what asks the candidate: "You have ...", or a bare
        # requirement ("5+ years of ...", "Experience with ..."); "Most of our staff have experience in ..." and
        # "You will gain knowledge in ..." (a perk said first) stay.
        own = _first(heading_zone, text)
        addressed = _CANDIDATE_VOICE.search(text) is not None or _REQUIREMENT_START.search(text) is not None
        if clear and addressed and (own is None or (asked_at is not None and asked_at < own)):
            return "requirements"
        return heading_zone
    if asks:
        return "requirements"
    if duty and not _cue("benefits", text):
        return "duties"
    return next((zone for zone in ("benefits", "company", "details") if _cue(zone, text)), "duties")


_Piece = tuple[int, int, int]  # (line, start, end)


def _sentences_of(paragraph: list[_Piece], lines: list[str]) -> list[tuple[str, tuple[_Piece, ...], tuple[int, ...]]]:
    """Split a paragraph (pieces of lines) into sentences: (text, pieces, gaps), where gaps[i] is the number of
    characters (a space, or none after a word hyphenated over a line break) joining piece i to the one before."""
    joined = ""
    segments: list[tuple[int, int, int, int]] = []  # (start, end) in `joined`, line, column of `start`
    for number, start, end in paragraph:
        piece = lines[number - 1][start:end]
        if joined and joined.endswith("-") and joined[-2:-1].isalpha() and piece[:1].islower():
            joined = joined[:-1]  # "Angu-" + "lar.js": one word again
            last = segments[-1]
            segments[-1] = (last[0], last[1] - 1, last[2], last[3])
        elif joined:
            joined += " "
        segments.append((len(joined), len(joined) + len(piece), number, start))
        joined += piece
    cuts = [0]
    for match in _BOUNDARY.finditer(joined):
        before = re.search(r"([\w.]+)[.!?]*[\"”’)]*\s*[;.!?]*\s*$", joined[cuts[-1] : match.start() + 1])
        word = (before.group(1) if before else "").lower().rstrip(".")
        following = joined[match.end() : match.end() + 1]
        if match.group(0).startswith(";") or (
            word not in _ABBREVIATIONS and len(word) > 1 and (following.isupper() or not following.isalpha())
        ):
            cuts.append(match.end())
    cuts.append(len(joined))
    sentences = []
    for lo, hi in pairwise(cuts):
        while hi > lo and joined[hi - 1].isspace():
            hi -= 1
        while lo < hi and joined[lo].isspace():
            lo += 1
        pieces: list[_Piece] = []
        gaps: list[int] = []
        previous_end: int | None = None
        for seg_start, seg_end, number, column in segments:
            a, b = max(lo, seg_start), min(hi, seg_end)
            if a >= b:
                continue
            pieces.append((number, column + a - seg_start, column + b - seg_start))
            gaps.append(0 if previous_end is None else a - previous_end)
            previous_end = b
        if pieces:
            sentences.append((joined[lo:hi], tuple(pieces), tuple(gaps)))
    return sentences


def _joined(parts: tuple[_Piece, ...], gaps: tuple[int, ...], lines: list[str]) -> str:
    return "".join((" " if gap else "") + lines[n - 1][a:b] for (n, a, b), gap in zip(parts, gaps, strict=True))


def _wrap_width(lines: list[str]) -> float:
    """How long a line must be to have been wrapped: most of the document's usual full line width."""
    lengths = sorted(len(line.rstrip()) for line in lines if line.strip())
    if not lengths:
        return float(_WRAP_MIN_CHARS)
    return max(_WRAP_MIN_CHARS, 0.85 * lengths[int(0.9 * (len(lengths) - 1))])


def _wraps(previous: str, line: str, width: float) -> bool:
    """Whether `line` continues `previous` (a sentence wrapped over lines), not a new item or paragraph: a long
    line wraps on unless the next opens a new sentence's subject ("You possess ..." in an unpunctuated ad)."""
    if _OPEN_ABBREVIATION.search(previous) and not _BULLET.match(line):
        return True  # "NoSQL database experience (e.g." / "Cassandra)": the example is on the next line
    if _END_PUNCT.search(previous) or _LABEL_ONLY.match(previous):
        return False
    bullet = _BULLET.match(line)
    if bullet:  # "- and backend frameworks ...": a hyphen that carries on the sentence, not a new item
        return bool(_CONTINUES.match(line[bullet.end() :]))
    first = line.lstrip()[:1]
    if _OPEN_END.search(previous):
        return True
    if _SUBJECT_START.match(line):
        return False  # "You possess ..." after a long unpunctuated line: a new sentence about the hire
    if len(previous) < width and DUTY_START.search(previous) and DUTY_START.search(line):
        return False  # "build and ship new features" / "write high quality code": a list of duties in lower case
    return first.islower() or len(previous) >= width


def _inline_heading(line: str) -> tuple[str, int] | None:
    """A "Label: content" line whose label is a job heading ("Nice to have: Docker", "Skills: Python"): (the
    label's group, where the content starts)."""
    match = _INLINE_LABEL.match(line)
    if match is None:
        return None
    group = job_heading_group(match.group(1))
    return (group, match.start(2)) if group not in (None, "other") else None


def _paragraphs(lines: list[str], company_lines: set[int] = frozenset()  # type: ignore[assignment]
                ) -> list[tuple[str | None, list[tuple[int, int, int]]]]:
    """The ad as (heading group or None, pieces): a heading line alone, or a paragraph of wrapped body lines. A
    "Label: content" line is its label's group with the content as its pieces: that zone holds for the line. A
    line that held only the employer's name (`company_lines`, blank once masked) opens an "About" part."""
    width = _wrap_width(lines)
    out: list[tuple[str | None, list[tuple[int, int, int]]]] = []
    current: list[tuple[int, int, int]] = []
    for number, raw in enumerate(lines, start=1):
        line = raw.rstrip()
        alone = _line_of_its_own(number, line, company_lines)
        if alone is not None or not line.strip():
            if current:
                out.append((None, current))
                current = []
            if alone is not None:
                out.append(alone)
            continue
        start = len(line) - len(line.lstrip())
        trailing = _trailing_heading(line)
        if trailing is not None:
            group, cut = trailing
            if current and not _wraps(lines[current[-1][0] - 1].rstrip(), line, width):
                out.append((None, current))
                current = []
            current.append((number, start, cut))
            out += [(None, current), (group, [(number, cut, len(line))])]
            current = []
            continue
        if current and not _wraps(lines[current[-1][0] - 1].rstrip(), line, width):
            out.append((None, current))
            current = []
        current.append((number, start, len(line)))
    if current:
        out.append((None, current))
    return out


def _trailing_heading(line: str) -> tuple[str, int] | None:
    """A job heading that ends a line after its body text ("... systems. Preferred Qualifications:"): (its
    group, the column it starts at); it opens its zone for the lines below."""
    match = _TRAILING_HEADING.search(line)
    if match is None:
        return None
    group = job_heading_group(match.group(1))
    return (group, match.start(1)) if group not in (None, "other") else None


def _line_of_its_own(number: int, line: str, company_lines: set[int]) -> tuple[str, list[_Piece]] | None:
    """A line that is never part of a paragraph: the employer's name alone, a posting field ("Role: DBA"), a
    "Label: content" line, or a heading; as (its group, its pieces), else None."""
    if number in company_lines:
        return "about_company", [(number, 0, len(line))]
    if _FIELD_LABEL.match(line) and _cue("details", line):  # "Industry: Engineering": a field, not a heading
        return "details:", [(number, 0, len(line))]
    inline = _inline_heading(line)
    if inline is not None:
        return f"{inline[0]}:", [(number, inline[1], len(line))]
    group = job_heading_group(line)
    return (group, [(number, 0, len(line))]) if group is not None else None


_POSTING_HEAD_LINES = 3  # a glued posting's title, employer and place stand above its fields
_POSTING_HEAD_WORDS = 8


def posting_end(lines: list[str]) -> int | None:
    """The first line number (1-based) of a second posting glued after the ad, None when there is none. Job
    boards' exports run one posting into the next: the next one opens with its title, employer and place on short
    lines, then the fields block ("Date posted: ..."). A second fields block marks it; the ad ends at the first of
    the short lines just above that block."""
    starts = [index for index, line in enumerate(lines) if POSTING_FIELDS.match(line)]
    if len(starts) < 2:
        return None
    start = starts[1]
    for _ in range(_POSTING_HEAD_LINES):
        above = lines[start - 1].strip() if start > starts[0] + 1 else ""
        if not above or len(above.split()) > _POSTING_HEAD_WORDS or _END_PUNCT.search(above):
            break
        start -= 1
    return start + 1


def _works_on_stack(text: str) -> bool:
    """A duty whose object is the stack ("Ensure code quality by evolving architecture and tech stack", "Keep
    the technology stack up to date"): it asks for work, it does not list the team's tools (no "Stack: ...")."""
    return DUTY_START.search(text) is not None and ":" not in text


@lru_cache(maxsize=256)
def read_ad(text: str, companies: tuple[str, ...] = ()) -> AdReading:
    """Zones of every sentence and line of an ad's text (`ParsedJob.text_content`), with the employer's names
    (`company_names`) and a second posting glued after the ad (`posting_end`) blanked."""
    lines = text.split("\n")
    masked = mask(text, companies)
    mlines = masked.split("\n")
    sentences: list[Sentence] = []
    line_zones: list[str | None] = [None] * len(lines)
    heading: str | None = None  # zone of the heading in force
    detail_next = False  # a "Job type:" label line: its value on the next line is a posting field
    signature = False  # after "Best regards,": the recruiter's signature, to the next blank line
    last_line = 0
    title_block = True  # the ad's first lines before a heading or a request: title, employer, place
    end = posting_end(mlines)
    if end is not None:  # a second posting glued after the ad: blanked like the employer's names, never read
        mlines[end - 1 :] = [" " * len(line) for line in mlines[end - 1 :]]
        masked = "\n".join(mlines)
    for number, (raw, blanked) in enumerate(zip(lines, mlines, strict=True), start=1):
        if raw.strip() and not blanked.strip():
            line_zones[number - 1] = "company" if end is None or number < end else "details"
    # A sentence that says nothing of its own continues the part its neighbours moved into: a company paragraph
    # or a list of perks after the requirements, with no heading of its own. A heading, a blank line or a bullet
    # ends that.
    drift: str | None = None
    stack_heading = stack_lead = False
    preferred_lead = False  # under "Bonus points if you also know:": the list below it is nice-to-have
    about_lead = False  # under "The product includes features related to:": the list below it is company text
    for group, pieces in _paragraphs(mlines, company_lines={i + 1 for i, z in enumerate(line_zones) if z}):
        first = pieces[0][0]
        if any(not lines[n - 1].strip() for n in range(last_line + 1, first)):
            signature = False
            drift = None
            stack_lead = preferred_lead = about_lead = False
        if _BULLET.match(mlines[first - 1]):
            drift = None
        last_line = pieces[-1][0]
        line_heading = heading
        if group == "details:":  # a posting field: its value may follow on the next line ("Role:" / "DBA")
            for _, parts, gaps in _sentences_of(pieces, mlines):
                sentences.append(Sentence(_joined(parts, gaps, mlines), "details", parts, gaps))
            line_zones[first - 1] = "details"
            detail_next = bool(_LABEL_ONLY.match(mlines[first - 1]))
            continue
        if group is not None and group.endswith(":"):  # "Nice to have: Docker": the label's zone, this line only
            line_heading = _GROUP_ZONE.get(group[:-1], heading)
            group = None
            drift = None  # the label says what the line is: the part the lines above drifted into does not
        if group is not None:
            heading = _GROUP_ZONE.get(group)
            # "Tech stack", "Technologies used": the team's tools; a bare "Technologies" heads the job's own tags
            heading_line = mlines[first - 1]
            stack_heading = STACK.search(heading_line.strip()) is not None and not is_tag_heading(heading_line)
            stack_lead = preferred_lead = about_lead = False
            line_zones[first - 1] = heading or "details"
            detail_next = signature = title_block = False
            drift = None
            continue
        for sentence, parts, gaps in _sentences_of(pieces, mlines):
            run_in = run_in_heading(sentence)
            body = sentence
            if run_in is not None:  # "About the role Lead the roadmap ...": a heading, then what it heads
                heading = line_heading = _GROUP_ZONE.get(run_in[0], heading)
                body, drift = sentence[run_in[1]:].strip(), None
            if CLOSING.search(sentence):
                signature = True
            if signature:
                zone = "contact"
            elif detail_next or (_LABEL_ONLY.match(sentence) and _cue("details", sentence)):
                zone = "details"
                detail_next = bool(_LABEL_ONLY.match(sentence))
            else:
                zone = classify(body, line_heading, by_employer=_by_employer(parts[0], lines, mlines))
                detail_next = False
                if zone == "duties" and title_block and _is_title_line(sentence, parts[0][0]):
                    zone = "details"
                elif not says_something(body):
                    zone = drift or zone
                else:
                    drift = zone if zone not in ASKING_ZONES and zone != line_heading else None
                if zone in _CLOSING_ZONES and line_heading in ASKING_ZONES:
                    # the legal text, how to apply or whom to contact ends a "Desired skills" part: what follows
                    # it without a heading of its own is read afresh
                    heading = line_heading = None
                    stack_heading = stack_lead = False
            led = lead_in_heading(body) if zone not in ASKING_ZONES and not signature else None
            if led is not None:  # "Interested? This is what you will need to have:" heads the list below it
                heading = line_heading = zone = _GROUP_ZONE[led]
                drift = None
                stack_heading = stack_lead = False
            lead = zone in ASKING_ZONES and _LEAD_END.search(sentence) is not None
            if preferred_lead and (lead or (says_something(body) and not PREFERRED_CUE.search(body)
                                            and not _list_item(body))):
                preferred_lead = False  # the list ends at the next lead-in or where a sentence speaks again
            if preferred_lead and zone in ASKING_ZONES:
                zone = "preferred"
            if lead and PREFERRED_CUE.search(sentence):
                preferred_lead = True  # "It would be great if you also know:", "Extra credit for:" head a list
            if about_lead and (says_something(body) or (not _BULLET.match(sentence)
                                                        and len(body.split()) > _FEATURE_WORDS)):
                about_lead = False  # the product's features end where a sentence speaks again
            if about_lead and zone in ASKING_ZONES:
                zone = "company"
            if lead and describes_others(sentence):
                about_lead, zone = True, "company"  # "The product includes features related to:" heads a list
            if zone in ("requirements", "preferred") or parts[0][0] > _TITLE_BLOCK_LINES:
                title_block = False
            kind = eligibility_kind(sentence) if zone in ASKING_ZONES else None
            if stack_lead and says_something(body) and not STACK.search(sentence):
                stack_lead = False  # the list under "Core technologies used:" ends where a sentence speaks again
            stack = stack_heading or stack_lead or (STACK.search(sentence) is not None and not _works_on_stack(body))
            if stack and sentence.rstrip().endswith(":"):
                stack_lead = True  # "Core technologies used in the application:" heads the list below it
            sentences.append(Sentence(sentence, zone, parts, gaps, kind, stack))
            for number, _, _ in parts:
                if line_zones[number - 1] is None or zone in ASKING_ZONES:
                    line_zones[number - 1] = zone
    filled: list[str] = []
    for zone in line_zones:
        filled.append(zone if zone is not None else (filled[-1] if filled else "details"))
    return AdReading(tuple(sentences), tuple(filled), masked, companies)


# ---------------------------------------------------------------- importance


def importance_at(sentence: Sentence, start: int, end: int) -> tuple[str, bool]:
    """(importance, explicit) of the thing written at `sentence.text[start:end]`.

    A cue next to it decides (explicit): the nearest one before it ("ideally", "Nice to have:", "Must have:"; one
    that opens the sentence, "Not required but would be nice if you have ...", reaches all of it) or
    after it in its sentence ("is a plus", "preferred", "required"); an after-cue inside brackets covers only the
    brackets ("Bachelor's degree (MBA preferred)"), and brackets holding nothing but the cue cover the list item
    just before them ("insurance industry (desired)"). Without a cue, the zone decides: nice-to-have ->
    preferred (explicit), requirements -> required (explicit), duties -> required (implicit: a skill the ad also
    lists as nice-to-have is preferred); a tool of the team's stack outside the requirements is preferred
    (implicit).
    """
    text = sentence.text
    found = _nearest_cue(text, start, end)
    if found is not None:
        return found, True
    if sentence.zone == "preferred":
        return "preferred", True
    if sentence.stack and sentence.zone != "requirements":
        return "preferred", False  # a tool of the team's stack, not asked as such
    return "required", sentence.zone == "requirements"


@lru_cache(maxsize=4096)
def _cue_spans(text: str) -> list[tuple[int, int, str, str]]:
    """(start, end, importance, side) of the importance cues in a sentence; side is "before", "after" or "both"."""
    spans: list[tuple[int, int, str, str]] = []
    cues = ((PREFERRED_AFTER, "preferred", "after"), (PREFERRED_BEFORE, "preferred", "before"),
            (REQUIRED, "required", "both"))
    for pattern, importance, side in cues:
        for match in pattern.finditer(text):
            spans.append((match.start(), match.end(), importance, side))
    # a longer cue wins over one inside it ("not required" over "required")
    spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
    kept: list[tuple[int, int, str, str]] = []
    for span in spans:
        if kept and span[0] < kept[-1][1]:
            continue
        kept.append(span)
    return kept


def _brackets(text: str, position: int) -> tuple[int, int] | None:
    """The (open, close) bracket pair around `position`, if any."""
    open_at = text.rfind("(", 0, position)
    if open_at < 0 or text.rfind(")", open_at, position) >= 0:
        return None
    close_at = text.find(")", position)
    return (open_at, close_at if close_at >= 0 else len(text))


# A line that leads in a list: it ends in ':' or "the following" ("You will get extra points for the following").
_LEAD_END = re.compile(r"(?::|\bthe following)\s*$", re.IGNORECASE)
# A required cue after "is"/"are" ("Java is a must", "English is required") stands after what it qualifies.
_AFTER_FORM = re.compile(r"\b(?:is|are|be|being)\s+(?:also\s+|absolutely\s+|really\s+)?$", re.IGNORECASE)
# An adverb cue that opens a clause of its own, with its subject ("and ideally you already have experience with
# ..."), softens the whole clause, as one that opens the sentence does.
_OWN_CLAUSE = re.compile(r"^\s+(?:you|candidates?|applicants?)\b", re.IGNORECASE)
# Between a thing asked with a cue of its own ("Fluent in English") and an after-cue ("... is a plus"), a dash or
# a requirement cue ending in its preposition ("knowledge of") followed by a name opens a new item of a list
# written without commas: the after-cue qualifies that item only ("Fluent in English knowledge of the German
# language is a plus"; "Docker experience in AWS is a plus" stays one item).
_NEW_ITEM_LEAD = re.compile(r"\s[–—-]\s|\b(?:of|in|with)(?=\s)", re.IGNORECASE)
_NAME_AFTER = re.compile(r"\b(?-i:[A-Z])")
_CUE_ENDS = re.compile(r"(?:" + ZONE_CUES["requirements"].pattern + r")$", re.IGNORECASE)


def _opens_new_item(between: str) -> bool:
    """Whether `between` (the text from a thing to an after-cue) opens a new item before the cue."""
    for lead in _NEW_ITEM_LEAD.finditer(between):
        dash = not lead.group().strip().isalpha()
        cue = dash or _CUE_ENDS.search(between[: lead.end()]) is not None
        if cue and _NAME_AFTER.search(between[lead.end() :]):
            return True
    return False


_BEFORE_REACH = 40  # characters an adverb cue ("ideally", "preferably") reaches forward; a "Label:" reaches on


def _nearest_cue(text: str, start: int, end: int) -> str | None:
    best: tuple[int, str] | None = None
    mine = _brackets(text, start)
    for lo, hi, importance, side in _cue_spans(text):
        if hi <= start and side in ("before", "both"):
            if _brackets(text, lo) not in (None, mine):
                continue
            reaches_on = (text[lo:hi].rstrip().endswith(":") or re.search(r"\w", text[:lo]) is None
                          or (side == "before" and _OWN_CLAUSE.match(text[hi:]) is not None))
            if not reaches_on and (
                start - hi > _BEFORE_REACH or re.search(r"[,;]", text[hi:start].lstrip(" ,:"))
            ) and side == "before":
                continue  # "preferably Python" reaches the next item, not the rest of a flattened list
            between = text[hi:start].lstrip(" ,:")
            if re.search(r"[,;]\s*(?:and|or)?\s*$", between) and side == "both" and not text[lo:hi].endswith(":"):
                continue  # "Python required, Django" - the cue closed the item before it
            if side == "both" and _AFTER_FORM.search(text[:lo]):
                continue  # "English is a must while German ..." - written after its object, it closed that item
            distance = start - hi
        elif lo >= end and side in ("after", "both"):
            theirs = _brackets(text, lo)
            if theirs is not None and theirs != mine:
                inner = text[theirs[0] + 1 : theirs[1]].strip()
                if inner.lower() != text[lo:hi].lower() or not _item_before(text, theirs[0], end):
                    continue
            elif theirs is None and mine is not None and re.search(r"[,;.]", text[mine[1] : lo]):
                continue  # a cue in a later clause does not reach into brackets ("AWS (Amazon ...) is a plus" does)
            if side == "after" and re.search(rf"(?<!\w){re.escape(text[start:end])}(?!\w)", text[end:lo],
                                             re.IGNORECASE):
                continue  # "Expert JIRA knowledge previous JIRA API integration is a big plus": the later one
            if (side == "after" and _opens_new_item(text[end:lo])
                    and ZONE_CUES["requirements"].search(re.split(r"[,;.]", text[:start])[-1])):
                continue  # "Fluent English knowledge of German is a plus": the cue closes the item after English
            distance = lo - end
        else:
            continue
        if best is None or distance < best[0]:
            best = (distance, importance)
    return best[1] if best else None


def _item_before(text: str, bracket: int, end: int) -> bool:
    """Whether the thing ending at `end` is the list item right before the bracket at `bracket`."""
    return not re.search(r"[,;]", text[end:bracket])


# ---------------------------------------------------------------- company names

_NAME = r"[A-Z][\w&.'’-]*(?:[ \t]+(?:[A-Z][\w&.'’-]*|&|of|and|de|for))*"
_COMPANY_PATTERNS = (
    re.compile(rf"^\s*About\s+(?P<name>{_NAME})\s*:?\s*$", re.MULTILINE),
    re.compile(rf"\bAt\s+(?P<name>{_NAME}),?\s+(?:we|our|you)\b"),
    re.compile(rf"(?:^|[.!?]\s+)(?P<name>{_NAME})\s+(?:is|are)\s+(?:a|an|the)\s+(?:\w+[ -]){{0,3}}"
               r"(?:leader|leading|company|provider|platform|firm|startup|start-up|employer|organi[sz]ation|group|"
               r"business|consultancy|agency|manufacturer|university|bank|brand|retailer|operator|specialist|pioneer)",
               re.MULTILINE),
    re.compile(rf"\b[Jj]oin\s+(?P<name>{_NAME})\b"),
    re.compile(rf"(?P<name>{_NAME})\s+is\s+(?:proud\s+to\s+be\s+)?an?\s+equal\s+opportunity"),
)
_NOT_A_NAME = frozenset({"we", "our", "the", "this", "you", "us", "it", "they", "about", "a", "an", "team", "company",
                         "job", "role", "position", "equal", "join", "at", "all"})


def company_names(text: str, company: str | None = None) -> tuple[str, ...]:
    """The employer's names in an ad: the one given, and those the ad states ("About Acme", "At Acme, we",
    "Acme is a leading ...", "join Acme", "Acme is an equal opportunity employer"); longest first."""
    found: set[str] = set()
    if company and company.strip():
        found.add(company.strip())
    for pattern in _COMPANY_PATTERNS:
        for match in pattern.finditer(text[:20000]):
            name = re.sub(r"\s+(?:of|and|de|for|&)$", "", match.group("name").strip(" .,'’")).strip()
            repeated = re.fullmatch(r"(.+?)(?:\s+\1)+", name)  # "Acme Corp Acme Corp" (a placeholder repeated)
            name = repeated.group(1) if repeated else name
            words = name.split()
            if words and words[0].lower() not in _NOT_A_NAME and len(name) <= 60 and len(words) <= 5:
                found.add(name)
    return tuple(sorted(found, key=lambda n: (-len(n), n)))


_PLACEHOLDER = re.compile(r"<[A-Z][A-Z_]{1,30}>")  # "<ORGANIZATION>", "<NAME>": a de-identified posting's names


def mask(text: str, names: tuple[str, ...]) -> str:
    """`text` with every whole-word occurrence of the names, and de-identification placeholders ("<NAME>"),
    blanked by spaces (same length, same lines)."""
    text = _PLACEHOLDER.sub(lambda m: " " * len(m.group(0)), text)
    for name in names:
        pattern = re.compile(rf"(?<!\w){re.escape(name)}(?:['’]s)?(?!\w)")
        text = pattern.sub(lambda m: " " * len(m.group(0)), text)
    return text

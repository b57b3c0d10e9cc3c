"""Split document text into canonical sections by finding heading lines (short lines whose words name a
known section, written as a heading: own line, title/upper case, optional colon).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from jobfit.documents.data import load_json
from jobfit.documents.dates import date_ranges
from jobfit.documents.job_cues import is_preferred_heading
from jobfit.documents.models import JOB_SECTIONS, Section

# Canonical section -> heading variants (compared after `heading_key`), for resumes and for jobs, in
# data/headings.json. "other" = a known heading that ends the previous section but has no canonical home; so do
# a job's "legal", "apply", "contact" and "details" headings, which name a zone of the ad (`job_zones.py`) but
# no section.
_HEADINGS = load_json("headings.json")


_MAX_HEADING_CHARS = 60
_MAX_HEADING_WORDS = 7


def heading_key(line: str) -> str:
    """Lower-case a candidate heading and drop decoration: '## WORK  EXPERIENCE:' -> 'work experience'."""
    key = line.strip().lower().replace("&", " and ").replace("’", "'").replace("/", " and ")
    key = re.sub(r"^[\W\d]+(?=[a-z])", "", key)  # leading bullets, numbering, icons
    key = re.sub(r"[\s:.\-–—|*#_=>]+$", "", key)
    key = re.sub(r"[^\w' ]+", " ", key)
    key = re.sub(r"\band and\b", "and", key)
    return re.sub(r"\s+", " ", key).strip()


def _lexicon(headings: dict[str, list[str]], canonical_names: frozenset[str] | None = None) -> dict[str, str | None]:
    """heading key -> its group in headings.json, None for a group that is not a canonical section."""
    table: dict[str, str | None] = {}
    for name, variants in headings.items():
        keep = name != "other" and (canonical_names is None or name in canonical_names)
        canonical = name if keep else None
        for variant in variants:
            key = heading_key(variant)
            table.setdefault(key, canonical)
            table.setdefault(key.replace(" ", ""), canonical)
    return table


_RESUME_LEXICON = _lexicon(_HEADINGS["resume"])
_JOB_LEXICON = _lexicon(_HEADINGS["job"], frozenset(JOB_SECTIONS))
_JOB_GROUPS = _lexicon({name: v for name, v in _HEADINGS["job"].items() if name != "other"})


# one-word headings trusted in Title Case inside a flattened line (long_lines.py)
INLINE_SINGLE_WORDS = frozenset(_HEADINGS["resume_inline_single_words"]["words"])


def resume_heading_phrases() -> list[str]:
    """The resume heading vocabulary as lower-case phrases ("work experience"), longest first."""
    phrases = {heading_key(variant) for variants in _HEADINGS["resume"].values() for variant in variants}
    return sorted((p for p in phrases if p), key=lambda p: (-len(p), p))


_INLINE_HEADING = re.compile(r"^\s*([A-Za-z][A-Za-z &/'’\-]{1,40}?)\s*:\s*(\S.*)$")


_HEAD_WORDS = {word: name for name, words in _HEADINGS["resume_head_words"].items() if not name.startswith("_")
               for word in words}
_MAX_HEAD_WORD_HEADING = 4  # words


def _section_by_head_word(line: str, key: str) -> str | None:
    """The section a heading outside the lists names by its last word ("Production Experience" -> experience),
    for a short line without digits written as a heading: UPPER CASE, or every word capitalised."""
    words = key.split()
    stripped = line.strip().rstrip(":").strip()
    if not 2 <= len(words) <= _MAX_HEAD_WORD_HEADING or re.search(r"\d", stripped) or words[-1] not in _HEAD_WORDS:
        return None
    if not stripped[:1].isalpha():
        return None  # "• Customer service experience": a list item
    significant = [w for w in re.findall(r"[^\W\d_][\w'’-]*", stripped) if w.lower() not in {"and", "of", "the", "&"}]
    if stripped.isupper() or all(word[0].isupper() for word in significant):
        return _HEAD_WORDS[words[-1]]
    return None


@dataclass(frozen=True)
class Heading:
    line: int  # 1-based
    text: str  # as written
    canonical: str | None
    inline_text: str = ""  # content after 'Skills: ...' on the heading line


def _looks_like_heading_shape(line: str) -> bool:
    stripped = line.strip()
    if not stripped or len(stripped) > _MAX_HEADING_CHARS:
        return False
    words = re.findall(r"[^\W\d_][\w'’-]*", stripped)
    if not words or len(words) > _MAX_HEADING_WORDS:
        return False
    if stripped.endswith((".", ",", ";")) and not stripped.endswith("etc."):
        return False
    letters = [w for w in words if w.lower() not in {"and", "of", "the", "for", "to", "in", "on", "my", "a", "&"}]
    upper = stripped.upper() == stripped
    title = all(w[0].isupper() for w in letters) if letters else False
    first_upper = words[0][0].isupper()
    return upper or title or first_upper or stripped.endswith(":")


@lru_cache(maxsize=65536)  # pure, and called on every line of every edited variant (impact)
def classify_heading(line: str, *, kind: str = "resume") -> str | bool | None:
    """Return the canonical section for a heading line, None for a known non-canonical heading, False if
    the line is not a heading."""
    if not _looks_like_heading_shape(line) or (kind == "job" and line.count("(") != line.count(")")):
        return False  # "Experience)" is the end of a wrapped title, not a heading
    lexicon = _JOB_LEXICON if kind == "job" else _RESUME_LEXICON
    key = heading_key(line)
    if key in lexicon:
        return lexicon[key]
    compact = key.replace(" ", "")
    if compact in lexicon:
        return lexicon[compact]
    if kind == "resume":
        by_head_word = _section_by_head_word(line, key)
        if by_head_word is not None:
            return by_head_word
    if kind == "job" and "/" in line:  # "THE CHALLENGE / YOUR ROLE:": known headings of one group joined
        groups = {lexicon.get(heading_key(part), False) for part in line.split("/")}
        if len(groups) == 1 and False not in groups:
            return groups.pop()
    if kind == "job" and key.startswith("about ") and len(key.split()) <= 4:
        return "about_company"  # "About Acme"
    if kind == "job" and not re.match(r"\s*[•▪●◦‣∙·*>\-–—]", line) and is_preferred_heading(key):
        return "preferred"  # "Considered as a plus", "Bonus if you know", "Desirable experience"
    return False


@lru_cache(maxsize=65536)
def job_heading_group(line: str) -> str | None:
    """The headings.json group of a job ad's heading line ("requirements", "benefits", "legal", "apply", "contact",
    "details", ...), "other" for a known heading without one, None when the line is not a heading."""
    canonical = classify_heading(line, kind="job")
    if canonical is False:
        return None
    if canonical is not None:
        return canonical
    key = heading_key(line)
    return _JOB_GROUPS.get(key) or _JOB_GROUPS.get(key.replace(" ", "")) or "other"


def run_in_heading(text: str) -> tuple[str, int] | None:
    """A job heading run into the text that follows it, as a flattened ad writes it ("About you You have ...",
    "Qualifications Candidates should ..."): (its group, its length in characters), or None. Only headings of two
    or more words, or one long word, count, and only before a capitalised word."""
    words = list(re.finditer(r"[\w'’&/-]+", text[:80]))
    for count in range(min(5, len(words) - 1), 0, -1):
        following = words[count]
        if not following.group(0)[0].isupper():
            continue
        prefix = text[: words[count - 1].end()]
        key = heading_key(prefix)
        group = _JOB_GROUPS.get(key)
        joined = text[words[count - 1].end() : following.start()].strip() in ("", ":")
        if group and (count >= 2 or len(key) >= 10) and joined:
            return group, words[count - 1].end()
    return None


_LEAD_IN_GROUPS = ("requirements", "preferred")
_LEAD_IN_MAX_WORDS = 10
_LEAD_IN_PHRASES = sorted((key for key, group in _JOB_GROUPS.items() if group in _LEAD_IN_GROUPS and " " in key),
                          key=len, reverse=True)


def lead_in_heading(text: str) -> str | None:
    """The group of a job heading written as a short lead-in sentence to the list below it ("This is what you
    will need to have:", "Here is what we are looking for:"): a line ending in ':' that holds a requirements or
    nice-to-have heading of two or more words. None for anything else."""
    if not text.rstrip().endswith(":") or len(text.split()) > _LEAD_IN_MAX_WORDS:
        return None
    key = f" {heading_key(text)} "
    return next((_JOB_GROUPS[phrase] for phrase in _LEAD_IN_PHRASES if f" {phrase} " in key), None)


def find_headings(lines: list[str], *, kind: str = "resume") -> list[Heading]:
    """All heading lines (1-based), including known non-canonical ones and 'Skills: Python, Go' lines."""
    found: list[Heading] = []
    for index, line in enumerate(lines, start=1):
        canonical = classify_heading(line, kind=kind)
        if canonical is not False:
            found.append(Heading(index, line.strip(), canonical))  # type: ignore[arg-type]
            continue
        inline = _INLINE_HEADING.match(line)
        current = found[-1].canonical if found else None
        # "Languages: English" inside a skills list is a skills line, not a new section.
        if inline and current not in {"skills", "requirements", "preferred"}:
            canonical = classify_heading(inline.group(1), kind=kind)
            if canonical and canonical not in {"summary", "about_company"} \
                    and not (current == "experience" and _dated_before_next_heading(lines, index, kind)):
                found.append(Heading(index, inline.group(1).strip(), canonical, inline.group(2).strip()))
    return found


def _dated_before_next_heading(lines: list[str], index: int, kind: str) -> bool:
    """Whether a line after line `index` (1-based) and before the next heading line holds a date range: a label
    run into a line of a work section ("Portfolio: http://...", "Website: ...") that a dated role follows is a
    field of the entry above, not a section that would swallow the role."""
    for line in lines[index:]:
        if classify_heading(line, kind=kind) is not False:
            return False
        if next(date_ranges(line), None) is not None:
            return True
    return False


def section_parts(text: str, *, kind: str = "resume") -> tuple[dict[str, list[Section]], int]:
    """Each canonical section as the parts it is written in, one per heading ("Professional Experience" and
    "Internships" are two parts of experience), and the line number of the first heading (0 when none)."""
    lines = text.split("\n")
    headings = find_headings(lines, kind=kind)
    parts: dict[str, list[Section]] = {}
    for position, heading in enumerate(headings):
        end = headings[position + 1].line - 1 if position + 1 < len(headings) else len(lines)
        while end > heading.line and not lines[end - 1].strip():
            end -= 1
        body = lines[heading.line : end]
        if heading.inline_text:
            body = [heading.inline_text, *body]
        if heading.canonical is None:
            continue
        content = "\n".join(body).strip("\n")
        parts.setdefault(heading.canonical, []).append(
            Section(heading=heading.text, text=content, start_line=heading.line, end_line=max(end, heading.line))
        )
    return parts, (headings[0].line if headings else 0)


def merge_parts(parts: dict[str, list[Section]]) -> dict[str, Section]:
    """One section per canonical name: text joined, first heading kept, `start_line` of the first and `end_line`
    of the last part."""
    return {
        name: Section(heading=found[0].heading, text="\n".join(part.text for part in found if part.text),
                      start_line=found[0].start_line, end_line=found[-1].end_line)
        for name, found in parts.items()
    }


def split_sections(text: str, *, kind: str = "resume") -> tuple[dict[str, Section], int]:
    """Return canonical sections and the line number of the first heading (0 when there is none).

    A canonical section that appears under several headings is merged (`merge_parts`).
    """
    parts, first = section_parts(text, kind=kind)
    return merge_parts(parts), first


def section_of_line(sections: dict[str, Section], line: int) -> str | None:
    """Canonical section containing a 1-based line (the narrowest one when merged ranges overlap)."""
    best: tuple[int, str] | None = None
    for name, section in sections.items():
        if section.start_line <= line <= section.end_line:
            span = section.end_line - section.start_line
            if best is None or span < best[0]:
                best = (span, name)
    return best[1] if best else None


_SENTENCE = re.compile(r"[a-z]{3,}.*[a-z]{3,}")


def header_summary(lines: list[str], first_heading_line: int) -> Section | None:
    """A summary-like paragraph in the header area (before the first heading), if any."""
    stop = first_heading_line - 1 if first_heading_line else min(len(lines), 15)
    block: list[int] = []
    for index in range(stop):
        line = lines[index].strip()
        words = line.split()
        is_prose = len(words) >= 12 and _SENTENCE.search(line) and "@" not in line
        if is_prose or (block and index == block[-1] + 1 and len(words) >= 4 and "@" not in line):
            block.append(index)
        elif block:
            break
    if not block:
        return None
    body = "\n".join(lines[i].strip() for i in block)
    return Section(heading="", text=body, start_line=block[0] + 1, end_line=block[-1] + 1)

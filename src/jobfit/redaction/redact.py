"""Fairness: remove what must not influence a score before anything is scored or embedded.

Names, contact details (email, phone, links, address/location), age and date of birth, marital status,
nationality/religion lines, titles (Mr/Mrs/Ms), gendered pronouns and gendered job words are replaced
in place, so line numbers stay valid for evidence. A skill mention whose surface text disappears from
its line (a candidate named "Julia" or "Ruby") is dropped. Photos never reach the scorer: only text does.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import lru_cache

from jobfit.documents.models import ContactInfo, ParsedResume

_H = r"[ \t]"  # horizontal whitespace only: patterns must never cross a line break

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_URL = re.compile(
    r"(?:https?://|www\.)[^\s]+|\b(?:linkedin\.com|github\.com|gitlab\.com|twitter\.com|x\.com)/[^\s]*",
    re.IGNORECASE,
)
# `\+?\(?\d[\d \t().-]{7,}\d`, written to start with a character set so that the regex engine can skip
# to candidate positions (the same matches: the look-behinds say which optional prefix was taken).
_PHONE = re.compile(rf"[+(\d](?:(?<=\+)\(?\d|(?<=\()\d|(?<=\d))[\d{_H[1:-1]}().-]{{7,}}\d")
_PERSONAL_LINE = re.compile(
    rf"\b(?:date{_H}+of{_H}+birth|d\.?o\.?b\.?|birth{_H}*date|born(?:{_H}+(?:on|in))?|age|marital{_H}+status"
    rf"|nationality|citizenship|religion|gender|sex|passport(?:{_H}+no\.?)?)\b{_H}*[:\-]{_H}*[^\n]*",
    re.IGNORECASE,
)
_AGE = re.compile(rf"\b(?:aged?{_H}+\d{{2}}|\d{{2}}{_H}*(?:years?|yrs){_H}+old)\b", re.IGNORECASE)
# `\b\d{1,5}...` written as `\d(?<!\w.)\d{0,4}...` (a leading character set, for fast scanning).
_STREET = re.compile(
    rf"\d(?<!\w.)\d{{0,4}}(?:-\d{{1,5}})?{_H}+(?:[A-Za-z0-9.]+{_H}+){{1,5}}(?:street|st|avenue|ave|road|rd|boulevard|blvd|lane|ln"
    rf"|drive|dr|court|ct|way|place|pl|terrace)\b\.?(?:,?{_H}*(?:apt|suite|unit|#){_H}*\w+)?",
    re.IGNORECASE,
)
# A US town with its state and ZIP code ("Flushing, NY 11355"): where someone lives, whatever the street line.
# Case-sensitive (a town and a state code are capitalised); looked for only where a state code precedes a ZIP.
_TOWN_STATE_ZIP = re.compile(
    rf"\b[A-Z][A-Za-z.'-]*(?:{_H}+[A-Z][A-Za-z.'-]*){{0,3}},{_H}*[A-Z]{{2}}{_H}+\d{{5}}(?:-\d{{4}})?\b")
_STATE_ZIP = re.compile(rf"\b[A-Z]{{2}}{_H}+\d{{5}}\b")
# Case-sensitive: "Ms Jane", "Mrs.", "MR." are titles; "MS Office" and "miss a deadline" are not.
_HONORIFIC = re.compile(
    r"\b(?:(?:Mr|Mrs|Ms|Mx|Miss|Sir|Madam|Mme|Mlle)\b\.?(?=[ \t]+(?:[A-Z][a-z]|[ \t]|$))"
    r"|(?:Mr|Mrs|Ms|Mx|MR|MRS|MX)\.)",
    re.MULTILINE,
)

# Gendered words and their neutral replacement (both forms of a pair map to the same word). "her" is both
# "him" and "his", so all three become "their": any other choice lets "her team" / "his team" tell them apart.
NEUTRAL_WORDS: dict[str, str] = {
    "he": "they", "she": "they", "him": "their", "her": "their", "his": "their", "hers": "theirs",
    "himself": "themself", "herself": "themself",
    "chairman": "chairperson", "chairwoman": "chairperson", "chairmen": "chairpersons",
    "chairwomen": "chairpersons", "salesman": "salesperson", "saleswoman": "salesperson",
    "salesmen": "salespeople", "saleswomen": "salespeople", "spokesman": "spokesperson",
    "spokeswoman": "spokesperson", "businessman": "businessperson", "businesswoman": "businessperson",
    "foreman": "supervisor", "forewoman": "supervisor", "waiter": "server", "waitress": "server",
    "waiters": "servers", "waitresses": "servers", "actress": "actor", "actresses": "actors",
    "hostess": "host", "hostesses": "hosts", "stewardess": "flight attendant", "steward": "flight attendant",
    "policeman": "police officer", "policewoman": "police officer", "fireman": "firefighter",
    "firewoman": "firefighter", "craftsman": "craftsperson", "craftswoman": "craftsperson",
    "male": "", "female": "", "man": "person", "woman": "person", "men": "people", "women": "people",
    "boy": "child", "girl": "child", "boys": "children", "girls": "children",
    "husband": "spouse", "wife": "spouse", "mother": "parent", "father": "parent", "mom": "parent",
    "dad": "parent", "son": "child", "daughter": "child", "brother": "sibling", "sister": "sibling",
    "fraternity": "student society", "sorority": "student society", "maternity": "parental",
    "paternity": "parental", "gentleman": "person", "lady": "person", "ladies": "people",
    "gentlemen": "people", "women's": "people's", "men's": "people's",
}
_PERSONAL_TRIGGERS = frozenset({
    "date", "birth", "dob", "d", "born", "age", "marital", "nationality", "citizenship", "religion",
    "gender", "sex", "passport",
})
_AGE_WORDS = frozenset({"age", "aged", "old"})
_STREET_WORDS = frozenset({
    "street", "st", "avenue", "ave", "road", "rd", "boulevard", "blvd", "lane", "ln", "drive", "dr", "court",
    "ct", "way", "place", "pl", "terrace",
})
_HONORIFIC_WORDS = frozenset({"mr", "mrs", "ms", "miss", "mx", "sir", "madam", "mme", "mlle"})


@lru_cache(maxsize=512)
def _gendered_pattern(words: frozenset[str]) -> re.Pattern[str]:
    """A pattern for just the gendered words present in a text (much faster than all of them)."""
    alternatives = sorted((re.escape(w) for w in words), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")\b", re.IGNORECASE)


def _name_pattern(contact_info: ContactInfo) -> re.Pattern[str] | None:
    if contact_info.name is None or not contact_info.name.value.strip():
        return None
    return _name_regex(contact_info.name.value.strip())


def _name_needles(contact_info: ContactInfo) -> tuple[str, ...] | None:
    """Lower-case forms of what `_name_pattern` matches; None when the name is not ASCII (case folding
    beyond `str.lower()` could then match other spellings)."""
    full_name = contact_info.name.value.strip() if contact_info.name is not None else ""
    if not full_name.isascii() or "\n" in full_name:
        return None
    return _name_alternatives(full_name)


@lru_cache(maxsize=1024)
def _name_alternatives(full_name: str) -> tuple[str, ...]:
    parts = [p for p in re.split(r"[\s,]+", full_name) if len(p.strip(".")) >= 2]
    return tuple(a.lower() for a in [full_name, *(p.strip(".") for p in parts)])


@lru_cache(maxsize=1024)
def _name_regex(full_name: str) -> re.Pattern[str] | None:
    """The full name and each of its parts (2+ letters), as whole words."""
    parts = [p for p in re.split(r"[\s,]+", full_name) if len(p.strip(".")) >= 2]
    if not parts:
        return None
    alternatives = [re.escape(full_name)] + [re.escape(p.strip(".")) for p in parts]
    alternatives.sort(key=len, reverse=True)
    return re.compile(r"(?<![\w@])(?:" + "|".join(alternatives) + r")(?![\w@])", re.IGNORECASE)


def _neutral(match: re.Match[str]) -> str:
    return NEUTRAL_WORDS[match.group(0).lower()]


def _phone(match: re.Match[str]) -> str:
    digits = sum(ch.isdigit() for ch in match.group(0))
    return " " if digits >= 10 or (digits >= 9 and match.group(0).startswith("+")) else match.group(0)


_LIST_SEPARATORS = ",;|•·/\t\n()"
# A capitalised word after these is a tool, not a person: "apps in Ruby", "using Julia".
_TOOL_PREPOSITIONS = frozenset({"in", "with", "using", "on", "and", "or", "of", "for", "via", "into"})


def _name_case(match: re.Match[str]) -> str:
    """Replace an occurrence of the candidate's name, but not a same-spelled skill.

    Only capitalised/upper-case occurrences can be the name ("Grant" yes, "grant writing" no). The full name
    always goes. A single part of it stays when it reads as a skill: a standalone item of a list
    ("Python, Ruby, SQL") or a word after "in/with/using..." ("apps in Ruby"), so a candidate named Ruby
    keeps the Ruby skill, and no one gains it from a sentence about themselves ("Ruby led the team").
    """
    word = match.group(0)
    if not word[:1].isupper():
        return word
    if " " in word.strip():
        return " "
    text, start, end = match.string, match.start(), match.end()
    left = max(text.rfind(c, 0, start) for c in _LIST_SEPARATORS)
    rights = [i for i in (text.find(c, end) for c in _LIST_SEPARATORS) if i >= 0]
    right = min(rights) if rights else len(text)
    if left >= 0 and text[left + 1 : right].strip(" .:-") == word:
        return word  # a list item of its own
    before = text[max(0, start - 12) : start].split()
    if before and before[-1].lower() in _TOOL_PREPOSITIONS:
        return word
    return " "


_GENDERED_WORDS = frozenset(NEUTRAL_WORDS)
_URL_MARKERS = ("www.", "://", ".com/", ".org/")
_NOT_DIGIT_OR_NEWLINE = bytes(b for b in range(256) if b not in b"0123456789\n")

# Whole words, as `text.translate(<punctuation to spaces>).split()` gives them, computed on UTF-8 bytes:
# non-ASCII whitespace and quotes become spaces first; then ASCII punctuation (and the ASCII separators
# str.split() breaks on but bytes.split() does not) become spaces; the rest of a word is kept as is.
_PUNCTUATION = "!\"#$%&()*+,-./:;<=>?@[\\]^_`{|}~"
_NON_ASCII_SPACES = (
    "\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f"
    "\u205f\u3000\u2018\u2019\u201c\u201d"
)
_BYTE_SPACES = bytes.maketrans(
    (_PUNCTUATION + "\x1c\x1d\x1e\x1f").encode(), b" " * (len(_PUNCTUATION) + 4)
)


def _bytes(words: frozenset[str]) -> frozenset[bytes]:
    return frozenset(w.encode() for w in words)


_PERSONAL_TRIGGERS_B = _bytes(_PERSONAL_TRIGGERS)
_AGE_WORDS_B = _bytes(_AGE_WORDS)
_STREET_WORDS_B = _bytes(_STREET_WORDS)
_HONORIFIC_WORDS_B = _bytes(_HONORIFIC_WORDS)
_GENDERED_WORDS_B = _bytes(_GENDERED_WORDS)


def _words(lower: str) -> frozenset[bytes]:
    """The whole words of a lower-cased text (UTF-8), to gate the patterns below."""
    if not lower.isascii():
        for char in _NON_ASCII_SPACES:
            if char in lower:
                lower = lower.replace(char, " ")
    return frozenset(lower.encode().translate(_BYTE_SPACES).split())


# Characters that an IGNORECASE pattern matches to an ASCII letter though `str.lower()` does not make them
# that letter (or changes the text's length): with one of them present, needles are not a safe filter.
_CASE_FOLD_TRAPS = ("\u0130", "\u0131", "\u017f", "\u212a")
# Substrings (of the lower-cased text; case-sensitive for honorifics) without which a line cannot match.
_PERSONAL_NEEDLES = ("date", "dob", "d.o", "do.b", "birth", "born", "age", "marital", "nationality",
                     "citizenship", "religion", "gender", "sex", "passport")
_AGE_NEEDLES = ("age", "old")
_HONORIFIC_NEEDLES = ("Mr", "Ms", "Mx", "Miss", "Sir", "Madam", "Mme", "Mlle", "MR", "MX")


def _sub_lines(
    pattern: re.Pattern[str], repl: str | Callable[[re.Match[str]], str], text: str, haystack: str,
    needles: Iterable[str],
) -> str:
    """`pattern.sub(repl, text)` for a pattern that never crosses a line break, searched only on the lines
    where `haystack` (the text or its lower-case form, same length) holds one of `needles`.

    Matches are found in the whole text (`finditer` between a line's bounds), so look-arounds and a
    replacement function see the same context as in a plain `sub`.
    """
    spans: set[tuple[int, int]] = set()
    for needle in needles:
        pos = haystack.find(needle)
        while pos >= 0:
            end = haystack.find("\n", pos)
            if end < 0:
                end = len(haystack)
            spans.add((haystack.rfind("\n", 0, pos) + 1, end))
            pos = haystack.find(needle, end)
    parts: list[str] = []
    done = 0
    for start, end in sorted(spans):
        for match in pattern.finditer(text, start, end):
            parts.append(text[done : match.start()])
            parts.append(repl if isinstance(repl, str) else repl(match))
            done = match.end()
    if not parts:
        return text
    parts.append(text[done:])
    return "".join(parts)


def _contact_fields(contact_info: ContactInfo) -> list[str]:
    return [
        f.value.strip().lower()
        for f in (contact_info.email, contact_info.phone, contact_info.location, contact_info.linkedin,
                  contact_info.github, contact_info.website)
        if f is not None and len(f.value.strip()) >= 3 and "\n" not in f.value
    ]


def _redact_contacts(line: str, fields: list[str]) -> str:
    """Emails, links and known contact values on one line (cheap checks first)."""
    if "@" in line:
        line = _EMAIL.sub(" ", line)
    lower = line.lower()
    if "www." in lower or "://" in lower or ".com/" in lower or ".org/" in lower:
        line = _URL.sub(" ", line)
    for value in fields:
        if value in lower:
            line = re.sub(re.escape(value), " ", line, flags=re.IGNORECASE)
    return line


def _redact_all_contacts(text: str, fields: list[str]) -> str:
    """`_redact_contacts` on every line, then phone numbers.

    The patterns never cross a line break, so only lines that can match are visited, and phone numbers are
    replaced in one pass over the text (a match with fewer than 9 digits is left as it is).
    """
    lower = text.lower()
    if "@" in text or any(m in lower for m in _URL_MARKERS) or any(v in lower for v in fields):
        text = "\n".join(_redact_contacts(line, fields) for line in text.split("\n"))
    # Lines with 9+ ASCII digits (UTF-8 bytes of other characters are never ASCII digits or "\n").
    digits = text.encode().translate(None, _NOT_DIGIT_OR_NEWLINE).split(b"\n")
    if all(len(d) < 9 for d in digits):
        return text
    lines = text.split("\n")
    return "\n".join(
        _PHONE.sub(_phone, line) if len(d) >= 9 else line for line, d in zip(lines, digits, strict=True)
    )


def redact_for_embedding(text: str, contact_info: ContactInfo | None = None) -> str:
    """`text` with personal and gender markers removed; same number of lines as the input."""
    contact_info = contact_info or ContactInfo()
    out = _redact_all_contacts(text, _contact_fields(contact_info))
    safe = not any(c in out for c in _CASE_FOLD_TRAPS)  # else run the patterns on the whole text
    name = _name_pattern(contact_info)
    if name is not None:
        needles = _name_needles(contact_info)
        if safe and needles is not None:
            out = _sub_lines(name, _name_case, out, out.lower(), needles)
        else:
            out = name.sub(_name_case, out)
    lower = out.lower()
    words = _words(lower)
    if not words.isdisjoint(_PERSONAL_TRIGGERS_B):
        out = _sub_lines(_PERSONAL_LINE, " ", out, lower, _PERSONAL_NEEDLES) if safe else _PERSONAL_LINE.sub(" ", out)
        lower = out.lower()
    if not words.isdisjoint(_AGE_WORDS_B):
        out = _sub_lines(_AGE, " ", out, lower, _AGE_NEEDLES) if safe else _AGE.sub(" ", out)
    if not words.isdisjoint(_STREET_WORDS_B):
        out = _STREET.sub(" ", out)
    if _STATE_ZIP.search(out):
        out = _TOWN_STATE_ZIP.sub(" ", out)
    if not words.isdisjoint(_HONORIFIC_WORDS_B):
        out = _sub_lines(_HONORIFIC, " ", out, out, _HONORIFIC_NEEDLES)
    gendered = words & _GENDERED_WORDS_B
    if gendered:
        strs = frozenset(w.decode() for w in gendered)
        pattern = _gendered_pattern(strs)
        out = _sub_lines(pattern, _neutral, out, out.lower(), strs) if safe else pattern.sub(_neutral, out)
    return _without_remnants(out, text) if out != text else out


_WORD_CHARACTER = re.compile(r"\w")


def _without_remnants(redacted: str, original: str) -> str:
    """Lines that redaction left with no word at all (" ,  ", " |  | ") made empty: what is left of an address or a
    contact line would otherwise still say how many items a person listed, and reach the embedder."""
    lines = redacted.split("\n")
    changed = [i for i, (a, b) in enumerate(zip(lines, original.split("\n"), strict=True))
               if a != b and a.strip() and not _WORD_CHARACTER.search(a)]
    for i in changed:
        lines[i] = ""
    return "\n".join(lines) if changed else redacted


def _redact_part(part: str, document: str, redacted_lines: list[str], contact_info: ContactInfo) -> str:
    """Redact a part (section, entry) of the document: reuse the redacted lines when it is whole lines."""
    if not part:
        return part
    pos = document.find(part)
    end = pos + len(part)
    if pos >= 0 and (pos == 0 or document[pos - 1] == "\n") and (end == len(document) or document[end] == "\n"):
        first = document.count("\n", 0, pos)
        return "\n".join(redacted_lines[first : first + part.count("\n") + 1])
    return redact_for_embedding(part, contact_info)


def redact_resume(resume: ParsedResume) -> ParsedResume:
    """A copy of the resume safe to score: redacted text, no contact info, no mentions from names."""
    info = resume.contact_info
    text = redact_for_embedding(resume.text_content, info)
    lines = text.split("\n")
    original = resume.text_content.split("\n")
    skills = []
    for mention in resume.skills:
        number = mention.line
        if number is not None and 1 <= number <= len(lines) and lines[number - 1] != original[number - 1]:
            surface = mention.surface.lower()
            before = original[number - 1].lower().count(surface)
            after = lines[number - 1].lower().count(surface)
            if before and after == 0:
                continue  # the surface only existed inside redacted personal data
        skills.append(mention)
    return resume.model_copy(update={
        "text_content": text,
        "contact_info": ContactInfo(),
        "sections": {
            k: s.model_copy(update={"text": _redact_part(s.text, resume.text_content, lines, info)})
            for k, s in resume.sections.items()
        },
        "experience": [
            e.model_copy(update={
                "title": redact_for_embedding(e.title, info).strip() if e.title else e.title,
                "text": _redact_part(e.text, resume.text_content, lines, info),
            })
            for e in resume.experience
        ],
        "skills": skills,
    })

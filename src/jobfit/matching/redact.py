"""Fairness: remove what must not influence a score before anything is scored or embedded.

Names, contact details (email, phone, links, address/location), age and date of birth, marital status,
nationality/religion lines, titles (Mr/Mrs/Ms), gendered pronouns and gendered job words are replaced
in place, so line numbers stay valid for evidence. A skill mention whose surface text disappears from
its line (a candidate named "Julia" or "Ruby") is dropped. Photos never reach the scorer: only text does.
"""

from __future__ import annotations

import re
from functools import lru_cache

from jobfit.documents.models import ContactInfo, ParsedResume

_H = r"[ \t]"  # horizontal whitespace only: patterns must never cross a line break

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_URL = re.compile(
    r"(?:https?://|www\.)[^\s]+|\b(?:linkedin\.com|github\.com|gitlab\.com|twitter\.com|x\.com)/[^\s]*",
    re.IGNORECASE,
)
_PHONE = re.compile(rf"\+?\(?\d[\d{_H[1:-1]}().-]{{7,}}\d")
_PERSONAL_LINE = re.compile(
    rf"\b(?:date{_H}+of{_H}+birth|d\.?o\.?b\.?|birth{_H}*date|born(?:{_H}+(?:on|in))?|age|marital{_H}+status"
    rf"|nationality|citizenship|religion|gender|sex|passport(?:{_H}+no\.?)?)\b{_H}*[:\-]{_H}*[^\n]*",
    re.IGNORECASE,
)
_AGE = re.compile(rf"\b(?:aged?{_H}+\d{{2}}|\d{{2}}{_H}*(?:years?|yrs){_H}+old)\b", re.IGNORECASE)
_STREET = re.compile(
    rf"\b\d{{1,5}}{_H}+(?:[A-Za-z0-9.]+{_H}+){{1,4}}(?:street|st|avenue|ave|road|rd|boulevard|blvd|lane|ln"
    rf"|drive|dr|court|ct|way|place|pl|terrace)\b\.?(?:,?{_H}*(?:apt|suite|unit|#){_H}*\w+)?",
    re.IGNORECASE,
)
# Case-sensitive: "Ms Jane", "Mrs.", "MR." are titles; "MS Office" and "miss a deadline" are not.
_HONORIFIC = re.compile(
    r"\b(?:(?:Mr|Mrs|Ms|Mx|Miss|Sir|Madam|Mme|Mlle)\b\.?(?=[ \t]+(?:[A-Z][a-z]|[ \t]|$))"
    r"|(?:Mr|Mrs|Ms|Mx|MR|MRS|MX)\.)",
    re.MULTILINE,
)

# Gendered words and their neutral replacement (both forms of a pair map to the same word).
NEUTRAL_WORDS: dict[str, str] = {
    "he": "they", "she": "they", "him": "them", "her": "them", "his": "their", "hers": "theirs",
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


_DIGITS = str.maketrans("", "", "0123456789")
_GENDERED_WORDS = frozenset(NEUTRAL_WORDS)
_PUNCT_TO_SPACE = str.maketrans({c: " " for c in "!\"#$%&()*+,-./:;<=>?@[\\]^_`{|}~\u2019\u2018\u201c\u201d"})


def _redact_contacts(line: str, fields: list[str]) -> str:
    """Emails, links, phone numbers and known contact values on one line (cheap checks first)."""
    if "@" in line:
        line = _EMAIL.sub(" ", line)
    lower = line.lower()
    if "www." in lower or "://" in lower or ".com/" in lower or ".org/" in lower:
        line = _URL.sub(" ", line)
    for value in fields:
        if value in lower:
            line = re.sub(re.escape(value), " ", line, flags=re.IGNORECASE)
    if len(line) - len(line.translate(_DIGITS)) >= 9:
        line = _PHONE.sub(_phone, line)
    return line


def redact_for_embedding(text: str, contact_info: ContactInfo | None = None) -> str:
    """`text` with personal and gender markers removed; same number of lines as the input."""
    contact_info = contact_info or ContactInfo()
    fields = [
        f.value.strip().lower()
        for f in (contact_info.email, contact_info.phone, contact_info.location, contact_info.linkedin,
                  contact_info.github, contact_info.website)
        if f is not None and len(f.value.strip()) >= 3 and "\n" not in f.value
    ]
    out = "\n".join(_redact_contacts(line, fields) for line in text.split("\n"))
    name = _name_pattern(contact_info)
    if name is not None:
        out = name.sub(_name_case, out)
    words = frozenset(out.lower().translate(_PUNCT_TO_SPACE).split())  # whole words, to gate patterns
    if words & _PERSONAL_TRIGGERS:
        out = _PERSONAL_LINE.sub(" ", out)
    if words & _AGE_WORDS:
        out = _AGE.sub(" ", out)
    if words & _STREET_WORDS:
        out = _STREET.sub(" ", out)
    if words & _HONORIFIC_WORDS:
        out = _HONORIFIC.sub(" ", out)
    gendered = words & _GENDERED_WORDS
    if gendered:
        out = _gendered_pattern(gendered).sub(_neutral, out)
    return out


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
        if mention.line is not None and 1 <= mention.line <= len(lines):
            before = original[mention.line - 1].lower().count(mention.surface.lower())
            after = lines[mention.line - 1].lower().count(mention.surface.lower())
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

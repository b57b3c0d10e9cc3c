"""Contact details from a resume's header area: name, email, phone (E.164 via `phonenumbers`), location,
LinkedIn, GitHub and website, each with a confidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import phonenumbers

from jobfit.documents.data import load_json
from jobfit.documents.models import ContactField, ContactInfo
from jobfit.documents.sections import classify_heading, resume_heading_phrases

HEADER_LINES = 12  # lines searched for name/location when the header area is not known

EMAIL = re.compile(
    r"(?<![\w.+'-])([A-Za-z0-9][A-Za-z0-9._%+'-]{0,63}@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,24})\b"
)


@dataclass(frozen=True)
class _Network:
    """A profile network: how its profile URLs look, the scheme and host prefix dropped from a found one, the
    profile URL of a labelled handle ("GitHub: jdoe"), and its own pages that are no one's profile."""

    url: re.Pattern[str]
    prefix: str
    profile: str
    not_profiles: frozenset[str] = frozenset()


_NETWORKS = {
    "linkedin": _Network(
        re.compile(r"(?:https?://)?(?:[a-z]{2,3}\.)?linkedin\.com/(?:in|pub|company)/[\w%\-.]+/?", re.I),
        r"^(?:https?://)?(?:[a-z]{2,3}\.)?", "linkedin.com/in/{}"),
    "github": _Network(
        re.compile(r"(?:https?://)?(?:www\.)?github\.com/[\w\-]+(?!\.)", re.I), r"^(?:https?://)?(?:www\.)?",
        "github.com/{}", frozenset({"github.com/features", "github.com/about"})),
}
_LABELLED_HANDLE = re.compile(r"\b(linkedin|github)\s*(?::/*|\|)\s*@?([\w\-]{2,40})", re.I)
_URL = re.compile(
    r"(?<![@\w.\-])((?:https?://)?(?:www\.)?[a-z0-9][a-z0-9\-]*(?:\.[a-z0-9\-]+)*"
    r"\.(?:com|io|dev|org|net|me|ai|co|app|site|xyz|tech|info|page|blog|design|codes|cloud|us|uk|de|fr|in|ca|eu)"
    r"(?:/[^\s|,;()<>]*)?)(?![\w@])",
    re.I,
)
_NOT_WEBSITE = re.compile(
    r"linkedin\.|github\.com|mailto:|gmail\.|yahoo\.|hotmail\.|outlook\.|email\.com|doi\.org|example\.com|"
    r"facebook\.com|twitter\.com|x\.com|instagram\.com|youtube\.com|tel:",
    re.I,
)
_PHONE_REGIONS = ("US", "GB", "IN", "CA", "AU", "DE", "FR", "ES", "IT", "NL", "BR", "MX", "KR", "SG", "ZA", "IE")
_PHONE_FALLBACK = re.compile(r"(?<![\w/])(\+?\(?\d{1,4}\)?(?:[\s.\-]?\(?\d{2,4}\)?){2,4})(?![\w/])")
_NANP = re.compile(r"(?<![\w+])\(?\d{3}\)?[\s.\-]?\d{3}[\s.\-]\d{4}(?!\d)")
_PHONE_LABEL = re.compile(r"\b(phone|tel|mobile|mob|cell|contact|ph)\b\.?\s*(no\.?|number|#)?\s*[:.]?", re.I)
_YEAR_RANGE = re.compile(r"^(19|20)\d\d\s*[-–]\s*(19|20)\d\d$")

_WORDS = load_json("contact.json")  # word lists, in data/contact.json
US_STATES = list(_WORDS["US_STATES"])
_STATE_NAMES = (
    "Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Georgia|Hawaii|Idaho|"
    "Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|Michigan|Minnesota|Mississippi|"
    "Missouri|Montana|Nebraska|Nevada|New Hampshire|New Jersey|New Mexico|New York|North Carolina|North Dakota|"
    "Ohio|Oklahoma|Oregon|Pennsylvania|Rhode Island|South Carolina|South Dakota|Tennessee|Texas|Utah|Vermont|"
    "Virginia|Washington|West Virginia|Wisconsin|Wyoming|"
    + "|".join(re.escape(region) for region in _WORDS["REGIONS"])  # Indian states, Canadian provinces, ...
)
_COUNTRIES = (
    "USA|U\\.S\\.A\\.|United States|UK|U\\.K\\.|United Kingdom|England|Scotland|Wales|Ireland|Canada|Australia|"
    "New Zealand|India|Germany|France|Spain|Italy|Portugal|Netherlands|Belgium|Switzerland|Austria|Sweden|Norway|"
    "Denmark|Finland|Poland|Czech Republic|Romania|Greece|Turkey|Türkiye|Israel|UAE|United Arab Emirates|"
    "Saudi Arabia|Qatar|Egypt|Nigeria|Kenya|South Africa|Brazil|Mexico|Argentina|Chile|Colombia|Peru|China|Japan|"
    "Korea|South Korea|Republic of Korea|Singapore|Malaysia|Indonesia|Philippines|Vietnam|Thailand|Pakistan|"
    "Bangladesh|Sri Lanka|Nepal|Ukraine|Russia|Hong Kong|Taiwan"
)
_CITY = r"[A-Z][\w'.\-]*(?:\s+[A-Z][\w'.\-]*){0,3}"
_LOCATION = re.compile(
    rf"(?<![\w@])((?:{_CITY},\s*){{1,2}}(?:(?:{'|'.join(US_STATES)})(?:\s+\d{{5}}(?:-\d{{4}})?)?|{_STATE_NAMES}|"
    rf"{_COUNTRIES})(?:,\s*(?:{_COUNTRIES}))?)(?![\w])"
)
_STREET = re.compile(
    r"\b(way|street|st|avenue|ave|road|rd|blvd|boulevard|lane|ln|drive|dr|court|ct|place|pl|suite)\b\.?", re.I
)
_SEPARATORS = re.compile(r"\s*(?:[|•·◦▪♦◆,;]|\s{2,}|\t| – | — | - )\s*")

_TITLE_WORDS = set(_WORDS["_TITLE_WORDS"])
_PARTICLES = {"de", "da", "del", "della", "der", "van", "von", "la", "le", "di", "du", "dos", "das", "bin", "al", "el"}
# A name part: Capitalised (ending in a letter: "Python-" before "Exprience - 24 months" is a label), UPPER CASE,
# or an initial.
_NAME_TOKEN = re.compile(
    r"^(?:[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ'’\-]*[a-zà-öø-ÿ](?:[A-Z][a-zà-öø-ÿ]+)?|[A-ZÀ-ÖØ-Þ]{2,}(?:[-'’][A-ZÀ-ÖØ-Þ]+)?|[A-Z]\.?)$"
)


# Every word of the resume heading vocabulary ("skill", "details", "core", "competencies"): a run of name-shaped
# words made only of these is a heading ("Skill Details", "Core Competencies"), never a person's name.
_HEADING_WORDS = frozenset(word for phrase in resume_heading_phrases() for word in phrase.split())


def is_heading_words(name: str) -> bool:
    """Whether a name-shaped run of words is a heading: a known one, or one made only of heading words."""
    words = [w.strip(".,").lower() for w in name.split()]
    return classify_heading(name) is not False or all(w in _HEADING_WORDS for w in words if w)


def _field(value: str, confidence: float) -> ContactField:
    return ContactField(value=value, confidence=round(confidence, 2))


def _title_case(name: str) -> str:
    def fix(token: str) -> str:
        if len(token) <= 2 and token.endswith("."):
            return token
        parts = re.split(r"([-'’])", token.lower())
        cased = "".join(p.capitalize() if p not in "-'’" else p for p in parts)
        if cased.startswith("Mc") and len(cased) > 2:
            cased = "Mc" + cased[2:].capitalize()
        return cased

    tokens = name.split()
    return " ".join(
        t.lower() if 0 < i < len(tokens) - 1 and t.lower() in _PARTICLES else fix(t) for i, t in enumerate(tokens)
    )


def _name_from_tokens(tokens: list[str]) -> str | None:
    """Longest leading run (2-4) of name-like tokens of one case style, else None."""
    run: list[str] = []
    style: str | None = None
    for token in tokens:
        clean = token.strip(",")
        if clean in _PARTICLES and run:  # lower-case "van", "de" inside a name
            run.append(clean)
            continue
        if not _NAME_TOKEN.match(clean) or clean.lower().strip(".") in _TITLE_WORDS:
            break
        token_style = "upper" if clean.isupper() and len(clean.strip(".")) > 1 else "title"
        if style is None and len(clean.strip(".")) > 1:
            style = token_style
        elif style is not None and token_style != style and len(clean.strip(".")) > 1:
            break
        run.append(clean)
        if token.endswith(","):
            break
        if len(run) == 4:
            break
    while run and run[-1] in _PARTICLES:
        run.pop()
    real = [t for t in run if len(t.strip(".")) > 1]
    if len(run) < 2 or len(real) < 2 or len(run) > 4:
        return None
    name = " ".join(run)
    return _title_case(name) if style == "upper" else name


# A letter an icon font maps its glyph to, in front of a phone number or an email ('Bruce Wayne I (123) 456-7890'):
# a middle initial sits between names, never right before contact data.
LETTER_BEFORE_CONTACT = re.compile(r"(?<!\S)[A-Za-z](?=\s+(?:\(?\+?\d{2,}|[\w.+-]+@[\w-]+\.))")
_CUT_AT = re.compile(
    r"\s(?:e-?mail|phone|tel|mobile|cell|address|contact)\b|[|•·▪@]|\d|https?://|www\.|\s{2,}|\s[-–—]\s", re.I
)


def find_name(lines: list[str], limit: int = HEADER_LINES) -> ContactField | None:
    """First header line (or its leading part) that reads as a person's name. A line that reads whole as a place
    ('Silicon Valley, CA, USA' above the name) is a name only when no other header line is one ('Jordan Lee,
    Austin, TX')."""
    return _find_name(lines, limit, places=False) or _find_name(lines, limit, places=True)


def _find_name(lines: list[str], limit: int, *, places: bool) -> ContactField | None:
    seen = 0
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        seen += 1
        if seen > limit:
            break
        if classify_heading(line) is not False and len(line.split()) <= 2:
            continue
        lowered = line.lower()
        if lowered.startswith(("name:", "name -", "full name")):
            line = line.split(":", 1)[-1].strip() if ":" in line else line[6:].strip()
        line = LETTER_BEFORE_CONTACT.sub("", line)
        if not places and is_place(line):
            continue
        cut = _CUT_AT.search(line)
        head = line[: cut.start()] if cut else line
        tokens = head.replace(",", ", ").split()
        if not tokens:
            continue
        name = _name_from_tokens(tokens)
        if name is None or is_heading_words(name):
            continue
        whole_line = len(head.split()) == len(line.split()) and len(tokens) == len(name.split())
        return _field(name, 0.9 if whole_line and seen <= 3 else 0.75 if seen <= 3 else 0.6)
    return None


def find_email(text: str, links: list[str]) -> ContactField | None:
    for match in EMAIL.finditer(text.replace("mailto:", " ")):
        return _field(match.group(1), 0.99)
    for link in links:
        if link.lower().startswith("mailto:"):
            address = link[7:].split("?")[0]
            if EMAIL.fullmatch(address):
                return _field(address, 0.9)
    return None


def _phone_candidates(text: str) -> list[str]:
    return [m.group(1).strip() for m in _PHONE_FALLBACK.finditer(text)]


def find_phone(header: str, text: str, links: list[str]) -> ContactField | None:
    """First phone number: header area first, then labelled lines anywhere, then tel: links."""
    labelled = "\n".join(line for line in text.split("\n") if _PHONE_LABEL.search(line))
    tel_links = "\n".join(link[4:] for link in links if link.lower().startswith("tel:"))
    found = _first_phone(header, labelled, tel_links)
    return _field(*found) if found is not None else None


@lru_cache(maxsize=1024)
def _first_phone(header: str, labelled: str, tel_links: str) -> tuple[str, float] | None:
    """(number, confidence) of `find_phone`, from the three places it looks; cached because `phonenumbers` is
    the slowest part of a parse and the same header is read again for every edited variant of a resume."""
    for source, bonus in ((header, 0.0), (labelled, -0.05), (tel_links, -0.05)):
        if not source.strip():
            continue
        for region in _PHONE_REGIONS:
            if region != "US" and not re.search(r"\+\s*\(?\d|\b00\d", source):
                nanp = _NANP.search(source)
                if nanp:  # a US-shaped number without a country code is read as US even if not "valid"
                    return "+1" + re.sub(r"\D", "", nanp.group(0)), 0.7 + bonus
            for match in phonenumbers.PhoneNumberMatcher(source, region, leniency=phonenumbers.Leniency.VALID):
                if _YEAR_RANGE.match(match.raw_string.strip()):
                    continue
                e164 = phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.E164)
                return e164, 0.95 + bonus if region == "US" else 0.85 + bonus
        for candidate in _phone_candidates(source):
            digits = re.sub(r"\D", "", candidate)
            if 7 <= len(digits) <= 15 and not _YEAR_RANGE.match(candidate):
                try:
                    number = phonenumbers.parse(candidate, "US")
                    if phonenumbers.is_possible_number(number):
                        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164), 0.6 + bonus
                except phonenumbers.NumberParseException:
                    pass
                return re.sub(r"\s+", " ", candidate), 0.4 + bonus
    return None


def _clean_url(url: str) -> str:
    return url.rstrip("/.,;)")


def find_profiles(text: str, links: list[str]) -> tuple[ContactField | None, ContactField | None]:
    """LinkedIn and GitHub profile URLs from the text, from 'LinkedIn: handle' labels, then from links."""
    found: dict[str, ContactField] = {}
    haystack = text + "\n" + "\n".join(links)
    for name, network in _NETWORKS.items():
        match = network.url.search(haystack)
        if match:
            value = re.sub(network.prefix, "", _clean_url(match.group(0)), flags=re.I)
            if value.lower() not in network.not_profiles:
                found[name] = _field(value, 0.95 if match.start() < len(text) else 0.85)
    for label in _LABELLED_HANDLE.finditer(text):
        name, handle = label.group(1).lower(), label.group(2)
        if name not in found:
            found[name] = _field(_NETWORKS[name].profile.format(handle), 0.7)
    return found.get("linkedin"), found.get("github")


def find_website(header: str, links: list[str]) -> ContactField | None:
    for match in _URL.finditer(header):
        url = _clean_url(match.group(1))
        if not _NOT_WEBSITE.search(url) and "@" not in header[max(0, match.start() - 1) : match.start()]:
            return _field(url, 0.8)
    for link in links:
        if link.lower().startswith("http") and not _NOT_WEBSITE.search(link):
            return _field(_clean_url(link), 0.6)
    return None


_REGION = re.compile(rf"{'|'.join(US_STATES)}|{_STATE_NAMES}|{_COUNTRIES}")


def is_place(text: str) -> bool:
    """Whether `text` reads whole as a place: 'Pasadena, USA', 'Silicon Valley, CA, USA', 'India', 'CA'."""
    text = text.strip().rstrip(" ,.")
    place = _LOCATION.match(text)
    return (place is not None and place.end() >= len(text)) or _REGION.fullmatch(text) is not None


def find_location(header_lines: list[str]) -> ContactField | None:
    for line in header_lines:
        for part in re.split(r"\s*[|•·◦▪♦◆]\s*|\s{2,}", line):
            match = _LOCATION.search(part)
            if match and "@" not in match.group(1):
                value = match.group(1).strip()
                first, _, rest = value.partition(",")
                if _STREET.search(first) and rest.count(",") >= 1:
                    value = rest.strip()  # "La Verne Way, La Verne, CA" -> "La Verne, CA"
                return _field(value, 0.85 if len(part.strip()) - len(value) < 12 else 0.7)
    return None


def extract_contact(text: str, *, first_heading_line: int = 0, links: list[str] | None = None) -> ContactInfo:
    """Contact details; `first_heading_line` (1-based, 0 = unknown) bounds the header area."""
    links = links or []
    lines = text.split("\n")
    header_end = first_heading_line - 1 if first_heading_line > 1 else min(len(lines), HEADER_LINES)
    header_end = max(header_end, min(len(lines), 6))
    header_lines = lines[:header_end]
    header = "\n".join(header_lines)
    linkedin, github = find_profiles(text, links)
    return ContactInfo(
        name=find_name(header_lines, limit=max(HEADER_LINES, header_end)),
        email=find_email(header, links) or find_email(text, links),
        phone=find_phone(header, text, links),
        location=find_location(header_lines) or find_location(lines[: HEADER_LINES + 10]),
        linkedin=linkedin,
        github=github,
        website=find_website(header, links),
    )

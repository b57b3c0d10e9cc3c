"""Job description parsing: sections, required vs preferred skills, minimum years, degree, and the
job type / remote option / experience level when the caller does not give them."""

from __future__ import annotations

import re
import time

from jobfit.documents.education import degree_level_of
from jobfit.documents.extract import extract_text
from jobfit.documents.language import detect_language
from jobfit.documents.models import DEGREE_RANK, DocumentMetadata, ParsedJob, Section, SkillMention
from jobfit.documents.normalize import normalize_text, word_count
from jobfit.documents.sections import section_of_line, split_sections
from jobfit.documents.skill_mentions import find_skill_mentions

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
    rf"(?:(?:at\s+least|minimum(?:\s+of)?|min\.?|over|more\s+than|\bof)\s+)?{_NUM}\s*(?:\+|plus)?\s*"
    rf"(?:(?:-|–|to)\s*{_NUM}\s*\+?\s*)?(?:\(\d+\)\s*)?(?:full[- ]time\s+)?(?:years?|yrs?)\b"
    r"(?:\s+of)?(?![\s\w]*\bold\b)",
    re.I,
)
_YEARS_CONTEXT = re.compile(r"experience|background|working|professional|industry|developing|building|in\s+\w+", re.I)
_PREFERRED_CUE = re.compile(
    r"\b(preferred|nice[- ]to[- ]have|bonus|a plus|is a plus|are a plus|plus\b|desired|desirable|ideally|"
    r"good to have|advantage|advantageous|an asset|would be great|not required|optional)\b",
    re.I,
)
_DEGREE_FIELD = re.compile(
    r"(?:degree|bachelor'?s?|master'?s?|ph\.?d\.?|b\.?s\.?|m\.?s\.?|bsc|msc)\s*(?:degree\s*)?"
    r"(?:\([^)]*\)\s*)?(?:in|of)\s+(?:a\s+)?(?P<field>[A-Z][\w&/ ,\-]*?|[a-z][\w&/ ,\-]*?)"
    r"(?=\s*(?:,?\s*or\s+(?:a\s+)?(?:related|equivalent|similar)|\.|;|\(|$|\n|,\s*(?:with|and)\b|\s+from\b))",
    re.I,
)
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


def _years_value(match: re.Match[str]) -> float | None:
    low = match.group(1).lower()
    value = float(_NUMBER_WORDS.get(low, low)) if low in _NUMBER_WORDS or low.replace(".", "").isdigit() else None
    if value is None or not 0 < value <= 30:
        return None
    return value


def find_min_years(text: str) -> float | None:
    """Smallest experience requirement stated ('5+ years', 'at least three years', '3-5 years' -> 3)."""
    found: list[float] = []
    for line in text.split("\n"):
        for match in _YEARS.finditer(line):
            tail = line[match.end() : match.end() + 80]
            head = line[max(0, match.start() - 60) : match.start()]
            if not (_YEARS_CONTEXT.search(tail) or re.search(r"experience", head, re.I)):
                continue
            if re.search(
                r"\b(founded|since|ago|history|old|anniversary|company|we've|we have been)\b", head + tail, re.I
            ):
                continue
            value = _years_value(match)
            if value is not None:
                found.append(value)
    return min(found) if found else None


def find_degree(text: str) -> tuple[str | None, str | None]:
    """Lowest degree level named in requirement lines (the minimum asked for) and its field."""
    levels: list[str] = []
    field: str | None = None
    for line in text.split("\n"):
        if not re.search(r"(?i)degree|bachelor|master|ph\.?d|diploma|b\.?s\b|m\.?s\b|bsc|msc|mba|graduate", line):
            continue
        found = degree_level_of(line)
        if found:
            levels.append(found[0])
        if field is None:
            match = _DEGREE_FIELD.search(line)
            if match:
                candidate = match.group("field").strip(" ,")
                if 2 < len(candidate) < 80 and not re.fullmatch(r"(?i)a|an|the|related field", candidate):
                    field = re.sub(r",?\s*(?:or|and)\s*$", "", candidate)
    if not levels:
        return None, field
    real = [lv for lv in levels if lv != "none"] or levels
    return min(real, key=lambda lv: DEGREE_RANK[lv]), field


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


def _split_skills(
    mentions: list[SkillMention], lines: list[str], sections: dict[str, Section]
) -> tuple[list[SkillMention], list[SkillMention]]:
    """Preferred = in a preferred section or a sentence with a preferred cue; a skill both ways is required."""
    required: dict[str, SkillMention] = {}
    preferred: dict[str, SkillMention] = {}
    for mention in mentions:
        line_no = mention.line or 0
        section = section_of_line(sections, line_no) if line_no else None
        if section in {"benefits", "about_company"}:
            continue
        sentence = lines[line_no - 1] if 0 < line_no <= len(lines) else ""
        clause = _clause_around(sentence, mention.surface)
        is_preferred = section == "preferred" or bool(_PREFERRED_CUE.search(clause))
        target = preferred if is_preferred else required
        target.setdefault(mention.skill_id, mention.model_copy(update={"section": section}))
    for skill_id in list(preferred):
        if skill_id in required:
            del preferred[skill_id]
    return list(required.values()), list(preferred.values())


def _clause_around(sentence: str, surface: str) -> str:
    """The sentence containing the skill (lines can hold several sentences)."""
    position = sentence.find(surface)
    if position < 0:
        return sentence
    start = max(sentence.rfind(". ", 0, position), sentence.rfind("; ", 0, position))
    end_candidates = [i for i in (sentence.find(". ", position), sentence.find("; ", position)) if i >= 0]
    end = min(end_candidates) if end_candidates else len(sentence)
    return sentence[start + 1 : end]


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
    file_type: str = "txt",
    parser: str = "text",
    pages: int | None = None,
    warnings: list[str] | None = None,
) -> ParsedJob:
    """Parse a job posting given as fields. Separate `requirements`/`responsibilities`/`benefits` texts are
    appended under their own headings so they become sections."""
    timings: dict[str, float] = {}
    started = time.perf_counter()
    parts = [normalize_text(description or "")]
    for heading, extra in (
        ("Responsibilities", responsibilities),
        ("Requirements", requirements),
        ("Benefits", benefits),
    ):
        if extra and extra.strip():
            parts.append(f"{heading}\n{normalize_text(extra)}")
    text = "\n\n".join(part for part in parts if part)
    sections, _ = split_sections(text, kind="job")
    timings["sections"] = round((time.perf_counter() - started) * 1000, 2)

    started = time.perf_counter()
    lines = text.split("\n")
    mentions = find_skill_mentions(text, sections)
    required, preferred = _split_skills(mentions, lines, sections)
    timings["skills"] = round((time.perf_counter() - started) * 1000, 2)

    started = time.perf_counter()
    requirement_text = (
        "\n".join(sections[name].text for name in ("requirements", "preferred", "summary") if name in sections) or text
    )
    min_years = find_min_years(requirement_text) or find_min_years(text)
    degree_level, degree_field = find_degree(sections["requirements"].text if "requirements" in sections else text)
    if degree_level is None and degree_field is None:
        degree_level, degree_field = find_degree(text)
    head = "\n".join(lines[:15])
    job_type = job_type or _first(_JOB_TYPES, title, head, text)
    remote_option = remote_option or _first(_REMOTE, title, location or "", head, text)
    experience_level = experience_level or infer_experience_level(title, min_years)
    timings["requirements"] = round((time.perf_counter() - started) * 1000, 2)
    return ParsedJob(
        title=title.strip(),
        company=company,
        text_content=text,
        sections=sections,
        required_skills=required,
        preferred_skills=preferred,
        min_years=min_years,
        degree_level=degree_level,  # type: ignore[arg-type]
        degree_field=degree_field,
        job_type=job_type,
        remote_option=remote_option,
        experience_level=experience_level,
        location=location,
        salary_range=salary_range,
        metadata=DocumentMetadata(
            file_type=file_type,
            parser=parser,
            pages=pages,
            words=word_count(text),
            characters=len(text),
            language=detect_language(text),
            timings_ms=timings,
            warnings=warnings or [],
        ),
    )


def parse_job_file(data: bytes, filename: str | None = None, title: str | None = None) -> ParsedJob:
    """Parse a job posting file (PDF, DOCX, TXT, MD); the title defaults to the first line."""
    started = time.perf_counter()
    extracted = extract_text(data, filename)
    extract_ms = round((time.perf_counter() - started) * 1000, 2)
    text = extracted.text
    if title is None:
        first = next((line.strip() for line in text.split("\n") if line.strip()), "")
        title = re.sub(r"(?i)^(job\s+description|job\s+title|position|role)\s*[:\-]\s*", "", first)[:200]
        # Drop the title line from the body so it is not read twice.
        text = text.split("\n", text.split("\n").index(first) + 1)[-1] if first else text
    job = parse_job(
        title=title,
        description=text,
        file_type=extracted.file_type,
        parser=extracted.parser,
        pages=extracted.pages,
        warnings=extracted.warnings,
    )
    job.metadata.layout = extracted.layout
    job.metadata.timings_ms["extract"] = extract_ms
    return job

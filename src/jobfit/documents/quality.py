"""ATS-style quality score (0-100) as a sum of itemised, weighted checks with hints."""

from __future__ import annotations

import re

from jobfit.documents.data import load_json
from jobfit.documents.dates import date_ranges
from jobfit.documents.long_lines import LONG_LINE, long_lines
from jobfit.documents.models import ContactInfo, QualityCheck, Section
from jobfit.documents.normalize import BULLET

_WORDS = load_json("action_verbs.json")  # word lists, in data/action_verbs.json
ACTION_VERBS = frozenset(_WORDS["ACTION_VERBS"])
_NUMBER = re.compile(r"(\d+(?:[.,]\d+)?\s*(?:%|percent|x\b|k\b|m\b|million|billion|\+)|[$€£¥]\s?\d|\b\d{2,}\b|\b\d+\b)")
_DATE_STYLE = (
    ("month_year", re.compile(r"(?i)^[a-z]{3,9}\.?,?\s*\d{4}$")),
    ("numeric", re.compile(r"^\d{1,2}\s*[/.\-]\s*\d{2,4}$|^\d{4}\s*[/.\-]\s*\d{1,2}$")),
    ("season", re.compile(r"(?i)^(spring|summer|fall|autumn|winter)")),
    ("year", re.compile(r"^\d{4}$")),
)

WEIGHTS = {
    "contact": 15,
    "headings": 15,
    "length": 5,
    "bullets": 10,
    "quantified": 10,
    "action_verbs": 10,
    "dates": 10,
    "layout": 10,
    "statements": 10,
    "file_type": 5,
}


def _bullet_lines(text: str) -> list[str]:
    return [
        ln.strip().lstrip(BULLET + "-* ").strip()
        for ln in text.split("\n")
        if ln.strip().startswith((BULLET, "- ", "* "))
    ]


def _date_styles(text: str) -> list[str]:
    styles: list[str] = []
    for match, _span in date_ranges(text):
        written = next(match.group(name) for name in ("start", "since", "month_end") if match.group(name))
        point = written.strip()
        for name, rx in _DATE_STYLE:
            if rx.search(point):
                styles.append(name)
                break
    return styles


def score_quality(
    *,
    text: str,
    contact: ContactInfo,
    sections: dict[str, Section],
    words: int,
    file_type: str,
    layout: dict[str, bool | int],
) -> tuple[float, list[QualityCheck]]:
    """Return (score, checks); the score is the sum of the weights of passed checks (weights sum to 100)."""
    work = "\n".join(sections[name].text for name in ("experience", "projects", "volunteer") if name in sections)
    bullets = _bullet_lines(work or text)
    quantified = (
        [b for b in bullets if _NUMBER.search(b)]
        if bullets
        else [ln for ln in (work or text).split("\n") if _NUMBER.search(ln) and len(ln.split()) > 5]
    )
    first_words = [re.sub(r"[^a-z\-]", "", b.split()[0].lower()) for b in bullets if b.split()]
    with_verbs = [w for w in first_words if w in ACTION_VERBS]
    styles = _date_styles(work or text)
    dominant = max((styles.count(s) for s in set(styles)), default=0)
    core = [name for name in ("experience", "education", "skills") if name in sections]
    lost = [name for name in ("tables", "text_boxes", "images") if layout.get(name)]
    if int(layout.get("columns", 1) or 1) > 1:
        lost.insert(0, "columns")
    too_long = long_lines(text)
    has_contact = contact.email is not None and (contact.phone is not None or contact.linkedin is not None)
    checks = [
        QualityCheck(
            id="contact",
            label="Contact details",
            passed=has_contact and contact.name is not None,
            weight=WEIGHTS["contact"],
            hint="Put your name, email and phone number (or LinkedIn) as plain text at the top.",
        ),
        QualityCheck(
            id="headings",
            label="Standard section headings",
            passed=len(core) == 3,
            weight=WEIGHTS["headings"],
            hint="Use standard headings ATS recognise: Experience, Education, Skills"
            + (
                f" (missing: {', '.join(n for n in ('experience', 'education', 'skills') if n not in core)})."
                if len(core) < 3
                else "."
            ),
        ),
        QualityCheck(
            id="length",
            label="Length",
            passed=250 <= words <= 1200,
            weight=WEIGHTS["length"],
            hint=f"{words} words: aim for 250-1200 words (one to two pages).",
        ),
        QualityCheck(
            id="bullets",
            label="Bullet points",
            passed=len(bullets) >= 3,
            weight=WEIGHTS["bullets"],
            hint="Describe each role with bullet points rather than paragraphs.",
        ),
        QualityCheck(
            id="quantified",
            label="Quantified achievements",
            passed=len(quantified) >= 3,
            weight=WEIGHTS["quantified"],
            hint=f"{len(quantified)} quantified lines: add numbers (%, $, counts, time saved) "
            "to at least 3 achievements.",
        ),
        QualityCheck(
            id="action_verbs",
            label="Action verbs",
            passed=bool(first_words) and len(with_verbs) >= max(3, len(first_words) // 3),
            weight=WEIGHTS["action_verbs"],
            hint="Start bullets with strong action verbs (led, built, reduced, launched...).",
        ),
        QualityCheck(
            id="dates",
            label="Consistent date formats",
            passed=bool(styles) and dominant >= 0.8 * len(styles),
            weight=WEIGHTS["dates"],
            hint="Give every role a date range in one format, e.g. 'Jan 2020 - Mar 2023'.",
        ),
        QualityCheck(
            id="layout",
            label="Simple layout",
            passed=not lost,
            weight=WEIGHTS["layout"],
            hint="Text in " + ", ".join(n.replace("_", " ") for n in lost) + " may be lost or scrambled by ATS: "
            "use a single-column layout."
            if lost
            else "Single-column layout without tables or text boxes.",
        ),
        QualityCheck(
            id="statements",
            label="Readable lines",
            passed=not too_long,
            weight=WEIGHTS["statements"],
            hint=(f"{len(too_long)} line{'s' if len(too_long) > 1 else ''} (first: line {too_long[0]}) "
                  f"run{'' if len(too_long) > 1 else 's'} past {LONG_LINE} characters with no bullet, heading or "
                  "sentence end to split at: software and recruiters read such a line as one block. Break it into "
                  "bullet points, one achievement each.")
            if too_long
            else "Every line is one statement: a bullet, a sentence or a heading.",
        ),
        QualityCheck(
            id="file_type",
            label="File type",
            passed=file_type in {"docx", "pdf"},
            weight=WEIGHTS["file_type"],
            hint="Upload a DOCX or a text-based PDF: most ATS read them best.",
        ),
    ]
    score = float(sum(check.weight for check in checks if check.passed))
    return score, checks

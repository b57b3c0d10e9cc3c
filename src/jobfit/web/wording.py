"""How numbers, statuses and names read on the pages: every score has words next to it, not colour alone."""

from __future__ import annotations

from datetime import datetime
from typing import Any

LABELS = {
    "overall_score": "Overall", "skills_score": "Skills", "experience_score": "Experience",
    "education_score": "Education", "keyword_score": "Keywords", "confidence_score": "Confidence",
    "semantic": "Meaning (semantic)", "skills": "Skills", "experience": "Experience", "education": "Education",
    "keywords": "Keywords", "title": "Job title",
}


def label(name: str) -> str:
    return LABELS.get(name, name.replace("_", " ").capitalize())


# The parts of the overall score (`matching.overall_parts`), as a job seeker reads them: a name and what it measures.
PART_WORDS = {
    "semantic": ("Similar meaning", "how close your resume reads to the ad, compared by a language model that knows "
                                    "words of related meaning"),
    "skills": ("Skills", "the skills the ad asks for that your resume shows, required ones counting most"),
    "lexical": ("Shared wording", "how much of the ad's wording your whole resume uses"),
    "keywords": ("Keywords", "the ad's most telling words and phrases, found in your resume"),
    "experience": ("Experience", "your years and level against what the ad asks"),
    "education": ("Education", "your degree against the one the ad asks for"),
}


def part_label(name: str) -> str:
    return PART_WORDS.get(name, (label(name), ""))[0]


def part_meaning(name: str) -> str:
    return PART_WORDS.get(name, ("", ""))[1]


def percent(share: Any) -> str:
    """A 0-1 share as a whole percentage: '44%'."""
    return f"{float(share) * 100:.0f}%"


def score(value: Any) -> str:
    """A 0-100 score as text: '72' (no decimals), or an em dash when there is none."""
    if value is None:
        return "—"
    return f"{float(value):.0f}"


def score_word(value: Any) -> str:
    """The band a 0-100 score falls in, in words."""
    if value is None:
        return "no signal"
    v = float(value)
    return "strong" if v >= 75 else "good" if v >= 60 else "fair" if v >= 40 else "weak"


def status_word(status: str) -> str:
    return {"met": "Met", "partial": "Partly met", "related": "Related only", "missing": "Missing", "check": "To check",
            "pending": "Pending", "implemented": "Accepted", "rejected": "Rejected", "queued": "Waiting",
            "parsing": "Reading", "embedding": "Analysing", "done": "Stored", "failed": "Refused"
            }.get(status, status.capitalize())


def filesize(n: int | None) -> str:
    if not n:
        return "0 B"
    for unit in ("B", "KB", "MB"):
        if n < 1024 or unit == "MB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n} B"


def when(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value else ""


DECISION_WORDS = {"advance": "Advance", "hold": "Hold", "reject": "Reject"}
ACTION_WORDS = {"analyze": "Analysed a pair", "rank": "Ranked", "shortlist": "Applied the must-have filter",
                "export": "Exported", "audit": "Ran a bias audit", "self_reports": "Changed self-reports",
                "decision": "Recorded a decision"}


def decision_word(decision: str) -> str:
    return DECISION_WORDS.get(decision, decision.capitalize())


def action_word(action: str) -> str:
    return ACTION_WORDS.get(action, action.replace("_", " ").capitalize())

"""How much of an ad there is to match against: a job given as typed fields has the same cap on its text as a
file (`MAX_TEXT_CHARS`), and an ad too short or too vague to say what it asks gets a warning in plain words."""

from __future__ import annotations

from jobfit.documents.errors import MAX_TEXT_CHARS, TooLongError
from jobfit.documents.models import ParsedJob

# Fewer words than this is a title and a phrase, not an ad: every score against it is mostly noise.
MIN_AD_WORDS = 30


def check_job_length(text: str) -> None:
    """Refuse (`TooLongError`, code `too_long`) a job whose text is longer than a file may be."""
    if len(text) > MAX_TEXT_CHARS:
        raise TooLongError(f"The job has {len(text):,} characters of text, more than the {MAX_TEXT_CHARS:,} a job "
                           "may have: paste the ad alone, without the rest of the page.")


def thin_ad_warnings(job: ParsedJob) -> list[str]:
    """Why a match against this ad says little, if it does: too few words, or nothing it asks for was read."""
    words = job.metadata.words
    if words < MIN_AD_WORDS:
        return [f"This ad has only {words} word{'' if words == 1 else 's'}: too little to match a resume against. "
                "Paste the whole posting, with what it asks of candidates."]
    if not (job.required_skills or job.preferred_skills or job.min_years is not None or job.degree_level):
        return ["jobfit read no skills, years of experience or degree in this ad: a match against it rests on "
                "shared words only."]
    return []

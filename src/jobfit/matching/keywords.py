"""Salient keywords of a job ad (ATS-style): words and two-word phrases an applicant tracker looks for.

Salience = how often a term appears, boosted when it appears in the requirements/preferred sections,
with stopwords and generic job-ad filler removed; equal-opportunity and benefits lines are
skipped. Terms are reported as first written in the ad.
"""

from __future__ import annotations

from jobfit.documents.job import is_boilerplate
from jobfit.documents.models import ParsedJob
from jobfit.matching.text import JOB_AD_FILLER, STOPWORDS, stem, tokens

_SECTION_BOOST = {"requirements": 1.5, "preferred": 1.25, "responsibilities": 1.0, "summary": 0.75}
_IGNORED_SECTIONS = {"benefits", "about_company"}


def _is_content(token: str) -> bool:
    return (
        len(token) > 2
        and token not in STOPWORDS
        and token not in JOB_AD_FILLER
        and not token[0].isdigit()
    )


def _line_boosts(job: ParsedJob) -> list[float]:
    lines = job.text_content.split("\n")
    boosts = [1.0] * len(lines)
    for name, section in job.sections.items():
        factor = 0.0 if name in _IGNORED_SECTIONS else _SECTION_BOOST.get(name, 1.0)
        for number in range(max(section.start_line, 1), min(section.end_line, len(lines)) + 1):
            boosts[number - 1] = factor
    return boosts


def salient_keywords(job: ParsedJob, *, limit: int = 25) -> list[tuple[str, int]]:
    """Up to `limit` (term, count_in_job) pairs, most salient first; ties broken alphabetically."""
    score: dict[str, float] = {}
    count: dict[str, int] = {}
    surface: dict[str, str] = {}
    title_stems = {stem(t) for t in tokens(job.title) if _is_content(t)}
    for line, boost in zip(job.text_content.split("\n"), _line_boosts(job), strict=True):
        if boost == 0.0 or is_boilerplate(line):
            continue
        toks = tokens(line)
        prev: str | None = None
        prev_stem: str | None = None
        for tok in toks:
            if not _is_content(tok):
                prev = prev_stem = None
                continue
            key = stem(tok)
            score[key] = score.get(key, 0.0) + boost
            count[key] = count.get(key, 0) + 1
            surface.setdefault(key, tok)
            if prev is not None and prev_stem is not None:
                bigram = f"{prev_stem} {key}"
                score[bigram] = score.get(bigram, 0.0) + 1.5 * boost
                count[bigram] = count.get(bigram, 0) + 1
                surface.setdefault(bigram, f"{prev} {tok}")
            prev, prev_stem = tok, key
    for key in list(score):
        if key in title_stems:
            score[key] += 1.0
        if count[key] < 2 and key not in title_stems:
            del score[key]  # a term must recur (or name the role) to be a keyword
    bigrams = [k for k in score if " " in k]
    for key in [k for k in score if " " not in k]:
        inside = sum(count[b] for b in bigrams if key in b.split(" "))
        if inside >= count[key]:
            del score[key]  # only ever part of a kept phrase ("front" in "front end")
    ranked = sorted(score, key=lambda k: (-score[k], k))
    return [(surface[k], count[k]) for k in ranked[:limit]]


def asking_text(job: ParsedJob) -> str:
    """The ad without its Benefits/About-the-company sections and equal-opportunity or perks lines."""
    return "\n".join(
        line for line, boost in zip(job.text_content.split("\n"), _line_boosts(job), strict=True)
        if boost > 0.0 and not is_boilerplate(line)
    )

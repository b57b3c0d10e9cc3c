"""Zoning check: how many of the requirements jobfit lists for a real ad come from a part of the ad that asks
nothing of the candidate (the company blurb, benefits, legal/EEO text, how to apply, the recruiter's contact, the
posting's fields), and how many skills get the wrong importance.

Reference: `bench/jd_zones/labels.json`, zones marked by hand on real ads, in two sets (see its "about"): "dev", 14
ads (the four resume_matcher job PDFs and ten SkillSpan test postings) labelled before the zoner was written and
used while fixing it, and "heldout", 8 SkillSpan dev postings labelled afterwards and not used for fixing.

A listed requirement's source lines are where the ad names it: a skill's extractor mentions, a keyword's or an
eligibility item's words as a phrase on a line. It comes from a non-requirement zone when none of its source
lines is in a reference duties, requirements or preferred zone. The general "N+ years", degree and title rows
are built from the whole ad (not from one line) and are left out. Importance: a skill named on a
reference-requirements or duties line is required; one named only on reference-preferred lines is preferred.

Run: .venv/bin/python bench/jd_zones.py [--evaldata ../shared/evaldata] [--verbose]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "bench"))

from skills import load_postings  # noqa: E402

from jobfit.documents.job import parse_job, parse_job_file  # noqa: E402
from jobfit.documents.models import ParsedJob  # noqa: E402
from jobfit.documents.skill_mentions import find_skill_mentions  # noqa: E402
from jobfit.matching.requirements import Requirement, extract_requirements  # noqa: E402
from jobfit.matching.text import LineIndex  # noqa: E402

LABELS = REPO / "bench" / "jd_zones" / "labels.json"
ASKING = frozenset({"duties", "requirements", "preferred"})
LINE_BOUND = frozenset({"skill", "keyword", "eligibility"})  # kinds read from lines of the ad


def read_ad(evaldata: Path, key: str) -> ParsedJob:
    if key.startswith("pdf:"):
        path = evaldata / "resume_matcher_samples" / "job_descriptions" / key[4:]
        return parse_job_file(path.read_bytes(), path.name)
    _, split, _, _ = key.split(":")
    sentences = load_postings(evaldata / "skillspan_job_postings", (split,))[key]
    return parse_job(title="", description="\n".join(text for text, _ in sentences))


def reference_zones(lines: list[str], markers: list[list[object]]) -> list[str]:
    """The reference zone of every line (1-based list index + 1) from an ad's markers."""
    starts: list[tuple[int, str]] = []
    at = 0
    for where, zone in markers:
        if isinstance(where, int):
            at = where - 1
        else:
            at = next(i for i in range(at, len(lines)) if lines[i].strip().startswith(str(where)))
        starts.append((at, str(zone)))
    zones = ["details"] * len(lines)
    for (start, zone), nxt in zip(starts, [*starts[1:], (len(lines), "")], strict=True):
        for i in range(start, nxt[0]):
            zones[i] = zone
    return zones


def source_lines(req: Requirement, job: ParsedJob, index: LineIndex, mention_lines: dict[str, set[int]]) -> set[int]:
    if req.kind == "skill" and req.skill_id:
        return mention_lines.get(req.skill_id, set())
    if req.kind != "keyword" and getattr(req, "line", None):
        return {req.line}  # an eligibility item or scoped years: the sentence that asks it
    found: set[int] = set()
    for terms in (req.terms, *req.aliases):
        if terms:
            found.update(index.phrase_lines(terms))
    return found


def check(evaldata: Path, labels: dict[str, list[list[object]]], verbose: bool) -> dict[str, int]:
    totals = {"ads": 0, "listed": 0, "outside": 0, "skills": 0, "skills_outside": 0, "keywords": 0,
              "keywords_outside": 0, "other": 0, "other_outside": 0, "importance_checked": 0, "importance_wrong": 0}
    for key, markers in labels.items():
        job = read_ad(evaldata, key)
        lines = job.text_content.split("\n")
        zones = reference_zones(lines, markers)
        index = LineIndex(job.text_content)
        mention_lines: dict[str, set[int]] = {}
        for mention in find_skill_mentions(job.text_content, job.sections):
            if mention.line:
                mention_lines.setdefault(mention.skill_id, set()).add(mention.line)
        totals["ads"] += 1
        for req in extract_requirements(job):
            if req.kind not in LINE_BOUND and not (req.kind == "experience" and getattr(req, "scope", None)):
                continue
            where = source_lines(req, job, index, mention_lines)
            outside = not any(zones[n - 1] in ASKING for n in where)
            bucket = {"skill": "skills", "keyword": "keywords"}.get(req.kind, "other")
            totals["listed"] += 1
            totals[bucket] += 1
            totals["outside"] += outside
            totals[f"{bucket}_outside"] += outside
            if outside and verbose:
                seen = sorted({zones[n - 1] for n in where}) or ["(not found)"]
                print(f"  {key}: {req.kind} {req.label!r} from {', '.join(seen)}", file=sys.stderr)
            if req.kind == "skill" and not outside:
                asked = {zones[n - 1] for n in where} & ASKING
                expected = "preferred" if asked == {"preferred"} else "required"
                totals["importance_checked"] += 1
                wrong = req.importance != expected
                totals["importance_wrong"] += wrong
                if wrong and verbose:
                    print(f"  {key}: {req.label!r} is {req.importance}, reference {expected}", file=sys.stderr)
    return totals


def main() -> int:
    parser = argparse.ArgumentParser(description="zoning check of job-ad requirements")
    parser.add_argument("--evaldata", type=Path, default=REPO.parent / "shared" / "evaldata")
    parser.add_argument("--verbose", action="store_true", help="list each requirement from a non-requirement zone")
    args = parser.parse_args()
    if not args.evaldata.is_dir():
        print(f"evaldata folder {args.evaldata} not found: skipping the zoning check")
        return 0
    sets = json.loads(LABELS.read_text(encoding="utf-8"))["sets"]
    results = {name: check(args.evaldata, ads, args.verbose) for name, ads in sets.items()}

    def share(t: dict[str, int], part: str, whole: str) -> str:
        return f"{t[part]} of {t[whole]} ({t[part] / t[whole]:.1%})" if t[whole] else "0 of 0"

    names = list(results)
    print("## Zoning check (real ads, reference zones by hand)\n")
    print("| requirements listed, from a non-requirement zone | " + " | ".join(
        f"{n} ({results[n]['ads']} ads)" for n in names) + " |")
    print("|---|" + "---:|" * len(names))
    for label, part, whole in (("all line-bound ones", "outside", "listed"), ("skills", "skills_outside", "skills"),
                               ("keywords", "keywords_outside", "keywords"),
                               ("eligibility, scoped years", "other_outside", "other"),
                               ("skill importance wrong", "importance_wrong", "importance_checked")):
        print(f"| {label} | " + " | ".join(share(results[n], part, whole) for n in names) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

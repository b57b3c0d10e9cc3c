"""Suggestions on the Resume-Matcher samples: how many per match, how many measurably help, how fast.

    .venv/bin/python bench/suggestions.py [--evaldata PATH] [--repeat N]

Every resume x every JD of `resume_matcher_samples`, offline (rules, guard, measured impact; no LLM, no
vectors). Prints a markdown table: suggestions per match (mean), share with positive measured impact,
dropped by the guard, generation time p50/p95 (each match timed `--repeat` times after one warm-up run, each
time with the prepared-variant cache `impact.variant_profile` emptied: what a first analysis of the pair costs;
the per-line parse caches stay warm, as in a running server), and a check that applying all positive-impact
suggestions together raises the score.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from jobfit.documents.job import parse_job_file  # noqa: E402
from jobfit.documents.resume import parse_resume  # noqa: E402
from jobfit.matching import prepare_job, score_match  # noqa: E402
from jobfit.suggestions import apply_suggestions, generate_suggestions  # noqa: E402
from jobfit.suggestions.impact import ImpactMeter, variant_profile  # noqa: E402


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[index]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--evaldata", type=Path, default=REPO.parent / "shared" / "evaldata")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    root = args.evaldata / "resume_matcher_samples"
    if not root.is_dir():
        print(f"evaldata not found at {root}; nothing to benchmark.")
        return 0
    resumes = [parse_resume(p.read_bytes(), p.name) for p in sorted((root / "resumes").glob("*.pdf"))]
    jobs = [parse_job_file(p.read_bytes(), p.name) for p in sorted((root / "job_descriptions").glob("*.pdf"))]
    counts: list[int] = []
    positive = total = dropped = 0
    times: list[float] = []
    gains: list[tuple[float, float, float]] = []  # (sum of positive impacts, max impact, measured gain together)
    for resume in resumes:
        for job in jobs:
            match = score_match(resume, job)
            generate_suggestions(resume, job, match)  # warm-up: taxonomy and memo
            for _ in range(args.repeat):
                variant_profile.cache_clear()  # else a repeat re-scores no variant at all
                started = time.perf_counter()
                result = generate_suggestions(resume, job, match)
                times.append((time.perf_counter() - started) * 1000)
            counts.append(len(result.suggestions))
            total += len(result.suggestions)
            positive += sum(s.impact_score > 0 for s in result.suggestions)
            dropped += result.dropped_by_guard
            helpful = [s for s in result.suggestions if s.impact_score > 0]
            if helpful:
                meter = ImpactMeter(resume.text_content, prepare_job(job))
                together = meter.score_text(apply_suggestions(resume.text_content, helpful)) - meter.baseline
                gains.append((sum(s.impact_score for s in helpful), max(s.impact_score for s in helpful), together))
    n = len(counts)
    print(f"## Suggestions on resume_matcher_samples ({len(resumes)} resumes x {len(jobs)} JDs = {n} matches)\n")
    print("| metric | value |")
    print("|---|---|")
    print(f"| suggestions per match (mean) | {statistics.mean(counts):.1f} |")
    print(f"| share with positive measured impact | {positive / max(total, 1):.0%} |")
    print(f"| dropped by truth guard (total) | {dropped} |")
    print(f"| generation time p50 (ms, offline, variant cache emptied) | {percentile(times, 0.5):.0f} |")
    print(f"| generation time p95 (ms, offline, variant cache emptied) | {percentile(times, 0.95):.0f} |")
    if gains:
        print(f"| mean gain applying all positive suggestions (points) | {statistics.mean(g[2] for g in gains):.2f} |")
        print(f"| mean sum of their single impacts (points) | {statistics.mean(g[0] for g in gains):.2f} |")
        at_least_max = sum(g[2] >= g[1] - 0.01 for g in gains)
        print(f"| matches where the combined gain >= the best single impact | {at_least_max}/{len(gains)} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

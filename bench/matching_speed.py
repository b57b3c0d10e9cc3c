"""Speed of the matching stages on real parsed resumes: p50/p95 ms per resume or pair, on one core.

    .venv/bin/python bench/matching_speed.py [--resumes 120] [--jobs 8] [--repeat 3]

Resumes are the cached real parsed resumes of bench/ranking.py (bench/.cache/ranking_base_600.pkl, built
from the livecareer/FERR PDFs); jobs are the category JDs of bench/jd_texts.py, parsed with `parse_job`.
Timed separately, per resume: `prepare_resume` (redaction + indexing), `ResumeProfile.from_dict` of the
decoded `to_dict()` (the stored-profile path), and the JSON decode itself (orjson, as ranking reads it); per
pair: `score_prepared`
(no vectors) and the full `score_match`. Each timing is the best of `--repeat` runs (less noise under load).
"""

from __future__ import annotations

import argparse
import pickle
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import orjson

sys.path.insert(0, str(Path(__file__).resolve().parent))
from jd_texts import LIVECAREER_JDS
from quality_sets import make_job

from jobfit.matching import ResumeProfile, prepare_job, prepare_resume, score_match, score_prepared

CACHE = Path(__file__).resolve().parent / ".cache" / "ranking_base_600.pkl"


def _best_ms(fn: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - started)
    return best * 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--resumes", type=int, default=120)
    parser.add_argument("--jobs", type=int, default=8)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    if not CACHE.exists():
        print(f"{CACHE} not found (run bench/ranking.py once); nothing to measure.")
        return 0
    resumes = pickle.loads(CACHE.read_bytes())
    resumes = resumes[:: max(1, len(resumes) // args.resumes)][: args.resumes]
    jobs = [make_job(t, d) for t, d in list(LIVECAREER_JDS.values())[: args.jobs]]
    prepared = [prepare_job(j) for j in jobs]
    score_match(resumes[0], jobs[0])  # warm-up: taxonomy load, regex compilation
    rows: dict[str, list[float]] = {"prepare_resume": [], "json decode": [], "from_dict": [],
                                    "score_prepared": [], "score_match": []}
    sizes: list[int] = []
    for resume in resumes:
        rows["prepare_resume"].append(_best_ms(lambda r=resume: prepare_resume(r), args.repeat))
        profile = prepare_resume(resume)
        stored = profile.to_json()
        sizes.append(len(stored))
        rows["json decode"].append(_best_ms(lambda s=stored: orjson.loads(s), args.repeat))
        decoded = orjson.loads(stored)
        rows["from_dict"].append(_best_ms(lambda d=decoded: ResumeProfile.from_dict(d), args.repeat))
        for pj in prepared:
            rows["score_prepared"].append(_best_ms(lambda p=profile, j=pj: score_prepared(p, j), args.repeat))
        rows["score_match"].append(_best_ms(lambda r=resume, j=jobs[0]: score_match(r, j), args.repeat))
    kb = np.percentile(sizes, 50) / 1024
    print(f"{len(resumes)} resumes x {len(jobs)} jobs; stored profile JSON p50 {kb:.1f} KB")
    print("| stage | n | p50 ms | p95 ms |")
    print("|---|---|---|---|")
    for name, values in rows.items():
        print(f"| {name} | {len(values)} | {np.percentile(values, 50):.3f} | {np.percentile(values, 95):.3f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Speed of `score_match` on real parsed pairs with precomputed vectors: p50/p95 ms on one core.

    .venv/bin/python bench/matching_speed.py [--evaldata PATH] [--resumes 60] [--no-vectors]

Resumes are livecareer sample PDFs (parsed once, cached by bench/quality.py's cache), jobs are the
category JDs of bench/quality.py. Parsing and embedding happen before timing; the timed call is the
full `score_match` (redaction, indexing, requirements, evidence, scores, explanation).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import quality

from jobfit.matching import score_match


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--evaldata", type=Path, default=quality.REPO.parent / "shared" / "evaldata")
    parser.add_argument("--resumes", type=int, default=60)
    parser.add_argument("--no-vectors", action="store_true")
    args = parser.parse_args(argv)
    base = args.evaldata / "livecareer_resume_pdfs_sample" / "pdf"
    if not base.is_dir():
        print(f"evaldata not found at {args.evaldata}; nothing to measure.")
        return 0
    paths = sorted(base.glob("*.pdf"))
    paths = paths[:: max(1, len(paths) // args.resumes)][: args.resumes]
    parsed = quality._cached(f"speed-parsed-{len(paths)}", lambda: quality.parse_pdfs(paths), False)
    resumes = {k: v for k, v in parsed.items() if v is not None}  # type: ignore[union-attr]
    jobs = [quality.make_job(t, d) for t, d in quality.LIVECAREER_JDS.values()]
    use_vectors = not args.no_vectors
    resume_vectors: dict[str, quality.Vectors] = {}
    job_vectors: list[quality.Vectors | None] = [None] * len(jobs)
    if use_vectors:
        resume_vectors = quality.embed_resumes(resumes)  # type: ignore[arg-type]
        job_vectors = [quality.embed_job(j) for j in jobs]
    score_match(next(iter(resumes.values())), jobs[0])  # warm-up: taxonomy load, regex compilation
    timings: list[float] = []
    for key, resume in resumes.items():
        for job, jv in zip(jobs, job_vectors, strict=True):
            started = time.perf_counter()
            score_match(resume, job, resume_vectors=resume_vectors.get(key), job_vectors=jv)
            timings.append((time.perf_counter() - started) * 1000)
    print("| pairs | vectors | p50 ms | p95 ms | max ms |")
    print("|---|---|---|---|---|")
    print(f"| {len(timings)} | {'yes' if use_vectors else 'no'} | {np.percentile(timings, 50):.2f} | "
          f"{np.percentile(timings, 95):.2f} | {max(timings):.2f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

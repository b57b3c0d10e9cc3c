"""Wider fairness tests: how much the score of a real resume for its own job moves when only something that says a
person's age, ethnicity, family, service or first language changes (counterfactuals from `bench/counterfactuals.py`).

Resumes: livecareer PDFs from the evaluation data (`--per-category` of each of the 24 categories, the first by file
name), each scored against the short role description of its own category (`bench/jd_texts.py`), as the engine scores
an upload: the text parser, redaction, the default MiniLM vectors. The base and every counterfactual are parsed from
text the same way, so the only difference between them is the edit.

Prints one markdown table (kept in BENCHMARKS.md, "Fairness"): per counterfactual, the pairs compared, how many
scores changed (by 0.01 or more), the mean and largest change of the overall score (points of 100), and the
components behind it (their mean absolute change).

Run: .venv/bin/python bench/fairness.py [--evaldata ../shared/evaldata] [--per-category 3]
"""

from __future__ import annotations

import argparse
import csv
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "bench"))

from counterfactuals import variants  # noqa: E402
from jd_texts import LIVECAREER_JDS  # noqa: E402
from quality_sets import cached, parse_pdfs  # noqa: E402

COMPONENTS = ("skills", "experience", "education", "keywords", "lexical", "semantic")
CHANGED = 0.01


def _sample(root: Path, per_category: int) -> list[tuple[Path, str]]:
    base = root / "livecareer_resume_pdfs_sample"
    rows = sorted(csv.DictReader((base / "labels.csv").open()), key=lambda r: r["file"])
    taken: dict[str, int] = defaultdict(int)
    out = []
    for r in rows:
        if r["category"] in LIVECAREER_JDS and taken[r["category"]] < per_category:
            taken[r["category"]] += 1
            out.append((base / r["file"], r["category"]))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--evaldata", type=Path, default=REPO.parent / "shared" / "evaldata")
    ap.add_argument("--per-category", type=int, default=3)
    args = ap.parse_args(argv)
    if not (args.evaldata / "livecareer_resume_pdfs_sample").is_dir():
        print(f"fairness: no evaluation data at {args.evaldata} (see DEVELOPERS.md, 'Evaluation data')",
              file=sys.stderr)
        return 2

    from jobfit.documents.job import parse_job
    from jobfit.documents.resume import parse_resume_text
    from jobfit.embeddings.chunks import embed_chunks
    from jobfit.matching import score_match
    from jobfit.matching.scores import ALGORITHM_VERSION
    from jobfit.pipeline import job_chunks, resume_chunks
    from jobfit.providers.embedders import get_embedder

    started = time.monotonic()
    sample = _sample(args.evaldata, args.per_category)
    parsed = cached(f"fairness-livecareer-{args.per_category}", lambda: parse_pdfs([p for p, _ in sample]))
    embedder = get_embedder()
    jobs = {}
    for category, (title, description) in LIVECAREER_JDS.items():
        job = parse_job(title=title, description=description)
        jobs[category] = (job, embed_chunks(embedder, job_chunks(job)))

    def score(text: str, category: str) -> tuple[float, dict[str, float]]:
        resume = parse_resume_text(text)
        job, job_vectors = jobs[category]
        result = score_match(resume, job, resume_vectors=embed_chunks(embedder, resume_chunks(resume)),
                             job_vectors=job_vectors)
        return result.overall_score, result.match_analysis.component_scores

    deltas: dict[str, list[float]] = defaultdict(list)
    parts: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    families: dict[str, str] = {}
    used = 0
    for n, (path, category) in enumerate(sample, 1):
        resume = parsed.get(str(path))  # type: ignore[union-attr]
        if resume is None:
            continue
        text = resume.text_content
        base_resume = parse_resume_text(text)
        base, base_parts = score(text, category)
        used += 1
        for variant in variants(text, base_resume):
            overall, moved = score(variant.text, category)
            families[variant.name] = variant.family
            deltas[variant.name].append(overall - base)
            for c in COMPONENTS:
                parts[variant.name][c].append(abs(moved.get(c, 0.0) - base_parts.get(c, 0.0)))
        print(f"  {n}/{len(sample)} resumes", file=sys.stderr, end="\r")
    print(file=sys.stderr)

    print(f"Wider fairness: {used} livecareer resumes ({args.per_category} per category) x their category's role "
          f"description, algorithm {ALGORITHM_VERSION}, {embedder.name} vectors; {time.monotonic() - started:.0f} s.")
    print()
    print("| counterfactual | pairs | changed | mean change | mean abs change | largest abs change | "
          "moved by (mean abs change per component) |")
    print("|---|---:|---:|---:|---:|---:|---|")
    for name, values in deltas.items():
        changed = sum(abs(v) >= CHANGED for v in values)
        movers = sorted(((statistics.fmean(v), c) for c, v in parts[name].items() if statistics.fmean(v) >= 0.005),
                        reverse=True)
        moved = ", ".join(f"{c} {m:.2f}" for m, c in movers) or "nothing"
        print(f"| {name} | {len(values)} | {changed} | {statistics.fmean(values):+.2f} | "
              f"{statistics.fmean(abs(v) for v in values):.2f} | {max(abs(v) for v in values):.2f} | {moved} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

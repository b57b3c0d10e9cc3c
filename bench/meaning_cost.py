"""What the meaning check costs, in isolation: per upload, per job, per scored pair, per ranking of 60.

- upload: embedding a resume's chunks (full text and sections, as before) and its statements, separately and
  in the one call `pipeline.embed_resume` makes (bulk ingest); what an upload request does now (its chunks and
  profile, `embed_resumes(statements=False)`) and what is left for after its response (`profile_vectors`);
  packing the statement vectors.
- job: embedding its requirements in context (`pipeline.context_chunks`), done once when the job is stored.
- scoring: `engine.evaluate` of a pair with and without the meaning check (statement x requirement cosines and
  the confirmation), and decoding one resume's stored statement vectors (what ranking adds per candidate).

    python bench/meaning_cost.py [--evaldata PATH] [--resumes 20]

Timings are medians of the process's CPU time (a shared machine stretches wall-clock time far more); the load
average is printed with them.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))


def _ms(work, repeat: int = 1) -> float:
    """The least CPU time (ms) of this process over `repeat` runs of `work`: a busy machine delays the wall
    clock far more than it adds CPU time."""
    best = float("inf")
    for _ in range(repeat):
        started = time.process_time()
        work()
        best = min(best, (time.process_time() - started) * 1000)
    return best


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--evaldata", type=Path, default=REPO.parent / "shared" / "evaldata")
    ap.add_argument("--resumes", type=int, default=20)
    ap.add_argument("--jobs", type=int, default=5)
    args = ap.parse_args()

    from jobfit.documents.job import parse_job_file
    from jobfit.documents.resume import parse_resume
    from jobfit.embeddings.chunks import embed_chunks
    from jobfit.embeddings.compact import pack_rows, unpack_rows
    from jobfit.embeddings.minilm import MiniLMEmbedder
    from jobfit.matching import prepare_job, prepare_resume
    from jobfit.matching.engine import evaluate
    from jobfit.pipeline import (
        context_chunks,
        embed_resume,
        embed_resumes,
        job_chunks,
        job_meaning,
        profile_vectors,
        resume_chunks,
    )

    pdfs = sorted((args.evaldata / "ferr_hr_relevance_livecareer" / "resumes_pdf").glob("*.pdf"))
    pdfs = pdfs[:: max(1, len(pdfs) // args.resumes)][: args.resumes]
    resumes = [parse_resume(p.read_bytes(), p.name) for p in pdfs]
    ads = sorted((args.evaldata / "resume_matcher_samples").rglob("*.pdf"))
    jobs = [parse_job_file(p.read_bytes(), p.name) for p in ads if "job" in str(p).lower()][: args.jobs]
    embedder = MiniLMEmbedder()
    embedder.embed(["warm up"])

    chunks_ms, statements_ms, together_ms, pack_ms, counts = [], [], [], [], []
    request_ms, late_ms = [], []
    profiles = []
    for resume in resumes:
        chunks = resume_chunks(resume)
        profile = prepare_resume(resume)
        texts = profile.statement_texts()
        counts.append(len(texts))
        chunks_ms.append(_ms(lambda c=chunks: embed_chunks(embedder, c)))
        statements_ms.append(_ms(lambda t=texts: embedder.embed(t)))
        together_ms.append(_ms(lambda r=resume: embed_resume(embedder, r)))
        request_ms.append(_ms(lambda r=resume: embed_resumes(embedder, [r], statements=False)))
        late_ms.append(_ms(lambda r=resume: profile_vectors(embedder, {0: prepare_resume(r)}, {})))
        _chunks, vectors, embedded = embed_resume(embedder, resume)
        assert embedded.statement_vectors is not None
        pack_ms.append(_ms(lambda e=embedded: unpack_rows(pack_rows(e.statement_vectors)), repeat=5))
        profiles.append((embedded, vectors))

    context_ms, prepared_jobs = [], []
    for job in jobs:
        prepared = prepare_job(job)
        contexts = context_chunks(prepared)
        context_ms.append(_ms(lambda c=contexts: embed_chunks(embedder, c)))
        vectors = embed_chunks(embedder, job_chunks(job) + contexts)
        prepared_jobs.append((job_meaning(prepared, vectors, embedder)[0], prepared, vectors))

    with_ms, without_ms = [], []
    for checked, plain, job_vectors in prepared_jobs:
        for profile, resume_vectors in profiles:
            bare = prepare_resume(profile.resume) if profile.resume is not None else profile
            with_ms.append(_ms(lambda p=profile, j=checked, rv=resume_vectors, jv=job_vectors:
                               [evaluate(p, j, resume_vectors=rv, job_vectors=jv) for _ in range(20)], repeat=3) / 20)
            without_ms.append(_ms(lambda p=bare, j=plain, rv=resume_vectors, jv=job_vectors:
                                  [evaluate(p, j, resume_vectors=rv, job_vectors=jv) for _ in range(20)],
                                  repeat=3) / 20)

    def p50(values: list[float]) -> float:
        return statistics.median(values)

    load = os.getloadavg()[0]
    print(f"\n### The meaning check's cost ({len(resumes)} FERR resume PDFs, {len(jobs)} resume_matcher ads, MiniLM "
          f"on ONNX Runtime, {embedder.threads} thread(s); load average {load:.1f} on {os.cpu_count()} cores)\n")
    print("| what | p50 CPU ms |")
    print("|---|---:|")
    print(f"| embed a resume's chunks (full text + sections, as before) | {p50(chunks_ms):.0f} |")
    print(f"| embed its statements alone (median {p50(counts):.0f} statements) | {p50(statements_ms):.0f} |")
    print(f"| both in one call (`pipeline.embed_resume`: bulk ingest; an upload before) | {p50(together_ms):.0f} |")
    print(f"| an upload's request now: chunks + profile, no statements | {p50(request_ms):.0f} |")
    print(f"| after its response: profile + statements (`profile_vectors`) | {p50(late_ms):.0f} |")
    print(f"| pack + unpack its statement vectors (int8) | {p50(pack_ms):.2f} |")
    print(f"| embed a job's requirements in context (once per job) | {p50(context_ms):.0f} |")
    print(f"| score one pair (`engine.evaluate`) without the meaning check | {p50(without_ms):.2f} |")
    print(f"| score one pair with it | {p50(with_ms):.2f} |")
    print(f"| added per ranking of 60 candidates (scoring + decoding) | "
          f"{60 * (p50(with_ms) - p50(without_ms) + p50(pack_ms) / 2):.1f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

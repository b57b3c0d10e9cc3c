"""Ranking at scale: top-k resumes for a job among 10k / 100k stored resumes, through the real API path.

A synthetic corpus is built from real evaldata resumes (livecareer + FERR PDFs): each stored resume is a
real parsed resume whose vectors get a small random perturbation, so the HNSW index sees N distinct
points. Queries are real job postings (skillspan test set). For each size we report the latency of the
same code the `POST /matching/rank-resumes` endpoint runs (k-NN candidates, load, full re-scoring) and
the recall of the candidate stage: how many of the exhaustive top-k (scoring every resume) it finds.

    python bench/ranking.py --sizes 10000,100000 --queries 20 --top 20 [--pools 40,60] [--exact-queries 5]
                            [--data-dir DIR]

`--pools` compares candidate pool sizes (how many k-NN candidates are re-scored); by default the
endpoint's own (`candidate_pool(top_k)`). `--data-dir` keeps the loaded database there: a later run with the
same directory (and a size it already holds) skips the load, so two versions of the code can be timed
alternately on one corpus (run the script with `PYTHONPATH=<other checkout>/src`).
"""

from __future__ import annotations

import argparse
import gc
import json
import pickle
import shutil
import signal
import statistics
import sys
import tempfile
import time
import uuid
from collections import defaultdict
from pathlib import Path

import numpy as np
from sqlalchemy import func, insert, select, text

REPO = Path(__file__).resolve().parents[1]
CACHE = REPO / "bench" / ".cache"


def _log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def base_resumes(evaldata: Path, limit: int):
    from jobfit.documents.errors import DocumentError
    from jobfit.documents.resume import parse_resume

    CACHE.mkdir(parents=True, exist_ok=True)
    cache = CACHE / f"ranking_base_{limit}.pkl"
    if cache.exists():
        return pickle.loads(cache.read_bytes())
    pdfs = sorted((evaldata / "livecareer_resume_pdfs_sample").rglob("*.pdf"))
    pdfs += sorted((evaldata / "ferr_hr_relevance_livecareer" / "resumes_pdf").glob("*.pdf"))
    parsed = []
    for i, pdf in enumerate(pdfs[:limit]):
        try:
            parsed.append(parse_resume(pdf.read_bytes(), pdf.name))
        except DocumentError:
            continue
        if i % 100 == 0:
            _log(f"  parsed {i}/{min(limit, len(pdfs))}")
    cache.write_bytes(pickle.dumps(parsed))
    return parsed


def _cached_vectors(name: str, embedder, chunks: list) -> list:
    """The base resumes' vectors, embedded once per embedder and corpus (MiniLM in NumPy takes minutes for 600)."""
    from jobfit.embeddings.chunks import embed_chunks

    cache = CACHE / f"{name}_{embedder.name.replace('/', '_')}.pkl"
    if cache.exists():
        cached_chunks, vectors = pickle.loads(cache.read_bytes())
        if cached_chunks == chunks:
            return vectors
    vectors = [embed_chunks(embedder, c) for c in chunks]
    cache.write_bytes(pickle.dumps((chunks, vectors)))
    return vectors


def _cached_statements(name: str, embedder, profiles: list) -> list:
    """The base resumes' statement vectors attached to their profiles and packed as stored, embedded once per
    embedder and corpus (about 50 statements a resume: the slowest part of building the corpus)."""
    from jobfit.embeddings.compact import pack_rows, unpack_rows
    from jobfit.pipeline import vectors_key

    texts = [p.statement_texts() for p in profiles]
    cache = CACHE / f"{name}_{embedder.name.replace('/', '_')}.pkl"
    rows = None
    if cache.exists():
        cached_texts, rows = pickle.loads(cache.read_bytes())
        rows = rows if cached_texts == texts else None
    if rows is None:
        rows = []
        for i, t in enumerate(texts):
            rows.append(pack_rows(embedder.embed(t)))
            if i % 50 == 0:
                _log(f"  embedded the statements of {i}/{len(texts)} base resumes")
        cache.write_bytes(pickle.dumps((texts, rows)))
    for profile, data in zip(profiles, rows, strict=True):
        profile.with_statement_vectors(unpack_rows(data))
    return [(vectors_key(embedder, p), data) for p, data in zip(profiles, rows, strict=True)]


def query_jobs(evaldata: Path, n: int):
    from jobfit.documents.job import parse_job_file

    postings: dict[int, list[str]] = defaultdict(list)
    for line in (evaldata / "skillspan_job_postings" / "test.json").read_text().splitlines():
        row = json.loads(line)
        postings[row["idx"]].append(" ".join(row["tokens"]))
    jobs = []
    for _idx, sentences in sorted(postings.items()):
        body = "\n".join(s for s in sentences if "<" not in s or len(s) > 40)
        if len(body) > 400:
            jobs.append(parse_job_file(body.encode(), "posting.txt"))
        if len(jobs) == n:
            break
    return jobs


def _exhaustive_cutoff(runtime, user_id, job, job_vectors, top: int) -> float:
    """The top-k cutoff score of ranking every stored resume (in slices of 2,000, merging their top-k)."""
    from sqlalchemy import select

    from jobfit.services.ranking import score_resumes
    from jobfit.store.models import Resume

    best: list[float] = []
    with runtime.db.user_session(user_id) as s:
        ids = list(s.scalars(select(Resume.id)))
        for start in range(0, len(ids), 2000):
            ranked = score_resumes(s, job, job_vectors, ids[start:start + 2000], top, runtime.embedder)
            best = sorted(best + [res.overall_score for _, res in ranked], reverse=True)[:top]
    return best[-1]


def _load(runtime, user_id, size: int, stored: int, base, base_chunks, base_vectors, base_rows, base_profiles,
          base_statements, dim: int) -> None:
    """Store resumes `stored`..`size` (copies of the base resumes, vectors perturbed), then index and vacuum."""
    from jobfit.store import documents
    from jobfit.store.models import Resume, ResumeEmbedding, ResumeProfileRow
    from jobfit.store.vector_tables import create_vector_indexes, drop_vector_indexes

    rng = np.random.default_rng(7 + stored)
    with runtime.db.owner_engine.begin() as conn:
        drop_vector_indexes(conn)
    with runtime.db.user_session(user_id) as s:
        while stored < size:
            batch_r, batch_e, batch_p = [], [], []
            for _ in range(min(1000, size - stored)):
                b = stored % len(base)
                rid = uuid.uuid4()
                batch_p.append(documents.profile_row(rid, base_profiles[b], base_statements[b]))
                r = base[b]
                batch_r.append(dict(id=rid, user_id=user_id, title=f"resume {stored}",
                                    original_filename="cv.pdf", file_type="pdf", file_size=1,
                                    content_text=r.text_content, metadata_=base_rows[b],
                                    contact_info=r.contact_info.model_dump(mode="json"),
                                    sections={k: v.model_dump() for k, v in r.sections.items()},
                                    quality_score=round(r.quality_score, 2)))
                for kind, chunk in base_chunks[b]:
                    v = base_vectors[b][kind] + rng.normal(0, 0.02, dim).astype(np.float32)
                    batch_e.append(dict(resume_id=rid, embedding_type=kind, chunk_text=chunk,
                                        embedding_vector=v / np.linalg.norm(v)))
                stored += 1
            s.execute(insert(Resume), batch_r)
            s.execute(insert(ResumeEmbedding), batch_e)
            s.execute(insert(ResumeProfileRow), batch_p)
            s.commit()
            _log(f"  {stored}/{size}")
    with runtime.db.owner_engine.begin() as conn:
        conn.execute(text("SET LOCAL maintenance_work_mem = '2GB'"))
        conn.execute(text("SET LOCAL max_parallel_maintenance_workers = 1"))
        create_vector_indexes(conn)
    # the steady state autovacuum reaches soon after a bulk load: statistics and the visibility map
    # (counting a user's resumes is then an index-only scan)
    with runtime.db.owner_engine.connect() as conn:
        conn = conn.execution_options(isolation_level="AUTOCOMMIT")
        for table in ("resumes", "resume_embeddings", "resume_profiles"):
            conn.execute(text(f"VACUUM (ANALYZE) {table}"))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--evaldata", type=Path, default=REPO.parent / "shared" / "evaldata")
    ap.add_argument("--sizes", default="10000")
    ap.add_argument("--queries", type=int, default=20)
    ap.add_argument("--top", type=int, default=20)
    ap.add_argument("--base", type=int, default=600, help="real resumes the corpus is built from")
    ap.add_argument("--pools", default="", help="candidate pool sizes to compare (default: the endpoint's own)")
    ap.add_argument("--exact-queries", type=int, default=0,
                    help="for this many queries also score every stored resume: exact recall of the candidate stage")
    ap.add_argument("--data-dir", type=Path, default=None,
                    help="keep the database here between runs (a size already loaded is not loaded again)")
    args = ap.parse_args()
    if not args.evaldata.is_dir():
        print(f"evaldata not found at {args.evaldata}: skipping the ranking benchmark")
        return 0

    from jobfit.config import Settings
    from jobfit.embeddings.chunks import embed_chunks
    from jobfit.matching import prepare_job, prepare_resume, rank_resumes
    from jobfit.matching.scores import full_text_query
    from jobfit.pipeline import job_meaning, resume_chunks, stored_job_chunks
    from jobfit.runtime import open_runtime
    from jobfit.services.accounts import register
    from jobfit.services.ranking import candidate_pool, find_candidates, score_resumes
    from jobfit.store import documents, matches
    from jobfit.store.models import Resume, User

    # a timeout or Ctrl-C must still stop the temporary Postgres (the finally below)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    _log("parsing the base corpus ...")
    base = base_resumes(args.evaldata, args.base)
    jobs = query_jobs(args.evaldata, args.queries)
    keep = args.data_dir is not None
    data_dir = args.data_dir.resolve() if keep else Path(tempfile.mkdtemp(prefix="jobfit-bench-"))
    runtime = open_runtime(Settings(data_dir=data_dir, secret_key="b" * 40))
    embedder = runtime.embedder
    base_chunks = [resume_chunks(r) for r in base]
    base_vectors = _cached_vectors(f"ranking_vectors_{args.base}", embedder, base_chunks)
    base_rows = [documents.resume_metadata(r, storage_key=None) for r in base]
    # prepared once: the reference ranking scores each distinct base resume once per query from these
    prepared_base = [prepare_resume(r) for r in base]
    base_profiles = [p.to_dict() for p in prepared_base]
    base_statements = _cached_statements(f"ranking_statements_{args.base}", embedder, prepared_base)
    rows_out = []
    job_vectors = [embed_chunks(embedder, stored_job_chunks(embedder, job)) for job in jobs]
    cutoffs: list[float] = []
    # The corpus this process keeps for building and checking (600 parsed resumes, their profiles and
    # vectors) is the benchmark's, not the server's: frozen out of the collector's sight, so its full
    # passes cost what they would in a server holding only its own state.
    gc.collect()
    gc.freeze()
    try:
        with runtime.db.system_session() as s:
            user_id = s.scalar(select(User.id).where(User.email == "bench@example.com"))
            if user_id is None:
                user_id = register(s, "bench@example.com", "benchmark password").id
        with runtime.db.user_session(user_id) as s:
            stored = s.scalar(select(func.count()).select_from(Resume)) or 0
        if stored:
            _log(f"{stored} resumes already stored in {data_dir}")
        for size in [int(x) for x in args.sizes.split(",")]:
            if stored > size:
                _log(f"{data_dir} holds {stored} resumes, more than {size}: use another --data-dir")
                return 2
            t0 = time.perf_counter()
            reused = stored == size
            if reused:
                _log(f"{size} resumes already loaded: querying ...")
            else:
                _log(f"loading {size} resumes ...")
                _load(runtime, user_id, size, stored, base, base_chunks, base_vectors, base_rows, base_profiles,
                      base_statements, embedder.dim)
                stored = size
            load_s = time.perf_counter() - t0
            _log(f"loaded and indexed in {load_s:.0f}s; querying ...")

            pools = [int(x) for x in args.pools.split(",") if x] or [candidate_pool(args.top)]
            latencies: dict[int, list[float]] = {p: [] for p in pools}
            recalls: dict[int, list[float]] = {p: [] for p in pools}
            finding: dict[int, list[float]] = {p: [] for p in pools}  # k-NN + count, before re-scoring
            exact: dict[int, list[float]] = {p: [] for p in pools}
            returned: dict[tuple[int, int], list[float]] = {}  # (query, pool) -> the returned scores
            if not cutoffs:
                # exhaustive top-k over the distinct base resumes (copies score alike up to vector noise), all
                # computed before the timed queries: a second of in-process scoring before each query had
                # slowed the next one by 15-20 ms (cold caches), which a server's request stream does not do
                for n, (job, jv) in enumerate(zip(jobs, job_vectors, strict=True)):
                    _log(f"  reference ranking {n + 1}/{len(jobs)} ...")
                    prepared = job_meaning(prepare_job(job), jv, embedder)[0]
                    exhaustive = rank_resumes(prepared, [(b, r, base_vectors[b]) for b, r in enumerate(prepared_base)],
                                              args.top, job_vectors=jv)  # every one scored, the top explained
                    cutoffs.append(exhaustive[-1][1].overall_score)
            for n, (job, jv, cutoff) in enumerate(zip(jobs, job_vectors, cutoffs, strict=True)):
                for pool in pools if n % 2 == 0 else pools[::-1]:  # neither pool size always reads a warm cache
                    with runtime.db.user_session(user_id) as s:
                        t = time.perf_counter()
                        ids, _total = find_candidates(s, Resume, None, full_text_query(jv), args.top,
                                                  matches.nearest_resumes, pool)
                        t_found = time.perf_counter()
                        ranked = score_resumes(s, job, jv, ids, args.top, embedder)
                        latencies[pool].append((time.perf_counter() - t) * 1000)
                        finding[pool].append((t_found - t) * 1000)
                    got = [res.overall_score for _, res in ranked]
                    recalls[pool].append(sum(1 for g in got if g >= cutoff - 0.5) / len(got))
                    returned[(n, pool)] = got
            # exact recall after all the timed queries, so scoring the whole corpus warms no cache they read
            for n, job in enumerate(jobs[: args.exact_queries]):
                _log(f"  exhaustive ranking {n + 1}/{min(args.exact_queries, len(jobs))} ...")
                exact_cutoff = _exhaustive_cutoff(runtime, user_id, job, job_vectors[n], args.top)
                for pool in pools:
                    got = returned[(n, pool)]
                    exact[pool].append(sum(1 for g in got if g >= exact_cutoff) / len(got))
            for pool in pools:
                rows_out.append((size, pool, statistics.median(latencies[pool]),
                                 float(np.percentile(latencies[pool], 95)), statistics.median(finding[pool]),
                                 statistics.mean(recalls[pool]),
                                 statistics.mean(exact[pool]) if exact[pool] else None, len(exact[pool]), load_s))
    finally:
        runtime.close()
        if not keep:
            shutil.rmtree(data_dir, ignore_errors=True)

    print(f"\n### Ranking: top-{args.top} resumes for a job ({args.queries} real postings)\n")
    print("| stored resumes | candidates re-scored | p50 ms | p95 ms | of which k-NN + count "
          "(p50 ms) | candidate-stage recall@k | exact recall@k (queries) | load+index s |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for size, cand, p50, p95, find, rec, ex, n_ex, load_s in rows_out:
        exact_cell = f"{ex:.2f} ({n_ex})" if ex is not None else "–"
        print(f"| {size:,} | {cand} | {p50:.0f} | {p95:.0f} | {find:.0f} | {rec:.2f} | {exact_cell} "
              f"| {load_s:.0f} |")
    print("\nrecall@k: share of the returned top-k whose score reaches the top-k cutoff of scoring every distinct "
          "base resume (approximate: the vector noise that makes copies distinct moves scores by 1-2 points). "
          "exact recall@k: the same against scoring every stored resume (`--exact-queries`).")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Benchmark the embedders: model load, one pass by length, per-resume latency, throughput, memory; markdown tables.

A resume here is what `embed_chunks` sends at upload: the full text plus 6 sections, in one call; its statements
are 60 bullet lines of 10-40 word pieces, embedded in one call. Each provider runs in fresh processes of its
own, so a load is a real first load and a peak RSS is the provider's own: one process on an empty data dir
(the first load, which builds and caches what it builds), then one on the same data dir for everything else.
The embedder comes from the same settings the server reads (`JOBFIT_EMBEDDING_*`), so this script also measures
an older checkout (`PYTHONPATH=<its src>`) for an A/B. CPU columns are the process's CPU time, which a busy
machine disturbs less than wall time.

    .venv/bin/python bench/embeddings.py                  # every offline embedder
    .venv/bin/python bench/embeddings.py --threads 2      # JOBFIT_EMBEDDING_THREADS for minilm
    .venv/bin/python bench/embeddings.py --concurrency 2  # also: 2 processes embedding resumes at once
    .venv/bin/python bench/embeddings.py --provider openai \
        --base-url http://127.0.0.1:11434/v1 --model nomic-embed-text   # e.g. a local Ollama
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from jobfit.config import Settings
from jobfit.documents.models import Section
from jobfit.embeddings import document_chunks, embed_chunks
from jobfit.providers.embedders import embedder_from_settings

_SKILLS = ["Python", "Go", "Kubernetes", "PostgreSQL", "Terraform", "React", "TypeScript", "AWS", "Kafka",
           "Airflow", "Docker", "FastAPI", "Django", "Spark", "Snowflake", "gRPC", "Redis", "Linux"]
_VERBS = ["Built", "Led", "Designed", "Migrated", "Scaled", "Automated", "Reduced", "Shipped", "Mentored"]
_OBJECTS = ["payment APIs", "data pipelines", "a CI/CD platform", "search ranking", "the billing service",
            "an ML feature store", "observability dashboards", "a mobile backend", "internal tooling"]
STATEMENTS = 60  # bullet lines of one resume, as the meaning check embeds them at upload
PASS_LENGTHS = (32, 128, 256)  # word pieces of one text in one pass


def statement(rng: random.Random) -> str:
    """One resume bullet of 10-40 word pieces."""
    text = f"{rng.choice(_VERBS)} {rng.choice(_OBJECTS)} with {rng.choice(_SKILLS)}"
    if rng.random() < 0.7:
        text += f" and {rng.choice(_SKILLS)}, cutting latency by {rng.randint(10, 80)}%"
    if rng.random() < 0.5:
        text += f" for {rng.randint(2, 900)}k users across {rng.randint(2, 30)} countries"
    return text


def synthetic_resume(rng: random.Random) -> tuple[str, dict[str, Section]]:
    """A plausible ~600-word resume with summary, experience, education, skills, projects, certifications."""
    def bullets(n: int) -> str:
        return "\n".join(f"- {statement(rng)}" for _ in range(n))

    parts = {
        "summary": f"Senior software engineer with {rng.randint(3, 15)} years building backend systems "
                   f"in {rng.choice(_SKILLS)} and {rng.choice(_SKILLS)}.",
        "experience": "\n\n".join(
            f"{title} — Company {i}, 20{10 + i}–20{12 + i}\n{bullets(6)}"
            for i, title in enumerate(["Senior Engineer", "Software Engineer", "Junior Developer"])
        ),
        "education": "B.Sc. Computer Science, State University, 2012\nThesis on distributed consensus.",
        "skills": ", ".join(rng.sample(_SKILLS, 12)),
        "projects": bullets(4),
        "certifications": "AWS Certified Solutions Architect – Associate\n"
                          "CKA: Certified Kubernetes Administrator",
    }
    sections = {name: Section(heading=name.title(), text=text, start_line=0, end_line=0)
                for name, text in parts.items()}
    full = "Jane Doe\njane@example.com\n\n" + "\n\n".join(f"{n.upper()}\n{t}" for n, t in parts.items())
    return full, sections


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def timed(fn: Callable[[], object], repeat: int) -> tuple[list[float], list[float]]:
    """Wall and CPU seconds of `repeat` calls."""
    wall, cpu = [], []
    for _ in range(repeat):
        w, c = time.perf_counter(), time.process_time()
        fn()
        wall.append(time.perf_counter() - w)
        cpu.append(time.process_time() - c)
    return wall, cpu


def minilm_tokenizer() -> object:
    """The MiniLM tokenizer (untruncated), to size texts in word pieces whichever embedder is measured."""
    from tokenizers import Tokenizer

    from jobfit.embeddings.minilm import model_dir

    tokenizer = Tokenizer.from_file(str(model_dir() / "tokenizer.json"))
    tokenizer.no_padding()
    tokenizer.no_truncation()
    return tokenizer


def text_of_pieces(tokenizer: object, text: str, pieces: int) -> str:
    """The start of `text` that the MiniLM tokenizer reads as `pieces` word pieces, [CLS] and [SEP] included."""
    ids = tokenizer.encode(text).ids  # type: ignore[attr-defined]
    return tokenizer.decode(ids[1 : pieces - 1])  # type: ignore[attr-defined]


def measure(args: argparse.Namespace) -> dict[str, object]:
    """One process's measurements (printed as JSON for the parent)."""
    embedder = embedder_from_settings(Settings())
    started, cpu0 = time.perf_counter(), time.process_time()
    embedder.embed(["warm-up: load the model"])
    result: dict[str, object] = {"name": embedder.name, "dim": embedder.dim,
                                 "load_ms": (time.perf_counter() - started) * 1000,
                                 "load_cpu_ms": (time.process_time() - cpu0) * 1000}
    if args.load_only:
        return result
    rng = random.Random(7)
    resumes = [synthetic_resume(rng) for _ in range(max(args.iterations, args.bulk))]
    statements = [[statement(rng) for _ in range(STATEMENTS)] for _ in range(max(args.iterations, args.bulk))]
    tokenizer = minilm_tokenizer()

    def pieces(text: str) -> int:
        return len(tokenizer.encode(text).ids)  # type: ignore[attr-defined]

    passes = {}
    for n in PASS_LENGTHS:
        text = text_of_pieces(tokenizer, resumes[0][0], n)
        wall, cpu = timed(lambda text=text: embedder.embed([text]), args.passes)
        passes[n] = {"pieces": pieces(text), "p50": percentile(wall, 0.5) * 1000, "cpu": percentile(cpu, 0.5) * 1000}
    result["passes"] = passes

    docs = iter(resumes)
    wall, cpu = timed(lambda: embed_chunks(embedder, document_chunks(*next(docs))), args.iterations)
    result["resume"] = {"p50": percentile(wall, 0.5) * 1000, "p95": percentile(wall, 0.95) * 1000,
                        "cpu": percentile(cpu, 0.5) * 1000, "chunks": len(document_chunks(*resumes[0])),
                        "texts_per_s": len(document_chunks(*resumes[0])) * len(wall) / sum(wall)}
    lines = iter(statements)
    wall, cpu = timed(lambda: embedder.embed(next(lines)), args.iterations)
    counts = [pieces(s) for s in statements[0]]
    result["statements"] = {"p50": percentile(wall, 0.5) * 1000, "p95": percentile(wall, 0.95) * 1000,
                            "cpu": percentile(cpu, 0.5) * 1000,
                            "pieces": f"{min(counts)}-{max(counts)}"}

    bulk_texts = [text for full, s in resumes[: args.bulk] for _, text in document_chunks(full, s)]
    wall, cpu = timed(lambda: embedder.embed(bulk_texts), 1)
    result["bulk_resumes"] = {"texts": len(bulk_texts), "texts_per_s": len(bulk_texts) / wall[0]}
    bulk_statements = [s for group in statements[: args.bulk] for s in group]
    wall, cpu = timed(lambda: embedder.embed(bulk_statements), 1)
    result["bulk_statements"] = {"texts": len(bulk_statements), "texts_per_s": len(bulk_statements) / wall[0],
                                 "ms_per_resume": wall[0] * 1000 / args.bulk}
    result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return result


def concurrent(args: argparse.Namespace) -> dict[str, object]:
    """Embed resumes (full text + 6 sections) in a loop for `--duration` seconds; latencies and count."""
    embedder = embedder_from_settings(Settings())
    embedder.embed(["warm-up"])
    rng = random.Random(os.getpid())
    latencies = []
    stop = time.monotonic() + args.duration
    while time.monotonic() < stop:
        t0 = time.perf_counter()
        embed_chunks(embedder, document_chunks(*synthetic_resume(rng)))
        latencies.append(time.perf_counter() - t0)
    return {"latencies": latencies}


def run_child(args: argparse.Namespace, env: dict[str, str], *extra: str) -> subprocess.Popen[str]:
    cmd = [sys.executable, __file__, "--child", "--iterations", str(args.iterations), "--bulk", str(args.bulk),
           "--passes", str(args.passes), "--duration", str(args.duration), *extra]
    return subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, text=True)


def result_of(proc: subprocess.Popen[str]) -> dict[str, object]:
    out, _ = proc.communicate()
    if proc.returncode != 0:
        raise SystemExit(f"embeddings bench: a measuring process failed ({proc.returncode})")
    return json.loads(out.strip().splitlines()[-1])


def report(provider: str, args: argparse.Namespace) -> None:
    data_dir = Path(tempfile.mkdtemp(prefix="jobfit-bench-embeddings-"))
    env = {**os.environ, "JOBFIT_DATA_DIR": str(data_dir), "JOBFIT_EMBEDDING_PROVIDER": provider,
           "JOBFIT_EMBEDDING_THREADS": str(args.threads)}
    for name, value in (("MODEL", args.model), ("BASE_URL", args.base_url), ("DIMENSIONS", args.dimensions)):
        if value is not None:
            env[f"JOBFIT_EMBEDDING_{name}"] = str(value)
    try:
        first = result_of(run_child(args, env, "--load-only"))
        r = result_of(run_child(args, env))
        loads = []
        if args.concurrency > 1:
            procs = [run_child(args, env, "--concurrent") for _ in range(args.concurrency)]
            loads = [result_of(p)["latencies"] for p in procs]
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)

    print(f"### Embeddings: `{r['name']}` ({r['dim']}-d), {args.threads} thread(s), Python "
          f"{platform.python_version()}, {platform.machine()}\n")
    print("| metric | value |")
    print("| --- | --- |")
    print(f"| first load in a new process, empty data dir (wall / CPU) | {first['load_ms']:.0f} / "
          f"{first['load_cpu_ms']:.0f} ms |")
    print(f"| first load in a new process, after that (wall / CPU) | {r['load_ms']:.0f} / {r['load_cpu_ms']:.0f} ms |")
    for p in r["passes"].values():  # type: ignore[attr-defined]
        print(f"| one pass, {p['pieces']} pieces, p50 (wall / CPU) | {p['p50']:.1f} / {p['cpu']:.1f} ms |")
    res, st = r["resume"], r["statements"]
    print(f"| resume = {res['chunks']} chunks per `embed_chunks` call, p50 / p95 (n={args.iterations}) | "  # type: ignore[index]
          f"{res['p50']:.1f} / {res['p95']:.1f} ms (CPU {res['cpu']:.1f}) |")  # type: ignore[index]
    print(f"| {STATEMENTS} statements ({st['pieces']} pieces) in one call, p50 / p95 | "  # type: ignore[index]
          f"{st['p50']:.1f} / {st['p95']:.1f} ms (CPU {st['cpu']:.1f}) |")  # type: ignore[index]
    print(f"| throughput, one resume per call | {res['texts_per_s']:,.0f} texts/s |")  # type: ignore[index]
    bulk, bulk_st = r["bulk_resumes"], r["bulk_statements"]
    print(f"| throughput, bulk ({bulk['texts']} resume texts in one call) | {bulk['texts_per_s']:,.0f} texts/s |")  # type: ignore[index]
    print(f"| throughput, bulk ({bulk_st['texts']} statements of {args.bulk} resumes in one call) | "  # type: ignore[index]
          f"{bulk_st['texts_per_s']:,.0f} texts/s ({bulk_st['ms_per_resume']:.0f} ms per resume) |")  # type: ignore[index]
    print(f"| peak RSS of the measuring process | {r['peak_rss_mb']:.0f} MB |")
    if loads:
        every = [x for latencies in loads for x in latencies]
        print(f"| {args.concurrency} processes embedding resumes for {args.duration:.0f} s: resumes/s, p50 / p95 | "
              f"{len(every) / args.duration:.2f}, {percentile(every, 0.5) * 1000:.0f} / "
              f"{percentile(every, 0.95) * 1000:.0f} ms |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--iterations", type=int, default=40, help="resumes embedded one at a time")
    parser.add_argument("--bulk", type=int, default=40, help="resumes embedded in one batch")
    parser.add_argument("--passes", type=int, default=20, help="single passes timed per length")
    parser.add_argument("--threads", type=int, default=1, help="JOBFIT_EMBEDDING_THREADS (minilm)")
    parser.add_argument("--concurrency", type=int, default=1, help="processes embedding at once (>1: also measured)")
    parser.add_argument("--duration", type=float, default=20.0, help="seconds of the concurrent run")
    parser.add_argument("--provider", help="one provider (default: each offline one)")
    parser.add_argument("--model")
    parser.add_argument("--base-url")
    parser.add_argument("--dimensions", type=int)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--load-only", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--concurrent", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(concurrent(args) if args.concurrent else measure(args)))
        return
    for i, provider in enumerate([args.provider] if args.provider else ["minilm", "wordllama"]):
        if i:
            print()
        report(provider, args)


if __name__ == "__main__":
    main()

"""Benchmark the embedders: model load, per-resume latency, bulk throughput and memory, as markdown tables.

A resume here is what `embed_chunks` sends: the full text plus 6 sections, in one call. Without
`--provider`, each offline embedder (minilm, the default; wordllama) is measured in a process of its own, so
its peak RSS is its own.

    .venv/bin/python bench/embeddings.py                 # every offline embedder
    .venv/bin/python bench/embeddings.py --provider openai \
        --base-url http://127.0.0.1:11434/v1 --model nomic-embed-text   # e.g. a local Ollama
"""

from __future__ import annotations

import argparse
import platform
import random
import resource
import statistics
import subprocess
import sys
import time

from jobfit.documents.models import Section
from jobfit.embeddings import document_chunks, embed_chunks, get_embedder

_SKILLS = ["Python", "Go", "Kubernetes", "PostgreSQL", "Terraform", "React", "TypeScript", "AWS", "Kafka",
           "Airflow", "Docker", "FastAPI", "Django", "Spark", "Snowflake", "gRPC", "Redis", "Linux"]
_VERBS = ["Built", "Led", "Designed", "Migrated", "Scaled", "Automated", "Reduced", "Shipped", "Mentored"]
_OBJECTS = ["payment APIs", "data pipelines", "a CI/CD platform", "search ranking", "the billing service",
            "an ML feature store", "observability dashboards", "a mobile backend", "internal tooling"]


def synthetic_resume(rng: random.Random) -> tuple[str, dict[str, Section]]:
    """A plausible ~600-word resume with summary, experience, education, skills, projects, certifications."""
    def bullets(n: int) -> str:
        return "\n".join(
            f"- {rng.choice(_VERBS)} {rng.choice(_OBJECTS)} with {rng.choice(_SKILLS)} "
            f"and {rng.choice(_SKILLS)}, cutting latency by {rng.randint(10, 80)}% "
            f"for {rng.randint(2, 900)}k users"
            for _ in range(n)
        )

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--iterations", type=int, default=40, help="resumes embedded one at a time")
    parser.add_argument("--bulk", type=int, default=40, help="resumes embedded in one batch")
    parser.add_argument("--provider", help="one provider (default: each offline one, in its own process)")
    parser.add_argument("--model")
    parser.add_argument("--base-url")
    parser.add_argument("--dimensions", type=int)
    args = parser.parse_args()
    if args.provider is None:
        for provider in ("minilm", "wordllama"):
            subprocess.run([sys.executable, __file__, "--provider", provider, "--iterations", str(args.iterations),
                            "--bulk", str(args.bulk)], check=True)
            print()
        return

    rng = random.Random(7)
    resumes = [synthetic_resume(rng) for _ in range(max(args.iterations, args.bulk))]
    embedder = get_embedder(
        args.provider, model=args.model, base_url=args.base_url, dimensions=args.dimensions
    )

    started = time.perf_counter()
    embedder.embed(["warm-up: load the model"])
    load_s = time.perf_counter() - started

    latencies = []
    for full, sections in resumes[: args.iterations]:
        t0 = time.perf_counter()
        embed_chunks(embedder, document_chunks(full, sections))
        latencies.append(time.perf_counter() - t0)
    chunks_per_resume = len(document_chunks(*resumes[0]))
    avg_chars = statistics.mean(len(text) for full, s in resumes for _, text in document_chunks(full, s))

    bulk_texts = [text for full, s in resumes[: args.bulk] for _, text in document_chunks(full, s)]
    t0 = time.perf_counter()
    embedder.embed(bulk_texts)
    bulk_s = time.perf_counter() - t0

    print(f"### Embeddings: `{embedder.name}` ({embedder.dim}-d), Python {platform.python_version()}, "
          f"{platform.machine()}\n")
    print("| metric | value |")
    print("| --- | --- |")
    print(f"| first call incl. model load | {load_s * 1000:.0f} ms |")
    print(f"| resume = chunks per `embed_chunks` call | {chunks_per_resume} (avg {avg_chars:.0f} chars) |")
    print(f"| resume latency p50 (n={args.iterations}) | {percentile(latencies, 0.5) * 1000:.2f} ms |")
    print(f"| resume latency p95 | {percentile(latencies, 0.95) * 1000:.2f} ms |")
    per_call = chunks_per_resume * len(latencies) / sum(latencies)
    print(f"| throughput, one resume per call | {per_call:,.0f} texts/s |")
    bulk = len(bulk_texts) / bulk_s
    print(f"| throughput, bulk ({len(bulk_texts)} texts in one call) | {bulk:,.0f} texts/s |")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"| peak RSS of this process (model loaded, after the runs) | {peak_mb:.0f} MB |")


if __name__ == "__main__":
    main()

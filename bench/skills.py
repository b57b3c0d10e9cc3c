"""Benchmark of the skills extractor: JD skill extraction precision/recall and extraction speed.

Data (skipped with a message when the evaldata folder is missing):
- SkillSpan job postings (`skillspan_job_postings/{dev,test}.json`): gold = union of expert skill and
  knowledge spans per sentence;
- Green et al. 2022 JD sentences (`green2022_jd_entities/testset_gold_conll.txt`): gold = Skill spans.

Criterion (lenient span overlap, per sentence): each sentence is rebuilt as its tokens joined by single
spaces; a predicted skill span is correct when it shares at least one character with a gold span of the
same sentence (precision = correct predictions / predictions); a gold span is found when at least one
prediction overlaps it (recall = found gold spans / gold spans). Gold spans are often long clauses
("manage all aspects of the kitchen"), so recall is bounded well below 1 for any dictionary extractor.

Recall per kind: each gold span is put in one kind by its words (`KIND_WORDS`, first kind that matches, else
"domain"), so the holes of the taxonomy show by kind: ML/data, web, cloud/devops, soft skills, domain.

Speed: p50/p95 milliseconds of `extract_skills` over resume-length texts (~800 words, built by joining
consecutive SkillSpan sentences) after the taxonomy is loaded, and the cold taxonomy load+index time.

Run: .venv/bin/python bench/skills.py [--evaldata ../shared/evaldata] [--no-esco]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from jobfit.skills.extractor import find_skill_spans  # noqa: E402
from jobfit.skills.loader import load_taxonomy  # noqa: E402
from jobfit.skills.taxonomy import Taxonomy  # noqa: E402

Sentence = tuple[str, list[tuple[int, int]]]  # text, gold character spans

# Word stems that put a gold span in a kind (checked in this order; a span matching none is "domain").
KIND_WORDS: dict[str, tuple[str, ...]] = {
    "ML/data": ("learn", "machine", "model", "data", "statist", "analytic", "neural", "nlp", "vision", "regress",
                "cluster", "classif", "predict", "mining", "sql", "etl", "warehouse", "spark", "hadoop", "pandas",
                "tableau", "power bi", "ai ", "artificial", "forecast", "big data", "python", " r "),
    "web": ("web", "html", "css", "javascript", "typescript", "react", "angular", "vue", "frontend", "front-end",
            "front end", "backend", "back-end", "api", "rest", "node", "php", "django", "flask", "http", "ui ",
            "ux"),
    "cloud/devops": ("cloud", "aws", "azure", "gcp", "kubernetes", "docker", "devops", "terraform", "ci/cd",
                     "container", "serverless", "infrastructure", "linux", "deploy", "jenkins", "ansible"),
    "soft skills": ("communicat", "team", "leader", "interpersonal", "problem", "motivat", "independ", "organi",
                    "attention to detail", "collaborat", "flexib", "adapt", "creativ", "responsib", "english",
                    "customer", "initiative", "proactive", "self-", "structured", "analytical", "curious",
                    "passion", "drive", "negotiat", "present"),
}


def kind_of(span_text: str) -> str:
    text = f" {span_text.lower()} "
    return next((kind for kind, words in KIND_WORDS.items() if any(w in text for w in words)), "domain")


def bio_spans(tokens: list[str], tags: list[str]) -> list[tuple[int, int]]:
    """Character spans of BIO-tagged entities in " ".join(tokens)."""
    spans: list[tuple[int, int]] = []
    offset, start, end = 0, -1, -1
    for tok, tag in zip(tokens, tags, strict=True):
        if tag.startswith("B") or (tag.startswith("I") and start < 0):
            if start >= 0:
                spans.append((start, end))
            start = offset
        elif not tag.startswith("I") and start >= 0:
            spans.append((start, end))
            start = -1
        if start >= 0:
            end = offset + len(tok)
        offset += len(tok) + 1
    if start >= 0:
        spans.append((start, end))
    return spans


def load_skillspan(folder: Path) -> list[Sentence]:
    sentences: list[Sentence] = []
    for split in ("dev", "test"):
        path = folder / f"{split}.json"
        if not path.exists():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            toks = row["tokens"]
            gold = bio_spans(toks, row["tags_skill"]) + bio_spans(toks, row["tags_knowledge"])
            sentences.append((" ".join(toks), gold))
    return sentences


def load_green(folder: Path) -> list[Sentence]:
    path = folder / "testset_gold_conll.txt"
    if not path.exists():
        return []
    sentences: list[Sentence] = []
    toks: list[str] = []
    tags: list[str] = []
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        parts = line.split()
        if len(parts) >= 2:
            toks.append(parts[0])
            tags.append(parts[1] if parts[1].endswith("Skill") else "O")
        elif toks:
            sentences.append((" ".join(toks), bio_spans(toks, tags)))
            toks, tags = [], []
    return sentences


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def score(sentences: list[Sentence], taxonomy: Taxonomy) -> dict[str, float]:
    tp_pred = n_pred = found = n_gold = 0
    kinds: dict[str, list[int]] = {kind: [0, 0] for kind in (*KIND_WORDS, "domain")}  # kind -> [found, gold]
    for text, gold in sentences:
        preds = [(s.start, s.end) for s in find_skill_spans(text, taxonomy=taxonomy)]
        n_pred += len(preds)
        n_gold += len(gold)
        tp_pred += sum(any(overlaps(p, g) for g in gold) for p in preds)
        for g in gold:
            hit = any(overlaps(g, p) for p in preds)
            found += hit
            counts = kinds[kind_of(text[g[0] : g[1]])]
            counts[0] += hit
            counts[1] += 1
    precision = tp_pred / n_pred if n_pred else 0.0
    recall = found / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "sentences": len(sentences),
        "gold": n_gold,
        "pred": n_pred,
        "P": precision,
        "R": recall,
        "F1": f1,
        **{f"R {kind}": (f / n if n else 0.0) for kind, (f, n) in kinds.items()},
        **{f"n {kind}": n for kind, (_, n) in kinds.items()},
    }


def resume_texts(sentences: list[Sentence], words: int = 800, count: int = 40) -> list[str]:
    texts: list[str] = []
    current: list[str] = []
    n_words = 0
    for text, _ in sentences:
        current.append(text)
        n_words += len(text.split())
        if n_words >= words:
            texts.append("\n".join(current))
            current, n_words = [], 0
            if len(texts) == count:
                break
    return texts


def main() -> int:
    parser = argparse.ArgumentParser(description="skills extractor benchmark")
    parser.add_argument("--evaldata", type=Path, default=REPO.parent / "shared" / "evaldata")
    parser.add_argument("--no-esco", action="store_true", help="curated taxonomy only")
    args = parser.parse_args()
    if not args.evaldata.is_dir():
        print(f"evaldata folder {args.evaldata} not found: skipping the skills benchmark")
        return 0

    started = time.perf_counter()
    taxonomy = load_taxonomy(include_esco=not args.no_esco)
    _ = taxonomy.index
    load_ms = (time.perf_counter() - started) * 1000

    datasets = {
        "skillspan (dev+test)": load_skillspan(args.evaldata / "skillspan_job_postings"),
        "green2022 (test, Skill)": load_green(args.evaldata / "green2022_jd_entities"),
    }
    label = "curated" if args.no_esco else "curated+ESCO"
    print(f"## Skills extraction, taxonomy {taxonomy.version} ({label}, {len(taxonomy)} skills)\n")
    print("| dataset | sentences | gold spans | predicted | precision | recall | F1 |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    results = {}
    for name, sentences in datasets.items():
        if not sentences:
            print(f"| {name} | missing | | | | | |")
            continue
        r = results[name] = score(sentences, taxonomy)
        counts = f"{r['sentences']} | {r['gold']} | {r['pred']}"
        print(f"| {name} | {counts} | {r['P']:.3f} | {r['R']:.3f} | {r['F1']:.3f} |")
    kinds = (*KIND_WORDS, "domain")
    print("\nRecall by kind of gold span (spans of that kind):\n")
    print("| dataset | " + " | ".join(kinds) + " |\n|---|" + "---:|" * len(kinds))
    for name, r in results.items():
        print(f"| {name} | " + " | ".join(f"{r['R ' + k]:.3f} ({r['n ' + k]})" for k in kinds) + " |")

    texts = resume_texts(datasets["skillspan (dev+test)"]) or ["Python developer with AWS and Docker. " * 130]
    timings = []
    for text in texts:
        t0 = time.perf_counter()
        find_skill_spans(text, taxonomy=taxonomy)
        timings.append((time.perf_counter() - t0) * 1000)
    timings.sort()
    p95 = timings[min(len(timings) - 1, int(0.95 * len(timings)))]
    print("\n| speed | value |\n|---|---:|")
    print(f"| taxonomy load + index (cold, ms) | {load_ms:.1f} |")
    print(f"| extract p50 per ~800-word text (ms) | {statistics.median(timings):.2f} |")
    print(f"| extract p95 per ~800-word text (ms) | {p95:.2f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

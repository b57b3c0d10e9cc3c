"""Resume fields against labels written by others: skills, work dates and degrees in the dotin annotations,
exact experience and education entries in the rendercv YAML, statement-sized lines on every resume set.

Run: .venv/bin/python bench/resume_fields.py [--evaldata ../shared/evaldata] [--verbose]

Data (`../shared/evaldata`, see its README; the script prints a message and exits 0 when it is missing):
- dotin_resume_ner_cc0: 360 resume texts with inline entity labels (CC0), reported per split: the 310
  "train" files and the 50 "set aside" files. Each text is the labelled XML with its tags stripped, parsed
  with `parse_resume_text` (the texts have no file, so no file date: "Present" counts to --today).
- rendercv_examples: one YAML CV rendered by 9 themes; the YAML is exact ground truth.
- kaggle_updated_resume_dataset (deduplicated), soupboss_pdf_docx_pairs, livecareer_resume_pdfs_sample: line
  shape only (no labels).

Criteria (fixed before measuring; per resume, then summed over resumes):
- Skills. Gold = the distinct spans labelled "Tech Tools", "Job Specific Skills" or "Soft Skills", lower-cased
  with whitespace collapsed. Predicted = the distinct surfaces (as written in the resume) of the parser's skill
  mentions, normalised the same way. A prediction is correct when it equals a gold span or one contains the
  other as whole words ("python" in "python scripting"); precision = correct predictions / predictions. A gold
  span is found when some prediction equals or contains it, or is contained in it as whole words; recall =
  found / gold. The annotators did not label every skill of every resume, so precision is a lower bound.
- Work dates. Gold = the "Years of Experience" spans that are date ranges: at least two years, or one year and
  a word for "now" (present, current, till/to date, now, ongoing, since); spans such as "11 years" or "6
  months" are stated totals, not ranges, and are left out. A 2-digit year counts after a month or a slash
  ("Jul 11", "09/14"). A gold range is found when an experience entry starts in its first year and ends in
  its last year (or is current when the span says "now"); recall = found / gold ranges. Precision = entries
  whose (start year, end year or current) equals some gold range of the resume / entries.
- Degrees. Gold = the "Degree" spans. Predicted = the distinct degree strings of the education entries. A
  prediction is correct when it and a gold span contain one another (case-insensitive); precision, recall as
  for skills. Gold spans include certifications the annotators labelled as degrees ("PMP").
- rendercv. An experience entry is right when its (start, end) equals the YAML's (month precision; "present"
  = current); an education entry when its level, field, institution and year (the end year) equal the YAML's.
- Lines. A line longer than 300 characters is not a statement-sized unit (the evidence engine cites lines):
  reported as the share of resumes that have one and the share of all text that sits in such lines.
"""

from __future__ import annotations

import argparse
import csv
import html
import re
import sys
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml

from jobfit.documents.errors import DocumentError
from jobfit.documents.models import ParsedResume
from jobfit.documents.resume import parse_resume, parse_resume_text

DEFAULT_EVALDATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "evaldata"
SKILL_LABELS = ("Tech Tools", "Job Specific Skills", "Soft Skills")
LONG_LINE = 300
_NOW = re.compile(r"(?i)\b(present|current(?:ly)?|till\s+date|to\s+date|now|ongoing|since|till\s+now)\b")
_MONTH_WORD = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_NUMBER = re.compile(r"(?<!\d)(\d{4}|\d{2})(?!\d)")
_SHORT_YEAR_BEFORE = re.compile(rf"(?:{_MONTH_WORD}\s*|[/'’]\s*|(?:19|20)\d\d\s*[-–]\s*)$", re.I)


@dataclass
class Counts:
    """Correct predictions, predictions, found gold, gold."""

    correct: int = 0
    predicted: int = 0
    found: int = 0
    gold: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, other: Counts) -> None:
        self.correct += other.correct
        self.predicted += other.predicted
        self.found += other.found
        self.gold += other.gold

    def row(self) -> str:
        p = self.correct / self.predicted if self.predicted else float("nan")
        r = self.found / self.gold if self.gold else float("nan")
        f = 2 * p * r / (p + r) if p + r else 0.0
        return f"{self.gold} | {self.predicted} | {p:.3f} | {r:.3f} | {f:.3f}"


def norm(value: str) -> str:
    return re.sub(r"\s+", " ", value).strip().lower()


def _contains_words(outer: str, inner: str) -> bool:
    return bool(inner) and re.search(rf"(?<!\w){re.escape(inner)}(?!\w)", outer) is not None


def dotin_documents(evaldata: Path) -> dict[str, list[tuple[str, str, dict[str, list[str]]]]]:
    """Split name -> [(file name, text with the tags stripped, label type -> spans as written)]."""
    splits: dict[str, list[tuple[str, str, dict[str, list[str]]]]] = {}
    for split, archive_name in (("train", "545_cvs_train_v2.zip"), ("set aside", "set_aside_test_v2_50cvs.zip")):
        docs = splits.setdefault(split, [])
        with zipfile.ZipFile(evaldata / "dotin_resume_ner_cc0" / archive_name) as archive:
            for name in sorted(archive.namelist()):
                if not name.endswith(".xml") or name.startswith("__MACOSX/"):
                    continue
                raw = archive.read(name).decode("utf-8", errors="replace")
                body = re.sub(r"<\?xml[^>]*\?>|</?cv>", "", raw)
                labels: dict[str, list[str]] = {}
                for kind, span in re.findall(r'<label type="([^"]+)">(.*?)</label>', body, re.S):
                    labels.setdefault(kind, []).append(" ".join(html.unescape(span).split()))
                text = html.unescape(re.sub(r"</?label[^>]*>", "", body)).strip().strip('"')
                docs.append((Path(name).name, text, labels))
    return splits


def skill_counts(resume: ParsedResume, labels: dict[str, list[str]]) -> Counts:
    gold = {norm(s) for kind in SKILL_LABELS for s in labels.get(kind, []) if s.strip()}
    predicted = {norm(m.surface) for m in resume.skills if m.surface.strip()}
    counts = Counts(predicted=len(predicted), gold=len(gold))
    for p in predicted:
        counts.correct += any(p == g or _contains_words(g, p) or _contains_words(p, g) for g in gold)
    for g in gold:
        hit = any(p == g or _contains_words(g, p) or _contains_words(p, g) for p in predicted)
        counts.found += hit
        if not hit:
            counts.misses.append(g)
    return counts


def _year(token: str) -> int:
    value = int(token)
    if value >= 100:
        return value
    return 2000 + value if value < 50 else 1900 + value


def gold_range(span: str) -> tuple[int, int | None] | None:
    """(first year, last year or None for "now") of a labelled span that is a date range, else None."""
    years = [_year(m.group(1)) for m in _NUMBER.finditer(span)
             if re.fullmatch(r"(?:19|20)\d\d", m.group(1)) or (len(m.group(1)) == 2
                                                             and _SHORT_YEAR_BEFORE.search(span[: m.start()]))]
    now = _NOW.search(span) is not None
    if not years or (len(years) < 2 and not now):
        return None
    return years[0], None if now else years[-1]


def date_counts(resume: ParsedResume, labels: dict[str, list[str]]) -> Counts:
    gold = [g for g in (gold_range(s) for s in labels.get("Years of Experience", [])) if g is not None]
    got = []
    for entry in resume.experience:
        if entry.start is None:
            continue
        end = None if entry.is_current else int(entry.end[:4]) if entry.end else None
        got.append((int(entry.start[:4]), end, entry.is_current))
    gold_set = set(gold)
    counts = Counts(predicted=len(got), gold=len(gold))
    counts.correct = sum((start, end) in gold_set for start, end, _ in got)
    got_set = {(start, end) for start, end, _ in got}
    for g in gold:
        hit = g in got_set
        counts.found += hit
        if not hit:
            counts.misses.append(f"{g[0]}-{g[1] or 'now'}")
    return counts


def degree_counts(resume: ParsedResume, labels: dict[str, list[str]]) -> Counts:
    gold = {norm(d) for d in labels.get("Degree", []) if d.strip()}
    predicted = {norm(e.degree) for e in resume.education if e.degree}
    counts = Counts(predicted=len(predicted), gold=len(gold))
    counts.correct = sum(any(p in g or g in p for g in gold) for p in predicted)
    for g in gold:
        hit = any(p in g or g in p for p in predicted)
        counts.found += hit
        if not hit:
            counts.misses.append(g)
    return counts


def bench_dotin(evaldata: Path, today: date, verbose: bool) -> None:
    print("## dotin resume fields (labels by the dataset's annotators)\n")
    print("| split | field | gold | predicted | precision | recall | F1 |\n|---|---|---:|---:|---:|---:|---:|")
    misses: dict[str, Counter[str]] = {"skills": Counter(), "dates": Counter(), "degrees": Counter()}
    for split, docs in dotin_documents(evaldata).items():
        totals = {"skills": Counts(), "dates": Counts(), "degrees": Counts()}
        for _name, text, labels in docs:
            resume = parse_resume_text(text, today=today)
            for key, counts in (("skills", skill_counts(resume, labels)), ("dates", date_counts(resume, labels)),
                                ("degrees", degree_counts(resume, labels))):
                totals[key].add(counts)
                misses[key].update(counts.misses)
        for key, counts in totals.items():
            print(f"| {split} ({len(docs)}) | {key} | {counts.row()} |")
    if verbose:
        for key, counter in misses.items():
            print(f"\nmost missed {key}: " + ", ".join(f"{g} ({n})" for g, n in counter.most_common(40)))


def _yaml_point(value: object) -> str | None:
    text = str(value).strip()
    if text.lower() == "present":
        return None
    return text[:7]


def bench_rendercv(evaldata: Path, today: date) -> None:
    folder = evaldata / "rendercv_examples"
    print("\n## rendercv: entries against the YAML (9 themes)\n")
    print("| theme | experience entries right | education entries right |\n|---|---:|---:|")
    total_exp = total_edu = right_exp = right_edu = 0
    for pdf in sorted(folder.glob("*.pdf")):
        cv = yaml.safe_load(pdf.with_suffix(".yaml").read_text())["cv"]
        resume = parse_resume(pdf.read_bytes(), pdf.name, today=today)
        want_exp = [(_yaml_point(e["start_date"]), _yaml_point(e["end_date"])) for e in cv["sections"]["experience"]]
        got_exp = [(e.start, None if e.is_current else e.end) for e in resume.experience]
        exp_ok = sum(1 for item in want_exp if item in got_exp)
        levels = {"phd": "doctorate", "bs": "bachelor", "ms": "master", "ba": "bachelor"}
        want_edu = [(levels.get(e["degree"].lower(), e["degree"].lower()), e["area"], e["institution"],
                     int(str(e["end_date"])[:4])) for e in cv["sections"]["education"]]
        got_edu = [(e.degree_level, e.field, e.institution, e.year) for e in resume.education]
        edu_ok = sum(1 for item in want_edu if item in got_edu)
        theme = pdf.stem.replace("John_Doe_", "").replace("Theme_CV", "")
        print(f"| {theme} | {exp_ok}/{len(want_exp)} | {edu_ok}/{len(want_edu)} |")
        total_exp += len(want_exp)
        total_edu += len(want_edu)
        right_exp += exp_ok
        right_edu += edu_ok
    print(f"| **all** | **{right_exp}/{total_exp}** | **{right_edu}/{total_edu}** |")


def kaggle_texts(evaldata: Path) -> list[str]:
    path = evaldata / "kaggle_updated_resume_dataset" / "UpdatedResumeDataSet.csv"
    csv.field_size_limit(10**8)
    with path.open(encoding="utf-8", errors="replace", newline="") as handle:
        return list(dict.fromkeys(row["Resume"] for row in csv.DictReader(handle)))


def _line_shape(resumes: list[ParsedResume]) -> str:
    with_long = sum(any(len(line) > LONG_LINE for line in r.text_content.split("\n")) for r in resumes)
    chars = sum(len(r.text_content) for r in resumes)
    in_long = sum(len(line) for r in resumes for line in r.text_content.split("\n") if len(line) > LONG_LINE)
    longest = max((len(line) for r in resumes for line in r.text_content.split("\n")), default=0)
    flagged = sum(any(c.id == "statements" and not c.passed for c in r.quality_checks) for r in resumes)
    return (f"{len(resumes)} | {with_long} ({100 * with_long / max(len(resumes), 1):.0f}%) | "
            f"{100 * in_long / max(chars, 1):.1f}% | {longest} | {flagged}")


def bench_lines(evaldata: Path, today: date) -> None:
    print(f"\n## Lines over {LONG_LINE} characters\n")
    print("| set | resumes | with such a line | text in such lines | longest line | flagged |")
    print("|---|---:|---:|---:|---:|---:|")
    dotin = [text for docs in dotin_documents(evaldata).values() for _n, text, _l in docs]
    print(f"| dotin texts | {_line_shape([parse_resume_text(t, today=today) for t in dotin])} |")
    kaggle = [parse_resume_text(t, today=today) for t in kaggle_texts(evaldata)]
    print(f"| kaggle texts (unique) | {_line_shape(kaggle)} |")
    for label, paths in (
        ("soupboss DOCX", sorted((evaldata / "soupboss_pdf_docx_pairs").glob("*.docx"))),
        ("soupboss PDF", sorted((evaldata / "soupboss_pdf_docx_pairs").glob("*.pdf"))),
        ("livecareer PDFs (every 4th)", sorted((evaldata / "livecareer_resume_pdfs_sample").rglob("*.pdf"))[::4]),
    ):
        resumes = []
        for path in paths:
            try:
                resumes.append(parse_resume(path.read_bytes(), path.name, today=today))
            except DocumentError:
                continue
        print(f"| {label} | {_line_shape(resumes)} |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--evaldata", type=Path, default=DEFAULT_EVALDATA)
    parser.add_argument("--today", type=date.fromisoformat, default=date(2026, 12, 1),
                        help="the date 'Present' counts to when a resume has no date of its own")
    parser.add_argument("--only", default="dotin,rendercv,lines")
    parser.add_argument("--verbose", action="store_true", help="list the most missed gold values")
    args = parser.parse_args(argv)
    if not args.evaldata.is_dir():
        print(f"evaldata not found at {args.evaldata}: nothing to benchmark.")
        return 0
    parts = set(args.only.split(","))
    if "dotin" in parts:
        bench_dotin(args.evaldata, args.today, args.verbose)
    if "rendercv" in parts:
        bench_rendercv(args.evaldata, args.today)
    if "lines" in parts:
        bench_lines(args.evaldata, args.today)
    return 0


if __name__ == "__main__":
    sys.exit(main())

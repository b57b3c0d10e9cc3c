"""Parsing benchmark over the evaldata folder: contact accuracy, section-heading recall, PDF/DOCX parity,
rendercv layout invariance, dotin field F1, crash-free run over livecareer PDFs, and parse speed.

Usage: python bench/parsing.py [--evaldata PATH] [--limit N] [--workers N]
Prints markdown tables; exits 0 with a message when evaldata is missing.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import yaml

from jobfit.documents.errors import DocumentError
from jobfit.documents.models import ParsedResume
from jobfit.documents.resume import parse_resume, parse_resume_text
from jobfit.documents.sections import find_headings, heading_key

sys.path.insert(0, str(Path(__file__).resolve().parent))
from resume_fields import dotin_documents as dotin_splits

DEFAULT_EVALDATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "evaldata"


def digits(value: str | None) -> str:
    return re.sub(r"\D", "", value or "")


def phone_match(found: str | None, truth: str) -> bool:
    got, want = digits(found), digits(truth)
    return bool(got) and (got == want or got.endswith(want) or (want.endswith(got[-10:]) and len(got) >= 10))


def norm(value: str | None) -> str:
    value = (value or "").lower().strip()
    value = re.sub(r"^(https?://)?(www\.)?", "", value).rstrip("/")
    return re.sub(r"\s+", " ", value)


class Tally:
    def __init__(self) -> None:
        self.hits: Counter[str] = Counter()
        self.total: Counter[str] = Counter()
        self.misses: dict[str, list[str]] = {}

    def add(self, field: str, ok: bool, detail: str = "") -> None:
        self.total[field] += 1
        self.hits[field] += int(ok)
        if not ok:
            self.misses.setdefault(field, []).append(detail)

    def rate(self, field: str) -> float:
        return 100.0 * self.hits[field] / self.total[field] if self.total[field] else float("nan")


def parse_file(path: Path) -> ParsedResume:
    return parse_resume(path.read_bytes(), path.name)


def soupboss_truth(folder: Path) -> list[dict[str, object]]:
    """Contacts listed in SOURCE.txt: 'Name email phone (file) / phone (file); ...'."""
    text = (folder / "SOURCE.txt").read_text()
    block = text.split("Contacts visible in the PDFs", 1)[-1].split("Use:", 1)[0]
    block = re.sub(r"\s+", " ", block.split(":", 1)[-1])
    people = []
    for chunk in block.split(";"):
        email = re.search(r"\S+@\S+", chunk)
        if not email:
            continue
        name = chunk[: email.start()].strip()
        phones = re.findall(r"(\d{3}-\d{3}-\d{4})(?:\s*\(([^)]+)\))?", chunk)
        people.append({"name": name, "email": email.group(0), "phones": phones})
    return people


def bench_contacts(evaldata: Path, cache: dict[Path, ParsedResume | str]) -> Tally:
    tally = Tally()

    def check(path: Path, name: str | None, emails: list[str], phones: list[str], extra: dict[str, str]) -> None:
        resume = cache.get(path)
        if resume is None:
            try:
                resume = parse_file(path)
            except DocumentError as exc:
                resume = exc.code
            cache[path] = resume
        if isinstance(resume, str):
            for field in ("name", "email", "phone"):
                tally.add(field, False, f"{path.name}: {resume}")
            return
        c = resume.contact_info
        if name:
            tally.add(
                "name",
                norm(c.name.value if c.name else None) == norm(name),
                f"{path.name}: {c.name.value if c.name else None!r} != {name!r}",
            )
        if emails:
            got = norm(c.email.value if c.email else None)
            tally.add("email", got in {norm(e) for e in emails}, f"{path.name}: {got!r}")
        if phones:
            got = c.phone.value if c.phone else None
            tally.add("phone", any(phone_match(got, p) for p in phones), f"{path.name}: {got!r} vs {phones}")
        for field, want in extra.items():
            got = getattr(c, field)
            tally.add(
                field,
                norm(got.value if got else None) == norm(want),
                f"{path.name}: {got.value if got else None!r} != {want!r}",
            )

    latex = json.loads((evaldata / "latex_resume_templates" / "ground_truth.json").read_text())
    for file, truth in latex.items():
        if file.startswith("_"):
            continue
        extra = {"location": truth["location"]} if truth.get("location") else {}
        check(
            evaldata / "latex_resume_templates" / file,
            truth.get("name"),
            truth.get("emails", []),
            truth.get("phones", []),
            extra,
        )
    opened = json.loads((evaldata / "open_resume_examples" / "ground_truth.json").read_text())
    for file, truth in opened.items():
        if file.startswith("_"):
            continue
        profile = truth.get("profile", truth)
        extra = {"location": profile["location"]} if profile.get("location") else {}
        check(
            evaldata / "open_resume_examples" / file, profile.get("name"), [profile["email"]], [profile["phone"]], extra
        )
    expected = json.loads((evaldata / "pyresparser_fixture" / "expected.json").read_text())
    omkar = expected["OmkarResume.pdf"]
    check(
        evaldata / "pyresparser_fixture" / "OmkarResume.pdf",
        omkar["name"],
        [omkar["email_visible_in_pdf"]],
        [omkar["mobile_number"]],
        {},
    )
    for yaml_path in sorted((evaldata / "rendercv_examples").glob("*.yaml")):
        cv = yaml.safe_load(yaml_path.read_text())["cv"]
        extra = {"location": cv["location"], "website": cv["website"]}
        for network in cv.get("social_networks") or []:
            key = network["network"].lower()
            extra[key] = (
                f"linkedin.com/in/{network['username']}" if key == "linkedin" else (f"github.com/{network['username']}")
            )
        check(yaml_path.with_suffix(".pdf"), cv["name"], [cv["email"]], [cv["phone"]] if cv.get("phone") else [], extra)
    soup = evaldata / "soupboss_pdf_docx_pairs"
    people = soupboss_truth(soup)
    for path in sorted(soup.glob("0*.*")):
        raw = path.read_bytes()
        try:
            text = parse_resume(raw, path.name).text_content
        except DocumentError:
            text = ""
        person = next((p for p in people if str(p["email"]) in text), None)
        if person is None:
            continue
        phones = [num for num, label in person["phones"] if not label or label == path.stem]  # type: ignore[union-attr]
        check(path, str(person["name"]), [str(person["email"])], phones, {})
    return tally


def bench_sections(evaldata: Path) -> tuple[int, int, list[str]]:
    found = total = 0
    misses: list[str] = []
    sets = [
        ("latex_resume_templates", "section_headings"),
        ("latex_resume_templates", "section_headings_first_page"),
        ("open_resume_examples", "section_headings"),
    ]
    for folder, key in sets:
        truth = json.loads((evaldata / folder / "ground_truth.json").read_text())
        for file, entry in truth.items():
            if file.startswith("_") or key not in entry:
                continue
            resume = parse_file(evaldata / folder / file)
            lines = resume.text_content.split("\n")
            keys = {heading_key(h.text) for h in find_headings(lines)}
            for heading in entry[key]:
                total += 1
                if heading_key(heading) in keys:
                    found += 1
                else:
                    misses.append(f"{file}: {heading}")
    return found, total, misses


def summary_of(resume: ParsedResume) -> dict[str, object]:
    c = resume.contact_info
    return {
        "name": c.name.value if c.name else None,
        "email": c.email.value if c.email else None,
        "phone": c.phone.value if c.phone else None,
        "location": c.location.value if c.location else None,
        "sections": sorted(resume.sections),
        "experience": [(e.start, e.end) for e in resume.experience],
        "total years": resume.total_years_experience,
        "education": sorted((e.degree_level, e.field or "", e.institution or "", e.year or 0)
                            for e in resume.education),
        "skills": sorted({s.skill_id for s in resume.skills}),
    }


def bench_parity(evaldata: Path) -> tuple[Counter[str], Counter[str], list[str]]:
    agree: Counter[str] = Counter()
    total: Counter[str] = Counter()
    notes: list[str] = []
    soup = evaldata / "soupboss_pdf_docx_pairs"
    for pdf in sorted(soup.glob("*.pdf")):
        docx = pdf.with_suffix(".docx")
        if not docx.exists():
            continue
        a, b = summary_of(parse_file(pdf)), summary_of(parse_file(docx))
        for field in a:
            total[field] += 1
            agree[field] += int(a[field] == b[field])
            if a[field] != b[field]:
                notes.append(f"{pdf.stem} {field}: pdf={a[field]!r} docx={b[field]!r}")
    return agree, total, notes


def bench_rendercv(evaldata: Path) -> tuple[dict[str, dict[str, object]], dict[str, object]]:
    folder = evaldata / "rendercv_examples"
    cv = yaml.safe_load(next(folder.glob("*.yaml")).read_text())["cv"]
    truth = {
        "name": cv["name"],
        "email": cv["email"],
        "location": cv["location"],
        "website": norm(cv["website"]),
        "experience_entries": len(cv["sections"].get("experience", [])),
        "education_levels": sorted(
            {"doctorate" if "ph" in e["degree"].lower() else "bachelor" for e in cv["sections"].get("education", [])}
        ),
    }
    rows: dict[str, dict[str, object]] = {}
    for pdf in sorted(folder.glob("*.pdf")):
        resume = parse_file(pdf)
        c = resume.contact_info
        rows[pdf.stem.replace("John_Doe_", "").replace("Theme_CV", "")] = {
            "name": c.name.value if c.name else None,
            "email": c.email.value if c.email else None,
            "location": c.location.value if c.location else None,
            "website": norm(c.website.value) if c.website else None,
            "experience_entries": len(resume.experience),
            "education_levels": sorted({e.degree_level for e in resume.education}),
            "sections": tuple(sorted(resume.sections)),
            "skills": len({s.skill_id for s in resume.skills}),
        }
    return rows, truth


def dotin_documents(evaldata: Path) -> list[tuple[str, dict[str, list[str]]]]:
    """(text, labels) of every dotin resume, the set-aside split first (`resume_fields.dotin_documents`)."""
    splits = dotin_splits(evaldata)
    return [(text, labels) for split in ("set aside", "train") for _name, text, labels in splits[split]]


def f1(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return 100 * p, 100 * r, (200 * p * r / (p + r) if p + r else 0.0)


def bench_dotin(evaldata: Path, limit: int | None) -> dict[str, tuple[float, float, float]]:
    counts = {k: [0, 0, 0] for k in ("name", "email", "degree", "skills")}
    docs = dotin_documents(evaldata)[: limit or None]
    for text, labels in docs:
        resume = parse_resume_text(text)
        c = resume.contact_info
        for field, got, truth in (
            ("name", c.name, labels.get("Name", [])),
            ("email", c.email, labels.get("Email Address", [])),
        ):
            got_value = norm(got.value) if got else None
            wanted = {norm(t) for t in truth}
            if got_value and got_value in wanted:
                counts[field][0] += 1
            elif got_value:
                counts[field][1] += 1
            if wanted and not (got_value and got_value in wanted):
                counts[field][2] += 1
        truth_degrees = {norm(d) for d in labels.get("Degree", [])}
        got_degrees = {norm(e.degree) for e in resume.education if e.degree}
        matched = {g for g in got_degrees if any(g in t or t in g for t in truth_degrees)}
        counts["degree"][0] += len(matched)
        counts["degree"][1] += len(got_degrees - matched)
        counts["degree"][2] += len([t for t in truth_degrees if not any(g in t or t in g for g in got_degrees)])
        truth_skills = {norm(s) for key in ("Tech Tools", "Job Specific Skills") for s in labels.get(key, [])}
        got_skills = {norm(s.surface) for s in resume.skills} | {norm(s.name) for s in resume.skills}
        tp = len({t for t in truth_skills if t in got_skills})
        counts["skills"][0] += tp
        counts["skills"][1] += len({norm(s.surface) for s in resume.skills} - truth_skills)
        counts["skills"][2] += len(truth_skills) - tp
    return {k: f1(*v) for k, v in counts.items()} | {"documents": (len(docs), 0, 0)}


def _crash_probe(path: str) -> tuple[str, str, float, int | None]:
    started = time.perf_counter()
    try:
        resume = parse_resume(Path(path).read_bytes(), Path(path).name)
        return "ok", "", (time.perf_counter() - started) * 1000, resume.metadata.pages
    except DocumentError as exc:
        return "error", exc.code, (time.perf_counter() - started) * 1000, None
    except Exception as exc:  # a crash: anything that is not a typed DocumentError
        return "crash", f"{type(exc).__name__}: {exc}"[:200], (time.perf_counter() - started) * 1000, None


def bench_crash_free(evaldata: Path, limit: int | None, workers: int) -> tuple[Counter[str], list[str], list[float]]:
    paths = sorted((evaldata / "livecareer_resume_pdfs_sample").rglob("*.pdf"))
    paths += sorted((evaldata / "ferr_hr_relevance_livecareer" / "resumes_pdf").rglob("*.pdf"))
    paths = paths[: limit or None]
    outcome: Counter[str] = Counter()
    crashes: list[str] = []
    two_page_ms: list[float] = []
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for path, (status, detail, ms, pages) in zip(
            paths, pool.map(_crash_probe, map(str, paths), chunksize=4), strict=True
        ):
            outcome[status if status != "error" else f"error:{detail}"] += 1
            if status == "crash":
                crashes.append(f"{path.name}: {detail}")
            if pages == 2:
                two_page_ms.append(ms)
    return outcome, crashes, two_page_ms


TEMPLATE_FOLDERS = ("resume_matcher_samples/resumes", "latex_resume_templates", "open_resume_examples",
                    "rendercv_examples", "soupboss_pdf_docx_pairs", "pyresparser_fixture")


def bench_entry_lines(evaldata: Path, limit: int | None) -> dict[str, tuple[int, int]]:
    """Do entries point at the document line that shows them? Per set: (right, total) over experience
    entries (their line holds their start year: the date line) and education entries (the degree is on
    their line or up to two lines above)."""
    sets = {
        "template resumes (PDF/DOCX)": [p for folder in TEMPLATE_FOLDERS for p in sorted((evaldata / folder).rglob("*"))
                                        if p.suffix.lower() in (".pdf", ".docx")],
        "livecareer + FERR PDFs": sorted((evaldata / "livecareer_resume_pdfs_sample").rglob("*.pdf"))[:: 3][:limit]
        + sorted((evaldata / "ferr_hr_relevance_livecareer" / "resumes_pdf").glob("*.pdf"))[:: 3][:limit],
    }
    out: dict[str, tuple[int, int]] = {}
    for name, paths in sets.items():
        right = total = 0
        for path in paths:
            try:
                resume = parse_file(path)
            except DocumentError:
                continue
            lines = resume.text_content.split("\n")
            for entry in resume.experience:
                if entry.start and entry.line:
                    total += 1
                    right += entry.start[:4] in lines[entry.line - 1]
            for edu in resume.education:
                if edu.degree and edu.line:
                    total += 1
                    right += edu.degree.lower()[:12] in " ".join(lines[max(edu.line - 3, 0): edu.line]).lower()
        out[name] = (right, total)
    return out


def bench_speed(evaldata: Path) -> tuple[list[float], list[float]]:
    """Sequential full-parse and extract-only timings (ms) on 2-page PDFs from the example sets."""
    from jobfit.documents.extract import extract_text

    paths = [
        p
        for folder in (
            "rendercv_examples",
            "latex_resume_templates",
            "soupboss_pdf_docx_pairs",
            "resume_matcher_samples",
        )
        for p in sorted((evaldata / folder).rglob("*.pdf"))
    ]
    parse_resume_text("warm up the skills taxonomy")
    full: list[float] = []
    extract: list[float] = []
    for path in paths:
        data = path.read_bytes()
        started = time.perf_counter()
        resume = parse_resume(data, path.name)
        elapsed = (time.perf_counter() - started) * 1000
        if resume.metadata.pages != 2:
            continue
        full.append(elapsed)
        started = time.perf_counter()
        extract_text(data, path.name)
        extract.append((time.perf_counter() - started) * 1000)
    return full, extract


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--evaldata", type=Path, default=DEFAULT_EVALDATA)
    parser.add_argument("--limit", type=int, default=None, help="cap files per crash/dotin set (quick runs)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--verbose", action="store_true", help="list misses")
    args = parser.parse_args(argv)
    evaldata: Path = args.evaldata
    if not evaldata.is_dir():
        print(f"evaldata not found at {evaldata}: nothing to benchmark.")
        return 0

    cache: dict[Path, ParsedResume | str] = {}
    tally = bench_contacts(evaldata, cache)
    print("## Contact exact match (latex, open_resume, pyresparser, rendercv YAML, soupboss)\n")
    print("| field | correct | total | rate % | target |\n|---|---|---|---|---|")
    targets = {"email": ">= 98", "phone": ">= 98", "name": ">= 90"}
    for field in ("name", "email", "phone", "location", "website", "linkedin", "github"):
        if tally.total[field]:
            print(
                f"| {field} | {tally.hits[field]} | {tally.total[field]} | {tally.rate(field):.1f} | "
                f"{targets.get(field, '-')} |"
            )
    if args.verbose:
        for field, misses in tally.misses.items():
            for miss in misses:
                print(f"- miss {field}: {miss}")

    found, total, misses = bench_sections(evaldata)
    print(
        f"\n## Section-heading recall\n\n| found | total | recall % | target |\n|---|---|---|---|\n"
        f"| {found} | {total} | {100 * found / total:.1f} | >= 95 |"
    )
    if args.verbose:
        for miss in misses:
            print(f"- missed heading: {miss}")

    agree, ptotal, notes = bench_parity(evaldata)
    print("\n## PDF vs DOCX parity (soupboss pairs)\n\n| field | agree | pairs |\n|---|---|---|")
    for field in ptotal:
        print(f"| {field} | {agree[field]} | {ptotal[field]} |")
    if args.verbose:
        for note in notes:
            print(f"- {note}")

    rows, truth = bench_rendercv(evaldata)
    print("\n## RenderCV layout invariance (9 themes vs YAML)\n")
    print("| theme | name | email | location | website | exp entries | degrees | sections | skills |")
    print("|---|---|---|---|---|---|---|---|---|")
    section_sets = Counter(row["sections"] for row in rows.values())
    for theme, row in rows.items():
        marks = [("ok" if row[k] == truth[k] else f"{row[k]}") for k in ("name", "email", "location", "website")]
        exp = f"{row['experience_entries']}/{truth['experience_entries']}"
        deg = "ok" if row["education_levels"] == truth["education_levels"] else str(row["education_levels"])
        same = "same" if row["sections"] == section_sets.most_common(1)[0][0] else str(row["sections"])
        print(f"| {theme} | {' | '.join(marks)} | {exp} | {deg} | {same} | {row['skills']} |")

    scores = bench_dotin(evaldata, args.limit)
    print(f"\n## dotin text fields ({scores.pop('documents')[0]} resumes)\n")
    print("| field | precision % | recall % | F1 % |\n|---|---|---|---|")
    for field, (p, r, f) in scores.items():
        print(f"| {field} | {p:.1f} | {r:.1f} | {f:.1f} |")

    print("\n## Entry lines (experience: the date line; education: the degree line)\n")
    print("| set | entries pointing at their line | total |\n|---|---|---|")
    for name, (right, total) in bench_entry_lines(evaldata, args.limit).items():
        print(f"| {name} | {right} | {total} |")

    outcome, crashes, two_page = bench_crash_free(evaldata, args.limit, args.workers)
    print("\n## Crash-free run (livecareer + ferr resume PDFs)\n\n| outcome | files |\n|---|---|")
    for key, count in sorted(outcome.items()):
        print(f"| {key} | {count} |")
    for crash in crashes[:20]:
        print(f"- crash: {crash}")

    full, extract = bench_speed(evaldata)
    print("\n## Speed, 2-page PDFs (ms, this machine)\n\n| set | files | p50 | p95 |\n|---|---|---|---|")
    print(f"| examples: full parse | {len(full)} | {pct(full, 0.5):.0f} | {pct(full, 0.95):.0f} |")
    print(f"| examples: extract only | {len(extract)} | {pct(extract, 0.5):.0f} | {pct(extract, 0.95):.0f} |")
    print(
        f"| livecareer: full parse ({args.workers} workers) | {len(two_page)} | {pct(two_page, 0.5):.0f} | "
        f"{pct(two_page, 0.95):.0f} |"
    )
    if full:
        print(f"\nmean full parse {statistics.mean(full):.0f} ms")
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())

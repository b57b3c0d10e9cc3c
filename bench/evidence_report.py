"""Judging packets: the product's own report on each pair of a set, written for a recruiter to check claim by claim.

    .venv/bin/python bench/evidence_report.py --set dev|heldout|heldout2|heldout3|heldout4|heldout5
                                              --out bench/evidence/<run>/
                                              [--evaldata PATH] [--pairs dev01,dev02] [--force]

For every pair of bench/evidence/pairs.json it runs the installed command line, as a user would and without a
database: `jobfit parse RESUME --json`, `jobfit parse AD --job --json` and `jobfit match RESUME AD --json` (the
configured embedder, `JOBFIT_*` settings as set). It writes, per pair:
- `<pair>.md`: the packet a judge reads (the ad and the resume as jobfit read them, with line numbers, then
  every claim with its id and the questions it asks);
- `<pair>.claims.json`: the same claims for the scorer (bench/evidence_claims.py `ClaimsFile`);
- `<pair>.judgment-template.json`: a judgment with every claim id and its questions left empty;
- `raw/<pair>.match.json`: the match output as printed;
and `run.json` (what produced the run) and `index.md`. Inputs that are not files in evaldata (SkillSpan ads,
dotin and kaggle resumes) are written to `inputs/` first, so each pair can be re-run by hand.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import subprocess
import sys
import textwrap
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))

from evidence_claims import ANSWERS, Claim, ClaimsFile, claims_from_match  # noqa: E402
from evidence_pairs import PAIRS_FILE, SIZES, ad_text, load_pairs, resume_text  # noqa: E402

# A judge reads a packet in about ten minutes: resumes longer than this are shown up to it, and past it only
# on the lines a claim cites (with a line either side).
SHOWN_LINES = 220
SHOWN_CHARS = 16000
WRAP = 110  # display width of a document line; longer lines continue on the next display line
COMMAND_TIMEOUT = 300
SCORES = ("overall_score", "confidence_score", "skills_score", "experience_score", "education_score",
          "keyword_score")
FORMAT_WORDS = {"pdf": "PDF", "two_column_pdf": "two-column PDF", "docx": "DOCX", "txt": "plain text"}


class JobfitRefused(Exception):
    """`jobfit` exited with an error for a document of the pair."""


def jobfit(*args: str) -> dict:
    """Run the jobfit command line (this interpreter's install) and return its JSON output."""
    proc = subprocess.run([sys.executable, "-m", "jobfit", *args], capture_output=True, text=True,
                          timeout=COMMAND_TIMEOUT, env={**os.environ, "NO_COLOR": "1"}, check=False)
    if proc.returncode != 0:
        raise JobfitRefused(proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else f"exit {proc.returncode}")
    return json.loads(proc.stdout)


def _input_path(evaldata: Path, inputs: Path, entry: dict, text: str | None) -> Path:
    if text is None:
        return evaldata / entry["source"]
    path = inputs / f"{entry['id']}.txt"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# ---------------------------------------------------------------- Markdown


def _md(text: str) -> str:
    """Inline text as Markdown shows it: no tag-like `<x`, no table-breaking `|`."""
    out = []
    for i, ch in enumerate(text):
        nxt = text[i + 1] if i + 1 < len(text) else ""
        out.append("\\<" if ch == "<" and (nxt.isalpha() or nxt == "/") else "\\|" if ch == "|" else ch)
    return "".join(out)


def _quote(text: str | None) -> str:
    return "“" + _md(" ".join((text or "").split())) + "”"


def numbered(lines: list[str], prefix: str, shown: set[int] | None = None) -> str:
    """A document as a code block, one numbered line per line of text (long lines wrapped under their number);
    with `shown`, only those line numbers, and a note for every run left out."""
    width = len(f"{prefix}{len(lines)}")
    out: list[str] = []
    skipped: list[int] = []

    def flush() -> None:
        if skipped:
            out.append(f"{'':>{width}} ┆ … {prefix}{skipped[0]}–{prefix}{skipped[-1]} not shown (no claim cites them)")
            skipped.clear()

    for n, line in enumerate(lines, 1):
        if shown is not None and n not in shown:
            skipped.append(n)
            continue
        flush()
        pieces = textwrap.wrap(line.replace("```", "'''"), WRAP, break_long_words=True) or [""]
        out.append(f"{prefix}{n:<{width - len(prefix)}} │ {pieces[0].rstrip()}")
        out.extend(f"{'':>{width}} ┆ {p.rstrip()}" for p in pieces[1:])
    flush()
    return "```text\n" + "\n".join(out) + "\n```"


def _lines_ref(lines: list[int], prefix: str = "L") -> str:
    if not lines:
        return ""
    return f"{prefix}{lines[0]}" if len(lines) == 1 else f"{prefix}{lines[0]}–{prefix}{lines[-1]}"


def _asks(claim: Claim) -> str:
    return " · ".join(f"**{q}** ({' / '.join(ANSWERS[q])})" for q in claim.asks)


def _claim_block(claim: Claim) -> list[str]:
    head = {"requirement": f"{claim.kind} · {claim.importance} · **{claim.status}**",
            "extra_strength": "a strength the ad did not ask for",
            "gap": f"gap · {claim.importance} (listed only among the gaps)"}[claim.type]
    out = [f"#### {claim.id} · {_md(claim.label)}", f"{head}  "]
    detail = ", ".join(x for x in (f"how: {claim.how}" if claim.how else "",
                                   f"score {claim.score:.2f}" if claim.score else "",
                                   f"section: {claim.section}" if claim.section else "") if x)
    if detail:
        out.append(f"<small>{_md(detail)}</small>")
    out.append("")
    if claim.ad_lines:
        places = "; ".join(f"A{line} {_quote(words)}" for line, words in zip(claim.ad_lines, claim.ad_surface,
                                                                             strict=True))
        out.append(f"- read from the ad: {places}")
    if claim.lines:
        out.append(f"- cited resume line: {_lines_ref(claim.lines)} {_quote(claim.cited_text)}")
    elif claim.type != "extra_strength":
        out.append("- cited resume line: none (the report says the resume does not show it)")
    if claim.engine_evidence:
        out.append(f"- the report's evidence text: {_quote(claim.engine_evidence)}")
    if claim.same_as:
        out.append(f"- also listed as: {', '.join(_md(s) for s in claim.same_as)}")
    out += [f"- judge: {_asks(claim)}", ""]
    return out


def packet(claims_file: ClaimsFile, ad_title: str, pair: dict, run: str) -> str:
    cf = claims_file
    ad, resume = pair["ad"], pair["resume"]
    scores = cf.scores
    requirements = [c for c in cf.claims if c.type == "requirement"]
    keywords = [c for c in cf.claims if c.type == "keyword"]
    extras = [c for c in cf.claims if c.type == "extra_strength"]
    gaps = [c for c in cf.claims if c.type == "gap"]
    board = "a job platform's ads of every field" if "#house/" in ad["source"] else "StackOverflow jobs"
    ad_words = (f"a real job ad (SkillSpan, {board}; [ORGANIZATION], [LOCATION]… are the dataset's anonymisation)"
                if ad["format"] == "skillspan" else "a sample job-description PDF (resume_matcher)")
    out = [
        f"# Evidence packet {cf.pair_id}: {_md(ad_title)} × {resume['id']}",
        "",
        f"Run `{run}` · algorithm {cf.algorithm_version}. Judge it with `bench/evidence/RULES.md`: write "
        f"`judgments/{cf.pair_id}.json` answering every claim id below exactly once "
        f"(start from `{cf.pair_id}.judgment-template.json`).",
        "",
        "| | |",
        "|---|---|",
        f"| ad | {_md(ad['title'])}: {ad_words}; `{ad['source']}` |",
        f"| resume | {FORMAT_WORDS[resume['format']]} ({_md(resume['title'])}); `{resume['source']}` |",
        f"| scores | overall {scores['overall_score']:.0f}/100, confidence {scores['confidence_score']:.0f}; skills "
        f"{scores['skills_score']:.0f}, experience {scores['experience_score']:.0f}, education "
        f"{scores['education_score']:.0f}, keywords {scores['keyword_score']:.0f} |",
        f"| claims | {len(requirements)} requirements (R), {len(keywords)} keywords (K), {len(extras)} extra "
        f"strengths (X), {len(gaps)} gaps of their own (G): {len(cf.claims)} to judge |",
        "",
        f"The report's summary: {_quote(cf.summary)}",
        "",
        "Read the ad first, then the resume, then the claims. Line numbers are the documents' lines as jobfit read "
        "them (A = ad, L = resume); a long line wraps under its number (┆).",
        "",
        "## 1. The ad",
        "",
        numbered(cf.ad_lines, "A"),
        "",
        "## 2. The resume",
        "",
    ]
    if cf.resume_lines_shown < len(cf.resume_lines):
        cited = {n for c in cf.claims for n in c.lines}
        shown = set(range(1, cf.resume_lines_shown + 1)) | {m for n in cited for m in (n - 1, n, n + 1)}
        out += [f"This resume has {len(cf.resume_lines)} lines; lines 1–{cf.resume_lines_shown} are shown in full, "
                "later ones only where a claim cites them (±1 line). Judge “missing” claims on the lines shown.", "",
                numbered(cf.resume_lines, "L", shown)]
    else:
        out.append(numbered(cf.resume_lines, "L"))
    out += ["", "## 3. Requirements the report lists (R)", "",
            "Each requirement, as the report states it: its kind, importance and status, the ad words it was read "
            "from when the engine says so, and the resume line it cites.", ""]
    for claim in requirements:
        out += _claim_block(claim)
    out += ["## 4. Keywords (K)", "", "Judge each: **keyword** (meaningful / junk).", "",
            "| id | keyword | times in the ad | times in the resume |", "|---|---|---|---|"]
    out += [f"| {c.id} | {_md(c.label)} | {c.count_in_ad} | {c.count_in_resume} |" for c in keywords]
    out += ["", "## 5. Strengths the ad did not ask for (X)", ""]
    if extras:
        for claim in extras:
            out += _claim_block(claim)
    else:
        out += ["None.", ""]
    if gaps:
        out += ["## 6. Gaps that name no listed requirement (G)", ""]
        for claim in gaps:
            out += _claim_block(claim)
    out += ["## 7. For the whole pair", "",
            "- **unlisted_requirements**: requirements the ad states that section 3 does not list — quote the ad's "
            "words exactly, with required / preferred and the A-line.",
            "- **trust** (1–5) and **trust_reason**: how far a recruiter could rely on this report.", ""]
    return "\n".join(out)


def template(claims_file: ClaimsFile) -> dict:
    return {
        "pair_id": claims_file.pair_id, "judge": "",
        "claims": [{"id": c.id, **{q: None for q in c.asks}, "reason": ""} for c in claims_file.claims],
        "unlisted_requirements": [], "trust": None, "trust_reason": "",
    }


# ---------------------------------------------------------------- one pair, one run


def make_pair(pair: dict, evaldata: Path, out: Path, run: str) -> ClaimsFile:
    inputs = out / "inputs"
    resume_path = _input_path(evaldata, inputs, pair["resume"], resume_text(evaldata, pair["resume"]))
    ad_path = _input_path(evaldata, inputs, pair["ad"], ad_text(evaldata, pair["ad"]))
    parsed_resume = jobfit("parse", str(resume_path), "--json")
    parsed_job = jobfit("parse", str(ad_path), "--job", "--json")
    match = jobfit("match", str(resume_path), str(ad_path), "--json")
    (out / "raw").mkdir(parents=True, exist_ok=True)
    (out / "raw" / f"{pair['id']}.match.json").write_text(json.dumps(match, indent=2, ensure_ascii=False) + "\n",
                                                         encoding="utf-8")
    resume_lines = parsed_resume["text_content"].split("\n")
    shown, chars = 0, 0
    for line in resume_lines:
        if shown >= SHOWN_LINES or chars + len(line) > SHOWN_CHARS:
            break
        shown, chars = shown + 1, chars + len(line) + 1
    claims_file = ClaimsFile(
        pair_id=pair["id"], run=run, algorithm_version=match["algorithm_version"], ad=pair["ad"],
        resume=pair["resume"], ad_lines=parsed_job["text_content"].split("\n"), resume_lines=resume_lines,
        resume_lines_shown=shown, scores={k: match[k] for k in SCORES}, summary=match["match_analysis"]["summary"],
        claims=claims_from_match(match, resume_lines, parsed_job),
    )
    (out / f"{pair['id']}.claims.json").write_text(claims_file.model_dump_json(indent=2) + "\n", encoding="utf-8")
    (out / f"{pair['id']}.judgment-template.json").write_text(
        json.dumps(template(claims_file), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    title = parsed_job.get("title") or pair["ad"]["title"]
    (out / f"{pair['id']}.md").write_text(packet(claims_file, title, pair, run) + "\n", encoding="utf-8")
    return claims_file


def _git(*args: str) -> str:
    proc = subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True, check=False)
    return proc.stdout.strip()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", dest="set_name", choices=tuple(SIZES), required=True)
    parser.add_argument("--out", type=Path, required=True, help="the run folder, e.g. bench/evidence/2.0.0-dev")
    parser.add_argument("--evaldata", type=Path, default=REPO.parent / "shared" / "evaldata")
    parser.add_argument("--pairs", default="", help="only these pair ids, comma-separated")
    parser.add_argument("--force", action="store_true", help="write even where judgments already exist")
    args = parser.parse_args()
    if not args.evaldata.is_dir():
        print(f"evidence_report: evaldata not found at {args.evaldata}", file=sys.stderr)
        return 2
    pairs = load_pairs(args.set_name)
    if args.pairs:
        wanted = set(args.pairs.split(","))
        unknown = wanted - {p["id"] for p in pairs}
        if unknown:
            print(f"evidence_report: no such pair in {args.set_name}: {', '.join(sorted(unknown))}", file=sys.stderr)
            return 2
        pairs = [p for p in pairs if p["id"] in wanted]
    judged = sorted((args.out / "judgments").glob("*.json")) if (args.out / "judgments").is_dir() else []
    if judged and not args.force:
        print(f"evidence_report: {args.out} already has {len(judged)} judgment(s); new packets would no longer "
              "match them. Write to a new folder (or pass --force).", file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    run = args.out.resolve().name

    from rich.progress import Progress

    made: list[tuple[dict, ClaimsFile]] = []
    failed: list[str] = []
    with Progress(transient=True) as progress:
        task = progress.add_task(f"{args.set_name}: packets", total=len(pairs))
        for pair in pairs:
            progress.update(task, description=f"{pair['id']}: jobfit parse + match")
            try:
                made.append((pair, make_pair(pair, args.evaldata, args.out, run)))
            except (JobfitRefused, subprocess.TimeoutExpired) as exc:
                failed.append(f"{pair['id']}: {exc}")
            progress.advance(task)
    versions = sorted({cf.algorithm_version for _, cf in made})
    manifest = {
        "run": run, "set": args.set_name, "pairs": [p["id"] for p, _ in made], "failed": failed,
        "algorithm_version": versions[0] if len(versions) == 1 else versions,
        "commit": _git("rev-parse", "HEAD"), "uncommitted_changes": bool(_git("status", "--porcelain", "src")),
        "embedding_provider": os.environ.get("JOBFIT_EMBEDDING_PROVIDER", "default"),
        "python": platform.python_version(), "made": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "pairs_file": str(PAIRS_FILE.relative_to(REPO)),
        "command": f"python bench/evidence_report.py --set {args.set_name} --out {args.out}",
    }
    (args.out / "run.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    index = [f"# Evidence run `{run}` ({args.set_name} pairs)", "",
             f"Algorithm {manifest['algorithm_version']}, commit {manifest['commit'][:10]}. Judge with "
             "`../RULES.md`; write `judgments/<pair>.json`.", "",
             "| pair | ad | resume | claims |", "|---|---|---|---|"]
    for pair, cf in made:
        index.append(f"| [{pair['id']}]({pair['id']}.md) | {_md(pair['ad']['title'])} | "
                     f"{FORMAT_WORDS[pair['resume']['format']]}: {_md(pair['resume']['title'])} | {len(cf.claims)} |")
    (args.out / "index.md").write_text("\n".join(index) + "\n", encoding="utf-8")
    claims = sum(len(cf.claims) for _, cf in made)
    print(f"{len(made)} packets, {claims} claims, in {args.out}")
    for line in failed:
        print(f"evidence_report: not made: {line}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

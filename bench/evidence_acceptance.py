"""Fit the evidence acceptance rule (`matching/data/acceptance.json`) on the reviewers' verdicts, leave-one-run-out.

Every met or partial skill or keyword claim judged shows / weak / wrong in the fitting runs (`FIT_RUNS`: every
judged run of `bench/evidence/`, held-outs 4 to 7 included; `--runs` names fewer) is read again with the current
code: the requirement in its ad context and the cited statement as the matcher now reads them, the cosine of the two
(MiniLM, the meaning check's embedder), the shape of the cited line (sentence, list item, thin line), whether the
requirement is a named tool, a soft skill or another, and how it was found. The rule is one cosine floor per (class,
how found, list item or sentence): a claim whose statement is below its floor is related, not met or partial. The
floors are the ones that keep the most 'shows' while the kept claims are at least `--precision` shows on the fitting
runs (a floor of -1 keeps the group whole). Leave-one-run-out: the floors fitted without a run are applied to it,
and the precision and the 'shows' kept over the left-out runs are the out-of-run figures. The stored rule's figures
on the same claims come first, for comparison. `--check` (a judged run not among the fitting runs) reports what the
rule fitted on all fitting runs does to that draw's judged claims.

    .venv/bin/python bench/evidence_acceptance.py [--runs RUN,RUN] [--check bench/evidence/RUN] [--write]
        [--dump FILE | --claims FILE]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "bench"))

from meaning_thresholds import _document  # noqa: E402

from jobfit.embeddings.minilm import MiniLMEmbedder  # noqa: E402
from jobfit.matching import evidence  # noqa: E402
from jobfit.matching.evidence import requirement_class  # noqa: E402

FIT_RUNS = ("2.0.0-dev", "3.0.0-dev-dev", "3.0.0-dev-heldout", "3.1.0-dev-heldout2", "3.1.0-heldout3",
            "3.1.0-r3-heldout4", "3.2.0-heldout5", "3.2.0-r6-heldout6", "3.2.0-r7-heldout7")
DATA_FILE = REPO / "src" / "jobfit" / "matching" / "data" / "acceptance.json"
BARS = (0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9)
GRID = (-1.0, *np.round(np.arange(0.10, 0.701, 0.025), 3).tolist())


def judged_claims(run: Path, evaldata: Path, embedder) -> list[dict]:
    """The met/partial skill and keyword claims the current engine makes on a judged run's pairs that cite a
    statement a reviewer judged for the same requirement, each with its verdict and the features the engine
    decides on (the engine's own cosine of the statement and the requirement in context; shape; named tool)."""
    from jobfit.documents.job import parse_job_file
    from jobfit.documents.resume import parse_resume
    from jobfit.matching import prepare_job, score_prepared
    from jobfit.matching.engine import _similarities
    from jobfit.pipeline import embed_resume, job_meaning

    out = []
    for claims_file in sorted(run.glob("*.claims.json")):
        claims = json.loads(claims_file.read_text())
        pair = claims["pair_id"]
        verdicts: dict[str, list[str]] = {}
        for judgment in sorted((run / "judgments").glob(f"{pair}*.json")):
            for answer in json.loads(judgment.read_text())["claims"]:
                if answer.get("evidence") in ("shows", "weak", "wrong"):
                    verdicts.setdefault(answer["id"], []).append(answer["evidence"])
        _chunks, _vectors, profile = embed_resume(embedder, parse_resume(*_document(run, evaldata, claims["resume"])))
        prepared = job_meaning(prepare_job(parse_job_file(*_document(run, evaldata, claims["ad"]))), {},
                               embedder)[0]
        similarities = _similarities(profile, prepared.meaning)
        position = {r.label: i for i, r in enumerate(prepared.requirements)}
        classes = {r.label: requirement_class(r) for r in prepared.requirements}
        judged = {(c["label"], profile.statement_at(c["lines"][0])): verdicts[c["id"]] for c in claims["claims"]
                  if c["type"] == "requirement" and c["id"] in verdicts and c["lines"]}
        for row in score_prepared(profile, prepared).match_analysis.requirements:
            if row.kind not in ("skill", "keyword") or row.status not in ("met", "partial") or row.line is None:
                continue
            statement = profile.statement_at(row.line)
            found = judged.get((row.requirement, statement))
            if found is None or statement < 0 or similarities is None or row.requirement not in position:
                continue
            for verdict in found:
                out.append({
                    "run": run.name, "pair": pair, "label": row.requirement, "how": row.how, "kind": row.kind,
                    "tool": classes[row.requirement],
                    "shape": "list" if profile.shape_at(row.line) == "list" else "sentence",
                    "verdict": verdict, "statement": profile.statement_text(statement),
                    "line_text": profile.line_text(row.line), "section": profile.section(row.line),
                    "context": prepared.contexts[position[row.requirement]],
                    "cosine": round(float(similarities[statement, position[row.requirement]]), 4),
                })
    return out


def group_of(claim: dict) -> str:
    """The group a claim's floor belongs to: named tool, soft skill or other requirement (`evidence.
    requirement_class`) / found by its name (exact, alias), by a more specific skill (child) or by meaning / list
    item or sentence."""
    how = "name" if claim["how"] in ("exact", "alias") else claim["how"]
    return f"{claim['tool']}/{how}/{claim['shape']}"


def fit(claims: list[dict], precision: float) -> dict[str, float]:
    """The floor of each group that keeps the most 'shows' while the kept claims are at least `precision` shows.

    Each group's floor maximises (shows kept - cost x others kept); the cost rises from the break-even
    precision / (1 - precision) until the kept claims reach `precision` (a group's floor of 2.0 drops it whole,
    -1.0 keeps it whole). A group absent from the claims keeps the break-even floor of its class: -1.0."""
    groups = sorted({group_of(c) for c in claims})
    floors: dict[str, float] = {}
    cost = precision / (1.0 - precision)
    for _ in range(200):
        floors = {}
        for group in groups:
            members = [c for c in claims if group_of(c) == group]
            best, best_gain = 2.0, 0.0
            for floor in GRID:
                kept = [c for c in members if c["cosine"] >= floor]
                good = sum(c["verdict"] == "shows" for c in kept)
                gain = good - cost * (len(kept) - good)
                if gain > best_gain + 1e-9:
                    best, best_gain = floor, gain
            floors[group] = best
        stay = apply(claims, floors)
        if not stay or sum(c["verdict"] == "shows" for c in stay) / len(stay) >= precision:
            break
        cost *= 1.25
    return floors


MIN_CLAIMS = 3  # a group with fewer judged claims keeps the engine's rule: too few to say it is wrong


def fit_groups(claims: list[dict], bar: float) -> dict[str, float]:
    """The group rule: a group of at least `MIN_CLAIMS` claims, under `bar` of them shows, is related at most
    (floor 2.0); the others stand whole (floor -1.0)."""
    floors = {}
    for group in sorted({group_of(c) for c in claims}):
        members = [c for c in claims if group_of(c) == group]
        share = sum(c["verdict"] == "shows" for c in members) / len(members)
        floors[group] = -1.0 if share >= bar or len(members) < MIN_CLAIMS else 2.0
    return floors


def stable_groups(claims: list[dict], bar: float) -> dict[str, float]:
    """The group rule to ship: `fit_groups` on all the runs, keeping related only the groups that every
    leave-one-run-out fit makes related too. A group whose claims all sit in a few runs is related on all the runs
    but whole whenever one of its runs is left out, so no out-of-run figure ever tested it (3 claims of a soft
    skill in a sentence in 3 runs)."""
    floors = fit_groups(claims, bar)
    for run in FIT_RUNS:
        fold = fit_groups([c for c in claims if c["run"] != run], bar)
        for group, floor in floors.items():
            if floor > 1 and fold.get(group, -1.0) <= 1:
                floors[group] = -1.0
    return floors


def leave_one_run_out(claims: list[dict], fitter, verbose: bool = False) -> list[dict]:
    """The claims that stay when each run gets the rule fitted on the other runs."""
    held: list[dict] = []
    for run in FIT_RUNS:
        floors = fitter([c for c in claims if c["run"] != run])
        out = [c for c in claims if c["run"] == run]
        stay = apply(out, floors)
        held += stay
        if verbose:
            print(f"  {run}: stay {tally(stay)} of {tally(out)}")
    return held


def apply(claims: list[dict], floors: dict[str, float]) -> list[dict]:
    """The claims that stay met or partial under `floors`."""
    return [c for c in claims if c["cosine"] >= floors.get(group_of(c), -1.0)]


def tally(claims: list[dict]) -> str:
    counts = {v: sum(c["verdict"] == v for c in claims) for v in ("shows", "weak", "wrong")}
    total = sum(counts.values())
    return (f"{total} ({counts['shows']} shows, {counts['weak']} weak, {counts['wrong']} wrong; precision "
            f"{counts['shows'] / max(total, 1):.3f})")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--evaldata", type=Path, default=REPO.parent / "shared" / "evaldata")
    ap.add_argument("--precision", type=float, default=0.9)
    ap.add_argument("--check", type=Path, help="a held-out judged run, never fitted on: what the floors do to it")
    ap.add_argument("--write", action="store_true", help="store the floors fitted on all fitting runs")
    ap.add_argument("--claims", type=Path, help="read the fitting claims a --dump wrote instead of re-running")
    ap.add_argument("--dump", type=Path, help="write the fitting claims with their features here (JSON)")
    ap.add_argument("--runs", help="fit on these judged runs only (comma-separated folder names)")
    args = ap.parse_args()
    global FIT_RUNS
    if args.runs:
        FIT_RUNS = tuple(args.runs.split(","))
    stored = {group: 2.0 for group in json.loads(DATA_FILE.read_text())["related"]}
    evidence.RELATED_GROUPS = frozenset()  # the claims as the engine makes them before the rule
    evidence.accepted.cache_clear()
    embedder = MiniLMEmbedder()
    claims: list[dict] = json.loads(args.claims.read_text()) if args.claims is not None else []
    for run in FIT_RUNS if args.claims is None else ():
        checked = judged_claims(REPO / "bench" / "evidence" / run, args.evaldata, embedder)
        print(f"{run}: met/partial claims now citing a judged statement: {tally(checked)}")
        claims += checked
    claims = [c for c in claims if c["run"] in FIT_RUNS]
    if args.dump is not None:
        args.dump.write_text(json.dumps(claims, indent=1, ensure_ascii=False))
    print(f"\nall fitting runs before the rule: {tally(claims)}")
    for group in sorted({group_of(c) for c in claims}):
        print(f"  {group}: {tally([c for c in claims if group_of(c) == group])}")
    shows_all = sum(c["verdict"] == "shows" for c in claims)
    print(f"\nthe stored rule ({', '.join(sorted(stored))} related at most), on each run:")
    for run in FIT_RUNS:
        out = [c for c in claims if c["run"] == run]
        print(f"  {run}: stay {tally(apply(out, stored))} of {tally(out)}")
    print(f"  all runs: stay {tally(apply(claims, stored))}")
    print(f"\n1. a cosine floor per group, target precision {args.precision}, leave-one-run-out:")
    held = leave_one_run_out(claims, lambda train: fit(train, args.precision), verbose=True)
    print(f"  all runs out of run: stay {tally(held)}; 'shows' kept "
          f"{sum(c['verdict'] == 'shows' for c in held)} of {shows_all}")
    print("\n2. whole groups related at most when their precision is under a bar, leave-one-run-out:")
    best: tuple[float, int, float] | None = None
    for bar in BARS:
        held = leave_one_run_out(claims, lambda train, bar=bar: fit_groups(train, bar))
        good = sum(c["verdict"] == "shows" for c in held)
        precision = good / max(len(held), 1)
        print(f"  bar {bar:.2f}: stay {tally(held)}; 'shows' kept {good} of {shows_all}")
        if best is None or (precision, good) > best[:2]:
            best = (precision, good, bar)
    assert best is not None
    bar = best[2]
    held = leave_one_run_out(claims, lambda train: fit_groups(train, bar))
    kept_shows = sum(c["verdict"] == "shows" for c in held)
    floors = stable_groups(claims, bar)
    print(f"chosen: bar {bar:.2f} (the best out-of-run precision); fitted on all {len(FIT_RUNS)} runs and on each "
          f"run left out it makes related: {sorted(g for g, f in floors.items() if f > 1)}; in sample stay "
          f"{tally(apply(claims, floors))}")
    if args.check is not None:
        checked = judged_claims(args.check, args.evaldata, embedder)
        stay = apply(checked, floors)
        print(f"\nout of sample, {args.check.name}: met/partial claims now citing a judged statement: "
              f"{tally(checked)}; stay {tally(stay)}")
        for c in checked:
            mark = "stay" if c in stay else "drop"
            print(f"  {mark} {c['verdict']:5s} {group_of(c)} {c['cosine']:.3f} {c['label']!r}: "
                  f"{c['statement'][:70]!r}")
    if args.write:
        DATA_FILE.write_text(json.dumps({
            "_about": "The evidence acceptance rule (matching/evidence.py): a skill or keyword candidate of a group "
                      "listed in 'related' is related at most, never met or partial. A group is: named tool, soft "
                      "skill or other requirement / found by its name (exact, alias), by a more specific skill "
                      "(child) or by meaning / on a list item or a sentence. Fitted on judged claims by "
                      "bench/evidence_acceptance.py --write.",
            "related": sorted(g for g, f in floors.items() if f > 1),
            "fitted": f"bench/evidence_acceptance.py --write: the groups of at least {MIN_CLAIMS} claims whose "
                      f"share of 'shows' is under {bar:.2f}, on all the runs and with any one run left out, "
                      f"over the {len(claims)} met/partial skill and keyword claims the current engine makes on "
                      f"{', '.join(FIT_RUNS)} that cite a judged statement (the bar with the best leave-one-run-out "
                      f"precision); leave-one-run-out: {tally(held)}, 'shows' kept {kept_shows} of {shows_all}",
        }, indent=2, ensure_ascii=False) + "\n")
        print(f"wrote {DATA_FILE}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""The quality gate: per labelled set, the shipped overall score against its components and simple baselines.

    .venv/bin/python bench/quality.py [--evaldata PATH] [--refresh]

For every set of `quality_sets` (real data labelled by others) one table: the shipped overall score (weights
from src/jobfit/matching/data/weights.json), the **LODO overall** (weights refitted without the set's resume
source: the figure that predicts an unseen set), each component alone, the semantic constructions compared,
and the baselines (JD-token coverage, Resume-Matcher's method; TF-IDF cosine over the pool). A line under a
table names any component or baseline that beats the LODO overall there. Then the embedder comparison: the
mean LODO figure with each embedder's semantic signal, and without one.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))

import fit_weights as fw  # noqa: E402
from quality_sets import (  # noqa: E402
    BASELINES,
    SUBSCORES,
    LabelledSet,
    group_values,
    paired_difference,
    parse_semantic_feature,
    semantic_feature,
    set_metric,
)


def shipped_weights(embedder: str) -> dict[str, float]:
    """The shipped weights as weights on the bench's feature names."""
    model = json.loads(fw.WEIGHTS_FILE.read_text())
    weights = {k: v for k, v in model["weights"].items() if k != "semantic"}
    for part in model["semantic_parts"]:
        name = semantic_feature(embedder, part["resume"], part["job"])
        weights[name] = model["weights"].get("semantic", 0.0) * part["share"]
    return weights


def semantic_alone(weights: dict[str, float]) -> dict[str, float]:
    return {k: v for k, v in weights.items() if parse_semantic_feature(k) is not None}


def label(name: str) -> str:
    """A method's row label: a semantic signal or construction is marked as ranking by itself alone."""
    return name if name in BASELINES or ":" not in name else f"{name} (alone)"


def print_tables(table: fw.Table, embedder: str) -> None:
    """The wide table (every set, every method: the one BENCHMARKS.md quotes), then one table per set."""
    from jobfit.matching.scores import ALGORITHM_VERSION

    model = json.loads(fw.WEIGHTS_FILE.read_text())
    weights = shipped_weights(embedder)
    names = [n for n, w in weights.items() if w > 0]
    lodo_weights = fw.lodo_weights(table, names, float(model.get("shrink", fw.SHRINK)))
    lodo = {s.name: set_metric(s, lambda p, rows=table.rows[s.name], w=lodo_weights[s.source]: fw.overall(w, rows[p]))
            for s in table.sets}
    sem = semantic_alone(weights)
    values: dict[str, dict[str, float]] = {}  # method -> set -> figure
    for s in table.sets:
        rows = table.rows[s.name]
        column = {"overall_score (shipped weights)": set_metric(s, lambda p, rows=rows: fw.overall(weights, rows[p])),
                  "LODO overall (refitted without the set's source)": lodo[s.name]}
        if sem:
            column["semantic component (shipped)"] = set_metric(
                s, lambda p, rows=rows, sem=sem: fw.overall(sem, rows[p]))
        variants = sorted({n for r in rows.values() for n in r if ":" in n and n not in BASELINES})
        for name in (*SUBSCORES, *variants, *BASELINES):
            column[name] = set_metric(s, lambda p, rows=rows, name=name: rows[p].get(name, 0.0))
        for method, value in column.items():
            values.setdefault(method, {})[s.name] = value
    print(f"## jobfit match quality (algorithm {ALGORITHM_VERSION}, embedder {embedder})\n")
    print("shipped weights: " + ", ".join(f"{k} {v:.3f}" for k, v in sorted(weights.items(), key=lambda t: -t[1])))
    print("\n### Every set, every method\n")
    print("| method | " + " | ".join(s.name for s in table.sets) + " |")
    print("|---|" + "---:|" * len(table.sets))
    for method, per_set in values.items():
        bold = method.startswith("LODO")
        cells = [f"**{per_set[s.name]:.3f}**" if bold else f"{per_set.get(s.name, float('nan')):.3f}"
                 for s in table.sets]
        print(f"| {'**' + method + '**' if bold else label(method)} | " + " | ".join(cells) + " |")
    for s in table.sets:
        metric = "mean Spearman per group" if s.metric == "spearman" else "mean AP per group"
        print(f"\n### {s.name}: {s.description} ({len(s.groups)} groups; {metric})\n")
        print("| method | value |\n|---|---:|")
        for method, per_set in values.items():
            if s.name in per_set:
                print(f"| {label(method)} | {per_set[s.name]:.3f} |")
        # a part of the shipped score (its embedder's signals, the sub-scores) or a baseline above the LODO overall
        beaten = [n for n, per_set in values.items() if not n.startswith(("LODO", "overall_score"))
                  and per_set.get(s.name, 0.0) > lodo[s.name] + 1e-9
                  and (n in BASELINES or ":" not in n or n.startswith(embedder))]
        if beaten:
            print(f"\nLODO overall is below (the gap, mean over groups ± its standard error): "
                  f"{'; '.join(_gap(table, s, lodo_weights[s.source], n, sem) for n in beaten)} "
                  "(see BENCHMARKS.md for why)")


def _gap(table: fw.Table, s: LabelledSet, lodo_weights: dict[str, float], method: str,
         sem: dict[str, float]) -> str:
    """How far `method` is above the LODO overall on set `s`, paired group by group, with its standard error:
    a gap within about two standard errors is what another draw of the set's groups could reverse."""
    rows = table.rows[s.name]
    ours = group_values(s, lambda p: fw.overall(lodo_weights, rows[p]))
    if method == "semantic component (shipped)":
        theirs = group_values(s, lambda p: fw.overall(sem, rows[p]))
    else:
        theirs = group_values(s, lambda p: rows[p].get(method, 0.0))
    gap, error, n = paired_difference(theirs, ours)
    return f"{label(method)} by {gap:.3f} ± {error:.3f} ({n} groups)"


def print_embedders(table: fw.Table) -> None:
    print("\n### Semantic signal: mean LODO figure over the sets by embedder\n")
    print("| semantic signal | mean LODO | " + " | ".join(s.name for s in table.sets) + " |")
    print("|---|---:|" + "---:|" * len(table.sets))
    base = [n for n in SUBSCORES if n != "education"]
    options: list[tuple[str, list[str]]] = [("none (sub-scores only)", base)]
    shipped = [n for n in shipped_weights(fw.EMBEDDERS[0]) if parse_semantic_feature(n) is not None]
    for embedder in fw.EMBEDDERS:
        parts = [n.replace(f"{fw.EMBEDDERS[0]}:", f"{embedder}:", 1) for n in shipped]
        options.append((f"{embedder}: the shipped semantic parts", [*base, *parts]))
        options.append((f"{embedder}: section pairs (1.3.0 construction)",
                        [*base, f"{embedder}: section pairs (1.3.0)"]))
    for label, names in options:
        names = [n for n in names if n in table.names()]
        per = fw.lodo(table, names)
        values = [per[s.name] for s in table.sets]
        print(f"| {label} | {np.mean(values):.3f} | " + " | ".join(f"{v:.3f}" for v in values) + " |")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--evaldata", type=Path, default=REPO.parent / "shared" / "evaldata")
    parser.add_argument("--refresh", action="store_true", help="re-parse and re-embed instead of using the cache")
    args = parser.parse_args(argv)
    if not args.evaldata.is_dir():
        print(f"evaldata not found at {args.evaldata}; nothing to measure.")
        return 0
    table = fw.build_table(args.evaldata, args.refresh)
    embedder = json.loads(fw.WEIGHTS_FILE.read_text())["embedder"]
    print_tables(table, embedder)
    print_embedders(table)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Fit the overall score's weights on every local labelled set, and measure them leave-one-source-out.

    .venv/bin/python bench/fit_weights.py [--evaldata PATH] [--write] [--refresh]

The overall score is a weighted mean of sub-scores with non-negative weights. They are fitted here as a
pairwise logistic model on standardised features (within each judged group, every pair of items with
different labels; each set weighs the same, each group the same within its set), with a penalty that pulls the
standardised weights towards their mean (`SHRINK`), then turned back into weights on the 0-100 sub-scores.
Pulled all the way, every standardised component weighs the same; the strength is chosen by the LODO figure
(components are eliminated under each pull of `SHRINK_CHOICES`, or under `--shrink` alone; for the components
each elimination keeps, the run measures every pull, and writes the best pair of components and pull; the skills
part, the requirement evidence the report shows, is never eliminated: `KEPT`): weights
fitted freely on a few sets follow those sets' quirks and rank an unseen set worse than near-equal ones do.
Leave-one-source-out (LODO): for each source of resumes, fit on the sets of the other sources and score the
held-out sets; that figure predicts an unseen set. Components are then removed one at a time while that removal
raises the mean LODO figure: a component without out-of-sample signal gets weight 0. `--write` stores the final
weights (fitted on all sets) in src/jobfit/matching/data/weights.json, tied to the algorithm version.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))

from quality_sets import (  # noqa: E402
    BASELINES,
    LabelledSet,
    cached,
    features,
    features_stamp,
    load_all,
    parse_semantic_feature,
    set_metric,
    vectors_for,
)

WEIGHTS_FILE = REPO / "src" / "jobfit" / "matching" / "data" / "weights.json"
EMBEDDERS = ("minilm", "wordllama")
L2 = 1e-3
SHRINK = 10.0  # pull of the standardised weights towards their mean (0: a free fit; large: equal weights)
SHRINK_CHOICES = (0.0, 0.1, 1.0, 10.0)
STEPS = 50  # Newton steps at most (`_newton`; it stops earlier once the weights settle)
TOLERANCE = 0.005  # a set's LODO figure may drop this much when a component without signal is removed
# Never eliminated: the skills part is made of the requirement evidence the report shows, so with it in the score
# the score and its explanation are the same thing (issue 26, item 5). What keeping it costs out of sample is
# printed beside the fit.
KEPT = ("skills",)


@dataclass
class Table:
    """Features of every pair of every set: `rows[set name][(resume, job)] -> {feature: value}`."""

    sets: list[LabelledSet]
    rows: dict[str, dict[tuple[str, str], dict[str, float]]]
    _pairs: dict[str, tuple[list[str], np.ndarray, np.ndarray, np.ndarray]] = field(default_factory=dict)

    def names(self) -> list[str]:
        seen: dict[str, None] = {}
        for rows in self.rows.values():
            for row in rows.values():
                seen.update(dict.fromkeys(row))
        return list(seen)

    def pairs(self, s: LabelledSet) -> tuple[list[str], np.ndarray, np.ndarray, np.ndarray]:
        """(feature names, values of every pair (NaN where missing), differences better - worse over every
        ordered pair of items in every group, and those pairs' weights: each group weighs 1 / number of groups,
        split over its pairs). A difference involving a missing value is 0: no evidence either way."""
        if s.name not in self._pairs:
            names = self.names()
            rows = self.rows[s.name]
            values = np.array([[row.get(n, np.nan) for n in names] for row in rows.values()])
            diffs, weights = [], []
            for g in s.groups:
                x = np.array([[rows[p].get(n, np.nan) for n in names] for p in g.pairs])
                y = np.asarray(g.labels)
                better, worse = np.nonzero(y[:, None] > y[None, :])
                if better.size:
                    diffs.append(np.nan_to_num(x[better] - x[worse]))
                    weights.append(np.full(better.size, 1.0 / (better.size * len(s.groups))))
            self._pairs[s.name] = (names, values, np.vstack(diffs), np.concatenate(weights))
        return self._pairs[s.name]


def build_table(root: Path, refresh: bool = False, embedders: Sequence[str] = EMBEDDERS) -> Table:
    """The features of every set, kept on disk by `features_stamp` (so quality.py after a fit reuses them)."""
    sets, rows = cached(f"features-{'-'.join(embedders)}", lambda: _build_table(root, refresh, embedders), refresh,
                        features_stamp())  # type: ignore[misc]
    return Table(sets, rows)


def _build_table(root: Path, refresh: bool, embedders: Sequence[str]
                 ) -> tuple[list[LabelledSet], dict[str, dict[tuple[str, str], dict[str, float]]]]:
    sets = load_all(root, refresh)
    resume_vectors, job_vectors = {}, {}
    for name in embedders:
        resume_vectors[name], job_vectors[name] = vectors_for(sets, name)
    rows = {}
    for s in sets:
        print(f"  features: {s.name} ({len(s.groups)} groups)", file=sys.stderr)
        rows[s.name] = features(s, resume_vectors, job_vectors)
    return sets, rows


def fit(table: Table, train: Sequence[LabelledSet], names: Sequence[str], shrink: float | None = None
        ) -> dict[str, float]:
    """Non-negative weights on the 0-100 features: pairwise logistic fit on standardised features, the weights
    pulled towards their mean with strength `shrink` (default `SHRINK`)."""
    shrink = SHRINK if shrink is None else shrink
    all_names = table.names()
    columns = [all_names.index(n) for n in names]
    values = np.vstack([table.pairs(s)[1][:, columns] for s in train])
    std = np.nanstd(values, axis=0)
    std[~(std > 0)] = 1.0
    d = np.vstack([table.pairs(s)[2][:, columns] for s in train]) / std
    w_pair = np.concatenate([table.pairs(s)[3] for s in train]) / len(train)
    w = _newton(d, w_pair, shrink)
    raw = w / std
    total = raw.sum()
    return {n: float(r / total) if total > 0 else 1.0 / len(names) for n, r in zip(names, raw, strict=True)}


def _newton(d: np.ndarray, w_pair: np.ndarray, shrink: float) -> np.ndarray:
    """The non-negative weights minimising the weighted pairwise logistic loss of the differences `d` plus the
    penalties (`L2`, and `shrink` x the spread of the weights around their mean): projected Newton steps on the
    weights not held at 0, halved while the loss does not fall. A few dozen cheap steps, not hundreds of
    gradient steps: the elimination refits thousands of times."""
    k = d.shape[1]
    penalty_hessian = 2 * L2 * np.eye(k) + 2 * shrink * (np.eye(k) - np.full((k, k), 1.0 / k))

    def loss(w: np.ndarray) -> float:
        return float(w_pair @ np.logaddexp(0.0, -(d @ w)) + L2 * w @ w + shrink * np.sum((w - w.mean()) ** 2))

    w = np.full(k, 0.1)
    current = loss(w)
    for _ in range(STEPS):
        p = 0.5 * (1.0 - np.tanh(0.5 * (d @ w)))  # 1 / (1 + e^margin), without overflow
        grad = -(w_pair * p) @ d + 2 * L2 * w + 2 * shrink * (w - w.mean())
        free = (w > 0) | (grad < 0)
        if not free.any():
            break
        df = d[:, free]
        hessian = (df * (w_pair * p * (1.0 - p))[:, None]).T @ df + penalty_hessian[np.ix_(free, free)]
        step = np.zeros(k)
        step[free] = np.linalg.solve(hessian, grad[free])
        scale = 1.0
        while True:
            trial = np.maximum(0.0, w - scale * step)
            value = loss(trial)
            if value <= current or scale < 1e-6:
                break
            scale /= 2
        moved = float(np.max(np.abs(trial - w)))
        w, current = trial, min(value, current)
        if moved < 1e-7:
            break
    return w


def overall(weights: dict[str, float], row: dict[str, float]) -> float:
    """The weighted mean over the components present (as the engine computes it)."""
    present = [(w, row[n]) for n, w in weights.items() if w > 0 and n in row]
    total = sum(w for w, _ in present)
    return sum(w * x for w, x in present) / total if total > 0 else 0.0


def lodo_weights(table: Table, names: Sequence[str], shrink: float | None = None) -> dict[str, dict[str, float]]:
    """Per resume source: the weights fitted on the sets of every other source."""
    return {source: fit(table, [s for s in table.sets if s.source != source], names, shrink)
            for source in sorted({s.source for s in table.sets})}


def lodo(table: Table, names: Sequence[str], shrink: float | None = None) -> dict[str, float]:
    """Per set: its metric under weights fitted on the sets of every other resume source."""
    weights = lodo_weights(table, names, shrink)
    return {s.name: set_metric(s, lambda p, rows=table.rows[s.name], w=weights[s.source]: overall(w, rows[p]))
            for s in table.sets}


def by_source(table: Table, per_set: dict[str, float]) -> float:
    """The mean over resume sources of the mean over each source's sets (so three kaggle views count once)."""
    sources: dict[str, list[float]] = {}
    for s in table.sets:
        sources.setdefault(s.source, []).append(per_set[s.name])
    return float(np.mean([np.mean(v) for v in sources.values()]))


def select(table: Table, candidates: Sequence[str], shrink: float | None = None
           ) -> tuple[list[str], list[tuple[str, dict[str, float]]]]:
    """Backward elimination: drop the component whose removal lowers no set's LODO figure (by more than
    `TOLERANCE`) and raises their mean by source the most, while there is one; `KEPT` components are never
    dropped. What is left each helps some set that was not used to fit it."""
    names = list(candidates)
    current = lodo(table, names, shrink)
    history = [("all candidates", current)]
    while len(names) > 1:
        best: tuple[float, str, dict[str, float]] | None = None
        for n in (n for n in names if n not in KEPT):
            trial = lodo(table, [m for m in names if m != n], shrink)
            if all(trial[k] >= current[k] - TOLERANCE for k in current):
                gain = by_source(table, trial)
                if best is None or gain > best[0]:
                    best = (gain, n, trial)
        if best is None:
            break
        _, dropped, current = best
        names.remove(dropped)
        history.append((f"without {dropped}", current))
        print(f"  dropped {dropped}: mean LODO by source {by_source(table, current):.3f}", file=sys.stderr)
    return names, history


def shrink_table(table: Table, names: Sequence[str]) -> list[tuple[float, dict[str, float]]]:
    """The LODO figure per set of the chosen components under each pull towards equal weights."""
    return [(shrink, lodo(table, names, shrink)) for shrink in SHRINK_CHOICES]


def candidates(table: Table, embedder: str) -> list[str]:
    """The model's candidate components: the sub-scores and one embedder's semantic signals."""
    return [n for n in table.names()
            if n not in BASELINES and (":" not in n or (parse_semantic_feature(n) or ("",))[0] == embedder)]


def shipped_form(weights: dict[str, float], embedder: str) -> tuple[dict[str, float], list[dict[str, object]]]:
    """(component weights, semantic parts) as the engine reads them: the semantic signals chosen (a resume
    vector against a job vector) become one `semantic` component whose parts share its weight."""
    parts = []
    for name, w in weights.items():
        parsed = parse_semantic_feature(name)
        if parsed is not None and parsed[0] == embedder and w > 0:
            parts.append({"resume": parsed[1], "job": list(parsed[2]), "share": w})
    components = {n: w for n, w in weights.items() if ":" not in n and w > 0}
    if parts:
        components["semantic"] = sum(float(p["share"]) for p in parts)  # type: ignore[arg-type]
        for p in parts:
            p["share"] = round(float(p["share"]) / components["semantic"], 4)  # type: ignore[arg-type]
    return {k: round(v, 4) for k, v in components.items()}, parts


def write_weights(weights: dict[str, float], per_set: dict[str, float], table: Table, embedder: str,
                  shrink: float) -> None:
    from jobfit.matching.scores import ALGORITHM_VERSION

    components, parts = shipped_form(weights, embedder)
    payload = {"algorithm_version": ALGORITHM_VERSION, "embedder": embedder, "weights": components,
               "semantic_parts": parts, "fitted_on": [s.name for s in table.sets],
               "lodo": {k: round(v, 4) for k, v in per_set.items()},
               "shrink": shrink, "command": "python bench/fit_weights.py --write"}
    WEIGHTS_FILE.write_text(json.dumps(payload, indent=2) + "\n")
    print(f"wrote {WEIGHTS_FILE.relative_to(REPO)}")


def _best_pull(table: Table, pulls: list[tuple[float, dict[str, float]]]) -> tuple[float, dict[str, float]]:
    """The pull with the best mean LODO by source (the stronger pull on a tie) and its figures per set."""
    return max(pulls, key=lambda item: (round(by_source(table, item[1]), 3), item[0]))


def _best_run(table: Table, runs: list[tuple[float, list[str], list, list[tuple[float, dict[str, float]]]]]
              ) -> tuple[float, list[str], list, list[tuple[float, dict[str, float]]]]:
    """The elimination run to keep: the best mean LODO by source at its best pull (the stronger pull on a tie)."""
    return max(runs, key=lambda run: (round(by_source(table, _best_pull(table, run[3])[1]), 3), run[0]))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--evaldata", type=Path, default=REPO.parent / "shared" / "evaldata")
    parser.add_argument("--write", action="store_true", help="store the weights fitted on all sets")
    parser.add_argument("--refresh", action="store_true", help="re-parse and re-embed instead of using the cache")
    parser.add_argument("--embedder", default="minilm", choices=EMBEDDERS)
    parser.add_argument("--shrink", type=float, default=None,
                        help="pull of the weights towards equal ones while components are eliminated "
                             "(default: eliminate under each of SHRINK_CHOICES and keep the best run)")
    args = parser.parse_args(argv)
    table = build_table(args.evaldata, args.refresh)
    # eliminate under each pull (or the one asked for) and keep the run whose best pull has the best mean LODO:
    # which components look useless depends on the pull they are eliminated under
    runs = []
    for elimination_pull in SHRINK_CHOICES if args.shrink is None else (args.shrink,):
        names, history = select(table, candidates(table, args.embedder), elimination_pull)
        pulls = shrink_table(table, names)
        runs.append((elimination_pull, names, history, pulls))
    if len(runs) > 1:
        print("\n| pull while eliminating | components kept | best mean LODO by source (its pull) |\n|---:|---|---:|")
        for elimination_pull, names, _history, pulls in runs:
            pull, values = _best_pull(table, pulls)
            print(f"| {elimination_pull:g} | {', '.join(names)} | {by_source(table, values):.3f} ({pull:g}) |")
    elimination_pull, names, history, pulls = _best_run(table, runs)
    print(f"\nelimination under pull {elimination_pull:g}:")
    print("\n| step | mean LODO by source | " + " | ".join(s.name for s in table.sets) + " |")
    print("|---|---:|" + "---:|" * len(table.sets))
    for step, values in history:
        print(f"| {step} | {by_source(table, values):.3f} | " + " | ".join(f"{values[s.name]:.3f}" for s in table.sets)
              + " |")
    # the pull for the components kept: the best mean LODO by source (the stronger pull on a tie)
    print("\n| pull towards equal weights | mean LODO by source | " + " | ".join(s.name for s in table.sets) + " |")
    print("|---:|---:|" + "---:|" * len(table.sets))
    for shrink, values in pulls:
        print(f"| {shrink:g} | {by_source(table, values):.3f} | "
              + " | ".join(f"{values[s.name]:.3f}" for s in table.sets) + " |")
    shrink, per_set = _best_pull(table, pulls)
    weights = fit(table, table.sets, names, shrink)
    kept = [n for n in names if n in KEPT]
    without = lodo(table, [n for n in names if n not in KEPT], shrink) if kept and len(kept) < len(names) else None
    print(f"\n| set | metric | LODO overall (pull {shrink:g}) |"
          + (f" the same without {', '.join(kept)} (kept by rule) |" if without else "")
          + "\n|---|---|---:|" + ("---:|" if without else ""))
    for s in table.sets:
        print(f"| {s.name} | {s.metric} | {per_set[s.name]:.3f} |" + (f" {without[s.name]:.3f} |" if without else ""))
    print(f"| mean by source | | {by_source(table, per_set):.3f} |"
          + (f" {by_source(table, without):.3f} |" if without else ""))
    print("\nweights fitted on all sets:", json.dumps({k: round(v, 4) for k, v in weights.items()}))
    if args.write:
        write_weights(weights, per_set, table, args.embedder, shrink)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

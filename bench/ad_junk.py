"""The implementer's count of junk requirements and keywords on a fresh run of the dev packets (issue 26).

    .venv/bin/python bench/evidence_report.py --set dev --out /tmp/ads-dev/
    .venv/bin/python bench/ad_junk.py /tmp/ads-dev/ [--judged bench/evidence/3.0.0-dev-dev]
                                      [--verdicts bench/evidence/ads-implementer-verdicts.json]

A listed requirement (R claim) or keyword (K claim) of the new run whose kind and label the dev reviewers judged
in the earlier run (`--judged`: its claims and `judgments/`) takes their verdict; one they never saw takes the
implementer's verdict from `--verdicts` ("<pair>|<kind or K>|<label>" -> "junk" / "real" / "meaningful"), written
by the rules of bench/evidence/RULES.md. Labels with neither are printed as unjudged and left out of the shares.
A real requirement whose importance the reviewers judged keeps their verdict when shown with the same importance,
and the opposite verdict when its importance changed. The asks the reviewers named as unlisted count as listed
now when a requirement is read from the same ad line with words inside their quote.
This is not the official figure: fresh reviewers judge the next run.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _verdicts(judged: Path, pair: str) -> tuple[dict[tuple[str, str], str | None], dict[str, str | None],
                                                 dict[tuple[str, str], tuple[str, str]]]:
    """(kind, label) -> requirement verdict, label -> keyword verdict and (kind, label) -> (importance shown,
    the reviewer's importance verdict), from a judged run of one pair."""
    claims = json.loads((judged / f"{pair}.claims.json").read_text())["claims"]
    judgment = {c["id"]: c for c in json.loads((judged / "judgments" / f"{pair}.json").read_text())["claims"]}
    reqs = {(c["kind"], c["label"].lower()): judgment.get(c["id"], {}).get("requirement")
            for c in claims if c["type"] == "requirement"}
    importance = {(c["kind"], c["label"].lower()): (c["importance"], judgment[c["id"]]["importance"])
                  for c in claims if c["type"] == "requirement" and judgment.get(c["id"], {}).get("importance")}
    keywords = {c["label"].lower(): judgment.get(c["id"], {}).get("keyword") for c in claims if c["type"] == "keyword"}
    return reqs, keywords, importance


def _importance_wrong(judged: tuple[str, str], now: str) -> bool:
    """Whether an importance is wrong now, from the reviewers' verdict on the importance they saw: a flip of a
    wrong importance makes it right, and of a right one wrong."""
    seen, verdict = judged
    return (verdict == "wrong") == (seen == now)


def _unlisted(judged: Path, pair: str, claims: list[dict]) -> tuple[int, int]:
    """(asks the reviewers named as unlisted in the earlier run, how many of them the new run lists): listed is a
    requirement read from the same ad line whose words sit inside the reviewer's quote, or hold it."""
    path = judged / "judgments" / f"{pair}.json"
    named = json.loads(path.read_text()).get("unlisted_requirements", []) if path.exists() else []
    reqs = [c for c in claims if c["type"] == "requirement"]
    listed = 0
    for ask in named:
        quote = ask["quote"].lower()
        listed += any(ask.get("ad_line") in (c.get("ad_lines") or []) and any(
            s.lower() in quote or quote in s.lower() for s in (c.get("ad_surface") or [])) for c in reqs)
    return len(named), listed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("run", type=Path)
    parser.add_argument("--judged", type=Path, default=REPO / "bench/evidence/3.0.0-dev-dev")
    parser.add_argument("--verdicts", type=Path, default=REPO / "bench/evidence/ads-implementer-verdicts.json")
    args = parser.parse_args()
    manual = json.loads(args.verdicts.read_text()) if args.verdicts.exists() else {}
    counts: Counter[str] = Counter()
    unjudged: list[str] = []
    for path in sorted(args.run.glob("*.claims.json")):
        pair = path.name.split(".")[0]
        reqs, keywords, importance = _verdicts(args.judged, pair)
        claims = json.loads(path.read_text())["claims"]
        named, listed = _unlisted(args.judged, pair, claims)
        counts["U.n"] += named
        counts["U.listed"] += listed
        for claim in claims:
            if claim["type"] == "requirement":
                kind = "keyword" if claim["kind"] == "keyword" else "other"
                key = f"{pair}|{claim['kind']}|{claim['label']}"
                verdict = reqs.get((claim["kind"], claim["label"].lower())) or manual.get(key)
                prefix = f"R.{kind}"
                judged_importance = importance.get((claim["kind"], claim["label"].lower()))
                if verdict == "real" and judged_importance is not None:
                    counts["I.n"] += 1
                    counts["I.wrong"] += _importance_wrong(judged_importance, claim["importance"])
            elif claim["type"] == "keyword":
                key = f"{pair}|K|{claim['label']}"
                verdict = keywords.get(claim["label"].lower()) or manual.get(key)
                prefix = "K"
            else:
                continue
            if verdict is None:
                unjudged.append(key)
                continue
            counts[f"{prefix}.n"] += 1
            counts[f"{prefix}.junk"] += verdict == "junk"
    r_n, r_junk = counts["R.keyword.n"] + counts["R.other.n"], counts["R.keyword.junk"] + counts["R.other.junk"]
    print("| what | junk | of | share |\n|---|---:|---:|---:|")
    for label, junk, n in (("listed requirements", r_junk, r_n),
                           ("keyword-kind requirements", counts["R.keyword.junk"], counts["R.keyword.n"]),
                           ("other requirements", counts["R.other.junk"], counts["R.other.n"]),
                           ("keywords (K)", counts["K.junk"], counts["K.n"])):
        print(f"| {label} | {junk} | {n} | {junk / n:.1%} |" if n else f"| {label} | 0 | 0 | - |")
    if counts["K.n"]:
        print(f"\nkeyword precision {1 - counts['K.junk'] / counts['K.n']:.1%}")
    if counts["I.n"]:
        print(f"importance wrong {counts['I.wrong']} of {counts['I.n']} real requirements whose importance was "
              f"judged ({counts['I.wrong'] / counts['I.n']:.1%})")
    if counts["U.n"]:
        print(f"unlisted asks the reviewers named: {counts['U.n']}, listed now {counts['U.listed']}, still unlisted "
              f"{counts['U.n'] - counts['U.listed']}")
    if unjudged:
        print(f"\nunjudged ({len(unjudged)}): " + "; ".join(unjudged))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

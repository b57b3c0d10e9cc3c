"""An implementer's estimate while fixing: a fresh run of the judged pairs against the verdicts already given.

    .venv/bin/python bench/evidence_report.py --set dev --out /tmp/evidence-dev/
    .venv/bin/python bench/evidence_compare.py bench/evidence/3.0.0-dev-dev /tmp/evidence-dev [--verbose]

Claims are matched by type and label. Of the skill and keyword requirements the reviewers called real:
- met/partial claims: one citing the same lines takes their verdict (shows, weak, wrong), whatever status the
  judged claim had (a related claim's line is judged too); one that
  was "missing" although the reviewer saw it at some lines counts as shows when it cites one of those lines;
  every other changed or new claim is "not judged";
- missing claims: one that was missing keeps the reviewer's verdict (actually shown or truly missing);
- dropped: a met/partial claim now related or missing, by the verdict it had (a weak or wrong citation withdrawn,
  or a shown one lost);
- related claims: one citing the lines a reviewer judged (or saw it shown at) takes that verdict, so "shows" counts
  the related although shown;
- extra strengths: one kept with the same label and cited lines keeps its verdict; one gone counts as dropped
  by the verdict it had.
`--kinds skill,keyword,title,education` widens the count from skill and keyword requirements to the other kinds.
It also lists what moved. Not a judgment: fresh reviewers judge new runs (`bench/evidence/RULES.md`).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path


def _claims(folder: Path, pair: str) -> dict[tuple[str, str], dict]:
    data = json.loads((folder / f"{pair}.claims.json").read_text())
    return {(c["type"], c["label"].lower()): c for c in data["claims"]}


def _line_verdict(old: dict | None, claim: dict, answer: dict) -> str | None:
    """The reviewer's verdict on the lines a fresh claim cites: the judged claim's own when it cited the same
    lines, "shows" when the reviewer called it missing although shown at one of them, else None (not judged)."""
    if old and old["lines"] == claim["lines"] and answer.get("evidence"):
        return answer["evidence"]
    if old and answer.get("missing") == "actually_shown" and set(claim["lines"]) & set(answer.get("shown_at") or []):
        return "shows"
    return None


def compare(judged: Path, fresh: Path, verbose: bool, kinds: tuple[str, ...] = ("skill", "keyword")) -> None:
    cited = {"shows": 0, "weak": 0, "wrong": 0, "not judged": 0}
    dropped = {"shows": 0, "weak": 0, "wrong": 0}
    missing = {"actually_shown": 0, "truly_missing": 0, "not judged": 0}
    moved = {"actually shown, now met": 0, "truly missing, now met": 0}
    related = {"shows": 0, "weak": 0, "wrong": 0, "not judged": 0}
    for judgment in sorted((judged / "judgments").glob("*.json")):
        pair = judgment.stem
        if not (fresh / f"{pair}.claims.json").is_file():
            continue
        answers = {a["id"]: a for a in json.loads(judgment.read_text())["claims"]}
        before = _claims(judged, pair)
        for key, claim in _claims(fresh, pair).items():
            if claim["type"] != "requirement" or claim["kind"] not in kinds:
                continue
            old = before.get(key)
            answer = answers.get(old["id"], {}) if old else {}
            if answer.get("requirement") != "real":
                continue
            status = claim["status"]
            if old and old["status"] == "missing" and status in ("met", "partial"):
                moved[f"{answer['missing'].replace('_', ' ')}, now met"] += 1
                if verbose:
                    print(f"{pair} {old['id']} {claim['label']}: {answer['missing']} -> {status} L{claim['lines']} "
                          f"(reviewer: {answer.get('shown_at')}) {(claim['cited_text'] or '')[:80]}")
            verdict = _line_verdict(old, claim, answer)
            if status in ("met", "partial"):
                cited[verdict or "not judged"] += 1
                if verdict is None and verbose and old and old["status"] != "missing":
                    print(f"{pair} {old['id']} {claim['label']}: {answer.get('evidence')} L{old['lines']} -> "
                          f"{status} L{claim['lines']} {(claim['cited_text'] or '')[:80]}")
            elif old and old["status"] in ("met", "partial") and answer.get("evidence"):
                dropped[answer["evidence"]] += 1
                if verbose:
                    print(f"{pair} {old['id']} {claim['label']}: {answer['evidence']} L{old['lines']} -> {status}")
            if status == "related":  # a line the reviewer judged, now shown as related: "shows" is a shown one hidden
                related[verdict or "not judged"] += 1
            if status == "missing" and not (old and old["status"] in ("met", "partial")):
                missing[answer["missing"] if old and old["status"] == "missing" else "not judged"] += 1
    judged_count = cited["shows"] + cited["weak"] + cited["wrong"]
    print(f"met/partial claims of real {'/'.join(kinds)} requirements: {cited}; shows {cited['shows']} of "
          f"{judged_count} judged ({cited['shows'] / max(judged_count, 1):.0%})")
    print(f"missing claims of real {'/'.join(kinds)} requirements: {missing}; moved: {moved}")
    print(f"met/partial claims now related or missing, by their verdict: {dropped}")
    print(f"related claims of real {'/'.join(kinds)} requirements citing a judged line, by its verdict "
          f"('shows': related although shown): {related}")
    extras: dict[str, int] = {}
    for judgment in sorted((judged / "judgments").glob("*.json")):
        pair = judgment.stem
        if not (fresh / f"{pair}.claims.json").is_file():
            continue
        answers = {a["id"]: a for a in json.loads(judgment.read_text())["claims"]}
        before = {k: c for k, c in _claims(judged, pair).items() if c["type"] == "extra_strength"}
        now = {k: c for k, c in _claims(fresh, pair).items() if c["type"] == "extra_strength"}
        for key, claim in now.items():
            old = before.get(key)
            verdict = answers.get(old["id"], {}).get("evidence") if old and old["lines"] == claim["lines"] else None
            extras[verdict or "not judged"] = extras.get(verdict or "not judged", 0) + 1
        for key in before.keys() - now.keys():
            verdict = f"dropped {answers.get(before[key]['id'], {}).get('evidence')}"
            extras[verdict] = extras.get(verdict, 0) + 1
    print(f"extra strengths (kept with the same lines: their verdict; dropped: the verdict they had): {extras}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("judged", type=Path, help="a judged run folder (bench/evidence/<run>)")
    parser.add_argument("fresh", type=Path, help="a fresh run of the same pairs (bench/evidence_report.py --out)")
    parser.add_argument("--verbose", action="store_true", help="list the claims that moved")
    parser.add_argument("--kinds", default="skill,keyword",
                        help="requirement kinds counted, comma-separated (also: title, education, experience)")
    args = parser.parse_args()
    compare(args.judged, args.fresh, args.verbose, tuple(args.kinds.split(",")))


if __name__ == "__main__":
    main()

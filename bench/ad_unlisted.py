"""How many of the requirements reviewers found unlisted a fresh run now lists (issue 26, the implementer's count).

    .venv/bin/python bench/evidence_report.py --set heldout4 --out /tmp/ads-heldout4/ --evaldata ../shared/evaldata
    .venv/bin/python bench/ad_unlisted.py /tmp/ads-heldout4/ --judged /work/judging/3.1.0-r3-heldout4

Each unlisted quote of the judged run (`judgments/<pair>.json` "unlisted_requirements": quote, ad line) counts as
covered when a requirement (R claim) of the new run names that ad line and its label shares a word of four
letters or more with the quote (by its first five letters, so "testing" covers "tests" and "analyst" "analysis").
A rough count by words, not a judgment: fresh reviewers judge the next run.
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path


def _stems(text: str) -> set[str]:
    return {w.lower()[:5] for w in re.findall(r"[A-Za-z][\w+#]*", text) if len(w) >= 4}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("run", type=Path)
    parser.add_argument("--judged", type=Path, required=True)
    args = parser.parse_args()
    total = covered = 0
    for path in sorted((args.judged / "judgments").glob("*.json")):
        pair = path.stem
        fresh = args.run / f"{pair}.claims.json"
        if not fresh.exists():
            continue
        claims = [c for c in json.loads(fresh.read_text())["claims"] if c["type"] == "requirement"]
        for item in json.loads(path.read_text()).get("unlisted_requirements", []):
            total += 1
            words = _stems(item["quote"])
            hit = [c["label"] for c in claims
                   if item.get("ad_line") in (c.get("ad_lines") or []) and _stems(c["label"]) & words]
            covered += bool(hit)
            print(f"{pair} A{item.get('ad_line')}: {'covered by ' + ', '.join(hit) if hit else 'unlisted'}"
                  f" - {item['quote'][:80]}")
    print(f"\nunlisted quotes now covered: {covered} / {total}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

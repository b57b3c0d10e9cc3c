"""The figures of `docs/model-card.md`, taken from BENCHMARKS.md: the model card never states a number of its own.

The card holds generated blocks between `<!-- figures:NAME -->` and `<!-- /figures:NAME -->`:
- `quality`: the labelled sets (BENCHMARKS.md "Match quality", the table of sets) with the overall score's
  leave-one-dataset-out and in-sample figures (its "Every set, every method" table, rows "LODO overall" and
  "overall_score (shipped weights)");
- `fairness`: the wider fairness table (BENCHMARKS.md "Fairness", the table under "Wider fairness" written by
  `bench/fairness.py`).

    python bench/model_card.py           # exit 1 and show what differs when the card is stale
    python bench/model_card.py --write   # rewrite the blocks from BENCHMARKS.md

`tests/unit/test_model_card.py` fails while the card and BENCHMARKS.md disagree.
"""

from __future__ import annotations

import argparse
import difflib
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BENCHMARKS = REPO / "BENCHMARKS.md"
CARD = REPO / "docs" / "model-card.md"
BLOCK = re.compile(r"(<!-- figures:(\w+) -->\n)(.*?)(<!-- /figures:\2 -->)", re.DOTALL)


class StaleSource(ValueError):
    """BENCHMARKS.md no longer has a table the card takes its figures from."""


def _section(text: str, heading: re.Pattern[str]) -> tuple[str, str]:
    """(the heading line, the section's text up to the next heading of the same level)."""
    match = heading.search(text)
    if match is None:
        raise StaleSource(f"BENCHMARKS.md has no section matching {heading.pattern!r}")
    level = len(match.group(0)) - len(match.group(0).lstrip("#"))
    rest = text[match.end():]
    end = re.search(rf"^#{{1,{level}}} ", rest, re.MULTILINE)
    return match.group(0).strip(), rest[: end.start() if end else len(rest)]


def _table(section: str, first_header: str) -> list[list[str]]:
    """The rows (cells stripped) of the first markdown table whose header starts with `| first_header |`."""
    lines = section.split("\n")
    for i, line in enumerate(lines):
        if line.startswith(f"| {first_header} |"):
            rows = []
            for row in lines[i:]:
                if not row.startswith("|"):
                    break
                rows.append([cell.strip() for cell in row.strip().strip("|").split("|")])
            return [rows[0], *rows[2:]]  # without the |---| line
    raise StaleSource(f"no table starting '| {first_header} |' in that section of BENCHMARKS.md")


def _row(rows: list[list[str]], starts: str) -> list[str]:
    for row in rows:
        if row[0].strip("*").startswith(starts):
            return [cell.strip("*") for cell in row]
    raise StaleSource(f"no row starting '{starts}' in BENCHMARKS.md's method table")


def quality(benchmarks: str) -> str:
    heading, section = _section(benchmarks, re.compile(r"^## Match quality — algorithm [^\n]*", re.MULTILINE))
    version = re.search(r"algorithm ([\w.-]+)", heading)
    sets = {row[0]: row for row in _table(section, "set")[1:]}
    methods = _table(section, "method")
    names = methods[0][1:]
    lodo, shipped = _row(methods[1:], "LODO overall")[1:], _row(methods[1:], "overall_score (shipped weights)")[1:]
    lines = [f"Algorithm {version.group(1) if version else '?'}; from BENCHMARKS.md, \"{heading.lstrip('# ')}\" "
             "(the table of labelled sets, and the rows \"LODO overall\" and \"overall_score (shipped weights)\" of "
             "\"Every set, every method\"). Out of sample: the weights refitted without the set's source.", "",
             "| set | resumes from | groups | labels | metric | out of sample (LODO) | in sample |",
             "|---|---|---:|---|---|---:|---:|"]
    for name, out, inside in zip(names, lodo, shipped, strict=True):
        row = sets.get(name)
        if row is None:
            raise StaleSource(f"set '{name}' is in the method table but not in the table of sets")
        lines.append(f"| {name} | {row[1]} | {row[2]} | {row[3]} | {row[4]} | {out} | {inside} |")
    return "\n".join(lines) + "\n"


def fairness(benchmarks: str) -> str:
    _heading, section = _section(benchmarks, re.compile(r"^## Fairness[^\n]*", re.MULTILINE))
    intro = re.search(r"^Wider fairness: [^\n]*", section, re.MULTILINE)
    command = re.search(r"`(python bench/fairness\.py[^`]*)`", section)
    if intro is None or command is None:
        raise StaleSource("BENCHMARKS.md's Fairness section has no 'Wider fairness:' line or bench/fairness.py "
                          "command")
    table = _table(section, "counterfactual")
    lines = [f"From BENCHMARKS.md, \"Fairness\" (`{command.group(1)}`). {intro.group(0)}", "",
             "| " + " | ".join(table[0]) + " |", "|---|" + "---:|" * 5 + "---|"]
    lines += ["| " + " | ".join(row) + " |" for row in table[1:]]
    return "\n".join(lines) + "\n"


BLOCKS = {"quality": quality, "fairness": fairness}


def refreshed(card: str, benchmarks: str) -> str:
    """The card with every figures block made again from `benchmarks`."""
    def fill(match: re.Match[str]) -> str:
        make = BLOCKS.get(match.group(2))
        if make is None:
            raise StaleSource(f"the card has an unknown figures block '{match.group(2)}'")
        return match.group(1) + make(benchmarks) + match.group(4)

    return BLOCK.sub(fill, card)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--write", action="store_true", help="rewrite the card's figures from BENCHMARKS.md")
    args = ap.parse_args(argv)
    card = CARD.read_text()
    try:
        new = refreshed(card, BENCHMARKS.read_text())
    except StaleSource as exc:
        print(f"model_card: {exc}", file=sys.stderr)
        return 2
    if new == card:
        print("docs/model-card.md: figures match BENCHMARKS.md")
        return 0
    if args.write:
        CARD.write_text(new)
        print("docs/model-card.md: figures rewritten from BENCHMARKS.md")
        return 0
    sys.stdout.writelines(difflib.unified_diff(card.splitlines(True), new.splitlines(True), "docs/model-card.md",
                                               "from BENCHMARKS.md"))
    return 1


if __name__ == "__main__":
    raise SystemExit(main())

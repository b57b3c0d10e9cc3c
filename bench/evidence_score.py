"""Score a judged evidence run: the issue's table of what recruiters judged, per pair and overall, as Markdown.

    .venv/bin/python bench/evidence_score.py bench/evidence/<run>/ [--validate]

Reads the packets' claims (`<pair>.claims.json`) and the judgments beside them (`judgments/<pair>.json`, or
`judgments/<pair>.<judge>.json` when a pair has several judges). Every judgment is checked first
(bench/evidence_claims.py `problems`: every claim judged exactly once, only the questions it asks, quotes that
are in the ad); any problem is printed and nothing is scored (exit 2). `--validate` only checks.

Figures (bench/evidence/RULES.md defines the labels):
- evidence precision: `shows` / requirements the report calls met or partial; with the weak and wrong counts;
- junk-requirement rate: `junk` / listed requirements (R and G claims), also on the SkillSpan ads alone;
- importance errors: real requirements whose required/preferred is `wrong`;
- missed requirements: requirements the judge quotes from the ad that the report does not list;
- missing but shown: `actually_shown` / requirements the report calls missing;
- keyword precision: `meaningful` / keywords; mean trust (1-5).
A pair judged by several judges counts once per judge; their agreement is printed when there are any.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from collections import defaultdict
from dataclasses import dataclass, field, fields
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))

from evidence_claims import EVIDENCE_STATUSES, ClaimsFile, PairJudgment, load_claims, problems  # noqa: E402


@dataclass
class Tally:
    """Counts of one judged pair (or a sum of them)."""

    claims: int = 0
    listed: int = 0  # requirements listed (R and G)
    junk: int = 0
    listed_real_ads: int = 0  # on SkillSpan ads
    junk_real_ads: int = 0
    importance_judged: int = 0
    importance_wrong: int = 0
    evidence_judged: int = 0  # met/partial requirements
    shows: int = 0
    weak: int = 0
    wrong: int = 0
    evidence_real_judged: int = 0  # ... of real requirements
    shows_real: int = 0
    other_status_judged: int = 0  # cited lines of another status (e.g. related)
    other_status_shows: int = 0
    extra_judged: int = 0  # strengths the ad did not ask for
    extra_shows: int = 0
    missing_judged: int = 0
    actually_shown: int = 0
    missing_real_judged: int = 0
    actually_shown_real: int = 0
    unlisted: int = 0
    keywords: int = 0
    keywords_meaningful: int = 0
    trust: list[int] = field(default_factory=list)

    def __add__(self, other: Tally) -> Tally:
        return Tally(**{f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(self)})


def tally(claims_file: ClaimsFile, judgment: PairJudgment) -> tuple[Tally, dict[str, Tally]]:
    """The counts of one judgment, overall and per requirement kind."""
    t = Tally(claims=len(claims_file.claims), unlisted=len(judgment.unlisted_requirements), trust=[judgment.trust])
    by_kind: dict[str, Tally] = defaultdict(Tally)
    claims = {c.id: c for c in claims_file.claims}
    real_ad = claims_file.ad.get("format") == "skillspan"
    for answer in judgment.claims:
        claim = claims[answer.id]
        if claim.type == "keyword":
            t.keywords += 1
            t.keywords_meaningful += answer.keyword == "meaningful"
            continue
        if claim.type == "extra_strength":
            t.extra_judged += 1
            t.extra_shows += answer.evidence == "shows"
            continue
        parts = (t, by_kind[claim.kind or claim.type])
        real = answer.requirement == "real"
        for part in parts:
            part.listed += 1
            part.junk += not real
            if real_ad:
                part.listed_real_ads += 1
                part.junk_real_ads += not real
            if answer.importance is not None:
                part.importance_judged += 1
                part.importance_wrong += answer.importance == "wrong"
            if answer.evidence is not None and claim.status in EVIDENCE_STATUSES:
                part.evidence_judged += 1
                part.shows += answer.evidence == "shows"
                part.weak += answer.evidence == "weak"
                part.wrong += answer.evidence == "wrong"
                part.evidence_real_judged += real
                part.shows_real += real and answer.evidence == "shows"
            elif answer.evidence is not None:
                part.other_status_judged += 1
                part.other_status_shows += answer.evidence == "shows"
            if answer.missing is not None:
                shown = answer.missing == "actually_shown"
                part.missing_judged += 1
                part.actually_shown += shown
                part.missing_real_judged += real
                part.actually_shown_real += real and shown
    return t, dict(by_kind)


# ---------------------------------------------------------------- reading a run


def judgment_files(run: Path) -> dict[str, list[Path]]:
    """pair id -> its judgment files (`<pair>.json`, `<pair>.<judge>.json`)."""
    out: dict[str, list[Path]] = defaultdict(list)
    folder = run / "judgments"
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        out[path.name.split(".")[0]].append(path)
    return dict(out)


def read_run(run: Path) -> tuple[dict[str, ClaimsFile], list[tuple[ClaimsFile, PairJudgment]], list[str]]:
    """The packets' claims, the valid judgments, and every problem found (file: problem)."""
    packets = {p.name.removesuffix(".claims.json"): load_claims(p) for p in sorted(run.glob("*.claims.json"))}
    judged: list[tuple[ClaimsFile, PairJudgment]] = []
    found: list[str] = []
    for pair_id, paths in judgment_files(run).items():
        for path in paths:
            name = path.relative_to(run)
            if pair_id not in packets:
                found.append(f"{name}: no packet {pair_id}.claims.json in this run")
                continue
            try:
                raw = json.loads(path.read_text(encoding="utf-8"))
            except (json.JSONDecodeError, UnicodeDecodeError) as exc:
                found.append(f"{name}: not JSON ({exc})")
                continue
            issues = problems(packets[pair_id], raw)
            found.extend(f"{name}: {issue}" for issue in issues)
            if not issues:
                judged.append((packets[pair_id], PairJudgment.model_validate(raw)))
    return packets, judged, found


# ---------------------------------------------------------------- Markdown


def _ratio(num: int, den: int) -> str:
    return f"{num} of {den} ({num / den:.0%})" if den else "none judged"


def _short(num: int, den: int) -> str:
    return f"{num}/{den}" if den else "–"


def _trust(values: list[int]) -> str:
    if not values:
        return "–"
    if len(values) == 1:
        return str(values[0])
    mean = statistics.fmean(values)
    return f"{mean:.1f}" if min(values) == max(values) else f"{mean:.1f} ({min(values)}–{max(values)})"


def overall_table(t: Tally) -> list[str]:
    return [
        "| what | result |",
        "|---|---|",
        f"| met/partial claims whose cited line really shows the requirement | "
        f"**{_ratio(t.shows, t.evidence_judged)}**; {t.weak} weak, {t.wrong} wrong |",
        f"| … of those on real requirements | {_ratio(t.shows_real, t.evidence_real_judged)} |",
        f"| listed requirements that are not requirements at all | **{_ratio(t.junk, t.listed)}**; on the real "
        f"(SkillSpan) ads {_short(t.junk_real_ads, t.listed_real_ads)} |",
        f"| required/preferred wrong | {t.importance_wrong} of {t.importance_judged} real requirements judged |",
        f"| requirements stated in the ad and not listed | {t.unlisted} |",
        f"| \"missing\" although the resume shows it | {_ratio(t.actually_shown, t.missing_judged)}; on real "
        f"requirements {_short(t.actually_shown_real, t.missing_real_judged)} |",
        f"| meaningful keywords | **{_ratio(t.keywords_meaningful, t.keywords)}** |",
        f"| strengths beyond the ad whose cited line shows them | {_ratio(t.extra_shows, t.extra_judged)} |",
        *([f"| cited lines of other statuses that show the requirement | "
           f"{_ratio(t.other_status_shows, t.other_status_judged)} |"] if t.other_status_judged else []),
        f"| a recruiter's trust in the report, 1–5 | {_trust(t.trust)} |",
    ]


def pair_table(rows: list[tuple[str, ClaimsFile, Tally]]) -> list[str]:
    out = ["| pair | judge | resume | ad | claims | shows / met+partial | weak | wrong | junk / listed | "
           "importance wrong | not listed | missing but shown | keywords meaningful | trust |",
           "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for judge, cf, t in rows:
        out.append(f"| {cf.pair_id} | {judge} | {cf.resume.get('format')} | {cf.ad.get('format')} | {t.claims} | "
                   f"{_short(t.shows, t.evidence_judged)} | {t.weak} | {t.wrong} | {_short(t.junk, t.listed)} | "
                   f"{t.importance_wrong} | {t.unlisted} | {_short(t.actually_shown, t.missing_judged)} | "
                   f"{_short(t.keywords_meaningful, t.keywords)} | {_trust(t.trust)} |")
    return out


def kind_table(by_kind: dict[str, Tally]) -> list[str]:
    out = ["| kind | listed | junk | shows / met+partial | importance wrong | missing but shown |",
           "|---|---|---|---|---|---|"]
    for kind, t in sorted(by_kind.items(), key=lambda kv: -kv[1].listed):
        out.append(f"| {kind} | {t.listed} | {_short(t.junk, t.listed)} | {_short(t.shows, t.evidence_judged)} | "
                   f"{_short(t.importance_wrong, t.importance_judged)} | "
                   f"{_short(t.actually_shown, t.missing_judged)} |")
    return out


def agreement(judged: list[tuple[ClaimsFile, PairJudgment]]) -> list[str]:
    """Per question, how often two judges of the same pair gave the same answer (over all judge pairs)."""
    by_pair: dict[str, list[PairJudgment]] = defaultdict(list)
    for cf, j in judged:
        by_pair[cf.pair_id].append(j)
    same: dict[str, list[bool]] = defaultdict(list)
    for judgments in by_pair.values():
        for a_i, a in enumerate(judgments):
            for b in judgments[a_i + 1:]:
                answers_b = {c.id: c for c in b.claims}
                for ca in a.claims:
                    cb = answers_b[ca.id]
                    for q in ("requirement", "importance", "evidence", "missing", "keyword"):
                        if getattr(ca, q) is not None and getattr(cb, q) is not None:
                            same[q].append(getattr(ca, q) == getattr(cb, q))
    if not same:
        return []
    return ["| question | same answer from two judges |", "|---|---|",
            *(f"| {q} | {_ratio(sum(v), len(v))} |" for q, v in same.items())]


def report(run: Path, packets: dict[str, ClaimsFile], judged: list[tuple[ClaimsFile, PairJudgment]]) -> str:
    total = Tally()
    by_kind: dict[str, Tally] = defaultdict(Tally)
    rows = []
    for cf, j in sorted(judged, key=lambda x: (x[0].pair_id, x[1].judge)):
        t, kinds = tally(cf, j)
        total += t
        for kind, kt in kinds.items():
            by_kind[kind] += kt
        rows.append((j.judge, cf, t))
    versions = sorted({cf.algorithm_version for cf in packets.values()})
    judges = sorted({j.judge for _, j in judged})
    pairs = sorted({cf.pair_id for cf, _ in judged})
    unjudged = sorted(set(packets) - set(pairs))
    out = [f"### Judged evidence: run `{run.name}` (algorithm {', '.join(versions)})", "",
           f"{len(pairs)} pairs, {total.claims} claims judged ({len(judged)} judgments by {len(judges)} "
           f"judge(s)); `python bench/evidence_score.py {run}`."
           + (f" Not judged yet: {', '.join(unjudged)}." if unjudged else ""), "",
           *overall_table(total), "", "Per pair:", "", *pair_table(rows), "", "By requirement kind:", "",
           *kind_table(by_kind)]
    agree = agreement(judged)
    if agree:
        out += ["", "Agreement between judges of the same pair:", "", *agree]
    return "\n".join(out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("run", type=Path, help="a run folder, e.g. bench/evidence/2.0.0-dev")
    parser.add_argument("--validate", action="store_true", help="only check the judgments")
    args = parser.parse_args()
    if not args.run.is_dir() or not any(args.run.glob("*.claims.json")):
        print(f"evidence_score: {args.run} has no packets (*.claims.json)", file=sys.stderr)
        return 2
    packets, judged, found = read_run(args.run)
    for line in found:
        print(f"evidence_score: {line}", file=sys.stderr)
    if found:
        print(f"evidence_score: {len(found)} problem(s); fix them and run again", file=sys.stderr)
        return 2
    if args.validate:
        for cf, j in judged:
            print(f"{cf.pair_id} ({j.judge}): valid, {len(j.claims)} claims")
        missing = sorted(set(packets) - {cf.pair_id for cf, _ in judged})
        if missing:
            print(f"not judged yet: {', '.join(missing)}")
        return 0
    if not judged:
        print(f"evidence_score: no judgments in {args.run / 'judgments'} yet", file=sys.stderr)
        return 2
    print(report(args.run, packets, judged))
    return 0


if __name__ == "__main__":
    sys.exit(main())

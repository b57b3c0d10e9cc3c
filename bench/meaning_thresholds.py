"""Choose the meaning check's thresholds (`matching/data/meaning.json`) on data labelled by others.

- **judged claims** (`--judged bench/evidence/<run>`, the `confirm` threshold): every met or partial skill or
  keyword claim the reviewers judged on the dev pairs, with its requirement in context and its cited statement
  as the matcher now reads them; the threshold is the best F0.5 of the reviewers' "shows" over the claims of
  real requirements found by name (precision counts twice: a wrong line costs more than a missed one). Writes
  `bench/.cache/meaning_cosines-<run>.json` (every judged claim with its cosine) for inspection.
- **word candidates** (a proxy, used for `confirm` without `--judged`, and to compare ways of putting a
  requirement in context): skill and knowledge spans of real ads (SkillSpan train and dev, expert annotated)
  that name a taxonomy skill, in their ad sentence, paired with resume statements (dotin, CC0, train set) and
  other ads' sentences that a word match would offer; a pair is right when the matched words sit inside a span
  the annotators labelled a skill holding all of the requirement's words.
- `paraphrase`: pairs of a requirement and a statement with no word of it; all are taken as wrong (the ones that
  truly mean it are few and unlabelled), so the threshold is the cosine that at most `--paraphrase-fp` of them
  reach: a pure meaning match must stand out from everything a resume says.

    python bench/meaning_thresholds.py [--evaldata PATH] [--judged bench/evidence/2.0.0-dev] [--write]

Prints the ROC area of each way of putting a requirement in context, precision and recall at each threshold,
and the chosen thresholds; `--write` stores them in matching/data/meaning.json with how they were chosen.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import zipfile
from collections import defaultdict
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from jobfit.documents.statements import split_statements  # noqa: E402
from jobfit.embeddings.minilm import MiniLMEmbedder  # noqa: E402
from jobfit.matching.meaning import is_named_tool  # noqa: E402
from jobfit.matching.text import content_tokens  # noqa: E402
from jobfit.skills import load_taxonomy  # noqa: E402

SKILL_LABELS = ("Tech Tools", "Job Specific Skills", "Soft Skills")
_TAG = re.compile(r'<label type="([^"]+)">|</label>')
DATA_FILE = REPO / "src" / "jobfit" / "matching" / "data" / "meaning.json"


def _spans(tokens: list[str], tags: list[str]) -> list[tuple[int, int]]:
    """Token ranges of the BIO spans of one tag sequence."""
    out, start = [], None
    for i, tag in enumerate([*tags, "O"]):
        if tag != "I" and start is not None:
            out.append((start, i))
            start = None
        if tag == "B":
            start = i
    return out


def ad_sentences(folder: Path, splits: tuple[str, ...] = ("train", "dev")
                 ) -> list[tuple[str, str, list[tuple[str, frozenset[str]]]]]:
    """(posting key, sentence, [(span text, span stems)]) of SkillSpan's given splits: skill and knowledge
    spans, expert annotated."""
    out = []
    for split in splits:
        for line in (folder / f"{split}.json").read_text().splitlines():
            row = json.loads(line)
            tokens = row["tokens"]
            spans = [" ".join(tokens[a:b]) for tags in (row["tags_skill"], row["tags_knowledge"])
                     for a, b in _spans(tokens, tags)]
            out.append((f"{split}-{row['source']}-{row['idx']}", " ".join(tokens),
                        [(span, frozenset(content_tokens(span))) for span in spans]))
    return out


def resume_statements(zip_path: Path, limit: int) -> list[tuple[str, list[frozenset[str]]]]:
    """(statement evidence text, the stem sets of the labelled skills on it) of the dotin resumes' statements."""
    out: list[tuple[str, list[frozenset[str]]]] = []
    with zipfile.ZipFile(zip_path) as archive:
        names = sorted(n for n in archive.namelist() if n.endswith(".xml"))[:limit]
        for name in names:
            raw = archive.read(name).decode("utf-8", "replace")
            raw = raw.split("<cv>", 1)[-1].rsplit("</cv>", 1)[0].replace("&amp;amp;", "&").replace("&amp;", "&")
            text, spans, stack = [], [], []
            at = 0
            for match in _TAG.finditer(raw):
                text.append(raw[at:match.start()])
                position = sum(len(t) for t in text)
                if match.group(1) is not None:
                    stack.append((match.group(1), position))
                elif stack:
                    kind, start = stack.pop()
                    if kind in SKILL_LABELS:
                        spans.append((start, position))
                at = match.end()
            text.append(raw[at:])
            plain = "".join(text)
            starts = [0]
            for line in plain.split("\n"):
                starts.append(starts[-1] + len(line) + 1)
            lines = plain.split("\n")
            for statement in split_statements(lines):
                if not statement.is_evidence:
                    continue
                lo, hi = starts[statement.first_line - 1], starts[statement.last_line]
                labelled = [frozenset(content_tokens(plain[a:b])) for a, b in spans if a < hi and b > lo]
                out.append((statement.evidence_text, labelled))
    return out


def candidate_pairs(requirements: list[tuple[str, str, str]], pool: list[tuple[str, str, list[frozenset[str]]]],
                    per_requirement: int, rng: random.Random) -> list[tuple[str, str, str, int, int]]:
    """(kind, requirement, context, statement index, label 1 right / 0 wrong) of the word candidates a matcher
    meets: kind "phrase" (the requirement's words in order on the statement) or "words" (at least half of a
    multi-word requirement's words). `requirements` are (source key, label, context); `pool` (source key,
    statement, the stem sets of the skills annotated on it); a requirement is never paired with its own source."""
    by_stem: dict[str, set[int]] = defaultdict(set)
    token_lists = [content_tokens(text) for _, text, _ in pool]
    for i, stems in enumerate(token_lists):
        for stem in stems:
            by_stem[stem].add(i)
    pairs = []
    for source, label, context in requirements:
        words = tuple(content_tokens(label))
        wanted = set(words)
        if not wanted or len(wanted) > 3:
            continue
        hits: dict[int, int] = defaultdict(int)
        for stem in wanted:
            for i in by_stem.get(stem, ()):
                hits[i] += 1
        found = [i for i, n in hits.items() if n / len(wanted) >= 0.5 and pool[i][0] != source]
        rng.shuffle(found)
        for i in found[:per_requirement]:
            toks = token_lists[i]
            phrase = any(tuple(toks[k:k + len(words)]) == words for k in range(len(toks) - len(words) + 1))
            right = any(wanted <= skill for skill in pool[i][2])
            pairs.append(("phrase" if phrase else "words", label, context, i, int(right)))
    return pairs


def _document(run: Path, evaldata: Path, side: dict) -> tuple[bytes, str]:
    """The bytes and file name of a pair's document as the run read it (its input copy, else evaldata's file)."""
    copy = run / "inputs" / f"{side['id']}.txt"
    if copy.is_file():
        return copy.read_bytes(), copy.name
    path = evaldata / side["source"]
    return path.read_bytes(), path.name


def judged_claims(run: Path, evaldata: Path) -> list[dict]:
    """The judged requirement claims of a run that cite a line for a met or partial skill or keyword: each with
    its requirement in context and its cited statement as the matcher now reads them, and the verdict."""
    from jobfit.documents.job import parse_job_file
    from jobfit.documents.resume import parse_resume
    from jobfit.matching import prepare_job, prepare_resume

    out = []
    for claims_file in sorted(run.glob("*.claims.json")):
        claims = json.loads(claims_file.read_text())
        pair = claims["pair_id"]
        verdicts = {}
        for judgment in sorted((run / "judgments").glob(f"{pair}*.json")):
            for answer in json.loads(judgment.read_text())["claims"]:
                verdicts.setdefault(answer["id"], []).append(answer)
        job = parse_job_file(*_document(run, evaldata, claims["ad"]))
        resume = parse_resume(*_document(run, evaldata, claims["resume"]))
        prepared = prepare_job(job)
        contexts = {r.label: c for r, c in zip(prepared.requirements, prepared.contexts, strict=True) if c}
        tools = {r.label for r in prepared.requirements if is_named_tool(r)}
        profile = prepare_resume(resume)
        texts = profile.statement_texts()
        for claim in claims["claims"]:
            if (claim["type"] != "requirement" or claim["kind"] not in ("skill", "keyword")
                    or claim["status"] not in ("met", "partial") or not claim["lines"]):
                continue
            for answer in verdicts.get(claim["id"], []):
                statement = profile.statement_at(claim["lines"][0])
                out.append({
                    "pair": pair, "label": claim["label"], "how": claim["how"], "kind": claim["kind"],
                    "named_tool": claim["label"] in tools,
                    "real": answer.get("requirement") == "real", "verdict": answer.get("evidence"),
                    "context": contexts.get(claim["label"], claim["label"]),
                    "statement": texts[statement] if statement >= 0 else None,
                })
    return out


def judged_report(run: Path, evaldata: Path, embedder) -> dict[str, tuple[float, str]]:
    """Precision and recall of the judged claims' evidence at each confirm threshold; returns the chosen ones,
    `confirm_tool` for named tools and `confirm` for the other requirements (each the best F0.5 of 'shows' over
    the claims of real requirements of its class found by name: precision counts twice), and how."""
    claims = judged_claims(run, evaldata)
    structural = [c for c in claims if c["statement"] is None]
    kept = [c for c in claims if c["statement"] is not None]
    texts = sorted({c["context"] for c in kept} | {c["statement"] for c in kept})
    vectors = dict(zip(texts, embedder.embed(texts), strict=True))
    cosines = np.array([float(vectors[c["context"]] @ vectors[c["statement"]]) for c in kept])
    shows = np.array([c["verdict"] == "shows" for c in kept])
    print(f"\n{run}: {len(claims)} judged met/partial claims; {len(structural)} cite a line that is never evidence "
          f"now (heading, contact, interest, furniture): {sum(c['verdict'] == 'shows' for c in structural)} of "
          f"those were judged 'shows'")
    print(f"of the rest, {shows.sum()} shows, {sum(c['verdict'] == 'weak' for c in kept)} weak, "
          f"{sum(c['verdict'] == 'wrong' for c in kept)} wrong; ROC AUC of the cosine for 'shows': "
          f"{roc_auc(cosines, shows.astype(int)):.3f}")
    print(" threshold  kept  precision  recall of 'shows'")
    for threshold in np.arange(0.15, 0.61, 0.025):
        keep = cosines >= threshold
        precision = shows[keep].mean() if keep.any() else float("nan")
        recall = shows[keep].sum() / max(shows.sum(), 1)
        print(f"  {threshold:.3f}   {keep.sum():4d}   {precision:.3f}     {recall:.3f}")
    def quantile(mask: np.ndarray, q: float) -> float:
        return float(np.quantile(cosines[mask], q)) if mask.any() else float("nan")

    for how in sorted({c["how"] for c in kept}):
        mask = np.array([c["how"] == how for c in kept])
        print(f"  how={how}: {mask.sum()} claims, {shows[mask].sum()} shows; cosine of shows p10 "
              f"{quantile(mask & shows, 0.1):.3f}, of the others p90 {quantile(mask & ~shows, 0.9):.3f}")
    out = REPO / "bench" / ".cache" / f"meaning_cosines-{run.name}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps([{**c, "cosine": round(float(x), 4)} for c, x in zip(kept, cosines, strict=True)],
                              indent=1, ensure_ascii=False))
    chosen: dict[str, tuple[float, str]] = {}
    for name, tool in (("confirm_tool", True), ("confirm", False)):
        named = np.array([c["real"] and c["how"] in ("exact", "alias") and c["named_tool"] == tool for c in kept])
        best, best_f = 0.0, -1.0
        print(f"\n{name}: real {'named tools' if tool else 'other requirements'} found by name (exact, alias): "
              f"threshold, kept, precision, recall, F0.5")
        for threshold in np.arange(0.15, 0.61, 0.025):
            keep = named & (cosines >= threshold)
            precision = float(shows[keep].mean()) if keep.any() else 0.0
            recall = float(shows[keep].sum() / max(shows[named].sum(), 1))
            f = 1.25 * precision * recall / (0.25 * precision + recall) if precision + recall else 0.0
            print(f"  {threshold:.3f}  {keep.sum():3d}  {precision:.3f}  {recall:.3f}  {f:.3f}")
            if f > best_f + 1e-9:
                best, best_f = round(float(threshold), 3), f
        how = (f"the best F0.5 ({best_f:.3f}) of the reviewers' 'shows' over the {named.sum()} judged claims of "
               f"real {'named tools' if tool else 'other requirements'} found by name on {run.name}")
        print(f"chosen {name}: {best} ({how})")
        chosen[name] = (best, how)
    return chosen


def rescore(run: Path, evaldata: Path, embedder, verbose: bool = False) -> None:
    """The current matcher on a judged run's pairs, its met/partial claims checked against the verdicts already
    given: a claim citing the statement a judged claim of the same requirement cited takes that verdict; the
    others are new and unjudged. An estimate for fixing, not a judgment (the reviewers judge new runs)."""
    from jobfit.documents.job import parse_job_file
    from jobfit.documents.resume import parse_resume
    from jobfit.matching import prepare_job, score_prepared
    from jobfit.pipeline import embed_resume, job_meaning

    tally = {"shows": 0, "weak": 0, "wrong": 0, "unjudged": 0, "related": 0, "was_shows_now_missing": 0,
             "real": 0, "real_shows": 0}
    for claims_file in sorted(run.glob("*.claims.json")):
        claims = json.loads(claims_file.read_text())
        verdicts: dict[str, str] = {}
        real: dict[str, bool] = {}
        for judgment in sorted((run / "judgments").glob(f"{claims['pair_id']}*.json")):
            for answer in json.loads(judgment.read_text())["claims"]:
                real[answer["id"]] = answer.get("requirement") == "real"
                if answer.get("evidence"):
                    verdicts[answer["id"]] = answer["evidence"]
        resume = parse_resume(*_document(run, evaldata, claims["resume"]))
        _chunks, _vectors, profile = embed_resume(embedder, resume)
        prepared = job_meaning(prepare_job(parse_job_file(*_document(run, evaldata, claims["ad"]))), {},
                               embedder)[0]
        judged: dict[tuple[str, int], str] = {}
        is_real = {claim["label"]: real.get(claim["id"], False) for claim in claims["claims"]
                   if claim["type"] == "requirement"}
        for claim in claims["claims"]:
            if claim["id"] in verdicts and claim["lines"]:
                judged[(claim["label"], profile.statement_at(claim["lines"][0]))] = verdicts[claim["id"]]
        rows = {r.requirement: r for r in score_prepared(profile, prepared).match_analysis.requirements}
        for claim in claims["claims"]:
            row = rows.get(claim["label"])
            if claim["id"] in verdicts and verdicts[claim["id"]] == "shows" and claim["status"] in ("met", "partial"):
                lost = row is None or row.status == "missing"
                tally["was_shows_now_missing"] += lost
                if lost and verbose:
                    print(f"  lost {claims['pair_id']} {claim['label']!r}: {claim['cited_text'][:80]!r}")
        for row in rows.values():
            if row.kind not in ("skill", "keyword") or row.line is None:
                continue
            if row.status == "related":
                tally["related"] += 1
                continue
            verdict = judged.get((row.requirement, profile.statement_at(row.line)), "unjudged")
            tally[verdict] += 1
            if verdict != "unjudged" and is_real.get(row.requirement):
                tally["real"] += 1
                tally["real_shows"] += verdict == "shows"
            if verbose and verdict != "shows":
                print(f"  {verdict} {claims['pair_id']} {row.requirement!r} ({row.how}, {row.similarity}): "
                      f"{(row.evidence or '')[:80]!r}")
    judged_total = tally["shows"] + tally["weak"] + tally["wrong"]
    print(f"\n{run.name} re-run: met/partial skill and keyword claims citing a statement already judged: "
          f"{judged_total} ({tally['shows']} shows, {tally['weak']} weak, {tally['wrong']} wrong: precision "
          f"{tally['shows'] / max(judged_total, 1):.2f}; on real requirements {tally['real_shows']} of "
          f"{tally['real']}); citing a statement not judged before: {tally['unjudged']}; "
          f"related: {tally['related']}; judged 'shows' before and missing now: {tally['was_shows_now_missing']}")


def roc_auc(scores: np.ndarray, labels: np.ndarray) -> float:
    order = np.argsort(scores)
    ranks = np.empty(len(scores))
    ranks[order] = np.arange(1, len(scores) + 1)
    positives = labels.sum()
    negatives = len(labels) - positives
    return float((ranks[labels == 1].sum() - positives * (positives + 1) / 2) / (positives * negatives))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--evaldata", type=Path, default=REPO.parent / "shared" / "evaldata")
    ap.add_argument("--resumes", type=int, default=150)
    ap.add_argument("--requirements", type=int, default=1500)
    ap.add_argument("--per-requirement", type=int, default=6)
    ap.add_argument("--min-precision", type=float, default=0.9,
                    help="confirm: the lowest threshold whose confirmed candidates are at least this precise")
    ap.add_argument("--paraphrase-fp", type=float, default=0.001)
    ap.add_argument("--write", action="store_true")
    ap.add_argument("--judged", type=Path, help="a judged run folder (bench/evidence/<run>): report on its claims")
    ap.add_argument("--rescore", type=Path, help="a judged run folder: re-run its pairs, reuse the verdicts, stop")
    ap.add_argument("--verbose", action="store_true", help="with --rescore: list the claims not judged 'shows'")
    args = ap.parse_args()
    rng = random.Random(26)
    if args.rescore is not None:
        rescore(args.rescore, args.evaldata, MiniLMEmbedder(), args.verbose)
        return 0
    judged = judged_report(args.judged, args.evaldata, MiniLMEmbedder()) if args.judged is not None else None

    sentences = ad_sentences(args.evaldata / "skillspan_job_postings")
    taxonomy = load_taxonomy()
    # requirements as the matcher has them: annotated spans that name a skill of the taxonomy, by its name
    distinct = list({entry.id: (source, entry.name, context) for source, context, spans in sentences
                     for label, _ in spans if (entry := taxonomy.lookup(label)) is not None}.values())
    rng.shuffle(distinct)
    requirements = distinct[: args.requirements]
    resumes = resume_statements(args.evaldata / "dotin_resume_ner_cc0" / "545_cvs_train_v2.zip", args.resumes)
    pool = [("resume", text, skills) for text, skills in resumes]
    pool += [(source, sentence, [stems for _, stems in spans]) for source, sentence, spans in sentences
             if len(sentence.split()) >= 4]
    pairs = candidate_pairs(requirements, pool, args.per_requirement, rng)
    labels = np.array([p[4] for p in pairs])
    print(f"{len(requirements)} ad requirements; {len(resumes)} resume statements and {len(pool) - len(resumes)} ad "
          f"sentences; {len(pairs)} word candidates ({labels.sum()} right, {len(labels) - labels.sum()} wrong)")

    embedder = MiniLMEmbedder()
    used = sorted({i for _, _, _, i, _ in pairs})
    statement_vectors = dict(zip(used, embedder.embed([pool[i][1] for i in used]), strict=True))
    contexts = {
        "label": lambda label, context: label,
        "line": lambda label, context: context,
        "label: line": lambda label, context: f"{label}: {context}",
    }
    results: dict[str, np.ndarray] = {}
    for name, make in contexts.items():
        texts = sorted({make(label, context) for _, label, context, _, _ in pairs})
        vectors = dict(zip(texts, embedder.embed(texts), strict=True))
        cosines = np.array([float(vectors[make(label, context)] @ statement_vectors[i])
                            for _, label, context, i, _ in pairs])
        results[name] = cosines
        by_kind = ", ".join(f"{kind} {roc_auc(cosines[mask], labels[mask]):.3f}"
                            for kind in ("phrase", "words")
                            if (mask := np.array([p[0] == kind for p in pairs])).any() and 0 < labels[mask].sum()
                            < mask.sum())
        print(f"context = {name:12s} ROC AUC {roc_auc(cosines, labels):.3f} ({by_kind})")
    best = max(results, key=lambda name: roc_auc(results[name], labels))
    cosines = results[best]
    print(f"\nchosen context: {best}\n threshold  confirmed  precision  recall")
    chosen = None
    for threshold in np.arange(0.10, 0.61, 0.025):
        kept = cosines >= threshold
        precision = labels[kept].mean() if kept.any() else float("nan")
        recall = labels[kept].sum() / labels.sum()
        print(f"  {threshold:.3f}   {kept.sum():8d}   {precision:.3f}     {recall:.3f}")
        if chosen is None and precision >= args.min_precision:
            chosen = round(float(threshold), 3)
    base = labels.mean()
    print(f"all word candidates: precision {base:.3f}")

    # paraphrase: requirement x statements without any of its words
    far: list[float] = []
    texts = sorted({contexts[best](label, context) for _, label, context in requirements[:300]})
    vectors = dict(zip(texts, embedder.embed(texts), strict=True))
    sample = rng.sample(used, min(400, len(used)))
    matrix = np.stack([statement_vectors[i] for i in sample])
    for _, label, context in requirements[:300]:
        wanted = set(content_tokens(label))
        sims = matrix @ vectors[contexts[best](label, context)]
        far.extend(float(s) for s, i in zip(sims, sample, strict=True)
                   if not wanted & set(content_tokens(pool[i][1])))
    paraphrase = round(float(np.quantile(far, 1 - args.paraphrase_fp)), 3)
    print(f"paraphrase: {len(far)} pairs without a shared word; cosine reached by {args.paraphrase_fp:.1%}: "
          f"{paraphrase}")
    confirm_how = (f"the lowest cosine whose word candidates are >= {args.min_precision:.0%} right ({len(pairs)} "
                   f"SkillSpan ad spans x dotin resume statements, labelled by the datasets' annotators)")
    tool, tool_how = chosen, "as confirm"
    if judged is not None:
        chosen, confirm_how = judged["confirm"]
        tool, tool_how = judged["confirm_tool"]
    print(f"\nconfirm = {chosen}, confirm_tool = {tool}, paraphrase = {paraphrase}")
    if args.write and chosen is not None:
        data = json.loads(DATA_FILE.read_text())
        data["embedders"][embedder.name] = {
            "confirm": chosen, "confirm_tool": tool, "paraphrase": max(paraphrase, chosen),
            "chosen": (f"bench/meaning_thresholds.py --write: confirm = {confirm_how}; confirm_tool = {tool_how}; "
                       f"paraphrase = the cosine "
                       f"reached by {args.paraphrase_fp:.1%} of {len(far)} pairs of a SkillSpan ad requirement (as "
                       f"'label: ad sentence') and a statement sharing none of its words (dotin resumes, ad "
                       f"sentences), so a meaning match must stand out from what resumes say; the requirement "
                       f"in context as 'label: ad line' ranked best on the word-candidate proxy ({best})"),
        }
        DATA_FILE.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
        print(f"written to {DATA_FILE.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

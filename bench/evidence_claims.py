"""The claims a match report makes, the questions a judge answers about each, and the check of a judgment.

A packet's claims come from `jobfit match --json` (`claims_from_match`): every requirement it lists (R), every
keyword (K), every strength not tied to a listed requirement (X), and every gap that names no listed
requirement (G). Each claim says which questions it asks (`asks`); bench/evidence/RULES.md defines the answers.
A judgment (`PairJudgment`, one JSON file per pair and judge) answers every claim exactly once; `problems`
lists, in plain words, whatever keeps a judgment from being scored. bench/evidence/judgment.schema.json is
`PairJudgment`'s JSON Schema (`python bench/evidence_claims.py --schema` writes it).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

SCHEMA_FILE = Path(__file__).resolve().parent / "evidence" / "judgment.schema.json"

# question -> the answers it allows
ANSWERS: dict[str, tuple[str, ...]] = {
    "requirement": ("real", "junk"),
    "importance": ("right", "wrong"),
    "evidence": ("shows", "weak", "wrong"),
    "missing": ("truly_missing", "actually_shown"),
    "keyword": ("meaningful", "junk"),
}
IMPORTANCE_KINDS = frozenset({"skill", "experience", "education"})  # kinds whose required/preferred is judged
EVIDENCE_STATUSES = frozenset({"met", "partial"})  # the statuses evidence precision is computed over


class Claim(BaseModel):
    """One statement of the report a judge can check against the two documents."""

    model_config = ConfigDict(extra="forbid")

    id: str
    type: Literal["requirement", "keyword", "extra_strength", "gap"]
    label: str
    kind: str | None = None  # requirement kind: skill, experience, education, title, keyword, ...
    importance: str | None = None
    status: str | None = None
    how: str | None = None
    score: float | None = None
    section: str | None = None
    lines: list[int] = Field(default_factory=list)  # the resume lines cited (1-based), none when missing
    cited_text: str | None = None  # the resume's text on those lines
    engine_evidence: str | None = None  # the evidence as the report words it, when it differs
    ad_lines: list[int] = Field(default_factory=list)  # where in the ad the engine read it (a help, not judged)
    ad_surface: list[str] = Field(default_factory=list)
    count_in_ad: int | None = None
    count_in_resume: int | None = None
    same_as: list[str] = Field(default_factory=list)  # report items that repeat this claim (gaps, strengths)
    asks: list[str]


class ClaimsFile(BaseModel):
    """`<pair>.claims.json`: the claims of one pair and the two texts they refer to."""

    model_config = ConfigDict(extra="forbid")

    pair_id: str
    run: str
    algorithm_version: str
    ad: dict
    resume: dict
    ad_lines: list[str]
    resume_lines: list[str]
    resume_lines_shown: int  # lines 1..N are shown in full in the packet; later ones only where cited
    scores: dict[str, float]
    summary: str
    claims: list[Claim]


class ClaimJudgment(BaseModel):
    """A judge's answers for one claim: only the questions the claim asks, and a short reason."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(description="the claim id from the packet, e.g. R03, K12, X01, G02")
    requirement: Literal["real", "junk"] | None = None
    importance: Literal["right", "wrong"] | None = None
    evidence: Literal["shows", "weak", "wrong"] | None = None
    missing: Literal["truly_missing", "actually_shown"] | None = None
    shown_at: list[int] | None = Field(None, description="resume line(s) that show it, when actually_shown")
    keyword: Literal["meaningful", "junk"] | None = None
    reason: str = Field(min_length=3, max_length=400)


class UnlistedRequirement(BaseModel):
    """A requirement the ad states that the report does not list: the ad's words, copied exactly."""

    model_config = ConfigDict(extra="forbid")

    quote: str = Field(min_length=2, max_length=300)
    importance: Literal["required", "preferred"]
    ad_line: int | None = Field(None, description="the A-line the quote starts on")


class PairJudgment(BaseModel):
    """`judgments/<pair>.json` (or `<pair>.<judge>.json`): one judge's answers for one pair."""

    model_config = ConfigDict(extra="forbid", title="Evidence judgment of one pair")

    pair_id: str
    judge: str = Field(min_length=1, description="who judged (a name or reviewer id; never the implementer)")
    claims: list[ClaimJudgment]
    unlisted_requirements: list[UnlistedRequirement]
    trust: int = Field(ge=1, le=5, description="how far a recruiter could rely on this report, 1-5")
    trust_reason: str = Field(min_length=3, max_length=600)


# ---------------------------------------------------------------- building claims


def asks_for(claim_type: str, kind: str | None, status: str | None, has_lines: bool) -> list[str]:
    """The questions a claim asks (RULES.md sections a-d, f)."""
    if claim_type == "keyword":
        return ["keyword"]
    if claim_type == "extra_strength":
        return ["evidence"]
    asks = ["requirement"]
    if claim_type == "gap" or kind in IMPORTANCE_KINDS:
        asks.append("importance")
    asks.append("evidence" if has_lines and status != "missing" else "missing")
    return asks


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


def _joined(lines: list[str]) -> set[str]:
    """Lines read as one statement, with and without re-joining words hyphenated at a line end."""
    plain = " ".join(lines)
    dehyphenated = ""
    for line in lines:
        dehyphenated = dehyphenated[:-1] + line if dehyphenated.endswith("-") else f"{dehyphenated} {line}"
    return {_norm(plain), _norm(dehyphenated)}


def cited_span(resume_lines: list[str], line: int | None, evidence: str | None) -> list[int]:
    """The resume lines a piece of evidence covers: its line, and the following ones while the evidence (a
    statement re-joined from wrapped lines) runs on; [] when the report cites no line."""
    if not line or not 1 <= line <= len(resume_lines):
        return []
    wanted = _norm(evidence or "")
    for end in range(line, min(line + 8, len(resume_lines)) + 1):
        if wanted and any(wanted in text for text in _joined(resume_lines[line - 1:end])):
            return list(range(line, end + 1))
    return [line]


def ad_sources(parsed_job: dict) -> dict[str, list[tuple[int, str]]]:
    """Skill name (case-folded) -> the (ad line, words) the engine read it from, when the parse tells."""
    out: dict[str, list[tuple[int, str]]] = {}
    for key in ("required_skills", "preferred_skills"):
        for skill in parsed_job.get(key) or []:
            name, line = skill.get("name"), skill.get("line")
            if name and isinstance(line, int):
                place = (line, str(skill.get("surface") or name))
                if place not in out.setdefault(name.casefold(), []):
                    out[name.casefold()].append(place)
    return out


def claims_from_match(match: dict, resume_lines: list[str], parsed_job: dict) -> list[Claim]:
    """Every claim of one `jobfit match --json` result, with stable ids in the report's own order."""
    analysis = match.get("match_analysis") or {}
    sources = ad_sources(parsed_job)
    claims: list[Claim] = []
    by_label: dict[str, Claim] = {}

    def text_of(lines: list[int]) -> str | None:
        return "\n".join(resume_lines[i - 1] for i in lines) if lines else None

    for i, req in enumerate(analysis.get("requirements") or [], 1):
        lines = cited_span(resume_lines, req.get("line"), req.get("evidence"))
        cited = text_of(lines)
        evidence = req.get("evidence")
        places = sources.get(str(req["requirement"]).casefold(), []) if req.get("kind") == "skill" else []
        claim = Claim(
            id=f"R{i:02d}", type="requirement", label=req["requirement"], kind=req.get("kind"),
            importance=req.get("importance"), status=req.get("status"), how=req.get("how"), score=req.get("score"),
            section=req.get("section"), lines=lines, cited_text=cited,
            engine_evidence=evidence if evidence and (not cited or _norm(evidence) not in _norm(cited)) else None,
            ad_lines=[line for line, _ in places], ad_surface=[words for _, words in places],
            asks=asks_for("requirement", req.get("kind"), req.get("status"), bool(lines)),
        )
        claims.append(claim)
        by_label.setdefault(claim.label.casefold(), claim)
    for i, kw in enumerate(analysis.get("keywords") or [], 1):
        claims.append(Claim(id=f"K{i:02d}", type="keyword", label=kw["term"], count_in_ad=kw.get("count_in_job"),
                            count_in_resume=kw.get("count_in_resume"), asks=["keyword"]))
    extra = 0
    for strength in match.get("strengths") or []:
        twin = by_label.get(str(strength["requirement"]).casefold())
        if twin is not None and strength.get("kind") != "extra" and strength.get("line") in (twin.lines or [None]):
            twin.same_as.append("strength")
            continue
        extra += 1
        lines = cited_span(resume_lines, strength.get("line"), strength.get("evidence"))
        cited = text_of(lines)
        evidence = strength.get("evidence")
        claims.append(Claim(
            id=f"X{extra:02d}", type="extra_strength", label=strength["requirement"], section=strength.get("section"),
            lines=lines, cited_text=cited,
            engine_evidence=evidence if evidence and (not cited or _norm(evidence) not in _norm(cited)) else None,
            asks=["evidence"]))
    gaps = 0
    for gap in match.get("skill_gaps") or []:
        twin = by_label.get(str(gap["skill"]).casefold())
        if twin is not None:
            twin.same_as.append("gap" + (f" (closest shown: {gap['closest_related']})"
                                         if gap.get("closest_related") else ""))
            continue
        gaps += 1
        claims.append(Claim(id=f"G{gaps:02d}", type="gap", label=gap["skill"], importance=gap.get("importance"),
                            status="missing", asks=asks_for("gap", None, "missing", False)))
    return claims


# ---------------------------------------------------------------- checking a judgment


def _plain(error: dict, raw: object) -> str:
    """A format error in words: where (a claim by its id) and what to write there."""
    loc = list(error["loc"])
    if len(loc) >= 2 and loc[0] in ("claims", "unlisted_requirements") and isinstance(loc[1], int):
        items = raw.get(loc[0]) if isinstance(raw, dict) else None
        item = items[loc[1]] if isinstance(items, list) and loc[1] < len(items) else None
        name = item.get("id") if loc[0] == "claims" and isinstance(item, dict) else None
        loc[:2] = [name or f"{loc[0].replace('_', ' ')} entry {loc[1] + 1}"]
    where = " ".join(str(p) for p in loc) or "the file"
    kind = error["type"]
    if kind == "missing":
        return f"{where} is missing"
    if kind == "extra_forbidden":
        return f"{where} is not a field of a judgment"
    if kind == "string_too_short":
        return f"{where} is empty: write it (a short sentence)"
    if kind == "literal_error":
        return f"{where} must be {error['ctx']['expected']}"
    if kind.startswith(("int_", "greater_than", "less_than")):
        return f"{where} must be a whole number from 1 to 5" if loc == ["trust"] else f"{where} must be a number"
    return f"{where}: {error['msg']}"


def problems(claims_file: ClaimsFile, raw: object) -> list[str]:
    """Why a judgment cannot be scored, in plain words; [] when it can."""
    try:
        judgment = PairJudgment.model_validate(raw)
    except ValidationError as exc:
        found = [f"not in the judgment format: {_plain(e, raw)}" for e in exc.errors()]
        return found[:15] + ([f"… and {len(found) - 15} more"] if len(found) > 15 else [])
    out: list[str] = []
    if judgment.pair_id != claims_file.pair_id:
        out.append(f"pair_id is {judgment.pair_id!r} but the packet is {claims_file.pair_id!r}")
    claims = {c.id: c for c in claims_file.claims}
    seen: dict[str, int] = {}
    for answer in judgment.claims:
        seen[answer.id] = seen.get(answer.id, 0) + 1
        claim = claims.get(answer.id)
        if claim is None:
            out.append(f"{answer.id}: no claim has this id in the packet")
            continue
        out.extend(f"{answer.id}: {p}" for p in _answer_problems(claim, answer, len(claims_file.resume_lines)))
    out.extend(f"{cid}: judged {n} times (judge each claim once)" for cid, n in seen.items() if n > 1)
    unjudged = [cid for cid in claims if cid not in seen]
    if unjudged:
        out.append(f"not judged: {', '.join(unjudged)}")
    ad = _norm(" ".join(claims_file.ad_lines))
    for i, item in enumerate(judgment.unlisted_requirements, 1):
        if _norm(item.quote.strip("\"'“”‘’ ")) not in ad:
            out.append(f"unlisted requirement {i}: the quote {item.quote!r} is not in the ad (copy the ad's words)")
    return out


def _answer_problems(claim: Claim, answer: ClaimJudgment, resume_length: int) -> list[str]:
    out: list[str] = []
    given = {q for q in ANSWERS if getattr(answer, q) is not None}
    needed = [q for q in claim.asks if not (q == "importance" and answer.requirement == "junk")]
    out.extend(f"answer {q!r} ({' or '.join(ANSWERS[q])})" for q in needed if q not in given)
    out.extend(f"{q!r} is not asked for this claim (it asks: {', '.join(claim.asks)})"
               for q in sorted(given - set(claim.asks)))
    if "importance" in given and answer.requirement == "junk":
        out.append("importance is judged for real requirements only: leave it out when the requirement is junk")
    if answer.missing == "actually_shown":
        if not answer.shown_at:
            out.append("actually_shown needs shown_at: the resume line(s) that show it")
        elif any(not 1 <= n <= resume_length for n in answer.shown_at):
            out.append(f"shown_at has a line outside the resume (1-{resume_length})")
    elif answer.shown_at:
        out.append("shown_at is only for missing = actually_shown")
    return out


def load_claims(path: Path) -> ClaimsFile:
    return ClaimsFile.model_validate_json(path.read_text(encoding="utf-8"))


def schema_text() -> str:
    return json.dumps(PairJudgment.model_json_schema(), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    if sys.argv[1:] == ["--schema"]:
        SCHEMA_FILE.write_text(schema_text(), encoding="utf-8")
        print(f"wrote {SCHEMA_FILE}")
    else:
        sys.exit("usage: python bench/evidence_claims.py --schema")

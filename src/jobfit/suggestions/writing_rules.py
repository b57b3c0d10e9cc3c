"""Offline rules about how work statements are written: weak opening verbs, tense, missing results (asked
for with a placeholder, never a made-up number)."""

from __future__ import annotations

import re
from collections import Counter

from jobfit.suggestions.models import Suggestion
from jobfit.suggestions.rule_context import RuleContext, quote
from jobfit.suggestions.rule_texts import suggest
from jobfit.suggestions.statements import Statement
from jobfit.suggestions.verbs import SYNONYMS, strengthen_opening, to_past

RESULT_PLACEHOLDER = "[add the measurable result: %, $, time saved]"


MAX_QUANTIFY = 3


MAX_VERB_REWRITES = 3


_ONGOING = re.compile(r"(?im)(?:^|[\s–-])(?:present|current|now|ongoing)\b")


def _statement_edit(ctx: RuleContext, statement: Statement, length: int, replacement: str) -> tuple[str, str]:
    """(original line, rewritten line) replacing the first `length` characters of the statement's text."""
    line = ctx.line(statement.line)
    head = line[statement.col :]
    return line, line[: statement.col] + replacement + head[length:]


def _line_ok(ctx: RuleContext, statement: Statement) -> bool:
    return statement.words >= 4 and bool(ctx.line(statement.line).strip())


def weak_verbs(ctx: RuleContext) -> list[Suggestion]:
    """Weak openings ("responsible for", "helped", "worked on") and a verb starting too many statements."""
    out: list[Suggestion] = []
    for statement in ctx.statements:
        if len(out) >= MAX_VERB_REWRITES or not _line_ok(ctx, statement):
            continue
        line = ctx.line(statement.line)
        found = strengthen_opening(line[statement.col :])
        if found is None:
            continue
        phrase, length, replacement = found
        original, suggested = _statement_edit(ctx, statement, length, replacement)
        out.append(suggest("weak_verb_helped" if phrase == "helped" else "weak_verb",
                           (statement.section, statement.line), (original, suggested),
                           phrase=phrase, line=statement.line))
    firsts = Counter(s.first_word.lower() for s in ctx.statements if s.first_word)
    for verb, count in sorted(firsts.items(), key=lambda kv: (-kv[1], kv[0])):
        if count < 3 or verb not in SYNONYMS:
            continue
        repeats = [s for s in ctx.statements if s.first_word.lower() == verb][1:]
        for synonym, statement in zip(SYNONYMS[verb], repeats[:2], strict=False):
            word = statement.first_word
            replacement = synonym.capitalize() if word[:1].isupper() else synonym
            original, suggested = _statement_edit(ctx, statement, len(word), replacement)
            out.append(suggest("repeated_verb", (statement.section, statement.line), (original, suggested),
                               word=word, count=count, line=statement.line))
    return out


def tense(ctx: RuleContext) -> list[Suggestion]:
    """Present-tense openings in past roles: suggest the past tense of the same verb."""
    out: list[Suggestion] = []
    for statement in ctx.statements:
        entry = statement.entry
        if entry is None or entry.is_current or not entry.end or not _line_ok(ctx, statement):
            continue
        if _ONGOING.search(entry.text):
            continue  # "Present"/"Current" in the entry: the role may be ongoing despite the parsed end date
        word = statement.first_word
        past = to_past(word) if word else None
        if past is None or past.lower() == word.lower():
            continue
        original, suggested = _statement_edit(ctx, statement, len(word), past)
        out.append(suggest("past_tense", (statement.section, statement.line), (original, suggested),
                           word=word, line=statement.line))
        if len(out) >= MAX_VERB_REWRITES:
            break
    return out


def unquantified(ctx: RuleContext) -> list[Suggestion]:
    """Experience statements without a measurable result: ask for one with a placeholder, never a number."""
    out: list[Suggestion] = []
    for statement in ctx.statements:
        if len(out) >= MAX_QUANTIFY:
            break
        if statement.section != "experience" or statement.has_number or statement.words < 6:
            continue
        line = ctx.line(statement.end_line)
        start = statement.col if statement.end_line == statement.line else 0
        start += len(line[start:]) - len(line[start:].lstrip())
        original = line[start : statement.end_col]
        if len(original.split()) < 4:
            continue  # too little of the statement on its last line to anchor the edit
        body = original.rstrip(".;!? ")
        tail = original[len(body) :].strip() or ""
        suggested = f"{body}, {RESULT_PLACEHOLDER}{tail}"
        out.append(suggest("measurable_result", (statement.section, statement.end_line), (original, suggested),
                           line=statement.line, statement=quote(statement.text, 70)))
    return out

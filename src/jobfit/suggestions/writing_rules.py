"""Offline rules about how work statements are written: weak opening verbs, tense, missing results (asked
for with a placeholder, never a made-up number)."""

from __future__ import annotations

import re
from collections import Counter

from jobfit.suggestions.models import Suggestion
from jobfit.suggestions.rule_context import RuleContext, quote
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
        out.append(
            Suggestion(
                suggestion_type="content",
                title=f"Replace “{phrase}” with a stronger verb",
                description=f"Line {statement.line} opens with “{phrase}”, which hides what you did. Lead with the "
                "action"
                + (" (only if you did it yourself; otherwise name the part you owned)." if phrase == "helped" else "."),
                original_text=original,
                suggested_text=suggested,
                section_name=statement.section,
                line_number=statement.line,
                effort_estimate="low",
                ai_confidence=75.0,
            )
        )
    firsts = Counter(s.first_word.lower() for s in ctx.statements if s.first_word)
    for verb, count in sorted(firsts.items(), key=lambda kv: (-kv[1], kv[0])):
        if count < 3 or verb not in SYNONYMS:
            continue
        repeats = [s for s in ctx.statements if s.first_word.lower() == verb][1:]
        for synonym, statement in zip(SYNONYMS[verb], repeats[:2], strict=False):
            word = statement.first_word
            replacement = synonym.capitalize() if word[:1].isupper() else synonym
            original, suggested = _statement_edit(ctx, statement, len(word), replacement)
            out.append(
                Suggestion(
                    suggestion_type="content",
                    title=f"Vary the verb “{word}”",
                    description=f"{count} statements start with “{word}”. Vary the opening verb, e.g. on line "
                    f"{statement.line}.",
                    original_text=original,
                    suggested_text=suggested,
                    section_name=statement.section,
                    line_number=statement.line,
                    effort_estimate="low",
                    ai_confidence=60.0,
                )
            )
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
        out.append(
            Suggestion(
                suggestion_type="content",
                title="Use the past tense for past roles",
                description=f"Line {statement.line} describes a role that has ended in the present tense (“{word}”). "
                "Past roles read best in the past tense.",
                original_text=original,
                suggested_text=suggested,
                section_name=statement.section,
                line_number=statement.line,
                effort_estimate="low",
                ai_confidence=70.0,
            )
        )
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
        out.append(
            Suggestion(
                suggestion_type="content",
                title="Add a measurable result",
                description=f"The statement starting on line {statement.line} (“{quote(statement.text, 70)}”) "
                "says what you did but not what it achieved. Add the real figure (%, $, time saved, users, volume) — "
                "only one you can back up.",
                original_text=original,
                suggested_text=suggested,
                section_name=statement.section,
                line_number=statement.end_line,
                effort_estimate="medium",
                ai_confidence=80.0,
            )
        )
    return out

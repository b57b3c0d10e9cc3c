"""The wording of the offline rules' suggestions, with their kind, effort and confidence (data/rule_texts.json),
and `suggest`, the one place a rule's suggestion is made from them."""

from __future__ import annotations

from typing import Any

from jobfit.suggestions.data import load_json
from jobfit.suggestions.models import Effort, Suggestion

_TEXTS: dict[str, Any] = load_json("rule_texts.json")


def phrase(name: str, **words: object) -> str:
    """The part of a description (or a suggested line) named `name`, with `words` filled in."""
    return str(_TEXTS["phrases"][name]).format(**words)


def suggest(rule: str, at: tuple[str | None, int | None] = (None, None),
            edit: tuple[str | None, str | None] = (None, None), *, effort: Effort | None = None,
            confidence: float | None = None, **words: object) -> Suggestion:
    """The suggestion of `rule` at (section, line), with `edit` as (original text, suggested text) and `words`
    filled into its title and description; `effort` and `confidence` override the rule's own."""
    text = _TEXTS["rules"][rule]
    (section, line), (original, suggested) = at, edit
    return Suggestion(suggestion_type=text["type"], title=text["title"].format(**words),
                      description=text["description"].format(**words), original_text=original,
                      suggested_text=suggested, section_name=section, line_number=line,
                      effort_estimate=effort or text["effort"],
                      ai_confidence=text["confidence"] if confidence is None else confidence,
                      conditional=text.get("conditional", False))

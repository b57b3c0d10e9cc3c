"""The rule texts in data/rule_texts.json and the rules that use them agree: every text a rule names exists,
every text is used by a rule, and each one makes a valid `Suggestion` (kind, effort, confidence)."""

from __future__ import annotations

import ast
import string
from pathlib import Path

import pytest

from jobfit.suggestions import rule_texts
from jobfit.suggestions.data import load_json

TEXTS = load_json("rule_texts.json")
PACKAGE = Path(rule_texts.__file__).parent
RULE_MODULES = [*sorted(PACKAGE.glob("*_rules.py")), PACKAGE / "rules.py"]


def _choices(node: ast.expr) -> set[str]:
    """The names an argument can be: a string literal, or either side of `a if condition else b`."""
    if isinstance(node, ast.IfExp):
        return _choices(node.body) | _choices(node.orelse)
    assert isinstance(node, ast.Constant) and isinstance(node.value, str), ast.unparse(node)
    return {node.value}


def _named(function: str) -> set[str]:
    """The text names the rule modules pass to `function(...)` (its first argument)."""
    names: set[str] = set()
    for path in RULE_MODULES:
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == function and node.args:
                names |= _choices(node.args[0])
    return names


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_rule_text_is_used_and_every_used_one_exists() -> None:
    assert _named("suggest") == set(TEXTS["rules"])
    assert _named("phrase") == set(TEXTS["phrases"])


@pytest.mark.parametrize("rule", sorted(TEXTS["rules"]))
def test_each_rule_text_makes_a_valid_suggestion(rule: str) -> None:
    text = TEXTS["rules"][rule]
    words = {name: f"<{name}>" for name in _fields(text["title"]) | _fields(text["description"])}
    made = rule_texts.suggest(rule, ("experience", 3), ("old", "new"), **words)
    assert (made.suggestion_type, made.effort_estimate, made.ai_confidence) == (
        text["type"], text["effort"], text["confidence"])
    assert "{" not in made.title + made.description
    assert all(f"<{name}>" in made.title + made.description for name in words)
    assert (made.section_name, made.line_number, made.original_text, made.suggested_text) == (
        "experience", 3, "old", "new")

"""Suggestions: evidence-based, truth-guarded resume improvements with measured impact (pure core).

Public API: `generate_suggestions`, `apply_suggestions`, `rule_suggestions`, `guard_suggestions`,
`resume_facts`, `ChatModel` (what an LLM client provides), `Suggestion`, `SuggestionSet`.
"""

from jobfit.suggestions.apply import apply_suggestions
from jobfit.suggestions.guard import guard_suggestions, resume_facts
from jobfit.suggestions.llm import ChatModel
from jobfit.suggestions.models import Suggestion, SuggestionSet
from jobfit.suggestions.rules import rule_suggestions
from jobfit.suggestions.service import generate_suggestions

__all__ = [
    "ChatModel",
    "Suggestion",
    "SuggestionSet",
    "apply_suggestions",
    "generate_suggestions",
    "guard_suggestions",
    "resume_facts",
    "rule_suggestions",
]

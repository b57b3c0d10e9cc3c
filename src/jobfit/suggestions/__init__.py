"""Suggestions: evidence-based, truth-guarded resume improvements with measured impact (pure core)."""

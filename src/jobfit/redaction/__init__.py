"""Redaction of names, contact details and gender markers, applied before scoring, embedding and any LLM call."""

from jobfit.redaction.redact import redact_for_embedding, redact_resume

__all__ = ["redact_for_embedding", "redact_resume"]

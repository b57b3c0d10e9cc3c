"""The core flow shared by the API and the CLI: what of a parsed document gets embedded, and how.

Resumes are redacted (names, contact details, gender markers) before embedding, exactly as they are
before scoring, so a name can never move a vector and, through it, a score.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from jobfit.documents.models import ParsedJob, ParsedResume
from jobfit.embeddings.base import Embedder
from jobfit.embeddings.chunks import document_chunks
from jobfit.matching import prepare_resume
from jobfit.matching.redact import redact_for_embedding

Chunks = list[tuple[str, str]]


def resume_chunks(resume: ParsedResume) -> Chunks:
    """`(embedding_type, redacted text)` for the resume's full text and each section."""
    info = resume.contact_info
    sections = {name: s.model_copy(update={"text": redact_for_embedding(s.text, info)})
                for name, s in resume.sections.items()}
    return document_chunks(redact_for_embedding(resume.text_content, info), sections)


def job_chunks(job: ParsedJob) -> Chunks:
    return document_chunks(job.text_content, job.sections)


def resume_profile(resume: ParsedResume) -> dict[str, Any]:
    """The prepared (redacted, indexed) resume, stored at upload so ranking skips preparation."""
    return prepare_resume(resume).to_dict()


def embed_chunks(embedder: Embedder, chunks: Sequence[tuple[str, str]]) -> dict[str, np.ndarray]:
    """One batched call; returns vectors keyed by embedding type."""
    if not chunks:
        return {}
    vectors = embedder.embed([text for _, text in chunks])
    return {kind: vectors[i] for i, (kind, _) in enumerate(chunks)}

"""What gets embedded for a document: its full text and each non-empty section, in one batched call.

The chunk labels are the seed's `embedding_type` values: ``"full_text"`` and ``"section_<name>"``
(e.g. ``"section_experience"``). Blank chunks are left out (a zero vector carries no meaning and has
no cosine similarity). The full text is cut, at a word boundary, to `max_chars` so a pasted 100-page
document cannot blow up a request or a row; a section to its first `section_max_chars` (~130 word pieces):
section vectors only inform `section_scores` (the score reads the full text's vector), and a shorter section
text halves what embedding a resume costs with the default model.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Protocol

import numpy as np

from jobfit.embeddings.base import Embedder, is_blank, truncate_text

FULL_TEXT = "full_text"
SECTION_PREFIX = "section_"
REQUIREMENTS_DIGEST = "requirements_digest"  # a job's title and asked-for skills (`pipeline.requirements_digest`)
ASKING = "asking"  # a job's ad without perks, company and legal lines (`matching.keywords.asking_text`)
MAX_CHUNK_CHARS = 20_000  # ~5k tokens: a long CV in full, under every supported provider's limit
SECTION_MAX_CHARS = 600


class HasText(Protocol):
    """Anything with a `text` attribute, e.g. `jobfit.documents.models.Section`."""

    @property
    def text(self) -> str: ...


def document_chunks(
    text_content: str, sections: Mapping[str, HasText], *, max_chars: int = MAX_CHUNK_CHARS,
    section_max_chars: int = SECTION_MAX_CHARS,
) -> list[tuple[str, str]]:
    """``[("full_text", text), ("section_<name>", text), ...]`` for the non-blank parts, in order."""
    chunks: list[tuple[str, str]] = []
    if not is_blank(text_content):
        chunks.append((FULL_TEXT, truncate_text(text_content.strip(), max_chars)))
    for name, section in sections.items():
        text = section.text
        if not is_blank(text):
            chunks.append((f"{SECTION_PREFIX}{name}", truncate_text(text.strip(), min(max_chars, section_max_chars))))
    return chunks


def embed_chunks(embedder: Embedder, chunks: Sequence[tuple[str, str]]) -> dict[str, np.ndarray]:
    """The vectors of `(embedding_type, text)` chunks by embedding type, from one batched `embed` call."""
    return embed_documents(embedder, [chunks])[0]


def embed_documents(embedder: Embedder, documents: Sequence[Sequence[tuple[str, str]]]) -> list[dict[str, np.ndarray]]:
    """`embed_chunks` for many documents at once: every chunk of every document in one `embed` call (a worker
    embeds the files of a batch together), the vectors handed back per document."""
    texts = [text for chunks in documents for _, text in chunks]
    if not texts:
        return [{} for _ in documents]
    vectors = embedder.embed(texts)
    out, at = [], 0
    for chunks in documents:
        out.append({kind: vectors[at + i] for i, (kind, _) in enumerate(chunks)})
        at += len(chunks)
    return out

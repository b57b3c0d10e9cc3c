"""The `Embedder` contract every provider meets, its error type and the row-normalisation they share.

An embedder turns texts into float32 rows of unit length, one per text, so that cosine similarity
is a plain dot product. A text that is empty or only whitespace carries no meaning and maps to the
zero vector (similarity 0 with everything), never to NaN.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Protocol, runtime_checkable

import numpy as np

# A document's vectors by embedding type ("full_text", "section_<name>", "requirements_digest").
Vectors = Mapping[str, np.ndarray]


class EmbeddingError(RuntimeError):
    """A provider could not produce embeddings; the message says why and what to do."""


@runtime_checkable
class Embedder(Protocol):
    """Turns texts into L2-normalised float32 vectors of a fixed size."""

    @property
    def name(self) -> str:
        """Provider and model, e.g. ``"wordllama/l2_supercat-256"``; vectors compare only within a name."""
        ...

    @property
    def dim(self) -> int:
        """Length of every vector this embedder returns."""
        ...

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Return an array of shape ``(len(texts), dim)``, dtype float32, rows of norm 1 or 0.

        Blank texts give zero rows. Raises `EmbeddingError` when the provider fails.
        """
        ...


def is_blank(text: str) -> bool:
    """True for a text that should map to the zero vector."""
    return not text or text.isspace()


def normalise_rows(vectors: np.ndarray) -> np.ndarray:
    """L2-normalise each row in float32; rows of zero (or non-finite) norm become zero rows."""
    out = np.asarray(vectors, dtype=np.float32)
    if out.ndim != 2:
        raise EmbeddingError(f"expected a 2-d array of vectors, got shape {out.shape}")
    out = np.array(out, dtype=np.float32, copy=True)
    finite = np.isfinite(out).all(axis=1)
    out[~finite] = 0.0
    norms = np.linalg.norm(out, axis=1)
    ok = norms > 0.0
    out[ok] /= norms[ok, None]
    out[~ok] = 0.0
    return out


def check_texts(texts: Sequence[str]) -> list[str]:
    """Validate the input of `Embedder.embed` and return it as a list."""
    if isinstance(texts, str):
        raise TypeError("embed() takes a sequence of texts, not a single str; wrap it in a list")
    items = list(texts)
    for i, text in enumerate(items):
        if not isinstance(text, str):
            raise TypeError(f"texts[{i}] is {type(text).__name__}, expected str")
    return items


def truncate_text(text: str, max_chars: int) -> str:
    """Cut `text` to at most `max_chars` characters, at the last whitespace when one is near the end."""
    if len(text) <= max_chars:
        return text
    cut = text[:max_chars]
    space = max(cut.rfind(" "), cut.rfind("\n"), cut.rfind("\t"))
    if space >= max_chars * 0.9:
        cut = cut[:space]
    return cut.rstrip()

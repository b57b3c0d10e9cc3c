"""Chunking a parsed document into full text + sections and embedding them in one call."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pytest

from jobfit.documents.models import Section
from jobfit.embeddings import LocalEmbedder, document_chunks, embed_chunks
from jobfit.embeddings.chunks import SECTION_MAX_CHARS


def section(text: str) -> Section:
    return Section(heading="H", text=text, start_line=1, end_line=2)


SECTIONS = {
    "summary": section("Backend engineer, 6 years of Python."),
    "experience": section("Acme Corp — built payment APIs with FastAPI and PostgreSQL."),
    "interests": section("   \n"),
    "skills": section("Python, Go, Kubernetes, Terraform"),
}
FULL = "Jane Doe\nBackend engineer, 6 years of Python.\nAcme Corp — built payment APIs."


class CallCountingEmbedder:
    """Delegates to a real embedder and records each batch it is asked to embed."""

    def __init__(self, inner: LocalEmbedder) -> None:
        self.inner = inner
        self.calls: list[list[str]] = []
        self.name = inner.name
        self.dim = inner.dim

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        self.calls.append(list(texts))
        return self.inner.embed(texts)


def test_chunks_are_full_text_then_non_blank_sections_in_order() -> None:
    chunks = document_chunks(FULL, SECTIONS)
    assert [kind for kind, _ in chunks] == [
        "full_text", "section_summary", "section_experience", "section_skills",
    ]
    assert chunks[0][1] == FULL
    assert chunks[3][1] == "Python, Go, Kubernetes, Terraform"


def test_blank_document_has_no_chunks() -> None:
    assert document_chunks("  \n", {"skills": section("")}) == []


def test_long_chunks_are_cut_at_a_word_boundary() -> None:
    text = "word " * 10_000
    ((kind, chunk),) = document_chunks(text, {}, max_chars=1000)
    assert kind == "full_text"
    assert len(chunk) <= 1000 and chunk.endswith("word") and len(chunk) > 900


def test_sections_are_cut_to_their_opening_but_the_full_text_is_kept() -> None:
    text = "word " * 1000
    (full_kind, chunk), (kind, part) = document_chunks(text, {"experience": section(text)})
    assert full_kind == "full_text" and len(chunk) > 4000
    assert kind == "section_experience" and len(part) <= SECTION_MAX_CHARS and part.endswith("word")


def test_embed_chunks_uses_one_batched_call() -> None:
    real = LocalEmbedder()
    counting = CallCountingEmbedder(real)
    chunks = document_chunks(FULL, SECTIONS)
    vectors = embed_chunks(counting, chunks)
    assert len(counting.calls) == 1 and len(counting.calls[0]) == 4
    assert list(vectors) == [k for k, _ in chunks]
    expected = real.embed([text for _, text in chunks])
    for (kind, _), row in zip(chunks, expected, strict=True):
        assert vectors[kind].shape == (256,) and vectors[kind].dtype == np.float32
        np.testing.assert_array_equal(vectors[kind], row)
    assert float(vectors["full_text"] @ vectors["section_summary"]) > 0.5


def test_embed_chunks_with_nothing_to_embed_makes_no_call() -> None:
    counting = CallCountingEmbedder(LocalEmbedder())
    assert embed_chunks(counting, document_chunks("", {})) == {}
    assert counting.calls == []


@pytest.mark.parametrize("kind", ["section_summary", "section_experience", "section_skills"])
def test_section_vectors_are_unit_length(kind: str) -> None:
    vectors = embed_chunks(LocalEmbedder(), document_chunks(FULL, SECTIONS))
    assert np.linalg.norm(vectors[kind]) == pytest.approx(1.0, abs=1e-5)

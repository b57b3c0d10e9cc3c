"""The default embedder: all-MiniLM-L6-v2 in NumPy gives sentence-transformers' vectors, offline."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from jobfit.embeddings import get_embedder
from jobfit.embeddings.minilm import DIM, MiniLMEmbedder

REFERENCE = json.loads((Path(__file__).parent / "data" / "minilm_reference.json").read_text())


def test_vectors_equal_sentence_transformers_reference() -> None:
    """Reference rows were computed by sentence-transformers on torch; one text is over 256 word pieces."""
    vectors = MiniLMEmbedder().embed(REFERENCE["texts"])
    expected = np.asarray(REFERENCE["vectors"], dtype=np.float32)
    assert vectors.shape == (3, DIM) and vectors.dtype == np.float32
    np.testing.assert_allclose(vectors, expected, atol=2e-5)


def test_blank_texts_are_zero_rows_and_batching_does_not_change_a_vector() -> None:
    embedder = MiniLMEmbedder()
    texts = ["python developer", "", "   ", "registered nurse caring for patients in the ICU", "python developer"]
    together = embedder.embed(texts)
    assert not together[1].any() and not together[2].any()
    alone = embedder.embed([texts[3]])[0]
    np.testing.assert_allclose(together[3], alone, atol=1e-6)
    np.testing.assert_allclose(together[0], together[4], atol=1e-6)
    np.testing.assert_allclose(np.linalg.norm(together[[0, 3]], axis=1), 1.0, atol=1e-5)


def test_meaning_not_spelling() -> None:
    embedder = MiniLMEmbedder()
    cnn, vision, baking = embedder.embed(["built CNN image classifiers", "computer vision models",
                                          "baking sourdough bread"])
    assert cnn @ vision > cnn @ baking + 0.2


def test_it_is_the_default_provider() -> None:
    embedder = get_embedder()
    assert isinstance(embedder, MiniLMEmbedder)
    assert embedder.name == "minilm/all-MiniLM-L6-v2" and embedder.dim == DIM
    assert get_embedder("minilm") is embedder

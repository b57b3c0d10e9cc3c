"""The files a worker runs at once share model calls: each caller gets its own result, and a failed call fails
only its own callers."""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence

import numpy as np
import pytest

from jobfit.embeddings.chunks import embed_chunks, embed_documents
from jobfit.embeddings.local import LocalEmbedder
from jobfit.worker.batching import EmbeddingBatcher


def test_callers_at_once_share_calls_and_get_their_own_results() -> None:
    calls: list[list[int]] = []

    def square_all(items: Sequence[int]) -> list[int]:
        calls.append(list(items))
        time.sleep(0.05)  # a model call takes a while: the next callers gather meanwhile
        return [i * i for i in items]

    batcher = EmbeddingBatcher(square_all, max_batch=8)
    results: dict[int, int] = {}
    threads = [threading.Thread(target=lambda i=i: results.__setitem__(i, batcher.embed(i))) for i in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    batcher.close()
    assert results == {i: i * i for i in range(20)}
    assert len(calls) < 20 and max(len(c) for c in calls) <= 8
    assert sorted(i for c in calls for i in c) == list(range(20))


def test_a_failed_call_fails_its_callers_only() -> None:
    def fail_on_seven(items: Sequence[int]) -> list[int]:
        if 7 in items:
            raise RuntimeError("model failed")
        return list(items)

    batcher = EmbeddingBatcher(fail_on_seven, max_batch=1)
    with pytest.raises(RuntimeError, match="model failed"):
        batcher.embed(7)
    assert batcher.embed(3) == 3
    batcher.close()


def test_embedding_documents_together_equals_one_by_one() -> None:
    embedder = LocalEmbedder()
    documents = [[("full_text", "Python developer building APIs"), ("section_skills", "Python, SQL")],
                 [], [("full_text", "Nurse with ten years in intensive care")]]
    together = embed_documents(embedder, documents)
    for one, chunks in zip(together, documents, strict=True):
        alone = embed_chunks(embedder, chunks)
        assert one.keys() == alone.keys()
        for kind in one:
            assert abs(float(one[kind] @ alone[kind]) - 1.0) < 1e-5


def test_resumes_embedded_together_equal_one_by_one_with_their_statement_vectors() -> None:
    """A worker embeds the resumes of the files it runs at once in one call (`pipeline.embed_resumes`): each gets
    the chunks' vectors and statement vectors it would get alone (MiniLM has meaning thresholds, so statements are
    embedded too)."""
    from jobfit.documents.resume import parse_resume_text
    from jobfit.embeddings.minilm import MiniLMEmbedder
    from jobfit.pipeline import embed_resume, embed_resumes

    embedder = MiniLMEmbedder()
    resumes = [parse_resume_text(text) for text in (
        "Ada Lovelace\nada@example.com\n\nExperience\nPython developer at Acme, 2018 - 2023\n"
        "Built REST APIs in Python and PostgreSQL.\n\nSkills\nPython, SQL\n",
        "Maria Lopez\n\nExperience\nStaff Nurse, St. Mary's Hospital ICU, 2017 - present\n"
        "Cared for critically ill patients; managed ventilators.\n\nEducation\nBSc Nursing, 2014\n")]
    together = embed_resumes(embedder, resumes)
    assert len(together) == len(resumes)
    for (chunks, vectors, profile), resume in zip(together, resumes, strict=True):
        alone_chunks, alone_vectors, alone_profile = embed_resume(embedder, resume)
        assert chunks == alone_chunks and vectors.keys() == alone_vectors.keys()
        for kind in vectors:
            assert float(vectors[kind] @ alone_vectors[kind]) > 0.999
        assert profile.statement_vectors is not None and alone_profile.statement_vectors is not None
        assert profile.statement_vectors.shape == alone_profile.statement_vectors.shape
        one, other = (v.astype(float) / np.linalg.norm(v.astype(float), axis=1, keepdims=True)
                      for v in (profile.statement_vectors, alone_profile.statement_vectors))
        assert float((one * other).sum(axis=1).min()) > 0.999

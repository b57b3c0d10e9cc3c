"""The files a worker runs at once share model calls: each caller gets its own result, and a failed call fails
only its own callers."""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence

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

"""Once the MiniLM model is loaded, BLAS stays on one thread in the process: a limit set and restored around each
embedding was restored by the first of two overlapping embeddings under the second, and a fork meanwhile (a
subprocess) deadlocked in OpenBLAS's fork handler."""

from __future__ import annotations

import threading

from threadpoolctl import threadpool_info

from jobfit.embeddings.minilm import MiniLMEmbedder


def test_blas_stays_on_one_thread_after_overlapping_embeddings() -> None:
    embedder = MiniLMEmbedder()
    threads = [threading.Thread(target=embedder.embed, args=(["python developer " * 20] * 8,)) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert {info["num_threads"] for info in threadpool_info() if info["user_api"] == "blas"} == {1}

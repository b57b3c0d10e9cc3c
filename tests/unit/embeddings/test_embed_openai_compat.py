"""The OpenAI-compatible client against a real HTTP server on loopback (see conftest.py)."""

from __future__ import annotations

import logging

import numpy as np
import pytest
from pydantic import SecretStr

from jobfit.embeddings import EmbeddingError
from jobfit.providers.embedders import get_embedder
from jobfit.providers.openai_embedder import OpenAICompatibleConfig, OpenAICompatibleEmbedder
from tests.unit.embeddings.openai_embeddings_server import API_KEY, DEFAULT_DIM, EmbeddingServer, expected_rows


def make(server: EmbeddingServer, model: str = "good", **overrides: object) -> OpenAICompatibleEmbedder:
    settings: dict[str, object] = {"base_url": server.base_url, "model": model,
                                   "max_retries": 2, "timeout": 5.0}
    settings.update(overrides)
    return OpenAICompatibleEmbedder(OpenAICompatibleConfig(**settings))  # type: ignore[arg-type]


def test_good_answer_is_normalised_and_in_input_order(embedding_server: EmbeddingServer) -> None:
    texts = ["python developer", "registered nurse", "data engineer"]
    with make(embedding_server) as embedder:
        vectors = embedder.embed(texts)
        assert embedder.dim == DEFAULT_DIM
        assert embedder.name == "openai/good"
    assert vectors.dtype == np.float32 and vectors.shape == (3, DEFAULT_DIM)
    np.testing.assert_allclose(vectors, expected_rows(texts), atol=1e-6)
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-6)


def test_out_of_order_indexes_are_put_back_in_order(embedding_server: EmbeddingServer) -> None:
    texts = [f"text number {i}" for i in range(5)]
    with make(embedding_server, "shuffled") as embedder:
        vectors = embedder.embed(texts)
    np.testing.assert_allclose(vectors, expected_rows(texts), atol=1e-6)


def test_missing_indexes_mean_input_order(embedding_server: EmbeddingServer) -> None:
    texts = ["a", "b"]
    with make(embedding_server, "noindex") as embedder:
        np.testing.assert_allclose(embedder.embed(texts), expected_rows(texts), atol=1e-6)


def test_batches_requests_and_skips_blank_texts(embedding_server: EmbeddingServer) -> None:
    texts = [f"resume line {i}" for i in range(130)]
    texts[7] = "   "
    texts[100] = ""
    with make(embedding_server, "batched", batch_size=64) as embedder:
        vectors = embedder.embed(texts)
    sent = [body["input"] for body in embedding_server.bodies("batched")]
    assert [len(batch) for batch in sent] == [64, 64]
    assert "" not in sent[0] + sent[1] and "   " not in sent[0] + sent[1]
    assert not vectors[7].any() and not vectors[100].any()
    others = [i for i in range(130) if i not in (7, 100)]
    np.testing.assert_allclose(vectors[others], expected_rows([texts[i] for i in others]), atol=1e-6)


def test_dimensions_are_sent_and_checked(embedding_server: EmbeddingServer) -> None:
    with make(embedding_server, "dims", dimensions=16) as embedder:
        assert embedder.dim == 16  # configured: known without a request
        vectors = embedder.embed(["senior backend engineer"])
        assert embedder.name == "openai/dims@16"
    assert vectors.shape == (1, 16)
    assert embedding_server.bodies("dims")[0]["dimensions"] == 16
    with make(embedding_server, "ignoresdims", dimensions=16) as embedder, pytest.raises(
        EmbeddingError, match="got 8-d embeddings, expected the configured 16"
    ):
        embedder.embed(["x"])


def test_dimension_drift_between_responses_is_an_error(embedding_server: EmbeddingServer) -> None:
    with make(embedding_server, "drift", batch_size=1) as embedder, pytest.raises(
        EmbeddingError, match="got 9-d embeddings, expected the first response's 8"
    ):
        embedder.embed(["first", "second"])


def test_dim_is_discovered_by_a_probe_when_unknown(embedding_server: EmbeddingServer) -> None:
    with make(embedding_server, "probe", dimensions=None) as embedder:
        assert embedder.dim == DEFAULT_DIM
        assert embedder.embed(["", " "]).shape == (2, DEFAULT_DIM)
    assert len(embedding_server.bodies("probe")) == 1


def test_500_then_success_is_retried(
    embedding_server: EmbeddingServer, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, "openai"), make(embedding_server, "flaky", api_key=SecretStr(API_KEY)) as e:
        vectors = e.embed(["kubernetes operator"])
    np.testing.assert_allclose(vectors, expected_rows(["kubernetes operator"]), atol=1e-6)
    assert embedding_server.counts["flaky"] == 2
    assert "Retrying request" in caplog.text and API_KEY not in caplog.text  # the SDK's retry, logged


def test_429_is_retried(embedding_server: EmbeddingServer) -> None:
    with make(embedding_server, "ratelimited") as embedder:
        assert embedder.embed(["x"]).shape == (1, DEFAULT_DIM)
    assert embedding_server.counts["ratelimited"] == 2


def test_persistent_500_gives_up_after_retries(embedding_server: EmbeddingServer) -> None:
    with make(embedding_server, "always500", max_retries=2) as embedder, pytest.raises(
        EmbeddingError, match="HTTP 500"
    ):
        embedder.embed(["x"])
    assert embedding_server.counts["always500"] == 3


def test_401_is_not_retried_and_never_shows_the_key(embedding_server: EmbeddingServer) -> None:
    wrong = "sk-wrong-key-999"
    embedder = make(embedding_server, "auth", api_key=SecretStr(wrong))
    with pytest.raises(EmbeddingError, match="HTTP 401") as info:
        embedder.embed(["x"])
    assert wrong not in str(info.value) and "***" in str(info.value)
    assert wrong not in repr(embedder) and wrong not in repr(embedder.config)
    assert embedding_server.counts["auth"] == 1
    with make(embedding_server, "auth", api_key=SecretStr(API_KEY)) as good:
        assert good.embed(["x"]).shape == (1, DEFAULT_DIM)
    assert embedding_server.bodies("auth") and all(
        r["headers"].get("Authorization", "").startswith("Bearer ") for r in embedding_server.requests
        if r["body"]["model"] == "auth"
    )


def test_no_authorization_header_without_a_key(embedding_server: EmbeddingServer) -> None:
    with make(embedding_server, "nokey") as embedder:
        embedder.embed(["x"])
    (request,) = [r for r in embedding_server.requests if r["body"]["model"] == "nokey"]
    assert "Authorization" not in request["headers"]


@pytest.mark.parametrize(
    ("model", "message"),
    [
        ("malformed", "response is not JSON"),
        ("dupindex", "not a permutation"),
        ("short", "sent 2 texts but got 1 embeddings"),
        ("nan", "NaN or infinite"),
    ],
)
def test_bad_responses_raise_clear_errors(
    embedding_server: EmbeddingServer, model: str, message: str
) -> None:
    with make(embedding_server, model) as embedder, pytest.raises(EmbeddingError, match=message):
        embedder.embed(["one", "two"])


def test_timeout_then_error(embedding_server: EmbeddingServer) -> None:
    with make(embedding_server, "slow", timeout=0.2, max_retries=1) as embedder, pytest.raises(
        EmbeddingError, match=r"timed out after 0.2s \(2 attempts\)"
    ):
        embedder.embed(["x"])


def test_timeout_then_success_is_retried(embedding_server: EmbeddingServer) -> None:
    with make(embedding_server, "slowonce", timeout=0.3, max_retries=1) as embedder:
        assert embedder.embed(["x"]).shape == (1, DEFAULT_DIM)
    assert embedding_server.counts["slowonce"] == 2


def test_connection_refused_is_an_embedding_error() -> None:
    import socket

    with socket.socket() as sock:  # a port that was free a moment ago and has no listener
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    config = OpenAICompatibleConfig(base_url=f"http://127.0.0.1:{port}/v1", max_retries=1)
    with OpenAICompatibleEmbedder(config) as embedder, pytest.raises(
        EmbeddingError, match="could not connect"
    ):
        embedder.embed(["x"])


def test_wrong_path_is_a_clear_error(embedding_server: EmbeddingServer) -> None:
    base = embedding_server.base_url.removesuffix("/v1")
    with OpenAICompatibleEmbedder(OpenAICompatibleConfig(base_url=base, model="good")) as embedder, \
            pytest.raises(EmbeddingError, match="HTTP 404"):
        embedder.embed(["x"])


def test_factory_builds_the_client(embedding_server: EmbeddingServer) -> None:
    embedder = get_embedder("openai", base_url=embedding_server.base_url + "/", model="viafactory",
                            api_key=API_KEY, dimensions=12, timeout=5.0)
    assert embedder is get_embedder("openai", base_url=embedding_server.base_url + "/", model="viafactory",
                                    api_key=API_KEY, dimensions=12, timeout=5.0)
    vectors = embedder.embed(["platform engineer"])
    np.testing.assert_allclose(vectors, expected_rows(["platform engineer"], 12), atol=1e-6)
    (request,) = [r for r in embedding_server.requests if r["body"]["model"] == "viafactory"]
    assert request["headers"]["Authorization"] == f"Bearer {API_KEY}"
    with pytest.raises(EmbeddingError, match="base_url"):
        get_embedder("openai", base_url="ftp://example.invalid")

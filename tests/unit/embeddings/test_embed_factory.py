"""`get_embedder`: providers, aliases, caching and configuration errors."""

from __future__ import annotations

import importlib.util

import pytest

from jobfit.embeddings import EmbeddingError, LocalEmbedder
from jobfit.providers.embedders import PROVIDERS, get_embedder

HAS_SENTENCE_TRANSFORMERS = importlib.util.find_spec("sentence_transformers") is not None


def test_wordllama_is_the_fast_offline_option_also_called_local() -> None:
    embedder = get_embedder("wordllama")
    assert isinstance(embedder, LocalEmbedder)
    assert embedder.name == "wordllama/l2_supercat-256" and embedder.dim == 256
    assert get_embedder("local") is embedder
    assert PROVIDERS == ("minilm", "wordllama", "openai", "sentence-transformers")


def test_minilm_has_no_model_or_dimensions_options() -> None:
    with pytest.raises(EmbeddingError, match="unset model and dimensions"):
        get_embedder("minilm", dimensions=128)
    with pytest.raises(EmbeddingError, match="unset model and dimensions"):
        get_embedder("minilm", model="bge-small")


def test_same_configuration_same_instance() -> None:
    assert get_embedder("local") is get_embedder("local")
    named = get_embedder("local", model="wordllama/l2_supercat")
    assert named is get_embedder("local", model="wordllama/l2_supercat")
    assert named.name == "wordllama/l2_supercat-256"
    assert get_embedder("local", dimensions=128) is not get_embedder("local")
    assert get_embedder("local", dimensions=128).dim == 128


def test_provider_names_are_forgiving_about_case_and_aliases() -> None:
    assert get_embedder(" LOCAL ") is get_embedder("local")
    openai = get_embedder("openai-compatible", base_url="http://127.0.0.1:9/v1", model="m", dimensions=4)
    assert openai.name == "openai/m@4" and openai.dim == 4


def test_unknown_provider() -> None:
    with pytest.raises(EmbeddingError, match=r"unknown embedding provider 'cohere'.*minilm, wordllama, openai"):
        get_embedder("cohere")


def test_openai_settings_are_validated() -> None:
    with pytest.raises(EmbeddingError, match="dimensions"):
        get_embedder("openai", base_url="http://127.0.0.1:9/v1", dimensions=0)
    with pytest.raises(EmbeddingError, match="timeout"):
        get_embedder("openai", base_url="http://127.0.0.1:9/v1", timeout=-1)


@pytest.mark.skipif(HAS_SENTENCE_TRANSFORMERS, reason="checks the message shown when the extra is missing")
def test_sentence_transformers_missing_extra_says_how_to_install() -> None:
    with pytest.raises(EmbeddingError, match=r"pip install 'jobfit\[sentence-transformers\]'"):
        get_embedder("sentence-transformers")


def test_sentence_transformers_has_no_dimensions_option() -> None:
    with pytest.raises(EmbeddingError, match="unset dimensions"):
        get_embedder("sentence-transformers", dimensions=128)

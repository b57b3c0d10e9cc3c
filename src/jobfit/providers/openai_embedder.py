"""Embeddings from any OpenAI-compatible ``POST {base_url}/embeddings`` endpoint.

Works with OpenAI itself (``text-embedding-3-small``, 1536-d, or fewer via ``dimensions``) and with
local servers that speak the same protocol (Ollama, vLLM, llama.cpp, LocalAI). Texts are sent in
batches through the ``openai`` SDK's client, whose own retries (408, 409, 429, 5xx, timeouts and
connection errors, with exponential backoff honouring ``Retry-After``) are used; rows are put back
in input order by their ``index``; every row is checked for size and finiteness and then
L2-normalised. Blank texts are never sent (OpenAI rejects them): they get zero rows.
The API key is held as a secret and never appears in reprs, logs or error messages.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Any

import httpx
import numpy as np
import openai
from pydantic import BaseModel, ConfigDict, Field, SecretStr, field_validator

from jobfit.embeddings.base import EmbeddingError, check_texts, is_blank, normalise_rows, truncate_text

OPENAI_BASE_URL = "https://api.openai.com/v1"
DEFAULT_OPENAI_MODEL = "text-embedding-3-small"
_ERROR_BODY_CHARS = 300


class OpenAICompatibleConfig(BaseModel):
    """Where and how to call an OpenAI-compatible embeddings endpoint."""

    model_config = ConfigDict(frozen=True)

    base_url: str = OPENAI_BASE_URL
    api_key: SecretStr | None = None
    model: str = DEFAULT_OPENAI_MODEL
    dimensions: int | None = Field(default=None, gt=0)  # sent as `dimensions` when set
    timeout: float = Field(default=30.0, gt=0)
    max_retries: int = Field(default=3, ge=0)  # the SDK's retries, after the first attempt
    batch_size: int = Field(default=64, gt=0)
    max_chars: int = Field(default=24_000, gt=0)  # ~6-8k tokens: under text-embedding-3's 8191

    @field_validator("base_url")
    @classmethod
    def _strip_slash(cls, value: str) -> str:
        value = value.strip().rstrip("/")
        if not value.startswith(("http://", "https://")):
            raise ValueError("base_url must start with http:// or https://")
        return value


class OpenAICompatibleEmbedder:
    """`Embedder` over an OpenAI-compatible HTTP endpoint; thread-safe, one connection pool."""

    def __init__(self, config: OpenAICompatibleConfig) -> None:
        self.config = config
        self._dim: int | None = config.dimensions
        self._dim_lock = threading.Lock()
        key = config.api_key.get_secret_value() if config.api_key is not None else ""
        # Without a key (local servers need none) the SDK is told to send no Authorization header at all.
        self._headers: dict[str, Any] = {} if key else {"Authorization": openai.Omit()}
        self._client = openai.OpenAI(base_url=config.base_url, api_key=key or "none", timeout=config.timeout,
                                     max_retries=config.max_retries)
        self._url = f"{config.base_url}/embeddings"

    @property
    def name(self) -> str:
        suffix = f"@{self.config.dimensions}" if self.config.dimensions else ""
        return f"openai/{self.config.model}{suffix}"

    @property
    def dim(self) -> int:
        """Configured `dimensions`, else the size seen in the first response (one probe call if none yet)."""
        if self._dim is None:
            self._request(["dimension probe"])
        assert self._dim is not None
        return self._dim

    def __repr__(self) -> str:
        return f"OpenAICompatibleEmbedder(url={self._url!r}, model={self.config.model!r}, dim={self._dim})"

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> OpenAICompatibleEmbedder:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        items = check_texts(texts)
        todo = [i for i, text in enumerate(items) if not is_blank(text)]
        rows: dict[int, np.ndarray] = {}
        size = self.config.batch_size
        for start in range(0, len(todo), size):
            batch = todo[start : start + size]
            vectors = self._request([truncate_text(items[i], self.config.max_chars) for i in batch])
            rows.update(zip(batch, vectors, strict=True))
        if not items:
            return np.zeros((0, self._dim or 0), dtype=np.float32)  # no call just to learn the size
        out = np.zeros((len(items), self.dim), dtype=np.float32)
        for i, vector in rows.items():
            out[i] = vector
        return normalise_rows(out)

    # -- one request -----------------------------------------------------------------------------

    def _request(self, inputs: list[str]) -> np.ndarray:
        payload: dict[str, Any] = {"model": self.config.model, "input": inputs}
        if self.config.dimensions is not None:
            payload["dimensions"] = self.config.dimensions
        response = self._post(payload)
        return self._parse(response, len(inputs))

    def _post(self, payload: dict[str, Any]) -> httpx.Response:
        attempts = self.config.max_retries + 1
        try:
            return self._client.post("/embeddings", body=payload, cast_to=httpx.Response,
                                     options={"headers": self._headers})
        except openai.APITimeoutError as exc:
            raise self._error(f"timed out after {self.config.timeout:g}s ({attempts} attempts)") from exc
        except openai.APIConnectionError as exc:
            raise self._error(f"could not connect ({attempts} attempts): {exc.__cause__ or exc}") from exc
        except openai.APIStatusError as exc:
            raise self._error(f"HTTP {exc.status_code}: {self._body_excerpt(exc.response)}") from exc

    def _parse(self, response: httpx.Response, expected: int) -> np.ndarray:
        try:
            body = response.json()
        except ValueError as exc:
            raise self._error(f"response is not JSON: {self._body_excerpt(response)}") from exc
        data = body.get("data") if isinstance(body, dict) else None
        if not isinstance(data, list):
            raise self._error("response JSON has no 'data' list")
        if len(data) != expected:
            raise self._error(f"sent {expected} texts but got {len(data)} embeddings")
        ordered = self._order(data)
        try:
            matrix = np.array([item["embedding"] for item in ordered], dtype=np.float32)
        except (KeyError, TypeError, ValueError) as exc:
            raise self._error(f"malformed 'embedding' in response: {exc}") from exc
        if matrix.ndim != 2 or matrix.shape[1] == 0:
            raise self._error("embeddings in the response are not equal-length lists of numbers")
        if not np.isfinite(matrix).all():
            raise self._error("response contains NaN or infinite values")
        self._check_dim(matrix.shape[1])
        return matrix

    def _order(self, data: list[Any]) -> list[dict[str, Any]]:
        if not all(isinstance(item, dict) for item in data):
            raise self._error("items of 'data' must be objects")
        indexes = [item.get("index") for item in data]
        if all(index is None for index in indexes):
            return data  # servers that omit `index` answer in input order
        if sorted(i for i in indexes if isinstance(i, int)) != list(range(len(data))):
            raise self._error(f"'index' values are not a permutation of 0..{len(data) - 1}")
        return sorted(data, key=lambda item: item["index"])

    def _check_dim(self, got: int) -> None:
        with self._dim_lock:
            if self._dim is None:
                self._dim = got
                return
        if got != self._dim:
            configured = "configured" if self.config.dimensions else "first response's"
            raise self._error(f"got {got}-d embeddings, expected the {configured} {self._dim}")

    def _body_excerpt(self, response: httpx.Response) -> str:
        text = response.text.strip().replace("\n", " ")
        if len(text) > _ERROR_BODY_CHARS:
            text = text[:_ERROR_BODY_CHARS] + "…"
        return text or "(empty body)"

    def _error(self, detail: str) -> EmbeddingError:
        message = f"embeddings request to {self._url} (model {self.config.model!r}) failed: {detail}"
        key = self.config.api_key.get_secret_value() if self.config.api_key else ""
        if key:
            message = message.replace(key, "***")
        return EmbeddingError(message)

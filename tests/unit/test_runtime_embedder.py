"""A server process loads its embedding model in the background at start, so the first upload does not wait."""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Any

import pytest

from jobfit.config import Settings
from jobfit.embeddings.minilm import MiniLMEmbedder
from jobfit.runtime import Runtime


def _runtime(tmp_path: Path, embedder: MiniLMEmbedder) -> Runtime:
    # nothing here touches the database or the file store: only the embedder is exercised
    no_store: Any = None
    return Runtime(settings=Settings(data_dir=tmp_path), db=no_store, files=no_store, _embedder=embedder)


def _wait_for_loader() -> None:
    for thread in threading.enumerate():
        if thread.name == "jobfit-embedder-load":
            thread.join(120)


def test_the_model_is_loaded_and_cached_in_the_background(tmp_path: Path) -> None:
    runtime = _runtime(tmp_path, MiniLMEmbedder(cache_dir=tmp_path / "models"))
    runtime.load_embedder_in_background()
    _wait_for_loader()
    assert [p.suffix for p in (tmp_path / "models").glob("minilm-*")] == [".onnx"]


def test_a_model_that_cannot_load_is_logged_not_raised(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    runtime = _runtime(tmp_path, MiniLMEmbedder(model_folder=tmp_path / "no-model"))
    with caplog.at_level(logging.WARNING, logger="jobfit.runtime"):
        runtime.load_embedder_in_background()
        _wait_for_loader()
    assert "could not load the embedding model" in caplog.text and "reinstall them" in caplog.text


def test_models_are_cached_in_the_data_dir_unless_a_cache_folder_is_set(tmp_path: Path) -> None:
    assert Settings(data_dir=tmp_path, model_cache_dir=None).models_dir == tmp_path / "models"
    shared = tmp_path / "shared"
    assert Settings(data_dir=tmp_path, model_cache_dir=shared).models_dir == shared

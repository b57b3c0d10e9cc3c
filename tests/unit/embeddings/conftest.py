"""Fixtures for the embeddings tests: a real OpenAI-compatible server on loopback."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.unit.embeddings.openai_embeddings_server import EmbeddingServer, running_server


@pytest.fixture(scope="module")
def embedding_server() -> Iterator[EmbeddingServer]:
    with running_server() as server:
        yield server

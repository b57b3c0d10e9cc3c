"""Embeddings: the Embedder protocol, the offline default and optional hosted providers.

``get_embedder()`` gives the offline WordLlama embedder; ``embed_chunks`` embeds a document's
``document_chunks`` in one call. The sentence-transformers provider is imported only
when asked for, so its heavy dependencies stay optional.
"""

from jobfit.embeddings.base import Embedder, EmbeddingError
from jobfit.embeddings.chunks import document_chunks, embed_chunks
from jobfit.embeddings.factory import PROVIDERS, get_embedder
from jobfit.embeddings.local import LocalEmbedder
from jobfit.embeddings.openai_compat import OpenAICompatibleConfig, OpenAICompatibleEmbedder

__all__ = [
    "PROVIDERS",
    "Embedder",
    "EmbeddingError",
    "LocalEmbedder",
    "OpenAICompatibleConfig",
    "OpenAICompatibleEmbedder",
    "document_chunks",
    "embed_chunks",
    "get_embedder",
]

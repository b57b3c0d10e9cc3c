"""Embeddings: the Embedder protocol, the offline default and optional hosted providers.

``get_embedder()`` gives the offline WordLlama embedder; ``embed_document`` embeds a parsed
document's full text and sections in one call. The sentence-transformers provider is imported only
when asked for, so its heavy dependencies stay optional.
"""

from jobfit.embeddings.base import Embedder, EmbeddingError
from jobfit.embeddings.chunks import EmbeddedChunk, document_chunks, embed_document
from jobfit.embeddings.factory import PROVIDERS, get_embedder
from jobfit.embeddings.local import LocalEmbedder
from jobfit.embeddings.openai_compat import OpenAICompatibleConfig, OpenAICompatibleEmbedder

__all__ = [
    "PROVIDERS",
    "EmbeddedChunk",
    "Embedder",
    "EmbeddingError",
    "LocalEmbedder",
    "OpenAICompatibleConfig",
    "OpenAICompatibleEmbedder",
    "document_chunks",
    "embed_document",
    "get_embedder",
]

"""Embeddings: the Embedder protocol and the offline embedders (MiniLM on ONNX Runtime, WordLlama, optional
sentence-transformers, imported only when asked for, so its heavy dependencies stay optional).

``embed_chunks`` embeds a document's ``document_chunks`` in one call. The hosted OpenAI-compatible embedder and
``get_embedder`` (settings -> embedder) are shell modules: ``jobfit.providers``.
"""

from jobfit.embeddings.base import Embedder, EmbeddingError
from jobfit.embeddings.chunks import document_chunks, embed_chunks
from jobfit.embeddings.local import LocalEmbedder

__all__ = [
    "Embedder",
    "EmbeddingError",
    "LocalEmbedder",
    "document_chunks",
    "embed_chunks",
]

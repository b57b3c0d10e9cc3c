"""The clients of outside services, behind the core's protocols: the OpenAI-compatible embedder (`Embedder`), the
OpenAI-compatible chat model that writes LLM suggestions (`suggestions.llm.ChatModel`), and `get_embedder`, which
builds the embedder the settings name (an offline one from `embeddings/`, or a hosted one from here)."""

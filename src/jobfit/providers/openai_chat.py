"""The OpenAI-compatible chat model (OpenAI, Azure, Ollama, vLLM, LM Studio, llama.cpp) behind
`suggestions.llm.ChatModel`, via the `openai` SDK.

It asks for a JSON object (`response_format={"type": "json_object"}`; when a server rejects that with 400, the same
request is sent again as a plain prompt and the JSON is taken from the text). The whole call, retries included, has
one deadline (`timeout_s`): the SDK's timeout bounds each read, so a server that trickles its answer would otherwise
hold the request for as long as it liked; past the deadline the call is left to end on its own and `ChatTimeout` is
raised. The API key is never logged.
"""

from __future__ import annotations

import concurrent.futures
import logging

import openai
from pydantic import BaseModel, Field, SecretStr

from jobfit.suggestions.llm import ChatTimeout

log = logging.getLogger("jobfit.suggestions.llm")
# LLM calls run here, so that each has a deadline for the whole call (a thread cannot be stopped: one past its
# deadline is abandoned and ends with the SDK's own timeouts)
_CALLS = concurrent.futures.ThreadPoolExecutor(max_workers=4, thread_name_prefix="jobfit-llm")

PLAIN_SUFFIX = "\nReturn only the JSON object, with no other text and no code fences."


class LlmConfig(BaseModel):
    """Where and how to call the chat-completions server."""

    base_url: str  # e.g. "https://api.openai.com/v1", "http://localhost:11434/v1"
    model: str
    api_key: SecretStr = SecretStr("not-needed")  # local servers accept any key
    timeout_s: float = Field(default=30.0, gt=0)
    max_retries: int = Field(default=1, ge=0)
    temperature: float = Field(default=0.2, ge=0.0, le=2.0)
    max_lines: int = Field(default=40, ge=1)
    max_suggestions: int = Field(default=8, ge=1)



class OpenAIChat:
    """A `ChatModel` over an OpenAI-compatible chat-completions server."""

    def __init__(self, config: LlmConfig) -> None:
        self.config = config
        self.max_lines, self.max_suggestions = config.max_lines, config.max_suggestions

    @property
    def name(self) -> str:
        return self.config.model

    def complete(self, messages: list[dict[str, str]]) -> str:
        config = self.config
        client = openai.OpenAI(base_url=config.base_url, api_key=config.api_key.get_secret_value(),
                               timeout=config.timeout_s, max_retries=config.max_retries)
        call = _CALLS.submit(_complete, client, config, messages)
        try:
            return call.result(timeout=config.timeout_s)
        except concurrent.futures.TimeoutError:
            raise ChatTimeout(config.timeout_s) from None


def _complete(client: openai.OpenAI, config: LlmConfig, messages: list[dict]) -> str:
    try:
        response = client.chat.completions.create(
            model=config.model,
            messages=messages,
            temperature=config.temperature,  # type: ignore[arg-type]
            response_format={"type": "json_object"},
        )
    except openai.BadRequestError:
        log.info("LLM server rejected response_format; retrying with a plain prompt")
        plain = [*messages[:-1], {"role": "user", "content": messages[-1]["content"] + PLAIN_SUFFIX}]
        response = client.chat.completions.create(
            model=config.model,
            messages=plain,
            temperature=config.temperature,  # type: ignore[arg-type]
        )
    return response.choices[0].message.content or ""

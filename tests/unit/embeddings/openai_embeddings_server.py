"""A real OpenAI-compatible embeddings server on loopback, for testing the HTTP client end to end.

The server speaks ``POST /v1/embeddings``. The request's ``model`` picks its behaviour (good answers,
shuffled order, transient 500/429, 401 without the right key, malformed JSON, slow answers, wrong
sizes, NaN), and every request it receives is recorded so tests can check what the client sent.
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import numpy as np

API_KEY = "sk-test-secret-123"
DEFAULT_DIM = 8
SLOW_SECONDS = 1.0


def server_vector(text: str, dim: int) -> list[float]:
    """The (unnormalised) vector the test server returns for `text`: a pure function of text and dim."""
    raw = b""
    counter = 0
    while len(raw) < dim:
        raw += hashlib.sha256(f"{counter}:{text}".encode()).digest()
        counter += 1
    return [float(b) - 127.5 for b in raw[:dim]]


def expected_rows(texts: list[str], dim: int = DEFAULT_DIM) -> np.ndarray:
    rows = np.array([server_vector(t, dim) for t in texts], dtype=np.float32)
    return rows / np.linalg.norm(rows, axis=1, keepdims=True)


@dataclass
class EmbeddingServer:
    base_url: str
    requests: list[dict[str, Any]] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def bodies(self, model: str) -> list[dict[str, Any]]:
        return [r["body"] for r in self.requests if r["body"].get("model") == model]


def _make_handler(state: EmbeddingServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:  # keep test output quiet
            return

        def _send(self, status: int, body: bytes, headers: dict[str, str] | None = None) -> None:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)

        def _json(self, status: int, payload: object, headers: dict[str, str] | None = None) -> None:
            self._send(status, json.dumps(payload).encode(), headers)

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            body = json.loads(self.rfile.read(length) or b"{}")
            if self.path != "/v1/embeddings":
                self._json(404, {"error": {"message": f"no route {self.path}"}})
                return
            model = str(body.get("model"))
            with state.lock:
                # header names are case-insensitive (the openai SDK sends them in lower case): one spelling
                state.requests.append({"headers": {k.title(): v for k, v in self.headers.items()}, "body": body})
                state.counts[model] = state.counts.get(model, 0) + 1
                count = state.counts[model]
            inputs = body["input"] if isinstance(body["input"], list) else [body["input"]]
            dim = int(body.get("dimensions", DEFAULT_DIM))
            data = [
                {"object": "embedding", "index": i, "embedding": server_vector(t, dim)}
                for i, t in enumerate(inputs)
            ]
            if model == "flaky" and count == 1:
                self._json(500, {"error": {"message": "upstream overloaded"}})
                return
            if model == "ratelimited" and count == 1:
                self._json(429, {"error": {"message": "slow down"}}, {"Retry-After": "0"})
                return
            if model == "always500":
                self._json(500, {"error": {"message": "boom"}})
                return
            if model == "auth" and self.headers.get("Authorization") != f"Bearer {API_KEY}":
                given = (self.headers.get("Authorization") or "").removeprefix("Bearer ")
                self._json(401, {"error": {"message": f"Incorrect API key provided: {given}"}})
                return
            if model == "malformed":
                self._send(200, b'{"data": [{"index": 0, "embedding": [0.1, ')
                return
            if model == "slow" or (model == "slowonce" and count == 1):
                time.sleep(SLOW_SECONDS)
            if model == "shuffled":
                data = list(reversed(data))
            if model == "noindex":
                for item in data:
                    del item["index"]
            if model == "dupindex":
                for item in data:
                    item["index"] = 0
            if model == "short":
                data = data[:-1]
            if model == "nan":
                data[0]["embedding"][0] = float("nan")  # json.dumps writes NaN
            if model == "drift" and count > 1:  # a different size after the first answer
                data = [{**item, "embedding": item["embedding"] + [1.0]} for item in data]
            if model == "ignoresdims":
                data = [{**item, "embedding": server_vector(inputs[item["index"]], DEFAULT_DIM)}
                        for item in data]
            self._json(200, {"object": "list", "data": data, "model": model,
                             "usage": {"prompt_tokens": 1, "total_tokens": 1}})

    return Handler


@contextmanager
def running_server() -> Iterator[EmbeddingServer]:
    """Serve on 127.0.0.1 on a free port in a background thread until the block ends."""
    state = EmbeddingServer(base_url="")
    server = ThreadingHTTPServer(("127.0.0.1", 0), _make_handler(state))
    server.daemon_threads = True
    state.base_url = f"http://127.0.0.1:{server.server_address[1]}/v1"
    thread = threading.Thread(target=server.serve_forever, name="embedding-test-server", daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)

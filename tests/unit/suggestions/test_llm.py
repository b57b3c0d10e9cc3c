"""The LLM client against a real OpenAI-compatible HTTP server on loopback (no network)."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from jobfit.matching import score_match
from jobfit.providers.openai_chat import LlmConfig, OpenAIChat
from jobfit.suggestions import SuggestionSet, generate_suggestions

from .samples import RESUME, TODAY, job, line_of, resume

HELPED = line_of(RESUME, "Helped build")
GOOD = {
    "suggestions": [
        {
            "line_number": HELPED,
            "original_text": "Helped build the reporting pipeline",
            "suggested_text": "Designed and built the reporting pipeline",
            "title": "Lead with your action",
            "description": "Say what you did.",
            "suggestion_type": "content",
        }
    ]
}
INVENTED = {
    "suggestions": [
        {
            "line_number": HELPED,
            "original_text": "Helped build the reporting pipeline",
            "suggested_text": "Built the reporting pipeline at Google",
            "title": "Employer",
        },
        {
            "line_number": HELPED,
            "original_text": "for the finance team.",
            "suggested_text": "for the finance team, saving $3M a year.",
            "title": "Number",
        },
        {"line_number": HELPED, "original_text": "Helped build", "suggested_text": "Built", "title": "Honest"},
        {"line_number": 2, "original_text": "not on that line", "suggested_text": "x", "title": "Stale"},
    ]
}


class ChatServer(ThreadingHTTPServer):
    mode = "good"
    daemon_threads = True
    block_on_close = False
    requests: list[dict]
    delay = 0.0


class Handler(BaseHTTPRequestHandler):
    server: ChatServer

    def log_message(self, *args: object) -> None:  # keep test output quiet
        pass

    def _send(self, status: int, body: dict) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _answer(self, content: str) -> None:
        self._send(
            200,
            {
                "id": "c1",
                "object": "chat.completion",
                "created": 0,
                "model": "test-model",
                "choices": [
                    {"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": content}}
                ],
            },
        )

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        body["_auth"] = self.headers.get("Authorization")
        self.server.requests.append(body)
        mode = self.server.mode
        if self.path != "/v1/chat/completions":
            self._send(404, {"error": {"message": "not found"}})
        elif mode == "slow":
            time.sleep(2.0)
            self._answer(json.dumps(GOOD))
        elif mode == "trickle":  # a byte of the answer every 0.1 s: no single read waits long
            data = json.dumps({"choices": []}).encode() + b" " * 40
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            for byte in data:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                time.sleep(0.1)
        elif mode == "error500":
            self._send(500, {"error": {"message": "boom"}})
        elif mode == "reject_format" and "response_format" in body:
            self._send(400, {"error": {"message": "response_format is not supported", "type": "invalid_request"}})
        elif mode == "reject_format":
            self._answer("Sure! Here you go:\n```json\n" + json.dumps(GOOD) + "\n```")
        elif mode == "malformed":
            self._answer('{"suggestions": [{"line_number": 3, "original_text": ')
        elif mode == "invent":
            self._answer(json.dumps(INVENTED))
        else:
            self._answer(json.dumps(GOOD))


@pytest.fixture()
def server() -> Iterator[ChatServer]:
    srv = ChatServer(("127.0.0.1", 0), Handler)
    srv.requests = []
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield srv
    srv.shutdown()
    srv.server_close()


def config(srv: ChatServer, **kw: object) -> LlmConfig:
    base = {
        "base_url": f"http://127.0.0.1:{srv.server_address[1]}/v1",
        "model": "test-model",
        "api_key": "sk-secret-test-key",
        "timeout_s": 5.0,
        "max_retries": 0,
    }
    return LlmConfig.model_validate(base | kw)


def run(llm: LlmConfig) -> SuggestionSet:
    r, j = resume(), job()
    return generate_suggestions(r, j, score_match(r, j), llm=OpenAIChat(llm), today=TODAY, max_suggestions=50)


def llm_made(result: SuggestionSet) -> list:
    return [s for s in result.suggestions if s.generated_by == "test-model"]


def test_good_json_answer_becomes_guarded_measured_suggestions(server: ChatServer) -> None:
    result = run(config(server))
    [s] = llm_made(result)
    assert (s.line_number, s.section_name, s.suggested_text) == (
        HELPED,
        "experience",
        GOOD["suggestions"][0]["suggested_text"],
    )
    assert result.warnings == []
    [request] = server.requests
    assert request["response_format"] == {"type": "json_object"} and request["model"] == "test-model"
    sent = json.dumps(request["messages"])
    assert "jane.roe@example.com" not in sent and "555 0100" not in sent and "Jane Roe" not in sent
    assert "Helped build the reporting pipeline" in sent and "Kubernetes" in sent
    assert request["_auth"] == "Bearer sk-secret-test-key"


def test_400_on_response_format_falls_back_to_a_plain_prompt(server: ChatServer) -> None:
    server.mode = "reject_format"
    result = run(config(server))
    assert len(llm_made(result)) == 1 and result.warnings == []
    assert ["response_format" in r for r in server.requests] == [True, False]


@pytest.mark.parametrize(
    ("mode", "kw", "requests"),
    [
        ("malformed", {}, 1),
        ("slow", {"timeout_s": 0.3}, 1),
        ("error500", {"max_retries": 1}, 2),
    ],
)
def test_failures_fall_back_to_rules_with_a_warning(server: ChatServer, mode: str, kw: dict, requests: int) -> None:
    server.mode = mode
    started = time.perf_counter()
    result = run(config(server, **kw))
    assert time.perf_counter() - started < 5.0
    assert llm_made(result) == [] and result.suggestions  # the rule-based result is still there
    assert len(result.warnings) == 1 and "rule-based suggestions only" in result.warnings[0]
    assert "sk-secret" not in result.warnings[0] and "reporting pipeline" not in result.warnings[0]
    assert len(server.requests) == requests


def test_an_answer_trickling_in_is_cut_off_at_the_calls_deadline(server: ChatServer) -> None:
    """The SDK's timeout bounds each read: an answer sent a byte every 0.1 s held the call for 6 s past a 0.5 s
    timeout. The whole call has one deadline."""
    server.mode = "trickle"
    started = time.perf_counter()
    result = run(config(server, timeout_s=0.5))
    assert time.perf_counter() - started < 2.0
    assert llm_made(result) == [] and result.suggestions
    assert result.warnings and "longer than 0.5 s" in result.warnings[0]


def test_connection_refused_falls_back(server: ChatServer) -> None:
    port = server.server_address[1]
    server.shutdown()
    server.server_close()
    result = run(LlmConfig(base_url=f"http://127.0.0.1:{port}/v1", model="test-model", timeout_s=1.0, max_retries=0))
    assert llm_made(result) == [] and result.suggestions
    assert result.warnings and "APIConnectionError" in result.warnings[0]


def test_invented_facts_from_the_llm_are_dropped_by_the_guard(server: ChatServer) -> None:
    server.mode = "invent"
    result = run(config(server))
    assert [s.suggested_text for s in llm_made(result)] == ["Built"]
    assert result.dropped_by_guard == 2
    assert result.warnings == ["1 LLM suggestion(s) did not match a resume line and were skipped."]

"""Waiting for a `jobfit serve` started by a bench script: its /health answers 200, or it has exited."""

from __future__ import annotations

import subprocess
import time

import httpx


def wait_until_healthy(url: str, server: subprocess.Popen, timeout_s: float) -> bool:
    """True once `url`/health answers 200; False if `server` exits or `timeout_s` passes first."""
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                return True
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline or server.poll() is not None:
            return False
        time.sleep(0.2)

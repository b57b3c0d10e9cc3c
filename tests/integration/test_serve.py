"""`jobfit serve` as a user runs it: first start, restart with data kept, one server per data dir."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import pytest

JOBFIT = [sys.executable, "-m", "jobfit"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_healthy(url: str, proc: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"server exited early: {proc.stderr.read() if proc.stderr else ''}")
        try:
            if httpx.get(f"{url}/health", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise AssertionError("server did not become healthy")


@pytest.fixture()
def data_dir():
    path = Path(tempfile.mkdtemp(prefix="jobfit-serve-"))
    yield path
    shutil.rmtree(path, ignore_errors=True)


def _start(data_dir: Path, port: int) -> subprocess.Popen:
    env = {**os.environ, "JOBFIT_DATA_DIR": str(data_dir), "JOBFIT_LOG_LEVEL": "warning"}
    env.pop("DATABASE_URL", None)
    return subprocess.Popen([*JOBFIT, "serve", "--port", str(port)], env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def test_serve_restart_keeps_data_and_refuses_second_server(data_dir: Path) -> None:
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    proc = _start(data_dir, port)
    try:
        _wait_healthy(url, proc)
        r = httpx.post(f"{url}/api/v1/auth/register", json={"email": "keep@example.com", "password": "persist me"})
        assert r.status_code == 201
        # a second server on the same data dir fails fast with a clear message
        env = {**os.environ, "JOBFIT_DATA_DIR": str(data_dir)}
        env.pop("DATABASE_URL", None)
        second = subprocess.run([*JOBFIT, "serve", "--port", str(_free_port())], env=env, text=True,
                                capture_output=True, timeout=60)
        assert second.returncode == 2
        assert "already in use" in second.stderr and "Traceback" not in second.stderr
    finally:
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert f"running at {url}" in out
    assert not (data_dir / "postgres" / "data" / "postmaster.pid").exists()  # postgres stopped cleanly
    key = data_dir / "secret_key"
    assert oct(key.stat().st_mode & 0o777) == "0o600" and len(key.read_text()) >= 43

    proc = _start(data_dir, port)
    try:
        _wait_healthy(url, proc)
        r = httpx.post(f"{url}/api/v1/auth/login", data={"username": "keep@example.com", "password": "persist me"})
        assert r.status_code == 200  # same data, same secret key
    finally:
        proc.send_signal(signal.SIGINT)
        proc.communicate(timeout=60)
    assert proc.returncode in (0, 130, -2)


def test_ctrl_c_stops_the_server_and_its_parse_sandbox_quietly(data_dir: Path) -> None:
    """Ctrl-C reaches the whole process group (server and the sandbox's forkserver): one clean stop, no
    traceback, and no child outlives the server."""
    port = _free_port()
    env = {**os.environ, "JOBFIT_DATA_DIR": str(data_dir), "JOBFIT_LOG_LEVEL": "warning"}
    env.pop("DATABASE_URL", None)
    proc = subprocess.Popen([*JOBFIT, "serve", "--port", str(port)], env=env, text=True, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, start_new_session=True)
    try:
        _wait_healthy(f"http://127.0.0.1:{port}", proc)
        deadline = time.monotonic() + 30
        while len(_group(proc.pid)) < 2:  # the forkserver has started (it then loads the parsers)
            assert time.monotonic() < deadline, "no parse forkserver started"
            time.sleep(0.2)
        time.sleep(1)  # Ctrl-C while it loads must be quiet too
    finally:
        os.killpg(proc.pid, signal.SIGINT)
        _out, err = proc.communicate(timeout=60)
    assert proc.returncode in (0, 130, -2), err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err, err
    deadline = time.monotonic() + 10
    while _group(proc.pid):
        assert time.monotonic() < deadline, "a child process outlived the server"
        time.sleep(0.2)


def _group(pgid: int) -> list[str]:
    """Live processes of a process group (pgrep), e.g. the server's parse forkserver."""
    found = subprocess.run(["pgrep", "-g", str(pgid)], capture_output=True, text=True)
    return found.stdout.split()

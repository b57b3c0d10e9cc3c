"""Shared test fixtures: where the evaldata lives."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def evaldata_dir() -> Path:
    return Path(os.environ.get("JOBFIT_EVALDATA", REPO.parent / "shared" / "evaldata")).resolve()


@pytest.fixture(scope="session")
def evaldata() -> Path:
    path = evaldata_dir()
    if not path.is_dir():
        pytest.skip(f"evaldata not found at {path} (set JOBFIT_EVALDATA)")
    return path

"""Shared test fixtures: where the evaldata lives."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def evaldata_dir() -> Path:
    """Where the evaluation data lives (`../shared/evaldata`, or JOBFIT_EVALDATA). Its absence fails the test
    that needs it: CI has the data, and a silent skip would hide that a check did not run."""
    path = Path(os.environ.get("JOBFIT_EVALDATA", REPO.parent / "shared" / "evaldata")).resolve()
    if not path.is_dir():
        pytest.fail(f"evaldata not found at {path} (set JOBFIT_EVALDATA)")
    return path


@pytest.fixture(scope="session")
def evaldata() -> Path:
    return evaldata_dir()

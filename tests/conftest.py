"""Shared test fixtures: the committed sample documents, and where the optional evaluation data lives."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

# Every server, worker and CLI run the tests start (each on a data dir of its own) loads the MiniLM model from
# one shared cache: building it from the weights costs seconds of CPU per data dir, and they would all build
# the same file. The caching itself is tested with folders of its own (tests/unit/embeddings).
os.environ.setdefault("JOBFIT_MODEL_CACHE_DIR", str(Path(tempfile.gettempdir()) / "jobfit-test-models"))
FIXTURES = REPO / "tests" / "fixtures"  # small licensed documents, sources in tests/fixtures/README.md
SAMPLES = FIXTURES / "resume_matcher"  # resumes/*.pdf and job_descriptions/*.pdf (Resume-Matcher, Apache-2.0)
DOTIN_TEXTS = FIXTURES / "dotin"  # 1.txt … 10.txt: resume texts (dotin, CC0)


def evaldata_path() -> Path:
    """Where the evaluation data is looked for: JOBFIT_EVALDATA, else `../shared/evaldata` beside the repo."""
    return Path(os.environ.get("JOBFIT_EVALDATA", REPO.parent / "shared" / "evaldata")).resolve()


def evaldata_dir() -> Path:
    """The evaluation data folder. Without it the calling test is skipped with one line saying why and how to get
    it, so a fresh clone passes `make test`; the summary counts the skips (`-ra`)."""
    path = evaldata_path()
    if not path.is_dir():
        pytest.skip(f"needs the evaluation data, not found at {path}: set JOBFIT_EVALDATA to a copy of it "
                    "(DEVELOPERS.md, 'Evaluation data')")
    return path


@pytest.fixture(scope="session")
def evaldata() -> Path:
    return evaldata_dir()

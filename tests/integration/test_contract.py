"""The OpenAPI contract holds: Schemathesis generates requests for every operation (valid and invalid ones),
sends them signed in to the real app on the real database, and every answer must be a declared status with
its declared content type, headers and body schema, and never a 5xx. Bounded: JOBFIT_FUZZ_EXAMPLES examples
per operation (default 12: ~1300 cases in all, under a minute on a quiet machine); `make fuzz` runs longer."""

from __future__ import annotations

import os
from collections.abc import Iterator

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis import checks

from jobfit.api.app import create_app
from jobfit.runtime import Runtime
from tests.integration.conftest import register_and_login

EXAMPLES = int(os.environ.get("JOBFIT_FUZZ_EXAMPLES", "12"))
CHECKS = [checks.not_a_server_error, checks.status_code_conformance, checks.content_type_conformance,
          checks.response_schema_conformance, checks.response_headers_conformance]
MIN_CASES = 500


def _spec() -> dict:
    """The served contract; making it needs the app's routes and settings only, not a database."""
    from jobfit.config import Settings

    return create_app(Runtime(settings=Settings(), db=None, files=None)).openapi()  # type: ignore[arg-type]


SPEC = _spec()
schema = schemathesis.openapi.from_dict(SPEC)


@pytest.fixture(scope="module")
def tally() -> Iterator[dict[str, int]]:
    counts = {"cases": 0, "operations": 0}
    yield counts
    every = sum(len(ops) for ops in SPEC["paths"].values())
    print(f"\ncontract pass: {counts}")
    if counts["operations"] == every and EXAMPLES >= 12:  # the whole pass ran (not a -k selection)
        assert counts["cases"] >= MIN_CASES, counts


@pytest.fixture()
def signed_in(live_server: str, tally: dict[str, int]) -> dict[str, str]:
    tally["operations"] += 1
    with httpx.Client(base_url=live_server) as client:
        return register_and_login(client)


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
def test_every_answer_is_declared_and_none_is_a_5xx(case, live_server: str, signed_in: dict[str, str],
                                                     tally: dict[str, int]) -> None:
    tally["cases"] += 1
    case.call_and_validate(base_url=live_server, headers=signed_in, checks=CHECKS, timeout=30)

"""`jobfit reprofile`: stored matching profiles of another version (or missing) are rebuilt, user by user."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from fastapi.testclient import TestClient

from jobfit.matching import PROFILE_VERSION
from jobfit.runtime import Runtime
from jobfit.services.reprofile import count_stale_profiles, rebuild_stale_profiles
from tests.conftest import SAMPLES
from tests.integration.conftest import register_and_login, scalar_as


def _upload(client: TestClient, auth: dict, pdf: Path) -> None:
    r = client.post("/api/v1/documents/upload/resume", headers=auth, files={"file": (pdf.name, pdf.read_bytes())})
    assert r.status_code == 201, r.text


def test_reprofile_rebuilds_old_and_missing_profiles_of_every_user(client: TestClient, runtime: Runtime) -> None:
    samples = SAMPLES / "resumes"
    alice, bob = register_and_login(client), register_and_login(client)
    _upload(client, alice, samples / "john_doe.pdf")
    _upload(client, bob, samples / "barry_allen_fe.pdf")
    stored = [scalar_as(runtime, client, who, "SELECT profile FROM resume_profiles") for who in (alice, bob)]
    assert all(stored)
    assert count_stale_profiles(runtime.db) == 0

    # alice's profile is from an older version, bob's is gone (e.g. uploaded before profiles were stored)
    scalar_as(runtime, client, alice, "UPDATE resume_profiles SET version = :v, profile = '{}' RETURNING 1",
              commit=True, v=PROFILE_VERSION - 1)
    scalar_as(runtime, client, bob, "DELETE FROM resume_profiles RETURNING 1", commit=True)
    assert count_stale_profiles(runtime.db) == 2

    ticks: list[int] = []
    assert rebuild_stale_profiles(runtime.db, lambda: ticks.append(1)) == 2
    assert len(ticks) == 2
    for who, profile in zip((alice, bob), stored, strict=True):
        assert scalar_as(runtime, client, who, "SELECT version FROM resume_profiles") == PROFILE_VERSION
        # rebuilt from the resume row: the same profile the upload stored
        assert scalar_as(runtime, client, who, "SELECT profile FROM resume_profiles") == profile
        assert scalar_as(runtime, client, who, "SELECT count(*) FROM resume_profiles") == 1
    assert count_stale_profiles(runtime.db) == 0
    assert rebuild_stale_profiles(runtime.db) == 0


def test_reprofile_embeds_the_statements_of_resumes_whose_vectors_are_missing_or_another_embedders(
        client: TestClient, runtime: Runtime) -> None:
    from jobfit.embeddings.compact import unpack_rows
    from jobfit.matching.profile import ResumeProfile

    auth = register_and_login(client)
    _upload(client, auth, SAMPLES / "resumes" / "john_doe.pdf")
    runtime.background.wait()  # the upload's statements are embedded after its response
    embedder = runtime.embedder
    profile = ResumeProfile.from_json(scalar_as(runtime, client, auth, "SELECT profile FROM resume_profiles"))
    key = scalar_as(runtime, client, auth, "SELECT vectors_key FROM resume_profiles")
    uploaded = bytes(scalar_as(runtime, client, auth, "SELECT statement_vectors FROM resume_profiles"))
    assert key == f"{embedder.name}|{profile.statements_key}"  # the upload embedded every statement
    assert unpack_rows(uploaded).shape == (len(profile.statements), embedder.dim)
    assert count_stale_profiles(runtime.db, embedder) == 0

    scalar_as(runtime, client, auth, "UPDATE resume_profiles SET vectors_key = 'other/model|x', "
                                     "statement_vectors = NULL RETURNING 1", commit=True)
    assert count_stale_profiles(runtime.db) == 0  # the profile itself is current
    assert count_stale_profiles(runtime.db, embedder) == 1
    assert rebuild_stale_profiles(runtime.db, embedder=embedder) == 1
    assert scalar_as(runtime, client, auth, "SELECT vectors_key FROM resume_profiles") == key
    again = unpack_rows(bytes(scalar_as(runtime, client, auth, "SELECT statement_vectors FROM resume_profiles")))
    assert np.allclose(again, unpack_rows(uploaded), atol=1e-6)
    assert count_stale_profiles(runtime.db, embedder) == 0

"""The pgvector candidate stage: HNSW k-NN over full-text vectors, filtered by RLS and id lists."""

from __future__ import annotations

import uuid

import numpy as np
from sqlalchemy import insert

from jobfit.runtime import Runtime
from jobfit.services.accounts import register
from jobfit.store import matches
from jobfit.store.models import Resume, ResumeEmbedding


def _store(runtime: Runtime, user_id: uuid.UUID, vectors: np.ndarray) -> list[uuid.UUID]:
    ids = [uuid.uuid4() for _ in vectors]
    with runtime.db.user_session(user_id) as s:
        s.execute(insert(Resume), [dict(id=i, user_id=user_id, original_filename="cv.txt", file_type="txt",
                                        file_size=1) for i in ids])
        rows = []
        for i, v in zip(ids, vectors, strict=True):
            rows.append(dict(resume_id=i, embedding_type="full_text", embedding_vector=v))
            rows.append(dict(resume_id=i, embedding_type="section_skills", embedding_vector=-v))
        s.execute(insert(ResumeEmbedding), rows)
        s.commit()
    return ids


def _two_users(runtime: Runtime, prefix: str):
    with runtime.db.system_session() as s:
        return (register(s, f"{prefix}-a@example.com", "long enough password"),
                register(s, f"{prefix}-b@example.com", "long enough password"))


def test_nearest_matches_exact_cosine_order_and_respects_rls(runtime: Runtime) -> None:
    dim = runtime.embedder.dim
    rng = np.random.default_rng(1)
    alice, bob = _two_users(runtime, "knn")
    mine = rng.normal(size=(120, dim)).astype(np.float32)
    mine /= np.linalg.norm(mine, axis=1, keepdims=True)
    theirs = mine[:40] * 0.999 + 0.001  # nearly the same points, owned by bob
    theirs /= np.linalg.norm(theirs, axis=1, keepdims=True)
    a_ids = _store(runtime, alice.id, mine)
    b_ids = set(_store(runtime, bob.id, theirs))
    query = mine[7] + 0.3 * mine[9]
    query /= np.linalg.norm(query)
    exact = [a_ids[i] for i in np.argsort(-(mine @ query))[:10]]
    with runtime.db.user_session(alice.id) as s:
        got = matches.nearest_resumes(s, query, 10)
        assert got[:2] == exact[:2] and len(set(got) & set(exact)) >= 9
        assert not set(got) & b_ids, "bob's resumes never come back for alice"
        subset = a_ids[50:60]
        restricted = matches.nearest_resumes(s, query, 5, restrict_to=subset)
        assert len(restricted) == 5 and set(restricted) <= set(subset)


def test_vectors_of_many_reads_every_vector_exactly_and_only_the_callers(runtime: Runtime) -> None:
    """Ranking reads its candidates' vectors in one row per document (types and concatenated binary vectors):
    each must come back bit for bit under its own type, filtered by type, for the caller's documents only."""
    from jobfit.store import documents

    dim = runtime.embedder.dim
    rng = np.random.default_rng(5)
    alice, bob = _two_users(runtime, "vec")
    vectors = rng.normal(size=(6, dim)).astype(np.float32)
    a_ids = _store(runtime, alice.id, vectors)
    b_ids = _store(runtime, bob.id, vectors[:2])
    bare = uuid.uuid4()  # a resume without vectors
    with runtime.db.user_session(alice.id) as s:
        s.execute(insert(Resume), [dict(id=bare, user_id=alice.id, original_filename="cv.txt", file_type="txt",
                                        file_size=1)])
        s.commit()
        got = documents.vectors_of_many(s, ResumeEmbedding, ResumeEmbedding.resume_id, [*a_ids, bare, *b_ids])
        for rid, v in zip(a_ids, vectors, strict=True):
            assert set(got[rid]) == {"full_text", "section_skills"}
            assert got[rid]["full_text"].dtype == np.float32
            assert np.array_equal(got[rid]["full_text"], v) and np.array_equal(got[rid]["section_skills"], -v)
        assert got[bare] == {} and all(got[rid] == {} for rid in b_ids), "nothing of bob's, nothing made up"
        only = documents.vectors_of_many(s, ResumeEmbedding, ResumeEmbedding.resume_id, a_ids[:2], ["section_skills"])
        assert [set(only[rid]) for rid in a_ids[:2]] == [{"section_skills"}] * 2
        assert np.array_equal(only[a_ids[1]]["section_skills"], -vectors[1])

"""Ranking spread over helper processes gives exactly the in-process ranking, and survives failing helpers."""

from __future__ import annotations

import csv
import re
import threading
import time

import numpy as np
import pytest

from jobfit.documents.job import parse_job
from jobfit.documents.resume import parse_resume_text
from jobfit.matching import prepare_resume, rank_resumes
from jobfit.matching.parallel import ScoringPool, UnreadableProfiles, rank_stored_resumes
from tests.conftest import evaldata_dir

JOB = parse_job(
    title="Senior Python Developer",
    description="Build data APIs with Python, Django and PostgreSQL; deploy with Docker on AWS.",
    requirements="5+ years of Python. SQL, REST APIs, unit testing. Bachelor's degree in Computer Science.",
)


@pytest.fixture(scope="module")
def stored():
    """40 real kaggle resumes as ranking reads them: (id, stored profile JSON, vectors)."""
    path = evaldata_dir() / "kaggle_updated_resume_dataset" / "UpdatedResumeDataSet.csv"
    texts: dict[str, None] = {}
    with path.open(encoding="utf-8", errors="replace") as fh:
        for row in csv.DictReader(fh):
            texts.setdefault(re.sub(r"[ \t]+", " ", row["Resume"]).strip())
    rng = np.random.default_rng(3)
    out = []
    for i, text in enumerate(sorted(texts)[:40]):
        vector = rng.normal(size=16).astype(np.float32)
        out.append((f"r{i:02d}", prepare_resume(parse_resume_text(text)).to_json(),
                    {"full_text": vector / np.linalg.norm(vector)}))
    return out


JOB_VECTORS = {"full_text": np.ones(16, dtype=np.float32) / 4.0}


def _dump(ranked) -> list:
    return [(cid, result.model_dump(exclude={"processing_time_ms"})) for cid, result in ranked]


def _ready(pool: ScoringPool, want: int) -> ScoringPool:
    deadline = time.monotonic() + 60
    while pool.ready_workers() < want:
        assert time.monotonic() < deadline, "scoring helpers did not start"
        time.sleep(0.05)
    return pool


@pytest.fixture(scope="module")
def pool():
    with ScoringPool(1, min_candidates=2) as started:
        yield _ready(started, 1)


def test_stored_ranking_equals_rank_resumes(stored):
    """Ranking the stored JSON profiles gives what ranking freshly prepared ones gives."""
    from jobfit.matching import ResumeProfile

    expected = rank_resumes(JOB, [(cid, ResumeProfile.from_json(text), v) for cid, text, v in stored], 10,
                            job_vectors=JOB_VECTORS)
    assert _dump(rank_stored_resumes(JOB, stored, 10, job_vectors=JOB_VECTORS)) == _dump(expected)


@pytest.mark.parametrize("top_k", [1, 7, 40, None])
def test_pool_ranks_exactly_like_one_process(stored, pool, top_k):
    expected = _dump(rank_stored_resumes(JOB, stored, top_k, job_vectors=JOB_VECTORS))
    got = _dump(pool.rank(JOB, stored, top_k, job_vectors=JOB_VECTORS))
    assert got == expected
    assert len(got) == (40 if top_k is None else top_k)


def test_a_helper_killed_between_rankings_is_replaced(stored, pool):
    expected = _dump(rank_stored_resumes(JOB, stored, 5, job_vectors=JOB_VECTORS))
    victim = pool._helpers[0]
    victim.process.kill()
    victim.process.join()
    assert _dump(pool.rank(JOB, stored, 5, job_vectors=JOB_VECTORS)) == expected  # scored here meanwhile
    assert pool._helpers[0] is not victim
    _ready(pool, 1)
    assert _dump(pool.rank(JOB, stored, 5, job_vectors=JOB_VECTORS)) == expected


def test_a_helper_dying_mid_ranking_costs_nothing_but_time(stored, pool, monkeypatch):
    """The helper dies after it was asked: its share is scored in this process, and the answer is unchanged."""
    expected = _dump(rank_stored_resumes(JOB, stored, 5, job_vectors=JOB_VECTORS))
    helper = pool._helpers[0]
    ask = helper.ask

    def ask_then_die(message):
        ask(message)
        helper.process.kill()
        helper.process.join()

    monkeypatch.setattr(helper, "ask", ask_then_die)
    assert _dump(pool.rank(JOB, stored, 5, job_vectors=JOB_VECTORS)) == expected
    assert helper not in pool._helpers
    _ready(pool, 1)


def test_unreadable_profiles_are_named_wherever_they_are_scored(stored, pool):
    damaged = list(stored)
    damaged[3] = (damaged[3][0], damaged[3][1][:500], damaged[3][2])  # truncated JSON
    damaged[8] = (damaged[8][0], '{"version": 1}', damaged[8][2])  # another version
    with pytest.raises(UnreadableProfiles) as one:
        rank_stored_resumes(JOB, damaged, 5, job_vectors=JOB_VECTORS)
    with pytest.raises(UnreadableProfiles) as spread:
        pool.rank(JOB, damaged, 5, job_vectors=JOB_VECTORS)
    assert sorted(one.value.ids) == sorted(spread.value.ids) == [stored[3][0], stored[8][0]]
    # the helper is still in step: the next ranking is right
    assert _dump(pool.rank(JOB, stored, 5, job_vectors=JOB_VECTORS)) == _dump(
        rank_stored_resumes(JOB, stored, 5, job_vectors=JOB_VECTORS))


def test_concurrent_rankings_all_get_their_own_answer(stored, pool):
    """One ranking at a time uses the helpers; the others score in their own thread, none waits or mixes up."""
    jobs = [JOB, parse_job(title="Registered Nurse", description="Patient care, triage, IV therapy and EMR.")]
    expected = [_dump(rank_stored_resumes(job, stored, 6, job_vectors=JOB_VECTORS)) for job in jobs]
    got: dict[int, list] = {}

    def run(n: int) -> None:
        got[n] = _dump(pool.rank(jobs[n % 2], stored, 6, job_vectors=JOB_VECTORS))

    threads = [threading.Thread(target=run, args=(n,)) for n in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(got[n] == expected[n % 2] for n in range(6))


def test_small_rankings_and_closed_pools_score_in_process(stored):
    pool = ScoringPool(1)  # never started: no helper
    assert pool.ready_workers() == 0
    assert _dump(pool.rank(JOB, stored, 3, job_vectors=JOB_VECTORS)) == _dump(
        rank_stored_resumes(JOB, stored, 3, job_vectors=JOB_VECTORS))
    pool.close()
    assert ScoringPool(0).start().workers == 0


def test_a_helper_error_is_logged_without_its_message(stored, pool, monkeypatch, caplog):
    """A helper that fails on a share is retired; the log names the exception type, never its text (it could
    quote a resume)."""
    expected = _dump(rank_stored_resumes(JOB, stored, 5, job_vectors=JOB_VECTORS))
    helper = pool._helpers[0]
    ask = helper.ask
    monkeypatch.setattr(helper, "ask", lambda message: ask(("evaluate", "not a prepared job", None, message[3])))
    with caplog.at_level("WARNING", logger="jobfit.matching.parallel"):
        assert _dump(pool.rank(JOB, stored, 5, job_vectors=JOB_VECTORS)) == expected
    assert helper not in pool._helpers
    [record] = [r for r in caplog.records if "retired" in r.getMessage()]
    assert "AttributeError in the helper" in record.getMessage()
    assert "not a prepared job" not in record.getMessage()
    _ready(pool, 1)


def test_helpers_that_keep_failing_are_not_replaced_forever(stored, monkeypatch):
    """A helper that dies each time costs a start-up per ranking; after MAX_REPLACEMENTS the pool scores in
    this process only, with the same results."""
    from jobfit.matching import parallel

    monkeypatch.setattr(parallel, "MAX_REPLACEMENTS", 2)
    expected = _dump(rank_stored_resumes(JOB, stored, 3, job_vectors=JOB_VECTORS))
    with ScoringPool(1, min_candidates=2) as pool:
        for _ in range(4):
            helper = pool._helpers[0]
            if helper is not None:
                helper.process.kill()
                helper.process.join()
            assert _dump(pool.rank(JOB, stored, 3, job_vectors=JOB_VECTORS)) == expected
        assert pool._helpers == [None] and pool.ready_workers() == 0

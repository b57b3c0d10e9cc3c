"""Rank stored resumes on every core: this process and helper processes each score a share of the candidates.

Ranking's per-candidate work (decode the stored profile, score it numerically, explain the best) is pure
Python, so one process keeps one core busy. A `ScoringPool` keeps helper processes (started once, in the
background, each with the skills taxonomy loaded) and splits a ranking in two rounds:

1. every side (this process and each ready helper) decodes and `evaluate`s its share and reports the scores;
2. the caller picks the best `top_k` (ties by id, as `rank.py` does) and each side explains its own ones.

The result is exactly what `rank_stored_resumes` gives in-process (tested). Whenever a helper is not
ready, busy with another request, fails or dies, its share is scored here instead, so the pool only ever
makes ranking faster, never wrong or stuck. Small rankings (fewer than `min_candidates`) stay in-process:
for them the messages would cost more than they save.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import multiprocessing
import os
import signal
import threading
from collections.abc import Hashable, Mapping, Sequence
from multiprocessing.connection import Connection
from typing import Any

from jobfit.documents.job import parse_job
from jobfit.documents.models import ParsedJob
from jobfit.embeddings.base import Vectors
from jobfit.matching.engine import Evaluated, PreparedJob, evaluate, explain_evaluated, prepare_job
from jobfit.matching.models import MatchResult
from jobfit.matching.profile import ResumeProfile
from jobfit.matching.rank import rank_key
from jobfit.perf import paused_gc

log = logging.getLogger(__name__)

# A candidate as ranking reads it from the store: (id, the profile's stored JSON text, its vectors).
StoredCandidate = tuple[Hashable, str, Vectors | None]
REPLY_TIMEOUT_S = 30.0  # a helper that has not answered by then is stopped and its share scored here
MAX_REPLACEMENTS = 20  # failed helpers replaced over a pool's life before it keeps to in-process scoring


def default_workers() -> int:
    """Helper processes for this machine: one per core beyond the first, at most 3 (0 on one core)."""
    return max(0, min((os.cpu_count() or 1) - 1, 3))


class UnreadableProfiles(ValueError):
    """Stored profiles that do not decode (damaged text): the caller rebuilds them and ranks again."""

    def __init__(self, ids: Sequence[Hashable]) -> None:
        super().__init__(f"{len(ids)} stored resume profile(s) could not be read")
        self.ids = list(ids)


def _evaluate_share(
    prepared: PreparedJob, share: Sequence[StoredCandidate], job_vectors: Vectors | None
) -> tuple[dict[Hashable, Evaluated], list[Hashable]]:
    """Each candidate's `Evaluated` numbers, and the ids whose stored profile did not decode."""
    evaluated: dict[Hashable, Evaluated] = {}
    unreadable: list[Hashable] = []
    for cid, text, vectors in share:
        try:
            profile = ResumeProfile.from_json(text)
        except (ValueError, KeyError, TypeError, IndexError):
            unreadable.append(cid)
            continue
        evaluated[cid] = evaluate(profile, prepared, resume_vectors=vectors, job_vectors=job_vectors)
    return evaluated, unreadable


def _ordered(scores: Mapping[Hashable, float], top_k: int | None) -> list[Hashable]:
    """Ids in `rank.rank_key` order, cut to `top_k`."""
    order = sorted(scores, key=lambda cid: rank_key(cid, scores[cid]))
    return order if top_k is None else order[: max(top_k, 0)]


def rank_stored_resumes(
    job: ParsedJob | PreparedJob,
    candidates: Sequence[StoredCandidate],
    top_k: int | None = None,
    *,
    job_vectors: Vectors | None = None,
) -> list[tuple[Hashable, MatchResult]]:
    """The best `top_k` stored resumes for a job, in this process (what `ScoringPool.rank` spreads out).

    Raises `UnreadableProfiles` when a stored profile does not decode.
    """
    prepared = job if isinstance(job, PreparedJob) else prepare_job(job)
    with paused_gc():
        evaluated, unreadable = _evaluate_share(prepared, candidates, job_vectors)
        if unreadable:
            raise UnreadableProfiles(unreadable)
        best = _ordered({cid: e.overall_score for cid, e in evaluated.items()}, top_k)
        results = [(cid, explain_evaluated(evaluated[cid])) for cid in best]
        evaluated.clear()  # freed while the collector is paused (see `paused_gc`)
    return results


def _serve(conn: Connection) -> None:
    """A helper process: load the taxonomy, say ready, then answer `evaluate` / `explain` requests.

    Ctrl-C in a terminal reaches every process of the group: the helper ignores it and leaves stopping to
    the server, which closes the pool (a closed pipe ends the helper too, so none outlives its server).
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # load the skills taxonomy, relations and background idf once, before the first request
    prepare_job(parse_job(title="Python developer", description="Build services in Python and SQL.",
                          requirements="3+ years of experience."))
    gc.freeze()  # the collector never walks the (long-lived) taxonomy again
    conn.send(("ready", os.getpid()))
    held: dict[Hashable, Evaluated] = {}
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        try:
            if message[0] == "evaluate":
                _, prepared, job_vectors, share = message
                # The collector stays off until the evaluated profiles are dropped (after "explain"): turned on
                # with them alive, its next pass would walk all their objects (~10 ms) before the reply.
                gc.disable()
                held, unreadable = _evaluate_share(prepared, share, job_vectors)
                conn.send(("scores", ({cid: e.overall_score for cid, e in held.items()}, unreadable)))
            elif message[0] == "explain":
                # JSON: pickling pydantic models costs ~3x more both ways
                results = [(cid, explain_evaluated(held[cid]).model_dump_json()) for cid in message[1]]
                conn.send(("results", results))
                held = {}  # freed after the reply: off the caller's path
                gc.enable()
            else:  # "stop"
                return
        except Exception as exc:  # reported to the caller, which then scores the share itself
            held = {}
            gc.enable()
            with contextlib.suppress(OSError):  # the caller is gone: the next recv ends this helper
                conn.send(("error", type(exc).__name__))  # the type only: a message could quote resume text


class HelperError(RuntimeError):
    """A helper could not score its share (the message names only the exception type)."""


class _Helper:
    """One helper process and the caller's end of its pipe."""

    def __init__(self, context: Any) -> None:
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_serve, args=(child,), name="jobfit-scoring", daemon=True)
        self.process.start()
        child.close()
        self.ready = False
        self._handshake = threading.Lock()  # `ready_workers` may ask from another thread than a ranking

    def is_ready(self) -> bool:
        if not self.ready:
            with self._handshake:
                try:
                    if not self.ready and self.process.is_alive() and self.conn.poll():
                        self.ready = self.conn.recv()[0] == "ready"
                except (EOFError, OSError):  # died while starting: replaced before the next ranking
                    return False
        return self.ready and self.process.is_alive()

    def ask(self, message: tuple) -> None:
        self.conn.send(message)

    def answer(self, expected: str) -> Any:
        if not self.conn.poll(REPLY_TIMEOUT_S):
            raise TimeoutError(f"no answer in {REPLY_TIMEOUT_S:.0f} s")
        kind, payload = self.conn.recv()
        if kind != expected:
            raise HelperError(f"{payload} in the helper")
        return payload

    def stop(self) -> None:
        with contextlib.suppress(OSError, ValueError):
            self.conn.send(("stop",))
        self.process.join(timeout=2)
        if self.process.is_alive():
            self.process.kill()
            self.process.join(timeout=2)
        self.conn.close()


class ScoringPool:
    """Helper processes that share ranking's scoring with the calling process (see the module docstring).

    Start it once (`start`, returns at once: helpers get ready in the background) and `close` it at shutdown.
    `rank` is safe from many threads: one ranking at a time uses the helpers, others score in-process.
    """

    def __init__(self, workers: int | None = None, *, min_candidates: int = 24) -> None:
        self.workers = default_workers() if workers is None else max(0, workers)
        self.min_candidates = min_candidates
        self._context = multiprocessing.get_context("spawn")  # safe in a threaded server; no inherited state
        self._helpers: list[_Helper | None] = []
        self._lock = threading.Lock()
        self._closed = False
        self.rankings_shared = 0  # rankings in which at least one helper scored a share (for tests, monitoring)
        self._replaced = 0  # helpers started in place of failed ones

    def start(self) -> ScoringPool:
        with self._lock:
            if not self._closed and not self._helpers:
                self._helpers = [_Helper(self._context) for _ in range(self.workers)]
        return self

    def close(self) -> None:
        with self._lock:
            self._closed = True
            helpers, self._helpers = self._helpers, []
        for helper in helpers:
            if helper is not None:
                helper.stop()

    def __enter__(self) -> ScoringPool:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()

    def ready_workers(self) -> int:
        """Helpers ready to take a share now (0 while they start, or when the pool has none)."""
        return sum(1 for h in self._helpers if h is not None and h.is_ready())

    def rank(
        self,
        job: ParsedJob | PreparedJob,
        candidates: Sequence[StoredCandidate],
        top_k: int | None = None,
        *,
        job_vectors: Vectors | None = None,
    ) -> list[tuple[Hashable, MatchResult]]:
        """`rank_stored_resumes`, with the candidates split between this process and the ready helpers."""
        if len(candidates) < self.min_candidates or not self._lock.acquire(blocking=False):
            return rank_stored_resumes(job, candidates, top_k, job_vectors=job_vectors)
        try:
            return self._rank(job, candidates, top_k, job_vectors)
        finally:
            self._lock.release()

    def _rank(
        self, job: ParsedJob | PreparedJob, candidates: Sequence[StoredCandidate], top_k: int | None,
        job_vectors: Vectors | None,
    ) -> list[tuple[Hashable, MatchResult]]:
        self._replace_dead()
        helpers = [h for h in self._helpers if h is not None and h.is_ready()]
        sides = len(helpers) + 1
        shares = [list(candidates[i::sides]) for i in range(sides)]  # interleaved: similar work per side
        # Helpers asked and not yet read: if this call fails half-way, their replies would be read by the next
        # ranking as its own, so they are retired (and replaced) instead.
        outstanding: list[_Helper] = []
        try:
            # the job is prepared once, here, and sent prepared (pickling it costs ~1 ms, preparing it ~7)
            prepared = job if isinstance(job, PreparedJob) else prepare_job(job)
            asked: list[tuple[int, _Helper]] = []
            for i, helper in enumerate(helpers, start=1):
                if self._send(helper, ("evaluate", prepared, job_vectors, shares[i])):
                    asked.append((i, helper))
                    outstanding.append(helper)
                else:
                    shares[0].extend(shares[i])
            with paused_gc():
                local, unreadable = _evaluate_share(prepared, shares[0], job_vectors)
                scores = {cid: e.overall_score for cid, e in local.items()}
                owner: dict[Hashable, _Helper] = {}
                replied: list[_Helper] = []
                for i, helper in asked:
                    reply = self._receive(helper, "scores")
                    outstanding.remove(helper)
                    if reply is None:  # the helper failed: score its share here
                        more, bad = _evaluate_share(prepared, shares[i], job_vectors)
                        local.update(more)
                        unreadable += bad
                        scores.update((cid, e.overall_score) for cid, e in more.items())
                    else:
                        scores.update(reply[0])
                        unreadable += reply[1]
                        owner.update((cid, helper) for cid in reply[0])
                        replied.append(helper)
                if unreadable:
                    raise UnreadableProfiles(unreadable)
                self.rankings_shared += bool(replied)
                best = _ordered(scores, top_k)
                explaining: list[_Helper] = []
                for helper in replied:  # each is asked, even for none: it then drops its evaluated share
                    if self._send(helper, ("explain", [cid for cid in best if owner.get(cid) is helper])):
                        explaining.append(helper)
                        outstanding.append(helper)
                results = {cid: explain_evaluated(local[cid]) for cid in best if cid in local}
                # freed while the helpers explain (and while the collector is paused, see `paused_gc`)
                local.clear()
                for helper in explaining:
                    reply = self._receive(helper, "results")
                    outstanding.remove(helper)
                    if reply is not None:
                        results.update((cid, MatchResult.model_validate_json(data)) for cid, data in reply)
                missing = {cid for cid in best if cid not in results}  # a helper failed between the rounds
                if missing:
                    redo, _ = _evaluate_share(prepared, [c for c in candidates if c[0] in missing], job_vectors)
                    results.update((cid, explain_evaluated(e)) for cid, e in redo.items())
        except BaseException:
            for helper in outstanding:
                self._retire(helper, "the ranking stopped before reading its answer")
            raise
        return [(cid, results[cid]) for cid in best]

    def _send(self, helper: _Helper, message: tuple) -> bool:
        try:
            helper.ask(message)
            return True
        except (OSError, ValueError) as exc:
            self._retire(helper, exc)
            return False

    def _receive(self, helper: _Helper, expected: str) -> Any:
        try:
            return helper.answer(expected)
        except (OSError, EOFError, TimeoutError, RuntimeError) as exc:
            self._retire(helper, exc)
            return None

    def _retire(self, helper: _Helper, why: object) -> None:
        """Stop a helper that failed (its share is scored here) and start a new one in its place."""
        if isinstance(why, BaseException) and not isinstance(why, HelperError):
            why = type(why).__name__  # never the message: it could quote resume text (no PII in logs)
        log.warning("scoring helper %s retired (%s); its share is scored in-process", helper.process.pid, why)
        self._helpers = [self._replacement() if h is helper else h for h in self._helpers]
        threading.Thread(target=helper.stop, daemon=True).start()

    def _replace_dead(self) -> None:
        """Start a new helper in place of one that failed or died (ready for a later ranking)."""
        for i, helper in enumerate(self._helpers):
            if helper is not None and not helper.process.is_alive():
                helper.stop()
                self._helpers[i] = self._replacement()

    def _replacement(self) -> _Helper | None:
        """A new helper for one that failed, unless the pool is closed or helpers keep failing: after
        `MAX_REPLACEMENTS` ranking stays in this process rather than paying a start-up per request."""
        if self._closed or self._replaced >= MAX_REPLACEMENTS:
            if not self._closed and self._replaced == MAX_REPLACEMENTS:
                log.warning("scoring helpers failed %d times: ranking now scores in the server process only",
                            MAX_REPLACEMENTS)
                self._replaced += 1
            return None
        self._replaced += 1
        return _Helper(self._context)

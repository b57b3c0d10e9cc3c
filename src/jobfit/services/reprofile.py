"""Stored matching profiles: read them current for scoring, rebuild those of another `PROFILE_VERSION`.

A profile is the prepared (redacted, indexed) resume that ranking decodes instead of parsing the resume row
again, stored at upload; its statements' vectors (the meaning check) are stored with it by bulk ingest and right
after the response by an upload (`statement_fill`), or by the first scoring that finds them missing. After an
upgrade that changes `PROFILE_VERSION` older ones are rebuilt from their resume rows - by scoring the first
time it meets them (`current_profiles`), or all at once by `jobfit reprofile` (`rebuild_stale_profiles`),
user by user inside each user's RLS scope. Statement vectors made by another embedder or for other statement
texts are embedded again the same way (`scoring_profiles`, `rebuild_stale_profiles`).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping, Sequence

from sqlalchemy.orm import Session

from jobfit.embeddings.base import Embedder
from jobfit.matching import PROFILE_VERSION, prepare_resume
from jobfit.matching.meaning import thresholds_for
from jobfit.matching.profile import ResumeProfile
from jobfit.pipeline import profile_vectors
from jobfit.store import documents
from jobfit.store.db import Database
from jobfit.store.documents import StoredProfile
from jobfit.store.models import Resume
from jobfit.store.profiles import stale_profile_ids, stale_vector_ids

BATCH = 200  # resumes rebuilt per transaction by `rebuild_stale_profiles`


def current_profiles(session: Session, ids: Sequence[uuid.UUID],
                     rebuild: Sequence[uuid.UUID] = ()) -> dict[uuid.UUID, StoredProfile]:
    """These resumes' stored profiles (JSON text and statement vectors), as scoring reads them.

    A resume without a profile of the current version, or listed in `rebuild` (its stored text did not
    decode), is prepared again from its row and its profile saved in the caller's transaction, so it is
    rebuilt once. Ids of no (visible) resume are left out.
    """
    out = documents.stored_profiles(session, list(ids), PROFILE_VERSION)
    for rid in rebuild:
        out.pop(rid, None)
    stale = [i for i in ids if i not in out]
    if stale:
        out.update(_rebuild(session, stale))
    return out


def _rebuild(session: Session, ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, StoredProfile]:
    rebuilt = {row.id: prepare_resume(documents.parsed_resume(row)).to_dict()
               for row in documents.rows(session, Resume, list(ids))}
    return documents.save_profiles(session, rebuilt)


def _decode(stored: Mapping[uuid.UUID, StoredProfile]) -> tuple[dict[uuid.UUID, ResumeProfile], list[uuid.UUID]]:
    """The stored profiles decoded, and the ids whose stored text does not decode (damaged)."""
    profiles: dict[uuid.UUID, ResumeProfile] = {}
    unreadable: list[uuid.UUID] = []
    for rid, row in stored.items():
        try:
            profiles[rid] = ResumeProfile.from_json(row.text)
        except (ValueError, KeyError, TypeError, IndexError):
            unreadable.append(rid)
    return profiles, unreadable


def scoring_profiles(session: Session, ids: Sequence[uuid.UUID], embedder: Embedder | None,
                     stored: Mapping[uuid.UUID, StoredProfile] | None = None) -> dict[uuid.UUID, ResumeProfile]:
    """These resumes' profiles ready for scoring, with their statement vectors attached (`pipeline.profile_vectors`:
    the stored ones when current for `embedder`, else embedded now and saved in the caller's transaction).
    `stored` may pass `current_profiles(session, ids)` when the caller read it already. Profiles whose stored
    text does not decode are rebuilt from their resume rows."""
    stored = dict(current_profiles(session, ids) if stored is None else stored)
    profiles, unreadable = _decode(stored)
    if unreadable:  # damaged stored text: rebuilt from the resume rows
        rebuilt = current_profiles(session, unreadable, rebuild=unreadable)
        stored.update(rebuilt)
        profiles.update(_decode(rebuilt)[0])
    fresh = profile_vectors(embedder, profiles, {rid: (row.vectors_key, row.vectors) for rid, row in stored.items()})
    documents.save_statement_vectors(session, fresh)
    return profiles


def _stale(session: Session, embedder: Embedder | None) -> list[uuid.UUID]:
    """The resumes whose profile is of another version or, with an embedder that has meaning thresholds, whose
    statement vectors are missing or another embedder's."""
    stale = stale_profile_ids(session, PROFILE_VERSION)
    if embedder is not None and thresholds_for(embedder.name) is not None:
        stale = list(dict.fromkeys([*stale, *stale_vector_ids(session, embedder.name)]))
    return stale


def count_stale_profiles(db: Database, embedder: Embedder | None = None) -> int:
    """Resumes whose profile is of another version, or (with `embedder`) whose statement vectors are not its."""
    total = 0
    for user_id in db.user_ids():
        with db.user_session(user_id, active_only=False) as session:
            total += len(_stale(session, embedder))
    return total


def rebuild_stale_profiles(db: Database, on_resume: Callable[[], None] = lambda: None,
                           embedder: Embedder | None = None) -> int:
    """Rebuild every user's stale profiles, and (with `embedder`) embed their statements again where the stored
    vectors are missing or not this embedder's, committed in batches: an interrupted run keeps what it did and
    a rerun carries on. Returns how many resumes were rebuilt."""
    done = 0
    for user_id in db.user_ids():
        with db.user_session(user_id, active_only=False) as session:
            stale = _stale(session, embedder)
            for start in range(0, len(stale), BATCH):
                batch = stale[start:start + BATCH]
                rebuilt = _rebuild(session, batch)
                if embedder is not None:
                    scoring_profiles(session, batch, embedder, rebuilt)
                session.commit()
                done += len(batch)
                for _ in batch:
                    on_resume()
    return done

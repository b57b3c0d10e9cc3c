"""Stored matching profiles: read them current for ranking, rebuild those of another `PROFILE_VERSION`.

A profile is the prepared (redacted, indexed) resume that ranking decodes instead of parsing the resume row
again. It is stored at upload; after an upgrade that changes `PROFILE_VERSION` older ones are rebuilt from
their resume rows - by ranking the first time it meets them (`current_profiles`), or all at once by
`jobfit reprofile` (`rebuild_stale_profiles`), user by user inside each user's RLS scope.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from jobfit.matching import PROFILE_VERSION, prepare_resume
from jobfit.store import documents
from jobfit.store.db import Database
from jobfit.store.models import Resume
from jobfit.store.profiles import stale_profile_ids

BATCH = 200  # resumes rebuilt per transaction by `rebuild_stale_profiles`


def current_profiles(session: Session, ids: Sequence[uuid.UUID],
                     rebuild: Sequence[uuid.UUID] = ()) -> dict[uuid.UUID, str]:
    """The JSON text of these resumes' profiles, as ranking reads them.

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


def _rebuild(session: Session, ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, str]:
    rebuilt = {row.id: prepare_resume(documents.parsed_resume(row)).to_dict()
               for row in session.scalars(select(Resume).where(Resume.id.in_(list(ids))))}
    return documents.save_profiles(session, rebuilt)


def count_stale_profiles(db: Database) -> int:
    total = 0
    for user_id in db.user_ids():
        with db.user_session(user_id, active_only=False) as session:
            total += len(stale_profile_ids(session, PROFILE_VERSION))
    return total


def rebuild_stale_profiles(db: Database, on_resume: Callable[[], None] = lambda: None) -> int:
    """Rebuild every user's stale profiles (committed in batches: an interrupted run keeps what it did and a
    rerun carries on). Returns how many were rebuilt."""
    done = 0
    for user_id in db.user_ids():
        with db.user_session(user_id, active_only=False) as session:
            stale = stale_profile_ids(session, PROFILE_VERSION)
            for start in range(0, len(stale), BATCH):
                batch = stale[start:start + BATCH]
                _rebuild(session, batch)
                session.commit()
                done += len(batch)
                for _ in batch:
                    on_resume()
    return done

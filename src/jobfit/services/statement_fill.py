"""Statement vectors embedded after an upload's response: the late half of storing a resume.

An upload through the API or the web page stores the resume with its chunks' vectors and its profile and answers;
its statements (the meaning check's units, `pipeline.profile_vectors`) are embedded afterwards, on the runtime's
background thread (`Runtime.background`), one resume per call, exactly as a first scoring would embed them, so a
match is the same whichever comes first. A scoring that comes first embeds and stores them itself
(`reprofile.scoring_profiles`); the late fill then finds them and does nothing, and it never replaces vectors
stored meanwhile. If the process stops in between, the server's start-up sweep (`fill_missing`), the next scoring
or `jobfit reprofile` fills them. No database session is held while embedding.
"""

from __future__ import annotations

import logging
import uuid

from jobfit.embeddings.base import Embedder
from jobfit.matching import PROFILE_VERSION
from jobfit.matching.meaning import thresholds_for
from jobfit.matching.profile import ResumeProfile
from jobfit.pipeline import profile_vectors
from jobfit.runtime import Runtime
from jobfit.store import documents
from jobfit.store.db import Database
from jobfit.store.profiles import missing_vector_ids

log = logging.getLogger(__name__)


def needs_fill(embedder: Embedder) -> bool:
    """True when this embedder's profiles carry statement vectors at all (it has meaning thresholds)."""
    return thresholds_for(embedder.name) is not None


def fill(db: Database, embedder: Embedder, user_id: uuid.UUID, resume_id: uuid.UUID) -> bool:
    """Embed and store the statement vectors of one of the user's resumes if its current profile has none yet.
    Returns whether it stored them (False: filled already, the resume gone, or its profile not current)."""
    with db.user_session(user_id, active_only=False) as session:
        stored = documents.stored_profiles(session, [resume_id], PROFILE_VERSION).get(resume_id)
    if stored is None or stored.vectors is not None:
        return False
    try:
        profile = ResumeProfile.from_json(stored.text)
    except (ValueError, KeyError, TypeError, IndexError):  # damaged: the first scoring rebuilds it
        return False
    fresh = profile_vectors(embedder, {resume_id: profile}, {})  # the session is closed while this runs
    if not fresh:
        return False
    with db.user_session(user_id, active_only=False) as session:
        documents.save_statement_vectors(session, fresh, only_missing=True)
        session.commit()
    return True


def fill_later(runtime: Runtime, user_id: uuid.UUID, resume_id: uuid.UUID) -> None:
    """Queue `fill` for a resume just stored without its statement vectors (after its transaction committed)."""
    if needs_fill(runtime.embedder):
        runtime.background.submit(lambda: fill(runtime.db, runtime.embedder, user_id, resume_id))


def fill_missing(db: Database, embedder: Embedder) -> int:
    """Fill every user's resumes whose current profile has no statement vectors (uploads whose late fill never
    ran: the process stopped first). Returns how many were filled."""
    if not needs_fill(embedder):
        return 0
    done = 0
    for user_id in db.user_ids():
        with db.user_session(user_id, active_only=False) as session:
            missing = missing_vector_ids(session, PROFILE_VERSION)
        for resume_id in missing:
            done += fill(db, embedder, user_id, resume_id)
    if done:
        log.info("embedded the statements of %d resumes stored without them", done)
    return done

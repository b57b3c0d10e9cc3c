"""A match's suggestions: list, regenerate, decide (pending -> implemented | rejected, once), and apply the
accepted ones as a new resume version (text and DOCX) re-scored against the same job."""

from __future__ import annotations

import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

from jobfit.config import Settings
from jobfit.documents.docx_write import resume_docx
from jobfit.documents.resume import parse_resume
from jobfit.providers.openai_chat import LlmConfig, OpenAIChat
from jobfit.runtime import Runtime
from jobfit.services import decision_log
from jobfit.services.analyze import score_pair, store_suggestions
from jobfit.services.errors import Conflict, NotFound, Unprocessable, get_or_raise
from jobfit.services.upload import store_resume
from jobfit.store import documents, locks
from jobfit.store import suggestions as suggestion_store
from jobfit.store.models import JobDescription, MatchResultRow, Resume
from jobfit.store.models import Suggestion as SuggestionRow
from jobfit.store.rows import find
from jobfit.store.suggestions import as_suggestion
from jobfit.suggestions import SuggestionSet, apply_suggestions, generate_suggestions


@dataclass
class Regenerated:
    rows: list[SuggestionRow]  # all of the match's suggestions, in `listed` order
    generated: SuggestionSet


@dataclass
class Applied:
    """The new resume version and the match results before (the original) and after (the version); `created` is
    false when the same suggestions had been applied to the same resume before (that version is returned)."""

    resume: Resume
    job: JobDescription
    applied: list[uuid.UUID]
    skipped: list[uuid.UUID]
    before: MatchResultRow
    after: MatchResultRow
    text: str
    created: bool = True


def llm_config(settings: Settings) -> OpenAIChat | None:
    """The chat model the settings configure (`JOBFIT_LLM_*`), or None when there is none."""
    if not settings.llm_base_url:
        return None
    return OpenAIChat(LlmConfig(base_url=settings.llm_base_url, model=settings.llm_model,
                     api_key=settings.llm_api_key or "not-needed", timeout_s=settings.llm_timeout,
                     max_retries=settings.llm_retries))


def listed(db: Session, match_id: uuid.UUID, status: str | None = None,
           type_: str | None = None) -> list[SuggestionRow]:
    """The match's suggestions (of this status and type), most important first. `NotFound` for no match."""
    get_or_raise(db, MatchResultRow, match_id, "Match result")
    return suggestion_store.of_match(db, match_id, status, type_)


def regenerate(db: Session, runtime: Runtime, user_id: uuid.UUID, match_id: uuid.UUID,
               use_llm: bool = False) -> Regenerated:
    """Re-score the pair and replace its pending suggestions (decided ones are kept); with `use_llm` the
    configured LLM adds its own (`Unprocessable` when none is configured). The LLM is called with no transaction
    open: what scoring needs is read first, and the result is stored afterwards in a transaction of its own
    (`NotFound` if the match was deleted meanwhile)."""
    llm = None
    if use_llm:
        llm = llm_config(runtime.settings)
        if llm is None:
            raise Unprocessable("No LLM is configured: set JOBFIT_LLM_BASE_URL (and JOBFIT_LLM_MODEL).")
    match = get_or_raise(db, MatchResultRow, match_id, "Match result", lock="key share")
    resume, job = find(db, Resume, match.resume_id), find(db, JobDescription, match.job_id)
    assert resume is not None and job is not None  # cascades keep matches and documents together
    pair = score_pair(db, user_id, resume, job, runtime.embedder)
    if llm is None:
        _rows, generated = store_suggestions(db, user_id, pair)
        decision_log.record_analysis(db, user_id, pair.row, job, cause="suggestions regenerated")
        db.commit()
        return Regenerated(listed(db, match_id), generated)
    db.commit()  # the re-score is stored and the transaction (and its lock) ends: no session waits on the LLM
    generated = generate_suggestions(pair.resume, pair.job, pair.result, prepared_job=pair.prepared_job,
                                     job_vectors=pair.job_vectors, resume_vectors=pair.resume_vectors, llm=llm)
    get_or_raise(db, MatchResultRow, match_id, "Match result", lock="key share")  # still there, and held
    suggestion_store.replace_pending(db, user_id=user_id, match_result_id=match_id, suggestions=generated.suggestions)
    decision_log.record_analysis(db, user_id, pair.row, job, cause="suggestions regenerated")
    db.commit()
    return Regenerated(listed(db, match_id), generated)


def decide(db: Session, suggestion_id: uuid.UUID, status: str, feedback: str | None = None) -> SuggestionRow:
    """Mark a pending suggestion implemented or rejected, or undo its decision (`status` "pending"). `Conflict`
    for a suggestion decided already (undo it first) or, for an undo, one that is not decided."""
    row = get_or_raise(db, SuggestionRow, suggestion_id, "Suggestion", lock="update")
    if status == "pending" and row.status == "pending":
        raise Conflict("Suggestion is pending: there is no decision to undo")
    if status != "pending" and row.status != "pending":
        raise Conflict(f"Suggestion is already {row.status}; undo that decision first (status pending)")
    suggestion_store.set_status([row], status)
    row.feedback = feedback
    db.commit()
    db.refresh(row)
    return row


def _version_title(title: str | None, filename: str) -> str:
    base = re.sub(r"\s*\(improved( \d+)?\)$", "", title or filename)
    return f"{base} (improved)"


def _made_by(suggestion_ids: Sequence[uuid.UUID]) -> str:
    """What a version made by applying these suggestions is known by: the set of their ids, in one order."""
    return "apply:" + ",".join(sorted(str(i) for i in set(suggestion_ids)))


def apply(db: Session, runtime: Runtime, user_id: uuid.UUID, resume_id: uuid.UUID,
          suggestion_ids: Sequence[uuid.UUID]) -> Applied:
    """A new resume version with the chosen suggestions (of one match of this resume) applied, stored with its
    DOCX and re-scored against their job; the applied ones are marked implemented (applying a pending one
    accepts it; a rejected one is refused with `Conflict`). Applying the same set to the same resume again
    returns the version made the first time, also when both run at once."""
    resume = get_or_raise(db, Resume, resume_id, "Resume", lock="key share")
    wanted = list(dict.fromkeys(suggestion_ids))
    made_by = _made_by(wanted)
    locks.hold_for_transaction(db, f"{resume.id}:{made_by}")  # a concurrent same apply waits, then finds ours
    rows = suggestion_store.by_ids(db, wanted)
    missing = [str(i) for i in wanted if i not in rows]
    if missing:
        raise NotFound(f"Suggestion not found: {', '.join(missing[:5])}")
    rejected = [str(i) for i in wanted if rows[i].status == "rejected"]
    if rejected:
        raise Conflict(f"Suggestion {', '.join(rejected[:5])} was rejected: only accepted or pending suggestions "
                       "are applied")
    match_ids = {r.match_result_id for r in rows.values()}
    matches = suggestion_store.matches_by_ids(db, match_ids)
    if any(m.resume_id != resume.id for m in matches.values()) or len(matches) != 1:
        raise Unprocessable("All suggestions must come from one match result of this resume")
    before = next(iter(matches.values()))
    job = get_or_raise(db, JobDescription, before.job_id, "Job description", lock="key share")
    earlier = _applied_before(db, runtime, resume, job, before, wanted, made_by)
    if earlier is not None:
        return earlier
    chosen = [rows[i] for i in wanted]
    old_text = resume.content_text or ""
    new_text = apply_suggestions(old_text, [as_suggestion(r) for r in chosen])
    applied = [r.id for r in chosen if apply_suggestions(old_text, [as_suggestion(r)]) != old_text]
    skipped = [r.id for r in chosen if r.id not in applied]
    if not applied:
        raise Unprocessable("None of these suggestions changes the resume text (advice only, or stale)")

    # the new version is its DOCX: written clean (statements re-joined, glyphs and page markers dropped) and
    # stored as that file reads, so its checklist, evidence lines and score are the file's
    docx = resume_docx(new_text, documents.parsed_resume(resume).contact_info)
    stem = (resume.original_filename.rsplit(".", 1)[0] or "resume")[:200]
    filename = f"{stem}-improved.docx"
    parsed = parse_resume(docx, filename)
    new_row = store_resume(db, runtime, user_id, parsed, data=docx, filename=filename,
                           title=_version_title(resume.title, resume.original_filename), commit=False)
    new_row.metadata_ = {**new_row.metadata_, "derived_from": str(resume.id), "made_by": made_by,
                         "applied_suggestions": [str(i) for i in applied]}
    after = score_pair(db, user_id, new_row, job, runtime.embedder)
    decision_log.record_analysis(db, user_id, after.row, job, cause="suggestions applied",
                                 derived_from=resume.id, applied_suggestions=applied)
    suggestion_store.set_status([r for r in chosen if r.id in applied and r.status == "pending"], "implemented")
    db.commit()  # publishes the new version's file (a failed commit deletes it)
    db.refresh(before)
    return Applied(new_row, job, applied, skipped, before, after.row, parsed.text_content)


def _applied_before(db: Session, runtime: Runtime, resume: Resume, job: JobDescription, before: MatchResultRow,
                    wanted: list[uuid.UUID], made_by: str) -> Applied | None:
    """The version these suggestions made of this resume before (re-scored if its match was deleted), or None."""
    version = documents.derived_version(db, resume.id, made_by)
    if version is None:
        return None
    after = suggestion_store.match_of_pair(db, version.id, job.id)
    if after is None:
        after = score_pair(db, resume.user_id, version, job, runtime.embedder).row
        db.commit()
    applied = [uuid.UUID(i) for i in (version.metadata_ or {}).get("applied_suggestions", [])]
    return Applied(version, job, applied, [i for i in wanted if i not in applied], before, after,
                   version.content_text or "", created=False)

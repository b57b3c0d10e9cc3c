"""The core flow shared by the API and the CLI: what of a parsed document gets embedded, and how.

Resumes are redacted (names, contact details, gender markers) before embedding, exactly as they are
before scoring, so a name can never move a vector and, through it, a score.

The meaning check (`matching.meaning`) needs two more kinds of vectors, each made once: a resume's
statements (embedded after an upload's response, or with its other chunks in the same call by the paths
that answer no person, and stored compactly with its profile) and a job's requirements in their ad context
(embedded with the job's chunks, stored as its vectors under `meaning.context_key`). `job_meaning` and
`profile_vectors` attach them for scoring, embedding any that are missing (a profile or job stored before, or by
another algorithm version, or an upload's statements not filled yet).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from jobfit.documents.models import ParsedJob, ParsedResume
from jobfit.embeddings.base import Embedder, Vectors, truncate_text
from jobfit.embeddings.chunks import ASKING, MAX_CHUNK_CHARS, REQUIREMENTS_DIGEST, document_chunks, embed_chunks
from jobfit.embeddings.compact import pack_rows, unpack_rows
from jobfit.matching import prepare_job, prepare_resume
from jobfit.matching.engine import PreparedJob
from jobfit.matching.keywords import asking_text
from jobfit.matching.meaning import context_key, thresholds_for
from jobfit.matching.profile import ResumeProfile
from jobfit.matching.scores import job_vector_kinds
from jobfit.matching.text import titled
from jobfit.redaction import redact_for_embedding

Chunks = list[tuple[str, str]]


def resume_chunks(resume: ParsedResume) -> Chunks:
    """`(embedding_type, redacted text)` for the resume's full text and each section."""
    info = resume.contact_info
    sections = {name: s.model_copy(update={"text": redact_for_embedding(s.text, info)})
                for name, s in resume.sections.items()}
    return document_chunks(redact_for_embedding(resume.text_content, info), sections)


def requirements_digest(job: ParsedJob) -> str | None:
    """What the job asks for, as one short text: its title and the skills it requires and prefers.

    A full ad's vector is dominated by the company pitch, perks and legal text; this digest is what the
    resume is compared with semantically (the `requirements` section score). None without any skill.
    """
    names = list(dict.fromkeys(m.name for m in (*job.required_skills, *job.preferred_skills)))
    if not names:
        return None
    return f"{job.title}\n{', '.join(names)}"


def job_chunks(job: ParsedJob) -> Chunks:
    """`(embedding_type, text)` for the job's full text (under its title), each section, its requirements
    digest, and what it asks without perks and legal lines (`ASKING`) when the semantic component reads that."""
    chunks = document_chunks(titled(job.title, job.text_content), job.sections)
    digest = requirements_digest(job)
    if digest is not None:
        chunks.append((REQUIREMENTS_DIGEST, digest))
    if ASKING in job_vector_kinds():
        asking = asking_text(job).strip()
        if asking:
            chunks.append((ASKING, truncate_text(asking, MAX_CHUNK_CHARS)))
    return chunks


def stored_job_chunks(embedder: Embedder, job: ParsedJob) -> Chunks:
    """What is embedded and stored for a job: `job_chunks`, and each requirement in its ad context
    (`context_chunks`) when the embedder has meaning thresholds."""
    chunks = job_chunks(job)
    return chunks + context_chunks(prepare_job(job)) if thresholds_for(embedder.name) is not None else chunks


def context_chunks(prepared: PreparedJob) -> Chunks:
    """`(meaning.context_key(text), text)` of each distinct requirement context of a prepared job."""
    return [(context_key(text), text) for text in dict.fromkeys(t for t in prepared.contexts if t)]


def job_meaning(prepared: PreparedJob, job_vectors: Vectors, embedder: Embedder | None
                ) -> tuple[PreparedJob, Chunks, dict[str, np.ndarray]]:
    """The prepared job with its meaning check attached (`PreparedJob.with_meaning`), and the context chunks
    that had no stored vector, embedded now (empty without an embedder): the caller stores them. Without an
    embedder, or for one without calibrated thresholds, the job gets no meaning check."""
    thresholds = thresholds_for(embedder.name) if embedder is not None else None
    if embedder is None or thresholds is None:
        return prepared, [], {}
    missing = [(kind, text) for kind, text in context_chunks(prepared) if kind not in job_vectors]
    added = embed_chunks(embedder, missing)
    return prepared.with_meaning({**job_vectors, **added}, thresholds), missing, added


def vectors_key(embedder: Embedder, profile: ResumeProfile) -> str:
    """What stored statement vectors must have been made for to be used: this embedder and these texts."""
    return f"{embedder.name}|{profile.statements_key}"


def embed_resume(embedder: Embedder, resume: ParsedResume) -> tuple[Chunks, dict[str, np.ndarray], ResumeProfile]:
    """The resume's chunks, their vectors and its prepared profile with its statement vectors attached (when the
    embedder has meaning thresholds), from one `embed` call (the statements batched with the chunks)."""
    return embed_resumes(embedder, [resume])[0]


def embed_resumes(embedder: Embedder, resumes: Sequence[ParsedResume], *, statements: bool = True
                  ) -> list[tuple[Chunks, dict[str, np.ndarray], ResumeProfile]]:
    """`embed_resume` for many resumes from one `embed` call: a queue worker embeds the files it runs at once
    together, every chunk and statement of every resume batched, the vectors handed back per resume. Without
    `statements` the profiles get no statement vectors (`profile_vectors` embeds them later, e.g. after an
    upload's response)."""
    meaning = statements and thresholds_for(embedder.name) is not None
    prepared: list[tuple[Chunks, ResumeProfile, int]] = []
    texts: list[str] = []
    for resume in resumes:
        chunks = resume_chunks(resume)
        profile = prepare_resume(resume)
        said = profile.statement_texts() if meaning else []
        prepared.append((chunks, profile, len(said)))
        texts += [text for _, text in chunks] + said
    rows = embedder.embed(texts) if texts else None
    out: list[tuple[Chunks, dict[str, np.ndarray], ResumeProfile]] = []
    at = 0
    for chunks, profile, count in prepared:
        vectors = {kind: rows[at + i] for i, (kind, _) in enumerate(chunks)} if rows is not None else {}
        at += len(chunks)
        if count:
            assert rows is not None
            profile.with_statement_vectors(unpack_rows(pack_rows(rows[at:at + count])))  # as read back
        at += count
        out.append((chunks, vectors, profile))
    return out


def packed_statement_vectors(embedder: Embedder, profile: ResumeProfile) -> tuple[str, bytes] | None:
    """The profile's statement vectors as stored (`store.documents.PackedVectors`), None when it has none."""
    if profile.statement_vectors is None:
        return None
    return vectors_key(embedder, profile), pack_rows(profile.statement_vectors)


def profile_vectors(embedder: Embedder | None, profiles: dict[Any, ResumeProfile],
                    stored: dict[Any, tuple[str | None, bytes | None]]) -> dict[Any, tuple[str, bytes]]:
    """Attach each profile's statement vectors: the stored ones when made by this embedder for its texts, else
    embedded now (all the missing ones in one call). Returns those embedded now, packed for storing. Without an
    embedder (or one without calibrated thresholds) nothing is attached."""
    if embedder is None or thresholds_for(embedder.name) is None:
        return {}
    todo: list[Any] = []
    for key, profile in profiles.items():
        found_key, data = stored.get(key, (None, None))
        if data is not None and found_key == vectors_key(embedder, profile):
            try:
                profile.with_statement_vectors(unpack_rows(data))
                continue
            except ValueError:
                pass  # damaged bytes: embedded again below
        todo.append(key)
    texts = [text for key in todo for text in profiles[key].statement_texts()]
    rows = embedder.embed(texts) if texts else np.zeros((0, embedder.dim), dtype=np.float32)
    fresh: dict[Any, tuple[str, bytes]] = {}
    at = 0
    for key in todo:
        profile = profiles[key]
        count = len(profile.statement_texts())
        profile.with_statement_vectors(unpack_rows(pack_rows(rows[at : at + count])))  # as it will be read back
        at += count
        packed = packed_statement_vectors(embedder, profile)
        if packed is not None:
            fresh[key] = packed
    return fresh


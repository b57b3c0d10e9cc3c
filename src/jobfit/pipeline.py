"""The core flow shared by the API and the CLI: what of a parsed document gets embedded, and how.

Resumes are redacted (names, contact details, gender markers) before embedding, exactly as they are
before scoring, so a name can never move a vector and, through it, a score.
"""

from __future__ import annotations

from typing import Any

from jobfit.documents.models import ParsedJob, ParsedResume
from jobfit.embeddings.chunks import REQUIREMENTS_DIGEST, document_chunks
from jobfit.matching import prepare_resume
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
    """`(embedding_type, text)` for the job's full text (under its title), each section, and its requirements
    digest."""
    chunks = document_chunks(titled(job.title, job.text_content), job.sections)
    digest = requirements_digest(job)
    if digest is not None:
        chunks.append((REQUIREMENTS_DIGEST, digest))
    return chunks


def resume_profile(resume: ParsedResume) -> dict[str, Any]:
    """The prepared (redacted, indexed) resume, stored at upload so ranking skips preparation."""
    return prepare_resume(resume).to_dict()

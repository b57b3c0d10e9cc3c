"""Who a resume is about, as a recruiter's list shows them: the candidate's name, the title they hold now and
their contact fields, read from the parsed resume (its contact info and dated roles), never from a file name."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from jobfit.documents.models import ContactInfo, ExperienceEntry

# The contact fields a recruiter's list and its CSV show, in this order.
CONTACT_FIELDS = ("email", "phone", "location", "linkedin")


@dataclass(frozen=True)
class Candidate:
    name: str | None
    current_title: str | None
    contact: dict[str, str] = field(default_factory=dict)  # the CONTACT_FIELDS the resume holds


def current_title(experience: Sequence[ExperienceEntry]) -> str | None:
    """The title of the role held now: a current one (the latest started), else the one that ended last."""
    titled = [e for e in experience if e.title]
    current = [e for e in titled if e.is_current]
    if current:
        return max(current, key=lambda e: e.start or "").title
    if titled:
        return max(titled, key=lambda e: e.end or e.start or "").title
    return None


def candidate_of(contact_info: Mapping[str, Any] | None, experience: Sequence[Mapping[str, Any]] | None) -> Candidate:
    """The candidate of a stored resume: its `contact_info` column and its metadata's `experience` entries."""
    contact = ContactInfo.model_validate(contact_info or {})
    found = {name: getattr(contact, name).value for name in CONTACT_FIELDS if getattr(contact, name) is not None}
    roles = [ExperienceEntry.model_validate(e) for e in experience or []]
    return Candidate(name=contact.name.value if contact.name else None, current_title=current_title(roles),
                     contact=found)

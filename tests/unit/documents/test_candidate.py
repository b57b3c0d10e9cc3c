"""A recruiter's view of a resume: the candidate's name, the title held now, and the contact fields found."""

from __future__ import annotations

from jobfit.documents.candidate import candidate_of, current_title
from jobfit.documents.models import ExperienceEntry
from jobfit.documents.resume import parse_resume
from tests.conftest import SAMPLES


def test_the_current_title_is_the_role_held_now_else_the_one_that_ended_last() -> None:
    old = ExperienceEntry(title="Developer", start="2012-06", end="2015-06")
    later = ExperienceEntry(title="Senior Developer", start="2015-07", end="2020-05")
    now = ExperienceEntry(title="Lead", start="2020-06", is_current=True)
    side = ExperienceEntry(title="Mentor", start="2018-01", is_current=True)
    assert current_title([old, now, later, side]) == "Lead"
    assert current_title([later, old]) == "Senior Developer"
    assert current_title([ExperienceEntry(start="2020-01", is_current=True)]) is None
    assert current_title([]) is None


def test_a_stored_resume_names_its_candidate() -> None:
    path = SAMPLES / "resumes" / "john_doe.pdf"
    stored = parse_resume(path.read_bytes(), path.name).model_dump(mode="json")
    person = candidate_of(stored["contact_info"], stored["experience"])
    assert person.name == "John Doe" and person.current_title == "Full Stack Java Developer"
    assert person.contact["email"] == "john.doe@email.com" and set(person.contact) <= {"email", "phone", "location",
                                                                                        "linkedin"}
    assert candidate_of({}, None).name is None and candidate_of(None, []).contact == {}

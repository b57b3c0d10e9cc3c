"""Property tests of redaction: contact details never survive, and the fast path equals the straightforward one."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from jobfit.documents.models import ContactField, ContactInfo
from jobfit.redaction import redact_for_embedding
from tests.unit.matching.test_profile_cache import _reference_redact

words = st.text(alphabet="abcdefghij ABCDEFGHIJ\n.,-", max_size=60)
names = st.lists(st.text(alphabet="abcdefghijklmnop", min_size=3, max_size=8), min_size=2, max_size=3)
emails = st.tuples(st.text(alphabet="abcxyz0189", min_size=1, max_size=10),
                   st.text(alphabet="abcxyz", min_size=1, max_size=8)).map(lambda p: f"{p[0]}@{p[1]}.com")


@settings(max_examples=60, deadline=None)
@given(words, words, emails)
def test_an_email_never_survives(before: str, after: str, email: str) -> None:
    assert email not in redact_for_embedding(f"{before} {email} {after}", None)


@settings(max_examples=60, deadline=None)
@given(words, names, st.sampled_from([str.title, str.upper]))
def test_the_name_never_survives_and_the_fast_path_equals_the_reference(text: str, parts: list[str],
                                                                       case: object) -> None:
    """A name as resumes write it (capitalised or upper case) is removed wherever it stands."""
    name = " ".join(case(p) for p in parts)  # type: ignore[operator]
    info = ContactInfo(name=ContactField(value=name, confidence=0.9))
    written = f"{name}\n{text}\n{name} led the team."
    redacted = redact_for_embedding(written, info)
    assert redacted == _reference_redact(written, info)
    assert name not in redacted

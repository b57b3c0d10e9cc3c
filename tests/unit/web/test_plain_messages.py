"""What a person reads when a field is refused: whitespace control characters copied from a PDF or Word become
line breaks, other control characters are refused in plain words, and no message carries validator jargon."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from jobfit.http.errors import plain_sentence
from jobfit.http.schemas import FeedbackIn, JobIn, TitleUpdate

JARGON = ("Value error", "String should", "Input should", "Field required", "pattern", "^(", "type=")


def _message(model: type, data: dict) -> str:
    with pytest.raises(ValidationError) as caught:
        model.model_validate(data)
    message = plain_sentence(caught.value.errors()[0])
    assert not any(word in message for word in JARGON), message
    return message


def test_page_breaks_and_vertical_tabs_become_line_breaks() -> None:
    job = JobIn.model_validate({"title": "Analyst\x0b", "description": "Page one\x0cPage two\x0bsame page\x85end"})
    assert job.description == "Page one\nPage two\nsame page\nend" and job.title == "Analyst"


@pytest.mark.parametrize("bad", ["\x00", "\x07", "\x1b[31m", "\x7f"])
def test_other_control_characters_are_refused_in_plain_words(bad: str) -> None:
    message = _message(JobIn, {"title": "Analyst", "description": f"Excel{bad} reports"})
    code = f"{ord(bad[0]):04X}"
    assert message == (f"Description contains an invisible control character (U+{code}, character 6) that is not "
                       "text: delete it and try again.")


@pytest.mark.parametrize(("model", "data", "expected"), [
    (JobIn, {"description": "d"}, "Title is required."),
    (JobIn, {"title": "   ", "description": "d"}, "Title is blank."),
    (JobIn, {"title": "t" * 301, "description": "d"}, "Title is too long: at most 300 characters."),
    (JobIn, {"title": "t", "description": "d", "job_type": "gig"},
     "Job type must be one of: full-time, part-time, contract, internship, temporary."),
    (TitleUpdate, {"title": ""}, "Title is empty."),
    (FeedbackIn, {"target_type": "overall", "rating": 9}, "Rating must be at most 5."),
    (FeedbackIn, {"target_type": "overall", "rating": "many"}, "Rating must be a whole number."),
    (FeedbackIn, {"target_type": "overall", "rating": 3, "context": {"x": float("nan")}},
     "Context holds a number that is not finite (NaN or Infinity)."),
])
def test_each_kind_of_refusal_reads_as_a_sentence(model: type, data: dict, expected: str) -> None:
    assert _message(model, data) == expected

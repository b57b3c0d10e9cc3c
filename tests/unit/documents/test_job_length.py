"""A job typed in gets the text cap a file gets, and an ad too short or too vague to match against is named."""

from __future__ import annotations

import pytest

from jobfit.documents.errors import MAX_TEXT_CHARS, TooLongError
from jobfit.documents.job import parse_job, parse_job_file
from jobfit.documents.job_length import MIN_AD_WORDS, thin_ad_warnings
from tests.conftest import SAMPLES


def test_a_paste_longer_than_a_file_may_be_is_refused_with_the_files_code() -> None:
    sentence = "We build reliable data pipelines in Python and SQL for our analysts. "
    with pytest.raises(TooLongError) as refused:
        parse_job(title="Data engineer", description=sentence * (276_000 // len(sentence)))
    assert refused.value.code == "too_long" and f"{MAX_TEXT_CHARS:,}" in refused.value.message
    # the cap counts every field the text is made of, not each one alone
    half = sentence * (60_000 // len(sentence))
    with pytest.raises(TooLongError):
        parse_job(title="Data engineer", description=half, requirements=half)
    assert parse_job(title="Data engineer", description=half).text_content


def test_a_three_word_ad_is_named_too_short() -> None:
    (warning,) = thin_ad_warnings(parse_job(title="Engineer", description="Python engineer wanted"))
    assert warning.startswith("This ad has only 3 words: too little to match a resume against.")


def test_an_ad_with_nothing_to_match_against_says_so() -> None:
    vague = ("We are a small team in a bright office near the river. You will join us on weekdays, share lunch on "
             "Fridays and help our customers with whatever they happen to need from us on the day. We look forward "
             "to meeting you soon at our office.")
    job = parse_job(title="Team member", description=vague)
    assert job.metadata.words >= MIN_AD_WORDS
    assert thin_ad_warnings(job) == ["jobfit read no skills, years of experience or degree in this ad: a match "
                                     "against it rests on shared words only."]


@pytest.mark.parametrize("path", sorted((SAMPLES / "job_descriptions").glob("*.pdf")), ids=lambda p: p.stem)
def test_real_ads_have_no_warning(path) -> None:
    assert thin_ad_warnings(parse_job_file(path.read_bytes(), path.name)) == []

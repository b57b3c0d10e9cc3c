"""The counterfactual resumes of the wider fairness tests (`bench/counterfactuals.py`), on committed real resumes
(`tests/fixtures/dotin/`): each edit changes only the thing it is about, and a resume with nothing to edit gives
no variant of that kind."""

from __future__ import annotations

import re
import sys
from difflib import ndiff
from pathlib import Path

import pytest

from jobfit.documents.resume import parse_resume_text
from jobfit.pipeline import resume_chunks
from jobfit.skills import extract_skills

REPO = Path(__file__).resolve().parents[3]
sys.path.append(str(REPO / "bench"))  # appended: bench's script names never shadow a module

from counterfactuals import (  # noqa: E402
    DATA,
    YEAR,
    drop_graduation_years,
    non_native,
    shift_graduation_years,
    variants,
    with_gap,
    with_school,
)

DOTIN = REPO / "tests" / "fixtures" / "dotin"


def _resume(n: int) -> tuple[str, object]:
    text = (DOTIN / f"{n}.txt").read_text()
    return text, parse_resume_text(text)


def _changed_lines(before: str, after: str) -> list[tuple[int, str, str]]:
    """(0-based index, old, new) of each line that differs; both texts have the same number of lines."""
    old, new = before.split("\n"), after.split("\n")
    assert len(old) == len(new)
    return [(i, a, b) for i, (a, b) in enumerate(zip(old, new, strict=True)) if a != b]


def _education(resume) -> range:
    section = resume.sections["education"]
    return range(section.start_line, section.end_line)


def test_graduation_years_move_only_in_the_education_section() -> None:
    text, resume = _resume(1)  # "2017" under EDUCATION, "September 2017" under WORK EXPERIENCE
    shifted = shift_graduation_years(text, resume, -20)
    changed = _changed_lines(text, shifted)
    assert changed == [(text.split("\n").index("2017"), "2017", "1997")]
    assert "(September 2017 onwards)" in shifted  # the job's year is not an education year


def test_removed_years_touch_only_lines_that_had_a_year() -> None:
    text, resume = _resume(5)  # its education lines have no year, but two spaces before a town
    assert drop_graduation_years(text, resume) is None
    assert shift_graduation_years(text, resume, -20) is None
    text, resume = _resume(3)
    dropped = drop_graduation_years(text, resume)
    changed = _changed_lines(text, dropped)
    assert changed and all(i in _education(resume) and YEAR.search(old) and not YEAR.search(new)
                           for i, old, new in changed)


def test_a_school_is_renamed_everywhere_and_nothing_else_changes() -> None:
    text, resume = _resume(1)
    renamed = with_school(text, resume, "Howard University")
    assert "North Maharashtra University" not in renamed
    assert renamed == text.replace("North Maharashtra University", "Howard University")


def test_a_gap_is_the_first_line_of_the_experience_section() -> None:
    text, resume = _resume(1)
    gap = DATA["gaps"]["gap: parental leave"]
    with_it = with_gap(text, resume, gap)
    edited = parse_resume_text(with_it)
    assert edited.text_content.split("\n")[edited.sections["experience"].start_line] == gap
    added = [line for line in ndiff(text.split("\n"), with_it.split("\n")) if line.startswith(("+", "-"))]
    assert added == [f"+ {gap}"]


def test_non_native_phrasing_keeps_every_skill_and_number() -> None:
    text, resume = _resume(4)
    rephrased = non_native(text, resume)
    assert rephrased is not None and rephrased != text
    assert {s.skill_id for s in extract_skills(rephrased)} == {s.skill_id for s in extract_skills(text)}
    assert re.findall(r"\d+", rephrased) == re.findall(r"\d+", text)
    for _i, old, new in _changed_lines(text, rephrased):
        assert not re.search(r"\b(the|a|an)\s", new, re.IGNORECASE), new  # articles dropped
        assert len(new) <= len(old) + 40


def test_a_resume_without_an_experience_section_gets_no_gap_nor_rephrasing() -> None:
    text = "Jane Roe\nEDUCATION\nB.Sc. Physics, University of Leeds, 2004\nSKILLS\nPython, SQL"
    resume = parse_resume_text(text)
    names = {v.name for v in variants(text, resume)}
    assert not any(n.startswith("gap:") for n in names) and "non-native phrasing" not in names
    assert "graduation years -20" in names and "graduation years removed" in names


@pytest.mark.parametrize("n", range(1, 11))
def test_every_variant_differs_and_addresses_never_reach_the_embedded_text(n: int) -> None:
    """An address line is redacted before embedding: the four addresses give one embedded text."""
    text, resume = _resume(n)
    made = variants(text, resume)
    assert len({v.name for v in made}) == len(made) >= 4
    assert all(v.text != text for v in made)
    embedded = {tuple(resume_chunks(parse_resume_text(v.text))) for v in made if v.family == "place"}
    assert len(embedded) == 1

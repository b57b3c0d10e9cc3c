"""Ad reading, fifth round of the judged error classes (issue 26, held-out 5): a requirement the ad names twice
is one row, and a general ask with an ideal example in brackets stays required. Plain ad text in the shapes
real postings take."""

from __future__ import annotations

import pytest

from jobfit.documents.job import parse_job
from jobfit.matching.requirements import extract_requirements


@pytest.mark.parametrize(("tags", "written", "skill"), [
    ("reactjs cloud python", "React JS", "React"),
    ("nodejs cloud python", "Node JS", "Node.js"),
])
def test_a_tag_that_writes_a_skill_as_one_word_is_not_a_second_row(tags: str, written: str, skill: str) -> None:
    ad = (f"Technologies:\n{tags}\nJob description:\nTechnologies\n{tags}\nJob description\n"
          "We are looking for someone who would\n1) Work on a mix of front-end back-end and cloud technologies.\n"
          f"Requirements:\n1) Experience with running with a full stack development: Java Python {written} Redux")
    reqs = extract_requirements(parse_job(title="UI Engineer", description=ad))
    rows = [r for r in reqs if r.kind in ("skill", "keyword")]
    named = [r for r in rows if r.label.lower().replace(".", "").replace(" ", "") in
             (skill.lower().replace(".", ""), tags.split()[0])]
    assert [(r.kind, r.label, r.importance) for r in named] == [("skill", skill, "required")]


def test_a_general_ask_with_an_ideal_example_keeps_the_general_ask_required() -> None:
    ad = "Requirements\n- Experience working with the public cloud (ideally AWS)\n- 5+ years of Java"
    rows = {r.label: r.importance for r in extract_requirements(parse_job(title="Engineer", description=ad))
            if r.kind == "skill"}
    assert rows["Cloud computing"] == "required"
    assert rows["Amazon Web Services"] == "preferred"

"""apply_suggestions: replacements at the named line, insertions after a line or a section, stale edits skipped."""

from __future__ import annotations

from jobfit.suggestions import Suggestion, apply_suggestions

TEXT = "Jane Roe\n\nExperience\n• Helped build the API.\n• Worked on billing.\n\nSkills\nPython, Docker\n"


def edit(line: int | None, original: str, suggested: str, section: str | None = None) -> Suggestion:
    return Suggestion(
        suggestion_type="content",
        title="t",
        description="d",
        original_text=original,
        suggested_text=suggested,
        line_number=line,
        section_name=section,
    )


def test_replaces_only_on_the_named_line() -> None:
    text = "Helped build X.\nHelped build Y."
    out = apply_suggestions(text, [edit(2, "Helped build", "Built")])
    assert out == "Helped build X.\nBuilt Y."


def test_stale_edit_is_skipped() -> None:
    # line 5 does not contain the text any more (or never did): nothing changes
    assert apply_suggestions(TEXT, [edit(5, "Helped build", "Built")]) == TEXT
    assert apply_suggestions(TEXT, [edit(99, "Helped", "Built")]) == TEXT


def test_several_edits_resolve_against_the_original_lines() -> None:
    out = apply_suggestions(
        TEXT,
        [
            edit(3, "", "• Led the on-call rotation."),  # insertion after line 3 shifts nothing for later edits
            edit(4, "Helped build", "Built"),
            edit(5, "Worked on", "Delivered"),
            edit(8, "Docker", "Docker, Kubernetes"),
            edit(8, "Docker", "Docker, Kafka"),  # composes: the anchor is still on the line
        ],
    )
    assert out.split("\n") == [
        "Jane Roe",
        "",
        "Experience",
        "• Led the on-call rotation.",
        "• Built the API.",
        "• Delivered billing.",
        "",
        "Skills",
        "Python, Docker, Kafka, Kubernetes",
        "",
    ]


def test_second_edit_of_a_rewritten_line_is_skipped() -> None:
    out = apply_suggestions(
        TEXT,
        [
            edit(4, "• Helped build the API.", "• Built the API."),
            edit(4, "• Helped build the API.", "• Helped build the API, [add the result]."),
        ],
    )
    assert out.split("\n")[3] == "• Built the API."


def test_insertion_after_section_end_when_no_line_number() -> None:
    out = apply_suggestions(TEXT, [edit(None, "", "Kubernetes", section="skills")])
    assert out.split("\n")[7:10] == ["Python, Docker", "Kubernetes", ""]


def test_insertion_at_end_when_section_missing_and_before_first_line() -> None:
    out = apply_suggestions("a\nb", [edit(None, "", "Projects\nx", section="projects"), edit(0, "", "Headline")])
    assert out == "Headline\na\nb\nProjects\nx"


def test_advice_without_text_changes_nothing_and_is_deterministic() -> None:
    advice = Suggestion(suggestion_type="format", title="Use one column", description="d")
    edits = [advice, edit(4, "Helped build", "Built"), edit(3, "", "x")]
    assert apply_suggestions(TEXT, edits) == apply_suggestions(TEXT, edits)
    assert apply_suggestions(TEXT, [advice]) == TEXT

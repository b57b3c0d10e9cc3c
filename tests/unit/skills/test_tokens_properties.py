"""Property tests of the two tokenisers: offsets point at the text, and one pass equals line by line."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from jobfit.matching.text import content_tokens, line_content_tokens
from jobfit.skills.tokens import fold, tokenize

texts = st.text(alphabet=st.sampled_from([*list("abcXYZ019 .,;/-+#&'’\t()C"), "é", "ß", "İ", "\xa0"]),
                max_size=80)


@given(texts)
def test_tokens_are_the_text_at_their_offsets(text: str) -> None:
    line = tokenize(text)
    assert [text[s:e] for s, e in zip(line.starts, line.ends, strict=True)] == line.raws
    assert line.keys == [fold(raw) for raw in line.raws]
    assert line.starts == sorted(line.starts) and all(s < e for s, e in zip(line.starts, line.ends, strict=True))
    assert line.blocks == sorted(line.blocks)


@given(st.lists(texts, max_size=6))
def test_one_pass_over_a_document_equals_line_by_line(lines: list[str]) -> None:
    text = "\n".join(lines)
    assert line_content_tokens(text) == [content_tokens(line) for line in text.split("\n")]

"""Property tests of date ranges: every well-formed "Mon YYYY - Mon YYYY" is found and read back exactly."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from jobfit.documents.experience import DATE_RANGE, merged_months, parse_range, span_months

MONTH_WORDS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
FULL_WORDS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
              "November", "December"]
points = st.tuples(st.integers(1950, 2049), st.integers(1, 12))
dashes = st.sampled_from([" - ", " – ", "—", " to ", "-"])


def _written(point: tuple[int, int], full: bool) -> str:
    return f"{(FULL_WORDS if full else MONTH_WORDS)[point[1] - 1]} {point[0]}"


@given(points, points, dashes, st.booleans(), st.text(alphabet="abc XYZ,|", max_size=20))
def test_a_written_range_is_read_back(a, b, dash, full, around) -> None:
    start, end = min(a, b), max(a, b)
    line = f"{around} {_written(start, full)}{dash}{_written(end, full)} {around}"
    matches = [m for m in DATE_RANGE.finditer(line) if parse_range(m) is not None]
    assert len(matches) == 1, line
    span = parse_range(matches[0])
    assert (span.start, span.end, span.start_precise, span.end_precise) == (start, end, True, True)
    first, last = span_months(span, date(2050, 1, 1))
    assert last - first == (end[0] - start[0]) * 12 + end[1] - start[1] + 1


@given(points, points)
def test_an_end_before_the_start_is_no_range(a, b) -> None:
    if a == b:
        return
    start, end = max(a, b), min(a, b)
    match = DATE_RANGE.search(f"{_written(start, False)} - {_written(end, False)}")
    assert match is None or parse_range(match) is None


intervals = st.lists(st.tuples(st.integers(0, 600), st.integers(1, 120)).map(lambda p: (p[0], p[0] + p[1])),
                     max_size=12)


@given(intervals)
def test_merged_months_counts_each_month_once(spans) -> None:
    covered = {m for lo, hi in spans for m in range(lo, hi)}
    assert merged_months(spans) == len(covered)

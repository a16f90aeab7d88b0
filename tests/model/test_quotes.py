"""Finding quotes and judging an example task's marks against annotated spans."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from app.model.quotes import MARK_LENGTH_FACTOR, MARK_SLACK_CHARS, marks_found, spans_found


def test_a_mark_over_half_the_span_finds_it() -> None:
    """A mark covering at least half of an annotation finds it; less than half does not."""
    span = (10, 30)
    assert marks_found([span], [(10, 20)]) == [True]
    assert marks_found([span], [(10, 19)]) == [False]
    assert marks_found([span], [(25, 40)]) == [False]


def test_a_mark_over_the_whole_text_finds_nothing() -> None:
    """One long mark across the text finds no annotation, though spot's half-cover rule would find all."""
    spans = [(10, 22), (40, 68), (100, 110)]
    whole = [(0, 400)]
    assert spans_found(spans, whole) == [True, True, True]
    assert marks_found(spans, whole) == [False, False, False]


def test_a_mark_may_run_past_the_span_up_to_three_times_its_length_plus_ten() -> None:
    """The longest mark that still finds a 20-character span is 70 characters (3 x 20 + 10)."""
    span = (100, 120)
    limit = MARK_LENGTH_FACTOR * 20 + MARK_SLACK_CHARS
    assert limit == 70
    assert marks_found([span], [(100 - 50, 100 + 20)]) == [True]  # 70 characters
    assert marks_found([span], [(100 - 51, 100 + 20)]) == [False]  # 71 characters


def test_unquoted_and_empty_spans_are_never_found() -> None:
    """An annotation without a span (or an empty one) has no verdict to earn."""
    assert marks_found([None, (5, 5)], [(0, 10)]) == [False, False]
    assert marks_found([(0, 4)], []) == [False]


@given(
    start=st.integers(0, 200), length=st.integers(1, 60),
    mark_start=st.integers(0, 300), mark_length=st.integers(1, 300),
)
def test_the_task_rule_is_never_looser_than_the_spot_rule(start, length, mark_start, mark_length) -> None:
    """Whatever marks_found finds, spans_found finds too; and a mark exactly on the span always finds it."""
    span = (start, start + length)
    mark = (mark_start, mark_start + mark_length)
    if marks_found([span], [mark])[0]:
        assert spans_found([span], [mark])[0]
    assert marks_found([span], [span]) == [True]

"""A learner's marks: whole-word snapping, one merge rule, removal, UTF-16 offsets and finding targets."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from app.model.marks import (
    MARK_LENGTH_FACTOR,
    MARK_SLACK_CHARS,
    add_mark,
    clean_marks,
    key_span,
    marks_find,
    python_index,
    remove_marks,
    snap_to_words,
    stray_marks,
    utf16_offsets,
)
from app.model.quotes import find_occurrence

HEADLINE = "Harmful tunnels sealed: new notice on cross-border lines keeps our internet clean and safe"


def _text(text: str, span: tuple[int, int] | None) -> str | None:
    return None if span is None else text[span[0] : span[1]]


# ---------------------------------------------------------------- snapping


def test_a_selection_inside_a_word_grows_to_the_whole_word() -> None:
    """A mouse selection "Harmfu" (or "armful") becomes "Harmful"."""
    assert _text(HEADLINE, snap_to_words(HEADLINE, 0, 6)) == "Harmful"
    assert _text(HEADLINE, snap_to_words(HEADLINE, 1, 7)) == "Harmful"
    assert _text(HEADLINE, snap_to_words(HEADLINE, 3, 12)) == "Harmful tunnels"


def test_snapping_drops_spaces_at_the_ends_and_keeps_chosen_punctuation() -> None:
    """Spaces around a selection go; a colon the learner included stays."""
    start = HEADLINE.index("sealed")
    assert _text(HEADLINE, snap_to_words(HEADLINE, start - 1, start + 7)) == "sealed:"
    assert _text(HEADLINE, snap_to_words(HEADLINE, start - 1, start + 3)) == "sealed"
    assert snap_to_words(HEADLINE, 7, 8) is None  # only a space


def test_hyphens_and_apostrophes_inside_a_word_join_it() -> None:
    """"cross-border" and "don't" are one word each."""
    start = HEADLINE.index("border")
    assert _text(HEADLINE, snap_to_words(HEADLINE, start, start + 2)) == "cross-border"
    text = "We don't know."
    assert _text(text, snap_to_words(text, 4, 5)) == "don't"


def test_snapping_works_past_characters_outside_the_basic_plane() -> None:
    """An emoji before the words does not shift the snapped span."""
    text = "😀 Harmful tunnels"
    assert _text(text, snap_to_words(text, 3, 5)) == "Harmful"


# ---------------------------------------------------------------- one merge rule


def test_overlapping_and_touching_marks_merge_and_separate_ones_do_not() -> None:
    """The one rule both the spot question and the example task use."""
    assert add_mark([(0, 7)], (5, 15)) == [(0, 15)]
    assert add_mark([(0, 7)], (7, 15)) == [(0, 15)]  # touching
    assert add_mark([(0, 7)], (8, 15)) == [(0, 7), (8, 15)]  # a space apart
    assert add_mark([(0, 3), (10, 12)], (2, 11)) == [(0, 12)]  # absorbs both


def test_removing_by_selection_or_by_caret() -> None:
    """A selection removes every mark it overlaps; a caret removes the mark it is in or at the edge of."""
    marks = [(0, 7), (8, 15), (24, 30)]
    assert remove_marks(marks, 5, 10) == [(24, 30)]
    assert remove_marks(marks, 15, 15) == [(0, 7), (24, 30)]
    assert remove_marks(marks, 20, 20) == marks


def test_stored_marks_are_cleaned_and_merged_on_the_way_in() -> None:
    """Marks from storage that are malformed or outside the text are dropped; the rest merge."""
    assert clean_marks("abcdefghij", [[0, 3], [3, 5], [8, 99], ["a", 2], [True, 4], [6, 6], (7, 9)]) == [
        (0, 5),
        (7, 9),
    ]
    assert clean_marks("abc", "nonsense") == []


# ---------------------------------------------------------------- offsets


def test_utf16_offsets_round_trip() -> None:
    """Qt counts a character outside the basic plane as two positions; python_index maps back."""
    text = "a😀b"
    offsets = utf16_offsets(text)
    assert offsets == [0, 1, 3, 4]
    assert [python_index(offsets, position) for position in range(5)] == [0, 1, 1, 2, 3]
    assert python_index(offsets, 99) == 3
    assert python_index(offsets, -1) == 0


# ---------------------------------------------------------------- finding


def test_a_mark_over_the_key_word_finds_the_target() -> None:
    """"Harmful" finds "Harmful tunnels sealed" when the target's key is "Harmful"; "tunnels" does not."""
    target = find_occurrence(HEADLINE, "Harmful tunnels sealed")
    key = key_span(HEADLINE, target, "Harmful")
    assert key == (0, 7)
    assert marks_find([target], [(0, 7)], [key]) == [True]
    assert marks_find([target], [(0, 7)]) == [False]  # no key: the half rule alone
    assert marks_find([target], [(8, 15)], [key]) == [False]


def test_a_key_must_be_whole_words_of_the_target() -> None:
    """A key that is only part of a word is not found as one."""
    target = find_occurrence(HEADLINE, "Harmful tunnels sealed")
    assert key_span(HEADLINE, target, "Harm") is None
    assert key_span(HEADLINE, target, "tunnels sealed") == (8, 22)
    assert key_span(HEADLINE, None, "Harmful") is None


def test_a_mark_over_half_the_span_finds_it() -> None:
    """A mark covering at least half of a target finds it; less than half does not."""
    span = (10, 30)
    assert marks_find([span], [(10, 20)], limit_length=True) == [True]
    assert marks_find([span], [(10, 19)], limit_length=True) == [False]
    assert marks_find([span], [(25, 40)], limit_length=True) == [False]


def test_a_task_mark_over_the_whole_text_finds_nothing() -> None:
    """One long mark finds every target by spot's rule, none by the example task's."""
    spans = [(10, 22), (40, 68), (100, 110)]
    whole = [(0, 400)]
    assert marks_find(spans, whole) == [True, True, True]
    assert marks_find(spans, whole, limit_length=True) == [False, False, False]


def test_a_task_mark_may_run_past_the_span_up_to_three_times_its_length_plus_ten() -> None:
    """The longest mark that still finds a 20-character span is 70 characters (3 x 20 + 10)."""
    span = (100, 120)
    assert MARK_LENGTH_FACTOR * 20 + MARK_SLACK_CHARS == 70
    assert marks_find([span], [(100 - 50, 100 + 20)], limit_length=True) == [True]
    assert marks_find([span], [(100 - 51, 100 + 20)], limit_length=True) == [False]


def test_unquoted_and_empty_spans_are_never_found() -> None:
    """A target without a span (or an empty one) has no verdict to earn."""
    assert marks_find([None, (5, 5)], [(0, 10)]) == [False, False]
    assert marks_find([(0, 4)], []) == [False]


def test_stray_marks_overlap_no_target() -> None:
    """A mark that touches no target is stray; an empty one is not counted at all."""
    assert stray_marks([(0, 7), None], [(0, 3), (10, 12), (20, 20)]) == [1]


@given(
    start=st.integers(0, 200), length=st.integers(1, 60),
    mark_start=st.integers(0, 300), mark_length=st.integers(1, 300),
)
def test_the_task_rule_is_never_looser_than_the_spot_rule(start, length, mark_start, mark_length) -> None:
    """Whatever the task finds, spot finds too; and a mark exactly on the span always finds it."""
    span = (start, start + length)
    mark = (mark_start, mark_start + mark_length)
    if marks_find([span], [mark], limit_length=True)[0]:
        assert marks_find([span], [mark])[0]
    assert marks_find([span], [span], limit_length=True) == [True]


@given(st.text(alphabet="ab -'😀.", max_size=30), st.integers(0, 30), st.integers(0, 30))
def test_snapping_never_shrinks_a_selection_below_its_words(text, first, second) -> None:
    """A snapped mark lies in the text, starts and ends on word edges, and keeps the chosen non-space text."""
    start, end = min(first, second, len(text)), min(max(first, second), len(text))
    snapped = snap_to_words(text, start, end)
    if snapped is None:
        assert not text[start:end].strip()
        return
    assert 0 <= snapped[0] < snapped[1] <= len(text)
    assert text[start:end].strip() in text[snapped[0] : snapped[1]]
    assert snap_to_words(text, *snapped) == snapped

"""Finding quoted passages in an artefact's or a spot question's text."""

from __future__ import annotations


def find_occurrence(text: str, quote: str, occurrence: int | None = 1) -> tuple[int, int] | None:
    """Return the (start, end) of the n-th non-overlapping occurrence of ``quote``, or None."""
    if not quote:
        return None
    wanted = occurrence or 1
    start = 0
    seen = 0
    while True:
        index = text.find(quote, start)
        if index < 0:
            return None
        seen += 1
        if seen == wanted:
            return index, index + len(quote)
        start = index + len(quote)


def overlap(first: tuple[int, int], second: tuple[int, int]) -> int:
    """Count the characters two (start, end) spans share."""
    return max(0, min(first[1], second[1]) - max(first[0], second[0]))


def spans_found(spans: list[tuple[int, int] | None], selections: list[tuple[int, int]]) -> list[bool]:
    """Tell, per span, whether one selection covers at least half its characters (spot's rule)."""
    return [
        span is not None
        and span[0] < span[1]
        and any(2 * overlap(span, chosen) >= span[1] - span[0] for chosen in selections)
        for span in spans
    ]


#: a task mark may run this many times the annotation's length (plus MARK_SLACK_CHARS) and still find it
MARK_LENGTH_FACTOR = 3
MARK_SLACK_CHARS = 10
#: the rule of an example's find-it-first task, as the learner reads it
TASK_FOUND_RULE = (
    "A mark finds an annotation when it covers at least half of the annotated words "
    f"and is no longer than {MARK_LENGTH_FACTOR} times their length plus {MARK_SLACK_CHARS} characters."
)


def marks_found(spans: list[tuple[int, int] | None], marks: list[tuple[int, int]]) -> list[bool]:
    """Tell, per span, whether one mark covers half of it without running far past it (the task's rule).

    Unlike ``spans_found`` a mark over the whole text finds nothing: an unscored example task
    should reward pointing at the passage, not marking everything.
    """
    found = []
    for span in spans:
        length = span[1] - span[0] if span is not None else 0
        found.append(
            span is not None
            and length > 0
            and any(
                2 * overlap(span, mark) >= length
                and mark[1] - mark[0] <= MARK_LENGTH_FACTOR * length + MARK_SLACK_CHARS
                for mark in marks
            )
        )
    return found

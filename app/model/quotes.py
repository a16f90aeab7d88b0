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

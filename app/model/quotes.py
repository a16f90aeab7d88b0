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

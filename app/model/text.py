"""Text rules of the format that more than one part of the application needs."""

from __future__ import annotations

import re
import unicodedata

_INNER_WHITESPACE = re.compile(r"\s+")


def _is_trimmable(char: str) -> bool:
    """Tell whether ``char`` is whitespace or punctuation (any Unicode category P*)."""
    return char.isspace() or unicodedata.category(char).startswith("P")


def normalize_answer(text: str) -> str:
    """Normalize a short answer as section 6 says: NFKC, case-fold, trim, collapse whitespace."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    start, end = 0, len(folded)
    while start < end and _is_trimmable(folded[start]):
        start += 1
    while end > start and _is_trimmable(folded[end - 1]):
        end -= 1
    return _INNER_WHITESPACE.sub(" ", folded[start:end])

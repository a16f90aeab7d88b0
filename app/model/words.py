"""Counting the words of a learner's free answer."""

from __future__ import annotations

import re

# A run of letters/digits is one word; each CJK character is one word, since Chinese and Japanese
# text has no spaces between words and a character is the closest honest unit.
_WORD = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|[^\W_]+(?:['’-][^\W_]+)*")


def count_words(text: str) -> int:
    """Count the words in ``text``."""
    return len(_WORD.findall(text))

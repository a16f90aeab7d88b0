"""A learner's marks on a text: snapping, merging, removing, and which targets they find.

One home for the arithmetic shared by the spot question (app/ui/questions/spot.py) and an
example's find-it-first task (app/ui/artefact.py), so that both treat marks by the same rules:

- a mark covers whole words: a selection that starts or ends inside a word grows to the word's
  edges ("Harmfu" becomes "Harmful"), and spaces at its ends are dropped;
- marks that overlap or touch (one ends where the next begins) merge into one, so the same
  words are never counted twice;
- a mark finds a target when it covers at least half of the target's characters, or when it
  covers the target's key words whole (the ``key`` a pack may give a target);
- an example task (unscored) also refuses a mark that runs far past the target, so that marking
  the whole text finds nothing.

Positions are Python string indices; Qt counts UTF-16 code units, so ``utf16_offsets`` and
``python_index`` convert between the two. No Qt here.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import accumulate

from app.model.i18n_marks import QT_TRANSLATE_NOOP

Span = tuple[int, int]

#: characters that join two letters into one word ("don't", "state-run")
_JOINERS = frozenset("'’-‐")

#: a task mark may run this many times the target's length (plus MARK_SLACK_CHARS) and still find it
MARK_LENGTH_FACTOR = 3
MARK_SLACK_CHARS = 10

#: how a spot question decides that a target was found, as the learner reads it
SPOT_FOUND_RULE = QT_TRANSLATE_NOOP(
    "Marks",
    "A mark finds a passage when it covers at least half of the passage, or its key words."
)
#: the rule of an example's find-it-first task, as the learner reads it
#: (translated where shown, then filled with ``.format(factor=MARK_LENGTH_FACTOR, slack=MARK_SLACK_CHARS)``)
TASK_FOUND_RULE = QT_TRANSLATE_NOOP(
    "Marks",
    "A mark finds an annotation when it covers at least half of the annotated words (or their "
    "key words) and is no longer than {factor} times their length plus {slack} characters.",
)


# ---------------------------------------------------------------- offsets


def utf16_offsets(text: str) -> list[int]:
    """Map each Python index of ``text`` (and its end) to Qt's UTF-16 position."""
    return [0, *accumulate(2 if ord(char) > 0xFFFF else 1 for char in text)]


def python_index(offsets: Sequence[int], position: int) -> int:
    """Map a UTF-16 ``position`` back to a Python index, given ``utf16_offsets`` of the text.

    A position inside a surrogate pair cannot come from a cursor; it rounds down to be safe.
    Positions outside the text clamp to its ends.
    """
    if position <= 0 or not offsets:
        return 0
    if position >= offsets[-1]:
        return len(offsets) - 1
    low, high = 0, len(offsets) - 1
    while low < high:  # the last index whose offset is <= position
        middle = (low + high + 1) // 2
        if offsets[middle] <= position:
            low = middle
        else:
            high = middle - 1
    return low


# ---------------------------------------------------------------- words


def _word_char(text: str, index: int) -> bool:
    """Tell whether text[index] belongs to a word (a letter or digit, or a joiner between two)."""
    if not 0 <= index < len(text):
        return False
    char = text[index]
    if char.isalnum():
        return True
    if char in _JOINERS:
        return 0 < index < len(text) - 1 and text[index - 1].isalnum() and text[index + 1].isalnum()
    return False


def snap_to_words(text: str, start: int, end: int) -> Span | None:
    """Grow a selection to whole words and drop the spaces at its ends; None when nothing is left.

    A selection that starts or ends inside a word takes in the whole word; punctuation the
    learner chose to include is kept.
    """
    start, end = max(0, min(start, end)), min(len(text), max(start, end))
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start >= end:
        return None
    while start > 0 and _word_char(text, start - 1) and _word_char(text, start):
        start -= 1
    while end < len(text) and _word_char(text, end - 1) and _word_char(text, end):
        end += 1
    return start, end


# ---------------------------------------------------------------- adding and removing


def add_mark(marks: Sequence[Span], new: Span) -> list[Span]:
    """Add ``new`` to ``marks``: it absorbs every mark it overlaps or touches. Sorted result."""
    start, end = new
    kept = []
    for mark in marks:
        if mark[1] < start or mark[0] > end:
            kept.append(mark)
        else:
            start, end = min(start, mark[0]), max(end, mark[1])
    return sorted([*kept, (start, end)])


def clean_marks(text: str, marks: object) -> list[Span]:
    """Read stored or restored marks: keep well-formed spans inside ``text``, merged by ``add_mark``."""
    spans: list[Span] = []
    for item in marks if isinstance(marks, list | tuple) else []:
        if not isinstance(item, list | tuple) or len(item) != 2:
            continue
        start, end = item
        if isinstance(start, bool) or isinstance(end, bool) or not (isinstance(start, int) and isinstance(end, int)):
            continue
        if 0 <= start < end <= len(text):
            spans = add_mark(spans, (start, end))
    return spans


def remove_marks(marks: Sequence[Span], start: int, end: int) -> list[Span]:
    """Remove the marks a selection overlaps, or (``start == end``) the mark the caret is in or at."""
    if start == end:
        return [mark for mark in marks if not mark[0] <= start <= mark[1]]
    return [mark for mark in marks if not (mark[0] < end and mark[1] > start)]


# ---------------------------------------------------------------- finding


def overlap(first: Span, second: Span) -> int:
    """Count the characters two (start, end) spans share."""
    return max(0, min(first[1], second[1]) - max(first[0], second[0]))


def key_span(text: str, span: Span | None, key: str | None) -> Span | None:
    """Locate a target's ``key`` (whole words) inside the target's ``span`` of ``text``; None if absent."""
    if span is None or not key:
        return None
    quote = text[span[0] : span[1]]
    index = quote.find(key)
    while index >= 0:
        start, end = span[0] + index, span[0] + index + len(key)
        if not (_word_char(text, start - 1) and _word_char(text, start)) and not (
            _word_char(text, end - 1) and _word_char(text, end)
        ):
            return start, end
        index = quote.find(key, index + 1)
    return None


def marks_find(
    targets: Sequence[Span | None],
    marks: Sequence[Span],
    keys: Sequence[Span | None] | None = None,
    *,
    limit_length: bool = False,
) -> list[bool]:
    """Tell, per target, whether one mark finds it.

    A mark finds a target when it covers at least half of the target's characters or covers its
    key span (from ``keys``, aligned with ``targets``) whole. With ``limit_length`` (an example's
    task) the mark must also be at most MARK_LENGTH_FACTOR times the target's length plus
    MARK_SLACK_CHARS. A missing (None) or empty target is never found.
    """
    found = []
    for index, target in enumerate(targets):
        key = keys[index] if keys is not None and index < len(keys) else None
        found.append(target is not None and target[0] < target[1] and any(
            _finds(target, key, mark, limit_length) for mark in marks
        ))
    return found


def _finds(target: Span, key: Span | None, mark: Span, limit_length: bool) -> bool:
    length = target[1] - target[0]
    covers = 2 * overlap(target, mark) >= length or (key is not None and mark[0] <= key[0] and key[1] <= mark[1])
    if not covers:
        return False
    return not limit_length or mark[1] - mark[0] <= MARK_LENGTH_FACTOR * length + MARK_SLACK_CHARS


def stray_marks(targets: Sequence[Span | None], marks: Sequence[Span]) -> list[int]:
    """Return the indices of the non-empty marks that overlap no target."""
    return [
        index
        for index, mark in enumerate(marks)
        if mark[0] < mark[1] and not any(target is not None and overlap(target, mark) for target in targets)
    ]

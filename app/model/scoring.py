"""The scoring rules of section 6 of the pack format, as pure functions.

Every function here takes a question and a learner's response in the shapes of ``answers.py``
(indices in the order *as written*) and never raises: an unanswered (``None``) or malformed
response scores 0 and marks nothing as right. The ``*_marks`` helpers give the per-part detail
that feedback shows (which choice, position, pair, selection or item was right).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from enum import StrEnum
from typing import Any, assert_never

from app.model import marks
from app.model.answers import Response
from app.model.quotes import find_occurrence
from app.model.schema import (
    Categorize,
    Judge,
    Match,
    Multiple,
    Order,
    Question,
    Short,
    Single,
    Spot,
    TrueFalse,
)
from app.model.text import normalize_answer

JUDGE_MIN = 1
JUDGE_MAX = 6
#: Ratings from this value up say "reliable"; below it, "unreliable".
JUDGE_RELIABLE_FROM = 4
#: The middle of the judge scale: a mean rating here leans neither to trust nor to doubt.
JUDGE_MIDPOINT = (JUDGE_MIN + JUDGE_MAX) / 2
#: Trust runs from the lowest mean rating minus the midpoint to the highest: -2.5 to +2.5.
TRUST_RANGE = (JUDGE_MIN - JUDGE_MIDPOINT, JUDGE_MAX - JUDGE_MIDPOINT)
#: Discernment runs from -5 (every unreliable item 6, every reliable 1) to +5.
DISCERNMENT_RANGE = (float(JUDGE_MIN - JUDGE_MAX), float(JUDGE_MAX - JUDGE_MIN))
#: Points are sums of float products (2/3 x 3 points), so "at least pass" tolerates rounding noise.
PASS_TOLERANCE = 1e-9


class Mark(StrEnum):
    """How one choice fared: picked and correct, picked but wrong, missed, or neither."""

    RIGHT = "right"
    WRONG = "wrong"
    MISSED = "missed"
    NEUTRAL = "neutral"


def question_type(question: Question) -> str:
    """Name a question's type as the pack writes it (``single``, ``spot``, ...)."""
    return str(type(question).__struct_config__.tag)


# ---------------------------------------------------------------- response checks


def _is_int(value: Any) -> bool:
    """Tell whether ``value`` is an int and not a bool (bool is an int subclass in Python)."""
    return isinstance(value, int) and not isinstance(value, bool)


def _index(value: Any, count: int) -> int | None:
    """Return ``value`` as an index into ``count`` things, or None when it is not one."""
    return value if _is_int(value) and 0 <= value < count else None


def _index_set(value: Any, count: int) -> set[int] | None:
    """Return a list of indices as a set, or None when any entry is not an index."""
    if not isinstance(value, list | tuple):
        return None
    picked = {_index(item, count) for item in value}
    return None if None in picked else {i for i in picked if i is not None}


def _index_map(value: Any, keys: int, values: int) -> dict[int, int] | None:
    """Return a dict of index -> index, or None when any key or value is out of range."""
    if not isinstance(value, dict):
        return None
    mapping: dict[int, int] = {}
    for key, chosen in value.items():
        left, right = _index(key, keys), _index(chosen, values)
        if left is None or right is None:
            return None
        mapping[left] = right
    return mapping


def _permutation(value: Any, count: int) -> list[int] | None:
    """Return a list that holds each index below ``count`` exactly once, or None."""
    if not isinstance(value, list | tuple) or len(value) != count:
        return None
    order = [_index(item, count) for item in value]
    if None in order or len(set(order)) != count:
        return None
    return [i for i in order if i is not None]


def _selections(value: Any, length: int) -> list[tuple[int, int]] | None:
    """Return spot selections as (start, end) pairs inside a text of ``length``, or None."""
    if not isinstance(value, list | tuple):
        return None
    spans: list[tuple[int, int]] = []
    for item in value:
        if not isinstance(item, list | tuple) or len(item) != 2:
            return None
        start, end = item
        if not (_is_int(start) and _is_int(end) and 0 <= start <= end <= length):
            return None
        spans.append((start, end))
    return spans


def _rating(value: Any) -> int | None:
    """Return a judge rating 1 to 6, or None when ``value`` is not one."""
    return value if _is_int(value) and JUDGE_MIN <= value <= JUDGE_MAX else None


def well_formed(question: Question, response: Response) -> bool:
    """Tell whether ``response`` has the shape and ranges a response to ``question`` has (None is blank).

    A response read back from storage (a draft kept across an edit of the pack, say) is shown again
    only when it fits the question as it is now.
    """
    if response is None:
        return True
    match question:
        case Single():
            return _index(response, len(question.choices)) is not None
        case Multiple():
            return _index_set(response, len(question.choices)) is not None
        case TrueFalse():
            return isinstance(response, bool)
        case Short():
            return isinstance(response, str)
        case Order():
            return _permutation(response, len(question.items)) is not None
        case Match():
            return _index_map(response, len(question.pairs), len(question.pairs)) is not None
        case Categorize():
            return _index_map(response, len(question.items), len(question.categories)) is not None
        case Spot():
            return _selections(response, len(question.text)) is not None
        case Judge():
            return _rating(response) is not None
        case _:
            assert_never(question)


# ---------------------------------------------------------------- per-part detail


def choice_marks(question: Single | Multiple, response: Response) -> list[Mark]:
    """Mark each choice, in written order, as right, wrong, missed or neutral."""
    count = len(question.choices)
    if isinstance(question, Single):
        single = _index(response, count)
        picked = set() if single is None else {single}
    else:
        picked = _index_set(response, count) or set()
    marks = []
    for index, choice in enumerate(question.choices):
        if index in picked:
            marks.append(Mark.RIGHT if choice.correct else Mark.WRONG)
        else:
            marks.append(Mark.MISSED if choice.correct else Mark.NEUTRAL)
    return marks


def order_marks(question: Order, response: Response) -> list[bool]:
    """Tell, for each position of the learner's order, whether the item there belongs there."""
    order = _permutation(response, len(question.items))
    if order is None:
        return [False] * len(question.items)
    return [item == position for position, item in enumerate(order)]


def order_pairs(question: Order, response: Response) -> tuple[int, int]:
    """Return (pairs in the right relative order, all pairs) of an order response (Kendall-style).

    Each two items make a pair; a pair is right when the learner put the earlier item (as
    written) before the later one, wherever both stand. A malformed response has no right pair.
    """
    count = len(question.items)
    total = count * (count - 1) // 2
    order = _permutation(response, count)
    if order is None:
        return 0, total
    right = sum(1 for i in range(count) for j in range(i + 1, count) if order[i] < order[j])
    return right, total


def match_marks(question: Match, response: Response) -> list[bool]:
    """Tell, for each left in written order, whether it was matched to its own right."""
    count = len(question.pairs)
    mapping = _index_map(response, count, count) or {}
    return [mapping.get(left) == left for left in range(count)]


def categorize_marks(question: Categorize, response: Response) -> list[bool]:
    """Tell, for each item in written order, whether it was put in its right category."""
    mapping = _index_map(response, len(question.items), len(question.categories)) or {}
    marks = []
    for index, item in enumerate(question.items):
        chosen = mapping.get(index)
        marks.append(chosen is not None and question.categories[chosen] == item.category)
    return marks


def spot_target_spans(question: Spot) -> list[tuple[int, int] | None]:
    """Locate each target's (start, end) in the question's text, honouring ``occurrence``.

    A target the loader let through always occurs; None stands for one that does not, so that
    indices still line up with ``question.targets``.
    """
    return [find_occurrence(question.text, target.quote, target.occurrence) for target in question.targets]


def spot_key_spans(question: Spot) -> list[tuple[int, int] | None]:
    """Locate each target's ``key`` words in the text (None where a target has no key)."""
    return [
        marks.key_span(question.text, span, target.key)
        for target, span in zip(question.targets, spot_target_spans(question), strict=True)
    ]


def spot_marks(question: Spot, response: Response) -> tuple[list[int], list[int]]:
    """Return (indices of targets found, indices of stray selections) for a spot response.

    A target is found when a single selection covers at least half of its characters or its
    ``key`` words whole (``marks.marks_find``); a selection is stray when it overlaps no target.
    Empty selections are neither.
    """
    selections = _selections(response, len(question.text))
    if selections is None:
        return [], []
    spans = spot_target_spans(question)
    flags = marks.marks_find(spans, selections, spot_key_spans(question))
    found = [index for index, flag in enumerate(flags) if flag]
    return found, marks.stray_marks(spans, selections)


def judge_right(question: Judge, response: Response) -> bool:
    """Tell whether a rating is on the right side: 4 to 6 for reliable, 1 to 3 for unreliable."""
    rating = _rating(response)
    if rating is None:
        return False
    return (rating >= JUDGE_RELIABLE_FROM) == question.reliable


def short_right(question: Short, response: Response) -> bool:
    """Tell whether a typed answer matches an accepted answer once both are normalized."""
    if not isinstance(response, str):
        return False
    typed = normalize_answer(response)
    return bool(typed) and any(typed == normalize_answer(accepted) for accepted in question.answers)


# ---------------------------------------------------------------- fractions


def _fraction(right: int, total: int) -> float:
    """Return right / total clamped to [0, 1], 0 when there is nothing to count."""
    return min(1.0, max(0.0, right / total)) if total > 0 else 0.0


def score_question(question: Question, response: Response) -> float:
    """Score one response as a fraction in [0, 1]; unanswered or malformed scores 0."""
    try:
        return _score(question, response)
    except Exception:  # a response from storage or a widget must never crash scoring
        return 0.0


def _score(question: Question, response: Response) -> float:
    """Score one response by the rule of its question's type."""
    match question:
        case Single():
            return 1.0 if Mark.RIGHT in choice_marks(question, response) else 0.0
        case Multiple():
            if _index_set(response, len(question.choices)) is None:
                return 0.0
            marks = choice_marks(question, response)
            number_correct = sum(choice.correct for choice in question.choices)
            return _fraction(marks.count(Mark.RIGHT) - marks.count(Mark.WRONG), number_correct)
        case TrueFalse():
            return 1.0 if isinstance(response, bool) and response == question.answer else 0.0
        case Short():
            return 1.0 if short_right(question, response) else 0.0
        case Order():
            return _fraction(*order_pairs(question, response))
        case Match():
            return _fraction(sum(match_marks(question, response)), len(question.pairs))
        case Categorize():
            return _fraction(sum(categorize_marks(question, response)), len(question.items))
        case Spot():
            found, stray = spot_marks(question, response)
            return _fraction(len(found) - len(stray), len(question.targets))
        case Judge():
            return 1.0 if judge_right(question, response) else 0.0
        case _:
            assert_never(question)


# ---------------------------------------------------------------- quizzes


def quiz_score(points: Iterable[tuple[float, float]]) -> float:
    """Return points earned over points possible, from (earned, possible) pairs; 0 when none."""
    earned = possible = 0.0
    for got, could in points:
        earned += got
        possible += could
    return earned / possible if possible > 0 else 0.0


def quiz_passed(score: float, pass_mark: float) -> bool:
    """Tell whether a quiz score reaches the pass mark (at least ``pass``)."""
    return score >= pass_mark - PASS_TOLERANCE


def judge_rating(response: Response) -> int | None:
    """Return a judge response as a rating 1 to 6, or None when unanswered or malformed."""
    return _rating(response)


def discernment(judge_pairs: Sequence[tuple[bool, int]]) -> float | None:
    """Return mean rating of reliable items minus mean of unreliable ones, from −5 to 5.

    ``judge_pairs`` holds (reliable, rating) for each rated judge question. None unless both
    kinds were rated; ratings outside 1 to 6 are ignored.
    """
    rated = [(is_reliable, rating) for is_reliable, rating in judge_pairs if _rating(rating) is not None]
    reliable = [rating for is_reliable, rating in rated if is_reliable]
    unreliable = [rating for is_reliable, rating in rated if not is_reliable]
    if not reliable or not unreliable:
        return None
    return sum(reliable) / len(reliable) - sum(unreliable) / len(unreliable)


def trust(ratings: Iterable[Any]) -> float | None:
    """Return the mean of the judge ratings minus the scale's midpoint 3.5, from −2.5 to 2.5.

    Trust says how far a learner leans towards believing (above 0) or doubting (below 0)
    whatever they rate, reliable or not; discernment says whether they tell the two apart. A
    course that only makes learners doubt everything lowers trust and leaves discernment where
    it was. None when nothing was rated; values that are not ratings 1 to 6 are ignored.
    """
    rated = [rating for rating in (_rating(value) for value in ratings) if rating is not None]
    if not rated:
        return None
    return sum(rated) / len(rated) - JUDGE_MIDPOINT

"""Discernment and trust, before and after: which changed, and what that means, in plain words.

Discernment (``scoring.discernment``) says whether a learner tells reliable items from unreliable
ones; trust (``scoring.trust``) says whether they lean towards believing or doubting whatever
they rate. Inoculation games have been found to mostly make players distrust everything more
rather than discern better (Modirrousta-Galian and Higham, 2023), so Unspun always reads the two
together: "you now rate everything lower" is a different outcome from "you now tell reliable from
unreliable better".

This module is the one home of that reading. The dashboard (one learner, "you") and the class
report ("the class") both call it, with the same thresholds. Every sentence is written whole, for
a reader of 15, so that translation can take each one as it is.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from app.model.i18n_marks import QT_TRANSLATE_NOOP
from app.model.scoring import DISCERNMENT_RANGE, TRUST_RANGE

#: A change in score smaller than this (5 percentage points) reads as "about the same".
SCORE_STEADY = 0.05
#: A change in discernment smaller than this reads as "about the same" (a tenth of its range).
DISCERNMENT_STEADY = 0.5
#: A change in trust smaller than this reads as "about the same": half a step on the 1-6 scale
#: (a tenth of trust's range, as for discernment).
TRUST_STEADY = 0.5
#: Trust beyond this, either way, reads as leaning clearly towards believing or doubting.
TRUST_LEANING = 0.75


class Trend(StrEnum):
    """Which way a figure moved between the first and the final check."""

    UP = "up"
    SAME = "about the same"
    DOWN = "down"


def trend(before: float, after: float, steady: float) -> Trend:
    """Classify the move from ``before`` to ``after``; a move under ``steady`` is no move."""
    change = after - before
    if change >= steady:
        return Trend.UP
    if change <= -steady:
        return Trend.DOWN
    return Trend.SAME


def _in_range(value: Any, bounds: tuple[float, float]) -> float | None:
    """Return ``value`` as a float when it is a finite number within ``bounds``, else None."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    number = float(value)
    low, high = bounds
    if not math.isfinite(number) or not low - 1e-9 <= number <= high + 1e-9:
        return None
    return min(max(number, low), high)


def discernment_value(value: Any) -> float | None:
    """Read a discernment from untrusted data (a results file): a number from −5 to 5, else None."""
    return _in_range(value, DISCERNMENT_RANGE)


def trust_value(value: Any) -> float | None:
    """Read a trust from untrusted data (a results file): a number from −2.5 to 2.5, else None."""
    return _in_range(value, TRUST_RANGE)


@dataclass(frozen=True, slots=True)
class _Voice:
    """The whole sentences one reader gets: a learner about themselves ("you"), or a teacher about a class."""

    change: dict[tuple[Trend, Trend], str]  # by (discernment trend, trust trend)
    discernment_only: dict[Trend, str]
    trust_only: dict[Trend, str]
    still_unreliable: str  # the final discernment is below zero
    doubts: str  # the final trust leans clearly to doubting
    believes: str  # the final trust leans clearly to believing


def _change_reading(
    voice: _Voice,
    pre_discernment: float | None,
    post_discernment: float | None,
    pre_trust: float | None,
    post_trust: float | None,
) -> list[str]:
    """Read discernment beside trust: which moved, then where the final check stands."""
    discernment_trend = (
        None
        if pre_discernment is None or post_discernment is None
        else trend(pre_discernment, post_discernment, DISCERNMENT_STEADY)
    )
    trust_trend = None if pre_trust is None or post_trust is None else trend(pre_trust, post_trust, TRUST_STEADY)
    sentences = []
    if discernment_trend is not None and trust_trend is not None:
        sentences.append(voice.change[discernment_trend, trust_trend])
    elif discernment_trend is not None:
        sentences.append(voice.discernment_only[discernment_trend])
    elif trust_trend is not None:
        sentences.append(voice.trust_only[trust_trend])
    if post_discernment is not None and post_discernment < 0:
        sentences.append(voice.still_unreliable)
    if post_trust is not None and post_trust <= -TRUST_LEANING:
        sentences.append(voice.doubts)
    elif post_trust is not None and post_trust >= TRUST_LEANING:
        sentences.append(voice.believes)
    return sentences


# ---------------------------------------------------------------- one learner, "you"

_YOU_CHANGE: dict[tuple[Trend, Trend], str] = {
    (Trend.UP, Trend.SAME): (
        "You now tell reliable posts from unreliable ones better than before, and you trust posts "
        "about as much overall. That is the skill this pack teaches."
    ),
    (Trend.UP, Trend.DOWN): (
        "You now tell reliable posts from unreliable ones better than before. You also rate posts "
        "lower overall, and you mark the unreliable ones down the most: that is being careful, not "
        "just suspicious."
    ),
    (Trend.UP, Trend.UP): (
        "You now tell reliable posts from unreliable ones better than before. You also rate posts "
        "higher overall, with the reliable ones gaining the most: keep checking that the unreliable "
        "ones don't win your trust too."
    ),
    (Trend.SAME, Trend.DOWN): (
        "You now rate everything lower, including the reliable posts, but you don't tell reliable "
        "from unreliable any better. Doubting everything is not the same as reading carefully."
    ),
    (Trend.SAME, Trend.UP): (
        "You now rate everything higher, including the unreliable posts, but you don't tell reliable "
        "from unreliable any better."
    ),
    (Trend.SAME, Trend.SAME): (
        "You tell reliable posts from unreliable ones about as well as before, and you trust posts "
        "about as much overall."
    ),
    (Trend.DOWN, Trend.DOWN): (
        "You now rate everything lower, and the reliable posts lost the most: you tell reliable from "
        "unreliable less well than before."
    ),
    (Trend.DOWN, Trend.UP): (
        "You now rate everything higher, and the unreliable posts gained the most: you tell reliable "
        "from unreliable less well than before."
    ),
    (Trend.DOWN, Trend.SAME): (
        "You tell reliable posts from unreliable ones less well than before, though you trust posts "
        "about as much overall."
    ),
}

_YOU_DISCERNMENT_ONLY = {
    Trend.UP: "You now tell reliable posts from unreliable ones better than before.",
    Trend.SAME: "You tell reliable posts from unreliable ones about as well as before.",
    Trend.DOWN: "You tell reliable posts from unreliable ones less well than before.",
}

_YOU_TRUST_ONLY = {
    Trend.UP: "You now rate the posts higher overall than before.",
    Trend.SAME: "You rate the posts about as high overall as before.",
    Trend.DOWN: "You now rate the posts lower overall than before.",
}


_YOU = _Voice(
    _YOU_CHANGE,
    _YOU_DISCERNMENT_ONLY,
    _YOU_TRUST_ONLY,
    "In the final check you still rated the unreliable posts higher than the reliable ones.",
    "Overall you now doubt most of what you rate, even reliable posts.",
    "Overall you now believe most of what you rate, even unreliable posts.",
)


def _you_standing(discernment: float | None, trust: float | None, *, final: bool) -> list[str]:
    """Say where a learner stands after one check, without a bare figure."""
    sentences = []
    if discernment is not None:
        if discernment < 0:
            sentences.append(
                "In the final check you still rated the unreliable posts higher than the reliable ones."
                if final
                else "In the first check you rated the unreliable posts higher than the reliable ones."
            )
        elif discernment < DISCERNMENT_STEADY:
            sentences.append(
                "In the final check you rated reliable and unreliable posts about the same."
                if final
                else "In the first check you rated reliable and unreliable posts about the same."
            )
        elif not final:
            sentences.append("In the first check you already rated the reliable posts higher than the unreliable ones.")
    if trust is not None and trust <= -TRUST_LEANING:
        sentences.append(
            "Overall you now doubt most of what you rate, even reliable posts."
            if final
            else "Overall you doubted most of what you rated, even reliable posts."
        )
    elif trust is not None and trust >= TRUST_LEANING:
        sentences.append(
            "Overall you now believe most of what you rate, even unreliable posts."
            if final
            else "Overall you believed most of what you rated, even unreliable posts."
        )
    return sentences


def learner_reading(
    pre_discernment: float | None,
    post_discernment: float | None,
    pre_trust: float | None,
    post_trust: float | None,
) -> list[str]:
    """Return the sentences that tell one learner how their rating of posts changed ("you").

    Each side may be missing (a check not taken, or one without rated items); the reading then
    says where the learner stands on the side there is.
    """
    if pre_discernment is None and pre_trust is None:
        return _you_standing(post_discernment, post_trust, final=True)
    if post_discernment is None and post_trust is None:
        return _you_standing(pre_discernment, pre_trust, final=False)
    return _change_reading(_YOU, pre_discernment, post_discernment, pre_trust, post_trust)


# ---------------------------------------------------------------- a class, "the class"

_CLASS_CHANGE: dict[tuple[Trend, Trend], str] = {
    (Trend.UP, Trend.SAME): (
        "On average the class now tells reliable posts from unreliable ones better than before, and "
        "trusts posts about as much overall. That is the change the pack aims for."
    ),
    (Trend.UP, Trend.DOWN): (
        "On average the class now tells reliable posts from unreliable ones better than before. It "
        "also rates posts lower overall, with the unreliable ones marked down the most."
    ),
    (Trend.UP, Trend.UP): (
        "On average the class now tells reliable posts from unreliable ones better than before. It "
        "also rates posts higher overall, with the reliable ones gaining the most."
    ),
    (Trend.SAME, Trend.DOWN): (
        "On average the class now rates everything lower, including the reliable posts, but tells "
        "reliable from unreliable no better: it has grown more suspicious, not more discerning."
    ),
    (Trend.SAME, Trend.UP): (
        "On average the class now rates everything higher, including the unreliable posts, but tells "
        "reliable from unreliable no better."
    ),
    (Trend.SAME, Trend.SAME): (
        "On average the class tells reliable posts from unreliable ones about as well as before, and "
        "trusts posts about as much overall."
    ),
    (Trend.DOWN, Trend.DOWN): (
        "On average the class now rates everything lower, and the reliable posts lost the most: it "
        "tells reliable from unreliable less well than before."
    ),
    (Trend.DOWN, Trend.UP): (
        "On average the class now rates everything higher, and the unreliable posts gained the most: "
        "it tells reliable from unreliable less well than before."
    ),
    (Trend.DOWN, Trend.SAME): (
        "On average the class tells reliable posts from unreliable ones less well than before, though "
        "it trusts posts about as much overall."
    ),
}

_CLASS_DISCERNMENT_ONLY = {
    Trend.UP: "On average the class now tells reliable posts from unreliable ones better than before.",
    Trend.SAME: "On average the class tells reliable posts from unreliable ones about as well as before.",
    Trend.DOWN: "On average the class tells reliable posts from unreliable ones less well than before.",
}

_CLASS_TRUST_ONLY = {
    Trend.UP: "On average the class now rates the posts higher overall than before.",
    Trend.SAME: "On average the class rates the posts about as high overall as before.",
    Trend.DOWN: "On average the class now rates the posts lower overall than before.",
}


_CLASS = _Voice(
    _CLASS_CHANGE,
    _CLASS_DISCERNMENT_ONLY,
    _CLASS_TRUST_ONLY,
    "At the end the class still rated the unreliable posts higher than the reliable ones.",
    "At the end the class doubted most of what it rated, even reliable posts.",
    "At the end the class believed most of what it rated, even unreliable posts.",
)


def class_reading(
    pre_discernment: float | None,
    post_discernment: float | None,
    pre_trust: float | None,
    post_trust: float | None,
) -> list[str]:
    """Return the sentences that tell a teacher how the class's rating of posts changed.

    The figures are class means over the learners who took both checks; a missing pair leaves
    its half of the reading out.
    """
    return _change_reading(_CLASS, pre_discernment, post_discernment, pre_trust, post_trust)


def attempt_reading(discernment: float | None, trust: float | None) -> list[str]:
    """Return the sentences that tell a learner how they rated the posts in one check ("you").

    Each is marked for translation under "Judgement"; the interface translates it where shown.
    """
    sentences = []
    if discernment is not None:
        if discernment >= DISCERNMENT_STEADY:
            sentences.append(QT_TRANSLATE_NOOP("Judgement", "In this check you rated the reliable posts higher than the unreliable ones."))
        elif discernment <= -DISCERNMENT_STEADY:
            sentences.append(QT_TRANSLATE_NOOP("Judgement", "In this check you rated the unreliable posts higher than the reliable ones."))
        else:
            sentences.append(QT_TRANSLATE_NOOP("Judgement", "In this check you rated reliable and unreliable posts about the same."))
    if trust is not None and trust <= -TRUST_LEANING:
        sentences.append(QT_TRANSLATE_NOOP("Judgement", "Overall you doubted most of what you rated, even reliable posts."))
    elif trust is not None and trust >= TRUST_LEANING:
        sentences.append(QT_TRANSLATE_NOOP("Judgement", "Overall you believed most of what you rated, even unreliable posts."))
    return sentences

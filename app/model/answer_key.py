"""The right answer to each question, as a response in the shapes of ``app.model.answers``.

Presentation mode shows it when the teacher asks; scoring it must give full marks.
"""

from __future__ import annotations

from typing import assert_never

from app.model.answers import Response
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
from app.model.scoring import spot_target_spans

#: the ends of the judge scale: the rating that is most surely right for a reliable or unreliable item
JUDGE_MOST_RELIABLE, JUDGE_LEAST_RELIABLE = 6, 1


def correct_response(question: Question) -> Response:
    """Return the response that answers ``question`` fully right (indices in written order)."""
    match question:
        case Single():
            return next(index for index, choice in enumerate(question.choices) if choice.correct)
        case Multiple():
            return [index for index, choice in enumerate(question.choices) if choice.correct]
        case TrueFalse():
            return question.answer
        case Short():
            return question.answers[0]
        case Order():
            return list(range(len(question.items)))
        case Match():
            return {index: index for index in range(len(question.pairs))}
        case Spot():
            return [span for span in spot_target_spans(question) if span is not None]
        case Categorize():
            return {
                index: question.categories.index(item.category)
                for index, item in enumerate(question.items)
                if item.category in question.categories
            }
        case Judge():
            return JUDGE_MOST_RELIABLE if question.reliable else JUDGE_LEAST_RELIABLE
        case _:
            assert_never(question)

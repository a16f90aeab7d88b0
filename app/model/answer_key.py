"""The right answer to each question, as a response in the shapes of ``app.model.answers``.

Presentation mode shows it when the teacher asks; scoring it must give full marks.
"""

from __future__ import annotations

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
    if isinstance(question, Single):
        return next(index for index, choice in enumerate(question.choices) if choice.correct)
    if isinstance(question, Multiple):
        return [index for index, choice in enumerate(question.choices) if choice.correct]
    if isinstance(question, TrueFalse):
        return question.answer
    if isinstance(question, Short):
        return question.answers[0]
    if isinstance(question, Order):
        return list(range(len(question.items)))
    if isinstance(question, Match):
        return {index: index for index in range(len(question.pairs))}
    if isinstance(question, Spot):
        return [span for span in spot_target_spans(question) if span is not None]
    if isinstance(question, Categorize):
        return {
            index: question.categories.index(item.category)
            for index, item in enumerate(question.items)
            if item.category in question.categories
        }
    if isinstance(question, Judge):
        return JUDGE_MOST_RELIABLE if question.reliable else JUDGE_LEAST_RELIABLE
    return None

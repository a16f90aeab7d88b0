"""Work in progress on a step, kept as it is made so that nothing a learner does is lost.

A draft is what a step shows that is not (yet) a recorded result: a quiz attempt's order of
questions and choices, every answer given (checked or not), the checks and hints; an example's
marks and whether its annotations were revealed; a reflection not yet long enough to save.
The progress store keeps one draft per step and learner (``progress/drafts.py``); this module
says what a draft holds, and reads one back only when it still fits the step as the pack has it
now (a pack edited since may have other questions), so a stale draft is dropped, never shown
wrong and never a crash.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, TypeVar

import msgspec

from app.model import answers, scoring
from app.model.answers import Response
from app.model.schema import Categorize, Match, Multiple, Order, Question, Quiz, Single


class QuestionDraft(msgspec.Struct, omit_defaults=True):
    """One question of a quiz attempt as the learner left it. Responses are in ``answers.to_json`` form."""

    response: Any = None
    #: how many times it was checked in this attempt
    tries: int = 0
    #: the feedback of a check is showing (the answer is frozen until Try again)
    checked: bool = False
    #: the response of the first check: what the quiz's score counts
    first_check: Any = None
    hint_used: bool = False


class QuizDraft(msgspec.Struct, omit_defaults=True):
    """A quiz attempt in progress (or, with ``submitted_attempt``, the attempt last submitted)."""

    #: question ids in the order shown
    order: list[str]
    #: per question id, the display order of its choices, items or rights
    display: dict[str, list[int]]
    questions: dict[str, QuestionDraft] = {}
    #: when the attempt began, so that a resumed attempt keeps its start
    started_at: datetime | None = None
    #: the recorded attempt whose results the quiz shows once submitted
    submitted_attempt: int | None = None


class ArtefactDraft(msgspec.Struct, omit_defaults=True):
    """The find-it-first task of one artefact: the learner's marks and whether the notes were revealed."""

    marks: list[tuple[int, int]] = []
    revealed: bool = False


class ExampleDraft(msgspec.Struct, omit_defaults=True):
    """An example or compare step: one entry per artefact (in the step's order), and the takeaway."""

    artefacts: list[ArtefactDraft] = []
    takeaway: bool = False


class ReflectDraft(msgspec.Struct):
    """A reflection as typed, before it is long enough to save (or between saves)."""

    text: str


Draft = QuizDraft | ExampleDraft | ReflectDraft


def encode(draft: Draft) -> str:
    """Write a draft as JSON for the store."""
    return msgspec.json.encode(draft).decode()


D = TypeVar("D", QuizDraft, ExampleDraft, ReflectDraft)


def decode(kind: type[D], text: str | None) -> D | None:
    """Read a draft of ``kind`` back; None when there is none or it cannot be read (never raises)."""
    if not text:
        return None
    try:
        return msgspec.json.decode(text, type=kind)
    except (msgspec.DecodeError, ValueError):
        return None


# ---------------------------------------------------------------- quizzes


def display_size(question: Question) -> int:
    """Return how many things a question's display order orders (0 when it orders nothing)."""
    if isinstance(question, Single | Multiple):
        return len(question.choices)
    if isinstance(question, Order | Categorize):
        return len(question.items)
    if isinstance(question, Match):
        return len(question.pairs)
    return 0


def _is_permutation(order: list[int], size: int) -> bool:
    return sorted(order) == list(range(size))


def question_response(question: Question, data: Any) -> Response:
    """Rebuild a stored response to ``question``; None when it no longer fits the question."""
    try:
        response = answers.from_json(scoring.question_type(question), data)
    except (TypeError, ValueError, AttributeError):
        return None
    return response if scoring.well_formed(question, response) else None


def fits(quiz: Quiz, draft: QuizDraft) -> bool:
    """Tell whether ``draft`` is an attempt at ``quiz`` as the pack has it now: same questions, sizes."""
    by_id = {question.id: question for question in quiz.questions}
    if sorted(draft.order) != sorted(by_id) or len(draft.order) != len(set(draft.order)):
        return False
    return all(
        _is_permutation(draft.display.get(question_id, []), display_size(question))
        for question_id, question in by_id.items()
    )


def question_draft(
    response: Response, tries: int, checked: bool, first_check: Response, hint_used: bool
) -> QuestionDraft:
    """Make the draft of one question from what its card shows."""
    return QuestionDraft(
        answers.to_json(response), tries, checked, answers.to_json(first_check), hint_used
    )

"""The answer key: the right response to every question type scores full marks."""

from __future__ import annotations

from app.model.answer_key import correct_response
from app.model.loader import load_pack
from app.model.schema import Judge, Quiz
from app.model.scoring import score_question
from tests.conftest import EXAMPLE_PACK


def _questions():
    pack = load_pack(EXAMPLE_PACK).pack
    assert pack is not None
    return [
        question
        for module in pack.modules
        for lesson in module.lessons
        for step in lesson.steps
        if isinstance(step.content, Quiz)
        for question in step.content.questions
    ]


def test_the_answer_key_scores_full_marks_for_every_question_of_the_example_pack():
    """Each question type's key response is scored 1.0 by the scoring rules."""
    questions = _questions()
    kinds = {type(question).__name__ for question in questions}
    assert {"Single", "Multiple", "TrueFalse", "Short", "Order", "Match", "Spot", "Categorize", "Judge"} <= kinds
    for question in questions:
        assert score_question(question, correct_response(question)) == 1.0, question.id


def test_judge_keys_use_the_ends_of_the_scale():
    """A reliable item is rated 6 and an unreliable one 1."""
    judges = [question for question in _questions() if isinstance(question, Judge)]
    assert {correct_response(judge) for judge in judges} == {6, 1}
    for judge in judges:
        assert correct_response(judge) == (6 if judge.reliable else 1)

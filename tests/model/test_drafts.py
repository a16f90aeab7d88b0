"""Drafts: the store keeps one per step and learner; a draft is read back only when it fits the quiz."""

from __future__ import annotations

from app.model import drafts
from app.model.answers import to_json
from app.model.drafts import ExampleDraft, QuestionDraft, QuizDraft
from app.model.progress import ProgressStore
from tests.conftest import EXAMPLE_CHECK_ANSWERS

WHERE = ("example-miracle-tea", "tea", "check", "#1")


def test_the_store_keeps_one_draft_per_step_and_learner(tmp_path):
    with ProgressStore.open(tmp_path / "progress.db") as store:
        learner = store.ensure_default_profile()
        other = store.create_profile("Mei")
        assert store.draft(learner, *WHERE) is None
        store.save_draft(learner, *WHERE, '{"order": []}')
        store.save_draft(learner, *WHERE, '{"order": ["a"]}')  # replaced, not added
        store.save_draft(other, *WHERE, '{"order": ["b"]}')
        assert store.draft(learner, *WHERE) == '{"order": ["a"]}'
        assert store.draft(other, *WHERE) == '{"order": ["b"]}'
        store.delete_draft(learner, *WHERE)
        assert store.draft(learner, *WHERE) is None
        store.delete_profile(other)
        assert store.draft(other, *WHERE) is None  # a learner's drafts go with the learner
    with ProgressStore.open(tmp_path / "progress.db") as again:
        assert again.draft(learner, *WHERE) is None


def test_drafts_round_trip_and_garbage_reads_as_none():
    draft = QuizDraft(["q1", "q2"], {"q1": [1, 0], "q2": []}, {"q1": QuestionDraft(response=[1, 0], tries=2)})
    assert drafts.decode(QuizDraft, drafts.encode(draft)) == draft
    example = ExampleDraft([drafts.ArtefactDraft([(0, 4)], True)], takeaway=True)
    assert drafts.decode(ExampleDraft, drafts.encode(example)) == example
    for garbage in (None, "", "not json", "[]", '{"order": 3}', '{"display": {}}'):
        assert drafts.decode(QuizDraft, garbage) is None


def test_a_draft_fits_only_the_quiz_it_was_made_for(pack):
    quiz = pack.lesson("tea", "check").steps[0].quiz
    ids = [question.id for question in quiz.questions]
    display = {q.id: list(range(drafts.display_size(q))) for q in quiz.questions}
    assert drafts.fits(quiz, QuizDraft(list(reversed(ids)), display))
    assert not drafts.fits(quiz, QuizDraft(ids[:-1], display))  # a question missing
    assert not drafts.fits(quiz, QuizDraft([*ids[:-1], "q-new"], display))  # another question
    assert not drafts.fits(quiz, QuizDraft(ids, {**display, "q-single": [0, 1, 2]}))  # choices changed


def test_a_kept_response_comes_back_only_when_it_fits_the_question(pack):
    quiz = pack.lesson("tea", "check").steps[0].quiz
    by_id = {question.id: question for question in quiz.questions}
    for question_id, right in EXAMPLE_CHECK_ANSWERS.items():
        assert drafts.question_response(by_id[question_id], to_json(right)) == right
    assert drafts.question_response(by_id["q-single"], 7) is None  # no choice 7
    assert drafts.question_response(by_id["q-match"], {"0": 5}) is None
    assert drafts.question_response(by_id["q-spot"], [[0, 9999]]) is None
    assert drafts.question_response(by_id["q-tf"], "yes") is None
    assert drafts.question_response(by_id["q-categorize"], "nonsense") is None

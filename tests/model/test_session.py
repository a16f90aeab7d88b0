"""LessonSession: shuffling rules, recording, completion and pass states, discernment, before/after."""

from __future__ import annotations

import random
from typing import Any

import pytest

from app.model.pack import Pack
from app.model.progress import ProgressStore
from app.model.schema import Lesson, Module, Quiz
from app.model.session import (
    LessonSession,
    LessonStanding,
    LessonState,
    before_after,
    display_order,
    lesson_standing,
    lesson_state,
)
from tests.conftest import EXAMPLE_CHECK_ANSWERS

REFLECTION = "Stories from people like me feel true because I can picture them clearly and I trust them."


@pytest.fixture
def module(pack: Pack) -> Module:
    return pack.modules[0]


def lesson(module: Module, lesson_id: str) -> Lesson:
    return next(item for item in module.lessons if item.id == lesson_id)


def make_session(
    pack: Pack, module: Module, store: ProgressStore, profile: int, lesson_id: str
) -> LessonSession:
    return LessonSession(pack, module, lesson(module, lesson_id), store, profile, random.Random(7))


def check_quiz(module: Module) -> Quiz:
    quiz = lesson(module, "check").steps[0].quiz
    assert quiz is not None
    return quiz


def questions_by_id(module: Module) -> dict[str, Any]:
    return {q.id: q for q in check_quiz(module).questions}


# ---------------------------------------------------------------- shuffling


class IdentityRandom(random.Random):
    """A random source whose shuffle leaves everything in place: the worst case for the rule."""

    def shuffle(self, x: Any) -> None:
        return None


def test_spot_check_answers_are_right(module: Module) -> None:
    """The hand-written spot offsets in this file select the two targets of the example pack."""
    spot = questions_by_id(module)["q-spot"]
    assert [spot.text[a:b] for a, b in EXAMPLE_CHECK_ANSWERS["q-spot"]] == [
        "Experts agree",
        "Scientists confirm",
    ]


@pytest.mark.parametrize("question_id", ["q-order", "q-match", "q-categorize"])
def test_written_order_never_shown_first(module: Module, question_id: str) -> None:
    """Order items, match rights and categorize items never appear in written order, whatever the seed."""
    question = questions_by_id(module)[question_id]
    count = len(question.pairs) if question_id == "q-match" else len(question.items)
    seen = set()
    for seed in range(200):
        shown = display_order(question, random.Random(seed))
        assert sorted(shown) == list(range(count))
        assert shown != list(range(count))
        seen.add(tuple(shown))
    assert display_order(question, IdentityRandom()) != list(range(count))
    if count > 2:
        assert len(seen) > 1


def test_identity_shuffle_is_replaced_for_long_lists() -> None:
    """With a shuffle that changes nothing, a 5-item order question still moves its items."""
    from app.model.schema import Order

    question = Order(id="o", prompt="?", items=["a", "b", "c", "d", "e"])
    shown = display_order(question, IdentityRandom())
    assert sorted(shown) == [0, 1, 2, 3, 4]
    assert shown != [0, 1, 2, 3, 4]


def test_single_categorize_item_keeps_its_place() -> None:
    """A categorize question with one item has only one order to show."""
    from app.model.schema import Categorize, CategoryItem

    question = Categorize(
        id="c", prompt="?", categories=["a", "b"], items=[CategoryItem(text="x", category="a")]
    )
    assert display_order(question, random.Random(1)) == [0]


def test_choices_shuffled_unless_shuffle_false(module: Module) -> None:
    """Choices of a shuffled question vary between attempts; shuffle: false keeps the written order."""
    questions = questions_by_id(module)
    multiple = questions["q-multiple"]
    assert multiple.shuffle is False
    for seed in range(50):
        assert display_order(multiple, random.Random(seed)) == [0, 1, 2]
    single = questions["q-single"]
    orders = {tuple(display_order(single, random.Random(seed))) for seed in range(50)}
    assert orders == {(0, 1), (1, 0)}


def test_types_without_parts_have_empty_order(module: Module) -> None:
    """True/false, short and spot questions have nothing to shuffle."""
    questions = questions_by_id(module)
    for question_id in ("q-tf", "q-short", "q-spot"):
        assert display_order(questions[question_id], random.Random(1)) == []


def test_question_order_follows_quiz_shuffle(
    pack: Pack, module: Module, store: ProgressStore, profile: int
) -> None:
    """A quiz with shuffle: true varies its question order; one without keeps the written order."""
    session = make_session(pack, module, store, profile, "check")
    quiz = check_quiz(module)
    assert quiz.shuffle is True
    orders = {tuple(session.question_order(quiz)) for _ in range(30)}
    assert all(sorted(order) == list(range(len(quiz.questions))) for order in orders)
    assert len(orders) > 1
    pre = lesson(module, "before").steps[0].quiz
    assert pre is not None and pre.shuffle is False
    assert session.question_order(pre) == list(range(len(pre.questions)))


# ---------------------------------------------------------------- recording


def test_step_keys_use_id_or_position(pack: Pack, module: Module, store: ProgressStore, profile: int) -> None:
    """A step with an id is stored under it; one without under its 1-based position."""
    session = make_session(pack, module, store, profile, "the-post")
    assert session.step_key(0) == "intro"
    assert session.step_key(1) == "#2"


def test_open_step_records_visit_and_position(
    pack: Pack, module: Module, store: ProgressStore, profile: int
) -> None:
    """Opening a step makes it current, marks it visited and stores it as the last position."""
    session = make_session(pack, module, store, profile, "the-post")
    assert not session.visited(2)
    session.open_step(2)
    assert session.current_index == 2
    assert session.visited(2)
    assert not session.visited(0)
    position = store.last_position(profile)
    assert position is not None
    assert (position.pack_id, position.module_id, position.lesson_id, position.step_key) == (
        "example-miracle-tea",
        "tea",
        "the-post",
        "#3",
    )


def test_open_step_out_of_range(pack: Pack, module: Module, store: ProgressStore, profile: int) -> None:
    """Opening a step the lesson lacks is an IndexError, and records nothing."""
    session = make_session(pack, module, store, profile, "the-post")
    with pytest.raises(IndexError):
        session.open_step(99)
    assert store.last_position(profile) is None


def test_submit_quiz_scores_and_records(
    pack: Pack, module: Module, store: ProgressStore, profile: int
) -> None:
    """A submitted attempt is scored per question and comes back from storage with every answer."""
    session = make_session(pack, module, store, profile, "check")
    session.open_step(0)
    answers = dict(EXAMPLE_CHECK_ANSWERS, **{"q-multiple": [0, 2], "q-tf": True})
    result = session.submit_quiz(0, answers, tries={"q-single": 2})
    # q-multiple is worth 2 points and scores (1 - 1) / 2 = 0; q-tf scores 0; the rest are right.
    assert result.points_possible == 9.0
    assert result.points_earned == 6.0
    assert result.score == pytest.approx(6 / 9)
    assert result.passed  # pass mark 0.6
    assert result.discernment is None  # no judge questions
    assert result.attempt_id is not None
    assert result.submitted_at is not None and result.started_at is not None
    assert result.result("q-tf") is not None and result.result("q-tf").fraction == 0.0  # type: ignore[union-attr]

    stored = session.attempts(0)
    assert len(stored) == 1
    assert stored[0].score == pytest.approx(result.score)
    assert {r.question_id: r.response for r in stored[0].results} == answers
    assert stored[0].result("q-single").tries == 2  # type: ignore[union-attr]


def test_unanswered_questions_score_zero(
    pack: Pack, module: Module, store: ProgressStore, profile: int
) -> None:
    """Submitting with no answers records an attempt that scores 0 and fails."""
    session = make_session(pack, module, store, profile, "check")
    result = session.submit_quiz(0, {})
    assert result.score == 0.0
    assert not result.passed
    assert len(result.results) == len(check_quiz(module).questions)
    assert all(r.response is None for r in session.attempts(0)[0].results)


def test_submit_on_a_step_that_is_not_a_quiz(
    pack: Pack, module: Module, store: ProgressStore, profile: int
) -> None:
    """Submitting a reading step as a quiz is a ValueError."""
    session = make_session(pack, module, store, profile, "the-post")
    with pytest.raises(ValueError, match="not a quiz"):
        session.submit_quiz(0, {})


def test_discernment_recorded_for_judge_quiz(
    pack: Pack, module: Module, store: ProgressStore, profile: int
) -> None:
    """A quiz judging reliable and unreliable items records mean reliable minus mean unreliable rating."""
    session = make_session(pack, module, store, profile, "before")
    result = session.submit_quiz(0, {"pre-agency": 5, "pre-post": 3})
    assert result.discernment == 2.0
    assert session.attempts(0)[0].discernment == 2.0
    only_one_kind = session.submit_quiz(0, {"pre-agency": 5})
    assert only_one_kind.discernment is None


def test_reflection_round_trip(pack: Pack, module: Module, store: ProgressStore, profile: int) -> None:
    """A saved reflection is returned for its step, and the latest save wins."""
    session = make_session(pack, module, store, profile, "the-post")
    assert session.reflection(4) is None
    session.save_reflection(4, "first draft")
    session.save_reflection(4, REFLECTION)
    assert session.reflection(4) == REFLECTION
    with pytest.raises(ValueError, match="not a reflect"):
        session.save_reflection(0, "text")


# ---------------------------------------------------------------- completion


def test_lesson_states_without_quiz(pack: Pack, module: Module, store: ProgressStore, profile: int) -> None:
    """A lesson moves from not started to in progress, and is passed once opened and reflected."""
    session = make_session(pack, module, store, profile, "the-post")
    assert session.state() is LessonState.NOT_STARTED
    session.open_step(0)
    assert session.state() is LessonState.IN_PROGRESS
    for index in range(len(session.steps)):
        session.open_step(index)
    assert session.state() is LessonState.IN_PROGRESS  # the reflect step is not answered yet
    session.save_reflection(4, "too short")  # min_words is 10
    assert session.state() is LessonState.IN_PROGRESS
    session.save_reflection(4, REFLECTION)
    # No quiz in the lesson, so "every quiz has a passing attempt" holds.
    assert session.state() is LessonState.PASSED


def test_reflection_alone_starts_a_lesson(
    pack: Pack, module: Module, store: ProgressStore, profile: int
) -> None:
    """Anything recorded, even only a reflection, means the lesson is no longer not started."""
    session = make_session(pack, module, store, profile, "the-post")
    session.save_reflection(4, REFLECTION)
    assert session.state() is LessonState.IN_PROGRESS


def test_quiz_lesson_completed_then_passed(
    pack: Pack, module: Module, store: ProgressStore, profile: int
) -> None:
    """A failed submission completes a quiz lesson; a later passing attempt makes it passed."""
    session = make_session(pack, module, store, profile, "check")
    session.open_step(0)
    assert session.state() is LessonState.IN_PROGRESS
    session.submit_quiz(0, {"q-single": 0})
    assert session.state() is LessonState.COMPLETED
    session.submit_quiz(0, EXAMPLE_CHECK_ANSWERS)
    assert session.state() is LessonState.PASSED
    session.submit_quiz(0, {})  # a later failure does not undo the pass
    assert session.state() is LessonState.PASSED


def test_the_pre_test_is_never_a_gate(pack: Pack, module: Module, store: ProgressStore, profile: int) -> None:
    """Taking the before-measure is enough for its lesson to be passed, whatever the score; the final check still has its pass mark."""
    before = make_session(pack, module, store, profile, "before")
    before.open_step(0)
    assert before.state() is LessonState.IN_PROGRESS  # opened, not taken
    result = before.submit_quiz(0, {})  # taken cold, every answer blank
    assert not result.passed and result.score == 0.0
    assert before.state() is LessonState.PASSED
    after = make_session(pack, module, store, profile, "after")
    after.open_step(0)
    after.submit_quiz(0, {})
    assert after.state() is LessonState.COMPLETED  # the post quiz is a quiz like any other


def test_dashboard_counts_a_taken_pre_test_as_passed(pack: Pack, module: Module, store: ProgressStore, profile: int) -> None:
    """The dashboard's lesson counts and score history agree with the lesson state: a low pre-test still passes."""
    from app.model.dashboard import dashboard_data

    before = make_session(pack, module, store, profile, "before")
    before.open_step(0)
    before.submit_quiz(0, {})
    data = dashboard_data(store, profile, [pack])
    (completion,) = [m for m in data.modules if m.module_id == module.id]
    assert completion.passed == 1 and completion.completed == 1
    assert [point.passed for point in data.score_history] == [True]


def test_submitted_but_not_opened_is_in_progress(
    pack: Pack, module: Module, store: ProgressStore, profile: int
) -> None:
    """A quiz submitted without its step recorded as opened leaves the lesson in progress."""
    session = make_session(pack, module, store, profile, "check")
    session.submit_quiz(0, EXAMPLE_CHECK_ANSWERS)
    assert session.state() is LessonState.IN_PROGRESS


def test_state_is_per_profile(pack: Pack, module: Module, store: ProgressStore, profile: int) -> None:
    """One learner's progress does not show in another's state."""
    session = make_session(pack, module, store, profile, "check")
    session.open_step(0)
    session.submit_quiz(0, EXAMPLE_CHECK_ANSWERS)
    other = store.create_profile("Second learner")
    assert lesson_state(store, other, pack, module, lesson(module, "check")) is LessonState.NOT_STARTED
    assert lesson_state(store, profile, pack, module, lesson(module, "check")) is LessonState.PASSED


def test_lesson_standing_gives_the_best_score_of_a_quiz_not_passed(
    pack: Pack, module: Module, store: ProgressStore, profile: int
) -> None:
    """Done but not passed carries the best score so far (for "Done · not passed (17%)"); passed carries none."""
    check = lesson(module, "check")
    assert lesson_standing(store, profile, pack, module, check) == LessonStanding(LessonState.NOT_STARTED)
    session = make_session(pack, module, store, profile, "check")
    session.open_step(0)
    session.submit_quiz(0, {})
    assert lesson_standing(store, profile, pack, module, check) == LessonStanding(LessonState.COMPLETED, 0.0)
    partial = {"q-single": EXAMPLE_CHECK_ANSWERS["q-single"]}
    first = session.submit_quiz(0, partial)
    assert 0 < first.score < first.pass_mark
    assert lesson_standing(store, profile, pack, module, check) == LessonStanding(LessonState.COMPLETED, first.score)
    session.submit_quiz(0, {})  # a worse attempt later does not lower the best
    assert lesson_standing(store, profile, pack, module, check).unpassed_best == first.score
    session.submit_quiz(0, EXAMPLE_CHECK_ANSWERS)
    assert lesson_standing(store, profile, pack, module, check) == LessonStanding(LessonState.PASSED)


def test_before_after(pack: Pack, module: Module, store: ProgressStore, profile: int) -> None:
    """The first pre and post attempts give the before, the after, and the change in score and discernment."""
    assert before_after(store, profile, pack) is None
    pre = make_session(pack, module, store, profile, "before")
    # all wrong, discernment -1
    pre.submit_quiz(0, {"pre-agency": 3, "pre-post": 4, "pre-trial": 3, "pre-forward": 4})
    pre.submit_quiz(0, {"pre-agency": 6, "pre-post": 1})  # a retry is not the "before"
    partial = before_after(store, profile, pack)
    assert partial is not None
    assert partial.pre_score == 0.0
    assert partial.pre_discernment == -1.0
    assert partial.post is None and partial.score_change is None and partial.discernment_change is None

    post = make_session(pack, module, store, profile, "after")
    # all right, discernment 3
    post.submit_quiz(0, {"post-agency": 5, "post-chain": 2, "post-review": 5, "post-shop": 2})
    post.submit_quiz(0, {})
    change = before_after(store, profile, pack)
    assert change is not None
    assert change.post_score == 1.0
    assert change.post_discernment == 3.0
    assert change.score_change == 1.0
    assert change.discernment_change == 4.0


def test_before_after_needs_both_measure_quizzes(
    pack: Pack, module: Module, store: ProgressStore, profile: int
) -> None:
    """A pack without a post quiz has no before/after, even after the pre quiz is taken."""
    import msgspec

    without_post = msgspec.structs.replace(
        module, lessons=[item for item in module.lessons if item.id != "after"]
    )
    trimmed = Pack(pack.manifest, (without_post,), pack.source, pack.module_files)
    make_session(trimmed, without_post, store, profile, "before").submit_quiz(0, {"pre-agency": 5})
    assert before_after(store, profile, trimmed) is None
    assert before_after(store, profile, pack) is not None


def test_blank_answers_in_a_measure_quiz_are_not_reviewed(
    pack: Pack, module: Module, store: ProgressStore, profile: int
) -> None:
    """A pre-test question left blank is scored zero but does not become a review item; an answered miss does."""
    from app.model import review

    session = make_session(pack, module, store, profile, "before")
    result = session.submit_quiz(0, {"pre-agency": 1, "pre-post": None, "pre-trial": 1, "pre-forward": 1})
    assert result.result("pre-post") is not None and result.result("pre-post").fraction == 0.0
    reviewed = {item.question_id for item in review.items(store, profile)}
    assert "pre-post" not in reviewed
    assert reviewed == {r.question_id for r in result.results if r.question_id != "pre-post" and r.fraction < 1}

"""Review with fsrs: which answers become items, ratings, scheduling at fixed times, lessons and sessions."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fsrs import Rating

from app.model import review
from app.model.pack import Pack
from app.model.progress import ProgressStore
from app.model.review import LessonAnswer
from app.model.session import LessonSession
from tests.stored import stored_rows

T0 = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
WHERE = ("pack-a", "module-a", "lesson-a", "quiz")


def note(
    store: ProgressStore, profile: int, question_id: str, fraction: float, tries: int | None, at: datetime
):
    return review.note_answer(
        store, profile, *WHERE, LessonAnswer(question_id, "single", fraction, tries), at
    )


# ---------------------------------------------------------------- pure rules


@pytest.mark.parametrize(
    ("fraction", "rating"),
    [(0.0, Rating.Again), (0.25, Rating.Hard), (0.99, Rating.Hard), (1.0, Rating.Good)],
)
def test_rating_for_score(fraction: float, rating: Rating) -> None:
    """A wrong answer rates Again, a partly right one Hard, a right one Good."""
    assert review.rating_for(fraction) is rating


@pytest.mark.parametrize(
    ("fraction", "tries", "rating"),
    [
        (1.0, None, None),
        (1.0, 1, None),
        (1.0, 3, Rating.Hard),
        (0.0, 1, Rating.Again),
        (0.5, None, Rating.Hard),
    ],
)
def test_lesson_rating(fraction: float, tries: int | None, rating: Rating | None) -> None:
    """A lesson answer right first time needs no review; right after retries is Hard; wrong is Again."""
    assert review.lesson_rating(fraction, tries) == rating


# ---------------------------------------------------------------- items from lessons


def test_only_missed_or_retried_answers_become_items(store: ProgressStore, profile: int) -> None:
    """Wrong and retried answers become items; an answer right first time does not."""
    changed = review.note_answers(
        store,
        profile,
        *WHERE,
        [
            LessonAnswer("right", "single", 1.0, 1),
            LessonAnswer("wrong", "single", 0.0, 1),
            LessonAnswer("retried", "true_false", 1.0, 2),
            LessonAnswer("partial", "multiple", 0.5, None),
        ],
        T0,
    )
    assert sorted(entry.question_id for entry in changed) == ["partial", "retried", "wrong"]
    stored = {entry.question_id: entry for entry in review.items(store, profile)}
    assert sorted(stored) == ["partial", "retried", "wrong"]
    assert stored["retried"].question_type == "true_false"
    assert (stored["wrong"].lesson_id, stored["wrong"].step_key) == ("lesson-a", "quiz")
    assert all(entry.due > T0 for entry in stored.values())  # scheduled after the answer, not at it


def test_new_item_comes_due_after_its_learning_step(store: ProgressStore, profile: int) -> None:
    """A question missed at T0 is not due at T0 but is due once its first learning step has passed."""
    created = note(store, profile, "q1", 0.0, 1, T0)
    assert created is not None
    assert review.due_count(store, profile, T0, packs=None) == 0
    later = created.due + timedelta(seconds=1)
    assert review.due_count(store, profile, later, packs=None) == 1
    assert [entry.question_id for entry in review.due_items(store, profile, later)] == ["q1"]


def test_right_first_time_in_a_lesson_leaves_the_schedule(store: ProgressStore, profile: int) -> None:
    """Answering an item's question right first time in a lesson neither creates nor moves anything."""
    created = note(store, profile, "q1", 0.0, 1, T0)
    assert created is not None
    assert note(store, profile, "q1", 1.0, 1, T0 + timedelta(hours=1)) is None
    assert review.item(store, profile, *WHERE[:2], "q1").due == created.due  # type: ignore[union-attr]
    assert note(store, profile, "q2", 1.0, 1, T0) is None
    assert review.item(store, profile, *WHERE[:2], "q2") is None


def test_wrong_again_in_a_lesson_reschedules_sooner(store: ProgressStore, profile: int) -> None:
    """An item reviewed right until due in days comes back the next day when missed again in a lesson."""
    entry = note(store, profile, "q1", 0.0, 1, T0)
    assert entry is not None
    at = T0
    for _ in range(4):
        at = entry.due + timedelta(minutes=1)
        entry = review.record_review(store, profile, entry, 1.0, at)
    assert entry.due - at > timedelta(days=1)
    missed_at = at + timedelta(hours=2)
    again = note(store, profile, "q1", 0.0, 1, missed_at)
    assert again is not None
    assert again.due - missed_at == review.MISSED_COMES_BACK_AFTER == timedelta(days=1)
    stored = review.item(store, profile, *WHERE[:2], "q1")
    assert stored is not None and stored.due == again.due


# ---------------------------------------------------------------- reviews


def test_right_reviews_space_out_and_wrong_reviews_bring_back(store: ProgressStore, profile: int) -> None:
    """Each right review moves the next one further out; a wrong one makes it due again the next day."""
    entry = note(store, profile, "q1", 0.0, 1, T0)
    assert entry is not None
    gaps = []
    at = T0
    for _ in range(5):
        at = entry.due + timedelta(minutes=5)
        entry = review.record_review(store, profile, entry, 1.0, at)
        gaps.append(entry.due - at)
    assert gaps[-1] > gaps[1] > timedelta(0)
    assert gaps[-1] >= timedelta(days=3)
    at = entry.due + timedelta(hours=1)
    entry = review.record_review(store, profile, entry, 0.0, at)
    assert entry.due - at == timedelta(days=1)


def test_partial_review_is_sooner_than_right(store: ProgressStore, profile: int) -> None:
    """From the same state, a partly right review schedules sooner than a right one."""
    entry = note(store, profile, "q1", 0.0, 1, T0)
    assert entry is not None
    at = entry.due + timedelta(minutes=1)
    for _ in range(3):  # graduate the card to the review state first
        entry = review.record_review(store, profile, entry, 1.0, at)
        at = entry.due + timedelta(minutes=1)
    hard = review.SCHEDULER.review_card(entry.card, review.rating_for(0.5), at)[0]
    good = review.SCHEDULER.review_card(entry.card, review.rating_for(1.0), at)[0]
    assert hard.due < good.due
    recorded = review.record_review(store, profile, entry, 0.5, at)
    assert recorded.due == hard.due


def test_reviews_are_logged_and_survive_reopening(tmp_path: Path) -> None:
    """Items and their cards come back after reopening; every rating applied is logged with its source."""
    path = tmp_path / "progress.sqlite3"
    with ProgressStore.open(path) as store:
        profile = store.ensure_default_profile()
        entry = note(store, profile, "q1", 0.0, 1, T0)
        assert entry is not None
        entry = review.record_review(store, profile, entry, 1.0, entry.due)
    with ProgressStore.open(path) as store:
        restored = review.item(store, profile, *WHERE[:2], "q1")
        assert restored is not None
        assert restored.card.to_dict() == entry.card.to_dict()
        log = stored_rows(store, "SELECT source, rating FROM reviews ORDER BY id")
        assert [tuple(row) for row in log] == [("lesson", int(Rating.Again)), ("review", int(Rating.Good))]


def test_due_items_span_packs_and_keep_profiles_apart(store: ProgressStore, profile: int) -> None:
    """Due items come from every pack, most overdue first, and only the learner's own."""
    other = store.create_profile("Other")
    review.note_answer(store, profile, "pack-b", "m", "l", "s", LessonAnswer("b1", "single", 0.0), T0)
    review.note_answer(
        store, profile, "pack-a", "m", "l", "s", LessonAnswer("a1", "single", 0.0), T0 + timedelta(hours=1)
    )
    review.note_answer(store, other, "pack-a", "m", "l", "s", LessonAnswer("o1", "single", 0.0), T0)
    later = T0 + timedelta(days=2)
    assert [(e.pack_id, e.question_id) for e in review.due_items(store, profile, later)] == [
        ("pack-b", "b1"),
        ("pack-a", "a1"),
    ]
    assert review.due_count(store, profile, later, packs=None) == 2
    assert review.due_count(store, other, later, packs=None) == 1
    with pytest.raises(ValueError):
        review.record_review(store, other, review.due_items(store, profile, later)[0], 1.0, later)


# ---------------------------------------------------------------- packs and sessions


def test_find_question_and_orphans(store: ProgressStore, profile: int, pack: Pack) -> None:
    """An item finds its question in the loaded pack; one whose question is gone is left out with packs given."""
    review.note_answer(
        store, profile, pack.id, "tea", "check", "#1", LessonAnswer("q-tf", "true_false", 0.0), T0
    )
    review.note_answer(store, profile, pack.id, "tea", "check", "#1", LessonAnswer("gone", "single", 0.0), T0)
    later = T0 + timedelta(days=1)
    everything = review.due_items(store, profile, later)
    assert {e.question_id for e in everything} == {"q-tf", "gone"}
    shown = review.due_items(store, profile, later, packs=[pack])
    assert [e.question_id for e in shown] == ["q-tf"]
    target = review.find_question([pack], shown[0])
    assert target is not None
    assert (target.module.id, target.lesson.id, target.step_index, target.question.id) == (
        "tea",
        "check",
        0,
        "q-tf",
    )


def test_session_check_commits_and_schedules_once(store: ProgressStore, profile: int, pack: Pack) -> None:
    """A practice check is committed when made; missed then right, the question is one item rated once per check."""
    module = pack.modules[0]
    lesson = next(item for item in module.lessons if item.id == "check")
    session = LessonSession(pack, module, lesson, store, profile, random.Random(1))
    session.open_step(0)
    question = next(q for q in lesson.steps[0].quiz.questions if q.id == "q-tf")  # type: ignore[union-attr]
    first = session.record_check(question, True, tries=1)
    assert first.fraction == 0.0
    assert [c.result.question_id for c in store.checks(profile)] == ["q-tf"]  # committed before submit
    session.record_check(question, False, tries=2)
    session.submit_quiz(0, {"q-tf": False}, tries={"q-tf": 2})
    entries = review.items(store, profile)
    assert [e.question_id for e in entries if e.question_id == "q-tf"] == ["q-tf"]
    ratings = stored_rows(store, "SELECT rating FROM reviews WHERE question_id = 'q-tf' ORDER BY id")
    # The wrong check rates Again and the right-after-retry check Hard; submitting adds nothing more.
    assert [row[0] for row in ratings] == [int(Rating.Again), int(Rating.Hard)]
    # Questions left unanswered in the submission were never checked, so they become items now.
    assert {e.question_id for e in entries} >= {"q-single", "q-short"}


@pytest.mark.parametrize(("fraction", "tries", "earliest"), [(0.0, 1, 1.0), (0.5, 1, 1.0), (1.0, 2, 1.0)])
def test_a_missed_question_never_comes_back_the_same_day(
    store: ProgressStore, profile: int, fraction: float, tries: int, earliest: float
) -> None:
    """Wrong, partly right or right only after retries: the item is due a day later at the earliest."""
    entry = note(store, profile, "q1", fraction, tries, T0)
    assert entry is not None
    assert entry.due - T0 >= timedelta(days=earliest)
    assert review.due_count(store, profile, T0 + timedelta(hours=23), packs=None) == 0

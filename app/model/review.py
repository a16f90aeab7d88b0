"""Spaced review with fsrs: the questions a learner missed come back when they are due.

Rules, kept small on purpose:

- **What becomes an item.** A question answered in a lesson wrong (s < 1) or right only after
  retries (``tries > 1``) becomes a review item, keyed by (profile, pack, module, question id)
  since question ids are unique in a module. The item remembers the lesson and step it came
  from, and holds an fsrs ``Card`` stored as JSON.
- **Ratings.** A score s maps to an fsrs rating: s = 0 is Again, 0 < s < 1 is Hard, s = 1 is
  Good (``rating_for``). A lesson answer right only after retries counts as Hard.
- **Lessons.** The first lesson answer that needs review creates the item and applies its rating
  as the card's first review. A later lesson answer that is not right first time (wrong again,
  say) reviews the card again with its rating, which brings it back sooner. A lesson answer right
  first time leaves the schedule alone: only the Review screen moves an item further out.
- **Reviews.** ``record_review`` applies the rating of a review answer and logs it.
- **Not minutes later.** The scheduler's learning and relearning steps are one day long, so a
  missed question comes back the next day, never minutes after the answer.
- **One due count.** ``due_count`` counts the due items whose question is in the loaded packs,
  the ones the Review screen can show; the top bar and the dashboard both show it.
- Fuzzing is off, so that the same answers at the same times give the same schedule.

Every time is timezone-aware UTC; pass ``now`` to schedule at a fixed time (tests).
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from fsrs import Card, Rating, Scheduler

from app.model.progress import ProgressStore, StoredReviewItem
from app.model.schema import Lesson, Module, Question
from app.model.schema import step_key as schema_step_key

if TYPE_CHECKING:
    from app.model.pack import Pack

#: One learning step and one relearning step of a day: fsrs's default steps (1 and 10 minutes)
#: brought a missed question back minutes after it was answered, so a learner who had just
#: finished a module faced it again at once. With these, a miss (Again) comes back the next day,
#: a partial answer (Hard) a day and a half later, and a lapse of a well-known item the next day
#: rather than after its long interval.
MISSED_COMES_BACK_AFTER = timedelta(days=1)
SCHEDULER = Scheduler(
    enable_fuzzing=False,
    learning_steps=(MISSED_COMES_BACK_AFTER,),
    relearning_steps=(MISSED_COMES_BACK_AFTER,),
)


@dataclass(frozen=True, slots=True)
class ReviewItem:
    """One question due for review again, with its fsrs card."""

    profile_id: int
    pack_id: str
    module_id: str
    question_id: str
    lesson_id: str
    step_key: str
    question_type: str
    card: Card
    created_at: datetime

    @property
    def due(self) -> datetime:
        """Return when the item is due next (UTC)."""
        return self.card.due

    @property
    def key(self) -> tuple[int, str, str, str]:
        """Return the item's identity: profile, pack, module, question id."""
        return self.profile_id, self.pack_id, self.module_id, self.question_id


@dataclass(frozen=True, slots=True)
class ReviewTarget:
    """Where a review item's question lives in a loaded pack, for showing it."""

    pack: Pack
    module: Module
    lesson: Lesson
    step_index: int
    question: Question


@dataclass(frozen=True, slots=True)
class LessonAnswer:
    """One answer given in a lesson, as review needs it."""

    question_id: str
    question_type: str
    fraction: float
    tries: int | None = None


def _utc(now: datetime | None) -> datetime:
    """Return ``now`` (or the current time) as an aware UTC datetime, as fsrs requires."""
    moment = now or datetime.now(UTC)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def rating_for(fraction: float) -> Rating:
    """Map a score in [0, 1] to an fsrs rating: 0 Again, partial Hard, full Good."""
    if fraction >= 1.0:
        return Rating.Good
    if fraction > 0.0:
        return Rating.Hard
    return Rating.Again


def lesson_rating(fraction: float, tries: int | None) -> Rating | None:
    """Rate a lesson answer for review, or None when it was right first time (nothing to review)."""
    rating = rating_for(fraction)
    if rating is Rating.Good and (tries or 1) > 1:
        return Rating.Hard
    return None if rating is Rating.Good else rating


def _card_id(profile_id: int, pack_id: str, module_id: str, question_id: str) -> int:
    """Derive a stable card id from the item's identity (fsrs's default waits a millisecond per card)."""
    return zlib.crc32(f"{profile_id}\x1f{pack_id}\x1f{module_id}\x1f{question_id}".encode())


def _item(row: StoredReviewItem) -> ReviewItem:
    """Build a ReviewItem, with its fsrs card, from the row the store keeps."""
    card = Card.from_dict(json.loads(row.card_json))
    return ReviewItem(
        row.profile_id,
        row.pack_id,
        row.module_id,
        row.question_id,
        row.lesson_id,
        row.step_key,
        row.question_type,
        card,
        row.created_at,
    )


def _row(item: ReviewItem) -> StoredReviewItem:
    """Turn a ReviewItem into the row the store keeps, card as JSON and due time included."""
    return StoredReviewItem(
        item.profile_id,
        item.pack_id,
        item.module_id,
        item.question_id,
        item.lesson_id,
        item.step_key,
        item.question_type,
        json.dumps(item.card.to_dict()),
        item.created_at,
        item.card.due,
    )


def _review(item: ReviewItem, rating: Rating, at: datetime) -> ReviewItem:
    """Return the item with its card reviewed at ``at`` with ``rating``."""
    card, _ = SCHEDULER.review_card(item.card, rating, at)
    return replace(item, card=card)


def item(
    store: ProgressStore, profile_id: int, pack_id: str, module_id: str, question_id: str
) -> ReviewItem | None:
    """Return the review item of one question, or None when it has none."""
    row = store.review_item(profile_id, pack_id, module_id, question_id)
    return None if row is None else _item(row)


def note_answers(
    store: ProgressStore,
    profile_id: int,
    pack_id: str,
    module_id: str,
    lesson_id: str,
    step_key: str,
    given: Iterable[LessonAnswer],
    now: datetime | None = None,
) -> list[ReviewItem]:
    """Apply answers given in a lesson to review, in one transaction; return the items created or rescheduled."""
    at = _utc(now)
    rated = [(answer, lesson_rating(answer.fraction, answer.tries)) for answer in given]
    rated = [(answer, rating) for answer, rating in rated if rating is not None]
    if not rated:
        return []
    changed: list[ReviewItem] = []
    with store.batch():  # read and write every item in one transaction
        for answer, rating in rated:
            assert rating is not None
            stored = store.review_item(profile_id, pack_id, module_id, answer.question_id)
            if stored is not None:
                current = _item(stored)
            else:
                card = Card(card_id=_card_id(profile_id, pack_id, module_id, answer.question_id), due=at)
                current = ReviewItem(
                    profile_id,
                    pack_id,
                    module_id,
                    answer.question_id,
                    lesson_id,
                    step_key,
                    answer.question_type,
                    card,
                    at,
                )
            updated = _review(current, rating, at)
            store.save_review(_row(updated), "lesson", answer.fraction, int(rating), at)
            changed.append(updated)
    return changed


def note_answer(
    store: ProgressStore,
    profile_id: int,
    pack_id: str,
    module_id: str,
    lesson_id: str,
    step_key: str,
    answer: LessonAnswer,
    now: datetime | None = None,
) -> ReviewItem | None:
    """Apply one answer given in a lesson to review; return its item when it was created or rescheduled."""
    changed = note_answers(store, profile_id, pack_id, module_id, lesson_id, step_key, [answer], now)
    return changed[0] if changed else None


def items(store: ProgressStore, profile_id: int) -> list[ReviewItem]:
    """Return all of a learner's review items, soonest due first."""
    return [_item(row) for row in store.review_items(profile_id)]


def due_items(
    store: ProgressStore, profile_id: int, now: datetime | None = None, packs: Sequence[Pack] | None = None
) -> list[ReviewItem]:
    """Return the items due at ``now`` across all packs, most overdue first.

    With ``packs``, items whose question is no longer in a loaded pack are left out.
    """
    due = [_item(row) for row in store.review_items(profile_id, due_by=_utc(now))]
    if packs is not None:
        due = [entry for entry in due if find_question(packs, entry) is not None]
    return due


def due_count(
    store: ProgressStore, profile_id: int, now: datetime | None = None, *, packs: Sequence[Pack] | None
) -> int:
    """Count the items due at ``now`` that the Review screen can show: the one number the top bar
    and the dashboard both show.

    ``packs`` are the loaded packs; an item whose question is in none of them is not counted (it
    cannot be reviewed until its pack is loaded again). ``packs=None`` counts every item stored,
    loaded or not (for tests and reports); the caller must say which it means.
    """
    if packs is None:
        return store.due_review_count(profile_id, _utc(now))
    if not packs:
        return 0
    return len(due_items(store, profile_id, now, packs=packs))


def record_review(
    store: ProgressStore, profile_id: int, entry: ReviewItem, fraction: float, now: datetime | None = None
) -> ReviewItem:
    """Apply a review answer's score to the item's schedule, commit it, and return the updated item."""
    if entry.profile_id != profile_id:
        raise ValueError("the review item belongs to another profile")
    at = _utc(now)
    rating = rating_for(fraction)
    current = item(store, profile_id, entry.pack_id, entry.module_id, entry.question_id) or entry
    updated = _review(current, rating, at)
    store.save_review(_row(updated), "review", fraction, int(rating), at)
    return updated


def find_question(packs: Sequence[Pack], entry: ReviewItem) -> ReviewTarget | None:
    """Find a review item's question in the loaded packs, or None when it is gone."""
    pack = next((candidate for candidate in packs if candidate.id == entry.pack_id), None)
    module = None if pack is None else pack.module(entry.module_id)
    if pack is None or module is None:
        return None
    found: ReviewTarget | None = None
    for lesson in module.lessons:
        for index, step in enumerate(lesson.steps):
            if step.quiz is None:
                continue
            for question in step.quiz.questions:
                if question.id != entry.question_id:
                    continue
                target = ReviewTarget(pack, module, lesson, index, question)
                # Prefer the place the item came from, should the pack have moved the question.
                if lesson.id == entry.lesson_id and schema_step_key(step, index) == entry.step_key:
                    return target
                found = found or target
    return found

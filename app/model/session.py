"""One learner working through one lesson: the API every screen talks to.

A screen asks a ``LessonSession`` what to show and tells it what the learner did; the session
scores with ``scoring.py`` and records through ``ProgressStore``. It holds no Qt.

The module-level functions (``lesson_state``, ``lesson_standing``, ``before_after``) answer the
same questions for screens that show many lessons at once, such as the library.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from app.model import drafts, review, scoring
from app.model.answers import Response

# Re-exported as well: they lived here before attempts.py, and other code still imports them from here.
from app.model.attempts import QuestionResult as QuestionResult
from app.model.attempts import QuizResult as QuizResult
from app.model.lesson_state import LessonStanding, LessonState
from app.model.schema import (
    Categorize,
    Judge,
    Lesson,
    Match,
    Module,
    Multiple,
    Order,
    Question,
    Quiz,
    Single,
    Step,
)
from app.model.schema import step_key as schema_step_key
from app.model.words import count_words

if TYPE_CHECKING:
    from app.model.pack import Pack
    from app.model.progress import ProgressStore


@dataclass(frozen=True, slots=True)
class BeforeAfter:
    """The learner's first attempts at the pack's ``measure: pre`` and ``measure: post`` quizzes."""

    pre: QuizResult | None
    post: QuizResult | None

    @property
    def pre_score(self) -> float | None:
        """Return the score of the first check, or None before it is taken."""
        return None if self.pre is None else self.pre.score

    @property
    def post_score(self) -> float | None:
        """Return the score of the final check, or None before it is taken."""
        return None if self.post is None else self.post.score

    @property
    def score_change(self) -> float | None:
        """Return post score minus pre score, or None until both are taken."""
        if self.pre is None or self.post is None:
            return None
        return self.post.score - self.pre.score

    @property
    def pre_discernment(self) -> float | None:
        """Return the discernment of the first check, or None when it has none."""
        return None if self.pre is None else self.pre.discernment

    @property
    def post_discernment(self) -> float | None:
        """Return the discernment of the final check, or None when it has none."""
        return None if self.post is None else self.post.discernment

    @property
    def discernment_change(self) -> float | None:
        """Return post discernment minus pre discernment, or None unless both have one."""
        before, after = self.pre_discernment, self.post_discernment
        return None if before is None or after is None else after - before

    @property
    def pre_trust(self) -> float | None:
        """Return the trust of the first check, or None when it rated nothing."""
        return None if self.pre is None else self.pre.trust

    @property
    def post_trust(self) -> float | None:
        """Return the trust of the final check, or None when it rated nothing."""
        return None if self.post is None else self.post.trust

    @property
    def trust_change(self) -> float | None:
        """Return post trust minus pre trust, or None unless both have one."""
        before, after = self.pre_trust, self.post_trust
        return None if before is None or after is None else after - before

    @property
    def same_questions(self) -> bool:
        """Tell whether both checks were taken and asked the very same questions (a like-for-like score)."""
        if self.pre is None or self.post is None:
            return False
        return bool(self.pre.results) and self.pre.question_ids == self.post.question_ids


def _now() -> datetime:
    """Return the current time, timezone-aware in UTC."""
    return datetime.now(UTC)


def _shuffled(count: int, rng: random.Random, *, avoid_identity: bool) -> list[int]:
    """Return ``range(count)`` in random order, never the written order when ``avoid_identity``."""
    order = list(range(count))
    rng.shuffle(order)
    if avoid_identity and count >= 2 and order == sorted(order):
        # Rotating the identity by one moves every item, so no reshuffle loop is needed.
        order = order[1:] + order[:1]
    return order


def display_order(question: Question, rng: random.Random) -> list[int]:
    """Return a fresh display order for a question's choices, items or rights (section 5)."""
    if isinstance(question, Single | Multiple):
        count = len(question.choices)
        return _shuffled(count, rng, avoid_identity=False) if question.shuffle else list(range(count))
    if isinstance(question, Order | Categorize):
        return _shuffled(len(question.items), rng, avoid_identity=True)
    if isinstance(question, Match):
        return _shuffled(len(question.pairs), rng, avoid_identity=True)
    return []


def score(question: Question, response: Response, tries: int | None = None) -> QuestionResult:
    """Score one response into a QuestionResult without recording anything."""
    fraction = scoring.score_question(question, response)
    return QuestionResult(
        question.id,
        response,
        fraction,
        fraction * question.points,
        question.points,
        tries,
        scoring.question_type(question),
    )


def counted_responses(
    responses: dict[str, Response], first_checks: dict[str, Response] | None = None
) -> dict[str, Response]:
    """Return the responses a quiz's score counts: a question's first checked answer, else its answer.

    Try again after a practice check is practice: the answer given after it is shown with its
    feedback but does not change the score (section 6 of the pack format).
    """
    return {**responses, **(first_checks or {})}


def score_quiz(
    quiz: Quiz,
    responses: dict[str, Response],
    tries: dict[str, int] | None = None,
    first_checks: dict[str, Response] | None = None,
) -> QuizResult:
    """Score every question of a quiz and its discernment, without recording anything.

    ``first_checks`` holds, per question id, the response of the question's first practice
    check in this attempt; it is what the score counts (``counted_responses``).
    """
    tries = tries or {}
    responses = counted_responses(responses, first_checks)
    results = tuple(score(q, responses.get(q.id), tries.get(q.id)) for q in quiz.questions)
    judges = [q for q in quiz.questions if isinstance(q, Judge)]
    pairs: list[tuple[bool, int]] = []
    for question in judges:
        rating = scoring.judge_rating(responses.get(question.id))
        if rating is not None:
            pairs.append((question.reliable, rating))
    return QuizResult(results, quiz.pass_mark, scoring.discernment(pairs))


@dataclass(slots=True)
class LessonSession:
    """The state of one learner in one lesson, recorded as it changes."""

    pack: Pack
    module: Module
    lesson: Lesson
    store: ProgressStore
    profile_id: int
    rng: random.Random = field(default_factory=random.Random)
    current_index: int = 0
    _attempt_started: dict[int, datetime] = field(default_factory=dict)
    #: Where time on a step is measured from (monotonic seconds); tests pass their own.
    clock: Callable[[], float] = time.monotonic
    _step_opened_at: float | None = None
    #: Question ids checked in practice since each quiz attempt began, by step index.
    _checked: dict[int, set[str]] = field(default_factory=dict)

    @property
    def steps(self) -> list[Step]:
        """Return the lesson's steps."""
        return self.lesson.steps

    def step_key(self, index: int) -> str:
        """Name step ``index`` for storage (its id or its position)."""
        return schema_step_key(self.steps[index], index)

    def _where(self, index: int) -> tuple[int, str, str, str, str]:
        """Return the store coordinates of step ``index``: profile, pack, module, lesson, step key."""
        return self.profile_id, self.pack.id, self.module.id, self.lesson.id, self.step_key(index)

    def _quiz(self, index: int) -> Quiz:
        """Return the quiz of step ``index``, or raise ValueError when the step is not a quiz."""
        quiz = self.steps[index].quiz
        if quiz is None:
            raise ValueError(f"step {index + 1} of lesson {self.lesson.id!r} is not a quiz")
        return quiz

    def open_step(self, index: int) -> None:
        """Make ``index`` the current step and record that the learner opened it."""
        if not 0 <= index < len(self.steps):
            raise IndexError(f"lesson {self.lesson.id!r} has no step {index + 1}")
        now = self.clock()
        left_key: str | None = None
        left_seconds = 0.0
        if self._step_opened_at is not None:
            left_key, left_seconds = self.step_key(self.current_index), now - self._step_opened_at
        # The time on the step just left is committed with this visit: one fsync per step switch.
        self.store.record_visit(*self._where(index), left_step_key=left_key, left_seconds=left_seconds)
        self.current_index = index
        self._step_opened_at = now
        if self.steps[index].quiz is not None and index not in self._attempt_started:
            # coming back to a quiz continues its attempt (its answers are still there); Retry starts a new one
            self.begin_attempt(index)

    def finish(self) -> None:
        """Record the time spent on the current step since it was opened (call when leaving the lesson)."""
        if self._step_opened_at is None:
            return
        seconds = self.clock() - self._step_opened_at
        self._step_opened_at = None
        self.record_time(self.current_index, seconds)

    def record_time(self, step_index: int, seconds: float) -> None:
        """Add ``seconds`` studied on step ``step_index`` (``open_step`` and ``finish`` do this themselves)."""
        self.store.record_time(*self._where(step_index), seconds)

    def visited(self, index: int) -> bool:
        """Tell whether the learner has opened step ``index`` before."""
        return self.step_key(index) in self.store.visited_steps(
            self.profile_id, self.pack.id, self.module.id, self.lesson.id
        )

    def begin_attempt(self, step_index: int) -> None:
        """Note that a fresh attempt at the quiz at ``step_index`` starts now (a retry, say)."""
        self._attempt_started[step_index] = _now()
        self._checked.pop(step_index, None)

    def attempt_started(self, step_index: int) -> datetime | None:
        """Return when the quiz attempt at ``step_index`` began, or None when none has begun."""
        return self._attempt_started.get(step_index)

    def resume_attempt(self, step_index: int, started_at: datetime | None, checked: set[str]) -> None:
        """Continue a quiz attempt kept in a draft: its start, and the questions already checked in it.

        A question checked before is not fed to review again when the attempt is submitted.
        """
        self._attempt_started[step_index] = started_at or self._attempt_started.get(step_index) or _now()
        self._checked[step_index] = set(checked)

    def draft(self, step_index: int, kind: type[drafts.D]) -> drafts.D | None:
        """Return the draft kept for step ``step_index`` when it is a ``kind``; None when none or unreadable."""
        return drafts.decode(kind, self.store.draft(*self._where(step_index)))

    def save_draft(self, step_index: int, draft: drafts.Draft) -> None:
        """Keep ``draft`` as the work in progress on step ``step_index`` (committed at once)."""
        self.store.save_draft(*self._where(step_index), drafts.encode(draft))

    def discard_draft(self, step_index: int) -> None:
        """Forget the work in progress on step ``step_index``."""
        self.store.delete_draft(*self._where(step_index))

    def question_order(self, quiz: Quiz) -> list[int]:
        """Return the question indices in the order this attempt shows them (quiz ``shuffle``)."""
        count = len(quiz.questions)
        return _shuffled(count, self.rng, avoid_identity=False) if quiz.shuffle else list(range(count))

    def display_order(self, question: Question) -> list[int]:
        """Return a fresh display order of a question's choices, items or rights.

        For single/multiple: choice indices (written order when ``shuffle: false``). For order:
        item indices, for match: right indices, for categorize: item indices, always shuffled so
        that the written order is never the first shown (when there are 2 or more). Other types
        have nothing to order and get an empty list.
        """
        return display_order(question, self.rng)

    def score(self, question: Question, response: Response) -> QuestionResult:
        """Score one response without recording it (practice feedback, previews)."""
        return score(question, response)

    def record_check(
        self, question: Question, response: Response, tries: int, step_index: int | None = None
    ) -> QuestionResult:
        """Score a practice check, commit it at once, and schedule review if it was missed; return the result.

        ``tries`` counts this check too (1 for the first). ``step_index`` defaults to the current
        step. A question checked here is not fed to review again when its quiz is submitted.
        """
        index = self.current_index if step_index is None else step_index
        self._quiz(index)
        result = score(question, response, tries)
        kind = scoring.question_type(question)
        self.store.record_answer(*self._where(index), result, kind)
        self._checked.setdefault(index, set()).add(question.id)
        review.note_answer(
            self.store,
            *self._where(index),
            review.LessonAnswer(question.id, kind, result.fraction, tries),
        )
        return result

    def submit_quiz(
        self,
        step_index: int,
        responses: dict[str, Response],
        tries: dict[str, int] | None = None,
        first_checks: dict[str, Response] | None = None,
    ) -> QuizResult:
        """Score a whole quiz attempt and record it with every counted answer; return the result.

        ``tries`` counts, per question id, how many times the learner checked it before
        submitting (practice mode retries), so that review can pick up shaky answers.
        ``first_checks`` holds the first checked response of each checked question: the score
        counts it, not the answer given after Try again.
        """
        quiz = self._quiz(step_index)
        submitted = _now()
        responses = counted_responses(responses, first_checks)
        result = replace(
            score_quiz(quiz, responses, tries),
            started_at=self._attempt_started.pop(step_index, None),
            submitted_at=submitted,
        )
        question_types = {q.id: scoring.question_type(q) for q in quiz.questions}
        attempt_id = self.store.record_attempt(
            *self._where(step_index), result, question_types, quiz.measure, tries
        )
        checked = self._checked.pop(step_index, set())
        review.note_answers(
            self.store,
            *self._where(step_index),
            [
                review.LessonAnswer(r.question_id, question_types[r.question_id], r.fraction, r.tries)
                for r in result.results
                if r.question_id not in checked
                # a before/after quiz left blank was not known, not missed: nothing to review
                and not (quiz.measure and responses.get(r.question_id) is None)
            ],
            submitted,
        )
        # A retry without reopening the step is a new attempt that starts now.
        self._attempt_started[step_index] = submitted
        return replace(result, attempt_id=attempt_id)

    def attempts(self, step_index: int) -> list[QuizResult]:
        """Return earlier attempts at the quiz at ``step_index``, oldest first."""
        return self.store.attempts(*self._where(step_index))

    def save_reflection(self, step_index: int, text: str) -> None:
        """Record the learner's reflection for the reflect step at ``step_index``."""
        if self.steps[step_index].reflect is None:
            raise ValueError(f"step {step_index + 1} of lesson {self.lesson.id!r} is not a reflect step")
        self.store.save_reflection(*self._where(step_index), text)

    def reflection(self, step_index: int) -> str | None:
        """Return the saved reflection for step ``step_index``, if any."""
        return self.store.reflection(*self._where(step_index))

    def state(self) -> LessonState:
        """Return the lesson's state: not started, in progress, completed or passed."""
        return lesson_state(self.store, self.profile_id, self.pack, self.module, self.lesson)


def lesson_state(
    store: ProgressStore, profile_id: int, pack: Pack, module: Module, lesson: Lesson
) -> LessonState:
    """Return a lesson's state from what the store holds, by the completion rules of section 6."""
    visited = store.visited_steps(profile_id, pack.id, module.id, lesson.id)
    quizzes: dict[str, bool | None] = {}
    reflections: dict[str, str | None] = {}
    for index, step in enumerate(lesson.steps):
        key = schema_step_key(step, index)
        if step.quiz is not None:
            attempts = store.attempts(profile_id, pack.id, module.id, lesson.id, key)
            quizzes[key] = any(attempt.passed for attempt in attempts) if attempts else None
        elif step.reflect is not None:
            reflections[key] = store.reflection(profile_id, pack.id, module.id, lesson.id, key)
    return state_from(lesson, visited, quizzes, reflections)


def lesson_standing(
    store: ProgressStore, profile_id: int, pack: Pack, module: Module, lesson: Lesson
) -> LessonStanding:
    """Return a lesson's state and, when it is completed but not passed, its unpassed quiz's best score."""
    state = lesson_state(store, profile_id, pack, module, lesson)
    if state is not LessonState.COMPLETED:
        return LessonStanding(state)
    bests = []
    for index, step in enumerate(lesson.steps):
        if step.quiz is None:
            continue
        attempts = store.attempts(profile_id, pack.id, module.id, lesson.id, schema_step_key(step, index))
        if attempts and not any(attempt.passed for attempt in attempts):
            bests.append(max(attempt.score for attempt in attempts))
    return LessonStanding(state, min(bests) if bests else None)


def state_from(
    lesson: Lesson,
    visited: set[str],
    quizzes: dict[str, bool | None],
    reflections: dict[str, str | None],
) -> LessonState:
    """Apply the completion rules of section 6 to what is known of a lesson.

    A ``measure: pre`` quiz counts as passed once submitted, whatever its score.

    ``visited`` holds the step keys opened; ``quizzes`` maps each quiz step's key to None (never
    submitted) or whether an attempt passed; ``reflections`` maps each reflect step's key to its
    latest saved text or None. Missing keys count as nothing recorded.
    """
    anything_recorded = bool(visited)
    completed = True
    passed = True
    for index, step in enumerate(lesson.steps):
        key = schema_step_key(step, index)
        if key not in visited:
            completed = False
        if step.quiz is not None:
            outcome = quizzes.get(key)
            anything_recorded = anything_recorded or outcome is not None
            if outcome is None:
                completed = False
            elif step.quiz.measure == "pre":
                outcome = True  # the before-measure is taken cold: taking it is enough, it is never a gate
            if not outcome:
                passed = False
        elif step.reflect is not None:
            text = reflections.get(key)
            anything_recorded = anything_recorded or text is not None
            # Answered means what the reflect step asks before it saves: at least min_words (and one).
            if text is None or count_words(text) < max(step.reflect.min_words, 1):
                completed = False
    if not anything_recorded:
        return LessonState.NOT_STARTED
    if not completed:
        return LessonState.IN_PROGRESS
    return LessonState.PASSED if passed else LessonState.COMPLETED


def measure_quiz(pack: Pack, measure: str) -> tuple[Module, Lesson, int] | None:
    """Find the pack's quiz marked ``measure`` (pre or post): its module, lesson and step index."""
    for module in pack.modules:
        for lesson in module.lessons:
            for index, step in enumerate(lesson.steps):
                if step.quiz is not None and step.quiz.measure == measure:
                    return module, lesson, index
    return None


def before_after(store: ProgressStore, profile_id: int, pack: Pack) -> BeforeAfter | None:
    """Return the first attempts at the pack's pre and post quizzes.

    None when the pack lacks either quiz or the learner has attempted neither.
    """
    firsts: list[QuizResult | None] = []
    for measure in ("pre", "post"):
        found = measure_quiz(pack, measure)
        if found is None:
            return None
        module, lesson, index = found
        key = schema_step_key(lesson.steps[index], index)
        firsts.append(store.first_attempt(profile_id, pack.id, module.id, lesson.id, key))
    pre, post = firsts
    if pre is None and post is None:
        return None
    return BeforeAfter(pre, post)

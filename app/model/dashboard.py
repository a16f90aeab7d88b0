"""What the dashboard shows, computed from the progress store and the loaded packs, without Qt.

``dashboard_data(store, profile_id, packs)`` gathers everything in one call: where to continue,
completion per module, the quiz score history, accuracy per technique, time studied, the
before-and-after change of section 6 with a plain-language reading, and how many reviews are
due. It reads small, indexed slices of the store (never every answer), so that it stays fast
with 100,000 attempts (``bench/progress.py``).

Accuracy per technique counts each submitted quiz answer to a question tagged with that
technique as a first try: its score, or 0 when it needed retries in practice mode, since the
learner missed it at first. Questions without techniques count for none.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from app.model import review
from app.model.judgement import SCORE_STEADY, Trend, learner_reading, trend
from app.model.lesson_state import LessonState
from app.model.progress import Position, ProgressStore
from app.model.schema import Lesson, Module
from app.model.schema import step_key as schema_step_key
from app.model.session import BeforeAfter, before_after, state_from
from app.model.text import percent_text

if TYPE_CHECKING:
    from app.model.pack import Pack

#: The score history holds at most this many latest attempts (a chart cannot show more).
HISTORY_LIMIT = 200


@dataclass(frozen=True, slots=True)
class ContinueAt:
    """The step to continue from, with the titles to show (None when its pack is not loaded)."""

    position: Position
    pack: Pack | None
    module: Module | None
    lesson: Lesson | None
    step_index: int | None


@dataclass(frozen=True, slots=True)
class ModuleCompletion:
    """How far a learner is through one module."""

    pack_id: str
    module_id: str
    title: str
    lessons: int
    started: int
    completed: int  # completed or passed
    passed: int

    @property
    def fraction(self) -> float:
        """Return the share of lessons completed (passed ones included), 0 to 1."""
        return self.completed / self.lessons if self.lessons else 0.0


@dataclass(frozen=True, slots=True)
class ScorePoint:
    """One submitted quiz attempt on the score history."""

    at: datetime
    score: float
    passed: bool
    pack_id: str
    module_id: str
    lesson_id: str
    step_key: str
    measure: str | None


@dataclass(frozen=True, slots=True)
class TechniqueAccuracy:
    """How often a learner got questions on one technique right the first time."""

    pack_id: str
    technique: str
    label: str
    color: str | None
    answered: int
    accuracy: float  # 0 to 1


@dataclass(frozen=True, slots=True)
class PackChange:
    """The before-and-after result of one pack, with its reading in plain words."""

    pack_id: str
    pack_title: str
    result: BeforeAfter
    reading: str


@dataclass(frozen=True, slots=True)
class DashboardData:
    """Everything the dashboard draws for one learner."""

    profile_id: int
    continue_at: ContinueAt | None
    modules: tuple[ModuleCompletion, ...]
    score_history: tuple[ScorePoint, ...]  # oldest first, the latest HISTORY_LIMIT attempts
    techniques: tuple[TechniqueAccuracy, ...]  # weakest first
    seconds_studied: float
    changes: tuple[PackChange, ...]
    reviews_due: int

    @property
    def started(self) -> bool:
        """Tell whether the learner has started anything (the dashboard is shown first then)."""
        return (
            self.continue_at is not None or bool(self.score_history) or any(m.started for m in self.modules)
        )


def describe_change(result: BeforeAfter) -> str:
    """Say in plain words what a before-and-after result means for the learner.

    The score is compared as rising or falling only when both checks asked the same questions;
    the ratings are read by ``judgement.learner_reading``, discernment beside trust.
    """
    sentences: list[str] = []
    if result.pre is None:
        sentences.append(
            "You took the final check without the first one, so there is nothing to compare it with. "
            f"Your score was {percent_text(result.post.score if result.post else 0.0)}."
        )
    elif result.post is None:
        sentences.append(
            f"You scored {percent_text(result.pre.score)} on the first check. Take the final check at the "
            "end of the pack to see how much you have changed."
        )
    elif result.same_questions:
        before, after = percent_text(result.pre.score), percent_text(result.post.score)
        sentences.append(
            {
                Trend.UP: f"Your score rose: {before} on the first check, {after} on the final one.",
                Trend.DOWN: f"Your score fell: {before} on the first check, {after} on the final one.",
                Trend.SAME: f"Your score stayed about the same: {before} on the first check, {after} on the final one.",
            }[trend(result.pre.score, result.post.score, SCORE_STEADY)]
        )
    else:
        sentences.append(
            f"You scored {percent_text(result.pre.score)} on the first check and {percent_text(result.post.score)} "
            "on the final one. The two checks ask different questions, so the scores are not a "
            "like-for-like comparison."
        )
    ratings = learner_reading(result.pre_discernment, result.post_discernment, result.pre_trust, result.post_trust)
    # the score and the ratings are two paragraphs: a reader sees at a glance which is which
    return "\n\n".join(part for part in (" ".join(sentences), " ".join(ratings)) if part)


def _continue_at(store: ProgressStore, profile_id: int, packs: Sequence[Pack]) -> ContinueAt | None:
    """Resolve the learner's last position against the loaded packs."""
    position = store.last_position(profile_id)
    if position is None:
        return None
    pack = next((candidate for candidate in packs if candidate.id == position.pack_id), None)
    module = None if pack is None else pack.module(position.module_id)
    lesson = None if pack is None else pack.lesson(position.module_id, position.lesson_id)
    step_index = None
    if lesson is not None:
        step_index = next(
            (i for i, step in enumerate(lesson.steps) if schema_step_key(step, i) == position.step_key), None
        )
    return ContinueAt(position, pack, module, lesson, step_index)


def _module_completion(
    store: ProgressStore, profile_id: int, pack: Pack, imported: set[tuple[str, str]]
) -> list[ModuleCompletion]:
    """Compute lesson states for every module of a pack from a few indexed queries."""
    visited = store.visited_in_pack(profile_id, pack.id)
    completions = []
    for module in pack.modules:
        states = []
        for lesson in module.lessons:
            quizzes: dict[str, bool | None] = {}
            reflections: dict[str, str | None] = {}
            for index, step in enumerate(lesson.steps):
                key = schema_step_key(step, index)
                where = (profile_id, pack.id, module.id, lesson.id, key)
                if step.quiz is not None:
                    quizzes[key] = store.best_passed(*where)
                elif step.reflect is not None:
                    reflections[key] = store.reflection(*where)
            state = state_from(lesson, visited.get((module.id, lesson.id), set()), quizzes, reflections)
            if (module.id, lesson.id) in imported and not state.done:
                state = LessonState.COMPLETED
            states.append(state)
        completions.append(
            ModuleCompletion(
                pack.id,
                module.id,
                module.title,
                len(states),
                sum(state is not LessonState.NOT_STARTED for state in states),
                sum(state.done for state in states),
                sum(state is LessonState.PASSED for state in states),
            )
        )
    return completions


def _score_history(store: ProgressStore, profile_id: int) -> list[ScorePoint]:
    """Return the latest attempts, oldest first."""
    return [
        ScorePoint(
            entry.submitted_at,
            entry.score,
            # the before-measure is never a gate: taking it counts as passing it
            entry.passed or entry.measure == "pre",
            entry.pack_id,
            entry.module_id,
            entry.lesson_id,
            entry.step_key,
            entry.measure,
        )
        for entry in store.recent_attempts(profile_id, HISTORY_LIMIT)
    ]


def _technique_accuracy(
    store: ProgressStore, profile_id: int, packs: Sequence[Pack]
) -> list[TechniqueAccuracy]:
    """Sum first-try scores per technique from the per-question totals; weakest first."""
    stats = store.question_stats(profile_id)
    results = []
    for pack in packs:
        totals: dict[str, list[float]] = {}
        for module in pack.modules:
            for lesson in module.lessons:
                for step in lesson.steps:
                    if step.quiz is None:
                        continue
                    for question in step.quiz.questions:
                        answered, right = stats.get((pack.id, module.id, question.id), (0, 0.0))
                        if not answered:
                            continue
                        for technique in question.techniques:
                            total = totals.setdefault(technique, [0.0, 0.0])
                            total[0] += answered
                            total[1] += right
        for technique, (answered_sum, right_sum) in totals.items():
            info = pack.manifest.techniques.get(technique)
            results.append(
                TechniqueAccuracy(
                    pack.id,
                    technique,
                    info.label if info is not None else technique,
                    None if info is None else info.color,
                    int(answered_sum),
                    right_sum / answered_sum,
                )
            )
    results.sort(key=lambda entry: (entry.accuracy, -entry.answered, entry.label))
    return results


def dashboard_data(
    store: ProgressStore, profile_id: int, packs: Sequence[Pack], now: datetime | None = None
) -> DashboardData:
    """Gather everything the dashboard shows for one learner across the loaded packs."""
    imported: dict[str, set[tuple[str, str]]] = {}
    for pack_id, module_id, lesson_id, _ in store.imported_completions(profile_id):
        imported.setdefault(pack_id, set()).add((module_id, lesson_id))
    modules: list[ModuleCompletion] = []
    changes: list[PackChange] = []
    for pack in packs:
        modules.extend(_module_completion(store, profile_id, pack, imported.get(pack.id, set())))
        result = before_after(store, profile_id, pack)
        if result is not None:
            changes.append(PackChange(pack.id, pack.title, result, describe_change(result)))
    return DashboardData(
        profile_id,
        _continue_at(store, profile_id, packs),
        tuple(modules),
        tuple(_score_history(store, profile_id)),
        tuple(_technique_accuracy(store, profile_id, packs)),
        store.time_studied(profile_id),
        tuple(changes),
        review.due_count(store, profile_id, now, packs=packs),
    )


def learner_started(data: DashboardData) -> bool:
    """Tell whether the learner has started anything in the loaded packs (the dashboard comes first then)."""
    return any(module.started for module in data.modules)

"""One learner working through one lesson: the API every screen talks to.

A screen asks a ``LessonSession`` what to show and tells it what the learner did; the session
scores with ``scoring.py`` and records through ``ProgressStore``. It holds no Qt.

CONTRACT STUB: the signatures and docstrings below are the agreed interface; the bodies are
being written. Screens may rely on every name here.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING

from app.model.answers import Response
from app.model.schema import Lesson, Module, Question, Quiz, Step

if TYPE_CHECKING:
    from app.model.pack import Pack
    from app.model.progress import ProgressStore


class LessonState(str, Enum):
    """A lesson's state as section 6 of the format defines it."""

    NOT_STARTED = "not started"
    IN_PROGRESS = "in progress"
    COMPLETED = "completed"
    PASSED = "passed"


@dataclass(frozen=True, slots=True)
class QuestionResult:
    """One question scored: the fraction s in [0, 1] and the points it earned."""

    question_id: str
    response: Response
    fraction: float
    points_earned: float
    points_possible: float

    @property
    def correct(self) -> bool:
        return self.fraction >= 1.0


@dataclass(frozen=True, slots=True)
class QuizResult:
    """One submitted quiz attempt."""

    results: tuple[QuestionResult, ...]
    pass_mark: float
    discernment: float | None = None  # only when the quiz judges reliable and unreliable items

    @property
    def points_earned(self) -> float:
        return sum(r.points_earned for r in self.results)

    @property
    def points_possible(self) -> float:
        return sum(r.points_possible for r in self.results)

    @property
    def score(self) -> float:
        possible = self.points_possible
        return self.points_earned / possible if possible else 0.0

    @property
    def passed(self) -> bool:
        return self.score >= self.pass_mark


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

    @property
    def steps(self) -> list[Step]:
        return self.lesson.steps

    def step_key(self, index: int) -> str:
        """Name step ``index`` for storage (its id or its position)."""
        raise NotImplementedError

    def open_step(self, index: int) -> None:
        """Make ``index`` the current step and record that the learner opened it."""
        raise NotImplementedError

    def visited(self, index: int) -> bool:
        """Tell whether the learner has opened step ``index`` before."""
        raise NotImplementedError

    def question_order(self, quiz: Quiz) -> list[int]:
        """Return the question indices in the order this attempt shows them (quiz ``shuffle``)."""
        raise NotImplementedError

    def display_order(self, question: Question) -> list[int]:
        """Return a fresh display order of a question's choices, items or rights.

        For single/multiple: choice indices (written order when ``shuffle: false``). For order:
        item indices, for match: right indices, for categorize: item indices, always shuffled so
        that the written order is never the first shown (when there are 2 or more).
        """
        raise NotImplementedError

    def score(self, question: Question, response: Response) -> QuestionResult:
        """Score one response without recording it (practice feedback, previews)."""
        raise NotImplementedError

    def submit_quiz(self, step_index: int, responses: dict[str, Response], tries: dict[str, int] | None = None) -> QuizResult:
        """Score a whole quiz attempt and record it with every answer; return the result.

        ``tries`` counts, per question id, how many times the learner checked it before
        submitting (practice mode retries), so that review can pick up shaky answers.
        """
        raise NotImplementedError

    def attempts(self, step_index: int) -> list[QuizResult]:
        """Return earlier attempts at the quiz at ``step_index``, oldest first."""
        raise NotImplementedError

    def save_reflection(self, step_index: int, text: str) -> None:
        """Record the learner's reflection for the reflect step at ``step_index``."""
        raise NotImplementedError

    def reflection(self, step_index: int) -> str | None:
        """Return the saved reflection for step ``step_index``, if any."""
        raise NotImplementedError

    def state(self) -> LessonState:
        """Return the lesson's state: not started, in progress, completed or passed."""
        raise NotImplementedError

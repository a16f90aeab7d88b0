"""A lesson's state (format section 6): a leaf module, so the library and home screens can name
states without importing the lesson session and its scoring."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class LessonState(StrEnum):
    """A lesson's state as section 6 of the format defines it."""

    NOT_STARTED = "not started"
    IN_PROGRESS = "in progress"
    COMPLETED = "completed"
    PASSED = "passed"

    @property
    def done(self) -> bool:
        """Tell whether the lesson counts as completed (passed lessons are completed too)."""
        return self in (LessonState.COMPLETED, LessonState.PASSED)


@dataclass(frozen=True, slots=True)
class LessonStanding:
    """A lesson's state, and for a lesson done but not passed, the best score of its unpassed quiz.

    ``unpassed_best`` is the lowest, over the lesson's submitted quizzes that have no passing
    attempt, of each quiz's best score: what the learner needs to improve. None otherwise.
    """

    state: LessonState
    unpassed_best: float | None = None

"""A lesson's state (format section 6): a leaf module, so the library and home screens can name
states without importing the lesson session and its scoring."""

from __future__ import annotations

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

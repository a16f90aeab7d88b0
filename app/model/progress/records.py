"""The plain records the store returns: profiles, positions, checked answers, recovery reports."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path

from app.model.attempts import QuestionResult


@dataclass(frozen=True, slots=True)
class Profile:
    """One learner on this computer."""

    id: int
    name: str
    created_at: datetime
    last_used_at: datetime | None
    #: A stable identity across computers (the xAPI actor's account name).
    uuid: str = ""


@dataclass(frozen=True, slots=True)
class Position:
    """Where a learner last was: the step they last opened, and when."""

    pack_id: str
    module_id: str
    lesson_id: str
    step_key: str
    at: datetime


class RecoveryAction(StrEnum):
    """What opening did about a damaged progress file."""

    RESTORED = "restored"
    FRESH_START = "fresh start"


@dataclass(frozen=True, slots=True)
class RecoveryReport:
    """What ``open_with_recovery`` did about a damaged or unreadable file, for the learner to read.

    ``kept_aside`` is where the old file now is (None if it could not be kept); ``restored_from``
    and ``backup_taken_at`` name the backup restored; ``rejected_backups`` failed their check.
    """

    action: RecoveryAction
    problem: str
    kept_aside: Path | None
    restored_from: Path | None = None
    backup_taken_at: datetime | None = None
    rejected_backups: tuple[Path, ...] = ()

    @property
    def message(self) -> str:
        """Say in plain words what happened to the learner's progress."""
        lines = [f"Your progress file {self.problem}."]
        if self.kept_aside is not None:
            lines.append(f"The old file has been kept aside as {self.kept_aside.name}.")
        if self.action is RecoveryAction.RESTORED and self.backup_taken_at is not None:
            taken = self.backup_taken_at.astimezone().strftime("%d %B %Y at %H:%M")
            lines.append(
                f"Your progress was restored from the backup taken on {taken}. "
                "Anything you did after that time is not in it."
            )
        else:
            lines.append("No usable backup was found, so Unspun has started a fresh progress file.")
        return " ".join(lines)


@dataclass(frozen=True, slots=True)
class CheckedAnswer:
    """One practice check, committed when the learner checked it."""

    id: int
    pack_id: str
    module_id: str
    lesson_id: str
    step_key: str
    question_type: str
    result: QuestionResult
    checked_at: datetime
    statement_id: str


@dataclass(frozen=True, slots=True)
class AttemptSummary:
    """One quiz attempt in brief: when, its score, whether it passed, and where."""

    submitted_at: datetime
    score: float
    passed: bool
    pack_id: str
    module_id: str
    lesson_id: str
    step_key: str
    measure: str | None


@dataclass(frozen=True, slots=True)
class StoredAnswer:
    """One answer of a stored attempt: its place in the quiz, its question type and its result."""

    position: int
    question_type: str
    result: QuestionResult


@dataclass(frozen=True, slots=True)
class StoredAttempt:
    """One quiz attempt exactly as stored, with its answers (what an export needs)."""

    id: int
    pack_id: str
    module_id: str
    lesson_id: str
    step_key: str
    measure: str | None
    started_at: datetime | None
    submitted_at: datetime
    score: float
    points_earned: float
    points_possible: float
    pass_mark: float
    passed: bool
    discernment: float | None
    statement_id: str
    answers: tuple[StoredAnswer, ...]


@dataclass(frozen=True, slots=True)
class StoredReflection:
    """One saved version of a reflection."""

    pack_id: str
    module_id: str
    lesson_id: str
    step_key: str
    text: str
    saved_at: datetime
    statement_id: str | None


@dataclass(frozen=True, slots=True)
class StoredReviewItem:
    """One review item's row: which question, where it came from, its fsrs card as JSON, when it is due."""

    profile_id: int
    pack_id: str
    module_id: str
    question_id: str
    lesson_id: str
    step_key: str
    question_type: str
    card_json: str
    created_at: datetime
    due: datetime


@dataclass(frozen=True, slots=True)
class OutboxEntry:
    """One statement in the LRS outbox: its id, its JSON text and its place in the queue."""

    statement_id: str
    statement_json: str
    seq: int


@dataclass(frozen=True, slots=True)
class ProfileHoldings:
    """What a profile holds, counted: what deleting it would lose."""

    attempts: int
    checks: int
    reflections: int
    lessons_opened: int
    review_items: int
    seconds_studied: float

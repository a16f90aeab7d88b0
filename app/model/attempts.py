"""What a learner's answers come to: one question scored, one quiz attempt.

A leaf of the model: the session builds these, the store keeps and returns them, and the results
export and import read them, so they live apart from all three (no import cycle).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from app.model import scoring
from app.model.answers import Response


@dataclass(frozen=True, slots=True)
class QuestionResult:
    """One question scored: the fraction s in [0, 1] and the points it earned.

    ``tries`` is how many times the learner checked the question before submitting (practice
    retries), when known. ``question_type`` is the pack's type name (``judge``, ``single`` ...),
    when known: trust reads the ratings of the ``judge`` answers by it.
    """

    question_id: str
    response: Response
    fraction: float
    points_earned: float
    points_possible: float
    tries: int | None = None
    question_type: str | None = None

    @property
    def correct(self) -> bool:
        """Tell whether the answer earned full marks."""
        return self.fraction >= 1.0


@dataclass(frozen=True, slots=True)
class QuizResult:
    """One submitted quiz attempt.

    ``results`` follow the quiz's questions in written order. ``attempt_id``, ``started_at`` and
    ``submitted_at`` are set once the attempt is recorded (times are timezone-aware UTC).
    """

    results: tuple[QuestionResult, ...]
    pass_mark: float
    discernment: float | None = None  # only when the quiz judges reliable and unreliable items
    attempt_id: int | None = None
    started_at: datetime | None = None
    submitted_at: datetime | None = None

    @property
    def points_earned(self) -> float:
        """Return the points earned over all questions."""
        return sum(r.points_earned for r in self.results)

    @property
    def points_possible(self) -> float:
        """Return the points there were to earn over all questions."""
        return sum(r.points_possible for r in self.results)

    @property
    def score(self) -> float:
        """Return the score from 0 to 1, as the format's scoring rules weigh the points."""
        return scoring.quiz_score((r.points_earned, r.points_possible) for r in self.results)

    @property
    def passed(self) -> bool:
        """Tell whether the score reaches the pass mark."""
        return scoring.quiz_passed(self.score, self.pass_mark)

    @property
    def trust(self) -> float | None:
        """Return the mean rating of the judge answers minus 3.5 (−2.5 to 2.5), or None without any.

        Unlike discernment it needs no answer key, so it is read from the stored ratings of any
        attempt, old ones and imported ones included.
        """
        return scoring.trust(r.response for r in self.results if r.question_type == "judge")

    @property
    def question_ids(self) -> frozenset[str]:
        """Return the ids of the questions this attempt holds."""
        return frozenset(r.question_id for r in self.results)

    def result(self, question_id: str) -> QuestionResult | None:
        """Find the result of one question by its id."""
        return next((r for r in self.results if r.question_id == question_id), None)

"""Answers: the attempts, answers, question_stats and checks tables."""

from __future__ import annotations

import json
import uuid
from datetime import datetime

from app.model import answers
from app.model.attempts import QuestionResult, QuizResult
from app.model.progress.base import StoreBase, parse_stamp, read_time, to_stamp, utc_now
from app.model.progress.records import AttemptSummary, CheckedAnswer, StoredAnswer, StoredAttempt


def first_try_fraction(fraction: float, tries: int | None) -> float:
    """Score an answer as a first try: one that needed retries counts 0, since the first try missed."""
    return fraction if (tries or 1) <= 1 else 0.0


def _dump_response(response: answers.Response) -> str:
    """Serialize a response for storage; something that is not JSON is stored as unanswered."""
    try:
        return json.dumps(answers.to_json(response), ensure_ascii=False)
    except (TypeError, ValueError):
        return "null"


def _load_response(question_type: str, text: str) -> answers.Response:
    """Restore a stored response; one that cannot be read back counts as unanswered."""
    try:
        return answers.from_json(question_type, json.loads(text))
    except (TypeError, ValueError, AttributeError):
        return None


class QuizTables(StoreBase):
    """Owns ``attempts``, ``answers``, ``question_stats`` and ``checks``."""

    def record_attempt(
        self,
        profile_id: int,
        pack_id: str,
        module_id: str,
        lesson_id: str,
        step_key: str,
        result: QuizResult,
        question_types: dict[str, str],
        measure: str | None,
        tries: dict[str, int] | None = None,
        statement_id: str | None = None,
    ) -> int:
        """Record one quiz attempt with every answer, in one transaction; return the attempt's id.

        ``statement_id`` names the attempt in exported results; it is made up unless given (import).
        """
        tries = tries or {}
        submitted = result.submitted_at or utc_now()
        started = None if result.started_at is None else to_stamp(result.started_at)
        with self._write() as db:
            cursor = db.execute(
                """INSERT INTO attempts (profile_id, pack_id, module_id, lesson_id, step_key, measure,
                       started_at, submitted_at, score, points_earned, points_possible, pass_mark, passed,
                       discernment, statement_id)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                (
                    profile_id,
                    pack_id,
                    module_id,
                    lesson_id,
                    step_key,
                    measure,
                    started,
                    to_stamp(submitted),
                    result.score,
                    result.points_earned,
                    result.points_possible,
                    result.pass_mark,
                    int(result.passed),
                    result.discernment,
                    statement_id or str(uuid.uuid4()),
                ),
            )
            attempt_id = int(cursor.lastrowid or 0)
            db.executemany(
                """INSERT INTO answers (attempt_id, position, question_id, question_type, response_json,
                       fraction, points, points_possible, tries)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                [
                    (
                        attempt_id,
                        position,
                        answer.question_id,
                        question_types.get(answer.question_id, ""),
                        _dump_response(answer.response),
                        answer.fraction,
                        answer.points_earned,
                        answer.points_possible,
                        tries.get(answer.question_id, answer.tries),
                    )
                    for position, answer in enumerate(result.results)
                ],
            )
            db.executemany(
                """INSERT INTO question_stats (profile_id, pack_id, module_id, question_id, answered, first_try_sum)
                   VALUES (?, ?, ?, ?, 1, ?)
                   ON CONFLICT (profile_id, pack_id, module_id, question_id) DO UPDATE SET
                       answered = answered + 1, first_try_sum = first_try_sum + excluded.first_try_sum""",
                [
                    (
                        profile_id,
                        pack_id,
                        module_id,
                        answer.question_id,
                        first_try_fraction(answer.fraction, tries.get(answer.question_id, answer.tries)),
                    )
                    for answer in result.results
                ],
            )
        return attempt_id

    def attempt_statement_id(self, attempt_id: int) -> str | None:
        """Return the statement id that names an attempt in exported results."""
        row = self._query_one("SELECT statement_id FROM attempts WHERE id = ?", (attempt_id,))
        return None if row is None else str(row[0])

    def first_attempt(
        self, profile_id: int, pack_id: str, module_id: str, lesson_id: str, step_key: str
    ) -> QuizResult | None:
        """Return a learner's first attempt at one quiz with its answers, reading nothing else."""
        row = self._query_one(
            """SELECT id FROM attempts
               WHERE profile_id = ? AND pack_id = ? AND module_id = ? AND lesson_id = ? AND step_key = ?
               ORDER BY id LIMIT 1""",
            (profile_id, pack_id, module_id, lesson_id, step_key),
        )
        return None if row is None else self.attempt(int(row[0]))

    def attempt(self, attempt_id: int) -> QuizResult | None:
        """Return one attempt by id with its answers, or None."""
        row = self._query_one(
            "SELECT pass_mark, discernment, started_at, submitted_at FROM attempts WHERE id = ?",
            (attempt_id,),
        )
        if row is None:
            return None
        answer_rows = self._query(
            """SELECT question_id, question_type, response_json, fraction, points, points_possible, tries
               FROM answers WHERE attempt_id = ? ORDER BY position""",
            (attempt_id,),
        )
        results = tuple(
            QuestionResult(qid, _load_response(kind, response), fraction, points, possible, tried, kind)
            for qid, kind, response, fraction, points, possible, tried in answer_rows
        )
        return QuizResult(results, row[0], row[1], attempt_id, parse_stamp(row[2]), parse_stamp(row[3]))

    # ------------------------------------------------------------ single answers and time

    def record_answer(
        self,
        profile_id: int,
        pack_id: str,
        module_id: str,
        lesson_id: str,
        step_key: str,
        result: QuestionResult,
        question_type: str,
        checked_at: datetime | None = None,
        statement_id: str | None = None,
    ) -> int:
        """Commit one checked answer (practice mode) the moment it is given; return its id."""
        with self._write() as db:
            cursor = db.execute(
                """INSERT INTO checks (profile_id, pack_id, module_id, lesson_id, step_key, question_id,
                       question_type, response_json, fraction, points, points_possible, tries, checked_at,
                       statement_id)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                (
                    profile_id,
                    pack_id,
                    module_id,
                    lesson_id,
                    step_key,
                    result.question_id,
                    question_type,
                    _dump_response(result.response),
                    result.fraction,
                    result.points_earned,
                    result.points_possible,
                    result.tries,
                    to_stamp(checked_at or utc_now()),
                    statement_id or str(uuid.uuid4()),
                ),
            )
            return int(cursor.lastrowid or 0)

    def checks(self, profile_id: int, pack_id: str | None = None) -> list[CheckedAnswer]:
        """Return a learner's practice checks, oldest first, in one pack or all."""
        rows = self._query(
            """SELECT id, pack_id, module_id, lesson_id, step_key, question_id, question_type, response_json,
                      fraction, points, points_possible, tries, checked_at, statement_id
               FROM checks WHERE profile_id = ? AND (? IS NULL OR pack_id = ?) ORDER BY id""",
            (profile_id, pack_id, pack_id),
        )
        return [
            CheckedAnswer(
                row[0],
                row[1],
                row[2],
                row[3],
                row[4],
                row[6],
                QuestionResult(
                    row[5], _load_response(row[6], row[7]), row[8], row[9], row[10], row[11], row[6]
                ),
                read_time(row[12]),
                row[13],
            )
            for row in rows
        ]

    def attempts(
        self, profile_id: int, pack_id: str, module_id: str, lesson_id: str, step_key: str
    ) -> list[QuizResult]:
        """Return a learner's attempts at one quiz, oldest first, with their answers."""
        where = (profile_id, pack_id, module_id, lesson_id, step_key)
        attempt_rows = self._query(
            """SELECT id, pass_mark, discernment, started_at, submitted_at FROM attempts
               WHERE profile_id = ? AND pack_id = ? AND module_id = ? AND lesson_id = ? AND step_key = ?
               ORDER BY id""",
            where,
        )
        if not attempt_rows:
            return []
        answer_rows = self._query(
            """SELECT attempt_id, question_id, question_type, response_json, fraction, points,
                      points_possible, tries
               FROM answers WHERE attempt_id IN (
                   SELECT id FROM attempts
                   WHERE profile_id = ? AND pack_id = ? AND module_id = ? AND lesson_id = ? AND step_key = ?)
               ORDER BY attempt_id, position""",
            where,
        )
        by_attempt: dict[int, list[QuestionResult]] = {}
        for (
            attempt_id,
            question_id,
            question_type,
            response_json,
            fraction,
            points,
            possible,
            tried,
        ) in answer_rows:
            by_attempt.setdefault(attempt_id, []).append(
                QuestionResult(
                    question_id,
                    _load_response(question_type, response_json),
                    fraction,
                    points,
                    possible,
                    tried,
                    question_type,
                )
            )
        return [
            QuizResult(
                tuple(by_attempt.get(attempt_id, [])),
                pass_mark,
                discernment,
                attempt_id,
                parse_stamp(started_at),
                parse_stamp(submitted_at),
            )
            for attempt_id, pass_mark, discernment, started_at, submitted_at in attempt_rows
        ]

    def best_passed(
        self, profile_id: int, pack_id: str, module_id: str, lesson_id: str, step_key: str
    ) -> bool | None:
        """Tell whether any attempt at one quiz passed; None when it was never attempted."""
        # max() over the last column of an index is one lookup, however many attempts there are.
        row = self._query_one(
            """SELECT max(passed) FROM attempts WHERE profile_id = ? AND pack_id = ?
               AND module_id = ? AND lesson_id = ? AND step_key = ?""",
            (profile_id, pack_id, module_id, lesson_id, step_key),
        )
        return None if row is None or row[0] is None else bool(row[0])

    def recent_attempts(self, profile_id: int, limit: int) -> list[AttemptSummary]:
        """Return a learner's latest ``limit`` attempts (score, pass, where), oldest first."""
        rows = self._query(
            """SELECT submitted_at, score, passed, pack_id, module_id, lesson_id, step_key, measure
               FROM attempts WHERE profile_id = ? ORDER BY submitted_at DESC LIMIT ?""",
            (profile_id, limit),
        )
        found = [
            AttemptSummary(read_time(row[0]), row[1], bool(row[2]), row[3], row[4], row[5], row[6], row[7])
            for row in rows
        ]
        found.reverse()
        return found

    def question_stats(self, profile_id: int) -> dict[tuple[str, str, str], tuple[int, float]]:
        """Return (answered, sum of first-try fractions) per (pack, module, question) for a learner."""
        return {
            (row[0], row[1], row[2]): (int(row[3]), float(row[4]))
            for row in self._query(
                "SELECT pack_id, module_id, question_id, answered, first_try_sum FROM question_stats WHERE profile_id = ?",
                (profile_id,),
            )
        }

    def stored_attempts(self, profile_id: int) -> list[StoredAttempt]:
        """Return every attempt of a learner as stored, answers included, oldest first (for export)."""
        attempt_rows = self._query(
            """SELECT id, pack_id, module_id, lesson_id, step_key, measure, started_at, submitted_at, score,
                      points_earned, points_possible, pass_mark, passed, discernment, statement_id
               FROM attempts WHERE profile_id = ? ORDER BY id""",
            (profile_id,),
        )
        by_attempt: dict[int, list[StoredAnswer]] = {}
        for row in self._query(
            """SELECT attempt_id, position, question_id, question_type, response_json, fraction, points,
                      points_possible, tries
               FROM answers WHERE attempt_id IN (SELECT id FROM attempts WHERE profile_id = ?)
               ORDER BY attempt_id, position""",
            (profile_id,),
        ):
            by_attempt.setdefault(row[0], []).append(
                StoredAnswer(
                    row[1],
                    row[3],
                    QuestionResult(
                        row[2], _load_response(row[3], row[4]), row[5], row[6], row[7], row[8], row[3]
                    ),
                )
            )
        return [
            StoredAttempt(
                id=row[0],
                pack_id=row[1],
                module_id=row[2],
                lesson_id=row[3],
                step_key=row[4],
                measure=row[5],
                started_at=parse_stamp(row[6]),
                submitted_at=read_time(row[7]),
                score=row[8],
                points_earned=row[9],
                points_possible=row[10],
                pass_mark=row[11],
                passed=bool(row[12]),
                discernment=row[13],
                statement_id=row[14],
                answers=tuple(by_attempt.get(row[0], ())),
            )
            for row in attempt_rows
        ]

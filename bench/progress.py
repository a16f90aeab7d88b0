"""Benchmark: the progress store with 100,000 attempts, against bare SQLite baselines from the same run.

Fills one profile of a fresh store (in a temporary folder) with 100,000 quiz attempts at the
built-in pack's quizzes (every answer of each), plus visits, reflections, study time and review
items, then measures, taking the median of many runs:

- recording one answer (``ProgressStore.record_answer``, committed to disk) against a bare
  ``INSERT`` + ``COMMIT`` into a one-table file with the same pragmas (WAL, synchronous FULL);
- recording one whole quiz attempt (``record_attempt``), for information;
- computing the dashboard (``dashboard_data``) against a bare ``SELECT count(*)`` over the same
  attempts table.

Goals: recording under 5 ms, the dashboard under 100 ms.

    .venv/bin/python bench/progress.py [--attempts 100000] [--runs 200]
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.model import review
from app.model.attempts import QuestionResult, QuizResult
from app.model.dashboard import dashboard_data
from app.model.loader import load_pack
from app.model.pack import Pack
from app.model.progress import BUSY_TIMEOUT_MS, ProgressStore, to_stamp
from app.model.schema import step_key
from app.model.scoring import question_type

ROOT = Path(__file__).resolve().parent.parent
RECORD_GOAL_MS = 5.0
DASHBOARD_GOAL_MS = 100.0


def quiz_steps(pack: Pack) -> list[tuple[str, str, str, list[tuple[str, str]], str | None, float]]:
    """List every quiz: module, lesson, step key, its (question id, type) pairs, measure, pass mark."""
    found = []
    for module in pack.modules:
        for lesson in module.lessons:
            for index, step in enumerate(lesson.steps):
                if step.quiz is not None:
                    questions = [(q.id, question_type(q)) for q in step.quiz.questions]
                    found.append(
                        (
                            module.id,
                            lesson.id,
                            step_key(step, index),
                            questions,
                            step.quiz.measure,
                            step.quiz.pass_mark,
                        )
                    )
    return found


def fill(store: ProgressStore, profile: int, pack: Pack, attempts: int, rng: random.Random) -> int:
    """Write ``attempts`` attempts with their answers, and the rest of a long-time learner's record, in bulk."""
    quizzes = quiz_steps(pack)
    start = datetime(2024, 1, 1, tzinfo=UTC)
    answers = 0
    with store.transaction() as db:
        for number in range(attempts):
            module_id, lesson_id, key, questions, measure, pass_mark = quizzes[number % len(quizzes)]
            fractions = [1.0 if rng.random() < 0.7 else rng.choice((0.0, 0.5)) for _ in questions]
            score = sum(fractions) / len(fractions)
            at = to_stamp(start + timedelta(minutes=5 * number))
            cursor = db.execute(
                """INSERT INTO attempts (profile_id, pack_id, module_id, lesson_id, step_key, measure, started_at,
                       submitted_at, score, points_earned, points_possible, pass_mark, passed, discernment,
                       statement_id)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?)""",
                (
                    profile,
                    pack.id,
                    module_id,
                    lesson_id,
                    key,
                    measure,
                    at,
                    at,
                    score,
                    sum(fractions),
                    float(len(fractions)),
                    pass_mark,
                    int(score >= pass_mark),
                    str(uuid.uuid4()),
                ),
            )
            attempt_id = cursor.lastrowid
            db.executemany(
                """INSERT INTO answers (attempt_id, position, question_id, question_type, response_json, fraction,
                       points, points_possible, tries) VALUES (?, ?, ?, ?, '1', ?, ?, 1.0, ?)""",
                [
                    (attempt_id, position, qid, kind, fraction, fraction, rng.choice((None, 1, 2)))
                    for position, ((qid, kind), fraction) in enumerate(zip(questions, fractions, strict=True))
                ],
            )
            answers += len(questions)
        # The per-question totals the store keeps with every attempt, built the way migration 2 builds them.
        db.execute(
            """INSERT INTO question_stats (profile_id, pack_id, module_id, question_id, answered, first_try_sum)
               SELECT attempts.profile_id, attempts.pack_id, attempts.module_id, answers.question_id, count(*),
                      sum(CASE WHEN coalesce(answers.tries, 1) <= 1 THEN answers.fraction ELSE 0 END)
               FROM answers JOIN attempts ON attempts.id = answers.attempt_id GROUP BY 1, 2, 3, 4"""
        )
        for module in pack.modules:
            for lesson in module.lessons:
                for index, step in enumerate(lesson.steps):
                    where = (profile, pack.id, module.id, lesson.id, step_key(step, index))
                    db.execute(
                        """INSERT INTO visits (profile_id, pack_id, module_id, lesson_id, step_key, first_opened_at,
                               last_opened_at, times) VALUES (?, ?, ?, ?, ?, ?, ?, 40)""",
                        (*where, to_stamp(start), to_stamp(start)),
                    )
                    db.executemany(
                        """INSERT INTO study_time (profile_id, pack_id, module_id, lesson_id, step_key, seconds,
                               recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)""",
                        [(*where, rng.uniform(5, 300), to_stamp(start)) for _ in range(40)],
                    )
                    if step.reflect is not None:
                        db.execute(
                            """INSERT INTO reflections (profile_id, pack_id, module_id, lesson_id, step_key, text,
                                   saved_at, statement_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                            (
                                *where,
                                "a reflection of several words " * 5,
                                to_stamp(start),
                                str(uuid.uuid4()),
                            ),
                        )
    # Review items go through the real API: one for each question of the pack, missed once.
    for module_id, lesson_id, key, questions, _, _ in quiz_steps(pack):
        review.note_answers(
            store,
            profile,
            pack.id,
            module_id,
            lesson_id,
            key,
            [review.LessonAnswer(qid, kind, 0.0, 1) for qid, kind in questions],
            start,
        )
    return answers


def median_ms(action: Callable[[], object], runs: int) -> float:
    """Run ``action`` ``runs`` times and return the median wall time in milliseconds."""
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        action()
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times)


def interleaved(actions: list[Callable[[], object]], runs: int) -> list[float]:
    """Run the actions in turn ``runs`` times (after a few warm-up rounds); return each one's median ms."""
    for _ in range(3):
        for action in actions:
            action()
    times: list[list[float]] = [[] for _ in actions]
    for _ in range(runs):
        for index, action in enumerate(actions):
            began = time.perf_counter()
            action()
            times[index].append((time.perf_counter() - began) * 1000)
    return [statistics.median(each) for each in times]


def bare_connection(path: Path) -> sqlite3.Connection:
    """Open a plain SQLite file with the store's pragmas, for the baselines."""
    db = sqlite3.connect(path, isolation_level=None)
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = FULL")
    return db


def main(argv: list[str] | None = None) -> int:
    """Fill a store, run the measurements and print them with their ratios; exit 1 if a goal is missed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--attempts", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=200, help="runs of each recording measurement")
    parser.add_argument("--dashboard-runs", type=int, default=30)
    arguments = parser.parse_args(argv)

    loaded = load_pack(ROOT / "lessons")
    if loaded.pack is None:
        print("the built-in pack does not load", file=sys.stderr)
        return 2
    pack = loaded.pack
    rng = random.Random(1)
    with tempfile.TemporaryDirectory(prefix="unspun-bench-") as folder:
        store = ProgressStore.open(Path(folder) / "progress.sqlite3")
        profile = store.ensure_default_profile()
        began = time.perf_counter()
        answers = fill(store, profile, pack, arguments.attempts, rng)
        filled = time.perf_counter() - began
        size_mb = (Path(folder) / "progress.sqlite3").stat().st_size / 1e6
        print(
            f"filled {arguments.attempts:,} attempts ({answers:,} answers) in {filled:.1f} s; file {size_mb:.0f} MB"
        )

        # The bulk fill left a large WAL; fold it into the file so that no checkpoint lands in a timing.
        store.query("PRAGMA wal_checkpoint(TRUNCATE)")
        module_id, lesson_id, key, questions, measure, pass_mark = quiz_steps(pack)[0]
        qid, kind = questions[0]
        answer = QuestionResult(qid, 0, 1.0, 1.0, 1.0, 1)
        whole = QuizResult(tuple(QuestionResult(q, 0, 1.0, 1.0, 1.0) for q, _ in questions), pass_mark)
        types = dict(questions)
        bare = bare_connection(Path(folder) / "bare.sqlite3")
        bare.execute(
            "CREATE TABLE answers (question_id TEXT, response_json TEXT, fraction REAL, checked_at TEXT)"
        )

        def bare_insert() -> None:
            bare.execute("BEGIN IMMEDIATE")
            bare.execute("INSERT INTO answers VALUES (?, '0', 1.0, ?)", (qid, to_stamp(datetime.now(UTC))))
            bare.execute("COMMIT")

        # Interleaved, so that a burst of load on the shared disk hits the measure and its baseline alike.
        record_ms, attempt_ms, bare_insert_ms = interleaved(
            [
                lambda: store.record_answer(profile, pack.id, module_id, lesson_id, key, answer, kind),
                lambda: store.record_attempt(
                    profile, pack.id, module_id, lesson_id, key, whole, types, measure
                ),
                bare_insert,
            ],
            arguments.runs,
        )
        bare.close()

        data = dashboard_data(store, profile, [pack])
        dashboard_ms, count_ms = interleaved(
            [
                lambda: dashboard_data(store, profile, [pack]),
                lambda: store.query("SELECT count(*) FROM attempts"),
            ],
            arguments.dashboard_runs,
        )
        store.close()

        # Opening checks the whole file (quick_check); a backup copies it. Both scale with its size.
        file = Path(folder) / "progress.sqlite3"

        def open_and_close() -> None:
            ProgressStore.open(file).close()

        def bare_open() -> None:
            bare_connection(file).close()

        open_ms, bare_open_ms = interleaved([open_and_close, bare_open], 5)
        store = ProgressStore.open(file)
        store.backups_dir = Path(folder) / "backups"
        backup_ms = median_ms(store.make_backup, 3)
        store.close()

    print(
        f"dashboard: {len(data.modules)} modules, {len(data.score_history)} history points, "
        f"{len(data.techniques)} techniques, {data.seconds_studied / 3600:.0f} h studied, "
        f"{data.reviews_due} reviews due"
    )
    rows = [
        ("record one answer", record_ms, "bare INSERT + COMMIT", bare_insert_ms, RECORD_GOAL_MS),
        ("record one quiz attempt", attempt_ms, "bare INSERT + COMMIT", bare_insert_ms, None),
        ("dashboard_data", dashboard_ms, "SELECT count(*) FROM attempts", count_ms, DASHBOARD_GOAL_MS),
        ("open (with quick_check)", open_ms, "bare connect + pragmas", bare_open_ms, None),
        ("one automatic backup", backup_ms, "bare connect + pragmas", bare_open_ms, None),
    ]
    missed = False
    for name, measured, baseline_name, baseline, goal in rows:
        verdict = ""
        if goal is not None:
            verdict = f"  goal < {goal:g} ms: {'met' if measured < goal else 'MISSED'}"
            missed = missed or measured >= goal
        print(
            f"{name:<24} {measured:8.3f} ms   {baseline_name:<30} {baseline:8.3f} ms   "
            f"ratio {measured / baseline:6.1f}{verdict}"
        )
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())

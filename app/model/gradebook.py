"""A gradebook from learners' results files: one tidy table a school's gradebook imports as it is.

One header row, then one row per learner: who (``identity``, ``name``), the best score on each
quiz in percent, the share of lessons completed, and the latest discernment and trust. Moodle's
grade import ("CSV file", docs.moodle.org/en/Grade_import) and any spreadsheet read it directly:
the learner column maps to a user field, each quiz column to a grade item. The item analysis is
its own tidy table too, one row per question (``write_item_analysis``).

The rows come from the same reading of the files as the class report (``class_report.read_class``),
so a learner is the same learner in both. ``docs/class-report.md`` describes both files.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from app.model.atomic import OutputError
from app.model.class_report import (
    AttemptRecord,
    ClassData,
    ClassReport,
    QuizKey,
    SkippedFile,
    csv_tables,
    read_class,
)
from app.model.csvsafe import write_csv
from app.model.results import ResultsError
from app.model.schema import step_key

if TYPE_CHECKING:
    from app.model.pack import Pack


@dataclass(frozen=True, slots=True)
class GradebookQuiz:
    """A quiz column: where the quiz is, and its column header (unique in the table)."""

    key: QuizKey
    header: str


@dataclass(frozen=True, slots=True)
class GradebookRow:
    """One learner's line."""

    identity: str
    name: str
    best: dict[QuizKey, float]  # best score fraction on each quiz taken, 0 to 1
    completion: float | None  # lessons completed over the pack's lessons, 0 to 1
    discernment: float | None  # of the latest attempt that has one, -5 to 5
    trust: float | None  # of the latest attempt that has one


@dataclass(frozen=True, slots=True)
class Gradebook:
    """The gradebook table and the files read for it."""

    pack_id: str | None
    quizzes: tuple[GradebookQuiz, ...]
    rows: tuple[GradebookRow, ...]
    skipped: tuple[SkippedFile, ...] = ()
    files_read: tuple[str, ...] = field(default=())

    def header(self) -> list[str]:
        """The header row: identity, name, a column per quiz, then completion, discernment, trust."""
        return [
            "identity",
            "name",
            *(quiz.header for quiz in self.quizzes),
            "completion_percent",
            "discernment",
            "trust",
        ]

    def table(self) -> list[list[float | str]]:
        """The rows under the header; an empty cell where there is no value (a quiz not taken)."""
        return [
            [
                row.identity,
                row.name,
                *(_cell(row.best.get(quiz.key), 100, 1) for quiz in self.quizzes),
                _cell(row.completion, 100, 1),
                _cell(row.discernment),
                _cell(row.trust),
            ]
            for row in self.rows
        ]


def _cell(value: float | None, scale: float = 1.0, digits: int = 2) -> float | str:
    return "" if value is None else round(value * scale, digits)


def _pack_quizzes(pack: Pack) -> list[tuple[QuizKey, str]]:
    """The pack's quizzes in order, each with a title a teacher recognises."""
    found = []
    for module in pack.modules:
        for lesson in module.lessons:
            quizzes = [(position, step) for position, step in enumerate(lesson.steps) if step.quiz is not None]
            for number, (position, step) in enumerate(quizzes, start=1):
                assert step.quiz is not None
                title = step.quiz.title or (lesson.title if len(quizzes) == 1 else f"{lesson.title} ({number})")
                found.append(((module.id, lesson.id, step_key(step, position)), title))
    return found


def _seen_quizzes(data: ClassData) -> list[tuple[QuizKey, str]]:
    """Without the pack: every quiz some learner took, titled as the statements name it."""
    titles: dict[QuizKey, str] = {}
    for learner in data.learners.values():
        for attempt in sorted(learner.attempts.values(), key=AttemptRecord.order):
            titles.setdefault(attempt.quiz, attempt.title or "/".join(attempt.quiz))
    return sorted(titles.items())


def _unique_headers(quizzes: list[tuple[QuizKey, str]]) -> tuple[GradebookQuiz, ...]:
    """Column headers ``<title> (%)``, made unique with the module and lesson when titles repeat."""
    counts: dict[str, int] = {}
    for _, title in quizzes:
        counts[title] = counts.get(title, 0) + 1
    columns = []
    taken: set[str] = set()
    for key, title in quizzes:
        header = f"{title} (%)" if counts[title] == 1 else f"{title} [{'/'.join(key)}] (%)"
        while header in taken:
            header = header[:-4] + "*" + " (%)"
        taken.add(header)
        columns.append(GradebookQuiz(key, header))
    return tuple(columns)


def _latest(attempts: list[AttemptRecord], name: str) -> float | None:
    """The value ``name`` of the learner's most recent attempt that has one."""
    for attempt in sorted(attempts, key=AttemptRecord.order, reverse=True):
        value = getattr(attempt, name, None)
        if isinstance(value, int | float):
            return float(value)
    return None


def gradebook_from(data: ClassData, pack: Pack | None) -> Gradebook:
    """Build the gradebook from the learners read (for ``pack`` when given)."""
    quizzes = _pack_quizzes(pack) if pack is not None else _seen_quizzes(data)
    if pack is not None:
        lessons_total = sum(len(module.lessons) for module in pack.modules)
    else:
        lessons_total = len(set().union(*(learner.lessons_seen for learner in data.learners.values())))
    rows = []
    for learner in data.learners.values():
        attempts = list(learner.attempts.values())
        best: dict[QuizKey, float] = {}
        for attempt in attempts:
            best[attempt.quiz] = max(best.get(attempt.quiz, 0.0), attempt.score)
        rows.append(
            GradebookRow(
                learner.identity or learner.uuid,
                learner.name,
                best,
                len(learner.completed) / lessons_total if lessons_total else None,
                _latest(attempts, "discernment"),
                _latest(attempts, "trust"),
            )
        )
    rows.sort(key=lambda row: (row.name.casefold(), row.identity))
    return Gradebook(data.pack_id, _unique_headers(quizzes), tuple(rows), tuple(data.skipped),
                     tuple(data.files_read))


def build_gradebook(paths: Sequence[Path | str], pack: Pack | None = None) -> Gradebook:
    """Read learners' results files and build the gradebook (for ``pack`` when given)."""
    return gradebook_from(read_class(paths, pack.id if pack is not None else None), pack)


def write_gradebook(gradebook: Gradebook, path: Path | str) -> None:
    """Write the gradebook: one header row, one row per learner (UTF-8 with a BOM, spreadsheet-safe)."""
    try:
        write_csv(path, gradebook.header(), gradebook.table())
    except OutputError as error:
        raise ResultsError(str(error)) from error


def write_item_analysis(report: ClassReport, path: Path | str) -> None:
    """Write the class report's question table alone: one header row, one row per question."""
    _title, header, rows = next(table for table in csv_tables(report) if table[0] == "Questions")
    try:
        write_csv(path, header, rows)
    except OutputError as error:
        raise ResultsError(str(error)) from error

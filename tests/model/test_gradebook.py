"""Gradebook CSV: one header row, one row per learner, best score per quiz; item analysis on its own."""

from __future__ import annotations

import csv
from datetime import timedelta
from pathlib import Path

import pytest

from app.commands.report import run_report
from app.model.class_report import build_report, read_class
from app.model.gradebook import build_gradebook, gradebook_from, write_gradebook, write_item_analysis
from app.model.pack import Pack
from app.model.progress import ProgressStore
from tests.model import test_class_report as class_tests
from tests.model.test_class_report import QUIZ_1, QUIZ_2, T0, attempt, export

tiny_class = class_tests.tiny_class  # the class report's four learners, as a fixture here too


def _read(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def test_gradebook_is_one_tidy_table_with_best_scores(tiny_class: list[Path], tmp_path: Path) -> None:
    gradebook = build_gradebook(tiny_class)
    out = tmp_path / "grades.csv"
    write_gradebook(gradebook, out)
    rows = _read(out)
    header, body = rows[0], rows[1:]
    assert header[:2] == ["identity", "name"] and header[-3:] == ["completion_percent", "discernment", "trust"]
    assert len(header) == 2 + 2 + 3  # two quizzes
    assert [row[1] for row in body] == ["L1", "L2", "L3", "L4"]
    assert len({row[0] for row in body}) == 4 and all(len(row) == len(header) for row in body)
    by_name = {row[1]: dict(zip(header, row, strict=True)) for row in body}
    quiz_1, quiz_2 = header[2], header[3]
    # L1 got quiz 1 all right first, then all wrong: the best attempt counts (the first-try report differs)
    assert float(by_name["L1"][quiz_1]) == 100.0
    assert float(by_name["L4"][quiz_1]) == 0.0
    assert float(by_name["L2"][quiz_2]) == 50.0
    assert "" not in [row[0] for row in body]


def test_a_quiz_not_taken_is_an_empty_cell_and_completion_counts_lessons(
    store: ProgressStore, tmp_path: Path
) -> None:
    one = store.create_profile("Only quiz one")
    attempt(store, one, QUIZ_1, {"a": 1, "b": 0}, T0, discernment=1.5)
    two = store.create_profile("Both")
    attempt(store, two, QUIZ_1, {"a": 1, "b": 1}, T0)
    attempt(store, two, QUIZ_2, {"d": 0}, T0 + timedelta(hours=1), discernment=-0.5)
    gradebook = build_gradebook([export(store, one, tmp_path), export(store, two, tmp_path)])
    header = gradebook.header()
    table = {row[1]: dict(zip(header, row, strict=True)) for row in gradebook.table()}
    quiz_2 = header[3]
    assert table["Only quiz one"][quiz_2] == ""
    assert table["Only quiz one"]["discernment"] == 1.5
    assert table["Both"]["discernment"] == -0.5  # the latest attempt's
    assert table["Both"][quiz_2] == 0.0


def test_with_the_pack_every_quiz_is_a_column_in_pack_order(pack: Pack, store: ProgressStore, tmp_path: Path) -> None:
    profile = store.create_profile("Mei")
    data = read_class([export(store, profile, tmp_path)], pack.id)
    gradebook = gradebook_from(data, pack)
    quizzes = [(m.id, lesson.id) for m in pack.modules for lesson in m.lessons
               for step in lesson.steps if step.quiz is not None]
    assert [quiz.key[:2] for quiz in gradebook.quizzes] == quizzes
    assert len({quiz.header for quiz in gradebook.quizzes}) == len(quizzes)


def test_item_analysis_is_one_row_per_question(tiny_class: list[Path], tmp_path: Path) -> None:
    report = build_report(tiny_class)
    out = tmp_path / "items.csv"
    write_item_analysis(report, out)
    rows = _read(out)
    assert rows[0][:3] == ["quiz", "quiz_title", "question"]
    assert sorted(row[2] for row in rows[1:]) == ["a", "b", "c", "d", "e", "f", "g"]


def test_report_command_writes_gradebook_and_items(
    tiny_class: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    grades, items = tmp_path / "grades.csv", tmp_path / "items.csv"
    assert run_report([*map(str, tiny_class), "-o", str(grades), "--gradebook", "--items", str(items)]) == 0
    out = capsys.readouterr().out
    assert "Wrote the gradebook (4 learners, 2 quizzes)" in out
    assert len(_read(grades)) == 5 and len(_read(items)) == 8


def test_gradebook_cells_from_files_cannot_become_formulas(store: ProgressStore, tmp_path: Path) -> None:
    profile = store.create_profile("=HYPERLINK(1+1)")
    attempt(store, profile, QUIZ_1, {"a": 1}, T0)
    out = tmp_path / "grades.csv"
    write_gradebook(build_gradebook([export(store, profile, tmp_path)]), out)
    assert _read(out)[1][1].startswith("'=")


def test_trust_and_discernment_come_from_the_latest_judged_attempt(pack: Pack, tmp_path: Path) -> None:
    """Learners who rated judge items get a discernment and a trust in the gradebook (assess's trust)."""
    from tests.class_data import make_class

    files = make_class(pack, tmp_path / "class", count=4, seed=2)
    data = read_class(files, pack.id)
    gradebook = gradebook_from(data, pack)
    judged = [row for row in gradebook.rows if row.discernment is not None]
    assert judged, "the synthetic class rated judge items"
    for row in judged:
        learner = data.learners[next(key for key, rec in data.learners.items() if (rec.identity or key) == row.identity)]
        latest = max((a for a in learner.attempts.values() if a.trust is not None), key=lambda a: a.order())
        assert row.trust == latest.trust

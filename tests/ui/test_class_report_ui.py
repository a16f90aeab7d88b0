"""Class report window and LRS settings: tables, flags, sorting, CSV export, skipped files, the sender thread."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QWidget

from app.model import lrs
from app.model.class_report import ClassReport, build_report
from app.model.pack import Pack
from app.model.progress import ProgressStore
from app.ui import class_report as class_report_ui
from app.ui.class_report import ClassReportDialog, ClassReportView
from app.ui.lrs_settings import LrsSettingsDialog, LrsSyncController
from tests.class_data import make_class


@pytest.fixture(scope="module")
def class_files(pack: Pack, tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Eight learners who studied the example pack; q-tf is answered right by the weaker ones."""
    return make_class(pack, tmp_path_factory.mktemp("class"), count=8, seed=3, broken="q-tf")


@pytest.fixture
def report(class_files: list[Path], pack: Pack) -> ClassReport:
    return build_report(class_files, pack)


def test_report_view_shows_every_question_and_learner(qtbot, report: ClassReport, pack: Pack) -> None:
    """One row per question and per learner; flagged questions carry an icon and the flag in words."""
    view = ClassReportView(report, pack)
    qtbot.addWidget(view)
    questions = view.questions_table
    assert questions.proxy.rowCount() == len(report.questions)
    assert view.learners_table.proxy.rowCount() == len(report.learners) == 8
    assert "8 learners from 8 files" in view.summary_label.text()
    check_column = class_report_ui.ClassReportView.QUESTION_HEADERS.index("Check")
    assert report.flagged, "the synthetic class has a broken question"
    for row, question in enumerate(report.questions):
        cell = questions.proxy.index(row, check_column)
        if question.flags:
            assert str(question.flags[0]) in cell.data().lower()
            assert cell.data(Qt.ItemDataRole.DecorationRole) is not None  # the warning icon
        else:
            assert cell.data(Qt.ItemDataRole.DecorationRole) is None
    assert questions.accessibleName() == "Questions" and view.learners_table.accessibleName() == "Learners"
    assert [bar.label for bar in view.techniques_chart.rows] == [row.label for row in report.techniques]
    assert view.change_label.text() == report.change.reading


def test_report_view_shows_trust_beside_discernment(qtbot, report: ClassReport, pack: Pack) -> None:
    """The window draws the class's average trust before and after, and each learner's discernment and trust."""
    view = ClassReportView(report, pack)
    qtbot.addWidget(view)
    change = report.change
    assert change.learners_both_trust > 0
    assert (view.trust_chart.before, view.trust_chart.after) == (change.mean_pre_trust, change.mean_post_trust)
    assert view.trust_chart.accessibleDescription().startswith("Average trust: before ")
    trust_column = ClassReportView.LEARNER_HEADERS.index("Trust")
    for row in range(view.learners_table.proxy.rowCount()):
        learner = next(r for r in report.learners if r.name == view.learners_table.cell_text(row, 0))
        if learner.pre_trust is not None and learner.post_trust is not None:
            expected = f"{learner.pre_trust:+.1f} → {learner.post_trust:+.1f}"
            assert view.learners_table.cell_text(row, trust_column) == expected


def test_tables_sort_on_values_not_text(qtbot, report: ClassReport, pack: Pack) -> None:
    """Sorting by facility orders the rows by the number (so 9% comes before 80%), empty values last."""
    view = ClassReportView(report, pack)
    qtbot.addWidget(view)
    column = ClassReportView.QUESTION_HEADERS.index("Facility")
    view.questions_table.sortByColumn(column, Qt.SortOrder.DescendingOrder)
    shown = [view.questions_table.cell_text(row, 0) for row in range(view.questions_table.proxy.rowCount())]
    expected = sorted(report.questions, key=lambda q: -1 if q.facility is None else q.facility, reverse=True)
    assert shown == [q.prompt for q in expected]


def test_export_csv_writes_the_report(
    qtbot, report: ClassReport, pack: Pack, tmp_path: Path, monkeypatch
) -> None:
    """Export CSV… asks where, then writes the report's tables there and says so."""
    dialog = ClassReportDialog(report, pack)
    qtbot.addWidget(dialog)
    target = tmp_path / "class"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(target), "CSV files (*.csv)")
    )
    dialog.export_button.click()
    written = tmp_path / "class.csv"
    text = written.read_text(encoding="utf-8-sig")
    assert "Questions" in text and report.learners[0].name in text
    assert "class.csv" in dialog.status_label.text()


def test_open_class_report_lists_skipped_files(
    qtbot, class_files: list[Path], pack: Pack, tmp_path: Path, monkeypatch
) -> None:
    """Opening many files at once shows the report; a damaged file is listed with its reason, not raised."""
    damaged = tmp_path / "damaged.json"
    damaged.write_text('{"statements": [', encoding="utf-8")

    monkeypatch.setattr(
        QFileDialog, "getOpenFileNames", lambda *args, **kwargs: ([*map(str, class_files), str(damaged)], "")
    )
    window = QWidget()
    qtbot.addWidget(window)
    window.packs = [pack]  # what the main window offers
    dialog = class_report_ui.open_class_report(window)
    assert dialog is not None
    qtbot.addWidget(dialog)
    skipped = dialog.view.skipped_label
    assert not skipped.isHidden() and "damaged.json" in skipped.text()
    assert dialog.report.pack_loaded and dialog.report.techniques


def test_gradebook_and_item_analysis_export_from_the_window(
    qtbot, class_files: list[Path], pack: Pack, tmp_path: Path, monkeypatch
) -> None:
    """The window opened on files offers a gradebook (a row per learner) and an item analysis (a row per question)."""
    dialog = class_report_ui.show_class_report(list(map(str, class_files)), [pack])
    qtbot.addWidget(dialog)
    assert dialog.gradebook_button.isVisible() and dialog.items_button.isVisible()
    for button, name in ((dialog.gradebook_button, "grades"), (dialog.items_button, "items")):
        monkeypatch.setattr(
            QFileDialog, "getSaveFileName", lambda *a, name=name, **k: (str(tmp_path / name), "CSV files (*.csv)")
        )
        button.click()
        assert f"{name}.csv" in dialog.status_label.text()
    grades = (tmp_path / "grades.csv").read_text(encoding="utf-8-sig").splitlines()
    items = (tmp_path / "items.csv").read_text(encoding="utf-8-sig").splitlines()
    assert grades[0].startswith("identity,name,") and len(grades) == 1 + 8
    assert items[0].startswith("quiz,quiz_title,question") and len(items) == 1 + len(dialog.report.questions)


def test_main_window_has_the_classroom_menu_items(example_window) -> None:
    """File holds Class report… and Send results to an LRS…"""
    file_menu = example_window.menuBar().actions()[0].menu()
    texts = [action.text() for action in file_menu.actions()]
    assert "&Class report…" in texts and "Send results to an &LRS…" in texts


class _LrsHandler(BaseHTTPRequestHandler):
    received: ClassVar[list[dict[str, Any]]] = []

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        type(self).received += body
        self.send_response(200)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"[]")

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def lrs_server() -> Iterator[str]:
    _LrsHandler.received = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _LrsHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/xAPI/"
    server.shutdown()
    server.server_close()


@pytest.fixture
def class_store(class_files: list[Path]) -> Iterator[ProgressStore]:
    with ProgressStore.open(class_files[0].parent / "class.sqlite3") as store:
        yield store


def test_settings_dialog_checks_warns_and_keeps_the_password_out_of_files(
    qtbot, class_store: ProgressStore, pack: Pack
) -> None:
    """A bad endpoint is refused with a reason, plain http to another computer too; no keyring means this session only."""
    controller = LrsSyncController(class_store, lambda: [pack], lrs.CredentialStore(use_system=False))
    dialog = LrsSettingsDialog(class_store, controller)
    qtbot.addWidget(dialog)
    assert "only until Unspun closes" in dialog.keyring_label.text()
    dialog.enabled_box.setChecked(True)
    dialog.endpoint_edit.setText("lrs.example.org")
    assert dialog.save() is False and "http" in dialog.warning_label.text()
    dialog.endpoint_edit.setText("http://lrs.example.org/xAPI/")
    assert "not encrypted" in dialog.warning_label.text()
    assert dialog.save() is False  # issue 15: plain http only to this computer (was a warning before)
    assert "Plain http is allowed only" in dialog.warning_label.text()
    dialog.endpoint_edit.setText("https://lrs.example.org/xAPI/")
    assert dialog.warning_label.text() == ""
    dialog.username_edit.setText("teacher")
    dialog.password_edit.setText("never-in-a-file-42")
    controller.request_sync = lambda force=False: True  # this test sends nothing
    assert dialog.save() is True
    assert lrs.load_settings(class_store) == lrs.LrsSettings("https://lrs.example.org/xAPI/", "teacher", True)
    for file in class_store.path.parent.glob("class.sqlite3*"):
        assert b"never-in-a-file-42" not in file.read_bytes()
    controller.credentials.forget("https://lrs.example.org/xAPI/", "teacher")
    controller.shutdown()


def test_sender_thread_sends_everything_and_the_dialog_shows_it(
    qtbot, class_store: ProgressStore, pack: Pack, lrs_server: str
) -> None:
    """Send now runs the sync off the UI thread; afterwards the status line counts every statement as sent."""
    credentials = lrs.CredentialStore(use_system=False)
    lrs.save_settings(class_store, lrs.LrsSettings(lrs_server, "teacher", True))
    credentials.save(lrs_server, "teacher", "pw")
    controller = LrsSyncController(class_store, lambda: [pack], credentials)
    dialog = LrsSettingsDialog(class_store, controller)
    qtbot.addWidget(dialog)
    try:
        dialog.send_button.click()
        assert controller.running
        qtbot.waitUntil(lambda: not controller.running, timeout=60_000)
        status = lrs.outbox_status(class_store)
        assert status.queued == 0 and status.sent == len(_LrsHandler.received) > 0
        assert f"{status.sent} sent" in dialog.status_label.text()
        assert len({item["id"] for item in _LrsHandler.received}) == len(_LrsHandler.received)
    finally:
        controller.shutdown()
        credentials.forget(lrs_server, "teacher")
        lrs.save_settings(class_store, lrs.LrsSettings())


def test_one_file_and_one_answer_are_not_plural(qtbot, class_files: list[Path], pack: Pack) -> None:
    """A report of one learner's file says '1 learner from 1 file'; a technique answered once says '1 answer'."""
    report = build_report(class_files[:1], pack)
    view = ClassReportView(report, pack)
    qtbot.addWidget(view)
    assert view.summary_label.text().startswith("1 learner from 1 file.")
    details = {bar.label: bar.detail for bar in view.technique_rows()}
    for row in report.techniques:
        answers = "1 answer" if row.answers == 1 else f"{row.answers} answers"
        assert details[row.label].startswith(f"{answers}, ")

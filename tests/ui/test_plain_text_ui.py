"""Text from files is shown as text: pack titles, results files' names and LRS replies never as HTML.

Qt reads a label's, a message box's or a tooltip's text as HTML when it looks like HTML. Here every
plain-text field of a pack, a learner's name in a results file and an LRS's error hold markup, and
every widget that shows them must show the tags as written. The nested tables in a name froze the
class report for minutes when read as HTML; shown as text they cost nothing.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QPushButton, QToolTip, QWidget

from app.model import lrs, results
from app.model.class_report import build_report
from app.model.pack import Pack
from app.model.progress import ProgressStore
from app.model.session import QuestionResult, QuizResult
from app.ui.app import build_main_window, ensure_application
from app.ui.class_report import ClassReportDialog
from app.ui.lrs_settings import LrsSettingsDialog, LrsSyncController
from app.ui.plain_text import message_box
from tests.conftest import EXAMPLE_PACK
from tests.hostile_pack import MARK, hostile_copy

NESTED = "<table><tr><td>" * 20 + "x" + "</td></tr></table>" * 20
LEARNER = f"<h1>Fake heading</h1><img src='/etc/hostname'>{NESTED}"


def html_offenders(widgets: list[QWidget], needle: str) -> list[str]:
    """Labels showing ``needle``'s markup that would read it as HTML."""
    return [
        f"label {widget.objectName() or type(widget.parent()).__name__}: {widget.text()[:50]}"
        for widget in widgets
        if isinstance(widget, QLabel)
        and needle in widget.text()
        and widget.textFormat() != Qt.TextFormat.PlainText
    ]


def all_widgets() -> list[QWidget]:
    return [child for top in QApplication.topLevelWidgets() for child in [top, *top.findChildren(QWidget)]]


def test_every_screen_of_a_hostile_pack_shows_its_markup_as_text(qtbot, no_builtin_pack, tmp_path: Path) -> None:
    pack_root = hostile_copy(EXAMPLE_PACK, tmp_path / "pack")
    window = build_main_window([str(pack_root)])
    qtbot.addWidget(window)
    window.resize(1100, 760)
    window.show()
    pack = window.packs[0]
    assert all(MARK in lesson.title for module in pack.modules for lesson in module.lessons)
    offenders = html_offenders(all_widgets(), MARK)
    for module in pack.modules:
        for lesson in module.lessons:
            for index in range(len(lesson.steps)):
                if index == 0:
                    window.open_lesson(pack, module, lesson, 0)
                else:
                    window.player.open_step(index)
                QApplication.processEvents()
                offenders += html_offenders(all_widgets(), MARK)
    window.present_lesson()  # the projector view of the open lesson
    QApplication.processEvents()
    assert window.presentation is not None
    offenders += html_offenders(all_widgets(), MARK)
    window.presentation.close()
    for show in (window.mastery.show_dashboard, window.mastery.show_review, window.show_library):
        show()
        QApplication.processEvents()
        offenders += html_offenders(all_widgets(), MARK)
    assert sorted(set(offenders)) == []
    window.close()
    window.store.close()


def test_a_tooltip_quoting_a_pack_is_shown_escaped(qtbot) -> None:
    """Tooltips built from pack titles (step dots, Continue buttons, alt text) show their tags as text."""
    ensure_application()  # installs the application's tooltip filter
    button = QPushButton("Continue")
    qtbot.addWidget(button)
    button.setToolTip(f"Continue “{MARK} The post”")
    button.show()
    qtbot.waitExposed(button)
    event = QHelpEvent(QEvent.Type.ToolTip, QPoint(5, 5), button.mapToGlobal(QPoint(5, 5)))
    QApplication.sendEvent(button, event)
    assert "&lt;i&gt;HOSTILE&lt;/i&gt;" in QToolTip.text()
    QToolTip.hideText()


def test_an_items_tooltip_quoting_a_file_is_shown_escaped(qtbot) -> None:
    """Item views (the library tree, the class report's tables) show item tooltips escaped too."""
    from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem

    ensure_application()
    tree = QTreeWidget()
    qtbot.addWidget(tree)
    item = QTreeWidgetItem([f"{MARK} The post"])
    item.setToolTip(0, f"{MARK} The post (5 steps)")
    tree.addTopLevelItem(item)
    tree.show()
    qtbot.waitExposed(tree)
    where = tree.visualItemRect(item).center()
    event = QHelpEvent(QEvent.Type.ToolTip, where, tree.viewport().mapToGlobal(where))
    QApplication.sendEvent(tree.viewport(), event)
    assert "&lt;i&gt;HOSTILE&lt;/i&gt; The post (5 steps)" in QToolTip.text()
    QToolTip.hideText()


@pytest.fixture
def hostile_results(store: ProgressStore, tmp_path: Path) -> Path:
    """A results file whose learner is named with a fake heading, a local image and 20 nested tables."""
    profile = store.create_profile("Mei")
    result = QuizResult((QuestionResult("q1", True, 1.0, 1.0, 1.0),), 0.5, None, None, None, None)
    store.record_attempt(profile, "tiny", "m", "l", "#1", result, {"q1": "true_false"}, None)
    path = tmp_path / "hostile.json"
    results.export_json(store, profile, [], path)
    statements = json.loads(path.read_text(encoding="utf-8"))
    for statement in statements:
        statement["actor"]["name"] = LEARNER
    path.write_text(json.dumps(statements), encoding="utf-8")
    return path


def test_the_class_report_shows_a_hostile_name_as_text(qtbot, hostile_results: Path, tmp_path: Path) -> None:
    damaged = tmp_path / ("<table><tr><td>" * 5 + "x.json")
    damaged.write_text("{", encoding="utf-8")
    report = build_report([hostile_results, damaged])
    [name] = [row.name for row in report.learners]
    assert name.startswith("<h1>Fake heading</h1><img") and LEARNER.startswith(name)  # cut to the name limit
    dialog = ClassReportDialog(report)
    qtbot.addWidget(dialog)
    dialog.resize(900, 700)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.grab()  # paints everything once: as HTML, the nested tables took minutes
    assert html_offenders([dialog, *dialog.findChildren(QWidget)], "<table>") == []
    assert dialog.view.learners_table.cell_text(0, 0) == name
    assert "<table><tr><td>" * 5 + "x.json" in dialog.view.skipped_label.text()


def test_lrs_dialog_texts_are_plain(qtbot, store: ProgressStore, pack: Pack) -> None:
    """An LRS's error reply, the warnings and the keyring line are plain text."""
    controller = LrsSyncController(store, lambda: [pack], lrs.CredentialStore(use_system=False))
    dialog = LrsSettingsDialog(store, controller)
    qtbot.addWidget(dialog)
    for label in (dialog.status_label, dialog.warning_label, dialog.keyring_label):
        assert label.textFormat() == Qt.TextFormat.PlainText
    dialog.status_label.setText(f"Last try: the LRS said {NESTED}.")
    dialog.grab()
    controller.shutdown()


def test_message_boxes_show_plain_text(qtbot) -> None:
    box = message_box(None, QMessageBox.Icon.Warning, "Import results", f"{LEARNER} could not be imported.")
    qtbot.addWidget(box)
    assert box.textFormat() == Qt.TextFormat.PlainText


def test_the_rename_prompt_shows_an_imported_name_as_text(qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    """A profile named by an imported results file is quoted in the rename prompt as written."""
    from PySide6.QtWidgets import QInputDialog

    from app.ui import profiles

    seen: list[tuple[str, Qt.TextFormat]] = []

    def answer(dialog: QInputDialog) -> int:
        label = dialog.findChildren(QLabel)[0]
        seen.append((label.text(), label.textFormat()))
        dialog.setTextValue("Mei")
        return 1

    monkeypatch.setattr(QInputDialog, "exec", answer)
    assert profiles.ask_text(None, "Rename profile", f"New name for {LEARNER}:", "x") == "Mei"
    assert seen == [(f"New name for {LEARNER}:", Qt.TextFormat.PlainText)]

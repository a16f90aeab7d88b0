"""File > Export worksheet… and Export answer key… write the open pack's handouts."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

from app.ui import handout_actions
from app.ui.main_window import MainWindow


def export_via_menu(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, target: Path, answer_key: bool, scope: int = 0
) -> list[str]:
    """Export through the menu, choosing scope number ``scope``; return the labels offered and the file announced."""
    offered: list[str] = []

    def choose(_parent, scopes, _kind):
        offered.extend(item.label for item in scopes)
        return scopes[scope]

    monkeypatch.setattr(handout_actions, "ask_scope", choose)
    monkeypatch.setattr(handout_actions, "announce_saved", lambda _parent, path, _kind: offered.append(path))
    monkeypatch.setattr(handout_actions.QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "PDF (*.pdf)"))
    action = window.handouts.answer_key_action if answer_key else window.handouts.worksheet_action
    action.trigger()
    return offered


def pdf_text(path: Path) -> str:
    """Return a PDF's text, ligatures unfolded (NFKC) and white space runs folded to one space."""
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
    return " ".join(unicodedata.normalize("NFKC", text).split())


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")
def test_worksheet_and_key_are_written_for_the_open_pack(
    example_window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The menu actions write a PDF worksheet without answers and a key with them."""
    worksheet, key = tmp_path / "sheet.pdf", tmp_path / "key.pdf"
    export_via_menu(example_window, monkeypatch, worksheet, answer_key=False)
    export_via_menu(example_window, monkeypatch, key, answer_key=True)
    sheet_text, key_text = (pdf_text(path) for path in (worksheet, key))
    assert "What does the post offer as proof?" in sheet_text
    assert "A testimonial is not evidence." not in sheet_text
    assert "A testimonial is not evidence." in key_text


def test_an_unwritable_target_shows_a_message_not_a_traceback(
    example_window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A path inside a missing folder gets a warning box naming the problem."""
    warnings: list[str] = []
    monkeypatch.setattr(handout_actions, "show_message", lambda parent, icon, title, text: warnings.append(text))
    export_via_menu(example_window, monkeypatch, tmp_path / "missing" / "sheet.pdf", answer_key=False)
    assert len(warnings) == 1 and "sheet.pdf" in warnings[0]


def test_the_actions_are_in_the_file_menu(example_window: MainWindow) -> None:
    """Both exports are reachable from File, with a shortcut shown on the worksheet."""
    file_menu = example_window.menuBar().actions()[0].menu()
    texts = [action.text() for action in file_menu.actions()]
    assert "Export &worksheet…" in texts and "Export answer &key…" in texts
    assert example_window.handouts.worksheet_action.shortcut().toString() == "Ctrl+Shift+P"


def test_a_worksheet_of_one_lesson_and_the_offer_to_open_it(
    example_window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """In a lesson, the export offers the whole pack, its module and the lesson; the lesson's sheet is small."""
    pack = example_window.packs[0]
    module = pack.module("tea")
    example_window.open_lesson(pack, module, pack.lesson("tea", "check"), 0)
    whole, lesson = tmp_path / "whole.html", tmp_path / "lesson.html"
    offered = export_via_menu(example_window, monkeypatch, whole, answer_key=False, scope=0)
    assert offered[:3] == [
        f"The whole pack: {pack.title} (1 module)",
        f"One module: {module.title}",
        "One lesson: Check yourself",
    ]
    assert offered[-1] == str(whole)  # the saved file is announced, with Open and Show in folder
    export_via_menu(example_window, monkeypatch, lesson, answer_key=False, scope=2)
    whole_text, lesson_text = whole.read_text("utf-8"), lesson.read_text("utf-8")
    assert "What does the post offer as proof?" in lesson_text
    assert "Before we start" in whole_text and "Before we start" not in lesson_text
    assert len(lesson_text) < len(whole_text)

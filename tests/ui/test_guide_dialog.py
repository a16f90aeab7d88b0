"""Help > Writing lesson packs and Help > Pack format reference: the shipped guides, read-only in a window."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QUrl

from app import resources
from app.ui import guide_dialog
from app.ui.guide_dialog import GuideDialog, heading_slug
from tests.conftest import ROOT


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[GuideDialog]:
    """Record the guide dialogs the window opens instead of blocking in exec()."""
    shown: list[GuideDialog] = []
    monkeypatch.setattr(GuideDialog, "exec", lambda dialog: shown.append(dialog) or 0)
    return shown


def test_help_opens_the_authoring_guide(make_window, opened, qtbot):
    window = make_window()
    window.authoring_guide_action.trigger()
    assert len(opened) == 1
    dialog = opened[0]
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Writing lesson packs - Unspun"
    assert dialog.browser.path == ROOT / "docs" / "authoring.md"
    text = dialog.browser.toPlainText()
    assert text.startswith("Writing lesson packs")
    assert "Your first pack" in text and "unspun new mypack" in text
    assert dialog.browser.isReadOnly()
    assert not dialog.missing_label.isVisibleTo(dialog)


def test_help_opens_the_format_reference(make_window, opened, qtbot):
    window = make_window()
    window.format_guide_action.trigger()
    qtbot.addWidget(opened[0])
    assert opened[0].browser.path == ROOT / "docs" / "pack-format.md"
    text = opened[0].browser.toPlainText()
    assert text.startswith("Lesson pack format, version 1")  # the editors' note above the title is not shown
    assert "pack.yaml" in text


def test_a_link_to_the_other_guide_opens_it_in_place_and_back_returns(qtbot):
    dialog = GuideDialog("authoring.md")
    qtbot.addWidget(dialog)
    dialog.browser.anchorClicked.emit(QUrl("pack-format.md"))
    assert dialog.browser.path == ROOT / "docs" / "pack-format.md"
    dialog.browser.go_back()
    assert dialog.browser.path == ROOT / "docs" / "authoring.md"
    dialog.browser.go_forward()
    assert dialog.browser.path == ROOT / "docs" / "pack-format.md"


def test_pictures_in_the_guide_are_found_beside_it(qtbot):
    """The Problems panel screenshot the guide shows is loaded, scaled to the window."""
    dialog = GuideDialog("authoring.md")
    qtbot.addWidget(dialog)
    html = dialog.browser.toHtml()
    assert 'src="screenshots/problems-panel.png"' in html
    image = dialog.browser.document().resource(3, QUrl("screenshots/problems-panel.png"))  # ImageResource
    assert image is not None and not image.isNull()


def test_headings_are_anchors_named_as_the_guides_link_to_them():
    assert heading_slug("Editor support") == "editor-support"
    assert heading_slug("1. Start from the <code>starter</code> pack") == "1-start-from-the-starter-pack"
    assert "#editor-support" in (ROOT / "docs" / "authoring.md").read_text("utf-8")


def test_a_missing_guide_is_said_with_where_it_was_looked_for(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, qtbot):
    gone = tmp_path / "docs" / "authoring.md"
    monkeypatch.setattr(guide_dialog, "guide", lambda name: gone)
    dialog = GuideDialog("authoring.md")
    qtbot.addWidget(dialog)
    assert dialog.missing_label.isVisibleTo(dialog)
    assert dialog.missing_label.text() == guide_dialog.GUIDE_MISSING.format(path=gone)
    assert not dialog.browser.isVisibleTo(dialog)


def test_every_guide_ships_from_the_checkout():
    for name in resources.GUIDES:
        assert resources.guide(name).is_file()

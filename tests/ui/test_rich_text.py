"""The Markdown view serves only the pack's own files and opens only web links."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QColor, QImage, QTextDocument

from app.ui import rich_text, theme
from app.ui.rich_text import MarkdownView
from tests.conftest import EXAMPLE_PACK


def test_pack_image_is_served_and_outside_paths_are_not(qtbot, pack, tmp_path: Path) -> None:
    """loadResource decodes assets/poster.png from the pack, and refuses paths and URLs outside it."""
    secret = tmp_path / "secret.png"
    secret.write_bytes((EXAMPLE_PACK / "assets" / "poster.png").read_bytes())
    view = MarkdownView(pack)
    qtbot.addWidget(view)
    image_kind = QTextDocument.ResourceType.ImageResource.value
    inside = view.loadResource(image_kind, QUrl("assets/poster.png"))
    assert isinstance(inside, QImage) and not inside.isNull()
    placeholder_colour = QColor(theme.current_theme().window).rgba()
    assert inside.pixel(2, 2) != placeholder_colour
    for outside in (f"file://{secret}", str(secret), "../../" + str(secret), "https://example.org/x.png"):
        served = view.loadResource(image_kind, QUrl(outside))
        assert served is None or (
            served.size() != inside.size()
            and served.pixel(served.width() - 8, served.height() - 8) == placeholder_colour
        ), outside
        assert rich_text.read_pack_image(pack, outside).image is None


def test_non_image_resources_are_refused(qtbot, pack) -> None:
    """Style sheets and other resources never load from anywhere."""
    view = MarkdownView(pack)
    qtbot.addWidget(view)
    assert view.loadResource(QTextDocument.ResourceType.StyleSheetResource.value, QUrl("pack.yaml")) is None


def test_clicking_a_file_link_neither_navigates_nor_opens(qtbot, pack, monkeypatch) -> None:
    """Only http(s) goes to the system browser; a file: URL does nothing and the text stays."""
    opened: list[str] = []
    monkeypatch.setattr(rich_text.QDesktopServices, "openUrl", lambda url: opened.append(url.toString()))
    view = MarkdownView(pack)
    qtbot.addWidget(view)
    view.set_markdown("Read [this](https://example.org/a).")
    before = view.toPlainText()
    view.anchorClicked.emit(QUrl("file:///etc/passwd"))
    view.anchorClicked.emit(QUrl("https://example.org/a"))
    assert opened == ["https://example.org/a"]
    assert view.toPlainText() == before


def test_zoom_changes_the_body_size(qtbot, pack) -> None:
    """A zoom change re-renders live views with larger text."""
    view = MarkdownView(pack)
    qtbot.addWidget(view)
    view.resize(600, 100)
    view.set_markdown("Some words that wrap " * 20)
    height = view.height()
    try:
        theme.set_zoom(1.5)
        assert view.height() > height
    finally:
        theme.set_zoom(1.0)

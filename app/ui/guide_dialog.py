"""The guides for pack authors (docs/authoring.md, docs/pack-format.md), read-only in a window.

They ship inside the package (app/resources.py), so Help opens the same text from a wheel, pipx,
the desktop bundle or a checkout. They are our own text, not a pack's: markdown-it renders them
(raw HTML still off) in the style of the lessons' Markdown, headings become anchors for the
guides' ``#section`` links, pictures are read from beside the shipped file, a link to the other
guide opens it in place, and web links open in the browser.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QImage, QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTextBrowser, QVBoxLayout, QWidget

from app.resources import GUIDES, guide
from app.ui.theme import SPACE_L, SPACE_M, current_theme

#: what the window says when an installation has lost a guide (the file is named so it can be found)
GUIDE_MISSING = "This guide is missing from this installation of Unspun (looked for {path}). Reinstall Unspun to get it back."


def guide_html(path: Path, dark: bool, max_image_width: int) -> str:
    """Render the guide at ``path`` to the HTML Qt shows, styled like the lessons' Markdown."""
    from markdown_it import MarkdownIt

    from app.ui.rich_text import document_css

    source = re.sub(r"<!--.*?-->\s*", "", path.read_text(encoding="utf-8"), flags=re.DOTALL)  # notes to editors
    body = MarkdownIt("commonmark", {"html": False}).enable("table").render(source)

    def anchor(match: re.Match[str]) -> str:
        return f'{match.group(1)}<a name="{heading_slug(match.group(2))}"></a>{match.group(2)}'

    body = re.sub(r"(<h[1-6]>)(.*?)(?=</h[1-6]>)", anchor, body)

    def sized(match: re.Match[str]) -> str:  # a picture wider than the window is shown scaled down
        image = QImage(str(path.parent / html.unescape(match.group(1))))
        width = min(image.width(), max_image_width) if not image.isNull() else max_image_width
        return f'<img src="{match.group(1)}" width="{width}"'

    body = re.sub(r'<img src="([^"]*)"', sized, body)
    # a code block is one shaded block that wraps, without the empty last line markdown-it leaves
    body = re.sub(r"<pre><code[^>]*>", "<pre>", body).replace("\n</code></pre>", "</pre>")
    css = document_css(dark) + " pre { white-space: pre-wrap; line-height: 120%; } img { margin: 8px; }"
    return f"<html><head><style>{css}</style></head><body>{body}</body></html>"


def heading_slug(heading_html: str) -> str:
    """Return the ``#anchor`` a heading has on GitHub, the way the guides link to their sections."""
    text = html.unescape(re.sub(r"<[^>]+>", "", heading_html)).strip().lower()
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-")


class GuideBrowser(QTextBrowser):
    """A read-only view of one guide at a time that follows links between them, with a history."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)  # decided here: a guide opens in place, anything else in the browser
        self.setReadOnly(True)
        self.anchorClicked.connect(self._follow)
        self.setAccessibleName("Guide")
        theme = current_theme()
        self.setStyleSheet(
            f"QTextBrowser {{ background: {theme.surface}; border: 1px solid {theme.border}; padding: 12px 16px; }}"
        )
        self.path: Path | None = None
        self._back: list[Path] = []
        self._forward: list[Path] = []

    def show_guide(self, path: Path) -> None:
        """Show the guide at ``path`` from its top."""
        self.path = path
        self.document().setBaseUrl(QUrl.fromLocalFile(str(path.parent) + "/"))
        self.setHtml(guide_html(path, current_theme().dark, max(320, self.viewport().width() - 40)))

    def open_guide(self, path: Path) -> None:
        """Show another guide, remembering this one for Back."""
        if self.path is not None:
            self._back.append(self.path)
        self._forward.clear()
        self.show_guide(path)

    def go_back(self) -> None:
        if self._back and self.path is not None:
            self._forward.append(self.path)
            self.show_guide(self._back.pop())

    def go_forward(self) -> None:
        if self._forward and self.path is not None:
            self._back.append(self.path)
            self.show_guide(self._forward.pop())

    def _follow(self, url: QUrl) -> None:
        if url.scheme() in ("http", "https", "mailto"):
            QDesktopServices.openUrl(url)
            return
        if not url.path():  # a section of this guide
            self.scrollToAnchor(url.fragment())
            return
        name = Path(url.path()).name
        if name in GUIDES and self.path is not None:
            self.open_guide(self.path.parent / name)
            if url.hasFragment():
                self.scrollToAnchor(url.fragment())


class GuideDialog(QDialog):
    """Show one of the shipped guides; Alt+Left and Alt+Right go back and forward between them."""

    def __init__(self, file_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = GUIDES[file_name]
        self.setWindowTitle(f"{title} - Unspun")
        self.setAccessibleName(title)
        self.resize(900, 720)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(SPACE_L, SPACE_L, SPACE_L, SPACE_M)
        layout.setSpacing(SPACE_M)
        path = guide(file_name)
        self.browser = GuideBrowser(self)
        self.browser.setMinimumWidth(600)
        self.missing_label = QLabel(GUIDE_MISSING.format(path=path))
        self.missing_label.setWordWrap(True)
        layout.addWidget(self.missing_label)
        layout.addWidget(self.browser, 1)
        if path.is_file():
            self.missing_label.hide()
            self.browser.resize(860, 620)
            self.browser.show_guide(path)
        else:
            self.browser.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Back), self, self.browser.go_back)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Forward), self, self.browser.go_forward)
        self.browser.setFocus()

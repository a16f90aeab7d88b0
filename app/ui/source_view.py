"""A read-only view of one pack file, highlighted as YAML, with a problem's line marked.

The file is read through the pack's ``PackSource`` (so zips work and nothing outside the pack
is read). Pygments' lexer is chosen by name, never guessed, and only files up to
``MAX_HIGHLIGHT_CHARS`` are highlighted, because lexing is done on the UI thread.
"""

from __future__ import annotations

from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QPointF, QRect, QRectF, QSize, Qt, QTimer
from PySide6.QtGui import (
    QColor,
    QFont,
    QPainter,
    QPaintEvent,
    QPen,
    QPolygonF,
    QResizeEvent,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPlainTextEdit, QTextEdit, QVBoxLayout, QWidget

from app.model.problems import Problem
from app.model.source import PackFileError, PackSource
from app.ui.theme import (
    SPACE_L,
    SPACE_M,
    SPACE_S,
    SPACE_XS,
    Theme,
    current_theme,
    mono_font,
    set_style_property,
    theme_signals,
)

#: larger files are shown as plain text: highlighting 1 MB took seconds in the security review
MAX_HIGHLIGHT_CHARS = 200_000
#: larger files are not shown at all: a view of megabytes of YAML helps no one and costs memory
MAX_SHOWN_BYTES = 2 * 1024 * 1024
#: files named like this are highlighted with Pygments' YAML lexer; anything else is plain text
YAML_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True, slots=True)
class SyntaxColors:
    """Colours of the YAML token kinds in one theme."""

    key: str
    string: str
    literal: str
    comment: str
    punctuation: str


LIGHT_SYNTAX = SyntaxColors(key="#2F5FA7", string="#1E6B43", literal="#8A4FB0", comment="#6B7280",
                            punctuation="#8A8F98")
DARK_SYNTAX = SyntaxColors(key="#8DB4F0", string="#8FD1A7", literal="#D3A6F0", comment="#9096A0",
                           punctuation="#7D838C")


def syntax_colors(theme: Theme) -> SyntaxColors:
    """Return the token colours for ``theme``."""
    return DARK_SYNTAX if theme.dark else LIGHT_SYNTAX


def token_kind(token_type: object) -> str | None:
    """Map a Pygments YAML token type to a kind: key, string (plain text), literal (quoted), comment, punctuation."""
    from pygments import token

    if token_type in token.Comment:
        return "comment"
    if token_type in token.Name.Tag:
        return "key"
    if token_type in token.Literal.String:  # quoted: worth seeing, since quoting decides what YAML reads
        return "literal"
    if token_type in token.Literal or token_type in token.Name.Constant or token_type in token.Name.Variable:
        return "string"  # plain scalars, block scalar lines and flow items
    if token_type in token.Punctuation or token_type in token.Keyword or token_type in token.Name:
        return "punctuation"  # indicators, tags, anchors
    return None


def highlight_ranges(text: str, lexer_name: str) -> list[list[tuple[int, int, str]]]:
    """Lex ``text`` with the lexer called ``lexer_name``; return per line (start, length, kind) ranges."""
    from pygments.lexers import get_lexer_by_name
    from pygments.util import ClassNotFound

    lines: list[list[tuple[int, int, str]]] = [[] for _ in range(text.count("\n") + 1)]
    try:
        lexer = get_lexer_by_name(lexer_name, stripnl=False, ensurenl=False)
    except ClassNotFound:
        return lines
    line, line_start = 0, 0
    for index, token_type, value in lexer.get_tokens_unprocessed(text):
        kind = token_kind(token_type)
        offset = index
        for piece in value.split("\n"):  # a token may span lines (block scalars)
            if kind is not None and piece and line < len(lines):
                lines[line].append((offset - line_start, len(piece), kind))
            offset += len(piece)
            if offset < index + len(value):  # a newline follows this piece
                offset += 1
                line += 1
                line_start = offset
    return lines


class YamlHighlighter(QSyntaxHighlighter):
    """Colour each block from ranges computed once by Pygments."""

    def __init__(self, document: QTextDocument, ranges: list[list[tuple[int, int, str]]]) -> None:
        super().__init__(document)
        self._ranges = ranges
        self._formats: dict[str, QTextCharFormat] = {}
        self.set_theme(current_theme())

    def set_theme(self, theme: Theme) -> None:
        """Use the token colours of ``theme`` and recolour the document."""
        colors = syntax_colors(theme)
        self._formats = {}
        for kind in ("key", "string", "literal", "comment", "punctuation"):
            char_format = QTextCharFormat()
            char_format.setForeground(QColor(getattr(colors, kind)))
            if kind == "comment":
                char_format.setFontItalic(True)
            self._formats[kind] = char_format
        self.rehighlight()

    def highlightBlock(self, text: str) -> None:
        """Apply the ranges of the current line."""
        number = self.currentBlock().blockNumber()
        if 0 <= number < len(self._ranges):
            for start, length, kind in self._ranges[number]:
                self.setFormat(start, length, self._formats[kind])


class SourceGutterView(QWidget):
    """The line numbers beside the text, with a marker at the problem's line."""

    def __init__(self, text_view: SourceTextView) -> None:
        super().__init__(text_view)
        self.text_view = text_view

    def sizeHint(self) -> QSize:
        return QSize(self.text_view.gutter_width(), 0)

    def paintEvent(self, event: QPaintEvent) -> None:
        self.text_view.paint_gutter(event)


class SourceTextView(QPlainTextEdit):
    """Read-only text with line numbers; one line can be marked as an error or a warning."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sourceText")
        self.setAccessibleName("Source")
        self.setReadOnly(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.setFont(mono_font())
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.marked_line: int | None = None  # 0-based block number
        self.marked_severity = "error"
        self._highlighter: YamlHighlighter | None = None
        self.gutter = SourceGutterView(self)
        self.blockCountChanged.connect(self._on_text_block_count_changed)
        self.updateRequest.connect(self._on_text_update_request)
        self._on_text_block_count_changed(0)

    # ---------------------------------------------------------------- contents

    def set_source(self, text: str, lexer_name: str | None) -> None:
        """Show ``text``, highlighted with the lexer named ``lexer_name`` (None: plain)."""
        if self._highlighter is not None:
            self._highlighter.setDocument(None)
            self._highlighter = None
        self.marked_line = None
        self.setExtraSelections([])
        self.setPlainText(text)
        if lexer_name is not None and len(text) <= MAX_HIGHLIGHT_CHARS:
            self._highlighter = YamlHighlighter(self.document(), highlight_ranges(text, lexer_name))

    def mark_line(self, line: int, column: int, severity: str) -> None:
        """Mark 1-based ``line``, put the cursor at ``column`` and scroll the line into the middle."""
        blocks = self.document().blockCount()
        number = max(0, min(line - 1, blocks - 1))
        self.marked_line, self.marked_severity = number, severity
        block = self.document().findBlockByNumber(number)
        cursor = QTextCursor(block)
        cursor.movePosition(
            QTextCursor.MoveOperation.Right, QTextCursor.MoveMode.MoveAnchor,
            max(0, min(column - 1, block.length() - 1)),
        )
        self.setTextCursor(cursor)
        self._show_mark()
        self.centerCursor()
        # Centre again once the layout has settled: a view just shown or resized has a provisional height.
        QTimer.singleShot(0, self._recentre)
        self.gutter.update()

    def _recentre(self) -> None:
        if shiboken6.isValid(self) and self.marked_line is not None:
            self.centerCursor()

    def marked_block_visible(self) -> bool:
        """Tell whether the marked line lies inside the visible part of the view."""
        if self.marked_line is None:
            return False
        block = self.document().findBlockByNumber(self.marked_line)
        geometry = self.blockBoundingGeometry(block).translated(self.contentOffset())
        return geometry.intersects(QRectF(self.viewport().rect())) and block.isVisible()

    def set_theme(self, theme: Theme) -> None:
        """Recolour the highlighting, the mark and the gutter for ``theme``."""
        if self._highlighter is not None:
            self._highlighter.set_theme(theme)
        self._show_mark()
        self.gutter.update()

    def _mark_color(self) -> QColor:
        theme = current_theme()
        color = QColor(theme.wrong if self.marked_severity == "error" else theme.partial)
        color.setAlpha(60 if theme.dark else 34)
        return color

    def _show_mark(self) -> None:
        if self.marked_line is None:
            self.setExtraSelections([])
            return
        selection = QTextEdit.ExtraSelection()
        selection.format.setBackground(self._mark_color())
        selection.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
        selection.cursor = QTextCursor(self.document().findBlockByNumber(self.marked_line))
        self.setExtraSelections([selection])

    # ---------------------------------------------------------------- gutter

    def gutter_width(self) -> int:
        """Return the width the line numbers and the marker need."""
        digits = max(3, len(str(max(1, self.blockCount()))))
        return SPACE_S + 14 + SPACE_XS + self.fontMetrics().horizontalAdvance("9") * digits + SPACE_M

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        rect = self.contentsRect()
        self.gutter.setGeometry(QRect(rect.left(), rect.top(), self.gutter_width(), rect.height()))

    def _on_text_block_count_changed(self, _count: int) -> None:
        """Make room for the line numbers."""
        self.setViewportMargins(self.gutter_width(), 0, 0, 0)

    def _on_text_update_request(self, rect: QRect, dy: int) -> None:
        """Scroll or repaint the gutter with the text."""
        if dy:
            self.gutter.scroll(0, dy)
        else:
            self.gutter.update(0, rect.y(), self.gutter.width(), rect.height())

    def paint_gutter(self, event: QPaintEvent) -> None:
        """Paint the line numbers of the visible lines, and the marker at the marked one."""
        theme = current_theme()
        painter = QPainter(self.gutter)
        painter.fillRect(event.rect(), QColor(theme.window))
        painter.setPen(QColor(theme.border))
        painter.drawLine(self.gutter.width() - 1, event.rect().top(), self.gutter.width() - 1, event.rect().bottom())
        font = QFont(self.font())
        painter.setFont(font)
        block = self.firstVisibleBlock()
        top = round(self.blockBoundingGeometry(block).translated(self.contentOffset()).top())
        height = self.fontMetrics().height()
        number_right = self.gutter.width() - SPACE_M
        while block.isValid() and top <= event.rect().bottom():
            bottom = top + round(self.blockBoundingRect(block).height())
            if block.isVisible() and bottom >= event.rect().top():
                number = block.blockNumber()
                marked = number == self.marked_line
                if marked:
                    painter.fillRect(QRect(0, top, self.gutter.width() - 1, bottom - top), self._mark_color())
                    self._paint_marker(painter, QRectF(SPACE_S, top + (height - 14) / 2, 14, 14))
                painter.setPen(QColor(theme.text if marked else theme.muted))
                font.setBold(marked)
                painter.setFont(font)
                painter.drawText(QRect(0, top, number_right, height), Qt.AlignmentFlag.AlignRight,
                                 str(number + 1))
            block = block.next()
            top = bottom
        painter.end()

    def _paint_marker(self, painter: QPainter, box: QRectF) -> None:
        """Draw the error disc or warning triangle, the same shapes as in the Problems panel."""
        paint_severity_icon(painter, box, self.marked_severity, current_theme())


def paint_severity_icon(painter: QPainter, box: QRectF, severity: str, theme: Theme) -> None:
    """Draw an error (a disc with a cross) or a warning (a triangle with "!") in ``box``."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    inner = QColor(theme.surface)
    if severity == "error":
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(theme.wrong))
        painter.drawEllipse(box)
        painter.setPen(QPen(inner, max(1.5, box.width() / 8), Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        inset = box.width() * 0.32
        painter.drawLine(QPointF(box.left() + inset, box.top() + inset),
                         QPointF(box.right() - inset, box.bottom() - inset))
        painter.drawLine(QPointF(box.right() - inset, box.top() + inset),
                         QPointF(box.left() + inset, box.bottom() - inset))
    else:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(theme.partial))
        triangle = QPolygonF([QPointF(box.center().x(), box.top() + 0.5), QPointF(box.right(), box.bottom() - 0.5),
                              QPointF(box.left(), box.bottom() - 0.5)])
        painter.drawPolygon(triangle)
        painter.setPen(QPen(inner, max(1.5, box.width() / 8), Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        x = box.center().x()
        painter.drawLine(QPointF(x, box.top() + box.height() * 0.38), QPointF(x, box.top() + box.height() * 0.66))
        painter.drawPoint(QPointF(x, box.top() + box.height() * 0.82))
    painter.restore()


SEVERITY_WORDS = {"error": "Error", "warning": "Warning"}


class SourceView(QWidget):
    """A problem's message above a read-only, highlighted view of its file, the line marked."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sourceView")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.problem: Problem | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)

        header = QWidget()
        header.setObjectName("sourceHeader")
        header.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        header_layout = QVBoxLayout(header)
        header_layout.setContentsMargins(SPACE_L, SPACE_M, SPACE_L, SPACE_M)
        header_layout.setSpacing(SPACE_XS)
        top = QHBoxLayout()
        top.setSpacing(SPACE_S)
        self.severity_label = QLabel()
        self.severity_label.setObjectName("severityBadge")
        top.addWidget(self.severity_label, 0, Qt.AlignmentFlag.AlignVCenter)
        self.location_label = QLabel()
        self.location_label.setTextFormat(Qt.TextFormat.PlainText)  # a file name from a pack (a zip entry)
        self.location_label.setObjectName("sourceLocation")
        self.location_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        top.addWidget(self.location_label, 1)
        header_layout.addLayout(top)
        self.message_label = QLabel()
        self.message_label.setObjectName("sourceMessage")
        self.message_label.setWordWrap(True)
        self.message_label.setTextFormat(Qt.TextFormat.PlainText)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        header_layout.addWidget(self.message_label)
        layout.addWidget(header)

        self.text_view = SourceTextView()
        layout.addWidget(self.text_view, 1)
        self.notice_label = QLabel()
        self.notice_label.setObjectName("sourceNotice")
        self.notice_label.setWordWrap(True)
        self.notice_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.notice_label.setContentsMargins(SPACE_L, SPACE_M, SPACE_L, SPACE_M)
        self.notice_label.hide()
        layout.addWidget(self.notice_label, 1)
        theme_signals().theme_changed.connect(self._on_theme_changed)

    def show_problem(self, source: PackSource | None, problem: Problem, display_file: str) -> None:
        """Show ``problem``'s message and its file, read through ``source``, with its line marked."""
        self.problem = problem
        self.severity_label.setText(SEVERITY_WORDS.get(problem.severity, problem.severity.title()))
        set_style_property(self.severity_label, "severity", problem.severity)
        self.location_label.setText(f"{display_file}  ·  line {problem.line}, column {problem.column}")
        self.message_label.setText(problem.message)
        self.setAccessibleName(f"{problem.severity}: {problem.message}")
        text, reason = read_source_text(source, problem.file)
        if text is None:
            self.text_view.hide()
            self.notice_label.setText(reason)
            self.notice_label.show()
            return
        self.notice_label.hide()
        self.text_view.show()
        lexer = "yaml" if problem.file.lower().endswith(YAML_SUFFIXES) else None
        self.text_view.set_source(text, lexer)
        self.text_view.mark_line(problem.line, problem.column, problem.severity)

    def _on_theme_changed(self, theme: Theme) -> None:
        """Recolour the source for the new scheme."""
        self.text_view.set_theme(theme)


def read_source_text(source: PackSource | None, file: str) -> tuple[str | None, str]:
    """Read a pack file as text; return (text, "") or (None, why it cannot be shown)."""
    if source is None:
        return None, "The pack's files cannot be read, so this file cannot be shown. The message says why."
    try:
        data = source.read_bytes(file, limit=MAX_SHOWN_BYTES)
    except PackFileError as error:
        return None, f"{file} cannot be shown: {error}."
    except OSError as error:
        return None, f"{file} cannot be shown: {error.strerror or error}."
    if b"\x00" in data[:8192]:
        return None, f"{file} is not a text file; the problem concerns the file as a whole."
    return data.decode("utf-8", errors="replace").replace("\r\n", "\n").replace("\r", "\n"), ""

"""Artefacts drawn as what they are: a social post, a headline, an article excerpt or a message.

The drawing must feel real enough to practise on and never pass for a real screenshot: the cards
are stylised, and ``illustrative: true`` adds a visible badge. Pack text is never HTML here: it
goes into the documents as plain text, and annotation highlights are layered on top.

``ArtefactView(artefact, pack)`` is the one entry point; the quiz's judge question shows an item
with ``ArtefactView(item, pack, annotations_visible=False)``.
"""

from __future__ import annotations

import contextlib
import math
import zlib
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLineF, QLocale, QPointF, QRectF, QSize, Qt, QUrl, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QResizeEvent,
    QShortcut,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextFormat,
    QTextLine,
)
from PySide6.QtWidgets import (
    QApplication,
    QBoxLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTextBrowser,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.model import marks as learner_marks
from app.model.marks import MARK_LENGTH_FACTOR, MARK_SLACK_CHARS, TASK_FOUND_RULE, key_span, utf16_offsets
from app.model.quotes import find_occurrence
from app.model.schema import Artefact
from app.model.text import markdown_to_plain
from app.ui.flow_layout import BesideOrBelowLayout, FlowLayout
from app.ui.rich_text import read_pack_image
from app.ui.theme import (
    SPACE_L,
    SPACE_M,
    SPACE_S,
    SPACE_XL,
    SPACE_XS,
    Theme,
    current_theme,
    technique_colors,
    text_on,
    theme_signals,
    zoom,
)
from app.ui.theme import serif_font as theme_serif_font
from app.ui.theme import ui_font as theme_ui_font

if TYPE_CHECKING:
    from app.model.pack import Pack

#: annotations without a technique: a neutral grey that reads on both schemes
NEUTRAL_ANNOTATION = "#8E8E93"
#: avatar backgrounds: calm, desaturated, and never one of the technique colours
AVATAR_COLORS = ("#5B6C8F", "#7A5C8E", "#4F7D75", "#8C6A4F", "#5E7A46", "#8A5566", "#4E6E8E")
#: widths below which a translation goes under the text rather than beside it
TRANSLATION_SIDE_BY_SIDE_MIN = 560
IMAGE_MAX_HEIGHT = 520


# ------------------------------------------------------------------ pure helpers


def format_count(value: int) -> str:
    """Format an engagement count the way platforms do, cutting (not rounding) to one decimal: 18.4K."""
    if value < 1000:
        return str(value)
    for divisor, suffix in ((1_000_000_000, "B"), (1_000_000, "M"), (1000, "K")):
        if value >= divisor:
            tenths = value * 10 // divisor  # integer maths: no float rounding surprises
            whole, tenth = divmod(tenths, 10)
            return f"{whole}.{tenth}{suffix}" if tenth else f"{whole}{suffix}"
    return str(value)


def marker_text(number: int) -> str:
    """Return the marker inserted after a highlight: a narrow gap, then the number between thin spaces."""
    return f"\u202f\u2009{number}\u2009"


def is_forwarded(artefact: Artefact) -> bool:
    """Tell whether a message's ``author`` says it was forwarded."""
    return bool(artefact.author) and "forward" in (artefact.author or "").casefold()


def account_initial(name: str | None) -> str:
    """Return the first letter or digit of an account name, for its avatar."""
    for char in name or "":
        if char.isalnum():
            return char.upper()
    return "?"


def _weighted(font: QFont, pixel_size: int, weight: QFont.Weight | None, zoomed: bool) -> QFont:
    if not zoomed:
        font.setPixelSize(pixel_size)
    if weight is not None:
        font.setWeight(weight)
    return font


def sans_font(pixel_size: int, weight: QFont.Weight | None = None, *, zoomed: bool = True) -> QFont:
    """Return the UI sans-serif (CJK fallbacks included) at ``pixel_size``, zoomed unless told not to."""
    return _weighted(theme_ui_font(pixel_size), pixel_size, weight, zoomed)


def serif_font(pixel_size: int, weight: QFont.Weight | None = None, *, zoomed: bool = True) -> QFont:
    """Return the reading serif (CJK fallbacks included) at ``pixel_size``, zoomed unless told not to."""
    return _weighted(theme_serif_font(pixel_size), pixel_size, weight, zoomed)


def _line_x(line: QTextLine, position: int) -> float:
    """Return the x of ``position`` on ``line``.

    PySide6 types ``cursorToX`` as ``object``: some versions return (x, position), others a bare x.
    """
    found = line.cursorToX(position)
    x = found[0] if isinstance(found, tuple) else found
    return float(x) if isinstance(x, int | float) else 0.0


@dataclass(frozen=True, slots=True)
class AnnotationMark:
    """One annotation ready to draw: its marker number, colour, technique label and place."""

    index: int
    number: int
    color: QColor
    technique_label: str | None
    note: str
    span: tuple[int, int] | None  # in the artefact's text, Python indices
    region: tuple[float, float, float, float] | None
    #: the annotation's ``key`` words inside ``span``: a task mark over them finds it
    key_span: tuple[int, int] | None = None
    #: what the technique is, in plain words (its pack description), for the label's tooltip
    technique_definition: str = ""


def technique_definition(label: str | None, description: str | None) -> str:
    """Define a technique where its name appears: "Loaded framing: words that judge ...", or ""."""
    if not label or not description:
        return ""
    return f"{label}: {markdown_to_plain(description)}"


def annotation_marks(artefact: Artefact, pack: Pack, theme: Theme | None = None) -> list[AnnotationMark]:
    """Resolve every annotation of ``artefact`` to its number, colour and span or region."""
    colors = technique_colors(pack, theme)
    techniques = pack.manifest.techniques
    marks = []
    for index, annotation in enumerate(artefact.annotations):
        key = annotation.technique
        color = colors.get(key, QColor(NEUTRAL_ANNOTATION)) if key else QColor(NEUTRAL_ANNOTATION)
        label = techniques[key].label if key and key in techniques else None
        span = None
        if annotation.quote is not None and artefact.text:
            span = find_occurrence(artefact.text, annotation.quote, annotation.occurrence)
        region = None
        if annotation.region is not None and len(annotation.region) == 4:
            x, y, w, h = (float(part) for part in annotation.region)
            region = (x, y, w, h)
        key_words = key_span(artefact.text or "", span, annotation.key)
        described = techniques[key].description if key and key in techniques else None
        definition = technique_definition(label, described)
        marks.append(
            AnnotationMark(index, index + 1, color, label, annotation.note, span, region, key_words, definition)
        )
    return marks


def _nesting_levels(spans: list[tuple[int, int]]) -> list[int]:
    """Give overlapping spans different underline levels (greedy interval colouring)."""
    order = sorted(range(len(spans)), key=lambda i: (spans[i][0], -spans[i][1]))
    level_ends: list[int] = []  # per level, where its last span ends
    levels = [0] * len(spans)
    for i in order:
        start, end = spans[i]
        for level, last_end in enumerate(level_ends):
            if last_end <= start:
                level_ends[level] = end
                levels[i] = level
                break
        else:
            levels[i] = len(level_ends)
            level_ends.append(end)
    return levels


# ------------------------------------------------------------------ the text with highlights


class ArtefactTextView(QTextBrowser):
    """The artefact's words: plain text, read-only, wrapping, with highlights and markers.

    Positions given to and returned from this view are Python indices into the original text;
    the view converts to Qt's UTF-16 positions and around the inserted markers.
    """

    annotation_clicked = Signal(int)

    def __init__(
        self,
        text: str,
        font: QFont,
        theme: Theme,
        parent: QWidget | None = None,
        *,
        line_height: int = 150,
        standfirst: bool = False,
    ) -> None:
        super().__init__(parent)
        self._text = text.rstrip("\n")
        self._line_height = line_height
        #: a headline: the lines after the first are its standfirst, in a smaller, regular face
        self._standfirst = standfirst
        self._theme = theme
        self._marks: list[AnnotationMark] = []
        self._annotations_visible = False
        self._learner_marks: list[tuple[int, int]] = []
        self._selected: int | None = None
        self._doc_of: list[int] = []
        self._marker_ranges: list[tuple[int, int, int]] = []  # (doc start, doc end, annotation index)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setReadOnly(True)
        self.setUndoRedoEnabled(False)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setLineWrapMode(QTextEdit.LineWrapMode.WidgetWidth)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumWidth(120)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.viewport().setAutoFillBackground(False)
        self.viewport().setCursor(Qt.CursorShape.IBeamCursor)
        self.setStyleSheet(
            "QTextBrowser { background: transparent; border: 1px solid transparent; border-radius: 4px;"
            f" padding: 0px; color: {theme.text}; selection-background-color: {theme.accent};"
            f" selection-color: {text_on(QColor(theme.accent)).name()}; }}"
            f" QTextBrowser:focus {{ border: 1px dashed {theme.accent}; }}"
        )
        self.document().setDefaultFont(font)
        self.document().setDocumentMargin(0)
        self.document().documentLayout().documentSizeChanged.connect(self._on_document_size_changed)
        self._rebuild()

    # ------------------------------------------------------------ content

    def text(self) -> str:
        """Return the text shown, without markers."""
        return self._text

    def set_annotations(self, marks: list[AnnotationMark], visible: bool) -> None:
        """Show (or hide) the highlights and numbered markers of ``marks``."""
        self._marks = [mark for mark in marks if mark.span is not None and mark.span[1] <= len(self._text)]
        self._annotations_visible = visible
        self._rebuild()

    def set_text_pixel_size(self, pixel_size: int) -> None:
        """Set the text size (after a zoom change), keeping highlights and markers."""
        font = self.document().defaultFont()
        font.setPixelSize(pixel_size)
        self.document().setDefaultFont(font)
        self._rebuild()

    def set_learner_marks(self, spans: list[tuple[int, int]]) -> None:
        """Show the spans the learner marked."""
        self._learner_marks = list(spans)
        self._apply_highlights()

    def set_selected(self, index: int | None) -> None:
        """Emphasise annotation ``index``'s highlight, and bring its text into view."""
        self._selected = index
        self._apply_highlights()

    def selected_range(self) -> tuple[int, int] | None:
        """Return the learner's current selection as (start, end) in the text, or None."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        start = self._orig_from_doc(cursor.selectionStart())
        end = self._orig_from_doc(cursor.selectionEnd())
        return (start, end) if start < end else None

    def cursor_index(self) -> int:
        """Return the caret's position as an index into the text."""
        return self._orig_from_doc(self.textCursor().position())

    def select_range(self, start: int, end: int) -> None:
        """Select text[start:end], as if the learner had dragged over it."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._doc_pos(start))
        cursor.setPosition(self._doc_pos(end, after_markers=False), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)

    def highlight_ranges(self) -> dict[int, tuple[int, int]]:
        """Return each shown highlight's (start, end) in the document, by annotation index."""
        return {
            mark.index: self._doc_span(mark.span)
            for mark in self._marks
            if self._annotations_visible and mark.span is not None
        }

    def highlighted_text(self, index: int) -> str | None:
        """Return the document text under annotation ``index``'s highlight, or None."""
        span = self.highlight_ranges().get(index)
        if span is None:
            return None
        cursor = QTextCursor(self.document())
        cursor.setPosition(span[0])
        cursor.setPosition(span[1], QTextCursor.MoveMode.KeepAnchor)
        return cursor.selectedText().replace("\u2029", "\n")

    def point_of(self, index: int) -> QPointF:
        """Return a viewport point inside annotation ``index``'s highlight (for clicks and tests)."""
        start, end = self.highlight_ranges()[index]
        cursor = QTextCursor(self.document())
        cursor.setPosition(start + (end - start) // 2)
        return QPointF(self.cursorRect(cursor).center())

    # ------------------------------------------------------------ building the document

    def _rebuild(self) -> None:
        """Lay out the text, then insert a marker after each visible annotation's span."""
        self.setPlainText(self._text)
        block_format = QTextBlockFormat()
        block_format.setLineHeight(
            self._line_height, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value
        )
        cursor = QTextCursor(self.document())
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.mergeBlockFormat(block_format)
        spaced = QTextBlockFormat()
        spaced.setTopMargin(SPACE_S)  # between paragraphs, never under the last one
        block = self.document().firstBlock().next()
        while block.isValid():
            QTextCursor(block).mergeBlockFormat(spaced)
            block = block.next()
        if self._standfirst:
            self._format_standfirst()
        utf16 = utf16_offsets(self._text)
        inserts: list[tuple[int, int, int]] = []  # (text index, UTF-16 length, annotation index)
        if self._annotations_visible:
            for mark in sorted(self._marks, key=lambda m: (m.span[1], m.index)):  # type: ignore[index]
                assert mark.span is not None
                inserts.append((mark.span[1], len(self._marker_text(mark)), mark.index))
        # insert from the end so that earlier positions stay valid
        for position, _length, index in sorted(inserts, key=lambda item: (item[0], item[2]), reverse=True):
            mark = next(m for m in self._marks if m.index == index)
            cursor = QTextCursor(self.document())
            cursor.setPosition(utf16[position])
            text_size = cursor.charFormat().font().pixelSize()  # a standfirst's markers are smaller
            cursor.insertText("\u202f", cursor.charFormat())
            cursor.insertText(self._marker_text(mark)[1:], self._marker_format(mark, text_size))
        # every text index's document position, markers at that index coming before it
        shift = 0
        pending = sorted(inserts)
        doc_of = []
        marker_ranges = []
        cursor_index = 0
        for i in range(len(self._text) + 1):
            while cursor_index < len(pending) and pending[cursor_index][0] == i:
                start = utf16[i] + shift
                shift += pending[cursor_index][1]
                marker_ranges.append((start, utf16[i] + shift, pending[cursor_index][2]))
                cursor_index += 1
            doc_of.append(utf16[i] + shift)
        self._doc_of = doc_of
        self._marker_ranges = marker_ranges
        self._apply_highlights()
        self._on_document_size_changed()

    @staticmethod
    def _marker_text(mark: AnnotationMark) -> str:
        return marker_text(mark.number)

    def standfirst_pixel_size(self) -> int:
        """Return the size of a headline's standfirst: about 60% of the headline's."""
        return max(1, round(self.document().defaultFont().pixelSize() * 0.6))

    def _format_standfirst(self) -> None:
        """Set every line after the first in the standfirst's size and a regular weight."""
        second = self.document().firstBlock().next()
        if not second.isValid():
            return
        font = QFont(self.document().defaultFont())
        font.setPixelSize(self.standfirst_pixel_size())
        font.setWeight(QFont.Weight.Normal)
        char_format = QTextCharFormat()
        char_format.setFont(font, QTextCharFormat.FontPropertiesInheritanceBehavior.FontPropertiesSpecifiedOnly)
        block_format = QTextBlockFormat()
        block_format.setLineHeight(145, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        block_format.setTopMargin(SPACE_M)
        cursor = QTextCursor(self.document())
        cursor.setPosition(second.position())
        cursor.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
        cursor.mergeCharFormat(char_format)
        cursor.mergeBlockFormat(block_format)

    def _marker_format(self, mark: AnnotationMark, text_size: int = -1) -> QTextCharFormat:
        marker = QTextCharFormat()
        marker.setBackground(mark.color)
        marker.setForeground(text_on(mark.color))
        marker.setFontWeight(QFont.Weight.Bold)
        size = text_size if text_size > 0 else self.document().defaultFont().pixelSize()
        marker_font = sans_font(max(10, round(size * 0.62)), QFont.Weight.Bold, zoomed=False)
        marker.setFont(
            marker_font, QTextCharFormat.FontPropertiesInheritanceBehavior.FontPropertiesSpecifiedOnly
        )
        marker.setToolTip(
            QCoreApplication.translate("ArtefactView", "Annotation {number}: {technique}").format(number=mark.number, technique=mark.technique_label)
            if mark.technique_label
            else QCoreApplication.translate("ArtefactView", "Annotation {number}").format(number=mark.number)
        )
        marker.setProperty(QTextFormat.Property.UserProperty, mark.index)
        return marker

    def _doc_pos(self, index: int, after_markers: bool = True) -> int:
        index = max(0, min(index, len(self._text)))
        if after_markers:
            return self._doc_of[index]
        before = self._doc_of[index]
        for start, end, _annotation in self._marker_ranges:
            if end == before and start < before:
                before = start
        return before

    def _doc_span(self, span: tuple[int, int]) -> tuple[int, int]:
        return self._doc_pos(span[0]), self._doc_pos(span[1], after_markers=False)

    def _orig_from_doc(self, position: int) -> int:
        return max(0, bisect_right(self._doc_of, position) - 1)

    # ------------------------------------------------------------ highlights

    def _apply_highlights(self) -> None:
        selections = []
        theme = self._theme
        for start, end in self._learner_marks:
            doc_start, doc_end = self._doc_span((start, end))
            fmt = QTextCharFormat()
            accent = QColor(theme.accent)
            accent.setAlpha(55 if not theme.dark else 80)
            fmt.setBackground(accent)
            selections.append(self._extra(doc_start, doc_end, fmt))
        if self._annotations_visible:
            for mark in self._marks:
                assert mark.span is not None
                doc_start, doc_end = self._doc_span(mark.span)
                fill = QColor(mark.color)
                alpha = self._theme.highlight_alpha
                fill.setAlpha(min(255, alpha * 2 + 20) if mark.index == self._selected else alpha)
                fmt = QTextCharFormat()
                fmt.setBackground(fill)
                if mark.index == self._selected:
                    fmt.setForeground(text_on(mark.color))  # a strong fill needs its own text colour
                selections.append(self._extra(doc_start, doc_end, fmt))
            # markers last, so a marker inside another span keeps its own colour
            for start, end, index in self._marker_ranges:
                mark = next(m for m in self._marks if m.index == index)
                fmt = QTextCharFormat()
                fmt.setBackground(mark.color)
                fmt.setForeground(text_on(mark.color))
                selections.append(self._extra(start + 1, end, fmt))
        self.setExtraSelections(selections)
        self.viewport().update()

    def _extra(self, start: int, end: int, fmt: QTextCharFormat) -> QTextEdit.ExtraSelection:
        cursor = QTextCursor(self.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        selection = QTextEdit.ExtraSelection()
        selection.cursor = cursor
        selection.format = fmt
        return selection

    def _line_fragments(self, start: int, end: int) -> list[tuple[float, float, float, float, float]]:
        """Return (x1, x2, top, baseline, descent) in viewport coordinates for each line of a doc range."""
        fragments = []
        layout = self.document().documentLayout()
        offset = QPointF(-self.horizontalScrollBar().value(), -self.verticalScrollBar().value())
        block = self.document().findBlock(start)
        while block.isValid() and block.position() < end:
            origin = layout.blockBoundingRect(block).topLeft() + offset
            text_layout = block.layout()
            for line_number in range(text_layout.lineCount()):
                line = text_layout.lineAt(line_number)
                line_start = block.position() + line.textStart()
                line_end = line_start + line.textLength()
                lo, hi = max(start, line_start), min(end, line_end)
                if lo >= hi:
                    continue
                x1 = _line_x(line, lo - block.position())
                x2 = _line_x(line, hi - block.position())
                fragments.append(
                    (
                        origin.x() + x1,
                        origin.x() + x2,
                        origin.y() + line.y(),
                        origin.y() + line.y() + line.ascent(),
                        line.descent(),
                    )
                )
            block = block.next()
        return fragments

    def underline_segments(self) -> list[tuple[AnnotationMark, QLineF, float]]:
        """Return each visible highlight's underlines (viewport coordinates) and pen widths.

        The underline runs below the font's descent, not through it, so that an underscore in the
        text (ERR_CONNECTION_RESET) stays visible; overlapping spans stack their lines downwards.
        """
        if not self._annotations_visible or not self._marks:
            return []
        metrics = QFontMetricsF(self.document().defaultFont())
        # the underscore's own bottom, for fonts that draw it at or below their descent; as a share
        # of the ascent, so that a smaller line (a headline's standfirst) gets its own depth
        underscore = metrics.tightBoundingRect("_").bottom() / max(1.0, metrics.ascent())
        spans = [mark.span for mark in self._marks if mark.span is not None]
        levels = _nesting_levels(spans)
        segments = []
        for mark, level in zip(self._marks, levels, strict=True):
            assert mark.span is not None
            width = 3.0 if mark.index == self._selected else 2.0
            for x1, x2, top, baseline, descent in self._line_fragments(*self._doc_span(mark.span)):
                below = max(descent, underscore * (baseline - top))
                y = baseline + below + 1 + width / 2 + level * 4
                segments.append((mark, QLineF(x1, y, x2, y), width))
        return segments

    def paintEvent(self, event: QPaintEvent) -> None:
        """Draw the text, then solid underlines (stacked where spans overlap) and mark outlines."""
        super().paintEvent(event)
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for mark, line, width in self.underline_segments():
            color = QColor(mark.color)
            if not self._theme.dark:
                color = color.darker(125)  # pale yellow needs weight to show on white
            painter.setPen(QPen(color, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap))
            painter.drawLine(line)
        if self._learner_marks:
            pen = QPen(QColor(self._theme.accent), 1.5, Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            metrics_height = self.fontMetrics().height()
            for start, end in self._learner_marks:
                for x1, x2, _top, baseline, _descent in self._line_fragments(*self._doc_span((start, end))):
                    ascent = self.document().defaultFont().pixelSize() or metrics_height
                    painter.drawRoundedRect(
                        QRectF(x1 - 1, baseline - ascent, x2 - x1 + 2, ascent * 1.35), 3, 3
                    )
        painter.end()

    # ------------------------------------------------------------ interaction

    def annotation_at(self, point: QPointF) -> int | None:
        """Return the annotation under a viewport point (the shortest, where spans overlap)."""
        if not self._annotations_visible:
            return None
        offset = QPointF(self.horizontalScrollBar().value(), self.verticalScrollBar().value())
        position = self.document().documentLayout().hitTest(point + offset, Qt.HitTestAccuracy.ExactHit)
        if position < 0:
            return None
        return self._annotation_at_doc(position)

    def _annotation_at_doc(self, position: int) -> int | None:
        for start, end, index in self._marker_ranges:
            if start <= position < end:
                return index
        hits = []
        for mark in self._marks:
            assert mark.span is not None
            start, end = self._doc_span(mark.span)
            if start <= position < end:
                hits.append((end - start, mark.index))
        return min(hits)[1] if hits else None

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        """Select the annotation under a plain click (a drag selects text instead)."""
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton and not self.textCursor().hasSelection():
            index = self.annotation_at(event.position())
            if index is not None:
                self.annotation_clicked.emit(index)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter on a highlight selects its annotation, like a click."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self._annotations_visible:
            index = self._annotation_at_doc(self.textCursor().position())
            if index is not None:
                self.annotation_clicked.emit(index)
                return
        super().keyPressEvent(event)

    def loadResource(self, kind: int, url: QUrl | str) -> object:
        """Load nothing: an artefact's text is plain and has no resources."""
        return None

    # ------------------------------------------------------------ sizing

    def _on_document_size_changed(self, *_: object) -> None:
        width = max(1, self.viewport().width())
        if self.document().textWidth() != width:  # the same width again would re-wrap the whole text
            self.document().setTextWidth(width)
        # room under the last line for its underlines, stacked where spans overlap
        spans = [mark.span for mark in self._marks if mark.span is not None] if self._annotations_visible else []
        stacked = max(_nesting_levels(spans), default=0)
        height = round(self.document().size().height()) + 4 + 4 * stacked
        if height != self.height():
            self.setFixedHeight(max(height, 1))

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Grow or shrink to the wrapped text, never scrolling."""
        super().resizeEvent(event)
        self._on_document_size_changed()

    def sizeHint(self) -> QSize:
        """Prefer a comfortable width and exactly the text's height."""
        return QSize(480, self.height())


# ------------------------------------------------------------------ the image with regions


class ArtefactImageView(QWidget):
    """A pack image scaled to the width, with numbered region outlines; a placeholder on failure."""

    annotation_clicked = Signal(int)

    def __init__(self, pack: Pack, path: str, alt: str, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._theme = theme
        self._marks: list[AnnotationMark] = []
        self._visible = False
        self._selected: int | None = None
        loaded = read_pack_image(pack, path, max_width=1400)
        self.image: QImage | None = loaded.image
        #: why the image is not shown (empty when it is)
        self.reason = loaded.reason
        self.alt = alt
        self.setAccessibleName(QCoreApplication.translate("ArtefactView", "Image: {description}").format(description=alt) if alt else QCoreApplication.translate("ArtefactView", "Image"))
        self.setAccessibleDescription(alt)
        self.setToolTip(alt)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(120)

    def failed(self) -> bool:
        """Tell whether the image could not be shown (missing, too large or not an image)."""
        return self.image is None

    def set_annotations(self, marks: list[AnnotationMark], visible: bool) -> None:
        """Show (or hide) the numbered regions of ``marks``."""
        self._marks = [mark for mark in marks if mark.region is not None]
        self._visible = visible
        self.update()

    def set_selected(self, index: int | None) -> None:
        """Emphasise annotation ``index``'s region."""
        self._selected = index
        self.update()

    def visible_regions(self) -> dict[int, QRectF]:
        """Return each shown region's rectangle in widget coordinates, by annotation index."""
        if not self._visible or self.image is None:
            return {}
        box = self.image_rect()
        return {
            mark.index: QRectF(
                box.x() + mark.region[0] * box.width(),
                box.y() + mark.region[1] * box.height(),
                mark.region[2] * box.width(),
                mark.region[3] * box.height(),
            )
            for mark in self._marks
            if mark.region is not None
        }

    def image_rect(self) -> QRectF:
        """Return where the image is drawn: the width, capped height, centred."""
        if self.image is None:
            return QRectF(0, 0, self.width(), self.height())
        width: float = min(self.width(), self.image.width())
        height = width * self.image.height() / max(1, self.image.width())
        if height > IMAGE_MAX_HEIGHT:
            width *= IMAGE_MAX_HEIGHT / height
            height = IMAGE_MAX_HEIGHT
        return QRectF((self.width() - width) / 2, 0, width, height)

    def hasHeightForWidth(self) -> bool:
        """Keep the image's aspect ratio."""
        return True

    def heightForWidth(self, width: int) -> int:
        """Return the height the image takes at ``width``."""
        if self.image is None:
            return self._placeholder_height(width)
        height = min(self.image.width(), width) * self.image.height() / max(1, self.image.width())
        return round(min(height, IMAGE_MAX_HEIGHT))

    def _placeholder_text(self) -> str:
        message = QCoreApplication.translate("ArtefactView", "Image not shown: {reason}").format(reason=self.reason)
        if not self.alt:
            return message
        return message + "\n\n" + QCoreApplication.translate("ArtefactView", "Description: {description}").format(description=self.alt)

    def _placeholder_height(self, width: int) -> int:
        """The height the placeholder's words need at ``width``, and never under 140 px."""
        inner = max(80, width - 2 * SPACE_L)
        flags = int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
        text = QFontMetricsF(sans_font(14)).boundingRect(
            QRectF(0, 0, inner, 100_000), flags, self._placeholder_text()
        )
        return max(140, math.ceil(text.height()) + 2 * SPACE_L + 4)

    def sizeHint(self) -> QSize:
        """Prefer the image's own size, within limits."""
        if self.image is None:
            return QSize(360, self._placeholder_height(360))
        width = min(self.image.width(), 640)
        return QSize(width, self.heightForWidth(width))

    def paintEvent(self, event: QPaintEvent) -> None:
        """Draw the image and its numbered regions, or a labelled placeholder."""
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        theme = self._theme
        if self.image is None:
            box = QRectF(0.5, 0.5, self.width() - 1, self.height() - 1)
            painter.setPen(QPen(QColor(theme.border), 1, Qt.PenStyle.DashLine))
            painter.setBrush(QColor(theme.window))
            painter.drawRoundedRect(box, 8, 8)
            painter.setPen(QColor(theme.muted))
            painter.setFont(sans_font(14))
            message = self._placeholder_text()
            painter.drawText(
                box.adjusted(SPACE_L, SPACE_L, -SPACE_L, -SPACE_L),
                Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                message,
            )
            painter.end()
            return
        box = self.image_rect()
        clip = QPainterPath()
        clip.addRoundedRect(box, 6, 6)
        painter.setClipPath(clip)
        painter.drawImage(box, self.image)
        painter.setClipping(False)
        for index, rect in self.visible_regions().items():
            mark = next(m for m in self._marks if m.index == index)
            selected = index == self._selected
            fill = QColor(mark.color)
            fill.setAlpha(70 if selected else 28)
            painter.setBrush(fill)
            # a dark halo under the coloured outline keeps it visible on any picture
            painter.setPen(QPen(QColor(0, 0, 0, 120), 5 if selected else 4))
            painter.drawRoundedRect(rect, 4, 4)
            painter.setPen(QPen(mark.color, 3 if selected else 2))
            painter.drawRoundedRect(rect, 4, 4)
            _draw_number_badge(painter, QPointF(rect.left(), rect.top()), mark.number, mark.color, 22)
        painter.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        """Select the region under a click (the smallest, where regions overlap)."""
        hits = [
            (rect.width() * rect.height(), index)
            for index, rect in self.visible_regions().items()
            if rect.contains(event.position())
        ]
        if hits:
            self.annotation_clicked.emit(min(hits)[1])
        super().mousePressEvent(event)

    def point_of(self, index: int) -> QPointF:
        """Return a point inside annotation ``index``'s region (for clicks and tests)."""
        return self.visible_regions()[index].center()


def _draw_number_badge(
    painter: QPainter, center: QPointF, number: int, color: QColor, diameter: float
) -> None:
    """Draw a filled circle with ``number`` in it, outlined so it reads on any background."""
    rect = QRectF(center.x() - diameter / 2, center.y() - diameter / 2, diameter, diameter)
    painter.setPen(QPen(QColor(255, 255, 255, 230), 2))
    painter.setBrush(color)
    painter.drawEllipse(rect)
    painter.setPen(text_on(color))
    painter.setFont(sans_font(round(diameter * 0.55), QFont.Weight.Bold, zoomed=False))
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, str(number))


class NumberBadgeView(QWidget):
    """A round numbered marker in a technique's colour, the same as in the text."""

    def __init__(self, number: int, color: QColor, diameter: int = 22, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.number = number
        self.color = color
        self.setFixedSize(diameter + 4, diameter + 4)
        self.setAccessibleName(QCoreApplication.translate("ArtefactView", "Marker {number}").format(number=number))

    def paintEvent(self, event: QPaintEvent) -> None:
        """Draw the marker."""
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        _draw_number_badge(
            painter, QPointF(self.width() / 2, self.height() / 2), self.number, self.color, self.width() - 4
        )
        painter.end()


# ------------------------------------------------------------------ small parts of the cards


class AvatarView(QWidget):
    """A circle with an account's initial, in a colour stable for that account."""

    def __init__(self, name: str | None, diameter: int = 44, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.initial = account_initial(name)
        self.color = QColor(AVATAR_COLORS[zlib.crc32((name or "").encode("utf-8")) % len(AVATAR_COLORS)])
        self.setFixedSize(diameter, diameter)
        self.setAccessibleName(QCoreApplication.translate("ArtefactView", "Avatar of {name}").format(name=name) if name else QCoreApplication.translate("ArtefactView", "Avatar"))

    def paintEvent(self, event: QPaintEvent) -> None:
        """Draw the circle and the initial."""
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self.color)
        painter.drawEllipse(QRectF(0, 0, self.width(), self.height()))
        painter.setPen(QColor("#FFFFFF"))
        painter.setFont(sans_font(round(self.height() * 0.42), QFont.Weight.DemiBold, zoomed=False))
        painter.drawText(
            QRectF(0, 0, self.width(), self.height()), Qt.AlignmentFlag.AlignCenter, self.initial
        )
        painter.end()


class EngagementIconView(QWidget):
    """A small line icon for reposts, comments or likes."""

    def __init__(self, kind: str, color: QColor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.color = color
        self.setFixedSize(18, 18)

    def paintEvent(self, event: QPaintEvent) -> None:
        """Draw the icon."""
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(self.color, 1.6, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        path = QPainterPath()
        if self.kind == "reposts":
            # two arrows chasing each other round a loop
            path.moveTo(4, 8)
            path.lineTo(4, 5)
            path.lineTo(13, 5)
            path.moveTo(11, 3)
            path.lineTo(13.5, 5)
            path.lineTo(11, 7)
            path.moveTo(14, 10)
            path.lineTo(14, 13)
            path.lineTo(5, 13)
            path.moveTo(7, 11)
            path.lineTo(4.5, 13)
            path.lineTo(7, 15)
        elif self.kind == "comments":
            path.addRoundedRect(QRectF(2.5, 3, 13, 9.5), 3, 3)
            path.moveTo(6, 12.5)
            path.lineTo(5, 16)
            path.lineTo(9.5, 12.5)
        else:
            path.moveTo(9, 15)
            path.cubicTo(2, 10, 1.5, 6.5, 3.5, 4.5)
            path.cubicTo(5.5, 2.5, 8, 3.5, 9, 5.5)
            path.cubicTo(10, 3.5, 12.5, 2.5, 14.5, 4.5)
            path.cubicTo(16.5, 6.5, 16, 10, 9, 15)
        painter.drawPath(path)
        painter.end()


def _label(text: str, font: QFont, color: str, parent: QWidget | None = None) -> QLabel:
    """Make a plain-text label (pack text is never interpreted as rich text)."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    label.setFont(font)
    label.setStyleSheet(f"color: {color}; background: transparent;")
    label.setWordWrap(True)
    label.setAccessibleName(text)
    return label


def _small_caps(pixel_size: int, serif: bool = False) -> QFont:
    font = (
        serif_font(pixel_size, QFont.Weight.DemiBold)
        if serif
        else sans_font(pixel_size, QFont.Weight.DemiBold)
    )
    font.setCapitalization(QFont.Capitalization.SmallCaps)
    font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 106)
    return font


class IllustrativeBadgeView(QLabel):
    """The visible "Illustrative example" label of a constructed artefact."""

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(QCoreApplication.translate("ArtefactView", "Illustrative example"), parent)
        self.setObjectName("illustrativeBadge")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setFont(sans_font(12, QFont.Weight.DemiBold))
        self.setAccessibleName(QCoreApplication.translate("ArtefactView", "Illustrative example"))
        self.setToolTip(QCoreApplication.translate("ArtefactView", "Constructed for teaching. Not a real post, headline or message."))
        self.setStyleSheet(
            f"QLabel#illustrativeBadge {{ color: {theme.muted}; background: {theme.window};"
            f" border: 1px dashed {theme.muted}; border-radius: 10px; padding: 2px 8px; }}"
        )
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)


class TranslatedTextView(QWidget):
    """The text beside its translation, or above it when the width is narrow."""

    def __init__(
        self, text_view: QWidget, translation: str | None, theme: Theme, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._layout = QBoxLayout(QBoxLayout.Direction.TopToBottom, self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(SPACE_M)
        self._layout.addWidget(text_view, 3, Qt.AlignmentFlag.AlignTop)
        self.translation_panel: QWidget | None = None
        if translation and translation.strip():
            panel = QFrame(self)
            panel.setObjectName("translationPanel")
            panel.setStyleSheet(
                f"QFrame#translationPanel {{ border: none; border-left: 3px solid {theme.border};"
                " background: transparent; }"
            )
            inner = QVBoxLayout(panel)
            inner.setContentsMargins(SPACE_M, 0, 0, 0)
            inner.setSpacing(SPACE_XS)
            heading = _label(QCoreApplication.translate("ArtefactView", "Translation"), _small_caps(12), theme.muted, panel)
            inner.addWidget(heading)
            body = _label(translation.rstrip("\n"), sans_font(14), theme.text, panel)
            body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            body.setAccessibleName(QCoreApplication.translate("ArtefactView", "Translation"))
            body.setAccessibleDescription(translation)
            inner.addWidget(body)
            inner.addStretch(1)
            self.translation_text = body
            self._layout.addWidget(panel, 2)
            self.translation_panel = panel

    def side_by_side(self) -> bool:
        """Tell whether the translation sits beside the text."""
        return self._layout.direction() == QBoxLayout.Direction.LeftToRight

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Put the translation beside the text when there is room, otherwise below it."""
        super().resizeEvent(event)
        if self.translation_panel is None:
            return
        wanted = (
            QBoxLayout.Direction.LeftToRight
            if event.size().width() >= TRANSLATION_SIDE_BY_SIDE_MIN
            else QBoxLayout.Direction.TopToBottom
        )
        if self._layout.direction() != wanted:
            self._layout.setDirection(wanted)


# ------------------------------------------------------------------ the artefact


class ArtefactView(QWidget):
    """One artefact drawn as its medium, with annotations, and optionally a find-it-first task.

    ``ArtefactView(artefact, pack)`` shows the annotations; ``annotations_visible=False`` hides
    them (the judge question). With ``task_mode=True`` and a ``task``, the annotations start
    hidden: the learner marks the spans they suspect, then reveals and sees which they found.
    """

    #: the learner picked annotation i (a click on its highlight or region, or Enter on it)
    annotation_selected = Signal(int)
    #: the learner added or removed a mark
    marks_changed = Signal()
    #: the annotations were revealed after a task
    annotations_revealed = Signal()

    def __init__(
        self,
        artefact: Artefact,
        pack: Pack,
        *,
        annotations_visible: bool = True,
        task_mode: bool = False,
        theme: Theme | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.artefact = artefact
        self.pack = pack
        self.theme = theme or current_theme()
        self.marks = annotation_marks(artefact, pack, self.theme)
        self.task_mode = task_mode and bool(artefact.task and artefact.task.strip())
        self._revealed = not self.task_mode and annotations_visible
        self._shown_count: int | None = None  # presentation mode: only the first n annotations
        self._learner_marks: list[tuple[int, int]] = []
        self._selected: int | None = None
        self.text_view: ArtefactTextView | None = None
        self.image_view: ArtefactImageView | None = None
        self.illustrative_badge: IllustrativeBadgeView | None = None
        self.badge_layout: BesideOrBelowLayout | None = None  # posts and messages: the badge moves when narrow
        self.translated: TranslatedTextView | None = None
        self.engagement_labels: dict[str, QLabel] = {}
        self.forwarded_tag: QLabel | None = None

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACE_M)
        self.card = QFrame(self)
        self.card.setObjectName("artefactCard")
        self.card.setAccessibleName(self._accessible_summary())
        layout.addWidget(self.card)
        {
            "post": self._build_post,
            "headline": self._build_headline,
            "article": self._build_article,
            "message": self._build_message,
        }[artefact.medium]()
        if self.task_mode:
            layout.addWidget(self._build_task_bar())
        self._refresh_annotations()
        self._unzoomed_sizes = self._font_sizes_at_zoom_one()
        theme_signals().zoom_changed.connect(self._on_theme_zoom_changed)

    # ------------------------------------------------------------ public API

    def annotations_visible(self) -> bool:
        """Tell whether the highlights, regions and markers are shown."""
        return self._revealed

    def reveal_annotations(self) -> None:
        """Show the annotations (ending the task: marks can no longer change)."""
        if self._revealed:
            return
        self._revealed = True
        if self.task_mode:
            with self._focus_kept_in_task():
                self.mark_button.setEnabled(False)
                self.remove_button.setEnabled(False)
                self.reveal_button.setEnabled(False)
            self.reveal_button.setText(QCoreApplication.translate("ArtefactView", "Annotations shown"))
            if self.text_view is not None:
                self.text_view.setTextInteractionFlags(
                    Qt.TextInteractionFlag.TextSelectableByMouse
                    | Qt.TextInteractionFlag.TextSelectableByKeyboard
                )
            self.result_label.setText(self.result_text())
            self.result_label.setVisible(True)
        self._refresh_annotations()
        self.annotations_revealed.emit()

    def hide_annotations(self) -> None:
        """Hide the annotations again (a judge question retried); a task's marks stay as they were."""
        if not self._revealed or self.task_mode:
            return
        self._revealed = False
        self.select_annotation(None)
        self._refresh_annotations()

    def show_annotations_up_to(self, count: int) -> None:
        """Draw only the first ``count`` annotations (presentation mode reveals them one at a time)."""
        self._shown_count = max(0, min(count, len(self.marks)))
        self._refresh_annotations()

    def shown_annotation_count(self) -> int:
        """Return how many annotations are drawn."""
        if self._shown_count is not None:
            return self._shown_count
        return len(self.marks) if self._revealed else 0

    def select_annotation(self, index: int | None) -> None:
        """Emphasise annotation ``index``'s highlight or region (None clears)."""
        self._selected = index
        if self.text_view is not None:
            self.text_view.set_selected(index)
        if self.image_view is not None:
            self.image_view.set_selected(index)
        if index is not None:
            self._scroll_into_view(self.text_view or self.image_view)

    def _scroll_into_view(self, body: QWidget | None) -> None:
        """Bring the artefact's text or image into view when a note far below it was clicked."""
        parent = self.parentWidget()
        while body is not None and parent is not None:
            if isinstance(parent, QScrollArea):
                parent.ensureWidgetVisible(body, 0, SPACE_L)
                return
            parent = parent.parentWidget()

    def selected_annotation(self) -> int | None:
        """Return the emphasised annotation, or None."""
        return self._selected

    def learner_marks(self) -> list[tuple[int, int]]:
        """Return the spans the learner marked, as (start, end) in the text, in text order."""
        return sorted(self._learner_marks)

    def mark_selection(self) -> bool:
        """Turn the learner's current text selection into a mark; False when nothing is selected."""
        if self.text_view is None or self._revealed:
            return False
        chosen = self.text_view.selected_range()
        if chosen is None:
            return False
        # whole words; a new mark absorbs the marks it overlaps or touches, so none double-counts
        snapped = learner_marks.snap_to_words(self.text_view.text(), *chosen)
        if snapped is None:
            return False
        self._learner_marks = learner_marks.add_mark(self._learner_marks, snapped)
        self.text_view.set_learner_marks(self._learner_marks)
        with self._focus_kept_in_task():  # Mark selection is disabled once nothing is selected
            cursor = self.text_view.textCursor()
            cursor.clearSelection()
            self.text_view.setTextCursor(cursor)
            self._update_task_buttons()
        self.marks_changed.emit()
        return True

    def remove_mark(self) -> bool:
        """Remove the marks under the selection or caret; False when there is none there."""
        if self.text_view is None or self._revealed:
            return False
        chosen = self.text_view.selected_range()
        if chosen is None:
            caret = self.text_view.cursor_index()
            chosen = (caret, caret)
        kept = learner_marks.remove_marks(self._learner_marks, *chosen)
        if len(kept) == len(self._learner_marks):
            return False
        self._learner_marks = kept
        self.text_view.set_learner_marks(kept)
        with self._focus_kept_in_task():
            self._update_task_buttons()  # Remove mark is disabled once no mark is left
        self.marks_changed.emit()
        return True

    @contextlib.contextmanager
    def _focus_kept_in_task(self) -> Iterator[None]:
        """Disabling the focused task button would send the focus down the chain (to the top bar):
        keep it on the artefact's text instead, where the learner goes on selecting."""
        before = QApplication.focusWidget()
        yield
        if before is not None and self.isAncestorOf(before) and not before.isEnabled():
            target = self.text_view if self.text_view is not None else self.card
            target.setFocus(Qt.FocusReason.OtherFocusReason)

    def restore_task(self, marks: list[tuple[int, int]], revealed: bool) -> None:
        """Show a task as the learner left it: their marks (those that fit the text), and the notes if revealed."""
        if not self.task_mode:
            return
        if self.text_view is not None and not self._revealed:
            spans = learner_marks.clean_marks(self.text_view.text(), marks)
            self._learner_marks = spans
            self.text_view.set_learner_marks(spans)
            self._update_task_buttons()
        if revealed:
            self.reveal_annotations()

    def found(self) -> list[bool]:
        """Tell, per annotation, whether a learner mark finds it (half covered, not far overrun)."""
        return learner_marks.marks_find(
            [mark.span for mark in self.marks],
            self._learner_marks,
            [mark.key_span for mark in self.marks],
            limit_length=True,
        )

    def verdicts(self) -> list[bool | None]:
        """Per annotation: found or missed after a task the learner tried; None where there is no verdict."""
        if not self.task_mode or not self._revealed or not self._learner_marks:
            return [None] * len(self.marks)
        return [
            flag if mark.span is not None else None
            for flag, mark in zip(self.found(), self.marks, strict=True)
        ]

    def result_text(self) -> str:
        """Say how many quoted annotations the learner found, e.g. "You found 2 of 3"."""
        quoted = [mark for mark in self.marks if mark.span is not None]
        if not quoted:
            return ""
        if not self._learner_marks:
            return QCoreApplication.translate("ArtefactView", "You marked nothing this time.")
        found = sum(1 for flag, mark in zip(self.found(), self.marks, strict=True) if flag and mark.span)
        return QCoreApplication.translate("ArtefactView", "You found {found} of {total}").format(found=found, total=len(quoted))

    # ------------------------------------------------------------ the mediums

    def _card_style(self, background: str, border: str, radius: int = 12) -> None:
        self.card.setStyleSheet(
            f"QFrame#artefactCard {{ background: {background}; border: 1px solid {border};"
            f" border-radius: {radius}px; }}"
        )

    def _body(self, font: QFont, line_height: int = 150, *, standfirst: bool = False) -> QWidget:
        """Build the text (with its translation) or the image."""
        artefact = self.artefact
        if artefact.text is not None:
            self.text_view = ArtefactTextView(
                artefact.text, font, self.theme, self.card, line_height=line_height, standfirst=standfirst
            )
            self.text_view.setAccessibleName(
                {
                    "post": QCoreApplication.translate("ArtefactView", "Post text"),
                    "headline": QCoreApplication.translate("ArtefactView", "Headline text"),
                    "article": QCoreApplication.translate("ArtefactView", "Article text"),
                    "message": QCoreApplication.translate("ArtefactView", "Message text"),
                }.get(artefact.medium, artefact.medium)
            )
            self.text_view.setAccessibleDescription(artefact.text)
            self.text_view.annotation_clicked.connect(self._on_body_annotation_clicked)
            self.text_view.selectionChanged.connect(self._update_task_buttons)
            self.text_view.cursorPositionChanged.connect(self._update_task_buttons)
            self.translated = TranslatedTextView(self.text_view, artefact.translation, self.theme, self.card)
            return self.translated
        self.image_view = ArtefactImageView(
            self.pack, artefact.image or "", artefact.alt or "", self.theme, self.card
        )
        self.image_view.annotation_clicked.connect(self._on_body_annotation_clicked)
        if artefact.translation and artefact.translation.strip():
            holder = QWidget(self.card)
            column = QVBoxLayout(holder)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(SPACE_M)
            column.addWidget(self.image_view)
            self.translated = TranslatedTextView(QWidget(holder), artefact.translation, self.theme, holder)
            column.addWidget(self.translated)
            return holder
        return self.image_view

    def _with_badge(self, main: QWidget) -> QWidget:
        """Put the illustrative badge at the top right of ``main``, or under it when the card is narrow."""
        if not self.artefact.illustrative:
            return main
        holder = QWidget(self.card)
        self.badge_layout = BesideOrBelowLayout(holder, spacing=SPACE_S)
        self.badge_layout.setContentsMargins(0, 0, 0, 0)
        main.setParent(holder)
        self.badge_layout.addWidget(main)
        self.illustrative_badge = IllustrativeBadgeView(self.theme, holder)
        self.badge_layout.addWidget(self.illustrative_badge)
        return holder

    def _badge_row(self, layout: QHBoxLayout) -> None:
        if self.artefact.illustrative:
            self.illustrative_badge = IllustrativeBadgeView(self.theme, self.card)
            layout.addWidget(self.illustrative_badge, 0, Qt.AlignmentFlag.AlignTop)

    def _badge_line(self, layout: QVBoxLayout) -> None:
        """Put the badge on a line of its own, so that a long outlet name keeps its width."""
        if self.artefact.illustrative:
            line = QHBoxLayout()
            line.addStretch(1)
            self._badge_row(line)
            layout.addLayout(line)

    def _meta_line(self, *parts: str | None) -> str:
        return " · ".join(part for part in parts if part)

    def _build_post(self) -> None:
        theme, artefact = self.theme, self.artefact
        self._card_style(theme.surface, theme.border)
        outer = QVBoxLayout(self.card)
        outer.setContentsMargins(SPACE_L, SPACE_L, SPACE_L, SPACE_M)
        outer.setSpacing(SPACE_M)
        header = QHBoxLayout()
        header.setSpacing(SPACE_M)
        header.addWidget(AvatarView(artefact.author, 44, self.card), 0, Qt.AlignmentFlag.AlignTop)
        names_box = QWidget(self.card)
        names = QVBoxLayout(names_box)
        names.setContentsMargins(0, 0, 0, 0)
        names.setSpacing(2)
        self.author_label = _label(
            artefact.author or QCoreApplication.translate("ArtefactView", "Unknown account"), sans_font(15, QFont.Weight.Bold), theme.text, names_box
        )
        names.addWidget(self.author_label)
        self.meta_label = _label(
            self._meta_line(artefact.platform, artefact.date), sans_font(13), theme.muted, names_box
        )
        self.meta_label.setVisible(bool(self.meta_label.text()))
        names.addWidget(self.meta_label)
        header.addWidget(self._with_badge(names_box), 1)
        outer.addLayout(header)
        outer.addWidget(self._body(sans_font(16)))
        engagement = artefact.engagement
        if engagement is not None and any(
            value is not None for value in (engagement.reposts, engagement.comments, engagement.likes)
        ):
            rule = QFrame(self.card)
            rule.setFixedHeight(1)
            rule.setStyleSheet(f"background: {theme.border}; border: none;")
            outer.addWidget(rule)
            row = QHBoxLayout()
            row.setSpacing(SPACE_XL + SPACE_L)
            for kind, value in (
                ("reposts", engagement.reposts),
                ("comments", engagement.comments),
                ("likes", engagement.likes),
            ):
                if value is None:
                    continue
                row.addLayout(self._engagement_item(kind, value))
            row.addStretch(1)
            outer.addLayout(row)

    def _engagement_item(self, kind: str, value: int) -> QHBoxLayout:
        """Build an icon and a count, as platforms show them; the words are in the accessible name."""
        theme = self.theme
        item = QHBoxLayout()
        item.setSpacing(SPACE_XS + 2)
        number = QLocale().toString(value)
        words = {
            "reposts": QCoreApplication.translate("ArtefactView", "{count} reposts") if value != 1 else QCoreApplication.translate("ArtefactView", "{count} repost"),
            "comments": QCoreApplication.translate("ArtefactView", "{count} comments") if value != 1 else QCoreApplication.translate("ArtefactView", "{count} comment"),
            "likes": QCoreApplication.translate("ArtefactView", "{count} likes") if value != 1 else QCoreApplication.translate("ArtefactView", "{count} like"),
        }.get(kind, f"{number} {kind}").format(count=number)
        icon = EngagementIconView(kind, QColor(theme.muted), self.card)
        icon.setToolTip(words)
        icon.setAccessibleName({"reposts": QCoreApplication.translate("ArtefactView", "Reposts"), "comments": QCoreApplication.translate("ArtefactView", "Comments"), "likes": QCoreApplication.translate("ArtefactView", "Likes")}.get(kind, kind))
        item.addWidget(icon)
        count = _label(format_count(value), sans_font(14), theme.muted, self.card)
        count.setWordWrap(False)
        count.setAccessibleName(words)
        count.setToolTip(words)
        self.engagement_labels[kind] = count
        item.addWidget(count)
        return item

    def _build_headline(self) -> None:
        theme, artefact = self.theme, self.artefact
        self._card_style(theme.surface, theme.border, radius=4)
        outer = QVBoxLayout(self.card)
        outer.setContentsMargins(SPACE_XL, SPACE_L, SPACE_XL, SPACE_L)
        outer.setSpacing(SPACE_S)
        self._badge_line(outer)
        rule = QFrame(self.card)
        rule.setFixedHeight(3)
        rule.setStyleSheet(f"background: {theme.text}; border: none;")
        outer.addWidget(rule)
        self.author_label = _label(
            artefact.author or QCoreApplication.translate("ArtefactView", "Unknown outlet"), _small_caps(14, serif=True), theme.text, self.card
        )
        outer.addWidget(self.author_label)
        outer.addWidget(self._body(serif_font(28, QFont.Weight.Bold), line_height=125, standfirst=True))
        self.meta_label = _label(
            self._meta_line(artefact.platform, artefact.date), sans_font(13), theme.muted, self.card
        )
        self.meta_label.setVisible(bool(self.meta_label.text()))
        outer.addWidget(self.meta_label)

    def _build_article(self) -> None:
        theme, artefact = self.theme, self.artefact
        paper = "#FBFAF6" if not theme.dark else theme.surface
        self._card_style(paper, theme.border, radius=4)
        outer = QVBoxLayout(self.card)
        outer.setContentsMargins(SPACE_XL, SPACE_L, SPACE_XL, SPACE_L)
        outer.setSpacing(SPACE_S)
        self._badge_line(outer)
        self.author_label = _label(
            artefact.author or QCoreApplication.translate("ArtefactView", "Unknown outlet"), _small_caps(14, serif=True), theme.text, self.card
        )
        outer.addWidget(self.author_label)
        self.meta_label = _label(
            self._meta_line(artefact.platform, artefact.date), sans_font(13), theme.muted, self.card
        )
        self.meta_label.setVisible(bool(self.meta_label.text()))
        outer.addWidget(self.meta_label)
        rule = QFrame(self.card)
        rule.setFixedHeight(1)
        rule.setStyleSheet(f"background: {theme.border}; border: none;")
        outer.addWidget(rule)
        outer.addSpacing(SPACE_XS)
        outer.addWidget(self._body(serif_font(17)))

    def _build_message(self) -> None:
        theme, artefact = self.theme, self.artefact
        backdrop = "#EDEDED" if not theme.dark else "#1F2226"
        bubble_color = "#FFFFFF" if not theme.dark else "#2F3339"
        self._card_style(backdrop, theme.border)
        outer = QVBoxLayout(self.card)
        outer.setContentsMargins(SPACE_L, SPACE_M, SPACE_L, SPACE_L)
        outer.setSpacing(SPACE_M)
        chat = self._meta_line(artefact.platform or QCoreApplication.translate("ArtefactView", "Chat"), artefact.date)
        self.meta_label = _label(chat, sans_font(13, QFont.Weight.DemiBold), theme.muted, self.card)
        outer.addWidget(self._with_badge(self.meta_label))
        forwarded = is_forwarded(artefact)
        row = QHBoxLayout()
        row.setSpacing(SPACE_S)
        sender = None if forwarded else artefact.author
        row.addWidget(AvatarView(sender, 36, self.card), 0, Qt.AlignmentFlag.AlignTop)
        column = QVBoxLayout()
        column.setSpacing(SPACE_XS)
        self.author_label = _label(sender or "", sans_font(12), theme.muted, self.card)
        self.author_label.setVisible(bool(sender))
        column.addWidget(self.author_label)
        bubble = QFrame(self.card)
        bubble.setObjectName("messageBubble")
        bubble.setStyleSheet(
            f"QFrame#messageBubble {{ background: {bubble_color}; border: 1px solid {theme.border};"
            " border-radius: 12px; border-top-left-radius: 3px; }"
        )
        inside = QVBoxLayout(bubble)
        inside.setContentsMargins(SPACE_M, SPACE_S, SPACE_M, SPACE_S)
        inside.setSpacing(SPACE_XS)
        if forwarded:
            tag_font = sans_font(12)
            tag_font.setItalic(True)
            self.forwarded_tag = _label(
                QCoreApplication.translate("ArtefactView", "↪ Forwarded")
                if (artefact.author or "").strip().casefold() == "forwarded"
                else f"↪ {artefact.author}",
                tag_font,
                theme.muted,
                bubble,
            )
            self.forwarded_tag.setAccessibleName(artefact.author or "Forwarded")
            inside.addWidget(self.forwarded_tag)
        self.card_body = self._body(sans_font(15))
        self.card_body.setParent(bubble)
        inside.addWidget(self.card_body)
        column.addWidget(bubble)
        row.addLayout(column, 1)
        row.addSpacing(SPACE_XL)  # leave the other side of the chat empty, as chats do
        outer.addLayout(row)

    # ------------------------------------------------------------ task mode

    def _build_task_bar(self) -> QWidget:
        bar = QWidget(self)
        column = QVBoxLayout(bar)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(SPACE_XS)
        self.mark_button = QPushButton(QCoreApplication.translate("ArtefactView", "Mark selection"), bar)
        self.mark_button.setAccessibleName(QCoreApplication.translate("ArtefactView", "Mark selection"))
        self.mark_button.setToolTip(QCoreApplication.translate("ArtefactView", "Mark the selected words as suspect (Ctrl+M)"))
        self.mark_button.clicked.connect(self.mark_selection)
        # scoped to this artefact, so that two artefacts of a compare never fight over the key
        self.mark_shortcut = QShortcut(QKeySequence("Ctrl+M"), self)
        self.mark_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.mark_shortcut.activated.connect(self.mark_selection)
        self.remove_button = QPushButton(QCoreApplication.translate("ArtefactView", "Remove mark"), bar)
        self.remove_button.setAccessibleName(QCoreApplication.translate("ArtefactView", "Remove mark"))
        self.remove_button.setToolTip(QCoreApplication.translate("ArtefactView", "Remove the mark at the cursor or selection"))
        self.remove_button.clicked.connect(self.remove_mark)
        self.reveal_button = QPushButton(QCoreApplication.translate("ArtefactView", "Reveal annotations"), bar)
        self.reveal_button.setAccessibleName(QCoreApplication.translate("ArtefactView", "Reveal annotations"))
        self.reveal_button.clicked.connect(self.reveal_annotations)
        self.result_label = _label("", sans_font(14, QFont.Weight.DemiBold), self.theme.text, bar)
        self.result_label.setVisible(False)
        self.result_label.setToolTip(
            QCoreApplication.translate("Marks", TASK_FOUND_RULE).format(factor=MARK_LENGTH_FACTOR, slack=MARK_SLACK_CHARS)
        )
        self.marks_label = _label("", sans_font(13), self.theme.muted, bar)
        if self.text_view is None:
            # an image cannot be marked: the task is to look, then reveal
            self.mark_button.setVisible(False)
            self.remove_button.setVisible(False)
            self.marks_label.setVisible(False)
        # the buttons and the hint wrap onto a second line when the column is narrow (or zoomed)
        marking = QWidget(bar)
        row = FlowLayout(marking, spacing=SPACE_S, row_spacing=SPACE_XS)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.mark_button)
        row.addWidget(self.remove_button)
        row.addWidget(self.marks_label)
        column.addWidget(marking)
        # Reveal sits on its own line, under the marking, where the learner ends the task
        status = QHBoxLayout()
        status.setSpacing(SPACE_M)
        status.addWidget(self.result_label, 1)
        status.addWidget(self.reveal_button, 0, Qt.AlignmentFlag.AlignRight)
        column.addLayout(status)
        self._update_task_buttons()
        return bar

    def _update_task_buttons(self) -> None:
        if not self.task_mode or self.text_view is None or self._revealed:
            return
        self.mark_button.setEnabled(self.text_view.selected_range() is not None)
        self.remove_button.setEnabled(bool(self._learner_marks))
        count = len(self._learner_marks)
        self.marks_label.setText(QCoreApplication.translate("ArtefactView", "{count} marked").format(count=count) if count else QCoreApplication.translate("ArtefactView", "Select words, then mark them."))

    # ------------------------------------------------------------ internals

    def _refresh_annotations(self) -> None:
        marks, visible = self.marks, self._revealed
        if self._shown_count is not None:
            marks, visible = self.marks[: self._shown_count], True
        if self.text_view is not None:
            self.text_view.set_annotations(marks, visible)
            self.text_view.set_learner_marks(self._learner_marks)
        if self.image_view is not None:
            self.image_view.set_annotations(marks, visible)

    def _font_sizes_at_zoom_one(self) -> list[tuple[QWidget, float]]:
        """Remember each text's size at zoom 1, so that a zoom change can rescale it."""
        factor = zoom()
        sizes: list[tuple[QWidget, float]] = [
            (label, label.font().pixelSize() / factor) for label in self.findChildren(QLabel)
        ]
        if self.text_view is not None:
            sizes.append((self.text_view, self.text_view.document().defaultFont().pixelSize() / factor))
        return sizes

    def _on_theme_zoom_changed(self, factor: float) -> None:
        for widget, size in self._unzoomed_sizes:
            if widget is self.text_view:
                self.text_view.set_text_pixel_size(max(1, round(size * factor)))
            else:
                font = widget.font()
                font.setPixelSize(max(1, round(size * factor)))
                widget.setFont(font)

    def _on_body_annotation_clicked(self, index: int) -> None:
        self.select_annotation(index)
        self.annotation_selected.emit(index)

    def _accessible_summary(self) -> str:
        artefact = self.artefact
        kind = {
            "post": "Social media post",
            "headline": "Headline",
            "article": "Article excerpt",
            "message": "Message",
        }[artefact.medium]
        parts = [kind]
        if artefact.author:
            parts.append(f"by {artefact.author}")
        if artefact.platform:
            parts.append(f"on {artefact.platform}")
        if artefact.illustrative:
            parts.append("(illustrative example)")
        return " ".join(parts)


__all__ = [
    "AnnotationMark",
    "ArtefactImageView",
    "ArtefactTextView",
    "ArtefactView",
    "NumberBadgeView",
    "annotation_marks",
    "format_count",
    "is_forwarded",
    "marker_text",
    "sans_font",
    "serif_font",
]

"""The numbered notes beside an artefact, and the legend of the techniques it shows."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFocusEvent, QFont, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.model.i18n_marks import QT_TRANSLATE_NOOP
from app.model.markdown import CitationIndex
from app.ui.artefact import AnnotationMark, NumberBadgeView, sans_font
from app.ui.flow_layout import FlowLayout
from app.ui.rich_text import MarkdownView
from app.ui.theme import BODY_PX, SPACE_M, SPACE_S, SPACE_XS, UI_PX, Theme, current_theme

if TYPE_CHECKING:
    from app.model.pack import Pack


#: a note's text, at zoom 1: the side panel's size, as the glossary beside other steps
NOTE_TEXT_PX = UI_PX


def _plain_label(text: str, font: QFont, color: str, parent: QWidget | None = None) -> QLabel:
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    label.setFont(font)
    label.setWordWrap(True)
    label.setStyleSheet(f"color: {color}; background: transparent; border: none;")
    label.setAccessibleName(text)
    return label


class AnnotationNoteView(QFrame):
    """One note: its marker number, technique and Markdown; focusable, and selectable by click or key."""

    activated = Signal(int)

    def __init__(
        self,
        mark: AnnotationMark,
        pack: Pack,
        theme: Theme,
        parent: QWidget | None = None,
        *,
        citation_index: CitationIndex | None = None,
    ) -> None:
        super().__init__(parent)
        self.mark = mark
        self.theme = theme
        self._selected = False
        self._found: bool | None = None
        self.setObjectName("annotationNote")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        label = mark.technique_label or QCoreApplication.translate("AnnotationNotes", "Note")
        self.setAccessibleName(QCoreApplication.translate("AnnotationNotes", "Note {number}: {label}").format(number=mark.number, label=label))
        self.setAccessibleDescription(mark.note)
        row = QHBoxLayout(self)
        row.setContentsMargins(SPACE_S, SPACE_S, SPACE_S, SPACE_S)
        row.setSpacing(SPACE_S)
        self.badge = NumberBadgeView(mark.number, mark.color, 22, self)
        row.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignTop)
        column = QVBoxLayout()
        column.setSpacing(SPACE_XS)
        head = QHBoxLayout()
        head.setSpacing(SPACE_S)
        self.technique_label = _plain_label(label, sans_font(14, QFont.Weight.DemiBold), theme.text, self)
        self.technique_label.setToolTip(mark.technique_definition)  # the technique defined where it appears
        head.addWidget(self.technique_label, 1)
        self.status_label = _plain_label("", sans_font(13, QFont.Weight.DemiBold), theme.muted, self)
        self.status_label.setWordWrap(False)
        self.status_label.setVisible(False)
        head.addWidget(self.status_label, 0, Qt.AlignmentFlag.AlignTop)
        column.addLayout(head)
        self.body = MarkdownView(pack, self, citation_index=citation_index)
        # side-panel text: the size of the glossary's (the UI size), not the reading column's
        self.body.set_text_scale(NOTE_TEXT_PX / BODY_PX)
        self.body.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.body.setStyleSheet("QTextBrowser { background: transparent; border: none; padding: 0px; }")
        self.body.setAccessibleName(QCoreApplication.translate("AnnotationNotes", "Note {number}").format(number=mark.number))
        self.body.set_markdown(mark.note)
        self.body.viewport().installEventFilter(self)
        self.body.viewport().setCursor(Qt.CursorShape.PointingHandCursor)
        column.addWidget(self.body)
        row.addLayout(column, 1)
        self._restyle()

    def set_selected(self, selected: bool) -> None:
        """Show or clear the selected state."""
        self._selected = selected
        self._restyle()

    def is_selected(self) -> bool:
        """Tell whether this note is the selected one."""
        return self._selected

    def set_found(self, found: bool | None) -> None:
        """Say whether the learner found this annotation (None: no verdict)."""
        self._found = found
        if found is None:
            self.status_label.setVisible(False)
            return
        text = QCoreApplication.translate("AnnotationNotes", "✓ Found") if found else QCoreApplication.translate("AnnotationNotes", "✗ Missed")
        color = self.theme.correct if found else self.theme.wrong
        self.status_label.setText(text)
        self.status_label.setAccessibleName(QCoreApplication.translate("AnnotationNotes", "You found this") if found else QCoreApplication.translate("AnnotationNotes", "You did not find this"))
        self.status_label.setStyleSheet(f"color: {color}; background: transparent; border: none;")
        self.status_label.setVisible(True)
        self.setAccessibleName(
            (QCoreApplication.translate("AnnotationNotes", "Note {number}: {label}, found") if found else QCoreApplication.translate("AnnotationNotes", "Note {number}: {label}, missed")).format(
                number=self.mark.number, label=self.mark.technique_label or QCoreApplication.translate("AnnotationNotes", "Note")
            )
        )

    def found(self) -> bool | None:
        """Return the found verdict shown, or None."""
        return self._found

    def _restyle(self) -> None:
        theme = self.theme
        if self._selected:
            tint = QColor(theme.accent)
            tint.setAlpha(28 if not theme.dark else 45)
            rgba = f"rgba({tint.red()}, {tint.green()}, {tint.blue()}, {tint.alpha()})"
            border = f"1px solid {theme.accent}"
        else:
            rgba = "transparent"
            border = "1px solid transparent"
        self.setStyleSheet(
            f"QFrame#annotationNote {{ background: {rgba}; border: {border}; border-radius: 8px; }}"
            f"QFrame#annotationNote:focus {{ border: 2px solid {theme.accent}; }}"
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Treat a click on the note's text as a click on the note."""
        if (
            event.type() == QEvent.Type.MouseButtonRelease
            and isinstance(event, QMouseEvent)
            and event.button() == Qt.MouseButton.LeftButton
        ):
            self.activated.emit(self.mark.index)
        return False

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        """Select this note."""
        if event.button() == Qt.MouseButton.LeftButton:
            self.activated.emit(self.mark.index)
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter or Space selects this note."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.activated.emit(self.mark.index)
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        """Restyle for the focus ring."""
        super().focusInEvent(event)
        self.update()


class AnnotationNotesPanel(QWidget):
    """The numbered notes of one artefact, hidden until its annotations are revealed."""

    #: the learner picked note i
    annotation_selected = Signal(int)

    def __init__(
        self,
        marks: list[AnnotationMark],
        pack: Pack,
        *,
        revealed: bool = True,
        heading: str | None = QT_TRANSLATE_NOOP("AnnotationNotes", "Notes"),
        theme: Theme | None = None,
        parent: QWidget | None = None,
        citation_index: CitationIndex | None = None,
    ) -> None:
        super().__init__(parent)
        self.theme = theme or current_theme()
        self.setObjectName("annotationNotes")
        heading = QCoreApplication.translate("AnnotationNotes", heading) if heading else heading
        self.setAccessibleName(heading or QCoreApplication.translate("AnnotationNotes", "Notes"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACE_XS)
        if heading:
            title = QLabel(heading, self)
            title.setObjectName("sideHeading")
            title.setAccessibleName(heading)
            layout.addWidget(title)
        self.summary_label = _plain_label("", sans_font(14, QFont.Weight.DemiBold), self.theme.text, self)
        self.summary_label.setVisible(False)
        layout.addWidget(self.summary_label)
        self.placeholder = _plain_label(
            QCoreApplication.translate("AnnotationNotes", "The notes appear here once you reveal the annotations."), sans_font(14), self.theme.muted, self
        )
        layout.addWidget(self.placeholder)
        self.notes: list[AnnotationNoteView] = []
        for mark in marks:
            # notes share the step's citation numbers, so [2] is the same source in every note
            note = AnnotationNoteView(mark, pack, self.theme, self, citation_index=citation_index)
            note.activated.connect(self._on_note_activated)
            layout.addWidget(note)
            self.notes.append(note)
        layout.addStretch(1)
        self.set_revealed(revealed)

    def set_revealed(self, revealed: bool) -> None:
        """Show the notes, or the placeholder that says when they will appear."""
        self.placeholder.setVisible(not revealed)
        for note in self.notes:
            note.setVisible(revealed)

    def show_notes_up_to(self, count: int) -> None:
        """Show only the first ``count`` notes (presentation mode reveals them one at a time)."""
        self.placeholder.setVisible(count <= 0)
        for position, note in enumerate(self.notes):
            note.setVisible(position < count)

    def shown_note_count(self) -> int:
        """Return how many notes are shown."""
        return sum(not note.isHidden() for note in self.notes)

    def set_found(self, found: list[bool | None], summary: str = "") -> None:
        """Put a found or missed mark beside each note, and an overall line such as "You found 1 of 2"."""
        for note, verdict in zip(self.notes, found, strict=False):
            note.set_found(verdict)
        self.summary_label.setText(summary)
        self.summary_label.setAccessibleName(summary)
        self.summary_label.setVisible(bool(summary))

    def select_annotation(self, index: int | None) -> None:
        """Show note ``index`` as selected and scroll it into view."""
        for note in self.notes:
            note.set_selected(note.mark.index == index)
            if note.mark.index == index:
                self._scroll_to(note)

    def selected_annotation(self) -> int | None:
        """Return the selected note's annotation index, or None."""
        return next((note.mark.index for note in self.notes if note.is_selected()), None)

    def _scroll_to(self, note: QWidget) -> None:
        parent = self.parentWidget()
        while parent is not None:
            if isinstance(parent, QScrollArea):
                parent.ensureWidgetVisible(note, 0, SPACE_M)
                return
            parent = parent.parentWidget()

    def _on_note_activated(self, index: int) -> None:
        self.select_annotation(index)
        self.annotation_selected.emit(index)


class LegendEntryView(QWidget):
    """One technique of the legend: its swatch, then its label and marker numbers, wrapping when narrow."""

    def __init__(self, label: str, color: QColor, numbers: list[int], theme: Theme, parent: QWidget | None = None):
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(SPACE_S)
        self.swatch = QFrame(self)
        self.swatch.setFixedSize(14, 14)
        fill = QColor(color)
        fill.setAlpha(theme.highlight_alpha + 40)
        self.swatch.setStyleSheet(
            f"background: rgba({fill.red()}, {fill.green()}, {fill.blue()}, {fill.alpha()});"
            f" border: 2px solid {color.name()}; border-radius: 3px;"
        )
        # the swatch sits on the first line of a label that wraps
        row.addWidget(self.swatch, 0, Qt.AlignmentFlag.AlignTop)
        marker_list = ", ".join(str(n) for n in numbers)
        self.text_label = _plain_label(f"{label}  ({marker_list})", sans_font(13), theme.muted, self)
        self.text_label.setAccessibleName(f"{label}: marker{'s' if len(numbers) > 1 else ''} {marker_list}")
        row.addWidget(self.text_label, 1)
        self.setAccessibleName(self.text_label.accessibleName())

    def sizeHint(self) -> QSize:
        """Prefer the label on one line."""
        metrics = self.text_label.fontMetrics()
        width = self.swatch.width() + SPACE_S + metrics.horizontalAdvance(self.text_label.text()) + 2
        return QSize(width, max(self.swatch.height(), metrics.height()))

    def minimumSizeHint(self) -> QSize:
        """Be as narrow as the longest word, so that the legend never widens its column."""
        metrics = self.text_label.fontMetrics()
        longest = max((metrics.horizontalAdvance(word) for word in self.text_label.text().split()), default=0)
        return QSize(self.swatch.width() + SPACE_S + longest + 2, max(self.swatch.height(), metrics.height()))


class TechniqueLegendView(QWidget):
    """The techniques an artefact's annotations use: swatch, label and the marker numbers.

    The entries flow in rows and wrap (a long label wraps within its entry), so the legend fits
    any column the step fits.
    """

    def __init__(
        self, marks: list[AnnotationMark], theme: Theme | None = None, parent: QWidget | None = None
    ):
        super().__init__(parent)
        theme = theme or current_theme()
        self.setAccessibleName("Technique legend")
        flow = FlowLayout(self, spacing=SPACE_M * 2, row_spacing=SPACE_XS)
        flow.setContentsMargins(0, 0, 0, 0)
        entries: dict[str, tuple[QColor, list[int]]] = {}
        definitions: dict[str, str] = {}
        for mark in marks:
            label = mark.technique_label or "Other note"
            entries.setdefault(label, (mark.color, []))[1].append(mark.number)
            definitions.setdefault(label, mark.technique_definition)
        self.entries = {label: numbers for label, (_color, numbers) in entries.items()}
        self.entry_views = [
            LegendEntryView(label, color, numbers, theme, self) for label, (color, numbers) in entries.items()
        ]
        for entry, label in zip(self.entry_views, entries, strict=True):
            entry.setToolTip(definitions.get(label, ""))  # each technique defined where it appears
            flow.addWidget(entry)

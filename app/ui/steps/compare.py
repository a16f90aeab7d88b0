"""The compare step: two to four artefacts side by side, a question, and a takeaway on request."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QGridLayout, QLayout, QPushButton, QVBoxLayout, QWidget

from app.model.drafts import ExampleDraft
from app.model.markdown import CitationIndex
from app.model.schema import Artefact, Compare, Step
from app.ui.annotations import AnnotationNotesPanel
from app.ui.artefact import ArtefactView
from app.ui.steps.base import StepContext, StepView, register_step_view, step_title
from app.ui.steps.example import (
    CalloutPanel,
    SourcesLineView,
    TaskPanel,
    flat_markdown_view,
    restore_tasks,
    reveal_notes,
    tasks_draft,
)
from app.ui.theme import SPACE_L, SPACE_M, SPACE_XL, Theme, current_theme

#: the narrowest an artefact column may be before the grid drops to fewer columns
MIN_COLUMN_WIDTH = 320


class CompareItemView(QWidget):
    """One artefact of a comparison, with its task and its notes underneath when it has any."""

    def __init__(
        self,
        artefact: Artefact,
        context: StepContext,
        theme: Theme,
        parent: QWidget | None = None,
        *,
        citation_index: CitationIndex | None = None,
    ):
        super().__init__(parent)
        pack = context.pack
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACE_M)
        self.artefact_view = ArtefactView(artefact, pack, task_mode=True, theme=theme, parent=self)
        if self.artefact_view.task_mode:
            layout.addWidget(TaskPanel(pack, artefact.task or "", theme, self, citation_index=citation_index))
        layout.addWidget(self.artefact_view)
        self.notes_panel: AnnotationNotesPanel | None = None
        if self.artefact_view.marks:
            self.notes_panel = AnnotationNotesPanel(
                self.artefact_view.marks,
                pack,
                revealed=self.artefact_view.annotations_visible(),
                heading=None,
                theme=theme,
                parent=self,
                citation_index=citation_index,
            )
            self.notes_panel.annotation_selected.connect(self.artefact_view.select_annotation)
            self.artefact_view.annotation_selected.connect(self.notes_panel.select_annotation)
            self.artefact_view.annotations_revealed.connect(self._on_artefact_view_annotations_revealed)
            layout.addWidget(self.notes_panel)
        if artefact.sources:
            layout.addWidget(SourcesLineView(pack, list(artefact.sources), theme, self, citation_index=citation_index))
        layout.addStretch(1)

    def _on_artefact_view_annotations_revealed(self) -> None:
        assert self.notes_panel is not None
        reveal_notes(self.notes_panel, self.artefact_view)


@register_step_view("compare")
class CompareStepView(StepView):
    """Shows the artefacts in a grid of one or two columns, the question, and the takeaway on request."""

    def __init__(
        self,
        step: Step,
        index: int,
        context: StepContext,
        parent: QWidget | None = None,
        *,
        theme: Theme | None = None,
    ) -> None:
        super().__init__(step, index, context, parent)
        compare = step.content
        assert isinstance(compare, Compare)
        self.compare = compare
        self.theme = theme or current_theme()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACE_L)
        # the grid reflows to one column when narrow, so two columns' minimum must not pin the width
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)

        layout.addWidget(step_title(compare.title or self.tr("Compare"), self))

        #: one numbering for the step's citations: question, notes, Sources lines and takeaway agree
        self.citations = CitationIndex()
        self.question = flat_markdown_view(
            context.pack, compare.question, self.tr("Question"), self, citation_index=self.citations
        )
        layout.addWidget(self.question)

        self.items = [
            CompareItemView(artefact, context, self.theme, self, citation_index=self.citations)
            for artefact in compare.examples
        ]
        self.artefact_views = [item.artefact_view for item in self.items]
        self._grid = QGridLayout()
        self._grid.setHorizontalSpacing(SPACE_XL)
        self._grid.setVerticalSpacing(SPACE_XL)
        self._columns = 0
        self._arrange(2)
        layout.addLayout(self._grid)

        self.takeaway_button: QPushButton | None = None
        self.takeaway_panel: CalloutPanel | None = None
        if compare.takeaway and compare.takeaway.strip():
            self.takeaway_button = QPushButton(self.tr("Show takeaway"), self)
            self.takeaway_button.setAccessibleName(self.tr("Show takeaway"))
            self.takeaway_button.clicked.connect(self.show_takeaway)
            layout.addWidget(self.takeaway_button, 0, Qt.AlignmentFlag.AlignLeft)
            # the takeaway lists what it cites under it (same numbers), as no Sources line may name them
            self.takeaway_panel = CalloutPanel(
                context.pack,
                self.tr("Takeaway"),
                compare.takeaway,
                self.theme,
                self,
                citation_index=self.citations,
                references=True,
            )
            self.takeaway_panel.setVisible(False)
            layout.addWidget(self.takeaway_panel)
        layout.addStretch(1)

        # the learner's marks, revealed notes and the takeaway shown are kept as made
        kept = self.kept_draft(ExampleDraft)
        if kept is not None:
            restore_tasks(self.artefact_views, kept)
            if kept.takeaway:
                self.show_takeaway()
        for view in self.artefact_views:
            if view.task_mode:
                view.marks_changed.connect(self._keep_work)
                view.annotations_revealed.connect(self._keep_work)

    def _keep_work(self) -> None:
        self.keep_draft(tasks_draft(self.artefact_views, self.takeaway_shown()))

    def takeaway_shown(self) -> bool:
        """Tell whether the takeaway is on screen."""
        return self.takeaway_panel is not None and not self.takeaway_panel.isHidden()

    def takeaway_text(self) -> str:
        """Return the takeaway as shown (empty when there is none)."""
        return self.takeaway_panel.body.toPlainText() if self.takeaway_panel is not None else ""

    def show_takeaway(self) -> None:
        """Reveal the takeaway (the learner asked for it)."""
        if self.takeaway_panel is None or self.takeaway_button is None:
            return
        if self.takeaway_shown():
            return
        # the button goes: the focus moves to the takeaway it showed, not down the chain
        had_focus = self.takeaway_button.hasFocus()
        self.takeaway_panel.setVisible(True)
        self.takeaway_button.setVisible(False)
        if had_focus:
            self.takeaway_panel.body.setFocus(Qt.FocusReason.OtherFocusReason)
        self._keep_work()

    def columns(self) -> int:
        """Return how many artefacts sit side by side."""
        return self._columns

    def _arrange(self, columns: int) -> None:
        columns = max(1, min(columns, len(self.items), 2))
        if columns == self._columns:
            return
        self._columns = columns
        for item in self.items:
            self._grid.removeWidget(item)
        for position, item in enumerate(self.items):
            self._grid.addWidget(item, position // columns, position % columns)
        for column in range(2):
            self._grid.setColumnStretch(column, 1 if column < columns else 0)

    def minimumSizeHint(self) -> QSize:
        """Be as narrow as one column allows: the grid drops to one column rather than overflow."""
        hint = super().minimumSizeHint()
        narrowest = max(item.minimumSizeHint().width() for item in self.items)
        return QSize(narrowest, hint.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Put the artefacts side by side when there is room, otherwise one under another."""
        super().resizeEvent(event)
        self._arrange(max(1, (event.size().width() + SPACE_XL) // (MIN_COLUMN_WIDTH + SPACE_XL)))

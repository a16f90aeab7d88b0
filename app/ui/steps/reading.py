"""The reading step: Markdown with numbered citations, a sources list and glossary look-ups."""

from __future__ import annotations

import html

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.model.markdown import glossary_pattern
from app.model.schema import Reading, Step
from app.ui.rich_text import MarkdownView, glossary_tip_html
from app.ui.steps.base import StepContext, StepView, register_step_view, step_title
from app.ui.theme import SPACE_L, SPACE_M, SPACE_S


@register_step_view("reading")
class ReadingStepView(StepView):
    """Shows a reading; the side column lists the glossary terms it uses."""

    def __init__(self, step: Step, index: int, context: StepContext, parent: QWidget | None = None) -> None:
        super().__init__(step, index, context, parent)
        reading = step.content
        assert isinstance(reading, Reading)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACE_L)
        if reading.title:
            layout.addWidget(step_title(reading.title))
        self.body = MarkdownView(context.pack, self, references=True, glossary_links=True)
        self.body.setAccessibleName(reading.title or self.tr("Reading"))
        self.body.set_markdown(reading.body)
        layout.addWidget(self.body)
        layout.addStretch(1)
        self._terms = terms_used(context, reading.body)

    def side_panel(self) -> QWidget | None:
        """List the glossary terms this reading uses, with their definitions."""
        if not self._terms:
            return None
        return GlossaryPanel(self.context, self._terms)


def terms_used(context: StepContext, text: str) -> list[int]:
    """Return the indices of the glossary terms that occur in ``text``."""
    return [
        index
        for index, term in enumerate(context.pack.manifest.glossary)
        if term.term.strip() and glossary_pattern([term.term]).search(text)
    ]


class GlossaryPanel(QWidget):
    """The glossary entries for a step, in the side column."""

    def __init__(self, context: StepContext, term_indices: list[int], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sidePanel")
        self.setAccessibleName(self.tr("Glossary"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(SPACE_M, SPACE_M, SPACE_M, SPACE_M)
        layout.setSpacing(SPACE_S)
        heading = QLabel(self.tr("Glossary"))
        heading.setObjectName("sideHeading")
        layout.addWidget(heading)
        for index in term_indices:
            entry = QLabel(glossary_tip_html(context.pack, index))
            entry.setWordWrap(True)
            entry.setObjectName("glossaryEntry")
            entry.setProperty("packContent", True)  # the pack's own words: the pseudo-locale test skips them
            entry.setAccessibleName(
                self.tr("Glossary: {term}").format(term=html.escape(context.pack.manifest.glossary[index].term))
            )
            layout.addWidget(entry)
        layout.addStretch(1)

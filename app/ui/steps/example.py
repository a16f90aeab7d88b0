"""The example step: one artefact, its numbered annotations, and an optional find-it-first task."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QFont, QResizeEvent
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from app.model.drafts import ArtefactDraft, ExampleDraft
from app.model.markdown import CitationIndex, is_web_url, without_parentheses
from app.model.schema import Example, Source, Step
from app.ui.annotations import AnnotationNotesPanel, TechniqueLegendView
from app.ui.artefact import ArtefactView, sans_font
from app.ui.rich_text import MarkdownView
from app.ui.steps.base import StepContext, StepView, register_step_view, step_title
from app.ui.theme import SPACE_L, SPACE_M, SPACE_XS, Theme, current_theme

if TYPE_CHECKING:
    from app.model.pack import Pack


FLAT_MARKDOWN_STYLE = "QTextBrowser { background: transparent; border: none; padding: 0px; }"


def flat_markdown_view(
    pack: Pack,
    markdown: str,
    accessible_name: str,
    parent: QWidget | None = None,
    *,
    citation_index: CitationIndex | None = None,
    references: bool = False,
) -> MarkdownView:
    """Make a Markdown view that lines up with the labels around it (no frame, no padding)."""
    view = MarkdownView(pack, parent, citation_index=citation_index, references=references)
    view.setStyleSheet(FLAT_MARKDOWN_STYLE)
    view.setAccessibleName(accessible_name)
    view.set_markdown(markdown)
    return view


class CalloutPanel(QFrame):
    """A calm box with a small heading and Markdown: the task of an example, the takeaway of a compare."""

    def __init__(
        self,
        pack: Pack,
        heading: str,
        markdown: str,
        theme: Theme,
        parent: QWidget | None = None,
        *,
        citation_index: CitationIndex | None = None,
        references: bool = False,
    ):
        super().__init__(parent)
        self.setObjectName("calloutPanel")
        self.setStyleSheet(
            f"QFrame#calloutPanel {{ background: {theme.surface}; border: 1px solid {theme.border};"
            f" border-left: 4px solid {theme.muted}; border-radius: 6px; }}"
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(SPACE_L, SPACE_M, SPACE_L, SPACE_M)
        layout.setSpacing(SPACE_XS)
        self.heading = QLabel(heading, self)
        self.heading.setFont(sans_font(13, QFont.Weight.DemiBold))
        self.heading.setStyleSheet(f"color: {theme.muted}; border: none; background: transparent;")
        layout.addWidget(self.heading)
        self.body = flat_markdown_view(
            pack, markdown, heading, self, citation_index=citation_index, references=references
        )
        layout.addWidget(self.body)


class TaskPanel(CalloutPanel):
    """The "what to look for" box above an artefact with a task."""

    def __init__(
        self,
        pack: Pack,
        task: str,
        theme: Theme,
        parent: QWidget | None = None,
        *,
        citation_index: CitationIndex | None = None,
    ) -> None:
        super().__init__(pack, QCoreApplication.translate("TaskPanel", "Your task"), task, theme, parent, citation_index=citation_index)


def describe_source_briefly(source: Source | None, key: str, link_color: str) -> str:
    """Describe a source as HTML in a few words: its title (linked when it has a web address) and date."""
    if source is None:
        return html.escape(key)
    title = html.escape(source.title)
    if source.url and is_web_url(source.url):
        title = f'<a href="{html.escape(source.url, quote=True)}" style="color: {link_color};">{title}</a>'
    # these go inside parentheses: a date's own "(late October inferred)" must not nest them
    extras = [
        html.escape(without_parentheses(extra)) for extra in (source.publisher or source.author, source.date) if extra
    ]
    return f"<i>{title}</i>" + (f" ({', '.join(extras)})" if extras else "")


class SourcesLineView(QLabel):
    """One muted line naming the sources of a step; only http(s) links open, in the browser.

    With the step's ``citation_index`` each source carries its citation number, "[2] Title", in
    number order, matching the [2] in the notes.
    """

    def __init__(
        self,
        pack: Pack,
        keys: list[str],
        theme: Theme,
        parent: QWidget | None = None,
        *,
        citation_index: CitationIndex | None = None,
    ) -> None:
        super().__init__(parent)
        sources = pack.manifest.sources
        keys = list(dict.fromkeys(keys))
        numbers: dict[str, int] = {}
        if citation_index is not None:
            numbers = {key: citation_index.number(key) for key in keys}
            keys.sort(key=numbers.__getitem__)
        self.keys = keys
        described = [
            (f"[{numbers[key]}]\u00a0" if key in numbers else "")
            + describe_source_briefly(sources.get(key), key, theme.accent)
            for key in keys
        ]
        label = self.tr("Source") if len(keys) == 1 else self.tr("Sources")
        # every pack string is escaped above, so this rich text holds no pack markup
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setText(self.tr("<b>{label}:</b> {sources}").format(label=label, sources="; ".join(described)))
        self.setWordWrap(True)
        # the sources' own words (title, publisher, date); "Sources:" before them is translated above
        self.setProperty("packContent", True)
        self.setOpenExternalLinks(False)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        self.setFont(sans_font(13))
        self.setStyleSheet(f"color: {theme.muted}; background: transparent;")
        self.setAccessibleName(
            self.tr("{label}: {sources}").format(
                label=label, sources="; ".join(sources[key].title for key in keys if key in sources)
            )
        )
        self.linkActivated.connect(self._on_self_link_activated)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Claim the wrapped height as a minimum, so that the step's column never squeezes the artefact."""
        super().resizeEvent(event)
        wrapped = self.heightForWidth(event.size().width())
        if wrapped > 0 and wrapped != self.minimumHeight():
            self.setMinimumHeight(wrapped)

    def _on_self_link_activated(self, link: str) -> None:
        if is_web_url(link):
            QDesktopServices.openUrl(QUrl(link))


def tasks_draft(views: list[ArtefactView], takeaway: bool = False) -> ExampleDraft:
    """Return the find-it-first tasks of a step's artefacts as the learner left them (and the takeaway)."""
    return ExampleDraft(
        [ArtefactDraft(view.learner_marks(), view.task_mode and view.annotations_visible()) for view in views],
        takeaway,
    )


def restore_tasks(views: list[ArtefactView], draft: ExampleDraft) -> None:
    """Put back each artefact's marks and revealed notes as ``draft`` kept them."""
    for view, kept in zip(views, draft.artefacts, strict=False):
        view.restore_task(kept.marks, kept.revealed)


def reveal_notes(notes: AnnotationNotesPanel, view: ArtefactView) -> None:
    """Show the notes of ``view``'s annotations, once they are revealed, with what the learner found."""
    notes.set_revealed(True)
    if view.task_mode and view.text_view is not None:
        # the result line ("You found 2 of 3") is under the artefact already: say it once
        notes.set_found(view.verdicts())


@register_step_view("example")
class ExampleStepView(StepView):
    """An artefact drawn as its medium; its numbered notes sit in the side column."""

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
        example = step.content
        assert isinstance(example, Example)
        self.example = example
        self.theme = theme or current_theme()
        pack = context.pack
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACE_L)

        layout.addWidget(step_title(example.title or self.tr("Example"), self))

        #: one numbering for the step's citations: task, notes and the Sources line agree
        self.citations = CitationIndex()
        self.artefact_view = ArtefactView(example, pack, task_mode=True, theme=self.theme, parent=self)
        self.task_panel: TaskPanel | None = None
        if self.artefact_view.task_mode:
            self.task_panel = TaskPanel(pack, example.task or "", self.theme, self, citation_index=self.citations)
            layout.addWidget(self.task_panel)
        layout.addWidget(self.artefact_view)

        self.legend = TechniqueLegendView(self.artefact_view.marks, self.theme, self)
        layout.addWidget(self.legend)

        revealed = self.artefact_view.annotations_visible()
        self.legend.setVisible(revealed)
        # the notes are numbered before the Sources line, which then lists what they cite first
        self.notes_panel = AnnotationNotesPanel(
            self.artefact_view.marks,
            pack,
            revealed=revealed,
            theme=self.theme,
            parent=self,
            citation_index=self.citations,
        )

        self.sources_line: SourcesLineView | None = None
        listed = [*self.citations.keys(), *example.sources]
        if listed:
            self.sources_line = SourcesLineView(pack, listed, self.theme, self, citation_index=self.citations)
            layout.addWidget(self.sources_line)
        layout.addStretch(1)

        self.notes_panel.hide()  # shown when the player places it in the side column
        self.notes_panel.annotation_selected.connect(self._on_notes_panel_annotation_selected)
        self.artefact_view.annotation_selected.connect(self._on_artefact_view_annotation_selected)
        self.artefact_view.annotations_revealed.connect(self._on_artefact_view_annotations_revealed)
        if self.artefact_view.task_mode:  # the learner's marks and the revealed notes are kept as made
            kept = self.kept_draft(ExampleDraft)
            if kept is not None:
                restore_tasks([self.artefact_view], kept)
            self.artefact_view.marks_changed.connect(self._keep_task)
            self.artefact_view.annotations_revealed.connect(self._keep_task)

    def _keep_task(self) -> None:
        self.keep_draft(tasks_draft([self.artefact_view]))

    def side_panel(self) -> QWidget | None:
        """Return the numbered notes for the side column."""
        return self.notes_panel

    def _on_notes_panel_annotation_selected(self, index: int) -> None:
        self.artefact_view.select_annotation(index)

    def _on_artefact_view_annotation_selected(self, index: int) -> None:
        self.notes_panel.select_annotation(index)

    def _on_artefact_view_annotations_revealed(self) -> None:
        self.legend.setVisible(True)
        reveal_notes(self.notes_panel, self.artefact_view)

"""The reflect step: a free answer with a live word count against ``min_words``."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from app.model.drafts import ReflectDraft
from app.model.schema import Reflect, Step
from app.model.words import count_words
from app.ui.rich_text import MarkdownView
from app.ui.steps.base import StepContext, StepView, register_step_view
from app.ui.theme import SPACE_M, SPACE_S, set_style_property

#: a long enough reflection is saved this long after the learner stops typing
AUTOSAVE_DELAY_MS = 1500
#: anything typed is kept as a draft this long after the last key (and at once when the step is left)
KEEP_DELAY_MS = 300


@register_step_view("reflect")
class ReflectStepView(StepView):
    """Asks for a written reflection; it is saved with the learner's progress, never scored."""

    def __init__(self, step: Step, index: int, context: StepContext, parent: QWidget | None = None) -> None:
        super().__init__(step, index, context, parent)
        reflect = step.content
        assert isinstance(reflect, Reflect)
        self.reflect = reflect
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACE_M)

        heading = QLabel(self.tr("Reflect"))
        heading.setObjectName("stepTitle")
        layout.addWidget(heading)
        self.prompt = MarkdownView(context.pack, self)
        self.prompt.set_markdown(reflect.prompt)
        self.prompt.setAccessibleName(self.tr("Reflection prompt"))
        layout.addWidget(self.prompt)

        self.editor = QPlainTextEdit(self)
        self.editor.setObjectName("reflectEditor")
        self.editor.setPlaceholderText(self.tr("Write your answer here…"))
        self.editor.setAccessibleName(self.tr("Your reflection"))
        self.editor.setTabChangesFocus(True)
        self.editor.setMinimumHeight(180)
        layout.addWidget(self.editor)

        row = QHBoxLayout()
        row.setSpacing(SPACE_S)
        self.word_count = QLabel(self)
        self.word_count.setObjectName("wordCount")
        self.word_count.setAccessibleName(self.tr("Word count"))
        row.addWidget(self.word_count)
        row.addStretch(1)
        self.status = QLabel(self)
        self.status.setObjectName("mutedLabel")
        row.addWidget(self.status)
        self.save_button = QPushButton(self.tr("Save reflection"), self)
        self.save_button.setAccessibleName(self.tr("Save reflection"))
        self.save_button.setDefault(True)
        row.addWidget(self.save_button)
        layout.addLayout(row)
        layout.addStretch(1)

        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.setInterval(AUTOSAVE_DELAY_MS)
        self._autosave.timeout.connect(self._on_autosave_timeout)
        self._saved_text = ""
        if context.session is not None:
            self._saved_text = context.session.reflection(index) or ""
            self.editor.setPlainText(self._saved_text)
        if self._saved_text:
            self.status.setText(self.tr("Saved"))
        # text typed but not saved yet (too short to save, or just typed) is kept as a draft
        kept = self.kept_draft(ReflectDraft)
        if kept is not None and kept.text != self._saved_text:
            self.editor.setPlainText(kept.text)
            self.status.setText(self.tr("Draft kept"))
        self._keep_timer = QTimer(self)
        self._keep_timer.setSingleShot(True)
        self._keep_timer.setInterval(KEEP_DELAY_MS)
        self._keep_timer.timeout.connect(self._keep_text)
        self.editor.textChanged.connect(self._on_editor_text_changed)
        self.save_button.clicked.connect(self._on_save_button_clicked)
        self._update_count()

    def words(self) -> int:
        """Count the words written so far."""
        return count_words(self.editor.toPlainText())

    def _update_count(self) -> None:
        words = self.words()
        needed = self.reflect.min_words
        written = self.tr("%n word(s)", "", words)
        if needed:  # "41 of 30 words" read as a shortfall: say what was written, then what is needed
            if words >= needed:
                self.word_count.setText(self.tr("{written} ({needed} needed)  ✓").format(written=written, needed=needed))
            else:
                self.word_count.setText(self.tr("{written} ({needed} needed)").format(written=written, needed=needed))
        else:
            self.word_count.setText(written)
        set_style_property(self.word_count, "state", "met" if words >= needed and words else "")
        self.save_button.setEnabled(words >= max(needed, 1))

    def _on_editor_text_changed(self) -> None:
        self._update_count()
        changed = self.editor.toPlainText() != self._saved_text
        self.status.setText(self.tr("Not saved yet") if changed else self.tr("Saved"))
        self._keep_timer.start()
        if changed and self.words() >= max(self.reflect.min_words, 1):
            self._autosave.start()

    def _on_autosave_timeout(self) -> None:
        self.save()

    def _on_save_button_clicked(self) -> None:
        self.save()

    def _keep_text(self) -> None:
        """Keep what is typed as the step's draft until it is saved as the reflection."""
        self._keep_timer.stop()
        text = self.editor.toPlainText()
        if text != self._saved_text:
            self.keep_draft(ReflectDraft(text))
            self.status.setText(self.tr("Draft kept"))
        else:
            self.discard_draft()

    def flush_draft(self) -> None:
        """Keep the text typed a moment ago (the step is left, or the window closes)."""
        if self._keep_timer.isActive():
            self._keep_text()

    def submit_step(self) -> None:
        """Ctrl+Return saves the reflection once it is long enough."""
        if self.save_button.isEnabled():
            self.save()

    def save(self) -> None:
        """Store the reflection with the learner's progress (nothing is stored without a session)."""
        text = self.editor.toPlainText()
        if self.words() < max(self.reflect.min_words, 1):
            return
        if self.context.session is not None:
            self.context.session.save_reflection(self.index, text)
        self._saved_text = text
        self.status.setText(self.tr("Saved"))
        self._keep_timer.stop()
        self.discard_draft()  # the saved reflection is the text now
        self.completion_changed.emit()

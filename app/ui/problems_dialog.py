"""The Problems dialog: the lines ``validate`` prints for a pack that cannot be played."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.commands.validate import MAX_PRINTED
from app.model.problems import LoadResult
from app.model.source import pack_label
from app.ui.theme import SPACE_L, SPACE_M, SPACE_XL, mono_font


def problem_lines(path_argument: str, result: LoadResult) -> list[str]:
    """Return the lines ``validate`` prints for ``result``, capped as it caps them."""
    prefix = pack_label(path_argument)
    lines = [problem.format(prefix) for problem in result.problems[:MAX_PRINTED]]
    hidden = len(result.problems) - MAX_PRINTED
    if hidden > 0:
        lines.append(f"{path_argument}: {hidden} more problems not shown")
    return lines


def summary(result: LoadResult) -> str:
    """Say how many errors and warnings ``result`` holds, as "2 errors, 1 warning"."""
    errors, warnings = len(result.errors), len(result.warnings)
    return f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"


class ProblemsDialog(QDialog):
    """List a pack's problems, one ``FILE:LINE:COLUMN: severity: message`` line each."""

    def __init__(self, pack_label: str, lines: list[str], heading: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.lines = list(lines)
        self.setWindowTitle("Problems in a pack")
        self.setAccessibleName("Problems in a pack")
        self.resize(760, 420)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(SPACE_XL, SPACE_XL, SPACE_XL, SPACE_L)
        layout.setSpacing(SPACE_M)

        title = QLabel(f"This pack cannot be opened: {pack_label}")
        title.setObjectName("cardTitle")
        title.setWordWrap(True)
        title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(title)
        explanation = QLabel(
            (heading + ". " if heading else "")
            + "These are the same lines that `python main.py validate` prints. "
            "Fix the file and line each one names, then open the pack again."
        )
        explanation.setObjectName("muted")
        explanation.setWordWrap(True)
        layout.addWidget(explanation)

        self.problem_list = QListWidget()
        self.problem_list.setObjectName("problemList")
        self.problem_list.setAccessibleName("Problems")
        self.problem_list.setFont(mono_font())
        self.problem_list.setWordWrap(True)
        self.problem_list.addItems(self.lines)
        layout.addWidget(self.problem_list, 1)

        buttons = QDialogButtonBox()
        copy_button = QPushButton("Copy all")
        copy_button.setAccessibleName("Copy all")
        copy_button.clicked.connect(self._on_copy_clicked)
        buttons.addButton(copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        close_button = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close_button.setAccessibleName("Close")
        close_button.setObjectName("primaryButton")
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(buttons)
        layout.addLayout(row)

    def _on_copy_clicked(self) -> None:
        """Copy every line to the clipboard."""
        QGuiApplication.clipboard().setText("\n".join(self.lines) + "\n")

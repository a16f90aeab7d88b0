"""The class report window: learners, questions with Moodle's item statistics, techniques, before and after.

``open_class_report(window)`` asks for many results files at once (File > Class report…) and shows
``ClassReportDialog``, a window the teacher can keep open beside the lesson. The numbers come
from ``app/model/class_report.py``; this module only lays them out. Tables sort on their real
values (a proxy sorts on ``SORT_ROLE``), flags carry an icon and a word, and the charts are the
dashboard's own (``charts.py``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QResizeEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.model.atomic import OutputError, refuse_input_as_output
from app.model.class_report import (
    FLAG_EXPLANATIONS,
    ClassReport,
    LearnerRow,
    QuestionStats,
    read_class,
    report_from,
    write_csv,
)
from app.model.gradebook import Gradebook, gradebook_from, write_gradebook, write_item_analysis
from app.model.results import ResultsError
from app.model.text import percent_text
from app.ui.charts import (
    BarChartView,
    BarDatum,
    BeforeAfterChartView,
    discernment_chart,
    trust_chart,
)
from app.ui.theme import SPACE_L, SPACE_M, SPACE_S, SPACE_XL, technique_numbers

if TYPE_CHECKING:
    from app.model.pack import Pack

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
RESULTS_FILTER = "Results files (*.json);;All files (*)"
CSV_FILTER = "CSV files (*.csv)"


def _percent_or_dash(value: float | None) -> str:
    return "–" if value is None else percent_text(value)


def _item(text: str, sort: Any = None, tip: str = "") -> QStandardItem:
    """Make a read-only cell that sorts on ``sort`` (its text when None)."""
    item = QStandardItem(text)
    item.setEditable(False)
    # Empty values sort below every number, whichever way the column is sorted.
    item.setData(
        sort if sort is not None else (text.casefold() if isinstance(text, str) else text), SORT_ROLE
    )
    if tip:
        item.setToolTip(tip)
    return item


def _number(value: float | None) -> float:
    return float("-inf") if value is None else value


def _change_item(before: float | None, after: float | None) -> QStandardItem:
    """A cell "+0.5 → +2.0" for a rating figure before and after, sorted by the change."""
    if before is None and after is None:
        return _item("–", float("-inf"))
    shown = ["–" if value is None else f"{value:+.1f}" for value in (before, after)]
    change = None if before is None or after is None else after - before
    return _item(f"{shown[0]} → {shown[1]}", _number(change))


class ReportTableView(QTableView):
    """A sortable, read-only table that grows to its rows (the window scrolls, not the table)."""

    def __init__(self, name: str, headers: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        self.source = QStandardItemModel(0, len(headers), self)
        self.source.setHorizontalHeaderLabels(list(headers))
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.source)
        self.proxy.setSortRole(SORT_ROLE)
        self.setModel(self.proxy)
        self.setSortingEnabled(True)
        self.setWordWrap(True)
        self.setAlternatingRowColors(True)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.verticalHeader().setVisible(False)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.horizontalHeader().setHighlightSections(False)
        self.setTabKeyNavigation(False)
        # Rows keep the report's order until the teacher clicks a header.
        self.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.horizontalHeader().setSectionsClickable(True)
        self.horizontalHeader().sectionResized.connect(self._on_header_section_resized)

    def set_widths(self, widths: dict[int, int], stretch: int) -> None:
        """Give text columns fixed widths (they wrap) and let one column take the rest."""
        header = self.horizontalHeader()
        for column, width in widths.items():
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)

    def _on_header_section_resized(self, *_args: object) -> None:
        """Wrap again at the new widths."""
        self.resizeRowsToContents()
        self.fit_height()

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Wrap again when the window changes width."""
        super().resizeEvent(event)
        self.resizeRowsToContents()
        self.fit_height()

    def set_rows(self, rows: Sequence[Sequence[QStandardItem]]) -> None:
        """Replace the rows and fit the table's height to them."""
        self.source.removeRows(0, self.source.rowCount())
        for row in rows:
            self.source.appendRow(list(row))
        self.resizeRowsToContents()
        self.fit_height()

    def fit_height(self) -> None:
        """Make the table exactly as tall as its header and rows."""
        height = self.horizontalHeader().height() + 2 * self.frameWidth()
        height += sum(self.rowHeight(row) for row in range(self.proxy.rowCount()))
        if self.horizontalScrollBar().isVisible():
            height += self.horizontalScrollBar().height()
        self.setFixedHeight(max(height, 48))

    def cell_text(self, row: int, column: int) -> str:
        """Return the text shown in a cell, in the current sort order (tests and accessibility)."""
        return str(self.proxy.index(row, column).data())


class ClassReportView(QWidget):
    """Lays a ``ClassReport`` out: summary, before and after, techniques, questions, learners."""

    LEARNER_HEADERS = (
        "Learner",
        "Lessons completed",
        "Quizzes taken",
        "Quizzes passed",
        "First-try score",
        "Before",
        "After",
        "Discernment",
        "Trust",
    )
    QUESTION_HEADERS = (
        "Question",
        "Quiz",
        "Learners",
        "Facility",
        "Discrimination",
        "Efficiency",
        "Check",
        "Most common wrong answers",
    )

    def __init__(
        self,
        report: ClassReport,
        pack: Pack | None = None,
        parent: QWidget | None = None,
        gradebook: Gradebook | None = None,
    ) -> None:
        super().__init__(parent)
        self.report = report
        self.gradebook = gradebook
        self.pack = pack
        self.setObjectName("pageColumn")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(SPACE_XL, SPACE_XL, SPACE_XL, SPACE_XL)
        layout.setSpacing(SPACE_L)

        kicker = QLabel("CLASS REPORT")
        kicker.setObjectName("pageKicker")
        layout.addWidget(kicker)
        self.title_label = QLabel(report.pack_title)
        self.title_label.setTextFormat(Qt.TextFormat.PlainText)  # results files are text, never HTML
        self.title_label.setObjectName("pageTitle")
        self.title_label.setWordWrap(True)
        layout.addWidget(self.title_label)
        self.summary_label = QLabel(self.summary_text())
        self.summary_label.setTextFormat(Qt.TextFormat.PlainText)
        self.summary_label.setObjectName("pageIntro")
        self.summary_label.setWordWrap(True)
        self.summary_label.setAccessibleName("Summary")
        layout.addWidget(self.summary_label)
        self.skipped_label = QLabel(self.skipped_text())
        self.skipped_label.setTextFormat(Qt.TextFormat.PlainText)
        self.skipped_label.setObjectName("muted")
        self.skipped_label.setWordWrap(True)
        self.skipped_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.skipped_label.setAccessibleName("Files skipped")
        self.skipped_label.setVisible(bool(report.skipped))
        layout.addWidget(self.skipped_label)

        layout.addWidget(self._heading("Before and after"))
        self.change_label = QLabel(report.change.reading)
        self.change_label.setTextFormat(Qt.TextFormat.PlainText)
        self.change_label.setWordWrap(True)
        self.change_label.setAccessibleName("Before and after, in words")
        layout.addWidget(self.change_label)
        charts = QHBoxLayout()
        charts.setSpacing(SPACE_L)
        change = report.change
        self.score_chart = BeforeAfterChartView(
            "Average score", change.mean_pre_score, change.mean_post_score, kind="score"
        )
        self.discernment_chart = discernment_chart(
            "Average discernment", change.mean_pre_discernment, change.mean_post_discernment
        )
        self.trust_chart = trust_chart("Average trust", change.mean_pre_trust, change.mean_post_trust)
        for title, chart in (
            ("Average score", self.score_chart),
            ("Average discernment", self.discernment_chart),
            ("Average trust", self.trust_chart),
        ):
            column = QVBoxLayout()
            label = QLabel(title)
            label.setObjectName("sectionLabel")
            column.addWidget(label)
            column.addWidget(chart)
            charts.addLayout(column, 1)
        layout.addLayout(charts)
        ratings_legend = QLabel(
            "Discernment: how much higher a learner rates reliable posts than unreliable ones (−5 to +5). "
            "Trust: the mean of all their ratings minus the middle of the scale (−2.5 doubts everything, "
            "+2.5 believes everything). A class that only grows more suspicious loses trust without "
            "gaining discernment. Their averages are over the learners who took both checks."
        )
        ratings_legend.setObjectName("muted")
        ratings_legend.setWordWrap(True)
        layout.addWidget(ratings_legend)

        layout.addWidget(self._heading("Techniques, hardest first"))
        self.techniques_chart = BarChartView(
            "Average first-try score per technique",
            self.technique_rows(),
            empty_text="Open the pack to see techniques"
            if not report.pack_loaded
            else "No technique questions answered yet",
        )
        layout.addWidget(self.techniques_chart)

        layout.addWidget(self._heading("Questions"))
        legend = QLabel(
            "Facility: the average score (higher is easier). Discrimination: how well the question "
            "tells apart learners who did well on the rest of the quiz (Moodle's index, -100% to 100%). "
            "Efficiency: the discrimination as a share of the most it could be. First attempts only."
        )
        legend.setObjectName("muted")
        legend.setWordWrap(True)
        layout.addWidget(legend)
        self.questions_table = ReportTableView("Questions", self.QUESTION_HEADERS)
        self.questions_table.set_rows([self.question_row(question) for question in report.questions])
        self.questions_table.set_widths({0: 240, 1: 150, 6: 130}, stretch=7)
        layout.addWidget(self.questions_table)

        layout.addWidget(self._heading("Learners"))
        self.learners_table = ReportTableView("Learners", self.LEARNER_HEADERS)
        self.learners_table.set_rows([self.learner_row(row) for row in report.learners])
        self.learners_table.set_widths({0: 220}, stretch=1)
        layout.addWidget(self.learners_table)
        layout.addStretch(1)

    @staticmethod
    def _heading(text: str) -> QLabel:
        label = QLabel(text)
        label.setObjectName("sideHeading")
        label.setAccessibleName(text)
        return label

    def summary_text(self) -> str:
        """Sum the class up in a sentence or two."""
        report = self.report
        learners, files = len(report.learners), len(report.files_read)
        text = f"{learners} learner{'s' if learners != 1 else ''} from {files} file{'s' if files != 1 else ''}."
        if report.learners:
            completion = sum(row.completion for row in report.learners) / learners
            text += f" On average they completed {percent_text(completion)} of the lessons."
        flagged = len(report.flagged)
        if flagged:
            text += f" {flagged} question{'s look' if flagged != 1 else ' looks'} broken: see Check below."
        if not report.pack_loaded:
            text += " The pack is not open, so techniques are not shown."
        return text

    def skipped_text(self) -> str:
        """List the files skipped, each with its reason."""
        if not self.report.skipped:
            return ""
        lines = [f"{len(self.report.skipped)} file(s) skipped:"]
        lines += [f"• {item.reason}" for item in self.report.skipped]
        return "\n".join(lines)

    def technique_rows(self) -> list[BarDatum]:
        """Turn technique difficulty into bars, hardest first, numbered as the pack numbers them."""
        numbers = technique_numbers(self.pack) if self.pack is not None else {}
        return [
            BarDatum(
                row.label,
                row.facility,
                _percent_or_dash(row.facility),
                f"{row.answers} answer{'s' if row.answers != 1 else ''}, "
                f"{row.questions} question{'s' if row.questions != 1 else ''}",
                row.color,
                numbers.get(row.technique),
            )
            for row in self.report.techniques
        ]

    def question_row(self, question: QuestionStats) -> list[QStandardItem]:
        """Lay one question out as table cells."""
        flag_item = _item("", (len(question.flags), -_number(question.discrimination)))
        if question.flags:
            words = ", ".join(str(flag) for flag in question.flags)
            flag_item.setText(words.capitalize())
            flag_item.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning))
            flag_item.setToolTip("; ".join(FLAG_EXPLANATIONS[flag] for flag in question.flags))
            flag_item.setData(f"Check: {words}", Qt.ItemDataRole.AccessibleTextRole)
        else:
            flag_item.setText("OK" if question.learners >= 3 else "")
        wrong = "\n".join(f"{answer.text} ({answer.count})" for answer in question.wrong_answers)
        return [
            _item(question.prompt, question.prompt.casefold(), f"{question.question_id} ({question.kind})"),
            _item(question.quiz_title),
            _item(str(question.learners), question.learners),
            _item(_percent_or_dash(question.facility), _number(question.facility)),
            _item(_percent_or_dash(question.discrimination), _number(question.discrimination)),
            _item(_percent_or_dash(question.efficiency), _number(question.efficiency)),
            flag_item,
            _item(
                wrong or ("–" if question.learners else "No answers yet"),
                -sum(a.count for a in question.wrong_answers),
            ),
        ]

    def learner_row(self, row: LearnerRow) -> list[QStandardItem]:
        """Lay one learner out as table cells."""
        completed = f"{row.lessons_completed} of {row.lessons_total} ({percent_text(row.completion)})"
        return [
            _item(row.name, row.name.casefold(), row.uuid),
            _item(completed, row.completion),
            _item(f"{row.quizzes_taken} of {row.quizzes_total}", row.quizzes_taken),
            _item(str(row.quizzes_passed), row.quizzes_passed),
            _item(_percent_or_dash(row.mean_score), _number(row.mean_score)),
            _item(_percent_or_dash(row.pre_score), _number(row.pre_score)),
            _item(_percent_or_dash(row.post_score), _number(row.post_score)),
            _change_item(row.pre_discernment, row.post_discernment),
            _change_item(row.pre_trust, row.post_trust),
        ]


class ClassReportDialog(QDialog):
    """A window with the class report, scrolled, and a button to export it as CSV."""

    def __init__(
        self,
        report: ClassReport,
        pack: Pack | None = None,
        parent: QWidget | None = None,
        gradebook: Gradebook | None = None,
    ) -> None:
        super().__init__(parent)
        self.report = report
        self.gradebook = gradebook
        self.setWindowTitle(f"Class report: {report.pack_title}")
        self.setAccessibleName("Class report")
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.resize(1280, 860)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.view = ClassReportView(report, pack)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.view)
        scroll.setAccessibleName("Class report")
        layout.addWidget(scroll, 1)
        footer = QHBoxLayout()
        footer.setContentsMargins(SPACE_XL, SPACE_M, SPACE_XL, SPACE_M)
        footer.setSpacing(SPACE_S)
        self.status_label = QLabel("")
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.status_label.setObjectName("muted")
        self.status_label.setAccessibleName("Export status")
        footer.addWidget(self.status_label, 1)
        self.export_button = QPushButton("Export CSV…")
        self.export_button.setAccessibleName("Export CSV…")
        self.export_button.clicked.connect(self._on_export_button_clicked)
        footer.addWidget(self.export_button)
        self.gradebook_button = QPushButton("Export gradebook…")
        self.gradebook_button.setAccessibleName("Export gradebook…")
        self.gradebook_button.setToolTip(
            "One row per learner and one column per quiz (best score in percent), for a school's gradebook"
        )
        self.gradebook_button.clicked.connect(self._on_gradebook_button_clicked)
        self.gradebook_button.setVisible(gradebook is not None)
        footer.addWidget(self.gradebook_button)
        self.items_button = QPushButton("Export item analysis…")
        self.items_button.setAccessibleName("Export item analysis…")
        self.items_button.setToolTip("One row per question: facility, discrimination, common wrong answers")
        self.items_button.clicked.connect(self._on_items_button_clicked)
        footer.addWidget(self.items_button)
        self.close_button = QPushButton("Close")
        self.close_button.setAccessibleName("Close")
        self.close_button.clicked.connect(self.close)
        footer.addWidget(self.close_button)
        layout.addLayout(footer)

    def export_csv(self, path: str) -> bool:
        """Write the report to ``path`` as CSV; say in the footer whether it worked."""
        return self._save(path, lambda target: write_csv(self.report, target))

    def _save(self, path: str, write: Callable[[str], None]) -> bool:
        """Write one CSV with ``write``, never over a results file read; say in the footer whether it worked."""
        inputs = [*self.report.files_read, *(skipped.path for skipped in self.report.skipped)]
        try:
            refuse_input_as_output(path, inputs)
            write(path)
        except (ResultsError, OutputError) as error:
            self.status_label.setText(str(error))
            return False
        self.status_label.setText(f"Saved {Path(path).name}.")
        return True

    def export_gradebook(self, path: str) -> bool:
        """Write the gradebook (one row per learner) to ``path``."""
        gradebook = self.gradebook
        return gradebook is not None and self._save(path, lambda target: write_gradebook(gradebook, target))

    def export_item_analysis(self, path: str) -> bool:
        """Write the item analysis (one row per question) to ``path``."""
        return self._save(path, lambda target: write_item_analysis(self.report, target))

    def _ask_path(self, title: str, suggested: str) -> str:
        path, _ = QFileDialog.getSaveFileName(self, title, suggested, CSV_FILTER)
        if path and not path.lower().endswith(".csv"):
            path += ".csv"
        return path

    def _on_gradebook_button_clicked(self) -> None:
        path = self._ask_path("Export gradebook", f"gradebook-{self.report.pack_id or 'pack'}.csv")
        if path:
            self.export_gradebook(path)

    def _on_items_button_clicked(self) -> None:
        path = self._ask_path("Export item analysis", f"item-analysis-{self.report.pack_id or 'pack'}.csv")
        if path:
            self.export_item_analysis(path)

    def _on_export_button_clicked(self) -> None:
        """Ask where to save the CSV, then save it."""
        suggested = f"class-report-{self.report.pack_id or 'pack'}.csv"
        path, _ = QFileDialog.getSaveFileName(self, "Export class report", suggested, CSV_FILTER)
        if path:
            if not path.lower().endswith(".csv"):
                path += ".csv"
            self.export_csv(path)


def show_class_report(
    paths: Sequence[str], packs: Sequence[Pack], parent: QWidget | None = None
) -> ClassReportDialog:
    """Build the report of ``paths`` (for the loaded pack they are about, if any) and show it."""
    data = read_class(paths)
    pack = next((candidate for candidate in packs if candidate.id == data.pack_id), None)
    report = report_from(data, pack)
    dialog = ClassReportDialog(report, pack, parent, gradebook_from(data, pack))
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog


def open_class_report(window: Any) -> ClassReportDialog | None:
    """Ask for learners' results files (many at once) and show their class report."""
    paths, _ = QFileDialog.getOpenFileNames(window, "Open learners' results files", "", RESULTS_FILTER)
    if not paths:
        return None
    return show_class_report(paths, list(getattr(window, "packs", [])), window)

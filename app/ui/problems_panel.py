"""The Problems panel: the lines ``validate`` prints, each opening its file at its line.

It lists the errors of a pack that cannot be opened and the warnings of a pack that plays. The
panel docks at the bottom of the window (or floats); choosing a line shows the file beside the
list in a read-only source view, with the line marked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QGuiApplication,
    QIcon,
    QPainter,
    QTextCharFormat,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QPushButton,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.model.problems import MAX_PRINTED, LoadResult, Problem
from app.model.source import PackSource, open_pack_source, pack_label
from app.ui.icons import drawn_icon
from app.ui.item_views import WrappingTreeView, paint_row_panel
from app.ui.source_view import SEVERITY_WORDS, SourceView, paint_severity_icon
from app.ui.theme import SPACE_M, SPACE_S, SPACE_XS, Theme, current_theme, mono_font, theme_signals

#: what a problem row stands for: (report path, index into the report's problems)
PROBLEM_ROLE = Qt.ItemDataRole.UserRole
#: "error" or "warning" for problem rows
SEVERITY_ROLE = Qt.ItemDataRole.UserRole + 1
ICON_SIZE = 16
#: the parts of a validate line: location, severity word, message
LINE_PARTS = re.compile(r"^(?P<where>.*?(?::\d+:\d+)?:) (?P<severity>error|warning):")
PANEL_TITLE = "Problems"
PANEL_MIN_EXTENT = 280
PLACEHOLDER_TEXT = "Choose a problem to see its line in the file. Enter opens the selected one."


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


def pack_heading(path: str) -> str:
    """Name the pack opened by ``path`` as the learner chose it: the folder for a pack.yaml, else the path.

    (Problem lines are prefixed differently: a file that is not a readable zip is reported under its folder.)
    """
    named = Path(path)
    return str(named.parent) if named.name == "pack.yaml" else path.rstrip("/") or path


@dataclass(slots=True)
class PackReport:
    """The problems of one pack, named by the path the user gave, and how to read its files."""

    path: str
    result: LoadResult
    source: PackSource | None = None
    note: str = ""
    _source_opened: bool = field(default=False, repr=False)

    @property
    def plays(self) -> bool:
        """True when the pack opened despite its problems (they are all warnings)."""
        return self.result.ok

    @property
    def lines(self) -> list[str]:
        """Return the pack's problems as validate prints them."""
        return problem_lines(self.path, self.result)

    def pack_source(self) -> PackSource | None:
        """Return the pack's files: those of the loaded pack, else the pack opened again for reading."""
        if self.source is None and not self._source_opened:
            self._source_opened = True
            self.source, _problems = open_pack_source(self.path)
        return self.source

    def display_file(self, problem: Problem) -> str:
        """Return the file as ``validate`` prints it (the path given, then the file inside the pack)."""
        prefix = pack_label(self.path)
        return f"{prefix.rstrip('/')}/{problem.file}" if prefix else problem.file


def severity_icon(severity: str, theme: Theme, size: int = 16) -> QIcon:
    """Draw the icon of an error or a warning (a shape, so colour is never the only signal)."""
    return drawn_icon(size, lambda painter: paint_severity_icon(painter, QRectF(1, 1, size - 2, size - 2), severity, theme))


def _wrapped_layout(text: str, font: QFont, width: int, formats: list[QTextLayout.FormatRange]) -> QTextLayout:
    """Lay ``text`` out in lines of ``width``, breaking long paths anywhere when words do not fit."""
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    layout.setFormats(formats)
    layout.beginLayout()
    y = 0.0
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(max(40, width))
        line.setPosition(QPointF(0, y))
        y += line.height()
    layout.endLayout()
    return layout


class ProblemLineDelegate(QStyledItemDelegate):
    """Draw a problem as its validate line, wrapped: the location muted, the severity word in its colour."""

    def _text_width(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> int:
        view = option.widget
        indent = 0
        if isinstance(view, QTreeWidget):
            indent = view.indentation() if index.parent().isValid() else 0
            width = view.viewport().width() - indent
        else:
            width = option.rect.width()
        return width - self._icon_room(index) - 2 * SPACE_S

    @staticmethod
    def _icon_room(index: QModelIndex | QPersistentModelIndex) -> int:
        return ICON_SIZE + SPACE_S if index.data(SEVERITY_ROLE) else 0

    def _layout(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex,
                width: int) -> QTextLayout:
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        theme = current_theme()
        font = index.data(Qt.ItemDataRole.FontRole)
        font = font if isinstance(font, QFont) else option.font
        formats: list[QTextLayout.FormatRange] = []
        match = LINE_PARTS.match(text)
        if match is not None:
            where = QTextLayout.FormatRange()
            where.start, where.length = 0, match.end("where")
            where.format = QTextCharFormat()
            where.format.setForeground(QColor(theme.muted))
            word = QTextLayout.FormatRange()
            word.start, word.length = match.start("severity"), len(match.group("severity")) + 1
            word.format = QTextCharFormat()
            word.format.setForeground(QColor(theme.wrong if match.group("severity") == "error" else theme.partial))
            word.format.setFontWeight(QFont.Weight.Bold)
            formats = [where, word]
        return _wrapped_layout(text, font, width, formats)

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        """Give each row the height of its wrapped text."""
        width = self._text_width(option, index)
        height = self._layout(option, index, width).boundingRect().height()
        return QSize(width, max(ICON_SIZE, round(height)) + SPACE_S + SPACE_XS)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        """Paint the selection, the icon and the wrapped line."""
        paint_row_panel(self, painter, option, index)
        rect = option.rect.adjusted(SPACE_XS, (SPACE_S + SPACE_XS) // 2, -SPACE_S, 0)
        icon = index.data(Qt.ItemDataRole.DecorationRole)
        line_height = QFontMetrics(option.font).height()
        if isinstance(icon, QIcon) and not icon.isNull():
            icon.paint(painter, QRect(rect.left(), rect.top() + (line_height - ICON_SIZE) // 2, ICON_SIZE, ICON_SIZE))
        left = rect.left() + self._icon_room(index)
        painter.save()
        painter.setPen(QColor(current_theme().text))
        self._layout(option, index, self._text_width(option, index)).draw(painter, QPointF(left, rect.top()))
        painter.restore()


class ProblemsPanel(QDockWidget):
    """A dockable list of problems per pack, with the source of the chosen one beside it."""

    #: a pack's report was listed or cleared (the window recounts its problems button)
    reports_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(PANEL_TITLE, parent)
        self.setObjectName("problemsPanel")
        self.setAccessibleName(PANEL_TITLE)
        self.setAllowedAreas(
            Qt.DockWidgetArea.BottomDockWidgetArea
            | Qt.DockWidgetArea.RightDockWidgetArea
            | Qt.DockWidgetArea.LeftDockWidgetArea
        )
        self.reports: dict[str, PackReport] = {}
        self._sized = False
        body = QWidget()
        body.setObjectName("problemsBody")
        body.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setHandleWidth(1)
        layout.addWidget(self.splitter)

        list_side = QWidget()
        list_side.setObjectName("problemsListSide")
        list_layout = QVBoxLayout(list_side)
        list_layout.setContentsMargins(SPACE_M, SPACE_S, SPACE_S, SPACE_S)
        list_layout.setSpacing(SPACE_XS)
        top = QHBoxLayout()
        top.setSpacing(SPACE_S)
        self.summary_label = QLabel()
        self.summary_label.setObjectName("problemsSummary")
        top.addWidget(self.summary_label, 1)
        self.copy_button = QPushButton("Copy all")
        self.copy_button.setObjectName("linkButton")
        self.copy_button.setAccessibleName("Copy all")
        self.copy_button.setToolTip("Copy every line, as validate prints them")
        self.copy_button.clicked.connect(self._on_copy_button_clicked)
        top.addWidget(self.copy_button)
        list_layout.addLayout(top)

        self.tree = WrappingTreeView()
        self.tree.setObjectName("problemList")
        self.tree.setAccessibleName("Problems")
        self.tree.setHeaderHidden(True)
        self.tree.setColumnCount(1)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setRootIsDecorated(False)
        self.tree.setIndentation(0)
        self.tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.tree.setFont(mono_font(13))
        self.tree.setItemDelegate(ProblemLineDelegate(self.tree))
        self.tree.itemActivated.connect(self._on_tree_item_activated)
        self.tree.itemClicked.connect(self._on_tree_item_activated)
        self.tree.currentItemChanged.connect(self._on_tree_current_item_changed)
        list_layout.addWidget(self.tree, 1)
        self.splitter.addWidget(list_side)

        self.source_view = SourceView()
        self.placeholder = QLabel(PLACEHOLDER_TEXT)
        self.placeholder.setObjectName("sourcePlaceholder")
        self.placeholder.setWordWrap(True)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        source_side = QWidget()
        source_side.setObjectName("problemsSourceSide")
        source_layout = QVBoxLayout(source_side)
        source_layout.setContentsMargins(0, 0, 0, 0)
        source_layout.addWidget(self.source_view, 1)
        source_layout.addWidget(self.placeholder, 1)
        self.source_view.hide()
        self.splitter.addWidget(source_side)
        self.splitter.setStretchFactor(0, 4)
        self.splitter.setStretchFactor(1, 5)
        self.setWidget(body)
        theme_signals().theme_changed.connect(self._on_theme_changed)

    # ---------------------------------------------------------------- reports

    def show_report(
        self, path: str, result: LoadResult, source: PackSource | None = None, note: str = "", *, reveal: bool = True
    ) -> None:
        """List ``result``'s problems for the pack at ``path`` (replacing its old ones) and show the panel.

        ``note`` says what the window does meanwhile, such as keeping the last version that worked.
        Without ``reveal`` (warnings only) the problems are listed but the panel stays as it is: a
        learner given a teacher's pack is not met by author diagnostics; the window shows a count.
        """
        old = self.reports.get(path)
        self.reports[path] = PackReport(path, result, source, note)
        changed = old is None or old.lines != self.reports[path].lines
        self._fill()
        self.reports_changed.emit()
        if not reveal:
            return
        if changed or self.isHidden():
            self.show()
            self.raise_()
            self._give_room()
        if changed:
            self._select_first_problem(path)

    def _give_room(self) -> None:
        """The first time the panel docks, make it tall enough to read a few lines of source."""
        window = self.parentWidget()
        if self._sized or not isinstance(window, QMainWindow) or self.isFloating():
            return
        self._sized = True
        orientation = (
            Qt.Orientation.Vertical
            if window.dockWidgetArea(self) == Qt.DockWidgetArea.BottomDockWidgetArea
            else Qt.Orientation.Horizontal
        )
        extent = window.height() if orientation == Qt.Orientation.Vertical else window.width()
        window.resizeDocks([self], [max(PANEL_MIN_EXTENT, round(extent * 0.42))], orientation)

    def clear_report(self, path: str) -> None:
        """Forget the problems of the pack at ``path``; hide the panel when none are left."""
        if self.reports.pop(path, None) is None:
            return
        self._fill()
        self.reports_changed.emit()
        if not self.reports:
            self.hide()

    def counts(self) -> tuple[int, int]:
        """Return (errors, warnings) over every pack listed."""
        errors = sum(len(report.result.errors) for report in self.reports.values())
        warnings = sum(len(report.result.warnings) for report in self.reports.values())
        return errors, warnings

    def lines(self) -> list[str]:
        """Return every problem line listed, pack after pack."""
        return [line for report in self.reports.values() for line in report.lines]

    def problem_items(self) -> list[QTreeWidgetItem]:
        """Return the rows that stand for a problem, in order."""
        items: list[QTreeWidgetItem] = []
        for top in range(self.tree.topLevelItemCount()):
            pack_item = self.tree.topLevelItem(top)
            if pack_item is None:
                continue
            for child in range(pack_item.childCount()):
                item = pack_item.child(child)
                if item is not None and item.data(0, PROBLEM_ROLE) is not None:
                    items.append(item)
        return items

    def open_item(self, item: QTreeWidgetItem) -> bool:
        """Show the source of the problem ``item`` stands for; False for rows that stand for none."""
        key = item.data(0, PROBLEM_ROLE)
        if not key:
            return False
        path, index = key
        report = self.reports.get(path)
        if report is None or not 0 <= index < len(report.result.problems):
            return False
        problem = report.result.problems[index]
        self.placeholder.hide()
        self.source_view.show()
        self.source_view.show_problem(report.pack_source(), problem, report.display_file(problem))
        return True

    def _fill(self) -> None:
        """Rebuild the tree from the reports."""
        theme = current_theme()
        icons = {severity: severity_icon(severity, theme) for severity in ("error", "warning")}
        self.tree.blockSignals(True)
        self.tree.clear()
        bold = QFont(self.tree.font())
        bold.setBold(True)
        errors = warnings = 0
        for path, report in self.reports.items():
            result = report.result
            errors += len(result.errors)
            warnings += len(result.warnings)
            state = report.note or ("plays, with warnings" if report.plays else "cannot be opened")
            counts = f"{summary(result)}; " if len(self.reports) > 1 else ""
            pack_item = QTreeWidgetItem([f"{pack_heading(path)}  —  {counts}{state}"])
            pack_item.setFont(0, bold)
            pack_item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.tree.addTopLevelItem(pack_item)
            prefix = pack_label(path)
            for index, problem in enumerate(result.problems[:MAX_PRINTED]):
                line = problem.format(prefix)
                item = QTreeWidgetItem([line])
                item.setIcon(0, icons.get(problem.severity, QIcon()))
                item.setData(0, PROBLEM_ROLE, (path, index))
                item.setData(0, SEVERITY_ROLE, problem.severity)
                item.setToolTip(0, line)
                item.setData(0, Qt.ItemDataRole.AccessibleTextRole,
                              f"{SEVERITY_WORDS.get(problem.severity, problem.severity)}: {line}")
                pack_item.addChild(item)
            if len(report.lines) > min(len(result.problems), MAX_PRINTED):
                more = QTreeWidgetItem([report.lines[-1]])
                more.setFlags(Qt.ItemFlag.ItemIsEnabled)
                pack_item.addChild(more)
            pack_item.setExpanded(True)
        self.tree.blockSignals(False)
        self.summary_label.setText(
            f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"
            + (f" in {len(self.reports)} packs" if len(self.reports) > 1 else "")
        )
        self.setWindowTitle(f"{PANEL_TITLE} ({errors + warnings})" if errors + warnings else PANEL_TITLE)
        if not self.problem_items():
            self.source_view.hide()
            self.placeholder.show()

    def _select_first_problem(self, path: str) -> None:
        """Select the first problem of the pack just reported, errors before warnings."""
        items = [item for item in self.problem_items() if item.data(0, PROBLEM_ROLE)[0] == path]
        report = self.reports.get(path)
        if report is not None:
            shown = report.result.problems
            errors = [item for item in items if shown[item.data(0, PROBLEM_ROLE)[1]].severity == "error"]
            items = errors or items
        if items:
            self.tree.setCurrentItem(items[0])

    # ---------------------------------------------------------------- slots

    def _on_tree_item_activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        """Open the clicked problem (or the one Enter was pressed on)."""
        self.open_item(item)

    def _on_tree_current_item_changed(self, current: QTreeWidgetItem | None, _previous: object) -> None:
        """Follow the selection with the keyboard's arrows."""
        if current is not None:
            self.open_item(current)

    def _on_copy_button_clicked(self) -> None:
        """Copy every line to the clipboard."""
        QGuiApplication.clipboard().setText("\n".join(self.lines()) + "\n")

    def _on_theme_changed(self, _theme: object) -> None:
        """Redraw the icons in the new colours, keeping the selection."""
        current = self.tree.currentItem()
        key = current.data(0, PROBLEM_ROLE) if current is not None else None
        self._fill()
        for item in self.problem_items():
            if item.data(0, PROBLEM_ROLE) == key:
                self.tree.blockSignals(True)
                self.tree.setCurrentItem(item)
                self.tree.blockSignals(False)

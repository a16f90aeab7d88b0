"""The dashboard: where to continue, time studied, before and after, scores, techniques and modules.

Everything it shows comes from ``app.model.dashboard.dashboard_data`` in one call; this module only
lays it out, in the calm column of the home screen, with the charts of ``app.ui.charts``. Numbers
always come with words: the before-and-after result is read out in plain language, and the
techniques a learner keeps missing are named.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLocale, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.model.dashboard import DashboardData, PackChange, dashboard_data, learner_started
from app.model.i18n_marks import QT_TRANSLATE_NOOP
from app.model.progress import ProgressError
from app.model.session import measure_quiz
from app.model.text import percent_text
from app.ui.charts import (
    BarChartView,
    BarDatum,
    BeforeAfterChartView,
    ScoreDatum,
    ScoreHistoryChartView,
    discernment_chart,
    duration_text,
    trust_chart,
)
from app.ui.page import ColumnPageView, ContinuePanel, card_layout, plain_label
from app.ui.theme import (
    SPACE_L,
    SPACE_M,
    SPACE_S,
    SPACE_XL,
    SPACE_XS,
    current_theme,
    scaled,
    technique_colors,
    technique_numbers,
    theme_signals,
)

if TYPE_CHECKING:
    from app.model.pack import Pack
    from app.model.progress import ProgressStore

#: the widest the dashboard's column grows with one column of cards, and with two
COLUMN_MAX_WIDTH = 880
WIDE_COLUMN_MAX_WIDTH = 1320
#: the cards go side by side from this width of the page on
TWO_COLUMNS_FROM = 1120
#: the four figures share one row from this width of the page on, else two rows of two
STATS_IN_ONE_ROW_FROM = 600
#: a technique answered right first time less often than this is one the learner "keeps missing"
WEAK_ACCURACY = 0.7
#: name at most this many weak techniques in the sentence above the chart
WEAK_NAMED = 3

#: What the two rating figures mean, under the card's charts (written for a reader of 15).
RATINGS_NOTE = QT_TRANSLATE_NOOP(
    "Dashboard",
    "Telling apart (discernment) is how much higher you rate reliable posts than unreliable ones, "
    "from −5 to +5. Trust is how much you believe what you rate overall, reliable or not, from −2.5 "
    "(you doubt everything) to +2.5 (you believe everything). Doubting everything lowers your trust "
    "but does not help you tell posts apart."
)


def _card(title: str, subtitle: str = "") -> tuple[QFrame, QVBoxLayout]:
    """Return a titled card and the layout to fill below its title."""
    card = QFrame()
    layout = card_layout(card)
    heading = plain_label(title, "dashboardCardTitle")
    heading.setAccessibleName(title)
    layout.addWidget(heading)
    if subtitle:
        layout.addWidget(plain_label(subtitle, "cardMeta"))
    layout.addSpacing(SPACE_XS)
    return card, layout


def weak_techniques_text(rows: Sequence[tuple[str, float, int]]) -> str:
    """Name the techniques a learner keeps missing, from (label, accuracy, answered), in one sentence."""
    if not rows:
        return QCoreApplication.translate("Dashboard", "Answer quiz questions tagged with a technique to see which ones you spot and which you miss.")
    weak = sorted((row for row in rows if row[1] < WEAK_ACCURACY), key=lambda row: (row[1], -row[2]))
    if not weak:
        return QCoreApplication.translate("Dashboard",
            "No technique stands out as a weak spot: you got at least {percent} of each right first time."
        ).format(percent=percent_text(WEAK_ACCURACY))
    named = [
        QCoreApplication.translate("Dashboard", "{technique} ({percent} right first time)").format(technique=label, percent=percent_text(accuracy))
        for label, accuracy, _ in weak[:WEAK_NAMED]
    ]
    more = len(weak) - len(named)
    if len(named) == 1:
        return QCoreApplication.translate("Dashboard",
            "The technique you keep missing: {technique}. Questions you missed come back in Review."
        ).format(technique=named[0])
    # a list, joined as the language joins lists ("a, b and c"; "a、b和c")
    listed = QCoreApplication.translate("Dashboard", "{first} and {last}").format(first=QCoreApplication.translate("Dashboard", ", ").join(named[:-1]), last=named[-1])
    if more > 0:
        return QCoreApplication.translate("Dashboard",
            "The techniques you keep missing: {techniques}, and {more} more below. "
            "Questions you missed come back in Review."
        ).format(techniques=listed, more=more)
    return QCoreApplication.translate("Dashboard",
        "The techniques you keep missing: {techniques}. Questions you missed come back in Review."
    ).format(techniques=listed)


class StatTileView(QFrame):
    """One figure with its caption: "2 h 15 min" over "studied"."""

    def __init__(self, value: str, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statTile")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(SPACE_L, SPACE_M, SPACE_L, SPACE_M)
        layout.setSpacing(SPACE_XS)
        self.value = plain_label(value, "statValue", wrap=False)
        self.caption = plain_label(caption, "cardMeta")
        layout.addWidget(self.value)
        layout.addWidget(self.caption)
        layout.addStretch(1)
        self.setAccessibleName(self.tr("{caption}: {value}").format(caption=caption, value=value))


class BeforeAfterPanel(QWidget):
    """One pack's before-and-after result: score, discernment and trust bars, and their reading."""

    def __init__(self, change: PackChange, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.change = change
        result = change.result
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACE_S)
        layout.addWidget(plain_label(self.tr("SCORE"), "pageKicker"))
        self.score_chart = BeforeAfterChartView(self.tr("Score before and after"), result.pre_score, result.post_score)
        layout.addWidget(self.score_chart)
        self.discernment_chart: BeforeAfterChartView | None = None
        if result.pre_discernment is not None or result.post_discernment is not None:
            layout.addSpacing(SPACE_XS)
            layout.addWidget(plain_label(self.tr("TELLING RELIABLE FROM UNRELIABLE (DISCERNMENT)"), "pageKicker"))
            self.discernment_chart = discernment_chart(
                self.tr("Discernment before and after"), result.pre_discernment, result.post_discernment
            )
            layout.addWidget(self.discernment_chart)
        self.trust_chart: BeforeAfterChartView | None = None
        if result.pre_trust is not None or result.post_trust is not None:
            layout.addSpacing(SPACE_XS)
            layout.addWidget(plain_label(self.tr("TRUST IN EVERYTHING YOU RATE"), "pageKicker"))
            self.trust_chart = trust_chart(self.tr("Trust before and after"), result.pre_trust, result.post_trust)
            layout.addWidget(self.trust_chart)
        layout.addSpacing(SPACE_XS)
        self.reading = plain_label(change.reading, "dashboardReading")
        self.reading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.reading)
        self.note: QLabel | None = None
        if self.discernment_chart is not None or self.trust_chart is not None:
            self.note = plain_label(QCoreApplication.translate("Dashboard", RATINGS_NOTE), "cardMeta")
            layout.addWidget(self.note)


class DashboardView(ColumnPageView):
    """The learner's overview, rebuilt from ``dashboard_data`` each time it is refreshed."""

    continue_requested = Signal()
    review_requested = Signal()
    home_requested = Signal()

    def __init__(self, store: ProgressStore, profile_id: int, parent: QWidget | None = None) -> None:
        super().__init__("dashboardScreen", QCoreApplication.translate("Dashboard", "Dashboard"), COLUMN_MAX_WIDTH, SPACE_L, parent)
        self.store = store
        self.profile_id = profile_id
        self.packs: list[Pack] = []
        #: the moment reviews are counted at (None: now); the window shares its clock with the top bar
        self.clock: Callable[[], datetime | None] = lambda: None
        self.data: DashboardData | None = None
        self.error: str | None = None
        self._restyle()
        theme_signals().theme_changed.connect(self._on_theme_changed)
        theme_signals().zoom_changed.connect(self._on_theme_zoom_changed)

        # Widgets the tests and the window reach for; rebuilt by refresh().
        self.continue_button: QPushButton | None = None
        self.review_button: QPushButton | None = None
        self.history_chart: ScoreHistoryChartView | None = None
        self.technique_chart: BarChartView | None = None
        self.weak_label: QLabel | None = None
        self.module_chart: BarChartView | None = None
        self.change_panels: list[BeforeAfterPanel] = []
        self.change_hints: list[QLabel] = []
        self.stat_tiles: dict[str, StatTileView] = {}
        self.left_column: QVBoxLayout | None = None
        self.right_column: QVBoxLayout | None = None
        self._columns = 0
        self.stats_grid: QGridLayout | None = None
        self._stats_per_row = 0

    # ------------------------------------------------------------ data

    def set_profile(self, profile_id: int) -> None:
        """Show the progress of ``profile_id`` from the next refresh on."""
        self.profile_id = profile_id

    def set_packs(self, packs: Sequence[Pack]) -> None:
        """Use ``packs`` for titles, technique colours and completion."""
        self.packs = list(packs)

    def load(self) -> DashboardData | None:
        """Compute the dashboard's data, or keep the reason it could not be read."""
        try:
            self.data = dashboard_data(self.store, self.profile_id, self.packs, self.clock())
            self.error = None
        except ProgressError as error:
            self.data, self.error = None, str(error)
        return self.data

    def started(self) -> bool:
        """Tell whether the learner has started anything in the loaded packs."""
        data = self.load()
        return data is not None and learner_started(data)

    def refresh(self) -> None:
        """Read the store again and rebuild every section."""
        self.load()
        self._clear()
        self._build()

    # ------------------------------------------------------------ building

    def _clear(self) -> None:
        self.clear_column()
        self.continue_button = self.review_button = None
        self.history_chart = self.technique_chart = self.module_chart = None
        self.weak_label = None
        self.change_panels = []
        self.change_hints = []
        self.stat_tiles = {}
        self.column.setMaximumWidth(COLUMN_MAX_WIDTH)
        self.left_column = self.right_column = None
        self._columns = 0
        self.stats_grid = None
        self._stats_per_row = 0

    def _build(self) -> None:
        add = self.column_layout.addWidget
        profile = None
        with contextlib.suppress(ProgressError):
            profile = self.store.profile(self.profile_id)
        add(plain_label(self.tr("DASHBOARD"), "pageKicker"))
        add(plain_label(self.tr("{name}’s progress").format(name=profile.name) if profile else self.tr("Your progress"), "pageTitle"))
        data = self.data
        if data is None:
            add(plain_label(self.tr("Your progress could not be read. {error}").format(error=self.error or "").strip(), "pageIntro"))
            self.column_layout.addStretch(1)
            return
        if not learner_started(data):
            add(plain_label(self.tr(
                "Nothing recorded yet. Open a lesson from the library: your progress, quiz scores "
                "and the techniques you spot will show here."), "pageIntro",
            ))
            see_packs = QPushButton(self.tr("See the lessons"))
            see_packs.setObjectName("primaryButton")
            see_packs.setAccessibleName(self.tr("See the lessons"))
            see_packs.clicked.connect(self.home_requested)
            row = QHBoxLayout()
            row.addWidget(see_packs)
            row.addStretch(1)
            holder = QWidget()
            holder.setLayout(row)
            row.setContentsMargins(0, 0, 0, 0)
            add(holder)
            self.column_layout.addStretch(1)
            return
        add(self._continue_card(data))
        add(self._stats_row(data))
        self.change_cards = self._change_cards(data)
        self.history_card = self._history_card(data)
        self.technique_card = self._technique_card(data)
        self.module_card = self._module_card(data)
        holder = QWidget()
        columns = QHBoxLayout(holder)
        columns.setContentsMargins(0, 0, 0, 0)
        columns.setSpacing(SPACE_L)
        left, right = QVBoxLayout(), QVBoxLayout()
        self.left_column, self.right_column = left, right
        self.columns_layout = columns
        for side in (left, right):
            side.setContentsMargins(0, 0, 0, 0)
            side.setSpacing(SPACE_L)
            columns.addLayout(side, 1)
        add(holder)
        self._columns = 0
        self._arrange()
        self.column_layout.addStretch(1)

    def _arrange(self) -> None:
        """Lay the cards out in two columns when the column is wide enough, else in one."""
        if self.left_column is None or self.right_column is None:
            return
        self._arrange_stats()
        wanted = 2 if self.viewport().width() - 2 * SPACE_XL >= TWO_COLUMNS_FROM else 1
        if wanted == self._columns:
            return
        self._columns = wanted
        for side in (self.left_column, self.right_column):
            while side.count():
                side.takeAt(0)
        if wanted == 2:
            left = [*self.change_cards, self.technique_card]
            right = [self.history_card, self.module_card]
        else:
            left = [*self.change_cards, self.history_card, self.technique_card, self.module_card]
            right = []
        for side, cards in ((self.left_column, left), (self.right_column, right)):
            for card in cards:
                side.addWidget(card)
            if cards:
                side.addStretch(1)
        self.columns_layout.setStretch(1, 1 if right else 0)
        self.column.setMaximumWidth(COLUMN_MAX_WIDTH if wanted == 1 else WIDE_COLUMN_MAX_WIDTH)

    def _arrange_stats(self) -> None:
        """Put the four figures in one row, or two rows of two when the column is narrow."""
        if self.stats_grid is None:
            return
        per_row = 4 if self.viewport().width() - 2 * SPACE_XL >= STATS_IN_ONE_ROW_FROM else 2
        if per_row == self._stats_per_row:
            return
        self._stats_per_row = per_row
        for tile in self.stat_tiles.values():
            self.stats_grid.removeWidget(tile)
        for index, tile in enumerate(self.stat_tiles.values()):
            self.stats_grid.addWidget(tile, index // per_row, index % per_row)
        for column in range(4):
            self.stats_grid.setColumnStretch(column, 1 if column < per_row else 0)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Switch between one and two columns of cards as the window is resized."""
        super().resizeEvent(event)
        self._arrange()

    def _continue_card(self, data: DashboardData) -> QWidget:
        at = data.continue_at
        if at is not None and at.lesson is not None and at.module is not None:
            steps = len(at.lesson.steps)
            step = (at.step_index or 0) + 1
            title, verb = at.lesson.title, self.tr("Continue")
            detail = self.tr("{module} · step {step} of {steps}").format(module=at.module.title, step=step, steps=steps)
            name = self.tr("Continue where you left off")
            tip = self.tr("Continue “{lesson}” (Ctrl+Return)").format(lesson=title)
        else:
            title = self.tr("Pick a lesson to begin")
            detail = self.tr("Your last lesson is in a pack that is not open.") if at is not None else ""
            verb = self.tr("Start")
            name = self.tr("Start where you left off")
            tip = self.tr("Start “{lesson}” (Ctrl+Return)").format(lesson=title)
        card = ContinuePanel(self.tr("CONTINUE WHERE YOU LEFT OFF"), title, verb)
        self.continue_title = card.title_label
        if detail:
            card.words.addWidget(plain_label(detail, "cardMeta"))
        self.continue_button = card.button
        self.continue_button.setAccessibleName(name)
        self.continue_button.setToolTip(tip)
        self.continue_button.clicked.connect(self.continue_requested)
        return card

    def _stats_row(self, data: DashboardData) -> QWidget:
        holder = QWidget()
        grid = QGridLayout(holder)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(SPACE_M)
        grid.setVerticalSpacing(SPACE_M)
        self.stats_grid = grid
        self._stats_per_row = 4
        lessons = sum(module.lessons for module in data.modules)
        done = sum(module.completed for module in data.modules)
        attempts = len(data.score_history)
        tiles = {
            "time": (duration_text(data.seconds_studied), self.tr("studied")),
            "lessons": (self.tr("{done} of {total}").format(done=done, total=lessons), self.tr("lessons done")),
            "attempts": (QLocale().toString(attempts), self.tr("quiz attempt") if attempts == 1 else self.tr("quiz attempts")),
            "review": (
                QLocale().toString(data.reviews_due),
                self.tr("due for review") if data.reviews_due else self.tr("due for review today"),
            ),
        }
        for column, (key, (value, caption)) in enumerate(tiles.items()):
            tile = StatTileView(value, caption)
            self.stat_tiles[key] = tile
            grid.addWidget(tile, 0, column)
            grid.setColumnStretch(column, 1)
        if due := data.reviews_due:
            self.review_button = QPushButton(self.tr("Review {count} now").format(count=data.reviews_due))
            self.review_button.setObjectName("linkButton")
            self.review_button.setStyleSheet("QPushButton#linkButton { padding-left: 0px; }")
            self.review_button.setAccessibleName(self.tr("Review %n question(s) now", "", due))
            self.review_button.clicked.connect(self.review_requested)
            tile_layout = self.stat_tiles["review"].layout()
            assert isinstance(tile_layout, QBoxLayout)  # the tile is built with a QVBoxLayout
            tile_layout.insertWidget(tile_layout.count() - 1, self.review_button, 0, Qt.AlignmentFlag.AlignLeft)
        return holder

    def _change_cards(self, data: DashboardData) -> list[QWidget]:
        cards: list[QWidget] = []
        changed = {change.pack_id for change in data.changes}
        for change in data.changes:
            card, layout = _card(self.tr("Before and after"), change.pack_title)
            panel = BeforeAfterPanel(change)
            self.change_panels.append(panel)
            layout.addWidget(panel)
            cards.append(card)
        for pack in self.packs:
            if pack.id in changed or measure_quiz(pack, "pre") is None:
                continue
            found = measure_quiz(pack, "pre")
            assert found is not None
            _module, lesson, _index = found
            card, layout = _card(self.tr("Before and after"), pack.title)
            hint = plain_label(
                self.tr(
                    "You have not taken the first check yet. It is in “{lesson}”: take it before the "
                    "lessons, and the final check after them, to see how your reading has changed."
                ).format(lesson=lesson.title),
                "dashboardReading",
            )
            self.change_hints.append(hint)
            layout.addWidget(hint)
            cards.append(card)
        return cards

    def _history_card(self, data: DashboardData) -> QWidget:
        card, layout = _card(self.tr("Quiz scores over time"), self.tr("Every quiz you submitted, oldest on the left"))
        titles = self._lesson_titles()
        points = [
            ScoreDatum(point.at, point.score, point.passed, titles.get((point.pack_id, point.module_id, point.lesson_id), ""))
            for point in data.score_history
        ]
        self.history_chart = ScoreHistoryChartView(points)
        layout.addWidget(self.history_chart)
        return card

    def _technique_card(self, data: DashboardData) -> QWidget:
        card, layout = _card(
            self.tr("Accuracy per technique"), self.tr("Questions on each technique answered right the first time")
        )
        colors = {pack.id: technique_colors(pack) for pack in self.packs}
        numbers = {pack.id: technique_numbers(pack) for pack in self.packs}
        rows = []
        for entry in data.techniques:
            color = colors.get(entry.pack_id, {}).get(entry.technique)
            answered = entry.answered
            rows.append(
                BarDatum(
                    entry.label,
                    entry.accuracy,
                    percent_text(entry.accuracy),
                    self.tr("%n answer(s)", "", answered),
                    color.name() if color is not None else None,
                    numbers.get(entry.pack_id, {}).get(entry.technique),
                )
            )
        self.weak_label = plain_label(
            weak_techniques_text([(t.label, t.accuracy, t.answered) for t in data.techniques]), "dashboardReading"
        )
        layout.addWidget(self.weak_label)
        if rows:
            layout.addSpacing(SPACE_XS)
            self.technique_chart = BarChartView(self.tr("Accuracy per technique"), rows)
            layout.addWidget(self.technique_chart)
        return card

    def _lessons_done(self, done: int, lessons: int) -> str:
        """Write a module's completion: "2 of 3 lessons"."""
        return self.tr("{done} of %n lesson(s)", "", lessons).format(done=done)

    def _module_card(self, data: DashboardData) -> QWidget:
        card, layout = _card(self.tr("Completion per module"))
        rows = [
            BarDatum(
                module.title,
                module.fraction,
                percent_text(module.fraction),
                self._lessons_done(module.completed, module.lessons),
            )
            for module in data.modules
        ]
        self.module_chart = BarChartView(self.tr("Completion per module"), rows, empty_text=self.tr("No lessons loaded"))
        layout.addWidget(self.module_chart)
        return card

    def _lesson_titles(self) -> dict[tuple[str, str, str], str]:
        return {
            (pack.id, module.id, lesson.id): lesson.title
            for pack in self.packs
            for module in pack.modules
            for lesson in module.lessons
        }

    # ------------------------------------------------------------ style

    def _restyle(self) -> None:
        theme = current_theme()
        self.setStyleSheet(
            f"""
            QLabel#dashboardCardTitle {{ font-size: {scaled(17)}px; font-weight: 700; }}
            QLabel#dashboardReading {{ font-size: {scaled(15)}px; color: {theme.text}; }}
            QFrame#statTile {{
                background: {theme.surface}; border: 1px solid {theme.border}; border-radius: 10px;
            }}
            QLabel#statValue {{ font-size: {scaled(22)}px; font-weight: 700; color: {theme.text}; }}
            """
        )

    def _on_theme_changed(self, _theme: object) -> None:
        """Take the new colours into the dashboard's own styles."""
        self._restyle()

    def _on_theme_zoom_changed(self, _factor: float) -> None:
        """Take the new text size into the dashboard's own styles."""
        self._restyle()

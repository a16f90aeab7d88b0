"""Small charts drawn with QPainter: score history, horizontal bars, and a before-and-after pair.

Colours come from ``current_theme()`` at paint time, so a chart follows light and dark. Colour is
never the only signal: every bar carries its label and its value in words, dots that passed are
filled and the others hollow, and each chart sums itself up in its accessible description.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QCoreApplication, QDate, QLocale, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from app.model.scoring import DISCERNMENT_RANGE, TRUST_RANGE
from app.model.text import percent_text
from app.ui.theme import (
    SMALL_PX,
    SPACE_L,
    SPACE_M,
    SPACE_S,
    SPACE_XS,
    UI_PX,
    Theme,
    current_theme,
    mix,
    scaled,
    text_on,
    theme_signals,
    ui_font,
)

NO_ATTEMPTS_TEXT = "No quiz attempts yet"
NO_DATA_TEXT = "Nothing to show yet"


# ---------------------------------------------------------------- colour helpers


def track_color(theme: Theme) -> QColor:
    """Return the colour of an empty bar's track: a quiet step away from the card."""
    return QColor(mix(theme.surface, theme.border, 0.75))


def duration_text(seconds: float) -> str:
    """Write a study time for people: "2 h 15 min", "12 min", "less than a minute", "none yet"."""
    if seconds <= 0:
        return QCoreApplication.translate("Charts", "none yet")
    minutes = round(seconds / 60)
    if minutes < 1:
        return QCoreApplication.translate("Charts", "less than a minute")
    hours, minutes = divmod(minutes, 60)
    if not hours:
        return QCoreApplication.translate("Charts", "{minutes} min").format(minutes=minutes)
    if minutes:
        return QCoreApplication.translate("Charts", "{hours} h {minutes} min").format(hours=hours, minutes=minutes)
    return QCoreApplication.translate("Charts", "{hours} h").format(hours=hours)


def short_date(moment: datetime, with_year: bool = False) -> str:
    """Write a date as "3 May" (or "3 May 2025"), in local time."""
    local = moment.astimezone() if moment.tzinfo is not None else moment
    # the pattern is translated: "d MMM" in English, "M月d日" in Chinese; QLocale names the month
    pattern = QCoreApplication.translate("Charts", "d MMM yyyy") if with_year else QCoreApplication.translate("Charts", "d MMM")
    return QLocale().toString(QDate(local.year, local.month, local.day), pattern)


# ---------------------------------------------------------------- the base view


class ChartView(QWidget):
    """A chart that paints itself in the theme's colours and describes itself for screen readers."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.setAccessibleName(title)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, False)
        theme_signals().theme_changed.connect(self._on_theme_changed)
        theme_signals().zoom_changed.connect(self._on_theme_zoom_changed)

    def summary(self) -> str:
        """Say in one or two sentences what the chart shows (its accessible description)."""
        return ""

    def _data_changed(self) -> None:
        """Describe the new data, and lay out and repaint the chart."""
        summary = self.summary()
        self.setAccessibleDescription(summary)
        self.setToolTip(summary)
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        """Return a comfortable size for a card about 640 px wide."""
        return QSize(scaled(560), self.preferred_height())

    def minimumSizeHint(self) -> QSize:
        """Return the smallest size that keeps labels readable."""
        return QSize(scaled(280), self.preferred_height())

    def preferred_height(self) -> int:
        """Return the height the chart wants at the current zoom."""
        return scaled(200)

    def paint(self, painter: QPainter, rect: QRectF, theme: Theme) -> None:
        """Draw the chart into ``rect`` (subclasses)."""

    def paintEvent(self, _event: QPaintEvent) -> None:
        """Draw the chart in the current theme."""
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        self.paint(painter, QRectF(self.rect()), current_theme())
        painter.end()

    def render_image(self, width: int, height: int | None = None, theme: Theme | None = None) -> QImage:
        """Draw the chart on the theme's card colour into a new image (tests and exports)."""
        theme = theme or current_theme()
        image = QImage(width, height or self.preferred_height(), QImage.Format.Format_ARGB32)
        image.fill(QColor(theme.surface))
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        self.paint(painter, QRectF(0, 0, image.width(), image.height()), theme)
        painter.end()
        return image

    @staticmethod
    def draw_empty(painter: QPainter, rect: QRectF, theme: Theme, text: str) -> None:
        """Write ``text`` in the middle of ``rect``, in the muted colour, over a dashed outline."""
        frame = rect.adjusted(1, 1, -1, -1)
        pen = QPen(QColor(theme.border), 1, Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(frame, 8, 8)
        painter.setFont(ui_font(UI_PX))
        painter.setPen(QColor(theme.muted))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, text)

    def _on_theme_changed(self, _theme: object) -> None:
        """Repaint in the new colours."""
        self.update()

    def _on_theme_zoom_changed(self, _factor: float) -> None:
        """Take the new text size into the layout."""
        self.updateGeometry()
        self.update()


# ---------------------------------------------------------------- score history


@dataclass(frozen=True, slots=True)
class ScoreDatum:
    """One quiz attempt on the history: when, its score (0 to 1), whether it passed, and what it was."""

    at: datetime
    score: float
    passed: bool
    label: str = ""


class ScoreHistoryChartView(ChartView):
    """Quiz scores over time: x is the attempt (oldest left, dated), y is 0-100 %.

    Attempts are spaced evenly rather than by their time, so that several on one day stay apart;
    the dates under the axis say when they were. Filled dots passed, hollow dots did not.
    """

    #: Every dot gets its value written above it up to this many attempts; beyond, the last and best.
    LABEL_EVERY_UP_TO = 12

    def __init__(self, points: Sequence[ScoreDatum] = (), parent: QWidget | None = None) -> None:
        super().__init__("Quiz score history", parent)
        self.points: list[ScoreDatum] = []
        self.set_points(points)

    def set_points(self, points: Sequence[ScoreDatum]) -> None:
        """Show ``points`` (oldest first)."""
        self.points = list(points)
        self._data_changed()

    def preferred_height(self) -> int:
        """Return the height of the plot with its axis labels (a short strip when empty)."""
        return scaled(220) if self.points else scaled(72)

    def summary(self) -> str:
        """Sum the history up: how many attempts, over which dates, the latest and the best."""
        if not self.points:
            return NO_ATTEMPTS_TEXT + "."
        count = len(self.points)
        first, last = self.points[0], self.points[-1]
        best = max(point.score for point in self.points)
        passed = sum(point.passed for point in self.points)
        span = short_date(first.at) if count == 1 else f"{short_date(first.at)} to {short_date(last.at)}"
        noun = "attempt" if count == 1 else "attempts"
        return (
            f"{count} quiz {noun}, {span}. Latest score {percent_text(last.score)}, "
            f"best {percent_text(best)}; {passed} of {count} passed."
        )

    def plot_rect(self, rect: QRectF) -> QRectF:
        """Return the area inside the axes where points are drawn."""
        metrics = QFontMetricsF(ui_font(SMALL_PX))
        left = metrics.horizontalAdvance("100%") + SPACE_M
        top = metrics.height() + SPACE_S + SPACE_XS  # room for the legend and a value above 100 %
        bottom = metrics.height() + SPACE_S
        return rect.adjusted(left, top, -SPACE_M, -bottom)

    def point_positions(self, rect: QRectF) -> list[QPointF]:
        """Return where each attempt's dot goes inside ``rect`` (the widget's area)."""
        plot = self.plot_rect(rect)
        count = len(self.points)
        if not count:
            return []
        step = plot.width() / count
        return [
            QPointF(plot.left() + step * (index + 0.5), plot.bottom() - plot.height() * min(1.0, max(0.0, p.score)))
            for index, p in enumerate(self.points)
        ]

    def paint(self, painter: QPainter, rect: QRectF, theme: Theme) -> None:
        """Draw the grid, the line through the attempts, their dots, values, dates and a legend."""
        if not self.points:
            self.draw_empty(painter, rect, theme, NO_ATTEMPTS_TEXT)
            return
        small = ui_font(SMALL_PX)
        metrics = QFontMetricsF(small)
        plot = self.plot_rect(rect)
        painter.setFont(small)

        grid = QPen(QColor(mix(theme.surface, theme.border, 0.9)), 1)
        for level in (0.0, 0.25, 0.5, 0.75, 1.0):
            y = plot.bottom() - plot.height() * level
            grid.setStyle(Qt.PenStyle.SolidLine if level in (0.0, 1.0) else Qt.PenStyle.DotLine)
            painter.setPen(grid)
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(QColor(theme.muted))
            label_rect = QRectF(rect.left(), y - metrics.height() / 2, plot.left() - rect.left() - SPACE_S,
                                metrics.height())
            painter.drawText(label_rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                             percent_text(level))

        positions = self.point_positions(rect)
        accent = QColor(theme.accent)
        if len(positions) > 1:
            path = QPainterPath(positions[0])
            for position in positions[1:]:
                path.lineTo(position)
            painter.setPen(QPen(accent, 2, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                                Qt.PenJoinStyle.RoundJoin))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(path)

        spacing = plot.width() / len(positions)
        radius = max(2.0, min(5.0, spacing / 3))
        for point, position in zip(self.points, positions, strict=True):
            painter.setPen(QPen(accent, 2))
            painter.setBrush(accent if point.passed else QColor(theme.surface))
            painter.drawEllipse(position, radius, radius)

        self._draw_values(painter, positions, plot, metrics, theme)
        self._draw_dates(painter, positions, plot, rect, metrics, theme)
        self._draw_legend(painter, rect, metrics, theme, radius)

    def _labelled_indices(self) -> set[int]:
        """Pick the dots whose value is written: all of few, else the latest and the best."""
        count = len(self.points)
        if count <= self.LABEL_EVERY_UP_TO:
            return set(range(count))
        best = max(range(count), key=lambda index: (self.points[index].score, index))
        return {count - 1, best}

    def _draw_values(
        self, painter: QPainter, positions: list[QPointF], plot: QRectF, metrics: QFontMetricsF, theme: Theme
    ) -> None:
        """Write each labelled dot's percentage just above it (below when it would leave the plot)."""
        painter.setPen(QColor(theme.text))
        bold = ui_font(SMALL_PX)
        bold.setWeight(QFont.Weight.DemiBold)
        painter.setFont(bold)
        for index in sorted(self._labelled_indices()):
            position = positions[index]
            text = percent_text(self.points[index].score)
            width = metrics.horizontalAdvance(text) + SPACE_XS
            y = position.y() - SPACE_S - metrics.height()
            if y < plot.top() - metrics.height() - SPACE_XS:
                y = position.y() + SPACE_S
            box = QRectF(position.x() - width / 2, y, width, metrics.height())
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
        painter.setFont(ui_font(SMALL_PX))

    def _draw_dates(
        self,
        painter: QPainter,
        positions: list[QPointF],
        plot: QRectF,
        rect: QRectF,
        metrics: QFontMetricsF,
        theme: Theme,
    ) -> None:
        """Write dates under the axis, the first and the last always, others where they fit."""
        years = {point.at.astimezone().year for point in self.points}
        with_year = len(years) > 1
        painter.setPen(QColor(theme.muted))
        taken: list[tuple[float, float]] = []
        drawn: set[str] = set()
        # The latest date matters most, then the first; others fill the gaps, one label per day.
        for index in [len(positions) - 1, 0, *range(1, len(positions) - 1)]:
            text = short_date(self.points[index].at, with_year)
            if text in drawn:
                continue
            width = metrics.horizontalAdvance(text)
            left = min(max(positions[index].x() - width / 2, plot.left() - SPACE_S), rect.right() - width)
            right = left + width
            if any(left < end + SPACE_M and right > start - SPACE_M for start, end in taken):
                continue
            taken.append((left, right))
            drawn.add(text)
            painter.drawText(QRectF(left, plot.bottom() + SPACE_XS, width + 1, metrics.height()),
                             Qt.AlignmentFlag.AlignCenter, text)

    def _draw_legend(
        self, painter: QPainter, rect: QRectF, metrics: QFontMetricsF, theme: Theme, radius: float
    ) -> None:
        """Explain the two kinds of dot in the top right corner."""
        accent = QColor(theme.accent)
        entries = (("passed", True), ("not passed", False))
        right = rect.right() - SPACE_M
        y = rect.top() + metrics.height() / 2
        painter.setFont(ui_font(SMALL_PX))
        for text, filled in reversed(entries):
            width = metrics.horizontalAdvance(text)
            painter.setPen(QColor(theme.muted))
            painter.drawText(QRectF(right - width, rect.top(), width + 1, metrics.height()),
                             Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, text)
            centre = QPointF(right - width - SPACE_XS - 4, y)
            painter.setPen(QPen(accent, 2))
            painter.setBrush(accent if filled else QColor(theme.surface))
            painter.drawEllipse(centre, min(radius, 4.0), min(radius, 4.0))
            right = centre.x() - 4 - SPACE_L


# ---------------------------------------------------------------- horizontal bars


@dataclass(frozen=True, slots=True)
class BarDatum:
    """One bar: its label, its value (None when there is none yet), the value in words, and extras.

    ``detail`` follows the value in muted text ("12 answers"); ``color`` defaults to the accent;
    ``marker`` draws a numbered circle before the label (the technique's number).
    """

    label: str
    value: float | None
    value_text: str
    detail: str = ""
    color: str | None = None
    marker: int | None = None


class BarChartView(ChartView):
    """Horizontal bars, one per row, over a range (0 to 1 by default; it may run below zero)."""

    def __init__(
        self,
        title: str,
        rows: Sequence[BarDatum] = (),
        parent: QWidget | None = None,
        *,
        minimum: float = 0.0,
        maximum: float = 1.0,
        empty_text: str = NO_DATA_TEXT,
    ) -> None:
        super().__init__(title, parent)
        self.minimum, self.maximum = minimum, maximum
        self.empty_text = empty_text
        self.rows: list[BarDatum] = []
        self.set_rows(rows)

    def set_rows(self, rows: Sequence[BarDatum]) -> None:
        """Show ``rows`` top to bottom."""
        self.rows = list(rows)
        self._data_changed()

    @staticmethod
    def row_height() -> float:
        """Return the height of one row at the current zoom."""
        return QFontMetricsF(ui_font(UI_PX)).height() + SPACE_M + SPACE_XS

    def preferred_height(self) -> int:
        """Return the height of every row (or of the empty message)."""
        if not self.rows:
            return scaled(72)
        return round(self.row_height() * len(self.rows) + SPACE_XS * 2)

    def summary(self) -> str:
        """List every row: label, value and detail."""
        if not self.rows:
            return self.empty_text + "."
        parts = []
        for row in self.rows:
            detail = f" ({row.detail})" if row.detail else ""
            parts.append(f"{row.label}: {row.value_text}{detail}")
        return "; ".join(parts) + "."

    def _layout(self, rect: QRectF) -> tuple[float, float, float, float]:
        """Return the x where labels start, where the track starts and ends, and where values start."""
        font = ui_font(UI_PX)
        metrics = QFontMetricsF(font)
        bold = QFont(font)
        bold.setWeight(QFont.Weight.DemiBold)
        bold_metrics = QFontMetricsF(bold)
        small_metrics = QFontMetricsF(ui_font(SMALL_PX))
        marker = self.row_height() * 0.62 + SPACE_S if any(row.marker is not None for row in self.rows) else 0.0
        label_width = max((metrics.horizontalAdvance(row.label) for row in self.rows), default=0.0)
        label_width = min(label_width + SPACE_XS, rect.width() * 0.36)
        value_width = max(
            (
                bold_metrics.horizontalAdvance(row.value_text)
                + (small_metrics.horizontalAdvance(row.detail) + SPACE_S if row.detail else 0.0)
                for row in self.rows
            ),
            default=0.0,
        )
        value_width = min(value_width, rect.width() * 0.34)
        track_left = rect.left() + marker + label_width + SPACE_M
        values_left = rect.right() - value_width
        track_right = max(track_left + SPACE_L, values_left - SPACE_M)
        return rect.left() + marker, track_left, track_right, values_left

    def bar_rects(self, rect: QRectF) -> list[tuple[QRectF, QRectF | None]]:
        """Return, per row, its track and its filled bar (None without a value) inside ``rect``."""
        _label_left, track_left, track_right, _values_left = self._layout(rect)
        height = self.row_height()
        thickness = max(6.0, height * 0.36)
        span = self.maximum - self.minimum or 1.0
        width = track_right - track_left
        zero = track_left + width * (min(max(0.0, self.minimum), self.maximum) - self.minimum) / span
        result: list[tuple[QRectF, QRectF | None]] = []
        for index, row in enumerate(self.rows):
            centre = rect.top() + SPACE_XS + height * (index + 0.5)
            track = QRectF(track_left, centre - thickness / 2, width, thickness)
            if row.value is None:
                result.append((track, None))
                continue
            value = min(max(row.value, self.minimum), self.maximum)
            end = track_left + width * (value - self.minimum) / span
            left, right = min(zero, end), max(zero, end)
            result.append((track, QRectF(left, track.top(), max(right - left, 0.0), thickness)))
        return result

    def paint(self, painter: QPainter, rect: QRectF, theme: Theme) -> None:
        """Draw each row: marker, label, track, bar, then the value and its detail."""
        if not self.rows:
            self.draw_empty(painter, rect, theme, self.empty_text)
            return
        font = ui_font(UI_PX)
        bold = QFont(font)
        bold.setWeight(QFont.Weight.DemiBold)
        small = ui_font(SMALL_PX)
        metrics = QFontMetricsF(font)
        label_left, track_left, _track_right, values_left = self._layout(rect)
        height = self.row_height()
        span = self.maximum - self.minimum or 1.0
        for index, (row, (track, bar)) in enumerate(zip(self.rows, self.bar_rects(rect), strict=True)):
            top = rect.top() + SPACE_XS + height * index
            row_rect = QRectF(rect.left(), top, rect.width(), height)
            if row.marker is not None:
                self._draw_marker(painter, row, QPointF(rect.left() + height * 0.31, row_rect.center().y()), height, theme)
            painter.setFont(font)
            painter.setPen(QColor(theme.text))
            label_rect = QRectF(label_left, top, track_left - SPACE_M - label_left, height)
            painter.drawText(label_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                             metrics.elidedText(row.label, Qt.TextElideMode.ElideRight, label_rect.width()))

            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(track_color(theme))
            radius = track.height() / 2
            painter.drawRoundedRect(track, radius, radius)
            if self.minimum < 0 < self.maximum:
                zero_x = track.left() + track.width() * (0 - self.minimum) / span
                painter.setPen(QPen(QColor(theme.muted), 1))
                painter.drawLine(QPointF(zero_x, track.top() - SPACE_XS), QPointF(zero_x, track.bottom() + SPACE_XS))
            if bar is None:
                pen = QPen(QColor(theme.muted), 1, Qt.PenStyle.DashLine)
                painter.setPen(pen)
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRoundedRect(track.adjusted(0.5, 0.5, -0.5, -0.5), radius, radius)
            elif bar.width() > 0:
                color = QColor(row.color or theme.accent)
                painter.setPen(QPen(color.darker(125) if not theme.dark else color, 1))
                painter.setBrush(color)
                painter.drawRoundedRect(bar, radius, radius)

            value_rect = QRectF(values_left, top, rect.right() - values_left, height)
            painter.setFont(bold)
            painter.setPen(QColor(theme.text))
            painter.drawText(value_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, row.value_text)
            if row.detail:
                advance = QFontMetricsF(bold).horizontalAdvance(row.value_text) + SPACE_S
                detail_rect = value_rect.adjusted(advance, 0, 0, 0)
                painter.setFont(small)
                painter.setPen(QColor(theme.muted))
                painter.drawText(
                    detail_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                    QFontMetricsF(small).elidedText(row.detail, Qt.TextElideMode.ElideRight, detail_rect.width()),
                )

    @staticmethod
    def _draw_marker(painter: QPainter, row: BarDatum, centre: QPointF, height: float, theme: Theme) -> None:
        """Draw the row's numbered circle in its colour, the number in black or white to suit."""
        color = QColor(row.color or theme.accent)
        radius = height * 0.31
        painter.setPen(QPen(color.darker(125) if not theme.dark else color, 1))
        painter.setBrush(color)
        painter.drawEllipse(centre, radius, radius)
        number_font = ui_font(SMALL_PX)
        number_font.setWeight(QFont.Weight.Bold)
        painter.setFont(number_font)
        painter.setPen(text_on(color))
        painter.drawText(QRectF(centre.x() - radius, centre.y() - radius, radius * 2, radius * 2),
                         Qt.AlignmentFlag.AlignCenter, str(row.marker))


# ---------------------------------------------------------------- before and after


class BeforeAfterChartView(BarChartView):
    """Two bars, before and after, on one scale: a score (0-100 %), discernment (-5 to +5) or trust (-2.5 to +2.5).

    A missing side draws as a dashed, empty track with "not taken yet", so that it never reads as 0.
    """

    NOT_TAKEN = "not taken yet"

    def __init__(
        self,
        title: str,
        before: float | None = None,
        after: float | None = None,
        parent: QWidget | None = None,
        *,
        minimum: float = 0.0,
        maximum: float = 1.0,
        kind: str = "score",
    ) -> None:
        self.kind = kind
        self.before: float | None = None
        self.after: float | None = None
        super().__init__(title, (), parent, minimum=minimum, maximum=maximum)
        self.set_values(before, after)

    def format_value(self, value: float | None) -> str:
        """Write a value as the scale reads it: "80%" for a score, "+2.5" for discernment or trust."""
        if value is None:
            return self.NOT_TAKEN
        return percent_text(value) if self.kind == "score" else f"{value:+.1f}"

    def set_values(self, before: float | None, after: float | None) -> None:
        """Show the before and after values (None for a check not taken)."""
        self.before, self.after = before, after
        self.set_rows(
            [
                BarDatum("Before", before, self.format_value(before), color=current_theme().muted),
                BarDatum("After", after, self.format_value(after)),
            ]
        )

    def paint(self, painter: QPainter, rect: QRectF, theme: Theme) -> None:
        """Draw the pair, taking the before bar's quieter colour from the theme being drawn."""
        self.rows[0] = BarDatum("Before", self.before, self.format_value(self.before), color=theme.muted)
        super().paint(painter, rect, theme)

    def summary(self) -> str:
        """Say the title, the two values and the change."""
        text = f"{self.title}: before {self.format_value(self.before)}, after {self.format_value(self.after)}"
        if self.before is not None and self.after is not None:
            change = self.after - self.before
            if self.kind == "score":
                text += f", a change of {round(change * 100):+d} points"
            else:
                text += f", a change of {change:+.1f}"
        return text + "."


def discernment_chart(title: str, before: float | None, after: float | None) -> BeforeAfterChartView:
    """Return the before-and-after bars of discernment, on its scale from −5 to +5."""
    low, high = DISCERNMENT_RANGE
    return BeforeAfterChartView(title, before, after, minimum=low, maximum=high, kind="discernment")


def trust_chart(title: str, before: float | None, after: float | None) -> BeforeAfterChartView:
    """Return the before-and-after bars of trust, on its scale from −2.5 to +2.5."""
    low, high = TRUST_RANGE
    return BeforeAfterChartView(title, before, after, minimum=low, maximum=high, kind="trust")

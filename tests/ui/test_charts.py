"""The QPainter charts: bars scale with their values, empty data says so, and text stays readable."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage

from app.ui import charts, theme
from app.ui.charts import (
    NO_ATTEMPTS_TEXT,
    BarChartView,
    BarDatum,
    BeforeAfterChartView,
    ScoreDatum,
    ScoreHistoryChartView,
)
from app.ui.theme import DARK, LIGHT, Theme, contrast_ratio

THEMES = pytest.mark.parametrize("theme", [LIGHT, DARK], ids=["light", "dark"])
WIDTH = 640


def _bar_extent(image: QImage, y: int, color: QColor) -> int:
    """Return the rightmost x on row ``y`` whose pixel is ``color`` (within antialiasing), or -1."""
    rightmost = -1
    for x in range(image.width()):
        pixel = image.pixelColor(x, y)
        if (
            abs(pixel.red() - color.red()) < 8
            and abs(pixel.green() - color.green()) < 8
            and abs(pixel.blue() - color.blue()) < 8
        ):
            rightmost = x
    return rightmost


def _count_color(image: QImage, rect: QRectF, color: QColor, tolerance: int = 40) -> int:
    """Count pixels inside ``rect`` close to ``color``."""
    count = 0
    for x in range(int(rect.left()), int(rect.right())):
        for y in range(int(rect.top()), int(rect.bottom())):
            pixel = image.pixelColor(x, y)
            if (
                abs(pixel.red() - color.red()) < tolerance
                and abs(pixel.green() - color.green()) < tolerance
                and abs(pixel.blue() - color.blue()) < tolerance
            ):
                count += 1
    return count


def _history(scores: list[float]) -> list[ScoreDatum]:
    start = datetime(2025, 5, 3, 9, tzinfo=UTC)
    return [ScoreDatum(start + timedelta(days=i), s, s >= 0.7) for i, s in enumerate(scores)]


@THEMES
def test_longer_bar_for_the_higher_value(qtbot, theme: Theme):
    """A bar for 80% reaches further right than one for 40%, measured on the pixels drawn."""
    chart = BarChartView(
        "Accuracy per technique",
        [
            BarDatum("Fear", 0.4, "40%", color="#E69F00"),
            BarDatum("Testimonial", 0.8, "80%", color="#0072B2"),
        ],
    )
    qtbot.addWidget(chart)
    image = chart.render_image(WIDTH, theme=theme)
    (track_low, _), (track_high, _) = chart.bar_rects(QRectF(0, 0, WIDTH, image.height()))
    low = _bar_extent(image, int(track_low.center().y()), QColor("#E69F00"))
    high = _bar_extent(image, int(track_high.center().y()), QColor("#0072B2"))
    start = int(track_low.left())
    assert low > start and high > start
    # 80% of the track is twice 40% of it: allow a few pixels for rounded ends
    assert abs((high - start) - 2 * (low - start)) <= 6
    assert high > low + track_low.width() * 0.3


@THEMES
def test_zero_draws_no_bar_and_a_full_value_fills_the_track(qtbot, theme: Theme):
    """A value of 0 leaves the track empty; 1 fills it to its right end."""
    chart = BarChartView("Completion", [BarDatum("A", 0.0, "0%"), BarDatum("B", 1.0, "100%")])
    qtbot.addWidget(chart)
    image = chart.render_image(WIDTH, theme=theme)
    (track_a, bar_a), (track_b, _) = chart.bar_rects(QRectF(0, 0, WIDTH, image.height()))
    accent = QColor(theme.accent)
    assert bar_a is not None and bar_a.width() == 0
    assert _bar_extent(image, int(track_a.center().y()), accent) == -1
    assert _bar_extent(image, int(track_b.center().y()), accent) >= track_b.right() - 3


def test_bars_are_labelled_in_words_for_screen_readers(qtbot):
    """The accessible description lists every label with its value and detail."""
    chart = BarChartView("Accuracy per technique", [BarDatum("Fear", 0.4, "40%", "5 answers", marker=1)])
    qtbot.addWidget(chart)
    assert chart.accessibleName() == "Accuracy per technique"
    assert chart.accessibleDescription() == "Fear: 40% (5 answers)."
    chart.set_rows([BarDatum("Fear", 0.4, "40%"), BarDatum("Glory", 0.9, "90%")])
    assert chart.accessibleDescription() == "Fear: 40%; Glory: 90%."
    assert chart.sizeHint().height() > BarChartView("x", [BarDatum("Fear", 0.4, "40%")]).sizeHint().height()


@THEMES
def test_empty_history_says_no_attempts_yet(qtbot, monkeypatch, theme: Theme):
    """With no attempts the history writes "No quiz attempts yet" in the middle, in readable text."""
    written: list[str] = []
    original = charts.ChartView.draw_empty

    def spy(painter, rect, theme_, text):
        written.append(text)
        original(painter, rect, theme_, text)

    monkeypatch.setattr(charts.ChartView, "draw_empty", staticmethod(spy))
    chart = ScoreHistoryChartView([])
    qtbot.addWidget(chart)
    image = chart.render_image(WIDTH, theme=theme)
    assert written == [NO_ATTEMPTS_TEXT]
    middle = QRectF(WIDTH / 2 - 80, 0, 160, image.height())
    assert _count_color(image, middle, QColor(theme.muted)) > 20  # the text's glyphs are there
    assert chart.accessibleDescription() == "No quiz attempts yet."


@THEMES
def test_history_places_higher_scores_higher(qtbot, theme: Theme):
    """Each attempt's dot sits higher for a higher score, left to right in order, with dots drawn."""
    chart = ScoreHistoryChartView(_history([0.4, 0.9, 0.6]))
    qtbot.addWidget(chart)
    image = chart.render_image(WIDTH, theme=theme)
    positions = chart.point_positions(QRectF(0, 0, WIDTH, image.height()))
    assert [p.x() for p in positions] == sorted(p.x() for p in positions)
    assert positions[1].y() < positions[2].y() < positions[0].y()
    accent = QColor(theme.accent)
    for position in positions:
        around = QRectF(position.x() - 6, position.y() - 6, 12, 12)
        assert _count_color(image, around, accent) > 10
    # passed dots are filled, missed ones hollow: the centre tells them apart
    centre_passed = image.pixelColor(int(positions[1].x()), int(positions[1].y()))
    centre_missed = image.pixelColor(int(positions[0].x()), int(positions[0].y()))
    assert contrast_ratio(centre_passed, accent) < 1.2
    assert contrast_ratio(centre_missed, QColor(theme.surface)) < 1.2


def test_history_summary_names_dates_latest_and_best(qtbot):
    """The history's description gives the number of attempts, the dates, the latest and the best score."""
    chart = ScoreHistoryChartView(_history([0.4, 0.9, 0.6]))
    qtbot.addWidget(chart)
    text = chart.accessibleDescription()
    assert text.startswith("3 quiz attempts, 3 May to 5 May.")
    assert "Latest score 60%" in text and "best 90%" in text and "1 of 3 passed" in text


def test_before_after_pair_shows_a_missing_check_as_not_taken(qtbot):
    """Before-and-after bars scale by value, a missing side has no bar, and discernment runs from zero."""
    scores = BeforeAfterChartView("Score", 0.4, None)
    qtbot.addWidget(scores)
    rect = QRectF(0, 0, WIDTH, scores.preferred_height())
    (_, before), (_, after) = scores.bar_rects(rect)
    assert before is not None and after is None
    assert "after not taken yet" in scores.accessibleDescription()

    discernment = BeforeAfterChartView("Discernment", -0.7, 2.5, minimum=-5, maximum=5, kind="discernment")
    qtbot.addWidget(discernment)
    (track, below), (_, above) = discernment.bar_rects(rect)
    assert below is not None and above is not None
    zero = track.left() + track.width() / 2
    assert below.right() == pytest.approx(zero) and below.left() < zero
    assert above.left() == pytest.approx(zero) and above.width() > below.width() * 3
    assert discernment.accessibleDescription() == (
        "Discernment: before -0.7, after +2.5, a change of +3.2."
    )


@THEMES
def test_chart_text_contrast_is_at_least_4_5(theme: Theme):
    """The text and muted colours the charts write with reach 4.5:1 on cards and on the window."""
    for text in (theme.text, theme.muted):
        for background in (theme.surface, theme.window):
            assert contrast_ratio(text, background) >= 4.5, (text, background)


def test_contrast_ratio_matches_wcag_extremes():
    """Black on white is 21:1 and a colour on itself is 1:1, so the checks above measure something."""
    assert contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#777777") == pytest.approx(1.0)
    assert theme.text_on("#F0E442").name() == "#111111"
    assert theme.text_on("#0072B2").name() == "#ffffff"


def test_technique_colours_stay_legible_on_dark_cards() -> None:
    """A pack colour too dark for the dark card (indigo #332288) is lightened to 3:1; light cards keep pack colours."""
    from app.model.loader import load_pack
    from app.ui.theme import DARK, LIGHT, MIN_TECHNIQUE_CONTRAST, technique_colors
    from tests.conftest import BUILTIN_PACK

    pack = load_pack(BUILTIN_PACK).pack
    assert pack is not None
    dark = technique_colors(pack, DARK)
    light = technique_colors(pack, LIGHT)
    for key, color in dark.items():
        assert contrast_ratio(color, DARK.surface) >= MIN_TECHNIQUE_CONTRAST, key
    assert {key: color.name().upper() for key, color in light.items()} == {
        key: technique.color.upper() for key, technique in pack.manifest.techniques.items() if technique.color
    }
    assert dark["loaded-framing"].name().upper() != "#332288"

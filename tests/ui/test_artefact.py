"""Artefacts are drawn as their medium, with exact highlights, numbered markers, regions and a task."""

from __future__ import annotations

import dataclasses
import itertools
import math

import msgspec
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QFontMetricsF, QTextCursor
from PySide6.QtWidgets import QApplication

from app.model.loader import load_pack
from app.model.schema import Artefact, Spot
from app.ui.artefact import NEUTRAL_ANNOTATION, ArtefactView, format_count, marker_text
from app.ui.questions.spot import SpotQuestionView
from app.ui.steps.base import StepContext
from app.ui.theme import CJK_FAMILIES, DARK, LIGHT, set_zoom, technique_colors
from tests.conftest import BUILTIN_PACK


def example_steps(pack):
    """Return the example steps of the fixture's lesson "the-post", in order."""
    lesson = pack.lesson("tea", "the-post")
    return [step.example for step in lesson.steps if step.kind == "example"]


def artefact(**fields) -> Artefact:
    """Build an artefact as the loader would, from YAML-shaped fields."""
    return msgspec.convert(fields, Artefact)


def make_view(qtbot, item, pack, **options) -> ArtefactView:
    view = ArtefactView(item, pack, **options)
    qtbot.addWidget(view)
    view.resize(640, 400)
    view.show()
    qtbot.waitExposed(view)
    return view


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (0, "0"),
        (310, "310"),
        (999, "999"),
        (1000, "1K"),
        (5200, "5.2K"),
        (12000, "12K"),
        (18400, "18.4K"),
        (18_499, "18.4K"),
        (999_999, "999.9K"),
        (1_000_000, "1M"),
        (1_250_000, "1.2M"),
        (2_000_000_000, "2B"),
    ],
)
def test_counts_are_formatted_like_platforms(value, shown) -> None:
    """Engagement counts read 310, 5.2K, 18.4K, 1.2M, cut to one decimal the way platforms show them."""
    assert format_count(value) == shown


def test_post_shows_account_platform_date_text_and_counts(qtbot, pack) -> None:
    """A post card shows the avatar initial, account, platform and date, its text and engagement."""
    item = artefact(
        medium="post",
        platform="Weibo",
        author="@TeaTruths",
        date="3 May",
        text="Cured!",
        engagement={"reposts": 18400, "comments": 5200, "likes": 310},
    )
    view = make_view(qtbot, item, pack)
    assert view.author_label.text() == "@TeaTruths"
    assert view.meta_label.text() == "Weibo · 3 May"
    assert view.text_view.toPlainText() == "Cured!"
    shown = {kind: label.text() for kind, label in view.engagement_labels.items()}
    assert shown == {"reposts": "18.4K", "comments": "5.2K", "likes": "310"}
    assert view.engagement_labels["reposts"].accessibleName() == "18,400 reposts"
    assert view.illustrative_badge is None


@pytest.mark.parametrize("medium", ["post", "headline", "article", "message"])
@pytest.mark.parametrize("illustrative", [True, False])
def test_illustrative_badge_present_exactly_when_illustrative(qtbot, pack, medium, illustrative) -> None:
    """Every medium carries a visible "Illustrative example" badge iff the item is illustrative."""
    view = make_view(
        qtbot, artefact(medium=medium, author="Someone", text="Words.", illustrative=illustrative), pack
    )
    if illustrative:
        assert view.illustrative_badge is not None and view.illustrative_badge.isVisible()
        assert view.illustrative_badge.text() == "Illustrative example"
    else:
        assert view.illustrative_badge is None


def test_headline_has_outlet_in_small_caps_and_a_large_serif_headline(qtbot, pack) -> None:
    """A headline shows its outlet in small caps above a serif headline larger than body text."""
    view = make_view(
        qtbot, artefact(medium="headline", author="Daily Example", date="1 May", text="Big news"), pack
    )
    assert view.author_label.text() == "Daily Example"
    assert view.author_label.font().capitalization() == QFont.Capitalization.SmallCaps
    font = view.text_view.document().defaultFont()
    assert font.pixelSize() >= 24
    assert any("Serif" in family or family in ("Georgia", "Times New Roman") for family in font.families())
    assert "1 May" in view.meta_label.text()


def test_article_shows_outlet_date_and_serif_excerpt(qtbot, pack) -> None:
    """An article excerpt shows its outlet and date, with the excerpt in a serif column."""
    view = make_view(
        qtbot, artefact(medium="article", author="Agency", date="2024", text="Twelve trials."), pack
    )
    assert view.author_label.text() == "Agency"
    assert view.meta_label.text() == "2024"
    assert view.text_view.toPlainText() == "Twelve trials."
    assert any("Serif" in family for family in view.text_view.document().defaultFont().families())


@pytest.mark.parametrize(
    ("author", "forwarded"),
    [("Forwarded", True), ("FORWARDED many times", True), ("forwarded by Ann", True), ("Aunt Mei", False)],
)
def test_message_bubble_tags_forwarded_messages(qtbot, pack, author, forwarded) -> None:
    """A message is a bubble with a Forwarded tag exactly when its author says it was forwarded."""
    view = make_view(
        qtbot, artefact(medium="message", platform="WeChat", author=author, text="Drink tea!"), pack
    )
    assert view.text_view.toPlainText() == "Drink tea!"
    if forwarded:
        assert view.forwarded_tag is not None and view.forwarded_tag.isVisible()
        assert "Forwarded" in view.forwarded_tag.text() or author in view.forwarded_tag.text()
    else:
        assert view.forwarded_tag is None
        assert view.author_label.text() == "Aunt Mei"


def test_translation_sits_beside_the_text_or_below_when_narrow(qtbot, pack) -> None:
    """A translation is labelled and placed beside the text when wide, below it when narrow."""
    item = artefact(medium="post", author="@a", text="防火长城", translation="The Great Firewall")
    view = make_view(qtbot, item, pack)
    assert view.translated.translation_text.text() == "The Great Firewall"
    view.resize(900, 400)
    qtbot.waitUntil(lambda: view.translated.side_by_side())
    view.resize(360, 500)
    qtbot.waitUntil(lambda: not view.translated.side_by_side())


def test_cjk_text_uses_a_font_with_cjk_glyphs(qtbot, pack) -> None:
    """Chinese text is set in a font list whose CJK fallback has the glyphs of 防火长城."""
    view = make_view(qtbot, artefact(medium="post", author="@环球", text="防火长城"), pack)
    families = view.text_view.document().defaultFont().families()
    fallbacks = [family for family in families if family in CJK_FAMILIES]
    assert fallbacks, families
    assert any(
        all(QFontMetrics(QFont(family)).inFontUcs4(ord(char)) for char in "防火长城") for family in fallbacks
    )
    assert view.text_view.toPlainText() == "防火长城"


def test_highlight_covers_exactly_the_quoted_occurrence(qtbot, pack) -> None:
    """A highlight spans exactly the quote, at the occurrence asked for, even after emoji and CJK."""
    text = "😀 防火长城 blocks; 防火长城 again"
    item = artefact(
        medium="post",
        author="@a",
        text=text,
        annotations=[{"quote": "防火长城", "occurrence": 2, "note": "second"}],
    )
    view = make_view(qtbot, item, pack)
    start, _end = view.text_view.highlight_ranges()[0]
    assert view.text_view.highlighted_text(0) == "防火长城"
    # the document before the highlight is exactly the text before the second occurrence
    cursor = view.text_view.textCursor()
    cursor.setPosition(0)
    cursor.setPosition(start, cursor.MoveMode.KeepAnchor)
    assert cursor.selectedText() == "😀 防火长城 blocks; "


def test_every_annotation_gets_a_numbered_marker_in_its_colour(qtbot, pack) -> None:
    """Each highlight is followed by its number, so colour is never the only signal."""
    item = example_steps(pack)[0]
    view = make_view(qtbot, item, pack)
    shown = view.text_view.toPlainText()
    assert "Dr. Lin says" + marker_text(1) + " this" in shown
    assert "swears by it" + marker_text(2) + "!" in shown
    colors = technique_colors(pack)
    assert view.marks[0].color == colors["fake-expert"]
    assert view.marks[1].color == QColor("#009E73")
    assert view.text_view.highlighted_text(0) == "Dr. Lin says"
    assert view.text_view.highlighted_text(1) == "My whole family swears by it"


def test_overlapping_spans_both_highlight_and_clicks_pick_the_inner_one(qtbot, pack) -> None:
    """Overlapping quotes each keep their exact text and marker, and a click picks the right one."""
    item = artefact(
        medium="headline",
        author="Outlet",
        text="The nation is safe and strong, says spokesman",
        annotations=[
            {"quote": "nation is safe and strong", "note": "outer", "technique": "testimonial"},
            {"quote": "safe", "note": "inner"},
        ],
    )
    view = make_view(qtbot, item, pack)
    # the inner span's marker sits inside the outer highlight, after "safe"
    assert view.text_view.highlighted_text(0) == "nation is safe" + marker_text(2) + " and strong"
    assert view.text_view.highlighted_text(1) == "safe"
    with qtbot.waitSignal(view.annotation_selected) as inner:
        qtbot.mouseClick(
            view.text_view.viewport(), Qt.MouseButton.LeftButton, pos=view.text_view.point_of(1).toPoint()
        )
    assert inner.args == [1]
    cursor = view.text_view.textCursor()
    cursor.setPosition(view.text_view.highlight_ranges()[0][0] + 1)
    point = view.text_view.cursorRect(cursor).center()
    with qtbot.waitSignal(view.annotation_selected) as outer:
        qtbot.mouseClick(view.text_view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert outer.args == [0]
    assert view.selected_annotation() == 0


def test_hidden_annotations_leave_only_the_text(qtbot, pack) -> None:
    """With annotations hidden (the judge question) there are no highlights and no markers."""
    item = example_steps(pack)[0]
    view = make_view(qtbot, item, pack, annotations_visible=False)
    assert view.text_view.highlight_ranges() == {}
    assert view.text_view.toPlainText() == item.text.rstrip("\n")
    assert not hasattr(view, "reveal_button")


def test_annotations_can_be_revealed_and_hidden_again(qtbot, pack) -> None:
    """A judge item shows its annotations after feedback and hides them again on retry."""
    item = example_steps(pack)[0]
    view = make_view(qtbot, item, pack, annotations_visible=False)
    view.reveal_annotations()
    assert view.text_view.highlighted_text(0) == "Dr. Lin says"
    view.hide_annotations()
    assert not view.annotations_visible()
    assert view.text_view.highlight_ranges() == {}
    assert view.text_view.toPlainText() == item.text.rstrip("\n")


def test_task_mode_marks_then_reveals_what_was_found(qtbot, pack) -> None:
    """In a task, the learner marks spans, removes one, reveals, and sees which annotations they found."""
    item = example_steps(pack)[0]
    view = make_view(qtbot, item, pack, task_mode=True)
    text = item.text
    assert not view.annotations_visible()
    assert view.text_view.highlight_ranges() == {}
    assert not view.mark_button.isEnabled()
    start = text.index("Dr. Lin")
    view.text_view.select_range(start, start + len("Dr. Lin"))  # 7 of 12 characters: more than half
    assert view.mark_button.isEnabled()
    qtbot.mouseClick(view.mark_button, Qt.MouseButton.LeftButton)
    stray = text.index("cold")
    view.text_view.select_range(stray, stray + 4)
    view.mark_selection()
    assert view.learner_marks() == [(start, start + 7), (stray, stray + 4)]
    view.text_view.select_range(stray + 1, stray + 2)
    qtbot.mouseClick(view.remove_button, Qt.MouseButton.LeftButton)
    assert view.learner_marks() == [(start, start + 7)]
    family = text.index("family")
    view.text_view.select_range(family, family + len("family"))  # 6 of 28 characters: not enough
    view.mark_selection()
    with qtbot.waitSignal(view.annotations_revealed):
        qtbot.mouseClick(view.reveal_button, Qt.MouseButton.LeftButton)
    assert view.annotations_visible()
    assert view.found() == [True, False]
    assert view.result_text() == "You found 1 of 2"
    assert view.result_label.text() == "You found 1 of 2"
    assert view.text_view.highlighted_text(1) == "My whole family swears by it"
    assert not view.mark_selection()  # marks are frozen once revealed


def test_keyboard_selection_can_be_marked(qtbot, pack) -> None:
    """Shift+arrows select text in the artefact, and the selection can be marked."""
    item = example_steps(pack)[0]
    view = make_view(qtbot, item, pack, task_mode=True)
    view.text_view.setFocus()
    cursor = view.text_view.textCursor()
    cursor.setPosition(0)
    view.text_view.setTextCursor(cursor)
    for _ in range(3):
        qtbot.keyClick(view.text_view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert view.mark_selection()
    assert view.learner_marks() == [(0, 3)]


def test_image_loads_through_the_pack_source_and_draws_regions(qtbot, pack) -> None:
    """The poster loads via PackSource.read_bytes with a cap, and its region is outlined and clickable."""
    calls = []
    source = pack.source

    class SpySource:
        def __getattr__(self, name):
            return getattr(source, name)

        def read_bytes(self, path, *, limit=None):
            calls.append((path, limit))
            return source.read_bytes(path, limit=limit)

    spied = dataclasses.replace(pack, source=SpySource())
    item = example_steps(pack)[1]
    view = make_view(qtbot, item, spied)
    image = view.image_view
    assert calls and calls[0][0] == "assets/poster.png" and calls[0][1] is not None
    assert not image.failed()
    assert image.accessibleDescription() == item.alt
    regions = image.visible_regions()
    box = image.image_rect()
    x, y, w, h = item.annotations[0].region
    assert regions[0].x() == pytest.approx(box.x() + x * box.width())
    assert regions[0].y() == pytest.approx(box.y() + y * box.height())
    assert regions[0].width() == pytest.approx(w * box.width())
    assert regions[0].height() == pytest.approx(h * box.height())
    grabbed = image.grab().toImage()
    edge = grabbed.pixelColor(QPoint(round(regions[0].left()), round(regions[0].center().y())))
    expected = QColor("#009E73")
    assert (
        abs(edge.red() - expected.red())
        + abs(edge.green() - expected.green())
        + abs(edge.blue() - expected.blue())
        < 90
    )
    with qtbot.waitSignal(view.annotation_selected) as clicked:
        qtbot.mouseClick(image, Qt.MouseButton.LeftButton, pos=image.point_of(0).toPoint())
    assert clicked.args == [0]


def test_a_file_that_is_not_an_image_gets_a_placeholder(qtbot, pack) -> None:
    """An image path that holds no image shows a labelled placeholder instead of crashing."""
    item = artefact(
        medium="message",
        author="Forwarded",
        image="tea.yaml",
        alt="A poster",
        annotations=[{"region": [0.1, 0.1, 0.5, 0.5], "note": "n"}],
    )
    view = make_view(qtbot, item, pack)
    assert view.image_view.failed()
    assert view.image_view.visible_regions() == {}
    assert not view.grab().isNull()
    assert "A poster" in view.image_view.accessibleName()


@pytest.mark.parametrize("theme", [LIGHT, DARK])
def test_every_medium_renders_in_both_themes(qtbot, pack, theme) -> None:
    """Each medium draws without error in the light and the dark theme."""
    for medium in ("post", "headline", "article", "message"):
        view = make_view(
            qtbot, artefact(medium=medium, author="A", text="Words", illustrative=True), pack, theme=theme
        )
        assert not view.grab().isNull()


def test_artefact_text_follows_the_zoom(qtbot, pack) -> None:
    """Ctrl+= (a zoom change) makes the artefact's text and labels larger, highlights intact."""
    view = make_view(qtbot, example_steps(pack)[0], pack)
    before_text = view.text_view.document().defaultFont().pixelSize()
    before_author = view.author_label.font().pixelSize()
    try:
        set_zoom(1.5)
        assert view.text_view.document().defaultFont().pixelSize() == round(before_text * 1.5)
        assert view.author_label.font().pixelSize() == round(before_author * 1.5)
        assert view.text_view.highlighted_text(0) == "Dr. Lin says"
    finally:
        set_zoom(1.0)


def test_image_task_hides_regions_until_revealed(qtbot, pack) -> None:
    """An image with a task keeps its regions hidden, offers no marking, and reveals on request."""
    item = artefact(
        medium="post",
        author="@a",
        image="assets/poster.png",
        alt="A poster",
        task="Look closely.",
        annotations=[{"region": [0.1, 0.1, 0.5, 0.5], "note": "n"}],
    )
    view = make_view(qtbot, item, pack, task_mode=True)
    assert view.image_view.visible_regions() == {}
    assert view.mark_button.isHidden()
    qtbot.mouseClick(view.reveal_button, Qt.MouseButton.LeftButton)
    assert list(view.image_view.visible_regions()) == [0]
    assert view.result_text() == ""


def test_ctrl_m_marks_the_selection(qtbot, pack) -> None:
    """Ctrl+M in the artefact's text marks the selected words."""
    view = make_view(qtbot, example_steps(pack)[0], pack, task_mode=True)
    with qtbot.waitActive(view):
        view.activateWindow()
    view.text_view.setFocus()
    view.text_view.select_range(0, 7)
    qtbot.keyClick(view.text_view, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    assert view.learner_marks() == [(0, 7)]


def _inside_parent(widget) -> bool:
    """Tell whether the whole of ``widget`` lies within its parent (nothing of it is cut off)."""
    return widget.parentWidget().rect().contains(widget.geometry())


@pytest.mark.parametrize("medium", ["post", "message"])
def test_narrow_card_puts_the_badge_under_the_name_and_cuts_nothing(qtbot, pack, medium) -> None:
    """A narrow post or message keeps the whole account name and badge: the badge moves below, wide it sits beside."""
    platform = "Weibo" if medium == "post" else "WeChat group of the neighbourhood committees"
    item = artefact(
        medium=medium, platform=platform, author="@river_watch_72 (invented)", text="Words.", illustrative=True
    )
    view = make_view(qtbot, item, pack)
    badge = view.illustrative_badge
    assert badge is not None
    for width, beside in ((640, True), (260, False), (640, True)):
        view.resize(width, 400)
        QApplication.processEvents()
        view.layout().activate()
        view.card.layout().activate()
        main = view.author_label if medium == "post" else view.meta_label
        assert _inside_parent(badge) and badge.width() >= badge.sizeHint().width()
        assert _inside_parent(main) and _inside_parent(main.parentWidget())
        longest = max(main.fontMetrics().horizontalAdvance(word) for word in main.text().split())
        assert main.width() >= longest  # no word of the name is cut
        top_left = badge.mapTo(view.card, badge.rect().topLeft())
        name_bottom = main.mapTo(view.card, main.rect().bottomLeft()).y()
        assert (top_left.y() > name_bottom) is not beside
    assert view.card.minimumSizeHint().width() <= 260


@pytest.mark.parametrize("medium", ["post", "headline", "article", "message"])
def test_highlight_underline_runs_below_underscores(qtbot, pack, medium) -> None:
    """An underline runs under the descent, so ERR_CONNECTION_RESET keeps its underscores visible."""
    text = "Error: ERR_CONNECTION_RESET"
    item = artefact(
        medium=medium,
        text=text,
        annotations=[{"quote": "ERR_CONNECTION_RESET", "note": "A code."}, {"quote": "Error", "note": "A word."}],
    )
    view = make_view(qtbot, item, pack)
    text_view = view.text_view
    font = text_view.document().defaultFont()
    underscore_bottom = QFontMetricsF(font).tightBoundingRect("_").bottom()
    segments = text_view.underline_segments()
    assert {mark.index for mark, _line, _width in segments} == {0, 1}
    for mark, line, width in segments:
        start, _end = text_view.highlight_ranges()[mark.index]
        cursor = QTextCursor(text_view.document())
        cursor.setPosition(start)
        block = cursor.block()
        text_line = block.layout().lineForTextPosition(start - block.position())
        top = text_view.document().documentLayout().blockBoundingRect(block).top() + text_line.y()
        baseline = top + text_line.ascent()
        assert line.y1() - width / 2 > baseline + underscore_bottom  # a gap between underscore and line
        assert line.y1() + width / 2 <= text_view.viewport().height()  # and the line is not cut off


def test_headline_text_after_the_first_line_is_a_smaller_standfirst(qtbot, pack) -> None:
    """A headline's second paragraph is its standfirst: smaller and regular, while the headline stays large."""
    item = artefact(
        medium="headline",
        author="Daily Example",
        text="Tea cures colds, study says\nA small survey of 12 drinkers is the only source.",
        annotations=[{"quote": "study says", "note": "Which study?"}, {"quote": "12 drinkers", "note": "Tiny."}],
    )
    view = make_view(qtbot, item, pack)
    document = view.text_view.document()
    headline, standfirst = document.firstBlock(), document.firstBlock().next()
    headline_font = document.defaultFont()

    def font_at(block):
        cursor = QTextCursor(block)
        cursor.movePosition(QTextCursor.MoveOperation.NextCharacter)
        return cursor.charFormat().font()

    big, small = font_at(headline), font_at(standfirst)
    assert big.pixelSize() == headline_font.pixelSize() and big.bold()
    assert 0 < small.pixelSize() < big.pixelSize() * 0.75 and not small.bold()
    assert small.family() == big.family()  # the same serif, only smaller
    assert view.text_view.highlighted_text(1) == "12 drinkers"  # highlights still land on their words
    set_zoom(1.5)
    try:
        assert 0 < font_at(document.firstBlock().next()).pixelSize() < document.defaultFont().pixelSize() * 0.75
    finally:
        set_zoom(1.0)


def _lab(color: QColor) -> tuple[float, float, float]:
    """Convert an sRGB colour to CIE L*a*b* (D65), to measure how different two colours look."""

    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in (color.redF(), color.greenF(), color.blueF()))
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def test_builtin_technique_colours_look_different() -> None:
    """No two techniques of the built-in pack (or a technique and an untagged note) share a look.

    The colours mark underlines, markers and swatches; two blues (ΔE 26) were mistaken for each other.
    """
    builtin = load_pack(BUILTIN_PACK).pack
    colors = {**technique_colors(builtin), "no technique": QColor(NEUTRAL_ANNOTATION)}
    assert len(colors) >= 9
    looks = {key: _lab(color) for key, color in colors.items()}
    for first, second in itertools.combinations(sorted(looks), 2):
        distance = math.dist(looks[first], looks[second])
        assert distance >= 28, f"{first} and {second} look alike (ΔE {distance:.1f})"


def test_task_mark_over_the_whole_text_finds_nothing(qtbot, pack) -> None:
    """Marking a whole post in a task finds no annotation; a mark on a passage does; the tooltip says the rule."""
    text = (
        "Doctors hate this: one cup of miracle tea cured my cold overnight. My whole family swears by it, "
        "and thousands of readers say the same. Share before they take it down!"
    )
    item = artefact(
        medium="post", author="@teafan", text=text, task="Find the tricks.",
        annotations=[
            {"quote": "My whole family swears by it", "note": "testimonial"},
            {"quote": "thousands of readers", "note": "bandwagon"},
        ],
    )
    view = make_view(qtbot, item, pack, task_mode=True)
    view.text_view.select_range(0, len(text))
    assert view.mark_selection()
    view.reveal_annotations()
    assert view.found() == [False, False]
    assert view.result_text() == "You found 0 of 2"
    assert "at least half" in view.result_label.toolTip()
    assert "3 times" in view.result_label.toolTip()
    near = make_view(qtbot, item, pack, task_mode=True)
    start = text.index("cold")  # a mark a little wider than the passage still finds it
    near.text_view.select_range(start, text.index("and thousands"))
    assert near.mark_selection()
    assert near.found() == [True, False]


HEADLINE = "Harmful tunnels sealed: new notice on cross-border lines keeps our internet clean and safe"
#: mouse selections in the order a learner makes them, and the marks both widgets must end with
SELECTIONS = [(1, 6), (7, 15), (22, 23), (16, 22)]
EXPECTED_MARKS = [(0, 7), (8, 15), (16, 23)]


def test_example_marks_and_spot_marks_follow_one_rule(qtbot, pack) -> None:
    """The same selections give the same marks in an example task and a spot question.

    "armfu" grows to "Harmful"; " tunnels" loses its space and stays apart from "Harmful";
    "sealed" touches the ":" marked before it and merges with it.
    """
    item = artefact(
        medium="headline", author="Illustrative Daily", text=HEADLINE, task="Mark the verdicts.",
        annotations=[{"quote": "Harmful tunnels sealed", "key": "Harmful", "note": "a verdict"}],
    )
    example = make_view(qtbot, item, pack, task_mode=True)
    for start, end in SELECTIONS:
        example.text_view.select_range(start, end)
        assert example.mark_selection()
    assert example.learner_marks() == EXPECTED_MARKS

    question = msgspec.convert(
        {"id": "s", "type": "spot", "prompt": "Mark.", "text": HEADLINE,
         "targets": [{"quote": "Harmful tunnels sealed", "key": "Harmful"}]},
        Spot,
    )
    spot = SpotQuestionView(question, StepContext(pack, pack.modules[0], pack.modules[0].lessons[0]), [])
    qtbot.addWidget(spot)
    spot.show()
    for start, end in SELECTIONS:
        spot.select_span(start, end)
        spot.mark_selection()
    assert spot.response() == EXPECTED_MARKS


def test_a_task_mark_over_the_key_word_finds_the_annotation(qtbot, pack) -> None:
    """Marking just "Harmfu" (snapped to "Harmful") finds "Harmful tunnels sealed", whose key it is."""
    item = artefact(
        medium="headline", author="Illustrative Daily", text=HEADLINE, task="Mark the verdicts.",
        annotations=[
            {"quote": "Harmful tunnels sealed", "key": "Harmful", "note": "a verdict"},
            {"quote": "clean and safe", "note": "feelings"},
        ],
    )
    view = make_view(qtbot, item, pack, task_mode=True)
    view.text_view.select_range(0, 6)
    assert view.mark_selection()
    assert view.learner_marks() == [(0, 7)]
    start = HEADLINE.index("clean")
    view.text_view.select_range(start, start + len("clean"))  # 5 of 14 characters, and no key
    assert view.mark_selection()
    view.reveal_annotations()
    assert view.found() == [True, False]

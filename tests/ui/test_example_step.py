"""The example step shows the artefact, its task, numbered notes that link to highlights, and sources."""

from __future__ import annotations

import dataclasses
import html

import msgspec
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocumentFragment
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from app.model.loader import load_pack
from app.ui.lesson_player import COLUMN_MIN_WIDTH
from app.ui.steps.base import StepContext, create_step_view
from app.ui.steps.example import ExampleStepView, SourcesLineView
from app.ui.steps.reading import GlossaryPanel
from app.ui.theme import LIGHT, UI_PX, apply_theme, scaled, set_zoom
from tests.conftest import BUILTIN_PACK


def open_example(qtbot, pack, position: int) -> ExampleStepView:
    """Open the position-th example step of lesson "the-post", with its notes beside it."""
    module = pack.module("tea")
    lesson = pack.lesson("tea", "the-post")
    indices = [index for index, step in enumerate(lesson.steps) if step.kind == "example"]
    index = indices[position]
    view = create_step_view(lesson.steps[index], index, StepContext(pack, module, lesson))
    qtbot.addWidget(view)
    side = view.side_panel()
    assert side is not None
    side.setParent(None)
    qtbot.addWidget(side)
    view.resize(640, 700)
    side.resize(280, 600)
    view.show()
    side.show()
    qtbot.waitExposed(view)
    return view


def test_example_with_task_hides_notes_until_revealed(qtbot, pack) -> None:
    """The task is shown, the notes wait behind a placeholder, and the legend is hidden."""
    view = open_example(qtbot, pack, 0)
    assert isinstance(view, ExampleStepView)
    assert view.task_panel is not None
    assert "borrows trust" in view.task_panel.body.toPlainText()
    notes = view.side_panel()
    assert notes.placeholder.isVisible()
    assert not any(note.isVisible() for note in notes.notes)
    assert not view.legend.isVisible()
    assert view.artefact_view.text_view.highlight_ranges() == {}


def test_reveal_marks_each_note_found_or_missed(qtbot, pack) -> None:
    """After marking one suspect span and revealing, one note says found and the other missed."""
    view = open_example(qtbot, pack, 0)
    artefact = view.artefact_view
    text = artefact.artefact.text
    start = text.index("My whole family")
    artefact.text_view.select_range(start, start + len("My whole family swears"))
    artefact.mark_selection()
    qtbot.mouseClick(artefact.reveal_button, Qt.MouseButton.LeftButton)
    notes = view.side_panel()
    assert not notes.placeholder.isVisible()
    assert all(note.isVisible() for note in notes.notes)
    assert [note.found() for note in notes.notes] == [False, True]
    assert [note.status_label.text() for note in notes.notes] == ["✗ Missed", "✓ Found"]
    assert artefact.result_label.text() == "You found 1 of 2" and artefact.result_label.isVisible()
    assert not notes.summary_label.isVisible()  # the result is said once, under the artefact
    assert view.legend.isVisible()
    assert view.legend.entries == {"Fake expert": [1], "Testimonial": [2]}


def test_marking_nothing_is_said_once_under_the_artefact(qtbot, pack) -> None:
    """Revealing without marking says "You marked nothing this time." once: under the artefact, not in the notes."""
    view = open_example(qtbot, pack, 0)
    artefact = view.artefact_view
    qtbot.mouseClick(artefact.reveal_button, Qt.MouseButton.LeftButton)
    said = "You marked nothing this time."
    assert artefact.result_label.text() == said and artefact.result_label.isVisible()
    notes = view.side_panel()
    shown = [label.text() for label in notes.findChildren(QLabel) if label.isVisible()]
    assert said not in shown
    assert all(note.found() is None for note in notes.notes)


def test_clicking_a_note_selects_its_highlight_and_back(qtbot, pack) -> None:
    """A click on a note emphasises its span; a click on a highlight selects its note."""
    view = open_example(qtbot, pack, 0)
    artefact = view.artefact_view
    artefact.reveal_annotations()
    notes = view.side_panel()
    qtbot.mouseClick(notes.notes[1], Qt.MouseButton.LeftButton)
    assert artefact.selected_annotation() == 1
    assert notes.notes[1].is_selected() and not notes.notes[0].is_selected()
    text_view = artefact.text_view
    qtbot.mouseClick(text_view.viewport(), Qt.MouseButton.LeftButton, pos=text_view.point_of(0).toPoint())
    assert notes.selected_annotation() == 0
    assert artefact.selected_annotation() == 0


def test_notes_are_reachable_and_selectable_by_keyboard(qtbot, pack) -> None:
    """Each note takes keyboard focus, and Space on it selects its highlight; revealing unmarked gives no verdict."""
    view = open_example(qtbot, pack, 0)
    view.artefact_view.reveal_annotations()
    notes = view.side_panel().notes
    assert all(note.focusPolicy() & Qt.FocusPolicy.TabFocus for note in notes)
    assert notes[0].accessibleName() == "Note 1: Fake expert"
    assert [note.found() for note in notes] == [None, None]
    notes[1].setFocus()
    qtbot.keyClick(notes[1], Qt.Key.Key_Space)
    assert view.artefact_view.selected_annotation() == 1
    assert view.artefact_view.text_view.focusPolicy() & Qt.FocusPolicy.TabFocus


def test_example_names_its_sources(qtbot, pack) -> None:
    """The sources line names the source titles of the step."""
    view = open_example(qtbot, pack, 0)
    assert view.sources_line is not None
    assert "Herbal teas and colds" in view.sources_line.accessibleName()
    shown = view.sources_line.text()
    assert '<a href="https://example.org/health/teas"' in shown and "2024" in shown


def test_image_example_shows_regions_and_notes_without_a_task(qtbot, pack) -> None:
    """The poster example has no task: its numbered region and its note are shown at once."""
    view = open_example(qtbot, pack, 1)
    artefact = view.artefact_view
    assert view.task_panel is None
    assert artefact.image_view is not None and not artefact.image_view.failed()
    assert list(artefact.image_view.visible_regions()) == [0]
    notes = view.side_panel()
    assert [note.isVisible() for note in notes.notes] == [True]
    assert notes.notes[0].technique_label.text() == "Testimonial"
    assert artefact.forwarded_tag is not None
    image = artefact.image_view
    qtbot.mouseClick(image, Qt.MouseButton.LeftButton, pos=image.point_of(0).toPoint())
    assert notes.selected_annotation() == 0


def test_source_titles_are_text_not_markup(qtbot, pack) -> None:
    """A source title holding HTML is shown as written, never interpreted, and a file: URL is no link."""
    hostile = msgspec.structs.replace(
        pack.manifest.sources["cor"],
        title='<img src="file:///etc/passwd"><b>Bold</b>',
        url="file:///etc/passwd",
    )
    manifest = msgspec.structs.replace(pack.manifest, sources={**pack.manifest.sources, "cor": hostile})
    line = SourcesLineView(dataclasses.replace(pack, manifest=manifest), ["cor"], LIGHT)
    qtbot.addWidget(line)
    assert "&lt;img src=" in line.text() and "<img" not in line.text()
    assert "href=" not in line.text()


# ---------------------------------------------------------------- the built-in pack in a real window


def settle() -> None:
    """Let posted layout requests run (a height change climbs the widget tree about a level a pass)."""
    for _ in range(40):
        QApplication.processEvents()


def clipped_by(widget: QWidget, top: QWidget) -> QWidget | None:
    """Return the first ancestor (up to ``top``) that cuts off part of ``widget``, or None."""
    child = widget
    while child is not top:
        parent = child.parentWidget()
        if not parent.rect().contains(child.geometry()):
            return parent
        child = parent
    return None


def open_builtin_step(make_window, lesson_id: str, number: int):
    """Open step ``number`` (1-based) of a built-in lesson in a 1024x700 window; return the window."""
    window = make_window(str(BUILTIN_PACK))
    window.resize(1024, 700)
    window.show()
    pack = window.packs[0]
    module, lesson = next((m, le) for m in pack.modules for le in m.lessons if le.id == lesson_id)
    window.open_lesson(pack, module, lesson, number - 1)
    settle()
    return window


@pytest.mark.parametrize(
    ("lesson_id", "number"),
    [("what-censors-remove", 4), ("official-accounts", 3), ("cheerleading", 3), ("checking-claims", 3)],
)
def test_revealed_text_keeps_every_line_on_the_card(make_window, lesson_id, number) -> None:
    """After Reveal, the numbered markers lengthen the text; the card grows so that no line is cut off."""
    window = open_builtin_step(make_window, lesson_id, number)
    view = window.player.current_view()
    assert isinstance(view, ExampleStepView)
    text = view.artefact_view.text_view
    view.artefact_view.reveal_annotations()
    settle()
    assert view.legend.isVisible()
    assert text.height() >= text.document().size().height()
    assert clipped_by(text, view) is None
    for width in (900, 1300):  # and after the window is resized
        window.resize(width, 700)
        settle()
        assert text.height() >= text.document().size().height()
        assert clipped_by(text, view) is None


def test_revealed_text_keeps_every_line_after_a_zoom(make_window) -> None:
    """Zoomed to 150%, the buttons under the card wrap rather than widen the step, and no line is cut off."""
    window = open_builtin_step(make_window, "cheerleading", 3)
    view = window.player.current_view()
    view.artefact_view.reveal_annotations()
    settle()
    text = view.artefact_view.text_view
    before = text.height()
    set_zoom(1.5)
    settle()
    assert text.height() > before  # the text grew with the zoom
    assert view.minimumSizeHint().width() <= window.player.column.width()
    assert text.height() >= text.document().size().height()
    assert clipped_by(text, view) is None
    for button in (view.artefact_view.mark_button, view.artefact_view.remove_button):
        assert clipped_by(button, view) is None


def test_the_legend_fits_the_narrowest_column(make_window) -> None:
    """Technique labels wrap in rows: the legend never widens the step past the column or cuts a label."""
    window = open_builtin_step(make_window, "cheerleading", 3)
    view = window.player.current_view()
    view.artefact_view.reveal_annotations()
    settle()
    assert view.legend.minimumSizeHint().width() <= COLUMN_MIN_WIDTH
    assert view.minimumSizeHint().width() <= window.player.column.width()
    assert len(view.legend.entry_views) == 4
    for entry in view.legend.entry_views:
        label = entry.text_label
        assert clipped_by(label, view) is None
        needed = label.heightForWidth(label.width())
        assert label.height() >= needed  # every line of a wrapped label is shown
        assert "(" in label.text() and label.text().endswith(")")  # the marker numbers are there


@pytest.fixture(scope="module")
def builtin_pack():
    result = load_pack(BUILTIN_PACK)
    assert result.pack is not None, result.problems
    return result.pack


def open_step(qtbot, pack, lesson_id: str, number: int):
    """Build the view of step ``number`` (1-based) of a lesson of ``pack``, revealed and shown."""
    module, lesson = next((m, le) for m in pack.modules for le in m.lessons if le.id == lesson_id)
    view = create_step_view(lesson.steps[number - 1], number - 1, StepContext(pack, module, lesson))
    qtbot.addWidget(view)
    view.resize(640, 900)
    view.show()
    return view


def test_notes_and_sources_line_number_citations_alike(qtbot, builtin_pack) -> None:
    """Every note numbers a source as the step's Sources line does: [1] is one source across the step."""
    view = open_step(qtbot, builtin_pack, "what-censors-remove", 2)
    view.artefact_view.reveal_annotations()
    notes = view.side_panel().notes
    cited = [(c.number, c.key) for note in notes for c in note.body.citations]
    keys_in_use_order = list(dict.fromkeys(key for _number, key in cited))
    assert len(keys_in_use_order) >= 2  # several sources, spread over several notes: clashes would show
    assert sum(1 for note in notes if note.body.citations) >= 2
    numbers = dict((key, number) for number, key in cited)
    assert len(set(cited)) == len(numbers)  # a source has one number in every note
    assert [numbers[key] for key in keys_in_use_order] == list(range(1, len(keys_in_use_order) + 1))
    for note in notes:
        for citation in note.body.citations:
            assert f"[{citation.number}]" in note.body.toPlainText()
    line = view.sources_line
    assert line is not None and line.keys[: len(keys_in_use_order)] == keys_in_use_order
    shown = line.text()
    titles = builtin_pack.manifest.sources
    for key, number in numbers.items():
        entry = shown.index(f"[{number}]\u00a0")
        following = shown[entry:].split("; ")[0]
        assert html.escape(titles[key].title) in following  # "[2] Title ...", the same source as the notes' [2]


@pytest.mark.parametrize("factor", [1.0, 1.5])
def test_notes_are_set_at_the_glossary_size(qtbot, pack, factor) -> None:
    """Notes in the side panel are as large as glossary entries (the UI size), at every zoom."""
    app = QApplication.instance()
    font, palette = app.font(), app.palette()
    set_zoom(factor)
    apply_theme(app, LIGHT)
    try:
        view = open_example(qtbot, pack, 1)  # the poster: its note is shown at once
        note = view.side_panel().notes[0]
        module = pack.module("tea")
        glossary = GlossaryPanel(StepContext(pack, module, module.lessons[0]), [0])
        qtbot.addWidget(glossary)
        glossary.show()
        entry = glossary.findChildren(QLabel, "glossaryEntry")[0]
        entry.ensurePolished()
        note_px = note.body.document().defaultFont().pixelSize()
        assert note_px == entry.font().pixelSize() == scaled(UI_PX)
        assert f"font-size: {note_px}px" in note.body.document().defaultStyleSheet()  # the body text too
    finally:
        app.setStyleSheet("")
        app.setFont(font)
        app.setPalette(palette)
        set_zoom(1.0)


def test_a_source_date_with_its_own_note_does_not_nest_brackets(qtbot, builtin_pack) -> None:
    """OZY's date "October 2017 (late October inferred; ...)" reads "OZY, October 2017 — late ..." on the line."""
    view = open_step(qtbot, builtin_pack, "checking-claims", 3)
    assert view.sources_line is not None and "ozy-article" in view.sources_line.keys
    shown = QTextDocumentFragment.fromHtml(view.sources_line.text()).toPlainText()
    depth = deepest = 0
    for char in shown:
        depth += {"(": 1, ")": -1}.get(char, 0)
        deepest = max(deepest, depth)
    assert deepest == 1 and depth == 0
    assert "OZY, October 2017 \u2014 late October inferred" in shown


def test_return_on_the_focused_reveal_button_reveals(qtbot, pack) -> None:
    """Return on the focused Reveal annotations button of a step reveals the notes, as Space would."""
    view = open_example(qtbot, pack, 0)
    button = view.artefact_view.reveal_button
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    button.setFocus()
    qtbot.waitUntil(button.hasFocus)
    with qtbot.waitSignal(view.artefact_view.annotations_revealed):
        qtbot.keyClick(button, Qt.Key.Key_Return)
    assert view.artefact_view.annotations_visible()
    assert not view.side_panel().placeholder.isVisible()


def test_each_technique_is_defined_where_it_appears(qtbot, pack) -> None:
    """Hovering a technique's name in a note or the legend shows what the technique is."""
    view = open_example(qtbot, pack, 0)
    view.artefact_view.reveal_annotations()
    techniques = pack.manifest.techniques
    notes = view.side_panel().notes
    described = [note for note in notes if note.mark.technique_label]
    assert described
    for note in described:
        key = next(key for key, technique in techniques.items() if technique.label == note.mark.technique_label)
        description = techniques[key].description
        if description:
            tip = note.technique_label.toolTip()
            assert tip.startswith(f"{note.mark.technique_label}: ")
            assert "*" not in tip and len(tip) > len(note.mark.technique_label) + 2
    assert any(entry.toolTip() for entry in view.legend.entry_views)

"""The pseudo-locale: every screen converted to Qt's translation shows only translated interface text.

A pseudo translation (accented, 40% longer, in ⟦…⟧ brackets) of every string is installed; the
screens are opened and their visible widgets walked. Any visible text with words outside the
brackets is an interface string that escaped translation, unless it is the pack's own content
(titles, Markdown, choices), which is never translated. Screenshots at 1024x700 are written to
``UNSPUN_SCREENSHOTS`` when it is set, to look at for clipped text (in pseudo and in zh_CN).
"""

from __future__ import annotations

import dataclasses
import html
import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import msgspec
import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QTabWidget,
    QTextEdit,
    QWidget,
)

from app.model.text import markdown_to_plain
from app.ui import i18n
from app.ui.main_window import MainWindow
from tests.conftest import BUILTIN_PACK
from tools import translations as tooling

#: words that are no interface text to translate: the product's name, a language named in itself
NAMES = ("Unspun", "English")
_TAGS = re.compile(r"<[^<>]*>")
_PSEUDO = re.compile(re.escape(tooling.PSEUDO_OPEN) + r".*?" + re.escape(tooling.PSEUDO_CLOSE), re.S)
_WORD = re.compile(r"[A-Za-z]{2,}")


@pytest.fixture(scope="module")
def pseudo_qm(tmp_path_factory: pytest.TempPathFactory) -> Path:
    qm = tmp_path_factory.mktemp("pseudo") / "unspun_pseudo.qm"
    assert tooling.make_pseudo(qm) > 0
    return qm


@pytest.fixture
def pseudo(pseudo_qm: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv(i18n.PSEUDO_QM_ENV, str(pseudo_qm))
    assert i18n.install(i18n.PSEUDO).app_translation
    yield
    i18n.install(i18n.ENGLISH)


def pack_strings(value: object, found: set[str]) -> set[str]:
    """Collect every string a loaded pack holds (and its plain-text form): content, never translated."""
    if isinstance(value, str):
        if value.strip():
            found.add(value.strip())
            plain = markdown_to_plain(value).strip()
            if plain:
                found.add(plain)
    elif isinstance(value, dict):
        for key, item in value.items():
            pack_strings(key, found)
            pack_strings(item, found)
    elif isinstance(value, (list, tuple, set, frozenset)):
        for item in value:
            pack_strings(item, found)
    elif isinstance(value, msgspec.Struct):
        for field in value.__struct_fields__:
            pack_strings(getattr(value, field), found)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            pack_strings(getattr(value, field.name), found)
    return found


def untranslated(text: str, content: list[str]) -> str:
    """Return what is left of ``text`` that reads as untranslated interface words ("" when none)."""
    rest = _PSEUDO.sub(" ", html.unescape(_TAGS.sub(" ", text.replace("&&", "&"))))
    if not _WORD.search(rest):
        return ""
    for piece in content:  # the pack's own words, longest first, are content
        if piece in rest:
            rest = rest.replace(piece, " ")
            if not _WORD.search(rest):
                return ""
    for name in NAMES:
        rest = rest.replace(name, " ")
    return rest.strip() if _WORD.search(rest) else ""


def visible_texts(root: QWidget) -> Iterator[tuple[str, str]]:
    """Yield (where, text) for the interface text a user sees in ``root``: labels, buttons, titles, menus."""
    if root.windowTitle():
        yield f"{type(root).__name__} window title", root.windowTitle()
    for widget in [root, *root.findChildren(QWidget)]:
        if (not widget.isVisibleTo(root) and widget is not root) or widget.property("packContent"):
            continue  # hidden, or marked as the pack's own words (composed, so not matched below)
        name = f"{type(widget).__name__}#{widget.objectName()}"
        if isinstance(widget, (QLabel, QAbstractButton)):
            yield name, widget.text()
        elif isinstance(widget, QGroupBox):
            yield name, widget.title()
        elif isinstance(widget, (QLineEdit, QTextEdit, QPlainTextEdit)):
            yield name, widget.placeholderText()
        elif isinstance(widget, QTabWidget):
            for index in range(widget.count()):
                yield name, widget.tabText(index)


def menu_texts(window: MainWindow) -> Iterator[tuple[str, str]]:
    """Yield the title and every action of the menu bar's menus (and their submenus)."""

    def walk(menu: QMenu) -> Iterator[tuple[str, str]]:
        yield f"menu {menu.title()}", menu.title()
        for action in menu.actions():
            if action.menu() is not None:
                yield from walk(action.menu())
            elif not action.isSeparator() and action.isVisible():
                yield f"action in {menu.title()}", action.text()

    for action in window.menuBar().actions():
        if action.menu() is not None:
            yield from walk(action.menu())


def check(texts: Iterator[tuple[str, str]], content: list[str]) -> list[str]:
    """Return a line for each visible text that holds untranslated interface words."""
    return [f"{where}: {text!r} (left: {left!r})" for where, text in texts if (left := untranslated(text, content))]


def screenshot(widget: QWidget, name: str) -> None:
    """Save ``widget`` as PNG to UNSPUN_SCREENSHOTS, when set (to look at for clipping)."""
    folder = os.environ.get("UNSPUN_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        QApplication.processEvents()
        widget.grab().save(str(Path(folder) / f"{name}.png"))


@pytest.fixture
def pseudo_window(pseudo: None, make_window: Callable[..., MainWindow]) -> tuple[MainWindow, list[str]]:
    window = make_window(str(BUILTIN_PACK))
    window.resize(1024, 700)
    window.show()
    content = sorted(pack_strings(window.packs, set()), key=len, reverse=True)
    return window, content


def test_pseudo_text_is_what_the_check_looks_for() -> None:
    content = ["Loaded framing"]
    assert untranslated(tooling.pseudo_text("Open pack"), content) == ""
    assert untranslated("Open pack", content) == "Open pack"
    assert untranslated(f"{tooling.pseudo_text('Module: {module}')}".replace("{module}", "Loaded framing"), content) == ""
    assert untranslated("12 · 45%", content) == ""


def test_the_home_screen_menus_and_library_are_translated(pseudo_window, qtbot) -> None:
    window, content = pseudo_window
    window.show_library()
    qtbot.wait(10)
    screenshot(window, "pseudo-home")
    assert check(visible_texts(window), content) == []
    problems = check(menu_texts(window), content)
    assert problems == []


def test_every_lesson_step_is_translated(pseudo_window, qtbot) -> None:
    window, content = pseudo_window
    problems: list[str] = []
    seen_kinds: set[str] = set()
    for pack in window.packs:
        for module in pack.modules:
            for lesson in module.lessons:
                window.open_lesson(pack, module, lesson, 0)
                for index, step in enumerate(lesson.steps):
                    window.player.open_step(index)
                    qtbot.wait(1)
                    problems += check(visible_texts(window.player), content)
                    if step.kind not in seen_kinds:
                        seen_kinds.add(step.kind)
                        screenshot(window, f"pseudo-step-{step.kind}")
    assert seen_kinds >= {"reading", "example", "quiz", "reflect"}
    assert sorted(set(problems)) == []


def test_the_dashboard_and_review_are_translated(pseudo_window, qtbot) -> None:
    window, content = pseudo_window
    window.mastery.show_dashboard()
    qtbot.wait(10)
    screenshot(window, "pseudo-dashboard")
    problems = check(visible_texts(window.mastery.dashboard), content)
    window.mastery.show_review()
    qtbot.wait(10)
    screenshot(window, "pseudo-review")
    problems += check(visible_texts(window.mastery.review), content)
    assert problems == []


def test_the_profile_menu_is_translated(pseudo_window) -> None:
    window, content = pseudo_window
    button = window.mastery.profile_button
    assert check([("profile button", button.text())], content) == []
    menu = button.menu()
    if menu is not None:
        menu.aboutToShow.emit()
        texts = [(f"profile menu {a.text()}", a.text()) for a in menu.actions() if not a.isSeparator()]
        # the profiles' own names are the learners' words, not interface text
        names = [profile.name for profile in window.store.profiles()]
        assert check(texts, sorted([*content, *names], key=len, reverse=True)) == []

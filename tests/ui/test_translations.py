"""Interface translations: in step with the code, complete for zh_CN, and installed with Qt's own."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from app.ui import i18n
from tools import translations as tooling

ZH_TS = tooling.TS_DIR / "unspun_zh_CN.ts"
ZH_QM = tooling.QM_DIR / "unspun_zh_CN.qm"
EN_TS = tooling.TS_DIR / "unspun_en.ts"
EN_QM = tooling.QM_DIR / "unspun_en.qm"


def messages(ts_file: Path) -> set[tuple[str, str, str]]:
    """Return every (context, source, translation) of a .ts file."""
    tree = ElementTree.parse(ts_file)
    found = set()
    for context in tree.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            text = "" if translation is None else "".join(translation.itertext())
            found.add((name, message.findtext("source") or "", text))
    return found


@pytest.fixture
def language() -> Iterator[None]:
    """Put the interface back into English after a test that switched it."""
    yield
    i18n.install(i18n.ENGLISH)


def test_the_ts_file_holds_exactly_the_strings_of_the_code(tmp_path: Path) -> None:
    fresh = tmp_path / ZH_TS.name
    shutil.copy(ZH_TS, fresh)
    tooling.lupdate(fresh, "zh_CN")
    added = {(c, s) for c, s, _ in messages(fresh)} - {(c, s) for c, s, _ in messages(ZH_TS)}
    removed = {(c, s) for c, s, _ in messages(ZH_TS)} - {(c, s) for c, s, _ in messages(fresh)}
    assert not added and not removed, (
        f"translations/unspun_zh_CN.ts is behind the code ({len(added)} new, {len(removed)} gone strings, "
        f"e.g. {sorted(added or removed)[:3]}): run python tools/translations.py update, translate, then release"
    )


def test_the_english_plural_forms_cover_every_plural_of_the_code(tmp_path: Path) -> None:
    fresh = tmp_path / EN_TS.name
    shutil.copy(EN_TS, fresh)
    tooling.lupdate(fresh, "en", plural_only=True)
    assert {(c, s) for c, s, _ in messages(fresh)} == {(c, s) for c, s, _ in messages(EN_TS)}, (
        "run python tools/translations.py update, then release"
    )
    assert tooling.unfinished(EN_TS) == []


@pytest.mark.parametrize(("ts_file", "qm_file"), [(ZH_TS, ZH_QM), (EN_TS, EN_QM)])
def test_the_compiled_translation_is_that_of_the_ts_file(tmp_path: Path, ts_file: Path, qm_file: Path) -> None:
    compiled = tmp_path / "fresh.qm"
    tooling.lrelease(ts_file, compiled)
    assert qm_file.read_bytes() == compiled.read_bytes(), "run python tools/translations.py release"


def test_english_says_one_and_many_in_words(language: None) -> None:
    from PySide6.QtCore import QCoreApplication

    assert i18n.install(i18n.ENGLISH).app_translation
    assert QCoreApplication.translate("MainWindow", "%n error(s)", "", 1) == "1 error"
    assert QCoreApplication.translate("MainWindow", "%n error(s)", "", 3) == "3 errors"


def test_every_string_is_translated_into_chinese() -> None:
    assert tooling.unfinished(ZH_TS) == []


def test_pseudo_text_keeps_placeholders_tags_and_mnemonics() -> None:
    text = tooling.pseudo_text("&Open {count} file(s) at %1 <b>now</b> &amp; later")
    assert text.startswith(tooling.PSEUDO_OPEN) and text.endswith(tooling.PSEUDO_CLOSE)
    for kept in ("&Ö", "{count}", "%1", "<b>", "</b>", "&amp;"):
        assert kept in text
    assert "Open" not in text and len(text) > len("&Open {count} file(s) at %1 <b>now</b> &amp; later") * 1.3


def test_chinese_translates_our_strings_and_qts_own(qtbot, make_window, language: None) -> None:
    installed = i18n.install(i18n.CHINESE)
    assert installed.app_translation and installed.qt_translation
    window = make_window()
    assert window.language_menu.title() == "语言(&L)"
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(buttons)
    assert buttons.button(QDialogButtonBox.StandardButton.Cancel).text() == "取消"


def test_the_pseudo_locale_reaches_the_language_menu(tmp_path: Path, monkeypatch, make_window, language: None) -> None:
    qm = tmp_path / "pseudo.qm"
    assert tooling.make_pseudo(qm) > 0
    monkeypatch.setenv(i18n.PSEUDO_QM_ENV, str(qm))
    assert i18n.install(i18n.PSEUDO).app_translation
    window = make_window()
    assert window.language_menu.title().startswith(tooling.PSEUDO_OPEN)


def test_a_language_chosen_is_kept_for_the_profile_and_the_next_start(make_window, monkeypatch) -> None:
    told: list[str] = []
    monkeypatch.setattr("app.ui.language_menu.inform", lambda parent, title, text: told.append(text))
    window = make_window()
    window.language_menu.choices[i18n.CHINESE].trigger()
    assert window.store.get_setting(i18n.profile_key(window.profile_id)) == i18n.CHINESE
    assert window.store.get_setting(i18n.GLOBAL_KEY) == i18n.CHINESE
    assert told == ["Unspun will use this language the next time it starts."]
    window.language_menu.show_choice()
    assert window.language_menu.choices[i18n.CHINESE].isChecked()


def test_the_environment_overrides_the_stored_choice(monkeypatch) -> None:
    monkeypatch.setenv(i18n.LANGUAGE_ENV, "zh_CN")
    assert i18n.resolve("en") == "zh_CN"
    monkeypatch.setenv(i18n.LANGUAGE_ENV, "")
    assert i18n.resolve("zh_CN") == "zh_CN"
    assert i18n.resolve("klingon") in i18n.SHIPPED


def test_a_pack_says_its_language_in_that_language(example_window) -> None:
    from PySide6.QtWidgets import QLabel

    from app.ui.library import language_name

    assert language_name("zh-CN") == "简体中文" and language_name("en") == "English"
    kickers = [label.text() for label in example_window.home.findChildren(QLabel) if label.objectName() == "pageKicker"]
    assert "LESSON PACK · English" in kickers

"""The interface language: Qt's translators for Unspun's own strings and for Qt's (qtbase).

Interface strings are marked in the code with ``self.tr()`` in QObject subclasses and
``QCoreApplication.translate("Context", ...)`` elsewhere (``%n`` for plurals), extracted into
``translations/unspun_<language>.ts`` by ``pyside6-lupdate`` and compiled into
``app/translations/unspun_<language>.qm`` by ``pyside6-lrelease`` (``python tools/translations.py``
does both; a test fails when either is behind the code). At start the chosen language's two
translators are installed before the first widget exists, so every string is looked up in it.

The choice is kept per profile in the progress store (``profile/<id>/language``) and mirrored in
``ui/language``, which the start reads ahead (before the store is open, like the window geometry).
Changing it applies at the next start: Unspun's screens set their text as they are built, so a
switch in place would have to rebuild every screen; the menu says so and offers to restart now.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from app.resources import translations_dir

#: ``UNSPUN_LANGUAGE=zh_CN`` (or ``en``, or ``pseudo`` with a pseudo-locale file) overrides the setting
LANGUAGE_ENV = "UNSPUN_LANGUAGE"
#: ``UNSPUN_PSEUDO_QM`` names the compiled pseudo-locale the ``pseudo`` language loads (tests make it)
PSEUDO_QM_ENV = "UNSPUN_PSEUDO_QM"
SYSTEM = "system"
ENGLISH = "en"
CHINESE = "zh_CN"
PSEUDO = "pseudo"
#: the languages the interface ships in
SHIPPED = (ENGLISH, CHINESE)
#: each choice of the language menu, named in its own language (a learner finds theirs whatever is shown)
NATIVE_NAMES = {ENGLISH: "English", CHINESE: "简体中文"}
#: the settings that keep the choice
GLOBAL_KEY = "ui/language"


def profile_key(profile_id: int) -> str:
    """Return the settings key of one profile's language."""
    return f"profile/{profile_id}/language"


@dataclass(frozen=True, slots=True)
class InstalledLanguage:
    """What install() set up: the language in use and whether Qt's own strings were found for it."""

    language: str
    app_translation: bool
    qt_translation: bool


_installed: list[QTranslator] = []  # kept referenced: a translator that is collected stops translating


def resolve(choice: object, *, environment: bool = True) -> str:
    """Return the language to use for a stored ``choice`` (system, en or zh_CN); the environment first."""
    forced = os.environ.get(LANGUAGE_ENV, "").strip() if environment else ""
    if forced in (*SHIPPED, PSEUDO):
        return forced
    if choice in SHIPPED:
        return str(choice)
    return system_language()


def system_language() -> str:
    """Return the shipped language that best matches the system's interface languages, else English."""
    for name in QLocale.system().uiLanguages():
        tag = name.replace("-", "_")
        if tag.startswith(("zh_CN", "zh_Hans", "zh_SG")) or tag == "zh":
            return CHINESE
        if tag.startswith("en"):
            return ENGLISH
    return ENGLISH


def install(language: str) -> InstalledLanguage:
    """Install the translators of ``language`` on the application, replacing any installed before.

    Numbers, dates and percentages follow the same language (``QLocale.setDefault``).
    """
    app = QCoreApplication.instance()
    for translator in _installed:
        if app is not None:
            QCoreApplication.removeTranslator(translator)
    _installed.clear()
    locale = QLocale(QLocale.Language.Chinese, QLocale.Country.China) if language == CHINESE else QLocale(
        QLocale.Language.English, QLocale.Country.UnitedKingdom
    )
    QLocale.setDefault(locale)
    if language == ENGLISH:  # the source language: only its plural forms ("1 question", "2 questions")
        plurals = QTranslator()
        loaded = plurals.load(f"unspun_{ENGLISH}", str(translations_dir()))
        if loaded:
            QCoreApplication.installTranslator(plurals)
            _installed.append(plurals)
        return InstalledLanguage(language, loaded, True)
    own = QTranslator()
    if language == PSEUDO:
        own_loaded = own.load(os.environ.get(PSEUDO_QM_ENV, ""))
    else:
        own_loaded = own.load(f"unspun_{language}", str(translations_dir()))
    qt = QTranslator()
    qt_loaded = language != PSEUDO and qt.load(
        f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    )
    for translator, loaded in ((qt, qt_loaded), (own, own_loaded)):
        if loaded:
            QCoreApplication.installTranslator(translator)
            _installed.append(translator)
    return InstalledLanguage(language, own_loaded, bool(qt_loaded))


def current_language() -> str:
    """Return the language installed last (English when none was)."""
    default = QLocale().language()
    return CHINESE if default == QLocale.Language.Chinese else ENGLISH

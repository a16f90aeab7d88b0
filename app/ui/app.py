"""The composition root: build the application, its progress store, its packs and its window."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication, QIcon, QPalette
from PySide6.QtWidgets import QApplication, QLabel

from app.cli import build_parser
from app.places import PROGRESS_FILE, data_folder
from app.resources import builtin_pack
from app.ui import dialogs, i18n
from app.ui.main_window import APP_NAME, MainWindow
from app.ui.plain_text import install_plain_tooltips
from app.ui.theme import ASSETS_DIR, DARK, LIGHT, Theme, apply_theme, forced_scheme

if TYPE_CHECKING:
    from app.model.pack import Pack
    from app.model.problems import LoadResult
    from app.model.progress import ProgressStore

#: a file to report the library to, then quit once started (finish_smoke_test): for checking installations
SMOKE_TEST_ENV = "UNSPUN_SMOKE_TEST"
#: the built-in pack, found through the package (app/resources.py); None leaves it out (tests that
#: want only the packs they name)
BUILTIN_PACK: Path | None = builtin_pack()
#: what the library and the Problems panel say when an installation has lost its built-in pack
BUILTIN_MISSING = (
    "The built-in lessons are missing from this installation of Unspun (looked for pack.yaml in {path}). "
    "Reinstall Unspun to get them back; packs of your own still open with File > Open pack…"
)


def parse_arguments(argv: list[str]) -> argparse.Namespace:
    """Read the command line: packs to open and where the data folder is (app/cli.py describes it)."""
    return build_parser().parse_args(argv)


def installed_pack_paths(data: Path) -> list[Path]:
    """Return the packs installed in ``DATA/library``: folders with a pack.yaml, and .zip files."""
    library = data / "library"
    try:
        entries = sorted(library.iterdir())
    except OSError:
        return []
    return [
        entry for entry in entries
        if (entry.is_dir() and (entry / "pack.yaml").is_file()) or (entry.is_file() and entry.suffix == ".zip")
    ]


@dataclass(slots=True)
class LoadedPacks:
    """Packs that loaded, the result of each label that loaded, and each label that did not."""

    packs: list[Pack] = field(default_factory=list)
    failures: list[tuple[str, LoadResult]] = field(default_factory=list)
    results: dict[str, LoadResult] = field(default_factory=dict)


def builtin_missing_result(folder: Path) -> LoadResult:
    """Say, as a pack's problem, that the built-in pack is not where the installation put it."""
    from app.model.problems import LoadResult, Problem

    return LoadResult([Problem("pack.yaml", 1, 1, "error", BUILTIN_MISSING.format(path=folder))])


def load_packs(labels: list[str], cache_dir: Path | None = None) -> LoadedPacks:
    """Load every pack named in ``labels``; a later pack with the same id replaces an earlier one.

    With ``cache_dir``, a pack whose files have not changed since it last loaded cleanly comes
    from the compiled pack cache (app/model/pack_cache.py) instead of being parsed and checked.
    """
    from app.model.pack_cache import load_pack_cached

    loaded = LoadedPacks()
    for label in labels:
        if BUILTIN_PACK is not None and label == str(BUILTIN_PACK) and not (BUILTIN_PACK / "pack.yaml").is_file():
            loaded.failures.append((label, builtin_missing_result(BUILTIN_PACK)))
            continue
        result = load_pack_cached(label, cache_dir).result
        if result.ok and result.pack is not None:
            loaded.packs = [p for p in loaded.packs if p.id != result.pack.id] + [result.pack]
            loaded.results[label] = result
        else:
            loaded.failures.append((label, result))
    return loaded


def ensure_application() -> QApplication:
    """Return the running QApplication, creating and naming one if there is none."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        install_plain_tooltips(existing)
        return existing
    app = QApplication([sys.argv[0] if sys.argv else APP_NAME])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setDesktopFileName("unspun")
    install_plain_tooltips(app)  # tooltips quoting a file are never read as HTML
    return app


def app_icon() -> QIcon:
    """Return the application icon (assets/unspun.svg), or an empty icon if it is missing."""
    path = ASSETS_DIR / "unspun.svg"
    return QIcon(str(path)) if path.is_file() else QIcon()


def follow_system_theme(app: QApplication) -> None:
    """Apply the theme now and again whenever the system switches between light and dark."""
    apply_theme(app)
    if not app.property("unspun_follows_scheme"):
        app.setProperty("unspun_follows_scheme", True)
        QGuiApplication.styleHints().colorSchemeChanged.connect(lambda _scheme: apply_theme(app))


def first_frame_theme(app: QApplication) -> Theme:
    """Choose light or dark for the window shown while loading, from the system's own palette.

    Asking Qt for the colour scheme builds all of Qt's enums first (about 25 ms, a fifth of a
    bare window's start); the palette Qt derives from that scheme answers without them.
    follow_system_theme() asks properly once the window is on screen.
    """
    forced = forced_scheme()
    if forced is not None:
        return DARK if forced == "dark" else LIGHT
    palette = app.palette()
    text = palette.color(QPalette.ColorRole.WindowText).lightness()
    return DARK if text > palette.color(QPalette.ColorRole.Window).lightness() else LIGHT


def warn(title: str, text: str) -> None:
    """Tell the learner something went wrong, in a message box (tests replace this)."""
    dialogs.warn(None, title, text)


def open_store(data: Path, *, read_only: bool = False) -> ProgressStore:
    """Open the progress store in ``data`` (with backups and recovery); if that fails, use a throwaway one.

    ``read_only`` (another instance uses ``data``) opens a throwaway copy of it instead.
    """
    from app.model.progress import ProgressError, ProgressStore, open_with_recovery

    path = data / PROGRESS_FILE
    if read_only:
        from app.ui.single_instance import read_only_copy

        path = read_only_copy(path)
    try:
        store, _report = open_with_recovery(path)  # the report stays on store.recovery
        return store
    except ProgressError as error:
        warn(
            "Progress cannot be saved",
            f"{error}\n\nUnspun will open, but what you do in this session will not be remembered.",
        )
    fallback = Path(tempfile.mkdtemp(prefix="unspun-")) / PROGRESS_FILE
    return ProgressStore.open(fallback)


@dataclass(slots=True)
class Startup:
    """What the window needs before its packs: the application, data folder, store and profile."""

    app: QApplication
    data: Path
    store: ProgressStore
    profile_id: int
    icon: QIcon
    pack_labels: list[str]
    restore_position: bool
    opened: list[str] = field(default_factory=list)  # the packs named on the command line


def prepare(argv: list[str], *, read_only: bool = False) -> Startup:
    """Parse the command line, then set up the application, its theme and the progress store."""
    arguments = parse_arguments(argv)
    app = ensure_application()
    follow_system_theme(app)
    icon = app_icon()
    if not icon.isNull():
        app.setWindowIcon(icon)
    data = data_folder(arguments.data_dir)
    store = open_store(data, read_only=read_only)
    labels = [str(BUILTIN_PACK)] if BUILTIN_PACK is not None else []
    labels += [str(path) for path in installed_pack_paths(data)]
    labels += list(arguments.packs)
    return Startup(
        app, data, store, store.ensure_default_profile(), icon, labels, not arguments.packs, list(arguments.packs)
    )


def fill_window(window: MainWindow, startup: Startup) -> None:
    """Load the packs into ``window``, report the broken ones, and return to the last step."""
    from app.model.pack_cache import CACHE_FOLDER

    loaded = load_packs(startup.pack_labels, startup.data / CACHE_FOLDER)
    window.set_packs(loaded.packs)
    if BUILTIN_PACK is not None and str(BUILTIN_PACK) in dict(loaded.failures):  # never an empty library in silence
        window.library.show_empty_reason(BUILTIN_MISSING.format(path=BUILTIN_PACK))
    window.data_dir = startup.data
    opened = [(label, loaded.results[label]) for label in startup.opened if label in loaded.results]
    for label in startup.opened:  # packs named on the command line reload as they are edited, broken or not
        result = loaded.results.get(label)
        window.live_reload.watch(label, result.pack if result is not None else None)
    window.pending_problems = loaded.failures + [(label, result) for label, result in opened if result.problems]
    if window.pending_problems:
        QTimer.singleShot(0, window.show_pending_problems)
    if startup.store.recovery is not None:  # say plainly that progress was restored or started afresh
        QTimer.singleShot(0, lambda: window.mastery.show_recovery(startup.store.recovery))
    if startup.restore_position and window.continue_target() is not None:
        window.continue_learning()


def build_main_window(argv: list[str]) -> MainWindow:
    """Build the application's window from command-line arguments, without entering the event loop."""
    startup = prepare(argv)
    window = MainWindow(startup.store, startup.profile_id, None, startup.icon)
    fill_window(window, startup)
    return window


def start(argv: list[str], *, read_only: bool = False) -> MainWindow:
    """Show the window at once, loading; open the store, build it and load the packs in the next turns.

    Before the first paint only what the loading window needs is done (docs/performance.md):
    its theme, icon and saved geometry, read from the progress file without opening the store.
    """
    from app.model.progress.settings import peek_settings

    arguments = parse_arguments(argv)
    app = ensure_application()
    apply_theme(app, first_frame_theme(app))
    icon = app_icon()
    if not icon.isNull():
        app.setWindowIcon(icon)
    saved = peek_settings(data_folder(arguments.data_dir) / PROGRESS_FILE, ["window/geometry", i18n.GLOBAL_KEY])
    i18n.install(i18n.resolve(saved.get(i18n.GLOBAL_KEY)))  # before the first widget: every string is looked up
    window = MainWindow(None, 0, None, icon, saved_geometry=saved.get("window/geometry"))
    window.show()
    app.processEvents()  # paint the window now (loading), so the learner sees it at once
    QTimer.singleShot(0, lambda: finish_start(window, argv, read_only=read_only))
    return window


def finish_start(window: MainWindow, argv: list[str], *, read_only: bool = False) -> None:
    """Open the store, build the window's screens and paint them, then load the packs into it."""
    from app.ui.results_dialogs import install_progress_error_hook

    startup = prepare(argv, read_only=read_only)  # the system's colour scheme, the store and the packs to load
    window.attach_store(startup.store, startup.profile_id)
    install_progress_error_hook(lambda: window)  # a full disk met in any screen is told, not a traceback
    window.build()
    if read_only:
        from app.ui.single_instance import READ_ONLY_NOTE

        note = QLabel(READ_ONLY_NOTE)
        note.setObjectName("muted")
        window.statusBar().addPermanentWidget(note)
    startup.app.processEvents()  # the top bar, menus and library say "Loading lessons…" while packs load
    fill_window(window, startup)
    if os.environ.get(SMOKE_TEST_ENV):
        QTimer.singleShot(0, lambda: finish_smoke_test(window, Path(os.environ[SMOKE_TEST_ENV])))


def finish_smoke_test(window: MainWindow, report: Path) -> None:
    """Write what the library lists to ``report`` (JSON), then quit: an installation's check, timed whole.

    .ci/check_installed.py and the bundle test start ``unspun`` with UNSPUN_SMOKE_TEST=FILE: the real
    start-up (store, packs, first paint of the loaded library), then the packs and modules the
    learner would see, and the process ends on its own.
    """
    import json

    window.repaint()  # the library with its packs is painted before the clock stops
    tree = window.library.tree
    packs = []
    for index in range(tree.topLevelItemCount()):
        item = tree.topLevelItem(index)
        if item is None:
            continue
        modules = [child.text(0) for i in range(item.childCount()) if (child := item.child(i)) is not None]
        packs.append({"title": item.text(0), "modules": modules})
    report.write_text(json.dumps({"packs": packs}, ensure_ascii=False), encoding="utf-8")
    window.close()
    QApplication.quit()


def run(argv: list[str]) -> int:
    """Start Unspun with ``argv`` (no program name) and run until the window closes."""
    arguments = parse_arguments(argv)  # --help and a wrong option are answered before Qt needs a display
    app = ensure_application()
    from app.ui.single_instance import InstanceGuard, ask_second_instance

    data = data_folder(arguments.data_dir)
    guard = InstanceGuard(data)
    read_only = False
    if guard.other_running():  # one instance per data folder: two would overwrite each other's progress
        choice = ask_second_instance(data)
        if choice == "switch":
            guard.ask_other_to_activate()
            return 0
        if choice == "quit":
            return 0
        read_only = True
    else:
        guard.listen()
    window = start(argv, read_only=read_only)
    guard.activate_requested.connect(lambda: bring_to_front(window))
    status = app.exec()
    guard.close()
    window.store.close()
    return int(status)


def bring_to_front(window: MainWindow) -> None:
    """Show the window over the others (a second start asked for it)."""
    if window.isMinimized():
        window.showNormal()
    window.show()
    window.raise_()
    window.activateWindow()

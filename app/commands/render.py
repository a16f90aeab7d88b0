"""``unspun render PACK|--builtin --out DIR``: draw every step of a pack offscreen, one PNG each.

Instructors preview a pack with it, and the docs get real screenshots. Nothing is recorded: the
window runs on a throwaway progress store that is deleted afterwards.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
from pathlib import Path

from app.commands import PROG, add_pack_arguments, parse_pack_arguments
from app.model.atomic import OutputError

#: names Windows refuses for files and folders, whatever the extension
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}
_SAFE_NAME = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
#: the tallest image ``--full`` draws, so that a runaway step cannot exhaust memory
FULL_HEIGHT_CAP = 6000


def build_parser() -> argparse.ArgumentParser:
    """Describe the command line of ``render``."""
    parser = argparse.ArgumentParser(
        prog=f"{PROG} render", description="Draw every step of a lesson pack to PNG files, offscreen."
    )
    add_pack_arguments(parser, many=False)
    parser.add_argument("--out", required=True, metavar="DIR", help="where to write the images")
    parser.add_argument("--size", default="1024x700", metavar="WxH", help="window size (default 1024x700)")
    parser.add_argument("--theme", choices=("light", "dark"), default="light", help="colour scheme (default light)")
    parser.add_argument(
        "--full", action="store_true",
        help=f"make each step's image tall enough for the whole step (up to {FULL_HEIGHT_CAP} px)",
    )
    return parser


def _size(text: str) -> tuple[int, int] | None:
    match = re.fullmatch(r"(\d{3,4})x(\d{3,4})", text.strip())
    if match is None:
        return None
    width, height = int(match.group(1)), int(match.group(2))
    return (width, height) if 640 <= width <= 4096 and 480 <= height <= 4096 else None


def safe_name(identifier: str) -> str:
    """Return a file name for a pack id: ids are slugs, but Windows reserves a few of them."""
    if not _SAFE_NAME.match(identifier):  # the loader never lets such an id through; be sure anyway
        identifier = re.sub(r"[^a-z0-9-]", "-", identifier.lower()).strip("-") or "item"
    return f"{identifier}-" if identifier in _RESERVED else identifier


def run_render(argv: list[str]) -> int:
    """Render the pack; return 0 on success, 1 when the pack has errors, 2 for a bad command line."""
    try:
        args = parse_pack_arguments(build_parser(), argv)
    except SystemExit as stop:
        return stop.code if isinstance(stop.code, int) else 2
    size = _size(args.size)
    if size is None:
        print(f"{PROG} render: error: --size must look like 1024x700 (640-4096 by 480-4096), not {args.size!r}",
              file=sys.stderr)
        return 2

    from app.model.loader import load_pack

    pack_path = args.packs[0]
    result = load_pack(pack_path)
    if not result.ok or result.pack is None:
        from app.model.source import pack_label

        prefix = pack_label(pack_path)
        for problem in result.problems:
            print(problem.format(prefix))
        print(f"{len(result.errors)} errors, {len(result.warnings)} warnings")
        return 1

    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["UNSPUN_THEME"] = args.theme
    out = Path(args.out)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        print(f"{PROG} render: error: cannot create {out}: {error.strerror or error}", file=sys.stderr)
        return 1
    try:
        with tempfile.TemporaryDirectory(prefix="unspun-render-") as scratch:
            written = _render(result.pack, out, size, Path(scratch), full=args.full)
    except OutputError as error:
        print(f"{PROG} render: error: {error}", file=sys.stderr)
        return 1
    except OSError as error:  # a step's folder could not be made
        print(f"{PROG} render: error: {error.strerror or error}: {error.filename or out}", file=sys.stderr)
        return 1
    print(f"Wrote {written} images to {out}")
    return 0


def _render(pack: object, out: Path, size: tuple[int, int], scratch: Path, full: bool = False) -> int:
    """Draw the home screen and every step into ``out``; return how many images were written.

    With ``full`` the window grows for each step until its scroll areas need no scrolling.
    """
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from app.model.atomic import atomic_path
    from app.model.pack import Pack
    from app.model.progress import ProgressStore
    from app.ui.app import app_icon, ensure_application, follow_system_theme
    from app.ui.main_window import MainWindow
    from app.ui.theme import set_zoom

    assert isinstance(pack, Pack)
    app = ensure_application()
    follow_system_theme(app)
    set_zoom(1.0)
    store = ProgressStore.open(scratch / "progress.sqlite3")
    window = MainWindow(store, store.ensure_default_profile(), [pack], app_icon())
    window.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
    window.resize(*size)
    window.show()

    def settle() -> None:
        for _ in range(3):
            QApplication.processEvents()

    def fit_step() -> None:
        # wrapped text changes height with width, so grow a few times until nothing is hidden
        for _ in range(4):
            settle()
            hidden = max(
                max(content.sizeHint().height() - area.viewport().height(), area.verticalScrollBar().maximum())
                for area in (window.player.scroll_area, window.player.side_scroll)
                if area.isVisible() and (content := area.widget()) is not None
            )
            height = min(FULL_HEIGHT_CAP, window.height() + hidden)
            if hidden <= 0 or height == window.height():
                return
            window.resize(size[0], height)

    def save(path: Path, fit: bool = False) -> None:
        if fit:
            window.resize(*size)  # start from the default size: a short step gets no blank tail
            fit_step()
        settle()
        with atomic_path(path) as temp:
            if not window.grab().save(str(temp), "PNG"):
                raise OutputError(path, "the PNG writer failed")

    written = 0
    try:
        save(out / "home.png")
        written += 1
        for module in pack.modules:
            for lesson in module.lessons:
                folder = out / safe_name(module.id) / safe_name(lesson.id)
                folder.mkdir(parents=True, exist_ok=True)
                for index, step in enumerate(lesson.steps):
                    if index == 0:
                        window.open_lesson(pack, module, lesson, 0)
                    else:
                        window.player.open_step(index)
                    save(folder / f"{index + 1:02d}-{step.kind}.png", fit=full)
                    written += 1
    finally:
        window.save_window_settings = lambda: None  # type: ignore[method-assign]  # nothing to remember
        window.close()
        store.close()
    return written

"""Use an installed Unspun as a user would, from an empty folder outside the checkout.

    VENV/bin/python .ci/check_installed.py [--screenshot FILE.png]

Run with the interpreter of the venv (or pipx venv) Unspun was installed into; ``unspun`` is taken
from beside that interpreter. Checks: ``--version``; ``validate --builtin`` (the built-in pack found
through the installed package); ``new`` then ``validate``; a mistyped command exits 2 and opens no
window; and the window, started as ``unspun`` starts it (offscreen), lists the built-in pack's
four modules. Exits 1 with a line per failure.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHECKOUT = Path(__file__).resolve().parent.parent
failures: list[str] = []


def check(condition: bool, what: str) -> None:
    print(("ok     " if condition else "FAILED ") + what, flush=True)
    if not condition:
        failures.append(what)


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    unspun = Path(sys.executable).parent / "unspun"
    return subprocess.run([str(unspun), *args], capture_output=True, text=True, timeout=300, env=env)


def check_commands(work: Path) -> None:
    import app

    installed = Path(app.__file__).resolve()
    check(CHECKOUT not in installed.parents, f"app is imported from the installation ({installed.parent})")
    done = run("--version")
    check(done.returncode == 0 and done.stdout == f"unspun {app.__version__}\n", f"--version prints {done.stdout!r}")
    done = run("validate", "--builtin")
    check(done.returncode == 0 and done.stdout.endswith("0 errors, 0 warnings\n"),
          f"validate --builtin: {done.stdout.strip().splitlines()[-1:]} {done.stderr.strip()}")
    done = run("new", "my-pack")
    check(done.returncode == 0 and (work / "my-pack" / "assets" / "poster.png").is_file(), "new my-pack")
    done = run("validate", "my-pack")
    check(done.returncode == 0 and done.stdout == "0 errors, 0 warnings\n", f"validate my-pack: {done.stdout.strip()}")
    no_display = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    done = run("valdate", "x", env=no_display)
    check(done.returncode == 2 and "did you mean 'validate'" in done.stderr, f"valdate x exits {done.returncode}")
    done = run(env=no_display)
    check(done.returncode == 1 and "no display" in done.stderr, f"no display: exit {done.returncode}, one line")


def check_window(screenshot: Path | None) -> None:
    """Start the window the way ``unspun`` does and wait until the library lists the built-in pack."""
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from app.resources import builtin_pack
    from app.ui import app as app_module

    qt_app = app_module.ensure_application()
    window = app_module.start([])
    deadline = time.monotonic() + 60
    while not window.packs and time.monotonic() < deadline:
        qt_app.processEvents()
        time.sleep(0.02)
    tree = window.library.tree
    modules = [tree.topLevelItem(0).child(i).text(0) for i in range(tree.topLevelItem(0).childCount())] \
        if tree.topLevelItemCount() else []
    check(str(builtin_pack()).startswith(sys.prefix), f"the built-in pack is inside the installation ({builtin_pack()})")
    check(len(modules) == 4, f"the library lists the built-in pack's four modules: {modules}")
    if screenshot is not None:
        settle = time.monotonic() + 1.5  # let the home screen lay its cards out before the picture
        while time.monotonic() < settle:
            qt_app.processEvents()
            time.sleep(0.02)
        window.grab().save(str(screenshot))
    window.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--screenshot", type=Path, help="save the window to this PNG")
    args = parser.parse_args()
    screenshot = args.screenshot.resolve() if args.screenshot else None
    with tempfile.TemporaryDirectory(prefix="unspun-installed-") as folder:
        os.chdir(folder)
        os.environ["UNSPUN_DATA_DIR"] = str(Path(folder) / "data")
        check_commands(Path(folder))
        check_window(screenshot)
    if failures:
        print(f"{len(failures)} checks of the installed Unspun failed", file=sys.stderr)
        return 1
    print("the installed Unspun works from outside the checkout")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Use an installed Unspun as a user would, from an empty folder outside the checkout.

    VENV/bin/python .ci/check_installed.py

Run with the interpreter of the venv (or pipx venv) Unspun was installed into; ``unspun`` is taken
from beside that interpreter. Checks: ``--version``; ``validate --builtin`` (the built-in pack found
through the installed package); ``new`` then ``validate``; a mistyped command exits 2 and opens no
window; and the window, started as ``unspun`` (offscreen, reporting its library through UNSPUN_SMOKE_TEST), lists
the built-in pack's four modules. Exits 1 with a line per failure.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
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
    inside = installed.is_relative_to(Path(sys.prefix).resolve()) and installed.parent != CHECKOUT / "app"
    check(inside, f"app is imported from the installation ({installed.parent})")
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


def check_window() -> None:
    """Start ``unspun`` offscreen as a user starts it; it reports what the library lists, then quits."""
    import json

    report = Path("library.json").resolve()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", UNSPUN_SMOKE_TEST=str(report))
    done = run(env=env)
    listed = json.loads(report.read_text("utf-8")) if report.is_file() else {"packs": []}
    modules = listed["packs"][0]["modules"] if listed["packs"] else []
    check(done.returncode == 0 and len(modules) == 4,
          f"the window's library lists the built-in pack's four modules: {modules} {done.stderr.strip()}")


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="unspun-installed-") as folder:
        os.chdir(folder)
        os.environ["UNSPUN_DATA_DIR"] = str(Path(folder) / "data")
        check_commands(Path(folder))
        check_window()
        from app.resources import builtin_pack

        check(str(builtin_pack()).startswith(sys.prefix), f"the built-in pack is inside the installation ({builtin_pack()})")
    if failures:
        print(f"{len(failures)} checks of the installed Unspun failed", file=sys.stderr)
        return 1
    print("the installed Unspun works from outside the checkout")
    return 0


if __name__ == "__main__":
    sys.exit(main())

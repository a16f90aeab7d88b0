"""Command-line manners: --version, --help listing every command, a mistyped command, ``python -m app``.

Each runs as a user runs it, in a fresh interpreter, with no display: none of these may open a window.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app import __version__
from app.cli import COMMANDS, SUMMARIES
from app.model.loader import load_pack

ROOT = Path(__file__).resolve().parent.parent


def _run(*args: str, cwd: Path, env_add: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    dropped = ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")  # no display: nothing here may need one
    env = {k: v for k, v in os.environ.items() if k not in dropped} | (env_add or {})
    env["PYTHONPATH"] = str(ROOT)
    return subprocess.run(
        [sys.executable, "-m", "app", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=60
    )


def test_version_prints_the_version(tmp_path: Path) -> None:
    done = _run("--version", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"unspun {__version__}\n"


def test_help_lists_every_command_with_one_line(tmp_path: Path) -> None:
    done = _run("--help", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("usage: unspun ")
    listed = done.stdout.split("commands:\n", 1)[1].splitlines()
    for name in COMMANDS:
        assert SUMMARIES[name], f"{name} has no line in --help"
        assert [line for line in listed if line.split()[:1] == [name]] == [f"  {name.ljust(10)}{SUMMARIES[name]}"]


@pytest.mark.parametrize(("typed", "meant"), [("valdate", "validate"), ("rendr", "render"), ("exprot", "export")])
def test_a_mistyped_command_is_an_error_with_a_suggestion(tmp_path: Path, typed: str, meant: str) -> None:
    """Exit 2, usage and the error on stderr, nothing on stdout, and no window (there is no display)."""
    done = _run(typed, "x", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.startswith("usage: unspun ")
    assert done.stderr.rstrip().endswith(f"unspun: error: '{typed}' is not a command (did you mean '{meant}'?)")


def test_a_word_that_is_neither_command_nor_pack_is_an_error(tmp_path: Path) -> None:
    done = _run("lessonz-that-are-not-here", cwd=tmp_path)
    assert done.returncode == 2
    assert "is neither a command nor a pack" in done.stderr.splitlines()[-1]


def test_without_a_display_the_window_says_so_in_one_line(tmp_path: Path) -> None:
    """No DISPLAY, WAYLAND_DISPLAY or QT_QPA_PLATFORM on Linux: one error line, exit 1, not Qt's abort."""
    if not sys.platform.startswith("linux"):
        pytest.skip("the display check is Linux's")
    done = _run(cwd=tmp_path)
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1
    assert done.stderr.startswith("unspun: error: cannot open the window: no display (neither DISPLAY nor")


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_calls_itself_unspun(tmp_path: Path, command: str) -> None:
    done = _run(command, "--help", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"usage: unspun {command} ")


def test_validate_builtin_checks_the_pack_that_ships(tmp_path: Path) -> None:
    """``validate --builtin`` finds the built-in pack through the package, from any folder."""
    done = _run("validate", "--builtin", cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.splitlines()[-1] == "0 errors, 0 warnings"


def test_the_window_starts_and_lists_the_builtin_pack(tmp_path: Path) -> None:
    """Started as a user starts it (offscreen), the library lists the built-in pack's four modules."""
    report = tmp_path / "library.json"
    env = {"QT_QPA_PLATFORM": "offscreen", "UNSPUN_SMOKE_TEST": str(report), "UNSPUN_DATA_DIR": str(tmp_path / "d")}
    done = _run(cwd=tmp_path, env_add=env)
    assert done.returncode == 0, done.stderr
    listed = json.loads(report.read_text("utf-8"))
    assert [pack["title"] for pack in listed["packs"]] == [load_pack(ROOT / "lessons").pack.title]
    assert listed["packs"][0]["modules"] == [
        "The Great Firewall",
        "Official messaging on Weibo and the other platforms",
        "The 1962 war narrative and the 2017 standoff",
        "Reading the article itself",
    ]


def test_validate_with_no_pack_is_a_usage_error(tmp_path: Path) -> None:
    done = _run("validate", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.splitlines()[-1] == "unspun validate: error: name a pack: a PATH, or --builtin for the built-in pack"

"""`unspun --help` answers on a machine with no display (a terminal over SSH, CI)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_help_needs_no_display() -> None:
    """--help prints the usage and exits 0 without Qt trying to open a window."""
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")}
    done = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--help"], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert "usage: unspun" in done.stdout
    assert "--data-dir" in done.stdout

"""Time launch to the first painted window: Unspun against a bare PySide6 QMainWindow.

Each run is a fresh ``python -c`` process that builds and shows its window offscreen and quits
as soon as the first paint has happened; the wall-clock time of the whole process (interpreter,
imports, building, loading the built-in pack, first paint) is what a learner waits for. Both are
measured in the same run, alternating, and the ratio of medians is printed. Goal: at most 1.5.

    python bench/startup.py [--runs 7]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: ends the process the moment the first widget has been painted (os._exit: nothing queued runs after)
_QUIT_AFTER_FIRST_PAINT = """
import os
from PySide6.QtCore import QEvent, QObject
class _FirstPaint(QObject):
    done = False
    def ready(self):
        return True
    def eventFilter(self, watched, event):
        if not self.done and event.type() == QEvent.Type.Paint and self.ready():
            self.done = True
            watched.event(event)  # let the paint happen, then stop the clock
            os._exit(0)
        return False
_filter = _FirstPaint()
app.installEventFilter(_filter)
"""

BARE = """
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
""" + _QUIT_AFTER_FIRST_PAINT + """
window = QMainWindow()
window.setWindowTitle("bare")
window.resize(1024, 700)
window.show()
app.exec()
"""

UNSPUN = """
import sys
sys.path.insert(0, {root!r})
from app.ui.app import ensure_application, start
app = ensure_application()
""" + _QUIT_AFTER_FIRST_PAINT + """
if {wait_for_packs!r}:  # the library filled in, not just the window shown
    _filter.ready = lambda: bool(globals().get("window") and window.packs)
window = start([])
window.resize(1024, 700)
app.exec()
"""


def time_once(code: str, environment: dict[str, str]) -> float:
    """Run ``code`` in a fresh interpreter and return its wall-clock seconds."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, env=environment, cwd=ROOT)
    return time.perf_counter() - start


def main() -> int:
    """Measure both, alternating, and print medians and the ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="unspun-bench-") as data:
        environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "UNSPUN_DATA_DIR": data}
        shown_code = UNSPUN.format(root=str(ROOT), wait_for_packs=False)
        ready_code = UNSPUN.format(root=str(ROOT), wait_for_packs=True)
        for code in (BARE, shown_code, ready_code):  # warm the file cache before measuring
            time_once(code, environment)
        bare, shown, ready = [], [], []
        for _ in range(args.runs):
            bare.append(time_once(BARE, environment))
            shown.append(time_once(shown_code, environment))
            ready.append(time_once(ready_code, environment))
    bare_median = statistics.median(bare)
    for name, times in (("bare QMainWindow", bare), ("Unspun, window shown", shown),
                        ("Unspun, packs shown", ready)):
        median = statistics.median(times)
        print(f"{name:<22} median {median * 1000:5.0f} ms  ratio {median / bare_median:.2f}  (runs: "
              + ", ".join(f"{t * 1000:.0f}" for t in times) + ")")
    print("goal: the window shown at most 1.5 times the bare window's time")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Time launch to the first painted window: Unspun against a bare PySide6 QMainWindow.

Each run is a fresh ``python -c`` process that builds and shows its window offscreen and quits
as soon as the main window has been exposed and painted whole; the wall-clock time of the whole
process (interpreter, imports, building, first paint) is what a learner waits for. Both are
measured in the same run, alternating, and the ratio of medians is printed. Goal: at most 1.5.
A third figure waits for the paint after the packs have been loaded into the library.

Bytecode is cached as it is for anyone who has run the app once (or installed it with pip):
the children write and read it under a temporary PYTHONPYCACHEPREFIX, even when the calling shell
sets PYTHONDONTWRITEBYTECODE, and an untimed warm-up run of each fills the cache.

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

#: ends the process once the main window has been exposed and painted whole: the expose or update
#: request that paints it is delivered here, so every child is painted and the frame flushed before
#: the clock stops (os._exit: nothing queued runs after). The filter watches only the main window
#: and its native window, hooked in when show() is called on it: an application-wide Python filter
#: would see every event of every object and slow the window with more objects down more.
_QUIT_AFTER_FIRST_FRAME = """
import os
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QMainWindow
class _FirstFrame(QObject):
    painted = False
    delivering = False
    def ready(self):
        return True
    def eventFilter(self, watched, event):
        kind = event.type()
        if kind == QEvent.Type.Paint:
            self.painted = True
        elif kind in (QEvent.Type.Expose, QEvent.Type.UpdateRequest) and not self.delivering:
            self.painted, self.delivering = False, True
            watched.event(event)  # paint the window and its children and flush, then stop the clock
            self.delivering = False
            if self.painted and self.ready():
                os._exit(0)
            return True
        return False
_filter = _FirstFrame()
_show = QMainWindow.show
def _show_watched(window):
    window.installEventFilter(_filter)
    window.winId()  # create the native window now, so that its first expose is seen
    window.windowHandle().installEventFilter(_filter)
    _show(window)
QMainWindow.show = _show_watched
"""

BARE = """
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
""" + _QUIT_AFTER_FIRST_FRAME + """
window = QMainWindow()
window.setWindowTitle("bare")
window.resize(1280, 820)  # the size Unspun opens at the first time
window.show()
app.exec()
"""

#: the path ``python main.py`` takes (app.cli.main), with the clock-stopping filter installed first
UNSPUN = """
import sys
sys.path.insert(0, {root!r})
from app.ui.app import ensure_application
app = ensure_application()
""" + _QUIT_AFTER_FIRST_FRAME + """
if {wait_for_packs!r}:  # the library filled in, not just the window shown
    _filter.ready = lambda: any(getattr(w, "packs", None) for w in app.topLevelWidgets())
from app.cli import main
main([])
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
        environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "UNSPUN_DATA_DIR": data,
                       "PYTHONPYCACHEPREFIX": str(Path(data) / "pycache")}
        environment.pop("PYTHONDONTWRITEBYTECODE", None)
        shown_code = UNSPUN.format(root=str(ROOT), wait_for_packs=False)
        ready_code = UNSPUN.format(root=str(ROOT), wait_for_packs=True)
        for code in (BARE, shown_code, ready_code):  # warm the file and bytecode caches before measuring
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

"""Resident memory with the window up: Unspun (library with its packs shown) against a bare window.

Each run is a fresh ``python -c`` process that builds and shows its window offscreen, lets the
event loop settle (the first paint and the work queued right after it), then reads its own
resident set size (VmRSS in /proc/self/status, and the peak, VmHWM) and exits. The bare program is
a PySide6 QApplication with one 1280x820 QMainWindow; Unspun goes through ``app.cli.main([])``,
the path ``python main.py`` takes, with the built-in pack. Runs alternate; medians are printed with
the difference, which is what the goal is about: at most a bare window plus 40 MiB.

``--detail`` also prints, for one Unspun run, the Python heap that tracemalloc sees (the top
allocating modules) and the process's largest mappings from /proc/self/smaps, to find where the
rest goes.

    python bench/memory.py [--runs 5] [--detail]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: reads VmRSS and VmHWM (kB) once the window has been shown and the loop has run for a moment
_REPORT = """
import json, os, sys
def _status():
    values = {}
    with open("/proc/self/status") as status:
        for line in status:
            key, _, rest = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                values[key] = int(rest.split()[0])
    return values
def _report():
    result = _status()
    if DETAIL:
        import tracemalloc
        snapshot = tracemalloc.take_snapshot()
        stats = snapshot.statistics("filename")
        result["python_heap_kb"] = sum(s.size for s in stats) // 1024
        top = {}
        for s in stats:
            name = s.traceback[0].filename
            for marker in ("site-packages/", "/app/", "/lib/python3"):
                if marker in name:
                    name = name[name.index(marker):]
                    break
            key = name.split("/")[1] if name.startswith("site-packages/") else name
            top[key] = top.get(key, 0) + s.size
        result["python_top"] = sorted(((v // 1024, k) for k, v in top.items()), reverse=True)[:15]
        maps, current = {}, None
        with open("/proc/self/smaps") as smaps:
            for line in smaps:
                parts = line.split()
                if len(parts) >= 5 and "-" in parts[0] and ":" not in parts[0]:
                    current = parts[5] if len(parts) > 5 else "[anon]"
                elif parts and parts[0] == "Rss:" and current is not None:
                    key = os.path.basename(current) if current.startswith("/") else current
                    maps[key] = maps.get(key, 0) + int(parts[1])
        result["smaps_top"] = sorted(((v, k) for k, v in maps.items()), reverse=True)[:20]
    sys.stdout.write("MEMORY " + json.dumps(result) + "\\n")
    sys.stdout.flush()
    os._exit(0)
"""

BARE = (
    "DETAIL = False\n"
    + _REPORT
    + """
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = QMainWindow()
window.resize(1280, 820)
window.show()
QTimer.singleShot(SETTLE_MS, _report)
app.exec()
"""
)

UNSPUN = """
DETAIL = DETAIL_FLAG
if DETAIL:
    import tracemalloc
    tracemalloc.start()
import sys
sys.path.insert(0, ROOT_PATH)
""" + _REPORT + """
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from app.ui.app import ensure_application
app = ensure_application()
def _when_packs_shown():
    if any(getattr(w, "packs", None) for w in app.topLevelWidgets()):
        QTimer.singleShot(SETTLE_MS, _report)
    else:
        QTimer.singleShot(20, _when_packs_shown)
QTimer.singleShot(0, _when_packs_shown)
from app.cli import main
main([])
"""

#: how long the loop runs after the window is up before memory is read
SETTLE_MS = 500


def unspun_code(detail: bool) -> str:
    """Return Unspun's measuring program, with or without the detailed breakdown."""
    return UNSPUN.replace("DETAIL_FLAG", repr(detail)).replace("ROOT_PATH", repr(str(ROOT)))


def measure(code: str, environment: dict[str, str]) -> dict[str, object]:
    """Run ``code`` in a fresh interpreter and return what it reported."""
    completed = subprocess.run(
        [sys.executable, "-c", code.replace("SETTLE_MS", str(SETTLE_MS))],
        check=True, env=environment, cwd=ROOT, capture_output=True, text=True,
    )
    line = next(line for line in completed.stdout.splitlines() if line.startswith("MEMORY "))
    return json.loads(line.removeprefix("MEMORY "))


def main() -> int:
    """Measure both, alternating, and print medians and the difference."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--detail", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="unspun-bench-") as data:
        environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "UNSPUN_DATA_DIR": data,
                       "PYTHONPYCACHEPREFIX": str(Path(data) / "pycache")}
        unspun = unspun_code(detail=False)
        measure(unspun, environment)  # warm: bytecode and the pack cache, as on any second start
        bare, ours = [], []
        for _ in range(args.runs):
            bare.append(measure(BARE, environment)["VmRSS"])
            ours.append(measure(unspun, environment)["VmRSS"])
        if args.detail:
            detail = measure(unspun_code(detail=True), environment)
    bare_mib, ours_mib = statistics.median(bare) / 1024, statistics.median(ours) / 1024
    print(f"bare QMainWindow       median RSS {bare_mib:6.1f} MiB  (runs: " + ", ".join(f"{v / 1024:.1f}" for v in bare) + ")")
    print(f"Unspun, packs shown    median RSS {ours_mib:6.1f} MiB  (runs: " + ", ".join(f"{v / 1024:.1f}" for v in ours) + ")")
    print(f"difference             {ours_mib - bare_mib:+.1f} MiB  (goal: at most +40 MiB)")
    if args.detail:
        print(f"\nPython heap (tracemalloc): {detail['python_heap_kb'] / 1024:.1f} MiB; by module (KiB):")
        for size, name in detail["python_top"]:  # type: ignore[union-attr]
            print(f"  {size:7d}  {name}")
        print("largest mappings (Rss KiB):")
        for size, name in detail["smaps_top"]:  # type: ignore[union-attr]
            print(f"  {size:7d}  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

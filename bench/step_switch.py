"""Time switching between steps in the lesson player, on the built-in pack.

Every lesson is walked forward once (each step is built the first time it is opened), then back
and forth over its steps again (revisits reuse the built widgets). A switch is timed from the
call to open the step until the events it caused (layout, paint) have been processed. Visits are
recorded in a throwaway progress store, as they would be for a learner. Goal: p95 under 50 ms.

    python bench/step_switch.py [--size 1024x700]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def percentile(values: list[float], fraction: float) -> float:
    """Return the value below which ``fraction`` of ``values`` lie (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * len(ordered)) - 1))]


def main() -> int:
    """Walk every lesson and print p50/p95 of first opens, revisits and all switches."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="1024x700")
    args = parser.parse_args()
    width, height = (int(part) for part in args.size.split("x"))

    from PySide6.QtWidgets import QApplication

    from app.model.loader import load_pack
    from app.model.progress import ProgressStore
    from app.ui.app import BUILTIN_PACK, app_icon, ensure_application, follow_system_theme
    from app.ui.main_window import MainWindow

    result = load_pack(BUILTIN_PACK)
    pack_name = "built-in pack (lessons/)"
    if not result.ok or result.pack is None:
        result = load_pack(ROOT / "tests" / "fixtures" / "example-pack")
        pack_name = "example pack (the built-in pack did not validate)"
    pack = result.pack
    assert pack is not None
    app = ensure_application()
    follow_system_theme(app)
    first, again = [], []
    with tempfile.TemporaryDirectory(prefix="unspun-bench-") as scratch:
        store = ProgressStore.open(Path(scratch) / "progress.sqlite3")
        window = MainWindow(store, store.ensure_default_profile(), [pack], app_icon())
        window.resize(width, height)
        window.show()
        QApplication.processEvents()

        def timed(switch: object) -> float:
            start = time.perf_counter()
            switch()  # type: ignore[operator]
            QApplication.processEvents()
            return (time.perf_counter() - start) * 1000

        for module in pack.modules:
            for lesson in module.lessons:
                first.append(timed(lambda m=module, le=lesson: window.open_lesson(pack, m, le, 0)))
                for index in range(1, len(lesson.steps)):
                    first.append(timed(lambda i=index: window.player.open_step(i)))
                for index in [*range(len(lesson.steps) - 2, -1, -1), *range(1, len(lesson.steps))]:
                    again.append(timed(lambda i=index: window.player.open_step(i)))
        window.save_window_settings = lambda: None  # type: ignore[method-assign]
        window.close()
        store.close()

    print(f"{pack_name}: {len(first)} first opens, {len(again)} revisits, window {width}x{height}")
    for name, times in (("first open", first), ("revisit", again), ("all switches", first + again)):
        if times:
            print(f"{name:<13} p50 {statistics.median(times):6.1f} ms   p95 {percentile(times, 0.95):6.1f} ms"
                  f"   max {max(times):6.1f} ms")
    print("goal: p95 under 50 ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())

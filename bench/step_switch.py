"""Time switching between steps in the lesson player, on the built-in pack.

The learner's walk is replayed through the window's own Next and Back: each lesson is read
forward once with Next (every step is built the first time it is opened; Next on the last step
opens the following lesson), then Back to its first step and Next to its last again (revisits
reuse the built views). A switch is timed from the Next or Back request until the new step has
been painted: the events it caused are processed until the step's view has received its paint
event and the frame has been flushed (a synchronous repaint of the window if Qt has not painted
it after a few rounds). Visits are recorded in a throwaway progress store, on disk and committed
as they would be for a learner. Goal: p95 under 50 ms.

    python bench/step_switch.py [--size 1024x700] [--profile]
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
    parser.add_argument("--profile", action="store_true", help="print where the time of the switches goes")
    args = parser.parse_args()
    width, height = (int(part) for part in args.size.split("x"))

    from PySide6.QtCore import QEvent, QObject
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

    class PaintWatch(QObject):
        """Notes the paint event of the step view shown (installed on that view only: an
        application-wide Python filter would slow every event down and inflate the figures)."""

        painted = False

        def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                self.painted = True
            return False

    watch = PaintWatch()
    forced_repaints = 0

    first, again = [], []
    profiler = None
    if args.profile:
        import cProfile

        profiler = cProfile.Profile()
    with tempfile.TemporaryDirectory(prefix="unspun-bench-") as scratch:
        store = ProgressStore.open(Path(scratch) / "progress.sqlite3")
        window = MainWindow(store, store.ensure_default_profile(), [pack], app_icon())
        window.resize(width, height)
        window.show()
        QApplication.processEvents()

        def timed(request: object) -> float:
            """Make the request, then process events until the new step has been painted."""
            nonlocal forced_repaints
            watch.painted = False
            if profiler is not None:
                profiler.enable()
            start = time.perf_counter()
            request()  # type: ignore[operator]
            view = window.player.current_view()
            if view is not None:
                view.installEventFilter(watch)
            for _ in range(5):
                QApplication.processEvents()
                if watch.painted:
                    break
            else:
                forced_repaints += 1
                window.repaint()
            elapsed = (time.perf_counter() - start) * 1000
            if profiler is not None:
                profiler.disable()
            if view is not None:
                view.removeEventFilter(watch)
            return elapsed

        lessons = [(module, lesson) for module in pack.modules for lesson in module.lessons]
        first.append(timed(lambda: window.open_lesson(pack, *lessons[0], 0)))
        for number, (_module, lesson) in enumerate(lessons):
            steps = len(lesson.steps)
            for _ in range(steps - 1):
                first.append(timed(window.go_next))
            for _ in range(steps - 1):
                again.append(timed(window.go_back))
            for _ in range(steps - 1):
                again.append(timed(window.go_next))
            if number + 1 < len(lessons):  # Next on the last step opens the following lesson
                first.append(timed(window.go_next))
                assert window.player.lesson is lessons[number + 1][1], "Next did not open the next lesson"
        window.save_window_settings = lambda: None  # type: ignore[method-assign]
        window.close()
        store.close()

    print(f"{pack_name}: {len(first)} first opens, {len(again)} revisits, window {width}x{height}")
    for name, times in (("first open", first), ("revisit", again), ("all switches", first + again)):
        if times:
            print(f"{name:<13} p50 {statistics.median(times):6.1f} ms   p95 {percentile(times, 0.95):6.1f} ms"
                  f"   max {max(times):6.1f} ms")
    if forced_repaints:
        print(f"({forced_repaints} switches were not painted after 5 rounds of events and were repainted)")
    print("goal: p95 under 50 ms")
    if profiler is not None:
        import pstats

        pstats.Stats(profiler).sort_stats("cumulative").print_stats(45)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Time switching between steps in the lesson player, on the built-in pack.

The learner's walk is replayed through the window's own Next and Back: each lesson is read
forward once with Next (first opens: Next on the last step opens the following lesson), then
Back to its first step and Next to its last again (revisits). A switch is timed from the Next or
Back request until the new step has been painted as it settles: events are processed round after
round, and the time taken is that of the last round in which the step's view was painted before
two rounds passed without a paint (layouts that fit text to the width take more than one pass; a
window repaint is forced if the view is never painted). Visits are recorded in a throwaway
progress store, on disk and committed as they would be for a learner. Goal: p95 under 50 ms.

Between two switches the learner reads for 0.3 s (untimed) while the app's event loop runs the
work it leaves for idle moments, such as building the next step. ``--no-pause`` makes the next
request the moment the step has settled instead, so that idle work lands inside the next switch:
the worst case, a learner clicking straight through.

    python bench/step_switch.py [--size 1024x700] [--no-pause] [--profile]
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


#: rounds of events processed after a request while the step's layout settles
SETTLE_ROUNDS = 30
#: how long the learner reads between two switches (far shorter than anyone reads a step)
READING_SECONDS = 0.3


def percentile(values: list[float], fraction: float) -> float:
    """Return the value below which ``fraction`` of ``values`` lie (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * len(ordered)) - 1))]


def main() -> int:
    """Walk every lesson and print p50/p95 of first opens, revisits and all switches."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="1024x700")
    parser.add_argument("--no-pause", action="store_true", help="no reading time between switches")
    parser.add_argument("--profile", action="store_true", help="print where the time of the switches goes")
    args = parser.parse_args()
    width, height = (int(part) for part in args.size.split("x"))

    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication

    from app.model.loader import load_pack
    from app.model.progress import ProgressStore
    from app.resources import builtin_pack
    from app.ui.app import app_icon, ensure_application, follow_system_theme
    from app.ui.main_window import MainWindow

    result = load_pack(builtin_pack())
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

    first, again, lesson_opens = [], [], []
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
            """Make the request; return the time until the step's view was last painted before it settled."""
            nonlocal forced_repaints
            if profiler is not None:
                profiler.enable()
            start = time.perf_counter()
            request()  # type: ignore[operator]
            view = window.player.current_view()
            if view is not None:
                view.installEventFilter(watch)
            # Layouts that fit text to the width take a few rounds; a first paint of a half-done
            # layout is not the step shown, so rounds go on until two in a row paint nothing.
            painted_at, quiet = None, 0
            for _ in range(SETTLE_ROUNDS):
                watch.painted = False
                QApplication.processEvents()
                if watch.painted:
                    painted_at, quiet = time.perf_counter(), 0
                elif painted_at is not None:
                    quiet += 1
                    if quiet == 2:
                        break
            if painted_at is None:
                forced_repaints += 1
                window.repaint()
                painted_at = time.perf_counter()
            if profiler is not None:
                profiler.disable()
            if view is not None:
                view.removeEventFilter(watch)
            if not args.no_pause:  # the learner reads the step: the app's idle work runs meanwhile
                until = time.perf_counter() + READING_SECONDS
                while time.perf_counter() < until:
                    QApplication.processEvents()
                    time.sleep(0.005)
            return (painted_at - start) * 1000

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
                lesson_opens.append(timed(window.go_next))
                first.append(lesson_opens[-1])
                assert window.player.lesson is lessons[number + 1][1], "Next did not open the next lesson"
        window.save_window_settings = lambda: None  # type: ignore[method-assign]
        window.close()
        store.close()

    pause = "no pause between switches" if args.no_pause else f"{READING_SECONDS} s of reading between switches"
    print(f"{pack_name}: {len(first)} first opens, {len(again)} revisits, window {width}x{height}, {pause}")
    for name, times in (("first open", first), ("  new lesson", lesson_opens), ("revisit", again),
                        ("all switches", first + again)):
        if times:
            print(f"{name:<13} p50 {statistics.median(times):6.1f} ms   p95 {percentile(times, 0.95):6.1f} ms"
                  f"   max {max(times):6.1f} ms")
    if forced_repaints:
        print(f"({forced_repaints} switches were not painted after {SETTLE_ROUNDS} rounds of events and were repainted)")
    print("goal: p95 under 50 ms")
    if profiler is not None:
        import pstats

        pstats.Stats(profiler).sort_stats("cumulative").print_stats(45)
    return 0


if __name__ == "__main__":
    sys.exit(main())

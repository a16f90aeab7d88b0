"""Time loading the built-in pack from the compiled pack cache against a fresh load, in one run.

Both run in this process after an untimed warm-up (modules imported, files in the OS cache), and
alternate, so that a load spike hits both:

- **fresh**: ``load_pack(lessons/)``: read, parse, check and convert every file;
- **cached**: ``load_pack_cached(lessons/, cache)`` on an unchanged pack: stat every file of the
  pack, read and verify the entry (SHA-256), decode it into the typed Structs, open the source.

Goal (issue 17): a cached load in under a fifth of a fresh one. A third figure times a cold
process for each (``python -c`` importing what each path needs and loading once), since a real
second start also pays for imports, and a hit does not import the loader at all.

    python bench/pack_cache.py [--runs 21] [--pack lessons]
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
sys.path.insert(0, str(ROOT))

from app.model.loader import load_pack  # noqa: E402
from app.model.pack_cache import load_pack_cached  # noqa: E402

COLD = """
import sys, time
sys.path.insert(0, {root!r})
start = time.perf_counter()
{body}
print(time.perf_counter() - start)
"""
COLD_FRESH = "from app.model.loader import load_pack\nassert load_pack({pack!r}).ok"
COLD_CACHED = (
    "from pathlib import Path\nfrom app.model.pack_cache import load_pack_cached\n"
    "assert load_pack_cached({pack!r}, Path({cache!r})).from_cache"
)


def cold(body: str, environment: dict[str, str]) -> float:
    """Run ``body`` in a fresh interpreter and return the seconds it reported."""
    code = COLD.format(root=str(ROOT), body=body)
    completed = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True, env=environment)
    return float(completed.stdout.strip().splitlines()[-1])


def main() -> int:
    """Measure, alternating, and print medians and ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--pack", default=str(ROOT / "lessons"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="unspun-bench-cache-") as folder:
        cache = Path(folder) / "cache"
        assert load_pack_cached(args.pack, cache).result.ok  # warm: writes the entry
        assert load_pack_cached(args.pack, cache).from_cache
        load_pack(args.pack)
        fresh, cached = [], []
        for _ in range(args.runs):
            start = time.perf_counter()
            load_pack(args.pack)
            fresh.append(time.perf_counter() - start)
            start = time.perf_counter()
            hit = load_pack_cached(args.pack, cache)
            cached.append(time.perf_counter() - start)
            assert hit.from_cache
        environment = {**os.environ, "PYTHONPYCACHEPREFIX": str(Path(folder) / "pycache")}
        cold(COLD_FRESH.format(pack=args.pack), environment)  # warm the bytecode cache
        cold_fresh, cold_cached = [], []
        for _ in range(max(3, args.runs // 3)):
            cold_fresh.append(cold(COLD_FRESH.format(pack=args.pack), environment))
            cold_cached.append(cold(COLD_CACHED.format(pack=args.pack, cache=str(cache)), environment))
    for name, fresh_times, cached_times in (("in-process", fresh, cached), ("cold process", cold_fresh, cold_cached)):
        a, b = statistics.median(fresh_times), statistics.median(cached_times)
        print(f"{name:<13} fresh {a * 1000:7.1f} ms   cached {b * 1000:6.1f} ms   ratio {b / a:.3f}")
    print("goal: cached under 0.2 of fresh")
    return 0


if __name__ == "__main__":
    sys.exit(main())

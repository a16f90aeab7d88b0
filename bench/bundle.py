"""Time the desktop bundle against a wheel installed in a venv: ``--version``, and start-up to a loaded library.

Each run is a fresh process started offscreen from an empty folder with UNSPUN_SMOKE_TEST, which
quits once the library with the built-in pack is painted (app/ui/app.py finish_smoke_test). The
two installations run alternately in the same session; the medians and their ratio are printed.
"Cold" is the first start with a fresh data folder (the pack is parsed and checked); "warm" starts
again with the same folder (the pack comes from the pack cache), as every later start does.

    python bench/bundle.py --bundle dist/unspun/unspun --venv .venv-wheel [--runs 5]
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


def timed(program: Path, *args: str, data: Path, cwd: Path) -> float:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env |= {"QT_QPA_PLATFORM": "offscreen", "UNSPUN_DATA_DIR": str(data), "UNSPUN_SMOKE_TEST": str(cwd / "r.json")}
    start = time.perf_counter()
    subprocess.run([str(program), *args], cwd=cwd, env=env, check=True, capture_output=True, timeout=300)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bundle", type=Path, required=True, help="the bundle's program (dist/unspun/unspun)")
    parser.add_argument("--venv", type=Path, required=True, help="a venv the wheel is installed in")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    programs = {"bundle": args.bundle.resolve(), "wheel": (args.venv / "bin" / "unspun").resolve()}
    times: dict[tuple[str, str], list[float]] = {}
    with tempfile.TemporaryDirectory(prefix="unspun-bench-") as folder:
        work = Path(folder)
        for name, program in programs.items():  # untimed: fill the OS file cache and the bytecode cache
            timed(program, "--version", data=work / f"warmup-{name}", cwd=work)
        for run in range(args.runs):
            for name, program in programs.items():
                data = work / f"data-{name}-{run}"
                times.setdefault((name, "--version"), []).append(timed(program, "--version", data=data, cwd=work))
                times.setdefault((name, "cold start"), []).append(timed(program, data=data, cwd=work))
                times.setdefault((name, "warm start"), []).append(timed(program, data=data, cwd=work))
    print(f"{'':12}{'bundle':>10}{'wheel':>10}{'ratio':>8}   (medians of {args.runs}, seconds)")
    for what in ("--version", "cold start", "warm start"):
        bundle, wheel = statistics.median(times[("bundle", what)]), statistics.median(times[("wheel", what)])
        print(f"{what:12}{bundle:10.3f}{wheel:10.3f}{bundle / wheel:8.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

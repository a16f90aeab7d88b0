"""``unspun validate PATH... [--builtin] [--format json]``: check packs without opening a window.

Output follows section 7 of the pack format: GCC-style ``FILE:LINE:COLUMN: severity: message``
lines, at most 200 per pack, and a last line ``N errors, M warnings``; or one JSON array.
This module imports ``app.model`` only, never Qt.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from pathlib import Path
from typing import Any

from app.commands import PROG, add_pack_arguments, parse_pack_arguments
from app.model.loader import load_pack
from app.model.problems import MAX_PRINTED, LoadResult, Problem
from app.model.school_class import CLASS_SUFFIX
from app.model.source import pack_label

#: Problems printed for one pack before the rest are summed up in one line (spec section 8).


def build_parser() -> argparse.ArgumentParser:
    """Describe the command line of ``validate``."""
    parser = argparse.ArgumentParser(
        prog=f"{PROG} validate",
        description="Check lesson packs and print every problem as FILE:LINE:COLUMN: severity: message.",
    )
    add_pack_arguments(parser, many=True)
    parser.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text (one line per problem, the default) or json (one array)",
    )
    return parser


def _display(problem: Problem, prefix: str) -> str:
    """Join the PATH prefix and the file inside the pack with '/'."""
    return f"{prefix.rstrip('/')}/{problem.file}" if prefix else problem.file


def _class_file_result(path: str) -> tuple[LoadResult, str]:
    """Check a class file (``.unspun-class``) as a pack is checked: every problem at its line and column."""
    from app.model.school_class import check_class_bytes

    file = Path(path)
    try:
        data = file.read_bytes()
    except OSError as error:
        return LoadResult([Problem(file.name, 1, 1, "error", f"cannot read the class file: {error.strerror}")]), str(
            file.parent
        )
    _loaded, problems = check_class_bytes(data, file.name, file.resolve().parent)
    return LoadResult(problems), "" if str(file.parent) == "." else str(file.parent)


def run_validate(argv: list[str]) -> int:
    """Validate each PATH; return 0 when no pack has an error, 1 when one has, 2 for a bad command line."""
    try:
        args = parse_pack_arguments(build_parser(), argv)
    except SystemExit as stop:  # argparse's way of saying the command line is wrong (or --help)
        return stop.code if isinstance(stop.code, int) else 2
    _tolerate_narrow_stdout()
    errors = warnings = 0
    lines: list[str] = []
    records: list[dict[str, Any]] = []
    for path in args.packs:
        if str(path).endswith(CLASS_SUFFIX):
            result, prefix = _class_file_result(path)
        else:
            result = load_pack(path)
            prefix = pack_label(path)
        errors += sum(1 for p in result.problems if p.severity == "error")
        warnings += sum(1 for p in result.problems if p.severity == "warning")
        shown, hidden = result.problems[:MAX_PRINTED], len(result.problems) - MAX_PRINTED
        for problem in shown:
            if args.format == "json":
                records.append(
                    {
                        "file": _display(problem, prefix),
                        "line": problem.line if problem.has_position else None,
                        "column": problem.column if problem.has_position else None,
                        "severity": problem.severity,
                        "message": problem.message,
                    }
                )
            else:
                lines.append(problem.format(prefix))
        if hidden > 0:
            note = f"{hidden} more problems not shown"
            if args.format == "json":
                records.append(
                    {"file": path, "line": None, "column": None, "severity": "note", "message": note}
                )
            else:
                lines.append(f"{path}: {note}")
        if args.format == "text":
            _emit(lines)
            lines.clear()
    if args.format == "json":
        _emit([json.dumps(records, ensure_ascii=False, indent=2)])
    else:
        _emit([f"{errors} errors, {warnings} warnings"])
    return 1 if errors else 0


def _tolerate_narrow_stdout() -> None:
    """Escape characters the terminal's encoding cannot show instead of failing on them."""
    reconfigure = getattr(sys.stdout, "reconfigure", None)
    if reconfigure is not None:
        with contextlib.suppress(ValueError, OSError):  # a stream that cannot be reconfigured
            reconfigure(errors="backslashreplace")


def _emit(lines: list[str]) -> None:
    """Print lines, stopping quietly if the reader has gone (``validate ... | head``)."""
    try:
        for line in lines:
            print(line)
        sys.stdout.flush()
    except BrokenPipeError:
        # Point stdout at devnull so the interpreter's final flush does not complain.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())

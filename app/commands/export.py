"""``unspun export PACK|--builtin -o FILE.pdf [--answer-key] [--format pdf|html]``: print a pack.

The worksheet holds readings, examples and every question with room to answer; ``--answer-key``
writes the answers and explanations instead. A pack with errors is not exported: its problems are
printed as ``validate`` prints them.
"""

from __future__ import annotations

import argparse
import os
import sys

from app.commands import PROG, add_pack_arguments, parse_pack_arguments
from app.model.loader import load_pack
from app.model.problems import MAX_PRINTED
from app.model.source import pack_label


def build_parser() -> argparse.ArgumentParser:
    """Describe the command line of ``export``."""
    parser = argparse.ArgumentParser(
        prog=f"{PROG} export",
        description="Write a printable worksheet (or its answer key) of a lesson pack as PDF or HTML.",
    )
    add_pack_arguments(parser, many=False)
    parser.add_argument("-o", "--output", required=True, metavar="FILE", help="the file to write (.pdf or .html)")
    parser.add_argument("--answer-key", action="store_true", help="write the answer key instead of the worksheet")
    parser.add_argument(
        "--format", choices=("pdf", "html"), default=None, help="pdf or html (default: from FILE's suffix)"
    )
    return parser


def run_export(argv: list[str]) -> int:
    """Export the handout; return 0 on success, 1 when the pack or the file fails, 2 for a bad command line."""
    try:
        args = parse_pack_arguments(build_parser(), argv)
    except SystemExit as stop:
        return stop.code if isinstance(stop.code, int) else 2
    pack_path = args.packs[0]
    result = load_pack(pack_path)
    if result.pack is None or result.errors:
        prefix = pack_label(pack_path)
        for problem in result.problems[:MAX_PRINTED]:
            print(problem.format(prefix), file=sys.stderr)
        hidden = len(result.problems) - MAX_PRINTED
        if hidden > 0:
            print(f"{pack_path}: {hidden} more problems not shown", file=sys.stderr)
        print(f"{len(result.errors)} errors, {len(result.warnings)} warnings", file=sys.stderr)
        print(f"unspun export: {pack_path} has errors; nothing written", file=sys.stderr)
        return 1
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    from app.ui.handout_pdf import HandoutExportError, export_handout, format_for

    _app = QGuiApplication.instance() or QGuiApplication(["unspun-export"])
    try:
        fmt = format_for(args.output, args.format)
        export_handout(result.pack, args.output, answer_key=args.answer_key, fmt=fmt)
    except HandoutExportError as error:
        print(f"unspun export: {error}", file=sys.stderr)
        return 1
    kind = "answer key" if args.answer_key else "worksheet"
    print(f"Wrote the {kind} of {result.pack.title!r} to {args.output}")
    return 0

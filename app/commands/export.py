"""``unspun export PACK|--builtin -o FILE [--answer-key] [--format pdf|html|moodle-xml|gift]``: print a pack, or write its questions as a bank.

The worksheet holds readings, examples and every question with room to answer; ``--answer-key``
writes the answers and explanations instead. ``moodle-xml`` and ``gift`` write the pack's
questions as a Moodle question bank (``docs/question-banks.md``), one warning line per question
that could not be mapped, without loading Qt. A pack with errors is not exported: its problems are
printed as ``validate`` prints them.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from app.commands import PROG, add_pack_arguments, parse_pack_arguments
from app.model.atomic import OutputError, refuse_input_as_output
from app.model.interchange.bank import BankError, write_atomically
from app.model.loader import load_pack
from app.model.pack import Pack
from app.model.problems import MAX_PRINTED
from app.model.source import pack_label

#: output suffixes that mean a question bank when --format is not given
BANK_SUFFIXES = {".xml": "moodle-xml", ".gift": "gift"}


def export_bank(pack: Pack, output: Path, fmt: str) -> int:
    """Write the pack's questions as a Moodle XML or GIFT bank; warn once per question left out."""
    if fmt == "gift":
        from app.model.interchange.gift import export_gift as export
    else:
        from app.model.interchange.moodle_xml import export_moodle_xml as export
    written = export(pack)
    for warning in written.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    try:
        write_atomically(output, written.data)
    except (OutputError, BankError) as error:
        reason = error.reason if isinstance(error, OutputError) else error
        print(f"unspun export: could not write {output}: {reason}", file=sys.stderr)
        return 1
    name = "Moodle XML" if fmt == "moodle-xml" else "GIFT"
    left_out = sum(1 for warning in written.warnings if ": left out: " in warning)
    print(f"Wrote {written.count} questions of {pack.title!r} to {output} as {name}"
          + (f" ({left_out} left out, listed above)" if left_out else ""))
    return 0


def build_parser() -> argparse.ArgumentParser:
    """Describe the command line of ``export``."""
    parser = argparse.ArgumentParser(
        prog=f"{PROG} export",
        description="Write a printable worksheet (or its answer key) of a lesson pack as PDF or HTML, "
        "or its questions as a Moodle question bank (Moodle XML or GIFT).",
    )
    add_pack_arguments(parser, many=False)
    parser.add_argument(
        "-o", "--output", required=True, metavar="FILE", help="the file to write (.pdf, .html, .xml or .gift)"
    )
    parser.add_argument("--answer-key", action="store_true", help="write the answer key instead of the worksheet")
    parser.add_argument(
        "--format",
        choices=("pdf", "html", "moodle-xml", "gift"),
        default=None,
        help="pdf, html, moodle-xml or gift (default: from FILE's suffix)",
    )
    return parser


def run_export(argv: list[str]) -> int:
    """Export the handout; return 0 on success, 1 when the pack or the file fails, 2 for a bad command line."""
    try:
        args = parse_pack_arguments(build_parser(), argv)
    except SystemExit as stop:
        return stop.code if isinstance(stop.code, int) else 2
    pack_path = args.packs[0]
    try:
        refuse_input_as_output(args.output, [pack_path])
    except OutputError as error:
        print(f"unspun export: {error}", file=sys.stderr)
        return 2
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
    bank_format = args.format or BANK_SUFFIXES.get(Path(args.output).suffix.lower())
    if bank_format in ("moodle-xml", "gift"):
        if args.answer_key:
            print("unspun export: --answer-key is for worksheets; a question bank always holds the answers",
                  file=sys.stderr)
            return 2
        return export_bank(result.pack, Path(args.output), bank_format)
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

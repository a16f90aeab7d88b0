"""``unspun import BANK -o DIR [--id ID] [--title TITLE]``: a Moodle XML or GIFT bank as a pack.

Each category becomes a module (its first level) and lesson (the rest), each question a pack
question, each essay a reflect step. Every question that could not be converted is listed on
stderr with its line, and every change made on the way (feedback folded, partial credit dropped)
as a note. The pack is checked with the loader before it is moved into place, so ``validate``
passes on what is written; a bank that cannot be read at all writes nothing. Never imports Qt.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.commands import PROG
from app.model.interchange.bank import (
    BankError,
    ImportResult,
    decode_text,
    read_bank_bytes,
    slugify,
    write_pack,
)


def build_parser() -> argparse.ArgumentParser:
    """Describe the command line of ``import``."""
    parser = argparse.ArgumentParser(
        prog=f"{PROG} import",
        description="Convert a Moodle question bank (Moodle XML or GIFT) into an Unspun lesson pack.",
    )
    parser.add_argument("bank", metavar="BANK", help="the bank: a .xml (Moodle XML) or .gift/.txt (GIFT) file")
    parser.add_argument("-o", "--output", required=True, metavar="DIR", help="the pack folder to write (new or empty)")
    parser.add_argument("--format", choices=("moodle-xml", "gift"), help="the bank's format (default: from its content)")
    parser.add_argument("--id", help="the pack's id (default: from the bank's file name)")
    parser.add_argument("--title", help="the pack's title (default: from the bank's file name)")
    return parser


def read_bank(path: Path, fmt: str | None = None) -> ImportResult:
    """Read a bank file in either format, guessing the format from its first characters when not given."""
    data = read_bank_bytes(path)
    text = decode_text(data, path.name)
    if fmt is None:
        fmt = "moodle-xml" if text.lstrip().startswith("<") else "gift"
    if fmt == "moodle-xml":
        from app.model.interchange.moodle_xml import read_moodle_xml

        return read_moodle_xml(data)
    from app.model.interchange.gift import read_gift

    return read_gift(text)


def run_import(argv: list[str]) -> int:
    """Convert the bank; return 0 when a pack was written, 1 when nothing was, 2 for a bad command line."""
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as stop:
        return stop.code if isinstance(stop.code, int) else 2
    bank = Path(args.bank)
    try:
        result = read_bank(bank, args.format)
        for skipped in result.skipped:
            print(f"{args.bank}:{skipped.line}: not converted: {skipped.reason}", file=sys.stderr)
        for note in result.notes:
            print(f"{args.bank}:{note.line}: note: {note.reason}", file=sys.stderr)
        title = args.title or bank.stem.replace("_", " ").replace("-", " ").strip().capitalize() or "Imported bank"
        pack_id = args.id or slugify(bank.stem, "bank")
        written = write_pack(result, Path(args.output), pack_id=pack_id, title=title)
    except BankError as error:
        print(f"unspun import: {args.bank}: {error}", file=sys.stderr)
        return 1
    reflections = f" and {written.reflects} reflections" if written.reflects else ""
    not_converted = f"; {len(result.skipped)} not converted (listed above)" if result.skipped else ""
    print(f"Wrote {written.questions} questions{reflections} in {written.modules} modules to {args.output}/{not_converted}")
    print(f"Check it:   unspun validate {args.output}")
    return 0

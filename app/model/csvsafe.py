"""The one CSV writer: every cell spreadsheet-safe, every file written whole.

A spreadsheet runs a cell that starts with ``=``, ``+``, ``-`` or ``@`` as a formula, and some
also after a leading tab or carriage return (OWASP, "CSV Injection"). Text in our CSV files comes
from packs, results files and learners, so any of it may be hostile: ``=HYPERLINK(...)`` in a
pack title would become a live link in a teacher's gradebook. Every text cell that starts with
one of those characters is written with a leading apostrophe, which spreadsheets show as text.
Numbers are left alone (a negative number is a number, not a formula).

Every CSV the application writes goes through ``open_csv`` (or ``SafeCsvWriter`` over a handle
the caller opened), so header rows and titles are covered too. Qt-free.
"""

from __future__ import annotations

import contextlib
import csv
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, Any

from app.model.atomic import atomic_open

#: a text cell starting with one of these is neutralised
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
#: the encoding spreadsheets (Excel above all) recognise as UTF-8: with a byte-order mark
CSV_ENCODING = "utf-8-sig"


def needs_neutralising(text: str) -> bool:
    """Whether ``text`` would start a formula in a spreadsheet cell."""
    return text[:1] in FORMULA_TRIGGERS


def safe_cell(value: Any) -> Any:
    """Return ``value`` made safe for a spreadsheet cell: text that would start a formula gets a
    leading apostrophe; anything else is returned as it is."""
    if isinstance(value, str) and needs_neutralising(value):
        return "'" + value
    return value


class SafeCsvWriter:
    """``csv.writer`` with every cell of every row passed through ``safe_cell``."""

    def __init__(self, handle: IO[str]) -> None:
        self._writer = csv.writer(handle)

    def writerow(self, row: Iterable[Any]) -> None:
        self._writer.writerow([safe_cell(cell) for cell in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)

    def writedict(self, fieldnames: Sequence[str], row: Mapping[str, Any]) -> None:
        """Write ``row`` as the cells of ``fieldnames``, in order (missing keys are empty cells)."""
        self.writerow([row.get(name, "") for name in fieldnames])


@contextlib.contextmanager
def open_csv(path: Path | str) -> Iterator[SafeCsvWriter]:
    """Open ``path`` for a CSV (UTF-8 with a byte-order mark) and yield a safe writer.

    The file appears only when the block ends without an exception; a failure leaves no partial
    file and raises ``OutputError`` (from ``app.model.atomic``) for an ``OSError``.
    """
    with atomic_open(path, "w", encoding=CSV_ENCODING, newline="") as handle:
        yield SafeCsvWriter(handle)


def write_csv(path: Path | str, header: Sequence[str] | None, rows: Iterable[Iterable[Any]]) -> None:
    """Write one table (an optional header row, then ``rows``) to ``path`` safely."""
    with open_csv(path) as writer:
        if header is not None:
            writer.writerow(header)
        writer.writerows(rows)

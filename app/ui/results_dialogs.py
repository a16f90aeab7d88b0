"""File › Export results… and Import results…, and the plain messages about the progress file.

Export writes the current learner's results as xAPI 1.0.3 statements (.json) or as a spreadsheet
(.csv), chosen by the file's extension. Import merges a .json results file, skipping statements
already present. Failures arrive as ``ResultsError`` or ``ProgressError`` with a message for
people, and are shown in a dialog, never as a traceback. The dialog functions at the top are
module functions so that tests can replace them.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QWidget

from app.model.progress import ProgressError
from app.ui.dialogs import inform, warn

if TYPE_CHECKING:
    from app.model.pack import Pack
    from app.model.progress import ProgressStore, RecoveryReport
    from app.model.results import ImportSummary

JSON_FILTER = "xAPI statements (*.json)"
CSV_FILTER = "Spreadsheet, CSV (*.csv)"


# ---------------------------------------------------------------- dialogs (tests replace these)


def choose_export_path(parent: QWidget | None, suggested: Path) -> str | None:
    """Ask where to save the results; the extension picks the format. None when cancelled."""
    path, chosen_filter = QFileDialog.getSaveFileName(
        parent, "Export results", str(suggested), f"{JSON_FILTER};;{CSV_FILTER}", JSON_FILTER
    )
    if not path:
        return None
    if Path(path).suffix.lower() not in (".json", ".csv"):
        path += ".csv" if chosen_filter == CSV_FILTER else ".json"
    return path


def choose_import_path(parent: QWidget | None) -> str | None:
    """Ask for a results file to import. None when cancelled."""
    path, _ = QFileDialog.getOpenFileName(
        parent, "Import results", str(Path.home()), f"{JSON_FILTER};;All files (*)"
    )
    return path or None


# ---------------------------------------------------------------- export and import


def suggested_export_path(store: ProgressStore, profile_id: int, folder: Path | None = None) -> Path:
    """Suggest a file name: unspun-results-<learner>-<date>.json in the home folder."""
    profile = store.profile(profile_id)
    name = re.sub(r"[^\w-]+", "-", profile.name if profile else "learner").strip("-").lower() or "learner"
    return (folder or Path.home()) / f"unspun-results-{name}-{date.today().isoformat()}.json"


def export_results(
    parent: QWidget | None,
    store: ProgressStore,
    profile_id: int,
    packs: Sequence[Pack],
    path: str | None = None,
) -> int | None:
    """Export the learner's results (asking where when ``path`` is None); return how many were written."""
    from app.model import results  # only now: the window opens without it
    if path is None:
        try:
            suggested = suggested_export_path(store, profile_id)
        except ProgressError as error:
            warn(parent, "Results not exported", str(error))
            return None
        path = choose_export_path(parent, suggested)
        if path is None:
            return None
    target = Path(path)
    try:
        if target.suffix.lower() == ".csv":
            count = results.export_csv(store, profile_id, target)
            noun = "answer" if count == 1 else "answers"
            what = f"{count} {noun} as a spreadsheet"
        else:
            count = results.export_json(store, profile_id, packs, target)
            noun = "statement" if count == 1 else "statements"
            what = f"{count} xAPI {noun}"
    except (results.ResultsError, ProgressError) as error:
        warn(parent, "Results not exported", str(error))
        return None
    inform(parent, "Results exported", f"Saved {what} to {target}.")
    return count


def import_summary_text(summary: ImportSummary) -> str:
    """Say what an import did: added, skipped as already here, ignored, and profiles made."""
    added = f"{summary.added} result{'s' * (summary.added != 1)} added"
    skipped = f"{summary.duplicates} skipped because they were already here"
    lines = [f"{added}; {skipped}."]
    if summary.ignored:
        lines.append(f"{summary.ignored} could not be read by this version of Unspun and were left out.")
    created = [name for _id, name, new in summary.profiles if new]
    if created:
        lines.append("New profile" + ("s" if len(created) > 1 else "") + ": " + ", ".join(created) + ".")
    return "\n".join(lines)


def import_results(parent: QWidget | None, store: ProgressStore, path: str | None = None) -> ImportSummary | None:
    """Merge a results file into the store (asking for it when ``path`` is None); return what was done."""
    from app.model import results
    if path is None:
        path = choose_import_path(parent)
        if path is None:
            return None
    try:
        summary = results.import_results(store, path)
    except results.ResultsError as error:
        warn(parent, "Results not imported", f"{error}\n\nNothing from this file was imported.")
        return None
    except ProgressError as error:
        warn(parent, "Results not imported", str(error))
        return None
    inform(parent, "Results imported", import_summary_text(summary))
    return summary


# ---------------------------------------------------------------- the progress file


def show_recovery(parent: QWidget | None, report: RecoveryReport) -> None:
    """Tell the learner plainly that their progress file was restored from a backup or started afresh."""
    warn(parent, "Your progress file was recovered", report.message)


def show_progress_error(parent: QWidget | None, error: ProgressError) -> None:
    """Say that progress could not be saved or read (a full disk, a read-only folder), without closing."""
    warn(parent, "Progress not saved", str(error))


def progress_error_hook(parent: Callable[[], QWidget | None], previous: Callable[..., object]) -> Callable[..., None]:
    """Return an excepthook that shows a ProgressError escaping any screen in a dialog, and passes on the rest.

    Qt hands exceptions raised in slots to ``sys.excepthook``; with this hook a full disk or a
    read-only folder met anywhere (opening a step, saving a reflection) is told to the learner
    plainly and the app carries on, instead of a traceback on the console.
    """

    def hook(kind: type[BaseException], error: BaseException, trace: object) -> None:
        if isinstance(error, ProgressError):
            show_progress_error(parent(), error)
            return
        previous(kind, error, trace)

    return hook


def install_progress_error_hook(parent: Callable[[], QWidget | None]) -> None:
    """Make ``sys.excepthook`` show ProgressErrors from any slot in a dialog (see ``progress_error_hook``)."""
    sys.excepthook = progress_error_hook(parent, sys.excepthook)

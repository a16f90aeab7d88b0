"""Opening with recovery: a damaged or unreadable file is moved aside and the newest good backup restored."""

from __future__ import annotations

import os
import sqlite3
from contextlib import suppress
from datetime import datetime
from pathlib import Path

from app.model.progress.backups import (
    BACKUP_FOLDER,
    check_backup,
    file_stamp,
    free_name,
    list_backups,
    remove_stale_partials,
)
from app.model.progress.base import DamagedProgressError, ProgressError, explain, utc_now
from app.model.progress.records import RecoveryAction, RecoveryReport
from app.model.progress.store import ProgressStore


def move_aside(path: Path, now: datetime) -> Path:
    """Rename a damaged file (and its -wal, -shm, -journal) to ``<name>.corrupt-<stamp>``; return the new path."""
    target = free_name(path.parent, f"{path.name}.corrupt-{file_stamp(now)}", "")
    os.replace(path, target)
    for companion in ("-wal", "-shm", "-journal"):
        source = path.with_name(path.name + companion)
        if source.exists():
            os.replace(source, target.with_name(target.name + companion))
    return target


def _restore(backup: Path, path: Path) -> None:
    """Copy a backup to ``path`` atomically: written beside it, synced, then renamed into place.

    A kill at any moment leaves either no file at ``path`` (the damaged one is already aside, so
    the next start restores again) or the whole restored file; never half of one.
    """
    partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
    try:
        source = sqlite3.connect(f"{backup.resolve().as_uri()}?mode=ro", uri=True)
        try:
            target = sqlite3.connect(partial, isolation_level=None)
            try:
                source.backup(target)
                target.execute("PRAGMA journal_mode = DELETE")  # one self-contained file, no -wal beside it
            finally:
                target.close()
        finally:
            source.close()
        with open(partial, "rb+") as handle:
            os.fsync(handle.fileno())
        for companion in ("-wal", "-shm", "-journal"):  # a stale companion must not be applied to the copy
            with suppress(FileNotFoundError):
                path.with_name(path.name + companion).unlink()
        os.replace(partial, path)
        _sync_folder(path.parent)
    finally:
        with suppress(OSError):
            partial.unlink()


def _sync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX; elsewhere the rename is durable on its own)."""
    if os.name != "posix":
        return
    with suppress(OSError):
        handle = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(handle)
        finally:
            os.close(handle)


def open_with_recovery(
    path: Path | str, backups_dir: Path | str | None = None, now: datetime | None = None
) -> tuple[ProgressStore, RecoveryReport | None]:
    """Open the progress file with automatic backups, recovering a damaged one; say what was done.

    ``backups_dir`` defaults to ``backups`` beside the file. When the file is damaged or
    unreadable it is moved aside and the newest healthy backup restored (or a fresh file
    started); the returned ``RecoveryReport`` (also ``store.recovery``) says so, and is None when
    the file opened normally. Raises ProgressError when even that fails (read-only folder, full
    disk, a file from a newer Unspun).
    """
    path = Path(path)
    folder = Path(backups_dir) if backups_dir is not None else path.parent / BACKUP_FOLDER
    moment = now or utc_now()
    for place in (folder, path.parent):
        remove_stale_partials(place, moment)
    report: RecoveryReport | None = None
    existed = path.exists() or _is_link(path)
    if not path.exists() and not _is_link(path) and any(check_backup(b.path) for b in list_backups(folder)):
        # A missing file with backups beside it was lost, not never made: restore, and say so.
        store, report = _recover(path, folder, "was missing", moment)
    else:
        try:
            store = ProgressStore.open(path)
        except DamagedProgressError as damage:
            store, report = _recover(path, folder, damage.problem, moment)
    store.backups_dir = folder
    store.recovery = report
    # A store started afresh must not rotate out the backups it would be restored from.
    started_afresh = report is not None and report.action is RecoveryAction.FRESH_START
    store.keep_all_backups = started_afresh or (not existed and bool(list_backups(folder)))
    store.backup_if_due(moment)
    return store, report


def _is_link(path: Path) -> bool:
    """Tell whether ``path`` is a symbolic link (perhaps a dangling one)."""
    try:
        return path.is_symlink()
    except OSError:
        return False


def _recover(path: Path, folder: Path, problem: str, now: datetime) -> tuple[ProgressStore, RecoveryReport]:
    """Move a damaged file aside and restore the newest healthy backup, or start afresh."""
    try:
        kept_aside = move_aside(path, now) if path.exists() else None
    except OSError as error:
        raise ProgressError(
            f"The progress file {path} {problem}, and it could not be moved aside: {explain(error)}."
        ) from error
    rejected: list[Path] = []
    for backup in list_backups(folder):
        if not check_backup(backup.path):
            rejected.append(backup.path)
            continue
        try:
            _restore(backup.path, path)
            store = ProgressStore.open(path)
        except (OSError, sqlite3.Error, ProgressError):
            rejected.append(backup.path)
            for leftover in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
                with suppress(OSError):
                    leftover.unlink()
            continue
        return store, RecoveryReport(
            RecoveryAction.RESTORED, problem, kept_aside, backup.path, backup.taken_at, tuple(rejected)
        )
    store = ProgressStore.open(path)
    return store, RecoveryReport(RecoveryAction.FRESH_START, problem, kept_aside, None, None, tuple(rejected))


# ---------------------------------------------------------------- the store

"""Automatic backups: their names, the rotation that prunes them, and the check that a backup is usable."""

from __future__ import annotations

import os
import re
import sqlite3
from contextlib import suppress
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from app.model.progress import migrations
from app.model.progress.base import utc_now

BACKUP_FOLDER = "backups"
#: A new automatic backup is taken at opening only when the newest is older than this.
BACKUP_INTERVAL = timedelta(minutes=30)
#: Pruning keeps this many newest backups ...
KEEP_NEWEST = 10
#: ... and, besides, the newest backup of each of this many last days.
KEEP_DAILY_DAYS = 7
_BACKUP_NAME = re.compile(r"^progress-(\d{8}-\d{6})(?:-(\d+))?\.sqlite3$")
_STAMP_FORMAT = "%Y%m%d-%H%M%S"


@dataclass(frozen=True, slots=True)
class BackupFile:
    """One automatic backup: its file and when it was taken (UTC, from its name)."""

    path: Path
    taken_at: datetime


def file_stamp(moment: datetime) -> str:
    """Format a time for a file name: UTC, to the second."""
    return moment.astimezone(UTC).strftime(_STAMP_FORMAT)


def free_name(folder: Path, stem: str, suffix: str) -> Path:
    """Return ``folder/stem+suffix``, or with ``-2``, ``-3``... added to the stem when that exists."""
    candidate = folder / f"{stem}{suffix}"
    number = 1
    while candidate.exists():
        number += 1
        candidate = folder / f"{stem}-{number}{suffix}"
    return candidate


def list_backups(folder: Path | str) -> list[BackupFile]:
    """Return the automatic backups in ``folder``, newest first (other files are ignored)."""
    folder = Path(folder)
    found: list[tuple[datetime, int, Path]] = []
    with suppress(OSError):
        for entry in folder.iterdir():
            match = _BACKUP_NAME.match(entry.name)
            if match is None or not entry.is_file():
                continue
            taken = datetime.strptime(match.group(1), _STAMP_FORMAT).replace(tzinfo=UTC)
            found.append((taken, int(match.group(2) or 1), entry))
    found.sort(reverse=True)
    return [BackupFile(path, taken) for taken, _, path in found]


def backups_to_keep(backups: list[BackupFile], now: datetime) -> set[Path]:
    """Choose the backups the rotation keeps: the newest ``KEEP_NEWEST`` and one a day for ``KEEP_DAILY_DAYS`` days."""
    newest_first = sorted(backups, key=lambda backup: backup.taken_at, reverse=True)
    keep = {backup.path for backup in newest_first[:KEEP_NEWEST]}
    first_day = (now - timedelta(days=KEEP_DAILY_DAYS - 1)).date()
    days_seen: set[object] = set()
    for backup in newest_first:
        day = backup.taken_at.date()
        if first_day <= day <= now.date() and day not in days_seen:
            days_seen.add(day)
            keep.add(backup.path)
    return keep


def prune_backups(folder: Path | str, now: datetime | None = None) -> list[Path]:
    """Delete the automatic backups the rotation no longer keeps; return those deleted.

    Besides the rotation, the newest backup that passes ``check_backup`` is always kept, so that
    a run of damaged backups can never push out the last good one.
    """
    backups = list_backups(folder)
    keep = backups_to_keep(backups, now or utc_now())
    last_good = next((backup.path for backup in backups if check_backup(backup.path)), None)
    if last_good is not None:
        keep.add(last_good)
    removed = []
    for backup in backups:
        if backup.path not in keep:
            with suppress(FileNotFoundError):  # another instance may prune at the same moment
                backup.path.unlink()
            removed.append(backup.path)
    return removed


def check_backup(path: Path) -> bool:
    """Tell whether a backup file is a healthy progress file this version can read."""
    try:
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except (OSError, sqlite3.Error):
        return False
    try:
        db.text_factory = lambda data: data.decode("utf-8", "replace")
        rows = db.execute("PRAGMA integrity_check").fetchall()
        version = int(db.execute("PRAGMA user_version").fetchone()[0])
        return [tuple(row) for row in rows] == [("ok",)] and 1 <= version <= migrations.SCHEMA_VERSION
    except (sqlite3.Error, ValueError, TypeError):
        return False
    finally:
        db.close()


#: A ``.partial`` file (a backup or restore being written) older than this was left by a killed process.
PARTIAL_STALE_AFTER = timedelta(minutes=2)


def remove_stale_partials(folder: Path, now: datetime | None = None) -> list[Path]:
    """Delete the ``.partial`` files a killed backup or restore left in ``folder``; return those deleted.

    Partial files are named ``.<name>.<pid>.partial``. One whose process is gone (on systems
    where that can be asked) or older than ``PARTIAL_STALE_AFTER`` (a partial file lives about
    60 ms, even for a large store) belongs to no running process, not even a second instance.
    """
    moment = (now or utc_now()).timestamp()
    removed = []
    with suppress(OSError):
        for entry in folder.iterdir():
            if not entry.name.endswith(".partial"):
                continue
            with suppress(OSError):
                old = moment - entry.stat().st_mtime >= PARTIAL_STALE_AFTER.total_seconds()
                if (old or _writer_gone(entry.name)) and entry.is_file():
                    entry.unlink()
                    removed.append(entry)
    return removed


def _writer_gone(name: str) -> bool:
    """Tell whether the process named in a partial file's name has certainly ended (POSIX only)."""
    match = re.search(r"\.(\d+)\.partial$", name)
    if match is None or os.name != "posix":
        return False
    pid = int(match.group(1))
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)  # signal 0 sends nothing: it only asks whether the process exists
    except ProcessLookupError:
        return True
    except OSError:
        return False
    return False

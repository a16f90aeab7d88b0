"""Progress is never silently reset: empty, unreadable, half-restored and randomly damaged files.

Every damaged file is moved aside and the newest good backup restored, with a report for the
learner; a fresh store is started only when no backup is good, and that is reported too.
"""

from __future__ import annotations

import os
import random
import shutil
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app.model.attempts import QuestionResult, QuizResult
from app.model.progress import (
    BACKUP_FOLDER,
    ProgressError,
    ProgressStore,
    RecoveryAction,
    list_backups,
    open_with_recovery,
    prune_backups,
)
from app.model.progress.backups import remove_stale_partials

WHERE = ("pack-a", "module-a", "lesson-a", "quiz")
T0 = datetime(2025, 3, 10, 12, 0, tzinfo=UTC)
LATER = T0 + timedelta(minutes=5)  # within the backup interval: opening takes no new backup


def make_store(folder: Path, attempts: int = 6) -> Path:
    """Write a small progress file with a backup of it, both in ``folder``; return the file's path."""
    path = folder / "progress.sqlite3"
    store, report = open_with_recovery(path, now=T0)
    assert report is None
    with store:
        profile = store.ensure_default_profile()
        store.rename_profile(profile, "Ada ünïcode")
        for number in range(attempts):
            result = QuestionResult(f"q-{number}", 1, 1.0, 1.0, 1.0, 1, "single")
            store.record_attempt(profile, *WHERE, QuizResult((result,), 0.5), {f"q-{number}": "single"}, None)
        store.save_reflection(profile, *WHERE[:3], "r", "what I noticed " * 20)
        store.record_visit(profile, *WHERE)
        store.make_backup(T0)
    return path


def read_everything(store: ProgressStore) -> int:
    """Read what the screens and the export read; return how many attempts the learner has."""
    total = 0
    for profile in store.profiles():
        store.last_position(profile.id)
        store.reflections(profile.id)
        store.checks(profile.id)
        store.time_studied(profile.id)
        total += len(store.stored_attempts(profile.id))
    return total


@pytest.fixture(scope="module")
def original(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One small store and its backup, copied by each test that damages it."""
    return make_store(tmp_path_factory.mktemp("original"))


def copy_of(original: Path, folder: Path) -> Path:
    """Copy the progress file and its backups folder into ``folder``; return the copy's path."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy2(original, folder / original.name)
    shutil.copytree(original.parent / BACKUP_FOLDER, folder / BACKUP_FOLDER)
    return folder / original.name


def test_an_empty_file_is_restored_from_the_backup(original: Path, tmp_path: Path) -> None:
    """A 0-byte progress file is not a new store: it is moved aside, the backup restored, the learner told."""
    path = copy_of(original, tmp_path)
    path.write_bytes(b"")
    store, report = open_with_recovery(path, now=LATER)
    with store:
        assert report is not None and report.action is RecoveryAction.RESTORED
        assert read_everything(store) == 6
        assert "was empty" in report.message and "restored from the backup" in report.message
    assert (tmp_path / f"{path.name}.corrupt-20250310-120500").exists()


def test_a_file_lost_during_a_restore_is_restored_on_the_next_start(original: Path, tmp_path: Path) -> None:
    """A kill mid-restore leaves the damaged file aside and a partial copy: the next start restores, and says so."""
    path = copy_of(original, tmp_path)
    path.rename(tmp_path / f"{path.name}.corrupt-20250310-120000")
    partial = tmp_path / f".{path.name}.999999999.partial"  # a process that cannot exist
    partial.write_bytes(b"SQLite format 3\x00" + b"\x00" * 100)
    store, report = open_with_recovery(path, now=LATER)
    with store:
        assert report is not None and report.action is RecoveryAction.RESTORED
        assert "was missing" in report.message
        assert read_everything(store) == 6
    assert not partial.exists()


def test_stale_partial_backups_are_removed_and_live_ones_kept(tmp_path: Path) -> None:
    """Partial files of ended processes, or old ones, are deleted at start; one being written now is not."""
    dead = tmp_path / ".progress-20250310-120000.sqlite3.999999999.partial"
    mine = tmp_path / f".progress-20250310-120000.sqlite3.{os.getpid()}.partial"
    old_mine = tmp_path / f".progress-20250309-120000.sqlite3.{os.getpid()}.partial"
    for entry in (dead, mine, old_mine):
        entry.write_bytes(b"x")
    hour_ago = (datetime.now(UTC) - timedelta(hours=1)).timestamp()
    os.utime(old_mine, (hour_ago, hour_ago))
    removed = remove_stale_partials(tmp_path)
    assert set(removed) == {dead, old_mine}
    assert mine.exists()


def test_damage_only_the_full_integrity_check_finds_is_recovered(original: Path, tmp_path: Path) -> None:
    """An index that no longer matches its table passes quick_check; opening still finds it and restores."""
    path = copy_of(original, tmp_path)
    db = sqlite3.connect(path)
    db.execute("PRAGMA writable_schema = ON")
    # Say the index holds other columns than it does: its entries no longer match the table's rows.
    db.execute(
        "UPDATE sqlite_master SET sql = 'CREATE INDEX attempts_by_time ON attempts (profile_id, score)' "
        "WHERE name = 'attempts_by_time'"
    )
    db.commit()
    db.close()
    check = sqlite3.connect(path)
    quick = check.execute("PRAGMA quick_check").fetchall()
    full = check.execute("PRAGMA integrity_check").fetchall()
    check.close()
    assert quick == [("ok",)] and full != [("ok",)]  # damage that only the full check finds
    store, report = open_with_recovery(path, now=LATER)
    with store:
        assert report is not None and report.action is RecoveryAction.RESTORED, quick
        assert read_everything(store) == 6


def test_invalid_text_in_the_file_never_stops_the_app(original: Path, tmp_path: Path) -> None:
    """Bytes that are not UTF-8 inside a stored name read as damaged text, never a UnicodeDecodeError."""
    path = copy_of(original, tmp_path)
    db = sqlite3.connect(path)
    db.execute("UPDATE profiles SET name = CAST(X'41FFFE42' AS TEXT)")
    db.commit()
    db.close()
    store, report = open_with_recovery(path, now=LATER)
    with store:
        assert report is None
        assert store.profiles()[0].name == "A\ufffd\ufffdB"


def test_a_fresh_start_never_prunes_the_backups(tmp_path: Path) -> None:
    """With no good backup the store starts afresh, says so, and its own backups rotate none of the old ones out."""
    path = tmp_path / "progress.sqlite3"
    folder = tmp_path / BACKUP_FOLDER
    folder.mkdir()
    for day in range(15):  # damaged backups the learner might still want a specialist to look at
        (folder / f"progress-202503{day + 1:02d}-120000.sqlite3").write_bytes(b"not a database")
    path.write_bytes(b"not a database either, but long enough " * 40)
    store, report = open_with_recovery(path, now=T0)
    assert report is not None and report.action is RecoveryAction.FRESH_START
    assert "No usable backup was found" in report.message
    with store:
        store.ensure_default_profile()
        for hour in range(12):
            store.make_backup(T0 + timedelta(hours=hour))
    assert len(list_backups(folder)) == 15 + 12


def test_rotation_keeps_the_last_good_backup(original: Path, tmp_path: Path) -> None:
    """However many damaged backups come after it, pruning keeps the newest good one."""
    path = copy_of(original, tmp_path)
    folder = tmp_path / BACKUP_FOLDER
    good = list_backups(folder)[0].path
    for day in range(1, 20):
        moment = T0 + timedelta(days=day)
        (folder / f"progress-{moment:%Y%m%d-%H%M%S}.sqlite3").write_bytes(b"damaged")
    removed = prune_backups(folder, T0 + timedelta(days=20))
    assert good not in removed and good.exists()
    assert removed  # the rotation did prune the others
    assert path.exists()


def damage(path: Path, rng: random.Random) -> str:
    """Damage a file the way disks and killed copies do, chosen by ``rng``; say how."""
    data = bytearray(path.read_bytes())
    how = rng.choice(["bytes", "bytes", "bytes", "run", "page", "truncate", "header", "empty"])
    if how == "bytes":
        for _ in range(rng.randint(1, 12)):
            data[rng.randrange(len(data))] = rng.randrange(256)
    elif how == "run":
        start = rng.randrange(len(data))
        data[start : start + rng.randint(16, 600)] = bytes(rng.randrange(256) for _ in range(rng.randint(16, 600)))
    elif how == "page":
        page = rng.randrange(len(data) // 4096) * 4096
        data[page : page + 4096] = bytes(4096) if rng.random() < 0.5 else rng.randbytes(4096)
    elif how == "truncate":
        data = data[: rng.randrange(len(data))]
    elif how == "header":
        for _ in range(rng.randint(1, 4)):
            data[rng.randrange(100)] = rng.randrange(256)
    else:
        data = bytearray()
    path.write_bytes(bytes(data))
    return how


def test_two_hundred_damaged_files_never_stop_the_store_or_lose_progress_silently(
    original: Path, tmp_path: Path
) -> None:
    """Random damage to 200 files: opening never raises, and never shows an empty store while a backup exists."""
    rng = random.Random(20261207)
    outcomes: dict[str, int] = {}
    for trial in range(200):
        path = copy_of(original, tmp_path / f"t{trial}")
        how = damage(path, rng)
        before = path.read_bytes() if path.exists() else b""
        try:
            store, report = open_with_recovery(path, now=LATER)
        except ProgressError as error:
            # A flipped schema version can claim a newer Unspun: refused with that message, the
            # file left exactly as it was for the newer version (nothing reset, nothing lost).
            assert "newer version of Unspun" in str(error), f"trial {trial} ({how}): {error}"
            assert path.read_bytes() == before
            outcomes["refused as newer"] = outcomes.get("refused as newer", 0) + 1
            shutil.rmtree(tmp_path / f"t{trial}")
            continue
        with store:
            try:
                attempts = read_everything(store)
            except Exception as error:
                pytest.fail(f"trial {trial} ({how}): reading after opening raised {error!r}")
            if report is None:
                # Opened as it was: the learner's work must all be there, not silently gone.
                assert attempts == 6, f"trial {trial} ({how}): {attempts} attempts and no report"
                outcomes["intact"] = outcomes.get("intact", 0) + 1
            else:
                assert report.action is RecoveryAction.RESTORED, f"trial {trial} ({how}): {report}"
                assert attempts == 6
                assert report.message
                outcomes["restored"] = outcomes.get("restored", 0) + 1
            store.ensure_default_profile()  # and the store takes writes
        shutil.rmtree(tmp_path / f"t{trial}")
    assert outcomes.get("restored", 0) > 50  # the damage was real

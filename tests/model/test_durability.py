"""Durability of the progress store: SIGKILL crash loop, recovery paths, backups, full disk, read-only, two writers, upgrade."""

from __future__ import annotations

import os
import random
import selectors
import signal
import sqlite3
import stat
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import IO

import pytest

from app.model import progress
from app.model.attempts import QuestionResult, QuizResult
from app.model.progress import (
    BACKUP_INTERVAL,
    KEEP_DAILY_DAYS,
    KEEP_NEWEST,
    SCHEMA_VERSION,
    BackupFile,
    DamagedProgressError,
    ProgressError,
    ProgressStore,
    RecoveryAction,
    backups_to_keep,
    check_backup,
    list_backups,
    open_with_recovery,
    prune_backups,
)
from app.model.progress.recovery import move_aside
from tests.stored import stored_rows

ROOT = Path(__file__).resolve().parents[2]
WHERE = ("pack-a", "module-a", "lesson-a", "quiz")
T0 = datetime(2025, 3, 10, 12, 0, tzinfo=UTC)


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "progress.sqlite3"


def attempt(question_id: str = "q", fraction: float = 1.0) -> QuizResult:
    return QuizResult((QuestionResult(question_id, 1, fraction, fraction, 1.0),), 0.5)


def fill(store: ProgressStore, count: int, prefix: str = "q") -> int:
    """Record ``count`` attempts for the default profile and return its id."""
    profile = store.ensure_default_profile()
    for number in range(count):
        qid = f"{prefix}-{number}"
        store.record_attempt(profile, *WHERE, attempt(qid), {qid: "judge"}, None)
    return profile


def stored_question_ids(path: Path) -> set[str]:
    """Read every question id in attempts' answers and in checks, straight from the file."""
    db = sqlite3.connect(path)
    try:
        rows = db.execute("SELECT question_id FROM answers UNION SELECT question_id FROM checks").fetchall()
    finally:
        db.close()
    return {row[0] for row in rows}


def damage_pages(path: Path) -> None:
    """Overwrite the body of every page after the second with noise, the way a bad disk might."""
    noise = random.Random(5)
    data = bytearray(path.read_bytes())
    for offset in range(4096 * 2, len(data), 4096):
        data[offset + 8 : offset + 400] = bytes(noise.randrange(256) for _ in range(392))
    path.write_bytes(bytes(data))


def damage_header(path: Path) -> None:
    """Overwrite the file's first bytes, so that it is no longer an SQLite file at all."""
    data = bytearray(path.read_bytes())
    data[:100] = b"\x00garbage" * 12 + b"\x00" * 4
    path.write_bytes(bytes(data))


def unprivileged(action: Callable[[], str]) -> str:
    """Run ``action`` as an ordinary user (forking and dropping root if need be); return what it returns.

    File permissions mean nothing to root, so read-only and unreadable cases must run without it.
    """
    if os.geteuid() != 0:
        return action()
    read_end, write_end = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - runs in the forked child
        try:
            os.close(read_end)
            os.setgroups([])
            os.setgid(65534)
            os.setuid(65534)
            outcome = action()
        except BaseException as error:
            outcome = f"raised {type(error).__name__}: {error}"
        os.write(write_end, outcome.encode())
        os._exit(0)
    os.close(write_end)
    chunks = []
    while chunk := os.read(read_end, 65536):
        chunks.append(chunk)
    os.close(read_end)
    os.waitpid(child, 0)
    return b"".join(chunks).decode()


@pytest.fixture
def shared_tmp() -> Iterator[Path]:
    """A temporary folder an unprivileged user can enter (pytest's own is private to root)."""
    folder = Path(tempfile.mkdtemp(prefix="unspun-durability-"))
    folder.chmod(0o777)
    try:
        yield folder
    finally:
        for entry in sorted(folder.rglob("*"), reverse=True):
            entry.parent.chmod(0o777)
            if entry.is_dir():
                entry.chmod(0o777)
                entry.rmdir()
            else:
                entry.unlink()
        folder.rmdir()


# ---------------------------------------------------------------- crash loop


CRASH_WRITER = """
import sys
from app.model.progress import open_with_recovery
from app.model.attempts import QuestionResult, QuizResult

store, report = open_with_recovery(sys.argv[1])
if report is not None:
    print("RECOVERED " + report.message, flush=True)
profile = store.ensure_default_profile()
number = 0
while True:
    number += 1
    qid = sys.argv[2] + "-" + str(number)
    if number % 3:
        store.record_answer(profile, "p", "m", "l", "s", QuestionResult(qid, number, 1.0, 1.0, 1.0, 1), "judge")
    else:
        result = QuizResult((QuestionResult(qid, number, 0.0, 0.0, 1.0),), 0.5)
        store.record_attempt(profile, "p", "m", "l", "quiz", result, {qid: "judge"}, None)
    print(qid, flush=True)
"""

KILLS = 55


@pytest.mark.slow
def test_confirmed_answers_survive_sigkill_at_random_moments(path: Path) -> None:
    """Killed with SIGKILL 55 times at random moments, the store keeps every confirmed answer and stays intact."""
    rng = random.Random(20250310)
    confirmed: set[str] = set()
    path.parent.mkdir(parents=True)
    for run in range(KILLS):
        writer = subprocess.Popen(
            [sys.executable, "-c", CRASH_WRITER, str(path), f"run{run}"],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert writer.stdout is not None
        # Mostly kill mid-stream after some confirmed writes, sometimes while still starting up.
        wanted = 0 if rng.random() < 0.15 else rng.randint(1, 40)
        lines: list[str] = []
        for _ in range(wanted):
            line = writer.stdout.readline()
            if not line:
                break
            lines.append(line.strip())
        time.sleep(rng.uniform(0, 0.004) if wanted else rng.uniform(0, 0.3))
        writer.send_signal(signal.SIGKILL)
        rest, errors = writer.communicate()
        lines.extend(line.strip() for line in rest.splitlines() if line.strip())
        assert writer.returncode == -signal.SIGKILL, errors
        assert not any(line.startswith("RECOVERED") for line in lines), lines
        confirmed.update(lines)

        with ProgressStore.open(path) as store:
            assert store.integrity_check(), f"integrity_check failed after kill {run + 1}"
        missing = confirmed - stored_question_ids(path)
        assert not missing, f"after kill {run + 1}, confirmed answers were lost: {sorted(missing)[:5]}"
    assert len(confirmed) > KILLS  # the loop really wrote between kills


# ---------------------------------------------------------------- recovery


def make_backed_up_store(path: Path) -> int:
    """Create a store with 5 attempts, closed (which backs it up), then add 3 more not in any backup."""
    store, report = open_with_recovery(path)
    assert report is None
    profile = fill(store, 5, "kept")
    store.close()
    with ProgressStore.open(path) as plain:  # plain open takes no backup
        fill(plain, 3, "lost")
    return profile


@pytest.mark.parametrize("damage", [damage_pages, damage_header], ids=["pages", "header"])
def test_damaged_file_is_moved_aside_and_backup_restored(path: Path, damage: Callable[[Path], None]) -> None:
    """A damaged file is renamed .corrupt-<stamp> and the latest backup restored; the report says so."""
    profile = make_backed_up_store(path)
    original = path.read_bytes()
    damage(path)
    damaged_bytes = path.read_bytes()
    assert damaged_bytes != original
    with pytest.raises(DamagedProgressError):
        ProgressStore.open(path)

    store, report = open_with_recovery(path, now=T0)
    with store:
        assert report is not None and store.recovery is report
        assert report.action is RecoveryAction.RESTORED
        assert report.kept_aside is not None
        assert report.kept_aside.name == "progress.sqlite3.corrupt-20250310-120000"
        assert report.kept_aside.read_bytes() == damaged_bytes
        assert report.restored_from is not None and report.restored_from.parent == path.parent / "backups"
        assert report.kept_aside.name in report.message and "restored from the backup" in report.message
        restored = {r.results[0].question_id for r in store.attempts(profile, *WHERE)}
        assert restored == {f"kept-{n}" for n in range(5)}
        assert store.quick_check()
        fill(store, 1, "after")  # and the learner can carry on


def test_damaged_newest_backup_falls_back_to_an_older_one(path: Path) -> None:
    """A newest backup that fails quick_check is skipped (and named in the report); an older good one is restored."""
    store, _ = open_with_recovery(path, now=T0)
    fill(store, 2, "old")
    older = store.make_backup(T0)
    fill(store, 2, "new")
    newer = store.make_backup(T0 + timedelta(hours=1))
    store.close()
    damage_pages(newer)
    assert not check_backup(newer) and check_backup(older)
    damage_header(path)

    store, report = open_with_recovery(path, now=T0 + timedelta(hours=2))
    with store:
        assert report is not None and report.action is RecoveryAction.RESTORED
        assert report.restored_from == older
        assert report.rejected_backups == (newer,)
        assert report.backup_taken_at == T0
        profile = store.ensure_default_profile()
        assert {r.results[0].question_id for r in store.attempts(profile, *WHERE)} == {"old-0", "old-1"}


def test_damaged_file_without_backup_starts_afresh(path: Path) -> None:
    """With no backup, a damaged file is kept aside (with its WAL) and a fresh, working file is started."""
    with ProgressStore.open(path) as store:
        fill(store, 3)
    damage_header(path)
    damaged_bytes = path.read_bytes()
    store, report = open_with_recovery(path, now=T0)
    with store:
        assert report is not None and report.action is RecoveryAction.FRESH_START
        assert report.kept_aside is not None and report.kept_aside.read_bytes() == damaged_bytes
        assert "fresh" in report.message and report.kept_aside.name in report.message
        assert store.profiles() == []
        assert store.schema_version() == SCHEMA_VERSION
        fill(store, 1)
    assert stored_question_ids(path) == {"q-0"}


def test_move_aside_takes_the_companion_files(tmp_path: Path) -> None:
    """Moving a damaged file aside takes its -wal and -shm along, and never overwrites an earlier one."""
    path = tmp_path / "progress.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        path.with_name(path.name + suffix).write_text("content" + suffix)
    first = move_aside(path, T0)
    assert first.name == "progress.sqlite3.corrupt-20250310-120000"
    assert first.with_name(first.name + "-wal").read_text() == "content-wal"
    assert first.with_name(first.name + "-shm").read_text() == "content-shm"
    path.write_text("second")
    second = move_aside(path, T0)
    assert second != first and second.read_text() == "second" and first.read_text() == "content"
    assert not path.exists()


def test_something_that_is_not_a_file_is_moved_aside(path: Path) -> None:
    """A folder where the progress file should be cannot be read: it is moved aside and a fresh file started."""
    path.mkdir(parents=True)
    (path / "stray.txt").write_text("kept")
    store, report = open_with_recovery(path, now=T0)
    with store:
        assert report is not None and report.problem == "could not be read"
        assert report.action is RecoveryAction.FRESH_START
        assert report.kept_aside is not None and (report.kept_aside / "stray.txt").read_text() == "kept"
        assert path.is_file()


def test_unreadable_file_is_moved_aside_and_backup_restored(shared_tmp: Path) -> None:
    """A progress file the learner may not read is moved aside and the latest backup restored."""
    folder = shared_tmp / "data"
    folder.mkdir()
    folder.chmod(0o777)
    path = folder / "progress.sqlite3"

    def scenario() -> str:
        store, report = open_with_recovery(path)
        fill(store, 2, "kept")
        store.close()
        path.chmod(0)
        if os.access(path, os.R_OK):
            return "cannot make the file unreadable"
        store, report = open_with_recovery(path)
        with store:
            profile = store.ensure_default_profile()
            kept = sorted(r.results[0].question_id for r in store.attempts(profile, *WHERE))
            assert report is not None
            return f"{report.action.value}|{report.problem}|{','.join(kept)}"

    outcome = unprivileged(scenario)
    assert outcome == "restored|could not be read|kept-0,kept-1"


def test_read_only_folder_gives_a_clear_error_and_keeps_the_file(shared_tmp: Path) -> None:
    """A healthy file in a folder the learner cannot write: a plain ProgressError, the file left where it is."""
    folder = shared_tmp / "data"
    with ProgressStore.open(folder / "progress.sqlite3") as store:
        fill(store, 2)
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR | stat.S_IRGRP | stat.S_IXGRP | stat.S_IROTH | stat.S_IXOTH)

    def scenario() -> str:
        try:
            store, _ = open_with_recovery(folder / "progress.sqlite3")
        except DamagedProgressError as error:
            return f"wrongly called damaged: {error}"
        except ProgressError as error:
            return f"error: {error}"
        store.close()
        return "opened"

    outcome = unprivileged(scenario)
    folder.chmod(0o777)
    assert outcome.startswith("error: The progress file"), outcome
    assert "read-only" in outcome or "cannot be written" in outcome
    assert sorted(entry.name for entry in folder.iterdir()) == ["progress.sqlite3"]
    assert stored_question_ids(folder / "progress.sqlite3") == {"q-0", "q-1"}


def test_read_only_file_system_gives_a_clear_error() -> None:
    """A data folder on a read-only file system gives ProgressError, also through open_with_recovery."""
    with pytest.raises(ProgressError, match="could not be opened"):
        open_with_recovery(Path("/proc/unspun-test/progress.sqlite3"))


def test_data_folder_that_is_a_file_is_named_plainly(tmp_path: Path) -> None:
    """A data folder given as a file says so in words, not as '[Errno 17] File exists'."""
    file = tmp_path / "notes.txt"
    file.write_text("x")
    with pytest.raises(ProgressError) as raised:
        open_with_recovery(file / "progress.sqlite3")
    assert f"{file} is a file, not a folder" in str(raised.value)
    assert "Errno" not in str(raised.value)


def test_write_refused_as_read_only_keeps_everything(path: Path) -> None:
    """A file that turns read-only under a running store: a clear ProgressError, nothing committed lost."""
    with ProgressStore.open(path) as store:
        profile = fill(store, 3)
        store._db.execute("PRAGMA query_only = ON")  # what SQLite reports when the file became read-only
        with pytest.raises(ProgressError, match="read-only") as caught:
            store.save_reflection(profile, *WHERE, "a thought")
        assert "Everything saved before is kept" in str(caught.value)
        assert len(store.attempts(profile, *WHERE)) == 3
    assert stored_question_ids(path) == {"q-0", "q-1", "q-2"}


def test_full_disk_gives_a_clear_error_and_loses_nothing(path: Path) -> None:
    """When the disk is full (a page-capped file) writes fail with a plain message; earlier commits stay and the store goes on."""
    with ProgressStore.open(path) as store:
        profile = fill(store, 10)
        pages = store._db.execute("PRAGMA page_count").fetchone()[0]
        store._db.execute(f"PRAGMA max_page_count = {int(pages) + 2}")
        big = QuizResult(tuple(QuestionResult(f"big-{n}", "x" * 2000, 1.0, 1.0, 1.0) for n in range(40)), 0.5)
        with pytest.raises(ProgressError, match="disk is full") as caught:
            store.record_attempt(profile, *WHERE, big, {}, None)
        assert "Everything saved before is kept" in str(caught.value)
        with pytest.raises(ProgressError, match="disk is full"):
            store.record_attempt(profile, *WHERE, big, {}, None)
        assert len(store.attempts(profile, *WHERE)) == 10  # no half attempt either
        assert store.integrity_check()
        store._db.execute("PRAGMA max_page_count = 1073741823")  # space freed
        store.record_attempt(profile, *WHERE, big, {}, None)
    assert len(stored_question_ids(path)) == 50


# ---------------------------------------------------------------- two instances


TWO_WRITERS = """
import sys
from app.model.progress import open_with_recovery
from app.model.attempts import QuestionResult, QuizResult

store, _ = open_with_recovery(sys.argv[1])
profile = store.ensure_default_profile()
print("ready", flush=True)  # the store is open: the test waits for both before saying go
sys.stdin.readline()  # start together
for number in range(int(sys.argv[3])):
    qid = sys.argv[2] + "-" + str(number)
    result = QuizResult((QuestionResult(qid, number, 1.0, 1.0, 1.0),), 0.5)
    store.record_attempt(profile, "p", "m", "l", "quiz", result, {qid: "judge"}, None)
    store.record_visit(profile, "p", "m", "l", str(number % 7))
store.close()
print("done", flush=True)
"""


def _read_line_within(stream: IO[str], seconds: float) -> str:
    """Return the next line from a child's pipe, or "" if none comes within ``seconds``."""
    with selectors.DefaultSelector() as selector:
        selector.register(stream, selectors.EVENT_READ)
        if not selector.select(timeout=seconds):
            return ""
    return stream.readline()


def test_two_instances_write_at_once_without_loss(path: Path) -> None:
    """Two processes writing to one data folder at once: every commit of both is there and the file is intact."""
    count = 150
    with ProgressStore.open(path) as store:
        store.ensure_default_profile()
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", TWO_WRITERS, str(path), name, str(count)],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("first", "second")
    ]
    for writer in writers:  # the handshake: each says "ready" once it has opened the store
        assert writer.stdout is not None
        assert _read_line_within(writer.stdout, seconds=60) == "ready\n", writer.stderr
    for writer in writers:
        assert writer.stdin is not None
        writer.stdin.write("go\n")
        writer.stdin.flush()
    for writer in writers:
        out, errors = writer.communicate(timeout=120)
        assert writer.returncode == 0, errors
        assert out.strip() == "done"
    expected = {f"{name}-{n}" for name in ("first", "second") for n in range(count)}
    assert stored_question_ids(path) == expected
    with ProgressStore.open(path) as store:
        assert store.integrity_check()
        assert len(store.profiles()) == 1  # both used the same default profile


# ---------------------------------------------------------------- backups


def test_backup_is_one_consistent_file_with_the_last_commit(path: Path) -> None:
    """A backup holds the last commit even while it is only in the WAL, and is not itself in WAL mode."""
    store, _ = open_with_recovery(path, now=T0)
    with store:
        fill(store, 4)
        assert path.with_name(path.name + "-wal").stat().st_size > 0  # commits still in the WAL
        backup = store.make_backup(T0)
    assert backup.name == "progress-20250310-120000.sqlite3"
    header = backup.read_bytes()[:20]
    assert header[18:20] == b"\x01\x01"  # rollback journal, not WAL: a self-contained file
    assert check_backup(backup)
    assert stored_question_ids(backup) == {f"q-{n}" for n in range(4)}


def test_backups_are_taken_at_open_when_due_and_at_close_when_changed(path: Path) -> None:
    """Opening backs up at most once per interval and only with progress to keep; closing backs up changes only."""
    backups = path.parent / "backups"
    store, _ = open_with_recovery(path, now=T0)
    store.close()
    assert list_backups(backups) == []  # nothing recorded: nothing to back up

    store, _ = open_with_recovery(path, now=T0)
    fill(store, 1)
    store.close()
    assert len(list_backups(backups)) == 1  # the change was backed up at close

    store, _ = open_with_recovery(path, now=datetime.now(UTC) + BACKUP_INTERVAL / 2)
    store.close()
    assert len(list_backups(backups)) == 1  # not due yet, and nothing changed

    store, _ = open_with_recovery(path, now=datetime.now(UTC) + BACKUP_INTERVAL * 2)
    assert len(list_backups(backups)) == 2  # due at opening
    store.close()
    assert len(list_backups(backups)) == 2


def test_backup_failure_never_stops_the_learner(path: Path) -> None:
    """When the backup folder cannot be written, opening and closing work and backup_error says why."""
    blocker = path.parent / "backups"
    path.parent.mkdir(parents=True)
    blocker.write_text("a file where the folder should be")
    store, report = open_with_recovery(path, now=T0)
    assert report is None
    fill(store, 1)
    store.close()
    assert store.backup_error is not None and "backed up" in store.backup_error
    assert stored_question_ids(path) == {"q-0"}


def test_rotation_keeps_newest_and_one_a_day_for_a_week(tmp_path: Path) -> None:
    """Pruning keeps the 10 newest plus the newest of each of the last 7 days, and deletes the rest."""
    now = T0
    times = [now - timedelta(minutes=40 * n) for n in range(15)]  # 15 today, 40 minutes apart
    times += [now - timedelta(days=day, hours=hour) for day in range(1, 10) for hour in (1, 5)]
    for moment in times:
        (tmp_path / f"progress-{moment.strftime('%Y%m%d-%H%M%S')}.sqlite3").write_bytes(b"")
    (tmp_path / "notes.txt").write_text("not a backup")
    removed = prune_backups(tmp_path, now)
    kept = {backup.taken_at for backup in list_backups(tmp_path)}
    newest = set(sorted(times, reverse=True)[:KEEP_NEWEST])
    daily = {now - timedelta(days=day, hours=1) for day in range(1, KEEP_DAILY_DAYS)}
    assert kept == newest | daily
    assert len(removed) == len(times) - len(kept)
    assert (tmp_path / "notes.txt").exists()


def test_keep_rule_is_pure() -> None:
    """backups_to_keep chooses by time alone: with few backups, every one is kept."""
    few = [BackupFile(Path(f"/x/{n}"), T0 - timedelta(days=n * 3)) for n in range(4)]
    assert backups_to_keep(few, T0) == {backup.path for backup in few}


def test_same_second_backups_get_distinct_names(path: Path) -> None:
    """Two backups in the same second do not overwrite each other."""
    store, _ = open_with_recovery(path, now=T0)
    with store:
        fill(store, 1)
        first = store.make_backup(T0)
        second = store.make_backup(T0)
    assert first != second and first.exists() and second.exists()
    assert [b.path for b in list_backups(path.parent / "backups")] == [second, first]


# ---------------------------------------------------------------- schema upgrade


def test_version_1_database_upgrades_with_its_data(path: Path) -> None:
    """A file made by schema 1 is upgraded to the latest, keeping profiles, attempts, answers and reflections."""
    path.parent.mkdir(parents=True)
    old = sqlite3.connect(path, isolation_level=None)
    old.execute("BEGIN")
    progress.MIGRATIONS[0](old)
    old.execute("PRAGMA user_version = 1")
    old.execute(
        "INSERT INTO profiles (id, name, created_at) VALUES (1, 'Mei', '2024-01-01T00:00:00.000000+00:00')"
    )
    old.execute(
        """INSERT INTO attempts (id, profile_id, pack_id, module_id, lesson_id, step_key, measure, submitted_at,
               score, points_earned, points_possible, pass_mark, passed, discernment, statement_id)
           VALUES (7, 1, 'pack-a', 'module-a', 'lesson-a', 'quiz', 'pre', '2024-01-02T00:00:00.000000+00:00',
                   0.5, 1, 2, 0.6, 0, 1.5, 'attempt-uuid')"""
    )
    old.execute(
        """INSERT INTO answers VALUES (7, 0, 'q1', 'single', '2', 1.0, 1.0, 1.0, NULL),
                                      (7, 1, 'q2', 'true_false', 'false', 0.0, 0.0, 1.0, 3)"""
    )
    old.execute(
        """INSERT INTO reflections (profile_id, pack_id, module_id, lesson_id, step_key, text, saved_at)
           VALUES (1, 'pack-a', 'module-a', 'lesson-a', 'r', 'my thoughts', '2024-01-03T00:00:00.000000+00:00')"""
    )
    old.execute("COMMIT")
    old.close()

    with ProgressStore.open(path) as store:
        assert store.schema_version() == SCHEMA_VERSION >= 2
        (profile,) = store.profiles()
        assert profile.name == "Mei" and len(profile.uuid) == 36
        (restored,) = store.attempts(1, *WHERE)
        assert restored.attempt_id == 7 and restored.discernment == 1.5
        assert [(r.question_id, r.response, r.tries) for r in restored.results] == [
            ("q1", 2, None),
            ("q2", False, 3),
        ]
        assert store.attempt_statement_id(7) == "attempt-uuid"
        assert store.reflection(1, *WHERE[:3], "r") == "my thoughts"
        assert (
            stored_rows(store, "SELECT count(*) FROM reflections WHERE statement_id IS NOT NULL")[0][0] == 1
        )
        stats = stored_rows(
            store, "SELECT question_id, answered, first_try_sum FROM question_stats ORDER BY question_id"
        )
        assert [tuple(row) for row in stats] == [("q1", 1, 1.0), ("q2", 1, 0.0)]
        store.record_time(1, *WHERE, 30.0)
        assert store.time_studied(1) == 30.0
    with ProgressStore.open(path) as store:  # reopening changes nothing
        assert store.profiles()[0].uuid == profile.uuid

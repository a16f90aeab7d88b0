"""ProgressStore: durable settings, round trips across reopening, verbatim text, migrations, errors."""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.model.answers import Response
from app.model.attempts import QuestionResult, QuizResult
from app.model.progress import SCHEMA_VERSION, ProgressError, ProgressStore

HOSTILE = "x'); DROP TABLE progress;--"
WHERE = ("pack-a", "module-a", "lesson-a", "quiz")

#: One response of every shape answers.py defines, with the question type it belongs to.
RESPONSES: dict[str, tuple[str, Response]] = {
    "q-single": ("single", 2),
    "q-multiple": ("multiple", [0, 2]),
    "q-tf": ("true_false", False),
    "q-short": ("short", "  Ａ testimonial! 中文"),
    "q-order": ("order", [2, 0, 1]),
    "q-match": ("match", {0: 1, 1: 0}),
    "q-spot": ("spot", [(0, 13), (20, 25)]),
    "q-categorize": ("categorize", {0: 1, 2: 0}),
    "q-judge": ("judge", 4),
    "q-unanswered": ("single", None),
}


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "progress.sqlite"


@pytest.fixture
def store(path: Path) -> Iterator[ProgressStore]:
    with ProgressStore.open(path) as opened:
        yield opened


def quiz_result(fractions: dict[str, float] | None = None, discernment: float | None = 1.5) -> QuizResult:
    fractions = fractions or {}
    results = tuple(
        QuestionResult(
            question_id, response, fractions.get(question_id, 0.5), fractions.get(question_id, 0.5), 1.0
        )
        for question_id, (_, response) in RESPONSES.items()
    )
    return QuizResult(results, pass_mark=0.6, discernment=discernment)


def question_types() -> dict[str, str]:
    return {question_id: kind for question_id, (kind, _) in RESPONSES.items()}


# ---------------------------------------------------------------- settings of the connection


def test_connection_is_durable(store: ProgressStore, path: Path) -> None:
    """The file is in WAL mode with synchronous FULL and foreign keys on."""
    db = store._db
    assert db.isolation_level is None
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000
    assert store.schema_version() == SCHEMA_VERSION
    assert path.exists()


def test_attempt_is_committed_before_record_returns(store: ProgressStore, path: Path) -> None:
    """Another connection sees an attempt and its answers as soon as record_attempt returns."""
    profile = store.ensure_default_profile()
    attempt_id = store.record_attempt(profile, *WHERE, quiz_result(), question_types(), None)
    other = sqlite3.connect(path)
    try:
        assert other.execute("SELECT count(*) FROM attempts WHERE id = ?", (attempt_id,)).fetchone()[0] == 1
        assert other.execute("SELECT count(*) FROM answers WHERE attempt_id = ?", (attempt_id,)).fetchone()[
            0
        ] == len(RESPONSES)
    finally:
        other.close()


# ---------------------------------------------------------------- round trips


def test_everything_survives_close_and_reopen(path: Path) -> None:
    """Profiles, visits, positions, attempts with answers, reflections and settings come back after reopening."""
    with ProgressStore.open(path) as store:
        profile = store.create_profile("Mei")
        store.touch_profile(profile)
        store.record_visit(profile, *WHERE[:3], "intro")
        store.record_visit(profile, *WHERE[:3], "#2")
        store.record_visit(profile, *WHERE[:3], "intro")
        result = QuizResult(quiz_result().results, pass_mark=0.6, discernment=-2.5)
        first = store.record_attempt(profile, *WHERE, result, question_types(), "pre", tries={"q-single": 3})
        second = store.record_attempt(profile, *WHERE, quiz_result({"q-single": 1.0}), question_types(), None)
        store.save_reflection(profile, *WHERE[:3], "#5", "first thoughts")
        store.save_reflection(profile, *WHERE[:3], "#5", "second thoughts")
        store.set_setting("window", {"width": 900, "zoom": 1.25, "names": ["a", "ü"]})

    with ProgressStore.open(path) as store:
        assert [(p.id, p.name) for p in store.profiles()] == [(profile, "Mei")]
        assert store.ensure_default_profile() == profile
        assert store.visited_steps(profile, *WHERE[:3]) == {"intro", "#2"}
        position = store.last_position(profile)
        assert position is not None
        assert (position.pack_id, position.module_id, position.lesson_id, position.step_key) == (
            *WHERE[:3],
            "intro",
        )

        attempts = store.attempts(profile, *WHERE)
        assert [a.attempt_id for a in attempts] == [first, second]
        restored = attempts[0]
        assert {r.question_id: r.response for r in restored.results} == {
            k: v for k, (_, v) in RESPONSES.items()
        }
        assert [r.question_id for r in restored.results] == list(RESPONSES)
        assert restored.discernment == -2.5
        assert restored.pass_mark == 0.6
        assert restored.score == pytest.approx(result.score)
        assert restored.submitted_at is not None
        assert restored.result("q-single").tries == 3  # type: ignore[union-attr]
        assert restored.result("q-tf").tries is None  # type: ignore[union-attr]
        assert attempts[1].result("q-single").fraction == 1.0  # type: ignore[union-attr]

        assert store.reflection(profile, *WHERE[:3], "#5") == "second thoughts"
        history = store._db.execute("SELECT text FROM reflections WHERE step_key = '#5' ORDER BY id").fetchall()
        assert [text for (text,) in history] == ["first thoughts", "second thoughts"]
        assert store.get_setting("window") == {"width": 900, "zoom": 1.25, "names": ["a", "ü"]}


def test_attempts_are_kept_apart(store: ProgressStore) -> None:
    """Attempts at another step, lesson or profile do not show up for this quiz."""
    profile = store.ensure_default_profile()
    other = store.create_profile("Other")
    store.record_attempt(profile, *WHERE, quiz_result(), question_types(), None)
    store.record_attempt(profile, *WHERE[:3], "another-quiz", quiz_result(), question_types(), None)
    store.record_attempt(other, *WHERE, quiz_result(), question_types(), None)
    assert len(store.attempts(profile, *WHERE)) == 1
    assert store.attempts(profile, "pack-a", "module-a", "lesson-b", "quiz") == []


def test_settings_defaults_and_overwrite(store: ProgressStore) -> None:
    """An unset setting gives the default; a second set replaces the first; unstorable values are refused."""
    assert store.get_setting("missing") is None
    assert store.get_setting("missing", 3) == 3
    store.set_setting("theme", "dark")
    store.set_setting("theme", "light")
    assert store.get_setting("theme") == "light"
    with pytest.raises(ProgressError, match="cannot be stored"):
        store.set_setting("bad", {1, 2})


def test_reflection_unchanged_is_not_duplicated(store: ProgressStore) -> None:
    """Saving the same reflection twice keeps one history entry."""
    profile = store.ensure_default_profile()
    store.save_reflection(profile, *WHERE, "same")
    store.save_reflection(profile, *WHERE, "same")
    assert store._db.execute("SELECT count(*) FROM reflections").fetchone()[0] == 1
    assert store.reflection(profile, *WHERE[:3], "other-step") is None


# ---------------------------------------------------------------- profiles


def test_default_profile_is_created_once(store: ProgressStore) -> None:
    """ensure_default_profile creates "Learner" the first time and returns it afterwards."""
    first = store.ensure_default_profile()
    assert store.ensure_default_profile() == first
    assert [p.name for p in store.profiles()] == ["Learner"]


def test_default_profile_is_the_last_used(store: ProgressStore) -> None:
    """After touching another profile, it becomes the default one."""
    first = store.ensure_default_profile()
    second = store.create_profile("Second")
    store.touch_profile(second)
    assert store.ensure_default_profile() == second
    store.touch_profile(first)
    assert store.ensure_default_profile() == first


def test_rename_and_delete_profile(store: ProgressStore) -> None:
    """Renaming keeps the id; deleting removes the profile and everything recorded for it."""
    profile = store.create_profile("Old name")
    keep = store.create_profile("Keep")
    store.rename_profile(profile, "  New   name ")
    assert store.profile(profile).name == "New name"  # type: ignore[union-attr]
    store.record_visit(profile, *WHERE)
    store.record_attempt(profile, *WHERE, quiz_result(), question_types(), None)
    store.save_reflection(profile, *WHERE, "text")
    store.record_visit(keep, *WHERE)
    store.delete_profile(profile)
    assert [p.id for p in store.profiles()] == [keep]
    assert store.visited_steps(profile, *WHERE[:3]) == set()
    assert store.attempts(profile, *WHERE) == []
    assert store.reflection(profile, *WHERE) is None
    assert store.last_position(profile) is None
    assert store._db.execute("SELECT count(*) FROM answers").fetchone()[0] == 0
    assert store.visited_steps(keep, *WHERE[:3]) == {"quiz"}


@pytest.mark.parametrize("name", ["", "   ", "x" * 201])
def test_bad_profile_names_are_refused(store: ProgressStore, name: str) -> None:
    """A blank or overlong profile name is a ProgressError with a clear message."""
    with pytest.raises(ProgressError, match="name"):
        store.create_profile(name)


# ---------------------------------------------------------------- hostile text


def test_hostile_text_is_stored_verbatim(path: Path) -> None:
    """Text that looks like SQL is stored and returned exactly, and no table is harmed."""
    with ProgressStore.open(path) as store:
        profile = store.create_profile(HOSTILE)
        where = (HOSTILE, HOSTILE + "m", HOSTILE + "l", HOSTILE + "s")
        store.record_visit(profile, *where)
        hostile_results = (QuestionResult(HOSTILE, HOSTILE, 1.0, 1.0, 1.0),)
        store.record_attempt(profile, *where, QuizResult(hostile_results, 0.5), {HOSTILE: "short"}, None)
        store.save_reflection(profile, *where, HOSTILE)
        store.set_setting(HOSTILE, HOSTILE)
    with ProgressStore.open(path) as store:
        assert store.profiles()[0].name == HOSTILE
        assert store.visited_steps(profile, *where[:3]) == {HOSTILE + "s"}
        position = store.last_position(profile)
        assert position is not None and position.pack_id == HOSTILE
        attempt = store.attempts(profile, *where)[0]
        assert attempt.results[0].question_id == HOSTILE
        assert attempt.results[0].response == HOSTILE
        assert store.reflection(profile, *where) == HOSTILE
        assert store.get_setting(HOSTILE) == HOSTILE
        tables = {row[0] for row in store._db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert {"profiles", "visits", "attempts", "answers", "reflections", "positions", "settings"} <= tables


# ---------------------------------------------------------------- migrations


def test_migration_from_empty_v0_database(path: Path) -> None:
    """An empty database at user_version 0 is migrated to the current schema and then works."""
    path.parent.mkdir(parents=True)
    bare = sqlite3.connect(path)
    bare.execute("CREATE TABLE unrelated (x)")  # a v0 file may hold anything; the migration must not mind
    bare.commit()
    assert bare.execute("PRAGMA user_version").fetchone()[0] == 0
    bare.close()
    with ProgressStore.open(path) as store:
        assert store.schema_version() == SCHEMA_VERSION
        profile = store.ensure_default_profile()
        store.record_visit(profile, *WHERE)
    with ProgressStore.open(path) as store:  # reopening applies nothing twice
        assert store.schema_version() == SCHEMA_VERSION
        assert store.visited_steps(profile, *WHERE[:3]) == {"quiz"}


def test_failed_migration_leaves_file_untouched(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A migration that fails halfway is rolled back: no half schema, version still 0."""
    from app.model.progress import migrations

    def broken(db: sqlite3.Connection) -> None:
        db.execute("CREATE TABLE half (x)")
        db.execute("THIS IS NOT SQL")

    monkeypatch.setattr(migrations, "MIGRATIONS", (broken,))
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", 1)
    with pytest.raises(ProgressError):
        ProgressStore.open(path)
    check = sqlite3.connect(path)
    try:
        assert check.execute("PRAGMA user_version").fetchone()[0] == 0
        assert check.execute("SELECT count(*) FROM sqlite_master WHERE name = 'half'").fetchone()[0] == 0
    finally:
        check.close()


def test_newer_schema_is_refused(path: Path) -> None:
    """A file written by a newer version is refused with a message saying so, not altered."""
    path.parent.mkdir(parents=True)
    future = sqlite3.connect(path)
    future.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    future.close()
    with pytest.raises(ProgressError, match="newer version"):
        ProgressStore.open(path)


# ---------------------------------------------------------------- errors


def test_read_only_folder_is_a_progress_error(tmp_path: Path) -> None:
    """A folder the learner cannot write to gives a ProgressError, not a traceback."""
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        if os.access(folder, os.W_OK):
            pytest.skip("running as a user who can write anywhere (root)")
        with pytest.raises(ProgressError, match="could not be opened"):
            ProgressStore.open(folder / "progress.sqlite")
    finally:
        folder.chmod(stat.S_IRWXU)


def test_read_only_file_system_is_a_progress_error() -> None:
    """A folder on a read-only file system (/sys, /proc) gives a ProgressError, even for root."""
    target = Path("/proc/unspun-test/progress.sqlite")
    with pytest.raises(ProgressError, match="could not be opened") as caught:
        ProgressStore.open(target)
    assert str(target) in str(caught.value)


def test_folder_that_is_a_file_is_a_progress_error(tmp_path: Path) -> None:
    """A data folder path that is really a file gives a ProgressError."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    with pytest.raises(ProgressError, match="could not be opened"):
        ProgressStore.open(blocker / "progress.sqlite")


def test_damaged_file_is_a_progress_error(path: Path) -> None:
    """A file that is not a database gives a ProgressError that calls it damaged."""
    path.parent.mkdir(parents=True)
    path.write_bytes(b"this is not a database at all, just some bytes" * 100)
    with pytest.raises(ProgressError, match="damaged"):
        ProgressStore.open(path)


def test_use_after_close_is_a_progress_error(path: Path) -> None:
    """Reading or writing a closed store raises ProgressError rather than a sqlite3 error."""
    store = ProgressStore.open(path)
    store.close()
    with pytest.raises(ProgressError):
        store.profiles()
    with pytest.raises(ProgressError):
        store.create_profile("Late")


# ---------------------------------------------------------------- integrity, backups, crashes


def test_quick_check_and_backup(store: ProgressStore, tmp_path: Path) -> None:
    """A healthy file passes quick_check, and its backup holds the last committed attempt."""
    profile = store.ensure_default_profile()
    store.record_attempt(profile, *WHERE, quiz_result(), question_types(), None)
    assert store.quick_check()
    copy = tmp_path / "backup.sqlite"
    store.backup(copy)
    with ProgressStore.open(copy) as restored:
        assert len(restored.attempts(profile, *WHERE)) == 1
        assert restored.quick_check()


WRITER = """
import sys
from app.model.progress import ProgressStore
from app.model.attempts import QuestionResult, QuizResult

store = ProgressStore.open(sys.argv[1])
profile = store.ensure_default_profile()
number = 0
while True:
    number += 1
    result = QuizResult((QuestionResult("q", number, 1.0, 1.0, 1.0),), 0.5)
    store.record_attempt(profile, "p", "m", "l", "s", result, {"q": "judge"}, None)
    store.save_reflection(profile, "p", "m", "l", "r", f"reflection {number}")
    print(number, flush=True)
"""


@pytest.mark.slow
def test_acknowledged_writes_survive_sigkill(path: Path) -> None:
    """Killing a writer with SIGKILL loses no acknowledged attempt and never corrupts the file."""
    import signal
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[2]
    acknowledged = 0
    for _ in range(8):
        writer = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path)], cwd=root, stdout=subprocess.PIPE, text=True
        )
        assert writer.stdout is not None
        # Kill after a varying number of acknowledged writes, mid-stream.
        for _ in range(5 + acknowledged % 7):
            line = writer.stdout.readline()
            assert line, "the writer stopped before it was killed"
            acknowledged += 1
        writer.send_signal(signal.SIGKILL)
        writer.wait()
        writer.stdout.close()
        with ProgressStore.open(path) as store:
            assert store.quick_check()
            profile = store.ensure_default_profile()
            stored = store.attempts(profile, "p", "m", "l", "s")
            assert len(stored) >= acknowledged
            assert all(len(attempt.results) == 1 for attempt in stored)  # no attempt without its answer
            acknowledged = len(stored)


def test_imported_reflection_keeps_its_time_and_statement_id(store: ProgressStore) -> None:
    """save_reflection takes saved_at= and statement_id= (as record_answer does), and an import keeps a repeat."""
    from datetime import UTC, datetime

    profile = store.ensure_default_profile()
    at = datetime(2025, 2, 3, 4, 5, 6, tzinfo=UTC)
    store.save_reflection(profile, *WHERE[:3], "r", "same text", saved_at=at, statement_id="s-1")
    store.save_reflection(profile, *WHERE[:3], "r", "same text", saved_at=at, statement_id="s-2")
    kept = store.reflections(profile)
    assert [(entry.text, entry.saved_at, entry.statement_id) for entry in kept] == [
        ("same text", at, "s-1"),
        ("same text", at, "s-2"),
    ]
    assert {"s-1", "s-2"} <= store.known_statement_ids()


def test_batch_keeps_all_writes_or_none(store: ProgressStore) -> None:
    """Writes grouped in batch() share one transaction: an error inside rolls every one of them back."""
    profile = store.ensure_default_profile()
    with pytest.raises(RuntimeError), store.batch():
        store.save_reflection(profile, *WHERE[:3], "r", "first")
        store.set_setting("k", 1)
        assert store.reflection(profile, *WHERE[:3], "r") == "first"  # reads see the batch's writes
        raise RuntimeError("stop")
    assert store.reflection(profile, *WHERE[:3], "r") is None
    assert store.get_setting("k") is None
    with store.batch():
        store.save_reflection(profile, *WHERE[:3], "r", "second")
        store.set_setting("k", 2)
    assert store.reflection(profile, *WHERE[:3], "r") == "second"
    assert store.get_setting("k") == 2


def test_profile_holdings_count_what_a_profile_holds(store: ProgressStore) -> None:
    """profile_holdings counts attempts, checks, reflections, lessons opened, review items and time."""
    profile = store.ensure_default_profile()
    other = store.create_profile("Other")
    store.record_visit(profile, *WHERE)
    store.record_visit(profile, *WHERE[:3], "second")
    store.record_time(profile, *WHERE, 90.0)
    store.save_reflection(profile, *WHERE[:3], "r", "one")
    store.save_reflection(profile, *WHERE[:3], "r", "two")  # one reflection, two versions
    result = QuestionResult("q", 1, 1.0, 1.0, 1.0)
    store.record_attempt(profile, *WHERE, QuizResult((result,), 0.7), {"q": "single"}, None)
    store.record_answer(profile, *WHERE, result, "single")
    held = store.profile_holdings(profile)
    assert (held.attempts, held.checks, held.reflections, held.lessons_opened, held.review_items) == (1, 1, 1, 1, 0)
    assert held.seconds_studied == 90.0
    assert store.profile_holdings(other).attempts == 0

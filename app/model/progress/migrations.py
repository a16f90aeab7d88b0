"""The schema: one migration function per version (``PRAGMA user_version``), applied in order.

A later version adds one function to ``MIGRATIONS``; the table owners beside this module are the
only code that reads or writes the tables created here.
"""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Callable

Migration = Callable[[sqlite3.Connection], None]


def _migration_1(db: sqlite3.Connection) -> None:
    """Create the first schema: profiles, visits, attempts, answers, reflections, positions, settings."""
    statements = [
        """CREATE TABLE profiles (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            created_at TEXT NOT NULL,
            last_used_at TEXT
        )""",
        """CREATE TABLE visits (
            profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
            pack_id TEXT NOT NULL,
            module_id TEXT NOT NULL,
            lesson_id TEXT NOT NULL,
            step_key TEXT NOT NULL,
            first_opened_at TEXT NOT NULL,
            last_opened_at TEXT NOT NULL,
            times INTEGER NOT NULL DEFAULT 1,
            PRIMARY KEY (profile_id, pack_id, module_id, lesson_id, step_key)
        ) WITHOUT ROWID""",
        """CREATE TABLE attempts (
            id INTEGER PRIMARY KEY,
            profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
            pack_id TEXT NOT NULL,
            module_id TEXT NOT NULL,
            lesson_id TEXT NOT NULL,
            step_key TEXT NOT NULL,
            measure TEXT CHECK (measure IN ('pre', 'post')),
            started_at TEXT,
            submitted_at TEXT NOT NULL,
            score REAL NOT NULL,
            points_earned REAL NOT NULL,
            points_possible REAL NOT NULL,
            pass_mark REAL NOT NULL,
            passed INTEGER NOT NULL,
            discernment REAL,
            statement_id TEXT NOT NULL UNIQUE
        )""",
        "CREATE INDEX attempts_by_step ON attempts (profile_id, pack_id, module_id, lesson_id, step_key, id)",
        """CREATE TABLE answers (
            attempt_id INTEGER NOT NULL REFERENCES attempts(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            question_id TEXT NOT NULL,
            question_type TEXT NOT NULL,
            response_json TEXT NOT NULL,
            fraction REAL NOT NULL,
            points REAL NOT NULL,
            points_possible REAL NOT NULL,
            tries INTEGER,
            PRIMARY KEY (attempt_id, question_id)
        )""",
        """CREATE TABLE reflections (
            id INTEGER PRIMARY KEY,
            profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
            pack_id TEXT NOT NULL,
            module_id TEXT NOT NULL,
            lesson_id TEXT NOT NULL,
            step_key TEXT NOT NULL,
            text TEXT NOT NULL,
            saved_at TEXT NOT NULL
        )""",
        "CREATE INDEX reflections_by_step ON reflections (profile_id, pack_id, module_id, lesson_id, step_key, id)",
        """CREATE TABLE positions (
            profile_id INTEGER PRIMARY KEY REFERENCES profiles(id) ON DELETE CASCADE,
            pack_id TEXT NOT NULL,
            module_id TEXT NOT NULL,
            lesson_id TEXT NOT NULL,
            step_key TEXT NOT NULL,
            at TEXT NOT NULL
        )""",
        "CREATE TABLE settings (key TEXT PRIMARY KEY, value_json TEXT NOT NULL)",
    ]
    for statement in statements:
        db.execute(statement)


def _migration_2(db: sqlite3.Connection) -> None:
    """Add profile UUIDs, practice checks, study time, per-question stats, review items and import ledgers."""
    db.execute("ALTER TABLE profiles ADD COLUMN uuid TEXT")
    for (profile_id,) in db.execute("SELECT id FROM profiles").fetchall():
        db.execute("UPDATE profiles SET uuid = ? WHERE id = ?", (str(uuid.uuid4()), profile_id))
    db.execute("ALTER TABLE reflections ADD COLUMN statement_id TEXT")
    for (reflection_id,) in db.execute("SELECT id FROM reflections").fetchall():
        db.execute("UPDATE reflections SET statement_id = ? WHERE id = ?", (str(uuid.uuid4()), reflection_id))
    statements = [
        "CREATE UNIQUE INDEX profiles_by_uuid ON profiles (uuid)",
        "CREATE UNIQUE INDEX reflections_by_statement ON reflections (statement_id)",
        # A practice check: one answer committed the moment the learner checks it.
        """CREATE TABLE checks (
            id INTEGER PRIMARY KEY,
            profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
            pack_id TEXT NOT NULL,
            module_id TEXT NOT NULL,
            lesson_id TEXT NOT NULL,
            step_key TEXT NOT NULL,
            question_id TEXT NOT NULL,
            question_type TEXT NOT NULL,
            response_json TEXT NOT NULL,
            fraction REAL NOT NULL,
            points REAL NOT NULL,
            points_possible REAL NOT NULL,
            tries INTEGER,
            checked_at TEXT NOT NULL,
            statement_id TEXT NOT NULL UNIQUE
        )""",
        "CREATE INDEX checks_by_profile ON checks (profile_id, checked_at)",
        """CREATE TABLE study_time (
            id INTEGER PRIMARY KEY,
            profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
            pack_id TEXT NOT NULL,
            module_id TEXT NOT NULL,
            lesson_id TEXT NOT NULL,
            step_key TEXT NOT NULL,
            seconds REAL NOT NULL,
            recorded_at TEXT NOT NULL
        )""",
        "CREATE INDEX study_time_by_profile ON study_time (profile_id, pack_id, seconds)",
        # Kept up to date with every recorded attempt, so the dashboard never scans all answers.
        """CREATE TABLE question_stats (
            profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
            pack_id TEXT NOT NULL,
            module_id TEXT NOT NULL,
            question_id TEXT NOT NULL,
            answered INTEGER NOT NULL,
            first_try_sum REAL NOT NULL,
            PRIMARY KEY (profile_id, pack_id, module_id, question_id)
        ) WITHOUT ROWID""",
        """INSERT INTO question_stats (profile_id, pack_id, module_id, question_id, answered, first_try_sum)
           SELECT attempts.profile_id, attempts.pack_id, attempts.module_id, answers.question_id, count(*),
                  sum(CASE WHEN coalesce(answers.tries, 1) <= 1 THEN answers.fraction ELSE 0 END)
           FROM answers JOIN attempts ON attempts.id = answers.attempt_id
           GROUP BY 1, 2, 3, 4""",
        "CREATE INDEX attempts_by_time ON attempts (profile_id, submitted_at)",
        "CREATE INDEX attempts_passed ON attempts (profile_id, pack_id, module_id, lesson_id, step_key, passed)",
        # Lessons another computer reported completed (imported results).
        """CREATE TABLE completions (
            statement_id TEXT PRIMARY KEY,
            profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
            pack_id TEXT NOT NULL,
            module_id TEXT NOT NULL,
            lesson_id TEXT NOT NULL,
            completed_at TEXT NOT NULL
        )""",
        "CREATE INDEX completions_by_profile ON completions (profile_id, pack_id)",
        # Every statement id ever imported, so that importing a file again adds nothing.
        """CREATE TABLE imported_statements (
            statement_id TEXT PRIMARY KEY,
            profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
            imported_at TEXT NOT NULL
        )""",
        """CREATE TABLE review_items (
            profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
            pack_id TEXT NOT NULL,
            module_id TEXT NOT NULL,
            question_id TEXT NOT NULL,
            lesson_id TEXT NOT NULL,
            step_key TEXT NOT NULL,
            question_type TEXT NOT NULL,
            card_json TEXT NOT NULL,
            due TEXT NOT NULL,
            created_at TEXT NOT NULL,
            PRIMARY KEY (profile_id, pack_id, module_id, question_id)
        ) WITHOUT ROWID""",
        "CREATE INDEX review_items_due ON review_items (profile_id, due)",
        """CREATE TABLE reviews (
            id INTEGER PRIMARY KEY,
            profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
            pack_id TEXT NOT NULL,
            module_id TEXT NOT NULL,
            question_id TEXT NOT NULL,
            source TEXT NOT NULL CHECK (source IN ('lesson', 'review')),
            fraction REAL NOT NULL,
            rating INTEGER NOT NULL,
            reviewed_at TEXT NOT NULL
        )""",
        "CREATE INDEX reviews_by_item ON reviews (profile_id, pack_id, module_id, question_id, id)",
    ]
    for statement in statements:
        db.execute(statement)


def _migration_3(db: sqlite3.Connection) -> None:
    """Add the outbox of xAPI statements waiting for, or sent to, a Learning Record Store (``lrs.py``)."""
    # Keyed by statement id, so a statement is queued once and its row (and status) outlives restarts.
    db.execute(
        """CREATE TABLE lrs_outbox (
            statement_id TEXT PRIMARY KEY,
            seq INTEGER NOT NULL UNIQUE,
            statement_json TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'failed')),
            queued_at TEXT NOT NULL,
            tries INTEGER NOT NULL DEFAULT 0,
            sent_at TEXT,
            error TEXT
        )"""
    )
    db.execute("CREATE INDEX lrs_outbox_waiting ON lrs_outbox (status, seq)")


def _migration_4(db: sqlite3.Connection) -> None:
    """Add drafts: each step's work in progress, kept as it is made (``drafts.py``)."""
    db.execute(
        """CREATE TABLE drafts (
            profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
            pack_id TEXT NOT NULL,
            module_id TEXT NOT NULL,
            lesson_id TEXT NOT NULL,
            step_key TEXT NOT NULL,
            draft_json TEXT NOT NULL,
            saved_at TEXT NOT NULL,
            PRIMARY KEY (profile_id, pack_id, module_id, lesson_id, step_key)
        ) WITHOUT ROWID"""
    )


#: Migration n (1-based) brings a database from user_version n - 1 to n.
MIGRATIONS: tuple[Migration, ...] = (_migration_1, _migration_2, _migration_3, _migration_4)
SCHEMA_VERSION = len(MIGRATIONS)

"""The learner's progress in SQLite: profiles, visits, quiz attempts, reflections, UI settings.

SQLite in WAL mode with ``synchronous=FULL`` survives a killed process without losing an
acknowledged commit, where rewriting a JSON file does not (see ``guides/security.md``). The
connection runs with ``isolation_level=None`` and explicit ``BEGIN IMMEDIATE``/``COMMIT``, so that
Python's implicit transactions never leave a row uncommitted, and every write has returned only
once it is on disk. Every statement is parameterized: pack ids, titles and learner text are
stored verbatim, whatever they hold.

The schema version is ``PRAGMA user_version``. ``MIGRATIONS`` holds one function per version,
applied in order inside one transaction each; a later version adds one function to the list.

Durability beyond a single commit:

- **Backups.** ``open_with_recovery`` gives a store that keeps rotating backups in
  ``DATA/backups/progress-YYYYmmdd-HHMMSS.sqlite3`` (UTC), written with ``Connection.backup()``
  (never a file copy, which can miss commits still in the WAL): one at opening when the newest is
  older than ``BACKUP_INTERVAL``, and one at closing when something was written since the last.
  ``prune_backups`` then keeps the ``KEEP_NEWEST`` newest, plus the newest of each of the last
  ``KEEP_DAILY_DAYS`` days, and deletes the rest.
- **Recovery.** A file SQLite calls damaged (``quick_check`` not ok, ``SQLITE_CORRUPT``,
  ``SQLITE_NOTADB``) or that cannot be read at all is renamed ``<name>.corrupt-<UTC stamp>`` with
  its ``-wal``/``-shm``; the newest backup that passes ``quick_check`` is restored, or a fresh file
  is started. ``RecoveryReport.message`` tells the learner what happened, in plain words.
- **Two instances.** Both may run on one data folder. Every write is a short ``BEGIN IMMEDIATE``
  transaction and waits up to ``BUSY_TIMEOUT_MS`` for the other's, so writes serialise and none
  is lost; each instance reads the other's commits on its next query.
- **Errors.** A full disk, a read-only folder or a lock held too long raise ``ProgressError``
  with a plain message; a failed write is rolled back and everything committed before stays.
"""

# The names below are the package's; they load on first use (PEP 562), see _exports.py.
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.model.progress._exports import *  # noqa: F403
    from app.model.progress._exports import __all__ as __all__
else:

    def __getattr__(name: str) -> object:
        """Load the package's public names when one is first asked for."""
        import importlib  # not `from app.model.progress import _exports`: that asks this __getattr__ again

        _exports = importlib.import_module("app.model.progress._exports")
        if name == "__all__" or name in _exports.__all__:
            value = getattr(_exports, name)
            globals()[name] = value
            return value
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

"""Every public name of ``app.model.progress``, imported from the module that owns it.

The package's ``__init__`` loads this module only when one of these names is first asked for, so
that importing one light module of the package (``settings.peek_settings``, which the start needs
before its first paint) does not import the whole store, its records and the scoring they use.
"""

from app.model.progress.backups import (
    BACKUP_FOLDER,
    BACKUP_INTERVAL,
    KEEP_DAILY_DAYS,
    KEEP_NEWEST,
    BackupFile,
    backups_to_keep,
    check_backup,
    list_backups,
    prune_backups,
)
from app.model.progress.base import (
    BUSY_TIMEOUT_MS,
    DamagedProgressError,
    ProgressError,
    to_stamp,
)
from app.model.progress.migrations import MIGRATIONS, SCHEMA_VERSION
from app.model.progress.profiles import DEFAULT_PROFILE_NAME, MAX_PROFILE_NAME
from app.model.progress.records import (
    AttemptSummary,
    CheckedAnswer,
    OutboxEntry,
    Position,
    Profile,
    ProfileHoldings,
    RecoveryAction,
    RecoveryReport,
    StoredAnswer,
    StoredAttempt,
    StoredReflection,
    StoredReviewItem,
)
from app.model.progress.recovery import open_with_recovery
from app.model.progress.store import ProgressStore
from app.model.progress.visits import MAX_STEP_SECONDS

__all__ = [
    "BACKUP_FOLDER",
    "BACKUP_INTERVAL",
    "BUSY_TIMEOUT_MS",
    "DEFAULT_PROFILE_NAME",
    "KEEP_DAILY_DAYS",
    "KEEP_NEWEST",
    "MAX_PROFILE_NAME",
    "MAX_STEP_SECONDS",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "AttemptSummary",
    "BackupFile",
    "CheckedAnswer",
    "DamagedProgressError",
    "OutboxEntry",
    "Position",
    "Profile",
    "ProfileHoldings",
    "ProgressError",
    "ProgressStore",
    "RecoveryAction",
    "RecoveryReport",
    "StoredAnswer",
    "StoredAttempt",
    "StoredReflection",
    "StoredReviewItem",
    "backups_to_keep",
    "check_backup",
    "list_backups",
    "open_with_recovery",
    "prune_backups",
    "to_stamp",
]

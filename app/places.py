"""Where a learner's data lives: the data folder (progress file, installed packs). Qt-free.

The command line (``unspun join``) and the app (``app/ui/app.py``) find it the same way:
``--data-dir``, else the UNSPUN_DATA_DIR environment variable, else the platform's user data folder.
"""

from __future__ import annotations

import os
from pathlib import Path

#: the folder name platformdirs is asked for (the app's name)
APP_FOLDER_NAME = "Unspun"
DATA_DIR_ENV = "UNSPUN_DATA_DIR"
PROGRESS_FILE = "progress.sqlite3"


def data_folder(option: str | None) -> Path:
    """Return the data folder: ``--data-dir``, else UNSPUN_DATA_DIR, else the platform's."""
    if option:
        return Path(option).expanduser()
    from_environment = os.environ.get(DATA_DIR_ENV)
    if from_environment:
        return Path(from_environment).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_FOLDER_NAME, appauthor=False))

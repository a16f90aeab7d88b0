"""Installed packs: copies of packs in the data folder's ``library``, one folder per pack id.

A folder's name is a hash of the pack's id, never the id or title themselves (a pack is someone
else's file). Files are copied through the pack's ``PackSource``, so only the pack's own regular
files are copied, whatever links or zip entry names it holds. A copy is written beside the
library first and swapped in with renames, so a failed install leaves the old version in place.
Progress is keyed by ids, not folders, so replacing a pack's files keeps it.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from pathlib import Path

from app.model.source import PackFileError, PackSource

LIBRARY_FOLDER = "library"
#: where copies are written before they are swapped in; outside ``library`` so it never lists them
STAGING_FOLDER = ".installing"


class InstallError(Exception):
    """A pack could not be installed or removed; the message says why, in plain words."""


def library_folder(data: Path) -> Path:
    """Return the folder of installed packs in the data folder ``data``."""
    return data / LIBRARY_FOLDER


def install_folder(data: Path, pack_id: str) -> Path:
    """Return where the pack with ``pack_id`` is installed (whether or not it is)."""
    digest = hashlib.sha256(pack_id.encode("utf-8")).hexdigest()[:32]
    return library_folder(data) / digest


def is_installed_copy(data: Path, root: Path | None) -> bool:
    """Tell whether the folder pack at ``root`` is one of the copies in ``data``'s library."""
    if root is None:
        return False
    try:
        return Path(os.path.realpath(root)).parent == Path(os.path.realpath(library_folder(data)))
    except (OSError, ValueError):
        return False


def _hidden(path: str) -> bool:
    """Tell whether a pack path lies in a hidden file or folder (.git, .DS_Store), which is not copied."""
    return any(part.startswith(".") for part in path.split("/"))


def copy_pack_files(source: PackSource, target: Path) -> int:
    """Copy every regular, non-hidden file of ``source`` into the new folder ``target``; return the count."""
    target.mkdir(parents=True)
    base = os.path.realpath(target)
    count = 0
    for inside in source.files():
        if _hidden(inside):
            continue
        destination = target.joinpath(*inside.split("/"))
        real = os.path.realpath(destination)
        if not real.startswith(base + os.sep):  # names were checked when the pack opened; check again
            raise InstallError(f"refusing to copy {inside!r}: it would land outside the pack's folder")
        try:
            data = source.read_bytes(inside)
        except PackFileError as error:
            raise InstallError(f"could not read {inside}: {error}") from None
        destination.parent.mkdir(parents=True, exist_ok=True)
        destination.write_bytes(data)
        count += 1
    return count


def install_pack(source: PackSource, pack_id: str, data: Path) -> Path:
    """Copy the pack in ``source`` into the library, replacing an installed pack with the same id."""
    destination = install_folder(data, pack_id)
    staging_root = data / STAGING_FOLDER
    try:
        library_folder(data).mkdir(parents=True, exist_ok=True)
        staging_root.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix="new-", dir=staging_root))
        staging.rmdir()  # copy_pack_files creates it, and refuses an existing folder
        copy_pack_files(source, staging)
        retired: Path | None = None
        if destination.exists():
            retired = Path(tempfile.mkdtemp(prefix="old-", dir=staging_root))
            retired.rmdir()
            destination.rename(retired)
        try:
            staging.rename(destination)
        except OSError:
            if retired is not None:  # put the old version back rather than leave nothing
                retired.rename(destination)
            raise
        if retired is not None:
            shutil.rmtree(retired, ignore_errors=True)
    except OSError as error:
        raise InstallError(f"could not write to {data}: {error.strerror or error}") from None
    finally:
        shutil.rmtree(staging_root, ignore_errors=True)
    return destination


def remove_installed(data: Path, root: Path) -> None:
    """Delete the installed copy at ``root``; refuse any folder that is not a copy in ``data``'s library."""
    if not is_installed_copy(data, root):
        raise InstallError(f"{root} is not an installed pack")
    try:
        shutil.rmtree(root)
    except OSError as error:
        raise InstallError(f"could not remove {root}: {error.strerror or error}") from None

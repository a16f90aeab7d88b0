"""Safe, read-only access to the files of one pack: a folder, its ``pack.yaml``, or a ``.zip``.

``open_pack_source`` is the only place that touches the file system or a zip. A folder pack is
walked once (links that leave the pack are refused, files and bytes are counted against the
limits); every later read resolves the full real path, stays inside the pack and opens only
regular files, with a size cap. A zip is never extracted: its central directory is checked first,
then each entry is read into memory with a hard cap.
"""

from __future__ import annotations

import os
import re
import stat
import zipfile
from pathlib import Path

from app.model.limits import (
    MAX_DEPTH,
    MAX_FILES,
    MAX_MODULES,
    MAX_TOTAL_BYTES,
    MAX_YAML_BYTES,
    MIB,
)
from app.model.problems import NO_POSITION, Problem

__all__ = [
    "MANIFEST",
    "MAX_DEPTH",
    "MAX_FILES",
    "MAX_MODULES",
    "MAX_TOTAL_BYTES",
    "MAX_YAML_BYTES",
    "PackFileError",
    "PackSource",
    "describe_limit",
    "open_pack_source",
    "pack_label",
]

MANIFEST = "pack.yaml"
_CHUNK = 1024 * 1024
_DRIVE = re.compile(r"^[A-Za-z]:")
_YAML_SUFFIXES = (".yaml", ".yml")
_IGNORED_ZIP_FOLDER = "__MACOSX"
_IGNORED_FILE = ".DS_Store"
_MAX_FOLDER_ENTRIES = 4 * MAX_FILES


class PackFileError(Exception):
    """A pack file that cannot be read safely (outside the pack, missing, not a regular file)."""


def describe_limit(limit: int) -> str:
    """Return a size limit in words, such as ``16 MiB``."""
    if limit >= MIB and limit % MIB == 0:
        return f"{limit // MIB} MiB"
    if limit >= 1024 and limit % 1024 == 0:
        return f"{limit // 1024} KiB"
    return f"{limit:,} bytes"


def _default_limit(path: str) -> int:
    """Return the read cap for a file: YAML files have their own, smaller limit."""
    return MAX_YAML_BYTES if path.lower().endswith(_YAML_SUFFIXES) else MAX_TOTAL_BYTES


def _too_large(path: str, limit: int) -> str:
    """Return the message for a file over its size limit."""
    if path.lower().endswith(_YAML_SUFFIXES) and limit == MAX_YAML_BYTES:
        return f"file is larger than the {describe_limit(limit)} limit for a YAML file"
    if limit == MAX_TOTAL_BYTES:
        return f"file is larger than the {describe_limit(limit)} limit for a whole pack"
    return f"file is larger than the {describe_limit(limit)} limit"


def _inside_path(path: str) -> str:
    """Normalise a path named inside the pack, or raise PackFileError if it leaves the pack."""
    if not isinstance(path, str) or not path or "\x00" in path:
        raise PackFileError("not a valid file path")
    if "\\" in path:
        raise PackFileError("paths inside a pack use '/', not '\\'")
    if path.startswith("/") or _DRIVE.match(path):
        raise PackFileError("path is absolute; name files relative to the folder that holds pack.yaml")
    parts: list[str] = []
    for part in path.split("/"):
        if part in ("", "."):
            continue
        if part == "..":
            if not parts:
                raise PackFileError("path leaves the pack")
            parts.pop()
        else:
            parts.append(part)
    if not parts:
        raise PackFileError("not a valid file path")
    return "/".join(parts)


class PackSource:
    """Read-only access to the files of one pack, by their path inside the pack.

    A folder pack has ``root`` (its resolved folder); a zip pack has ``root`` None and holds its
    files in memory. ``label`` is what the user named the pack by, adjusted so that
    ``f"{label}/{file}"`` names a file of the pack (for a ``pack.yaml`` argument, its folder).
    """

    def __init__(self, root: Path | None, label: str, entries: dict[str, bytes] | None = None) -> None:
        self.root: Path | None = Path(os.path.realpath(root)) if root is not None else None
        self.label = label
        self._entries = entries
        self._files: list[str] | None = sorted(entries) if entries is not None else None
        if root is None and entries is None:
            raise ValueError("a PackSource needs a folder or zip entries")

    def read_bytes(self, path: str, *, limit: int | None = None) -> bytes:
        """Return the bytes of the pack file at ``path`` (relative, '/'-separated), at most ``limit``."""
        inside = _inside_path(path)
        cap = _default_limit(inside) if limit is None else limit
        if self._entries is not None:
            data = self._entries.get(inside)
            if data is None:
                raise PackFileError("file not found in the pack")
            if len(data) > cap:
                raise PackFileError(_too_large(inside, cap))
            return data
        return self._read_folder_file(inside, cap)

    def exists(self, path: str) -> bool:
        """Tell whether the pack holds a regular file at ``path``."""
        try:
            inside = _inside_path(path)
        except PackFileError:
            return False
        if self._entries is not None:
            return inside in self._entries
        try:
            real = self._resolve(inside)
            return stat.S_ISREG(os.stat(real).st_mode)
        except (PackFileError, OSError, ValueError):
            return False

    def files(self) -> list[str]:
        """Return every regular file path inside the pack, '/'-separated and sorted."""
        if self._files is None:
            assert self.root is not None
            self._files = sorted(_walk_folder(self.root, []).files)
        return list(self._files)

    def _resolve(self, inside: str) -> str:
        """Return the real path of a pack file, refusing one that resolves outside the pack."""
        assert self.root is not None
        root = str(self.root)
        real = os.path.realpath(os.path.join(root, *inside.split("/")))
        if real != root and not real.startswith(root.rstrip(os.sep) + os.sep):
            raise PackFileError("file is a link that leads outside the pack")
        return real

    def _read_folder_file(self, inside: str, cap: int) -> bytes:
        """Read a regular file of a folder pack, never more than ``cap`` bytes."""
        real = self._resolve(inside)
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
        flags |= getattr(os, "O_BINARY", 0)
        try:
            descriptor = os.open(real, flags)
        except FileNotFoundError:
            raise PackFileError("file not found in the pack") from None
        except OSError as error:
            raise PackFileError(f"could not open the file ({error.strerror or error})") from None
        try:
            info = os.fstat(descriptor)
            if not stat.S_ISREG(info.st_mode):
                raise PackFileError("not a regular file")
            if info.st_size > cap:
                raise PackFileError(_too_large(inside, cap))
            chunks: list[bytes] = []
            total = 0
            while True:
                chunk = os.read(descriptor, min(_CHUNK, cap + 1 - total))
                if not chunk:
                    break
                chunks.append(chunk)
                total += len(chunk)
                if total > cap:  # the file grew after fstat
                    raise PackFileError(_too_large(inside, cap))
            return b"".join(chunks)
        except OSError as error:
            raise PackFileError(f"could not read the file ({error.strerror or error})") from None
        finally:
            os.close(descriptor)


# --- opening a pack ---------------------------------------------------------------------------


def pack_label(path: str | Path) -> str:
    """Return the prefix for the problems of the pack at ``path``, so ``f"{prefix}/{file}"`` names a file.

    A folder or zip is its own prefix; for anything else (a ``pack.yaml`` argument, a missing path,
    a file that is not a pack) the prefix is its folder, '' in the current folder, and the file's
    problems are reported against its base name.
    """
    text = os.fspath(path)
    stripped = text.rstrip("/" + os.sep) or text
    if os.path.isdir(text):
        return stripped
    if os.path.basename(stripped) != MANIFEST and os.path.isfile(text) and _looks_like_zip(text):
        return stripped
    return os.path.dirname(stripped)


def open_pack_source(path: str | Path) -> tuple[PackSource | None, list[Problem]]:
    """Open the pack at ``path`` (folder, pack.yaml or .zip); report why it cannot be opened.

    Problems name files relative to ``pack_label(path)``. A folder pack may come back together
    with errors (a link leading outside it): keep them, the pack must not be played.
    """
    text = os.fspath(path)
    label = pack_label(text)
    name = os.path.basename(text.rstrip("/" + os.sep)) or text
    try:
        info = os.stat(text)
    except (OSError, ValueError):
        # nothing there has lines: no line and column to point at (not the 1:1 of a whole file)
        missing = "no pack here: there is no file or folder at this path"
        return None, [Problem(name, NO_POSITION, NO_POSITION, "error", missing)]
    if stat.S_ISDIR(info.st_mode):
        return _open_folder(Path(text), label)
    if stat.S_ISREG(info.st_mode) and name == MANIFEST:
        return _open_folder(Path(text).parent, label)
    if stat.S_ISREG(info.st_mode) and _looks_like_zip(text):
        return _open_zip(text, label, info.st_size)
    if stat.S_ISREG(info.st_mode) and text.lower().endswith(".zip"):
        return None, [_pack_error("not a readable zip archive", name)]
    return None, [_pack_error("not a pack: give a pack folder, its pack.yaml or a .zip", name)]


def _pack_error(message: str, file: str = MANIFEST) -> Problem:
    """Return an error about a whole file (or the pack as a whole), at 1:1."""
    return Problem(file, 1, 1, "error", message)


def _looks_like_zip(path: str) -> bool:
    """Tell whether a regular file starts like a zip archive (an empty zip is only an end record)."""
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return False
    try:
        return stat.S_ISREG(os.fstat(descriptor).st_mode) and os.read(descriptor, 4) in (
            b"PK\x03\x04",
            b"PK\x05\x06",
        )
    except OSError:
        return False
    finally:
        os.close(descriptor)


# --- folders ----------------------------------------------------------------------------------


class _FolderWalk:
    """What one walk of a pack folder found."""

    __slots__ = ("files", "problems", "scanned", "stopped", "total")

    def __init__(self) -> None:
        self.files: list[str] = []
        self.problems: list[Problem] = []
        self.total = 0
        self.scanned = 0
        self.stopped = False


def _walk_folder(root: Path, problems: list[Problem]) -> _FolderWalk:
    """Walk a pack folder once without recursion, counting files and refusing outside links."""
    walk = _FolderWalk()
    walk.problems = problems
    real_root = os.path.realpath(root)
    root_prefix = real_root.rstrip(os.sep) + os.sep
    visited = {real_root}
    pending: list[tuple[str, str]] = [(real_root, "")]
    while pending and not walk.stopped:
        folder, prefix = pending.pop()
        try:
            listing: list[os.DirEntry[str]] = []
            with os.scandir(folder) as entries:
                for entry in entries:
                    walk.scanned += 1
                    if walk.scanned > _MAX_FOLDER_ENTRIES:
                        break
                    listing.append(entry)
        except OSError as error:
            problems.append(
                _pack_error(
                    f"could not read this folder ({error.strerror or error})", prefix.rstrip("/") or "."
                )
            )
            continue
        if walk.scanned > _MAX_FOLDER_ENTRIES:
            # Folders, links and special files are not files, but millions of them still cost time.
            problems.append(_pack_error(f"pack holds more than {_MAX_FOLDER_ENTRIES:,} files and folders"))
            walk.stopped = True
            break
        listing.sort(key=lambda entry: entry.name)
        for entry in listing:
            inside = prefix + entry.name
            try:
                if entry.is_symlink():
                    target = os.path.realpath(entry.path)
                    if target != real_root and not target.startswith(root_prefix):
                        problems.append(_pack_error("symbolic link leads outside the pack", inside))
                        continue
                    try:
                        mode = os.stat(target).st_mode
                    except OSError:
                        continue  # a dangling link inside the pack names nothing
                    if stat.S_ISDIR(mode):
                        if target not in visited:
                            visited.add(target)
                            pending.append((target, inside + "/"))
                        continue
                    if stat.S_ISREG(mode):
                        _count_file(walk, inside, os.stat(target).st_size)
                    continue
                if entry.is_dir(follow_symlinks=False):
                    real = os.path.realpath(entry.path)
                    if real not in visited:
                        visited.add(real)
                        pending.append((entry.path, inside + "/"))
                    continue
                if entry.is_file(follow_symlinks=False):
                    _count_file(walk, inside, entry.stat(follow_symlinks=False).st_size)
            except OSError as error:
                problems.append(_pack_error(f"could not read this file ({error.strerror or error})", inside))
            if walk.stopped:
                break
    return walk


def _count_file(walk: _FolderWalk, inside: str, size: int) -> None:
    """Count one regular file against the file and size limits."""
    walk.files.append(inside)
    walk.total += size
    if len(walk.files) > MAX_FILES:
        walk.problems.append(_pack_error(f"pack holds more than the {MAX_FILES:,}-file limit"))
        walk.stopped = True
    elif walk.total > MAX_TOTAL_BYTES:
        walk.problems.append(
            _pack_error(f"pack is larger than the {describe_limit(MAX_TOTAL_BYTES)} limit for a whole pack")
        )
        walk.stopped = True


def _open_folder(folder: Path, label: str) -> tuple[PackSource | None, list[Problem]]:
    """Open a folder pack after walking it once."""
    problems: list[Problem] = []
    if not os.path.lexists(folder / MANIFEST):  # not a pack: say so without walking (and judging) the folder
        return None, [_pack_error("no pack.yaml here: a pack folder holds its manifest, pack.yaml")]
    walk = _walk_folder(folder, problems)
    if walk.stopped:
        return None, problems
    source = PackSource(folder, label)
    source._files = sorted(walk.files)
    if not source.exists(MANIFEST):
        problems.append(_pack_error("no pack.yaml here: a pack folder holds its manifest, pack.yaml"))
        return None, problems
    return source, problems


# --- zips -------------------------------------------------------------------------------------


def _zip_name(name: str) -> tuple[str | None, str | None]:
    """Normalise a zip entry name; return (name, None) or (None, the reason it is refused)."""
    cleaned = name.replace("\\", "/")
    if cleaned.startswith("/") or _DRIVE.match(cleaned):
        return None, "zip entry has an absolute name"
    parts: list[str] = []
    for part in cleaned.split("/"):
        if part in ("", "."):
            continue
        if part == "..":
            if not parts:
                return None, "zip entry climbs out of the pack with '..'"
            parts.pop()
        else:
            parts.append(part)
    return "/".join(parts), None


def _short(name: str) -> str:
    """Return an entry name fit to print as a file name."""
    printable = "".join(ch if ch.isprintable() else "?" for ch in name[:200])
    return printable or "?"


def _entry_count_declared(path: str) -> int | None:
    """Return the number of entries a zip's end record declares, before reading the directory."""
    try:
        with open(path, "rb") as handle:
            record = zipfile._EndRecData(handle)  # type: ignore[attr-defined]
    except Exception:  # anything unreadable is reported when the zip is opened
        return None
    if not record:
        return None
    return int(record[zipfile._ECD_ENTRIES_TOTAL])  # type: ignore[attr-defined]


def _open_zip(path: str, label: str, size: int) -> tuple[PackSource | None, list[Problem]]:
    """Open a zip pack: check its directory, then read each entry into memory with a cap."""
    # Compressed data never exceeds the unpacked limit by more than headers; refusing bigger
    # archives also bounds the memory the central directory can take.
    if size > MAX_TOTAL_BYTES + 16 * MIB:
        return None, [
            _pack_error(f"zip is larger than the {describe_limit(MAX_TOTAL_BYTES)} limit for a pack")
        ]
    declared = _entry_count_declared(path)
    if declared is not None and declared > 4 * MAX_FILES:
        return None, [_pack_error(f"zip holds more than the {MAX_FILES:,}-file limit")]
    try:
        archive = zipfile.ZipFile(path)
    except Exception as error:  # BadZipFile, OSError, ValueError, ...: any unreadable archive
        return None, [_pack_error(f"not a readable zip archive ({_reason(error)})")]
    with archive:
        try:
            infos = archive.infolist()
            return _read_zip(archive, infos, label)
        except Exception as error:  # a broken archive must never become a traceback
            return None, [_pack_error(f"could not read the zip archive ({_reason(error)})")]


def _reason(error: BaseException) -> str:
    """Return a short, printable reason for an exception."""
    text = str(error) or type(error).__name__
    return text if len(text) <= 120 else text[:119] + "…"


def _read_zip(
    archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo], label: str
) -> tuple[PackSource | None, list[Problem]]:
    """Check every entry's name, kind and declared size, then read the pack's entries."""
    problems: list[Problem] = []
    kept: list[tuple[str, zipfile.ZipInfo]] = []
    seen: set[str] = set()
    for info in infos:
        name, refused = _zip_name(info.filename)
        if refused is not None or name is None:
            problems.append(_pack_error(refused or "bad zip entry name", _short(info.filename)))
            continue
        parts = name.split("/")
        if not name or parts[0] == _IGNORED_ZIP_FOLDER or parts[-1] == _IGNORED_FILE:
            continue
        file = _short(name)
        if (info.external_attr >> 16) & 0o170000 == stat.S_IFLNK:
            problems.append(_pack_error("zip entry is a symbolic link; links are not allowed in a zip", file))
            continue
        if name in seen:
            problems.append(_pack_error(f"zip holds two entries named `{file}`", file))
            continue
        seen.add(name)
        if info.is_dir():
            continue
        if info.flag_bits & 0x1:
            problems.append(_pack_error("zip entry is encrypted; packs cannot be encrypted", file))
            continue
        kept.append((name, info))

    if len(kept) > MAX_FILES:
        problems.append(_pack_error(f"zip holds more than the {MAX_FILES:,}-file limit"))
        return None, problems
    declared_total = 0
    oversized = False
    for name, info in kept:
        cap = _default_limit(name)
        if info.file_size > cap:
            problems.append(_pack_error(_too_large(name, cap), _short(name)))
            oversized = True
        declared_total += info.file_size
    if declared_total > MAX_TOTAL_BYTES and not oversized:
        problems.append(
            _pack_error(
                f"zip unpacks to more than the {describe_limit(MAX_TOTAL_BYTES)} limit for a whole pack"
            )
        )
    if problems:
        return None, problems

    prefix = _pack_prefix([name for name, _ in kept])
    if prefix is None:
        return None, [_pack_error("no pack.yaml at the zip's root or inside its single top-level folder")]

    entries: dict[str, bytes] = {}
    budget = MAX_TOTAL_BYTES
    for name, info in kept:
        if not name.startswith(prefix):
            continue
        inside = name[len(prefix) :]
        cap = min(_default_limit(inside), info.file_size, budget)
        try:
            data = _read_entry(archive, info, cap)
        except _EntryTooLarge:
            problems.append(_pack_error("zip entry unpacks to more than its declared size", _short(inside)))
            continue
        except Exception as error:  # CRC, zlib, encryption, compression method, truncation ...
            problems.append(_pack_error(f"could not read this zip entry ({_reason(error)})", _short(inside)))
            continue
        budget -= len(data)
        entries[inside] = data
    if problems:
        return None, problems
    return PackSource(None, label, entries), problems


def _pack_prefix(names: list[str]) -> str | None:
    """Return the folder prefix holding pack.yaml: '' at the root, 'top/' for one top-level folder."""
    if MANIFEST in names:
        return ""
    tops = {name.split("/", 1)[0] for name in names}
    if len(tops) == 1:
        top = next(iter(tops))
        if f"{top}/{MANIFEST}" in names:
            return top + "/"
    return None


class _EntryTooLarge(Exception):  # noqa: N818 (a signal, not reported as such)
    """An entry produced more bytes than allowed."""


def _read_entry(archive: zipfile.ZipFile, info: zipfile.ZipInfo, cap: int) -> bytes:
    """Read one entry in chunks, stopping as soon as it passes ``cap``, whatever its header says."""
    chunks: list[bytes] = []
    total = 0
    with archive.open(info) as stream:
        while True:
            chunk = stream.read(min(_CHUNK, cap + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > cap:
                raise _EntryTooLarge
    return b"".join(chunks)

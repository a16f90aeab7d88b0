"""Writing output files whole or not at all.

Every file the application writes for the user (PDF and HTML handouts, CSV, PNG renders, a new
pack) is written to a temporary file in the same folder and renamed over the target once it is
complete. A full disk, a killed process or a failing writer then leaves the old file (or none),
never a half-written one that looks finished. The rename is atomic because both names are in one
folder, hence on one file system.

Qt-free. ``OutputError`` carries a sentence for the user; callers print or show it.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import uuid
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any, Literal, overload

#: temporary files start with this, so a crash's leftovers are recognisable (and hidden on Unix)
TEMP_PREFIX = ".unspun-partial-"


class OutputError(Exception):
    """An output could not be written; the message names the file and says why, for the user.

    ``reason`` is the why alone, for callers that name the file themselves."""

    def __init__(self, target: Path, reason: str) -> None:
        super().__init__(f"{target} could not be written: {reason}.")
        self.target = target
        self.reason = reason


def _describe(error: OSError) -> str:
    return error.strerror or str(error)


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable where the platform allows it (POSIX; Windows has no folder fds)."""
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _unlink_quietly(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()


def _temp_path(target: Path) -> Path:
    """Create an empty temporary file beside ``target`` (same folder, same suffix) and return its path."""
    folder = target.parent
    if not folder.is_dir():
        raise OutputError(target, f"the folder {folder} does not exist")
    for _ in range(100):
        temp = folder / f"{TEMP_PREFIX}{uuid.uuid4().hex[:12]}{target.suffix}"
        try:
            # not mkstemp: its 0600 would become the finished file's permissions; 0666 less the umask is
            # what any new file gets
            fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:
            continue
        except OSError as error:
            raise OutputError(target, _describe(error)) from error
        os.close(fd)
        return temp
    raise OutputError(target, "no temporary name was free beside it")


def _commit(temp: Path, target: Path) -> None:
    """Move the finished ``temp`` over ``target``."""
    try:
        if temp.stat().st_size == 0:
            raise OutputError(target, "the result was empty")
        os.replace(temp, target)
    except OSError as error:
        raise OutputError(target, _describe(error)) from error
    _fsync_folder(target.parent)


@contextlib.contextmanager
def atomic_path(target: Path | str) -> Iterator[Path]:
    """Yield a temporary path beside ``target`` for a writer that wants a file name (Qt's PDF and
    image writers); once the block ends without an exception, the file replaces ``target``.

    An empty result counts as a failed write. On any failure the temporary file is removed and
    ``target`` is left as it was; ``OSError`` becomes ``OutputError``.
    """
    target = Path(target)
    temp = _temp_path(target)
    try:
        yield temp
        _commit(temp, target)
    except OSError as error:
        raise OutputError(target, _describe(error)) from error
    finally:
        if temp.exists():
            _unlink_quietly(temp)


@overload
def atomic_open(
    target: Path | str, mode: Literal["w"], *, encoding: str = ..., newline: str | None = ...
) -> contextlib.AbstractContextManager[IO[str]]: ...
@overload
def atomic_open(target: Path | str, mode: Literal["wb"]) -> contextlib.AbstractContextManager[IO[bytes]]: ...
def atomic_open(
    target: Path | str, mode: str = "w", *, encoding: str = "utf-8", newline: str | None = None
) -> contextlib.AbstractContextManager[IO[Any]]:
    """Open a temporary file beside ``target`` for writing (``"w"`` text or ``"wb"`` bytes);
    it replaces ``target`` when the block ends without an exception, and is removed otherwise."""
    return _atomic_open(Path(target), mode, encoding, newline)


@contextlib.contextmanager
def _atomic_open(target: Path, mode: str, encoding: str, newline: str | None) -> Iterator[IO[Any]]:
    with atomic_path(target) as temp:
        try:
            if mode == "wb":
                handle: IO[Any] = temp.open("wb")
            else:
                handle = temp.open("w", encoding=encoding, newline=newline)
        except OSError as error:
            raise OutputError(target, _describe(error)) from error
        with handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())


def write_bytes(target: Path | str, data: bytes) -> None:
    """Write ``data`` to ``target`` atomically."""
    with atomic_open(target, "wb") as handle:
        handle.write(data)


def write_text(target: Path | str, text: str, *, encoding: str = "utf-8") -> None:
    """Write ``text`` to ``target`` atomically."""
    with atomic_open(target, "w", encoding=encoding) as handle:
        handle.write(text)


@contextlib.contextmanager
def atomic_folder(target: Path | str) -> Iterator[Path]:
    """Yield a temporary folder beside ``target`` to fill; once the block ends without an exception
    it becomes ``target`` (which must not exist, or be an empty folder). On failure the temporary
    folder is removed and ``target`` is left as it was; ``OSError`` becomes ``OutputError``."""
    target = Path(target)
    parent = target.parent
    if not parent.is_dir():
        raise OutputError(target, f"the folder {parent} does not exist")
    temp = parent / f"{TEMP_PREFIX}{uuid.uuid4().hex}"
    try:
        temp.mkdir()  # not mkdtemp: its 0700 would become the new folder's permissions
    except OSError as error:
        raise OutputError(target, _describe(error)) from error
    try:
        yield temp
        if target.is_dir() and not any(target.iterdir()):
            target.rmdir()  # an empty folder the user made for it; rename cannot replace a folder everywhere
        os.rename(temp, target)
    except OSError as error:
        raise OutputError(target, _describe(error)) from error
    finally:
        if temp.exists():
            shutil.rmtree(temp, ignore_errors=True)
    _fsync_folder(parent)


def refuse_input_as_output(output: Path | str, inputs: Iterable[Path | str]) -> None:
    """Raise OutputError when ``output`` names the same file as one of ``inputs``.

    ``report X.json -o X.json`` would otherwise replace a learner's results with a CSV.
    The check follows links and case-insensitive names through the file system (``samefile``),
    and compares resolved paths for inputs that do not exist.
    """
    out = Path(output)
    try:
        out_resolved = out.resolve()
    except (OSError, RuntimeError):
        out_resolved = out.absolute()
    for raw in inputs:
        source = Path(raw)
        same = False
        try:
            same = out.exists() and source.exists() and os.path.samefile(out, source)
        except OSError:
            same = False
        if not same:
            try:
                same = source.resolve() == out_resolved
            except (OSError, RuntimeError):
                same = False
        if same:
            raise OutputError(
                out, "it is one of the input files, and writing over it would destroy it; choose another output file"
            )

"""A compiled cache of packs that loaded cleanly, so that a second start skips YAML and checks.

A cache entry is the typed pack (manifest, modules, module files) and its problems, encoded with
msgspec's MessagePack (behind its SHA-256) into one file per pack path under the data folder's ``cache/packs``. It is
keyed by every file of the pack (path, size and modification time in nanoseconds; for a zip, the
zip itself), by the format version and by a fingerprint of the app (the files of the model that
loads packs). Before an entry is used the pack's files are stat-ed again and the key
compared; any difference, a damaged or foreign entry, or any error at all means a fresh load.

The cache never changes what a learner sees: an entry is written only from a result that
``load_pack`` produced, and it is read back only through msgspec's typed decoder, so an entry
written by someone else is data that either matches its digest and the Structs exactly or is
ignored (it is never unpickled or executed). The cache is as trusted as the progress file beside
it: whoever can write the data folder can write either. Entries are written atomically and the folder is pruned to a size budget.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
import sys
import tempfile
import time
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import msgspec

from app.model.pack import Pack
from app.model.problems import LoadResult, Problem
from app.model.schema import FORMAT_VERSIONS_READ, Manifest, Module
from app.model.source import MANIFEST, open_pack_source

#: bump when the layout of an entry changes, so that old entries are ignored
CACHE_LAYOUT = 1
#: each entry starts with the SHA-256 of the MessagePack that follows, so damage is never decoded
DIGEST_BYTES = 32
#: the folder inside the data folder
CACHE_FOLDER = Path("cache") / "packs"
#: an entry larger than this is not written (a pack this large loads fresh each time)
MAX_ENTRY_BYTES = 64 * 1024 * 1024
#: the whole cache is pruned, oldest entries first, to this size and number of entries
MAX_CACHE_BYTES = 256 * 1024 * 1024
MAX_ENTRIES = 32
#: a leftover temporary entry older than this was interrupted, and is removed when pruning
STALE_PARTIAL_NS = 60 * 1_000_000_000
#: a pack folder with more files than this is not cached (stat-ing them would cost what it saves)
MAX_KEY_FILES = 20_000

FileStamp = tuple[str, int, int]  # path inside the pack, size, modification time in ns


class CacheEntry(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """What one cache file holds."""

    layout: int
    app: str
    format: int
    label: str
    files: list[FileStamp]
    manifest: Manifest
    modules: list[Module]
    module_files: dict[str, str]
    problems: list[Problem]


_decoder = msgspec.msgpack.Decoder(CacheEntry)
_encoder = msgspec.msgpack.Encoder()


@dataclass(frozen=True, slots=True)
class CachedLoad:
    """A load result and whether it came from the cache."""

    result: LoadResult
    from_cache: bool


@cache
def app_fingerprint() -> str:
    """Return a fingerprint of the code that turns pack files into a ``LoadResult``.

    It is the path, size and modification time of every module of the model (an upgrade or an
    edit in a source checkout rewrites them; the version number alone would miss the latter), the
    Python and msgspec versions. importlib.metadata is not asked: importing it costs more than a
    cache hit saves.
    """
    model = Path(__file__).resolve().parent
    digest = hashlib.sha256(f"{sys.version}\0{msgspec.__version__}\0{model}\n".encode())
    try:
        for path in sorted(model.rglob("*.py")):
            info = path.stat()
            digest.update(f"{path.relative_to(model)}\0{info.st_size}\0{info.st_mtime_ns}\n".encode())
    except OSError:
        digest.update(os.urandom(16))  # unknown code: never match an old entry
    return digest.hexdigest()[:32]


def pack_files(path: str | Path) -> list[FileStamp] | None:
    """Stat every file of the pack at ``path``; None when it cannot be keyed (then it is not cached).

    A folder is walked without following links (a link is recorded by its own stat, so changing
    it changes the key); a zip or a lone pack.yaml argument is keyed by the files named.
    """
    text = os.fspath(path)
    try:
        info = os.stat(text)
    except (OSError, ValueError):
        return None
    if stat.S_ISREG(info.st_mode) and os.path.basename(text) == MANIFEST:
        text = os.path.dirname(text) or "."
        info = os.stat(text)
    if stat.S_ISREG(info.st_mode):
        return [("", info.st_size, info.st_mtime_ns)]
    if not stat.S_ISDIR(info.st_mode):
        return None
    stamps: list[FileStamp] = []
    pending = [("", text)]
    try:
        while pending:
            prefix, folder = pending.pop()
            with os.scandir(folder) as entries:
                for entry in entries:
                    inside = f"{prefix}{entry.name}"
                    entry_info = entry.stat(follow_symlinks=False)
                    if entry.is_dir(follow_symlinks=False):
                        pending.append((inside + "/", entry.path))
                    stamps.append((inside, entry_info.st_size, entry_info.st_mtime_ns))
                    if len(stamps) > MAX_KEY_FILES:
                        return None
    except OSError:
        return None
    stamps.sort()
    return stamps


def entry_path(cache_dir: Path, path: str | Path) -> Path:
    """Return the cache file for the pack at ``path`` (one per absolute pack path)."""
    absolute = os.path.abspath(os.fspath(path))
    return cache_dir / (hashlib.sha256(absolute.encode("utf-8", "surrogatepass")).hexdigest()[:40] + ".msgpack")


def load_pack_cached(path: str | Path, cache_dir: Path | None) -> CachedLoad:
    """Load the pack at ``path``, from the cache when its entry matches the files, else afresh.

    With ``cache_dir`` None this is ``load_pack``. It never raises: a cache that cannot be read or
    written only costs the time of a fresh load.
    """
    files = pack_files(path) if cache_dir is not None else None
    if cache_dir is not None and files is not None:
        cached = _read_entry(cache_dir, path, files)
        if cached is not None:
            return CachedLoad(cached, True)
    # the loader (YAML, checks, Markdown) is imported only on a miss: a hit must not pay for it
    from app.model.loader import load_pack

    result = load_pack(path)
    if cache_dir is None:
        return CachedLoad(result, False)
    if files is not None and result.ok and result.pack is not None and pack_files(path) == files:
        # written only when the files did not change while they were loaded
        _write_entry(cache_dir, path, files, result)
    return CachedLoad(result, False)


def _read_entry(cache_dir: Path, path: str | Path, files: list[FileStamp]) -> LoadResult | None:
    """Return the cached result for ``path`` if its entry exists, is ours and matches ``files``."""
    target = entry_path(cache_dir, path)
    try:
        with open(target, "rb") as handle:
            data = handle.read(MAX_ENTRY_BYTES + 1)
        digest, payload = data[:DIGEST_BYTES], data[DIGEST_BYTES:]
        if len(data) > MAX_ENTRY_BYTES or hashlib.sha256(payload).digest() != digest:
            return None  # damaged (or written by something that is not this cache)
        entry = _decoder.decode(payload)
    except (OSError, msgspec.DecodeError, msgspec.ValidationError, ValueError, TypeError):
        return None
    if (
        entry.layout != CACHE_LAYOUT
        or entry.app != app_fingerprint()
        or entry.label != os.fspath(path)
        or entry.files != files
        or entry.format != entry.manifest.format
        or entry.format not in FORMAT_VERSIONS_READ
    ):
        return None
    if any(problem.severity == "error" for problem in entry.problems):
        return None
    source, problems = open_pack_source(path)  # the files themselves are read from the pack as ever
    if source is None or problems:
        return None
    pack = Pack(entry.manifest, tuple(entry.modules), source, dict(entry.module_files))
    with contextlib.suppress(OSError):
        os.utime(target)  # most recently used: pruned last
    return LoadResult(list(entry.problems), pack)


def _write_entry(cache_dir: Path, path: str | Path, files: list[FileStamp], result: LoadResult) -> None:
    """Write the cache entry for ``path`` atomically, then prune the cache; failures are ignored."""
    pack = result.pack
    assert pack is not None
    entry = CacheEntry(
        CACHE_LAYOUT,
        app_fingerprint(),
        pack.manifest.format,
        os.fspath(path),
        files,
        pack.manifest,
        list(pack.modules),
        dict(pack.module_files),
        list(result.problems),
    )
    try:
        payload = _encoder.encode(entry)
        data = hashlib.sha256(payload).digest() + payload
        if len(data) > MAX_ENTRY_BYTES:
            return
        cache_dir.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=cache_dir, prefix=".entry-", suffix=".partial")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(temporary, entry_path(cache_dir, path))
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        prune(cache_dir)
    except (OSError, msgspec.EncodeError, TypeError, ValueError):
        return


def prune(cache_dir: Path, max_bytes: int = MAX_CACHE_BYTES, max_entries: int = MAX_ENTRIES) -> None:
    """Keep the most recently used entries within ``max_bytes`` and ``max_entries``; drop leftovers."""
    entries: list[tuple[int, int, Path]] = []
    try:
        with os.scandir(cache_dir) as found:
            for item in found:
                if not item.is_file(follow_symlinks=False):
                    continue
                info = item.stat(follow_symlinks=False)
                if item.name.endswith(".partial"):
                    if time.time_ns() - info.st_mtime_ns > STALE_PARTIAL_NS:  # not another process's write
                        Path(item.path).unlink(missing_ok=True)
                elif item.name.endswith(".msgpack"):
                    entries.append((info.st_mtime_ns, info.st_size, Path(item.path)))
    except OSError:
        return
    entries.sort(reverse=True)
    total = 0
    for index, (_when, size, file) in enumerate(entries):
        total += size
        if index >= max_entries or total > max_bytes:
            with contextlib.suppress(OSError):
                file.unlink()

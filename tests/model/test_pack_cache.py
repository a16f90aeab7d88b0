"""The compiled pack cache never serves a stale, damaged or foreign pack (app/model/pack_cache.py)."""

from __future__ import annotations

import hashlib
import os
import shutil
import zipfile
from pathlib import Path

import msgspec
import pytest

from app.model import pack_cache
from app.model.loader import load_pack
from app.model.pack_cache import DIGEST_BYTES, CacheEntry, entry_path, load_pack_cached, prune
from tests.conftest import EXAMPLE_PACK


@pytest.fixture
def pack_dir(tmp_path: Path) -> Path:
    """A copy of the example pack that a test may edit."""
    target = tmp_path / "pack"
    shutil.copytree(EXAMPLE_PACK, target)
    return target


@pytest.fixture
def cache_dir(tmp_path: Path) -> Path:
    """An empty cache folder."""
    return tmp_path / "cache"


def module_file(pack: Path) -> Path:
    """The example pack's one module file."""
    return next(path for path in pack.rglob("*.yaml") if path.name != "pack.yaml")


def title_of_first_lesson(pack: Path, cache: Path) -> tuple[str, bool]:
    """Load through the cache; return the first lesson's title and whether it came from the cache."""
    loaded = load_pack_cached(pack, cache)
    assert loaded.result.pack is not None, loaded.result.problems
    return loaded.result.pack.modules[0].lessons[0].title, loaded.from_cache


def test_second_load_comes_from_the_cache_and_equals_a_fresh_load(pack_dir: Path, cache_dir: Path) -> None:
    first = load_pack_cached(pack_dir, cache_dir)
    second = load_pack_cached(pack_dir, cache_dir)
    fresh = load_pack(pack_dir)
    assert (first.from_cache, second.from_cache) == (False, True)
    assert second.result.pack is not None and fresh.pack is not None
    assert second.result.pack.manifest == fresh.pack.manifest
    assert second.result.pack.modules == fresh.pack.modules
    assert second.result.pack.module_files == fresh.pack.module_files
    assert second.result.problems == fresh.problems
    # the cached pack reads its files (images) from the pack itself
    assert second.result.pack.source.read_bytes("assets/poster.png") == (pack_dir / "assets/poster.png").read_bytes()


def test_an_edited_file_means_a_fresh_load(pack_dir: Path, cache_dir: Path) -> None:
    title, _ = title_of_first_lesson(pack_dir, cache_dir)
    path = module_file(pack_dir)
    path.write_text(path.read_text(encoding="utf-8").replace(title, "A retitled lesson", 1), encoding="utf-8")
    assert title_of_first_lesson(pack_dir, cache_dir) == ("A retitled lesson", False)


def test_a_same_size_edit_with_a_new_time_means_a_fresh_load(pack_dir: Path, cache_dir: Path) -> None:
    title, _ = title_of_first_lesson(pack_dir, cache_dir)
    path = module_file(pack_dir)
    text = path.read_text(encoding="utf-8")
    swapped = title[::-1]  # same length, same bytes count
    path.write_text(text.replace(title, swapped, 1), encoding="utf-8")
    info = path.stat()
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns + 1_000_000))
    assert title_of_first_lesson(pack_dir, cache_dir) == (swapped, False)


def test_a_removed_module_means_a_fresh_load_that_reports_it(pack_dir: Path, cache_dir: Path) -> None:
    assert load_pack_cached(pack_dir, cache_dir).result.ok
    module_file(pack_dir).unlink()
    loaded = load_pack_cached(pack_dir, cache_dir)
    assert not loaded.from_cache
    assert loaded.result.pack is None and loaded.result.errors


def test_an_added_file_means_a_fresh_load(pack_dir: Path, cache_dir: Path) -> None:
    load_pack_cached(pack_dir, cache_dir)
    (pack_dir / "assets" / "new.png").write_bytes((pack_dir / "assets" / "poster.png").read_bytes())
    assert not load_pack_cached(pack_dir, cache_dir).from_cache
    assert load_pack_cached(pack_dir, cache_dir).from_cache


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: b"",
        lambda data: data[: len(data) // 2],
        lambda data: bytes(255 - b for b in data),
        lambda data: data.replace(b"Tea", b"Tex"),  # still MessagePack, but no longer the files' key
    ],
    ids=["empty", "truncated", "inverted", "edited"],
)
def test_a_damaged_entry_is_ignored_and_replaced(pack_dir: Path, cache_dir: Path, damage) -> None:
    expected = load_pack_cached(pack_dir, cache_dir).result
    entry = entry_path(cache_dir, pack_dir)
    entry.write_bytes(damage(entry.read_bytes()))
    loaded = load_pack_cached(pack_dir, cache_dir)
    assert not loaded.from_cache
    assert loaded.result.pack is not None and expected.pack is not None
    assert loaded.result.pack.modules == expected.pack.modules
    assert load_pack_cached(pack_dir, cache_dir).from_cache  # the entry was written again, whole


def test_an_entry_from_another_app_version_is_ignored(
    pack_dir: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_pack_cached(pack_dir, cache_dir)
    monkeypatch.setattr(pack_cache, "app_fingerprint", lambda: "another version")
    assert not load_pack_cached(pack_dir, cache_dir).from_cache


def test_a_foreign_entry_that_names_other_files_is_never_served(pack_dir: Path, cache_dir: Path, tmp_path: Path) -> None:
    """An entry written for one pack, copied over another's, is not that other pack."""
    other = tmp_path / "other"
    shutil.copytree(EXAMPLE_PACK, other)
    path = module_file(other)
    path.write_text(path.read_text(encoding="utf-8").replace("title:", "title: Other", 1), encoding="utf-8")
    load_pack_cached(other, cache_dir)
    load_pack_cached(pack_dir, cache_dir)
    shutil.copy(entry_path(cache_dir, other), entry_path(cache_dir, pack_dir))
    loaded = load_pack_cached(pack_dir, cache_dir)
    assert not loaded.from_cache
    assert loaded.result.pack is not None
    assert loaded.result.pack.modules == load_pack(pack_dir).pack.modules  # type: ignore[union-attr]


def test_a_forged_entry_with_an_error_or_unknown_field_is_never_served(pack_dir: Path, cache_dir: Path) -> None:
    load_pack_cached(pack_dir, cache_dir)
    entry = entry_path(cache_dir, pack_dir)
    def forge(change) -> None:  # rewrite the entry with a correct digest, as a forger would
        decoded = msgspec.msgpack.decode(entry.read_bytes()[DIGEST_BYTES:])
        change(decoded)
        payload = msgspec.msgpack.encode(decoded)
        entry.write_bytes(hashlib.sha256(payload).digest() + payload)

    forge(lambda d: d.update(problems=[{"file": "pack.yaml", "line": 1, "column": 1, "severity": "error", "message": "x"}]))
    assert not load_pack_cached(pack_dir, cache_dir).from_cache
    forge(lambda d: d.update(code="__import__('os').system('false')"))
    with pytest.raises(msgspec.ValidationError):
        msgspec.msgpack.decode(entry.read_bytes()[DIGEST_BYTES:], type=CacheEntry)
    assert not load_pack_cached(pack_dir, cache_dir).from_cache


def test_a_broken_pack_is_not_cached(pack_dir: Path, cache_dir: Path) -> None:
    (pack_dir / "pack.yaml").write_text("id: [", encoding="utf-8")
    assert load_pack_cached(pack_dir, cache_dir).result.errors
    assert not cache_dir.exists() or not any(cache_dir.iterdir())


def test_a_zip_pack_is_keyed_by_the_zip(tmp_path: Path, cache_dir: Path) -> None:
    archive = tmp_path / "pack.zip"
    with zipfile.ZipFile(archive, "w") as out:
        for path in EXAMPLE_PACK.rglob("*"):
            if path.is_file():
                out.write(path, path.relative_to(EXAMPLE_PACK).as_posix())
    assert not load_pack_cached(archive, cache_dir).from_cache
    assert load_pack_cached(archive, cache_dir).from_cache
    with zipfile.ZipFile(archive, "a") as out:
        out.writestr("assets/extra.txt", "more")
    assert not load_pack_cached(archive, cache_dir).from_cache


def test_an_unwritable_cache_costs_only_time(pack_dir: Path, tmp_path: Path) -> None:
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder should be", encoding="utf-8")
    loaded = load_pack_cached(pack_dir, blocked / "packs")
    assert loaded.result.ok and not loaded.from_cache


def test_prune_keeps_the_most_recent_entries_and_removes_stale_partials(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    for index in range(5):
        entry = cache / f"{index}.msgpack"
        entry.write_bytes(b"x" * 100)
        os.utime(entry, ns=(index * 10**9, index * 10**9))
    stale = cache / ".entry-1.partial"
    stale.write_bytes(b"half")
    os.utime(stale, ns=(0, 0))
    fresh = cache / ".entry-2.partial"
    fresh.write_bytes(b"being written")
    prune(cache, max_bytes=250, max_entries=10)
    assert sorted(path.name for path in cache.iterdir()) == [".entry-2.partial", "3.msgpack", "4.msgpack"]
    prune(cache, max_bytes=10_000, max_entries=1)
    assert sorted(path.name for path in cache.iterdir()) == [".entry-2.partial", "4.msgpack"]

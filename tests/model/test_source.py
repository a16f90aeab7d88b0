"""Reading a pack's files: folders, pack.yaml arguments and zips, with their limits."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import pytest

from app.model import source as source_module
from app.model.problems import Problem
from app.model.source import (
    MAX_TOTAL_BYTES,
    MAX_YAML_BYTES,
    PackFileError,
    PackSource,
    open_pack_source,
    pack_label,
)
from tests.conftest import EXAMPLE_PACK

MANIFEST = b"format: 1\nid: p\n"


def make_folder(root: Path, files: dict[str, bytes]) -> Path:
    """Write ``files`` (path inside the pack -> bytes) under ``root`` and return it."""
    for name, data in files.items():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return root


def make_zip(path: Path, files: dict[str, bytes]) -> Path:
    """Write a deflated zip holding ``files`` and return its path."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    path.write_bytes(buffer.getvalue())
    return path


def test_folder_pack_lists_and_reads_its_files() -> None:
    """The example pack opens as a folder; files() lists it and read_bytes returns file contents."""
    pack, problems = open_pack_source(EXAMPLE_PACK)
    assert problems == []
    assert pack is not None
    assert pack.root == EXAMPLE_PACK.resolve()
    assert pack.label == str(EXAMPLE_PACK)
    assert pack.files() == ["assets/poster.png", "pack.yaml", "tea.yaml"]
    assert pack.read_bytes("pack.yaml") == (EXAMPLE_PACK / "pack.yaml").read_bytes()
    assert pack.read_bytes("./assets//poster.png") == (EXAMPLE_PACK / "assets" / "poster.png").read_bytes()
    assert pack.exists("tea.yaml") and not pack.exists("nope.yaml") and not pack.exists("assets")


def test_pack_yaml_argument_opens_its_folder_and_labels_it() -> None:
    """Naming pack.yaml opens the folder that holds it, and problems are prefixed with that folder."""
    pack, problems = open_pack_source(EXAMPLE_PACK / "pack.yaml")
    assert problems == []
    assert pack is not None and pack.root == EXAMPLE_PACK.resolve()
    assert pack.label == str(EXAMPLE_PACK)
    assert pack_label("pack.yaml") == ""
    assert pack_label("some/where/pack.yaml") == "some/where"


def test_hidden_files_are_listed_and_counted(tmp_path: Path) -> None:
    """Hidden files are part of the pack like any other."""
    pack, _ = open_pack_source(make_folder(tmp_path, {"pack.yaml": MANIFEST, ".hidden/x.txt": b"x"}))
    assert pack is not None
    assert pack.files() == [".hidden/x.txt", "pack.yaml"]


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("../outside.txt", "path leaves the pack"),
        ("a/../../outside.txt", "path leaves the pack"),
        ("/etc/passwd", "path is absolute; name files relative to the folder that holds pack.yaml"),
        ("C:/Windows/win.ini", "path is absolute; name files relative to the folder that holds pack.yaml"),
        ("assets\\poster.png", "paths inside a pack use '/', not '\\'"),
        ("missing.yaml", "file not found in the pack"),
        ("assets", "not a regular file"),
        ("", "not a valid file path"),
        ("a\x00b", "not a valid file path"),
    ],
)
def test_read_bytes_refuses_paths_it_must_not_read(tmp_path: Path, path: str, message: str) -> None:
    """read_bytes raises PackFileError, with a readable reason, for every unsafe or missing path."""
    make_folder(tmp_path / "pack", {"pack.yaml": MANIFEST, "assets/a.png": b"png"})
    (tmp_path / "outside.txt").write_text("secret")
    pack, _ = open_pack_source(tmp_path / "pack")
    assert pack is not None
    with pytest.raises(PackFileError) as raised:
        pack.read_bytes(path)
    assert str(raised.value) == message
    assert not pack.exists(path)


def test_read_limit_keyword_caps_any_file(tmp_path: Path) -> None:
    """A caller's limit refuses a larger file and names the limit."""
    pack, _ = open_pack_source(make_folder(tmp_path, {"pack.yaml": MANIFEST, "big.png": b"x" * 2048}))
    assert pack is not None
    assert pack.read_bytes("big.png", limit=2048) == b"x" * 2048
    with pytest.raises(PackFileError, match=r"^file is larger than the 1 KiB limit$"):
        pack.read_bytes("big.png", limit=1024)


def test_yaml_file_over_16_mib_is_refused_on_read(tmp_path: Path) -> None:
    """A module over the YAML limit is refused by size before a byte is read (sparse file)."""
    make_folder(tmp_path, {"pack.yaml": MANIFEST})
    with open(tmp_path / "huge.yaml", "wb") as handle:
        handle.truncate(MAX_YAML_BYTES + 1)
    pack, problems = open_pack_source(tmp_path)
    assert problems == [] and pack is not None
    with pytest.raises(PackFileError, match=r"^file is larger than the 16 MiB limit for a YAML file$"):
        pack.read_bytes("huge.yaml")


def test_links_inside_the_pack_are_followed(tmp_path: Path) -> None:
    """A symbolic link that stays inside the pack reads like the file it names."""
    make_folder(tmp_path, {"pack.yaml": MANIFEST, "real/a.yaml": b"a: 1\n"})
    (tmp_path / "alias.yaml").symlink_to("real/a.yaml")
    (tmp_path / "linked").symlink_to("real", target_is_directory=True)
    (tmp_path / "real" / "loop").symlink_to("..", target_is_directory=True)
    pack, problems = open_pack_source(tmp_path)
    assert problems == []
    assert pack is not None
    assert pack.read_bytes("alias.yaml") == b"a: 1\n"
    assert pack.read_bytes("linked/a.yaml") == b"a: 1\n"
    assert "alias.yaml" in pack.files() and "linked/a.yaml" in pack.files()


def test_missing_path_is_an_error_naming_it(tmp_path: Path) -> None:
    """A PATH that does not exist is one error that prints as PATH, with no line and column to point at."""
    missing = tmp_path / "nowhere"
    pack, problems = open_pack_source(missing)
    assert pack is None
    assert problems == [
        Problem("nowhere", 0, 0, "error", "no pack here: there is no file or folder at this path")
    ]
    assert problems[0].format(pack_label(missing)) == (
        f"{missing}: error: no pack here: there is no file or folder at this path"
    )


def test_folder_without_manifest_is_an_error(tmp_path: Path) -> None:
    """A folder that holds no pack.yaml is not a pack."""
    pack, problems = open_pack_source(make_folder(tmp_path, {"notes.txt": b"x"}))
    assert pack is None
    assert problems == [
        Problem("pack.yaml", 1, 1, "error", "no pack.yaml here: a pack folder holds its manifest, pack.yaml")
    ]


def test_folder_without_manifest_is_not_judged_file_by_file(tmp_path: Path) -> None:
    """A folder that is not a pack gets one error, not one per link or oversized file inside it."""
    folder = make_folder(tmp_path / "home", {"notes.txt": b"x"})
    (folder / "elsewhere").symlink_to(tmp_path)  # a link out would be an error inside a pack
    pack, problems = open_pack_source(folder)
    assert pack is None
    assert [p.message for p in problems] == ["no pack.yaml here: a pack folder holds its manifest, pack.yaml"]


def test_other_file_is_not_a_pack(tmp_path: Path) -> None:
    """A file that is neither pack.yaml nor a zip is refused by its own name."""
    (tmp_path / "notes.txt").write_text("hello")
    (tmp_path / "fake.zip").write_text("hello")
    assert open_pack_source(tmp_path / "notes.txt") == (
        None,
        [Problem("notes.txt", 1, 1, "error", "not a pack: give a pack folder, its pack.yaml or a .zip")],
    )
    assert open_pack_source(tmp_path / "fake.zip") == (
        None,
        [Problem("fake.zip", 1, 1, "error", "not a readable zip archive")],
    )


def test_zip_with_manifest_at_root(tmp_path: Path) -> None:
    """A zip holding pack.yaml at its root opens with its files in memory."""
    path = make_zip(tmp_path / "p.zip", {"pack.yaml": MANIFEST, "modules/a.yaml": b"a: 1\n"})
    pack, problems = open_pack_source(path)
    assert problems == []
    assert pack is not None
    assert pack.root is None and pack.label == str(path)
    assert pack.files() == ["modules/a.yaml", "pack.yaml"]
    assert pack.read_bytes("modules/a.yaml") == b"a: 1\n"
    assert pack.exists("pack.yaml") and not pack.exists("modules")
    with pytest.raises(PackFileError, match=r"^path leaves the pack$"):
        pack.read_bytes("../p.zip")


def test_zip_with_one_top_folder_ignores_mac_litter(tmp_path: Path) -> None:
    """pack.yaml inside a single top-level folder is found; __MACOSX and .DS_Store are ignored."""
    path = make_zip(
        tmp_path / "p.zip",
        {
            "my-pack/pack.yaml": MANIFEST,
            "my-pack/.DS_Store": b"junk",
            "my-pack/assets/.DS_Store": b"junk",
            "my-pack/assets/a.png": b"png",
            "__MACOSX/my-pack/._pack.yaml": b"junk",
        },
    )
    pack, problems = open_pack_source(path)
    assert problems == []
    assert pack is not None
    assert pack.files() == ["assets/a.png", "pack.yaml"]


def test_zip_with_two_top_folders_has_no_pack(tmp_path: Path) -> None:
    """A zip whose pack.yaml is neither at the root nor in the only top-level folder is refused."""
    path = make_zip(tmp_path / "p.zip", {"a/pack.yaml": MANIFEST, "b/x.yaml": b"x: 1\n"})
    assert open_pack_source(path) == (
        None,
        [
            Problem(
                "pack.yaml",
                1,
                1,
                "error",
                "no pack.yaml at the zip's root or inside its single top-level folder",
            )
        ],
    )


def test_zip_read_limit_keyword(tmp_path: Path) -> None:
    """The per-read limit applies to zip packs too."""
    pack, _ = open_pack_source(make_zip(tmp_path / "p.zip", {"pack.yaml": MANIFEST, "a.png": b"x" * 100}))
    assert pack is not None
    with pytest.raises(PackFileError, match=r"^file is larger than the 99 bytes limit$"):
        pack.read_bytes("a.png", limit=99)


def test_folder_file_count_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A folder with more regular files than the limit is refused, naming the limit."""
    monkeypatch.setattr(source_module, "MAX_FILES", 3)
    make_folder(tmp_path, {"pack.yaml": MANIFEST, "a": b"", "b": b"", ".c": b""})
    assert open_pack_source(tmp_path) == (
        None,
        [Problem("pack.yaml", 1, 1, "error", "pack holds more than the 3-file limit")],
    )


def test_zip_file_count_limit_is_the_formats(tmp_path: Path) -> None:
    """A zip of 20,000 files (the format's limit, hidden files included) opens; one more is refused."""

    def zip_of(path: Path, count: int) -> Path:
        with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
            archive.writestr("pack.yaml", MANIFEST)
            for number in range(count - 1):
                archive.writestr(f"assets/.{number}", b"")
        return path

    at_limit, problems = open_pack_source(zip_of(tmp_path / "at.zip", 20_000))
    assert at_limit is not None and problems == []
    assert open_pack_source(zip_of(tmp_path / "over.zip", 20_001)) == (
        None,
        [Problem("pack.yaml", 1, 1, "error", "zip holds more than the 20,000-file limit")],
    )


def test_zip_file_count_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A zip with more files than the limit is refused before any entry is read."""
    monkeypatch.setattr(source_module, "MAX_FILES", 2)
    path = make_zip(tmp_path / "p.zip", {"pack.yaml": MANIFEST, "a": b"", "b": b""})
    assert open_pack_source(path) == (
        None,
        [Problem("pack.yaml", 1, 1, "error", "zip holds more than the 2-file limit")],
    )


def test_folder_total_size_limit(tmp_path: Path) -> None:
    """A folder whose files add up to more than 256 MiB is refused (sparse files, nothing written)."""
    make_folder(tmp_path, {"pack.yaml": MANIFEST})
    for name in ("a.bin", "b.bin"):
        with open(tmp_path / name, "wb") as handle:
            handle.truncate(MAX_TOTAL_BYTES // 2)
    assert open_pack_source(tmp_path) == (
        None,
        [Problem("pack.yaml", 1, 1, "error", "pack is larger than the 256 MiB limit for a whole pack")],
    )


def test_direct_construction_keeps_the_provisional_contract(tmp_path: Path) -> None:
    """PackSource(root, label) still builds a folder source, as the provisional version did."""
    make_folder(tmp_path, {"pack.yaml": MANIFEST})
    pack = PackSource(tmp_path, "label")
    assert pack.label == "label" and pack.files() == ["pack.yaml"]
    assert pack.read_bytes("pack.yaml") == MANIFEST


def test_unreadable_file_is_a_pack_file_error(tmp_path: Path) -> None:
    """A file the user may not read gives PackFileError, not OSError."""
    if os.geteuid() == 0:
        pytest.skip("root reads every file")
    make_folder(tmp_path, {"pack.yaml": MANIFEST, "secret.yaml": b"x: 1\n"})
    (tmp_path / "secret.yaml").chmod(0)
    pack, _ = open_pack_source(tmp_path)
    assert pack is not None
    with pytest.raises(PackFileError, match=r"^could not open the file"):
        pack.read_bytes("secret.yaml")


def test_folder_flooded_with_empty_folders_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Folders are not files, but a pack holding too many entries of any kind stops the walk."""
    monkeypatch.setattr(source_module, "_MAX_FOLDER_ENTRIES", 5)
    make_folder(tmp_path, {"pack.yaml": MANIFEST})
    for index in range(5):
        (tmp_path / f"empty{index}").mkdir()
    assert open_pack_source(tmp_path) == (
        None,
        [Problem("pack.yaml", 1, 1, "error", "pack holds more than 5 files and folders")],
    )

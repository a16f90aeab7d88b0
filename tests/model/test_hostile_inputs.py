"""Hostile packs: each ends in precise error problems, quickly and in bounded memory.

Every input here is one a malicious or broken pack could hold (spec sections 1 and 8, and the
security guide). The tests assert the exact file, position and message of the problem.
"""

from __future__ import annotations

import io
import os
import stat
import struct
import warnings
import zipfile
from pathlib import Path

import pytest

from app.model.limits import MAX_DEPTH, MAX_PROBLEMS_PER_FILE, MAX_YAML_BYTES
from app.model.problems import Problem
from app.model.source import PackFileError, open_pack_source
from app.model.yamlload import Mapping, Scalar, load_yaml, to_plain

MANIFEST = b"format: 1\nid: p\n"
TOO_DEEP = f"YAML is nested deeper than the {MAX_DEPTH}-level limit"


def error(file: str, line: int, column: int, message: str) -> Problem:
    """Return the error problem a test expects."""
    return Problem(file, line, column, "error", message)


# --- YAML -------------------------------------------------------------------------------------


def test_billion_laughs_is_refused_at_the_first_anchor_without_expansion() -> None:
    """The classic alias bomb gives an error per anchor and alias; nothing is expanded."""
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in "bcdefghi":
        previous = chr(ord(level) - 1)
        lines.append(f"{level}: &{level} [" + ",".join([f"*{previous}"] * 9) + "]")
    node, problems = load_yaml("\n".join(lines).encode(), "bomb.yaml")
    assert problems[0] == error("bomb.yaml", 1, 4, "anchors are not allowed (`&a`); write the content out")
    assert problems[1] == error("bomb.yaml", 2, 4, "anchors are not allowed (`&b`); write the content out")
    assert problems[2] == error("bomb.yaml", 2, 8, "aliases are not allowed (`*a`); write the content out")
    assert len(problems) == 9 + 8 * 9
    data = to_plain(node)
    assert data["a"] == ["lol"] * 9
    assert data["i"] == []  # the aliases were left out, never expanded


def test_a_flood_of_aliases_stops_after_the_problem_cap() -> None:
    """200,000 aliases do not make 200,000 problems: reading stops at the per-file cap."""
    node, problems = load_yaml(b"a: &a x\nb: [" + b"*a, " * 200_000 + b"]\n", "flood.yaml")
    assert node is None
    assert len(problems) == MAX_PROBLEMS_PER_FILE + 1
    assert problems[-1].message == f"stopped reading after {MAX_PROBLEMS_PER_FILE:,} problems in this file"


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        (b"[" * 100_000, 1, None),
        (b"{" * 100_000, 1, None),
        (b"{a: " * 100_000, 1, 4 * MAX_DEPTH + 1),
        (b"- " * 100_000 + b"x", 1, 2 * MAX_DEPTH + 1),
        (b"? " * 100_000 + b"x", 1, 2 * MAX_DEPTH + 1),
        (b"".join(b" " * i + b"k:\n" for i in range(3000)), MAX_DEPTH + 1, MAX_DEPTH + 1),
    ],
    ids=[
        "flow-sequences",
        "flow-mappings",
        "flow-mappings-with-keys",
        "block-sequences",
        "block-keys",
        "indented-block-mappings",
    ],
)
def test_deep_nesting_is_refused_naming_the_limit(text: bytes, line: int, column: int | None) -> None:
    """Nesting far past the limit is one error naming the 64-level limit, found before any recursion."""
    node, problems = load_yaml(text, "deep.yaml")
    assert node is None
    assert len(problems) == 1
    problem = problems[0]
    assert (problem.file, problem.line, problem.severity, problem.message) == (
        "deep.yaml",
        line,
        "error",
        TOO_DEEP,
    )
    if column is not None:
        assert problem.column == column  # where the collection past the limit opens


def test_file_over_16_mib_is_refused_before_parsing() -> None:
    """A YAML file over 16 MiB is refused by size alone, at 1:1."""
    data = b"a: " + b"x" * MAX_YAML_BYTES + b"\n"
    assert load_yaml(data, "big.yaml") == (
        None,
        [error("big.yaml", 1, 1, "file is larger than the 16 MiB limit for a YAML file")],
    )


def test_huge_scalar_under_the_limit_loads_as_text() -> None:
    """A 15 MiB scalar is only big text: it loads as one string with no problem."""
    node, problems = load_yaml(b"a: " + b"x" * (15 * 1024 * 1024) + b"\n", "big.yaml")
    assert problems == []
    assert isinstance(node, Mapping)
    value = node.items[0][1]
    assert isinstance(value, Scalar) and len(value.value) == 15 * 1024 * 1024


def test_hundred_thousand_digit_integer_is_an_error_not_a_value_error() -> None:
    """An integer beyond Python's conversion limit is reported at its position; nothing raises."""
    node, problems = load_yaml(b"n: " + b"7" * 100_000 + b"\n", "n.yaml")
    assert problems == [
        error(
            "n.yaml",
            1,
            4,
            "number `" + "7" * 39 + "…` is too long (more than 4,300 digits); quote it if it is text",
        )
    ]
    assert isinstance(node, Mapping)
    value = node.items[0][1]
    assert isinstance(value, Scalar) and (value.kind, value.value) == ("int", None)


@pytest.mark.parametrize(
    ("data", "line", "column", "byte"),
    [
        (b"\xff\xfea\x00:\x00", 1, 1, "FF"),
        (b"title: caf\xe9\n", 1, 11, "E9"),
        ("a: 1\nb: 中文 ".encode() + b"\x80", 2, 7, "80"),
        (b"a: \xed\xa0\x80\n", 1, 4, "ED"),  # an encoded surrogate is not UTF-8
    ],
)
def test_non_utf8_bytes_are_reported_at_the_first_bad_byte(
    data: bytes, line: int, column: int, byte: str
) -> None:
    """Text that is not UTF-8 is one error at the first byte that cannot be read."""
    assert load_yaml(data, "m.yaml") == (
        None,
        [
            error(
                "m.yaml",
                line,
                column,
                f"file is not UTF-8 text (byte 0x{byte} cannot be read); save it as UTF-8",
            )
        ],
    )


@pytest.mark.parametrize(
    ("data", "line", "column", "code"),
    [
        (b"a: b\x00c\n", 1, 5, "0000"),
        (b"a: 1\nb: \x07\n", 2, 4, "0007"),
        ("a: 中\x1b".encode(), 1, 5, "001B"),
    ],
)
def test_control_characters_are_reported_with_position(
    data: bytes, line: int, column: int, code: str
) -> None:
    """NUL and other characters YAML refuses give an error at the character, not a traceback."""
    assert load_yaml(data, "m.yaml") == (
        None,
        [error("m.yaml", line, column, f"character U+{code} is not allowed in YAML")],
    )


def test_python_object_tag_is_refused_and_nothing_runs(tmp_path: Path) -> None:
    """`!!python/object/apply:os.system` is an error at the tag and is never constructed."""
    marker = tmp_path / "ran"
    text = f"steps: !!python/object/apply:os.system ['touch {marker}']\n"
    node, problems = load_yaml(text.encode(), "m.yaml")
    assert problems == [
        error("m.yaml", 1, 8, "tags are not allowed (`!!python/object/apply:os.system`); write plain YAML")
    ]
    assert to_plain(node) == {"steps": [f"touch {marker}"]}
    assert not marker.exists()


def test_binary_tag_is_refused_instead_of_silently_decoding() -> None:
    """`!!binary "@@@"` (which SafeLoader silently reads as b'') is an error at the tag."""
    node, problems = load_yaml(b'image: !!binary "@@@"\n', "m.yaml")
    assert problems == [error("m.yaml", 1, 8, "tags are not allowed (`!!binary`); write plain YAML")]
    assert to_plain(node) == {"image": "@@@"}


# --- zips -------------------------------------------------------------------------------------


def build_zip(
    entries: list[tuple[zipfile.ZipInfo | str, bytes]], compression: int = zipfile.ZIP_DEFLATED
) -> bytes:
    """Return the bytes of a zip holding ``entries`` in order, duplicates and odd names included."""
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # duplicate names warn; writing them is the point
        with zipfile.ZipFile(buffer, "w", compression) as archive:
            for name, data in entries:
                archive.writestr(name, data)
    return buffer.getvalue()


def patch_central_directory(blob: bytes, name: str, **fields: int) -> bytes:
    """Overwrite fields (flag, crc, size) of one entry's central directory record."""
    offsets = {"flag": (8, "<H"), "method": (10, "<H"), "crc": (16, "<I"), "size": (24, "<I")}
    patched = bytearray(blob)
    encoded = name.encode()
    at = 0
    while (at := patched.find(b"PK\x01\x02", at)) >= 0:
        length = struct.unpack_from("<H", patched, at + 28)[0]
        if bytes(patched[at + 46 : at + 46 + length]) == encoded:
            for field, value in fields.items():
                offset, layout = offsets[field]
                struct.pack_into(layout, patched, at + offset, value)
            return bytes(patched)
        at += 4
    raise KeyError(name)


def open_zip(tmp_path: Path, blob: bytes) -> tuple[object, list[Problem]]:
    """Write ``blob`` as pack.zip and open it as a pack."""
    path = tmp_path / "pack.zip"
    path.write_bytes(blob)
    return open_pack_source(path)


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("../evil", "zip entry climbs out of the pack with '..'"),
        ("sub/../../x", "zip entry climbs out of the pack with '..'"),
        ("sub\\..\\..\\x", "zip entry climbs out of the pack with '..'"),
        ("/abs", "zip entry has an absolute name"),
        ("C:\\Windows\\evil.dll", "zip entry has an absolute name"),
        ("\\\\server\\share", "zip entry has an absolute name"),
    ],
)
def test_zip_slip_names_are_refused(tmp_path: Path, name: str, message: str) -> None:
    """Entry names that are absolute or climb out with '..' (also with backslashes) are errors."""
    blob = build_zip([("pack.yaml", MANIFEST), (name, b"payload")])
    assert open_zip(tmp_path, blob) == (None, [error(name, 1, 1, message)])
    assert not (tmp_path.parent / "evil").exists() and not (tmp_path / "x").exists()


def test_zip_entry_inflating_past_its_declared_size_is_stopped(tmp_path: Path) -> None:
    """An entry declaring 1,000 bytes but inflating to 300 MiB is read only to 1,000 and then fails."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("pack.yaml", MANIFEST)
        with archive.open("bomb.bin", "w", force_zip64=False) as stream:
            zeros = bytes(1024 * 1024)
            for _ in range(300):
                stream.write(zeros)
    blob = patch_central_directory(buffer.getvalue(), "bomb.bin", size=1000)
    pack, problems = open_zip(tmp_path, blob)
    assert pack is None
    assert problems == [
        error("bomb.bin", 1, 1, "could not read this zip entry (Bad CRC-32 for file 'bomb.bin')")
    ]


def test_zip_entry_declaring_a_huge_size_is_refused_before_reading(tmp_path: Path) -> None:
    """An entry whose header declares 4 GiB is refused from the central directory alone."""
    blob = patch_central_directory(
        build_zip([("pack.yaml", MANIFEST), ("a.png", b"tiny")]), "a.png", size=0xFFFFFFF0
    )
    assert open_zip(tmp_path, blob) == (
        None,
        [error("a.png", 1, 1, "file is larger than the 256 MiB limit for a whole pack")],
    )


def test_zip_entries_adding_up_past_the_total_limit_are_refused(tmp_path: Path) -> None:
    """Entries each under the limit but over 256 MiB together are refused before reading."""
    blob = build_zip([("pack.yaml", MANIFEST), ("a.bin", b"a"), ("b.bin", b"b")])
    blob = patch_central_directory(blob, "a.bin", size=200 * 1024 * 1024)
    blob = patch_central_directory(blob, "b.bin", size=200 * 1024 * 1024)
    assert open_zip(tmp_path, blob) == (
        None,
        [error("pack.yaml", 1, 1, "zip unpacks to more than the 256 MiB limit for a whole pack")],
    )


def test_yaml_entry_declaring_over_16_mib_is_refused(tmp_path: Path) -> None:
    """A YAML entry declaring more than 16 MiB is refused with the YAML limit."""
    blob = build_zip([("pack.yaml", MANIFEST), ("m.yaml", b"a: 1\n")])
    blob = patch_central_directory(blob, "m.yaml", size=MAX_YAML_BYTES + 1)
    assert open_zip(tmp_path, blob) == (
        None,
        [error("m.yaml", 1, 1, "file is larger than the 16 MiB limit for a YAML file")],
    )


def test_zip_symlink_entry_is_refused(tmp_path: Path) -> None:
    """A zip entry with the symbolic-link mode is an error, even pointing nowhere harmful."""
    link = zipfile.ZipInfo("assets/passwd")
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    blob = build_zip([("pack.yaml", MANIFEST), (link, b"/etc/passwd")])
    assert open_zip(tmp_path, blob) == (
        None,
        [error("assets/passwd", 1, 1, "zip entry is a symbolic link; links are not allowed in a zip")],
    )


def test_duplicate_zip_entries_are_refused(tmp_path: Path) -> None:
    """Two entries with the same name (also once normalised) are an error at the second."""
    blob = build_zip([("pack.yaml", MANIFEST), ("m.yaml", b"a: 1\n"), ("./m.yaml", b"a: 2\n")])
    assert open_zip(tmp_path, blob) == (None, [error("m.yaml", 1, 1, "zip holds two entries named `m.yaml`")])


def test_encrypted_zip_entry_is_refused(tmp_path: Path) -> None:
    """An entry with the encryption flag set is an error, not a password prompt or RuntimeError."""
    blob = patch_central_directory(
        build_zip([("pack.yaml", MANIFEST), ("m.yaml", b"a: 1\n")]), "m.yaml", flag=1
    )
    assert open_zip(tmp_path, blob) == (
        None,
        [error("m.yaml", 1, 1, "zip entry is encrypted; packs cannot be encrypted")],
    )


@pytest.mark.parametrize("compression", [zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED])
def test_zip_entry_failing_its_checksum_is_refused(tmp_path: Path, compression: int) -> None:
    """An entry whose CRC does not match its data is an error naming the entry."""
    blob = build_zip([("pack.yaml", MANIFEST), ("m.yaml", b"a: 1\n")], compression)
    blob = patch_central_directory(blob, "m.yaml", crc=0x12345678)
    assert open_zip(tmp_path, blob) == (
        None,
        [error("m.yaml", 1, 1, "could not read this zip entry (Bad CRC-32 for file 'm.yaml')")],
    )


def test_unsupported_compression_method_is_refused(tmp_path: Path) -> None:
    """An entry compressed with a method Python cannot unpack (NotImplementedError) is a problem."""
    blob = build_zip([("pack.yaml", MANIFEST), ("m.yaml", b"a: 1\n")])
    blob = patch_central_directory(blob, "m.yaml", method=99)
    assert open_zip(tmp_path, blob) == (
        None,
        [error("m.yaml", 1, 1, "could not read this zip entry (That compression method is not supported)")],
    )


def test_corrupted_deflate_stream_is_refused(tmp_path: Path) -> None:
    """Garbage in place of deflated data (a zlib.error) becomes a problem for that entry."""
    text = "".join(f"line{i}: {i * 7919 % 10007}\n" for i in range(2000)).encode()
    blob = build_zip([("pack.yaml", MANIFEST), ("m.yaml", text)])
    start = blob.index(b"m.yaml") + len(b"m.yaml") + 100  # inside the entry's deflated data
    assert blob.index(b"PK\x01\x02") > start + 20
    broken = blob[:start] + b"\xff" * 20 + blob[start + 20 :]
    pack, problems = open_zip(tmp_path, broken)
    assert pack is None
    assert len(problems) == 1
    assert problems[0].file == "m.yaml"
    assert problems[0].message.startswith("could not read this zip entry (")


def test_truncated_zip_is_an_unreadable_archive(tmp_path: Path) -> None:
    """A zip cut in half is one error about the archive, not a BadZipFile traceback."""
    blob = build_zip([("pack.yaml", MANIFEST), ("m.yaml", b"a: 1\n")])
    assert open_zip(tmp_path, blob[: len(blob) // 2]) == (
        None,
        [error("pack.yaml", 1, 1, "not a readable zip archive (File is not a zip file)")],
    )


# --- folders ----------------------------------------------------------------------------------


def make_pack(root: Path) -> Path:
    """Create a minimal pack folder and return it."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "pack.yaml").write_bytes(MANIFEST)
    return root


def test_link_to_etc_passwd_is_an_error_even_unused(tmp_path: Path) -> None:
    """A symbolic link to a file outside the pack is an error, and reading through it is refused."""
    pack_root = make_pack(tmp_path / "pack")
    (pack_root / "assets").mkdir()
    (pack_root / "assets" / "passwd.png").symlink_to("/etc/passwd")
    pack, problems = open_pack_source(pack_root)
    assert problems == [error("assets/passwd.png", 1, 1, "symbolic link leads outside the pack")]
    assert pack is not None
    with pytest.raises(PackFileError, match=r"^file is a link that leads outside the pack$"):
        pack.read_bytes("assets/passwd.png")


def test_link_to_a_folder_outside_is_an_error(tmp_path: Path) -> None:
    """A link to a folder outside the pack is an error, and nothing behind it is listed or read."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.yaml").write_text("secret: 1\n")
    pack_root = make_pack(tmp_path / "pack")
    (pack_root / "shared").symlink_to(outside, target_is_directory=True)
    pack, problems = open_pack_source(pack_root)
    assert problems == [error("shared", 1, 1, "symbolic link leads outside the pack")]
    assert pack is not None
    assert pack.files() == ["pack.yaml"]
    with pytest.raises(PackFileError, match=r"^file is a link that leads outside the pack$"):
        pack.read_bytes("shared/secret.yaml")


def test_sibling_folder_with_a_common_prefix_is_outside(tmp_path: Path) -> None:
    """A link into `pack-evil` is outside `pack`, though the path starts the same."""
    pack_root = make_pack(tmp_path / "pack")
    (tmp_path / "pack-evil").mkdir()
    (tmp_path / "pack-evil" / "x.yaml").write_text("x: 1\n")
    (pack_root / "x.yaml").symlink_to(tmp_path / "pack-evil" / "x.yaml")
    _, problems = open_pack_source(pack_root)
    assert problems == [error("x.yaml", 1, 1, "symbolic link leads outside the pack")]


def test_fifo_inside_the_pack_is_not_read_and_does_not_hang(tmp_path: Path) -> None:
    """A FIFO named like a module is refused as not a regular file instead of blocking forever."""
    pack_root = make_pack(tmp_path / "pack")
    os.mkfifo(pack_root / "module.yaml")
    pack, problems = open_pack_source(pack_root)
    assert problems == []
    assert pack is not None
    assert pack.files() == ["pack.yaml"]
    assert not pack.exists("module.yaml")
    with pytest.raises(PackFileError, match=r"^not a regular file$"):
        pack.read_bytes("module.yaml")


def test_link_to_dev_zero_is_refused(tmp_path: Path) -> None:
    """An image linking to /dev/zero is an outside link, and is never opened."""
    pack_root = make_pack(tmp_path / "pack")
    (pack_root / "poster.png").symlink_to("/dev/zero")
    pack, problems = open_pack_source(pack_root)
    assert problems == [error("poster.png", 1, 1, "symbolic link leads outside the pack")]
    assert pack is not None
    with pytest.raises(PackFileError, match=r"^file is a link that leads outside the pack$"):
        pack.read_bytes("poster.png", limit=1024)


def test_pack_folder_reached_through_a_link_still_works(tmp_path: Path) -> None:
    """The pack root itself may be a link: containment is checked against the resolved root."""
    pack_root = make_pack(tmp_path / "real")
    (pack_root / "m.yaml").write_text("a: 1\n")
    (tmp_path / "via").symlink_to(pack_root, target_is_directory=True)
    pack, problems = open_pack_source(tmp_path / "via")
    assert problems == []
    assert pack is not None and pack.read_bytes("m.yaml") == b"a: 1\n"

"""Hostile pack images: only PNG, JPEG, GIF or WebP, judged by their bytes, within the pixel cap.

An SVG (which Qt's plugin lets read local files), an SVG renamed ``.png``, a decompression bomb and
damaged files are each a ``validate`` error at the line that names the image, in Markdown and in
examples alike. A real image under the wrong name is shown (the bytes decide) with a warning.
Qt-free: the sizes come from the formats' headers.
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.model.images import (
    MAX_IMAGE_PIXELS,
    ImageRefusedError,
    extension_mismatch,
    sniff_image,
)
from app.model.problems import Problem
from tests.images import SVG_READING_A_LOCAL_FILE, gif, jpeg_header, png, webp_vp8x
from tests.model.packs import line_of, module, problems_of, steps, write_pack

BOMB = png(4, 3, declared=(50_000, 50_000))  # 50,000 x 50,000 declared in a file of a few dozen bytes


def example_with_image(path: str) -> str:
    return steps(
        f"""\
        - example:
            medium: post
            image: {path}
            alt: A poster
            sources: [src]
            annotations:
              - {{region: [0, 0, 1, 1], note: N}}
        """
    )


def reading_with_image(path: str) -> str:
    return steps(
        f"""\
        - reading:
            body: |
              First paragraph [@src].

              Look at this: ![a poster]({path}) and think.
        """
    )


def pack_with(tmp_path: Path, step: str, files: dict[str, bytes]) -> tuple[Path, list[Problem]]:
    root = write_pack(tmp_path, modules={"m.yaml": module(step)}, files=files)
    return root, problems_of(root)


def only(problems: list[Problem], severity: str) -> list[Problem]:
    return [problem for problem in problems if problem.severity == severity]


# --- the header reader ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (png(7, 5), ("PNG", 7, 5)),
        (gif(9, 4), ("GIF", 9, 4)),
        (jpeg_header(640, 480), ("JPEG", 640, 480)),
        (webp_vp8x(300, 200), ("WebP", 300, 200)),
    ],
)
def test_sizes_come_from_each_formats_header(data: bytes, expected: tuple[str, int, int]) -> None:
    info = sniff_image(data)
    assert (info.format, info.width, info.height) == expected


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (SVG_READING_A_LOCAL_FILE, "is an SVG drawing; SVG is not accepted"),
        (b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>', "SVG is not accepted"),
        (b"BM" + b"\x00" * 60, "is not a PNG, JPEG, GIF or WebP file"),
        (b"II*\x00" + b"\x00" * 60, "is not a PNG, JPEG, GIF or WebP file"),
        (b"", "is not a PNG, JPEG, GIF or WebP file"),
        (BOMB, "is 50,000 x 50,000 pixels, over the limit"),
        (jpeg_header(30_000, 30_000), "over the limit"),
        (webp_vp8x(16_000_000, 2), "over the limit"),
        (png(2, 2, declared=(0, 10)), "has nothing to show"),
        (png(40, 40)[:60], "it is cut short"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 32, "its header gives no size"),
        (b"\xff\xd8\xff\xe0" + b"\x00" * 12, "damaged JPEG"),
        (jpeg_header(40, 30)[:-2], "cut short"),
        (b"GIF89a\x02\x00\x02\x00" + b"\x00" * 10, "holds no image"),
        (webp_vp8x(40, 30)[:20], "damaged WebP"),
    ],
)
def test_refused_images_say_why(data: bytes, reason: str) -> None:
    with pytest.raises(ImageRefusedError) as refused:
        sniff_image(data)
    assert reason in refused.value.reason


def test_corrupt_png_pixel_data_is_found_without_qt() -> None:
    """Right checksums but a broken compressed stream: found by inflating in bounded steps."""
    good = png(40, 40)
    body = b"\x78\x9c" + b"\xff" * 30  # a zlib header, then no valid deflate block
    chunk = struct.pack(">I", len(body)) + b"IDAT" + body + struct.pack(">I", zlib.crc32(b"IDAT" + body))
    broken = good[:33] + chunk + good[-12:]
    with pytest.raises(ImageRefusedError, match="image data is corrupt"):
        sniff_image(broken)
    checksum = bytearray(good)
    checksum[-20] ^= 0xFF  # inside the IDAT chunk's data
    with pytest.raises(ImageRefusedError, match="fails its checksum"):
        sniff_image(bytes(checksum))


def test_the_pixel_cap_is_the_documented_one() -> None:
    side = int(MAX_IMAGE_PIXELS**0.5)
    assert sniff_image(png(2, 2, declared=(side, side))[:33] + png(2, 2)[33:]).width == side


def test_a_misnamed_image_is_judged_by_its_bytes() -> None:
    info = sniff_image(png())
    assert extension_mismatch("assets/p.png", info) is None
    assert extension_mismatch("assets/P.PNG", info) is None
    assert "is a PNG file but is named `p.jpg`" in (extension_mismatch("assets/p.jpg", info) or "")
    assert "has no extension" in (extension_mismatch("assets/p", info) or "")
    assert extension_mismatch("a.jpeg", sniff_image(jpeg_header(2, 2))) is None


# --- validate: examples and Markdown ---------------------------------------------------------------


def test_an_svg_example_image_is_an_error_at_its_line(tmp_path: Path) -> None:
    root, problems = pack_with(
        tmp_path, example_with_image("assets/p.svg"), {"assets/p.svg": SVG_READING_A_LOCAL_FILE}
    )
    [error] = only(problems, "error")
    assert error.message.startswith("image `assets/p.svg` is an SVG drawing; SVG is not accepted")
    assert (error.file, error.line) == ("m.yaml", line_of(root, "m.yaml", "image:"))


def test_an_svg_renamed_png_is_an_error(tmp_path: Path) -> None:
    _, problems = pack_with(
        tmp_path, example_with_image("assets/p.png"), {"assets/p.png": SVG_READING_A_LOCAL_FILE}
    )
    [error] = only(problems, "error")
    assert "`assets/p.png` is an SVG drawing" in error.message


def test_an_svg_in_markdown_is_an_error_at_the_line_and_column_that_names_it(tmp_path: Path) -> None:
    root, problems = pack_with(
        tmp_path, reading_with_image("assets/p.svg"), {"assets/p.svg": SVG_READING_A_LOCAL_FILE}
    )
    [error] = only(problems, "error")
    assert "SVG is not accepted" in error.message
    line = line_of(root, "m.yaml", "Look at this")
    assert error.line == line
    text = (root / "m.yaml").read_text(encoding="utf-8").splitlines()[line - 1]
    assert error.column == text.index("assets/p.svg") + 1


def test_a_png_renamed_jpg_is_shown_with_a_warning(tmp_path: Path) -> None:
    """Decided: the bytes decide the format, so a PNG called .jpg is accepted; the name earns a warning."""
    root, problems = pack_with(tmp_path, reading_with_image("assets/p.jpg"), {"assets/p.jpg": png()})
    assert only(problems, "error") == []
    [warning] = only(problems, "warning")
    assert "is a PNG file but is named `p.jpg`" in warning.message
    assert warning.line == line_of(root, "m.yaml", "Look at this")


def test_a_decompression_bomb_is_an_error(tmp_path: Path) -> None:
    for step in (example_with_image("assets/bomb.png"), reading_with_image("assets/bomb.png")):
        _, problems = pack_with(tmp_path / str(len(step)), step, {"assets/bomb.png": BOMB})
        [error] = only(problems, "error")
        assert "is 50,000 x 50,000 pixels, over the limit of 40,000,000 pixels" in error.message


def test_a_damaged_image_is_an_error(tmp_path: Path) -> None:
    _, problems = pack_with(
        tmp_path, reading_with_image("assets/cut.png"), {"assets/cut.png": png(40, 40)[:70]}
    )
    [error] = only(problems, "error")
    assert "is a damaged PNG file" in error.message


def test_an_image_over_the_byte_cap_is_an_error(tmp_path: Path) -> None:
    big = png(2, 2)[:-12] + b"\x00" * (9 * 1024 * 1024) + png(2, 2)[-12:]
    _, problems = pack_with(tmp_path, example_with_image("assets/big.png"), {"assets/big.png": big})
    [error] = only(problems, "error")
    assert "cannot be read: file is larger than the 8 MiB limit" in error.message


def test_one_bad_image_named_twice_is_reported_at_each_place(tmp_path: Path) -> None:
    step = reading_with_image("a.svg") + example_with_image("a.svg")
    _, problems = pack_with(tmp_path, step, {"a.svg": SVG_READING_A_LOCAL_FILE})
    assert len(only(problems, "error")) == 2


def test_validate_command_fails_on_an_svg(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from app.commands.validate import run_validate

    root, _ = pack_with(
        tmp_path, example_with_image("assets/p.png"), {"assets/p.png": SVG_READING_A_LOCAL_FILE}
    )
    assert run_validate([str(root)]) == 1
    assert "SVG is not accepted" in capsys.readouterr().out


_HEADS = [png(3, 2), gif(), jpeg_header(8, 8), webp_vp8x(8, 8), SVG_READING_A_LOCAL_FILE]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(_HEADS), st.integers(min_value=0, max_value=80), st.binary(max_size=64))
def test_damaged_images_are_refused_with_a_reason_never_an_exception(head: bytes, cut: int, noise: bytes) -> None:
    """Any image cut short or overwritten with noise is accepted or refused with a reason: nothing else escapes."""
    data = head[:cut] + noise + head[cut + len(noise) :]
    try:
        info = sniff_image(data)
    except ImageRefusedError as refused:
        assert refused.reason
    else:
        assert 0 < info.width * info.height <= MAX_IMAGE_PIXELS


def test_a_question_bank_cannot_smuggle_an_svg_or_a_bomb_into_a_pack(tmp_path: Path) -> None:
    """Moodle XML embeds files as base64: only images a pack may show are kept; the rest are noted and left out."""
    import base64

    from app.model.interchange.bank import write_pack
    from app.model.interchange.moodle_xml import read_moodle_xml
    from app.model.loader import load_pack

    def embedded(name: str, data: bytes) -> str:
        return (
            f'<img src="@@PLUGINFILE@@/{name}" alt="picture {name}">'
            f'</p>]]></text><file name="{name}" path="/" encoding="base64">{base64.b64encode(data).decode()}</file>'
        )

    files = {"draw.svg": SVG_READING_A_LOCAL_FILE, "bomb.png": BOMB, "ok.png": png(8, 6)}
    questions = "".join(
        f"""<question type="truefalse"><name><text>q{index}</text></name>
  <questiontext format="html"><text><![CDATA[<p>Is it? {embedded(name, data)}</questiontext>
  <answer fraction="100"><text>true</text></answer><answer fraction="0"><text>false</text></answer></question>"""
        for index, (name, data) in enumerate(files.items())
    )
    result = read_moodle_xml(f'<?xml version="1.0"?><quiz>{questions}</quiz>'.encode())
    notes = " | ".join(note.reason for note in result.notes)
    assert "the file draw.svg is an SVG drawing; SVG is not accepted" in notes
    assert "the file bomb.png is 50,000 x 50,000 pixels, over the limit" in notes
    assert set(result.assets) == {"ok.png"}
    written = write_pack(result, tmp_path / "pack", pack_id="bank", title="Bank")
    loaded = load_pack(written.path)
    assert loaded.errors == []
    assert sorted(p.name for p in (written.path / "assets").iterdir()) == ["ok.png"]

"""Hostile pack images never reach a view, a worksheet or a render: the bytes decide, Qt never guesses.

The packs here are valid when loaded; their image is then swapped on disk (as an author's editor or
a hostile sync might), so only the application's own reader stands between the file and Qt.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QBuffer, QIODevice, QUrl
from PySide6.QtGui import QColor, QImage, QTextDocument

from app.model.images import sniff_image
from app.model.loader import load_pack
from app.model.pack import Pack
from app.ui.artefact import ArtefactImageView
from app.ui.handout_pdf import export_handout
from app.ui.rich_text import MarkdownView, placeholder_image, read_pack_image
from app.ui.theme import LIGHT
from tests.conftest import EXAMPLE_PACK
from tests.images import png

RED = QColor(255, 0, 0).rgb()


def red_png(path: Path) -> None:
    """A bright red picture outside the pack: it must never appear in anything we draw."""
    image = QImage(200, 200, QImage.Format.Format_RGB32)
    image.fill(QColor(255, 0, 0))
    assert image.save(str(path), "PNG")


def svg_reading(target: Path) -> bytes:
    return (
        b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="200" '
        b'height="200"><image xlink:href="' + str(target).encode() + b'" width="200" height="200"/></svg>'
    )


def has_red(image: QImage) -> bool:
    return any(
        image.pixelColor(x, y).rgb() == RED
        for y in range(0, image.height(), 3)
        for x in range(0, image.width(), 3)
    )


@pytest.fixture
def swapped_pack(tmp_path: Path) -> tuple[Pack, Path]:
    """The example pack, loaded, whose poster is then replaced by an SVG drawing a file from outside."""
    root = tmp_path / "pack"
    shutil.copytree(EXAMPLE_PACK, root)
    loaded = load_pack(root)
    assert loaded.ok and loaded.pack is not None
    secret = tmp_path / "secret.png"
    red_png(secret)
    (root / "assets" / "poster.png").write_bytes(svg_reading(secret))
    return loaded.pack, secret


def test_qt_would_draw_the_outside_file(swapped_pack: tuple[Pack, Path]) -> None:
    """The hazard is real: left to guess, Qt's SVG plugin draws the red file named in the drawing."""
    pack, _ = swapped_pack
    image = QImage.fromData(pack.source.read_bytes("assets/poster.png"))
    if image.isNull():
        pytest.skip("this Qt has no SVG image plugin")
    assert has_red(image)


def test_the_reader_refuses_the_svg_and_says_why(swapped_pack: tuple[Pack, Path]) -> None:
    pack, _ = swapped_pack
    loaded = read_pack_image(pack, "assets/poster.png")
    assert loaded.image is None
    assert "is an SVG drawing; SVG is not accepted" in loaded.reason


def test_the_markdown_view_shows_a_placeholder_not_the_outside_file(
    qtbot, swapped_pack: tuple[Pack, Path]
) -> None:
    pack, _ = swapped_pack
    view = MarkdownView(pack)
    qtbot.addWidget(view)
    view.resize(600, 400)
    served = view.loadResource(QTextDocument.ResourceType.ImageResource.value, QUrl("assets/poster.png"))
    assert isinstance(served, QImage) and not served.isNull()
    assert not has_red(served)
    view.set_markdown("![The poster](assets/poster.png)")
    view.show()
    qtbot.waitExposed(view)
    assert not has_red(view.grab().toImage())


def test_the_example_view_shows_the_reason(qtbot, swapped_pack: tuple[Pack, Path]) -> None:
    pack, _ = swapped_pack
    view = ArtefactImageView(pack, "assets/poster.png", "A poster", LIGHT)
    qtbot.addWidget(view)
    assert view.failed() and "SVG is not accepted" in view.reason
    assert view.heightForWidth(300) > view.heightForWidth(900) >= 140  # the words are never cut off
    view.resize(500, 200)
    assert not has_red(view.grab().toImage())


def test_the_worksheet_never_embeds_it(swapped_pack: tuple[Pack, Path], tmp_path: Path) -> None:
    pack, _ = swapped_pack
    out = tmp_path / "sheet.html"
    export_handout(pack, out, answer_key=False)
    html = out.read_text(encoding="utf-8")
    assert "[picture not shown: A poster with a dark header" in html
    assert "SVG is not accepted" in html
    assert "data:image/svg" not in html and "secret.png" not in html
    pdf = tmp_path / "sheet.pdf"
    export_handout(pack, pdf, answer_key=False)
    assert pdf.read_bytes().startswith(b"%PDF") and b"/Subtype /Image" not in pdf.read_bytes()


def test_a_decompression_bomb_never_reaches_the_decoder(swapped_pack: tuple[Pack, Path], monkeypatch) -> None:
    pack, _ = swapped_pack
    root = Path(str(pack.source.root))
    (root / "assets" / "poster.png").write_bytes(png(4, 3, declared=(50_000, 50_000)))
    from app.ui import rich_text

    def no_reader(*_: object) -> None:
        raise AssertionError("Qt's reader was reached")

    monkeypatch.setattr(rich_text, "QImageReader", no_reader)
    loaded = read_pack_image(pack, "assets/poster.png")
    assert loaded.image is None and "over the limit" in loaded.reason


def test_a_png_named_jpg_is_shown(swapped_pack: tuple[Pack, Path]) -> None:
    pack, _ = swapped_pack
    root = Path(str(pack.source.root))
    (root / "assets" / "poster.png").write_bytes(png(30, 20))
    loaded = read_pack_image(pack, "assets/poster.png")
    assert loaded.image is not None and (loaded.image.width(), loaded.image.height()) == (30, 20)


@pytest.mark.parametrize(("fmt", "quality"), [("PNG", -1), ("JPEG", 80), ("WEBP", 80), ("WEBP", 100)])
def test_header_sizes_match_qts_decoder(fmt: str, quality: int) -> None:
    """The pure-Python header reader agrees with Qt on files Qt writes (WebP lossy VP8 and lossless VP8L)."""
    image = QImage(123, 45, QImage.Format.Format_RGB32)
    image.fill(QColor(20, 120, 200))
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    assert image.save(buffer, fmt, quality)
    info = sniff_image(bytes(buffer.data().data()))
    assert (info.width, info.height) == (123, 45)


def test_the_placeholder_fits_its_reason() -> None:
    short = placeholder_image("`a.svg` is an SVG drawing", 400)
    long = placeholder_image("`a.svg` is an SVG drawing; " * 12, 400)
    assert short.width() == long.width() == 400 and placeholder_image("x", 100).width() == 320
    assert long.height() > short.height()

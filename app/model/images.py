"""Which pack images are shown: PNG, JPEG, GIF or WebP, judged by their bytes, within a pixel cap.

A pack is a file from someone else. Qt would decode whatever its plugins know, judged by the
bytes or the name, and PySide6 ships an SVG plugin that resolves ``<image xlink:href="/path">``
from the local disk: a 201-byte SVG drew a file from outside the pack into lessons, renders and
printed worksheets, and one naming a FIFO froze the application. So the format is decided here,
from the file's first bytes, before Qt sees it; the reader is then told that one format and
nothing else (``app.ui.rich_text.read_pack_image``). SVG, BMP, TIFF, ICO and every other format
are refused, whatever the file is called.

The size is read from the format's header in pure Python (PNG ``IHDR``, JPEG ``SOF``, GIF's
logical screen, WebP's ``VP8``/``VP8L``/``VP8X`` chunk), so that ``validate`` (Qt-free) refuses a
decompression bomb (a few kilobytes declaring 50,000 x 50,000 pixels) without decoding anything.

Qt-free.
"""

from __future__ import annotations

import posixpath
import struct
import zlib
from dataclasses import dataclass

#: caps on a pack image: bytes read, pixels decoded (about 160 MB as 32-bit pixels), either side
MAX_IMAGE_BYTES = 8 * 1024 * 1024
MAX_IMAGE_PIXELS = 40_000_000
MAX_IMAGE_SIDE = 20_000

#: the formats accepted, as named to people, with Qt's reader name and the usual file extensions
FORMATS: dict[str, tuple[str, tuple[str, ...]]] = {
    "PNG": ("png", (".png",)),
    "JPEG": ("jpeg", (".jpg", ".jpeg", ".jpe", ".jfif")),
    "GIF": ("gif", (".gif",)),
    "WebP": ("webp", (".webp",)),
}
ACCEPTED = "PNG, JPEG, GIF or WebP"

_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
#: JPEG start-of-frame markers (baseline, progressive, lossless, arithmetic); C4, C8 and CC are not frames
_JPEG_FRAMES = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}
#: JPEG markers that stand alone, with no length after them
_JPEG_STANDALONE = frozenset([0x01, *range(0xD0, 0xD9)])


class ImageRefusedError(ValueError):
    """A pack image is not shown; ``reason`` completes "image `x.png` ..." for people."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class ImageInfo:
    """What an accepted image's header says: its format (a key of FORMATS) and size in pixels."""

    format: str
    width: int
    height: int

    @property
    def qt_format(self) -> str:
        """The name Qt's image reader knows the format by."""
        return FORMATS[self.format][0]


def _looks_like_svg(head: bytes) -> bool:
    text = head[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return text.startswith((b"<?xml", b"<svg", b"<!doctype svg", b"<!--")) and b"<svg" in head[:4096].lower()


def image_format(data: bytes) -> str | None:
    """Name the accepted format ``data`` (a file's first bytes at least) starts with, or None."""
    if data.startswith(_PNG_SIGNATURE):
        return "PNG"
    if data.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if data.startswith((b"GIF87a", b"GIF89a")):
        return "GIF"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WebP"
    return None


def _damaged(name: str) -> ImageRefusedError:
    return ImageRefusedError(f"is a damaged {name} file: its header gives no size (it cannot be decoded)")


def _png_size(data: bytes) -> tuple[int, int]:
    if len(data) < 24 or data[12:16] != b"IHDR":
        raise _damaged("PNG")
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def _jpeg_size(data: bytes) -> tuple[int, int]:
    index = 2
    end = len(data)
    while index < end:
        if data[index] != 0xFF:
            raise _damaged("JPEG")  # a marker must start here
        while index < end and data[index] == 0xFF:
            index += 1  # fill bytes
        if index >= end:
            break
        marker = data[index]
        index += 1
        if marker in _JPEG_STANDALONE:
            continue
        if marker in (0xD9, 0xDA):
            break  # end of image, or scan data before any frame header
        if index + 2 > end:
            break
        (length,) = struct.unpack(">H", data[index : index + 2])
        if length < 2:
            break
        if marker in _JPEG_FRAMES:
            if index + 7 > end:
                break
            height, width = struct.unpack(">HH", data[index + 3 : index + 7])
            return width, height
        index += length
    raise _damaged("JPEG")


def _gif_size(data: bytes) -> tuple[int, int]:
    if len(data) < 13:
        raise _damaged("GIF")
    width, height = struct.unpack("<HH", data[6:10])
    return width, height


def _webp_size(data: bytes) -> tuple[int, int]:
    chunk = data[12:16]
    if chunk == b"VP8 " and len(data) >= 30 and data[23:26] == b"\x9d\x01\x2a":
        width, height = struct.unpack("<HH", data[26:30])
        return width & 0x3FFF, height & 0x3FFF
    if chunk == b"VP8L" and len(data) >= 25 and data[20] == 0x2F:
        bits = int.from_bytes(data[21:25], "little")
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    if chunk == b"VP8X" and len(data) >= 30:
        return int.from_bytes(data[24:27], "little") + 1, int.from_bytes(data[27:30], "little") + 1
    raise _damaged("WebP")


_SIZE_READERS = {"PNG": _png_size, "JPEG": _jpeg_size, "GIF": _gif_size, "WebP": _webp_size}


def _png_body_problem(data: bytes) -> str | None:
    """Walk a PNG's chunks: each whole with a right checksum, image data present, the end marker last."""
    index = len(_PNG_SIGNATURE)
    compressed: list[bytes] = []
    while index + 12 <= len(data):
        (length,) = struct.unpack(">I", data[index : index + 4])
        kind = data[index + 4 : index + 8]
        end = index + 12 + length
        if end > len(data):
            return "it is cut short"
        (crc,) = struct.unpack(">I", data[end - 4 : end])
        if zlib.crc32(data[index + 4 : end - 4]) != crc:
            return f"its `{kind.decode('latin-1')}` chunk fails its checksum"
        if kind == b"IDAT":
            compressed.append(data[index + 8 : end - 4])
        if kind == b"IEND":
            return _inflate_problem(b"".join(compressed)) if compressed else "it holds no image data"
        index = end
    return "it is cut short"


def _inflate_problem(compressed: bytes) -> str | None:
    """Inflate a PNG's image data in bounded steps, keeping none of it: is the stream whole and sound?

    The header's size is already within the pixel cap, so the work is bounded too.
    """
    inflater = zlib.decompressobj()
    pending = compressed
    try:
        while not inflater.eof:
            produced = inflater.decompress(pending, 1 << 20)
            pending = inflater.unconsumed_tail
            if not produced and not pending:
                break  # no input left and nothing more comes out: the stream stops short
    except zlib.error:
        return "its image data is corrupt"
    return None if inflater.eof else "its image data is cut short"


def _body_problem(name: str, data: bytes) -> str | None:
    """Say what makes an image with a readable header still undecodable, as far as the structure shows
    (Qt's decoder, in the application, catches the rest and shows a placeholder)."""
    if name == "PNG":
        return _png_body_problem(data)
    if name == "JPEG":
        scan = data.find(b"\xff\xda")
        if scan < 0 or data.rfind(b"\xff\xd9") < scan:  # 0xFF is escaped in scan data: FFD9 is the end
            return "it is cut short"
    if name == "WebP":
        (size,) = struct.unpack("<I", data[4:8])
        if size + 8 > len(data):
            return "it is cut short"
    if name == "GIF" and b"\x2c" not in data[13:]:
        return "it holds no image"
    return None


def sniff_image(data: bytes) -> ImageInfo:
    """Return the format and size of a pack image from its bytes, or raise ImageRefusedError saying why
    it is not shown: not one of the accepted formats (SVG named as such), a damaged header, no
    pixels, or more pixels than the cap."""
    name = image_format(data)
    if name is None:
        if _looks_like_svg(data):
            raise ImageRefusedError(
                f"is an SVG drawing; SVG is not accepted (it can draw files from outside the pack): "
                f"use a {ACCEPTED} file"
            )
        raise ImageRefusedError(f"is not a {ACCEPTED} file (judged by its bytes, whatever its name)")
    width, height = _SIZE_READERS[name](data)
    if width <= 0 or height <= 0:
        raise ImageRefusedError(f"is a {name} file of {width} x {height} pixels: it has nothing to show")
    if width > MAX_IMAGE_SIDE or height > MAX_IMAGE_SIDE or width * height > MAX_IMAGE_PIXELS:
        raise ImageRefusedError(
            f"is {width:,} x {height:,} pixels, over the limit of {MAX_IMAGE_PIXELS:,} pixels "
            f"({MAX_IMAGE_SIDE:,} on a side); scale it down"
        )
    damage = _body_problem(name, data)
    if damage:
        raise ImageRefusedError(f"is a damaged {name} file: {damage}; it cannot be decoded")
    return ImageInfo(name, width, height)


def extension_mismatch(path: str, info: ImageInfo) -> str | None:
    """Say so when ``path``'s extension names another format than the bytes hold (shown, but confusing)."""
    extension = posixpath.splitext(path)[1].lower()
    expected = FORMATS[info.format][1]
    if extension in expected:
        return None
    named = f"is named `{posixpath.basename(path)}`" if extension else "has no extension"
    return (
        f"is a {info.format} file but {named}; it is shown as {info.format}, judged by its bytes; "
        f"rename it to end in `{expected[0]}`"
    )

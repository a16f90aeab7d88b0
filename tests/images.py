"""Small image files made byte by byte, for tests of what a pack may show (no Qt needed)."""

from __future__ import annotations

import struct
import zlib


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def png(
    width: int = 4,
    height: int = 3,
    rgb: tuple[int, int, int] = (200, 60, 40),
    *,
    declared: tuple[int, int] | None = None,
) -> bytes:
    """A valid RGB PNG of one colour; ``declared`` puts another size in its header (a decompression bomb)."""
    row = b"\x00" + bytes(rgb) * width
    pixels = zlib.compress(row * height)
    w, h = declared or (width, height)
    header = struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", pixels) + _chunk(b"IEND", b"")


def gif(width: int = 2, height: int = 2) -> bytes:
    """A valid two-colour GIF."""
    screen = b"GIF89a" + struct.pack("<HHBBB", width, height, 0x80, 0, 0) + b"\x00\x00\x00\xff\xff\xff"
    image = b"\x2c" + struct.pack("<HHHHB", 0, 0, width, height, 0) + b"\x02\x02\x44\x01\x00"
    return screen + image + b"\x3b"


def jpeg_header(width: int, height: int) -> bytes:
    """The start of a JPEG whose frame header declares ``width`` x ``height``, with a scan and an end."""
    app0 = b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    sof = b"\xff\xc0" + struct.pack(">HBHHB", 11, 8, height, width, 1) + b"\x01\x11\x00"
    sos = b"\xff\xda" + struct.pack(">HB", 8, 1) + b"\x01\x00\x00\x3f\x00"
    return b"\xff\xd8" + app0 + sof + sos + b"\x00\x00" + b"\xff\xd9"


def webp_vp8x(width: int, height: int) -> bytes:
    """A WebP container whose extended header declares ``width`` x ``height``."""
    body = b"WEBP" + b"VP8X" + struct.pack("<I", 10) + b"\x00\x00\x00\x00"
    body += (width - 1).to_bytes(3, "little") + (height - 1).to_bytes(3, "little")
    return b"RIFF" + struct.pack("<I", len(body)) + body


#: a 174-byte SVG of the kind that drew a file from outside the pack through Qt's SVG plugin
SVG_READING_A_LOCAL_FILE = (
    b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
    b'width="200" height="200"><image xlink:href="/etc/hostname" width="200" height="200"/></svg>'
)

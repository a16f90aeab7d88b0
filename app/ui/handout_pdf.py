"""Writing handouts: the PDF through Qt's own QPdfWriter, and the self-contained HTML file.

``QTextDocument.print_`` draws no per-page headers, so the document is laid out at the page's
size here and each page is drawn with ``drawContents`` under a header naming the pack, the
module and the page. Images come only through ``load_pack_image`` and are handed to the
document as resources; the document never reads a file or the network itself.
"""

from __future__ import annotations

import base64
import html
import os
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QPointF, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextBlock,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextFrame,
)

from app.model.handout import SANS_FAMILIES, Handout, build_handout
from app.model.pack import Pack
from app.ui.rich_text import load_pack_image

#: the layout's unit: CSS pixels, 96 to the inch, whatever the screen or the PDF resolution
LAYOUT_DPI = 96
PDF_DPI = 1200
MM = LAYOUT_DPI / 25.4
PAGE_MARGINS_MM = (20.0, 24.0, 20.0, 18.0)  # left, top, right, bottom; the header sits in the top one
HEADER_BASELINE_MM = 14.0
#: widest an image is drawn on the page (CSS px), and the extra pixels kept for a sharp print
IMAGE_WIDTH_PX = 440
IMAGE_MAX_HEIGHT_PX = 380
IMAGE_OVERSAMPLE = 3
REGION_COLOUR = "#D55E00"
FORMATS = ("pdf", "html")


class HandoutExportError(Exception):
    """The handout could not be written; the message says why, for the user."""


class _SealedDocument(QTextDocument):
    """A document that shows only the resources handed to it: it never loads a file or URL."""

    def loadResource(self, kind: int, name: QUrl) -> object:
        return None


class _Images:
    """Turns pack images into <img> tags: PDF resources or data URIs, regions drawn on them."""

    def __init__(self, pack: Pack, *, inline: bool) -> None:
        self.pack = pack
        self.inline = inline
        self.resources: dict[str, QImage] = {}

    def tag(self, path: str, alt: str, regions: Sequence[tuple[int, Sequence[float]]]) -> str:
        image = load_pack_image(self.pack, path, max_width=IMAGE_WIDTH_PX * IMAGE_OVERSAMPLE)
        alt_attr = html.escape(alt, quote=True)
        if image is None:
            return f'<span class="muted">[picture missing: {html.escape(alt or path)}]</span>'
        if regions:
            image = _draw_regions(image, regions)
        width = min(IMAGE_WIDTH_PX, image.width())
        height = max(1, round(image.height() * width / image.width()))
        if height > IMAGE_MAX_HEIGHT_PX:
            width = max(1, round(width * IMAGE_MAX_HEIGHT_PX / height))
            height = IMAGE_MAX_HEIGHT_PX
        if self.inline:
            src = "data:image/png;base64," + base64.b64encode(_png_bytes(image)).decode("ascii")
        else:
            src = f"handout-image-{len(self.resources) + 1}"
            self.resources[src] = image
        return f'<img src="{src}" width="{width}" height="{height}" alt="{alt_attr}">'


def _draw_regions(image: QImage, regions: Sequence[tuple[int, Sequence[float]]]) -> QImage:
    """Outline each annotated region on a copy of ``image`` and number it, for paper."""
    marked = image.convertToFormat(QImage.Format.Format_ARGB32)
    painter = QPainter(marked)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    stroke = max(2.0, marked.width() / 200)
    font = QFont(list(SANS_FAMILIES)[-1])
    font.setPixelSize(max(12, round(marked.width() / 28)))
    font.setBold(True)
    painter.setFont(font)
    for number, (x, y, width, height) in regions:
        rect = QRectF(x * marked.width(), y * marked.height(), width * marked.width(), height * marked.height())
        painter.setPen(QPen(QColor(REGION_COLOUR), stroke))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(rect)
        label = f"[{number}]"
        metrics = QFontMetricsF(font)
        box = QRectF(rect.topLeft(), QSizeF(metrics.horizontalAdvance(label) + 2 * stroke, metrics.height()))
        painter.fillRect(box, QColor(REGION_COLOUR))
        painter.setPen(QColor("#FFFFFF"))
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, label)
    painter.end()
    return marked


def _png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def format_for(path: str | os.PathLike[str], fmt: str | None) -> str:
    """Return the format asked for, or the one the file's suffix names; raise if neither says."""
    if fmt:
        if fmt not in FORMATS:
            raise HandoutExportError(f"unknown format {fmt!r}: use pdf or html")
        return fmt
    suffix = Path(path).suffix.lower()
    if suffix == ".pdf":
        return "pdf"
    if suffix in (".html", ".htm"):
        return "html"
    raise HandoutExportError(f"cannot tell the format from {os.fspath(path)!r}: name it .pdf or .html, or pass --format")


def export_handout(pack: Pack, path: str | os.PathLike[str], *, answer_key: bool, fmt: str | None = None) -> None:
    """Write the worksheet (or the answer key) of ``pack`` to ``path`` as PDF or HTML."""
    chosen = format_for(path, fmt)
    target = Path(path)
    _check_writable(target)
    images = _Images(pack, inline=chosen == "html")
    handout = build_handout(pack, answer_key=answer_key, image_tag=images.tag)
    if chosen == "html":
        try:
            target.write_text(handout.html, encoding="utf-8")
        except OSError as error:
            raise HandoutExportError(f"cannot write {target}: {error.strerror or error}") from error
        return
    write_pdf(handout, target, images.resources)


def _check_writable(target: Path) -> None:
    """Fail early, in words, when ``target`` cannot be written (QPdfWriter only says "no")."""
    if target.is_dir():
        raise HandoutExportError(f"cannot write {target}: it is a folder")
    try:
        with open(target, "ab"):
            pass
    except OSError as error:
        raise HandoutExportError(f"cannot write {target}: {error.strerror or error}") from error


def layout_document(handout: Handout, resources: dict[str, QImage], body: QSizeF) -> QTextDocument:
    """Lay the handout out in pages of ``body`` (CSS px), keeping headings with what follows."""
    document = _SealedDocument()
    document.setUndoRedoEnabled(False)
    font = QFont()
    font.setFamilies([*SANS_FAMILIES])
    font.setPointSizeF(10.5)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    document.setDefaultFont(font)
    document.setDocumentMargin(0)
    for name, image in resources.items():
        document.addResource(QTextDocument.ResourceType.ImageResource.value, QUrl(name), image)
    document.setHtml(handout.html)
    document.setPageSize(body)
    _keep_together(document, body.height())
    return document


def _keep_together(document: QTextDocument, page_height: float) -> None:
    """Move headings that end a page, and questions that straddle two, to the next page.

    Works down the document once: a break only moves what follows it, so everything above the
    last break stays where it was checked.
    """
    layout = document.documentLayout()
    document.pageCount()  # finish the first layout before measuring anything
    items = _root_items(document.rootFrame())
    index = 0
    while index < len(items):
        target = _break_before(items, index, layout, page_height)
        if target is None:
            index += 1
            continue
        kind, thing = items[target]
        if kind == "frame":
            assert isinstance(thing, QTextFrame)
            frame_format = thing.frameFormat()
            frame_format.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
            thing.setFrameFormat(frame_format)
        else:
            assert isinstance(thing, QTextBlock)
            cursor = QTextCursor(thing)
            block_format = cursor.blockFormat()
            block_format.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
            cursor.setBlockFormat(block_format)
        # Qt's incremental relayout can leave later blocks without lines; lay out the rest afresh.
        start = thing.firstPosition() if kind == "frame" else thing.position()  # type: ignore[union-attr]
        document.markContentsDirty(start, document.characterCount() - start)
        index += 1  # measuring what follows lays it out again, as far as needed
    document.pageCount()


Item = tuple[str, "QTextBlock | QTextFrame"]


def _rect(layout: QAbstractTextDocumentLayout, item: Item) -> QRectF:
    kind, thing = item
    if kind == "frame":
        return layout.frameBoundingRect(thing)  # type: ignore[arg-type]
    return layout.blockBoundingRect(thing)  # type: ignore[arg-type]


def _page_of(y: float, page_height: float) -> int:
    return int((y + 0.5) // page_height)


def _at_page_top(rect: QRectF, page_height: float) -> bool:
    # A heading's top margin stays with it after a break, so "at the top" allows for one.
    return rect.top() - _page_of(rect.top(), page_height) * page_height < 30


def _break_before(items: list[Item], index: int, layout: QAbstractTextDocumentLayout, page_height: float) -> int | None:
    """Return the item that should start a new page so that ``items[index]`` is not split or orphaned."""
    kind, thing = items[index]
    rect = _rect(layout, items[index])
    if kind == "frame":
        straddles = _page_of(rect.bottom() - 2, page_height) > _page_of(rect.top(), page_height)
        if not straddles or rect.height() > page_height * 0.92 or _at_page_top(rect, page_height):
            return None
        return _lead_in(items, index, layout, page_height)
    assert isinstance(thing, QTextBlock)
    if not _is_heading(thing) or index + 1 >= len(items):
        return None
    after = index + 1  # what the heading introduces: the first item past any short lines
    while after + 1 < len(items) and after - index < 3 and _is_short_block(items[after], layout):
        after += 1
    following = _rect(layout, items[after])
    first_line = following.top() + min(following.height(), 48)
    if _page_of(first_line, page_height) <= _page_of(rect.top(), page_height):
        return None
    return _lead_in(items, index + 1, layout, page_height)


def _lead_in(items: list[Item], index: int, layout: QAbstractTextDocumentLayout, page_height: float) -> int | None:
    """Return where the run of headings and short lines leading into ``items[index]`` begins."""
    chosen = index
    look = index - 1
    while look >= 0 and index - look <= 4 and items[look][0] == "block":
        block = items[look][1]
        assert isinstance(block, QTextBlock)
        if _is_heading(block):
            chosen = look
        elif not _is_short_block(items[look], layout):
            break
        look -= 1
    return None if _at_page_top(_rect(layout, items[chosen]), page_height) else chosen


def _root_items(root: QTextFrame) -> list[tuple[str, QTextBlock | QTextFrame]]:
    """List the root frame's own blocks and its child frames (tables), in document order."""
    frames = root.childFrames()
    spans = [(frame.firstPosition(), frame.lastPosition()) for frame in frames]
    items: list[tuple[int, str, QTextBlock | QTextFrame]] = [
        (frame.firstPosition(), "frame", frame) for frame in frames
    ]
    block = root.document().begin()
    while block.isValid():
        position = block.position()
        if not any(first <= position <= last for first, last in spans):
            items.append((position, "block", block))
        block = block.next()
    items.sort(key=lambda item: item[0])
    return [(kind, thing) for _, kind, thing in items]


def _is_short_block(item: Item, layout: QAbstractTextDocumentLayout) -> bool:
    """Tell whether ``item`` is a heading or a line or two (a label, an instruction)."""
    kind, thing = item
    if kind != "block":
        return False
    assert isinstance(thing, QTextBlock)
    return _is_heading(thing) or _rect(layout, item).height() <= 44


def _is_heading(block: QTextBlock) -> bool:
    return block.blockFormat().headingLevel() > 0


def section_per_page(document: QTextDocument, handout: Handout, page_height: float) -> list[str]:
    """Name the section (module) each page belongs to: the first to start on it, else the one running."""
    layout = document.documentLayout()
    starts: list[tuple[int, str]] = []
    titles = iter(handout.sections)
    block = document.begin()
    while block.isValid():
        if block.blockFormat().headingLevel() == 1:
            title = next(titles, "")
            starts.append((_page_of(layout.blockBoundingRect(block).top(), page_height), title))
        block = block.next()
    pages = max(1, document.pageCount())
    names: list[str] = []
    running = ""
    for page in range(pages):
        on_page = [title for start, title in starts if start == page]
        before = [title for start, title in starts if start < page]
        if before:
            running = before[-1]
        names.append(on_page[0] if on_page else running)
    return names


def write_pdf(handout: Handout, target: Path, resources: dict[str, QImage]) -> None:
    """Draw the handout page by page into an A4 PDF with a header on every page."""
    writer = QPdfWriter(str(target))
    writer.setResolution(PDF_DPI)
    writer.setPageLayout(
        QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0))
    )
    writer.setTitle(f"{handout.title} \u2014 {'Answer key' if handout.answer_key else 'Worksheet'}")
    writer.setCreator("Unspun")
    page_mm = QPageSize(QPageSize.PageSizeId.A4).size(QPageSize.Unit.Millimeter)
    left, top, right, bottom = (value * MM for value in PAGE_MARGINS_MM)
    page_w, page_h = page_mm.width() * MM, page_mm.height() * MM
    body = QSizeF(page_w - left - right, page_h - top - bottom)

    document = layout_document(handout, resources, body)
    sections = section_per_page(document, handout, body.height())
    painter = QPainter()
    if not painter.begin(writer):
        raise HandoutExportError(f"cannot write {target}")
    try:
        scale = writer.resolution() / LAYOUT_DPI
        painter.scale(scale, scale)
        for page, section in enumerate(sections):
            if page:
                writer.newPage()
            _draw_header(painter, handout, section, page + 1, left, page_w - right)
            painter.save()
            painter.translate(left, top - page * body.height())
            document.drawContents(painter, QRectF(0, page * body.height(), body.width(), body.height()))
            painter.restore()
    finally:
        painter.end()


def _draw_header(painter: QPainter, handout: Handout, section: str, page: int, left: float, right: float) -> None:
    """Draw "pack title · module" on the left, "Page n" on the right, and a hairline under them."""
    font = QFont()
    font.setFamilies([*SANS_FAMILIES, "WenQuanYi Micro Hei", "Noto Sans CJK SC"])
    font.setPixelSize(11)
    painter.save()
    painter.setFont(font)
    painter.setPen(QColor("#5F6670"))
    metrics = QFontMetricsF(font)
    baseline = HEADER_BASELINE_MM * MM
    page_label = f"Page {page}"
    page_width = metrics.horizontalAdvance(page_label)
    painter.drawText(QPointF(right - page_width, baseline), page_label)
    kind = "Answer key" if handout.answer_key else "Worksheet"
    room = right - left - page_width - 24
    tail = f" \u00b7 {section}  ({kind})" if section else f"  ({kind})"
    tail_width = metrics.horizontalAdvance(tail)
    if tail_width > room * 0.6:
        tail = metrics.elidedText(tail, Qt.TextElideMode.ElideRight, room * 0.6)
        tail_width = metrics.horizontalAdvance(tail)
    title = metrics.elidedText(handout.title, Qt.TextElideMode.ElideRight, room - tail_width)
    painter.drawText(QPointF(left, baseline), title + tail)
    painter.setPen(QPen(QColor("#BDBAB2"), 0.6))
    painter.drawLine(QPointF(left, baseline + 5), QPointF(right, baseline + 5))
    painter.restore()


__all__ = ["FORMATS", "HandoutExportError", "export_handout", "format_for", "write_pdf"]

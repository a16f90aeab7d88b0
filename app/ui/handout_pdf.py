"""Writing handouts: the PDF through Qt's own QPdfWriter, and the self-contained HTML file.

``QTextDocument.print_`` draws no per-page headers, so the document is laid out at the page's
size here and each page is drawn with ``drawContents`` under a header naming the pack, the
module and the page. Images come only through ``read_pack_image`` and are handed to the
document as resources; the document never reads a file or the network itself.
"""

from __future__ import annotations

import base64
import html
import os
from collections.abc import Sequence
from itertools import pairwise
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QPointF, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import (
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
    QTextBlockFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)

from app.model.atomic import OutputError, atomic_path
from app.model.handout import CJK_FAMILIES, SANS_FAMILIES, Handout, build_handout
from app.model.pack import Pack
from app.ui.rich_text import read_pack_image

#: the layout's unit: CSS pixels, 96 to the inch, whatever the screen or the PDF resolution
LAYOUT_DPI = 96
PDF_DPI = 1200
MM = LAYOUT_DPI / 25.4
PAGE_MARGINS_MM = (20.0, 24.0, 20.0, 18.0)  # left, top, right, bottom; the header sits in the top one
HEADER_BASELINE_MM = 16.0
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

    def loadResource(self, kind: int, name: QUrl | str) -> object:
        return None


class _Images:
    """Turns pack images into <img> tags: PDF resources or data URIs, regions drawn on them."""

    def __init__(self, pack: Pack, *, inline: bool) -> None:
        self.pack = pack
        self.inline = inline
        self.resources: dict[str, QImage] = {}

    def tag(self, path: str, alt: str, regions: Sequence[tuple[int, Sequence[float]]]) -> str:
        """Return the <img> tag of a pack picture (its regions drawn on), or a note that it is missing."""
        loaded = read_pack_image(self.pack, path, max_width=IMAGE_WIDTH_PX * IMAGE_OVERSAMPLE)
        image = loaded.image
        alt_attr = html.escape(alt, quote=True)
        if image is None:
            shown = f"{alt}: {loaded.reason}" if alt else loaded.reason
            return f'<span class="muted">[picture not shown: {html.escape(shown)}]</span>'
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
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # the stub says bytes; PySide6 wants str
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
    """Write the worksheet (or the answer key) of ``pack`` to ``path`` as PDF or HTML.

    The file is written beside ``path`` under a temporary name and renamed when complete, so a
    failure (a full disk, a folder that cannot be written, Qt's PDF writer failing) leaves no
    partial file and raises HandoutExportError; a file of the pack itself is never overwritten.
    """
    chosen = format_for(path, fmt)
    target = Path(path)
    if target.is_dir():
        raise HandoutExportError(f"{target} could not be written: it is a folder")
    _refuse_pack_file(pack, target)
    images = _Images(pack, inline=chosen == "html")
    handout = build_handout(pack, answer_key=answer_key, image_tag=images.tag)
    try:
        with atomic_path(target) as temp:
            if chosen == "html":
                temp.write_text(handout.html, encoding="utf-8")
            else:
                write_pdf(handout, temp, images.resources)
                _check_pdf(temp)
    except OutputError as error:
        raise HandoutExportError(str(error)) from error
    except HandoutExportError as error:
        raise HandoutExportError(f"{target} could not be written: {error}") from error


def _refuse_pack_file(pack: Pack, target: Path) -> None:
    """Refuse to write over one of the pack's own files (the pack is an input)."""
    root = pack.source.root
    if root is None:
        return
    try:
        inside = target.resolve().relative_to(root).as_posix()
    except (ValueError, OSError, RuntimeError):
        return
    if inside in pack.source.files():
        raise HandoutExportError(
            f"refusing to write {target}: it is a file of the pack being exported. Choose another file."
        )


def layout_document(handout: Handout, resources: dict[str, QImage], width: float) -> QTextDocument:
    """Lay the handout out as one long column ``width`` CSS px wide; ``paginate`` cuts it into pages."""
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
    # Measure text at 96 dpi whatever the screen says, so the pages come out the same everywhere.
    device = QImage(1, 1, QImage.Format.Format_ARGB32)
    device.setDotsPerMeterX(round(LAYOUT_DPI / 0.0254))
    device.setDotsPerMeterY(round(LAYOUT_DPI / 0.0254))
    document.layout_device = device  # type: ignore[attr-defined]  # keep it alive with the document
    document.documentLayout().setPaintDevice(device)
    document.setTextWidth(width)
    return document


# ---------------------------------------------------------------- pagination
#
# Qt paginates a document itself, but it moves single lines, and changing a format to push a
# heading or a question to the next page relays out the whole document each time. Instead the
# document is laid out once as one long column, and pages are cut from it here: never through a
# line, never through a question or an artefact that fits on a page, never between a heading and
# what it introduces, and always before a module (``page-break-before``).

Span = tuple[float, float]

#: how much of what follows a heading must share its page
HEADING_FOLLOW_PX = 64.0


def paginate(document: QTextDocument, page_height: float) -> list[float]:
    """Return where each page starts in the document, and the document's end last.

    Qt draws the last line above a clip too (invisibly, but into the PDF's text), so a paragraph
    that a page cuts is split into two blocks there, and the pages are cut again.
    """
    cuts = _cut_pages(document, page_height)
    for _ in range(6):
        splits = _split_points(document, cuts)
        if not splits:
            break
        _split_blocks(document, splits)
        cuts = _cut_pages(document, page_height)
    return cuts


def _split_points(document: QTextDocument, cuts: list[float]) -> list[int]:
    """Return the document positions of lines that start a page in the middle of a paragraph."""
    layout = document.documentLayout()
    inner = cuts[1:-1]
    points: list[int] = []
    block = document.begin()
    while block.isValid():
        text_layout = block.layout()
        if text_layout is not None and text_layout.lineCount() > 1:
            rect = layout.blockBoundingRect(block)
            if any(rect.top() + 1 < cut < rect.bottom() for cut in inner):
                origin = rect.top() - text_layout.boundingRect().top()
                for index in range(1, text_layout.lineCount()):
                    line = text_layout.lineAt(index)
                    if any(abs(origin + line.y() - cut) < 1 for cut in inner):
                        points.append(block.position() + line.textStart())
        block = block.next()
    return points


def _split_blocks(document: QTextDocument, positions: list[int]) -> None:
    """Break paragraphs at ``positions`` into two blocks that sit exactly where the lines were."""
    cursor = QTextCursor(document)
    for position in sorted(positions, reverse=True):
        cursor.setPosition(position)
        upper = cursor.blockFormat()
        lower = QTextBlockFormat(upper)
        lower.setTopMargin(0)
        lower.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_Auto)
        cursor.insertBlock(lower, cursor.charFormat())
        cursor.movePosition(QTextCursor.MoveOperation.PreviousBlock)
        upper.setBottomMargin(0)
        cursor.setBlockFormat(upper)


def _cut_pages(document: QTextDocument, page_height: float) -> list[float]:
    """Choose where each page starts, keeping together what should stay together."""
    layout = document.documentLayout()
    height = layout.documentSize().height()
    lines = _merge(_line_spans(document))
    keep, forced = _keep_spans(document, page_height)
    soft = _merge(sorted(lines + keep))
    box_tops = [layout.frameBoundingRect(frame).top() for frame in document.rootFrame().childFrames()]
    cuts = [0.0]
    while cuts[-1] + page_height < height:
        top = cuts[-1]
        limit = top + page_height
        due = [y for y in forced if top + 1 < y <= limit]
        if due:
            cuts.append(due[0])
            continue
        cut = _last_free(soft, limit)
        if cut <= top + page_height / 4:  # keeping things together would waste most of the page
            cut = _last_free(lines, limit)
        if cut <= top + 1:  # a single line (a picture) taller than a page: cut through it
            cut = limit
        cuts.append(_above_box(cut, box_tops, lines))
    forced_after = [y for y in forced if y > cuts[-1] + 1]
    cuts.extend(forced_after)  # modules that start on the last stretch still start on a new page
    cuts.append(max(height, cuts[-1] + 1))
    return sorted(set(cuts))


def _above_box(cut: float, box_tops: list[float], lines: list[Span]) -> float:
    """Move a cut that falls on a table's top up into the gap above it: Qt paints a table's first
    row a few pixels above the top it reports."""
    if not any(abs(cut - top) < 1 for top in box_tops):
        return cut
    above = max((bottom for _, bottom in lines if bottom <= cut + 0.01), default=cut - 6)
    return max(above, cut - 6)


def _line_spans(document: QTextDocument) -> list[Span]:
    """Return the vertical extent of every laid-out line in the document, tables included."""
    layout = document.documentLayout()
    spans: list[Span] = []
    block = document.begin()
    while block.isValid():
        text_layout = block.layout()
        # Qt keeps an empty block between two tables, overlapping them; it holds nothing to cut.
        if text_layout is not None and text_layout.lineCount() and block.length() > 1:
            top = layout.blockBoundingRect(block).top() - text_layout.boundingRect().top()
            lines = [text_layout.lineAt(index) for index in range(text_layout.lineCount())]
            for line, following in zip(lines, [*lines[1:], None], strict=True):
                # A line owns the space down to the next one (a proportional line height adds it).
                bottom = max(line.y() + line.height(), following.y() if following is not None else 0)
                spans.append((top + line.y(), top + bottom))
        block = block.next()
    spans.sort()
    return spans


def _keep_spans(document: QTextDocument, page_height: float) -> tuple[list[Span], list[float]]:
    """Return the spans no page should cut, and the cuts that must happen (page-break-before).

    Boxes (questions, artefacts, ruled lines) that fit on a page stay whole; a paragraph keeps at
    least two lines on each side of a cut; a heading stays with the start of what follows it.
    """
    layout = document.documentLayout()
    root = document.rootFrame()
    items: list[tuple[float, float, str]] = []  # top, bottom, kind: box, heading or text
    for frame in root.childFrames():
        rect = layout.frameBoundingRect(frame)
        items.append((rect.top(), rect.bottom(), "box"))
    keep: list[Span] = []
    forced_cuts: list[float] = []
    frames = [(frame.firstPosition(), frame.lastPosition()) for frame in root.childFrames()]
    block = document.begin()
    while block.isValid():
        position = block.position()
        if not any(first <= position <= last for first, last in frames):
            rect = layout.blockBoundingRect(block)
            block_format = block.blockFormat()
            if block_format.pageBreakPolicy() & QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore and rect.top() > 0:
                # In the heading's top margin, clear of a border drawn just above it.
                forced_cuts.append(rect.top() - block_format.topMargin() / 2)
            heading = block_format.headingLevel() > 0
            items.append((rect.top(), rect.bottom(), "heading" if heading else "text"))
            if block.textList() is not None or heading:
                keep.append((rect.top(), rect.bottom()))  # splitting a list item would add a bullet
            else:
                keep.extend(_widow_spans(block, rect.top()))
        block = block.next()
    items.sort()
    for index, (top, bottom, kind) in enumerate(items):
        if kind == "box" and bottom - top < page_height * 0.9:
            keep.append((top, bottom))
        elif kind == "heading":
            following = next((item for item in items[index + 1 :] if item[1] - item[0] > 1), None)
            if following is not None:
                start_of_next = following[0] + min(following[1] - following[0], HEADING_FOLLOW_PX)
                keep.append((top, max(start_of_next, bottom + HEADING_FOLLOW_PX)))
    return keep, sorted(forced_cuts)


def _widow_spans(block: QTextBlock, top: float) -> list[Span]:
    """Keep a paragraph's first two and last two lines together (the whole of a short one)."""
    text_layout = block.layout()
    count = text_layout.lineCount() if text_layout is not None else 0
    if count < 2:
        return []
    origin = top - text_layout.boundingRect().top()
    lines = [text_layout.lineAt(index) for index in range(count)]
    edges = [(origin + line.y(), origin + line.y() + line.height()) for line in lines]
    if count <= 3:
        return [(edges[0][0], edges[-1][1])]
    return [(edges[0][0], edges[1][1]), (edges[-2][0], edges[-1][1])]


def _merge(spans: list[Span]) -> list[Span]:
    """Merge spans that overlap (touching spans stay apart: a page may end where the next begins)."""
    merged: list[Span] = []
    for top, bottom in sorted(spans):
        if merged and top < merged[-1][1] - 1.0:  # within a pixel counts as touching
            merged[-1] = (merged[-1][0], max(merged[-1][1], bottom))
        else:
            merged.append((top, bottom))
    return merged


def _last_free(spans: list[Span], limit: float) -> float:
    """Return the lowest point at or above ``limit`` that lies inside none of ``spans``."""
    for top, bottom in spans:
        if top < limit < bottom:
            return top
        if top >= limit:
            break
    return limit


def section_per_page(document: QTextDocument, handout: Handout, cuts: list[float]) -> list[str]:
    """Name the section (module) each page belongs to: the first to start on it, else the one running."""
    layout = document.documentLayout()
    starts: list[tuple[float, str]] = []
    titles = iter(handout.sections)
    block = document.begin()
    while block.isValid():
        if block.blockFormat().headingLevel() == 1:
            starts.append((layout.blockBoundingRect(block).top(), next(titles, "")))
        block = block.next()
    names: list[str] = []
    running = ""
    for top, bottom in pairwise(cuts):
        on_page = [title for y, title in starts if top - 1 <= y < bottom - 1]
        before = [title for y, title in starts if y < top - 1]
        if before:
            running = before[-1]
        names.append(on_page[0] if on_page else running)
    return names


def write_pdf(handout: Handout, target: Path, resources: dict[str, QImage]) -> None:
    """Draw the handout page by page into an A4 PDF with a header on every page.

    Raises HandoutExportError (saying what failed, to complete a sentence naming the file) when
    Qt's writer fails; ``_check_pdf`` then finds a PDF it left incomplete."""
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

    document = layout_document(handout, resources, body.width())
    cuts = paginate(document, body.height())
    sections = section_per_page(document, handout, cuts)
    painter = QPainter()
    if not painter.begin(writer):
        raise HandoutExportError("the PDF writer could not start")
    try:
        scale = writer.resolution() / LAYOUT_DPI
        painter.scale(scale, scale)
        for page, ((start, end), section) in enumerate(zip(pairwise(cuts), sections, strict=True)):
            if page:
                writer.newPage()
            _draw_header(painter, handout, section, page + 1, left, page_w - right)
            painter.save()
            painter.translate(left, top - start)
            # A hair inside both cuts: Qt draws a line that only touches the clip, and a border drawn
            # on a cut belongs to the next page.
            document.drawContents(painter, QRectF(0, start + 0.5, body.width(), end - start - 1.5))
            painter.restore()
    finally:
        finished = painter.end()
    if not finished:
        raise HandoutExportError("the PDF writer failed")


def _check_pdf(path: Path) -> None:
    """Make sure Qt's PDF writer wrote a whole PDF (it reports a failed write by writing less)."""
    try:
        with path.open("rb") as handle:
            head = handle.read(5)
            handle.seek(0, os.SEEK_END)
            handle.seek(max(0, handle.tell() - 1024))
            tail = handle.read()
    except OSError as error:
        raise HandoutExportError(f"the written PDF could not be checked: {error.strerror or error}") from error
    if head != b"%PDF-" or b"%%EOF" not in tail:
        raise HandoutExportError("the PDF writer stopped before the end")


def _draw_header(painter: QPainter, handout: Handout, section: str, page: int, left: float, right: float) -> None:
    """Draw the pack title and "Page n" on one line, the module under it, and a hairline below."""
    font = QFont()
    font.setFamilies([*SANS_FAMILIES, *CJK_FAMILIES])
    font.setPixelSize(10)
    painter.save()
    painter.setFont(font)
    painter.setPen(QColor("#5F6670"))
    metrics = QFontMetricsF(font)
    first, second = HEADER_BASELINE_MM * MM - 15, HEADER_BASELINE_MM * MM
    page_label = f"Page {page}"
    page_width = metrics.horizontalAdvance(page_label)
    painter.drawText(QPointF(right - page_width, first), page_label)
    room = right - left - page_width - 24
    painter.drawText(QPointF(left, first), metrics.elidedText(handout.title, Qt.TextElideMode.ElideRight, room))
    if section:
        bold = QFont(font)
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(QColor("#1F2328"))
        painter.drawText(QPointF(left, second), QFontMetricsF(bold).elidedText(section, Qt.TextElideMode.ElideRight, room))
    painter.setPen(QPen(QColor("#BDBAB2"), 0.6))
    painter.drawLine(QPointF(left, second + 6), QPointF(right, second + 6))
    painter.restore()


__all__ = ["FORMATS", "HandoutExportError", "export_handout", "format_for", "write_pdf"]

"""A safe view for pack Markdown: a QTextBrowser that serves only the pack's own files.

``QTextBrowser`` is not a sandbox: by default it reads ``file://`` URLs and paths outside the
pack and follows clicked links into the view. Here resources come only through
``PackSource.read_bytes``, links never navigate the view, and only http(s) links open, in the
system browser.
"""

from __future__ import annotations

import weakref
from collections import OrderedDict
from dataclasses import dataclass
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize, Qt, QUrl, Signal
from PySide6.QtGui import (
    QColor,
    QDesktopServices,
    QFontMetrics,
    QImage,
    QImageReader,
    QKeyEvent,
    QPainter,
    QPen,
    QResizeEvent,
    QTextDocument,
)
from PySide6.QtWidgets import QFrame, QSizePolicy, QTextBrowser, QToolTip, QWidget

from app.model.images import MAX_IMAGE_BYTES, MAX_IMAGE_PIXELS, ImageRefusedError, sniff_image
from app.model.markdown import (
    GLOSSARY_SCHEME,
    REFERENCE_ANCHOR,
    CitationIndex,
    MarkdownRenderer,
    RenderedMarkdown,
    is_web_url,
)
from app.model.markdown import is_pack_relative_path as _is_pack_path
from app.model.source import PackFileError
from app.ui.theme import BODY_PX, Theme, body_px, current_theme, reading_font, theme_signals, ui_font

if TYPE_CHECKING:
    from app.model.pack import Pack

#: Qt's allocation cap for one decoded image, above the pixel cap's 160 MB
MAX_IMAGE_ALLOCATION_MB = 256
#: the width an image in Markdown is shown at, at most
IMAGE_DISPLAY_WIDTH = 640


#: one renderer per pack manifest and scheme: building markdown-it's parser costs more than most fields
_renderers: dict[tuple[int, bool], tuple[object, MarkdownRenderer]] = {}
#: rendered fields by renderer, text and options: revisits, zoom steps and the scheme switching back
#: render nothing twice
_rendered: OrderedDict[tuple[int, str, bool, bool, tuple[str, ...] | None], RenderedMarkdown] = OrderedDict()
MAX_RENDERED = 2048

#: the live views, re-rendered when the zoom or the colour scheme changes
_live_views: weakref.WeakSet[MarkdownView] = weakref.WeakSet()
_following_theme = False


def _refresh_live_views(*_: object) -> None:
    for view in list(_live_views):
        if shiboken6.isValid(view):  # a view Qt has deleted may linger in the set until collected
            view.refresh()


def _follow_theme() -> None:
    """Connect once to the theme's signals, so every view follows zoom and scheme changes."""
    global _following_theme
    if not _following_theme:
        signals = theme_signals()
        signals.zoom_changed.connect(_refresh_live_views)
        signals.theme_changed.connect(_refresh_live_views)
        _following_theme = True


@dataclass(frozen=True)
class PackImage:
    """A pack image decoded for showing, or the reason it is not shown (then ``image`` is None)."""

    image: QImage | None
    reason: str = ""


def read_pack_image(pack: Pack, path: str, max_width: int | None = None) -> PackImage:
    """Decode an image of the pack, or say why it is not shown.

    The format is decided from the bytes (PNG, JPEG, GIF or WebP, ``app.model.images``) and the
    reader is told that format alone: Qt never guesses, so an SVG, whatever its name, never
    reaches Qt's SVG plugin (which reads files named in the drawing). Sizes are capped before
    decoding; a file that still fails to decode is reported as damaged.
    """
    if not _is_pack_path(path):
        return PackImage(None, f"`{path}` is not a file in the pack")
    try:
        data = pack.source.read_bytes(path, limit=MAX_IMAGE_BYTES)
    except (PackFileError, OSError, TypeError) as error:
        return PackImage(None, f"`{path}` cannot be read: {error}")
    try:
        info = sniff_image(data)
    except ImageRefusedError as refused:
        return PackImage(None, f"`{path}` {refused.reason}")
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer, info.qt_format.encode("ascii"))
    reader.setFormat(info.qt_format.encode("ascii"))
    reader.setAutoDetectImageFormat(False)
    reader.setDecideFormatFromContent(False)
    reader.setAllocationLimit(MAX_IMAGE_ALLOCATION_MB)
    size = reader.size()
    if not size.isValid() or size.width() * size.height() > MAX_IMAGE_PIXELS:
        return PackImage(None, f"`{path}` is a damaged {info.format} file; it cannot be decoded")
    if max_width and size.width() > max_width:
        reader.setScaledSize(QSize(max_width, max(1, round(size.height() * max_width / size.width()))))
    image = reader.read()
    if image.isNull():
        return PackImage(None, f"`{path}` is a damaged {info.format} file; it cannot be decoded")
    return PackImage(image)


def load_pack_image(pack: Pack, path: str, max_width: int | None = None) -> QImage | None:
    """Decode an image of the pack (see ``read_pack_image``); None when it is not shown."""
    return read_pack_image(pack, path, max_width).image


def placeholder_image(reason: str, width: int = IMAGE_DISPLAY_WIDTH, theme: Theme | None = None) -> QImage:
    """Draw the box shown instead of a pack image: a dashed frame saying the image is not shown, and why."""
    theme = theme or current_theme()
    width = max(320, width)  # room for the reason in a few lines, even in a narrow view
    title_font = ui_font(14)
    title_font.setBold(True)
    body_font = ui_font(13)
    margin = 14
    text_width = width - 2 * margin
    flags = Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap
    title = "Image not shown"
    body_height = QFontMetrics(body_font).boundingRect(0, 0, text_width, 10_000, flags, reason).height()
    title_height = QFontMetrics(title_font).height()
    height = margin + title_height + 6 + body_height + margin
    image = QImage(width, height, QImage.Format.Format_ARGB32)
    image.fill(QColor(theme.window))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(QColor(theme.border), 1.5, Qt.PenStyle.DashLine))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRoundedRect(QRectF(1, 1, width - 2, height - 2), 6, 6)
    painter.setPen(QColor(theme.text))
    painter.setFont(title_font)
    painter.drawText(QRectF(margin, margin, text_width, title_height), flags, title)
    painter.setPen(QColor(theme.muted))
    painter.setFont(body_font)
    painter.drawText(QRectF(margin, margin + title_height + 6, text_width, body_height), flags, reason)
    painter.end()
    return image


def shared_renderer(pack: Pack | None, dark: bool) -> MarkdownRenderer:
    """Return the renderer of ``pack``'s Markdown (its sources and glossary) in the light or dark scheme."""
    manifest = pack.manifest if pack is not None else None
    key = (id(manifest), dark)
    entry = _renderers.get(key)
    if entry is None or entry[0] is not manifest:  # the manifest held in the entry keeps its id unique
        if len(_renderers) >= 16:
            _renderers.clear()
        renderer = MarkdownRenderer(
            manifest.sources if manifest else {}, manifest.glossary if manifest else (), dark=dark
        )
        entry = (manifest, renderer)
        _renderers[key] = entry
    return entry[1]


def render_markdown(
    pack: Pack | None,
    text: str,
    *,
    dark: bool,
    glossary_links: bool = False,
    references: bool = False,
    citation_index: CitationIndex | None = None,
) -> RenderedMarkdown:
    """Render a Markdown field of ``pack`` (cached: treat the result as read-only).

    With ``citation_index`` the citations take the step's shared numbers (see ``CitationIndex``).
    """
    renderer = shared_renderer(pack, dark)
    # the numbers depend on what the index held before: that is part of the cache key
    numbering = citation_index.snapshot() if citation_index is not None else None
    key = (id(renderer), text, glossary_links, references, numbering)
    rendered = _rendered.get(key)
    if rendered is None:
        rendered = renderer.render(
            text, glossary_links=glossary_links, references=references, citation_index=citation_index
        )
        _rendered[key] = rendered
        if len(_rendered) > MAX_RENDERED:
            _rendered.popitem(last=False)
    else:
        _rendered.move_to_end(key)
        if citation_index is not None:
            for citation in rendered.citations:  # in order of first use: gives the same numbers again
                citation_index.number(citation.key)
    return rendered


def document_css(dark: bool, scale: float = 1.0) -> str:
    """Return the style sheet for rendered Markdown at the current zoom, times ``scale``."""
    theme = current_theme()
    px = round(body_px() * scale)
    code_bg = "#2B2F36" if dark else "#F1EFEA"
    return f"""
        body {{ font-size: {px}px; color: {theme.text}; }}
        p {{ margin-top: 0px; margin-bottom: {round(px * 0.75)}px; line-height: 150%; }}
        li {{ margin-bottom: 4px; line-height: 150%; }}
        h1 {{ font-size: {round(px * 1.6)}px; font-weight: 600; margin-bottom: 12px; }}
        h2 {{ font-size: {round(px * 1.35)}px; font-weight: 600; margin-top: 16px; margin-bottom: 8px; }}
        h3 {{ font-size: {round(px * 1.15)}px; font-weight: 600; margin-top: 12px; margin-bottom: 8px; }}
        h4 {{ font-size: {round(px * 1.0)}px; font-weight: 600; margin-top: 16px; margin-bottom: 4px; }}
        h4.references {{ color: {theme.muted}; font-size: {round(px * 0.85)}px; }}
        p.reference {{ font-size: {round(px * 0.85)}px; color: {theme.muted}; margin-bottom: 4px; }}
        a {{ color: {theme.accent}; }}
        a.cite {{ text-decoration: none; }}
        a.term {{ color: {theme.text}; text-decoration: underline; }}
        pre {{ background-color: {code_bg}; font-size: {round(px * 0.85)}px; padding: 8px; }}
        code {{ background-color: {code_bg}; font-size: {round(px * 0.9)}px; }}
        table {{ border-collapse: collapse; margin-bottom: 12px; }}
        th {{ background-color: {code_bg}; font-weight: 600; padding: 4px 8px; }}
        td {{ padding: 4px 8px; border-bottom: 1px solid {theme.border}; }}
        blockquote {{ color: {theme.muted}; margin-left: 16px; }}
        span.missing-image {{ color: {theme.muted}; }}
    """


#: keys that scroll a page of text (Space and Shift+Space page, as in a browser)
SCROLL_KEYS = (Qt.Key.Key_PageUp, Qt.Key.Key_PageDown, Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Space)


def is_scroll_key(event: QKeyEvent) -> bool:
    """Tell whether ``event`` asks to scroll: PageUp, PageDown, Up, Down, Space or Shift+Space, unmodified."""
    modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    if event.key() == Qt.Key.Key_Space:
        return modifiers in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ShiftModifier)
    return event.key() in SCROLL_KEYS and modifiers == Qt.KeyboardModifier.NoModifier


class MarkdownView(QTextBrowser):
    """Shows one Markdown field of a pack.

    With ``fit_content`` the view grows to its text and never scrolls, for notes, prompts and
    explanations inside a larger scrolling column. With ``references`` cited sources are listed
    under the text, and a citation scrolls to its entry. Views given one ``citation_index`` (the
    fields of one step) number their citations alike.
    """

    citation_requested = Signal(str)
    glossary_requested = Signal(int)

    def __init__(
        self,
        pack: Pack | None,
        parent: QWidget | None = None,
        *,
        fit_content: bool = True,
        references: bool = False,
        glossary_links: bool = False,
        citation_index: CitationIndex | None = None,
    ) -> None:
        super().__init__(parent)
        self.pack = pack
        self.citation_index = citation_index
        self._markdown = ""
        self._fit_content = fit_content
        self._references = references
        self._glossary_links = glossary_links
        self._scale = 1.0
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setReadOnly(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        # links stay reachable by keyboard; no keyboard caret, which reads as an editable field
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.viewport().setAutoFillBackground(False)  # transparent: the application's style sheet says so
        self.anchorClicked.connect(self._on_self_anchor_clicked)
        if fit_content:
            self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            self.document().documentLayout().documentSizeChanged.connect(self._on_document_size_changed)
        _live_views.add(self)
        _follow_theme()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """A view grown to its text has nothing to scroll: its scroll keys go on to the scrolling column."""
        if self._fit_content and is_scroll_key(event):
            event.ignore()  # the enclosing scroll area (the lesson's column) scrolls
            return
        super().keyPressEvent(event)

    # ------------------------------------------------------------ content

    def set_markdown(self, text: str) -> None:
        """Show ``text``, a Markdown field of the pack."""
        self._markdown = text
        self.refresh()

    def markdown(self) -> str:
        """Return the Markdown shown."""
        return self._markdown

    def set_text_scale(self, scale: float) -> None:
        """Draw this view's text ``scale`` times the body size (presentation mode's large prompts)."""
        self._scale = scale
        self.refresh()

    def refresh(self) -> None:
        """Render again, after a zoom or theme change."""
        theme = current_theme()
        rendered = render_markdown(
            self.pack,
            self._markdown,
            dark=theme.dark,
            glossary_links=self._glossary_links,
            references=self._references,
            citation_index=self.citation_index,
        )
        self.document().setDefaultStyleSheet(document_css(theme.dark, self._scale))
        self.document().setDefaultFont(reading_font(BODY_PX * self._scale))
        self.document().setDocumentMargin(0)
        self.setHtml(f"<body>{rendered.html}</body>")
        self.citations = rendered.citations
        if self._fit_content:
            self._on_document_size_changed()

    # ------------------------------------------------------------ sizing

    def _on_document_size_changed(self, *_: object) -> None:
        width = self.viewport().width()
        if self.document().textWidth() != width:  # the same width again would re-wrap the whole text
            self.document().setTextWidth(width)
        height = round(self.document().size().height()) + 2
        self.setFixedHeight(max(height, 1))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # Only a new width re-wraps the text; height changes are this view fitting itself, or a
        # layout passing the step through sizes as it is shown again.
        if self._fit_content and event.size().width() != event.oldSize().width():
            self._on_document_size_changed()

    def sizeHint(self) -> QSize:
        if self._fit_content:
            return QSize(super().sizeHint().width(), self.height())
        return super().sizeHint()

    # ------------------------------------------------------------ resources and links

    def loadResource(self, kind: int, url: QUrl | str) -> object:
        """Serve images from the pack only; refuse everything else."""
        if kind not in (
            QTextDocument.ResourceType.ImageResource.value,
            QTextDocument.ResourceType.ImageResource,
        ):
            return None
        if self.pack is None:
            return None
        path = url.path(QUrl.ComponentFormattingOption.FullyDecoded) if isinstance(url, QUrl) else str(url)
        width = max(200, min(IMAGE_DISPLAY_WIDTH, self.viewport().width() or IMAGE_DISPLAY_WIDTH))
        loaded = read_pack_image(self.pack, path, max_width=width)
        if loaded.image is None:
            return placeholder_image(loaded.reason, width)
        return loaded.image

    def _on_self_anchor_clicked(self, url: QUrl) -> None:
        target = url.toString()
        if target.startswith("#" + REFERENCE_ANCHOR):
            self.scrollToAnchor(target[1:])
            self.citation_requested.emit(target[1:])
        elif target.startswith(GLOSSARY_SCHEME + ":"):
            index = int(target.split(":", 1)[1])
            self.glossary_requested.emit(index)
            self._show_glossary_tip(index)
        elif is_web_url(target):
            QDesktopServices.openUrl(url)

    def _show_glossary_tip(self, index: int) -> None:
        if self.pack is None or not 0 <= index < len(self.pack.manifest.glossary):
            return
        from PySide6.QtGui import QCursor

        QToolTip.showText(QCursor.pos(), glossary_tip_html(self.pack, index), self)


def glossary_tip_html(pack: Pack, index: int) -> str:
    """Return a glossary entry as HTML: term, original script, romanization and definition."""
    import html

    term = pack.manifest.glossary[index]
    head = f"<b>{html.escape(term.term)}</b>"
    if term.native:
        head += f"  {html.escape(term.native)}"
    if term.romanization:
        head += f" <i>{html.escape(term.romanization)}</i>"
    definition = shared_renderer(pack, dark=False).render_inline(term.definition)
    return f"<p>{head}</p><p>{definition}</p>"

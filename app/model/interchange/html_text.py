"""HTML from a question bank, turned into the Markdown a pack holds.

Moodle stores most question text as HTML. A pack's Markdown renders no raw HTML, so the markup a
teacher's bank uses for meaning (paragraphs, line breaks, emphasis, lists, links, images, code)
becomes Markdown, everything else becomes its text, and the text itself is escaped so that it
shows as written. ``html.parser`` is the standard library's tolerant parser; it never fetches
anything and has no entities to expand beyond HTML's own.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from app.model.interchange.bank import escape_markdown

_BLOCKS = {"p", "div", "section", "article", "blockquote", "table", "tr", "h1", "h2", "h3", "h4", "h5", "h6",
           "ul", "ol", "pre", "figure"}
_SKIPPED = {"script", "style", "head", "title", "template"}
_MAX_DEPTH = 200


class _Converter(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.lists: list[list[int | None]] = []
        self.links: list[str | None] = []
        self.skipping = 0
        self.depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        self.depth += 1
        if tag in _SKIPPED:
            self.skipping += 1
        elif self.skipping or self.depth > _MAX_DEPTH:
            return
        elif tag in _BLOCKS:
            self.parts.append("\n\n")
            if tag in ("ul", "ol"):
                self.lists.append([1 if tag == "ol" else None])
        elif tag == "li":
            marker = "- "
            if self.lists and self.lists[-1][0] is not None:
                number = self.lists[-1][0]
                marker = f"{number}. "
                self.lists[-1][0] = number + 1
            self.parts.append("\n" + "  " * max(0, len(self.lists) - 1) + marker)
        elif tag == "br":
            self.parts.append("\\\n")
        elif tag in ("strong", "b"):
            self.parts.append("**")
        elif tag in ("em", "i"):
            self.parts.append("*")
        elif tag == "code":
            self.parts.append("`")
        elif tag == "a":
            href = values.get("href") or ""
            self.links.append(href if href.startswith(("http://", "https://")) else None)
            if self.links[-1]:
                self.parts.append("[")
        elif tag == "img":
            src = values.get("src") or ""
            alt = escape_markdown(values.get("alt") or "")
            self.parts.append(f"![{alt}]({src.replace(' ', '%20')})")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        self.depth = max(0, self.depth - 1)
        if tag in _SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif self.skipping:
            return
        elif tag in _BLOCKS:
            if tag in ("ul", "ol") and self.lists:
                self.lists.pop()
            self.parts.append("\n\n")
        elif tag in ("strong", "b", "em", "i", "code"):
            marker = {"strong": "**", "b": "**", "em": "*", "i": "*", "code": "`"}[tag]
            if self.parts and self.parts[-1] == marker:
                self.parts.pop()  # emphasis around nothing would show as stray asterisks
            else:
                self.parts.append(marker)
        elif tag == "a" and self.links:
            href = self.links.pop()
            if href:
                self.parts.append(f"]({href})")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(escape_markdown(re.sub(r"\s+", " ", data)))


def html_to_markdown(html: str) -> str:
    """Convert HTML to Markdown that shows the same words with the same emphasis, lists, links and images."""
    converter = _Converter()
    converter.feed(html)
    converter.close()
    text = "".join(converter.parts)
    lines = [line.strip() if not line.lstrip().startswith(("- ", "1")) else line.rstrip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def plain_to_markdown(text: str) -> str:
    """Plain text as Markdown that shows it as written, line breaks included."""
    paragraphs = re.split(r"\n\s*\n", text.strip())
    return "\n\n".join("\\\n".join(escape_markdown(line.strip()) for line in part.splitlines()) for part in paragraphs)


def looks_like_html(text: str) -> bool:
    """Tell whether text in Moodle's "auto" format holds HTML tags."""
    return re.search(r"</?[a-zA-Z][a-zA-Z0-9]*(\s[^<>]*)?/?>", text) is not None

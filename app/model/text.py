"""Text rules of the format that more than one part of the application needs.

``scan_markdown`` parses with the same markdown-it configuration the renderer uses (CommonMark,
GitHub tables and strikethrough, raw HTML off), so that the links, images and citations it finds
are exactly those a learner would see; code spans and code blocks hold none.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING
from urllib.parse import unquote

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

_INNER_WHITESPACE = re.compile(r"\s+")
#: ``[@key]`` or ``[@key, para 4]``: a citation of one of the pack's sources (as the renderer reads it).
CITATION_PATTERN = re.compile(r"\[@([a-z][a-z0-9]*(?:-[a-z0-9]+)*)(?:\s*,\s*([^\]]*))?\]")
#: A URL scheme at the start of a link target (``https:``, ``mailto:``).
SCHEME_PATTERN = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
_DRIVE = re.compile(r"^[A-Za-z]:[/\\]?")


def percent_text(fraction: float) -> str:
    """Write a fraction as a whole percentage ("80%"): the one formatter the model and the UI share."""
    return f"{round(fraction * 100)}%"


def _is_trimmable(char: str) -> bool:
    """Tell whether ``char`` is whitespace or punctuation (any Unicode category P*)."""
    return char.isspace() or unicodedata.category(char).startswith("P")


def normalize_answer(text: str) -> str:
    """Normalize a short answer as section 6 says: NFKC, case-fold, trim, collapse whitespace."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    start, end = 0, len(folded)
    while start < end and _is_trimmable(folded[start]):
        start += 1
    while end > start and _is_trimmable(folded[end - 1]):
        end -= 1
    return _INNER_WHITESPACE.sub(" ", folded[start:end])


@lru_cache(maxsize=1)
def markdown_parser() -> MarkdownIt:
    """Return the shared markdown-it parser: CommonMark, tables, strikethrough, no raw HTML."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False}).enable(["table", "strikethrough"])


def markdown_to_plain(text: str) -> str:
    """Return the words of Markdown ``text`` on one line, without its marks (for one-line summaries).

    Emphasis, code and link marks go, their text stays; images keep their alt text; blocks are
    joined with single spaces.
    """
    words: list[str] = []
    for token in markdown_parser().parse(text):
        if token.type == "inline":
            for child in token.children or []:
                if child.type in ("text", "code_inline") or child.type == "image":
                    words.append(child.content)
                elif child.type in ("softbreak", "hardbreak"):
                    words.append(" ")
            words.append(" ")
        elif token.type in ("code_block", "fence"):
            words.append(token.content)
            words.append(" ")
    return " ".join("".join(words).split())


@dataclass(slots=True)
class MarkdownRefs:
    """What a Markdown text points at: link targets, image paths and cited source keys."""

    links: list[str] = field(default_factory=list)
    images: list[str] = field(default_factory=list)
    citations: list[str] = field(default_factory=list)


_EMPTY = MarkdownRefs()


def scan_markdown(text: str) -> MarkdownRefs:
    """Find the links, images and citations of Markdown ``text``, outside code."""
    # Every link, image, autolink and citation needs "[" or "<" (or an entity such as &#91;).
    if "[" not in text and "<" not in text and "&" not in text:
        return _EMPTY
    if "[@" in text:
        citations = _plain_citations(text)
        if citations is not None:
            return MarkdownRefs(citations=citations)
    return parse_markdown_refs(text)


#: Anything that could make Markdown read a citation differently from a plain regex match: other
#: brackets (links, images, references), autolinks, code, escapes, entities, or indentation that can
#: make code: four spaces or a tab anywhere, since code also starts after a list marker or a quote
#: ("-     [@a]" is code inside a list item; hypothesis found it).
_NOT_PLAIN = re.compile(r"[\[\]<`\\&]|~~~| {4}|\t")


def _plain_citations(text: str) -> list[str] | None:
    """Return the citations of ``text`` when nothing else in it is Markdown that could matter, else None."""
    found = []
    for match in CITATION_PATTERN.finditer(text):
        if any(char in match.group(0) for char in "*_~&") or text[match.end() : match.end() + 1] in (
            "(",
            ":",
            "[",
        ):
            return None  # emphasis or an entity inside, or a link or reference definition after
        found.append(match.group(1))
    if _NOT_PLAIN.search(CITATION_PATTERN.sub("", text)):
        return None
    return found


def parse_markdown_refs(text: str) -> MarkdownRefs:
    """Find links, images and citations by parsing ``text`` the way the renderer does."""
    refs = MarkdownRefs()
    for token in markdown_parser().parse(text):
        if token.type == "inline" and token.children:
            _scan_inline(token.children, refs)
    return refs


def _scan_inline(children: list[Token], refs: MarkdownRefs) -> None:
    for child in children:
        kind = child.type
        if kind == "text":
            if "[@" in child.content:
                refs.citations.extend(m.group(1) for m in CITATION_PATTERN.finditer(child.content))
        elif kind == "link_open":
            refs.links.append(str(child.attrGet("href") or ""))
        elif kind == "image":
            refs.images.append(unquote(str(child.attrGet("src") or "")))


def pack_path(path: str) -> tuple[str | None, str | None]:
    """Normalize a path a pack names; return (path inside the pack, None) or (None, what is wrong)."""
    shown = f"`{path}`"
    if (SCHEME_PATTERN.match(path) and not _DRIVE.match(path)) or path.startswith("//"):
        return None, f"{shown} is a URL; a pack names its own files by relative paths, and nothing is fetched"
    if _DRIVE.match(path) or path.startswith(("/", "\\")):
        return None, f"{shown} is an absolute path; write it relative to the folder that holds pack.yaml"
    if "\\" in path:
        return None, f"{shown} uses `\\`; write paths with `/`"
    parts: list[str] = []
    for segment in path.split("/"):
        if segment in ("", "."):
            continue
        if segment == "..":
            if not parts:
                return (
                    None,
                    f"{shown} leaves the pack; paths must stay inside the folder that holds pack.yaml",
                )
            parts.pop()
        else:
            parts.append(segment)
    if not parts:
        return None, f"{shown} names no file"
    return "/".join(parts), None

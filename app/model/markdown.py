"""Markdown to the HTML subset Qt's rich text shows: markdown-it-py with raw HTML off,
Pygments for fenced code, citations as numbered references and glossary terms as look-ups.

Pack text is untrusted: nothing in it ever reaches the output as HTML. Raw HTML stays text,
links keep only http(s) targets, and images keep only relative paths inside the pack (served
later by the view through ``PackSource``, never from disk or network).
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any
from urllib.parse import quote, unquote

from markdown_it import MarkdownIt
from markdown_it.token import Token

from app.model.schema import Source, Term
from app.model.text import CITATION_PATTERN, pack_path

#: beyond this, a code block is shown as plain text: highlighting megabytes blocks the UI
MAX_HIGHLIGHT_CHARS = 20_000

GLOSSARY_SCHEME = "gloss"
REFERENCE_ANCHOR = "ref-"


@dataclass(frozen=True, slots=True)
class Citation:
    number: int
    key: str


class CitationIndex:
    """Numbers cited sources in order of first use across several fields shown together.

    A step renders its task, its notes and its Sources line separately; passing them one index
    makes [2] the same source everywhere in the step. Numbers, once given, never change.
    """

    def __init__(self, keys: Sequence[str] = ()) -> None:
        self._numbers: dict[str, int] = {}
        for key in keys:
            self.number(key)

    def number(self, key: str) -> int:
        """Return ``key``'s number, giving it the next one on first use."""
        return self._numbers.setdefault(key, len(self._numbers) + 1)

    def keys(self) -> list[str]:
        """Return the numbered keys, in number order."""
        return list(self._numbers)

    def snapshot(self) -> tuple[str, ...]:
        """Return the numbering so far (a rendering depends on it, so caches key on it)."""
        return tuple(self._numbers)

    def __contains__(self, key: object) -> bool:
        return key in self._numbers

    def __len__(self) -> int:
        return len(self._numbers)


@dataclass(slots=True)
class RenderedMarkdown:
    """HTML for a QTextDocument, and the sources it cited, in order of first use in this text."""

    html: str
    citations: list[Citation] = field(default_factory=list)


def is_web_url(url: str) -> bool:
    """Tell whether ``url`` is an http or https URL (the only links that open)."""
    return bool(re.match(r"^https?://[^\s/?#]+", url, re.IGNORECASE))


#: a parenthesis after a space (or at the start); one attached to a word, as in a volume "3(2)", stays
_PARENTHETICAL = re.compile(r"(?:^\s*|\s+)\(([^()]*)\)")


def without_parentheses(text: str) -> str:
    """Rewrite "A (B)" as "A — B", for text that will itself stand inside parentheses.

    A source's date "October 2017 (late October inferred)" would otherwise print as
    "(OZY, October 2017 (late October inferred))".
    """

    def dash(match: re.Match[str]) -> str:
        inside = match.group(1).strip()
        if not inside:
            return ""
        return inside if match.start() == 0 else f" \u2014 {inside}"

    return _PARENTHETICAL.sub(dash, text).strip()


def is_pack_relative_path(path: str) -> bool:
    """Tell whether ``path`` is a relative path that stays inside the pack (no scheme, no '..' out)."""
    return pack_path(path)[0] is not None


def glossary_pattern(terms: Sequence[str]) -> re.Pattern[str]:
    """Match any of ``terms`` as whole words, case-insensitively, plurals ("-s", "-es") included."""
    alternatives = "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?P<term>{alternatives})(?:e?s)?(?![\w-])", re.IGNORECASE)


def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False, "linkify": False}).enable(["table", "strikethrough"])


@lru_cache(maxsize=512)
def highlight_code(code: str, language: str, dark: bool) -> str:
    """Return ``code`` as highlighted HTML with inline styles; plain text for unknown languages."""
    from pygments import highlight
    from pygments.formatters import HtmlFormatter
    from pygments.lexers import get_lexer_by_name
    from pygments.util import ClassNotFound

    escaped = f"<pre>{html.escape(code)}</pre>"
    if not language or len(code) > MAX_HIGHLIGHT_CHARS:
        return escaped
    try:
        lexer = get_lexer_by_name(language)  # by name only: guess_lexer runs every lexer's regexes
    except ClassNotFound:
        return escaped
    style = "github-dark" if dark else "friendly"
    try:
        formatter = HtmlFormatter(noclasses=True, nowrap=True, style=style)
    except ClassNotFound:
        formatter = HtmlFormatter(noclasses=True, nowrap=True)
    return f"<pre>{highlight(code, lexer, formatter)}</pre>"


class MarkdownRenderer:
    """Renders one pack's Markdown fields.

    Citations are numbered per rendered document, or across documents when they share a
    ``CitationIndex``.
    """

    def __init__(
        self,
        sources: dict[str, Source] | None = None,
        glossary: Sequence[Term] = (),
        *,
        dark: bool = False,
    ) -> None:
        self.sources = sources or {}
        self.glossary = list(glossary)
        self.dark = dark
        self._md = _parser()
        rules = {
            "fence": self._render_fence,
            "code_block": self._render_fence,
            "image": self._render_image,
            "link_open": self._render_link_open,
            "link_close": self._render_link_close,
        }
        for name, rule in rules.items():
            # markdown-it binds a rule to its renderer; wrap so ours stays bound to this object
            self._md.add_render_rule(name, _as_render_rule(rule))
        self._glossary_pattern = self._compile_glossary()
        self._glossary_index = {term.term.casefold(): i for i, term in enumerate(self.glossary)}

    def _compile_glossary(self) -> re.Pattern[str] | None:
        words = sorted({t.term for t in self.glossary if t.term.strip()}, key=len, reverse=True)
        if not words:
            return None
        return glossary_pattern(words)

    def render(
        self,
        text: str,
        *,
        glossary_links: bool = False,
        references: bool = False,
        citation_index: CitationIndex | None = None,
    ) -> RenderedMarkdown:
        """Render ``text``; with ``references``, append the numbered list of cited sources.

        With ``citation_index``, citations take (and add to) its numbers instead of starting at 1.
        """
        tokens = self._md.parse(text)
        numbering = citation_index if citation_index is not None else CitationIndex()
        citations: dict[str, int] = {}  # the keys this text cites, in order of first use
        linked_terms: set[int] = set()
        for token in tokens:
            if token.type == "inline" and token.children:
                token.children = self._rewrite_inline(
                    token.children, (numbering, citations), linked_terms, glossary_links
                )
        body = self._md.renderer.render(tokens, self._md.options, {})
        rendered = RenderedMarkdown(body, [Citation(n, key) for key, n in citations.items()])
        if references and rendered.citations:
            rendered.html += self.references_html(rendered.citations)
        return rendered

    def render_inline(self, text: str) -> str:
        """Render a short Markdown field (a note, a choice's feedback) without block margins."""
        out = self.render(text).html.strip()
        if out.startswith("<p>") and out.endswith("</p>") and out.count("<p>") == 1:
            out = out[3:-4]
        return out

    def references_html(self, citations: list[Citation]) -> str:
        """Return the numbered list of cited sources, each with an anchor citations lead to."""
        items = []
        for citation in sorted(citations, key=lambda cited: cited.number):
            source = self.sources.get(citation.key)
            items.append(
                f'<p class="reference"><a name="{REFERENCE_ANCHOR}{citation.number}"></a>'
                f"[{citation.number}] {self.describe_source(source, citation.key)}</p>"
            )
        return '<h4 class="references">Sources</h4>' + "".join(items)

    @staticmethod
    def describe_source(source: Source | None, key: str) -> str:
        """Describe a source in one line of HTML: title, author, publisher, date, link."""
        if source is None:
            return html.escape(key)
        parts = [f"<i>{html.escape(source.title)}</i>"]
        for extra in (source.author, source.publisher, source.date):
            if extra:
                parts.append(html.escape(extra))
        line = ", ".join(parts)
        if source.url and is_web_url(source.url):
            line += f' &mdash; <a href="{html.escape(source.url, quote=True)}">{html.escape(source.url)}</a>'
        if source.note:
            line += f" ({html.escape(without_parentheses(source.note))})"
        return line

    # ------------------------------------------------------------ inline rewriting

    def _rewrite_inline(
        self,
        children: list[Token],
        citations: tuple[CitationIndex, dict[str, int]],
        linked_terms: set[int],
        glossary_links: bool,
    ) -> list[Token]:
        out: list[Token] = []
        in_link = 0
        for child in children:
            if child.type == "link_open":
                in_link += 1
            elif child.type == "link_close":
                in_link = max(0, in_link - 1)
            if child.type != "text" or in_link:
                out.append(child)
                continue
            out.extend(self._split_text(child.content, citations, linked_terms, glossary_links))
        return out

    def _split_text(
        self,
        text: str,
        citations: tuple[CitationIndex, dict[str, int]],
        linked_terms: set[int],
        glossary_links: bool,
    ) -> list[Token]:
        numbering, cited = citations
        pieces: list[Token] = []
        position = 0
        for match in CITATION_PATTERN.finditer(text):
            pieces.extend(self._glossary_tokens(text[position : match.start()], linked_terms, glossary_links))
            key, locator = match.group(1), (match.group(2) or "").strip()
            number = cited.setdefault(key, numbering.number(key))
            label = f"{number}, {html.escape(locator)}" if locator else str(number)
            title = html.escape(self.sources[key].title if key in self.sources else key, quote=True)
            pieces.append(
                _html_token(f'<sup><a class="cite" href="#{REFERENCE_ANCHOR}{number}" title="{title}">[{label}]</a></sup>')
            )
            position = match.end()
        pieces.extend(self._glossary_tokens(text[position:], linked_terms, glossary_links))
        return pieces

    def _glossary_tokens(self, text: str, linked_terms: set[int], glossary_links: bool) -> list[Token]:
        if not text:
            return []
        if not glossary_links or self._glossary_pattern is None:
            return [_text_token(text)]
        pieces: list[Token] = []
        position = 0
        for match in self._glossary_pattern.finditer(text):
            index = self._glossary_index.get(match.group("term").casefold())
            if index is None or index in linked_terms:
                continue  # only the first use of a term in a document becomes a look-up
            linked_terms.add(index)
            pieces.append(_text_token(text[position : match.start()]))
            pieces.append(
                _html_token(
                    f'<a class="term" href="{GLOSSARY_SCHEME}:{index}" title="Glossary: look up">'
                    f"{html.escape(match.group(0))}</a>"
                )
            )
            position = match.end()
        pieces.append(_text_token(text[position:]))
        return [p for p in pieces if p.content]

    # ------------------------------------------------------------ render rules

    def _render_fence(self, tokens: list[Token], idx: int, options: Any, env: Any) -> str:
        token = tokens[idx]
        language = token.info.strip().split()[0] if token.info.strip() else ""
        return highlight_code(token.content, language, self.dark)

    def _render_image(self, tokens: list[Token], idx: int, options: Any, env: Any) -> str:
        token = tokens[idx]
        src = unquote(str(token.attrs.get("src", "")))
        alt = "".join(c.content for c in token.children or [] if c.type in ("text", "code_inline"))
        inside, _problem = pack_path(src)
        if inside is None:
            return f'<span class="missing-image">[{html.escape(alt or "image")}]</span>'
        return f'<img src="{quote(inside)}" alt="{html.escape(alt, quote=True)}" title="{html.escape(alt, quote=True)}">'

    def _render_link_open(self, tokens: list[Token], idx: int, options: Any, env: Any) -> str:
        href = str(tokens[idx].attrs.get("href", ""))
        if is_web_url(href):
            return f'<a href="{html.escape(href, quote=True)}" title="{html.escape(href, quote=True)}">'
        tokens[idx].meta["dropped"] = True
        return ""

    def _render_link_close(self, tokens: list[Token], idx: int, options: Any, env: Any) -> str:
        depth = 0
        for j in range(idx - 1, -1, -1):  # find the matching open to know whether it was dropped
            if tokens[j].type == "link_close":
                depth += 1
            elif tokens[j].type == "link_open":
                if depth == 0:
                    return "" if tokens[j].meta.get("dropped") else "</a>"
                depth -= 1
        return "</a>"


def _as_render_rule(rule: Any) -> Any:
    def render_rule(_renderer: Any, tokens: list[Token], idx: int, options: Any, env: Any) -> Any:
        return rule(tokens, idx, options, env)

    return render_rule


def _text_token(content: str) -> Token:
    token = Token("text", "", 0)
    token.content = content
    return token


def _html_token(content: str) -> Token:
    token = Token("html_inline", "", 0)
    token.content = content
    return token

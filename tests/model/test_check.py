"""Pieces of the cross-reference checker: paths, image formats, closest passages, Markdown scanning."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from app.model.check import closest_passage, resolve
from app.model.images import image_format
from app.model.text import pack_path, parse_markdown_refs, scan_markdown
from app.model.yamlload import load_yaml


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("assets/a.png", "assets/a.png"),
        ("./assets//a.png", "assets/a.png"),
        ("assets/../b.yaml", "b.yaml"),
    ],
)
def test_pack_path_normalizes_paths_inside(path: str, expected: str) -> None:
    """Relative paths that stay inside the pack are normalized."""
    assert pack_path(path) == (expected, None)


@pytest.mark.parametrize(
    ("path", "fragment"),
    [
        ("/x.png", "absolute"),
        ("C:/x.png", "absolute"),
        ("\\\\server\\x.png", "absolute"),
        ("http://example.org/x.png", "URL"),
        ("data:image/png;base64,AAAA", "URL"),
        ("//example.org/x.png", "URL"),
        ("a/../../x.png", "leaves the pack"),
        ("a\\x.png", "`/`"),
        (".", "names no file"),
    ],
)
def test_pack_path_refuses_what_leaves_or_is_not_a_path(path: str, fragment: str) -> None:
    """Absolute paths, URLs, escapes and backslashes are refused with a reason."""
    normalized, problem = pack_path(path)
    assert normalized is None
    assert fragment in problem


@pytest.mark.parametrize(
    ("head", "name"),
    [
        (b"\x89PNG\r\n\x1a\nrest", "PNG"),
        (b"\xff\xd8\xff\xdbrest", "JPEG"),
        (b"GIF87a....", "GIF"),
        (b"RIFF\x10\x00\x00\x00WEBPVP8L", "WebP"),
        (b"RIFF\x10\x00\x00\x00WAVEfmt ", None),
        (b"<svg xmlns=", None),
        (b"", None),
    ],
)
def test_image_format_by_first_bytes(head: bytes, name: str | None) -> None:
    """Image formats are recognised by their signatures, not by their names."""
    assert image_format(head) == name


def test_closest_passage_finds_the_near_miss() -> None:
    """The passage most like a mistyped quote is offered."""
    text = "The minister said the economy grew by six percent last year."
    assert closest_passage(text, "economy grow by six") == "economy grew by six"
    assert closest_passage(text, "zzzzqqqq") is None


def test_resolve_points_at_values_keys_and_missing_fields() -> None:
    """A location finds its value node, its key node, or the mapping lacking it."""
    root, _ = load_yaml(b"sources:\n  a:\n    title: T\nlist:\n  - x\n  - y\n", "pack.yaml")
    assert resolve(root, ((None, "sources"), "a")).line == 3
    key = resolve(root, ((None, "sources"), "a"), key=True)
    assert (key.line, key.column, key.value) == (2, 3, "a")
    assert resolve(root, ((None, "list"), 1)).value == "y"
    missing = resolve(root, (((None, "sources"), "a"), "url"))
    assert (missing.line, missing.column) == (3, 5)


def test_scan_markdown_outside_code_only() -> None:
    """Links, images and citations are found in text, not in code spans or blocks."""
    refs = scan_markdown(
        "See [@a] and [@b, para 4], ![pic](assets/x.png), <mailto:x@y.z>, [w](https://e.org)\n\n"
        "`[@c]`\n\n```\n[@d] ![q](q.png)\n```\n\n    [@e]\n"
    )
    assert refs.citations == ["a", "b"]
    assert refs.images == ["assets/x.png"]
    assert refs.links == ["mailto:x@y.z", "https://e.org"]


MARKDOWN_PIECES = st.sampled_from(
    [
        "[@a]",
        "[@b, para 2]",
        "[@c-d]",
        "text ",
        "\n",
        "\n\n",
        "`",
        "*",
        "_",
        "[",
        "]",
        "(u)",
        "\\",
        "    ",
        "~~~",
        "<",
        ">",
        "!",
        ":",
        ": u",
        "(",
        "&amp;",
        "&#91;@a]",
        "[@E]",
        "[@a, *x*]",
        "- ",
        "# ",
        "|",
        "x",
    ]
)


@pytest.mark.parametrize("text", ["-     [@a]", ">     [@a]", "1.      [@a]", "- a\n\n      [@a]", "x\t[@a]"])
def test_a_citation_in_code_after_a_list_marker_or_quote_is_no_citation(text: str) -> None:
    """Indented code starts after a list marker or a quote too: the fast scan must not read it."""
    assert scan_markdown(text).citations == parse_markdown_refs(text).citations


@settings(max_examples=1000, deadline=None)
@given(st.lists(MARKDOWN_PIECES, max_size=12).map("".join))
@example(">        [@a]")  # code inside a block quote: once read as a plain citation
@example("-     [@a]")
def test_fast_citation_scan_agrees_with_the_parser(text: str) -> None:
    """The shortcut for plain citations finds exactly what parsing the Markdown finds."""
    fast, parsed = scan_markdown(text), parse_markdown_refs(text)
    assert (fast.citations, fast.images, fast.links) == (parsed.citations, parsed.images, parsed.links)

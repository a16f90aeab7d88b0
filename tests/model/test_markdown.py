"""Markdown rendering: pack text never becomes HTML, citations are numbered, code is highlighted."""

from __future__ import annotations

from app.model.markdown import CitationIndex, MarkdownRenderer, is_pack_relative_path, without_parentheses
from app.model.schema import Source, Term

SOURCES = {
    "ozy": Source(title="How the CCP Is Using Social Media", publisher="OZY", url="https://www.ozy.com/x"),
    "king": Source(title="How the Chinese Government Fabricates Social Media Posts", author="King, Pan, Roberts"),
}
GLOSSARY = [Term(term="Great Firewall", definition="The system that filters the internet.", native="防火长城")]


def render(text: str, **kwargs: bool) -> str:
    return MarkdownRenderer(SOURCES, GLOSSARY).render(text, **kwargs).html


def test_raw_html_is_shown_as_text_not_markup() -> None:
    """Raw HTML in a pack is escaped, so a hostile table or script cannot reach Qt's rich text."""
    out = render("<table><tr><td>x</td></tr></table> and <script>alert(1)</script>")
    assert "<table>" not in out and "<script>" not in out
    assert "&lt;table&gt;" in out and "&lt;script&gt;" in out


def test_citations_are_numbered_in_order_of_first_use() -> None:
    """[@key] becomes a numbered reference; a repeated key keeps its number; a locator is shown."""
    result = MarkdownRenderer(SOURCES).render("A [@king]. B [@ozy, para 4]. C [@king].", references=True)
    assert [(c.number, c.key) for c in result.citations] == [(1, "king"), (2, "ozy")]
    assert result.html.count('href="#ref-1"') == 2
    assert "[2, para 4]" in result.html
    assert '<a name="ref-2"></a>[2] <i>How the CCP Is Using Social Media</i>' in result.html


def test_a_shared_citation_index_numbers_across_fields() -> None:
    """Fields rendered with one CitationIndex share numbers: a source keeps its number in every note."""
    renderer = MarkdownRenderer(SOURCES)
    index = CitationIndex()
    first = renderer.render("A [@king].", citation_index=index)
    second = renderer.render("B [@ozy], then [@king].", references=True, citation_index=index)
    assert [(c.number, c.key) for c in first.citations] == [(1, "king")]
    assert [(c.number, c.key) for c in second.citations] == [(2, "ozy"), (1, "king")]
    assert 'href="#ref-2"' in second.html and ">[2]</a>" in second.html and ">[1]</a>" in second.html
    # the references under the text follow the numbers, not the order of use
    assert second.html.index('<a name="ref-1">') < second.html.index('<a name="ref-2">')
    assert index.keys() == ["king", "ozy"] and index.number("king") == 1 and index.number("new") == 3
    # without an index, every field still starts at 1, as before
    assert [(c.number, c.key) for c in renderer.render("B [@ozy]").citations] == [(1, "ozy")]


def test_citations_in_code_stay_as_written() -> None:
    """Code spans and blocks hold no citations: their text is shown as written."""
    result = MarkdownRenderer(SOURCES).render("`[@king]`\n\n```\n[@ozy]\n```")
    assert result.citations == []
    assert "[@king]" in result.html and "[@ozy]" in result.html


def test_only_web_links_survive() -> None:
    """http(s) links stay links; file:, javascript: and relative links are shown as plain text."""
    out = render("[web](https://example.org) [file](file:///etc/passwd) [rel](other.yaml) [js](javascript:x)")
    assert '<a href="https://example.org"' in out
    assert "file:///etc/passwd" not in out.replace("[file](file:///etc/passwd)", "")
    assert 'href="other.yaml"' not in out and 'href="file:' not in out and 'href="javascript' not in out
    assert "rel" in out and "file" in out


def test_images_outside_the_pack_become_their_alt_text() -> None:
    """Only relative paths inside the pack become <img>; URLs and escaping paths do not."""
    out = render("![ok](assets/a.png) ![net](https://example.org/a.png) ![up](../../etc/passwd) ![abs](/etc/x)")
    assert '<img src="assets/a.png"' in out
    assert out.count("<img") == 1
    assert "[net]" in out and "[up]" in out and "[abs]" in out


def test_code_fences_are_highlighted_by_name_and_unknown_languages_are_plain() -> None:
    """A known fence language gets inline colour styles; an unknown one is escaped plain text."""
    known = render("```python\nx = 1  # <b>\n```")
    assert "<pre>" in known and 'style="color' in known and "&lt;b&gt;" in known
    unknown = render("```nosuchlanguage\n<b>x</b>\n```")
    assert unknown.strip() == "<pre>&lt;b&gt;x&lt;/b&gt;\n</pre>"


def test_first_use_of_a_glossary_term_becomes_a_look_up() -> None:
    """With glossary links on, the first use of a term links to its entry, later uses stay text."""
    out = render("The great firewall is big. The Great Firewall again.", glossary_links=True)
    assert out.count('href="gloss:0"') == 1
    assert "great firewall</a>" in out


def test_pack_relative_paths() -> None:
    """Paths that climb out of the pack, absolute paths and URLs are refused."""
    assert is_pack_relative_path("assets/a.png")
    assert is_pack_relative_path("a/../b.png")
    assert not is_pack_relative_path("../b.png")
    assert not is_pack_relative_path("a/../../b.png")
    assert not is_pack_relative_path("/etc/passwd")
    assert not is_pack_relative_path("C:/x.png")
    assert not is_pack_relative_path("file:///x.png")


def test_text_set_inside_parentheses_never_nests_them() -> None:
    """A date or note with its own "(...)" reads "A — B" once it is itself put in parentheses."""
    assert (
        without_parentheses("October 2017 (late October inferred; exact day not shown)")
        == "October 2017 \u2014 late October inferred; exact day not shown"
    )
    assert without_parentheses("2024") == "2024"
    assert without_parentheses("(draft) 2024") == "draft 2024"
    source = Source(title="T", publisher="P", note="Summary (WeChat 963 million users)")
    line = MarkdownRenderer({"k": source}).describe_source(source, "k")
    assert line.endswith("(Summary \u2014 WeChat 963 million users)")


def test_a_volume_and_issue_keeps_its_parentheses() -> None:
    """A journal's "3(2)" (volume 3, issue 2) is not a note: it is not turned into "3 — 2"."""
    assert without_parentheses("Journal of Law 3(2)") == "Journal of Law 3(2)"
    assert without_parentheses("Journal 3(2) (online edition)") == "Journal 3(2) \u2014 online edition"

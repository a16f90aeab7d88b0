"""One-line plain text from Markdown, for summaries such as the quiz walk-through."""

from __future__ import annotations

from app.model.text import markdown_to_plain


def test_markdown_marks_go_and_words_stay() -> None:
    """Emphasis, code and link marks are dropped; paragraphs and lines join with one space."""
    text = "Which came **first**?\nPick the `earliest` [date](https://example.org).\n\nThen *explain*."
    assert markdown_to_plain(text) == "Which came first? Pick the earliest date. Then explain."


def test_plain_text_is_unchanged_but_for_spaces() -> None:
    assert markdown_to_plain("  A   plain\tprompt  ") == "A plain prompt"
    assert markdown_to_plain("") == ""

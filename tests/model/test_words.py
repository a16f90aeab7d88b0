"""Word counting for reflections."""

from app.model.words import count_words


def test_counts_words_contractions_and_cjk_characters() -> None:
    """Words are letter runs (don't is one word); each Chinese character counts as one."""
    assert count_words("") == 0
    assert count_words("  I don't   know, really.  ") == 4
    assert count_words("防火长城 blocks sites") == 6

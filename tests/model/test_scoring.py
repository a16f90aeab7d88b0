"""Scoring rules of section 6, per question type, with edge cases and property tests."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.model import scoring
from app.model.answer_key import correct_response
from app.model.schema import (
    Artefact,
    Categorize,
    CategoryItem,
    Choice,
    Judge,
    Match,
    Multiple,
    Order,
    Pair,
    Question,
    Short,
    Single,
    Spot,
    Target,
    TrueFalse,
)
from app.model.scoring import Mark, score_question
from app.model.text import normalize_answer
from tests.conftest import EXAMPLE_PACK

# ---------------------------------------------------------------- builders


def single(correct: int = 1, count: int = 3) -> Single:
    return Single(
        id="s",
        prompt="Pick one",
        choices=[Choice(text=f"c{i}", correct=i == correct) for i in range(count)],
    )


def multiple(correct: tuple[int, ...] = (0, 2), count: int = 4) -> Multiple:
    return Multiple(
        id="m",
        prompt="Pick all",
        choices=[Choice(text=f"c{i}", correct=i in correct) for i in range(count)],
    )


def order(count: int = 4) -> Order:
    return Order(id="o", prompt="Order", items=[f"item {i}" for i in range(count)])


def match(count: int = 3) -> Match:
    return Match(id="ma", prompt="Match", pairs=[Pair(left=f"l{i}", right=f"r{i}") for i in range(count)])


def categorize() -> Categorize:
    return Categorize(
        id="c",
        prompt="Sort",
        categories=["Evidence", "Not evidence"],
        items=[
            CategoryItem(text="trial", category="Evidence"),
            CategoryItem(text="aunt", category="Not evidence"),
            CategoryItem(text="review", category="Evidence"),
        ],
    )


def judge(reliable: bool) -> Judge:
    return Judge(id="j", prompt="Rate", item=Artefact(medium="post", text="hello"), reliable=reliable)


SPOT_TEXT = "Experts agree this tea works. The weather was cold. Experts agree again."


def spot() -> Spot:
    # "Experts agree" occurs twice; the second target picks the second occurrence.
    return Spot(
        id="sp",
        prompt="Spot",
        text=SPOT_TEXT,
        targets=[Target(quote="Experts agree"), Target(quote="Experts agree", occurrence=2)],
    )


def span_of(text: str, quote: str, occurrence: int = 1) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence):
        start = text.index(quote, start + 1)
    return start, start + len(quote)


# ---------------------------------------------------------------- single, true/false


def test_single_right_and_wrong() -> None:
    """A single-choice question scores 1 only for the correct choice's written index."""
    question = single(correct=1)
    assert score_question(question, 1) == 1.0
    assert score_question(question, 0) == 0.0
    assert score_question(question, 2) == 0.0


@pytest.mark.parametrize("response", [None, True, False, -1, 3, "1", 1.0, [1], {1: 1}])
def test_single_malformed_scores_zero(response: Any) -> None:
    """Unanswered, out-of-range or wrongly typed single responses score 0 (a bool is not an index)."""
    assert score_question(single(correct=1), response) == 0.0


def test_true_false() -> None:
    """True/false scores 1 only for the matching boolean, and 0 for integers that look like one."""
    question = TrueFalse(id="t", prompt="?", answer=False)
    assert score_question(question, False) == 1.0
    assert score_question(question, True) == 0.0
    assert score_question(question, 0) == 0.0
    assert score_question(question, None) == 0.0


def test_choice_marks_single() -> None:
    """choice_marks labels the picked wrong choice and the missed correct one."""
    marks = scoring.choice_marks(single(correct=1), 2)
    assert marks == [Mark.NEUTRAL, Mark.MISSED, Mark.WRONG]
    assert scoring.choice_marks(single(correct=1), 1) == [Mark.NEUTRAL, Mark.RIGHT, Mark.NEUTRAL]


# ---------------------------------------------------------------- multiple


def test_multiple_partial_credit() -> None:
    """Multiple scores (correct picked − wrong picked) / number correct."""
    question = multiple(correct=(0, 2))
    assert score_question(question, [0, 2]) == 1.0
    assert score_question(question, [2, 0]) == 1.0
    assert score_question(question, [0]) == 0.5
    assert score_question(question, [0, 2, 1]) == 0.5
    assert score_question(question, [0, 1]) == 0.0
    assert score_question(question, []) == 0.0


def test_multiple_all_wrong_is_zero_not_negative() -> None:
    """Picking only wrong choices scores 0, never a negative fraction."""
    assert score_question(multiple(correct=(0,), count=4), [1, 2, 3]) == 0.0


def test_multiple_repeats_count_once() -> None:
    """A repeated index counts once, so repeating a right choice earns nothing extra."""
    assert score_question(multiple(correct=(0, 2)), [0, 0]) == 0.5


@pytest.mark.parametrize("response", [None, 0, [0, 9], [0, "2"], [True], "0,2", {0: 1}])
def test_multiple_malformed_scores_zero(response: Any) -> None:
    """Malformed multiple responses score 0."""
    assert score_question(multiple(correct=(0, 2)), response) == 0.0


def test_choice_marks_multiple() -> None:
    """choice_marks shows right, wrong, missed and neutral choices of a multiple question."""
    marks = scoring.choice_marks(multiple(correct=(0, 2), count=4), [0, 1])
    assert marks == [Mark.RIGHT, Mark.WRONG, Mark.MISSED, Mark.NEUTRAL]


# ---------------------------------------------------------------- short


@pytest.mark.parametrize(
    ("typed", "accepted"),
    [
        ("Testimonial", "testimonial"),
        ("ＴＥＳＴＩＭＯＮＩＡＬ", "testimonial"),  # full-width letters fold under NFKC
        ("  testimonial!  ", "testimonial"),
        ("«testimonial»", "testimonial"),
        ("a   testimonial", "a testimonial"),
        ("a\t\ntestimonial.", "A testimonial"),
        ("STRASSE", "straße"),  # case-folding, not just lower-casing
        ("great firewall", "Great Firewall。"),  # CJK full stop is punctuation too
    ],
)
def test_short_normalization_matches(typed: str, accepted: str) -> None:
    """Short answers match once NFKC, case-folding, trimming and whitespace collapsing apply."""
    question = Short(id="sh", prompt="?", answers=["other", accepted])
    assert score_question(question, typed) == 1.0


@pytest.mark.parametrize("typed", ["testimonials", "test imonial", "", "   ", "!!!", None, 5])
def test_short_mismatch(typed: Any) -> None:
    """Different words, inner spaces, blank answers and non-strings score 0."""
    question = Short(id="sh", prompt="?", answers=["testimonial"])
    assert score_question(question, typed) == 0.0


def test_normalize_answer_keeps_inner_punctuation() -> None:
    """Only surrounding punctuation goes; inner punctuation and single spaces stay."""
    assert normalize_answer('  "Don\'t   panic!" ') == "don't panic"
    assert normalize_answer("U.S.A.") == "u.s.a"


# ---------------------------------------------------------------- order, match, categorize


def test_order_counts_pairs_in_the_right_relative_order() -> None:
    """Order scores the pairs of items in the right relative order over all pairs (Kendall-style).

    One item out of place no longer sinks the whole answer: moving the last of four items to the
    front breaks 3 of the 6 pairs and keeps the other 3.
    """
    question = order(4)
    assert score_question(question, [0, 1, 2, 3]) == 1.0
    assert score_question(question, [0, 1, 3, 2]) == pytest.approx(5 / 6)
    assert score_question(question, [3, 0, 1, 2]) == pytest.approx(3 / 6)
    assert score_question(question, [1, 2, 3, 0]) == pytest.approx(3 / 6)
    assert score_question(question, [3, 2, 1, 0]) == 0.0
    assert scoring.order_pairs(question, [3, 0, 1, 2]) == (3, 6)
    assert scoring.order_pairs(question, None) == (0, 6)
    assert scoring.order_marks(question, [0, 2, 1, 3]) == [True, False, False, True]
    assert score_question(order(2), [1, 0]) == 0.0


@pytest.mark.parametrize("response", [None, [0, 1, 2], [0, 0, 1, 2], [0, 1, 2, 4], "0123", [0, 1, 2, True]])
def test_order_malformed_scores_zero(response: Any) -> None:
    """An order response that is not a permutation of the items scores 0."""
    assert score_question(order(4), response) == 0.0


def test_match_counts_right_pairs() -> None:
    """Match scores the lefts matched to their own right over the number of pairs; gaps count wrong."""
    question = match(3)
    assert score_question(question, {0: 0, 1: 1, 2: 2}) == 1.0
    assert score_question(question, {0: 0, 1: 2, 2: 1}) == pytest.approx(1 / 3)
    assert score_question(question, {0: 0}) == pytest.approx(1 / 3)
    assert scoring.match_marks(question, {0: 0, 1: 2}) == [True, False, False]


@pytest.mark.parametrize("response", [None, [0, 1, 2], {0: 3}, {"0": 0}, {5: 0}])
def test_match_malformed_scores_zero(response: Any) -> None:
    """A match response with bad keys or rights scores 0."""
    assert score_question(match(3), response) == 0.0


def test_categorize_counts_items_in_right_category() -> None:
    """Categorize scores items in their right category over the number of items."""
    question = categorize()
    assert score_question(question, {0: 0, 1: 1, 2: 0}) == 1.0
    assert score_question(question, {0: 0, 1: 0, 2: 0}) == pytest.approx(2 / 3)
    assert scoring.categorize_marks(question, {0: 1, 2: 0}) == [False, False, True]
    assert score_question(question, {0: 2}) == 0.0
    assert score_question(question, None) == 0.0


# ---------------------------------------------------------------- spot


def test_spot_target_spans_honour_occurrence() -> None:
    """spot_target_spans locates each target, the second one at the quote's second occurrence."""
    first, second = scoring.spot_target_spans(spot())
    assert first == span_of(SPOT_TEXT, "Experts agree", 1)
    assert second == span_of(SPOT_TEXT, "Experts agree", 2)
    assert first != second


def test_spot_exact_selection_finds_target() -> None:
    """Selecting both targets exactly scores 1."""
    question = spot()
    assert score_question(question, [span_of(SPOT_TEXT, "Experts agree", n) for n in (1, 2)]) == 1.0


def test_spot_exactly_half_coverage_counts_as_found() -> None:
    """A selection covering exactly half of a target's characters finds it; one less does not."""
    question = Spot(id="sp", prompt="?", text="abcdefgh xyz", targets=[Target(quote="abcdefgh")])
    assert scoring.spot_marks(question, [(0, 4)]) == ([0], [])
    assert score_question(question, [(0, 4)]) == 1.0
    assert scoring.spot_marks(question, [(0, 3)]) == ([], [])
    assert score_question(question, [(0, 3)]) == 0.0


def test_spot_odd_length_half_rounds_up() -> None:
    """For a 5-character target, 2 characters are less than half and 3 are enough."""
    question = Spot(id="sp", prompt="?", text="abcde fgh", targets=[Target(quote="abcde")])
    assert score_question(question, [(0, 2)]) == 0.0
    assert score_question(question, [(2, 5)]) == 1.0


def test_spot_overlapping_selections_do_not_add_up() -> None:
    """Coverage is per selection: two quarter selections do not find a target together."""
    question = Spot(id="sp", prompt="?", text="abcdefgh", targets=[Target(quote="abcdefgh")])
    assert score_question(question, [(0, 2), (2, 4)]) == 0.0
    # Overlapping selections are not stray: both touch the target, and one covers enough.
    assert scoring.spot_marks(question, [(0, 2), (1, 6)]) == ([0], [])


def test_spot_stray_selection_costs_a_target() -> None:
    """A selection overlapping no target is stray and takes one found target away."""
    question = spot()
    weather = span_of(SPOT_TEXT, "weather")
    first = span_of(SPOT_TEXT, "Experts agree", 1)
    second = span_of(SPOT_TEXT, "Experts agree", 2)
    assert scoring.spot_marks(question, [first, weather]) == ([0], [1])
    assert score_question(question, [first, weather]) == 0.0
    assert score_question(question, [first, second, weather]) == 0.5


def test_spot_only_strays_is_zero_not_negative() -> None:
    """Strays alone score 0, never negative."""
    question = spot()
    weather = span_of(SPOT_TEXT, "weather")
    cold = span_of(SPOT_TEXT, "cold")
    assert score_question(question, [weather, cold]) == 0.0


def test_spot_finding_the_wrong_occurrence() -> None:
    """Selecting only the first occurrence finds only the first target."""
    question = spot()
    first = span_of(SPOT_TEXT, "Experts agree", 1)
    assert scoring.spot_marks(question, [first]) == ([0], [])
    assert score_question(question, [first]) == 0.5


@pytest.mark.parametrize(
    "response", [None, [(5, 2)], [(0, 999)], [(-1, 3)], [(0,)], [("0", "3")], (0, 3), "0-3"]
)
def test_spot_malformed_scores_zero(response: Any) -> None:
    """Reversed, out-of-text or wrongly shaped selections score 0."""
    assert score_question(spot(), response) == 0.0


def test_spot_empty_selection_is_neither_found_nor_stray() -> None:
    """A zero-length selection finds nothing and is not stray."""
    first = span_of(SPOT_TEXT, "Experts agree", 1)
    assert scoring.spot_marks(spot(), [first, (40, 40)]) == ([0], [])


# ---------------------------------------------------------------- judge and discernment


@pytest.mark.parametrize(("rating", "expected"), [(1, 0.0), (3, 0.0), (4, 1.0), (6, 1.0)])
def test_judge_reliable_boundary(rating: int, expected: float) -> None:
    """For a reliable item, 4 to 6 is right and 1 to 3 is wrong."""
    assert score_question(judge(reliable=True), rating) == expected


@pytest.mark.parametrize(("rating", "expected"), [(1, 1.0), (3, 1.0), (4, 0.0), (6, 0.0)])
def test_judge_unreliable_boundary(rating: int, expected: float) -> None:
    """For an unreliable item, 1 to 3 is right and 4 to 6 is wrong."""
    assert score_question(judge(reliable=False), rating) == expected


@pytest.mark.parametrize("rating", [None, 0, 7, True, "5", 5.0])
def test_judge_malformed_scores_zero(rating: Any) -> None:
    """Ratings outside 1 to 6, or not integers, score 0 on either side."""
    assert score_question(judge(reliable=True), rating) == 0.0
    assert score_question(judge(reliable=False), rating) == 0.0


def test_discernment_is_difference_of_means() -> None:
    """Discernment is mean reliable rating minus mean unreliable rating."""
    assert scoring.discernment([(True, 6), (True, 4), (False, 2)]) == 3.0
    assert scoring.discernment([(True, 2), (False, 5)]) == -3.0
    assert scoring.discernment([(True, 6), (False, 1)]) == 5.0
    assert scoring.discernment([(True, 1), (False, 6)]) == -5.0


def test_discernment_needs_both_kinds() -> None:
    """Discernment is None unless both reliable and unreliable items were rated."""
    assert scoring.discernment([]) is None
    assert scoring.discernment([(True, 5), (True, 6)]) is None
    assert scoring.discernment([(False, 1)]) is None
    assert scoring.discernment([(True, 5), (False, 0)]) is None  # 0 is no rating


def test_trusting_everything_less_is_not_discernment() -> None:
    """Lowering every rating by the same amount leaves discernment unchanged."""
    trusting = scoring.discernment([(True, 6), (False, 5)])
    sceptical = scoring.discernment([(True, 2), (False, 1)])
    assert trusting == sceptical == 1.0


# ---------------------------------------------------------------- quizzes


def test_quiz_score_and_pass() -> None:
    """A quiz score is points earned over possible and passes at exactly the pass mark."""
    score = scoring.quiz_score([(1.0, 1.0), (1.0, 2.0), (0.0, 2.0)])
    assert score == 0.4
    assert scoring.quiz_passed(score, 0.4)
    assert not scoring.quiz_passed(score, 0.41)
    assert scoring.quiz_score([]) == 0.0


def test_quiz_pass_tolerates_float_rounding() -> None:
    """Two thirds of 3 points out of 5 reaches a 0.4 pass mark despite float rounding."""
    earned = (2 / 3) * 3.0
    assert scoring.quiz_passed(scoring.quiz_score([(earned, 5.0)]), 0.4)


def test_question_type_names_the_tag() -> None:
    """question_type returns the type as written in a pack."""
    assert scoring.question_type(single()) == "single"
    assert scoring.question_type(spot()) == "spot"
    assert scoring.question_type(TrueFalse(id="t", prompt="?", answer=True)) == "true_false"


def test_example_pack_perfect_answers_score_one() -> None:
    """Every question of the example pack scores 1 for its correct response."""
    from app.model.loader import load_pack

    pack = load_pack(EXAMPLE_PACK).pack
    assert pack is not None
    questions = [
        question
        for module in pack.modules
        for lesson in module.lessons
        for step in lesson.steps
        if step.quiz is not None
        for question in step.quiz.questions
    ]
    assert len({scoring.question_type(q) for q in questions}) == 9
    for question in questions:
        assert score_question(question, correct_response(question)) == 1.0, question.id


# ---------------------------------------------------------------- property tests


words = st.text(alphabet="abcdefgh XYZ", min_size=1, max_size=8).filter(lambda s: s.strip() != "")


@st.composite
def questions(draw: st.DrawFn) -> Question:
    """Draw a valid question of any type."""
    kind = draw(
        st.sampled_from(
            ["single", "multiple", "true_false", "short", "order", "match", "spot", "categorize", "judge"]
        )
    )
    if kind in ("single", "multiple"):
        count = draw(st.integers(2, 6))
        if kind == "single":
            correct = {draw(st.integers(0, count - 1))}
        else:
            correct = draw(st.sets(st.integers(0, count - 1), min_size=1))
        choices = [Choice(text=f"c{i}", correct=i in correct) for i in range(count)]
        cls = Single if kind == "single" else Multiple
        return cls(id="q", prompt="?", choices=choices)
    if kind == "true_false":
        return TrueFalse(id="q", prompt="?", answer=draw(st.booleans()))
    if kind == "short":
        answers = draw(st.lists(words.filter(lambda s: normalize_answer(s) != ""), min_size=1, max_size=3))
        return Short(id="q", prompt="?", answers=answers)
    if kind == "order":
        return Order(id="q", prompt="?", items=[f"i{i}" for i in range(draw(st.integers(2, 6)))])
    if kind == "match":
        count = draw(st.integers(2, 5))
        return Match(id="q", prompt="?", pairs=[Pair(left=f"l{i}", right=f"r{i}") for i in range(count)])
    if kind == "categorize":
        categories = [f"k{i}" for i in range(draw(st.integers(2, 4)))]
        items = draw(st.lists(st.sampled_from(categories), min_size=1, max_size=5))
        return Categorize(
            id="q",
            prompt="?",
            categories=categories,
            items=[CategoryItem(text=f"t{i}", category=c) for i, c in enumerate(items)],
        )
    if kind == "spot":
        # Space-separated two-letter tokens: a token occurs only where it is a whole part, so
        # its occurrence number is how often it appeared up to that part.
        parts = draw(st.lists(st.sampled_from(["aa", "bb", "cc"]), min_size=1, max_size=8))
        chosen = draw(st.lists(st.integers(0, len(parts) - 1), min_size=1, max_size=3, unique=True))
        targets = [Target(quote=parts[i], occurrence=parts[: i + 1].count(parts[i])) for i in sorted(chosen)]
        return Spot(id="q", prompt="?", text=" ".join(parts), targets=targets)
    return judge(reliable=draw(st.booleans()))


# Anything a widget, storage or a bug could hand over as a response.
any_response = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 10) | st.text(max_size=10) | st.floats(allow_nan=True),
    lambda children: (
        st.lists(children, max_size=5)
        | st.tuples(st.integers(-3, 80), st.integers(-3, 80))
        | st.dictionaries(st.integers(-2, 8) | st.text(max_size=2), children, max_size=5)
    ),
    max_leaves=12,
)


@settings(max_examples=300, deadline=None)
@given(question=questions(), response=any_response)
def test_score_always_in_unit_interval(question: Question, response: Any) -> None:
    """Whatever the response, the fraction is a number in [0, 1] and scoring never raises."""
    fraction = score_question(question, response)
    assert 0.0 <= fraction <= 1.0


@settings(max_examples=300, deadline=None)
@given(question=questions())
def test_correct_response_always_scores_one(question: Question) -> None:
    """The fully correct response to any valid question scores exactly 1."""
    assert score_question(question, correct_response(question)) == 1.0


def test_spot_a_mark_over_the_key_word_finds_the_target() -> None:
    """In "Harmful tunnels sealed" with key "Harmful", marking "Harmful" alone finds the target."""
    text = "Harmful tunnels sealed: new notice on cross-border lines keeps our internet clean and safe"
    keyed = Spot(
        id="k", prompt="Spot", text=text,
        targets=[Target(quote="Harmful tunnels sealed", key="Harmful"), Target(quote="clean and safe")],
    )
    assert scoring.spot_marks(keyed, [(0, 7)]) == ([0], [])
    assert score_question(keyed, [(0, 7)]) == 0.5
    unkeyed = Spot(id="u", prompt="Spot", text=text, targets=[Target(quote="Harmful tunnels sealed")])
    assert scoring.spot_marks(unkeyed, [(0, 7)]) == ([], [])  # 7 of 22 characters, no key: missed
    start = text.index("tunnels")
    assert scoring.spot_marks(keyed, [(start, start + 7)]) == ([], [])  # not the key, under half

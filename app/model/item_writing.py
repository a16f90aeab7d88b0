"""Item-writing checks: answer keys a learner could beat by test-taking cues, and measures that cannot measure.

Authors make the same mistakes: the right single choice is the longest one, most true/false
questions are keyed the same way, the before-and-after quizzes share an item, or a measure quiz
has too few rated items to show a change. Each of these lets a score rise without judgement, or
makes the before-and-after figure noise. ``validate`` reports them as warnings (they never stop a
pack), at the first question concerned, with the figures. ``docs/authoring.md`` gives the reasons.

The checks run over every quiz of a pack at once, after each module has been checked on its own
(``check.PackChecker`` collects the questions and reports what this module finds).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from app.model.schema import Judge, Question, Single, TrueFalse

#: Key balance is judged only over at least this many questions of a type: fewer are too few to tell.
MIN_QUESTIONS = 5
#: A pack whose true/false keys are under this share true, or over 1 minus it, gets a warning.
TRUE_SHARE_LOW = 0.3
TRUE_SHARE_HIGH = 0.7
#: "Always pick the longest" is warned about when it wins in more than this share of the questions.
LONGEST_SHARE = 0.5
#: A single question needs this many choices for "the longest" to be a cue (of two, one is longest).
MIN_CHOICES_FOR_LENGTH = 3
#: A measure quiz with fewer rated items than this cannot tell a change from noise.
MIN_MEASURE_JUDGES = 4
#: Reliable and unreliable items of a measure quiz may differ in number by at most this.
MEASURE_BALANCE = 1


@dataclass(frozen=True, slots=True)
class PlacedQuestion:
    """A question as the pack writes it, with ``where`` the checker can report at (opaque here)."""

    question: Question
    measure: str | None  # the measure of its quiz, if any
    where: Any
    #: where its quiz's `measure` key is, for a warning about the quiz as a whole
    quiz_where: Any = None


#: Turns a ``where`` into the file and line a message names (the checker resolves it only when asked).
Locate = Callable[[Any], tuple[str, int]]


@dataclass(frozen=True, slots=True)
class Finding:
    """One item-writing warning, at the first question concerned."""

    where: Any
    message: str


def _words(text: str) -> str:
    """Return text with its runs of whitespace made single spaces, as a reader sees its length."""
    return " ".join(text.split())


def _shown(text: str, limit: int = 60) -> str:
    flat = _words(text)
    return f"“{flat if len(flat) <= limit else flat[: limit - 1] + '…'}”"


def right_is_longest(question: Single) -> bool:
    """Tell whether the correct choice is strictly longer than every other choice."""
    right = [_words(choice.text) for choice in question.choices if choice.correct]
    wrong = [_words(choice.text) for choice in question.choices if not choice.correct]
    if len(right) != 1 or not wrong:
        return False
    return len(right[0]) > max(len(text) for text in wrong)


def true_false_keys(questions: Sequence[PlacedQuestion]) -> list[Finding]:
    """Warn when 5 or more true/false questions are keyed true under 30% or over 70% of the time."""
    keyed = [(placed, placed.question.answer) for placed in questions if isinstance(placed.question, TrueFalse)]
    total = len(keyed)
    if total < MIN_QUESTIONS:
        return []
    true = sum(1 for _, answer in keyed if answer)
    false = total - true
    share = true / total
    if TRUE_SHARE_LOW <= share <= TRUE_SHARE_HIGH:
        return []
    majority = share > TRUE_SHARE_HIGH
    first = next(placed for placed, answer in keyed if answer is majority)
    always = "true" if majority else "false"
    best = max(true, false)
    return [
        Finding(
            first.where,
            f"true/false keys are lopsided: {true} of {total} `true_false` questions are keyed true and "
            f"{false} false, so always answering {always} scores {best} of {total} "
            f"({round(100 * best / total)}%) without reading; key between "
            f"{round(100 * TRUE_SHARE_LOW)}% and {round(100 * TRUE_SHARE_HIGH)}% of them true",
        )
    ]


def longest_choice(questions: Sequence[PlacedQuestion]) -> list[Finding]:
    """Warn when, over 5 or more single questions of 3+ choices, the right one is the longest in more than half."""
    singles = [
        (placed, placed.question)
        for placed in questions
        if isinstance(placed.question, Single) and len(placed.question.choices) >= MIN_CHOICES_FOR_LENGTH
    ]
    total = len(singles)
    if total < MIN_QUESTIONS:
        return []
    longest = [placed for placed, question in singles if right_is_longest(question)]
    if len(longest) <= total * LONGEST_SHARE:
        return []
    return [
        Finding(
            longest[0].where,
            f"the right choice is the longest in {len(longest)} of {total} `single` questions with "
            f"{MIN_CHOICES_FOR_LENGTH} or more choices ({round(100 * len(longest) / total)}%), so "
            "always picking the longest choice beats reading them; write distractors as long and as "
            "careful as the answer",
        )
    ]


def _judge_text(question: Judge) -> str:
    """Return what a judge item says, as compared between quizzes (spacing and case ignored)."""
    return _words(question.item.text or question.item.image or "").casefold()


def shared_measure_items(questions: Sequence[PlacedQuestion], locate: Locate) -> list[Finding]:
    """Warn about each item of the post quiz that the pre quiz holds too (same id or same judge text)."""
    pre = [placed for placed in questions if placed.measure == "pre"]
    post = [placed for placed in questions if placed.measure == "post"]
    by_id = {placed.question.id: placed for placed in pre}
    by_text = {
        _judge_text(placed.question): placed
        for placed in reversed(pre)
        if isinstance(placed.question, Judge) and _judge_text(placed.question)
    }
    findings = []
    for placed in post:
        question = placed.question
        earlier = by_id.get(question.id)
        if earlier is not None:
            file, line = locate(earlier.where)
            findings.append(
                Finding(
                    placed.where,
                    f"question `{question.id}` is in both the pre and post quiz (the pre quiz has it in "
                    f"{file}, line {line}): a learner who remembers it shows a change "
                    "that is not one; give the post quiz its own items",
                )
            )
            continue
        if isinstance(question, Judge):
            twin = by_text.get(_judge_text(question))
            if twin is not None:
                file, line = locate(twin.where)
                findings.append(
                    Finding(
                        placed.where,
                        f"the judge item {_shown(question.item.text or question.item.image or '')} is in "
                        f"both the pre and post quiz (as `{twin.question.id}` in {file}, line "
                        f"{line}, and `{question.id}` here): a learner who remembers it shows a "
                        "change that is not one; give the post quiz its own items",
                    )
                )
    return findings


def measure_balance(questions: Sequence[PlacedQuestion]) -> list[Finding]:
    """Warn about a measure quiz with fewer than 4 judge items, or reliable and unreliable ones unbalanced."""
    findings = []
    for measure in ("pre", "post"):
        placed = [item for item in questions if item.measure == measure]
        if not placed:
            continue
        judges = [(item, item.question.reliable) for item in placed if isinstance(item.question, Judge)]
        reliable = sum(1 for _, is_reliable in judges if is_reliable)
        unreliable = len(judges) - reliable
        where = judges[0][0].where if judges else (placed[0].quiz_where or placed[0].where)
        if len(judges) < MIN_MEASURE_JUDGES:
            findings.append(
                Finding(
                    where,
                    f"the `measure: {measure}` quiz has {len(judges)} `judge` "
                    f"{'item' if len(judges) == 1 else 'items'} ({reliable} reliable, {unreliable} "
                    f"unreliable); with fewer than {MIN_MEASURE_JUDGES}, one rating moves its discernment "
                    "and trust so far that the before-and-after figure will be unreliable; use at least "
                    f"{MIN_MEASURE_JUDGES}, ideally 10, half of them reliable",
                )
            )
        elif abs(reliable - unreliable) > MEASURE_BALANCE:
            findings.append(
                Finding(
                    where,
                    f"the `measure: {measure}` quiz has {reliable} reliable and {unreliable} unreliable "
                    "`judge` items; unbalanced, its trust leans towards the larger group and its "
                    "discernment rests on a few items of the smaller, so the before-and-after figure "
                    f"will be unreliable; keep the two within {MEASURE_BALANCE} of each other",
                )
            )
    return findings


def item_writing_findings(questions: Sequence[PlacedQuestion], locate: Locate) -> list[Finding]:
    """Run every item-writing check over all the questions of a pack, in written order."""
    return [
        *true_false_keys(questions),
        *longest_choice(questions),
        *shared_measure_items(questions, locate),
        *measure_balance(questions),
    ]

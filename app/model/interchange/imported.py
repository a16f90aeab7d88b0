"""Turn a bank's question, read by either format, into a pack question (the shape of its YAML).

Both readers hand over the same pieces (prompt and feedback as Markdown, answers with their
Moodle fractions in percent, tags) and these builders apply the pack format's rules, so that a
question that would not validate is refused here with a reason instead of breaking the pack.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Any

from app.model.interchange.bank import JUDGE_SCALE, MEDIUM_TAG_PREFIX, TYPE_TAG_PREFIX, parse_judge_markdown
from app.model.text import normalize_answer


class UnconvertibleError(Exception):
    """The question has no faithful pack equivalent; the message says why."""


@dataclass(slots=True)
class BankAnswer:
    """One answer of a bank question: its plain text, its fraction in percent and its feedback (Markdown)."""

    text: str
    fraction: float = 0.0
    feedback: str = ""


def plain_text(text: str) -> str:
    """Text without markup, for the fields a pack shows as plain text (choices, items, pairs)."""
    text = re.sub(r"<br\s*/?>", " ", text, flags=re.IGNORECASE)
    text = re.sub(r"<[^>]*>", "", text)
    return re.sub(r"\s+", " ", html.unescape(text)).strip()


def base_question(prompt: str, explanation: str, points: float, hint: str) -> dict[str, Any]:
    """The fields every pack question has, leaving out the empty ones."""
    if not prompt.strip():
        raise UnconvertibleError("the question has no text")
    question: dict[str, Any] = {"type": "", "prompt": prompt}
    if points > 0 and points != 1:
        question["points"] = round(points, 4)
    if explanation.strip():
        question["explanation"] = explanation
    if hint.strip():
        question["hint"] = hint
    return question


def type_tag(tags: list[str]) -> str | None:
    """The Unspun question type a bank written by Unspun recorded in its tags, if any."""
    return next((tag[len(TYPE_TAG_PREFIX) :] for tag in tags if tag.startswith(TYPE_TAG_PREFIX)), None)


def choice_question(base: dict[str, Any], answers: list[BankAnswer], *, single: bool, shuffle: bool,
                    tags: list[str], notes: list[str]) -> dict[str, Any]:
    """A multiple-choice bank question as ``single``, ``multiple`` or (tagged by Unspun) ``judge``."""
    if type_tag(tags) == "judge":
        return judge_question(base, answers, tags)
    choices = []
    for answer in answers:
        text = answer.text.strip()
        if not text:
            raise UnconvertibleError("an answer has no text")
        choice: dict[str, Any] = {"text": text}
        if (answer.fraction >= 99.99) if single else (answer.fraction > 0):
            choice["correct"] = True
        if answer.feedback.strip():
            choice["feedback"] = answer.feedback
        choices.append(choice)
    if len(choices) < 2:
        raise UnconvertibleError("a choice question needs at least two answers")
    right = sum(1 for choice in choices if choice.get("correct"))
    if single:
        if right != 1:
            raise UnconvertibleError(f"{right} answers give full marks; a single-choice question has exactly one")
        if any(0 < answer.fraction < 99.99 for answer in answers):
            notes.append("partial credit on a wrong answer is dropped (a single-choice question scores 1 or 0)")
    elif right == 0:
        raise UnconvertibleError("no answer gives marks")
    if len({choice["text"] for choice in choices}) < len(choices):
        notes.append("two answers have the same text")
    question = {**base, "type": "single" if single else "multiple", "choices": choices}
    if not shuffle:
        question["shuffle"] = False
    return question


def judge_question(base: dict[str, Any], answers: list[BankAnswer], tags: list[str]) -> dict[str, Any]:
    """A rated multiple choice written by Unspun (six answers, 4 to 6 right or 1 to 3 right) back as ``judge``."""
    if len(answers) != len(JUDGE_SCALE):
        raise UnconvertibleError("a rating question needs six answers, 1 to 6")
    right = [answer.fraction >= 99.99 for answer in answers]
    if right not in ([False] * 3 + [True] * 3, [True] * 3 + [False] * 3):
        raise UnconvertibleError("a rating question gives full marks to 4-6 or to 1-3")
    medium = next((tag[len(MEDIUM_TAG_PREFIX) :] for tag in tags if tag.startswith(MEDIUM_TAG_PREFIX)), None)
    parsed = parse_judge_markdown(base["prompt"], medium)
    if parsed is None:
        raise UnconvertibleError("the item to rate could not be read from the question text")
    prompt, item = parsed
    return {**base, "type": "judge", "prompt": prompt.strip(), "item": item, "reliable": right[-1]}


def truefalse_question(base: dict[str, Any], answer: bool, feedback_true: str, feedback_false: str,
                       notes: list[str]) -> dict[str, Any]:
    """A true/false bank question; per-answer feedback joins the explanation (a pack has one)."""
    extra = [text for text in (feedback_true.strip(), feedback_false.strip()) if text]
    if extra and not base.get("explanation"):
        base = {**base, "explanation": "\n\n".join(dict.fromkeys(extra))}
    elif extra:
        notes.append("feedback on the true and false answers is dropped; the general feedback is kept")
    return {**base, "type": "true_false", "answer": answer}


def short_question(base: dict[str, Any], answers: list[BankAnswer], notes: list[str]) -> dict[str, Any]:
    """A short-answer bank question: the answers with full marks are the accepted ones."""
    accepted = [answer.text.strip() for answer in answers if answer.fraction >= 99.99]
    accepted = [text for text in accepted if normalize_answer(text) and "*" not in text]
    if not accepted:
        raise UnconvertibleError("no answer with full marks that a pack can accept (wildcards * are not supported)")
    if len(accepted) < sum(1 for answer in answers if answer.fraction > 0):
        notes.append("answers with partial credit or wildcards are dropped")
    if any(answer.feedback.strip() for answer in answers) and not base.get("explanation"):
        notes.append("feedback on each answer is dropped (a short question has one explanation)")
    return {**base, "type": "short", "answers": list(dict.fromkeys(accepted))}


def matching_question(base: dict[str, Any], pairs: list[tuple[str, str]], tags: list[str]) -> dict[str, Any]:
    """A matching bank question as ``match``, or as ``categorize`` when answers repeat or stand alone.

    A pair with no question text is a distractor answer: in a categorize question, a category
    that no item belongs to.
    """
    cleaned = [(left.strip(), right.strip()) for left, right in pairs]
    if any(not right for _, right in cleaned):
        raise UnconvertibleError("a matching pair has no answer")
    lefts = [left for left, _ in cleaned if left]
    rights = [right for left, right in cleaned if left]
    wanted = type_tag(tags)
    if wanted != "categorize" and lefts and len(set(rights)) == len(rights) == len(cleaned):
        if len(lefts) < 2 or len(set(lefts)) < len(lefts):
            raise UnconvertibleError("a matching question needs two or more pairs with different questions")
        return {**base, "type": "match", "pairs": [{"left": left, "right": right} for left, right in cleaned]}
    categories = list(dict.fromkeys(right for _, right in cleaned))
    if len(categories) < 2 or not lefts:
        raise UnconvertibleError("a matching question needs two or more different answers")
    items = [{"text": left, "category": right} for left, right in cleaned if left]
    return {**base, "type": "categorize", "categories": categories, "items": items}


def ordering_question(base: dict[str, Any], items: list[str]) -> dict[str, Any]:
    """An ordering bank question: the items in their right order."""
    texts = [item.strip() for item in items]
    if len(texts) < 2 or any(not text for text in texts) or len(set(texts)) < len(texts):
        raise UnconvertibleError("an ordering question needs two or more different items")
    return {**base, "type": "order", "items": texts}


def reflect_step(prompt: str, min_words: int) -> dict[str, Any]:
    """An essay bank question as a pack's reflect step (unscored, like an essay before it is graded)."""
    if not prompt.strip():
        raise UnconvertibleError("the essay has no text")
    step: dict[str, Any] = {"prompt": prompt}
    if min_words > 0:
        step["min_words"] = min_words
    return step

"""A synthetic class for class-report tests and screenshots: learners who really study a pack.

Each learner studies through a real ``ProgressStore`` with ``LessonSession`` (so the statements are
the ones Unspun really exports), gets right answers more often the more skilled they are, and
exports their results with ``results.export_json``, one file each.
"""

from __future__ import annotations

import math
import random
from pathlib import Path

from app.model import results
from app.model.answer_key import correct_response
from app.model.answers import Response
from app.model.pack import Pack
from app.model.progress import ProgressStore
from app.model.schema import (
    Categorize,
    Judge,
    Match,
    Multiple,
    Order,
    Question,
    Short,
    Single,
    Spot,
    TrueFalse,
)
from app.model.session import LessonSession

NAMES = (
    "Mei", "Ana", "Bo", "Chen", "Dara", "Eli", "Femi", "Gus", "Hana", "Ivo", "Jun", "Kai", "Lena", "Marco",
    "Nia", "Omar", "Pia", "Quin", "Rui", "Sami", "Tao", "Uma", "Vik", "Wen", "Xia", "Yusuf", "Zoe", "Aiko",
    "Ben", "Cleo", "Dev", "Emil",
)  # fmt: skip
REFLECTION = (
    "I trust stories from people like me because I can picture them clearly and they feel close to me. "
    "When a post names no source I now stop and ask who is behind it, what evidence they give, and what "
    "other sources say, before I share it with my family or my friends in our group chats online."
)  # long enough for every reflect step's min_words in the built-in pack


def wrong_response(question: Question, rng: random.Random) -> Response:
    """Return a plausible wrong response: the mistakes learners tend to make."""
    if isinstance(question, Single):
        wrong = [i for i, choice in enumerate(question.choices) if not choice.correct]
        return wrong[0] if rng.random() < 0.7 else rng.choice(wrong)
    if isinstance(question, Multiple):
        right = [i for i, choice in enumerate(question.choices) if choice.correct]
        wrong = [i for i, choice in enumerate(question.choices) if not choice.correct]
        return sorted(right[:-1] + wrong[:1])
    if isinstance(question, TrueFalse):
        return not question.answer
    if isinstance(question, Short):
        return rng.choice(["propaganda", "Propaganda ", "I don't know"])
    if isinstance(question, Order):
        order = list(range(len(question.items)))
        order[0], order[1] = order[1], order[0]
        return order
    if isinstance(question, Match):
        mapping = {i: i for i in range(len(question.pairs))}
        mapping[0], mapping[1] = 1, 0
        return mapping
    if isinstance(question, Spot):
        spans = correct_response(question)
        assert isinstance(spans, list)
        return spans[:1] if len(spans) > 1 else []
    if isinstance(question, Categorize):
        right = correct_response(question)
        assert isinstance(right, dict)
        right[0] = (right[0] + 1) % len(question.categories)
        return right
    if isinstance(question, Judge):
        return rng.choice((2, 3)) if question.reliable else rng.choice((4, 5))
    return None


def _chance(skill: float, difficulty: float) -> float:
    """Return the chance of a right answer (a logistic curve of skill minus difficulty)."""
    return 1.0 / (1.0 + math.exp(-6.0 * (skill - difficulty)))


def make_class(
    pack: Pack,
    folder: Path,
    count: int = 30,
    seed: int = 7,
    broken: str | None = None,
) -> list[Path]:
    """Have ``count`` learners study ``pack`` and export one results file each; return the files.

    Learners go through the lessons in order and stop at a point that depends on their skill.
    Question ``broken`` (an id) is answered right by the weaker learners only, so that its
    discrimination comes out negative.
    """
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    difficulty: dict[str, float] = {}
    for module in pack.modules:
        for lesson in module.lessons:
            for step in lesson.steps:
                if step.quiz is not None:
                    for question in step.quiz.questions:
                        difficulty[question.id] = rng.uniform(0.15, 0.8)
    lessons = [(module, lesson) for module in pack.modules for lesson in module.lessons]
    files = []
    with ProgressStore.open(folder / "class.sqlite3") as store:
        for number in range(count):
            skill = rng.random()
            name = NAMES[number % len(NAMES)] + (
                "" if number < len(NAMES) else f" {number // len(NAMES) + 1}"
            )
            profile = store.create_profile(name)
            stop = len(lessons) if skill > 0.35 or rng.random() < 0.5 else rng.randrange(1, len(lessons))
            for index, (module, lesson) in enumerate(lessons):
                if index >= stop:
                    break
                session = LessonSession(pack, module, lesson, store, profile, random.Random(number))
                for step_index, step in enumerate(session.steps):
                    session.open_step(step_index)
                    if step.reflect is not None:
                        session.save_reflection(step_index, REFLECTION)
                    if step.quiz is None:
                        continue
                    measure = step.quiz.measure
                    level = (
                        skill * 0.4
                        if measure == "pre"
                        else min(skill + 0.25, 1.0)
                        if measure == "post"
                        else skill
                    )
                    responses: dict[str, Response] = {}
                    for question in step.quiz.questions:
                        chance = _chance(level, difficulty[question.id])
                        if question.id == broken:
                            chance = 1.0 - skill
                        right = rng.random() < chance
                        responses[question.id] = (
                            correct_response(question) if right else wrong_response(question, rng)
                        )
                    session.submit_quiz(step_index, responses)
                session.finish()
            path = folder / f"{name.replace(' ', '-').lower()}.json"
            results.export_json(store, profile, [pack], path)
            files.append(path)
    return files

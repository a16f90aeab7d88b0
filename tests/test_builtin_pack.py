"""The built-in pack in lessons/ meets the content requirements of issue 3.

Every count is computed from the loaded pack; only the issue's thresholds are written here.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

import pytest

from app.model.loader import load_pack
from app.model.pack import Pack
from app.model.schema import (
    QUESTION_TYPES,
    Artefact,
    Categorize,
    Compare,
    Example,
    Judge,
    Module,
    Quiz,
    Reading,
    Spot,
)
from tests.conftest import BUILTIN_PACK

MODULE_COUNT = 4
MIN_LESSONS, MAX_LESSONS = 2, 4
MIN_EXAMPLES = 3
MIN_QUESTIONS_PER_MODULE = 12
MIN_READING_WORDS, MAX_READING_WORDS = 150, 400
MIN_USES_PER_QUESTION_TYPE = 2
MIN_TECHNIQUES = 8
MIN_GLOSSARY_TERMS = 20

CITATION = re.compile(r"\[@[^\]]*\]")
CJK = re.compile(r"[\u3400-\u9fff]")


@pytest.fixture(scope="module")
def pack() -> Pack:
    """Load the built-in pack once for the whole file."""
    result = load_pack(BUILTIN_PACK)
    assert result.pack is not None, [p.format() for p in result.problems]
    return result.pack


def _quizzes(module: Module) -> Iterator[Quiz]:
    """Yield every quiz step's content in a module."""
    for lesson in module.lessons:
        for step in lesson.steps:
            if step.kind == "quiz":
                yield step.content  # type: ignore[misc]


def _questions(pack: Pack) -> Iterator[tuple[Module, object]]:
    """Yield (module, question) for every question in the pack."""
    for module in pack.modules:
        for quiz in _quizzes(module):
            for question in quiz.questions:
                yield module, question


def _kinds(module: Module) -> Counter[str]:
    """Count the step kinds of a module."""
    return Counter(step.kind for lesson in module.lessons for step in lesson.steps)


def _reading_words(body: str) -> int:
    """Count the words a learner reads in a Markdown body, leaving out citation markers and table rules."""
    text = CITATION.sub("", body)
    return sum(1 for token in text.split() if re.search(r"\w", token))


def _artefacts(pack: Pack) -> Iterator[Artefact]:
    """Yield every artefact: example steps, compare examples and judge items."""
    for module in pack.modules:
        for lesson in module.lessons:
            for step in lesson.steps:
                content = step.content
                if isinstance(content, Example):
                    yield content
                elif isinstance(content, Compare):
                    yield from content.examples
    for _, question in _questions(pack):
        if isinstance(question, Judge):
            yield question.item


def _measured(pack: Pack, measure: str) -> list[tuple[Module, int, int, Quiz]]:
    """Find every quiz marked with ``measure``, with its module and lesson and step positions."""
    found = []
    for module in pack.modules:
        for lesson_index, lesson in enumerate(module.lessons):
            for step_index, step in enumerate(lesson.steps):
                if step.kind == "quiz" and step.content.measure == measure:  # type: ignore[union-attr]
                    found.append((module, lesson_index, step_index, step.content))
    return found


def test_validates_without_errors_or_warnings() -> None:
    """The built-in pack loads with no error and no warning at all."""
    result = load_pack(BUILTIN_PACK)
    assert [p.format() for p in result.problems] == []
    assert result.pack is not None


def test_has_four_modules(pack: Pack) -> None:
    """The pack has the four modules the issue asks for, each with its own id."""
    assert len(pack.modules) == MODULE_COUNT
    assert len({m.id for m in pack.modules}) == MODULE_COUNT


def test_each_module_has_objectives_and_two_to_four_lessons(pack: Pack) -> None:
    """Every module states objectives and has between two and four lessons."""
    for module in pack.modules:
        assert module.objectives, module.id
        assert MIN_LESSONS <= len(module.lessons) <= MAX_LESSONS, (module.id, len(module.lessons))


def test_each_module_has_examples_compare_and_reflect(pack: Pack) -> None:
    """Every module has at least three annotated examples, a compare and a reflect step."""
    for module in pack.modules:
        kinds = _kinds(module)
        assert kinds["example"] >= MIN_EXAMPLES, (module.id, kinds)
        assert kinds["compare"] >= 1, (module.id, kinds)
        assert kinds["reflect"] >= 1, (module.id, kinds)


def test_examples_are_annotated_with_techniques(pack: Pack) -> None:
    """In every module, at least three example steps name a technique in their annotations."""
    for module in pack.modules:
        examples = [
            step.content for lesson in module.lessons for step in lesson.steps if step.kind == "example"
        ]
        with_technique = [e for e in examples if any(a.technique for a in e.annotations)]  # type: ignore[union-attr]
        assert len(with_technique) >= MIN_EXAMPLES, module.id


def test_each_module_has_at_least_twelve_questions(pack: Pack) -> None:
    """The quizzes of every module hold at least twelve questions between them."""
    for module in pack.modules:
        count = sum(len(quiz.questions) for quiz in _quizzes(module))
        assert count >= MIN_QUESTIONS_PER_MODULE, (module.id, count)


def test_readings_are_150_to_400_words(pack: Pack) -> None:
    """Every reading is long enough to teach and short enough to read in one sitting."""
    lengths = {}
    for module in pack.modules:
        for lesson in module.lessons:
            for index, step in enumerate(lesson.steps):
                if isinstance(step.content, Reading):
                    lengths[f"{module.id}/{lesson.id}/{step.id or index}"] = _reading_words(step.content.body)
    assert lengths
    outside = {where: n for where, n in lengths.items() if not MIN_READING_WORDS <= n <= MAX_READING_WORDS}
    assert outside == {}


def test_readings_cite_sources(pack: Pack) -> None:
    """Every reading carries at least one citation of the pack's sources."""
    for module in pack.modules:
        for lesson in module.lessons:
            for step in lesson.steps:
                if isinstance(step.content, Reading):
                    assert CITATION.search(step.content.body), (module.id, lesson.id, step.id)


def test_every_question_has_explanation_and_sources(pack: Pack) -> None:
    """No question is left without an explanation that teaches and the sources behind it."""
    missing = [
        (module.id, question.id)  # type: ignore[attr-defined]
        for module, question in _questions(pack)
        if not question.explanation or not question.sources  # type: ignore[attr-defined]
    ]
    assert missing == []


def test_every_question_type_appears_at_least_twice(pack: Pack) -> None:
    """Each of the format's question types is used at least twice across the pack."""
    used = Counter(type(question).__struct_config__.tag for _, question in _questions(pack))
    short = {kind: used[kind] for kind in QUESTION_TYPES if used[kind] < MIN_USES_PER_QUESTION_TYPE}
    assert short == {}


def test_judge_items_mix_reliable_and_unreliable(pack: Pack) -> None:
    """The pack's judge questions include both reliable and unreliable items."""
    verdicts = Counter(q.reliable for _, q in _questions(pack) if isinstance(q, Judge))
    assert verdicts[True] >= 1 and verdicts[False] >= 1, verdicts


@pytest.mark.parametrize("measure", ["pre", "post"])
def test_one_measured_quiz_of_balanced_judge_items(pack: Pack, measure: str) -> None:
    """Exactly one pre and one post quiz exist, in test mode, made of judge items half reliable and half not."""
    found = _measured(pack, measure)
    assert len(found) == 1, measure
    _, _, _, quiz = found[0]
    assert quiz.mode == "test"
    assert all(isinstance(q, Judge) for q in quiz.questions)
    verdicts = Counter(q.reliable for q in quiz.questions)  # type: ignore[union-attr]
    assert verdicts[True] >= 2 and verdicts[False] >= 2, verdicts
    assert abs(verdicts[True] - verdicts[False]) <= 1, verdicts


def test_measured_quizzes_open_and_close_the_pack(pack: Pack) -> None:
    """The pre quiz is the pack's first step and the post quiz its last."""
    (pre_module, pre_lesson, pre_step, _) = _measured(pack, "pre")[0]
    (post_module, post_lesson, post_step, _) = _measured(pack, "post")[0]
    assert (pre_module, pre_lesson, pre_step) == (pack.modules[0], 0, 0)
    last_module = pack.modules[-1]
    last_lesson = last_module.lessons[-1]
    assert (post_module, post_lesson, post_step) == (
        last_module,
        len(last_module.lessons) - 1,
        len(last_lesson.steps) - 1,
    )


def test_pre_and_post_items_are_different(pack: Pack) -> None:
    """The after-test is parallel to the before-test but never repeats one of its items."""
    pre = {q.item.text for q in _measured(pack, "pre")[0][3].questions}  # type: ignore[union-attr]
    post = {q.item.text for q in _measured(pack, "post")[0][3].questions}  # type: ignore[union-attr]
    assert pre.isdisjoint(post)


def test_at_least_eight_techniques_each_used(pack: Pack) -> None:
    """The pack defines at least eight techniques, and annotations, spot targets or questions use each one."""
    defined = set(pack.manifest.techniques)
    assert len(defined) >= MIN_TECHNIQUES
    used: set[str] = set()
    for artefact in _artefacts(pack):
        used.update(a.technique for a in artefact.annotations if a.technique)
    for _, question in _questions(pack):
        used.update(question.techniques)  # type: ignore[attr-defined]
        if isinstance(question, Spot):
            used.update(t.technique for t in question.targets if t.technique)
    assert defined - used == set()


def test_glossary_has_twenty_terms_with_chinese_forms(pack: Pack) -> None:
    """The glossary has at least twenty terms, and every term given in Chinese characters has pinyin."""
    glossary = pack.manifest.glossary
    assert len(glossary) >= MIN_GLOSSARY_TERMS
    chinese = [term for term in glossary if term.native and CJK.search(term.native)]
    assert chinese
    assert [term.term for term in chinese if not term.romanization] == []


def test_illustrative_artefacts_are_labelled_one_way(pack: Pack) -> None:
    """Every constructed artefact's author line ends "(illustrative)", and no real one does.

    One label whatever the item's reliability: a label that differed between reliable and
    unreliable items (say "(invented)" on one kind only) would give judge answers away (issue 10).
    """
    mislabelled = [
        (artefact.author, artefact.illustrative)
        for artefact in _artefacts(pack)
        if artefact.illustrative != (artefact.author or "").endswith("(illustrative)")
    ]
    assert mislabelled == []


def test_categorize_questions_use_every_category(pack: Pack) -> None:
    """No categorize question offers a category that none of its items belongs to."""
    for _, question in _questions(pack):
        if isinstance(question, Categorize):
            assert {item.category for item in question.items} == set(question.categories), question.id


def test_the_teaching_guide_covers_every_module_and_reflection() -> None:
    """docs/teaching-guide.md has a section for each module of the built-in pack and a rubric with two exemplars per reflection."""
    from app.resources import guide

    pack = load_pack(BUILTIN_PACK).pack
    assert pack is not None
    text = guide("teaching-guide.md").read_text(encoding="utf-8")
    for number, module in enumerate(pack.modules, start=1):
        assert f"## Module {number}: {module.title}" in text
    reflections = sum(step.reflect is not None for m in pack.modules for lesson in m.lessons for step in lesson.steps)
    assert text.count("**Rubric**") == text.count("**Strong answer") == text.count("**Weak answer") == reflections

"""Item-writing warnings of validate: lopsided true/false keys, the longest choice, shared and thin measures."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.commands.validate import run_validate
from app.model.problems import Problem
from tests.conftest import BUILTIN_PACK, EXAMPLE_PACK
from tests.model.packs import MANIFEST, MODULE_HEAD, line_of, problems_of, quiz, steps, write_pack

#: a fragment of each item-writing warning, so that other warnings (unused technique, ...) are left aside
FRAGMENTS = ("true/false", "longest", "in both the pre and post quiz", "before-and-after figure will be unreliable")


def item_warnings(problems: list[Problem]) -> list[Problem]:
    """Return the item-writing warnings among a pack's problems (and check they are warnings)."""
    found = [p for p in problems if any(fragment in p.message for fragment in FRAGMENTS)]
    assert all(p.severity == "warning" for p in found)
    return found


def true_false(keys: list[bool], prefix: str = "t") -> str:
    return "".join(
        f"- id: {prefix}{n}\n  type: true_false\n  prompt: Claim {n}?\n  answer: {str(key).lower()}\n"
        f"  explanation: Because.\n"
        for n, key in enumerate(keys)
    )


def single(right_longest: list[bool], choices: int = 3) -> str:
    text = ""
    for n, longest in enumerate(right_longest):
        right = "The right answer, written out at length" if longest else "Right"
        text += f"- id: s{n}\n  type: single\n  prompt: Which one?\n  explanation: Because.\n  choices:\n"
        text += f"    - text: {right}\n      correct: true\n"
        for k in range(choices - 1):
            wrong = f"A wrong answer {k}, just as long as it" if not longest else f"Wrong {k}"
            text += f"    - text: {wrong}\n"
    return text


def judges(reliable: int, unreliable: int, prefix: str, texts: dict[int, str] | None = None) -> str:
    texts = texts or {}
    text = ""
    for n in range(reliable + unreliable):
        body = texts.get(n, f"Item {prefix} number {n} says something checkable.")
        text += (
            f"- id: {prefix}{n}\n  type: judge\n  prompt: How reliable is this?\n  explanation: Because.\n"
            f"  reliable: {'true' if n < reliable else 'false'}\n"
            f"  item:\n    medium: post\n    illustrative: true\n    text: {body}\n"
        )
    return text


def pack_with(tmp_path: Path, *step_texts: str, extra: dict[str, str] | None = None) -> Path:
    modules = {"m.yaml": MODULE_HEAD + steps(*step_texts)}
    manifest = MANIFEST
    for name, text in (extra or {}).items():
        modules[name] = text
        manifest += f"  - {name}\n"
    return write_pack(tmp_path / "pack", manifest, modules)


# ---------------------------------------------------------------- true/false keys


def test_lopsided_true_false_keys_are_warned_at_the_first_question_keyed_the_usual_way(tmp_path: Path) -> None:
    """1 of 5 keyed true: a warning naming true/false and the counts, at the first question keyed false."""
    root = pack_with(tmp_path, quiz(true_false([True, False, False, False, False])))
    (warning,) = item_warnings(problems_of(root))
    assert "true/false" in warning.message
    assert "1 of 5 `true_false` questions are keyed true and 4 false" in warning.message
    assert "always answering false scores 4 of 5 (80%)" in warning.message
    assert (warning.file, warning.line) == ("m.yaml", line_of(root, "m.yaml", "- id: t1"))


def test_mostly_true_keys_are_warned_too(tmp_path: Path) -> None:
    """6 of 7 keyed true across two quizzes is as easy to beat by always answering true."""
    root = pack_with(tmp_path, quiz(true_false([True, True, True])), quiz(true_false([True, True, True, False], "u")))
    (warning,) = item_warnings(problems_of(root))
    assert "6 of 7" in warning.message and "always answering true" in warning.message
    assert warning.line == line_of(root, "m.yaml", "- id: t0")


@pytest.mark.parametrize(
    "keys",
    [
        [True, True, False, False, False],  # 40% true: balanced enough
        [False, False, False, False],  # only four: too few to judge
    ],
)
def test_balanced_or_few_true_false_keys_are_not_warned(tmp_path: Path, keys: list[bool]) -> None:
    root = pack_with(tmp_path, quiz(true_false(keys)))
    assert item_warnings(problems_of(root)) == []


# ---------------------------------------------------------------- the longest choice


def test_the_right_choice_longest_in_most_questions_is_warned(tmp_path: Path) -> None:
    """Right choice longest in 3 of 5 single questions of 3 choices: a warning with `longest` and the counts."""
    root = pack_with(tmp_path, quiz(single([False, True, True, True, False])))
    (warning,) = item_warnings(problems_of(root))
    assert "longest" in warning.message and "3 of 5 `single` questions" in warning.message
    assert "(60%)" in warning.message
    assert (warning.file, warning.line) == ("m.yaml", line_of(root, "m.yaml", "- id: s1"))


@pytest.mark.parametrize(
    ("pattern", "choices"),
    [
        ([True, True, False, False, False], 3),  # 2 of 5: not more than half
        ([True, True, True, True], 3),  # only four questions
        ([True, True, True, True, True], 2),  # two choices: one of them is always the longer
    ],
)
def test_varied_or_too_few_longest_choices_are_not_warned(tmp_path: Path, pattern: list[bool], choices: int) -> None:
    root = pack_with(tmp_path, quiz(single(pattern, choices)))
    assert item_writing_messages(root) == []


def item_writing_messages(root: Path) -> list[str]:
    return [p.message for p in item_warnings(problems_of(root))]


# ---------------------------------------------------------------- shared items between pre and post


def test_an_item_in_both_the_pre_and_post_quiz_is_named(tmp_path: Path) -> None:
    """The same judge text under another id, in the post quiz, is warned at the post question with both places."""
    shared = "Officials say the tea works, but give no study."
    root = pack_with(
        tmp_path,
        quiz(judges(2, 2, "pre", {2: shared}), measure="pre"),
        quiz(judges(2, 2, "post", {3: "  officials say the TEA works,   but give no study."}), measure="post"),
    )
    (warning,) = item_warnings(problems_of(root))
    assert "is in both the pre and post quiz" in warning.message
    assert "“Officials say the tea works, but give no study.”" not in warning.message  # it quotes the post's text
    assert "`pre2`" in warning.message and "`post3`" in warning.message
    assert f"m.yaml, line {line_of(root, 'm.yaml', '- id: pre2')}" in warning.message
    assert (warning.file, warning.line) == ("m.yaml", line_of(root, "m.yaml", "- id: post3"))


def test_the_same_question_id_in_the_pre_and_post_quiz_is_named(tmp_path: Path) -> None:
    """A post quiz in another module reusing a pre question's id is in both quizzes."""
    other = MODULE_HEAD.replace("id: m\n", "id: m2\n") + steps(quiz(judges(2, 2, "pre"), measure="post"))
    root = pack_with(tmp_path, quiz(judges(2, 2, "pre"), measure="pre"), extra={"m2.yaml": other})
    found = item_warnings(problems_of(root))
    assert len(found) == 4  # every item of the post quiz repeats one of the pre quiz
    assert all(p.file == "m2.yaml" for p in found)
    assert "question `pre0` is in both the pre and post quiz" in found[0].message
    assert found[0].line == line_of(root, "m2.yaml", "- id: pre0")


# ---------------------------------------------------------------- thin or unbalanced measures


def test_a_measure_quiz_with_too_few_judge_items_is_warned(tmp_path: Path) -> None:
    """Three rated items: the warning says why the before-and-after figure will be unreliable."""
    root = pack_with(tmp_path, quiz(judges(2, 1, "pre"), measure="pre"), quiz(judges(2, 2, "post"), measure="post"))
    (warning,) = item_warnings(problems_of(root))
    assert "`measure: pre` quiz has 3 `judge` items (2 reliable, 1 unreliable)" in warning.message
    assert "before-and-after figure will be unreliable" in warning.message
    assert warning.line == line_of(root, "m.yaml", "- id: pre0")


def test_an_unbalanced_measure_quiz_is_warned(tmp_path: Path) -> None:
    """Five reliable and two unreliable items: unbalanced beyond one, so the figure will be unreliable."""
    root = pack_with(tmp_path, quiz(judges(2, 2, "pre"), measure="pre"), quiz(judges(5, 2, "post"), measure="post"))
    (warning,) = item_warnings(problems_of(root))
    assert "`measure: post` quiz has 5 reliable and 2 unreliable" in warning.message
    assert "before-and-after figure will be unreliable" in warning.message
    assert warning.line == line_of(root, "m.yaml", "- id: post0")


def test_balanced_measures_of_their_own_items_are_not_warned(tmp_path: Path) -> None:
    """4 and 5 balanced judge items (within one), sharing nothing: no item-writing warning."""
    root = pack_with(tmp_path, quiz(judges(2, 2, "pre"), measure="pre"), quiz(judges(3, 2, "post"), measure="post"))
    assert item_writing_messages(root) == []


# ---------------------------------------------------------------- validate, and the packs we ship


def test_validate_prints_the_warnings_and_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Warnings never fail validate: exit 0, each line FILE:LINE:COL: warning: ..., and in JSON too."""
    root = pack_with(tmp_path, quiz(true_false([False] * 5)), quiz(judges(1, 1, "pre"), measure="pre"))
    assert run_validate([str(root)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert any(": warning: true/false keys are lopsided: 0 of 5" in line for line in lines)
    assert any(": warning: the `measure: pre` quiz has 2 `judge` items" in line for line in lines)
    assert run_validate([str(root), "--format", "json"]) == 0
    problems = json.loads(capsys.readouterr().out)
    tf = next(p for p in problems if "true/false" in p["message"])
    assert (tf["severity"], tf["line"]) == ("warning", line_of(root, "m.yaml", "- id: t0"))


@pytest.mark.parametrize("pack", [EXAMPLE_PACK, BUILTIN_PACK], ids=["example pack", "built-in pack"])
def test_the_packs_we_ship_earn_no_item_writing_warning(pack: Path) -> None:
    assert item_writing_messages(pack) == []

"""Question banks: the built-in pack out to Moodle XML and GIFT and back into a pack that validates,
every mapped question intact; foreign banks in; warnings for what cannot be mapped."""

from __future__ import annotations

import base64
import re
from pathlib import Path
from typing import Any

import pytest

from app.cli import main
from app.model.interchange.bank import BankError, with_readable_citations, write_pack
from app.model.interchange.gift import escape, export_gift, read_gift
from app.model.interchange.moodle_xml import export_moodle_xml, read_moodle_xml
from app.model.loader import load_pack
from app.model.pack import Pack
from app.model.schema import Categorize, Judge, Match, Multiple, Order, Short, Single, Spot, TrueFalse
from tests.conftest import BUILTIN_PACK, EXAMPLE_PACK


def _questions(pack: Pack) -> dict[tuple[str, str], Any]:
    """Every question of a pack by (module title, question id)."""
    found = {}
    for module in pack.modules:
        for lesson in module.lessons:
            for step in lesson.steps:
                if step.quiz is not None:
                    for question in step.quiz.questions:
                        found[(module.title, question.id)] = (lesson.title, question)
    return found


def _reflects(pack: Pack) -> list[str]:
    return [step.reflect.prompt.strip() for m in pack.modules for lesson in m.lessons for step in lesson.steps
            if step.reflect is not None]


def _same(original: Any, back: Any, pack: Pack, *, hints: bool) -> None:
    """Assert that an imported question keeps the original's prompt, choices, keys and feedback."""

    def text(value: str | None) -> str:
        return with_readable_citations(value or "", pack).strip()

    assert type(back) is type(original), original.id
    assert back.explanation is not None and text(back.explanation) == text(original.explanation), original.id
    assert back.points == original.points
    if hints:
        assert (back.hint or "").strip() == text(original.hint)
    if isinstance(original, Judge):
        assert back.prompt.strip() == text(original.prompt)
        assert back.reliable == original.reliable
        for name in ("medium", "text", "translation", "author", "platform", "date", "title", "illustrative",
                     "engagement"):
            want, got = getattr(original.item, name), getattr(back.item, name)
            if isinstance(want, str):  # a block scalar's final line break is not part of the text
                want, got = want.rstrip("\n"), (got or "").rstrip("\n")
            assert got == want, (original.id, name)
        return
    assert back.prompt.strip() == text(original.prompt), original.id
    if isinstance(original, Single | Multiple):
        assert [(c.text, c.correct, text(c.feedback)) for c in back.choices] == [
            (c.text, c.correct, text(c.feedback)) for c in original.choices
        ]
        assert back.shuffle == original.shuffle
    elif isinstance(original, TrueFalse):
        assert back.answer == original.answer
    elif isinstance(original, Short):
        assert back.answers == original.answers
    elif isinstance(original, Order):
        assert back.items == original.items
    elif isinstance(original, Match):
        assert back.pairs == original.pairs
    elif isinstance(original, Categorize):
        assert sorted(back.categories) == sorted(original.categories)
        assert back.items == original.items


@pytest.mark.parametrize(("fmt", "suffix"), [("moodle-xml", ".xml"), ("gift", ".gift")])
def test_builtin_pack_round_trip_keeps_every_mapped_question(
    fmt: str, suffix: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bank = tmp_path / f"bank{suffix}"
    assert main(["export", str(BUILTIN_PACK), "-o", str(bank), "--format", fmt]) == 0
    warnings = capsys.readouterr().err
    assert main(["import", str(bank), "-o", str(tmp_path / "pack")]) == 0
    assert main(["validate", str(tmp_path / "pack")]) == 0

    original = load_pack(BUILTIN_PACK).pack
    back = load_pack(tmp_path / "pack").pack
    assert original is not None and back is not None
    before, after = _questions(original), _questions(back)
    not_mapped = {key for key, (_, q) in before.items() if isinstance(q, Spot) or (fmt == "gift" and isinstance(q, Order))}
    assert not_mapped, "the built-in pack has questions no bank can hold; each must be warned about"
    for _module, question_id in not_mapped:
        assert len(re.findall(rf"/{question_id}: left out: ", warnings)) == 1
    assert set(after) == set(before) - not_mapped
    for key, (lesson_title, question) in before.items():
        if key in not_mapped:
            continue
        back_lesson, back_question = after[key]
        assert back_lesson == lesson_title  # category $course$/Module/Lesson came back as module and lesson
        _same(question, back_question, original, hints=fmt == "moodle-xml")
    assert _reflects(back) == [with_readable_citations(p, original).strip() for p in _reflects(original)]


def _pack_with_images(folder: Path) -> Path:
    """A small pack whose question prompt and judge item show the example pack's poster."""
    (folder / "assets").mkdir(parents=True)
    (folder / "assets" / "poster.png").write_bytes((EXAMPLE_PACK / "assets" / "poster.png").read_bytes())
    (folder / "pack.yaml").write_text("format: 1\nid: pictures\ntitle: Pictures\nmodules: [m.yaml]\n")
    (folder / "m.yaml").write_text(
        "id: m\ntitle: Posters\nlessons:\n  - id: l\n    title: Looking\n    steps:\n      - quiz:\n"
        "          questions:\n"
        "            - {id: q1, type: true_false, answer: true, explanation: Yes.,\n"
        "               prompt: \"The poster ![The poster](assets/poster.png) names no study.\"}\n"
        "            - id: q2\n              type: judge\n              reliable: false\n"
        "              prompt: How reliable is it?\n              explanation: Not very.\n"
        "              item: {medium: post, image: assets/poster.png, alt: A tea poster}\n"
    )
    return folder


def test_moodle_xml_embeds_images_and_they_come_back(tmp_path: Path) -> None:
    pack = load_pack(_pack_with_images(tmp_path / "pictures")).pack
    assert pack is not None
    exported = export_moodle_xml(pack)
    poster = (EXAMPLE_PACK / "assets" / "poster.png").read_bytes()
    assert exported.data.count(base64.b64encode(poster)) == 2
    assert exported.data.count(b"@@PLUGINFILE@@/poster.png") == 2
    assert exported.warnings == []

    result = read_moodle_xml(exported.data)
    assert list(result.assets.values()) == [poster, poster]
    written = write_pack(result, tmp_path / "back", pack_id="back", title="Back")
    back = load_pack(written.path).pack
    assert back is not None
    first, judge = back.modules[0].lessons[0].steps[0].quiz.questions  # type: ignore[union-attr]
    assert "![The poster](assets/poster.png)" in first.prompt
    assert isinstance(judge, Judge) and judge.item.image is not None and judge.item.alt == "A tea poster"
    assert (written.path / judge.item.image).read_bytes() == poster


def test_gift_references_images_by_pack_path(tmp_path: Path) -> None:
    pack = load_pack(_pack_with_images(tmp_path / "pictures")).pack
    assert pack is not None
    text = export_gift(pack).data.decode()
    assert "assets/poster.png" in text
    assert "base64" not in text


def test_gift_escapes_every_special_character() -> None:
    tricky = "a ~ b = c # d { e } f : g \\ h\nnext line"
    assert escape(tricky) == "a \\~ b \\= c \\# d \\{ e \\} f \\: g \\\\ h\\nnext line"
    bank = f"::tricky::[markdown]{escape(tricky)}{{=yes ~no}}\n"
    [question] = read_gift(bank).questions
    assert question.question is not None
    assert question.question["prompt"] == tricky.strip()


def test_foreign_gift_bank_converts_with_categories_feedback_and_lines(tmp_path: Path) -> None:
    bank = tmp_path / "history.gift"
    bank.write_text(
        "// a teacher's bank\n"
        "$CATEGORY: $course$/top/History/Cold War\n"
        "\n"
        "::Q1 Wall::When did the Berlin Wall fall?{=1989#Yes, in November. ~1961#That is when it was built. "
        "####Both dates matter.}\n"
        "\n"
        "::Q2::The wall was built in 1961.{T#It was.#Right.}\n"
        "\n"
        "::Q3::Name the city split by a wall.{=Berlin =berlin}\n"
        "\n"
        "::Q4::Which were allies in 1945?{~%50%USA ~%50%USSR ~%-100%Japan}\n"
        "\n"
        "::Q5::Match.{=Berlin -> Germany =Paris -> France =Rome -> Italy}\n"
        "\n"
        "::Q6::How many years did the wall stand?{#28:1}\n"
        "\n"
        "::Q7::Write about the wall.{}\n",
        encoding="utf-8",
    )
    assert main(["import", str(bank), "-o", str(tmp_path / "pack")]) == 0
    back = load_pack(tmp_path / "pack").pack
    assert back is not None
    [module] = back.modules
    assert module.title == "History" and module.lessons[0].title == "Cold War"
    questions = {q.id: q for _, q in _questions(back).values()}
    wall = questions["q1-wall"]
    assert isinstance(wall, Single)
    assert [(c.text, c.correct, c.feedback) for c in wall.choices] == [
        ("1989", True, "Yes, in November."), ("1961", False, "That is when it was built.")]
    assert wall.explanation == "Both dates matter."
    assert isinstance(questions["q2"], TrueFalse) and questions["q2"].answer is True
    assert isinstance(questions["q3"], Short) and questions["q3"].answers == ["Berlin", "berlin"]
    allies = questions["q4"]
    assert isinstance(allies, Multiple) and [c.correct for c in allies.choices] == [True, True, False]
    assert isinstance(questions["q5"], Match)
    assert "q6" not in questions
    assert _reflects(back) == ["Write about the wall."]


def test_import_reports_each_unconverted_question_with_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bank = tmp_path / "b.gift"
    bank.write_text("::ok::Fine?{T}\n\n// numerical\n::num::How many?{#3}\n", encoding="utf-8")
    assert main(["import", str(bank), "-o", str(tmp_path / "p")]) == 0
    err = capsys.readouterr().err
    assert f"{bank}:4: not converted: question 'num': Unspun has no numerical question type" in err


def test_foreign_moodle_xml_with_html_converts(tmp_path: Path) -> None:
    png = (EXAMPLE_PACK / "assets" / "poster.png").read_bytes()
    xml = f"""<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="category"><category><text>$course$/top/Media literacy/Sources</text></category></question>
  <question type="multichoice">
    <name><text>Who said it</text></name>
    <questiontext format="html"><text><![CDATA[<p>Which is <b>best</b>?</p><p><img src="@@PLUGINFILE@@/pic%201.png" alt="a chart"></p>]]></text>
      <file name="pic 1.png" path="/" encoding="base64">{base64.b64encode(png).decode()}</file></questiontext>
    <generalfeedback format="html"><text>&lt;p&gt;Check the source.&lt;/p&gt;</text></generalfeedback>
    <defaultgrade>2</defaultgrade>
    <single>true</single>
    <answer fraction="100" format="html"><text>&lt;p&gt;A named study&lt;/p&gt;</text><feedback format="html"><text>Yes.</text></feedback></answer>
    <answer fraction="0" format="html"><text>A viral post</text><feedback format="html"><text></text></feedback></answer>
  </question>
  <question type="ddwtos"><name><text>drag</text></name><questiontext format="html"><text>x [[1]]</text></questiontext></question>
  <question type="matching">
    <name><text>sort</text></name><questiontext format="html"><text>Sort them.</text></questiontext>
    <subquestion format="html"><text>A tweet</text><answer><text>Social</text></answer></subquestion>
    <subquestion format="html"><text>A post</text><answer><text>Social</text></answer></subquestion>
    <subquestion format="html"><text>An editorial</text><answer><text>Print</text></answer></subquestion>
    <subquestion format="html"><text></text><answer><text>Radio</text></answer></subquestion>
  </question>
</quiz>
"""
    result = read_moodle_xml(xml.encode())
    assert [s.line for s in result.skipped] == [14] and "ddwtos" in result.skipped[0].reason
    written = write_pack(result, tmp_path / "p", pack_id="media", title="Media")
    back = load_pack(written.path).pack
    assert back is not None
    questions = {q.id: q for _, q in _questions(back).values()}
    first = questions["who-said-it"]
    assert isinstance(first, Single) and first.points == 2
    assert first.prompt.startswith("Which is **best**?") and "![a chart](assets/pic-1.png)" in first.prompt
    assert [c.text for c in first.choices] == ["A named study", "A viral post"] and first.choices[0].correct
    assert first.explanation == "Check the source."
    sort = questions["sort"]
    assert isinstance(sort, Categorize)
    assert sort.categories == ["Social", "Print", "Radio"]


def test_nothing_is_written_over_a_folder_with_files(tmp_path: Path) -> None:
    (tmp_path / "p").mkdir()
    (tmp_path / "p" / "mine.txt").write_text("keep")
    with pytest.raises(BankError, match="not an empty folder"):
        write_pack(read_gift("::a::A?{T}\n"), tmp_path / "p", pack_id="a", title="A")
    assert [p.name for p in (tmp_path / "p").iterdir()] == ["mine.txt"]

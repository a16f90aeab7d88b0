"""Printable handouts: the worksheet shows every prompt and no answer, the key every answer.

The PDFs are read back with poppler's ``pdftotext``, so these tests check what a printer would
print, not the HTML that went in. Text is compared "squashed" (NFKC, no whitespace, no hyphens):
pdftotext breaks lines where the page does, and joins words it thinks were hyphenated.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import unicodedata
from html.parser import HTMLParser
from itertools import pairwise
from pathlib import Path

import pytest

from app.cli import main as cli_main
from app.model.handout import LETTERS, build_handout, question_rng
from app.model.loader import load_pack
from app.model.markdown import MarkdownRenderer
from app.model.pack import Pack
from app.model.schema import (
    Categorize,
    Compare,
    Example,
    Judge,
    Match,
    Module,
    Multiple,
    Order,
    Question,
    Quiz,
    Reading,
    Reflect,
    Short,
    Single,
    Spot,
    TrueFalse,
)
from app.model.session import display_order
from tests.conftest import BUILTIN_PACK, EXAMPLE_PACK, ROOT

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils (pdftotext)")

#: A4 in PostScript points, and where the page header ends (the header sits in the top margin)
A4_WIDTH_PT, A4_HEIGHT_PT = 595, 842
HEADER_BOTTOM_PT = 56


# ---------------------------------------------------------------- helpers


def squash(text: str) -> str:
    """Reduce text to what survives any line breaking: NFKC, no whitespace, no hyphens."""
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"[\s\-\u00ad\u2010\u2011]+", "", text)


class _TextOf(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def plain(renderer: MarkdownRenderer, markdown: str) -> str:
    """Return the words a Markdown field prints as (citations as [n]), without its sources list."""
    parser = _TextOf()
    parser.feed(renderer.render(markdown).html)
    return " ".join(parser.parts)


def pdf_text(pdf: Path, *, header: bool = False, first: int | None = None, last: int | None = None) -> str:
    """Return the text of the page bodies (or only of the page headers) of ``pdf``."""
    top, height = (0, HEADER_BOTTOM_PT) if header else (HEADER_BOTTOM_PT, A4_HEIGHT_PT - HEADER_BOTTOM_PT)
    command = ["pdftotext", "-x", "0", "-y", str(top), "-W", str(A4_WIDTH_PT), "-H", str(height)]
    if first is not None:
        command += ["-f", str(first)]
    if last is not None:
        command += ["-l", str(last)]
    result = subprocess.run([*command, str(pdf), "-"], capture_output=True, text=True, check=True)
    return result.stdout


def questions(pack: Pack) -> list[tuple[int, Module, Question]]:
    """Number every question of the pack as the handout does: 1, 2, ... in pack order."""
    numbered = []
    for module in pack.modules:
        for lesson in module.lessons:
            for step in lesson.steps:
                if isinstance(step.content, Quiz):
                    for question in step.content.questions:
                        numbered.append((len(numbered) + 1, module, question))
    return numbered


def steps_of(pack: Pack, kind: type) -> list:
    """Return the contents of every step of one kind, in pack order."""
    return [
        step.content
        for module in pack.modules
        for lesson in module.lessons
        for step in lesson.steps
        if isinstance(step.content, kind)
    ]


STEP_MARKERS = ("READING", "EXAMPLE", "COMPARE", "REFLECT", "QUIZ", "Glossary")


def segment(text: str, number: int) -> str:
    """Return the squashed text of question ``number``, up to the next question or step heading."""
    start = text.find(f"Question{number}\u00b7")
    assert start >= 0, f"Question {number} is not in the handout"
    ends = [text.find(f"Question{number + 1}\u00b7", start + 1)]
    ends += [text.find(marker, start + 1) for marker in STEP_MARKERS]
    ends = [end for end in ends if end > 0]
    return text[start : min(ends) if ends else len(text)]


class Exported:
    """One pack's worksheet and key, exported once, with their text squashed."""

    def __init__(self, pack: Pack, folder: Path) -> None:
        from app.ui.handout_pdf import export_handout

        self.pack = pack
        self.renderer = MarkdownRenderer(pack.manifest.sources, pack.manifest.glossary)
        self.worksheet_pdf = folder / "worksheet.pdf"
        self.key_pdf = folder / "key.pdf"
        export_handout(pack, self.worksheet_pdf, answer_key=False, fmt="pdf")
        export_handout(pack, self.key_pdf, answer_key=True, fmt="pdf")
        self.worksheet = squash(pdf_text(self.worksheet_pdf))
        self.key = squash(pdf_text(self.key_pdf))

    def md(self, markdown: str) -> str:
        return squash(plain(self.renderer, markdown))


@pytest.fixture(scope="module", params=["example", "builtin"])
def exported(request: pytest.FixtureRequest, qapp: object, tmp_path_factory: pytest.TempPathFactory) -> Exported:
    """The worksheet and key of the example pack and of the built-in pack."""
    path = EXAMPLE_PACK if request.param == "example" else BUILTIN_PACK
    result = load_pack(path)
    assert result.pack is not None, [p.format() for p in result.errors]
    return Exported(result.pack, tmp_path_factory.mktemp(request.param))


# ---------------------------------------------------------------- what the worksheet holds


def test_worksheet_has_every_prompt_and_the_key_too(exported: Exported) -> None:
    """Every question's prompt is printed on the worksheet, under its number, and in the key."""
    numbered = questions(exported.pack)
    assert numbered
    for number, _module, question in numbered:
        prompt = exported.md(question.prompt)
        assert prompt in segment(exported.worksheet, number), f"prompt of {question.id} missing from worksheet"
        assert prompt in segment(exported.key, number), f"prompt of {question.id} missing from the key"


def test_worksheet_has_every_step_a_learner_works_on(exported: Exported) -> None:
    """Readings, reflect prompts, compare questions and example tasks all reach the worksheet."""
    for reflect in steps_of(exported.pack, Reflect):
        assert exported.md(reflect.prompt) in exported.worksheet
    for compare in steps_of(exported.pack, Compare):
        assert exported.md(compare.question) in exported.worksheet
    for example in steps_of(exported.pack, Example):
        if example.task:
            assert exported.md(example.task) in exported.worksheet
        if example.text:
            assert squash(example.text) in exported.worksheet
    for reading in steps_of(exported.pack, Reading):
        if reading.title:
            assert squash(reading.title) in exported.worksheet
        paragraphs = [p for p in re.split(r"\n\s*\n", reading.body) if p.strip()[:1] not in ("|", "`", "!", "#")]
        assert exported.md(paragraphs[0]) in exported.worksheet


def test_explanations_feedback_and_takeaways_only_in_the_key(exported: Exported) -> None:
    """Explanations, choice feedback and compare takeaways are absent from the worksheet, present in the key."""
    answer_only: list[tuple[str, str]] = []
    for _number, _module, question in questions(exported.pack):
        if question.explanation:
            answer_only.append((f"explanation of {question.id}", question.explanation))
        if isinstance(question, Single | Multiple):
            answer_only += [(f"feedback in {question.id}", c.feedback) for c in question.choices if c.feedback]
    for compare in steps_of(exported.pack, Compare):
        if compare.takeaway:
            answer_only.append(("a compare takeaway", compare.takeaway))
    assert answer_only
    for label, markdown in answer_only:
        text = exported.md(markdown)
        assert text not in exported.worksheet, f"{label} is printed on the worksheet"
        assert text in exported.key, f"{label} is missing from the key"
    for marker in ("Explanation.", "Takeaway.", "Acceptedanswers", "(right)", "(wrong)", "\u2192"):
        assert marker not in exported.worksheet


def test_hidden_notes_of_task_examples_only_in_the_key(exported: Exported) -> None:
    """An example with a task prints without its notes; the key gives them. Other examples keep theirs."""
    hidden = [a.note for e in steps_of(exported.pack, Example) if e.task for a in e.annotations]
    shown = [a.note for e in steps_of(exported.pack, Example) if not e.task for a in e.annotations]
    assert hidden
    for note in hidden:
        text = exported.md(note)
        assert text not in exported.worksheet, f"hidden note printed on the worksheet: {note[:60]}"
        assert text in exported.key
    for note in shown:
        assert exported.md(note) in exported.worksheet


def test_choices_are_lettered_and_the_key_names_the_right_ones(exported: Exported) -> None:
    """Single and multiple choices print as lettered boxes; the key gives the right letters and text."""
    checked = 0
    for number, module, question in questions(exported.pack):
        if not isinstance(question, Single | Multiple):
            continue
        order = display_order(question, question_rng(exported.pack, module, question))
        sheet, key = segment(exported.worksheet, number), segment(exported.key, number)
        assert ("Chooseone." if isinstance(question, Single) else "Chooseallthatapply.") in sheet
        for position, index in enumerate(order):
            choice = question.choices[index]
            assert f"\u2610{LETTERS[position]}{squash(choice.text)}" in sheet
            if choice.correct:
                assert f"{LETTERS[position]}\u2014{squash(choice.text)}" in key
        checked += 1
    assert checked


def test_true_false_and_short_answers(exported: Exported) -> None:
    """True/false prints two boxes and short a line; the key gives the truth and every accepted answer."""
    seen = set()
    for number, _module, question in questions(exported.pack):
        sheet, key = segment(exported.worksheet, number), segment(exported.key, number)
        if isinstance(question, TrueFalse):
            assert "True\u2610False\u2610" in sheet
            assert ("Answer.True" if question.answer else "Answer.False") in key
            seen.add("true_false")
        elif isinstance(question, Short):
            assert "Answer" in sheet and "Acceptedanswers" not in sheet
            prompt = exported.md(question.prompt)
            for accepted in question.answers:
                assert squash(accepted) in key
                if squash(accepted) not in prompt:
                    assert squash(accepted) not in sheet.replace(prompt, ""), f"{question.id} shows an answer"
            seen.add("short")
    assert seen == {"true_false", "short"}


def test_order_is_shuffled_on_paper_and_given_in_the_key(exported: Exported) -> None:
    """Order items print as numbered blanks, never in the right order; the key lists the right order."""
    checked = 0
    for number, _module, question in questions(exported.pack):
        if not isinstance(question, Order):
            continue
        sheet, key = segment(exported.worksheet, number), segment(exported.key, number)
        printed = [sheet.find(squash(item)) for item in question.items]
        assert all(position >= 0 for position in printed)
        assert printed != sorted(printed), f"{question.id} prints its items in the right order"
        answer = key[key.find("Therightorder") :]
        in_key = [answer.find(squash(item)) for item in question.items]
        assert all(position >= 0 for position in in_key) and in_key == sorted(in_key)
        checked += 1
    assert checked


#: the least white space between a label such as "Explanation." and the block above it, in points
MIN_GAP_PT = 5.0
WORD_BOX = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')


def gaps_above(pdf: Path, label: str) -> list[tuple[float, int]]:
    """Return, for every ``label`` word in ``pdf``, the white space above it and its page number.

    A word of the same line starts level with the label; anything that starts higher up and ends
    lower than the label's top minus the gap is a block running into it.
    """
    boxes = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True)
    gaps = []
    for number, page in enumerate(boxes.stdout.split("<page ")[1:], start=1):
        words = [(float(top), float(bottom), word) for _x0, top, _x1, bottom, word in WORD_BOX.findall(page)]
        for top, _bottom, word in words:
            if word != label:
                continue
            above = [other_bottom for other_top, other_bottom, _ in words if top - 40 < other_bottom and other_top < top - 2]
            gaps.append((top - max(above) if above else 40.0, number))
    return gaps


def test_key_blocks_never_touch_the_explanation_under_them(exported: Exported) -> None:
    """A match table (or any answer) ends with white space before the "Explanation." heading under it."""
    gaps = gaps_above(exported.key_pdf, "Explanation.")
    assert gaps, "the key prints explanations"
    tight = [(round(gap, 1), page) for gap, page in gaps if gap < MIN_GAP_PT]
    assert not tight, f"blocks touch the Explanation heading (gap in points, page): {tight}"


def test_match_prints_two_lettered_columns_and_the_key_pairs_them(exported: Exported) -> None:
    """Lefts are numbered, rights lettered and shuffled; the key pairs each number with its letter."""
    checked = 0
    for number, module, question in questions(exported.pack):
        if not isinstance(question, Match):
            continue
        order = display_order(question, question_rng(exported.pack, module, question))
        assert order != sorted(order)
        sheet, key = segment(exported.worksheet, number), segment(exported.key, number)
        for row, pair in enumerate(question.pairs):
            assert f"{row + 1}{squash(pair.left)}" in sheet
            letter = LETTERS[order.index(row)]
            assert f"{letter}{squash(pair.right)}" in sheet
            assert f"{squash(pair.left)}\u2192{letter}{squash(pair.right)}" in key
        checked += 1
    assert checked


def test_spot_categorize_and_judge(exported: Exported) -> None:
    """Spot prints the text to underline, categorize a grid of boxes, judge a 1-6 row; the key answers each."""
    seen = set()
    for number, _module, question in questions(exported.pack):
        sheet, key = segment(exported.worksheet, number), segment(exported.key, number)
        if isinstance(question, Spot):
            assert squash(question.text) in sheet
            for target in question.targets:
                assert f"\u201c{squash(target.quote)}\u201d" in key
                assert f"\u201c{squash(target.quote)}\u201d" not in sheet
                if target.note:
                    assert exported.md(target.note) in key
                    assert exported.md(target.note) not in exported.worksheet
            seen.add("spot")
        elif isinstance(question, Categorize):
            assert "Item" + "".join(squash(c) for c in question.categories) in sheet
            for category in question.categories:
                start = key.find(f"{squash(category)}:", key.find("Answer."))
                assert start >= 0
                members = [item.text for item in question.items if item.category == category]
                following = [key.find(f"{squash(other)}:", start + 1) for other in question.categories]
                stop = min([end for end in following if end > start] or [len(key)])
                for member in members:
                    assert squash(member) in key[start:stop], f"{member!r} not under {category!r} in the key"
            seen.add("categorize")
        elif isinstance(question, Judge):
            assert "1=notatallreliable" in sheet and "6=veryreliable" in sheet
            assert all(f"{n}\u2610" in sheet for n in range(1, 7))
            if question.item.text:
                assert squash(question.item.text) in sheet
            assert ("Answer.Reliable" if question.reliable else "Answer.Notreliable") in key
            seen.add("judge")
    assert seen == {"spot", "categorize", "judge"}


def test_cjk_text_survives_into_the_pdf(qapp: object, tmp_path: Path) -> None:
    """Chinese from the built-in pack (防火长城 in a reading and the glossary) is real text in the PDF."""
    from app.ui.handout_pdf import export_handout

    pack = load_pack(BUILTIN_PACK).pack
    assert pack is not None
    target = tmp_path / "worksheet.pdf"
    export_handout(pack, target, answer_key=False, fmt="pdf")
    text = pdf_text(target)
    assert "防火长城" in text
    assert "翻墙" in text


def test_page_headers_name_the_pack_the_module_and_the_page(exported: Exported) -> None:
    """Each page's header shows the pack title and "Page n"; module pages name their module."""
    pages = pdf_text(exported.worksheet_pdf, header=True).split("\f")
    pages = [page for page in pages if page.strip()]
    assert len(pages) >= 3
    title = squash(exported.pack.title)
    for number, page in enumerate(pages, start=1):
        assert title in squash(page)
        assert f"Page {number}" in page.split("\n") or f"Page {number}" in page
    first_module = squash(exported.pack.modules[0].title)
    assert first_module in squash(pages[1])
    key_header = pdf_text(exported.key_pdf, header=True, first=1, last=1)
    assert title in squash(key_header) and "Page 1" in key_header


# ---------------------------------------------------------------- HTML


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.refs: list[tuple[str, str, str]] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for name, value in attrs:
            if name in ("src", "href") and value is not None:
                self.refs.append((tag, name, value))


def test_html_export_is_one_self_contained_file(qapp: object, tmp_path: Path) -> None:
    """--format html writes one file: styles inside, images as data URIs, only http(s) links leave it."""
    target = tmp_path / "handout.html"
    status = cli_main(["export", str(EXAMPLE_PACK), "-o", str(target)])
    assert status == 0
    text = target.read_text("utf-8")
    parser = _Links()
    parser.feed(text)
    images = [value for tag, name, value in parser.refs if tag == "img"]
    assert len(images) >= 2  # the poster in the reading and in the example
    assert all(value.startswith("data:image/png;base64,") for value in images)
    for tag, name, value in parser.refs:
        if tag == "img":
            continue
        assert name == "href" and (value.startswith(("http://", "https://", "#"))), (tag, name, value)
    assert "link" not in parser.tags and "script" not in parser.tags
    assert "Noto Sans CJK SC" in text and "WenQuanYi Micro Hei" in text
    pack = load_pack(EXAMPLE_PACK).pack
    assert pack is not None
    words = _TextOf()
    words.feed(text)
    printed = squash(" ".join(words.parts))
    renderer = MarkdownRenderer(pack.manifest.sources, pack.manifest.glossary)
    for _number, _module, question in questions(pack):
        assert squash(plain(renderer, question.prompt)) in printed
    assert "A testimonial is not evidence." not in text  # an explanation: key only


def test_worksheet_html_holds_no_answer_fields(qapp: object) -> None:
    """The worksheet's HTML itself carries no correct flags, feedback or explanations (not only the PDF)."""
    pack = load_pack(EXAMPLE_PACK).pack
    assert pack is not None
    worksheet = build_handout(pack).html
    key = build_handout(pack, answer_key=True).html
    for hidden in ("Yes, a testimonial.", "No trial is named.", "It found no effect.", "Which scientists?",
                   "The post offers a story; the agency offers a summary of studies.", "Which Dr. Lin?"):
        assert hidden not in worksheet
        assert hidden in key


# ---------------------------------------------------------------- the command


def test_export_infers_the_format_and_writes_a_pdf(qapp: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`export PACK -o x.pdf --answer-key` writes a PDF whose pages are A4 and says so."""
    target = tmp_path / "key.pdf"
    assert cli_main(["export", str(EXAMPLE_PACK), "-o", str(target), "--answer-key"]) == 0
    assert target.read_bytes().startswith(b"%PDF")
    info = subprocess.run(["pdfinfo", str(target)], capture_output=True, text=True, check=True).stdout
    assert "A4" in info
    assert "answer key" in capsys.readouterr().out


def test_export_to_an_unwritable_path_fails_with_a_message(qapp: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Writing where no file can go exits 1 with a clear message, not a traceback."""
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    for target in (blocker / "out.pdf", tmp_path / "missing" / "out.html", tmp_path):
        suffix_args = ["--format", "pdf"] if target == tmp_path else []
        status = cli_main(["export", str(EXAMPLE_PACK), "-o", str(target), *suffix_args])
        captured = capsys.readouterr()
        assert status == 1
        assert f"{target} could not be written" in captured.err
        assert "Traceback" not in captured.err + captured.out
        assert "Wrote" not in captured.out
    assert sorted(path.name for path in tmp_path.iterdir()) == ["a-file"]  # no partial file anywhere


def test_export_of_a_broken_pack_prints_the_validate_lines(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A pack with errors is not exported; its problems print exactly as validate prints them."""
    broken = tmp_path / "broken"
    shutil.copytree(EXAMPLE_PACK, broken)
    manifest = broken / "pack.yaml"
    manifest.write_text(manifest.read_text("utf-8").replace("license: CC0-1.0", "licence: CC0-1.0"), "utf-8")
    target = tmp_path / "out.pdf"
    assert cli_main(["export", str(broken), "-o", str(target)]) == 1
    exported_err = capsys.readouterr().err.splitlines()
    assert cli_main(["validate", str(broken)]) == 1
    validated = capsys.readouterr().out.splitlines()
    problem_lines = [line for line in validated if ": error: " in line or ": warning: " in line]
    assert problem_lines
    assert all(line in exported_err for line in problem_lines)
    assert not target.exists()


def test_unknown_suffix_without_format_is_refused(qapp: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An output named neither .pdf nor .html needs --format; the message says so."""
    assert cli_main(["export", str(EXAMPLE_PACK), "-o", str(tmp_path / "out.txt")]) == 1
    assert "--format" in capsys.readouterr().err


def test_handout_model_never_imports_qt() -> None:
    """Building a handout is Qt-free: app.model.handout loads without PySide6."""
    code = (
        "import sys; import app.model.handout as h; from app.model.loader import load_pack; "
        f"h.build_handout(load_pack({str(EXAMPLE_PACK)!r}).pack); "
        "sys.exit(1 if any(m.startswith('PySide6') for m in sys.modules) else 0)"
    )
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT).returncode == 0


def test_no_line_prints_twice_across_a_page_break(exported: Exported) -> None:
    """A paragraph cut by a page ends on one page and goes on on the next, no line repeated."""
    for pdf in (exported.worksheet_pdf, exported.key_pdf):
        pages = [page for page in pdf_text(pdf).split("\f") if page.strip()]
        for before, after in pairwise(pages):
            last = [line for line in before.splitlines() if line.strip()][-1]
            first = next(line for line in after.splitlines() if line.strip())
            assert last != first, f"{last!r} is printed at the foot of one page and the top of the next"

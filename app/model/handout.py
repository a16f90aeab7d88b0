"""Printable handouts: a pack as one HTML document, the worksheet or its answer key.

The HTML keeps to the subset Qt's rich text understands, so that ``QTextDocument`` lays it out
for the PDF, and the very same text (with its style sheet inside and images as data URIs) is the
``--format html`` output. Everything a pack says is escaped or goes through ``MarkdownRenderer``.

The worksheet holds every prompt and no answer: no correct flags, feedback, explanations,
takeaways, accepted answers, or the notes of examples that ask the learner to look first. The
answer key holds those, numbered like the worksheet's questions.

Qt-free: images are drawn by a callback the caller passes (``ImageTag``), so this module never
touches a file.
"""

from __future__ import annotations

import dataclasses
import html
import random
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any, assert_never
from urllib.parse import quote, unquote

import msgspec
from markdown_it.token import Token

from app.model.markdown import REFERENCE_ANCHOR, Citation, MarkdownRenderer, is_pack_relative_path
from app.model.pack import Pack
from app.model.quotes import find_occurrence
from app.model.schema import (
    Annotation,
    Artefact,
    Categorize,
    Compare,
    Example,
    Judge,
    Lesson,
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
from app.model.scoring import question_type
from app.model.session import display_order

#: Okabe-Ito, as the app uses for techniques that have no colour of their own.
TECHNIQUE_PALETTE = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7")
#: Families for running text and for headings; the CJK families come last so that Chinese
#: terms (防火长城) find glyphs wherever the first choice has none.
CJK_FAMILIES = (
    "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC",
    "WenQuanYi Micro Hei", "Droid Sans Fallback",
)
SERIF_FAMILIES = ("Charter", "Georgia", "Source Serif 4", "Noto Serif", "P052", "DejaVu Serif", "Times New Roman")
SANS_FAMILIES = ("Inter", "Segoe UI", "Noto Sans", "Helvetica Neue", "Arial", "DejaVu Sans")

DOT = " \u00b7 "  # a middle dot between facts on one line
BOX = "\u2610"  # ☐, a box to tick on paper
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
MEDIUM_LABELS = {"post": "Post", "headline": "Headline", "article": "Article excerpt", "message": "Message"}
QUESTION_INSTRUCTIONS = {
    "single": "Choose one.",
    "multiple": "Choose all that apply.",
    "true_false": "Tick one box.",
    "short": "Write your answer on the line.",
    "order": "Number the items from 1 to {count} in the right order.",
    "match": "Write the letter of the matching item on the line beside each number.",
    "spot": "Underline the passages in the text.",
    "categorize": "Tick one category for each item.",
    "judge": "Tick one box, from 1 (not at all reliable) to 6 (very reliable).",
}
QUESTION_KINDS = {
    "single": "Single choice",
    "multiple": "Multiple choice",
    "true_false": "True or false",
    "short": "Short answer",
    "order": "Put in order",
    "match": "Match",
    "spot": "Spot",
    "categorize": "Sort into categories",
    "judge": "How reliable is it?",
}

#: Called with (pack path, alt text, numbered regions to mark) for each image; returns an <img> tag.
ImageTag = Callable[[str, str, Sequence[tuple[int, Sequence[float]]]], str]


@dataclass(slots=True)
class Handout:
    """The handout as HTML, and the titles of its top-level sections (``<h1>``) in order.

    Page headers name the section a page belongs to: the n-th ``<h1>`` of ``html`` is
    ``sections[n]``.
    """

    title: str
    html: str
    answer_key: bool
    sections: list[str] = field(default_factory=list)


def esc(text: str) -> str:
    """Escape plain text for HTML, keeping its line breaks."""
    return html.escape(text).replace("\r\n", "\n").replace("\n", "<br>")


def font_stack(families: Sequence[str], generic: str) -> str:
    """Return a CSS font-family list with the CJK fallbacks and a generic family last."""
    return ", ".join([f"'{name}'" for name in (*families, *CJK_FAMILIES)] + [generic])


def technique_colours(pack: Pack) -> dict[str, str]:
    """Give each technique its own colour, or the next of the palette (as the app does)."""
    colours: dict[str, str] = {}
    spare = 0
    for key, technique in pack.manifest.techniques.items():
        if technique.color:
            colours[key] = technique.color
        else:
            colours[key] = TECHNIQUE_PALETTE[spare % len(TECHNIQUE_PALETTE)]
            spare += 1
    return colours


def tint(colour: str, amount: float = 0.28) -> str:
    """Blend ``colour`` (#rrggbb) into white, keeping ``amount`` of it: a highlight that prints light."""
    value = colour.lstrip("#")
    channels = [int(value[i : i + 2], 16) for i in (0, 2, 4)]
    return "#" + "".join(f"{round(255 - (255 - c) * amount):02x}" for c in channels)


def handout_css(*, answer_key: bool = False) -> str:
    """Return the style sheet of the handout (Qt's rich-text subset; browsers read it too)."""
    serif = font_stack(SERIF_FAMILIES, "serif")
    sans = font_stack(SANS_FAMILIES, "sans-serif")
    # The key is read at a desk, not written on: smaller and tighter.
    size, leading = ("9.5pt", "130%") if answer_key else ("10.5pt", "140%")
    return f"""
body {{ font-family: {serif}; font-size: {size}; color: #1f2328; }}
p {{ margin-top: 0px; margin-bottom: 8px; line-height: {leading}; }}
li {{ margin-bottom: 3px; line-height: 140%; }}
ul, ol {{ margin-top: 0px; margin-bottom: 8px; }}
h1 {{ font-family: {sans}; font-size: 19pt; font-weight: 600; margin-top: 6px; margin-bottom: 10px; }}
h2 {{ font-family: {sans}; font-size: 14pt; font-weight: 600; margin-top: 26px; margin-bottom: 8px; }}
h3 {{ font-family: {sans}; font-size: 11.5pt; font-weight: 600; margin-top: 20px; margin-bottom: 8px; }}
h4 {{ font-family: {sans}; font-size: 10pt; font-weight: 600; margin-top: 12px; margin-bottom: 4px; }}
h5 {{ font-family: {sans}; font-size: 9pt; font-weight: 600; margin-top: 8px; margin-bottom: 4px; }}
h4.qlabel {{ font-size: 9pt; margin-top: 16px; }}
h4.references {{ color: #5f6670; font-size: 8.5pt; margin-top: 6px; }}
p.reference {{ font-size: 8.5pt; color: #5f6670; margin-bottom: 3px; line-height: 125%; }}
a {{ color: #2f5fa7; text-decoration: none; }}
pre {{ font-family: 'DejaVu Sans Mono', 'Noto Sans Mono', monospace; font-size: 8.5pt; background-color: #f3f2ee; }}
code {{ font-family: 'DejaVu Sans Mono', 'Noto Sans Mono', monospace; font-size: 9pt; }}
table.md {{ border-collapse: collapse; margin-bottom: 10px; }}
table.md th {{ font-family: {sans}; font-size: 9pt; background-color: #f3f2ee; padding: 4px; }}
table.md td {{ padding: 4px; border-bottom: 1px solid #d9d7d0; font-size: 9.5pt; }}
blockquote {{ color: #5f6670; margin-left: 16px; }}
.sans {{ font-family: {sans}; }}
.kind {{ font-family: {sans}; font-size: 8pt; font-weight: 600; color: #5f6670; }}
.muted {{ color: #5f6670; }}
.small {{ font-size: 8.5pt; }}
p.doc-kind {{ font-family: {sans}; font-size: 10pt; font-weight: 600; color: #5f6670; margin-top: 60px; margin-bottom: 6px; }}
p.doc-title {{ font-family: {sans}; font-size: 26pt; font-weight: 600; margin-bottom: 16px; line-height: 120%; }}
p.meta {{ font-family: {sans}; font-size: 9pt; color: #5f6670; margin-bottom: 4px; }}
p.summary {{ font-size: 11pt; }}
p.instruction {{ font-family: {sans}; font-size: 8.5pt; font-style: italic; color: #5f6670; margin-bottom: 6px; }}
p.qlabel {{ font-family: {sans}; font-size: 9pt; font-weight: 600; margin-bottom: 4px; }}
p.answer {{ font-family: {sans}; font-size: 9.5pt; margin-bottom: 4px; }}
p.task {{ font-family: {sans}; font-size: 9.5pt; margin-bottom: 8px; }}
table.artefact {{ border-collapse: collapse; margin-top: 4px; margin-bottom: 10px; }}
table.artefact td {{ border: 1px solid #bdbab2; padding: 10px; }}
p.artefact-meta {{ font-family: {sans}; font-size: 8.5pt; color: #5f6670; margin-bottom: 6px; }}
p.post, p.message {{ font-family: {sans}; font-size: 10.5pt; line-height: 150%; margin-bottom: 6px; }}
p.headline {{ font-family: {serif}; font-size: 15pt; font-weight: 600; line-height: 130%; margin-bottom: 6px; }}
p.article {{ font-family: {serif}; font-size: 10.5pt; line-height: 150%; margin-bottom: 6px; }}
p.spot-text {{ font-family: {serif}; font-size: 11pt; line-height: 220%; margin-bottom: 6px; }}
p.translation {{ font-size: 9.5pt; font-style: italic; color: #3d434b; margin-bottom: 6px; }}
p.engagement {{ font-family: {sans}; font-size: 8.5pt; color: #5f6670; margin-bottom: 0px; }}
span.badge {{ font-family: {sans}; font-size: 7.5pt; font-weight: 600; background-color: #ecebe6; }}
span.marker {{ font-family: {sans}; font-size: 7.5pt; font-weight: 600; }}
p.picture {{ line-height: 100%; margin-bottom: 6px; }}
p.note {{ font-size: 9.5pt; margin-bottom: 4px; line-height: 135%; }}
table.choices {{ margin-bottom: 8px; }}
table.choices td {{ padding-top: 3px; padding-bottom: 3px; padding-right: 6px; }}
td.box {{ font-family: 'DejaVu Sans', {sans}; font-size: 12pt; }}
td.letter {{ font-family: {sans}; font-weight: 600; }}
table.lines td {{ border-bottom: 1px solid #9a978f; padding-top: 20px; }}
table.grid {{ border-collapse: collapse; margin-top: 4px; margin-bottom: 8px; }}
table.grid td {{ border: 1px solid #bdbab2; padding: 5px; }}
table.grid th {{ font-family: {sans}; font-size: 9pt; border: 1px solid #bdbab2; padding: 5px; background-color: #f3f2ee; }}
td.blank {{ border-bottom: 1px solid #5f6670; }}
table.glossary td {{ padding: 4px; border-bottom: 1px solid #d9d7d0; font-size: 9.5pt; }}
table.key {{ margin-bottom: 10px; }}
table.key td {{ padding: 3px; font-size: 9.5pt; }}
"""


class HandoutMarkdown(MarkdownRenderer):
    """A MarkdownRenderer whose images go through the caller's ``ImageTag``, sized for paper."""

    def __init__(self, pack: Pack, image_tag: ImageTag) -> None:
        super().__init__(pack.manifest.sources, pack.manifest.glossary)
        self._image_tag = image_tag

    def _render_image(self, tokens: list[Token], idx: int, options: Any, env: Any) -> str:
        token = tokens[idx]
        src = unquote(str(token.attrs.get("src", "")))
        alt = "".join(c.content for c in token.children or [] if c.type in ("text", "code_inline"))
        if not is_pack_relative_path(src):
            return f'<span class="muted">[{html.escape(alt or "image")}]</span>'
        return self._image_tag(src, alt, ())


def plain_image_tag(path: str, alt: str, regions: Sequence[tuple[int, Sequence[float]]] = ()) -> str:
    """Return an <img> naming the pack path itself (the caller serves it), for tests and previews."""
    return f'<img src="{html.escape(quote(path), quote=True)}" alt="{html.escape(alt, quote=True)}">'


def narrowed(pack: Pack, module_id: str | None = None, lesson_id: str | None = None) -> Pack:
    """Return ``pack`` cut down to one module (and, with ``lesson_id``, one lesson of it), for a handout.

    With neither id the pack comes back whole; an id that names nothing leaves the pack whole too.
    """
    module = pack.module(module_id) if module_id else None
    if module is None:
        return pack
    if lesson_id:
        lessons = [lesson for lesson in module.lessons if lesson.id == lesson_id]
        if lessons:
            module = msgspec.structs.replace(module, lessons=lessons)
    return dataclasses.replace(pack, modules=(module,))


def build_handout(pack: Pack, *, answer_key: bool = False, image_tag: ImageTag | None = None) -> Handout:
    """Build the worksheet (or, with ``answer_key``, its answer key) of ``pack`` as HTML."""
    return _HandoutBuilder(pack, answer_key, image_tag or plain_image_tag).build()


def question_rng(pack: Pack, module: Module, question: Question) -> random.Random:
    """Return the fixed random source for one question, so worksheet and key agree on the order."""
    return random.Random(f"{pack.id}/{module.id}/{question.id}")


def region_position(region: Sequence[float]) -> str:
    """Describe where a region lies in a picture, in words: "upper left", "centre"..."""
    x, y, width, height = region
    centre_x, centre_y = x + width / 2, y + height / 2
    vertical = "upper" if centre_y < 1 / 3 else "lower" if centre_y > 2 / 3 else "middle"
    horizontal = "left" if centre_x < 1 / 3 else "right" if centre_x > 2 / 3 else "centre"
    if vertical == "middle" and horizontal == "centre":
        return "centre"
    if vertical == "middle":
        return f"middle {horizontal}"
    return f"{vertical} {horizontal}" if horizontal != "centre" else f"{vertical} centre"


class _HandoutBuilder:
    """Walks the pack once, in order, writing HTML. One builder makes one handout."""

    def __init__(self, pack: Pack, answer_key: bool, image_tag: ImageTag) -> None:
        self.pack = pack
        self.key = answer_key
        self.image_tag = image_tag
        self.markdown = HandoutMarkdown(pack, image_tag)
        self.colours = technique_colours(pack)
        self.out: list[str] = []
        self.sections: list[str] = []
        self.question_number = 0
        self.rendered = 0  # how many Markdown texts so far: keeps citation anchors unique

    # ------------------------------------------------------------ the document

    def build(self) -> Handout:
        """Write the whole handout: front page, each module's lessons and questions, references."""
        manifest = self.pack.manifest
        kind = "Answer key" if self.key else "Worksheet"
        self.out.append(
            '<!DOCTYPE html>\n<html><head><meta charset="utf-8">'
            f"<title>{html.escape(manifest.title)} \u2014 {kind}</title>"
            f"<style>{handout_css(answer_key=self.key)}</style></head><body>"
        )
        self._front_page()
        for number, module in enumerate(self.pack.modules, start=1):
            self._module(number, module)
        if not self.key and manifest.glossary:
            self._glossary()
        self.out.append("</body></html>\n")
        return Handout(manifest.title, "".join(self.out), self.key, self.sections)

    def _section(self, title: str, *, new_page: bool) -> None:
        """Open a top-level section: an <h1> that page headers name."""
        style = ' style="page-break-before: always"' if new_page else ""
        self.sections.append(title)
        self.out.append(f"<h1{style}>{html.escape(title)}</h1>")

    def _front_page(self) -> None:
        manifest = self.pack.manifest
        kind = "ANSWER KEY" if self.key else "WORKSHEET"
        self.out.append(f'<p class="doc-kind">{kind}</p>')
        self.out.append(f'<p class="doc-title">{html.escape(manifest.title)}</p>')
        if self.key:
            self.out.append(
                '<p class="summary">Answers and explanations for the worksheet of this pack. '
                "Questions are numbered as on the worksheet.</p>"
            )
        elif manifest.description:
            self.out.append(self._md(manifest.description))
        facts: list[str] = []
        if manifest.authors:
            facts.append("By " + html.escape(", ".join(author.name for author in manifest.authors)))
        if manifest.license:
            facts.append(f"Licence: {html.escape(manifest.license)}")
        if manifest.version:
            facts.append(f"Version {html.escape(manifest.version)}")
        for fact in facts:
            self.out.append(f'<p class="meta">{fact}</p>')
        if self.key:
            return
        self.out.append('<h4 style="margin-top: 24px">Contents</h4>')
        rows = []
        for number, module in enumerate(self.pack.modules, start=1):
            minutes = f"about {module.minutes} minutes" if module.minutes else ""
            lessons = f"{len(module.lessons)} lesson{'s' if len(module.lessons) != 1 else ''}"
            detail = ", ".join(part for part in (lessons, minutes) if part)
            rows.append(
                f'<tr><td class="sans" width="28"><b>{number}</b></td><td>{html.escape(module.title)}</td>'
                f'<td class="muted small" align="right">{detail}</td></tr>'
            )
        self.out.append(f'<table width="100%" cellspacing="0" cellpadding="4">{"".join(rows)}</table>')
        self.out.append(
            '<table width="100%" cellspacing="0" cellpadding="0" style="margin-top: 40px"><tr>'
            '<td class="sans small" width="48">Name</td><td class="blank">&nbsp;</td><td width="24"></td>'
            '<td class="sans small" width="40">Date</td><td class="blank" width="160">&nbsp;</td>'
            "</tr></table>"
        )

    def _glossary(self) -> None:
        self._section("Glossary", new_page=True)
        rows = []
        for term in self.pack.manifest.glossary:
            native = html.escape(term.native or "")
            if term.romanization:
                native += f'<br><i class="muted">{html.escape(term.romanization)}</i>'
            rows.append(
                f'<tr><td width="26%"><b class="sans">{html.escape(term.term)}</b></td>'
                f'<td width="22%">{native}</td><td>{self._md_inline(term.definition)}</td></tr>'
            )
        self.out.append(f'<table class="glossary" width="100%" cellspacing="0">{"".join(rows)}</table>')

    # ------------------------------------------------------------ modules and lessons

    def _module(self, number: int, module: Module) -> None:
        self._section(module.title, new_page=not self.key)
        if self.key:
            for index, lesson in enumerate(module.lessons, start=1):
                self._lesson(module, f"{number}.{index}", lesson)
            return
        facts = [f"Module {number}"]
        if module.minutes:
            facts.append(f"about {module.minutes} minutes")
        self.out.append(f'<p class="meta">{DOT.join(facts)}</p>')
        if module.summary:
            self.out.append(self._md(module.summary, css_class="summary"))
        if module.objectives:
            self.out.append("<h4>After this module you can:</h4><ul>")
            self.out.extend(f"<li>{html.escape(objective)}</li>" for objective in module.objectives)
            self.out.append("</ul>")
        for index, lesson in enumerate(module.lessons, start=1):
            self._lesson(module, f"{number}.{index}", lesson)

    def _lesson(self, module: Module, number: str, lesson: Lesson) -> None:
        parts: list[str] = []
        outer, self.out = self.out, parts
        for step in lesson.steps:
            content = step.content
            if isinstance(content, Reading):
                self._reading(content)
            elif isinstance(content, Example):
                self._example_step(content)
            elif isinstance(content, Compare):
                self._compare(content)
            elif isinstance(content, Quiz):
                self._quiz(module, content)
            elif isinstance(content, Reflect):
                self._reflect(content)
        self.out = outer
        if parts or not self.key:  # the key lists only lessons that have answers
            self.out.append(f"<h2>{number}&nbsp;&nbsp;{html.escape(lesson.title)}</h2>")
            self.out.extend(parts)

    def _step_heading(self, kind: str, title: str | None) -> None:
        label = f'<span class="kind" style="font-size: 8.5pt">{kind.upper()}</span>'
        text = f"&nbsp;&nbsp;{html.escape(title)}" if title else ""
        self.out.append(f"<h3>{label}{text}</h3>")

    # ------------------------------------------------------------ step kinds

    def _reading(self, reading: Reading) -> None:
        if self.key:
            return
        self._step_heading("Reading", reading.title)
        self.out.append(self._md(reading.body, extra_sources=reading.sources))

    def _example_step(self, example: Example) -> None:
        hidden = bool(example.task and example.task.strip())
        if self.key and not hidden:
            return
        self._step_heading("Example", example.title)
        if hidden and not self.key:
            self.out.append(
                self._keep_together(
                    [
                        f'<p class="task"><b>Task:</b> {self._md_inline(example.task or "")}</p>',
                        self._artefact(example, annotated=False),
                        '<p class="instruction">Mark what you find in the text, and write your notes here.</p>',
                        self._lines(4),
                    ]
                )
            )
            return
        if hidden:
            self.out.append(f'<p class="task"><b>Task:</b> {self._md_inline(example.task or "")}</p>')
        self.out.append(self._artefact(example, annotated=True))
        self.out.append(self._notes(example))
        if example.sources:
            self.out.append(self._sources_line(example.sources))

    def _compare(self, compare: Compare) -> None:
        self._step_heading("Compare", compare.title)
        for index, artefact in enumerate(compare.examples):
            annotated = self.key and bool(artefact.annotations)
            if self.key and not annotated:
                self.out.append(f"<h5>Source {LETTERS[index]}: {self._artefact_meta_text(artefact)}</h5>")
                continue
            self.out.append(f"<h5>Source {LETTERS[index]}</h5>")
            self.out.append(self._artefact(artefact, annotated=annotated))
            if annotated:
                self.out.append(self._notes(artefact))
        if self.key:
            self.out.append(self._md(compare.question, css_class="task"))
            if compare.takeaway and compare.takeaway.strip():
                self.out.append(self._answer_block("Takeaway", self._md(compare.takeaway)))
        else:
            self.out.append(self._keep_together([self._md(compare.question, css_class="task"), self._lines(5)]))

    def _reflect(self, reflect: Reflect) -> None:
        if self.key:
            return
        self._step_heading("Reflect", None)
        parts = [self._md(reflect.prompt)]
        if reflect.min_words:
            parts.append(f'<p class="instruction">Write at least {reflect.min_words} words.</p>')
        parts.append(self._lines(max(5, min(14, 3 + reflect.min_words // 10))))
        self.out.append(self._keep_together(parts))

    def _quiz(self, module: Module, quiz: Quiz) -> None:
        self._step_heading("Quiz", quiz.title)
        if not self.key:
            notes = []
            if quiz.measure == "pre":
                notes.append("This is the before test: answer it before you start the lessons.")
            elif quiz.measure == "post":
                notes.append("This is the after test: answer it at the end, then compare with the before test.")
            points = sum(question.points for question in quiz.questions)
            notes.append(f"{len(quiz.questions)} questions, {_number(points)} points.")
            self.out.append(f'<p class="instruction">{" ".join(notes)}</p>')
        for question in quiz.questions:
            self.question_number += 1
            if self.key:
                self._key_question(module, question)
            else:
                self._question(module, question)

    # ------------------------------------------------------------ artefacts

    def _artefact_meta_text(self, artefact: Artefact) -> str:
        parts = [MEDIUM_LABELS[artefact.medium]]
        parts.extend(html.escape(part) for part in (artefact.author, artefact.platform, artefact.date) if part)
        return DOT.join(parts)

    def _artefact(self, artefact: Artefact, *, annotated: bool) -> str:
        """Draw an artefact in a ruled box: who and where, its text or picture, engagement."""
        meta = f"<b>{self._artefact_meta_text(artefact)}</b>"
        if artefact.illustrative:
            meta += '&nbsp;&nbsp;<span class="badge">&nbsp;Illustrative example&nbsp;</span>'
        inner = [f'<p class="artefact-meta">{meta}</p>']
        if artefact.text:
            spans = self._annotation_spans(artefact) if annotated else []
            inner.append(f'<p class="{artefact.medium}">{self._marked_text(artefact.text.rstrip(), spans)}</p>')
        if artefact.image:
            regions: list[tuple[int, Sequence[float]]] = []
            if annotated:
                regions = [
                    (number, annotation.region)
                    for number, annotation in enumerate(artefact.annotations, start=1)
                    if annotation.region is not None
                ]
            inner.append(f'<p class="picture">{self.image_tag(artefact.image, artefact.alt or "", regions)}</p>')
            if artefact.alt:
                inner.append(f'<p class="engagement">Picture: {html.escape(artefact.alt)}</p>')
        if artefact.translation and artefact.translation.strip():
            inner.append(f'<p class="translation">Translation: {esc(artefact.translation.strip())}</p>')
        if artefact.engagement is not None:
            counts = [
                f"{value:,} {name}"
                for name, value in (
                    ("reposts", artefact.engagement.reposts),
                    ("comments", artefact.engagement.comments),
                    ("likes", artefact.engagement.likes),
                )
                if value is not None
            ]
            if counts:
                inner.append(f'<p class="engagement">{DOT.join(counts)}</p>')
        return (
            '<table class="artefact" width="100%" cellspacing="0" cellpadding="10">'
            f"<tr><td>{''.join(inner)}</td></tr></table>"
        )

    def _annotation_spans(self, artefact: Artefact) -> list[tuple[int, int, int, str]]:
        """Return (start, end, number, colour) for each annotation quoting the text."""
        spans = []
        for number, annotation in enumerate(artefact.annotations, start=1):
            if annotation.quote is None or artefact.text is None:
                continue
            found = find_occurrence(artefact.text, annotation.quote, annotation.occurrence)
            if found is not None:
                spans.append((found[0], found[1], number, self._colour(annotation.technique)))
        return spans

    def _colour(self, technique: str | None) -> str:
        return self.colours.get(technique or "", "#8e8e93")

    def _marked_text(self, text: str, spans: list[tuple[int, int, int, str]]) -> str:
        """Escape ``text``, underline each quoted span lightly tinted, and put [n] after it."""
        if not spans:
            return esc(text)
        bounds = sorted({0, len(text), *(s[0] for s in spans), *(min(s[1], len(text)) for s in spans)})
        out = []
        for start, end in pairwise(bounds):
            chunk = esc(text[start:end])
            active = [s for s in spans if s[0] <= start and end <= s[1]]
            if active:
                colour = tint(active[-1][3])
                chunk = f'<span style="background-color: {colour}; text-decoration: underline">{chunk}</span>'
            out.append(chunk)
            for span in sorted((s for s in spans if min(s[1], len(text)) == end), key=lambda s: s[2]):
                out.append(f'<span class="marker">&#8239;[{span[2]}]</span>')
        return "".join(out)

    def _notes(self, artefact: Artefact) -> str:
        """List an artefact's annotations under it: [n], the technique, where, and the note."""
        rows = []
        for number, annotation in enumerate(artefact.annotations, start=1):
            rows.append(f'<p class="note"><b class="sans">[{number}]</b>&nbsp; {self._note_body(annotation)}</p>')
        return "".join(rows)

    def _note_body(self, annotation: Annotation) -> str:
        lead = []
        if annotation.technique:
            technique = self.pack.manifest.techniques.get(annotation.technique)
            label = technique.label if technique else annotation.technique
            lead.append(f"<b>{html.escape(label)}</b>")
        if annotation.region is not None:
            lead.append(f"<i>({region_position(annotation.region)} of the picture)</i>")
        note = self._md_inline(annotation.note)
        return (" ".join(lead) + ": " if lead else "") + note

    # ------------------------------------------------------------ questions: the worksheet

    def _question_head(self, question: Question) -> str:
        points = f" \u00b7 {_number(question.points)} points" if question.points != 1 else ""
        kind = QUESTION_KINDS[question_type(question)]
        # In the key the label is a heading, so that a page never ends on it.
        element = "h4" if self.key else "p"
        return (
            f'<{element} class="qlabel">Question {self.question_number}'
            f'<span class="muted"> \u00b7 {kind}{points}</span></{element}>'
        )

    def _question(self, module: Module, question: Question) -> None:
        tag = question_type(question)
        body = [self._question_head(question), self._md(question.prompt)]
        count = len(question.items) if isinstance(question, Order) else 0
        body.append(f'<p class="instruction">{QUESTION_INSTRUCTIONS[tag].format(count=count)}</p>')
        order = display_order(question, question_rng(self.pack, module, question))
        match question:
            case Single() | Multiple():
                rows = [
                    f'<tr><td class="box" width="22">{BOX}</td><td class="letter" width="18">{LETTERS[i]}</td>'
                    f"<td>{html.escape(question.choices[index].text)}</td></tr>"
                    for i, index in enumerate(order)
                ]
                body.append(f'<table class="choices" cellspacing="0">{"".join(rows)}</table>')
            case TrueFalse():
                body.append(
                    '<table class="choices" cellspacing="0"><tr>'
                    f'<td class="letter">True</td><td class="box" width="40">{BOX}</td>'
                    f'<td class="letter">False</td><td class="box">{BOX}</td></tr></table>'
                )
            case Short():
                body.append(self._lines(1, label="Answer"))
            case Order():
                rows = [
                    '<tr><td class="blank" width="30">&nbsp;</td><td width="8"></td>'
                    f"<td>{html.escape(question.items[index])}</td></tr>"
                    for index in order
                ]
                body.append(f'<table class="choices" cellspacing="0">{"".join(rows)}</table>')
            case Match():
                body.append(self._match_table(question, order))
            case Spot():
                body.append(
                    '<table class="artefact" width="100%" cellspacing="0" cellpadding="10"><tr><td>'
                    f'<p class="spot-text">{esc(question.text.rstrip())}</p></td></tr></table>'
                )
            case Categorize():
                body.append(self._categorize_table(question, order))
            case Judge():
                body.append(self._artefact(question.item, annotated=False))
                body.append(self._rating_row())
            case _:
                assert_never(question)
        self.out.append(self._keep_together(body))

    def _match_table(self, question: Match, order: list[int]) -> str:
        rows = []
        for row in range(len(question.pairs)):
            left = html.escape(question.pairs[row].left)
            right = html.escape(question.pairs[order[row]].right)
            rows.append(
                f'<tr><td class="letter" width="20">{row + 1}</td><td width="40%">{left}</td>'
                '<td class="blank" width="30">&nbsp;</td><td width="28"></td>'
                f'<td class="letter" width="20">{LETTERS[row]}</td><td>{right}</td></tr>'
            )
        return f'<table class="choices" width="100%" cellspacing="0">{"".join(rows)}</table>'

    def _categorize_table(self, question: Categorize, order: list[int]) -> str:
        head = '<tr><th align="left">Item</th>' + "".join(
            f'<th width="{max(12, 50 // len(question.categories))}%">{html.escape(category)}</th>'
            for category in question.categories
        ) + "</tr>"
        rows = [
            f"<tr><td>{html.escape(question.items[index].text)}</td>"
            + "".join(f'<td class="box" align="center">{BOX}</td>' for _ in question.categories)
            + "</tr>"
            for index in order
        ]
        return f'<table class="grid" width="100%" cellspacing="0">{head}{"".join(rows)}</table>'

    def _rating_row(self) -> str:
        cells = "".join(
            f'<td align="center" width="12%"><span class="sans"><b>{n}</b></span>&nbsp;'
            f'<span class="box">{BOX}</span></td>'
            for n in range(1, 7)
        )
        captions = (
            '<tr><td colspan="2" class="muted small">1 = not at all reliable</td><td colspan="2"></td>'
            '<td colspan="2" class="muted small" align="right">6 = very reliable</td></tr>'
        )
        return f'<table class="choices" width="72%" cellspacing="0"><tr>{cells}</tr>{captions}</table>'

    # ------------------------------------------------------------ questions: the answer key

    def _key_question(self, module: Module, question: Question) -> None:
        body = [self._question_head(question), self._md(question.prompt)]
        order = display_order(question, question_rng(self.pack, module, question))
        answer = ""
        extra: list[str] = []
        match question:
            case Single() | Multiple():
                right = [(i, question.choices[index]) for i, index in enumerate(order) if question.choices[index].correct]
                answer = "; ".join(f"<b>{LETTERS[i]}</b> \u2014 {html.escape(choice.text)}" for i, choice in right)
                for i, index in enumerate(order):
                    choice = question.choices[index]
                    if choice.feedback and choice.feedback.strip():
                        verdict = "right" if choice.correct else "wrong"
                        extra.append(
                            f'<p class="note"><b class="sans">{LETTERS[i]}</b> ({verdict}): '
                            f"{self._md_inline(choice.feedback)}</p>"
                        )
            case TrueFalse():
                answer = "<b>True</b>" if question.answer else "<b>False</b>"
            case Short():
                answer = "Accepted answers: " + "; ".join(f"<b>{html.escape(text)}</b>" for text in question.answers)
            case Order():
                items = "".join(f"<li>{html.escape(item)}</li>" for item in question.items)
                answer = "The right order:"
                extra.append(f"<ol>{items}</ol>")
            case Match():
                letter_of = {index: LETTERS[row] for row, index in enumerate(order)}
                answer = "The pairs:"
                rows = [
                    f'<tr><td class="letter" width="20">{row + 1}</td><td>{html.escape(pair.left)}</td>'
                    f'<td width="24" align="center">\u2192</td><td class="letter" width="20">{letter_of[row]}</td>'
                    f"<td>{html.escape(pair.right)}</td></tr>"
                    for row, pair in enumerate(question.pairs)
                ]
                extra.append(f'<table class="key" cellspacing="0">{"".join(rows)}</table>')
            case Spot():
                answer = "Underline:"
                for target in question.targets:
                    line = f"\u201c{html.escape(target.quote)}\u201d"
                    if target.technique:
                        technique = self.pack.manifest.techniques.get(target.technique)
                        line += f" <i>({html.escape(technique.label if technique else target.technique)})</i>"
                    if target.note and target.note.strip():
                        line += f": {self._md_inline(target.note)}"
                    extra.append(f'<p class="note">\u2022&nbsp; {line}</p>')
            case Categorize():
                answer = "Categories:"
                for category in question.categories:
                    members = [question.items[index].text for index in order if question.items[index].category == category]
                    listed = "; ".join(html.escape(text) for text in members) or "<i>(none)</i>"
                    extra.append(f'<p class="note"><b class="sans">{html.escape(category)}:</b> {listed}</p>')
            case Judge():
                answer = (
                    "<b>Reliable</b>: a rating of 4 to 6"
                    if question.reliable
                    else "<b>Not reliable</b>: a rating of 1 to 3"
                )
                if question.item.annotations:
                    extra.append(self._artefact(question.item, annotated=True))
                    extra.append(self._notes(question.item))
            case _:
                assert_never(question)
        answer_html = f'<p class="answer"><b>Answer.</b> {answer}</p>' + "".join(extra)
        if question.explanation and question.explanation.strip():
            answer_html += f'<p class="answer"><b>Explanation.</b></p>{self._md(question.explanation)}'
        body.append(self._answer_block(None, answer_html))
        self.out.extend(body)

    def _answer_block(self, label: str | None, inner: str) -> str:
        """Indent an answer under its question (a block, not a table, so it may run over a page)."""
        head = f'<p class="answer"><b>{html.escape(label)}.</b></p>' if label else ""
        inner = inner.replace("<table ", '<table style="margin-left: 18px" ')
        return f'<div style="margin-left: 18px; margin-bottom: 6px">{head}{inner}</div>'

    # ------------------------------------------------------------ shared pieces

    def _keep_together(self, parts: list[str]) -> str:
        """Wrap a question in a borderless one-cell table: the PDF keeps it on one page if it fits."""
        return (
            '<table class="question" width="100%" cellspacing="0" cellpadding="0" style="margin-top: 14px">'
            f"<tr><td>{''.join(parts)}</td></tr></table>"
        )

    def _lines(self, count: int, *, label: str | None = None) -> str:
        """Return ``count`` ruled lines to write on."""
        head = f'<td class="sans small" width="56" style="border-bottom: none">{label}</td>' if label else ""
        rows = f"<tr>{head}<td>&nbsp;</td></tr>" + "<tr><td>&nbsp;</td></tr>" * (count - 1)
        return f'<table class="lines" width="100%" cellspacing="0" cellpadding="0" style="margin-bottom: 10px">{rows}</table>'

    def _sources_line(self, keys: Sequence[str]) -> str:
        titles = []
        for key in keys:
            source = self.pack.manifest.sources.get(key)
            titles.append(MarkdownRenderer.describe_source(source, key))
        return f'<p class="reference">Sources: {"; ".join(titles)}</p>'

    def _md(self, text: str, *, css_class: str | None = None, extra_sources: Sequence[str] = ()) -> str:
        """Render Markdown with its citations numbered and listed, anchors unique in the handout."""
        rendered = self.markdown.render(text)
        citations = list(rendered.citations)
        cited = {citation.key for citation in citations}
        for key in extra_sources:
            if key not in cited:
                cited.add(key)
                citations.append(Citation(len(citations) + 1, key))
        body = rendered.html
        if citations:
            body += self.markdown.references_html(citations)
        self.rendered += 1
        body = body.replace(f'href="#{REFERENCE_ANCHOR}', f'href="#m{self.rendered}-{REFERENCE_ANCHOR}')
        body = body.replace(f'name="{REFERENCE_ANCHOR}', f'name="m{self.rendered}-{REFERENCE_ANCHOR}')
        body = body.replace("<table>", '<table class="md" cellspacing="0">')
        if css_class:
            body = body.replace("<p>", f'<p class="{css_class}">')
        return body

    def _md_inline(self, text: str) -> str:
        """Render a short Markdown field inline; citations show their number without a list."""
        out = self.markdown.render_inline(text)
        return re.sub(r'<a class="cite" href="[^"]*"', '<a class="cite"', out)


def _number(value: float) -> str:
    """Write 2.0 as "2" and 1.5 as "1.5"."""
    return f"{value:g}"

"""Moodle XML: a pack's questions as a Moodle question bank, and a Moodle bank back as questions.

The format is Moodle's own ("Moodle XML format", docs.moodle.org/en/Moodle_XML_format): a
``<quiz>`` of ``<question>`` elements, each category switch a ``<question type="category">``.
Text is written as Markdown (``format="markdown"``, which Moodle renders), images are embedded as
base64 ``<file>`` elements and named ``@@PLUGINFILE@@/name`` in the text.

Reading uses ``defusedxml`` (no DTD, no entities, no external references), with a cap on the
file's size and on how deep elements nest, and remembers each question's line for messages.
"""

from __future__ import annotations

import base64
import binascii
import re
import xml.etree.ElementTree as ET
from typing import Any, assert_never
from urllib.parse import quote, unquote

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

from app.model.interchange.bank import (
    JUDGE_SCALE,
    MAX_ASSET_BYTES,
    MAX_BANK_QUESTIONS,
    MEDIUM_TAG_PREFIX,
    TYPE_TAG_PREFIX,
    BankError,
    BankItem,
    ExportResult,
    ImportedQuestion,
    ImportResult,
    Skipped,
    bank_items,
    category_path,
    fraction_text,
    image_problem,
    imported_markdown,
    judge_markdown,
    markdown_images,
    multiple_fractions,
    parse_category,
    replace_images,
    safe_asset_name,
    unmapped_reason,
    with_readable_citations,
)
from app.model.interchange.html_text import html_to_markdown, looks_like_html, plain_to_markdown
from app.model.interchange.imported import (
    BankAnswer,
    UnconvertibleError,
    base_question,
    choice_question,
    matching_question,
    ordering_question,
    plain_text,
    reflect_step,
    short_question,
    truefalse_question,
)
from app.model.pack import Pack
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

#: elements nest at most this deep in a Moodle bank (a question is about five levels)
MAX_XML_DEPTH = 32
PLUGINFILE = "@@PLUGINFILE@@/"

# ---------------------------------------------------------------- writing


class _Writer:
    """Builds the ``<quiz>`` tree for one pack, collecting warnings as it goes."""

    def __init__(self, pack: Pack) -> None:
        self.pack = pack
        self.warnings: list[str] = []
        self.root = ET.Element("quiz")

    def text(self, parent: ET.Element, tag: str, markdown: str, where: str, *, fmt: str = "markdown") -> ET.Element:
        """Add ``<tag format=…><text>…</text></tag>``, embedding the images the Markdown shows."""
        element = ET.SubElement(parent, tag, {"format": fmt})
        files: list[tuple[str, bytes]] = []
        names: set[str] = set()

        def embed(alt: str, src: str) -> str:
            try:
                data = self.pack.source.read_bytes(src)
            except Exception as error:  # any unreadable image is a warning, not a stop
                self.warnings.append(f"{where}: the image {src} could not be read ({error}); left as a reference")
                return f"![{alt}]({src})"
            name = safe_asset_name(src, names)
            files.append((name, data))
            return f"![{alt}]({PLUGINFILE}{quote(name)})"

        text = replace_images(markdown, embed) if markdown_images(markdown) else markdown
        ET.SubElement(element, "text").text = text
        for name, data in files:
            file = ET.SubElement(element, "file", {"name": name, "path": "/", "encoding": "base64"})
            file.text = base64.b64encode(data).decode("ascii")
        return element

    def markdown(self, text: str | None) -> str:
        return with_readable_citations(text or "", self.pack)

    def category(self, item: BankItem) -> None:
        question = ET.SubElement(self.root, "question", {"type": "category"})
        ET.SubElement(ET.SubElement(question, "category"), "text").text = category_path(
            item.module.title, item.lesson.title
        )
        info = ET.SubElement(question, "info", {"format": "markdown"})
        ET.SubElement(info, "text").text = item.module.summary or ""

    def question(self, item: BankItem, question: Question) -> None:
        kind = question.__struct_config__.tag
        qtype = {
            "single": "multichoice", "multiple": "multichoice", "judge": "multichoice", "true_false": "truefalse",
            "short": "shortanswer", "match": "matching", "categorize": "matching", "order": "ordering",
        }[str(kind)]
        element = ET.SubElement(self.root, "question", {"type": qtype})
        ET.SubElement(ET.SubElement(element, "name"), "text").text = question.id
        prompt = self.markdown(question.prompt)
        if isinstance(question, Judge):
            if question.item.annotations:
                self.warnings.append(f"{item.where}: the notes on the judge item are not exported")
            prompt = judge_markdown(question, lambda path: path)
            prompt = with_readable_citations(prompt, self.pack)
        self.text(element, "questiontext", prompt, item.where)
        self.text(element, "generalfeedback", self.markdown(question.explanation), item.where)
        ET.SubElement(element, "defaultgrade").text = f"{question.points:g}"
        ET.SubElement(element, "penalty").text = "0"
        ET.SubElement(element, "hidden").text = "0"
        ET.SubElement(element, "idnumber").text = question.id
        self.body(element, question, item)
        if question.hint:
            self.text(element, "hint", self.markdown(question.hint), item.where)
        tags = ET.SubElement(element, "tags")
        tag_texts = [f"{TYPE_TAG_PREFIX}{kind}"]
        if isinstance(question, Judge):
            tag_texts.append(f"{MEDIUM_TAG_PREFIX}{question.item.medium}")
        for text in tag_texts:
            ET.SubElement(ET.SubElement(tags, "tag"), "text").text = text

    def answer(self, parent: ET.Element, text: str, fraction: float, feedback: str | None, where: str,
               fmt: str = "plain_text") -> None:
        answer = ET.SubElement(parent, "answer", {"fraction": fraction_text(fraction), "format": fmt})
        ET.SubElement(answer, "text").text = text
        self.text(answer, "feedback", self.markdown(feedback), where)

    def body(self, element: ET.Element, question: Question, item: BankItem) -> None:
        where = item.where
        match question:
            case Single() | Multiple():
                ET.SubElement(element, "single").text = "true" if isinstance(question, Single) else "false"
                ET.SubElement(element, "shuffleanswers").text = "true" if question.shuffle else "false"
                ET.SubElement(element, "answernumbering").text = "abc"
                right: float = 100.0
                wrong: float = 0.0
                if isinstance(question, Multiple):
                    count = sum(choice.correct for choice in question.choices)
                    right, wrong = multiple_fractions(count)
                    if count > 10:
                        self.warnings.append(f"{where}: {count} right answers; Moodle rounds 1/{count} to its nearest grade")
                for choice in question.choices:
                    self.answer(element, choice.text, right if choice.correct else wrong, choice.feedback, where)
            case Judge():
                ET.SubElement(element, "single").text = "true"
                ET.SubElement(element, "shuffleanswers").text = "false"
                ET.SubElement(element, "answernumbering").text = "none"
                for rating, label in enumerate(JUDGE_SCALE, start=1):
                    on_right_side = (rating >= 4) == question.reliable
                    self.answer(element, label, 100.0 if on_right_side else 0.0, None, where)
            case TrueFalse():
                for value in (True, False):
                    self.answer(element, "true" if value else "false", 100.0 if value == question.answer else 0.0,
                                None, where, fmt="moodle_auto_format")
            case Short():
                ET.SubElement(element, "usecase").text = "0"
                for accepted in question.answers:
                    self.answer(element, accepted, 100.0, None, where)
            case Match() | Categorize():
                ET.SubElement(element, "shuffleanswers").text = "true"
                if isinstance(question, Match):
                    pairs = [(pair.left, pair.right) for pair in question.pairs]
                else:
                    pairs = [(entry.text, entry.category) for entry in question.items]
                    used = {entry.category for entry in question.items}
                    pairs += [("", category) for category in question.categories if category not in used]
                for left, matched in pairs:
                    sub = ET.SubElement(element, "subquestion", {"format": "plain_text"})
                    ET.SubElement(sub, "text").text = left
                    ET.SubElement(ET.SubElement(sub, "answer"), "text").text = matched
            case Order():
                for option, setting in (("layouttype", "VERTICAL"), ("selecttype", "ALL"), ("selectcount", "0"),
                                        ("gradingtype", "ABSOLUTE_POSITION"), ("showgrading", "SHOW"),
                                        ("numberingstyle", "none")):
                    ET.SubElement(element, option).text = setting
                for position, entry in enumerate(question.items, start=1):
                    ranked = ET.SubElement(element, "answer", {"fraction": str(position), "format": "plain_text"})
                    ET.SubElement(ranked, "text").text = entry
            case Spot():
                pass  # unmapped_reason keeps spot questions out of Moodle XML before they get here
            case _:
                assert_never(question)

    def reflect(self, item: BankItem) -> None:
        assert item.reflect is not None
        element = ET.SubElement(self.root, "question", {"type": "essay"})
        ET.SubElement(ET.SubElement(element, "name"), "text").text = f"{item.lesson.id}-reflect-{item.step.lstrip('#')}"
        self.text(element, "questiontext", self.markdown(item.reflect.prompt), item.where)
        self.text(element, "generalfeedback", "", item.where)
        ET.SubElement(element, "defaultgrade").text = "0"
        ET.SubElement(element, "penalty").text = "0"
        ET.SubElement(element, "hidden").text = "0"
        for name, value in (("responseformat", "editor"), ("responserequired", "1"), ("responsefieldlines", "10"),
                            ("minwordlimit", str(item.reflect.min_words or "")), ("attachments", "0"),
                            ("attachmentsrequired", "0")):
            ET.SubElement(element, name).text = value
        self.text(element, "graderinfo", "", item.where, fmt="html")
        self.text(element, "responsetemplate", "", item.where, fmt="html")
        tags = ET.SubElement(element, "tags")
        ET.SubElement(ET.SubElement(tags, "tag"), "text").text = f"{TYPE_TAG_PREFIX}reflect"


def export_moodle_xml(pack: Pack) -> ExportResult:
    """Write the pack's questions and reflections as a Moodle XML question bank, one category per lesson."""
    writer = _Writer(pack)
    count = 0
    current: tuple[str, str] | None = None
    for item in bank_items(pack):
        if item.question is not None:
            reason = unmapped_reason(item.question, "moodle-xml")
            if reason is not None:
                writer.warnings.append(f"{item.where}: left out: {reason}")
                continue
        if current != (item.module.id, item.lesson.id):
            writer.category(item)
            current = (item.module.id, item.lesson.id)
        if item.question is not None:
            writer.question(item, item.question)
        else:
            writer.reflect(item)
        count += 1
    ET.indent(writer.root)
    data = b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(writer.root, encoding="utf-8") + b"\n"
    return ExportResult(data, count, writer.warnings)


# ---------------------------------------------------------------- reading


class _LineTreeBuilder(ET.TreeBuilder):
    """A tree builder that remembers each element's line and refuses nesting deeper than MAX_XML_DEPTH."""

    def __init__(self) -> None:
        super().__init__()
        self.lines: dict[int, int] = {}
        self.depth = 0
        self.expat: Any = None

    def start(self, tag: Any, attrs: Any) -> ET.Element:
        self.depth += 1
        if self.depth > MAX_XML_DEPTH:
            raise BankError(f"elements nest more than {MAX_XML_DEPTH} deep; this is not a Moodle question bank")
        element = super().start(tag, attrs)
        if self.expat is not None:
            self.lines[id(element)] = self.expat.CurrentLineNumber
        return element

    def end(self, tag: Any) -> ET.Element:
        self.depth -= 1
        return super().end(tag)


def parse_xml(data: bytes) -> tuple[ET.Element, dict[int, int]]:
    """Parse untrusted XML: no DTD, no entities, no external references; return the root and element lines."""
    builder = _LineTreeBuilder()
    parser = DefusedXMLParser(target=builder, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    builder.expat = parser.parser
    try:
        parser.feed(data)
        root = parser.close()
    except DefusedXmlException as error:
        kind = type(error).__name__
        what = {"DTDForbidden": "a DTD", "EntitiesForbidden": "an entity declaration",
                "ExternalReferenceForbidden": "a reference to an external file"}.get(kind, "unsafe markup")
        raise BankError(f"the file holds {what}, which a Moodle question bank never has; refused") from None
    except ET.ParseError as error:
        line, column = getattr(error, "position", (0, 0))
        message = str(error).split(":")[0]
        raise BankError(f"not well-formed XML at line {line}, column {column + 1}: {message}") from None
    return root, builder.lines


def _child_text(element: ET.Element | None, *path: str) -> str:
    for name in path:
        if element is None:
            return ""
        element = element.find(name)
    return (element.text or "") if element is not None else ""


class _Reader:
    def __init__(self, lines: dict[int, int]) -> None:
        self.lines = lines
        self.result = ImportResult()
        self.asset_names: set[str] = set()

    def line(self, element: ET.Element) -> int:
        return self.lines.get(id(element), 0)

    def files(self, element: ET.Element | None, notes: list[str]) -> dict[str, str]:
        """Store the images embedded in a text element; map each ``@@PLUGINFILE@@`` name to its asset path."""
        mapping: dict[str, str] = {}
        if element is None:
            return mapping
        for file in element.findall("file"):
            name = file.get("name") or "image"
            encoded = re.sub(r"\s+", "", file.text or "")
            if len(encoded) > MAX_ASSET_BYTES * 4 // 3 + 4:
                notes.append(f"the file {name} is larger than {MAX_ASSET_BYTES // (1024 * 1024)} MiB; left out")
                continue
            try:
                data = base64.b64decode(encoded, validate=True)
            except (binascii.Error, ValueError):
                notes.append(f"the file {name} is not valid base64; left out")
                continue
            problem = image_problem(data)
            if problem:  # SVG, another format, a decompression bomb or a damaged file
                notes.append(f"the file {name} {problem}; left out")
                continue
            asset = safe_asset_name(name, self.asset_names)
            self.result.assets[asset] = data
            path = (file.get("path") or "/").strip("/")
            full = f"{path}/{name}" if path else name
            for key in {full, quote(full), quote(full, safe="/")}:
                mapping[PLUGINFILE + key] = f"assets/{asset}"
        return mapping

    def markdown(self, element: ET.Element | None, notes: list[str], default_format: str = "html") -> str:
        """The Markdown of a text element in any Moodle format, its embedded images stored as assets."""
        if element is None:
            return ""
        text = _child_text(element, "text")
        mapping = self.files(element, notes)
        fmt = element.get("format") or default_format
        for key, path in mapping.items():
            text = text.replace(key, path)
        if fmt == "markdown":
            converted = text
        elif fmt == "plain_text":
            converted = plain_to_markdown(text)
        elif fmt == "html" or looks_like_html(text):
            converted = html_to_markdown(text)
        else:
            converted = plain_to_markdown(text)
        converted = re.sub(r"@@PLUGINFILE@@/([^)\s\"']+)", lambda m: "assets/" + unquote(m.group(1)), converted)
        converted, changed = imported_markdown(converted, self.result.assets)
        notes.extend(changed)
        return converted

    @staticmethod
    def plain(element: ET.Element | None, default_format: str | None = None) -> str:
        """The plain text of a text element (choices, items and pairs are plain text in a pack)."""
        if element is None:
            return ""
        text = _child_text(element, "text")
        fmt = element.get("format") or default_format or "html"
        if fmt in ("html", "moodle_auto_format") and (fmt == "html" or looks_like_html(text)):
            return plain_text(text)
        return text.strip()

    def read(self, root: ET.Element) -> ImportResult:
        if root.tag != "quiz":
            raise BankError(f"the file is XML but not a Moodle question bank (its root is <{root.tag}>, not <quiz>)")
        category: tuple[str, ...] = ()
        questions = root.findall("question")
        if len(questions) > MAX_BANK_QUESTIONS:
            raise BankError(f"the bank holds more than {MAX_BANK_QUESTIONS:,} questions")
        for element in questions:
            qtype = element.get("type") or ""
            if qtype == "category":
                category = parse_category(_child_text(element, "category", "text"))
                continue
            notes: list[str] = []
            name = _child_text(element, "name", "text").strip()
            label = f"{qtype} question {name!r}" if name else f"{qtype} question"
            try:
                imported = self.question(element, qtype, category, name, notes)
            except UnconvertibleError as reason:
                self.result.skipped.append(Skipped(self.line(element), f"{label}: {reason}"))
                continue
            self.result.questions.append(imported)
            self.result.notes.extend(Skipped(self.line(element), f"{label}: {note}") for note in notes)
        return self.result

    def question(self, element: ET.Element, qtype: str, category: tuple[str, ...], name: str,
                 notes: list[str]) -> ImportedQuestion:
        line = self.line(element)
        prompt = self.markdown(element.find("questiontext"), notes)
        if qtype == "essay":
            words = _child_text(element, "minwordlimit").strip()
            step = reflect_step(prompt, int(words) if words.isdigit() else 0)
            return ImportedQuestion(category, line, name, reflect=step)
        explanation = self.markdown(element.find("generalfeedback"), notes)
        hint = "\n\n".join(text for text in (self.markdown(h, notes) for h in element.findall("hint")) if text)
        try:
            points = float(_child_text(element, "defaultgrade") or 1)
        except ValueError:
            points = 1.0
        if not points > 0 or points != points or points > 1e6:
            points = 1.0
        base = base_question(prompt, explanation, points, hint)
        tags = [_child_text(tag, "text").strip() for tag in element.findall("tags/tag")]
        answers = [
            BankAnswer(self.plain(answer), self._fraction(answer),
                       self.markdown(answer.find("feedback"), notes))
            for answer in element.findall("answer")
        ]
        if qtype == "multichoice":
            single = _child_text(element, "single").strip().lower() not in ("false", "0")
            shuffle = _child_text(element, "shuffleanswers").strip().lower() not in ("false", "0")
            question = choice_question(base, answers, single=single, shuffle=shuffle, tags=tags, notes=notes)
        elif qtype == "truefalse":
            by_text = {answer.text.strip().lower(): answer for answer in answers}
            if set(by_text) != {"true", "false"}:
                raise UnconvertibleError("a true/false question needs a true and a false answer")
            question = truefalse_question(base, by_text["true"].fraction >= 99.99, by_text["true"].feedback,
                                          by_text["false"].feedback, notes)
        elif qtype == "shortanswer":
            if _child_text(element, "usecase").strip() == "1":
                notes.append("case-sensitive answers become case-insensitive (a pack compares answers that way)")
            question = short_question(base, answers, notes)
        elif qtype == "matching":
            pairs = [(self.plain(sub), self.plain(sub.find("answer"), sub.get("format")))
                     for sub in element.findall("subquestion")]
            question = matching_question(base, pairs, tags)
        elif qtype == "ordering":
            ranked = sorted(enumerate(answers), key=lambda pair: (pair[1].fraction, pair[0]))
            question = ordering_question(base, [answer.text for _, answer in ranked])
        elif qtype == "description":
            raise UnconvertibleError("a description is text, not a question; left out")
        else:
            raise UnconvertibleError(f"Unspun has no question type like Moodle's {qtype or 'untyped'} question")
        return ImportedQuestion(category, line, name, question=question)

    @staticmethod
    def _fraction(answer: ET.Element) -> float:
        try:
            value = float(answer.get("fraction") or 0)
        except ValueError:
            return 0.0
        return value if value == value else 0.0


def read_moodle_xml(data: bytes) -> ImportResult:
    """Read a Moodle XML question bank; raise BankError when the file cannot be read at all."""
    root, lines = parse_xml(data)
    return _Reader(lines).read(root)

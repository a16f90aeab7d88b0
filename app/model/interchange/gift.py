"""GIFT: Moodle's plain-text question format, written from a pack and read into one.

The rules follow Moodle's GIFT documentation (docs.moodle.org/en/GIFT_format) and its reader
(question/format/gift/format.php):

- questions are separated by blank lines; a line starting with ``//`` is a comment;
- ``::name::`` names a question, ``[markdown]`` (or ``[html]``, ``[plain]``, ``[moodle]``) sets
  the format of its text, and the answers sit between ``{`` and ``}``;
- ``=`` marks a right answer, ``~`` a wrong one, ``%50%`` a weight, ``#`` the feedback after an
  answer, ``####`` the general feedback, ``->`` a matching pair; ``{T}``/``{FALSE}`` is true/false,
  ``{}`` an essay and ``{#...}`` a numerical question;
- ``$CATEGORY: path`` switches category;
- ``\\~ \\= \\# \\{ \\} \\:`` and ``\\\\`` stand for the characters themselves, ``\\n`` for a new line.

The reader is small and strict: a block whose braces do not pair up is a syntax error that stops
the import with its line (a half-read bank is worse than none); a question GIFT can write but a
pack cannot hold (numerical, say) is skipped and reported with its line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import assert_never

from app.model.interchange.bank import (
    JUDGE_SCALE,
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
    escape_markdown,
    fraction_text,
    imported_markdown,
    judge_markdown,
    multiple_fractions,
    parse_category,
    unescape_markdown,
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

#: characters GIFT reads as syntax, escaped with a backslash
SPECIAL = "~=#{}:"
#: a GIFT question block longer than this many lines is refused (a question is a few lines)
MAX_BLOCK_LINES = 5_000

# ---------------------------------------------------------------- writing


def escape(text: str) -> str:
    """Escape text for GIFT: the backslash first, then ``~ = # { } :``, and each new line as ``\\n``."""
    text = text.replace("\\", "\\\\")
    for char in SPECIAL:
        text = text.replace(char, "\\" + char)
    return text.replace("\r\n", "\n").replace("\n", "\\n")


def _plain(text: str) -> str:
    """A pack's plain-text field (a choice, a pair) as GIFT Markdown that shows it as written."""
    return escape(escape_markdown(text))


def _feedback(text: str | None, pack: Pack) -> str:
    return f"#{escape(with_readable_citations(text, pack))}" if text else ""


def _question_lines(item: BankItem, question: Question, pack: Pack) -> list[str]:
    kind = str(question.__struct_config__.tag)
    tags = [f"{TYPE_TAG_PREFIX}{kind}"]
    prompt = with_readable_citations(question.prompt, pack)
    if isinstance(question, Judge):
        tags.append(f"{MEDIUM_TAG_PREFIX}{question.item.medium}")
        prompt = with_readable_citations(judge_markdown(question, lambda path: path), pack)
    head = [f"// {item.where}  [tag:{'] [tag:'.join(tags)}]"]
    answers: list[str] = []
    match question:
        case Single():
            answers = [f"{'=' if c.correct else '~'}{_plain(c.text)}{_feedback(c.feedback, pack)}" for c in question.choices]
        case Multiple():
            right, wrong = multiple_fractions(sum(choice.correct for choice in question.choices))
            answers = [
                f"~%{fraction_text(right if c.correct else wrong)}%{_plain(c.text)}{_feedback(c.feedback, pack)}"
                for c in question.choices
            ]
        case Judge():
            answers = [
                f"{'=' if (rating >= 4) == question.reliable else '~'}{_plain(label)}"
                for rating, label in enumerate(JUDGE_SCALE, start=1)
            ]
        case TrueFalse():
            answers = ["TRUE" if question.answer else "FALSE"]
        case Short():
            answers = [f"={_plain(text)}" for text in question.answers]
        case Match() | Categorize():
            if isinstance(question, Match):
                pairs = [(pair.left, pair.right) for pair in question.pairs]
            else:
                pairs = [(entry.text, entry.category) for entry in question.items]
                used = {entry.category for entry in question.items}
                pairs += [("", category) for category in question.categories if category not in used]
            answers = [f"={_plain(left)} -> {_plain(right)}" for left, right in pairs]
        case Order() | Spot():
            pass  # unmapped_reason keeps these out of GIFT before they get here
        case _:
            assert_never(question)
    if question.explanation:
        answers.append(f"####{escape(with_readable_citations(question.explanation, pack))}")
    return [*head, f"::{escape(question.id)}::[markdown]{escape(prompt)}{{", *(f"\t{a}" for a in answers), "}"]


def export_gift(pack: Pack) -> ExportResult:
    """Write the pack's questions and reflections as GIFT, one ``$CATEGORY`` per lesson."""
    lines = [f"// Question bank of the Unspun pack {pack.id}: {pack.title}",
             "// Images are referenced by their path inside the pack; upload them with the questions.", ""]
    warnings: list[str] = []
    count = 0
    current: tuple[str, str] | None = None
    for item in bank_items(pack):
        if item.question is not None:
            reason = unmapped_reason(item.question, "gift")
            if reason is not None:
                warnings.append(f"{item.where}: left out: {reason}")
                continue
            if isinstance(item.question, Judge) and item.question.item.annotations:
                warnings.append(f"{item.where}: the notes on the judge item are not exported")
            if item.question.hint:
                warnings.append(f"{item.where}: the hint is not exported (GIFT has no hints)")
            if isinstance(item.question, Match | Categorize) and any(
                "->" in text for pair in _pairs(item.question) for text in pair
            ):
                warnings.append(f"{item.where}: a pair holds '->', which GIFT reads as the arrow between its sides")
        if current != (item.module.id, item.lesson.id):
            lines += [f"$CATEGORY: {category_path(item.module.title, item.lesson.title)}", ""]
            current = (item.module.id, item.lesson.id)
        if item.question is not None:
            lines += _question_lines(item, item.question, pack)
        else:
            assert item.reflect is not None
            name = f"{item.lesson.id}-reflect-{item.step.lstrip('#')}"
            prompt = escape(with_readable_citations(item.reflect.prompt, pack))
            lines += [f"// {item.where}  [tag:{TYPE_TAG_PREFIX}reflect]", f"::{name}::[markdown]{prompt}{{}}"]
        lines.append("")
        count += 1
    return ExportResult("\n".join(lines).encode("utf-8"), count, warnings)


def _pairs(question: Match | Categorize) -> list[tuple[str, str]]:
    if isinstance(question, Match):
        return [(pair.left, pair.right) for pair in question.pairs]
    return [(entry.text, entry.category) for entry in question.items]


# ---------------------------------------------------------------- reading

# Escaped characters are swapped for private-use characters while the syntax is read, then back.
_ESCAPES = {"\\\\": "\ue000", "\\~": "\ue001", "\\=": "\ue002", "\\#": "\ue003", "\\{": "\ue004",
            "\\}": "\ue005", "\\:": "\ue006", "\\n": "\ue007"}
_RESTORE = {"\ue000": "\\", "\ue001": "~", "\ue002": "=", "\ue003": "#", "\ue004": "{", "\ue005": "}",
            "\ue006": ":", "\ue007": "\n"}
_WEIGHT = re.compile(r"^%(-?\d+(?:\.\d+)?)%")
_FORMAT = re.compile(r"^\s*\[(markdown|html|plain|moodle)\]", re.IGNORECASE)
_TAG = re.compile(r"\[tag:([^\]]+)\]")


def _protect(text: str) -> str:
    text = text.replace("\\\\", _ESCAPES["\\\\"])
    for escaped, placeholder in _ESCAPES.items():
        text = text.replace(escaped, placeholder)
    return text


def _restore(text: str) -> str:
    for placeholder, char in _RESTORE.items():
        text = text.replace(placeholder, char)
    return text


@dataclass(slots=True)
class _Block:
    line: int
    lines: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)


def _blocks(text: str) -> list[_Block]:
    """Split GIFT text into question blocks (blank-line separated), dropping comments but keeping their tags."""
    blocks: list[_Block] = []
    current: _Block | None = None
    tags: list[str] = []
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.strip()
        if stripped.startswith("//"):
            tags += [tag.strip() for tag in _TAG.findall(stripped)]
            continue
        if not stripped:
            if current is not None:
                blocks.append(current)
                current = None
            continue
        if current is None:
            current = _Block(number, tags=tags)
            tags = []
        current.lines.append(line)
        if len(current.lines) > MAX_BLOCK_LINES:
            raise BankError(f"line {current.line}: a question longer than {MAX_BLOCK_LINES:,} lines; "
                            "is a blank line missing between questions?")
    if current is not None:
        blocks.append(current)
    return blocks


def _name_and_rest(block: _Block, text: str) -> tuple[str, str]:
    """Split ``::name::`` off a question's (protected) text."""
    if not text.startswith("::"):
        return "", text
    end = text.find("::", 2)
    if end < 0:
        raise BankError(f"line {block.line}: the question name has no closing '::'")
    return _restore(text[2:end]).strip(), text[end + 2 :]


class _Reader:
    def __init__(self) -> None:
        self.result = ImportResult()

    def markdown(self, text: str, fmt: str, notes: list[str]) -> str:
        text = _restore(text).strip()
        if fmt == "markdown":
            converted = text
        elif fmt == "html" or (fmt == "moodle" and looks_like_html(text)):
            converted = html_to_markdown(text)
        else:
            converted = plain_to_markdown(text)
        converted, changed = imported_markdown(converted, self.result.assets)
        notes.extend(changed)
        return converted

    @staticmethod
    def plain(text: str, fmt: str) -> str:
        text = _restore(text).strip()
        if fmt == "markdown":
            return unescape_markdown(text)
        if fmt == "html" or (fmt == "moodle" and looks_like_html(text)):
            return plain_text(text)
        return text

    def read(self, text: str) -> ImportResult:
        category: tuple[str, ...] = ()
        for block in _blocks(text.replace("\r\n", "\n").replace("\r", "\n")):
            lines = list(block.lines)
            if lines[0].strip().startswith("$CATEGORY:"):
                category = parse_category(_restore(_protect(lines.pop(0).strip()[len("$CATEGORY:"):])))
                if not lines:
                    continue
            if len(self.result.questions) + len(self.result.skipped) >= MAX_BANK_QUESTIONS:
                raise BankError(f"the bank holds more than {MAX_BANK_QUESTIONS:,} questions")
            notes: list[str] = []
            name, text = _name_and_rest(block, _protect("\n".join(lines)).strip())
            try:
                imported = self.question(block, name, text, category, notes)
            except UnconvertibleError as reason:
                label = f"question {name!r}" if name else "question"
                self.result.skipped.append(Skipped(block.line, f"{label}: {reason}"))
                continue
            self.result.questions.append(imported)
            label = f"question {imported.name!r}" if imported.name else "question"
            self.result.notes.extend(Skipped(block.line, f"{label}: {note}") for note in notes)
        return self.result

    def question(self, block: _Block, name: str, text: str, category: tuple[str, ...],
                 notes: list[str]) -> ImportedQuestion:
        fmt = "moodle"
        match = _FORMAT.match(text)
        if match:
            fmt, text = match.group(1).lower(), text[match.end() :]
        opening, closing = text.find("{"), text.find("}")
        if opening < 0 and closing < 0:
            raise UnconvertibleError("text without answers is a description, not a question; left out")
        if closing < 0:
            raise BankError(f"line {block.line}: the answers opened with '{{' are never closed with '}}'")
        if opening < 0 or closing < opening:
            raise BankError(f"line {block.line}: a '}}' without its '{{' (write \\}} for a brace in the text)")
        if "{" in text[opening + 1 :] or "}" in text[closing + 1 :]:
            raise BankError(f"line {block.line}: more than one pair of braces (write \\{{ and \\}} for braces in text)")
        before, answer_text, after = text[:opening], text[opening + 1 : closing], text[closing + 1 :]
        prompt_raw = before + (" _____ " + after if after.strip() else "")
        prompt = self.markdown(prompt_raw, fmt, notes)
        general = ""
        if "####" in answer_text:
            answer_text, general = answer_text.rsplit("####", 1)
        explanation = self.markdown(general, fmt, notes)
        answer_text = answer_text.strip()
        if answer_text == "":
            return ImportedQuestion(category, block.line, name, reflect=reflect_step(prompt, 0))
        base = base_question(prompt, explanation, 1.0, "")
        if answer_text.startswith("#"):
            raise UnconvertibleError("Unspun has no numerical question type")
        if "~" in answer_text:
            single = "=" in answer_text
            answers = [self.answer(part, fmt, notes) for part in answer_text.replace("=", "~=").split("~")[1:]]
            question = choice_question(base, answers, single=single, shuffle=True, tags=block.tags, notes=notes)
        elif "=" not in answer_text:
            value, _, comment = answer_text.partition("#")
            word = value.strip().upper()
            if word not in ("T", "TRUE", "F", "FALSE"):
                raise UnconvertibleError(f"{_restore(value).strip()!r} is not an answer GIFT knows (T, F or =, ~)")
            wrong, _, right = comment.partition("#")
            is_true = word in ("T", "TRUE")
            feedback_right, feedback_wrong = self.markdown(right, fmt, notes), self.markdown(wrong, fmt, notes)
            question = truefalse_question(base, is_true, feedback_right if is_true else feedback_wrong,
                                          feedback_wrong if is_true else feedback_right, notes)
        elif "->" in answer_text:
            pairs = []
            for part in answer_text.split("=")[1:]:
                left, arrow, right = part.partition("->")
                if not arrow:
                    raise UnconvertibleError("a matching answer without '->'")
                pairs.append((self.plain(left, fmt), self.plain(right.split("#")[0], fmt)))
            question = matching_question(base, pairs, block.tags)
        else:
            answers = [self.answer(part, fmt, notes) for part in answer_text.split("=")[1:]]
            question = short_question(base, [BankAnswer(a.text, a.fraction or 100.0, a.feedback) for a in answers],
                                      notes)
        return ImportedQuestion(category, block.line, name, question=question)

    def answer(self, part: str, fmt: str, notes: list[str]) -> BankAnswer:
        part = part.strip()
        fraction = 0.0
        if part.startswith("="):
            fraction, part = 100.0, part[1:].lstrip()
        weight = _WEIGHT.match(part)
        if weight:
            fraction, part = float(weight.group(1)), part[weight.end() :]
        text, _, feedback = part.partition("#")
        return BankAnswer(self.plain(text, fmt), fraction, self.markdown(feedback, fmt, notes))


def read_gift(text: str) -> ImportResult:
    """Read GIFT text; raise BankError for a syntax error (with its line), skip what a pack cannot hold."""
    if "\x00" in text:
        raise BankError("the file holds NUL characters; it is not GIFT text")
    return _Reader().read(text)

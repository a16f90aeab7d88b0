"""Hardened YAML reading: bytes in, a tree of nodes that keep their positions out.

The tree is built from libyaml's event stream with an explicit stack, so nesting is refused at
``MAX_DEPTH`` before anything recurses, aliases are never expanded and nothing is constructed
except plain scalars, which are typed the way PyYAML's SafeLoader types YAML 1.1. Every failure,
whatever its exception, becomes a ``Problem`` with a position.

Guarantees for the tree handed back (the schema walker relies on them):

- every mapping key is a ``Scalar`` of kind ``"str"``, and keys are unique within one mapping;
  entries whose key was refused (not a string, a collection, a duplicate, an alias) are left out,
  their problem already reported;
- aliases are left out (reported); tagged nodes are kept as if untagged (reported);
- ``Scalar.value`` is ``None`` for kind ``"null"``, and also for an ``"int"`` too long to convert
  or a ``"timestamp"`` that is not a real date (such as ``2024-02-30``).
"""

from __future__ import annotations

import contextlib
import datetime
import gc
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal

import yaml
import yaml.constructor
import yaml.resolver
from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

from app.model.limits import MAX_DEPTH, MAX_INT_DIGITS, MAX_PROBLEMS_PER_FILE, MAX_YAML_BYTES
from app.model.problems import Problem

try:
    _Loader: Any = yaml.CSafeLoader
except AttributeError:  # PyYAML built without libyaml
    _Loader = yaml.SafeLoader

__all__ = ["Mapping", "Node", "Scalar", "ScalarKind", "Sequence", "collector_paused", "load_yaml", "to_plain"]

ScalarKind = Literal["str", "int", "float", "bool", "null", "timestamp", "binary"]
ScalarValue = str | int | float | bool | None | datetime.date | datetime.datetime


@dataclass(slots=True)
class Node:
    """A YAML node at a 1-based line and column (columns in Unicode code points)."""

    line: int
    column: int


@dataclass(slots=True)
class Scalar(Node):
    """A scalar with its YAML 1.1 type; ``raw`` is its text before typing, ``plain`` its style."""

    value: ScalarValue
    kind: ScalarKind
    raw: str
    plain: bool


@dataclass(slots=True)
class Mapping(Node):
    """A mapping: (key, value) pairs in file order; keys are unique ``str`` scalars."""

    items: list[tuple[Scalar | Node, Node]]


@dataclass(slots=True)
class Sequence(Node):
    """A sequence of nodes in file order."""

    items: list[Node]


# --- typing plain scalars ---------------------------------------------------------------------

_TAG_KINDS = {
    "tag:yaml.org,2002:null": "null",
    "tag:yaml.org,2002:bool": "bool",
    "tag:yaml.org,2002:int": "int",
    "tag:yaml.org,2002:float": "float",
    "tag:yaml.org,2002:timestamp": "timestamp",
    "tag:yaml.org,2002:merge": "merge",
    "tag:yaml.org,2002:value": "value",
}


def _resolver_table() -> dict[str | None, tuple[tuple[str, re.Pattern[str]], ...]]:
    """Return PyYAML's implicit resolvers keyed by first character, tags replaced by kinds."""
    table: dict[str | None, tuple[tuple[str, re.Pattern[str]], ...]] = {}
    for first, resolvers in yaml.resolver.Resolver.yaml_implicit_resolvers.items():
        table[first] = tuple((_TAG_KINDS.get(tag, "str"), regexp) for tag, regexp in resolvers)
    return table


_RESOLVERS = _resolver_table()
_WILDCARD = _RESOLVERS.pop(None, ())
if _WILDCARD:  # never so in PyYAML 6; kept so a future resolver is not silently skipped
    for _first in list(_RESOLVERS):
        _RESOLVERS[_first] += _WILDCARD
_BOOL_VALUES = yaml.constructor.SafeConstructor.bool_values


def _word_table() -> tuple[dict[str, tuple[ScalarKind, ScalarValue]], frozenset[str]]:
    """Return the bool and null words, and the first characters that only those can start.

    Most plain scalars start with a letter that PyYAML's resolvers consider only for booleans and
    null, which are a closed set of words: one dict lookup types them, instead of running regexes.
    """
    spellings = "y Y yes Yes YES n N no No NO true True TRUE false False FALSE on On ON off Off OFF"
    words: dict[str, tuple[ScalarKind, ScalarValue]] = {}
    for word in [*spellings.split(), "~", "null", "Null", "NULL", ""]:
        for kind, regexp in _RESOLVERS.get(word[:1], ()):
            if regexp.match(word):
                if kind == "bool":
                    words[word] = ("bool", _BOOL_VALUES[word.lower()])
                elif kind == "null":
                    words[word] = ("null", None)
                break
    word_only = frozenset(
        first
        for first, resolvers in _RESOLVERS.items()
        if first and all(kind in ("bool", "null") for kind, _ in resolvers)
    )
    return words, word_only


_WORDS, _WORD_ONLY_FIRSTS = _word_table()
_TIMESTAMP_CONSTRUCTOR = yaml.constructor.SafeConstructor()


class _StopReadingError(Exception):
    """Raised inside the builder when reading must end (a limit, too many problems)."""


def _shorten(text: str, limit: int = 40) -> str:
    """Return ``text`` cut to ``limit`` characters, with an ellipsis when cut."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _int_value(text: str) -> int:
    """Convert YAML 1.1 integer text the way SafeConstructor does (octal, hex, sexagesimal)."""
    text = text.replace("_", "")
    sign = -1 if text[0] == "-" else 1
    if text[0] in "+-":
        text = text[1:]
    if text == "0":
        return 0
    if text.startswith("0b"):
        return sign * int(text[2:], 2)
    if text.startswith("0x"):
        return sign * int(text[2:], 16)
    if text[0] == "0":
        return sign * int(text, 8)
    if ":" in text:
        total = 0
        for part in text.split(":"):
            total = total * 60 + int(part)
        return sign * total
    return sign * int(text)


def _float_value(text: str) -> float:
    """Convert YAML 1.1 float text the way SafeConstructor does (.inf, .nan, sexagesimal)."""
    text = text.replace("_", "").lower()
    sign = -1.0 if text[0] == "-" else 1.0
    if text[0] in "+-":
        text = text[1:]
    if text == ".inf":
        return sign * float("inf")
    if text == ".nan":
        return float("nan")
    if ":" in text:
        total = 0.0
        for part in text.split(":"):
            total = total * 60 + float(part)
        return sign * total
    return sign * float(text)


# --- building the tree ------------------------------------------------------------------------

_TOO_DEEP = f"YAML is nested deeper than the {MAX_DEPTH}-level limit"
_AWAITING_KEY = object()
_REFUSED_KEY = object()

_KEY_TYPE_NAMES = {
    "bool": "a boolean",
    "int": "an integer",
    "float": "a number",
    "null": "null",
    "timestamp": "a date",
}


def _tag_text(tag: str) -> str:
    """Return a tag as its author most likely wrote it (``!!str`` rather than the full URI)."""
    if tag.startswith("tag:yaml.org,2002:"):
        tag = "!!" + tag[len("tag:yaml.org,2002:") :]
    elif not tag.startswith("!"):
        tag = f"!<{tag}>"
    return _shorten(tag, 60)


class _Builder:
    """Turn one file's event stream into nodes, collecting problems as it goes."""

    __slots__ = ("file", "problems")

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []

    def error(self, line: int, column: int, message: str) -> None:
        """Record an error; stop reading once the file has too many."""
        self.problems.append(Problem(self.file, line, column, "error", message))
        if len(self.problems) >= MAX_PROBLEMS_PER_FILE:
            self.problems.append(
                Problem(
                    self.file,
                    line,
                    column,
                    "error",
                    f"stopped reading after {MAX_PROBLEMS_PER_FILE:,} problems in this file",
                )
            )
            raise _StopReadingError

    def decorations(self, event: Any) -> None:
        """Report the tag and anchor an event carries; both are refused."""
        mark = event.start_mark
        if event.anchor is not None:
            self.error(
                mark.line + 1,
                mark.column + 1,
                f"anchors are not allowed (`&{_shorten(event.anchor)}`); write the content out",
            )
        if event.tag is not None:
            self.error(
                mark.line + 1,
                mark.column + 1,
                f"tags are not allowed (`{_tag_text(event.tag)}`); write plain YAML",
            )

    def typed(
        self, text: str, line: int, column: int, resolvers: tuple[tuple[str, re.Pattern[str]], ...]
    ) -> Scalar:
        """Type a plain scalar with PyYAML's implicit resolvers and construct its value safely."""
        for kind, regexp in resolvers:
            if not regexp.match(text):
                continue
            if kind == "null":
                return Scalar(line, column, None, "null", text, True)
            if kind == "bool":
                return Scalar(line, column, _BOOL_VALUES[text.lower()], "bool", text, True)
            if kind == "int":
                if len(text) > MAX_INT_DIGITS:
                    self.error(
                        line,
                        column,
                        f"number `{_shorten(text)}` is too long (more than {MAX_INT_DIGITS:,} "
                        f"digits); quote it if it is text",
                    )
                    return Scalar(line, column, None, "int", text, True)
                try:
                    return Scalar(line, column, _int_value(text), "int", text, True)
                except ValueError:
                    self.error(line, column, f"could not read the number `{_shorten(text)}`; quote it")
                    return Scalar(line, column, None, "int", text, True)
            if kind == "float":
                try:
                    return Scalar(line, column, _float_value(text), "float", text, True)
                except (ValueError, OverflowError):
                    self.error(line, column, f"could not read the number `{_shorten(text)}`; quote it")
                    return Scalar(line, column, None, "float", text, True)
            if kind == "timestamp":
                value: ScalarValue
                try:
                    value = _TIMESTAMP_CONSTRUCTOR.construct_yaml_timestamp(
                        yaml.ScalarNode("tag:yaml.org,2002:timestamp", text)
                    )
                except Exception:  # not a real date, e.g. 2024-02-30
                    value = None
                return Scalar(line, column, value, "timestamp", text, True)
            break
        return Scalar(line, column, text, "str", text, True)

    def refuse_key(self, key: Node) -> None:
        """Report a mapping key that is not a string."""
        if isinstance(key, Scalar):
            if key.plain and key.raw == "<<":
                message = 'key `<<` is read by YAML as a merge key; quote it: "<<"'
            elif key.kind == "null" and key.raw == "":
                message = "a key is empty; write a name before the ':'"
            else:
                raw = _shorten(key.raw)
                quoted = '"' + raw.replace("\\", "\\\\").replace('"', '\\"') + '"'
                what = _KEY_TYPE_NAMES.get(key.kind, key.kind)
                message = f"key `{raw}` is read by YAML as {what}; quote it: {quoted}"
        else:
            what = "a mapping" if isinstance(key, Mapping) else "a list"
            message = f"a key must be a string, not {what}"
        self.error(key.line, key.column, message)

    def build(self, loader: Any) -> Node | None:
        """Read events until the stream ends and return the document's root node."""
        get_event = loader.get_event
        resolvers_for = _RESOLVERS.get
        words = _WORDS
        word_only_firsts = _WORD_ONLY_FIRSTS
        # The open collection's state lives in locals; its parents' states wait on ``stack``.
        stack: list[tuple[Any, Any, bool, Any, Any]] = []
        container: Node | None = None
        append: Any = None
        in_mapping = False
        pending: Any = _AWAITING_KEY  # the key awaiting its value, or a marker
        seen: dict[Any, int] = {}
        root: Node | None = None
        documents = 0
        node: Node | None
        while True:
            event = get_event()
            cls = event.__class__
            if cls is ScalarEvent:
                mark = event.start_mark
                text = event.value
                if event.style:
                    node = Scalar(mark.line + 1, mark.column + 1, text, "str", text, False)
                else:
                    first = text[:1]
                    resolvers = resolvers_for(first)
                    if resolvers is None:
                        node = Scalar(mark.line + 1, mark.column + 1, text, "str", text, True)
                    elif (word := words.get(text)) is not None:
                        node = Scalar(mark.line + 1, mark.column + 1, word[1], word[0], text, True)
                    elif first in word_only_firsts:
                        node = Scalar(mark.line + 1, mark.column + 1, text, "str", text, True)
                    else:
                        node = self.typed(text, mark.line + 1, mark.column + 1, resolvers)
                if event.tag is not None or event.anchor is not None:
                    self.decorations(event)
            elif cls is MappingStartEvent or cls is SequenceStartEvent:
                mark = event.start_mark
                if len(stack) >= MAX_DEPTH:
                    self.problems.append(
                        Problem(self.file, mark.line + 1, mark.column + 1, "error", _TOO_DEEP)
                    )
                    raise _StopReadingError
                if event.tag is not None or event.anchor is not None:
                    self.decorations(event)
                stack.append((container, append, in_mapping, pending, seen))
                items: list[Any] = []
                append = items.append
                if cls is MappingStartEvent:
                    container = Mapping(mark.line + 1, mark.column + 1, items)
                    in_mapping = True
                    pending = _AWAITING_KEY
                    seen = {}
                else:
                    container = Sequence(mark.line + 1, mark.column + 1, items)
                    in_mapping = False
                continue
            elif cls is MappingEndEvent or cls is SequenceEndEvent:
                node = container
                container, append, in_mapping, pending, seen = stack.pop()
            elif cls is AliasEvent:
                mark = event.start_mark
                self.error(
                    mark.line + 1,
                    mark.column + 1,
                    f"aliases are not allowed (`*{_shorten(event.anchor)}`); write the content out",
                )
                node = None
            elif cls is DocumentStartEvent:
                documents += 1
                if documents > 1:
                    mark = event.start_mark
                    self.error(
                        mark.line + 1,
                        mark.column + 1,
                        "a second YAML document starts here; a file holds exactly one",
                    )
                    return root
                continue
            elif cls is StreamEndEvent:
                break
            else:  # stream start, document end
                continue

            if container is None:
                root = node
            elif not in_mapping:
                if node is not None:
                    append(node)
            elif pending is not _AWAITING_KEY:
                if pending is not _REFUSED_KEY and node is not None:
                    append((pending, node))
                pending = _AWAITING_KEY
            elif node is None:
                pending = _REFUSED_KEY
            elif node.__class__ is Scalar and node.kind == "str" and not (node.plain and node.value == "<<"):
                first_line = seen.get(node.value)
                if first_line is None:
                    seen[node.value] = node.line
                    pending = node
                else:
                    self.error(
                        node.line,
                        node.column,
                        f"duplicate key `{_shorten(str(node.value))}` (first at line {first_line})",
                    )
                    pending = _REFUSED_KEY
            else:
                self.refuse_key(node)
                pending = _REFUSED_KEY

        if documents == 0 or (root.__class__ is Scalar and root.kind == "null" and root.raw == ""):
            self.error(1, 1, "file is empty")
            return None
        return root


# --- turning failures into problems -----------------------------------------------------------

_NOT_YAML_CHARACTER = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _position(text: str, index: int) -> tuple[int, int]:
    """Return the 1-based line and column (code points) of ``index`` in ``text``."""
    line_start = text.rfind("\n", 0, index) + 1
    line = text.count("\n", 0, index) + 1
    column = index - line_start + 1
    if line == 1 and text.startswith("\ufeff"):
        column -= 1
    return line, max(column, 1)


def _undecodable(data: bytes, error: UnicodeDecodeError, file: str) -> Problem:
    """Describe the first byte that is not UTF-8, with its position."""
    good = data[: error.start].decode("utf-8")
    line, column = _position(good, len(good))
    bad = data[error.start]
    return Problem(
        file,
        line,
        column,
        "error",
        f"file is not UTF-8 text (byte 0x{bad:02X} cannot be read); save it as UTF-8",
    )


def _parse_failure(error: BaseException, data: bytes, file: str) -> Problem:
    """Turn whatever the parser raised into a problem with a position."""
    if isinstance(error, yaml.reader.ReaderError):
        text = data.decode("utf-8", "replace")
        found = _NOT_YAML_CHARACTER.search(text)
        if found:
            line, column = _position(text, found.start())
            return Problem(
                file, line, column, "error", f"character U+{ord(found.group()):04X} is not allowed in YAML"
            )
        return Problem(file, 1, 1, "error", f"could not read the file: {error.reason}")
    if isinstance(error, yaml.MarkedYAMLError) and error.problem_mark is not None:
        mark = error.problem_mark
        if error.problem == "exceeded maximum nesting depth":
            return Problem(file, mark.line + 1, mark.column + 1, "error", _TOO_DEEP)
        message = f"could not parse YAML: {error.problem or 'invalid syntax'}"
        if error.context:
            context = error.context
            if error.context_mark is not None and (error.context_mark.line, error.context_mark.column) != (
                mark.line,
                mark.column,
            ):
                context += (
                    f" that started at line {error.context_mark.line + 1}, "
                    f"column {error.context_mark.column + 1}"
                )
            message += f" ({context})"
        text = data.decode("utf-8", "replace")
        if (
            error.problem == "found character that cannot start any token"
            and _char_at(text, mark.line, mark.column) == "\t"
        ):
            message += "; YAML does not allow tabs for indentation"
        message += _open_quote_hint(text, mark.line, mark.column)
        if error.problem in _INDENTATION_PROBLEMS:
            moved = indentation_problem(text, mark.line)
            if moved is not None:
                return Problem(file, moved[0], moved[1], "error", moved[2])
        return Problem(file, mark.line + 1, mark.column + 1, "error", message)
    if isinstance(error, RecursionError):
        return Problem(file, 1, 1, "error", "could not parse YAML: it is nested too deeply")
    if isinstance(error, MemoryError):
        return Problem(file, 1, 1, "error", "could not parse YAML: it needs too much memory")
    detail = _shorten(str(error) or type(error).__name__, 120)
    return Problem(file, 1, 1, "error", f"could not parse YAML: {detail}")


_BLOCK_SCALAR_START = re.compile(r"(?:^|[:\-?]\s+)[|>][0-9+-]*\s*$")

#: what PyYAML says when a line is indented wrongly; the line it names is often one after the mistake
_INDENTATION_PROBLEMS = frozenset(
    {
        "mapping values are not allowed here",
        "mapping values are not allowed in this context",
        "did not find expected key",
        "did not find expected '-' indicator",
        "could not find expected ':'",
        "expected <block end>, but found '-'",
        "expected <block end>, but found '<block mapping start>'",
        "expected <block end>, but found '<block sequence start>'",
        "expected <block end>, but found '<scalar>'",
    }
)
_KEY_LINE = re.compile(r"""^(?:-\s+)*(?:"[^"]*"|'[^']*'|[^\s#'"][^:#]*?)\s*:(?:\s|$)""")


def _shown_line(row: str) -> str:
    """Show a line of the file in a message, shortened, its leading spaces kept visible by quoting."""
    return _shorten(row.rstrip(), 70)


def indentation_problem(text: str, error_line: int) -> tuple[int, int, str] | None:
    """Find the line whose indentation broke the file, up to the 0-based ``error_line``.

    Returns (line, column, message), 1-based, in plain words with the line above shown, or None
    when no line looks moved. PyYAML names where it gave up, which is often the line after the
    one that moved; this walks the indentation levels from the top to find that line.
    """
    rows = text.split("\n")[: error_line + 1]
    levels: list[int] = [0]  # the indentations open so far
    block_indent = -1  # inside a | or > block: lines deeper than this are its text
    block_text_indent = -1
    above = -1  # the index of the last line that was not blank, a comment or block text
    for index, raw in enumerate(rows):
        row = raw.lstrip("\ufeff") if index == 0 else raw
        stripped = row.strip()
        if not stripped or stripped.startswith("#") or stripped in ("---", "..."):
            continue
        indent = len(row) - len(row.lstrip(" "))
        if block_indent >= 0:
            if indent > block_indent:
                if block_text_indent < 0:
                    block_text_indent = indent
                continue
            block_indent = block_text_indent = -1
            if above >= 0 and not _KEY_LINE.match(stripped) and not stripped.startswith("- "):
                return (
                    index + 1,
                    indent + 1,
                    "this line is not a `key: value` and is indented as far as the keys above it; if it "
                    f"belongs to the text above, indent it as far as that text. The line above "
                    f"(line {index}): `{_shown_line(rows[index - 1])}`",
                )
        previous = rows[above].strip() if above >= 0 else ""
        opens = previous.endswith(":") or previous.endswith("- ") or previous == "-" or bool(
            re.search(r"(?:^|\s)-\s*$", previous)
        )
        if indent > levels[-1]:
            if above >= 0 and not opens and (_KEY_LINE.match(stripped) or stripped.startswith("- ")):
                shown = rows[above]
                return (
                    index + 1,
                    indent + 1,
                    f"this line is indented more than the line above it (line {above + 1}), which does not "
                    f"end with `:` and so opens nothing; line it up with that line. The line above: "
                    f"`{_shown_line(shown)}`",
                )
            levels.append(indent)
        elif indent < levels[-1]:
            while levels and levels[-1] > indent:
                levels.pop()
            if not levels or levels[-1] != indent:
                return (
                    index + 1,
                    indent + 1,
                    f"this line is indented {indent} spaces, less than the line above it but lined up "
                    "with nothing above; line it up with the other lines of its list or section. The line "
                    f"above (line {above + 1}): `{_shown_line(rows[above])}`",
                )
        # "- key: value" opens the item's own level, two places in
        item = re.match(r"^((?:-\s+)+)", stripped)
        if item:
            levels.append(indent + len(item.group(1)))
        if _BLOCK_SCALAR_START.search(row.split(" #", 1)[0]):
            block_indent = indent if not item else indent + len(item.group(1))
        above = index
    return None


def _open_quote_hint(text: str, line: int, column: int) -> str:
    """Name the quoted value that runs on from an earlier line to an error (a closing quote left out).

    A missing closing quote makes YAML read on to the next quote, often many lines later, and the
    error is reported there; the author needs the line where the quote was opened.
    """
    rows = text.split("\n", line + 1)[: line + 1]
    quote = ""  # the quote character of the value being read, if any
    start = (0, 0)  # where that value's quote opened
    closed: tuple[int, int, int] | None = None  # the last quoted value: start line, start column, end line
    block_indent = -1  # inside a | or > block scalar: lines indented deeper than this are text
    for index, row in enumerate(rows):
        indent = len(row) - len(row.lstrip(" "))
        if not quote and block_indent >= 0:
            if not row.strip() or indent > block_indent:
                continue
            block_indent = -1
        end = min(column, len(row)) if index == line else len(row)  # YAML breaks lines at NEL too: rows may be shorter
        position = 0 if quote or '"' in row or "'" in row else end  # most lines hold no quote: skip them
        while position < end:
            char = row[position]
            if quote == '"':
                if char == "\\":
                    position += 1
                elif char == '"':
                    quote, closed = "", (*start, index)
            elif quote == "'":
                if char == "'" and row[position + 1 : position + 2] == "'":
                    position += 1
                elif char == "'":
                    quote, closed = "", (*start, index)
            elif char == "#" and (position == 0 or row[position - 1] in " \t"):
                break
            elif char in "\"'":
                before = row[:position].rstrip()
                if not before or before[-1] in "[{," or (before[-1] in ":-?" and row[position - 1] in " \t"):
                    quote, start = char, (index, position)
            position += 1
        if not quote and _BLOCK_SCALAR_START.search(row.split(" #", 1)[0]):
            block_indent = indent
    if quote:
        opened = start
    elif closed is not None and closed[2] == line:
        opened = closed[:2]
    else:
        return ""
    if opened[0] >= line:
        return ""
    return (
        f"; the quoted text opened at line {opened[0] + 1}, column {opened[1] + 1} runs on to here:"
        " is its closing quote missing?"
    )


def _char_at(text: str, line: int, column: int) -> str:
    """Return the character at a 0-based line and column, or '' when there is none."""
    lines = text.split("\n", line + 1)
    if line >= len(lines):
        return ""
    row = lines[line].lstrip("\ufeff") if line == 0 else lines[line]
    return row[column] if column < len(row) else ""


# --- public API -------------------------------------------------------------------------------


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while building a large acyclic structure.

    A 10 MB file becomes about a million objects; without the pause the collector rescans the
    growing heap again and again, which more than doubles the time to read it.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def load_yaml(data: bytes, file: str) -> tuple[Node | None, list[Problem]]:
    """Read one YAML document into a node tree; every failure is a problem in ``file``."""
    if len(data) > MAX_YAML_BYTES:
        return None, [
            Problem(
                file,
                1,
                1,
                "error",
                f"file is larger than the {MAX_YAML_BYTES // (1024 * 1024)} MiB limit for a YAML file",
            )
        ]
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        return None, [_undecodable(data, error, file)]
    builder = _Builder(file)
    loader = None
    try:
        loader = _Loader(data)
        with collector_paused():
            root = builder.build(loader)
    except _StopReadingError:
        return None, builder.problems
    except Exception as error:  # a pack must never cause a traceback
        builder.problems.append(_parse_failure(error, data, file))
        return None, builder.problems
    finally:
        if loader is not None:
            with contextlib.suppress(Exception):
                loader.dispose()
    return root, builder.problems


def to_plain(node: Node | None) -> Any:
    """Convert a node tree to plain dicts, lists and scalar values, without recursion."""
    if node is None:
        return None
    if isinstance(node, Scalar):
        return node.value
    result: Any = {} if isinstance(node, Mapping) else []
    # Work items: (source node, the container its plain form fills).
    work: list[tuple[Node, Any]] = [(node, result)]
    with collector_paused():
        _fill_plain(work)
    return result


def _fill_plain(work: list[tuple[Node, Any]]) -> None:
    """Fill each queued container with the plain forms of its node's children."""
    while work:
        source, target = work.pop()
        if isinstance(source, Mapping):
            for key, value in source.items:
                plain_key = key.value if isinstance(key, Scalar) else None
                target[plain_key] = _plain_child(value, work)
        elif isinstance(source, Sequence):
            for value in source.items:
                target.append(_plain_child(value, work))


def _plain_child(node: Node, work: list[tuple[Node, Any]]) -> Any:
    """Return the plain form of ``node``, queueing a collection's contents for later."""
    if isinstance(node, Scalar):
        return node.value
    container: Any = {} if isinstance(node, Mapping) else []
    work.append((node, container))
    return container

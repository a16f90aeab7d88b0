"""Check a YAML node tree against a pack Struct type and build the frozen Struct.

The walker is compiled once per Struct type from ``msgspec.structs.fields`` and
``msgspec.inspect.type_info``, so the field lists live only in ``schema.py``. It reports every
problem it finds, each at the node it concerns, in words an author understands; only when the
walk found no error does ``msgspec.convert`` build the Struct (which then cannot fail).
"""

from __future__ import annotations

import difflib
import json
import math
import re
import typing
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import msgspec
import msgspec.inspect as mi
import msgspec.structs

from app.model import schema
from app.model.limits import MAX_PROBLEMS_PER_FILE
from app.model.problems import Problem
from app.model.yamlload import Mapping, Node, Scalar, Sequence

#: A compiled check: takes a node and the walk's context, reports problems, returns plain data.
Checker = Callable[[Node, "Context"], Any]

_KIND_WORDS = {
    "bool": "a boolean",
    "int": "a number",
    "float": "a number",
    "timestamp": "a date",
    "binary": "binary data",
    "str": "text",
}

#: Messages for the patterns of ``schema.py``, written for authors rather than as regexes.
_PATTERN_MESSAGES = {
    schema.SLUG_PATTERN: (
        "must be a slug: lowercase letters, digits and single hyphens, like `great-firewall`"
    ),
    schema.COLOR_PATTERN: "must be a colour written `#rrggbb`, like `#009E73`",
    schema.URL_PATTERN: "must be an http or https URL with a host, like `https://example.org/page`",
    schema.LANGUAGE_PATTERN: "must be a language tag such as `en` or `en-GB`",
}


@dataclass(slots=True)
class Context:
    """What one walk collects: the file it reports against, and the problems found so far."""

    file: str
    problems: list[Problem] = field(default_factory=list)

    def error(self, node: Node, message: str) -> None:
        """Record an error at ``node``; past the per-file cap, only count it, so memory stays bounded."""
        if len(self.problems) < MAX_PROBLEMS_PER_FILE:
            self.problems.append(Problem(self.file, node.line, node.column, "error", message))
        elif len(self.problems) == MAX_PROBLEMS_PER_FILE:
            self.problems.append(
                Problem(
                    self.file,
                    node.line,
                    node.column,
                    "error",
                    f"stopped checking after {MAX_PROBLEMS_PER_FILE:,} problems in this file",
                )
            )


# ---------------------------------------------------------------- messages


def _quote_yaml(raw: str) -> str:
    """Render ``raw`` as a YAML double-quoted string an author can paste."""
    return json.dumps(raw, ensure_ascii=False)


def _describe(node: Node) -> str:
    """Say in words what YAML made of ``node``."""
    if isinstance(node, Mapping):
        return "a mapping"
    if isinstance(node, Sequence):
        return "a list"
    if isinstance(node, Scalar):
        if node.kind == "str":
            return f"the text {_quote_yaml(str(node.value))}" if len(str(node.value)) <= 40 else "text"
        if node.kind == "int" and node.value is not None and str(node.value) != node.raw.strip():
            return f"`{node.raw}`, which YAML 1.1 reads as the number {node.value}"
        return f"`{node.raw}`, which YAML reads as {_KIND_WORDS.get(node.kind, node.kind)}"
    return "something else"


def _wrong(node: Node, label: str, expected: str, ctx: Context) -> None:
    """Report that ``node`` is not the ``expected`` kind of value."""
    if isinstance(node, Scalar):
        if node.kind == "null":
            ctx.error(node, f"{label} has no value; give it one or leave the field out")
            return
        if expected == "a string" and node.kind != "str":
            if node.kind == "int" and node.value is not None and str(node.value) != node.raw.strip():
                reading = f"as the number {node.value}"
            else:
                reading = f"as {_KIND_WORDS.get(node.kind, node.kind)}"
            ctx.error(
                node,
                f"{label} must be a string, but YAML reads `{node.raw}` {reading}; "
                f"quote it: {_quote_yaml(node.raw)}",
            )
            return
    ctx.error(node, f"{label} must be {expected}, not {_describe(node)}")


def _suggest(word: str, choices: typing.Iterable[str]) -> str:
    """Return "; did you mean `x`?" for the closest of ``choices``, or an empty string."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"; did you mean `{close[0]}`?" if close else ""


def _one_of(values: typing.Sequence[str]) -> str:
    """Join values as "a, b or c"."""
    if len(values) == 1:
        return values[0]
    return ", ".join(values[:-1]) + " or " + values[-1]


# ---------------------------------------------------------------- compiling checkers


def _unwrap(t: mi.Type) -> mi.Type:
    """Drop a ``Metadata`` wrapper (descriptions) to reach the constrained type."""
    while isinstance(t, mi.Metadata):
        t = t.type
    return t


def _find_in_annotation(raw: Any, origin: Any) -> tuple[Any, ...] | None:
    """Return the arguments of the first ``origin[...]`` in annotation ``raw`` (through Annotated/Optional)."""
    if typing.get_origin(raw) is origin:
        return typing.get_args(raw)
    for arg in typing.get_args(raw):
        found = _find_in_annotation(arg, origin)
        if found is not None:
            return found
    return None


def _literal_order(raw: Any) -> tuple[str, ...] | None:
    """Find the values of a ``Literal`` in ``raw`` in the order the schema declares them."""
    values = _find_in_annotation(raw, typing.Literal)
    return None if values is None else tuple(str(v) for v in values)


def _compile(t: mi.Type, label: str, raw: Any) -> Checker:
    """Build the checker for type ``t``; ``label`` names the value in messages."""
    t = _unwrap(t)
    if isinstance(t, mi.UnionType):
        # Every optional field is "X | None"; YAML null is still an error (spec: Null).
        members = [m for m in t.types if not isinstance(_unwrap(m), mi.NoneType)]
        if len(members) == 1:
            return _compile(members[0], label, raw)
        structs = [_unwrap(m) for m in members]
        if all(isinstance(s, mi.StructType) and s.tag_field for s in structs):
            return _compile_tagged([typing.cast(mi.StructType, s) for s in structs], label)
        raise TypeError(f"no checker for union {t!r}")
    if isinstance(t, mi.StrType):
        return _compile_str(t, label)
    if isinstance(t, mi.BoolType):
        return _compile_bool(label)
    if isinstance(t, mi.IntType):
        return _compile_number(t, label, integer=True)
    if isinstance(t, mi.FloatType):
        return _compile_number(t, label, integer=False)
    if isinstance(t, mi.LiteralType):
        return _compile_literal(_literal_order(raw) or tuple(str(v) for v in t.values), label)
    if isinstance(t, mi.ListType):
        return _compile_list(t, label, raw)
    if isinstance(t, mi.DictType):
        return _compile_dict(t, label, raw)
    if isinstance(t, mi.StructType):
        return _struct_checker(t.cls, label)
    raise TypeError(f"no checker for {t!r}")


def _compile_str(t: mi.StrType, label: str) -> Checker:
    pattern = re.compile(t.pattern).search if t.pattern else None
    pattern_message = _PATTERN_MESSAGES.get(t.pattern or "")
    blank_only = t.pattern == schema.NONBLANK_PATTERN
    min_length, max_length = t.min_length, t.max_length

    def check_str(node: Node, ctx: Context) -> Any:
        if node.__class__ is Scalar and node.kind == "str":
            value = typing.cast(str, node.value)
            if pattern is not None and pattern(value) is None:
                if blank_only:
                    ctx.error(node, f"{label} must not be empty")
                elif pattern_message:
                    shown = f", not {_quote_yaml(value)}" if value.strip() else ", not empty"
                    ctx.error(node, f"{label} {pattern_message}{shown}")
                else:
                    ctx.error(node, f"{label} must match `{t.pattern}`")
            elif max_length is not None and len(value) > max_length:
                ctx.error(node, f"{label} must be at most {max_length} characters long, not {len(value)}")
            elif min_length is not None and len(value) < min_length:
                ctx.error(node, f"{label} must be at least {min_length} characters long")
            return value
        _wrong(node, label, "a string", ctx)
        return None

    return check_str


def _compile_bool(label: str) -> Checker:
    def check_bool(node: Node, ctx: Context) -> Any:
        if node.__class__ is Scalar and node.kind == "bool":
            if node.raw in ("true", "false"):
                return node.value
            ctx.error(
                node,
                f"{label} takes only `true` or `false`; YAML 1.1 reads `{node.raw}` "
                "as a boolean, but this format does not",
            )
            return node.value
        _wrong(node, label, "`true` or `false`", ctx)
        return None

    return check_bool


def _bounds(t: mi.IntType | mi.FloatType) -> list[tuple[Callable[[float], bool], str]]:
    """List the numeric constraints of ``t`` as (test that fails, message) pairs."""
    checks: list[tuple[Callable[[float], bool], str]] = []
    if t.ge is not None:
        ge = t.ge
        checks.append((lambda v: v < ge, f"must be at least {ge}"))
    if t.gt is not None:
        gt = t.gt
        checks.append((lambda v: v <= gt, f"must be greater than {gt}"))
    if t.le is not None:
        le = t.le
        checks.append((lambda v: v > le, f"must be at most {le}"))
    if t.lt is not None:
        lt = t.lt
        checks.append((lambda v: v >= lt, f"must be less than {lt}"))
    return checks


def _compile_number(t: mi.IntType | mi.FloatType, label: str, *, integer: bool) -> Checker:
    bounds = _bounds(t)
    kinds = ("int",) if integer else ("int", "float")
    expected = "a whole number" if integer else "a number"

    def check_number(node: Node, ctx: Context) -> Any:
        if node.__class__ is Scalar and node.kind in kinds:
            value = node.value
            if value is None:  # too long or unreadable: yamlload reported it
                ctx.error(node, f"{label} must be {expected}, not `{node.raw}`")
                return None
            if node.kind == "float" and not math.isfinite(typing.cast(float, value)):
                ctx.error(node, f"{label} must be a finite number, not `{node.raw}`")
                return value
            for fails, message in bounds:
                if fails(typing.cast(float, value)):
                    ctx.error(node, f"{label} {message}, not {node.raw}")
                    break
            return value
        if node.__class__ is Scalar and node.kind == "str" and node.plain is False:
            ctx.error(
                node,
                f"{label} must be {expected}; {_quote_yaml(str(node.value))} "
                "is quoted, so YAML reads it as text",
            )
            return None
        if integer and node.__class__ is Scalar and node.kind == "float":
            ctx.error(node, f"{label} must be a whole number, not `{node.raw}`")
            return None
        _wrong(node, label, expected, ctx)
        return None

    return check_number


def _compile_literal(values: tuple[str, ...], label: str) -> Checker:
    allowed = frozenset(values)
    listed = ", ".join(values)

    def check_literal(node: Node, ctx: Context) -> Any:
        if node.__class__ is Scalar and node.kind == "str":
            value = node.value
            if value not in allowed:
                ctx.error(
                    node, f"{label} must be one of {listed}, not `{value}`{_suggest(str(value), values)}"
                )
            return value
        _wrong(node, label, f"one of {listed}", ctx)
        return None

    return check_literal


def _item_label(label: str) -> str:
    """Name an item of the list or mapping called ``label``."""
    return f"an item of {label}"


def _compile_list(t: mi.ListType, label: str, raw: Any) -> Checker:
    item_raw = _list_item_raw(raw)
    item = _compile(t.item_type, _item_label(label), item_raw)
    min_length, max_length = t.min_length, t.max_length

    def check_list(node: Node, ctx: Context) -> Any:
        if node.__class__ is not Sequence:
            _wrong(node, label, "a list", ctx)
            return None
        items = node.items
        count = len(items)
        if min_length is not None and count < min_length:
            if count == 0:
                ctx.error(node, f"{label} must not be empty")
            else:
                ctx.error(node, f"{label} needs at least {min_length} items, but has {count}")
        elif max_length is not None and count > max_length:
            ctx.error(node, f"{label} takes at most {max_length} items, but has {count}")
        return [item(child, ctx) for child in items]

    return check_list


def _list_item_raw(raw: Any) -> Any:
    """Find the item annotation of a ``list[...]`` inside ``raw`` (through Annotated/Optional)."""
    args = _find_in_annotation(raw, list)
    return None if args is None else args[0]


def _compile_dict(t: mi.DictType, label: str, raw: Any) -> Checker:
    key = _compile(t.key_type, f"a key of {label}", None)
    value = _compile(t.value_type, _item_label(label), None)

    def check_dict(node: Node, ctx: Context) -> Any:
        if node.__class__ is not Mapping:
            _wrong(node, label, "a mapping", ctx)
            return None
        out = {}
        for key_node, value_node in node.items:
            name = key(key_node, ctx)
            if name is not None:
                out[name] = value(value_node, ctx)
        return out

    return check_dict


# ---------------------------------------------------------------- Structs


@dataclass(slots=True)
class _StructTable:
    """The precomputed field table of one Struct type."""

    cls: type
    label: str
    checkers: dict[str, Checker] = field(default_factory=dict)
    required: tuple[str, ...] = ()
    names: tuple[str, ...] = ()


_TABLES: dict[type, _StructTable] = {}


def _struct_table(cls: type, label: str) -> _StructTable:
    """Build (once per Struct type) the table of field checkers of ``cls``.

    Field checkers name their values by field, so the table is shared by every place that
    holds this Struct; ``label`` is only used for messages about the mapping as a whole.
    """
    table = _TABLES.get(cls)
    if table is not None:
        return table
    table = _StructTable(cls, label)
    _TABLES[cls] = table  # registered before compiling fields, so recursive types terminate
    infos = {f.name: f for f in typing.cast(mi.StructType, mi.type_info(cls)).fields}
    for fi in msgspec.structs.fields(cls):
        info = infos[fi.name]
        table.checkers[fi.encode_name] = _compile(info.type, f"`{fi.encode_name}`", fi.type)
    table.required = tuple(f.encode_name for f in msgspec.structs.fields(cls) if f.required)
    table.names = tuple(table.checkers)
    return table


def _unknown_field(
    key: Scalar, table: _StructTable, ctx: Context, elsewhere: dict[str, list[str]] | None = None
) -> str | None:
    """Report a field ``table`` does not have; return the field suggested instead, if any."""
    name = key.value
    if elsewhere and name in elsewhere:
        owners = elsewhere[str(name)]
        where = owners[0] if len(owners) == 1 else ", ".join(owners[:-1]) + " and " + owners[-1]
        ctx.error(key, f"`{name}` is only allowed on {where} questions")
        return None
    close = difflib.get_close_matches(str(name), table.names, n=1, cutoff=0.6)
    if close:
        ctx.error(key, f"unknown field `{name}`; did you mean `{close[0]}`?")
        return close[0]
    ctx.error(key, f"unknown field `{name}`; the fields here are {', '.join(table.names)}")
    return None


def _walk_fields(
    node: Mapping,
    table: _StructTable,
    ctx: Context,
    skip: str | None = None,
    elsewhere: dict[str, list[str]] | None = None,
) -> tuple[dict[str, Any], bool]:
    """Check each field of ``node`` against ``table``; return the plain dict and whether a key was unknown."""
    checkers = table.checkers
    out: dict[str, Any] = {}
    unknown = False
    suggested: list[str] = []
    for key, value in node.items:
        if key.__class__ is not Scalar or key.kind != "str":
            continue  # yamlload reports keys that are not strings
        name = key.value
        checker = checkers.get(typing.cast(str, name))
        if checker is None:
            if name == skip:
                continue
            instead = _unknown_field(key, table, ctx, elsewhere)
            if instead:
                suggested.append(instead)
            unknown = True
            continue
        out[typing.cast(str, name)] = checker(value, ctx)
    if len(out) < len(table.required) or table.required:
        for name in table.required:
            if name not in out and name not in suggested:  # a misspelt key was already reported
                ctx.error(node, f"missing required field `{name}`")
    return out, unknown


def _struct_checker(cls: type, label: str) -> Checker:
    if cls is schema.Step:
        return _step_checker(label)
    holder: list[_StructTable] = []

    def check_struct(node: Node, ctx: Context) -> Any:
        if not holder:
            holder.append(_struct_table(cls, label))
        if node.__class__ is not Mapping:
            _wrong(node, label, "a mapping of fields", ctx)
            return None
        return _walk_fields(node, holder[0], ctx)[0]

    return check_struct


def _step_checker(label: str) -> Checker:
    kinds = schema.STEP_KINDS
    holder: list[_StructTable] = []
    need = f"a step needs exactly one of {_one_of([f'`{k}`' for k in kinds])}"

    def check_step(node: Node, ctx: Context) -> Any:
        if not holder:
            holder.append(_struct_table(schema.Step, label))
        if node.__class__ is not Mapping:
            _wrong(node, label, f"a mapping with one of {', '.join(kinds)}", ctx)
            return None
        out, unknown = _walk_fields(node, holder[0], ctx)
        present = [k for k in kinds if k in out]
        if not present and not unknown:
            ctx.error(node, need)
        elif len(present) > 1:
            second = next(k for k, _ in node.items if getattr(k, "value", None) == present[1])
            ctx.error(
                second,
                f"a step has exactly one kind, but this one has `{present[0]}` and `{present[1]}`; "
                "make them two steps",
            )
        return out

    return check_step


def _compile_tagged(variants: list[mi.StructType], label: str) -> Checker:
    tag_field = variants[0].tag_field or "type"
    by_tag = {str(v.tag): v.cls for v in variants}
    tags = list(by_tag)
    listed = ", ".join(tags)
    holder: dict[str, _StructTable] = {}
    owners: dict[str, list[str]] = {}
    for v in variants:
        for f in v.fields:
            owners.setdefault(f.encode_name, []).append(str(v.tag))
    elsewhere_by_tag = {
        tag: {name: where for name, where in owners.items() if tag not in where} for tag in tags
    }

    def check_tagged(node: Node, ctx: Context) -> Any:
        if node.__class__ is not Mapping:
            _wrong(node, label, "a mapping of fields", ctx)
            return None
        tag_node = next((v for k, v in node.items if getattr(k, "value", None) == tag_field), None)
        if tag_node is None:
            ctx.error(node, f"missing required field `{tag_field}`: one of {listed}")
            return None
        if tag_node.__class__ is not Scalar or tag_node.kind != "str":
            _wrong(tag_node, f"`{tag_field}`", f"one of {listed}", ctx)
            return None
        tag = typing.cast(str, tag_node.value)
        cls = by_tag.get(tag)
        if cls is None:
            ctx.error(tag_node, f"`{tag_field}` must be one of {listed}, not `{tag}`{_suggest(tag, tags)}")
            return None
        table = holder.get(tag)
        if table is None:
            table = holder[tag] = _struct_table(cls, label)
        out, _ = _walk_fields(node, table, ctx, skip=tag_field, elsewhere=elsewhere_by_tag[tag])
        out[tag_field] = tag
        return out

    return check_tagged


# ---------------------------------------------------------------- entry point

_ROOT_CHECKERS: dict[type, Checker] = {}


def walk(node: Node | None, root: type, file: str) -> tuple[Any, list[Problem]]:
    """Check ``node`` against Struct type ``root``; return the plain data and the problems."""
    ctx = Context(file)
    if node is None:
        ctx.problems.append(Problem(file, 1, 1, "error", "file is empty; it must hold a mapping of fields"))
        return None, ctx.problems
    checker = _ROOT_CHECKERS.get(root)
    if checker is None:
        checker = _ROOT_CHECKERS[root] = _struct_checker(root, "the file")
    plain = checker(node, ctx)
    return plain, ctx.problems


def convert(node: Node | None, root: type[Any], file: str) -> tuple[Any | None, list[Problem]]:
    """Check ``node`` against ``root`` and build the frozen Struct when nothing is wrong."""
    plain, problems = walk(node, root, file)
    if problems or node is None:
        return None, problems
    try:
        return msgspec.convert(plain, root), problems
    except msgspec.ValidationError as error:
        # The walk should have caught this; still point at the node msgspec names.
        message, _, path = str(error).rpartition(" - at `")
        target = node_at(node, path.rstrip("`")) if path else node
        where = target or node
        return None, [Problem(file, where.line, where.column, "error", message or str(error))]


_PATH_PART = re.compile(r"\.([^.\[]+)|\[(\d+)\]")


def node_at(root: Node, path: str) -> Node | None:
    """Find the node a msgspec error path such as ``$.lessons[0].steps[2]`` names."""
    node: Node | None = root
    for name, index in _PATH_PART.findall(path.removeprefix("$")):
        if isinstance(node, Mapping) and name:
            node = next((v for k, v in node.items if getattr(k, "value", None) == name), None)
        elif isinstance(node, Sequence) and index:
            position = int(index)
            node = node.items[position] if position < len(node.items) else None
        else:
            return node
        if node is None:
            return None
    return node

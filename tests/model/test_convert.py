"""The schema walker: messages and positions on hand-built trees, and robustness on mutated packs."""

from __future__ import annotations

import copy
import shutil
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.model.convert import convert, node_at, walk
from app.model.loader import load_pack
from app.model.schema import Manifest, Module, Reflect
from app.model.yamlload import Mapping, Scalar, Sequence, load_yaml
from tests.conftest import EXAMPLE_PACK


def text(value: str, line: int = 1, column: int = 1, *, plain: bool = True) -> Scalar:
    """Build a string scalar."""
    return Scalar(line, column, value, "str", value, plain)


def mapping(line: int, column: int, **fields: Any) -> Mapping:
    """Build a mapping whose keys sit on consecutive lines from ``line``."""
    items = [(text(key, line + i, column), value) for i, (key, value) in enumerate(fields.items())]
    return Mapping(line, column, items)


def test_hand_built_tree_converts_to_frozen_struct() -> None:
    """A correct tree becomes the Struct, with defaults filled in."""
    node = mapping(1, 1, prompt=text("Why?", 1, 9))
    value, problems = convert(node, Reflect, "m.yaml")
    assert problems == []
    assert value == Reflect(prompt="Why?", min_words=0)


def test_every_problem_is_reported_not_just_the_first() -> None:
    """All wrong fields of one mapping are reported, each at its own node."""
    node = mapping(
        3,
        5,
        prompt=Scalar(3, 13, True, "bool", "yes", True),
        min_words=Scalar(4, 16, 2.5, "float", "2.5", True),
        colour=text("red", 5, 13),
    )
    _, problems = walk(node, Reflect, "m.yaml")
    found = {(p.line, p.column): p.message for p in problems}
    assert found == {
        (3, 13): '`prompt` must be a string, but YAML reads `yes` as a boolean; quote it: "yes"',
        (4, 16): "`min_words` must be a whole number, not `2.5`",
        (5, 5): "unknown field `colour`; the fields here are prompt, min_words",
    }


def test_missing_field_points_at_the_mapping() -> None:
    """A missing required field is reported at the mapping's own position."""
    _, problems = walk(mapping(7, 3, min_words=Scalar(7, 14, 3, "int", "3", True)), Reflect, "m.yaml")
    assert [(p.line, p.column, p.message) for p in problems] == [(7, 3, "missing required field `prompt`")]


def test_timestamp_in_string_field_says_quote_it() -> None:
    """A date-looking value in a string field is refused with a quoting hint."""
    node, _ = load_yaml(b"format: 1\nid: p\ntitle: 2017-06-16\nmodules: [a.yaml]\n", "pack.yaml")
    _, problems = walk(node, Manifest, "pack.yaml")
    assert [p.message for p in problems] == [
        '`title` must be a string, but YAML reads `2017-06-16` as a date; quote it: "2017-06-16"'
    ]
    assert (problems[0].line, problems[0].column) == (3, 8)


def test_quoted_number_in_integer_field() -> None:
    """A quoted number is text, and an integer field says so."""
    node, _ = load_yaml(b'prompt: P\nmin_words: "10"\n', "m.yaml")
    _, problems = walk(node, Reflect, "m.yaml")
    assert (
        problems[0].message == '`min_words` must be a whole number; "10" is quoted, so YAML reads it as text'
    )


def test_pass_field_uses_its_yaml_name() -> None:
    """The quiz field written `pass` converts to `pass_mark`."""
    data = b"id: m\ntitle: M\nlessons:\n- id: l\n  title: L\n  steps:\n  - quiz:\n      pass: 0.5\n      questions:\n"
    data += b"      - {id: q, type: true_false, prompt: P, answer: true}\n"
    node, _ = load_yaml(data, "m.yaml")
    module, problems = convert(node, Module, "m.yaml")
    assert problems == []
    assert module.lessons[0].steps[0].quiz.pass_mark == 0.5


def test_node_at_follows_msgspec_paths() -> None:
    """An error path such as `$.lessons[0].title` leads back to its node."""
    node, _ = load_yaml(b"id: m\nlessons:\n  - id: l\n    title: T\n", "m.yaml")
    found = node_at(node, "$.lessons[0].title")
    assert (found.line, found.column, found.value) == (4, 12, "T")
    assert node_at(node, "$.lessons[3]") is None


def test_root_that_is_a_list() -> None:
    """A file whose top level is a list gets one error at its start."""
    node = Sequence(1, 1, [text("a")])
    value, problems = convert(node, Module, "m.yaml")
    assert value is None
    assert [p.message for p in problems] == ["the file must be a mapping of fields, not a list"]


# ---------------------------------------------------------------- mutated packs never raise

EXAMPLE = {
    name: yaml.safe_load((EXAMPLE_PACK / name).read_text(encoding="utf-8"))
    for name in ("pack.yaml", "tea.yaml")
}
REPLACEMENTS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 5),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=8),
    st.just([]),
    st.just({}),
    st.just(["x", 1]),
)


def _paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """List the path of every value inside ``data``."""
    found = [prefix]
    if isinstance(data, dict):
        for key, value in data.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += _paths(value, (*prefix, index))
    return found


@st.composite
def mutations(draw: st.DrawFn) -> dict[str, Any]:
    """Apply one to three random edits (drop, rename, retype) to the example pack's data."""
    files = copy.deepcopy(EXAMPLE)
    for _ in range(draw(st.integers(1, 3))):
        name = draw(st.sampled_from(sorted(files)))
        paths = [p for p in _paths(files[name]) if p]
        path = draw(st.sampled_from(paths))
        parent = files[name]
        for step in path[:-1]:
            parent = parent[step]
        last = path[-1]
        action = draw(st.sampled_from(["drop", "rename", "retype"]))
        if action == "drop":
            del parent[last]
        elif action == "rename" and isinstance(parent, dict):
            parent[last + draw(st.sampled_from(["s", "x", "_"]))] = parent.pop(last)
        else:
            parent[last] = copy.deepcopy(draw(REPLACEMENTS))  # a drawn list is shared between runs: never edit it
    return files


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutations())
def test_mutated_example_pack_gives_problems_or_a_pack_never_an_exception(files: dict[str, Any]) -> None:
    """Whatever is dropped, renamed or retyped, load_pack returns problems or a pack, never raises."""
    folder = Path(tempfile.mkdtemp())
    try:
        shutil.copytree(EXAMPLE_PACK / "assets", folder / "assets")
        for name, data in files.items():
            (folder / name).write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        result = load_pack(folder)
        errors = [p for p in result.problems if p.severity == "error"]
        assert (result.pack is None) == bool(errors)
        assert not [p for p in errors if p.message.startswith("internal error")]
        for problem in result.problems:
            assert problem.line >= 1
            assert problem.column >= 1
            assert problem.file in files
    finally:
        shutil.rmtree(folder)

"""Property tests: whatever bytes arrive, load_yaml answers with a node or problems, never an exception."""

from __future__ import annotations

import math
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.model.problems import Problem
from app.model.yamlload import Node, load_yaml, to_plain

FILE = "fuzz.yaml"

# Fragments chosen to reach the awkward corners: indicators, typed scalars, tags, anchors,
# document markers, odd whitespace and characters YAML refuses.
FRAGMENTS = [
    "a", "key", "no", "yes", "~", "null", "0777", "0x1F", "0b_", "1:30", "1_0", "1.10", ".inf", ".nan",
    "2024-02-30", "2017-06-16", "2001-12-14t21:59:43.10-05:00", "9" * 5000, "<<", "=",
    ":", ": ", " ", "  ", "\n", "\r\n", "\t", "-", "- ", "? ", "[", "]", "{", "}", ",", "#", "|", ">",
    "'", '"', "\\", "&a ", "*a", "!!str ", "!!binary ", "!!python/object/apply:os.system ", "! ", "!x ",
    "%YAML 1.1\n", "%TAG ! tag:x,2000:\n", "---", "...", "@", "`", "%", "\x00", "\x07", "\x85", "\ufeff",
    "\u2028", "é", "中文", "😀",
]  # fmt: skip


def assert_answer(node: Node | None, problems: list[Problem]) -> None:
    """Check the shape of every answer: a node or at least one error, and well-formed problems."""
    assert isinstance(problems, list)
    if node is None:
        assert any(problem.severity == "error" for problem in problems)
    for problem in problems:
        assert isinstance(problem, Problem)
        assert problem.file == FILE
        assert problem.line >= 1 and problem.column >= 1
        assert problem.severity == "error"
        assert isinstance(problem.message, str) and problem.message
    to_plain(node)


def same(a: Any, b: Any) -> bool:
    """Compare plain data, counting NaN equal to NaN and telling bool from int."""
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[key], b[key]) for key in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=40))
def test_yamlish_text_gives_a_node_or_problems(fragments: list[str]) -> None:
    """YAML-like text built from awkward fragments never raises, and agrees with SafeLoader when clean."""
    data = "".join(fragments).encode("utf-8")
    node, problems = load_yaml(data, FILE)
    assert_answer(node, problems)
    if node is not None and not problems:
        try:
            expected = yaml.load(data, Loader=yaml.CSafeLoader)
        except (yaml.YAMLError, ValueError):
            return  # SafeLoader fails where we typed safely (e.g. `=` or an impossible date)
        assert same(to_plain(node), expected)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300))
def test_arbitrary_bytes_give_a_node_or_problems(data: bytes) -> None:
    """Random bytes never raise out of load_yaml."""
    node, problems = load_yaml(data, FILE)
    assert_answer(node, problems)


keys = st.text(max_size=12)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(max_size=30),
)
documents = st.recursive(
    scalars,
    lambda children: st.one_of(st.lists(children, max_size=5), st.dictionaries(keys, children, max_size=5)),
    max_leaves=15,
)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(keys, documents, min_size=1, max_size=6))
def test_dumped_data_round_trips_exactly(data: dict[str, Any]) -> None:
    """What yaml.safe_dump writes (string keys, no aliases) reads back cleanly, as SafeLoader reads it."""
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    node, problems = load_yaml(text.encode("utf-8"), FILE)
    assert problems == []
    # Compared with SafeLoader rather than ``data``: PyYAML itself does not round-trip a few
    # line-break characters such as U+0085 in keys.
    assert same(to_plain(node), yaml.load(text, Loader=yaml.CSafeLoader))

"""The hardened YAML reader: typing, positions and the refusals of spec section 1."""

from __future__ import annotations

import datetime
import math

import pytest
import yaml

from app.model.limits import MAX_DEPTH
from app.model.problems import Problem
from app.model.yamlload import Mapping, Scalar, Sequence, load_yaml, to_plain


def load(text: str) -> tuple[object, list[Problem]]:
    """Load ``text`` as the file m.yaml and return its plain data and problems."""
    node, problems = load_yaml(text.encode("utf-8"), "m.yaml")
    return to_plain(node), problems


def only(problems: list[Problem]) -> Problem:
    """Return the single problem of a list, failing when there are more or none."""
    assert len(problems) == 1, problems
    return problems[0]


@pytest.mark.parametrize(
    "text",
    [
        "yes",
        "No",
        "on",
        "OFF",
        "true",
        "~",
        "null",
        "",
        "0777",
        "0x1F",
        "-0b101",
        "1:30",
        "-1:30:15",
        "1_000",
        "+12",
        "1.10",
        "1_0.5",
        "6.8523015e+5",
        "1:30.5",
        ".inf",
        "-.Inf",
        "1e5",
        "2017-06-16",
        "2001-12-14t21:59:43.10-05:00",
        "2001-12-14 21:59:43.10",
        "09",
        "0o17",
        "Tea",
        "Norway",
        "y",
        "<< x",
    ],
)
def test_plain_scalars_are_typed_like_safe_loader(text: str) -> None:
    """Each plain scalar gets the value PyYAML's SafeLoader would give it (YAML 1.1 typing)."""
    data, problems = load(f"v: {text}\n")
    assert problems == []
    assert data == yaml.safe_load(f"v: {text}\n")
    assert type(data["v"]) is type(yaml.safe_load(f"v: {text}\n")["v"])


def test_nan_stays_a_float_for_the_walker_to_report() -> None:
    """`.nan` is kept as a float NaN (the schema walker refuses it, not the reader)."""
    node, problems = load_yaml(b"v: .NaN\n", "m.yaml")
    assert problems == []
    assert isinstance(node, Mapping)
    value = node.items[0][1]
    assert isinstance(value, Scalar) and value.kind == "float" and math.isnan(value.value)


@pytest.mark.parametrize(
    ("text", "kind"),
    [("no", "bool"), ("1.10", "float"), ("2017-06-16", "timestamp"), ("~", "null"), ("1:30", "int")],
)
def test_scalar_keeps_kind_and_raw_text(text: str, kind: str) -> None:
    """A scalar records its YAML type and its text before typing, so messages can quote it."""
    node, _ = load_yaml(f"v: {text}\n".encode(), "m.yaml")
    assert isinstance(node, Mapping)
    value = node.items[0][1]
    assert isinstance(value, Scalar)
    assert (value.kind, value.raw, value.plain) == (kind, text, True)


def test_quoted_and_block_scalars_are_always_strings() -> None:
    """Quoted, literal and folded scalars are strings whatever they look like."""
    data, problems = load("a: 'no'\nb: \"1.10\"\nc: |\n  2020\nd: >\n  ~\n")
    assert problems == []
    assert data == {"a": "no", "b": "1.10", "c": "2020\n", "d": "~\n"}


def test_impossible_date_does_not_raise() -> None:
    """`2024-02-30` is typed as a timestamp with no value instead of raising ValueError."""
    node, problems = load_yaml(b"when: 2024-02-30\n", "m.yaml")
    assert problems == []
    assert isinstance(node, Mapping)
    value = node.items[0][1]
    assert isinstance(value, Scalar)
    assert (value.kind, value.value, value.raw) == ("timestamp", None, "2024-02-30")


def test_positions_count_code_points_and_skip_the_bom() -> None:
    """Lines and columns are 1-based, columns count code points, and a BOM takes no column."""
    node, problems = load_yaml("\ufeff名前: 中文\nlist:\n  - {键: 值, x: [1, 2]}\n".encode(), "m.yaml")
    assert problems == []
    assert isinstance(node, Mapping)
    assert (node.line, node.column) == (1, 1)
    key, value = node.items[0]
    assert (key.line, key.column, value.line, value.column) == (1, 1, 1, 5)
    sequence = node.items[1][1]
    assert isinstance(sequence, Sequence)
    inner = sequence.items[0]
    assert isinstance(inner, Mapping) and (inner.line, inner.column) == (3, 5)
    inner_key, inner_value = inner.items[0]
    assert (inner_key.line, inner_key.column, inner_value.line, inner_value.column) == (3, 6, 3, 9)
    numbers = inner.items[1][1]
    assert isinstance(numbers, Sequence) and (numbers.line, numbers.column) == (3, 15)
    assert [(n.line, n.column) for n in numbers.items] == [(3, 16), (3, 19)]


def test_tags_are_refused_at_the_tag() -> None:
    """Every explicit tag, standard ones included, is an error at the tag's position."""
    _, problems = load("a: 1\nb: !!str 5\nc:\n  - !!python/object/apply:os.system [ls]\nd: !local x\n")
    assert problems == [
        Problem("m.yaml", 2, 4, "error", "tags are not allowed (`!!str`); write plain YAML"),
        Problem(
            "m.yaml",
            4,
            5,
            "error",
            "tags are not allowed (`!!python/object/apply:os.system`); write plain YAML",
        ),
        Problem("m.yaml", 5, 4, "error", "tags are not allowed (`!local`); write plain YAML"),
    ]


def test_anchors_and_aliases_are_refused_and_never_expanded() -> None:
    """An anchor and an alias are each an error at their own position; the alias is left out."""
    data, problems = load("base: &b\n  x: 1\nitems:\n  - *b\n  - kept\n")
    assert problems == [
        Problem("m.yaml", 1, 7, "error", "anchors are not allowed (`&b`); write the content out"),
        Problem("m.yaml", 4, 5, "error", "aliases are not allowed (`*b`); write the content out"),
    ]
    assert data == {"base": {"x": 1}, "items": ["kept"]}


def test_duplicate_key_is_reported_at_the_second_occurrence() -> None:
    """The same key twice is an error at the later one, naming the line of the first."""
    data, problems = load("id: a\ntitle: T\n  \nid: b\n")
    assert only(problems) == Problem("m.yaml", 4, 1, "error", "duplicate key `id` (first at line 1)")
    assert data == {"id": "a", "title": "T"}


def test_duplicate_key_in_a_nested_flow_mapping() -> None:
    """Duplicates are found inside flow mappings too, at the exact column."""
    _, problems = load("list:\n  - {a: 1, b: 2, a: 3}\n")
    assert only(problems) == Problem("m.yaml", 2, 18, "error", "duplicate key `a` (first at line 2)")


def test_quoted_and_plain_spelling_of_a_key_are_the_same_key() -> None:
    """`a` and `"a"` are one key, so the second is a duplicate."""
    _, problems = load('a: 1\n"a": 2\n')
    assert only(problems) == Problem("m.yaml", 2, 1, "error", "duplicate key `a` (first at line 1)")


@pytest.mark.parametrize(
    ("key", "message"),
    [
        ("no", 'key `no` is read by YAML as a boolean; quote it: "no"'),
        ("On", 'key `On` is read by YAML as a boolean; quote it: "On"'),
        ("2020", 'key `2020` is read by YAML as an integer; quote it: "2020"'),
        ("1.10", 'key `1.10` is read by YAML as a number; quote it: "1.10"'),
        ("~", 'key `~` is read by YAML as null; quote it: "~"'),
        ("2017-06-16", 'key `2017-06-16` is read by YAML as a date; quote it: "2017-06-16"'),
        ("<<", 'key `<<` is read by YAML as a merge key; quote it: "<<"'),
    ],
)
def test_keys_that_are_not_strings_are_refused(key: str, message: str) -> None:
    """A key YAML types as anything but a string is an error telling the author to quote it."""
    data, problems = load(f"ok: 1\n  # comment\nnested:\n  {key}: x\n")
    assert only(problems) == Problem("m.yaml", 4, 3, "error", message)
    assert data == {"ok": 1, "nested": {}}


def test_quoted_keys_that_look_typed_are_fine() -> None:
    """Quoting a key makes it a string, as the error message advises."""
    data, problems = load('"no": 1\n"2020": 2\n\'<<\': 3\n')
    assert problems == []
    assert data == {"no": 1, "2020": 2, "<<": 3}


def test_collection_key_is_refused() -> None:
    """A list or mapping used as a key is an error at the key."""
    _, problems = load("a: 1\n? [x, y]\n: 2\n{k: v}: 3\n")
    assert problems == [
        Problem("m.yaml", 2, 3, "error", "a key must be a string, not a list"),
        Problem("m.yaml", 4, 1, "error", "a key must be a string, not a mapping"),
    ]


@pytest.mark.parametrize("text", ["", "# only a comment\n", "---\n", "\ufeff", "--- # nothing\n...\n"])
def test_empty_file_is_an_error(text: str) -> None:
    """A file with no content is one error, `file is empty`, at 1:1."""
    node, problems = load_yaml(text.encode(), "m.yaml")
    assert node is None
    assert only(problems) == Problem("m.yaml", 1, 1, "error", "file is empty")


def test_second_document_is_reported_at_its_start() -> None:
    """A second YAML document is an error where it starts; the first is still returned."""
    data, problems = load("a: 1\n---\nb: 2\n")
    assert only(problems) == Problem(
        "m.yaml", 2, 1, "error", "a second YAML document starts here; a file holds exactly one"
    )
    assert data == {"a": 1}


def test_syntax_error_has_position_and_words() -> None:
    """A YAML syntax error becomes one problem at the parser's position, in readable words."""
    node, problems = load_yaml(b"title: a: b\n", "m.yaml")
    assert node is None
    assert only(problems) == Problem(
        "m.yaml", 1, 9, "error", "could not parse YAML: mapping values are not allowed in this context"
    )


def test_unclosed_flow_sequence_names_where_it_started() -> None:
    """An unclosed `[` is reported with the place the sequence started."""
    _, problems = load("a: 1\nb: [1, 2\n")
    problem = only(problems)
    assert (problem.line, problem.column) == (3, 1)
    assert "did not find expected ',' or ']'" in problem.message
    assert "started at line 2, column 4" in problem.message


def test_tab_indentation_gets_a_hint() -> None:
    """A tab used for indentation is explained, not just called an unexpected character."""
    _, problems = load("a:\n\tb: 1\n")
    problem = only(problems)
    assert (problem.line, problem.column) == (2, 1)
    assert problem.message.endswith("YAML does not allow tabs for indentation")


def test_depth_limit_counts_the_top_level_collection_as_one() -> None:
    """Exactly MAX_DEPTH nested collections load; one more is refused naming the limit."""
    data, problems = load("[" * MAX_DEPTH + "]" * MAX_DEPTH)
    assert problems == []
    depth = 0
    while isinstance(data, list):
        depth += 1
        data = data[0] if data else None
    assert depth == MAX_DEPTH
    node, problems = load_yaml(b"[" * (MAX_DEPTH + 1) + b"]" * (MAX_DEPTH + 1), "m.yaml")
    assert node is None
    assert only(problems) == Problem(
        "m.yaml", 1, MAX_DEPTH + 1, "error", f"YAML is nested deeper than the {MAX_DEPTH}-level limit"
    )


def test_to_plain_keeps_order_and_nesting() -> None:
    """to_plain turns the tree into dicts and lists in file order."""
    data, _ = load("b: [1, {c: d}]\na: {x: [], y: {}}\n")
    assert data == {"b": [1, {"c": "d"}], "a": {"x": [], "y": {}}}
    assert list(data) == ["b", "a"]
    assert to_plain(None) is None


def test_to_plain_handles_the_deepest_allowed_tree_without_recursion() -> None:
    """A tree at the depth limit converts without touching Python's recursion limit."""
    text = "".join(f"{' ' * i}k{i}:\n" for i in range(MAX_DEPTH - 1)) + " " * (MAX_DEPTH - 1) + "k: end\n"
    data, problems = load(text)
    assert problems == []
    for i in range(MAX_DEPTH - 1):
        data = data[f"k{i}"]
    assert data == {"k": "end"}


def test_problem_file_is_the_name_given() -> None:
    """Problems carry the file name the caller passed, so front ends can prefix it."""
    _, problems = load_yaml(b"a: *x\n", "modules/deep/a.yaml")
    assert {p.file for p in problems} == {"modules/deep/a.yaml"}


def test_example_pack_loads_without_problems() -> None:
    """The example pack's YAML files read cleanly and match what SafeLoader reads."""
    from tests.conftest import EXAMPLE_PACK

    for path in sorted(EXAMPLE_PACK.glob("*.yaml")):
        node, problems = load_yaml(path.read_bytes(), path.name)
        assert problems == []
        assert to_plain(node) == yaml.safe_load(path.read_bytes())


def test_timestamp_value_matches_safe_loader() -> None:
    """A full timestamp is constructed exactly as SafeLoader constructs it."""
    data, problems = load("at: 2001-12-14 21:59:43.10 -5\nday: 2002-12-14\n")
    assert problems == []
    assert data["at"] == yaml.safe_load("at: 2001-12-14 21:59:43.10 -5")["at"]
    assert data["day"] == datetime.date(2002, 12, 14)


def test_pure_python_fallback_gives_the_same_answers(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without libyaml, the pure-Python parser feeds the same builder with the same refusals."""
    from app.model import yamlload

    monkeypatch.setattr(yamlload, "_Loader", yaml.SafeLoader)
    data, problems = load("a: [1, yes, '2']\nno: x\n")
    assert data == {"a": [1, True, "2"]}
    assert only(problems) == Problem(
        "m.yaml", 2, 1, "error", 'key `no` is read by YAML as a boolean; quote it: "no"'
    )
    node, problems = load_yaml(b"[" * 100_000, "m.yaml")
    assert node is None
    assert only(problems) == Problem(
        "m.yaml", 1, MAX_DEPTH + 1, "error", f"YAML is nested deeper than the {MAX_DEPTH}-level limit"
    )


def test_garbage_collector_state_is_restored_even_after_errors() -> None:
    """Reading pauses the cyclic collector only while it builds, and restores it on every path."""
    import gc

    assert gc.isenabled()
    load_yaml(b"a: [1, {b: c}]\n", "m.yaml")
    load_yaml(b"[" * 1000, "m.yaml")
    load_yaml(b"a: *x\n" * 2000, "m.yaml")
    to_plain(load_yaml(b"a: [1]\n", "m.yaml")[0])
    assert gc.isenabled()
    gc.disable()
    try:
        load_yaml(b"a: 1\n", "m.yaml")
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_missing_closing_quote_names_the_line_it_was_opened() -> None:
    """A quote left open is reported where YAML stumbles, and the hint names the line the quote opened."""
    _, problems = load('title: "The tea\nsummary: A post\nauthor: "@tea"\n')
    problem = only(problems)
    assert problem.line == 3
    assert "the quoted text opened at line 1, column 8 runs on to here" in problem.message
    assert "closing quote missing" in problem.message


def test_single_quote_left_open_is_named_too() -> None:
    """A single-quoted value left open gets the same hint, and a doubled '' does not close it."""
    _, problems = load("a: 'it''s\nb: c\nd: 'x'\n")
    problem = only(problems)
    assert "opened at line 1, column 4" in problem.message


def test_no_quote_hint_for_closed_quotes_or_block_text() -> None:
    """Quotes that close, quotes inside a block scalar and comments do not earn a missing-quote hint."""
    _, problems = load('a: "one\n  two"\nb: |\n  "not a quote\nc: # "comment\n  d: e: f\n')
    problem = only(problems)
    assert "quote" not in problem.message
    _, problems = load('a: "closed"\nb: c: d\n')
    assert "quote" not in only(problems).message


# ---------------------------------------------------------------- indentation in plain words

INDENTATION_CASES = {
    "a key moved left": (
        "lessons:\n  - id: a\n    title: A\n   steps:\n      - reading:\n          body: hi\n",
        4, "less than the line above it but lined up with nothing above", "`    title: A`",
    ),
    "a key moved right": (
        "lessons:\n  - id: a\n    title: A\n      steps:\n      - reading:\n          body: hi\n",
        4, "indented more than the line above it (line 3), which does not end with `:`", "`    title: A`",
    ),
    "a list item moved left": (
        "lessons:\n  - id: a\n    steps:\n      - reading:\n          body: hi\n     - reading:\n          body: ho\n",
        6, "indented 5 spaces", "(line 5): `          body: hi`",
    ),
    "a line of text moved out of its block": (
        "lessons:\n  - id: a\n    steps:\n      - reading:\n          body: |\n            Hello there.\n"
        "          and then this line moved left.\n            More.\n",
        7, "if it belongs to the text above, indent it as far as that text", "`            Hello there.`",
    ),
}


@pytest.mark.parametrize("case", sorted(INDENTATION_CASES))
def test_indentation_errors_name_the_line_that_moved_in_plain_words(case: str) -> None:
    """The problem points at the line that moved (not the one after), says why, and shows the line above."""
    text, line, words, above = INDENTATION_CASES[case]
    _node, problems = load_yaml(text.encode(), "m.yaml")
    assert len(problems) == 1
    problem = problems[0]
    assert problem.line == line
    assert words in problem.message and above in problem.message
    assert "could not parse YAML" not in problem.message
    moved = text.split("\n")[line - 1]
    assert problem.column == len(moved) - len(moved.lstrip(" ")) + 1

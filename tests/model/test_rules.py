"""Every rule of the pack format: a small broken pack, and the problem it must get (file, line, words)."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.model.loader import load_pack
from app.model.problems import Problem
from tests.conftest import EXAMPLE_PACK
from tests.images import gif, jpeg_header, webp_vp8x
from tests.model.packs import MANIFEST, MODULE_HEAD, PNG, find, line_of, module, problems_of, quiz, write_pack


def errors_only(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "error"]


# ---------------------------------------------------------------- the baseline


def test_example_pack_is_clean() -> None:
    """The example pack of the spec loads with no error and no warning."""
    result = load_pack(EXAMPLE_PACK)
    assert [p.format() for p in result.problems] == []
    assert result.pack is not None
    assert [m.id for m in result.pack.modules] == ["tea"]
    assert result.pack.module_files == {"tea": "tea.yaml"}


def test_base_pack_is_clean(tmp_path: Path) -> None:
    """The tests' own base pack is valid, so each test below breaks exactly one thing."""
    assert problems_of(write_pack(tmp_path)) == []


# ---------------------------------------------------------------- YAML


@pytest.mark.parametrize(
    ("value", "reading"),
    [("no", "as a boolean"), ("on", "as a boolean"), ("1.10", "as a number"), ("2017-06-16", "as a date")],
)
def test_string_field_with_other_yaml_type_says_quote_it(tmp_path: Path, value: str, reading: str) -> None:
    """A string field that YAML types otherwise is an error telling the author to quote it."""
    root = write_pack(tmp_path, MANIFEST.replace("title: Test pack", f"title: {value}"))
    problem = find(problems_of(root), "`title` must be a string")
    assert problem.file == "pack.yaml"
    assert (problem.line, problem.column) == (line_of(root, "pack.yaml", "title: " + value), 8)
    assert reading in problem.message
    assert f'quote it: "{value}"' in problem.message


def test_sexagesimal_number_in_string_field_names_its_value(tmp_path: Path) -> None:
    """`1:30` in a string field is reported as the number 90 that YAML 1.1 makes of it."""
    root = write_pack(tmp_path, MANIFEST.replace("title: Test pack", "title: 1:30"))
    assert "the number 90" in find(problems_of(root), "`title` must be a string").message


def test_sexagesimal_number_in_integer_field_is_an_integer(tmp_path: Path) -> None:
    """`minutes: 1:30` is the integer 90, which an integer field accepts."""
    root = write_pack(
        tmp_path, modules={"m.yaml": module().replace("title: Module\n", "title: Module\nminutes: 1:30\n")}
    )
    result = load_pack(root)
    assert result.ok
    assert result.pack.modules[0].minutes == 90


def test_tags_are_errors(tmp_path: Path) -> None:
    """An explicit tag, even a standard one, is an error."""
    root = write_pack(tmp_path, MANIFEST.replace("title: Test pack", "title: !!str Test"))
    problem = find(problems_of(root), "tags are not allowed")
    assert problem.line == line_of(root, "pack.yaml", "!!str")


def test_anchors_and_aliases_are_errors(tmp_path: Path) -> None:
    """Anchors and aliases are refused."""
    text = MANIFEST.replace("title: Test pack", "title: &t Test\nversion: *t")
    root = write_pack(tmp_path, text)
    problems = problems_of(root)
    assert find(problems, "anchors are not allowed").line == line_of(root, "pack.yaml", "&t")
    assert find(problems, "aliases are not allowed").line == line_of(root, "pack.yaml", "*t")


def test_non_string_key_says_quote_it(tmp_path: Path) -> None:
    """A key YAML types as a boolean is an error that says to quote it."""
    root = write_pack(tmp_path, MANIFEST.replace("  src:\n", "  no:\n"))
    problem = find(problems_of(root), "key `no`")
    assert "quote it" in problem.message
    assert problem.line == line_of(root, "pack.yaml", "  no:")


def test_duplicate_key_points_at_the_second(tmp_path: Path) -> None:
    """The same key twice is reported at the second one."""
    root = write_pack(tmp_path, MANIFEST + "title: Again\n")
    problem = find(problems_of(root), "duplicate key `title`")
    assert problem.line == line_of(root, "pack.yaml", "title: Again")


def test_boolean_takes_only_true_or_false(tmp_path: Path) -> None:
    """`yes` is a YAML 1.1 boolean but not one this format accepts."""
    root = write_pack(tmp_path, modules={"m.yaml": module(quiz("", shuffle="yes"))})
    problem = find(problems_of(root), "`shuffle` takes only `true` or `false`")
    assert problem.file == "m.yaml"
    assert problem.line == line_of(root, "m.yaml", "shuffle: yes")


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ("1.5", "`minutes` must be a whole number, not `1.5`"),
        ('"5"', "quoted, so YAML reads it as text"),
        ("true", "`minutes` must be a whole number"),
        ("0", "`minutes` must be at least 1"),
    ],
)
def test_integer_field_takes_a_yaml_integer(tmp_path: Path, value: str, fragment: str) -> None:
    """An integer field refuses floats, quoted numbers and booleans, and keeps its bounds."""
    text = module().replace("title: Module\n", f"title: Module\nminutes: {value}\n")
    root = write_pack(tmp_path, modules={"m.yaml": text})
    assert find(problems_of(root), fragment).line == line_of(root, "m.yaml", "minutes:")


@pytest.mark.parametrize("value", [".inf", "-.inf", ".nan", ".NaN"])
def test_infinity_and_nan_are_errors(tmp_path: Path, value: str) -> None:
    """`.inf` and `.nan` are not numbers a pack may use."""
    root = write_pack(tmp_path, modules={"m.yaml": module(quiz("", **{"pass": value}))})
    assert find(problems_of(root), "`pass` must be a finite number").line == line_of(root, "m.yaml", "pass:")


def test_number_field_takes_int_or_float_only(tmp_path: Path) -> None:
    """A number field accepts 2 and 0.5, and refuses text."""
    question = "- {id: q1, type: true_false, prompt: P, answer: false, explanation: E, points: many}\n"
    root = write_pack(tmp_path, modules={"m.yaml": module(quiz(question, **{"pass": "1"}))})
    problems = problems_of(root)
    assert find(problems, "`points` must be a number").line == line_of(root, "m.yaml", "points: many")
    assert not [p for p in problems if "`pass`" in p.message]


@pytest.mark.parametrize("empty", ["", " ~"])
def test_null_value_is_an_error(tmp_path: Path, empty: str) -> None:
    """A field present with no value is an error, not a field left out."""
    root = write_pack(tmp_path, MANIFEST.replace("version", "x") + f"version:{empty}\n")
    problem = find(problems_of(root), "`version` has no value; give it one or leave the field out")
    assert problem.line == line_of(root, "pack.yaml", "version:")


def test_required_text_must_not_be_blank(tmp_path: Path) -> None:
    """A required string of only whitespace is an error."""
    root = write_pack(tmp_path, MANIFEST.replace("title: Test pack", 'title: "   "'))
    assert find(problems_of(root), "`title` must not be empty").line == line_of(root, "pack.yaml", "title:")


@pytest.mark.parametrize("bad", ["Great-Firewall", "great--firewall", "-great", "2fast", "a" * 65])
def test_ids_must_be_slugs(tmp_path: Path, bad: str) -> None:
    """An id that is not a slug, or is longer than 64 characters, is an error."""
    root = write_pack(tmp_path, MANIFEST.replace("id: test-pack", f"id: {bad}"))
    problem = find(problems_of(root), "`id` must")
    assert ("slug" in problem.message) or ("at most 64 characters" in problem.message)
    assert problem.line == line_of(root, "pack.yaml", "id: ")


def test_source_keys_must_be_slugs(tmp_path: Path) -> None:
    """Keys of `sources` are slugs."""
    root = write_pack(tmp_path, MANIFEST.replace("  src:\n", "  Src:\n"))
    problem = find(problems_of(root), "a key of `sources` must be a slug")
    assert problem.line == line_of(root, "pack.yaml", "  Src:")


def test_unknown_field_suggests_the_close_one(tmp_path: Path) -> None:
    """A misspelt field is an error at its key, with a did-you-mean suggestion."""
    question = "- {id: q1, type: short, prompt: P, explanation: E, anwsers: [x]}\n"
    root = write_pack(tmp_path, modules={"m.yaml": module(quiz(question))})
    problems = problems_of(root)
    problem = find(problems, "unknown field `anwsers`; did you mean `answers`?")
    assert problem.line == line_of(root, "m.yaml", "anwsers")
    assert not [p for p in problems if "missing required field `answers`" in p.message]


def test_unknown_field_without_close_match_lists_the_fields(tmp_path: Path) -> None:
    """An unknown field far from any known one lists the fields allowed there."""
    root = write_pack(tmp_path, MANIFEST + "colour_scheme: dark\n")
    assert (
        "the fields here are format, id, title"
        in find(problems_of(root), "unknown field `colour_scheme`").message
    )


def test_missing_required_field_points_at_the_mapping(tmp_path: Path) -> None:
    """A missing field is reported at the mapping that lacks it."""
    root = write_pack(tmp_path, MANIFEST.replace("    label: A technique\n", "    description: no label\n"))
    problem = find(problems_of(root), "missing required field `label`")
    assert problem.line == line_of(root, "pack.yaml", "description: no label")


def test_empty_file_is_an_error(tmp_path: Path) -> None:
    """An empty module file is an error at 1:1."""
    root = write_pack(tmp_path, modules={"m.yaml": ""})
    problem = find(problems_of(root), "empty")
    assert (problem.file, problem.line, problem.column) == ("m.yaml", 1, 1)


def test_file_that_is_not_a_mapping(tmp_path: Path) -> None:
    """A module file holding a list is an error."""
    root = write_pack(tmp_path, modules={"m.yaml": "- a\n- b\n"})
    assert find(problems_of(root), "must be a mapping").file == "m.yaml"


# ---------------------------------------------------------------- manifest


def test_other_format_version_names_the_versions_read(tmp_path: Path) -> None:
    """`format: 2` is an error naming the version this build reads."""
    root = write_pack(tmp_path, MANIFEST.replace("format: 1", "format: 2"))
    problem = find(problems_of(root), "this build reads format version 1")
    assert problem.line == line_of(root, "pack.yaml", "format:")


def test_language_must_be_a_tag(tmp_path: Path) -> None:
    """`language` is a language tag such as en or en-GB."""
    root = write_pack(tmp_path, MANIFEST + "language: English language\n")
    assert find(problems_of(root), "`language` must be a language tag").line == line_of(
        root, "pack.yaml", "language"
    )


def test_colour_must_be_hex(tmp_path: Path) -> None:
    """A technique's `color` is #rrggbb."""
    root = write_pack(tmp_path, MANIFEST.replace("label: A technique", "label: T\n    color: red"))
    assert find(problems_of(root), "`color` must be a colour").line == line_of(
        root, "pack.yaml", "color: red"
    )


@pytest.mark.parametrize("url", ["ftp://example.org/x", "https://", "example.org", "https:///path"])
def test_source_url_is_http_with_host(tmp_path: Path, url: str) -> None:
    """A source's `url` is an http or https URL with a host."""
    root = write_pack(tmp_path, MANIFEST.replace("title: A source", f"title: S\n    url: {url}"))
    assert find(problems_of(root), "`url` must be an http or https URL").line == line_of(
        root, "pack.yaml", "url:"
    )


def test_modules_must_not_be_empty(tmp_path: Path) -> None:
    """`modules` is required and non-empty."""
    root = write_pack(tmp_path, MANIFEST.replace("modules:\n  - m.yaml\n", "modules: []\n"))
    assert find(problems_of(root), "`modules` must not be empty").line == line_of(
        root, "pack.yaml", "modules"
    )


def test_module_listed_twice_points_at_the_second(tmp_path: Path) -> None:
    """Each module path appears at most once; the duplicate is reported at the later one."""
    root = write_pack(tmp_path, MANIFEST + "  - ./m.yaml\n")
    problem = find(problems_of(root), "is listed twice")
    assert problem.line == line_of(root, "pack.yaml", "./m.yaml")


@pytest.mark.parametrize(
    ("path", "fragment"),
    [
        ("/etc/m.yaml", "absolute path"),
        ("https://example.org/m.yaml", "is a URL"),
        ("../m.yaml", "leaves the pack"),
        ("sub\\m.yaml", "write paths with `/`"),
        ("missing.yaml", "is not in the pack"),
        ("pack.yaml", "a pack that names itself as a module"),
    ],
)
def test_module_paths(tmp_path: Path, path: str, fragment: str) -> None:
    """Module paths are relative, '/'-separated, inside the pack, existing, and not pack.yaml."""
    root = write_pack(tmp_path / "pack", MANIFEST + f"  - '{path}'\n")
    problem = find(problems_of(root), fragment)
    assert (problem.file, problem.line) == ("pack.yaml", line_of(root, "pack.yaml", path))


def test_module_limit(tmp_path: Path) -> None:
    """More than 1,000 modules is refused with an error naming the limit."""
    listing = "".join(f"  - m{i}.yaml\n" for i in range(1001))
    root = write_pack(tmp_path, MANIFEST.replace("  - m.yaml\n", listing))
    assert find(problems_of(root), "the limit is 1,000 modules").line == line_of(
        root, "pack.yaml", "modules:"
    )


def test_module_ids_unique_in_pack(tmp_path: Path) -> None:
    """Two modules with one id: the second file gets the error."""
    root = write_pack(tmp_path, MANIFEST + "  - n.yaml\n", {"m.yaml": module(), "n.yaml": module()})
    problem = find(problems_of(root), "module id `m` is already used by `m.yaml`")
    assert (problem.file, problem.line) == ("n.yaml", 1)


# ---------------------------------------------------------------- module, lessons, steps


def test_lesson_ids_unique_in_module(tmp_path: Path) -> None:
    """A lesson id used twice in one module is reported at the second."""
    extra = "  - id: l1\n    title: Again\n    steps:\n      - reflect: {prompt: Why?}\n"
    root = write_pack(tmp_path, modules={"m.yaml": module() + extra})
    problem = find(problems_of(root), "lesson id `l1` is used twice")
    assert problem.line == line_of(root, "m.yaml", "- id: l1", 2)


def test_lessons_and_steps_must_not_be_empty(tmp_path: Path) -> None:
    """`lessons` and `steps` are non-empty lists."""
    root = write_pack(tmp_path, modules={"m.yaml": "id: m\ntitle: M\nlessons: []\n"})
    assert find(problems_of(root), "`lessons` must not be empty").line == 3
    root = write_pack(
        tmp_path / "b", modules={"m.yaml": "id: m\ntitle: M\nlessons:\n  - {id: a, title: A, steps: []}\n"}
    )
    assert find(problems_of(root), "`steps` must not be empty").line == 4


def test_step_needs_exactly_one_kind(tmp_path: Path) -> None:
    """A step with no kind, or two kinds, is an error."""
    two = "- reading: {body: B}\n  reflect: {prompt: P}\n"
    none = "- id: lonely\n"
    root = write_pack(tmp_path, modules={"m.yaml": module(two, none)})
    problems = problems_of(root)
    assert find(problems, "has `reading` and `reflect`").line == line_of(
        root, "m.yaml", "reflect: {prompt: P}"
    )
    assert find(problems, "a step needs exactly one of").line == line_of(root, "m.yaml", "id: lonely")


def test_misspelt_step_kind_suggests_it(tmp_path: Path) -> None:
    """`readng:` gets a did-you-mean, and no second error about the missing kind."""
    root = write_pack(tmp_path, modules={"m.yaml": module("- readng: {body: B}\n")})
    problems = problems_of(root)
    assert "did you mean `reading`?" in find(problems, "unknown field `readng`").message
    assert not [p for p in problems if "a step needs" in p.message]


def test_step_ids_unique_in_lesson(tmp_path: Path) -> None:
    """A step id used twice in a lesson is an error at the second."""
    root = write_pack(
        tmp_path,
        modules={"m.yaml": module("- id: s\n  reflect: {prompt: A}\n", "- id: s\n  reflect: {prompt: B}\n")},
    )
    assert find(problems_of(root), "step id `s` is used twice").line == line_of(root, "m.yaml", "- id: s", 2)


# ---------------------------------------------------------------- Markdown


@pytest.mark.parametrize(
    ("target", "fragment"),
    [
        ("https://example.org/x.png", "is a URL"),
        ("/abs/x.png", "absolute path"),
        ("../x.png", "leaves the pack"),
        ("assets/missing.png", "is not a file in the pack"),
    ],
)
def test_markdown_images_are_files_inside_the_pack(tmp_path: Path, target: str, fragment: str) -> None:
    """A Markdown image must be a relative path to a file inside the pack."""
    step = f"- reading:\n    body: 'See ![x]({target})'\n"
    root = write_pack(tmp_path, modules={"m.yaml": module(step)})
    problem = find(problems_of(root), fragment)
    assert problem.message.startswith("image ")
    assert problem.line == line_of(root, "m.yaml", target)


def test_markdown_image_inside_the_pack_is_fine(tmp_path: Path) -> None:
    """An image inside the pack is accepted, and `..` that stays inside too."""
    step = "- reading:\n    body: '![x](assets/../assets/p.png)'\n"
    root = write_pack(tmp_path, modules={"m.yaml": module(step)}, files={"assets/p.png": PNG})
    assert problems_of(root) == []


def test_link_with_other_scheme_is_a_warning(tmp_path: Path) -> None:
    """A mailto: link is a warning; an https link is fine."""
    step = "- reading:\n    body: '[mail](mailto:a@example.org) and [web](https://example.org)'\n"
    root = write_pack(tmp_path, modules={"m.yaml": module(step)})
    problems = problems_of(root)
    assert errors_only(problems) == []
    warning = find(problems, "link `mailto:a@example.org`", "warning")
    assert warning.line == line_of(root, "m.yaml", "mailto")
    assert len([p for p in problems if "link" in p.message]) == 1


def test_unknown_citation_is_an_error(tmp_path: Path) -> None:
    """`[@key]` must name a source; a close key is suggested."""
    step = "- reading:\n    body: 'As shown [@scr, para 4].'\n"
    root = write_pack(tmp_path, modules={"m.yaml": module(step)})
    problem = find(problems_of(root), "citation `[@scr]` names no source")
    assert "did you mean `src`?" in problem.message
    assert problem.line == line_of(root, "m.yaml", "[@scr")


def test_unknown_citation_in_a_block_is_reported_at_the_key(tmp_path: Path) -> None:
    """A typo deep in a `body: |` block is reported at its own line and the key's column, not at `body:`."""
    step = "- reading:\n    body: |\n      First line.\n\n      Second line, as shown [@scr].\n"
    root = write_pack(tmp_path, modules={"m.yaml": module(step)})
    problem = find(problems_of(root), "citation `[@scr]` names no source")
    line = line_of(root, "m.yaml", "[@scr")
    assert problem.line == line
    text = (root / "m.yaml").read_text("utf-8").splitlines()[line - 1]
    assert problem.column == text.index("@scr") + 2  # the key itself, 1-based: "scr"


def test_citations_and_images_in_code_are_ignored(tmp_path: Path) -> None:
    """Code spans and code blocks hold no citations and no images."""
    step = "- reading:\n    body: |\n      Write `[@nope]` like this.\n\n      ```\n      ![x](missing.png) [@nope]\n      ```\n"
    root = write_pack(tmp_path, modules={"m.yaml": module(step)})
    assert problems_of(root) == []


def test_citation_checked_in_every_markdown_field(tmp_path: Path) -> None:
    """Citations are checked in manifest and module Markdown fields alike."""
    manifest = MANIFEST.replace("label: A technique", "label: T\n    description: See [@bad1].") + (
        "description: Intro [@bad2]\nglossary:\n  - {term: X, definition: 'A [@bad3]'}\n"
    )
    body = module(
        "- example:\n    medium: post\n    text: Hello\n    task: 'T [@bad4]'\n    sources: [src]\n"
        "    annotations:\n      - {quote: Hello, note: 'N [@bad5]'}\n",
        "- compare:\n    question: 'Q [@bad6]'\n    takeaway: 'T [@bad7]'\n"
        "    examples:\n      - {medium: post, text: A}\n      - {medium: post, text: B}\n",
        "- reflect: {prompt: 'P [@bad8]'}\n",
        quiz(
            "- {id: s, type: single, prompt: 'P [@bad9]', explanation: 'E [@bad10]', hint: 'H [@bad11]',"
            " choices: [{text: a, correct: true, feedback: 'F [@bad12]'}, {text: b}]}\n"
            "- {id: sp, type: spot, prompt: P, explanation: E, text: abc,"
            " targets: [{quote: b, note: 'N [@bad13]'}]}\n"
        ),
    ).replace("title: Module\n", "title: Module\nsummary: 'S [@bad14]'\n")
    root = write_pack(tmp_path, manifest, {"m.yaml": body})
    problems = problems_of(root)
    for number in range(1, 15):
        file = "pack.yaml" if number <= 3 else "m.yaml"
        problem = find(problems, f"`[@bad{number}]`")
        assert (problem.file, problem.line) == (file, line_of(root, file, f"[@bad{number}]"))


# ---------------------------------------------------------------- example steps


def example(**fields: str) -> str:
    """Return an example step with ``fields`` (YAML text values) and one quote annotation by default."""
    base = {"medium": "post", "text": "Doctors agree. Doctors agree again.", "sources": "[src]"}
    base.update(fields)
    lines = "".join(f"    {key}: {value}\n" for key, value in base.items() if value is not None)
    if "annotations" not in fields:
        lines += "    annotations:\n      - {quote: Doctors agree, note: N}\n"
    return "- example:\n" + lines


def test_medium_must_be_known(tmp_path: Path) -> None:
    """`medium` is one of post, headline, article, message, with a suggestion."""
    root = write_pack(tmp_path, modules={"m.yaml": module(example(medium="poster"))})
    problem = find(problems_of(root), "`medium` must be one of post, headline, article, message")
    assert "did you mean `post`?" in problem.message
    assert problem.line == line_of(root, "m.yaml", "medium: poster")


def test_example_needs_text_or_image(tmp_path: Path) -> None:
    """An example with neither `text` nor `image` is an error at its mapping."""
    root = write_pack(
        tmp_path,
        modules={"m.yaml": module(example(text=None, annotations="[{region: [0, 0, 1, 1], note: N}]"))},
    )
    problem = find(problems_of(root), "needs `text` or `image`")
    assert problem.line == line_of(root, "m.yaml", "medium: post")


def test_image_must_be_a_picture_file(tmp_path: Path) -> None:
    """`image` must be a PNG, JPEG, GIF or WebP file, judged by its first bytes."""
    step = example(
        text=None, image="assets/p.png", alt="A picture", annotations="[{region: [0, 0, 1, 1], note: N}]"
    )
    root = write_pack(tmp_path, modules={"m.yaml": module(step)}, files={"assets/p.png": b"not really a png"})
    problem = find(problems_of(root), "is not a PNG, JPEG, GIF or WebP file")
    assert problem.line == line_of(root, "m.yaml", "image:")


@pytest.mark.parametrize(
    "head",
    [PNG, jpeg_header(40, 30), gif(), webp_vp8x(40, 30)],
)
def test_image_formats_accepted(tmp_path: Path, head: bytes) -> None:
    """PNG, JPEG, GIF and WebP images are accepted, judged by their bytes (a misleading name is only a warning)."""
    step = example(text=None, image="p.img", alt="A picture", annotations="[{region: [0, 0, 1, 1], note: N}]")
    root = write_pack(tmp_path, modules={"m.yaml": module(step)}, files={"p.img": head})
    assert errors_only(problems_of(root)) == []


def test_image_path_outside_pack(tmp_path: Path) -> None:
    """An example image that leaves the pack is an error."""
    step = example(image="../p.png", alt="A")
    root = write_pack(tmp_path / "pack", modules={"m.yaml": module(step)})
    (tmp_path / "p.png").write_bytes(PNG)
    assert find(problems_of(root), "leaves the pack").line == line_of(root, "m.yaml", "image:")


def test_alt_exactly_when_image(tmp_path: Path) -> None:
    """`alt` is required with `image`, and refused without one."""
    with_image = example(image="p.png")
    without_image = example(alt="Words")
    root = write_pack(tmp_path, modules={"m.yaml": module(with_image, without_image)}, files={"p.png": PNG})
    problems = problems_of(root)
    assert find(problems, "missing required field `alt`").line == line_of(root, "m.yaml", "medium: post", 1)
    assert find(problems, "`alt` describes an `image`").line == line_of(root, "m.yaml", "alt: Words")


def test_engagement_only_on_posts(tmp_path: Path) -> None:
    """`engagement` belongs to posts only, and its counts are integers ≥ 0."""
    root = write_pack(
        tmp_path, modules={"m.yaml": module(example(medium="headline", engagement="{likes: 3}"))}
    )
    assert find(problems_of(root), "`engagement` is only allowed on a `post`").line == line_of(
        root, "m.yaml", "likes: 3"
    )
    root = write_pack(tmp_path / "b", modules={"m.yaml": module(example(engagement="{likes: -1}"))})
    assert find(problems_of(root), "`likes` must be at least 0").line == line_of(root, "m.yaml", "likes: -1")


def test_annotations_required_on_example_steps(tmp_path: Path) -> None:
    """An example step needs at least one annotation; a compare example does not."""
    root = write_pack(tmp_path, modules={"m.yaml": module(example(annotations="[]"))})
    assert find(problems_of(root), "`annotations` must not be empty").line == line_of(
        root, "m.yaml", "annotations"
    )


def test_annotation_quote_or_region(tmp_path: Path) -> None:
    """An annotation has exactly one of quote and region; occurrence only with quote."""
    notes = (
        "\n      - {note: nothing}\n      - {quote: Doctors, region: [0, 0, 1, 1], note: both}"
        "\n      - {region: [0, 0, 1, 1], occurrence: 2, note: occ}"
    )
    root = write_pack(tmp_path, modules={"m.yaml": module(example(annotations=notes))}, files={"p.png": PNG})
    problems = problems_of(root)
    assert find(problems, "needs `quote` or `region`").line == line_of(root, "m.yaml", "note: nothing")
    assert find(problems, "has `quote` or `region`, not both").line == line_of(root, "m.yaml", "note: both")
    assert find(problems, "`occurrence` is only allowed with `quote`").line == line_of(
        root, "m.yaml", "note: occ"
    )


def test_quote_must_occur_and_shows_the_closest_passage(tmp_path: Path) -> None:
    """A quote not in the text is an error showing the closest passage."""
    notes = "\n      - {quote: Doctor agrees, note: N}"
    root = write_pack(tmp_path, modules={"m.yaml": module(example(annotations=notes))})
    problem = find(problems_of(root), 'quote "Doctor agrees" does not occur')
    assert 'the closest passage is "Doctors agree"' in problem.message
    assert problem.line == line_of(root, "m.yaml", "Doctor agrees")


def test_quote_occurrence_counts_without_overlap(tmp_path: Path) -> None:
    """`occurrence: 2` finds the second occurrence; `3` is an error saying how often it occurs."""
    notes = "\n      - {quote: Doctors agree, occurrence: 2, note: ok}\n      - {quote: Doctors agree, occurrence: 3, note: three}"
    root = write_pack(tmp_path, modules={"m.yaml": module(example(annotations=notes))})
    problems = errors_only(problems_of(root))
    assert len(problems) == 1
    assert "occurs 2 times" in problems[0].message
    assert problems[0].line == line_of(root, "m.yaml", "note: three")


def test_quote_without_text_and_region_without_image(tmp_path: Path) -> None:
    """A quote needs the example's text; a region needs its image."""
    quote_only = example(text=None, image="p.png", alt="A", annotations="[{quote: x, note: N}]")
    region_only = example(annotations="[{region: [0, 0, 1, 1], note: N}]")
    root = write_pack(tmp_path, modules={"m.yaml": module(quote_only, region_only)}, files={"p.png": PNG})
    problems = problems_of(root)
    assert find(problems, "`quote` needs the example's `text`").line == line_of(root, "m.yaml", "quote: x")
    assert find(problems, "`region` needs the example's `image`").line == line_of(
        root, "m.yaml", "region: [0, 0"
    )


@pytest.mark.parametrize(
    ("region", "fragment"),
    [
        ("[-0.1, 0, 0.5, 0.5]", "x is below 0"),
        ("[0, -0.1, 0.5, 0.5]", "y is below 0"),
        ("[0, 0, 0, 0.5]", "width must be above 0"),
        ("[0, 0, 0.5, 0]", "height must be above 0"),
        ("[0.6, 0, 0.5, 0.5]", "x + width is 1.1"),
        ("[0, 0.6, 0.5, 0.5]", "y + height is 1.1"),
        ("[0, 0, 1]", "needs at least 4 items"),
    ],
)
def test_region_bounds(tmp_path: Path, region: str, fragment: str) -> None:
    """A region is [x, y, width, height] inside the image."""
    step = example(text=None, image="p.png", alt="A", annotations=f"[{{region: {region}, note: N}}]")
    root = write_pack(tmp_path, modules={"m.yaml": module(step)}, files={"p.png": PNG})
    assert find(problems_of(root), fragment).line == line_of(root, "m.yaml", "region:")


def test_region_on_the_edge_is_fine(tmp_path: Path) -> None:
    """A region touching the right and bottom edges is inside."""
    step = example(
        text=None, image="p.png", alt="A", annotations="[{region: [0.5, 0.25, 0.5, 0.75], note: N}]"
    )
    root = write_pack(tmp_path, modules={"m.yaml": module(step)}, files={"p.png": PNG})
    assert problems_of(root) == []


def test_compare_takes_two_to_four_examples(tmp_path: Path) -> None:
    """A compare step has 2 to 4 examples and a question."""
    one = "- compare:\n    question: Q\n    examples:\n      - {medium: post, text: A}\n"
    five = "- compare:\n    examples: [" + ", ".join(["{medium: post, text: A}"] * 5) + "]\n"
    root = write_pack(tmp_path, modules={"m.yaml": module(one, five)})
    problems = problems_of(root)
    # a block list starts at its first item
    assert find(problems, "`examples` needs at least 2 items, but has 1").line == line_of(
        root, "m.yaml", "text: A}", 1
    )
    assert find(problems, "`examples` takes at most 4 items, but has 5").line == line_of(
        root, "m.yaml", "examples:", 2
    )
    assert find(problems, "missing required field `question`").line == line_of(root, "m.yaml", "examples:", 2)


# ---------------------------------------------------------------- quizzes and questions


def test_quiz_mode_and_pass(tmp_path: Path) -> None:
    """`mode` is practice or test; `pass` is in (0, 1]."""
    root = write_pack(tmp_path, modules={"m.yaml": module(quiz("", mode="exam", **{"pass": "0"}))})
    problems = problems_of(root)
    assert find(problems, "`mode` must be one of practice, test").line == line_of(
        root, "m.yaml", "mode: exam"
    )
    assert find(problems, "`pass` must be greater than 0").line == line_of(root, "m.yaml", "pass: 0")


def test_measure_at_most_once_per_pack(tmp_path: Path) -> None:
    """A second `measure: pre` quiz, even in another module, is an error at the later one."""
    other = (
        MODULE_HEAD.replace("id: m\n", "id: n\n")
        + "      - "
        + quiz("", measure="pre")[2:].replace("q0", "q9").replace("\n", "\n      ").rstrip()
        + "\n"
    )
    root = write_pack(
        tmp_path,
        MANIFEST + "  - n.yaml\n",
        {
            "m.yaml": module(
                quiz("- {id: q1, type: true_false, prompt: P, answer: true, explanation: E}\n", measure="pre")
            ),
            "n.yaml": other,
        },
    )
    problem = find(problems_of(root), "a second quiz with `measure: pre`")
    assert (problem.file, problem.line) == ("n.yaml", line_of(root, "n.yaml", "measure: pre"))
    assert "m.yaml" in problem.message


def test_question_ids_unique_in_module(tmp_path: Path) -> None:
    """A question id used twice in a module is reported at the second."""
    question = "- {id: q0, type: true_false, prompt: P, answer: true, explanation: E}\n"
    root = write_pack(tmp_path, modules={"m.yaml": module(quiz(question))})
    assert find(problems_of(root), "question id `q0` is used twice").line == line_of(
        root, "m.yaml", "id: q0", 2
    )


def test_question_type_missing_or_unknown(tmp_path: Path) -> None:
    """A question's `type` must be given and be one of the types, with a suggestion."""
    questions = "- {id: q1, type: singel, prompt: P}\n- {id: q2, prompt: P}\n"
    root = write_pack(tmp_path, modules={"m.yaml": module(quiz(questions))})
    problems = problems_of(root)
    unknown = find(problems, "`type` must be one of single, multiple, true_false")
    assert "did you mean `single`?" in unknown.message
    assert unknown.line == line_of(root, "m.yaml", "singel")
    assert find(problems, "missing required field `type`").line == line_of(root, "m.yaml", "id: q2")


def test_points_must_be_positive(tmp_path: Path) -> None:
    """`points` is a number greater than 0."""
    question = "- {id: q1, type: true_false, prompt: P, answer: true, explanation: E, points: -1}\n"
    root = write_pack(tmp_path, modules={"m.yaml": module(quiz(question))})
    assert find(problems_of(root), "`points` must be greater than 0").line == line_of(
        root, "m.yaml", "points: -1"
    )


def test_references_must_exist(tmp_path: Path) -> None:
    """Step and question sources, question techniques and annotation techniques must be defined."""
    question = "- {id: q1, type: true_false, prompt: P, answer: true, explanation: E, sources: [srcc], techniques: [zzz]}\n"
    step = example(sources="[nope]", annotations="[{quote: Doctors, note: N, technique: tehc}]")
    root = write_pack(tmp_path, modules={"m.yaml": module(step, quiz(question))})
    problems = problems_of(root)
    assert "did you mean `src`?" in find(problems, "`srcc` is not a source").message
    assert "the techniques are tech" in find(problems, "`zzz` is not a technique").message
    assert find(problems, "`nope` is not a source").line == line_of(root, "m.yaml", "[nope]")
    assert find(problems, "`tehc` is not a technique").line == line_of(root, "m.yaml", "tehc")


def test_single_needs_exactly_one_correct(tmp_path: Path) -> None:
    """A single question has exactly one correct choice and at least two choices."""
    two = "- {id: a, type: single, prompt: P, explanation: E, choices: [{text: x, correct: true}, {text: y, correct: true}]}\n"
    none = "- {id: b, type: single, prompt: P, explanation: E, choices: [{text: x}, {text: y}]}\n"
    root = write_pack(tmp_path, modules={"m.yaml": module(quiz(two + none))})
    problems = problems_of(root)
    assert find(problems, "exactly one choice with `correct: true`, but has 2").line == line_of(
        root, "m.yaml", "id: a"
    )
    assert find(problems, "exactly one choice with `correct: true`, but has 0").line == line_of(
        root, "m.yaml", "id: b"
    )
    one = "- {id: c, type: single, prompt: P, explanation: E, choices: [{text: x, correct: true}]}\n"
    root = write_pack(tmp_path / "b", modules={"m.yaml": module(quiz(one))})
    assert find(problems_of(root), "`choices` needs at least 2 items").line == line_of(
        root, "m.yaml", "id: c"
    )


def test_multiple_needs_a_correct_choice(tmp_path: Path) -> None:
    """A multiple question has at least one correct choice."""
    questions = "- {id: a, type: multiple, prompt: P, explanation: E, choices: [{text: x}, {text: y}]}\n"
    root = write_pack(tmp_path, modules={"m.yaml": module(quiz(questions))})
    assert find(problems_of(root), "at least one choice with `correct: true`").line == line_of(
        root, "m.yaml", "id: a"
    )


def test_true_false_needs_a_boolean_answer(tmp_path: Path) -> None:
    """A true_false question needs `answer`, a boolean."""
    questions = "- {id: a, type: true_false, prompt: P, explanation: E}\n- {id: b, type: true_false, prompt: P, explanation: E, answer: 'true'}\n"
    root = write_pack(tmp_path, modules={"m.yaml": module(quiz(questions))})
    problems = problems_of(root)
    assert find(problems, "missing required field `answer`").line == line_of(root, "m.yaml", "id: a")
    assert find(problems, "`answer` must be `true` or `false`").line == line_of(root, "m.yaml", "id: b")


def test_short_answers(tmp_path: Path) -> None:
    """A short question has an answer, and none normalizes to empty."""
    root = write_pack(
        tmp_path, modules={"m.yaml": module(quiz("- {id: a, type: short, prompt: P, answers: []}\n"))}
    )
    assert find(problems_of(root), "`answers` must not be empty").line == line_of(root, "m.yaml", "id: a")
    question = "- {id: b, type: short, prompt: P, explanation: E, answers: [fine, ' ?! ']}\n"
    root = write_pack(tmp_path / "b", modules={"m.yaml": module(quiz(question))})
    problem = find(problems_of(root), "is empty once spaces and punctuation are removed")
    assert problem.line == line_of(root, "m.yaml", "id: b")


def test_order_items_all_different(tmp_path: Path) -> None:
    """Order items are 2 or more, all different."""
    questions = "- {id: a, type: order, prompt: P, explanation: E, items: [x, y, x]}\n"
    root = write_pack(tmp_path, modules={"m.yaml": module(quiz(questions))})
    assert find(problems_of(root), 'item "x" appears twice').line == line_of(root, "m.yaml", "id: a")


def test_match_lefts_and_rights_all_different(tmp_path: Path) -> None:
    """Match lefts are all different, and rights are all different."""
    questions = (
        "- id: a\n  type: match\n  prompt: P\n  explanation: E\n  pairs:\n"
        "    - {left: L1, right: R1}\n    - {left: L1, right: R2}\n    - {left: L3, right: R2}\n"
    )
    root = write_pack(tmp_path, modules={"m.yaml": module(quiz(questions))})
    problems = problems_of(root)
    assert find(problems, 'left "L1" appears twice').line == line_of(root, "m.yaml", "left: L1", 2)
    assert find(problems, 'right "R2" appears twice').line == line_of(root, "m.yaml", "left: L3")


def test_spot_targets_must_occur(tmp_path: Path) -> None:
    """Each spot target quote occurs in the question's text."""
    questions = (
        "- id: a\n  type: spot\n  prompt: P\n  explanation: E\n  text: Experts agree it works.\n"
        "  targets:\n    - {quote: Experts agree}\n    - {quote: experts agree}\n"
    )
    root = write_pack(tmp_path, modules={"m.yaml": module(quiz(questions))})
    problem = find(problems_of(root), 'quote "experts agree" does not occur')
    assert problem.line == line_of(root, "m.yaml", "quote: experts agree")


def test_categorize_rules(tmp_path: Path) -> None:
    """Categories are 2+, all different; every item's category is one of them."""
    questions = (
        "- id: a\n  type: categorize\n  prompt: P\n  explanation: E\n  categories: [Fact, Opinion, Fact]\n"
        "  items:\n    - {text: t1, category: Fact}\n    - {text: t2, category: Opinon}\n"
    )
    root = write_pack(tmp_path, modules={"m.yaml": module(quiz(questions))})
    problems = problems_of(root)
    assert find(problems, 'category "Fact" appears twice').line == line_of(root, "m.yaml", "categories:")
    problem = find(problems, "category `Opinon` is not one of")
    assert "did you mean `Opinion`?" in problem.message
    assert problem.line == line_of(root, "m.yaml", "Opinon")


def test_judge_needs_item_and_reliable(tmp_path: Path) -> None:
    """A judge question has an example `item` and a boolean `reliable`."""
    question = "- {id: a, type: judge, prompt: P, explanation: E, item: {medium: post, text: T}}\n"
    root = write_pack(tmp_path, modules={"m.yaml": module(quiz(question))})
    assert find(problems_of(root), "missing required field `reliable`").line == line_of(
        root, "m.yaml", "id: a"
    )
    question = "- {id: b, type: judge, prompt: P, explanation: E, reliable: false, item: {medium: post}}\n"
    root = write_pack(tmp_path / "b", modules={"m.yaml": module(quiz(question))})
    assert find(problems_of(root), "needs `text` or `image`").line == line_of(root, "m.yaml", "id: b")


def test_shuffle_only_on_single_and_multiple(tmp_path: Path) -> None:
    """`shuffle` on a question other than single or multiple is an error."""
    questions = "- {id: a, type: order, prompt: P, explanation: E, items: [x, y], shuffle: false}\n"
    root = write_pack(tmp_path, modules={"m.yaml": module(quiz(questions))})
    problem = find(problems_of(root), "`shuffle` is only allowed on single and multiple questions")
    assert problem.line == line_of(root, "m.yaml", "id: a")


def test_field_of_another_question_type(tmp_path: Path) -> None:
    """`choices` on a short question names the types it belongs to."""
    questions = "- {id: a, type: short, prompt: P, explanation: E, answers: [x], choices: []}\n"
    root = write_pack(tmp_path, modules={"m.yaml": module(quiz(questions))})
    assert find(problems_of(root), "`choices` is only allowed on single and multiple questions")


def test_reflect_min_words(tmp_path: Path) -> None:
    """`min_words` is an integer ≥ 0."""
    root = write_pack(tmp_path, modules={"m.yaml": module("- reflect: {prompt: P, min_words: -2}\n")})
    assert find(problems_of(root), "`min_words` must be at least 0").line == line_of(
        root, "m.yaml", "min_words"
    )


# ---------------------------------------------------------------- warnings


def test_warnings(tmp_path: Path) -> None:
    """No explanation, example without sources and unused sources or techniques are warnings only."""
    manifest = MANIFEST.replace(
        "techniques:\n", "  spare:\n    title: Unused\ntechniques:\n  idle:\n    label: Idle\n"
    )
    question = "- {id: q1, type: true_false, prompt: P, answer: true}\n"
    root = write_pack(tmp_path, manifest, {"m.yaml": module(example(sources=None), quiz(question))})
    result = load_pack(root)
    assert result.ok, [p.format() for p in result.problems]
    problems = result.problems
    assert find(problems, "question `q1` has no `explanation`", "warning").line == line_of(
        root, "m.yaml", "id: q1"
    )
    assert find(problems, "this example has no `sources`", "warning").line == line_of(
        root, "m.yaml", "medium: post"
    )
    assert find(problems, "source `spare` is never cited", "warning").line == line_of(
        root, "pack.yaml", "spare:"
    )
    assert find(problems, "technique `idle` is never used", "warning").line == line_of(
        root, "pack.yaml", "idle:"
    )
    assert len(problems) == 4


def test_citation_counts_as_a_use(tmp_path: Path) -> None:
    """A source only cited in Markdown is used; one only in a reading's `sources` too."""
    root = write_pack(tmp_path)
    assert load_pack(root).problems == []  # `src` is used only by the citation [@src] of the base module


def test_problems_are_sorted_by_file_then_line(tmp_path: Path) -> None:
    """Problems come in file order (pack.yaml, then modules as listed), then line order."""
    manifest = MANIFEST.replace("format: 1", "format: 3") + "  - a.yaml\n"
    broken = module("- reflect: {prompt: P, min_words: -2}\n").replace("title: Module", "title: no")
    root = write_pack(tmp_path, manifest, {"m.yaml": broken, "a.yaml": broken.replace("id: m\n", "id: a\n")})
    order = [(p.file, p.line) for p in load_pack(root).problems]
    files = [file for file, _ in order]
    assert files == sorted(files, key=["pack.yaml", "m.yaml", "a.yaml"].index)
    assert order == sorted(order, key=lambda fl: (["pack.yaml", "m.yaml", "a.yaml"].index(fl[0]), fl[1]))


def test_references_checked_even_when_the_manifest_has_errors(tmp_path: Path) -> None:
    """A manifest error does not hide a module's unknown citation: both are reported in one run."""
    manifest = MANIFEST.replace("title: Test pack", "title: no")
    step = "- reading:\n    body: 'As shown [@scr].'\n"
    root = write_pack(tmp_path, manifest, {"m.yaml": module(step)})
    problems = problems_of(root)
    assert find(problems, "`title` must be a string").file == "pack.yaml"
    assert find(problems, "citation `[@scr]` names no source").file == "m.yaml"


def test_problems_per_file_are_capped(tmp_path: Path) -> None:
    """A file with thousands of mistakes gets at most the per-file cap of problems, and says it stopped."""
    from app.model.limits import MAX_PROBLEMS_PER_FILE

    reflects = "".join(
        f"- reflect: {{prompt: P{i}, min_words: -1}}\n" for i in range(MAX_PROBLEMS_PER_FILE + 50)
    )
    root = write_pack(tmp_path, modules={"m.yaml": module(reflects)})
    problems = problems_of(root)
    assert len(problems) == MAX_PROBLEMS_PER_FILE + 1
    assert problems[-1].message == f"stopped checking after {MAX_PROBLEMS_PER_FILE:,} problems in this file"


def test_a_key_must_be_whole_words_of_its_quote(tmp_path: Path) -> None:
    """A spot target's or an annotation's `key` is whole words of its quote; a good key is no problem."""
    questions = (
        "- id: a\n  type: spot\n  prompt: P\n  explanation: E\n  text: Experts agree it works.\n"
        "  targets:\n    - {quote: Experts agree, key: Experts}\n    - {quote: it works, key: wor}\n"
    )
    notes = "\n      - {quote: Doctors agree, key: Doctors, note: ok}\n      - {region: [0, 0, 1, 1], key: X, note: nokey}"
    root = write_pack(
        tmp_path, modules={"m.yaml": module(quiz(questions), example(annotations=notes))}, files={"p.png": PNG}
    )
    problems = errors_only(problems_of(root))
    bad = find(problems, 'key "wor" is not a whole word or words of the quote "it works"')
    assert bad.line == line_of(root, "m.yaml", "key: wor")
    assert find(problems, "`key` is only allowed with `quote`").line == line_of(root, "m.yaml", "note: nokey")
    assert not any("Experts" in problem.message or "Doctors" in problem.message for problem in problems)

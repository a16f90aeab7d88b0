"""``python main.py new DIR``: a starter pack that validates cleanly and shows every part of the format."""

from __future__ import annotations

import re
import subprocess
import sys
import typing
from pathlib import Path

import pytest

from app.commands.new import STARTER, run_new
from app.commands.validate import run_validate
from app.model.loader import load_pack
from app.model.schema import Question, StepKind
from tests.conftest import ROOT

STEP_KINDS = set(typing.get_args(StepKind))
QUESTION_TYPES = {cls.__struct_config__.tag for cls in typing.get_args(Question)}


@pytest.fixture
def starter(tmp_path: Path) -> Path:
    """A starter pack written by ``new`` into a fresh folder."""
    target = tmp_path / "mypack"
    assert run_new([str(target)]) == 0
    return target


def test_new_writes_a_pack_with_no_errors_and_no_warnings(starter: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """validate prints nothing but "0 errors, 0 warnings" for the starter pack, and exits 0."""
    capsys.readouterr()
    assert run_validate([str(starter)]) == 0
    assert capsys.readouterr().out.splitlines() == ["0 errors, 0 warnings"]


def test_starter_uses_every_step_kind_and_question_type(starter: Path) -> None:
    """The starter shows an author each step kind and each question type at least once."""
    result = load_pack(starter)
    assert result.pack is not None and result.problems == []
    steps = [step for module in result.pack.modules for lesson in module.lessons for step in lesson.steps]
    assert {step.kind for step in steps} == STEP_KINDS
    types = {
        type(question).__struct_config__.tag
        for step in steps
        if step.kind == "quiz"
        for question in step.content.questions
    }
    assert len(STEP_KINDS) == 5 and len(QUESTION_TYPES) == 9
    assert types == QUESTION_TYPES


def test_starter_files_explain_themselves_and_name_their_schema(starter: Path) -> None:
    """Each YAML file starts with the schema line for editors and carries comments."""
    manifest = (starter / "pack.yaml").read_text("utf-8")
    assert manifest.startswith("# yaml-language-server: $schema=schema/pack.schema.json")
    module_files = sorted((starter / "modules").glob("*.yaml"))
    assert module_files
    for module in module_files:
        text = module.read_text("utf-8")
        assert text.startswith("# yaml-language-server: $schema=../schema/module.schema.json")
        assert text.count("#") > 20
    assert (starter / "schema" / "pack.schema.json").is_file()


def test_starter_schema_files_match_the_committed_ones(starter: Path) -> None:
    """The schemas written into a new pack are byte for byte the repository's schema/ files."""
    for name in ("pack.schema.json", "module.schema.json"):
        assert (starter / "schema" / name).read_bytes() == (ROOT / "schema" / name).read_bytes()


def test_new_refuses_a_folder_that_is_not_empty(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``new`` into a folder holding files fails with a message and leaves the folder alone."""
    target = tmp_path / "busy"
    target.mkdir()
    (target / "notes.txt").write_text("mine", "utf-8")
    assert run_new([str(target)]) == 1
    assert "not an empty folder" in capsys.readouterr().err
    assert sorted(p.name for p in target.iterdir()) == ["notes.txt"]


def test_new_accepts_an_empty_folder(tmp_path: Path) -> None:
    """An existing empty folder is filled."""
    target = tmp_path / "empty"
    target.mkdir()
    assert run_new([str(target)]) == 0
    assert (target / "pack.yaml").is_file()
    assert not (target / "__init__.py").exists()


def test_new_from_the_command_line(tmp_path: Path) -> None:
    """``python main.py new DIR`` runs without Qt and says what to do next."""
    target = tmp_path / "cli-pack"
    completed = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "new", str(target)], capture_output=True, text=True, timeout=60
    )
    assert completed.returncode == 0, completed.stderr
    assert f"unspun validate {target}" in completed.stdout
    # the guide is named where every installation has it, never by a path only a checkout has
    assert "Help > Writing lesson packs" in completed.stdout
    assert f"or the file {ROOT / 'docs' / 'authoring.md'}\n" in completed.stdout
    assert (target / "pack.yaml").read_bytes() == (STARTER / "pack.yaml").read_bytes()


def _walkthrough() -> str:
    """Return the "Your first pack" section of docs/authoring.md."""
    text = (ROOT / "docs" / "authoring.md").read_text("utf-8")
    start = text.index("## Your first pack")
    return text[start : text.index("\n## ", start + 1)]


def _walkthrough_lesson() -> str:
    """Join the YAML blocks of the walkthrough into the lesson they build."""
    blocks = re.findall(r"```yaml\n(.*?)```", _walkthrough(), flags=re.DOTALL)
    assert blocks[0].startswith("  - id: my-lesson")
    return "\n" + "".join(blocks)


def _printed_lines(pack: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    """Validate ``pack`` and return the problem lines, named as in the guide (mypack/...)."""
    capsys.readouterr()
    run_validate([str(pack)])
    return [line.replace(str(pack), "mypack") for line in capsys.readouterr().out.splitlines()]


def test_the_walkthrough_lesson_validates(starter: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The lesson built step by step in docs/authoring.md, added to the starter, has no problem."""
    module = starter / "modules" / "first-module.yaml"
    module.write_text(module.read_text("utf-8") + _walkthrough_lesson(), "utf-8")
    assert _printed_lines(starter, capsys) == ["0 errors, 0 warnings"]
    result = load_pack(starter)
    assert result.pack is not None
    assert [le.id for le in result.pack.modules[0].lessons][-1] == "my-lesson"


@pytest.mark.parametrize(
    ("slips", "expected_count"),
    [
        ([("prompt: Does the", "promt: Does the"), ('- text: "No"', "- text: No")], 2),
        ([("- quote: Top doctors confirm\n", "- quote: Top doctors confirms\n"),
          ("technique: volume\n              note: Urgency", "technique: volumes\n              note: Urgency"),
          ("              explanation: '\"Top doctors\" names no one.'\n", "")], 3),
        ([("              explanation: '", "\t      explanation: '")], 1),
    ],
)
def test_the_error_lines_in_the_walkthrough_are_what_validate_prints(
    starter: Path, capsys: pytest.CaptureFixture[str], slips: list[tuple[str, str]], expected_count: int
) -> None:
    """Each error line the guide shows is printed, word for word, for the slip it describes."""
    lesson = _walkthrough_lesson()
    for right, wrong in slips:
        assert right in lesson
        lesson = lesson.replace(right, wrong, 1)
    module = starter / "modules" / "first-module.yaml"
    module.write_text(module.read_text("utf-8") + lesson, "utf-8")
    printed = _printed_lines(starter, capsys)
    assert len(printed) == expected_count + 1
    for line in printed[:-1]:
        assert line in _walkthrough()


def test_a_failed_new_leaves_no_half_written_pack(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A write failing part-way (a full disk while writing the schemas) leaves nothing behind, and says why."""
    import app.model.jsonschema as jsonschema

    def full_disk(*_: object, **__: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(jsonschema, "write_schemas", full_disk)
    target = tmp_path / "mypack"
    assert run_new([str(target)]) == 1
    assert "No space left on device" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_new_fills_an_empty_folder_with_ordinary_permissions(tmp_path: Path) -> None:
    target = tmp_path / "empty"
    target.mkdir()
    assert run_new([str(target)]) == 0
    assert (target / "pack.yaml").is_file()
    probe = tmp_path / "probe"
    probe.mkdir()  # a folder made as the user makes one: the permissions the new pack must have
    assert target.stat().st_mode & 0o777 == probe.stat().st_mode & 0o777
    assert sorted(path.name for path in tmp_path.iterdir()) == ["empty", "probe"]

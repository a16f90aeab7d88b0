"""``python main.py new DIR``: a starter pack that validates cleanly and shows every part of the format."""

from __future__ import annotations

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
    assert "validate" in completed.stdout and "docs/authoring.md" in completed.stdout
    assert (target / "pack.yaml").read_bytes() == (STARTER / "pack.yaml").read_bytes()

"""The `validate` command: output lines, the count line, the cap, JSON, exit codes, paths, no Qt."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from app.commands.validate import run_validate
from tests.conftest import EXAMPLE_PACK, ROOT
from tests.model.packs import MANIFEST, line_of, module, write_pack

LINE = re.compile(
    r"^(?P<file>[^:]+):(?P<line>\d+):(?P<column>\d+): (?P<severity>error|warning): (?P<message>.+)$"
)


def broken_pack(root: Path, errors: int = 1) -> Path:
    """Write a pack whose module has ``errors`` reflect steps with a negative `min_words`."""
    reflects = [f"- reflect: {{prompt: P{i}, min_words: -1}}\n" for i in range(errors)]
    return write_pack(root, modules={"m.yaml": module(*reflects)})


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    """Run the command in this process; return its status and output lines."""
    status = run_validate(argv)
    return status, capsys.readouterr().out.splitlines()


def test_clean_pack_prints_only_the_count(capsys: pytest.CaptureFixture[str]) -> None:
    """A valid pack prints `0 errors, 0 warnings` and exits 0."""
    status, lines = run([str(EXAMPLE_PACK)], capsys)
    assert (status, lines) == (0, ["0 errors, 0 warnings"])


def test_error_lines_are_gcc_style(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Each problem is FILE:LINE:COLUMN: severity: message, FILE joined to the PATH argument."""
    root = broken_pack(tmp_path / "pack")
    status, lines = run([str(root)], capsys)
    assert status == 1
    match = LINE.match(lines[0])
    assert match, lines[0]
    assert match["file"] == f"{root}/m.yaml"
    assert int(match["line"]) == line_of(root, "m.yaml", "min_words: -1")
    assert match["severity"] == "error"
    assert "`min_words` must be at least 0" in match["message"]
    assert lines[-1] == "1 errors, 0 warnings"


def test_warnings_alone_exit_zero(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Warnings are printed and counted, and do not fail the command."""
    root = write_pack(
        tmp_path / "p",
        MANIFEST + "license: CC0\n" + "glossary:\n  - {term: T, definition: '[x](ftp://h/x)'}\n",
    )
    status, lines = run([str(root)], capsys)
    assert status == 0
    assert LINE.match(lines[0])["severity"] == "warning"
    assert lines[-1] == "0 errors, 1 warnings"


def test_cap_at_200_per_pack(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """At most 200 problems are printed for a pack, then one line counts the rest; the count line counts all."""
    root = broken_pack(tmp_path / "pack", errors=230)
    status, lines = run([str(root)], capsys)
    assert status == 1
    assert len(lines) == 202
    assert all(LINE.match(line) for line in lines[:200])
    assert lines[200] == f"{root}: 30 more problems not shown"
    assert lines[201] == "230 errors, 0 warnings"


def test_multiple_paths_share_one_count_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Several PATHs: each pack's problems, then one count line over all of them."""
    first = broken_pack(tmp_path / "a", errors=2)
    second = broken_pack(tmp_path / "b", errors=3)
    status, lines = run([str(first), str(EXAMPLE_PACK), str(second)], capsys)
    assert status == 1
    files = [LINE.match(line)["file"] for line in lines[:-1]]
    assert files == [f"{first}/m.yaml"] * 2 + [f"{second}/m.yaml"] * 3
    assert lines[-1] == "5 errors, 0 warnings"


def test_pack_yaml_argument_starts_from_its_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """With a pack.yaml argument, FILE starts from that file's folder."""
    root = broken_pack(tmp_path / "pack")
    _, lines = run([str(root / "pack.yaml")], capsys)
    assert LINE.match(lines[0])["file"] == f"{root}/m.yaml"


def test_zip_path_prefix(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A problem in a zipped pack is named `pack.zip/<file inside the pack>`."""
    root = broken_pack(tmp_path / "pack")
    archive = tmp_path / "pack.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for name in ("pack.yaml", "m.yaml"):
            zipped.write(root / name, f"top/{name}")
    status, lines = run([str(archive)], capsys)
    assert status == 1
    assert LINE.match(lines[0])["file"] == f"{archive}/m.yaml"


def test_missing_path_is_that_packs_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A PATH that is missing counts as an error of that pack, with status 1."""
    status, lines = run([str(tmp_path / "nowhere"), str(EXAMPLE_PACK)], capsys)
    assert status == 1
    assert lines[0].startswith(f"{tmp_path / 'nowhere'}")
    assert ": error: " in lines[0]
    assert lines[-1] == "1 errors, 0 warnings"


def test_json_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--format json prints one array of problem objects, with the overflow as a note, and nothing else."""
    root = broken_pack(tmp_path / "pack", errors=201)
    status = run_validate(["--format", "json", str(root), str(EXAMPLE_PACK)])
    records = json.loads(capsys.readouterr().out)
    assert status == 1
    assert len(records) == 201
    first = records[0]
    assert set(first) == {"file", "line", "column", "severity", "message"}
    assert first["file"] == f"{root}/m.yaml"
    assert first["severity"] == "error"
    assert first["line"] == line_of(root, "m.yaml", "min_words: -1")
    assert records[-1]["severity"] == "note"
    assert records[-1]["message"] == "1 more problems not shown"


def test_json_for_a_clean_pack_is_an_empty_array(capsys: pytest.CaptureFixture[str]) -> None:
    """A clean pack in JSON is `[]` and status 0."""
    status = run_validate([str(EXAMPLE_PACK), "--format", "json"])
    assert status == 0
    assert json.loads(capsys.readouterr().out) == []


@pytest.mark.parametrize("argv", [[], ["--format", "xml", "x"], ["--bogus", "x"]])
def test_wrong_command_line_exits_2_with_usage(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    """A wrong command line exits 2 with a usage message on stderr and no traceback."""
    status = run_validate(argv)
    captured = capsys.readouterr()
    assert status == 2
    assert "usage: unspun validate" in captured.err
    assert "Traceback" not in captured.err
    assert captured.out == ""


def test_subprocess_never_imports_qt(tmp_path: Path) -> None:
    """`python main.py validate` runs without importing PySide6, and exits 1 for a broken pack."""
    root = broken_pack(tmp_path / "pack")
    probe = (
        "import sys, runpy; sys.argv = ['main.py', 'validate', sys.argv[1]]\n"
        "try:\n    runpy.run_path('main.py', run_name='__main__')\n"
        "except SystemExit as stop:\n"
        "    assert not [m for m in sys.modules if m.startswith('PySide6')], 'PySide6 imported'\n"
        "    raise\n"
    )
    completed = subprocess.run(
        [sys.executable, "-c", probe, str(root)], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert completed.returncode == 1, completed.stderr
    assert "PySide6 imported" not in completed.stderr
    assert completed.stdout.splitlines()[-1] == "1 errors, 0 warnings"


def test_subprocess_exit_codes(tmp_path: Path) -> None:
    """The real command exits 0 for a clean pack, 1 for a broken one and 2 for a bad command line."""
    broken = broken_pack(tmp_path / "pack")
    codes = [
        subprocess.run(
            [sys.executable, "main.py", "validate", *args], cwd=ROOT, capture_output=True, timeout=120
        ).returncode
        for args in ([str(EXAMPLE_PACK)], [str(broken)], ["--format"])
    ]
    assert codes == [0, 1, 2]


def test_broken_fixture_reports_each_mistake_at_its_line(capsys: pytest.CaptureFixture[str]) -> None:
    """The typos fixture gets one error per mistake, in file order, each at the line of the mistake."""
    root = ROOT / "tests" / "fixtures" / "broken" / "typos"
    status, lines = run([str(root)], capsys)
    assert status == 1
    found = [(m["file"], int(m["line"]), m["message"]) for m in map(LINE.match, lines[:-1])]
    expected = [
        (
            "lesson.yaml",
            "title: no",
            '`title` must be a string, but YAML reads `no` as a boolean; quote it: "no"',
        ),
        ("lesson.yaml", "anwsers", "unknown field `anwsers`; did you mean `answers`?"),
        (
            "second.yaml",
            "[@agencey]",
            "citation `[@agencey]` names no source of pack.yaml; did you mean `agency`?",
        ),
        ("second.yaml", "quote: Dr Lin", 'the closest passage is "Dr. Lin says"'),
    ]
    assert len(found) == len(expected)
    for (file, line, message), (want_file, marker, fragment) in zip(found, expected, strict=True):
        assert (file, line) == (f"{root}/{want_file}", line_of(root, want_file, marker))
        assert fragment in message
    assert lines[-1] == "4 errors, 0 warnings"

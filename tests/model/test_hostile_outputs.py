"""Hostile data in the files we write: spreadsheet-safe CSV everywhere, atomic outputs, inputs never overwritten.

Beside ``test_hostile_inputs.py`` (hostile packs). Every text cell of every CSV comes out of the one
writer in ``app.model.csvsafe``; every output appears whole or not at all (``app.model.atomic``).
"""

from __future__ import annotations

import csv
import dataclasses
import json
import os
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app.commands.report import run_report
from app.model import results
from app.model.atomic import OutputError, atomic_open, atomic_path, refuse_input_as_output, write_bytes
from app.model.class_report import build_report, write_csv
from app.model.csvsafe import FORMULA_TRIGGERS, needs_neutralising, safe_cell
from app.model.csvsafe import write_csv as write_table
from app.model.progress import ProgressStore
from app.model.session import QuestionResult, QuizResult
from tests.conftest import ROOT

T0 = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
HOSTILE_TEXTS = ['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd", "=1\n=2"]


def answer(store: ProgressStore, profile: int, pack_id: str, mark: float = 1.0, qid: str = "q1") -> None:
    """Record one answered quiz of one true/false question for ``pack_id``."""
    store.record_attempt(
        profile,
        pack_id,
        "m",
        "l",
        "#1",
        QuizResult(
            (QuestionResult(qid, mark >= 1, mark, mark, 1.0),), 0.5, None, None, T0 - timedelta(minutes=5), T0
        ),
        {qid: "true_false"},
        None,
    )


def export(store: ProgressStore, profile: int, folder: Path) -> Path:
    path = folder / f"learner-{profile}.json"
    results.export_json(store, profile, [], path)
    return path


def all_cells(path: Path) -> list[str]:
    """Every cell of a CSV file, as a spreadsheet would read it."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return [cell for row in csv.reader(handle) for cell in row]


# --- the one safe writer ------------------------------------------------------------------------


@pytest.mark.parametrize("trigger", FORMULA_TRIGGERS)
def test_every_formula_trigger_is_neutralised(trigger: str) -> None:
    """A text cell starting with = + - @ tab or carriage return gets a leading apostrophe; the text is kept."""
    assert safe_cell(trigger + "cmd") == "'" + trigger + "cmd"
    assert not needs_neutralising(safe_cell(trigger + "cmd"))


def test_numbers_and_ordinary_text_are_left_alone() -> None:
    assert safe_cell(-3.5) == -3.5
    assert safe_cell(0) == 0
    assert safe_cell("Mei") == "Mei"
    assert safe_cell("a=b") == "a=b"
    assert safe_cell("") == ""


def test_written_cells_read_back_as_text(tmp_path: Path) -> None:
    """Through a real file: every hostile header and cell reads back with its apostrophe, nothing else changed."""
    out = tmp_path / "t.csv"
    write_table(out, HOSTILE_TEXTS, [HOSTILE_TEXTS, [1, -2, 3.5, "ok", "", "a", "b"]])
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == rows[1] == ["'" + text for text in HOSTILE_TEXTS]
    assert rows[2] == ["1", "-2", "3.5", "ok", "", "a", "b"]


def test_every_csv_writer_in_the_app_is_the_safe_one() -> None:
    """No module but csvsafe makes a csv writer: every CSV goes through the neutralising writer."""
    offenders = []
    for path in sorted((ROOT / "app").rglob("*.py")):
        if path.name == "csvsafe.py":
            continue
        text = path.read_text(encoding="utf-8")
        if re.search(r"csv\.(writer|DictWriter)\b", text):
            offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


# --- the class report ---------------------------------------------------------------------------


@pytest.fixture
def real_file(store: ProgressStore, tmp_path: Path) -> Path:
    profile = store.create_profile("Mei")
    answer(store, profile, "tiny")
    return export(store, profile, tmp_path)


def test_class_csv_neutralises_pack_id_title_names_and_headers(
    store: ProgressStore, real_file: Path, tmp_path: Path
) -> None:
    """Hostile learner names, pack id and title, skipped-file reasons: not one cell can start a formula."""
    for index, name in enumerate(HOSTILE_TEXTS):
        profile = store.create_profile(name)
        answer(store, profile, "tiny", qid=f"-q{index}")
        export(store, profile, tmp_path)
    damaged = tmp_path / "=cmd.json"
    damaged.write_text("{", encoding="utf-8")
    report = build_report(sorted(tmp_path.glob("*.json")))
    assert report.pack_id == "tiny" and len(report.learners) == len(HOSTILE_TEXTS) + 1
    hostile = dataclasses.replace(report, pack_id="@evil", pack_title='=HYPERLINK("http://x","click")')
    out = tmp_path / "class.csv"
    write_csv(hostile, out)
    cells = all_cells(out)
    assert [cell for cell in cells if needs_neutralising(cell)] == []
    assert '\'=HYPERLINK("http://x","click")' in cells and "'@evil" in cells
    assert "'-q0" in cells and "'@SUM(A1)" in cells


def test_a_hostile_pack_id_never_wins_the_vote(store: ProgressStore, real_file: Path, tmp_path: Path) -> None:
    """One real file and one whose pack id would be a formula: a tie, and the real pack wins.

    Sorting the tie by id alone put ``=`` first, so one hostile file chose the report's pack.
    """
    evil = store.create_profile("Evil")
    answer(store, evil, '=HYPERLINK("http://x")')
    answer(store, evil, '=HYPERLINK("http://x")', qid="q2")
    evil_file = export(store, evil, tmp_path)
    report = build_report([evil_file, real_file])
    assert report.pack_id == "tiny"
    assert [learner.name for learner in report.learners] == ["Mei"]
    reasons = {Path(item.path).name: item.reason for item in report.skipped}
    assert "HYPERLINK" not in reasons[evil_file.name]
    # Only untrusted files: no pack is chosen and each file says why.
    only_evil = build_report([evil_file])
    assert only_evil.pack_id is None and not only_evil.learners
    assert "no valid pack id" in only_evil.skipped[0].reason


def test_ties_between_real_packs_go_to_more_statements(store: ProgressStore, tmp_path: Path) -> None:
    """One file each for two real packs: the pack with more statements wins, not the first name."""
    one = store.create_profile("One")
    answer(store, one, "aaa")
    two = store.create_profile("Two")
    answer(store, two, "zzz")
    answer(store, two, "zzz", qid="q2")
    assert build_report([export(store, one, tmp_path), export(store, two, tmp_path)]).pack_id == "zzz"


def test_learner_csv_export_is_neutralised(store: ProgressStore, tmp_path: Path) -> None:
    """The learner's own CSV export: names and question ids from packs are neutralised too."""
    profile = store.create_profile("=cmd")
    answer(store, profile, "tiny", qid="\t@q")
    out = tmp_path / "mine.csv"
    assert results.export_csv(store, profile, out) == 1
    cells = all_cells(out)
    assert [cell for cell in cells if needs_neutralising(cell)] == []
    assert "'=cmd" in cells and "'\t@q" in cells


# --- atomic outputs ------------------------------------------------------------------------------


def test_a_failed_rename_leaves_the_old_file_and_no_partial(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.csv"
    target.write_text("old", encoding="utf-8")

    def refuse(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OutputError, match="No space left on device"):
        write_bytes(target, b"new contents")
    assert target.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv"]


def test_an_exception_while_writing_leaves_nothing(tmp_path: Path) -> None:
    target = tmp_path / "out.html"
    with pytest.raises(RuntimeError), atomic_open(target, "w") as handle:
        handle.write("<p>half")
        raise RuntimeError("writer failed")
    assert list(tmp_path.iterdir()) == []


def test_an_empty_result_counts_as_a_failed_write(tmp_path: Path) -> None:
    """A writer that silently wrote nothing (Qt's PDF writer on a bad device) is a failure, not a file."""
    target = tmp_path / "out.pdf"
    with pytest.raises(OutputError, match="the result was empty"), atomic_path(target):
        pass
    assert list(tmp_path.iterdir()) == []


def test_a_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="does not exist"):
        write_bytes(tmp_path / "no" / "such" / "out.png", b"x")
    assert list(tmp_path.iterdir()) == []


def test_class_csv_failing_midway_leaves_no_file(
    real_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    report = build_report([real_file])
    out = tmp_path / "class.csv"

    def full_disk(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(results.ResultsError, match="No space left on device"):
        write_csv(report, out)
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".csv" or p.name.startswith(".unspun")] == []


def test_report_refuses_to_overwrite_an_input(real_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``report X.json -o X.json`` would replace a learner's results with a CSV: refused, file unchanged."""
    before = real_file.read_bytes()
    assert run_report([str(real_file), "-o", str(real_file)]) == 2
    assert "one of the input files" in capsys.readouterr().err
    assert real_file.read_bytes() == before
    # the same file by another spelling
    other = real_file.parent / "." / real_file.name
    assert run_report([str(real_file), "-o", str(other)]) == 2
    assert real_file.read_bytes() == before
    json.loads(before)


def test_refusing_follows_symbolic_links(tmp_path: Path) -> None:
    source = tmp_path / "a.json"
    source.write_text("[]", encoding="utf-8")
    link = tmp_path / "link.csv"
    link.symlink_to(source)
    with pytest.raises(OutputError):
        refuse_input_as_output(link, [source])
    refuse_input_as_output(tmp_path / "b.csv", [source])  # a different file is fine

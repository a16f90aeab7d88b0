"""Outputs written whole or not at all: worksheets (PDF, HTML) and renders (PNG); inputs never overwritten.

A failed write exits non-zero with a message, prints no "Wrote ...", and leaves no partial file
(PDF export used to print "Wrote ..." and exit 0 after a failed write, leaving an unreadable file).
"""

from __future__ import annotations

import os
import shutil
import zipfile
from pathlib import Path

import pytest

from app.cli import main as cli_main
from app.commands.render import run_render
from app.ui import handout_pdf
from tests.conftest import EXAMPLE_PACK


def full_disk(*_: object) -> None:
    raise OSError(28, "No space left on device")


def leftovers(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.rglob("*") if path.is_file())


@pytest.mark.parametrize("name", ["sheet.pdf", "sheet.html"])
def test_a_failed_export_leaves_the_old_file_and_says_so(
    qapp: object, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    target = tmp_path / name
    target.write_bytes(b"the teacher's earlier copy")
    monkeypatch.setattr(os, "replace", full_disk)
    assert cli_main(["export", str(EXAMPLE_PACK), "-o", str(target)]) == 1
    captured = capsys.readouterr()
    assert f"{target} could not be written: No space left on device" in captured.err
    assert "Wrote" not in captured.out
    assert target.read_bytes() == b"the teacher's earlier copy"
    assert leftovers(tmp_path) == [name]


def test_a_pdf_the_writer_leaves_incomplete_is_an_error(
    qapp: object, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Qt's PDF writer reports a full disk only by writing less: a PDF without its end is refused."""
    real = handout_pdf.write_pdf

    def cut_short(handout, target: Path, resources) -> None:  # type: ignore[no-untyped-def]
        real(handout, target, resources)
        data = target.read_bytes()
        target.write_bytes(data[: len(data) // 2])

    monkeypatch.setattr(handout_pdf, "write_pdf", cut_short)
    target = tmp_path / "sheet.pdf"
    assert cli_main(["export", str(EXAMPLE_PACK), "-o", str(target)]) == 1
    captured = capsys.readouterr()
    assert "could not be written: the PDF writer stopped before the end" in captured.err
    assert "Wrote" not in captured.out
    assert leftovers(tmp_path) == []


def test_export_never_overwrites_the_pack(qapp: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pack = tmp_path / "pack"
    shutil.copytree(EXAMPLE_PACK, pack)
    before = (pack / "tea.yaml").read_bytes()
    assert cli_main(["export", str(pack), "-o", str(pack / "tea.yaml"), "--format", "html"]) == 1
    assert "it is a file of the pack being exported" in capsys.readouterr().err
    assert (pack / "tea.yaml").read_bytes() == before
    archive = tmp_path / "pack.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for path in pack.rglob("*"):
            zipped.write(path, path.relative_to(pack).as_posix())
    zipped_before = archive.read_bytes()
    assert cli_main(["export", str(archive), "-o", str(archive), "--format", "pdf"]) == 2
    assert "one of the input files" in capsys.readouterr().err
    assert archive.read_bytes() == zipped_before


def test_a_failed_render_exits_1_and_leaves_no_partial_png(
    qtbot, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(os, "replace", full_disk)
    out = tmp_path / "shots"
    assert run_render([str(EXAMPLE_PACK), "--out", str(out)]) == 1
    captured = capsys.readouterr()
    assert "home.png could not be written: No space left on device" in captured.err
    assert "Wrote" not in captured.out
    assert leftovers(out) == []


def test_the_class_report_window_never_exports_over_a_results_file(qtbot, tmp_path: Path) -> None:
    """Choosing a learner's results file as the CSV target is refused in the footer; the file is kept."""
    from app.model.class_report import build_report
    from app.model.loader import load_pack
    from app.ui.class_report import ClassReportDialog
    from tests.class_data import make_class

    pack = load_pack(EXAMPLE_PACK).pack
    assert pack is not None
    files = make_class(pack, tmp_path, count=2, seed=1)
    before = files[0].read_bytes()
    dialog = ClassReportDialog(build_report(files, pack))
    qtbot.addWidget(dialog)
    for export in (dialog.export_csv, dialog.export_item_analysis):
        assert export(str(files[0])) is False
        assert "one of the input files" in dialog.status_label.text()
    assert files[0].read_bytes() == before
    assert dialog.export_csv(str(tmp_path / "class.csv")) is True

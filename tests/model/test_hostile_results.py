"""Results files are data: 54 crafted hostile files each give one clear line, and none gets in.

Each file is a good export with one thing made wrong. Importing it raises ResultsError with one
line naming the file and the field, stores nothing (no ghost profile), and ``unspun report`` over
good files plus the bad one skips the bad one with a line and still writes its CSV. A good file
imported twice adds nothing the second time, and nothing an import stores breaks the dashboard.
"""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from app.model.dashboard import dashboard_data
from app.model.pack import Pack
from app.model.progress import ProgressStore
from app.model.results import EXTENSION, ResultsError, export_json, import_results
from tests.model.test_results import study

ROOT = Path(__file__).resolve().parents[2]
Statement = dict[str, Any]
Change = Callable[[list[Statement]], None]


def first(verb: str) -> Callable[[list[Statement]], Statement]:
    """Pick the first statement with a verb ending in ``verb``."""
    return lambda data: next(s for s in data if s["verb"]["id"].endswith(verb))


attempt, answer, completed = first("passed"), first("answered"), first("completed")


def setter(pick: Callable[[list[Statement]], Statement], keys: tuple[str, ...], value: Any) -> Change:
    """Build a change that sets one nested field of the picked statement."""

    def change(data: list[Statement]) -> None:
        target = pick(data)
        for key in keys[:-1]:
            target = target.setdefault(key, {})
        target[keys[-1]] = value

    return change


def deleter(pick: Callable[[list[Statement]], Statement], keys: tuple[str, ...]) -> Change:
    """Build a change that removes one nested field of the picked statement."""

    def change(data: list[Statement]) -> None:
        target = pick(data)
        for key in keys[:-1]:
            target = target[key]
        del target[keys[-1]]

    return change


def _bare_mbox(statement: Statement) -> None:
    """Identify the actor by an mbox that lacks its mailto: scheme, instead of the account."""
    del statement["actor"]["account"]
    statement["actor"]["mbox"] = "mei@example.org"


HUGE = "x" * 200_001
#: (name, change, the field the one-line error must name)
HOSTILE: list[tuple[str, Change, str]] = [
    ("string score", setter(attempt, ("result", "score", "scaled"), "0.9"), "result.score.scaled"),
    ("scaled above 1", setter(attempt, ("result", "score", "scaled"), 1.5), "result.score.scaled"),
    ("raw over max", setter(attempt, ("result", "score", "raw"), 99), "result.score.raw"),
    ("huge raw", setter(attempt, ("result", "score", "raw"), 1e300), "result.score.raw"),
    ("min not below max", setter(attempt, ("result", "score", "min"), 50), "result.score.min"),
    ("null score", setter(attempt, ("result", "score"), None), "result.score"),
    ("context null", setter(attempt, ("context",), None), "context"),
    ("result null", setter(attempt, ("result",), None), "result"),
    ("result a list", setter(attempt, ("result",), []), "result"),
    ("pass mark text", setter(attempt, ("context", "extensions", EXTENSION + "pass-mark"), "70%"), "pass-mark"),
    ("pass mark above 1", setter(attempt, ("context", "extensions", EXTENSION + "pass-mark"), 70), "pass-mark"),
    ("pass mark negative", setter(attempt, ("context", "extensions", EXTENSION + "pass-mark"), -0.1), "pass-mark"),
    ("pass mark null", setter(attempt, ("context", "extensions", EXTENSION + "pass-mark"), None), "pass-mark"),
    ("discernment high", setter(attempt, ("context", "extensions", EXTENSION + "discernment"), "high"), "discernment"),
    ("discernment 99", setter(attempt, ("context", "extensions", EXTENSION + "discernment"), 99), "discernment"),
    ("discernment true", setter(attempt, ("context", "extensions", EXTENSION + "discernment"), True), "discernment"),
    ("trust a list", setter(attempt, ("result", "extensions", EXTENSION + "trust"), [1]), "trust"),
    ("trust 10", setter(attempt, ("result", "extensions", EXTENSION + "trust"), 10), "trust"),
    ("measure mid", setter(attempt, ("context", "extensions", EXTENSION + "measure"), "mid"), "measure"),
    ("position text", setter(answer, ("context", "extensions", EXTENSION + "position"), "1"), "position"),
    ("position negative", setter(answer, ("context", "extensions", EXTENSION + "position"), -1), "position"),
    ("tries zero", setter(answer, ("result", "extensions", EXTENSION + "tries"), 0), "tries"),
    ("tries a float", setter(answer, ("result", "extensions", EXTENSION + "tries"), 1.5), "tries"),
    ("unknown question type", setter(answer, ("result", "extensions", EXTENSION + "question-type"), 7), "question-type"),
    ("response of another shape", setter(answer, ("result", "extensions", EXTENSION + "response-json"), {"a": "b"}), "response-json"),
    ("30 February", setter(attempt, ("timestamp",), "2025-02-30T10:00:00Z"), "timestamp"),
    ("hour 25", setter(attempt, ("timestamp",), "2025-02-03T25:00:00Z"), "timestamp"),
    ("no time zone", setter(attempt, ("timestamp",), "2025-02-03T10:00:00"), "timestamp"),
    ("year 1", setter(attempt, ("timestamp",), "0001-01-01T00:00:00Z"), "timestamp"),
    ("timestamp a number", setter(attempt, ("timestamp",), 1700000000), "timestamp"),
    ("no timestamp", deleter(attempt, ("timestamp",)), "`timestamp`"),
    ("id not a uuid", setter(attempt, ("id",), "attempt-1"), "id"),
    ("id a number", setter(attempt, ("id",), 12), "id"),
    ("no id", deleter(attempt, ("id",)), "$["),
    ("actor a string", setter(attempt, ("actor",), "Mei"), "actor"),
    ("actor with two identifiers", setter(attempt, ("actor", "mbox"), "mailto:mei@example.org"), "actor"),
    ("actor with no identifier", deleter(attempt, ("actor", "account")), "actor"),
    ("mbox not mailto", lambda data: _bare_mbox(attempt(data)), "actor"),
    ("account name huge", setter(attempt, ("actor", "account", "name"), HUGE), "actor.account.name"),
    ("actor name huge", setter(attempt, ("actor", "name"), HUGE), "actor.name"),
    ("verb id not an IRI", setter(attempt, ("verb", "id"), "passed"), "verb.id"),
    ("verb display a string", setter(attempt, ("verb", "display"), "passed"), "verb.display"),
    ("object id empty", setter(attempt, ("object", "id"), ""), "object.id"),
    ("object a StatementRef", setter(attempt, ("object", "objectType"), "StatementRef"), "object.objectType"),
    ("definition name a list", setter(attempt, ("object", "definition", "name"), ["Quiz"]), "object.definition.name"),
    ("language tag nonsense", setter(attempt, ("object", "definition", "name"), {"not a tag!": "x"}), "object.definition.name"),
    ("success text", setter(attempt, ("result", "success"), "yes"), "result.success"),
    ("duration nonsense", setter(attempt, ("result", "duration"), "ten minutes"), "result.duration"),
    ("response huge", setter(first("answered"), ("result", "response"), HUGE), "result.response"),
    ("statement ref without uuid", setter(answer, ("context", "statement", "id"), "parent"), "context.statement.id"),
    ("unknown context activities key", setter(attempt, ("context", "contextActivities", "siblings"), []), "context.contextActivities"),
    ("registration not a uuid", setter(attempt, ("context", "registration"), "class 5b"), "context.registration"),
    ("version 2", setter(attempt, ("version",), "2.0.0"), "version"),
    ("too many choices", setter(answer, ("object", "definition", "choices"), [{"id": str(n)} for n in range(1001)]), "choices"),
]


@pytest.fixture(scope="module")
def good_file(tmp_path_factory: pytest.TempPathFactory, pack: Pack) -> Path:
    """A learner's real export, the base every hostile file is made from."""
    folder = tmp_path_factory.mktemp("good")
    with ProgressStore.open(folder / "learner.sqlite3") as store:
        profile = study(pack, store)
        export_json(store, profile, [pack], folder / "mei.json")
    return folder / "mei.json"


def test_there_are_54_hostile_files() -> None:
    """The suite keeps the 54 crafted files of issue 11, each with its own name."""
    assert len(HOSTILE) == 54 and len({name for name, _, _ in HOSTILE}) == 54


@pytest.mark.parametrize(("name", "change", "field"), HOSTILE, ids=[name for name, _, _ in HOSTILE])
def test_a_hostile_file_gives_one_line_naming_it_and_the_field_and_stores_nothing(
    name: str, change: Change, field: str, good_file: Path, tmp_path: Path
) -> None:
    """Importing the file raises one line naming the file and the field; the store keeps nothing from it."""
    data = json.loads(good_file.read_text(encoding="utf-8"))
    change(data)
    hostile = tmp_path / "hostile.json"
    hostile.write_text(json.dumps(data), encoding="utf-8")
    with ProgressStore.open(tmp_path / "teacher.sqlite3") as store:
        with pytest.raises(ResultsError) as raised:
            import_results(store, hostile)
        message = str(raised.value)
        assert "\n" not in message and len(message) < 400
        assert message.startswith(f"{hostile}: $"), message
        assert field in message, message
        assert store.profiles() == []  # all or nothing: no ghost profile, no half an import


def test_report_skips_each_bad_file_with_a_line_and_still_writes_the_csv(good_file: Path, tmp_path: Path) -> None:
    """`unspun report` over good files plus hostile ones writes its CSV and names each skipped file once."""
    files = [good_file]
    for number, (_, change, _) in enumerate(HOSTILE[:12]):
        data = json.loads(good_file.read_text(encoding="utf-8"))
        change(data)
        bad = tmp_path / f"bad-{number}.json"
        bad.write_text(json.dumps(data), encoding="utf-8")
        files.append(bad)
    output = tmp_path / "class.csv"
    run = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "report", *map(str, files), "-o", str(output),
         "--pack", str(ROOT / "tests" / "fixtures" / "example-pack")],
        capture_output=True, text=True, cwd=ROOT, timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert "Traceback" not in run.stderr
    skipped = [line for line in run.stderr.splitlines() if line.startswith("skipped:")]
    assert len(skipped) == 12
    assert all("bad-" in line and ": $" in line for line in skipped)
    assert "Mei" in output.read_text(encoding="utf-8-sig")


def test_importing_the_same_file_twice_adds_nothing(good_file: Path, tmp_path: Path, pack: Pack) -> None:
    """A second import of the same statements adds nothing, says they were there, and never shows SQLite's words."""
    doubled = tmp_path / "twice.json"
    data = json.loads(good_file.read_text(encoding="utf-8"))
    doubled.write_text(json.dumps(data + copy.deepcopy(data)), encoding="utf-8")  # a file repeating itself too
    with ProgressStore.open(tmp_path / "teacher.sqlite3") as store:
        first_import = import_results(store, doubled)
        assert first_import.added == len(data) and first_import.duplicates == len(data)
        second = import_results(store, good_file)
        assert second.added == 0 and second.duplicates == len(data)
        assert len(store.profiles()) == 1
        profile = store.profiles()[0].id
        dashboard_data(store, profile, [pack])  # what was imported opens the dashboard

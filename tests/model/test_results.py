"""Results export and import: xAPI 1.0.3 statement shape, ids, interaction formats, round trip, no duplicates, CSV."""

from __future__ import annotations

import copy
import csv
import json
from pathlib import Path
from typing import Any

import pytest

from app.model import results
from app.model.dashboard import describe_change
from app.model.pack import Pack
from app.model.progress import ProgressStore
from app.model.results import (
    ResultsError,
    activity_id,
    export_csv,
    export_json,
    import_results,
    parse_activity_id,
    response_text,
    statement_problems,
    statements,
)
from app.model.session import before_after
from tests.conftest import EXAMPLE_CHECK_ANSWERS, lesson_session

RIGHT = EXAMPLE_CHECK_ANSWERS
REFLECTION = "Stories from people like me feel true because I can picture them clearly and I trust them."



def study(pack: Pack, store: ProgressStore, profile: int | None = None) -> int:
    """Make a learner (or have ``profile`` be one) who took the pre quiz, practised, reflected, failed then
    passed, and took the post quiz."""
    if profile is None:
        profile = store.create_profile("Mei =cmd")
    before = lesson_session(pack, store, profile, "before")
    before.open_step(0)
    before.submit_quiz(0, {"pre-agency": 5, "pre-post": 5, "pre-trial": 5, "pre-forward": 5})
    reading = lesson_session(pack, store, profile, "the-post")
    for index in range(len(reading.steps)):
        reading.open_step(index)
    reading.save_reflection(4, REFLECTION)
    check = lesson_session(pack, store, profile, "check")
    check.open_step(0)
    quiz = check.steps[0].quiz
    assert quiz is not None
    question = next(q for q in quiz.questions if q.id == "q-short")
    check.record_check(question, "authority", tries=1)
    check.record_check(question, "testimonial", tries=2)
    check.submit_quiz(0, dict(RIGHT, **{"q-tf": True, "q-multiple": [0, 2]}), tries={"q-short": 2})
    check.submit_quiz(0, RIGHT)
    after = lesson_session(pack, store, profile, "after")
    after.open_step(0)
    after.submit_quiz(0, {"post-agency": 5, "post-chain": 2, "post-review": 5, "post-shop": 2})
    return profile


def by_verb(found: list[dict[str, Any]], verb: str) -> list[dict[str, Any]]:
    return [s for s in found if s["verb"]["id"] == f"http://adlnet.gov/expapi/verbs/{verb}"]


# ---------------------------------------------------------------- statement shape


def test_every_statement_keeps_the_xapi_rules(pack: Pack, store: ProgressStore) -> None:
    """Each exported statement passes the local xAPI 1.0.3 checks, and the verbs cover the learner's work."""
    profile = study(pack, store)
    found = statements(store, profile, [pack])
    for statement in found:
        assert statement_problems(statement) == [], statement
    assert len(found) == len({s["id"] for s in found})
    # 4 attempts; answers: 4 + 8 + 8 + 4 in attempts, 2 checks, 1 reflection; 4 lessons completed.
    assert len(by_verb(found, "passed")) + len(by_verb(found, "failed")) == 4
    assert len(by_verb(found, "answered")) == 24 + 2 + 1
    completed = {parse_activity_id(s["object"]["id"]).lesson_id for s in by_verb(found, "completed")}  # type: ignore[union-attr]
    assert completed == {"before", "the-post", "check", "after"}
    assert [s["timestamp"] for s in found] == sorted(s["timestamp"] for s in found)


def test_actor_is_the_profile_account(pack: Pack, store: ProgressStore) -> None:
    """Without a school identity the actor is the anonymous account on https://unspun.invalid/profile
    (issue 15 moved it from urn:unspun:profile to a real URL scheme) named by the profile's UUID."""
    profile = study(pack, store)
    record = store.profile(profile)
    assert record is not None
    for statement in statements(store, profile, [pack]):
        assert statement["actor"] == {
            "objectType": "Agent",
            "name": "Mei =cmd",
            "account": {"homePage": "https://unspun.invalid/profile", "name": record.uuid},
        }
        assert statement["version"] == "1.0.3"


def test_attempt_statements_carry_score_measure_and_discernment(pack: Pack, store: ProgressStore) -> None:
    """passed/failed statements give the scaled score and success; pre and post carry measure and discernment."""
    profile = study(pack, store)
    found = statements(store, profile, [pack])
    attempts = by_verb(found, "passed") + by_verb(found, "failed")
    pre = next(
        s for s in attempts if s["context"]["extensions"].get("urn:unspun:xapi:extension:measure") == "pre"
    )
    assert pre["object"]["id"] == "urn:unspun:pack:example-miracle-tea/module/tea/lesson/before/step/%231"
    assert pre["result"]["score"]["scaled"] == pytest.approx(0.5)  # two of four judged right
    assert pre["result"]["success"] is False and pre["verb"]["id"].endswith("failed")
    assert pre["context"]["extensions"]["urn:unspun:xapi:extension:discernment"] == 0.0
    post = next(
        s for s in attempts if s["context"]["extensions"].get("urn:unspun:xapi:extension:measure") == "post"
    )
    assert post["context"]["extensions"]["urn:unspun:xapi:extension:discernment"] == 3.0
    grouping = [a["id"] for a in pre["context"]["contextActivities"]["grouping"]]
    assert grouping == [
        "urn:unspun:pack:example-miracle-tea",
        "urn:unspun:pack:example-miracle-tea/module/tea",
    ]
    assert pre["context"]["contextActivities"]["parent"] == [
        {"objectType": "Activity", "id": "urn:unspun:pack:example-miracle-tea/module/tea/lesson/before"}
    ]
    assert pre["result"]["duration"].startswith("PT")


def test_attempt_statements_carry_trust_as_a_result_extension(pack: Pack, store: ProgressStore) -> None:
    """A quiz with rated items exports its trust (mean rating minus 3.5) as a result extension; others have none."""
    profile = study(pack, store)
    attempts = by_verb(statements(store, profile, [pack]), "passed") + by_verb(
        statements(store, profile, [pack]), "failed"
    )
    trust = {
        s["context"]["extensions"].get("urn:unspun:xapi:extension:measure"): s["result"]
        .get("extensions", {})
        .get("urn:unspun:xapi:extension:trust")
        for s in attempts
    }
    assert trust == {"pre": 5 - 3.5, "post": (5 + 2) / 2 - 3.5, None: None}


def test_trust_survives_an_export_and_import(pack: Pack, store: ProgressStore, tmp_path: Path) -> None:
    """The teacher's copy reads the same trust before and after as the learner's; a hostile discernment refuses the file."""
    profile = study(pack, store)
    exported = tmp_path / "results.json"
    export_json(store, profile, [pack], exported)
    clean = exported.read_text(encoding="utf-8")
    data = json.loads(clean)
    for statement in data:
        extensions = statement.get("context", {}).get("extensions", {})
        if extensions.get("urn:unspun:xapi:extension:measure") == "pre":
            extensions["urn:unspun:xapi:extension:discernment"] = "a lot"  # hostile: not a number
            statement.setdefault("result", {}).setdefault("extensions", {})["urn:unspun:xapi:extension:trust"] = 1e300
    exported.write_text(json.dumps(data), encoding="utf-8")
    with ProgressStore.open(tmp_path / "teacher.sqlite3") as teacher:
        # issue 11: a hostile value refuses the whole file with one line naming the field, and stores nothing
        with pytest.raises(ResultsError, match=r"results\.json: \$\[\d+\]\.(result|context)\.extensions\.(trust|discernment): "):
            import_results(teacher, exported)
        assert teacher.profiles() == []
        exported.write_text(clean, encoding="utf-8")
        (imported_id, _, _), *_ = import_results(teacher, exported).profiles
        mine, theirs = before_after(store, profile, pack), before_after(teacher, imported_id, pack)
        assert mine is not None and theirs is not None
        assert (theirs.pre_trust, theirs.post_trust) == (mine.pre_trust, mine.post_trust) == (1.5, 0.0)
        assert theirs.post_discernment == mine.post_discernment
        assert "higher overall" not in describe_change(theirs)  # a reading, not a crash


def test_answers_point_at_their_attempt_with_interaction_detail(pack: Pack, store: ProgressStore) -> None:
    """An answered statement refers to its attempt, gives the xAPI response and the question's correct pattern."""
    profile = study(pack, store)
    found = statements(store, profile, [pack])
    attempt_ids = {s["id"] for s in by_verb(found, "passed") + by_verb(found, "failed")}
    answered = [s for s in by_verb(found, "answered") if "/question/" in s["object"]["id"]]
    in_attempts = [s for s in answered if "statement" in s["context"]]
    assert all(s["context"]["statement"]["id"] in attempt_ids for s in in_attempts)
    multiple = next(s for s in in_attempts if s["object"]["id"].endswith("/question/q-multiple"))
    definition = multiple["object"]["definition"]
    assert definition["type"] == "http://adlnet.gov/expapi/activities/cmi.interaction"
    assert definition["interactionType"] == "choice"
    assert definition["correctResponsesPattern"] == ["0[,]1"]
    assert [c["id"] for c in definition["choices"]] == ["0", "1", "2"]
    first_multiple = next(s for s in in_attempts if s["id"] == multiple["id"])
    assert first_multiple["result"]["response"] in ("0[,]2", "0[,]1")
    match = next(s for s in in_attempts if s["object"]["id"].endswith("/question/q-match"))
    assert match["object"]["definition"]["interactionType"] == "matching"
    assert match["result"]["response"] == "0[.]0[,]1[.]1"
    checks = [s for s in answered if "statement" not in s["context"]]
    assert [s["result"]["response"] for s in checks] == ["authority", "testimonial"]
    assert [s["result"]["success"] for s in checks] == [False, True]
    assert checks[1]["result"]["extensions"]["urn:unspun:xapi:extension:tries"] == 2
    reflection = next(s for s in by_verb(found, "answered") if "/question/" not in s["object"]["id"])
    assert reflection["result"]["response"] == REFLECTION
    assert reflection["object"]["definition"]["interactionType"] == "long-fill-in"


def test_statement_ids_are_stable_across_exports(pack: Pack, store: ProgressStore) -> None:
    """Exporting twice gives the same statement ids (and the same statements)."""
    profile = study(pack, store)
    assert statements(store, profile, [pack]) == statements(store, profile, [pack])


def test_export_without_the_pack_still_valid(pack: Pack, store: ProgressStore) -> None:
    """Results from a pack that is not loaded are still exported, as valid statements with less description."""
    profile = study(pack, store)
    found = statements(store, profile, [])
    assert found and all(statement_problems(s) == [] for s in found)
    assert not by_verb(found, "completed")  # completion needs the pack's lessons


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (lambda s: s.update(id="not-a-uuid"), "id must be"),
        (lambda s: s["result"]["score"].update(scaled=1.5), "scaled"),
        (lambda s: s.update(timestamp="2025-03-01 09:00:00"), "timestamp"),
        (lambda s: s["verb"].update(id="answered"), "verb.id"),
        (lambda s: s["actor"].update(mbox="mailto:a@b.c"), "exactly one"),
        (lambda s: s["result"].update(success="yes"), "success"),
        (lambda s: s.update(version="2.0.0"), "version"),
        (lambda s: s["context"].update(statement={"objectType": "StatementRef", "id": "x"}), "StatementRef"),
    ],
)
def test_statement_checks_catch_broken_statements(
    pack: Pack, store: ProgressStore, change: Any, problem: str
) -> None:
    """The local xAPI checks reject a statement broken in each way they look for."""
    profile = study(pack, store)
    statement = copy.deepcopy(
        next(s for s in statements(store, profile, [pack]) if "statement" in s.get("context", {}))
    )
    change(statement)
    assert any(problem in found for found in statement_problems(statement))


# ---------------------------------------------------------------- ids and responses


@pytest.mark.parametrize(
    "parts",
    [
        ("p",),
        ("p", "m"),
        ("p", "m", "l"),
        ("p", "m", "l", "#2"),
        ("p", "m", "l", "s", "q"),
        ("x'/y", "m/n", "l", "#1"),
    ],
)
def test_activity_ids_round_trip(parts: tuple[str, ...]) -> None:
    """An activity id parses back into the coordinates it was made from, whatever characters they hold."""
    iri = activity_id(*parts)
    assert iri.startswith("urn:unspun:pack:") and " " not in iri and "#" not in iri
    parsed = parse_activity_id(iri)
    assert parsed is not None
    assert (
        tuple(
            v
            for v in (parsed.pack_id, parsed.module_id, parsed.lesson_id, parsed.step_key, parsed.question_id)
            if v
        )
        == parts
    )


@pytest.mark.parametrize(
    "iri",
    ["http://example.com/x", "urn:unspun:pack:", "urn:unspun:pack:p/lesson/l", "urn:unspun:pack:p/module"],
)
def test_foreign_activity_ids_are_not_parsed(iri: str) -> None:
    """Ids that do not follow the scheme are not taken for Unspun's."""
    assert parse_activity_id(iri) is None


@pytest.mark.parametrize(
    ("kind", "response", "text"),
    [
        ("single", 2, "2"),
        ("multiple", [0, 2], "0[,]2"),
        ("true_false", False, "false"),
        ("short", "Testimonial", "Testimonial"),
        ("order", [2, 0, 1], "2[,]0[,]1"),
        ("match", {1: 0, 0: 1}, "0[.]1[,]1[.]0"),
        ("categorize", {0: 1}, "0[.]1"),
        ("spot", [(0, 13), (20, 25)], "0-13[,]20-25"),
        ("judge", 4, "4"),
        ("single", None, None),
    ],
)
def test_responses_use_the_interaction_format(kind: str, response: Any, text: str | None) -> None:
    """Each response type is written in xAPI's result.response format for its interaction type."""
    assert response_text(kind, response) == text


# ---------------------------------------------------------------- import


def test_round_trip_into_another_store_and_no_duplicates(
    pack: Pack, store: ProgressStore, tmp_path: Path
) -> None:
    """Importing an export makes the same learner elsewhere with the same results; importing again adds nothing."""
    profile = study(pack, store)
    exported = tmp_path / "results.json"
    count = export_json(store, profile, [pack], exported)
    original = statements(store, profile, [pack])
    assert count == len(original)

    with ProgressStore.open(tmp_path / "teacher.sqlite3") as teacher:
        teacher.create_profile("Teacher")
        summary = import_results(teacher, exported)
        assert summary.added == count and summary.duplicates == 0 and summary.ignored == 0
        ((imported_id, name, created),) = summary.profiles
        assert created and name == "Mei =cmd"
        imported_profile = teacher.profile(imported_id)
        assert imported_profile is not None and imported_profile.uuid == store.profile(profile).uuid  # type: ignore[union-attr]
        again = statements(teacher, imported_id, [pack])
        assert {s["id"] for s in again} == {s["id"] for s in original}
        assert [s["result"] for s in again if s["verb"]["id"].endswith("answered")] == [
            s["result"] for s in original if s["verb"]["id"].endswith("answered")
        ]
        attempts = teacher.attempts(imported_id, pack.id, "tea", "check", "#1")
        assert [a.score for a in attempts] == [
            a.score for a in store.attempts(profile, pack.id, "tea", "check", "#1")
        ]
        assert attempts[0].result("q-match").response == {0: 0, 1: 1}  # type: ignore[union-attr]
        assert teacher.reflection(imported_id, pack.id, "tea", "the-post", "#5") == REFLECTION

        second = import_results(teacher, exported)
        assert (second.added, second.duplicates) == (0, count)
        assert len(teacher.profiles()) == 2
        assert len(statements(teacher, imported_id, [pack])) == count


def test_import_into_the_same_profile_merges(pack: Pack, store: ProgressStore, tmp_path: Path) -> None:
    """A file from the same learner (same UUID) merges into that profile; nothing is duplicated."""
    profile = study(pack, store)
    exported = tmp_path / "results.json"
    count = export_json(store, profile, [pack], exported)
    summary = import_results(store, exported)
    # Only the lessons' completions are news to the store (it computes its own from the pack); they merge.
    assert (summary.added, summary.duplicates) == (4, count - 4)
    assert summary.profiles == [(profile, "Mei =cmd", False)]
    assert len(store.profiles()) == 1
    assert sorted(s["id"] for s in statements(store, profile, [pack])) == sorted(
        s["id"] for s in json.loads(exported.read_text())
    )
    assert import_results(store, exported).added == 0


def test_import_adds_only_new_statements(pack: Pack, store: ProgressStore, tmp_path: Path) -> None:
    """A later export imported after an earlier one adds just the statements that are new."""
    profile = study(pack, store)
    first = tmp_path / "first.json"
    export_json(store, profile, [pack], first)
    later = lesson_session(pack, store, profile, "check")
    later.open_step(0)
    later.submit_quiz(0, RIGHT)
    second = tmp_path / "second.json"
    export_json(store, profile, [pack], second)
    with ProgressStore.open(tmp_path / "teacher.sqlite3") as teacher:
        import_results(teacher, first)
        summary = import_results(teacher, second)
        assert summary.added == 1 + 8  # one attempt and its eight answers


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"{not json", r"bad\.json: \$: not valid JSON"),
        (b"\xff\xfe\x00garbage", r"bad\.json: \$: not valid JSON"),
        (b'{"a": 1}', r"bad\.json: \$: object missing required field `statements`"),
        (b'[{"id": "x"}, 3]', r"bad\.json: \$\[0\]\.id: expected text: a lowercase UUID"),
    ],
)
def test_damaged_file_is_a_results_error(
    store: ProgressStore, tmp_path: Path, content: bytes, message: str
) -> None:
    """A file that is not a results file gives ResultsError with a plain message, and changes nothing."""
    target = tmp_path / "bad.json"
    target.write_bytes(content)
    with pytest.raises(ResultsError, match=message):
        import_results(store, target)
    assert store.profiles() == []


def test_missing_file_is_a_results_error(store: ProgressStore, tmp_path: Path) -> None:
    """A file that does not exist gives ResultsError."""
    with pytest.raises(ResultsError, match=r"missing\.json: not a results file"):
        import_results(store, tmp_path / "missing.json")


def test_foreign_statements_are_ignored(pack: Pack, store: ProgressStore, tmp_path: Path) -> None:
    """Statements from other tools mixed into a file are counted as ignored; Unspun's are imported."""
    profile = study(pack, store)
    found = statements(store, profile, [pack])
    foreign = copy.deepcopy(found[0])
    foreign["id"] = "6f1c0c8e-7d6a-4b4a-9a4e-2f3b9f0e1a22"
    foreign["object"]["id"] = "http://example.com/activity"
    target = tmp_path / "mixed.json"
    target.write_text(json.dumps({"statements": [*found, foreign]}))
    with ProgressStore.open(tmp_path / "teacher.sqlite3") as teacher:
        summary = import_results(teacher, target)
    assert summary.ignored == 1 and summary.added == len(found)


# ---------------------------------------------------------------- CSV


def test_csv_has_one_row_per_answered_question(pack: Pack, store: ProgressStore, tmp_path: Path) -> None:
    """The CSV holds every answered question with its profile, place, type, response, score and measure."""
    profile = study(pack, store)
    target = tmp_path / "results.csv"
    count = export_csv(store, profile, target)
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert count == len(rows) == 24 + 2
    assert list(rows[0]) == list(results.CSV_COLUMNS)
    assert all(row["profile"] == "'Mei =cmd" or row["profile"] == "Mei =cmd" for row in rows)
    pre = [row for row in rows if row["measure"] == "pre"]
    assert sorted(row["question"] for row in pre) == ["pre-agency", "pre-forward", "pre-post", "pre-trial"]
    assert {row["type"] for row in pre} == {"judge"} and {row["response"] for row in pre} == {"5"}
    checks = [row for row in rows if row["source"] == "practice check"]
    assert [(row["question"], row["response"], row["score"], row["tries"]) for row in checks] == [
        ("q-short", "authority", "0.0", "1"),
        ("q-short", "testimonial", "1.0", "2"),
    ]
    multiple = [row for row in rows if row["question"] == "q-multiple"]
    assert [(row["response"], row["points"], row["points_possible"]) for row in multiple] == [
        ("0[,]2", "0.0", "2.0"),
        ("0[,]1", "2.0", "2.0"),
    ]
    assert all(row["attempt_time"].endswith("Z") for row in rows)


def test_csv_defuses_spreadsheet_formulas(store: ProgressStore, tmp_path: Path) -> None:
    """Text that a spreadsheet would run as a formula is written with a leading quote."""
    from app.model.attempts import QuestionResult

    profile = store.create_profile("=HYPERLINK(1)")
    store.record_answer(profile, "p", "m", "l", "s", QuestionResult("q", "+cmd", 0.0, 0.0, 1.0), "short")
    target = tmp_path / "results.csv"
    export_csv(store, profile, target)
    with target.open(encoding="utf-8-sig", newline="") as handle:
        (row,) = list(csv.DictReader(handle))
    assert row["profile"] == "'=HYPERLINK(1)" and row["response"] == "'+cmd"


def test_unwritable_destination_is_a_results_error(pack: Pack, store: ProgressStore, tmp_path: Path) -> None:
    """Writing into a folder that does not exist gives ResultsError, not a traceback."""
    profile = study(pack, store)
    with pytest.raises(ResultsError, match="could not be written"):
        export_json(store, profile, [pack], tmp_path / "missing" / "r.json")
    with pytest.raises(ResultsError, match="could not be written"):
        export_csv(store, profile, tmp_path / "missing" / "r.csv")

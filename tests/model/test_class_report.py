"""Class report: Moodle's item statistics on hand-computed data, flags, wrong answers in words, skipped files, CSV, CLI."""

from __future__ import annotations

import csv
import json
import math
import statistics
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app.commands.report import run_report
from app.model import results
from app.model.attempts import QuestionResult, QuizResult
from app.model.class_report import (
    Flag,
    build_report,
    csv_tables,
    describe_response,
    item_statistics,
    write_csv,
)
from app.model.pack import Pack
from app.model.progress import ProgressStore

T0 = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)



def attempt(
    store: ProgressStore,
    profile: int,
    where: tuple[str, str, str, str],
    marks: dict[str, float],
    at: datetime,
    kinds: dict[str, str] | None = None,
    responses: dict[str, object] | None = None,
    measure: str | None = None,
    discernment: float | None = None,
) -> None:
    """Record one attempt: each question's mark out of 1 point (true/false unless told otherwise)."""
    kinds = kinds or {}
    responses = responses or {}
    answered = tuple(
        QuestionResult(qid, responses.get(qid, mark >= 1), mark, mark, 1.0) for qid, mark in marks.items()
    )
    store.record_attempt(
        profile,
        *where,
        QuizResult(answered, 0.5, discernment, None, at - timedelta(minutes=5), at),
        {qid: kinds.get(qid, "true_false") for qid in marks},
        measure,
    )


def export(store: ProgressStore, profile: int, folder: Path, packs: list[Pack] | None = None) -> Path:
    """Export one learner's results file as a learner would."""
    name = store.profile(profile).name  # type: ignore[union-attr]
    path = folder / f"{name}.json"
    results.export_json(store, profile, packs or [], path)
    return path


QUIZ_1 = ("tiny", "m", "l1", "#1")
QUIZ_2 = ("tiny", "m", "l2", "#1")
# Marks per learner (rows L1..L4) on quiz 1 (a, b, c) and quiz 2 (d, e, f, g).
Q1 = {"a": [1, 1, 0, 0], "b": [1, 0, 1, 0], "c": [1, 1, 1, 0]}
Q2 = {"d": [1, 1, 1, 1], "e": [0, 0, 0, 0], "f": [1, 0, 0, 0], "g": [0, 1, 1, 1]}


@pytest.fixture
def tiny_class(store: ProgressStore, tmp_path: Path) -> list[Path]:
    """Four learners, two quizzes; learner 1 retakes quiz 1 later and gets it all wrong."""
    files = []
    for learner in range(4):
        profile = store.create_profile(f"L{learner + 1}")
        attempt(store, profile, QUIZ_1, {q: marks[learner] for q, marks in Q1.items()}, T0)
        attempt(
            store, profile, QUIZ_2, {q: marks[learner] for q, marks in Q2.items()}, T0 + timedelta(hours=1)
        )
        if learner == 0:
            attempt(store, profile, QUIZ_1, dict.fromkeys(Q1, 0.0), T0 + timedelta(days=1))
        files.append(export(store, profile, tmp_path))
    return files


def test_item_statistics_match_moodle_formulas_by_hand() -> None:
    """Question a: x = [1,1,0,0], rest = b + c = [2,1,2,0]; worked by hand from Moodle's definitions."""
    x, rest = [1.0, 1.0, 0.0, 0.0], [2.0, 1.0, 2.0, 0.0]
    # means 0.5 and 1.25; deviations dx = [.5, .5, -.5, -.5], dr = [.75, -.25, .75, -1.25]
    # sum dx*dr = .375 - .125 - .375 + .625 = 0.5; sum dx^2 = 1; sum dr^2 = 2.75
    # D = 0.5 / sqrt(1 * 2.75); sorted pairs x = [0,0,1,1], rest = [0,1,2,2]:
    # sum = (-.5)(-1.25) + (-.5)(-.25) + (.5)(.75) + (.5)(.75) = 1.5, so efficiency = 0.5 / 1.5
    discrimination, efficiency = item_statistics(x, rest)
    assert discrimination == pytest.approx(0.5 / math.sqrt(2.75))
    assert efficiency == pytest.approx(1 / 3)


def test_item_statistics_without_spread_or_data_are_empty() -> None:
    """With one attempt, or everyone scoring the same, Moodle leaves both statistics empty."""
    assert item_statistics([1.0], [2.0]) == (None, None)
    assert item_statistics([1.0, 1.0, 1.0], [0.0, 1.0, 2.0]) == (None, None)


def test_report_uses_first_attempts_and_moodle_statistics(tiny_class: list[Path]) -> None:
    """Facility, discrimination and efficiency per question agree with an independent computation over first attempts."""
    report = build_report(tiny_class)
    assert report.pack_id == "tiny"
    assert not report.skipped
    by_id = {q.question_id: q for q in report.questions}
    assert [q.question_id for q in report.questions] == ["a", "b", "c", "d", "e", "f", "g"]
    for marks in (Q1, Q2):
        for qid, x in marks.items():
            rest = [sum(other[i] for oid, other in marks.items() if oid != qid) for i in range(4)]
            stats = by_id[qid]
            assert stats.learners == 4
            assert stats.facility == pytest.approx(statistics.mean(x))  # learner 1's retake is ignored
            if statistics.pvariance(x) and statistics.pvariance(rest):
                assert stats.discrimination == pytest.approx(statistics.correlation(x, rest))
                assert stats.efficiency == pytest.approx(
                    statistics.covariance(x, rest) / statistics.covariance(sorted(x), sorted(rest))
                )
            else:
                assert stats.discrimination is None
    assert by_id["a"].facility == pytest.approx(0.5)
    assert by_id["a"].discrimination == pytest.approx(0.5 / math.sqrt(2.75))


def test_broken_questions_are_flagged(tiny_class: list[Path]) -> None:
    """Everyone right, everyone wrong and negative discrimination are flagged; good questions are not."""
    report = build_report(tiny_class)
    flags = {q.question_id: q.flags for q in report.questions}
    assert flags["d"] == (Flag.EVERYONE_RIGHT,)
    assert flags["e"] == (Flag.EVERYONE_WRONG,)
    assert Flag.NEGATIVE_DISCRIMINATION in flags["f"]
    assert flags["a"] == flags["b"] == flags["c"] == ()
    assert {q.question_id for q in report.flagged} >= {"d", "e", "f"}


def test_learner_rows_count_quizzes_and_first_scores(tiny_class: list[Path]) -> None:
    """Each learner's row counts quizzes taken and averages first-attempt scores."""
    report = build_report(tiny_class)
    rows = {row.name: row for row in report.learners}
    assert list(rows) == ["L1", "L2", "L3", "L4"]
    assert rows["L1"].quizzes_taken == 2 and rows["L1"].quizzes_total == 2
    # L1: quiz 1 first attempt 3/3, quiz 2 2/4 -> mean of 1.0 and 0.5
    assert rows["L1"].mean_score == pytest.approx(0.75)
    assert rows["L4"].mean_score == pytest.approx((0 / 3 + 2 / 4) / 2)


def test_wrong_answers_are_written_as_choice_texts(pack: Pack, store: ProgressStore, tmp_path: Path) -> None:
    """The most common wrong answers show the pack's choice texts, most frequent first, never indices."""
    where = ("example-miracle-tea", "tea", "check", "#1")
    picks = [1, 1, 1, 0]  # three pick "A clinical trial" (wrong), one the right choice
    typed = ["authority", "Authority ", "propaganda", "Testimonial"]
    files = []
    for number, (pick, text) in enumerate(zip(picks, typed, strict=True)):
        profile = store.create_profile(f"P{number}")
        attempt(
            store,
            profile,
            where,
            {"q-single": 1.0 if pick == 0 else 0.0, "q-short": 1.0 if text == "Testimonial" else 0.0},
            T0,
            kinds={"q-single": "single", "q-short": "short"},
            responses={"q-single": pick, "q-short": text},
        )
        files.append(export(store, profile, tmp_path, [pack]))
    report = build_report(files, pack)
    by_id = {q.question_id: q for q in report.questions}
    single = by_id["q-single"]
    assert [(w.text, w.count) for w in single.wrong_answers] == [("“A clinical trial”", 3)]
    assert single.techniques == ("testimonial",)
    short = by_id["q-short"]
    # "authority" and "Authority " are one answer once normalised, as scoring compares them
    assert [w.count for w in short.wrong_answers] == [2, 1]
    assert short.wrong_answers[0].text.strip("“”").strip().lower() == "authority"
    assert report.techniques[0].label == "Testimonial"
    assert report.techniques[0].facility == pytest.approx(0.25)


def test_describe_response_covers_the_question_types(pack: Pack) -> None:
    """Every type reads as words: choices, order, pairs, selections, ratings."""
    quiz = pack.modules[0].lessons[2].steps[0].quiz
    assert quiz is not None
    questions = {q.id: q for q in quiz.questions}
    definition = {
        qid: results.question_definition(q, type(q).__struct_config__.tag, "en")
        for qid, q in questions.items()
    }
    assert (
        describe_response("multiple", [0, 2], definition["q-multiple"])
        == "“An unnamed doctor” + “A named study with a link”"
    )
    assert describe_response("order", [1, 0, 2, 3], definition["q-order"]).startswith(
        "“Ask who is behind it” → “Pause”"
    )
    assert describe_response("match", {0: 1, 1: 0}, definition["q-match"]) == (
        "“Dr. Lin says” → “Testimonial”; “My family swears by it” → “Fake expert”"
    )
    assert describe_response("categorize", {0: 1, 1: 1}, definition["q-categorize"]) == (
        "“A review of twelve trials” → “Not evidence”"
    )
    spot = questions["q-spot"]
    assert describe_response("spot", [(0, 13)], definition["q-spot"], spot.text) == "“Experts agree”"  # type: ignore[union-attr]
    assert describe_response("judge", 5, {}) == "rated 5 of 6 (called it reliable)"
    assert describe_response("single", None, {}) == "(no answer)"


def test_before_and_after_pairs_first_attempts(store: ProgressStore, tmp_path: Path) -> None:
    """Class means use each learner's first pre and post attempts; the change averages learners with both."""
    pre, post = ("tiny", "m", "before", "#1"), ("tiny", "m", "after", "#1")
    plan = [  # (pre mark, pre discernment, post mark, post discernment)
        (0.5, 0.0, 1.0, 3.0),
        (0.0, -1.0, 0.5, 1.0),
        (1.0, 2.0, None, None),
    ]
    files = []
    for number, (pre_mark, pre_disc, post_mark, post_disc) in enumerate(plan):
        profile = store.create_profile(f"B{number}")
        attempt(store, profile, pre, {"j": pre_mark}, T0, measure="pre", discernment=pre_disc)
        attempt(store, profile, pre, {"j": 1.0}, T0 + timedelta(hours=1), measure="pre", discernment=5.0)
        if post_mark is not None:
            attempt(
                store,
                profile,
                post,
                {"k": post_mark},
                T0 + timedelta(days=2),
                measure="post",
                discernment=post_disc,
            )
        files.append(export(store, profile, tmp_path))
    change = build_report(files).change
    assert (change.learners_pre, change.learners_post, change.learners_both) == (3, 2, 2)
    assert change.mean_pre_score == pytest.approx((0.5 + 0.0 + 1.0) / 3)
    assert change.mean_post_score == pytest.approx((1.0 + 0.5) / 2)
    assert change.mean_score_change == pytest.approx(((1.0 - 0.5) + (0.5 - 0.0)) / 2)
    assert change.mean_discernment_change == pytest.approx(((3.0 - 0.0) + (1.0 + 1.0)) / 2)
    # the pre and post quizzes hold different questions: the scores are given, not said to rise
    assert "averaged 50% on the first and 75% on the final one" in change.reading
    assert "not a like-for-like comparison" in change.reading and "rose" not in change.reading
    assert "1 more took only one" in change.reading


def judge_attempt(
    store: ProgressStore, profile: int, where: tuple[str, str, str, str], ratings: dict[str, tuple[bool, int]],
    at: datetime, measure: str,
) -> None:
    """Record a measure attempt of judge questions: question id -> (reliable, rating)."""
    marks = {qid: float((rating >= 4) == reliable) for qid, (reliable, rating) in ratings.items()}
    pairs = list(ratings.values())
    from app.model import scoring

    attempt(
        store, profile, where, marks, at,
        kinds={qid: "judge" for qid in ratings},
        responses={qid: rating for qid, (_, rating) in ratings.items()},
        measure=measure,
        discernment=scoring.discernment(pairs),
    )


def measure_ratings(prefix: str, reliable: list[int], unreliable: list[int]) -> dict[str, tuple[bool, int]]:
    return {f"{prefix}-r{n}": (True, r) for n, r in enumerate(reliable)} | {
        f"{prefix}-u{n}": (False, r) for n, r in enumerate(unreliable)
    }


@pytest.mark.parametrize(
    ("post_reliable", "post_unreliable", "said", "not_said"),
    [
        # more discerning: reliable up, unreliable down, overall trust level
        ([5, 5, 5, 5], [2, 2, 2, 2], "the class now tells reliable posts from unreliable ones better", "rates everything lower"),
        # only more distrustful: everything down by the same amount
        ([2, 2, 2, 2], [2, 2, 1, 2], "the class now rates everything lower, including the reliable posts", "better than before"),
    ],
)
def test_class_change_reads_discernment_beside_trust(
    store: ProgressStore, tmp_path: Path, post_reliable: list[int], post_unreliable: list[int], said: str, not_said: str
) -> None:
    """The class report's trust is each learner's mean rating minus 3.5, averaged; the reading tells discerning from distrustful."""
    pre, post = ("tiny", "m", "before", "#1"), ("tiny", "m", "after", "#1")
    files = []
    for number in range(3):
        profile = store.create_profile(f"T{number}")
        judge_attempt(store, profile, pre, measure_ratings("pre", [4, 4, 4, 4], [4, 4, 3, 4]), T0, "pre")
        judge_attempt(store, profile, post, measure_ratings("post", post_reliable, post_unreliable), T0 + timedelta(days=1), "post")
        files.append(export(store, profile, tmp_path))
    report = build_report(files)
    change = report.change
    before = (16 + 15) / 8 - 3.5
    after = (sum(post_reliable) + sum(post_unreliable)) / 8 - 3.5
    assert change.learners_both_trust == 3
    assert change.mean_pre_trust == pytest.approx(before)
    assert change.mean_post_trust == pytest.approx(after)
    assert change.mean_trust_change == pytest.approx(after - before)
    assert said in change.reading.lower() and not_said not in change.reading
    row = report.learners[0]
    assert (row.pre_trust, row.post_trust) == (pytest.approx(before), pytest.approx(after))
    tables = {title: (header, rows) for title, header, rows in csv_tables(report)}
    header, rows = tables["Learners"]
    assert header[-4:] == ["pre_discernment", "post_discernment", "pre_trust", "post_trust"]
    assert rows[0][-2:] == [round(before, 2), round(after, 2)]
    values = dict(tables["Before and after"][1])
    assert values["mean change in trust, learners with both"] == round(after - before, 2)


def test_trust_extension_is_exported_and_a_hostile_one_is_ignored(store: ProgressStore, tmp_path: Path) -> None:
    """An attempt's trust travels as a result extension; a file whose answers are gone keeps it, a hostile one never breaks the report."""
    profile = store.create_profile("Ext")
    judge_attempt(store, profile, ("tiny", "m", "before", "#1"), measure_ratings("pre", [6, 5], [2, 1]), T0, "pre")
    judge_attempt(store, profile, ("tiny", "m", "after", "#1"), measure_ratings("post", [6, 6], [1, 1]), T0 + timedelta(days=1), "post")
    path = export(store, profile, tmp_path)
    statements = json.loads(path.read_text(encoding="utf-8"))
    attempts = [s for s in statements if s["verb"]["id"] in (results.VERB_PASSED, results.VERB_FAILED)]
    assert [s["result"]["extensions"][results.EXTENSION + "trust"] for s in attempts] == [0.0, 0.0]
    # without the answers, the stated trust is what the report has
    only_attempts = tmp_path / "attempts-only.json"
    for statement in attempts:
        statement["result"]["extensions"][results.EXTENSION + "trust"] = -1.25
    only_attempts.write_text(json.dumps(attempts), encoding="utf-8")
    change = build_report([only_attempts]).change
    assert (change.mean_pre_trust, change.mean_post_trust) == (-1.25, -1.25)
    for hostile in ("lots", 1e308, float("nan"), -99, True, [1], {"x": 1}):
        for statement in attempts:
            statement["result"]["extensions"][results.EXTENSION + "trust"] = hostile
            statement["context"]["extensions"][results.EXTENSION + "discernment"] = hostile
        broken = tmp_path / "hostile.json"
        broken.write_text(json.dumps(attempts).replace("NaN", '"NaN"'), encoding="utf-8")
        # issue 11: a hostile value skips the file with one line naming it and the field, never a crash
        report = build_report([broken, only_attempts])
        assert [Path(skipped.path).name for skipped in report.skipped] == ["hostile.json"]
        assert ".extensions.trust: " in report.skipped[0].reason or ".extensions.discernment: " in report.skipped[0].reason
        assert report.change.learners_both == 1 and report.change.mean_pre_trust == -1.25


def test_damaged_and_other_pack_files_are_skipped(
    tiny_class: list[Path], store: ProgressStore, tmp_path: Path
) -> None:
    """Damaged files, files of no statements and files for another pack are skipped with a reason, never raised."""
    damaged = tmp_path / "damaged.json"
    damaged.write_bytes(b'[{"id": "x", "actor":')
    not_results = tmp_path / "notes.json"
    not_results.write_text(json.dumps({"hello": "world"}), encoding="utf-8")
    foreign = tmp_path / "foreign.json"
    foreign.write_text(
        json.dumps([{"id": "5c8f0c2e-0000-4000-8000-000000000000", "verb": {}}]), encoding="utf-8"
    )
    missing = tmp_path / "missing.json"
    binary = tmp_path / "photo.json"
    binary.write_bytes(bytes(range(256)))
    other = store.create_profile("Other pack")
    attempt(store, other, ("another-pack", "m", "l", "#1"), {"z": 1.0}, T0)
    other_file = export(store, other, tmp_path)
    paths = [*tiny_class, damaged, not_results, foreign, missing, binary, other_file]
    report = build_report(paths)
    assert report.pack_id == "tiny"
    assert len(report.learners) == 4
    reasons = {Path(item.path).name: item.reason for item in report.skipped}
    assert set(reasons) == {
        "damaged.json",
        "notes.json",
        "foreign.json",
        "missing.json",
        "photo.json",
        "Other pack.json",
    }
    # issue 11: each skipped file gets one line naming the file and the field at fault
    assert "damaged.json: $[0].id: " in reasons["damaged.json"]
    assert "another pack (another-pack)" in reasons["Other pack.json"]
    assert "foreign.json: $[0].verb: object missing required field `id`" in reasons["foreign.json"]


def test_pack_given_skips_files_for_other_packs(pack: Pack, tiny_class: list[Path]) -> None:
    """With a pack loaded, files about another pack are skipped even when they are the majority."""
    report = build_report(tiny_class, pack)
    assert report.pack_id == pack.id
    assert not report.learners
    assert len(report.skipped) == 4
    assert report.questions and all(q.learners == 0 and q.facility is None for q in report.questions)


def test_same_learner_in_two_files_counts_once(tiny_class: list[Path], tmp_path: Path) -> None:
    """A learner whose file is handed in twice is one learner with the same statistics."""
    copy = tmp_path / "copy.json"
    copy.write_bytes(tiny_class[0].read_bytes())
    report = build_report([*tiny_class, copy])
    assert len(report.learners) == 4
    assert {q.question_id: q.learners for q in report.questions}["a"] == 4


def test_csv_holds_every_section(tiny_class: list[Path], tmp_path: Path) -> None:
    """The CSV has titled tables whose rows match the report; text cells cannot run as formulas."""
    report = build_report(tiny_class)
    out = tmp_path / "class.csv"
    write_csv(report, out)
    rows = list(csv.reader(out.open(encoding="utf-8-sig")))
    titles = [row[0] for index, row in enumerate(rows) if len(row) == 1 and index and not rows[index - 1]]
    assert titles == [title for title, _, _ in csv_tables(report)]
    start = rows.index(["Questions"]) + 1
    header = rows[start]
    question_a = dict(zip(header, rows[start + 1], strict=True))
    assert question_a["question"] == "a"
    assert float(question_a["facility_index_percent"]) == pytest.approx(50.0)
    assert float(question_a["discrimination_index_percent"]) == pytest.approx(round(50 / math.sqrt(2.75), 1))


def test_report_command_writes_csv_and_lists_skipped(
    tiny_class: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``report`` prints a summary, lists skipped files on stderr and exits 0 when any file was read."""
    damaged = tmp_path / "damaged.json"
    damaged.write_text("{", encoding="utf-8")
    out = tmp_path / "class.csv"
    assert run_report([*map(str, tiny_class), str(damaged), "-o", str(out)]) == 0
    captured = capsys.readouterr()
    assert "4 learners" in captured.out
    assert "Check f" in captured.out
    assert "damaged.json" in captured.err
    assert out.exists()
    assert run_report([str(damaged), "-o", str(tmp_path / "none.csv")]) == 1
    assert not (tmp_path / "none.csv").exists()
    assert run_report(["-o", str(out)]) == 2


def test_report_command_never_loads_qt(tiny_class: list[Path], tmp_path: Path) -> None:
    """The report command runs without Qt, like validate."""
    import subprocess
    import sys

    from tests.conftest import ROOT

    code = (
        "import sys; from app.cli import main; "
        f"status = main(['report', *sys.argv[1:], '-o', {str(tmp_path / 'c.csv')!r}]); "
        "print(status, 'PySide6' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, *map(str, tiny_class)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.strip().splitlines()[-1] == "0 False"


def test_one_learner_and_one_file_are_not_plural(store: ProgressStore, tmp_path: Path, capsys) -> None:
    """A report of one learner's one file says '1 learner from 1 file', and '1 learner took the first check'."""
    from app.model.class_report import ClassChange, describe_class_change

    profile = store.create_profile("Solo")
    attempt(store, profile, QUIZ_1, {"a": 1.0, "b": 0.0}, T0)
    path = export(store, profile, tmp_path)
    assert run_report([str(path), "-o", str(tmp_path / "class.csv")]) == 0
    printed = capsys.readouterr().out
    assert ": 1 learner from 1 file." in printed
    change = ClassChange(1, 0, 0, 0.5, None, None, 0, None, None, None, "")
    assert describe_class_change(change).startswith("1 learner took the first check and 0 the final one")

"""The dashboard: shown first once the learner has started, with before-and-after, scores, techniques and time;
results export and import; and the plain message when the progress file was recovered."""

from __future__ import annotations

import json
import sys

import pytest

from app.model.dashboard import describe_change
from app.model.progress import ProgressError
from app.model.session import LessonSession, before_after
from app.ui import results_dialogs
from app.ui.charts import BeforeAfterChartView
from app.ui.dashboard import RATINGS_NOTE
from tests.conftest import EXAMPLE_PACK

PACK_ID = "example-miracle-tea"


def _take_quiz(window, lesson_id: str, responses: dict) -> object:
    """Submit the quiz that is step 1 of ``lesson_id`` through a session, as the quiz step would."""
    pack = window.packs[0]
    session = LessonSession(pack, pack.modules[0], pack.lesson("tea", lesson_id), window.store, window.profile_id)
    session.open_step(0)
    return session.submit_quiz(0, responses)


@pytest.fixture
def messages(monkeypatch) -> list[tuple[str, str]]:
    """Record the information and warning dialogs of results and recovery instead of showing them."""
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(results_dialogs, "inform", lambda _parent, title, text: shown.append((title, text)))
    monkeypatch.setattr(results_dialogs, "warn", lambda _parent, title, text: shown.append((title, text)))
    return shown


def test_home_comes_first_until_the_learner_starts(example_window):
    """A fresh learner sees the home screen; once a lesson is opened, Home leads to the dashboard first."""
    window = example_window
    assert window.state == "library"
    assert not window.mastery.dashboard.started()
    pack = window.packs[0]
    window.open_lesson(pack, pack.modules[0], pack.lesson("tea", "the-post"), 1)
    window.mastery.show_home()
    assert window.state == "dashboard"
    assert window.stack.currentWidget() is window.mastery.dashboard
    assert window.mastery.dashboard_button.isChecked() and not window.home_button.isChecked()


def test_dashboard_is_the_first_screen_after_a_restart_with_packs_named(make_window):
    """Started learners who open the app with a pack argument land on the dashboard, not an empty home."""
    window = make_window(str(EXAMPLE_PACK))
    pack = window.packs[0]
    window.open_lesson(pack, pack.modules[0], pack.lesson("tea", "the-post"), 1)
    window.close()
    window.store.close()
    again = make_window(str(EXAMPLE_PACK))
    assert again.state == "dashboard"
    assert again.mastery.dashboard.continue_title.text() == "The post"


def test_continue_opens_the_step_left_last(example_window):
    """The dashboard's Continue reopens the lesson at the step the learner left."""
    window = example_window
    pack = window.packs[0]
    window.open_lesson(pack, pack.modules[0], pack.lesson("tea", "the-post"), 2)
    window.mastery.show_dashboard()
    dashboard = window.mastery.dashboard
    assert dashboard.continue_button.text() == "Continue"
    dashboard.continue_button.click()
    assert window.state == "lesson"
    assert (window.player.lesson.id, window.player.current_index) == ("the-post", 2)


def test_before_and_after_reads_the_stored_attempts(example_window):
    """Pre and post checks give bars for score, discernment and trust, and the reading of the stored result."""
    window = example_window
    pre = _take_quiz(window, "before", {"pre-agency": 4, "pre-post": 4})
    post = _take_quiz(window, "after", {"post-agency": 6, "post-chain": 1})
    window.mastery.show_dashboard()
    dashboard = window.mastery.dashboard
    [panel] = dashboard.change_panels
    stored = before_after(window.store, window.profile_id, window.packs[0])
    assert panel.reading.text() == describe_change(stored)
    # the two checks ask different questions: the scores are given, not compared like for like
    assert "not a like-for-like comparison" in panel.reading.text()
    assert "Your score rose" not in panel.reading.text()
    assert (panel.score_chart.before, panel.score_chart.after) == (pre.score, post.score)
    assert (panel.discernment_chart.before, panel.discernment_chart.after) == (0.0, 5.0)
    assert panel.discernment_chart.accessibleDescription() == (
        "Discernment before and after: before +0.0, after +5.0, a change of +5.0."
    )
    assert (panel.trust_chart.before, panel.trust_chart.after) == (0.5, 0.0)
    assert panel.note is not None and panel.note.text() == RATINGS_NOTE
    assert "does not help you tell posts apart" in panel.note.text()


def test_a_more_discerning_learner_sees_it_on_the_card(example_window):
    """Reliable rated up and unreliable down, trust level: the card says they tell posts apart better."""
    window = example_window
    _take_quiz(window, "before", {"pre-agency": 4, "pre-post": 4})
    _take_quiz(window, "after", {"post-agency": 6, "post-chain": 1})
    window.mastery.show_dashboard()
    [panel] = window.mastery.dashboard.change_panels
    text = panel.reading.text()
    assert "You now tell reliable posts from unreliable ones better than before" in text
    assert "rate everything lower" not in text
    assert panel.trust_chart.accessibleDescription() == "Trust before and after: before +0.5, after +0.0, a change of -0.5."


def test_a_learner_who_only_distrusts_more_sees_it_on_the_card(example_window):
    """Everything rated lower, the gap unchanged: the card says 'you now rate everything lower', not 'better'."""
    window = example_window
    _take_quiz(window, "before", {"pre-agency": 6, "pre-post": 4})
    _take_quiz(window, "after", {"post-agency": 3, "post-chain": 1})
    window.mastery.show_dashboard()
    [panel] = window.mastery.dashboard.change_panels
    text = panel.reading.text()
    assert "You now rate everything lower, including the reliable posts" in text
    assert "better than before" not in text
    assert (panel.discernment_chart.before, panel.discernment_chart.after) == (2.0, 2.0)
    assert (panel.trust_chart.before, panel.trust_chart.after) == (1.5, -1.5)
    assert panel.trust_chart.after < panel.trust_chart.before


def test_a_fall_in_discernment_is_said_plainly(example_window):
    """When the learner tells reliable from unreliable less well afterwards, the reading says so."""
    window = example_window
    _take_quiz(window, "before", {"pre-agency": 6, "pre-post": 1})
    _take_quiz(window, "after", {"post-agency": 1, "post-chain": 6})
    window.mastery.show_dashboard()
    [panel] = window.mastery.dashboard.change_panels
    assert "less well than before" in panel.reading.text()
    assert "still rated the unreliable posts higher" in panel.reading.text()
    assert panel.discernment_chart.after < 0 < panel.discernment_chart.before


def test_only_the_first_check_asks_for_the_final_one(example_window):
    """With only the pre check taken, the after bar reads "not taken yet" and the text points to the final check."""
    window = example_window
    _take_quiz(window, "before", {"pre-agency": 5, "pre-post": 2})
    window.mastery.show_dashboard()
    [panel] = window.mastery.dashboard.change_panels
    assert panel.score_chart.after is None
    assert f"after {BeforeAfterChartView.NOT_TAKEN}" in panel.score_chart.accessibleDescription()
    assert "Take the final check" in panel.reading.text()


def test_neither_check_points_to_the_first(example_window):
    """A started learner without either check is told where the first one is."""
    window = example_window
    pack = window.packs[0]
    window.open_lesson(pack, pack.modules[0], pack.lesson("tea", "the-post"), 0)
    window.mastery.show_dashboard()
    dashboard = window.mastery.dashboard
    assert dashboard.change_panels == []
    [hint] = dashboard.change_hints
    assert "You have not taken the first check yet" in hint.text() and "“Before we start”" in hint.text()


def test_history_techniques_modules_and_time(example_window):
    """The charts show each attempt, the missed technique by name, module completion, and the time studied."""
    window = example_window
    _take_quiz(window, "before", {"pre-agency": 6, "pre-post": 1, "pre-trial": 6, "pre-forward": 1})
    _take_quiz(window, "check", {"q-single": 1})  # the clinical trial: wrong, on the testimonial technique
    for _ in range(3):  # one visit counts at most an hour
        window.store.record_time(window.profile_id, PACK_ID, "tea", "check", "#1", 45 * 60)
    window.mastery.show_dashboard()
    dashboard = window.mastery.dashboard

    scores = [point.score for point in dashboard.history_chart.points]
    assert len(scores) == 2 and scores[0] == 1.0 and scores[1] < 0.2
    assert dashboard.history_chart.accessibleDescription().startswith("2 quiz attempts")

    [row] = dashboard.technique_chart.rows
    assert (row.label, row.value_text, row.detail, row.marker) == ("Testimonial", "0%", "1 answer", 2)
    assert row.color.lower() == "#009e73"  # the pack's own colour for the technique
    assert "The technique you keep missing: Testimonial (0% right first time)" in dashboard.weak_label.text()

    [module] = dashboard.module_chart.rows
    assert module.label == "The Miracle Tea" and module.detail.endswith("of 4 lessons")

    assert dashboard.stat_tiles["time"].value.text() == "2 h 15 min"
    assert dashboard.stat_tiles["time"].accessibleName() == "studied: 2 h 15 min"
    assert dashboard.stat_tiles["attempts"].value.text() == "2"


def test_export_then_import_into_a_fresh_data_dir_shows_the_same_attempts(make_window, messages, tmp_path):
    """Results exported as xAPI and imported elsewhere give the same profile and the same scores on its dashboard."""
    window = make_window(str(EXAMPLE_PACK))
    _take_quiz(window, "before", {"pre-agency": 6, "pre-post": 1})
    _take_quiz(window, "check", {"q-single": 0, "q-tf": True})
    exported = tmp_path / "results.json"
    count = window.mastery.export_results(str(exported))
    assert count and len(json.loads(exported.read_text("utf-8"))) == count
    assert messages[-1] == ("Results exported", f"Saved {count} xAPI statements to {exported}.")
    window.mastery.show_dashboard()
    expected = [(p.score, p.passed) for p in window.mastery.dashboard.history_chart.points]

    other = make_window("--data-dir", str(tmp_path / "elsewhere"), str(EXAMPLE_PACK))
    summary = other.mastery.import_results(str(exported))
    assert summary.added == count and summary.duplicates == 0
    title, text = messages[-1]
    assert title == "Results imported"
    assert text.startswith(f"{count} results added; 0 skipped") and "New profile: Learner" in text
    imported_id = next(pid for pid, _name, created in summary.profiles if created)
    action = next(a for a in other.mastery.profile_button.switch_actions() if a.data() == imported_id)
    action.trigger()
    other.mastery.show_dashboard()
    assert [(p.score, p.passed) for p in other.mastery.dashboard.history_chart.points] == expected

    again = other.mastery.import_results(str(exported))
    assert (again.added, again.duplicates) == (0, count)
    assert messages[-1][1].startswith(f"0 results added; {count} skipped because they were already here")


def test_csv_export_and_bad_files_give_clear_messages(example_window, messages, tmp_path):
    """A .csv name writes a spreadsheet; a folder that does not exist and a non-JSON import say why in a dialog."""
    window = example_window
    _take_quiz(window, "check", {"q-single": 0})
    sheet = tmp_path / "results.csv"
    assert window.mastery.export_results(str(sheet))
    header, *rows = sheet.read_text("utf-8-sig").splitlines()
    assert header.startswith("profile,profile_uuid,pack") and len(rows) == 8
    assert messages[-1][0] == "Results exported" and "as a spreadsheet" in messages[-1][1]

    assert window.mastery.export_results(str(tmp_path / "missing" / "results.json")) is None
    assert messages[-1][0] == "Results not exported" and "could not be written" in messages[-1][1]

    garbage = tmp_path / "garbage.json"
    garbage.write_text("not json", "utf-8")
    assert window.mastery.import_results(str(garbage)) is None
    assert messages[-1][0] == "Results not imported" and "not valid JSON" in messages[-1][1]


def test_a_recovered_progress_file_is_reported_at_startup(make_window, messages, data_dir, qtbot):
    """A damaged progress file is moved aside and the learner is told plainly, once the window is up."""
    (data_dir / "progress.sqlite3").write_bytes(b"this is not a database" * 100)
    window = make_window(str(EXAMPLE_PACK))
    qtbot.waitUntil(lambda: bool(messages))
    title, text = messages[0]
    assert title == "Your progress file was recovered"
    assert text == window.store.recovery.message
    assert "started a fresh progress file" in text
    assert window.store.profiles()  # the app carries on with a working store


def test_progress_errors_from_any_slot_are_shown_not_raised(messages):
    """The app's excepthook shows a ProgressError in a dialog and hands every other error on."""
    passed_on = []
    hook = results_dialogs.progress_error_hook(lambda: None, lambda *args: passed_on.append(args[1]))
    hook(ProgressError, ProgressError("Progress could not be saved: the folder is read-only."), None)
    assert messages == [("Progress not saved", "Progress could not be saved: the folder is read-only.")]
    problem = ValueError("something else")
    hook(ValueError, problem, None)
    assert passed_on == [problem] and len(messages) == 1


@pytest.mark.qt_no_exception_capture
def test_a_full_disk_while_opening_a_lesson_is_told_and_the_app_goes_on(example_window, messages, monkeypatch):
    """A write failing inside a slot (opening a lesson from the library) reaches the learner as a message."""
    window = example_window
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    results_dialogs.install_progress_error_hook(lambda: window)

    def full(*_args, **_kwargs):
        raise ProgressError("Progress could not be saved: the disk is full.")

    monkeypatch.setattr(window.store, "record_visit", full)
    pack = window.packs[0]
    window.library.lesson_requested.emit(pack, pack.modules[0], pack.lesson("tea", "the-post"))
    assert messages == [("Progress not saved", "Progress could not be saved: the disk is full.")]
    assert window.isVisible()

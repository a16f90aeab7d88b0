"""Dashboard data: continue, completion per module, score history, technique accuracy, time, before/after readings."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from app.model.attempts import QuestionResult, QuizResult
from app.model.dashboard import dashboard_data, describe_change
from app.model.pack import Pack
from app.model.progress import ProgressStore
from app.model.session import BeforeAfter
from tests.conftest import EXAMPLE_CHECK_ANSWERS, lesson_session
from tests.stored import stored_rows

RIGHT = EXAMPLE_CHECK_ANSWERS


def test_fresh_learner_has_not_started(pack: Pack, store: ProgressStore) -> None:
    """Before anything is done, the dashboard says not started and shows empty figures."""
    profile = store.ensure_default_profile()
    data = dashboard_data(store, profile, [pack])
    assert not data.started
    assert data.continue_at is None and data.score_history == () and data.techniques == ()
    assert [(m.module_id, m.lessons, m.completed) for m in data.modules] == [
        (module.id, len(module.lessons), 0) for module in pack.modules
    ]
    assert data.seconds_studied == 0.0 and data.changes == () and data.reviews_due == 0


def test_dashboard_reflects_what_the_learner_did(pack: Pack, store: ProgressStore) -> None:
    """Completion, continue point, history, technique accuracy, time and due reviews follow the learner's work."""
    profile = store.ensure_default_profile()
    ticks = iter(range(0, 1000, 30))
    check = lesson_session(pack, store, profile, "check")
    check.clock = lambda: float(next(ticks))
    check.open_step(0)
    # q-single (technique "testimonial") is missed once, then right in a second attempt.
    check.submit_quiz(0, dict(RIGHT, **{"q-single": 1}))
    check.submit_quiz(0, RIGHT)
    check.finish()
    data = dashboard_data(store, profile, [pack], now=datetime.now(UTC) + timedelta(days=1))
    assert data.started
    assert data.continue_at is not None and data.continue_at.lesson is not None
    assert (data.continue_at.lesson.id, data.continue_at.step_index) == ("check", 0)
    (module,) = [m for m in data.modules if m.module_id == pack.modules[0].id]
    check_lesson = next(lesson for lesson in pack.modules[0].lessons if lesson.id == "check")
    assert module.started >= 1 and module.completed == (1 if len(check_lesson.steps) == 1 else 0)
    assert [round(point.score, 3) for point in data.score_history] == [round(8 / 9, 3), 1.0]
    testimonial = next(t for t in data.techniques if t.technique == "testimonial")
    assert testimonial.answered == 2 and testimonial.accuracy == pytest.approx(0.5)
    assert testimonial.label == pack.manifest.techniques["testimonial"].label
    assert data.seconds_studied == pytest.approx(30.0)
    assert data.reviews_due == 1  # q-single, missed in the first attempt


def test_imported_completion_counts(pack: Pack, store: ProgressStore) -> None:
    """A lesson another computer reported completed (an import) counts as completed."""
    profile = store.ensure_default_profile()
    module = pack.modules[0]
    store.record_completion(
        profile, pack.id, module.id, module.lessons[0].id, datetime(2025, 1, 1, tzinfo=UTC), "s1"
    )
    data = dashboard_data(store, profile, [pack])
    assert next(m for m in data.modules if m.module_id == module.id).completed == 1


def result(score: float, discernment: float | None) -> QuizResult:
    return QuizResult((QuestionResult("q", 1, score, score, 1.0),), 0.5, discernment)


@pytest.mark.parametrize(
    ("pre", "post", "expected"),
    [
        (
            result(0.4, -1.0),
            result(0.8, 2.0),
            ["rose", "40%", "80%", "-1.0 to +2.0", "apart better", "no longer"],
        ),
        (result(0.8, 2.0), result(0.4, 0.5), ["fell", "apart less well"]),
        (result(0.5, 1.0), result(0.52, 1.2), ["stayed about the same", "about as well"]),
        (result(0.5, None), result(0.6, -1.5), ["rose"]),
        (result(0.3, 0.0), None, ["30%", "Take the final check"]),
        (None, result(0.9, 1.0), ["nothing to compare", "90%"]),
    ],
)
def test_change_is_read_in_plain_words(
    pre: QuizResult | None, post: QuizResult | None, expected: list[str]
) -> None:
    """The before-and-after reading names the direction of the change in score and discernment."""
    reading = describe_change(BeforeAfter(pre, post))
    for phrase in expected:
        assert phrase in reading


def test_negative_discernment_is_called_out() -> None:
    """A learner who still trusts unreliable items more is told so."""
    assert "still trusted the unreliable" in describe_change(
        BeforeAfter(result(0.5, -2.0), result(0.6, -1.0))
    )


def test_time_per_step_is_recorded_with_one_commit_per_switch(
    pack: Pack, store: ProgressStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Switching steps commits the visit and the time on the step left together; finish adds the last step's time."""
    profile = store.ensure_default_profile()
    reading = lesson_session(pack, store, profile, "the-post")
    times = iter([100.0, 110.0, 115.0, 122.0])
    reading.clock = lambda: next(times)
    commits = []
    original = ProgressStore._write

    def counting(self: ProgressStore):  # type: ignore[no-untyped-def]
        commits.append(1)
        return original(self)

    monkeypatch.setattr(ProgressStore, "_write", counting)
    reading.open_step(0)
    reading.open_step(1)
    reading.open_step(2)
    assert len(commits) == 3
    reading.finish()
    rows = stored_rows(
        store, "SELECT step_key, seconds FROM study_time WHERE profile_id = ? ORDER BY id", (profile,)
    )
    assert [tuple(row) for row in rows] == [("intro", 10.0), ("#2", 5.0), ("#3", 7.0)]
    assert store.time_studied(profile) == 22.0
    assert store.time_studied(profile, "another-pack") == 0.0

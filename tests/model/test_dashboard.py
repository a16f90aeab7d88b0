"""Dashboard data: continue, completion per module, score history, technique accuracy, time, before/after readings."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from app.model import judgement, scoring
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


def rated(reliable: list[int], unreliable: list[int], prefix: str = "q") -> QuizResult:
    """A measure attempt of judge answers: the ratings given to reliable, then unreliable items."""
    answers = [
        QuestionResult(f"{prefix}-r{n}", rating, float(rating >= 4), float(rating >= 4), 1.0, None, "judge")
        for n, rating in enumerate(reliable)
    ] + [
        QuestionResult(f"{prefix}-u{n}", rating, float(rating <= 3), float(rating <= 3), 1.0, None, "judge")
        for n, rating in enumerate(unreliable)
    ]
    pairs = [(True, rating) for rating in reliable] + [(False, rating) for rating in unreliable]
    return QuizResult(tuple(answers), 0.5, scoring.discernment(pairs))


#: A learner who became more discerning: reliable posts rated up, unreliable ones down, trust level.
DISCERNING = (rated([4, 4, 3, 4, 4], [4, 3, 4, 4, 4], "pre"), rated([5, 5, 5, 5, 5], [2, 2, 2, 2, 2], "post"))
#: A learner who only became more distrustful: everything rated down, the gap between them unchanged.
DISTRUSTFUL = (rated([5, 5, 4, 5, 5], [4, 4, 4, 5, 4], "pre"), rated([2, 2, 1, 2, 2], [1, 1, 1, 2, 1], "post"))


def test_trust_is_the_mean_rating_minus_the_midpoint() -> None:
    """Trust is the mean of all judge ratings minus 3.5; other answers do not count."""
    pre, post = DISTRUSTFUL
    assert pre.trust == pytest.approx(45 / 10 - 3.5)
    assert post.trust == pytest.approx(15 / 10 - 3.5)
    change = BeforeAfter(pre, post)
    assert change.trust_change == pytest.approx(-3.0)
    assert change.discernment_change == pytest.approx(0.0, abs=1e-9)  # 0.6 before and after
    assert result(0.5, 1.0).trust is None  # no judge answer, no trust


def test_a_more_discerning_learner_is_told_they_tell_posts_apart_better() -> None:
    """Discernment up, trust level: the reading says they tell reliable from unreliable better, and not that they doubt everything."""
    change = BeforeAfter(*DISCERNING)
    assert change.discernment_change is not None and change.discernment_change > 2
    assert abs(change.trust_change or 0.0) < 0.5
    reading = describe_change(change)
    assert "You now tell reliable posts from unreliable ones better than before" in reading
    assert "rate everything lower" not in reading


def test_a_learner_who_only_distrusts_more_is_told_so_not_praised() -> None:
    """Trust down, discernment flat: 'you now rate everything lower', and no claim of telling posts apart better."""
    reading = describe_change(BeforeAfter(*DISTRUSTFUL))
    assert "You now rate everything lower, including the reliable posts" in reading
    assert "you don't tell reliable from unreliable any better" in reading
    assert "better than before" not in reading
    assert "doubt most of what you rate" in reading  # the final trust is -2.0


def test_every_combination_of_discernment_and_trust_has_its_own_sentence() -> None:
    """Discernment up/same/down times trust up/same/down: nine different readings, none a bare figure."""
    readings = set()
    for discernment_move in (-2.0, 0.0, 2.0):
        for trust_move in (-1.0, 0.0, 1.0):
            (sentence,) = judgement.learner_reading(1.0, 1.0 + discernment_move, 0.0, trust_move)[:1]
            assert not any(character.isdigit() for character in sentence)
            readings.add(sentence)
            class_sentence = judgement.class_reading(1.0, 1.0 + discernment_move, 0.0, trust_move)[0]
            assert class_sentence.startswith("On average the class")
            readings.add(class_sentence)
    assert len(readings) == 18


def test_scores_of_different_questions_are_not_compared_like_for_like() -> None:
    """The pre and post checks share no question: the score is given, never said to rise or fall."""
    pre, post = rated([4, 4], [3, 3], "pre"), rated([5, 6], [1, 2], "post")
    reading = describe_change(BeforeAfter(pre, post))
    assert "not a like-for-like comparison" in reading
    assert "rose" not in reading and "fell" not in reading


@pytest.mark.parametrize(
    ("pre", "post", "expected"),
    [
        (result(0.4, -1.0), result(0.8, 2.0), ["Your score rose", "40%", "80%", "better than before"]),
        (result(0.8, 2.0), result(0.4, 0.5), ["Your score fell", "less well than before"]),
        (result(0.5, 1.0), result(0.52, 1.2), ["stayed about the same", "about as well as before"]),
        (result(0.5, None), result(0.6, -1.5), ["rose", "still rated the unreliable posts higher"]),
        (result(0.3, 0.0), None, ["30%", "Take the final check", "about the same"]),
        (None, result(0.9, 1.0), ["nothing to compare", "90%"]),
    ],
)
def test_change_is_read_in_plain_words(
    pre: QuizResult | None, post: QuizResult | None, expected: list[str]
) -> None:
    """With the same questions before and after, the reading names the direction of the score and discernment."""
    reading = describe_change(BeforeAfter(pre, post))
    for phrase in expected:
        assert phrase in reading
    assert "Discernment" not in reading and "+" not in reading  # words, not a statistic


def test_negative_discernment_is_called_out() -> None:
    """A learner who still trusts unreliable items more is told so."""
    assert "still rated the unreliable posts higher than the reliable ones" in describe_change(
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

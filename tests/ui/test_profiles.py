"""Profiles: the top bar's menu creates, switches, renames and deletes learners, each with their own progress."""

from __future__ import annotations

import pytest

from app.model.lesson_state import LessonState
from app.model.progress import ProgressError
from app.ui import profiles
from app.ui.library import STATE_ROLE
from tests.conftest import EXAMPLE_PACK
from tests.stored import stored_rows

PACK_ID = "example-miracle-tea"


def _open_the_post(window, step: int = 0) -> None:
    pack = window.packs[0]
    window.open_lesson(pack, pack.modules[0], pack.lesson("tea", "the-post"), step)


def _post_state(window) -> LessonState:
    pack = window.packs[0]
    return window._lesson_state(pack, pack.modules[0], pack.lesson("tea", "the-post"))


@pytest.fixture
def names(monkeypatch) -> list[str]:
    """Answer the name dialog with the names queued in the returned list (None cancels)."""
    queued: list[str] = []
    monkeypatch.setattr(profiles, "ask_text", lambda *args: queued.pop(0))
    return queued


@pytest.fixture
def errors(monkeypatch) -> list[str]:
    """Record profile error messages instead of showing them."""
    shown: list[str] = []
    monkeypatch.setattr(profiles, "show_profile_error", lambda _parent, text: shown.append(text))
    return shown


class Confirmations:
    """Delete confirmations asked (title, text), answered in turn from ``answers``."""

    def __init__(self) -> None:
        self.asked: list[tuple[str, str]] = []
        self.answers: list[bool] = []

    def __call__(self, _parent, title: str, text: str) -> bool:
        self.asked.append((title, text))
        return self.answers.pop(0)


@pytest.fixture
def confirmations(monkeypatch) -> Confirmations:
    """Replace the delete confirmation dialog with a recorder."""
    recorder = Confirmations()
    monkeypatch.setattr(profiles, "confirm_delete", recorder)
    return recorder


def test_the_top_bar_names_the_learner_and_lists_profiles(example_window):
    """The profile button shows the learner's name; its menu lists every profile with the current one checked."""
    button = example_window.mastery.profile_button
    assert button.text().startswith("Learner")
    assert button.accessibleName() == "Profile: Learner"
    example_window.store.create_profile("Sam")
    button.rebuild_menu()
    actions = button.switch_actions()
    assert [action.text() for action in actions] == ["Learner", "Sam"]
    assert [action.isChecked() for action in actions] == [True, False]
    texts = [action.text() for action in button.profile_menu.actions()]
    assert "New profile…" in texts and "Rename “Learner”…" in texts


def test_a_new_profile_starts_empty_and_progress_stays_separate(example_window, names):
    """Creating a profile switches to it with no progress; switching back finds the first learner's progress."""
    window = example_window
    first = window.profile_id
    _open_the_post(window, 2)
    assert _post_state(window) is LessonState.IN_PROGRESS

    names.append("Sam")
    created = window.mastery.profile_button.create_profile()
    assert created is not None and window.profile_id == created != first
    assert window.mastery.profile_button.text().startswith("Sam")
    assert window.continue_target() is None
    assert _post_state(window) is LessonState.NOT_STARTED
    assert window.library.lesson_item(PACK_ID, "tea", "the-post").data(0, STATE_ROLE) == "not started"
    assert window.state == "library"  # nothing started: the home screen, not the dashboard

    _open_the_post(window, 0)
    assert window.store.visited_steps(created, PACK_ID, "tea", "the-post") == {"intro"}

    first_action = next(a for a in window.mastery.profile_button.switch_actions() if a.data() == first)
    first_action.trigger()
    assert window.profile_id == first
    assert window.state == "dashboard"  # the first learner has started: the dashboard comes first
    assert window.continue_target()[3] == 2
    assert window.library.lesson_item(PACK_ID, "tea", "the-post").data(0, STATE_ROLE) == "in progress"
    assert window.store.visited_steps(first, PACK_ID, "tea", "the-post") == {"#3"}


def test_the_last_profile_used_opens_by_default(make_window, names):
    """After switching to another learner, a restart opens that learner."""
    window = make_window(str(EXAMPLE_PACK))
    names.append("Sam")
    sam = window.mastery.profile_button.create_profile()
    window.close()
    window.store.close()
    again = make_window(str(EXAMPLE_PACK))
    assert again.profile_id == sam
    assert again.mastery.profile_button.text().startswith("Sam")


def test_rename_changes_the_name_everywhere(example_window, names, errors):
    """Renaming stores the new name and shows it; an empty or taken name is refused with a message."""
    window = example_window
    button = window.mastery.profile_button
    names.append("  Dana   B ")
    button.rename_current()
    assert window.store.profile(window.profile_id).name == "Dana B"
    assert button.text().startswith("Dana B")
    assert button.rename_action.text() == "Rename “Dana B”…"

    window.store.create_profile("Sam")
    names.extend(["sam", "   "])
    button.rename_current()
    button.rename_current()
    assert errors == ["There is already a profile called sam.", "A profile needs a name."]
    assert window.store.profile(window.profile_id).name == "Dana B"


def test_cancelling_the_name_dialog_changes_nothing(example_window, names):
    """Cancel in the name dialog creates no profile."""
    names.append(None)
    assert example_window.mastery.profile_button.create_profile() is None
    assert [p.name for p in example_window.store.profiles()] == ["Learner"]


def test_delete_asks_first_naming_what_is_lost(example_window, names, confirmations):
    """Delete names the profile and what it holds; No keeps it, Yes removes it and everything recorded for it."""
    window = example_window
    first = window.profile_id
    names.append("Sam")
    sam = window.mastery.profile_button.create_profile()
    _open_the_post(window, 1)
    window.store.record_time(sam, PACK_ID, "tea", "the-post", "intro", 600)

    confirmations.answers.extend([False, True])
    button = window.mastery.profile_button
    assert button.delete_profile(sam) is False
    assert window.store.profile(sam) is not None
    title, text = confirmations.asked[0]
    assert title == "Delete Sam?"
    assert "everything recorded for Sam" in text
    assert "1 lesson opened" in text and "10 min of study time" in text
    assert "cannot be undone" in text

    assert button.delete_profile(sam) is True
    assert window.store.profile(sam) is None
    assert stored_rows(window.store, "SELECT count(*) FROM visits WHERE profile_id = ?", (sam,))[0][0] == 0
    # Sam was the current learner: the window moved to the other profile
    assert window.profile_id == first
    assert [a.text() for a in button.switch_actions()] == ["Learner"]


def test_deleting_the_only_profile_starts_a_fresh_learner(example_window, confirmations):
    """Deleting the last profile leaves a new, empty "Learner" in its place."""
    window = example_window
    only = window.store.profile(window.profile_id)
    _open_the_post(window, 1)
    confirmations.answers.append(True)
    window.mastery.profile_button.delete_profile(only.id)
    fresh = window.store.profile(window.profile_id)
    assert fresh is not None and fresh.uuid != only.uuid  # SQLite may give the new row the old id
    assert [p.name for p in window.store.profiles()] == ["Learner"]
    assert window.continue_target() is None
    assert window.state == "library"


def test_a_store_failure_is_shown_not_raised(example_window, names, errors, monkeypatch):
    """A full disk while creating a profile gives its message in a dialog and leaves the learner as they were."""
    window = example_window
    before = window.profile_id

    def full(*_args, **_kwargs):
        raise ProgressError("Progress could not be saved: the disk is full.")

    monkeypatch.setattr(window.store, "create_profile", full)
    names.append("Sam")
    assert window.mastery.profile_button.create_profile() is None
    assert errors == ["Progress could not be saved: the disk is full."]
    assert window.profile_id == before

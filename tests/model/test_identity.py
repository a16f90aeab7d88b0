"""School identity in statements: account, email, hashed email; names only when entered; class registration;
import and class report keyed by it; files from before still read."""

from __future__ import annotations

import hashlib
import json
from datetime import timedelta
from pathlib import Path

import pytest

from app.model.class_report import read_class
from app.model.gradebook import gradebook_from
from app.model.identity import (
    ClassMembership,
    IdentityError,
    SchoolIdentity,
    learner_key,
    make_identity,
)
from app.model.pack import Pack
from app.model.progress import ProgressStore
from app.model.results import export_json, import_results, statement_problems, statements
from tests.model.test_class_report import QUIZ_1, T0, attempt, export
from tests.model.test_results import study

REGISTRATION = "3f1c1a52-9d8e-4a7b-b2a4-0c9a4b3e7d11"


def test_school_account_is_the_actor_with_the_typed_name(pack: Pack, store: ProgressStore) -> None:
    profile = study(pack, store)
    record = store.profile(profile)
    assert record is not None
    store.set_school_identity(record.uuid, make_identity(home_page="https://lms.school.example", account_name="mei.w"))
    found = statements(store, profile, [pack])
    for statement in found:
        assert statement["actor"] == {
            "objectType": "Agent",
            "name": "Mei =cmd",
            "account": {"homePage": "https://lms.school.example", "name": "mei.w"},
        }
        assert statement["context"]["extensions"]["urn:unspun:xapi:extension:profile"] == record.uuid
        assert statement_problems(statement) == []


def test_email_as_mbox_or_only_its_hash(store: ProgressStore) -> None:
    profile = store.create_profile("Ana")
    uuid = store.profile(profile).uuid  # type: ignore[union-attr]
    attempt(store, profile, QUIZ_1, {"a": 1}, T0)
    store.set_school_identity(uuid, make_identity(email="ana@school.example"))
    assert statements(store, profile, [])[0]["actor"]["mbox"] == "mailto:ana@school.example"
    store.set_school_identity(uuid, make_identity(email="ana@school.example", hash_email=True))
    actor = statements(store, profile, [])[0]["actor"]
    assert actor == {"objectType": "Agent", "name": "Ana",
                     "mbox_sha1sum": hashlib.sha1(b"mailto:ana@school.example").hexdigest()}
    assert "ana@school.example" not in json.dumps(statements(store, profile, []))


def test_a_name_the_learner_never_typed_is_not_sent(store: ProgressStore) -> None:
    profile = store.ensure_default_profile()  # called "Learner" by the app, not by the learner
    attempt(store, profile, QUIZ_1, {"a": 1}, T0)
    assert all("name" not in s["actor"] for s in statements(store, profile, []))


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ({"account_name": "mei", "home_page": "lms.school"}, "web address"),
        ({"account_name": "", "home_page": "https://lms.school"}, "school login"),
        ({"email": "not-an-address"}, "email address"),
    ],
)
def test_identity_mistakes_are_said_plainly(given: dict[str, str], message: str) -> None:
    with pytest.raises(IdentityError, match=message):
        make_identity(**given)


def test_statements_since_joining_a_class_carry_its_registration(store: ProgressStore) -> None:
    profile = store.create_profile("Bo")
    uuid = store.profile(profile).uuid  # type: ignore[union-attr]
    attempt(store, profile, QUIZ_1, {"a": 1}, T0)
    joined = (T0 + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%S.000Z")
    store.set_class_membership(uuid, ClassMembership("Year 9 media", REGISTRATION, joined))
    attempt(store, profile, QUIZ_1, {"a": 0}, T0 + timedelta(hours=2))
    found = statements(store, profile, [])
    before = [s for s in found if s["timestamp"] < joined]
    after = [s for s in found if s["timestamp"] >= joined]
    assert before and after
    assert all("registration" not in s["context"] for s in before)
    assert all(s["context"]["registration"] == REGISTRATION for s in after)


def test_import_matches_the_profile_and_keeps_the_school_identity(store: ProgressStore, tmp_path: Path) -> None:
    profile = store.create_profile("Chen")
    uuid = store.profile(profile).uuid  # type: ignore[union-attr]
    attempt(store, profile, QUIZ_1, {"a": 1}, T0)
    school = make_identity(home_page="https://lms.school.example", account_name="chen7")
    store.set_school_identity(uuid, school)
    path = tmp_path / "chen.json"
    export_json(store, profile, [], path)
    with ProgressStore.open(tmp_path / "teacher.sqlite3") as teacher:
        summary = import_results(teacher, path)
        assert summary.added > 0
        imported = teacher.profile_by_uuid(uuid)
        assert imported is not None and imported.name == "Chen"
        assert teacher.school_identity(uuid) == school
        assert import_results(teacher, path).added == 0  # the same file again adds nothing


def test_class_report_groups_one_student_on_two_computers(store: ProgressStore, tmp_path: Path) -> None:
    """Two profiles with the same school account are one learner; a profile's older anonymous results join."""
    school = make_identity(home_page="https://lms.school.example", account_name="dara")
    files = []
    for number in range(2):
        profile = store.create_profile("Dara")
        uuid = store.profile(profile).uuid  # type: ignore[union-attr]
        attempt(store, profile, QUIZ_1, {"a": number}, T0 + timedelta(days=number))
        store.set_school_identity(uuid, school)
        (tmp_path / str(number)).mkdir()
        files.append(export(store, profile, tmp_path / str(number)))
    data = read_class(files)
    assert list(data.learners) == [learner_key(SchoolIdentity.inverse_identifier(school))]
    [learner] = data.learners.values()
    assert learner.identity == "dara" and len(learner.attempts) == 2
    [row] = gradebook_from(data, None).rows
    assert row.identity == "dara" and row.name == "Dara"


def test_class_report_filters_by_registration(store: ProgressStore, tmp_path: Path) -> None:
    first, second = store.create_profile("In class"), store.create_profile("Not in class")
    uuid = store.profile(first).uuid  # type: ignore[union-attr]
    store.set_class_membership(uuid, ClassMembership("Year 9", REGISTRATION, "2000-01-01T00:00:00.000Z"))
    for profile in (first, second):
        attempt(store, profile, QUIZ_1, {"a": 1}, T0)
    files = [export(store, first, tmp_path), export(store, second, tmp_path)]
    assert len(read_class(files).learners) == 2
    data = read_class(files, registration=REGISTRATION)
    assert [learner.name for learner in data.learners.values()] == ["In class"]
    assert any("no results for the class run" in skipped.reason for skipped in data.skipped)


def test_files_written_before_school_identities_still_read(store: ProgressStore, tmp_path: Path) -> None:
    profile = store.create_profile("Eli")
    attempt(store, profile, QUIZ_1, {"a": 1}, T0)
    path = export(store, profile, tmp_path)
    old = json.loads(path.read_text())
    for statement in old:
        statement["actor"]["account"]["homePage"] = "urn:unspun:profile"
        del statement["context"]["extensions"]["urn:unspun:xapi:extension:profile"]
    path.write_text(json.dumps(old))
    assert [learner.name for learner in read_class([path]).learners.values()] == ["Eli"]
    with ProgressStore.open(tmp_path / "other.sqlite3") as other:
        assert import_results(other, path).added > 0

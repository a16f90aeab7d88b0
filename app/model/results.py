"""A learner's results as xAPI 1.0.3 statements (JSON) and CSV, for their teacher; and importing them back.

``docs/results-format.md`` documents the mapping: actor, verbs, activity ids, results and
extensions, with an example. In short:

- the actor is the learner's school identity when set, else the profile's anonymous account
  ``{"homePage": "https://unspun.invalid/profile", "name": <uuid>}`` (``identity.py``);
- ``answered``: one statement per answered question (in a quiz attempt or a practice check) and
  per reflection; ``passed``/``failed``: one per quiz attempt; ``completed``: one per lesson done;
- activity ids follow ``urn:unspun:pack:<pack>/module/<m>/lesson/<l>/step/<s>/question/<q>``;
- statement ids are stable: stored UUIDs for attempts, checks and reflections, and uuid5 over
  ``NAMESPACE`` for answers inside attempts and for completions, so re-exporting gives the same ids.

``import_results`` merges a file into the store: each actor becomes the profile with the same
UUID, or a new profile; a statement whose id the store already holds is skipped, so importing
the same file twice adds nothing.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, assert_never
from urllib.parse import quote, unquote

import msgspec

from app.model import answers, scoring
from app.model.atomic import OutputError, write_text
from app.model.attempts import QuestionResult, QuizResult
from app.model.csvsafe import open_csv
from app.model.identity import (
    ANONYMOUS_HOME,
    PROFILE_EXTENSION,
    actor_problems,
    identity_from_actor,
    profile_uuid_of,
)
from app.model.identity import actor as identity_actor
from app.model.judgement import discernment_value
from app.model.progress import (
    DEFAULT_PROFILE_NAME,
    CheckedAnswer,
    ProgressError,
    ProgressStore,
    StoredAttempt,
    StoredReflection,
    to_stamp,
)
from app.model.schema import (
    Categorize,
    Judge,
    Match,
    Multiple,
    Order,
    Question,
    Short,
    Single,
    Spot,
    TrueFalse,
)
from app.model.session import lesson_state

# EXTENSION, MAX_FILE_BYTES and ResultsError are re-exported: importers found them here before xapi/.
from app.model.xapi.read import EXTENSION as EXTENSION
from app.model.xapi.read import MAX_FILE_BYTES as MAX_FILE_BYTES
from app.model.xapi.read import ResultsError as ResultsError
from app.model.xapi.read import read_results_file
from app.model.xapi.statement import Definition

if TYPE_CHECKING:
    from app.model.pack import Pack

XAPI_VERSION = "1.0.3"
#: The namespace of the uuid5 statement ids (answers in attempts, completions).
NAMESPACE = uuid.UUID("93f439ec-a6ec-4c82-8717-0e79e910b682")
#: the homePage of a profile's anonymous account (``identity.py`` explains the choice)
ACCOUNT_HOME = ANONYMOUS_HOME
ACTIVITY_PREFIX = "urn:unspun:pack:"
#: A results file larger than this is refused before it is read.

VERB_ANSWERED = "http://adlnet.gov/expapi/verbs/answered"
VERB_COMPLETED = "http://adlnet.gov/expapi/verbs/completed"
VERB_PASSED = "http://adlnet.gov/expapi/verbs/passed"
VERB_FAILED = "http://adlnet.gov/expapi/verbs/failed"
VERBS = {
    VERB_ANSWERED: "answered",
    VERB_COMPLETED: "completed",
    VERB_PASSED: "passed",
    VERB_FAILED: "failed",
}
TYPE_INTERACTION = "http://adlnet.gov/expapi/activities/cmi.interaction"
TYPE_ASSESSMENT = "http://adlnet.gov/expapi/activities/assessment"
TYPE_LESSON = "http://adlnet.gov/expapi/activities/lesson"
TYPE_MODULE = "http://adlnet.gov/expapi/activities/module"
TYPE_COURSE = "http://adlnet.gov/expapi/activities/course"
INTERACTION_TYPES = {
    "single": "choice",
    "multiple": "choice",
    "true_false": "true-false",
    "short": "fill-in",
    "order": "sequencing",
    "match": "matching",
    "categorize": "matching",
    "spot": "other",
    "judge": "likert",
}
CSV_COLUMNS = (
    "profile",
    "profile_uuid",
    "pack",
    "module",
    "lesson",
    "quiz",
    "question",
    "type",
    "response",
    "score",
    "points",
    "points_possible",
    "tries",
    "attempt_time",
    "measure",
    "source",
    "attempt_statement",
)

_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
_TIMESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
_DURATION = re.compile(r"^P(\d+D)?(T(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$")
_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:\S+$")


@dataclass(frozen=True, slots=True)
class Coordinates:
    """Where an activity sits: pack, and as deep as its id goes."""

    pack_id: str
    module_id: str | None = None
    lesson_id: str | None = None
    step_key: str | None = None
    question_id: str | None = None


@dataclass(slots=True)
class ImportSummary:
    """What an import did: statements added, skipped as already there, and ignored as not Unspun's."""

    added: int = 0
    duplicates: int = 0
    ignored: int = 0
    #: (profile id, name, created by this import) per learner in the file.
    profiles: list[tuple[int, str, bool]] = field(default_factory=list)


# ---------------------------------------------------------------- ids


def activity_id(
    pack_id: str,
    module_id: str | None = None,
    lesson_id: str | None = None,
    step_key: str | None = None,
    question_id: str | None = None,
) -> str:
    """Build an activity IRI: urn:unspun:pack:<pack>[/module/<m>[/lesson/<l>[/step/<s>[/question/<q>]]]]."""
    parts = [ACTIVITY_PREFIX + quote(pack_id, safe="")]
    for name, value in (
        ("module", module_id),
        ("lesson", lesson_id),
        ("step", step_key),
        ("question", question_id),
    ):
        if value is None:
            break
        parts.append(f"{name}/{quote(value, safe='')}")
    return "/".join(parts)


def parse_activity_id(iri: str) -> Coordinates | None:
    """Read an activity IRI made by ``activity_id`` back into coordinates, or None if it is not one."""
    if not iri.startswith(ACTIVITY_PREFIX):
        return None
    pieces = iri[len(ACTIVITY_PREFIX) :].split("/")
    names = ("module", "lesson", "step", "question")
    if len(pieces) % 2 == 0 or len(pieces) > 9 or not pieces[0]:
        return None
    values: list[str | None] = [unquote(pieces[0])]
    for index in range(1, len(pieces), 2):
        if pieces[index] != names[index // 2] or not pieces[index + 1]:
            return None
        values.append(unquote(pieces[index + 1]))
    values += [None] * (5 - len(values))
    pack_id = values[0]
    assert pack_id is not None
    return Coordinates(pack_id, values[1], values[2], values[3], values[4])


def _as_uuid(text: str) -> str:
    """Return a stored id as a UUID string, deriving one (uuid5) when it is not a UUID."""
    try:
        return str(uuid.UUID(text))
    except ValueError:
        return str(uuid.uuid5(NAMESPACE, text))


def answer_statement_id(attempt_statement_id: str, question_id: str) -> str:
    """Name the answered statement of one question of an attempt (stable across exports)."""
    return str(uuid.uuid5(NAMESPACE, f"{_as_uuid(attempt_statement_id)}/answer/{question_id}"))


def completion_statement_id(profile_uuid: str, pack_id: str, module_id: str, lesson_id: str) -> str:
    """Name the completed statement of one lesson for one learner (stable across exports)."""
    return str(
        uuid.uuid5(NAMESPACE, f"{profile_uuid}/completed/{activity_id(pack_id, module_id, lesson_id)}")
    )


def _timestamp(moment: datetime) -> str:
    """Format a time as xAPI wants it: ISO 8601 in UTC with a Z."""
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _duration(seconds: float) -> str:
    """Format a duration as ISO 8601 (PT12.5S), to the hundredth of a second as xAPI advises."""
    return f"PT{max(seconds, 0.0):.2f}S"


def _parse_duration(text: str) -> float | None:
    """Read an ISO 8601 duration of days, hours, minutes and seconds into seconds."""
    match = re.fullmatch(r"P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?", text)
    if match is None:
        return None
    days, hours, minutes, seconds = (float(group or 0) for group in match.groups())
    return days * 86400 + hours * 3600 + minutes * 60 + seconds


# ---------------------------------------------------------------- responses in the xAPI interaction format


def response_text(kind: str, response: answers.Response) -> str | None:
    """Write a response as xAPI's result.response for its interaction type; None when unanswered."""
    if response is None:
        return None
    if kind == "true_false":
        return "true" if response is True else "false"
    if kind in ("single", "judge"):
        return str(response)
    if kind == "short":
        return str(response)
    if kind in ("multiple", "order") and isinstance(response, list):
        return "[,]".join(str(item) for item in response)
    if kind in ("match", "categorize") and isinstance(response, dict):
        return "[,]".join(f"{left}[.]{right}" for left, right in sorted(response.items()))
    if kind == "spot" and isinstance(response, list):
        return "[,]".join(f"{item[0]}-{item[1]}" for item in response if isinstance(item, tuple | list))
    return json.dumps(answers.to_json(response))


def _language_map(text: str, language: str) -> dict[str, str]:
    """Wrap text in an xAPI language map."""
    return {language: text}


def _components(ids: Iterable[int], texts: Iterable[str], language: str) -> list[dict[str, Any]]:
    """Build xAPI interaction components (id and description) from indices and texts."""
    return [
        {"id": str(i), "description": _language_map(text, language)}
        for i, text in zip(ids, texts, strict=True)
    ]


def question_definition(question: Question | None, kind: str, language: str) -> dict[str, Any]:
    """Describe a question as an xAPI cmi.interaction activity definition."""
    definition: dict[str, Any] = {
        "type": TYPE_INTERACTION,
        "interactionType": INTERACTION_TYPES.get(kind, "other"),
    }
    if question is None:
        return definition
    definition["name"] = _language_map(question.id, language)
    definition["description"] = _language_map(question.prompt, language)
    match question:
        case Single() | Multiple():
            definition["choices"] = _components(
                range(len(question.choices)), (c.text for c in question.choices), language
            )
            right = [str(i) for i, choice in enumerate(question.choices) if choice.correct]
            definition["correctResponsesPattern"] = (
                ["[,]".join(right)] if isinstance(question, Multiple) else right[:1]
            )
        case TrueFalse():
            definition["correctResponsesPattern"] = ["true" if question.answer else "false"]
        case Short():
            definition["correctResponsesPattern"] = [f"{{case_matters=false}}{text}" for text in question.answers]
        case Order():
            definition["choices"] = _components(range(len(question.items)), question.items, language)
            definition["correctResponsesPattern"] = ["[,]".join(str(i) for i in range(len(question.items)))]
        case Match():
            count = len(question.pairs)
            definition["source"] = _components(range(count), (p.left for p in question.pairs), language)
            definition["target"] = _components(range(count), (p.right for p in question.pairs), language)
            definition["correctResponsesPattern"] = ["[,]".join(f"{i}[.]{i}" for i in range(count))]
        case Categorize():
            definition["source"] = _components(
                range(len(question.items)), (i.text for i in question.items), language
            )
            definition["target"] = _components(range(len(question.categories)), question.categories, language)
            definition["correctResponsesPattern"] = [
                "[,]".join(
                    f"{i}[.]{question.categories.index(item.category)}" for i, item in enumerate(question.items)
                )
            ]
        case Judge():
            labels = ("not at all reliable", "", "", "", "", "very reliable")
            definition["scale"] = [
                {"id": str(n), "description": _language_map(f"{n} {labels[n - 1]}".strip(), language)}
                for n in range(1, 7)
            ]
            definition["extensions"] = {EXTENSION + "reliable": question.reliable}
        case Spot():
            pass  # xAPI has no interaction type for passages marked in a text: the kind says "other"
        case _:
            assert_never(question)
    return definition


# ---------------------------------------------------------------- export


@dataclass(frozen=True, slots=True)
class _Catalogue:
    """The loaded packs, indexed for export."""

    packs: dict[str, Pack]

    def question(self, pack_id: str, module_id: str, question_id: str) -> Question | None:
        """Find a question of a loaded pack by its ids, or None when it is not loaded."""
        pack = self.packs.get(pack_id)
        module = None if pack is None else pack.module(module_id)
        if module is None:
            return None
        for lesson in module.lessons:
            for step in lesson.steps:
                if step.quiz is not None:
                    for question in step.quiz.questions:
                        if question.id == question_id:
                            return question
        return None

    def language(self, pack_id: str) -> str:
        """Return the pack's language, or English when the pack is not loaded."""
        pack = self.packs.get(pack_id)
        return "en" if pack is None else pack.manifest.language

    def title(self, pack_id: str, module_id: str | None = None, lesson_id: str | None = None) -> str | None:
        """Return the title of a pack, or of one of its modules or lessons; None when it is not loaded."""
        pack = self.packs.get(pack_id)
        if pack is None:
            return None
        if module_id is None:
            return pack.title
        module = pack.module(module_id)
        if module is None:
            return None
        if lesson_id is None:
            return module.title
        lesson = pack.lesson(module_id, lesson_id)
        return None if lesson is None else lesson.title


def _actor(store: ProgressStore, name: str, profile_uuid: str) -> dict[str, Any]:
    """Describe a profile as an xAPI Agent: its school identity when set, else its anonymous account.

    The name goes out only when the learner typed it (a profile still called by the default
    name sends none).
    """
    display = name if name and name != DEFAULT_PROFILE_NAME else None
    return identity_actor(display, profile_uuid, store.school_identity(profile_uuid))


def _with_profile_and_class(store: ProgressStore, profile_uuid: str, found: list[dict[str, Any]]) -> None:
    """Mark every statement with the profile's UUID, and those made since joining a class with its registration."""
    membership = store.class_membership(profile_uuid)
    for statement in found:
        context = statement.setdefault("context", {})
        context.setdefault("extensions", {})[PROFILE_EXTENSION] = profile_uuid
        if membership is not None and statement["timestamp"] >= membership.joined_at:
            context["registration"] = membership.registration


def _activity(iri: str, kind: str, title: str | None, language: str) -> dict[str, Any]:
    """Describe an activity with its type and, when known, its title."""
    definition: dict[str, Any] = {"type": kind}
    if title:
        definition["name"] = _language_map(title, language)
    return {"objectType": "Activity", "id": iri, "definition": definition}


def _context(
    catalogue: _Catalogue, pack_id: str, module_id: str, lesson_id: str | None, parent: str | None
) -> dict[str, Any]:
    """Build the context: parent activity, the pack, module (and lesson) as grouping, the platform."""
    language = catalogue.language(pack_id)
    grouping = [
        _activity(activity_id(pack_id), TYPE_COURSE, catalogue.title(pack_id), language),
        _activity(
            activity_id(pack_id, module_id), TYPE_MODULE, catalogue.title(pack_id, module_id), language
        ),
    ]
    if lesson_id is not None and parent != activity_id(pack_id, module_id, lesson_id):
        grouping.append(
            _activity(
                activity_id(pack_id, module_id, lesson_id),
                TYPE_LESSON,
                catalogue.title(pack_id, module_id, lesson_id),
                language,
            )
        )
    activities: dict[str, Any] = {"grouping": grouping}
    if parent is not None:
        activities["parent"] = [{"objectType": "Activity", "id": parent}]
    return {"contextActivities": activities, "platform": "Unspun", "language": language}


def _statement(
    statement_id: str, actor: dict[str, Any], verb: str, target: dict[str, Any], at: datetime
) -> dict[str, Any]:
    """Assemble the fields every statement has."""
    return {
        "id": statement_id,
        "actor": actor,
        "verb": {"id": verb, "display": {"en-US": VERBS[verb]}},
        "object": target,
        "timestamp": _timestamp(at),
        "version": XAPI_VERSION,
    }


def _answer_result(
    kind: str, response: answers.Response, fraction: float, points: float, possible: float, tries: int | None
) -> dict[str, Any]:
    """Build the result of an answered statement: score, success, response, and the exact response."""
    result: dict[str, Any] = {
        "score": {"scaled": round(fraction, 6), "raw": round(points, 6), "min": 0, "max": round(possible, 6)},
        "success": fraction >= 1.0,
        "completion": True,
        "extensions": {
            EXTENSION + "response-json": answers.to_json(response),
            EXTENSION + "question-type": kind,
        },
    }
    text = response_text(kind, response)
    if text is not None:
        result["response"] = text
    if tries is not None:
        result["extensions"][EXTENSION + "tries"] = tries
    return result


def statements(store: ProgressStore, profile_id: int, packs: Sequence[Pack]) -> list[dict[str, Any]]:
    """Return a learner's results as xAPI 1.0.3 statements, oldest first.

    ``packs`` supply titles, question definitions and lesson completion; results from packs not
    loaded are exported all the same, with less description. Each kind of statement has its
    builder: an attempt with its answers, a practice check, a reflection, a completion.
    """
    profile = store.profile(profile_id)
    if profile is None:
        raise ResultsError("There is no such profile to export.")
    actor = _actor(store, profile.name, profile.uuid)
    catalogue = _Catalogue({pack.id: pack for pack in packs})
    found: list[dict[str, Any]] = []
    for attempt in store.stored_attempts(profile_id):
        found.extend(_attempt_statements(attempt, actor, catalogue))
    found.extend(_check_statement(check, actor, catalogue) for check in store.checks(profile_id))
    found.extend(
        _reflection_statement(reflection, profile.uuid, actor, catalogue)
        for reflection in store.reflections(profile_id)
    )
    found.extend(_completions(store, profile_id, profile.uuid, actor, catalogue))
    found.sort(key=lambda statement: statement["timestamp"])
    _with_profile_and_class(store, profile.uuid, found)
    return found


def _attempt_statements(attempt: StoredAttempt, actor: dict[str, Any], catalogue: _Catalogue) -> list[dict[str, Any]]:
    """Build a quiz attempt's passed or failed statement, followed by one answered statement per answer."""
    pack_id, module_id, lesson_id, key = attempt.pack_id, attempt.module_id, attempt.lesson_id, attempt.step_key
    quiz_iri = activity_id(pack_id, module_id, lesson_id, key)
    language = catalogue.language(pack_id)
    title = catalogue.title(pack_id, module_id, lesson_id)
    attempt_statement = _as_uuid(attempt.statement_id)
    extensions: dict[str, Any] = {EXTENSION + "pass-mark": attempt.pass_mark}
    if attempt.measure is not None:
        extensions[EXTENSION + "measure"] = attempt.measure
    if attempt.discernment is not None:
        extensions[EXTENSION + "discernment"] = attempt.discernment
    result: dict[str, Any] = {
        "score": {
            "scaled": round(attempt.score, 6),
            "raw": round(attempt.points_earned, 6),
            "min": 0,
            "max": round(attempt.points_possible, 6),
        },
        "success": bool(attempt.passed),
        "completion": True,
    }
    # Trust needs no answer key, only the ratings: one figure, read the same way everywhere.
    trust = scoring.trust(stored.result.response for stored in attempt.answers if stored.question_type == "judge")
    if trust is not None:
        result["extensions"] = {EXTENSION + "trust": round(trust, 6)}
    if attempt.started_at is not None:
        result["duration"] = _duration((attempt.submitted_at - attempt.started_at).total_seconds())
    context = _context(catalogue, pack_id, module_id, lesson_id, activity_id(pack_id, module_id, lesson_id))
    context["extensions"] = extensions
    statement = _statement(
        attempt_statement,
        actor,
        VERB_PASSED if attempt.passed else VERB_FAILED,
        _activity(quiz_iri, TYPE_ASSESSMENT, f"Quiz: {title}" if title else None, language),
        attempt.submitted_at,
    )
    statement["result"] = result
    statement["context"] = context
    found = [statement]
    for stored in attempt.answers:
        answered = stored.result
        answer = _statement(
            answer_statement_id(attempt.statement_id, answered.question_id),
            actor,
            VERB_ANSWERED,
            {
                "objectType": "Activity",
                "id": activity_id(pack_id, module_id, lesson_id, key, answered.question_id),
                "definition": question_definition(
                    catalogue.question(pack_id, module_id, answered.question_id), stored.question_type, language
                ),
            },
            attempt.submitted_at,
        )
        answer["result"] = _answer_result(
            stored.question_type,
            answered.response,
            answered.fraction,
            answered.points_earned,
            answered.points_possible,
            answered.tries,
        )
        answer_context = _context(catalogue, pack_id, module_id, lesson_id, quiz_iri)
        answer_context["statement"] = {"objectType": "StatementRef", "id": attempt_statement}
        answer_context["extensions"] = dict(extensions, **{EXTENSION + "position": stored.position})
        answer["context"] = answer_context
        found.append(answer)
    return found


def _check_statement(check: CheckedAnswer, actor: dict[str, Any], catalogue: _Catalogue) -> dict[str, Any]:
    """Build the answered statement of one practice check."""
    quiz_iri = activity_id(check.pack_id, check.module_id, check.lesson_id, check.step_key)
    answered = check.result
    statement = _statement(
        _as_uuid(check.statement_id),
        actor,
        VERB_ANSWERED,
        {
            "objectType": "Activity",
            "id": activity_id(check.pack_id, check.module_id, check.lesson_id, check.step_key, answered.question_id),
            "definition": question_definition(
                catalogue.question(check.pack_id, check.module_id, answered.question_id),
                check.question_type,
                catalogue.language(check.pack_id),
            ),
        },
        check.checked_at,
    )
    statement["result"] = _answer_result(
        check.question_type,
        answered.response,
        answered.fraction,
        answered.points_earned,
        answered.points_possible,
        answered.tries,
    )
    context = _context(catalogue, check.pack_id, check.module_id, check.lesson_id, quiz_iri)
    context["extensions"] = {EXTENSION + "practice-check": True}
    statement["context"] = context
    return statement


def _reflection_statement(
    reflection: StoredReflection, profile_uuid: str, actor: dict[str, Any], catalogue: _Catalogue
) -> dict[str, Any]:
    """Build the answered statement of one saved version of a reflection."""
    pack_id, module_id, lesson_id, key = (
        reflection.pack_id,
        reflection.module_id,
        reflection.lesson_id,
        reflection.step_key,
    )
    language = catalogue.language(pack_id)
    stamp = to_stamp(reflection.saved_at)
    statement = _statement(
        _as_uuid(reflection.statement_id or f"{profile_uuid}/reflection/{pack_id}/{module_id}/{lesson_id}/{key}/{stamp}"),
        actor,
        VERB_ANSWERED,
        {
            "objectType": "Activity",
            "id": activity_id(pack_id, module_id, lesson_id, key),
            "definition": {
                "type": TYPE_INTERACTION,
                "interactionType": "long-fill-in",
                "name": _language_map("Reflection", language),
            },
        },
        reflection.saved_at,
    )
    statement["result"] = {"response": reflection.text, "completion": True}
    context = _context(catalogue, pack_id, module_id, lesson_id, activity_id(pack_id, module_id, lesson_id))
    context["extensions"] = {EXTENSION + "reflection": True}
    statement["context"] = context
    return statement


def _completions(
    store: ProgressStore, profile_id: int, profile_uuid: str, actor: dict[str, Any], catalogue: _Catalogue
) -> list[dict[str, Any]]:
    """Build a completed statement per lesson done: by the rules for loaded packs, and as imported."""
    done: dict[tuple[str, str, str], datetime] = {}
    for pack in catalogue.packs.values():
        for module in pack.modules:
            for lesson in module.lessons:
                if not lesson_state(store, profile_id, pack, module, lesson).done:
                    continue
                last = store.lesson_last_activity(profile_id, pack.id, module.id, lesson.id)
                if last is not None:
                    done[(pack.id, module.id, lesson.id)] = last
    for pack_id, module_id, lesson_id, completed_at in store.imported_completions(profile_id):
        done.setdefault((pack_id, module_id, lesson_id), completed_at)
    found = []
    for (pack_id, module_id, lesson_id), at in done.items():
        language = catalogue.language(pack_id)
        statement = _statement(
            completion_statement_id(profile_uuid, pack_id, module_id, lesson_id),
            actor,
            VERB_COMPLETED,
            _activity(
                activity_id(pack_id, module_id, lesson_id),
                TYPE_LESSON,
                catalogue.title(pack_id, module_id, lesson_id),
                language,
            ),
            at,
        )
        statement["result"] = {"completion": True}
        statement["context"] = _context(catalogue, pack_id, module_id, None, activity_id(pack_id, module_id))
        found.append(statement)
    return found


def _load(kind: str, response_json: str) -> answers.Response:
    """Restore a stored response; one that cannot be read back counts as unanswered."""
    try:
        return answers.from_json(kind, json.loads(response_json))
    except (TypeError, ValueError, AttributeError):
        return None


def export_json(store: ProgressStore, profile_id: int, packs: Sequence[Pack], path: Path | str) -> int:
    """Write a learner's statements to ``path`` as a JSON array; return how many were written."""
    found = statements(store, profile_id, packs)
    _write_text(Path(path), json.dumps(found, ensure_ascii=False, indent=1))
    return len(found)


def csv_rows(store: ProgressStore, profile_id: int) -> list[dict[str, Any]]:
    """Return one row per answered question (quiz answers and practice checks), oldest first."""
    profile = store.profile(profile_id)
    if profile is None:
        raise ResultsError("There is no such profile to export.")
    rows: list[dict[str, Any]] = []
    for attempt in store.stored_attempts(profile_id):
        for stored in attempt.answers:
            answered = stored.result
            row = (
                attempt.pack_id,
                attempt.module_id,
                attempt.lesson_id,
                attempt.step_key,
                answered.question_id,
                stored.question_type,
                json.dumps(answers.to_json(answered.response)),
                answered.fraction,
                answered.points_earned,
                answered.points_possible,
                answered.tries,
                to_stamp(attempt.submitted_at),
                attempt.measure,
                attempt.statement_id,
            )
            rows.append(_csv_row(profile.name, profile.uuid, row, "quiz"))
    for check in store.checks(profile_id):
        answered = check.result
        rows.append(
            _csv_row(
                profile.name,
                profile.uuid,
                (
                    check.pack_id,
                    check.module_id,
                    check.lesson_id,
                    check.step_key,
                    answered.question_id,
                    check.question_type,
                    json.dumps(answers.to_json(answered.response)),
                    answered.fraction,
                    answered.points_earned,
                    answered.points_possible,
                    answered.tries,
                    to_stamp(check.checked_at),
                    None,
                    None,
                ),
                "practice check",
            )
        )
    rows.sort(key=lambda row: row["attempt_time"])
    return rows


def _csv_row(name: str, profile_uuid: str, row: Sequence[Any], source: str) -> dict[str, Any]:
    """Shape one answer as a CSV row."""
    kind = row[5]
    return {
        "profile": name,
        "profile_uuid": profile_uuid,
        "pack": row[0],
        "module": row[1],
        "lesson": row[2],
        "quiz": row[3],
        "question": row[4],
        "type": kind,
        "response": response_text(kind, _load(kind, row[6])) or "",
        "score": round(row[7], 6),
        "points": round(row[8], 6),
        "points_possible": round(row[9], 6),
        "tries": "" if row[10] is None else row[10],
        "attempt_time": _timestamp(datetime.fromisoformat(row[11])),
        "measure": row[12] or "",
        "source": source,
        "attempt_statement": "" if row[13] is None else _as_uuid(row[13]),
    }


def export_csv(store: ProgressStore, profile_id: int, path: Path | str) -> int:
    """Write one CSV row per answered question to ``path`` (UTF-8 with a BOM, for spreadsheets); return the rows."""
    rows = csv_rows(store, profile_id)
    path = Path(path)
    try:
        with open_csv(path) as writer:
            writer.writerow(CSV_COLUMNS)
            for row in rows:
                writer.writedict(CSV_COLUMNS, row)
    except OutputError as error:
        raise ResultsError(str(error)) from error
    return len(rows)


def _write_text(path: Path, text: str) -> None:
    """Write a file, turning file-system failures into ResultsError."""
    try:
        write_text(path, text)
    except OutputError as error:
        raise ResultsError(str(error)) from error


# ---------------------------------------------------------------- checking statements


def statement_problems(statement: Any) -> list[str]:
    """List how a statement breaks the xAPI 1.0.3 rules checked here (empty when it keeps them).

    Checked: an object; id a UUID; actor an Agent with exactly one identifier (an account with
    homePage and name here); verb id an IRI with a display map; object an Activity with an IRI
    id; timestamp ISO 8601 with a zone; version 1.0.x; result.score.scaled in [-1, 1] and
    min <= raw <= max; success and completion booleans; duration ISO 8601; context activities
    lists of activities and a StatementRef with a UUID.
    """
    problems: list[str] = []
    if not isinstance(statement, dict):
        return ["a statement must be a JSON object"]
    if not isinstance(statement.get("id"), str) or not _UUID.match(statement["id"]):
        problems.append("id must be a lowercase UUID")
    actor = statement.get("actor")
    if not isinstance(actor, dict) or actor.get("objectType", "Agent") != "Agent":
        problems.append("actor must be an Agent")
    else:
        problems.extend(actor_problems(actor))
        account = actor.get("account")
        if not problems and isinstance(account, dict) and not _IRI.match(account["homePage"]):
            problems.append("actor.account.homePage must be an IRI")
    verb = statement.get("verb")
    if not isinstance(verb, dict) or not isinstance(verb.get("id"), str) or not _IRI.match(verb["id"]):
        problems.append("verb.id must be an IRI")
    elif "display" in verb and not _is_language_map(verb["display"]):
        problems.append("verb.display must be a language map")
    target = statement.get("object")
    if not isinstance(target, dict) or target.get("objectType", "Activity") != "Activity":
        problems.append("object must be an Activity")
    elif not isinstance(target.get("id"), str) or not _IRI.match(target["id"]):
        problems.append("object.id must be an IRI")
    else:
        definition = target.get("definition", {})
        if not isinstance(definition, dict):
            problems.append("object.definition must be an object")
        elif "type" in definition and not _IRI.match(str(definition["type"])):
            problems.append("object.definition.type must be an IRI")
        elif "correctResponsesPattern" in definition and not (
            isinstance(definition["correctResponsesPattern"], list)
            and all(isinstance(item, str) for item in definition["correctResponsesPattern"])
        ):
            problems.append("correctResponsesPattern must be a list of strings")
    if not isinstance(statement.get("timestamp"), str) or not _TIMESTAMP.match(statement["timestamp"]):
        problems.append("timestamp must be ISO 8601 with a time zone")
    if "version" in statement and not re.fullmatch(r"1\.0\.\d+", str(statement["version"])):
        problems.append("version must be 1.0.x")
    problems.extend(_result_problems(statement.get("result")))
    problems.extend(_context_problems(statement.get("context")))
    return problems


def _is_language_map(value: Any) -> bool:
    """Tell whether a value is an xAPI language map (language tag -> string)."""
    return isinstance(value, dict) and all(
        isinstance(key, str)
        and re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*", key)
        and isinstance(text, str)
        for key, text in value.items()
    )


def _result_problems(result: Any) -> list[str]:
    """Check a statement's result against the xAPI rules."""
    if result is None:
        return []
    if not isinstance(result, dict):
        return ["result must be an object"]
    problems = []
    score = result.get("score")
    if score is not None:
        if not isinstance(score, dict):
            problems.append("result.score must be an object")
        else:
            scaled = score.get("scaled")
            if scaled is not None and not (isinstance(scaled, int | float) and -1 <= scaled <= 1):
                problems.append("result.score.scaled must be between -1 and 1")
            low, raw, high = score.get("min"), score.get("raw"), score.get("max")
            if low is not None and high is not None and not low < high:
                problems.append("result.score.min must be below max")
            if raw is not None and ((low is not None and raw < low) or (high is not None and raw > high)):
                problems.append("result.score.raw must lie between min and max")
    for key in ("success", "completion"):
        if key in result and not isinstance(result[key], bool):
            problems.append(f"result.{key} must be true or false")
    if "response" in result and not isinstance(result["response"], str):
        problems.append("result.response must be a string")
    if "duration" in result and not (
        isinstance(result["duration"], str)
        and _DURATION.match(result["duration"])
        and result["duration"] != "P"
    ):
        problems.append("result.duration must be an ISO 8601 duration")
    return problems


def _context_problems(context: Any) -> list[str]:
    """Check a statement's context against the xAPI rules."""
    if context is None:
        return []
    if not isinstance(context, dict):
        return ["context must be an object"]
    problems = []
    activities = context.get("contextActivities", {})
    for key, value in activities.items() if isinstance(activities, dict) else []:
        if key not in ("parent", "grouping", "category", "other"):
            problems.append(f"contextActivities.{key} is not an xAPI key")
        elif not isinstance(value, list) or not all(
            isinstance(item, dict) and isinstance(item.get("id"), str) and _IRI.match(item["id"])
            for item in value
        ):
            problems.append(f"contextActivities.{key} must be a list of activities")
    reference = context.get("statement")
    if reference is not None and not (
        isinstance(reference, dict)
        and reference.get("objectType") == "StatementRef"
        and isinstance(reference.get("id"), str)
        and _UUID.match(reference["id"])
    ):
        problems.append("context.statement must be a StatementRef with a UUID")
    extensions = context.get("extensions", {})
    if not isinstance(extensions, dict) or not all(_IRI.match(key) for key in extensions):
        problems.append("context.extensions must be keyed by IRIs")
    return problems


# ---------------------------------------------------------------- import


def _read_file(path: Path, *, definitions: bool = True) -> list[Any]:
    """Read a results file into checked statements as plain data, or raise ResultsError naming the file and field.

    Without ``definitions`` an activity keeps only its type and interaction type (all an import
    reads), so a large file imports in less memory.
    """
    typed = read_results_file(path)
    typed.reverse()
    plain: list[Any] = []
    while typed:  # each typed statement is let go as soon as it is converted: memory never holds both
        statement = typed.pop()
        definition = statement.object.definition
        if not definitions and definition is not msgspec.UNSET:
            statement.object.definition = Definition(type=definition.type, interactionType=definition.interactionType)
        plain.append(msgspec.to_builtins(statement))
    return plain


def _extension(block: Any, name: str, default: Any = None) -> Any:
    """Read one of Unspun's extensions from a result or context, if present."""
    if not isinstance(block, dict) or not isinstance(block.get("extensions"), dict):
        return default
    return block["extensions"].get(EXTENSION + name, default)


def _known_ids(store: ProgressStore) -> set[str]:
    """Collect every statement id the store already holds, imported or its own."""
    return {_as_uuid(statement_id) for statement_id in store.known_statement_ids()}


def import_results(store: ProgressStore, path: Path | str) -> ImportSummary:
    """Merge the statements of a results file into the store; return what was added.

    Each actor becomes the local profile with the same UUID (the same learner on another
    computer), or else a new profile with the actor's name. Statements already in the store
    (matched on statement id) are skipped, and so are statements this version does not
    understand. Raises ResultsError for a file that cannot be read or holds no statements.
    """
    path = Path(path)
    data = _read_file(path, definitions=False)
    summary = ImportSummary()
    valid: list[dict[str, Any]] = []
    seen: set[str] = set()
    for statement in data:
        if statement["id"] in seen:
            summary.duplicates += 1  # a file that repeats a statement holds it once
            continue
        seen.add(statement["id"])
        if statement_problems(statement) or statement["verb"]["id"] not in VERBS:
            summary.ignored += 1
            continue
        if profile_uuid_of(statement) is None or parse_activity_id(statement["object"]["id"]) is None:
            summary.ignored += 1
            continue
        valid.append(statement)
    if data and not valid and not summary.duplicates:
        raise ResultsError(f"{path}: holds no results Unspun can read")
    try:
        # One transaction for the whole file: it is imported entirely or not at all.
        with store.batch():
            _import_statements(store, valid, summary)
    except ProgressError as error:
        raise ResultsError(f"{path}: could not be imported: {error}") from error
    except (KeyError, TypeError, ValueError, AttributeError) as error:  # checked data should never get here
        raise ResultsError(f"{path}: could not be imported ({type(error).__name__}: {error})") from error
    return summary


def _import_statements(store: ProgressStore, valid: list[dict[str, Any]], summary: ImportSummary) -> None:
    """Store checked statements, making profiles only for learners something is stored for; fill ``summary``."""
    known = _known_ids(store)
    profiles: dict[str, int] = {}
    created: dict[int, str] = {}

    def profile_of(statement: dict[str, Any]) -> int:
        """Find or make the local profile of a statement's learner."""
        actor = statement["actor"]
        profile_uuid = profile_uuid_of(statement) or ""
        if profile_uuid not in profiles:
            existing = store.profile_by_uuid(profile_uuid)
            if existing is None:
                # No name: the learner never named the profile, so it keeps the default name here too.
                name = str(actor.get("name") or "")[:200].strip() or DEFAULT_PROFILE_NAME
                profiles[profile_uuid] = store.create_profile(name, profile_uuid)
                school = identity_from_actor(actor)
                if school is not None:  # the learner's school identity, as their own computer sent it
                    store.set_school_identity(profile_uuid, school)
                created[profiles[profile_uuid]] = " ".join(name.split())
            else:
                profiles[profile_uuid] = existing.id
                summary.profiles.append((existing.id, existing.name, False))
        return profiles[profile_uuid]

    answers_by_attempt: dict[str, list[dict[str, Any]]] = {}
    for statement in valid:
        reference = statement.get("context", {}).get("statement")
        if statement["verb"]["id"] == VERB_ANSWERED and reference is not None:
            answers_by_attempt.setdefault(reference["id"], []).append(statement)
    new_ids: list[tuple[str, int]] = []
    in_file = {statement["id"] for statement in valid}
    stored_with_attempt: set[str] = set()
    for statement in valid:
        statement_id = statement["id"]
        verb = statement["verb"]["id"]
        parent = statement.get("context", {}).get("statement")
        if statement_id in stored_with_attempt:
            continue  # counted with its attempt
        if statement_id in known:
            summary.duplicates += 1
            continue
        if verb == VERB_ANSWERED and parent is not None:
            if parent["id"] in known:  # its attempt is here already, with this answer
                summary.duplicates += 1
            elif parent["id"] not in in_file:
                summary.ignored += 1  # an answer whose attempt is neither here nor in the file
            continue  # otherwise it is stored with its attempt
        profile_id = profile_of(statement)
        if not _import_one(store, profile_id, statement, answers_by_attempt.get(statement_id, [])):
            summary.ignored += 1
            continue
        known.add(statement_id)
        new_ids.append((statement_id, profile_id))
        summary.added += 1
        if verb in (VERB_PASSED, VERB_FAILED):
            for answer in answers_by_attempt.get(statement_id, []):
                stored_with_attempt.add(answer["id"])
                new_ids.append((answer["id"], profile_id))
                summary.added += 1
    used = {profile_id for _, profile_id in new_ids}
    for profile_id, name in created.items():
        if profile_id in used:
            summary.profiles.append((profile_id, name, True))
        else:
            store.delete_profile(profile_id)  # nothing of theirs was stored: no empty ghost profile
    store.note_imported(new_ids, datetime.now(UTC))


def _when(statement: dict[str, Any]) -> datetime:
    """Read a statement's timestamp as an aware datetime."""
    return datetime.fromisoformat(statement["timestamp"].replace("Z", "+00:00"))


def _import_one(
    store: ProgressStore, profile_id: int, statement: dict[str, Any], attempt_answers: list[dict[str, Any]]
) -> bool:
    """Store one statement (an attempt with its answers, a check, a reflection or a completion); False if not understood."""
    verb = statement["verb"]["id"]
    where = parse_activity_id(statement["object"]["id"])
    assert where is not None
    at = _when(statement)
    result = statement.get("result", {})
    context = statement.get("context", {})
    if verb == VERB_COMPLETED:
        if where.module_id is None or where.lesson_id is None or where.step_key is not None:
            return False
        store.record_completion(
            profile_id, where.pack_id, where.module_id, where.lesson_id, at, statement["id"]
        )
        return True
    if where.module_id is None or where.lesson_id is None or where.step_key is None:
        return False
    coordinates = (profile_id, where.pack_id, where.module_id, where.lesson_id, where.step_key)
    if verb in (VERB_PASSED, VERB_FAILED):
        ordered = sorted(attempt_answers, key=lambda s: _extension(s.get("context"), "position", 0) or 0)
        results = []
        kinds: dict[str, str] = {}
        tries: dict[str, int] = {}
        for answer in ordered:
            answer_where = parse_activity_id(answer["object"]["id"])
            if answer_where is None or answer_where.question_id is None:
                continue
            question_result, kind = _question_result(answer, answer_where.question_id)
            results.append(question_result)
            kinds[answer_where.question_id] = kind
            if question_result.tries is not None:
                tries[answer_where.question_id] = question_result.tries
        duration = _parse_duration(str(result.get("duration", "")))
        quiz = QuizResult(
            tuple(results),
            float(_extension(context, "pass-mark", 0.7)),
            discernment_value(_extension(context, "discernment")),
            None,
            None if duration is None else at - timedelta(seconds=duration),
            at,
        )
        measure = _extension(context, "measure")
        store.record_attempt(
            *coordinates,
            quiz,
            kinds,
            measure if measure in ("pre", "post") else None,
            tries,
            statement_id=statement["id"],
        )
        return True
    if verb == VERB_ANSWERED and where.question_id is not None:
        question_result, kind = _question_result(statement, where.question_id)
        store.record_answer(*coordinates, question_result, kind, checked_at=at, statement_id=statement["id"])
        return True
    if verb == VERB_ANSWERED and isinstance(result.get("response"), str):
        store.save_reflection(*coordinates, result["response"], saved_at=at, statement_id=statement["id"])
        return True
    return False


def _question_result(statement: dict[str, Any], question_id: str) -> tuple[QuestionResult, str]:
    """Rebuild a QuestionResult and its question type from an answered statement."""
    result = statement.get("result", {})
    score = result.get("score", {})
    interaction = statement["object"].get("definition", {}).get("interactionType", "other")
    kind = next((name for name, value in INTERACTION_TYPES.items() if value == interaction), "other")
    stored_kind = _extension(result, "question-type")
    kind = stored_kind if isinstance(stored_kind, str) else kind
    try:
        response = answers.from_json(kind, _extension(result, "response-json"))
    except (TypeError, ValueError, AttributeError):
        response = None
    fraction = float(score.get("scaled", 0.0) or 0.0)
    tries = _extension(result, "tries")
    return (
        QuestionResult(
            question_id,
            response,
            min(max(fraction, 0.0), 1.0),
            float(score.get("raw", 0.0) or 0.0),
            float(score.get("max", 0.0) or 0.0),
            tries if isinstance(tries, int) and not isinstance(tries, bool) else None,
            kind,
        ),
        kind,
    )

"""A class report from many learners' results files: completion, item analysis, techniques, before and after.

A teacher collects the JSON files that ``results.export_json`` writes (one learner per file, or
several) and ``build_report(paths, pack)`` reads them all. ``docs/class-report.md`` defines every
number and the CSV layout. In short:

- **which pack**: the loaded pack when one is given, else the pack most files are about; a file
  with nothing for that pack, or one that cannot be read, is skipped with the reason, never a crash;
- **learners**: lessons completed, quizzes taken and passed, mean first-attempt score, pre and post;
- **questions**: Moodle's facility index, discrimination index and discriminative efficiency over
  each learner's *first* attempt at each quiz, the most common wrong answers in words, and flags
  on questions that look broken;
- **techniques**: the mean first-attempt score of the questions tagged with each technique;
- **before and after**: each learner's first attempt at the pre and the post quiz (section 6),
  the class means and the mean change over learners who took both.

Nothing here imports Qt, so the ``report`` command runs without it.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.model import answers, scoring
from app.model.atomic import OutputError
from app.model.csvsafe import open_csv
from app.model.identity import learner_key, learner_label, profile_uuid_of
from app.model.judgement import SCORE_STEADY, Trend, class_reading, discernment_value, trend, trust_value
from app.model.results import (
    EXTENSION,
    VERB_ANSWERED,
    VERB_COMPLETED,
    VERB_FAILED,
    VERB_PASSED,
    VERBS,
    ResultsError,
    parse_activity_id,
    question_definition,
    statement_problems,
)
from app.model.results import _read_file as read_statements_file  # the one reader of results files
from app.model.schema import SLUG_PATTERN, Spot
from app.model.schema import step_key as schema_step_key
from app.model.scoring import question_type
from app.model.text import normalize_answer, percent_text

if TYPE_CHECKING:
    from app.model.pack import Pack

#: Flags are raised only when at least this many learners answered the question.
FLAG_MIN_LEARNERS = 3
#: How many of the most common wrong answers a question lists.
WRONG_ANSWERS_SHOWN = 3
#: Answers are cut to this many characters when shown.
ANSWER_TEXT_LIMIT = 120

QuizKey = tuple[str, str, str]  # module id, lesson id, step key
QuestionKey = tuple[str, str, str, str]  # module id, lesson id, step key, question id


class Flag(StrEnum):
    """Why a question looks broken."""

    NEGATIVE_DISCRIMINATION = "negative discrimination"
    EVERYONE_RIGHT = "everyone right"
    EVERYONE_WRONG = "everyone wrong"


FLAG_EXPLANATIONS = {
    Flag.NEGATIVE_DISCRIMINATION: "learners who did well on the rest of the quiz did worse on this question",
    Flag.EVERYONE_RIGHT: "every learner got it fully right, so it tells nobody apart",
    Flag.EVERYONE_WRONG: "no learner got any of it right: check the key and the wording",
}


# ---------------------------------------------------------------- what the files hold


@dataclass(frozen=True, slots=True)
class SkippedFile:
    """A file that was not read, and why (in plain words)."""

    path: str
    reason: str


@dataclass(frozen=True, slots=True)
class AnswerRecord:
    """One question answered inside a quiz attempt, as the results file has it."""

    question_id: str
    kind: str
    response: answers.Response
    fraction: float
    points: float
    possible: float
    definition: dict[str, Any]


@dataclass(slots=True)
class AttemptRecord:
    """One submitted quiz attempt (a passed or failed statement) with its answers."""

    statement_id: str
    quiz: QuizKey
    at: datetime
    score: float
    passed: bool
    measure: str | None
    discernment: float | None
    title: str | None
    #: Where it stood in the file, which breaks ties between equal timestamps (files are oldest first).
    sequence: int = 0
    answers: dict[str, AnswerRecord] = field(default_factory=dict)
    #: The trust the file states for the attempt (its ``trust`` result extension), when valid.
    stated_trust: float | None = None

    def order(self) -> tuple[datetime, int]:
        """Sort key: oldest first, then as the file lists them."""
        return self.at, self.sequence

    @property
    def trust(self) -> float | None:
        """Return the attempt's trust: from its judge answers' ratings, else as the file states it.

        The ratings are the record itself, so they win over the stated figure; a file whose
        answers were left out still gives the figure its attempt states.
        """
        computed = scoring.trust(a.response for a in self.answers.values() if a.kind == "judge")
        return computed if computed is not None else self.stated_trust


@dataclass(slots=True)
class LearnerRecord:
    """Everything read for one learner (one actor), from one file or several."""

    uuid: str  # the key learners are grouped by: the school identity, else the profile UUID
    name: str
    files: list[str] = field(default_factory=list)
    attempts: dict[str, AttemptRecord] = field(default_factory=dict)
    #: who the learner is to a school: the school login or email when given, else the profile UUID
    identity: str = ""
    completed: set[tuple[str, str]] = field(default_factory=set)
    lessons_seen: set[tuple[str, str]] = field(default_factory=set)

    def first_attempts(self) -> dict[QuizKey, AttemptRecord]:
        """Return the learner's first attempt at each quiz (earliest timestamp, then file order)."""
        firsts: dict[QuizKey, AttemptRecord] = {}
        for attempt in sorted(self.attempts.values(), key=AttemptRecord.order):
            firsts.setdefault(attempt.quiz, attempt)
        return firsts


@dataclass(slots=True)
class ClassData:
    """The learners read for one pack, and the files skipped."""

    pack_id: str | None
    learners: dict[str, LearnerRecord]
    skipped: list[SkippedFile]
    files_read: list[str]


# ---------------------------------------------------------------- the report


@dataclass(frozen=True, slots=True)
class LearnerRow:
    """One learner's line: completion and scores."""

    uuid: str
    name: str
    lessons_completed: int
    lessons_total: int
    quizzes_taken: int
    quizzes_passed: int
    quizzes_total: int
    mean_score: float | None  # mean of first-attempt scores over the quizzes taken
    pre_score: float | None
    post_score: float | None
    pre_discernment: float | None = None
    post_discernment: float | None = None
    pre_trust: float | None = None
    post_trust: float | None = None

    @property
    def completion(self) -> float:
        """Return the share of the pack's lessons completed, 0 to 1."""
        return self.lessons_completed / self.lessons_total if self.lessons_total else 0.0


@dataclass(frozen=True, slots=True)
class WrongAnswer:
    """A wrong (or partly wrong) answer, in words, and how many learners gave it."""

    text: str
    count: int


@dataclass(frozen=True, slots=True)
class QuestionStats:
    """Item analysis of one question over the learners' first attempts (Moodle's definitions)."""

    key: QuestionKey
    quiz_title: str
    prompt: str
    kind: str
    techniques: tuple[str, ...]
    learners: int  # Moodle's s: first attempts that include the question
    facility: float | None  # mean score fraction, 0 to 1 (Moodle shows it as a percentage)
    sd: float | None  # standard deviation of the score fraction
    discrimination: float | None  # correlation with the rest of the quiz, -1 to 1
    efficiency: float | None  # discriminative efficiency, covariance over its maximum
    wrong_answers: tuple[WrongAnswer, ...]
    flags: tuple[Flag, ...]

    @property
    def question_id(self) -> str:
        """Return the question's id within its quiz."""
        return self.key[3]


@dataclass(frozen=True, slots=True)
class TechniqueRow:
    """How the class did on the questions tagged with one technique."""

    technique: str
    label: str
    color: str | None
    questions: int
    answers: int
    facility: float | None  # mean first-attempt score fraction over those answers


@dataclass(frozen=True, slots=True)
class ClassChange:
    """The class's before and after (first attempts at the pre and post quizzes)."""

    learners_pre: int
    learners_post: int
    learners_both: int
    mean_pre_score: float | None
    mean_post_score: float | None
    mean_score_change: float | None  # over learners with both
    learners_both_discernment: int
    mean_pre_discernment: float | None
    mean_post_discernment: float | None
    mean_discernment_change: float | None  # over learners with both discernments
    reading: str
    learners_both_trust: int = 0
    mean_pre_trust: float | None = None  # over learners with both trusts, like the discernment means
    mean_post_trust: float | None = None
    mean_trust_change: float | None = None
    #: Whether every learner with both checks had the same questions in each (a like-for-like score).
    same_questions: bool = False


@dataclass(frozen=True, slots=True)
class ClassReport:
    """Everything the class report shows."""

    pack_id: str | None
    pack_title: str
    learners: tuple[LearnerRow, ...]
    questions: tuple[QuestionStats, ...]
    techniques: tuple[TechniqueRow, ...]  # hardest first
    change: ClassChange
    skipped: tuple[SkippedFile, ...]
    files_read: tuple[str, ...]
    pack_loaded: bool

    @property
    def flagged(self) -> tuple[QuestionStats, ...]:
        """Return the questions that carry a flag."""
        return tuple(question for question in self.questions if question.flags)


# ---------------------------------------------------------------- reading files

#: a pack id as the format allows it
_SLUG = re.compile(SLUG_PATTERN)


def _extension(block: Any, name: str) -> Any:
    """Read one of Unspun's extensions from a result, context or definition."""
    if not isinstance(block, dict) or not isinstance(block.get("extensions"), dict):
        return None
    return block["extensions"].get(EXTENSION + name)


def _when(statement: dict[str, Any]) -> datetime:
    """Read a statement's timestamp."""
    return datetime.fromisoformat(statement["timestamp"].replace("Z", "+00:00"))


def _number(value: Any, default: float = 0.0) -> float:
    """Read a JSON number, or the default for anything else (booleans included)."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return default
    return float(value)


def _first_text(language_map: Any) -> str | None:
    """Return the first string of an xAPI language map."""
    if isinstance(language_map, dict):
        for text in language_map.values():
            if isinstance(text, str):
                return text
    return None


def _usable(statement: Any) -> bool:
    """Tell whether a statement is one of Unspun's, well formed enough to read."""
    if statement_problems(statement) or statement["verb"]["id"] not in VERBS:
        return False
    # A statement of Unspun's names its profile (an anonymous account, or the profile extension).
    return profile_uuid_of(statement) is not None and parse_activity_id(statement["object"]["id"]) is not None


def _answer(statement: dict[str, Any], question_id: str) -> AnswerRecord:
    """Read one answered statement inside an attempt."""
    result = statement.get("result") or {}
    score = result.get("score") or {}
    definition = statement["object"].get("definition") or {}
    kind = _extension(result, "question-type")
    if not isinstance(kind, str):
        kind = "other"
    try:
        response = answers.from_json(kind, _extension(result, "response-json"))
    except (TypeError, ValueError, AttributeError):
        response = None
    fraction = min(max(_number(score.get("scaled")), 0.0), 1.0)
    possible = _number(score.get("max"), 1.0)
    return AnswerRecord(
        question_id,
        kind,
        response,
        fraction,
        _number(score.get("raw"), fraction * possible),
        possible,
        definition if isinstance(definition, dict) else {},
    )


def _read_one(path: Path) -> tuple[list[dict[str, Any]], str | None]:
    """Read a file's usable statements, or say why it cannot be used."""
    try:
        data = read_statements_file(path)
    except ResultsError as error:
        return [], str(error)
    usable = [statement for statement in data if _usable(statement)]
    if not usable:
        return [], f"{path} holds no Unspun results."
    return usable, None


def _pack_ids(statements: Iterable[dict[str, Any]]) -> Counter[str]:
    """Count the statements of each pack."""
    counts: Counter[str] = Counter()
    for statement in statements:
        where = parse_activity_id(statement["object"]["id"])
        if where is not None:
            counts[where.pack_id] += 1
    return counts


def _pack_of(statement: dict[str, Any]) -> str | None:
    """Return the pack id a statement's object belongs to."""
    where = parse_activity_id(statement["object"]["id"])
    return None if where is None else where.pack_id


def trusted_pack_id(pack_id: str) -> bool:
    """Whether ``pack_id`` (read from a results file) could be a real pack's id: a slug, as the
    format requires. Anything else (``=HYPERLINK(...)``, markup, a thousand characters) is hostile
    or damaged, and never chooses which pack a class report is about."""
    return len(pack_id) <= 64 and _SLUG.fullmatch(pack_id) is not None


def _voted_pack(files: Sequence[Counter[str]]) -> str | None:
    """Choose the pack most files are about: each file votes for the trusted pack it holds most
    statements of. Ties go to the pack with more statements over all files, then to the first
    id in alphabetical order; only trusted ids take part, so a hostile id never wins a tie."""
    votes: Counter[str] = Counter()
    statements: Counter[str] = Counter()
    for packs in files:
        trusted = Counter({pack: count for pack, count in packs.items() if trusted_pack_id(pack)})
        if trusted:
            votes[trusted.most_common(1)[0][0]] += 1
            statements.update(trusted)
    if not votes:
        return None
    return min(votes, key=lambda pack: (-votes[pack], -statements[pack], pack))


def read_class(
    paths: Sequence[Path | str], pack_id: str | None = None, registration: str | None = None
) -> ClassData:
    """Read many results files for one pack: ``pack_id``, or the pack most files are about.

    With ``registration``, only statements sent for that class run (their context's
    ``registration``) count; a file with none is skipped.

    A file that cannot be read, holds nothing of Unspun's or nothing for that pack is skipped
    with the reason. The same learner in several files is read once (statements match on id).
    """
    skipped: list[SkippedFile] = []
    readable: list[tuple[str, list[dict[str, Any]], Counter[str]]] = []
    for raw in paths:
        path = Path(raw)
        statements, problem = _read_one(path)
        if problem is not None:
            skipped.append(SkippedFile(str(path), problem))
            continue
        readable.append((str(path), statements, _pack_ids(statements)))
    if registration is not None:
        in_class = []
        for name, statements, _ in readable:
            kept = [s for s in statements if (s.get("context") or {}).get("registration") == registration]
            if kept:
                in_class.append((name, kept, _pack_ids(kept)))
            else:
                skipped.append(SkippedFile(name, f"{name} holds no results for the class run {registration}."))
        readable = in_class
    if pack_id is None:
        pack_id = _voted_pack([packs for _, _, packs in readable])
    aliases = school_aliases(s for _, statements, _ in readable for s in statements)
    learners: dict[str, LearnerRecord] = {}
    files_read: list[str] = []
    for name, statements, packs in readable:
        if pack_id is None:
            skipped.append(
                SkippedFile(name, f"{name} names no valid pack id, so its results cannot be trusted.")
            )
            continue
        if pack_id not in packs:
            others = ", ".join(
                sorted({pack if trusted_pack_id(pack) else "(an invalid id)" for pack in packs})
            )
            skipped.append(
                SkippedFile(name, f"{name} holds results for another pack ({others}), not {pack_id}.")
            )
            continue
        files_read.append(name)
        _collect(learners, name, [s for s in statements if _pack_of(s) == pack_id], aliases)
    return ClassData(pack_id, learners, skipped, files_read)


def school_aliases(statements: Iterable[dict[str, Any]]) -> dict[str, str]:
    """Map each profile UUID to the school identity its statements carry, where any does.

    The class report groups learners by school identity: the same student on two computers (two
    profiles) is one learner, and a profile's statements from before it had a school identity
    join those from after.
    """
    aliases: dict[str, str] = {}
    for statement in statements:
        profile = profile_uuid_of(statement)
        key = learner_key(statement["actor"])
        if profile is not None and key != profile:
            aliases.setdefault(profile, key)
    return aliases


def _learner_of(statement: dict[str, Any], aliases: dict[str, str]) -> str:
    """The key a statement's learner is grouped under: the school identity, else the profile UUID."""
    key = learner_key(statement["actor"])
    return aliases.get(key, key)


def _collect(
    learners: dict[str, LearnerRecord], path: str, statements: list[dict[str, Any]], aliases: dict[str, str]
) -> None:
    """Sort one file's statements into learners, attempts, answers and completions."""
    pending_answers: list[dict[str, Any]] = []
    for statement in statements:
        actor = statement["actor"]
        uuid = _learner_of(statement, aliases)
        learner = learners.get(uuid)
        if learner is None:
            name = " ".join(str(actor.get("name") or "").split())[:200] or "Unnamed learner"
            learner = learners[uuid] = LearnerRecord(uuid, name)
        if learner.identity == uuid or not learner.identity:
            learner.identity = learner_label(actor)
        if path not in learner.files:
            learner.files.append(path)
        where = parse_activity_id(statement["object"]["id"])
        assert where is not None
        if where.module_id is not None and where.lesson_id is not None:
            learner.lessons_seen.add((where.module_id, where.lesson_id))
        verb = statement["verb"]["id"]
        if verb == VERB_COMPLETED and where.lesson_id is not None and where.step_key is None:
            assert where.module_id is not None
            learner.completed.add((where.module_id, where.lesson_id))
        elif verb in (VERB_PASSED, VERB_FAILED) and where.step_key is not None and where.question_id is None:
            assert where.module_id is not None and where.lesson_id is not None
            if statement["id"] in learner.attempts:
                continue  # the same attempt from another file
            result = statement.get("result") or {}
            context = statement.get("context") or {}
            measure = _extension(context, "measure")
            score = result.get("score") or {}
            learner.attempts[statement["id"]] = AttemptRecord(
                statement["id"],
                (where.module_id, where.lesson_id, where.step_key),
                _when(statement),
                min(max(_number(score.get("scaled")), 0.0), 1.0),
                verb == VERB_PASSED,
                measure if measure in ("pre", "post") else None,
                discernment_value(_extension(context, "discernment")),
                _first_text((statement["object"].get("definition") or {}).get("name")),
                len(learner.attempts),
                stated_trust=trust_value(_extension(result, "trust")),
            )
        elif verb == VERB_ANSWERED and where.question_id is not None:
            reference = (statement.get("context") or {}).get("statement")
            if isinstance(reference, dict):  # practice checks carry none: they are not attempts
                pending_answers.append(statement)
    for statement in pending_answers:
        uuid = _learner_of(statement, aliases)
        attempt = learners[uuid].attempts.get(statement["context"]["statement"]["id"])
        where = parse_activity_id(statement["object"]["id"])
        if attempt is None or where is None or where.question_id is None:
            continue  # an answer whose attempt is not in the file
        attempt.answers.setdefault(where.question_id, _answer(statement, where.question_id))


# ---------------------------------------------------------------- Moodle's statistics


def _mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def item_statistics(
    item_scores: Sequence[float], rest_scores: Sequence[float]
) -> tuple[float | None, float | None]:
    """Return Moodle's discrimination index and discriminative efficiency, as fractions.

    ``item_scores`` are the marks on one question and ``rest_scores`` the marks on the rest of
    the quiz in the same attempts. The discrimination index is their correlation,
    C(x, X) / sqrt(V(x) V(X)); the discriminative efficiency is C(x, X) / C_max(x, X), where
    C_max pairs the two lists each sorted on its own. Both are None with fewer than two
    attempts or no spread (Moodle leaves them empty then).
    """
    count = len(item_scores)
    if count < 2 or len(rest_scores) != count:
        return None, None
    x_mean, rest_mean = sum(item_scores) / count, sum(rest_scores) / count
    covariance = sum((x - x_mean) * (r - rest_mean) for x, r in zip(item_scores, rest_scores, strict=True))
    x_var = sum((x - x_mean) ** 2 for x in item_scores)
    rest_var = sum((r - rest_mean) ** 2 for r in rest_scores)
    covariance_max = sum(
        (x - x_mean) * (r - rest_mean) for x, r in zip(sorted(item_scores), sorted(rest_scores), strict=True)
    )
    # The (s - 1) divisors of Moodle's variances and covariances cancel in both ratios.
    discrimination = covariance / math.sqrt(x_var * rest_var) if x_var * rest_var > 0 else None
    efficiency = covariance / covariance_max if covariance_max > 1e-12 else None
    return discrimination, efficiency


def _sd(values: Sequence[float]) -> float | None:
    """Return the sample standard deviation (Moodle divides by s - 1), or None under two values."""
    if len(values) < 2:
        return None
    mean = sum(values) / len(values)
    return math.sqrt(sum((v - mean) ** 2 for v in values) / (len(values) - 1))


def flags_for(fractions: Sequence[float], discrimination: float | None) -> tuple[Flag, ...]:
    """Flag a question that looks broken: negative discrimination, everyone right, everyone wrong."""
    if len(fractions) < FLAG_MIN_LEARNERS:
        return ()
    found = []
    if discrimination is not None and discrimination < 0:
        found.append(Flag.NEGATIVE_DISCRIMINATION)
    if all(fraction >= 1.0 for fraction in fractions):
        found.append(Flag.EVERYONE_RIGHT)
    if all(fraction <= 0.0 for fraction in fractions):
        found.append(Flag.EVERYONE_WRONG)
    return tuple(found)


# ---------------------------------------------------------------- answers in words


def _components(definition: dict[str, Any], name: str) -> dict[str, str]:
    """Map interaction component ids to their descriptions."""
    found: dict[str, str] = {}
    items = definition.get(name)
    if isinstance(items, list):
        for item in items:
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                found[item["id"]] = _first_text(item.get("description")) or item["id"]
    return found


def _quoted(text: str) -> str:
    return f"“{text}”"


def _cut(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= ANSWER_TEXT_LIMIT else text[: ANSWER_TEXT_LIMIT - 1] + "…"


def describe_response(
    kind: str, response: answers.Response, definition: dict[str, Any], spot_text: str | None = None
) -> str:
    """Write a response in words from the question's xAPI definition: choice texts, never indices."""
    if response is None:
        return "(no answer)"
    choices = _components(definition, "choices")
    if kind == "single":
        return _quoted(choices.get(str(response), f"choice {response}"))
    if kind == "multiple" and isinstance(response, list):
        if not response:
            return "(nothing picked)"
        return " + ".join(_quoted(choices.get(str(i), f"choice {i}")) for i in sorted(response))
    if kind == "true_false":
        return "True" if response is True else "False"
    if kind == "short":
        return _quoted(" ".join(str(response).split()))
    if kind == "order" and isinstance(response, list):
        return " → ".join(_quoted(choices.get(str(i), f"item {i}")) for i in response)
    if kind in ("match", "categorize") and isinstance(response, dict):
        source, target = _components(definition, "source"), _components(definition, "target")
        right: dict[str, str] = {}
        patterns = definition.get("correctResponsesPattern")
        if isinstance(patterns, list) and patterns and isinstance(patterns[0], str):
            for pair in patterns[0].split("[,]"):
                left, _, chosen = pair.partition("[.]")
                right[left] = chosen
        wrong = [(k, v) for k, v in sorted(response.items()) if right.get(str(k)) != str(v)]
        shown = wrong or sorted(response.items())
        text = "; ".join(
            f"{_quoted(source.get(str(k), f'item {k}'))} → {_quoted(target.get(str(v), f'{v}'))}"
            for k, v in shown
        )
        return text or "(nothing placed)"
    if kind == "spot" and isinstance(response, list):
        if not response:
            return "(nothing selected)"
        if spot_text is not None:
            return "; ".join(
                _quoted(spot_text[span[0] : span[1]]) for span in response if isinstance(span, tuple)
            )
        return "; ".join(f"characters {span[0]}–{span[1]}" for span in response if isinstance(span, tuple))
    if kind == "judge" and isinstance(response, int):
        verdict = "reliable" if response >= 4 else "unreliable"
        return f"rated {response} of 6 (called it {verdict})"
    return str(answers.to_json(response))


def _grouping_key(kind: str, response: answers.Response) -> str:
    """Group equal answers: short answers as section 6 compares them, the rest exactly."""
    if kind == "short" and isinstance(response, str):
        return "short:" + normalize_answer(response)
    return f"{kind}:{answers.to_json(response)!r}"


# ---------------------------------------------------------------- building the report


@dataclass(frozen=True, slots=True)
class _QuestionInfo:
    """What the report knows of a question: from the pack when loaded, else from the statements."""

    key: QuestionKey
    quiz_title: str
    prompt: str
    kind: str
    techniques: tuple[str, ...]
    definition: dict[str, Any]
    spot_text: str | None


def _plain_prompt(text: str) -> str:
    """Return a question prompt on one line, short enough for a table."""
    line = " ".join(text.replace("**", "").replace("__", "").split())
    return line if len(line) <= 160 else line[:159] + "…"


def _pack_questions(pack: Pack) -> list[_QuestionInfo]:
    """List the pack's quiz questions in reading order."""
    found = []
    language = pack.manifest.language
    for module in pack.modules:
        for lesson in module.lessons:
            for index, step in enumerate(lesson.steps):
                if step.quiz is None:
                    continue
                quiz_title = lesson.title if not step.quiz.title else f"{lesson.title}: {step.quiz.title}"
                for question in step.quiz.questions:
                    kind = question_type(question)
                    found.append(
                        _QuestionInfo(
                            (module.id, lesson.id, schema_step_key(step, index), question.id),
                            quiz_title,
                            _plain_prompt(question.prompt),
                            kind,
                            tuple(question.techniques),
                            question_definition(question, kind, language),
                            question.text if isinstance(question, Spot) else None,
                        )
                    )
    return found


def _seen_questions(learners: Iterable[LearnerRecord]) -> list[_QuestionInfo]:
    """List the questions the statements name, in quiz order and position, when no pack is loaded."""
    found: dict[QuestionKey, _QuestionInfo] = {}
    order: dict[QuestionKey, tuple[datetime, int]] = {}
    for learner in learners:
        for attempt in learner.attempts.values():
            title = attempt.title.removeprefix("Quiz: ") if attempt.title else "/".join(attempt.quiz)
            for position, answer in enumerate(attempt.answers.values()):
                key = (*attempt.quiz, answer.question_id)
                if key not in found:
                    prompt = _first_text(answer.definition.get("description")) or answer.question_id
                    found[key] = _QuestionInfo(
                        key, title, _plain_prompt(prompt), answer.kind, (), answer.definition, None
                    )
                order[key] = min(order.get(key, (attempt.at, position)), (attempt.at, position))
    quiz_first: dict[QuizKey, datetime] = {}
    for key, (at, _) in order.items():
        quiz = _quiz_of(key)
        quiz_first[quiz] = min(quiz_first.get(quiz, at), at)
    return sorted(
        found.values(),
        key=lambda info: (quiz_first[_quiz_of(info.key)], _quiz_of(info.key), order[info.key][1]),
    )


def _quiz_of(key: QuestionKey) -> QuizKey:
    """Return the quiz a question key belongs to."""
    return key[0], key[1], key[2]


def _question_stats(info: _QuestionInfo, firsts: Sequence[AttemptRecord]) -> QuestionStats:
    """Compute one question's item analysis over the first attempts at its quiz."""
    items: list[float] = []
    rests: list[float] = []
    fractions: list[float] = []
    wrong: Counter[str] = Counter()
    shown: dict[str, str] = {}
    for attempt in firsts:
        answer = attempt.answers.get(info.key[3])
        if answer is None:
            continue  # the quiz changed since this attempt: it does not hold this question
        total = sum(other.points for other in attempt.answers.values())
        items.append(answer.points)
        rests.append(total - answer.points)
        fractions.append(answer.fraction)
        if answer.fraction < 1.0:
            group = _grouping_key(answer.kind, answer.response)
            wrong[group] += 1
            shown.setdefault(
                group, _cut(describe_response(info.kind, answer.response, info.definition, info.spot_text))
            )
    discrimination, efficiency = item_statistics(items, rests)
    return QuestionStats(
        info.key,
        info.quiz_title,
        info.prompt,
        info.kind,
        info.techniques,
        len(fractions),
        _mean(fractions),
        _sd(fractions),
        discrimination,
        efficiency,
        tuple(
            WrongAnswer(shown[group], count)
            for group, count in sorted(wrong.items(), key=lambda item: (-item[1], shown[item[0]]))[
                :WRONG_ANSWERS_SHOWN
            ]
        ),
        flags_for(fractions, discrimination),
    )


def _techniques(pack: Pack | None, questions: Sequence[QuestionStats]) -> list[TechniqueRow]:
    """Average the first-attempt scores of each technique's questions; hardest first."""
    if pack is None:
        return []
    sums: dict[str, list[float]] = {}
    question_counts: Counter[str] = Counter()
    for question in questions:
        for technique in question.techniques:
            question_counts[technique] += 1
            total = sums.setdefault(technique, [0.0, 0.0])
            if question.facility is not None:
                total[0] += question.facility * question.learners
                total[1] += question.learners
    rows = []
    for technique, info in pack.manifest.techniques.items():
        if technique not in question_counts:
            continue
        right, answered = sums[technique]
        rows.append(
            TechniqueRow(
                technique,
                info.label,
                info.color,
                question_counts[technique],
                int(answered),
                right / answered if answered else None,
            )
        )
    rows.sort(key=lambda row: (row.facility is None, row.facility or 0.0, row.label))
    return rows


def describe_class_change(change: ClassChange) -> str:
    """Say in plain words how the class changed between the pre and post quizzes.

    The score is said to rise or fall only when the two checks asked the same questions; the
    ratings are read by ``judgement.class_reading``, discernment beside trust.
    """
    if change.learners_pre == 0 and change.learners_post == 0:
        return "No learner has taken the first or the final check yet, so there is no before and after."
    if change.learners_both == 0:
        return (
            f"{change.learners_pre} {'learner' if change.learners_pre == 1 else 'learners'} took the first check "
            f"and {change.learners_post} the final one, "
            "but nobody has taken both yet, so there is no change to report."
        )
    sentences = []
    count = change.learners_both
    before, after = percent_text(change.mean_pre_score or 0.0), percent_text(change.mean_post_score or 0.0)
    points = round((change.mean_score_change or 0.0) * 100)
    if change.same_questions:
        moved = trend(change.mean_pre_score or 0.0, change.mean_post_score or 0.0, SCORE_STEADY)
        if count == 1:
            sentences.append(
                {
                    Trend.UP: f"For the 1 learner who took both checks, the score rose from {before} to {after} ({points:+d} points).",
                    Trend.DOWN: f"For the 1 learner who took both checks, the score fell from {before} to {after} ({points:+d} points).",
                    Trend.SAME: f"For the 1 learner who took both checks, the score stayed about the same: {before} before, {after} after.",
                }[moved]
            )
        else:
            sentences.append(
                {
                    Trend.UP: f"For the {count} learners who took both checks, the average score rose from {before} to {after} ({points:+d} points).",
                    Trend.DOWN: f"For the {count} learners who took both checks, the average score fell from {before} to {after} ({points:+d} points).",
                    Trend.SAME: f"For the {count} learners who took both checks, the average score stayed about the same: {before} before, {after} after.",
                }[moved]
            )
    elif count == 1:
        sentences.append(
            f"The 1 learner who took both checks scored {before} on the first and {after} on the final one. "
            "The two checks ask different questions, so the scores are not a like-for-like comparison."
        )
    else:
        sentences.append(
            f"The {count} learners who took both checks averaged {before} on the first and {after} on the final one. "
            "The two checks ask different questions, so the scores are not a like-for-like comparison."
        )
    sentences.extend(
        class_reading(
            change.mean_pre_discernment if change.mean_discernment_change is not None else None,
            change.mean_post_discernment if change.mean_discernment_change is not None else None,
            change.mean_pre_trust if change.mean_trust_change is not None else None,
            change.mean_post_trust if change.mean_trust_change is not None else None,
        )
    )
    missing = max(change.learners_pre, change.learners_post) - change.learners_both
    if missing == 1:
        sentences.append("1 more took only one of the two checks and is left out of the change.")
    elif missing > 1:
        sentences.append(f"{missing} more took only one of the two checks and are left out of the change.")
    return " ".join(sentences)


def _class_change(learners: Sequence[LearnerRecord]) -> ClassChange:
    """Pair each learner's first pre and first post attempts and average them."""
    pre_scores, post_scores, changes = [], [], []
    pre_disc, post_disc, disc_changes = [], [], []
    pre_trust, post_trust, trust_changes = [], [], []
    same_questions = True
    for learner in learners:
        pre, post = _measure_attempts(learner)
        if pre is not None:
            pre_scores.append(pre.score)
        if post is not None:
            post_scores.append(post.score)
        if pre is not None and post is not None:
            changes.append(post.score - pre.score)
            # unknown questions (a file without its answers) are never taken for the same ones
            same_questions = same_questions and bool(pre.answers) and set(pre.answers) == set(post.answers)
            if pre.discernment is not None and post.discernment is not None:
                pre_disc.append(pre.discernment)
                post_disc.append(post.discernment)
                disc_changes.append(post.discernment - pre.discernment)
            before_trust, after_trust = pre.trust, post.trust
            if before_trust is not None and after_trust is not None:
                pre_trust.append(before_trust)
                post_trust.append(after_trust)
                trust_changes.append(after_trust - before_trust)
    change = ClassChange(
        len(pre_scores),
        len(post_scores),
        len(changes),
        _mean(pre_scores),
        _mean(post_scores),
        _mean(changes),
        len(disc_changes),
        _mean(pre_disc),
        _mean(post_disc),
        _mean(disc_changes),
        "",
        len(trust_changes),
        _mean(pre_trust),
        _mean(post_trust),
        _mean(trust_changes),
        same_questions=bool(changes) and same_questions,
    )
    return replace(change, reading=describe_class_change(change))


def _measure_attempts(learner: LearnerRecord) -> tuple[AttemptRecord | None, AttemptRecord | None]:
    """Return a learner's first attempts at the pre and the post quiz (section 6)."""
    firsts: dict[str, AttemptRecord] = {}
    for attempt in sorted(learner.attempts.values(), key=AttemptRecord.order):
        if attempt.measure is not None:
            firsts.setdefault(attempt.measure, attempt)
    return firsts.get("pre"), firsts.get("post")


def _learner_rows(
    learners: Sequence[LearnerRecord], lessons_total: int, quizzes_total: int
) -> list[LearnerRow]:
    """Make one row per learner, by name."""
    rows = []
    for learner in learners:
        firsts = learner.first_attempts()
        scores = [attempt.score for attempt in firsts.values()]
        passed = {attempt.quiz for attempt in learner.attempts.values() if attempt.passed or attempt.measure == "pre"}
        pre, post = _measure_attempts(learner)
        rows.append(
            LearnerRow(
                learner.uuid,
                learner.name,
                len(learner.completed),
                lessons_total,
                len(firsts),
                len(passed),
                quizzes_total,
                _mean(scores),
                None if pre is None else pre.score,
                None if post is None else post.score,
                None if pre is None else pre.discernment,
                None if post is None else post.discernment,
                None if pre is None else pre.trust,
                None if post is None else post.trust,
            )
        )
    rows.sort(key=lambda row: (row.name.casefold(), row.uuid))
    return rows


def build_report(paths: Sequence[Path | str], pack: Pack | None = None) -> ClassReport:
    """Read many learners' results files and compute the class report (for ``pack`` when given)."""
    return report_from(read_class(paths, pack.id if pack is not None else None), pack)


def build_class_report(paths: Sequence[Path | str], packs: Sequence[Pack]) -> ClassReport:
    """Report on the pack most files are about, with its texts and techniques when it is among ``packs``."""
    data = read_class(paths)
    return report_from(data, next((pack for pack in packs if pack.id == data.pack_id), None))


def report_from(data: ClassData, pack: Pack | None) -> ClassReport:
    """Compute the class report from the learners read (``pack`` must be the one they were read for)."""
    learners = list(data.learners.values())
    infos = _pack_questions(pack) if pack is not None else _seen_questions(learners)
    firsts_by_quiz: dict[QuizKey, list[AttemptRecord]] = {}
    for learner in learners:
        for quiz, attempt in learner.first_attempts().items():
            firsts_by_quiz.setdefault(quiz, []).append(attempt)
    questions = [_question_stats(info, firsts_by_quiz.get(_quiz_of(info.key), [])) for info in infos]
    if pack is not None:
        lessons_total = sum(len(module.lessons) for module in pack.modules)
        quizzes_total = len({question.key[:3] for question in questions})
        title = pack.title
    else:
        lessons_total = len(set().union(*(learner.lessons_seen for learner in learners))) if learners else 0
        quizzes_total = len({info.key[:3] for info in infos})
        title = data.pack_id or "no pack"
    return ClassReport(
        data.pack_id,
        title,
        tuple(_learner_rows(learners, lessons_total, quizzes_total)),
        tuple(questions),
        tuple(_techniques(pack, questions)),
        _class_change(learners),
        tuple(data.skipped),
        tuple(data.files_read),
        pack is not None,
    )


# ---------------------------------------------------------------- CSV


def _round(value: float | None, scale: float = 1.0, digits: int = 2) -> float | str:
    """Write a number for the CSV (scaled, rounded), or an empty cell for none."""
    return "" if value is None else round(value * scale, digits)


def csv_tables(report: ClassReport) -> list[tuple[str, list[str], list[list[Any]]]]:
    """Lay the report out as titled tables: (title, header, rows) for each section."""
    learners = [
        [
            row.name,
            row.uuid,
            row.lessons_completed,
            row.lessons_total,
            _round(row.completion if row.lessons_total else None, 100, 1),
            row.quizzes_taken,
            row.quizzes_passed,
            row.quizzes_total,
            _round(row.mean_score, 100, 1),
            _round(row.pre_score, 100, 1),
            _round(row.post_score, 100, 1),
            _round(row.pre_discernment),
            _round(row.post_discernment),
            _round(row.pre_trust),
            _round(row.post_trust),
        ]
        for row in report.learners
    ]
    questions = [
        [
            "/".join(q.key[:3]),
            q.quiz_title,
            q.question_id,
            q.kind,
            q.prompt,
            " ".join(q.techniques),
            q.learners,
            _round(q.facility, 100, 1),
            _round(q.sd, 100, 1),
            _round(q.discrimination, 100, 1),
            _round(q.efficiency, 100, 1),
            "; ".join(str(flag) for flag in q.flags),
            " | ".join(f"{answer.text} ({answer.count})" for answer in q.wrong_answers),
        ]
        for q in report.questions
    ]
    techniques = [
        [row.technique, row.label, row.questions, row.answers, _round(row.facility, 100, 1)]
        for row in report.techniques
    ]
    change = report.change
    before_after: list[list[Any]] = [
        ["learners who took the first check", change.learners_pre],
        ["learners who took the final check", change.learners_post],
        ["learners who took both", change.learners_both],
        ["mean score before (%)", _round(change.mean_pre_score, 100, 1)],
        ["mean score after (%)", _round(change.mean_post_score, 100, 1)],
        ["mean change in score, learners with both (points)", _round(change.mean_score_change, 100, 1)],
        ["learners with both discernments", change.learners_both_discernment],
        ["mean discernment before (-5 to 5)", _round(change.mean_pre_discernment)],
        ["mean discernment after (-5 to 5)", _round(change.mean_post_discernment)],
        ["mean change in discernment, learners with both", _round(change.mean_discernment_change)],
        ["learners with both trusts", change.learners_both_trust],
        ["mean trust before (-2.5 to 2.5)", _round(change.mean_pre_trust)],
        ["mean trust after (-2.5 to 2.5)", _round(change.mean_post_trust)],
        ["mean change in trust, learners with both", _round(change.mean_trust_change)],
        ["in words", change.reading],
    ]
    skipped = [[item.path, item.reason] for item in report.skipped]
    return [
        (
            "Learners",
            [
                "learner",
                "learner_uuid",
                "lessons_completed",
                "lessons_total",
                "completion_percent",
                "quizzes_taken",
                "quizzes_passed",
                "quizzes_total",
                "mean_first_attempt_score_percent",
                "pre_score_percent",
                "post_score_percent",
                "pre_discernment",
                "post_discernment",
                "pre_trust",
                "post_trust",
            ],
            learners,
        ),
        (
            "Questions",
            [
                "quiz",
                "quiz_title",
                "question",
                "type",
                "prompt",
                "techniques",
                "learners",
                "facility_index_percent",
                "sd_percent",
                "discrimination_index_percent",
                "discriminative_efficiency_percent",
                "flags",
                "common_wrong_answers",
            ],
            questions,
        ),
        ("Techniques", ["technique", "label", "questions", "answers", "facility_percent"], techniques),
        ("Before and after", ["measure", "value"], before_after),
        ("Skipped files", ["file", "reason"], skipped),
    ]


def write_csv(report: ClassReport, path: Path | str) -> None:
    """Write the report as titled tables, one after another, in one CSV (UTF-8 with a BOM).

    Written through the one spreadsheet-safe writer: the pack's id and title come from files too.
    """
    path = Path(path)
    try:
        with open_csv(path) as writer:
            writer.writerow(["Unspun class report", report.pack_id or "", report.pack_title])
            for title, header, rows in csv_tables(report):
                writer.writerow([])
                writer.writerow([title])
                writer.writerow(header)
                writer.writerows(rows)
    except OutputError as error:
        raise ResultsError(str(error)) from error

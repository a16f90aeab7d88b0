"""Read a results file into typed statements, or refuse it with one line naming the file and field.

A results file is untrusted input (a learner's export, a colleague's, an LRS's reply). It is
decoded straight into ``Statement`` Structs (types and limits), then checked for what types
cannot say: real dates, ``min <= raw <= max``, one actor identifier, and the values of Unspun's
own extensions, which later screens read as numbers and choices. Anything wrong makes the whole
file refused with ``ResultsError("FILE: FIELD: what is wrong")``; nothing from it is stored or
counted, so no value in a file can break a later screen.
"""

from __future__ import annotations

import math
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any

import msgspec
from msgspec import UNSET, Meta

from app.model.identity import actor_problems
from app.model.xapi.statement import DECODER, MAX_TEXT, LrsReply, Statement

#: Results files larger than this are refused before reading (a class's year fits in far less).
MAX_FILE_BYTES = 64 * 1024 * 1024
#: The Unspun extensions' key prefix.
EXTENSION = "urn:unspun:xapi:extension:"

QUESTION_TYPES = ("single", "multiple", "true_false", "short", "order", "match", "spot", "categorize", "judge")

_Index = Annotated[int, Meta(ge=0, le=10_000)]
#: The response shape stored for each question type (``answers.to_json``), checked by value.
_RESPONSES: dict[str, Any] = {
    "single": _Index | None,
    "multiple": list[_Index] | None,
    "order": list[_Index] | None,
    "true_false": bool | None,
    "short": Annotated[str, Meta(max_length=MAX_TEXT)] | None,
    "judge": Annotated[int, Meta(ge=1, le=6)] | None,
    "match": dict[str, _Index] | None,
    "categorize": dict[str, _Index] | None,
    "spot": list[tuple[Annotated[int, Meta(ge=0)], Annotated[int, Meta(ge=0)]]] | None,
}


class ResultsError(Exception):
    """A results file could not be read, written or imported; the message says why, for people."""


def _number(value: Any, low: float, high: float) -> str | None:
    """Say why a value is not a finite number in [low, high], or None when it is."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return f"must be a number, not {type(value).__name__ if value is not None else 'null'}"
    if not math.isfinite(value) or not low <= value <= high:
        return f"must be a number from {low:g} to {high:g}"
    return None


def _integer(value: Any, low: int, high: int) -> str | None:
    """Say why a value is not a whole number in [low, high], or None when it is."""
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        return f"must be a whole number from {low} to {high}"
    return None


def _extension_problem(name: str, value: Any, question_type: Any) -> str | None:
    """Say why the value of one of Unspun's extensions is unusable, or None when it is fine."""
    if name == "pass-mark":
        return _number(value, 0.0, 1.0)
    if name == "discernment":
        return None if value is None else _number(value, -5.0, 5.0)
    if name == "trust":
        return None if value is None else _number(value, -2.5, 2.5)
    if name == "measure":
        return None if value in ("pre", "post", None) else 'must be "pre" or "post"'
    if name == "position":
        return _integer(value, 0, 10_000)
    if name == "tries":
        return None if value is None else _integer(value, 1, 100_000)
    if name == "question-type":
        return None if value in QUESTION_TYPES or value == "other" else "must name a question type"
    if name in ("practice-check", "reflection", "reliable"):
        return None if isinstance(value, bool) else "must be true or false"
    if name == "response-json":
        shape = _RESPONSES.get(question_type if isinstance(question_type, str) else "")
        if shape is None:
            return None  # read as unanswered for a type this version does not know
        try:
            msgspec.convert(value, shape)
        except msgspec.ValidationError:
            return f"is not a {question_type} answer"
    return None


def _when_problem(text: str) -> str | None:
    """Say why a timestamp that has the right shape is not a real moment (30 February), or None."""
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return "is not a real date and time"
    if not 1970 <= moment.year <= 9000:
        return "is not a plausible date"
    return None


def statement_problem(statement: Statement) -> tuple[str, str] | None:
    """Return (field, problem) for the first rule a typed statement breaks, or None when it keeps them all."""
    when = _when_problem(statement.timestamp)
    if when:
        return "timestamp", when
    actor = msgspec.to_builtins(statement.actor)
    problems = actor_problems(actor)
    if problems:
        return "actor", problems[0].removeprefix("actor ").removeprefix("actor.")
    result, context = statement.result, statement.context
    if result is not UNSET:
        score = result.score
        if score is not UNSET:
            low, raw, high = score.min, score.raw, score.max
            if low is not UNSET and high is not UNSET and not low < high:
                return "result.score.min", "must be below max"
            if raw is not UNSET and (
                (low is not UNSET and raw < low) or (high is not UNSET and raw > high)
            ):
                return "result.score.raw", "must lie between min and max"
        if result.duration is not UNSET and result.duration in ("P", "PT"):
            return "result.duration", "must give a length of time"
    question_type = None
    if result is not UNSET and result.extensions is not UNSET:
        question_type = result.extensions.get(EXTENSION + "question-type")
    for block_name, block in (
        ("result", None if result is UNSET else result.extensions),
        ("context", None if context is UNSET else context.extensions),
    ):
        if block is None or block is UNSET:
            continue
        for key, value in block.items():
            if key.startswith(EXTENSION):
                name = key.removeprefix(EXTENSION)
                problem = _extension_problem(name, value, question_type)
                if problem:
                    return f"{block_name}.extensions.{name}", problem
    return None


#: msgspec names a pattern by its regular expression; people are told what the pattern stands for.
_PATTERN_WORDS = {
    "^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$": "a lowercase UUID",
    "^[A-Za-z][A-Za-z0-9+.-]*:\\S+$": "an IRI (a scheme, a colon, then no spaces)",
    "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})$": "an ISO 8601 time with a time zone",
    "^P(\\d+D)?(T(\\d+H)?(\\d+M)?(\\d+(\\.\\d+)?S)?)?$": "an ISO 8601 duration (PT1M30S)",
    "^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$": "a language tag (en, en-GB)",
    "^1\\.0\\.\\d+$": "version 1.0.x",
}


def _readable(problem: str) -> str:
    """Put a msgspec problem in people's words: a pattern is named by what it stands for."""
    head, found, pattern = problem.partition(" matching regex '")
    if found:
        words = _PATTERN_WORDS.get(pattern.rstrip("'"))
        if words:
            return f"{head.replace('expected `str`', 'expected text')}: {words}"
    return problem


def _one_line(path: Path, field: str, problem: str) -> ResultsError:
    """Build the one-line error that names the file and the field."""
    return ResultsError(f"{path}: {field}: {problem}")


def read_results_file(path: Path | str) -> list[Statement]:
    """Read and check every statement of a results file; raise ResultsError naming the file and field if any is bad."""
    path = Path(path)
    try:
        if not path.is_file():
            raise ResultsError(f"{path}: not a results file (not a regular file)")
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ResultsError(f"{path}: too large to be a results file ({size // 1_000_000} MB)")
        data = path.read_bytes()
    except OSError as error:
        raise ResultsError(f"{path}: could not be read: {error.strerror or error}") from error
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        decoded = DECODER.decode(data)
        del data  # the bytes are no longer needed: do not hold them while checking
    except msgspec.ValidationError as error:
        problem, _, where = str(error).partition(" - at `")
        field = where.rstrip("`") or "$"
        if field.startswith("key` in `"):  # msgspec's way of blaming a mapping's key
            field = field.removeprefix("key` in `") + " (a key)"
        raise _one_line(path, field, _readable(problem[:1].lower() + problem[1:])) from None
    except msgspec.DecodeError as error:
        raise _one_line(path, "$", f"not valid JSON ({str(error)[:120]})") from None
    statements = decoded.statements if isinstance(decoded, LrsReply) else decoded
    prefix = "$.statements" if isinstance(decoded, LrsReply) else "$"
    for index, statement in enumerate(statements):
        found = statement_problem(statement)
        if found is not None:
            raise _one_line(path, f"{prefix}[{index}].{found[0]}", found[1])
    return statements

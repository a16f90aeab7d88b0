"""One typed xAPI 1.0.3 statement (msgspec Structs) with the limits a results file must keep.

The Structs skip the garbage collector (``gc=False``): they hold no cycles, and a large class's
file decodes in less memory and time. Every results file is decoded straight into these Structs, so a value of the wrong type, a
string longer than its limit, a number out of range or a list too long is refused with the path
of the field (``$[3].result.score.raw``) before anything reads it. Fields Unspun does not read
are kept only where the xAPI rules need them; unknown keys are ignored, as xAPI asks.

The rules msgspec cannot express (a real date, ``min <= raw <= max``, exactly one actor
identifier, Unspun's extension values) are ``xapi.read.check_statement``'s.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

import msgspec
from msgspec import UNSET, Meta, Struct, UnsetType

#: The longest text a statement may hold in any one field (a reflection, a response, a title).
MAX_TEXT = 100_000
#: The longest identifier (IRI, name, language tag) a statement may hold.
MAX_ID = 2_000
#: The most entries a language map, extension block or list inside one statement may hold.
MAX_ITEMS = 1_000

Text = Annotated[str, Meta(max_length=MAX_TEXT)]
Identifier = Annotated[str, Meta(min_length=1, max_length=MAX_ID)]
Iri = Annotated[str, Meta(max_length=MAX_ID, pattern=r"^[A-Za-z][A-Za-z0-9+.-]*:\S+$")]
Uuid = Annotated[str, Meta(pattern=r"^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")]
Timestamp = Annotated[
    str, Meta(max_length=40, pattern=r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
]
Duration = Annotated[str, Meta(max_length=40, pattern=r"^P(\d+D)?(T(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$")]
LanguageTag = Annotated[str, Meta(max_length=35, pattern=r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")]
LanguageMap = Annotated[dict[LanguageTag, Text], Meta(max_length=MAX_ITEMS)]
#: Extension values are JSON of any shape; Unspun's own are checked by value in ``read.py``.
Extensions = Annotated[dict[Iri, Any], Meta(max_length=MAX_ITEMS)]
#: A score or point count: finite (JSON has no Infinity, and msgspec refuses numbers beyond a double).
Number = Annotated[float, Meta(ge=-1e9, le=1e9)]


class Account(Struct, gc=False):
    """An actor's account on a system: the home page of the system and the name there."""

    homePage: Iri
    name: Identifier


class Agent(Struct, gc=False):
    """The learner a statement is about, identified by exactly one of account, mbox, mbox_sha1sum."""

    objectType: Literal["Agent"] = "Agent"
    name: Text | UnsetType = UNSET
    mbox: Identifier | UnsetType = UNSET
    mbox_sha1sum: Identifier | UnsetType = UNSET
    openid: Identifier | UnsetType = UNSET
    account: Account | UnsetType = UNSET


class Verb(Struct, gc=False):
    """What the learner did (answered, passed, failed, completed ...)."""

    id: Iri
    display: LanguageMap | UnsetType = UNSET


class InteractionComponent(Struct, gc=False):
    """One choice, source, target or step of an interaction definition."""

    id: Identifier
    description: LanguageMap | UnsetType = UNSET


Components = Annotated[list[InteractionComponent], Meta(max_length=MAX_ITEMS)]


class Definition(Struct, gc=False):
    """What an activity is: its name, type and, for a question, its interaction."""

    name: LanguageMap | UnsetType = UNSET
    description: LanguageMap | UnsetType = UNSET
    type: Iri | UnsetType = UNSET
    interactionType: Identifier | UnsetType = UNSET
    correctResponsesPattern: Annotated[list[Text], Meta(max_length=MAX_ITEMS)] | UnsetType = UNSET
    choices: Components | UnsetType = UNSET
    scale: Components | UnsetType = UNSET
    source: Components | UnsetType = UNSET
    target: Components | UnsetType = UNSET
    steps: Components | UnsetType = UNSET
    extensions: Extensions | UnsetType = UNSET


class Activity(Struct, gc=False):
    """The activity a statement is about: a pack, module, lesson, quiz or question."""

    id: Iri
    objectType: Literal["Activity"] = "Activity"
    definition: Definition | UnsetType = UNSET


class Score(Struct, gc=False):
    """A result's score: scaled in [-1, 1], raw between min and max."""

    scaled: Annotated[float, Meta(ge=-1, le=1)] | UnsetType = UNSET
    raw: Number | UnsetType = UNSET
    min: Number | UnsetType = UNSET
    max: Number | UnsetType = UNSET


class Result(Struct, gc=False):
    """What came of the statement: a score, success, completion, a response, a duration."""

    score: Score | UnsetType = UNSET
    success: bool | UnsetType = UNSET
    completion: bool | UnsetType = UNSET
    response: Text | UnsetType = UNSET
    duration: Duration | UnsetType = UNSET
    extensions: Extensions | UnsetType = UNSET


class StatementRef(Struct, gc=False):
    """A reference to another statement (an answer's attempt)."""

    objectType: Literal["StatementRef"]
    id: Uuid


Activities = Annotated[list[Activity], Meta(max_length=MAX_ITEMS)]


class ContextActivities(Struct, gc=False, forbid_unknown_fields=True):
    """The activities a statement sits in: its parent, grouping, category and other."""

    parent: Activities | UnsetType = UNSET
    grouping: Activities | UnsetType = UNSET
    category: Activities | UnsetType = UNSET
    other: Activities | UnsetType = UNSET


class Context(Struct, gc=False):
    """Where a statement happened: its activities, registration, language, a referenced statement."""

    registration: Uuid | UnsetType = UNSET
    contextActivities: ContextActivities | UnsetType = UNSET
    language: LanguageTag | UnsetType = UNSET
    statement: StatementRef | UnsetType = UNSET
    extensions: Extensions | UnsetType = UNSET


class Statement(Struct, gc=False):
    """One xAPI statement, as Unspun exports it and reads it back."""

    id: Uuid
    actor: Agent
    verb: Verb
    object: Activity
    timestamp: Timestamp
    result: Result | UnsetType = UNSET
    context: Context | UnsetType = UNSET
    version: Annotated[str, Meta(pattern=r"^1\.0\.\d+$", max_length=20)] | UnsetType = UNSET
    stored: Timestamp | UnsetType = UNSET


class LrsReply(Struct, gc=False):
    """The shape an LRS answers a statements query with."""

    statements: list[Statement]
    more: str | UnsetType = UNSET


#: A results file: a JSON array of statements, or an LRS's reply holding one.
ResultsFile = list[Statement] | LrsReply

DECODER = msgspec.json.Decoder(ResultsFile)

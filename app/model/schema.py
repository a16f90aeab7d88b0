"""The typed model of a lesson pack, as msgspec Structs.

These Structs mirror ``shared/spec/pack-format.md`` field for field, in the shape the YAML has,
so that the same definitions drive conversion, validation of field types and the generated JSON
Schema. Rules that span fields or files (unique ids, quotes that must occur, references to
sources and techniques, paths) live in ``check.py``.

Everything here is frozen: the UI reads a pack, it never edits one.
"""

from __future__ import annotations

from typing import Annotated, Literal

import msgspec
from msgspec import Meta, Struct, field

FORMAT_VERSIONS_READ = (1,)

SLUG_PATTERN = r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$"
LANGUAGE_PATTERN = r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$"
COLOR_PATTERN = r"^#[0-9A-Fa-f]{6}$"
URL_PATTERN = r"^[Hh][Tt][Tt][Pp][Ss]?://[^\s/?#]+([/?#]\S*)?$"
NONBLANK_PATTERN = r"\S"

Slug = Annotated[
    str,
    Meta(pattern=SLUG_PATTERN, max_length=64, description="a slug: lowercase letters, digits and single hyphens"),
]
#: A required string: must hold something other than whitespace.
Text = Annotated[str, Meta(pattern=NONBLANK_PATTERN, description="text, not empty")]
#: Markdown that must hold something (CommonMark with tables and strikethrough, no raw HTML).
Markdown = Annotated[str, Meta(pattern=NONBLANK_PATTERN, description="Markdown")]
#: Optional Markdown may be empty.
OptionalMarkdown = Annotated[str, Meta(description="Markdown")]
#: A relative path inside the pack, using "/".
PackPath = Annotated[str, Meta(pattern=NONBLANK_PATTERN, description="a relative path inside the pack")]
Color = Annotated[str, Meta(pattern=COLOR_PATTERN, description="#rrggbb")]
Url = Annotated[str, Meta(pattern=URL_PATTERN, description="an http or https URL with a host")]
Language = Annotated[str, Meta(pattern=LANGUAGE_PATTERN, description="a language tag such as en or en-GB")]
NonNegativeInt = Annotated[int, Meta(ge=0)]
PositiveInt = Annotated[int, Meta(ge=1)]
Fraction = Annotated[float, Meta(ge=0, le=1)]


class Model(Struct, kw_only=True, frozen=True, forbid_unknown_fields=True):
    """Base for every pack Struct: keyword-only, immutable, unknown fields refused."""


# ---------------------------------------------------------------- manifest (pack.yaml)


class Author(Model, kw_only=True, frozen=True):
    name: Text
    contact: str | None = None


class Source(Model, kw_only=True, frozen=True):
    title: Text
    author: str | None = None
    publisher: str | None = None
    date: str | None = None
    #: plain text
    note: str | None = None
    url: Url | None = None


class Technique(Model, kw_only=True, frozen=True):
    label: Text
    description: OptionalMarkdown | None = None
    color: Color | None = None


class Term(Model, kw_only=True, frozen=True):
    term: Text
    definition: Markdown
    native: str | None = None
    romanization: str | None = None


class Manifest(Model, kw_only=True, frozen=True):
    """The contents of ``pack.yaml``."""

    format: int
    id: Slug
    title: Text
    version: str | None = None
    language: Language = "en"
    description: OptionalMarkdown | None = None
    authors: list[Author] = []
    license: str | None = None
    sources: dict[Slug, Source] = {}
    techniques: dict[Slug, Technique] = {}
    glossary: list[Term] = []
    modules: Annotated[list[PackPath], Meta(min_length=1)]


# ---------------------------------------------------------------- artefacts


class Engagement(Model, kw_only=True, frozen=True):
    reposts: NonNegativeInt | None = None
    comments: NonNegativeInt | None = None
    likes: NonNegativeInt | None = None


Region = Annotated[list[float], Meta(min_length=4, max_length=4, description="[x, y, width, height] as fractions")]


class Annotation(Model, kw_only=True, frozen=True):
    """A note pinned to a quote of an artefact's text or to a region of its image."""

    note: Markdown
    technique: Slug | None = None
    quote: Text | None = None
    occurrence: PositiveInt | None = None
    #: the words of ``quote`` that alone find it in a find-it-first task (section 6)
    key: Text | None = None
    region: Region | None = None


Medium = Literal["post", "headline", "article", "message"]


class Artefact(Model, kw_only=True, frozen=True):
    """An example object: a post, headline, article excerpt or message (annotations optional)."""

    title: str | None = None
    medium: Medium
    platform: str | None = None
    author: str | None = None
    date: str | None = None
    illustrative: bool = False
    #: plain text
    text: Text | None = None
    #: plain text
    translation: str | None = None
    image: PackPath | None = None
    alt: Text | None = None
    engagement: Engagement | None = None
    task: OptionalMarkdown | None = None
    annotations: list[Annotation] = []
    sources: list[Slug] = []


# ---------------------------------------------------------------- step kinds


class Reading(Model, kw_only=True, frozen=True):
    title: str | None = None
    body: Markdown
    sources: list[Slug] = []


class Example(Artefact, kw_only=True, frozen=True):
    """The ``example`` step: an artefact whose annotations are required."""

    annotations: Annotated[list[Annotation], Meta(min_length=1)]


class Compare(Model, kw_only=True, frozen=True):
    title: str | None = None
    examples: Annotated[list[Artefact], Meta(min_length=2, max_length=4)]
    question: Markdown
    takeaway: OptionalMarkdown | None = None


class Reflect(Model, kw_only=True, frozen=True):
    prompt: Markdown
    min_words: NonNegativeInt = 0


# ---------------------------------------------------------------- questions


class Choice(Model, kw_only=True, frozen=True):
    text: Text
    correct: bool = False
    feedback: OptionalMarkdown | None = None


class Pair(Model, kw_only=True, frozen=True):
    left: Text
    right: Text


class Target(Model, kw_only=True, frozen=True):
    quote: Text
    occurrence: PositiveInt | None = None
    #: the words of ``quote`` that alone find the target (section 6)
    key: Text | None = None
    technique: Slug | None = None
    note: OptionalMarkdown | None = None


class CategoryItem(Model, kw_only=True, frozen=True):
    text: Text
    category: Text


class QuestionBase(Model, tag_field="type", kw_only=True, frozen=True):
    """Fields every question has. ``type`` is the tag that picks the subclass."""

    id: Slug
    prompt: Markdown
    points: Annotated[float, Meta(gt=0)] = 1.0
    explanation: OptionalMarkdown | None = None
    hint: OptionalMarkdown | None = None
    sources: list[Slug] = []
    techniques: list[Slug] = []


class Single(QuestionBase, tag="single", kw_only=True, frozen=True):
    choices: Annotated[list[Choice], Meta(min_length=2)]
    shuffle: bool = True


class Multiple(QuestionBase, tag="multiple", kw_only=True, frozen=True):
    choices: Annotated[list[Choice], Meta(min_length=2)]
    shuffle: bool = True


class TrueFalse(QuestionBase, tag="true_false", kw_only=True, frozen=True):
    answer: bool


class Short(QuestionBase, tag="short", kw_only=True, frozen=True):
    answers: Annotated[list[str], Meta(min_length=1)]


class Order(QuestionBase, tag="order", kw_only=True, frozen=True):
    items: Annotated[list[Text], Meta(min_length=2)]


class Match(QuestionBase, tag="match", kw_only=True, frozen=True):
    pairs: Annotated[list[Pair], Meta(min_length=2)]


class Spot(QuestionBase, tag="spot", kw_only=True, frozen=True):
    #: plain text
    text: Text
    targets: Annotated[list[Target], Meta(min_length=1)]


class Categorize(QuestionBase, tag="categorize", kw_only=True, frozen=True):
    categories: Annotated[list[Text], Meta(min_length=2)]
    items: Annotated[list[CategoryItem], Meta(min_length=1)]


class Judge(QuestionBase, tag="judge", kw_only=True, frozen=True):
    item: Artefact
    reliable: bool


Question = Single | Multiple | TrueFalse | Short | Order | Match | Spot | Categorize | Judge
QUESTION_TYPES: dict[str, type[QuestionBase]] = {
    cls.__struct_config__.tag: cls  # type: ignore[misc]
    for cls in (Single, Multiple, TrueFalse, Short, Order, Match, Spot, Categorize, Judge)
}


class Quiz(Model, kw_only=True, frozen=True):
    title: str | None = None
    mode: Literal["practice", "test"] = "practice"
    pass_mark: Annotated[float, Meta(gt=0, le=1)] = field(default=0.7, name="pass")
    shuffle: bool = False
    measure: Literal["pre", "post"] | None = None
    questions: Annotated[list[Question], Meta(min_length=1)]


# ---------------------------------------------------------------- module file

StepKind = Literal["reading", "example", "compare", "quiz", "reflect"]
STEP_KINDS: tuple[str, ...] = ("reading", "example", "compare", "quiz", "reflect")
StepContent = Reading | Example | Compare | Quiz | Reflect


class Step(Model, kw_only=True, frozen=True):
    """A step: exactly one of the kind keys is set (``check.py`` enforces "exactly one")."""

    id: Slug | None = None
    reading: Reading | None = None
    example: Example | None = None
    compare: Compare | None = None
    quiz: Quiz | None = None
    reflect: Reflect | None = None

    @property
    def kind(self) -> str:
        """Name the step's kind: reading, example, compare, quiz or reflect."""
        for name in STEP_KINDS:
            if getattr(self, name) is not None:
                return name
        raise ValueError("step has no kind")  # the loader never lets such a step through

    @property
    def content(self) -> StepContent:
        """Return the kind's own object (a Reading, Example, Compare, Quiz or Reflect)."""
        return getattr(self, self.kind)  # type: ignore[no-any-return]


class Lesson(Model, kw_only=True, frozen=True):
    id: Slug
    title: Text
    steps: Annotated[list[Step], Meta(min_length=1)]


class Module(Model, kw_only=True, frozen=True):
    """The contents of one module file."""

    id: Slug
    title: Text
    summary: OptionalMarkdown | None = None
    objectives: list[Text] = []
    minutes: PositiveInt | None = None
    lessons: Annotated[list[Lesson], Meta(min_length=1)]


def step_key(step: Step, position: int) -> str:
    """Name a step for progress: its id, or its 1-based position when it has none."""
    return step.id if step.id is not None else f"#{position + 1}"


def json_schema(root: type) -> dict[str, object]:
    """Generate the JSON Schema of a pack file's root type (``Manifest`` or ``Module``)."""
    return msgspec.json.schema(root)

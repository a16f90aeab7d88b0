"""The rules of the pack format that msgspec cannot express: ids, references, quotes, paths.

The checks run over the typed Structs (which ``convert.py`` has already validated field by field)
and report at the YAML node each problem concerns. Locations are built as cheap linked tuples
``(parent, key)`` while walking and turned into a node, and so a line and column, only when a
problem is reported.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Any, assert_never

import msgspec.inspect as mi
import msgspec.structs

from app.model import schema
from app.model.images import MAX_IMAGE_BYTES, ImageRefusedError, extension_mismatch, sniff_image
from app.model.item_writing import PlacedQuestion, item_writing_findings
from app.model.limits import MAX_PROBLEMS_PER_FILE
from app.model.marks import key_span
from app.model.problems import Problem, Severity
from app.model.quotes import find_occurrence
from app.model.schema import (
    Annotation,
    Artefact,
    Categorize,
    Compare,
    Example,
    Judge,
    Manifest,
    Match,
    Module,
    Multiple,
    Order,
    Question,
    Quiz,
    Reading,
    Reflect,
    Short,
    Single,
    Spot,
    TrueFalse,
)
from app.model.source import PackFileError, PackSource
from app.model.text import SCHEME_PATTERN, normalize_answer, pack_path, scan_markdown
from app.model.yamlload import Mapping, Node, Scalar, Sequence

#: A location in a file's node tree: ``None`` for the root, else ``(parent location, key or index)``.
Loc = tuple[Any, str | int] | None

MANIFEST_FILE = "pack.yaml"

_WEB_SCHEMES = frozenset({"http", "https"})


# ---------------------------------------------------------------- locations


def resolve(root: Node | None, loc: Loc, *, key: bool = False) -> Node | None:
    """Return the node at ``loc`` (its key node when ``key``), or the nearest node above it."""
    steps: list[str | int] = []
    while loc is not None:
        loc, step = loc
        steps.append(step)
    node = root
    last = len(steps) - 1
    for position, step in enumerate(reversed(steps)):
        if isinstance(step, str) and isinstance(node, Mapping):
            for key_node, value in node.items:
                if getattr(key_node, "value", None) == step:
                    node = key_node if key and position == last else value
                    break
            else:
                return node  # a field left out: point at the mapping that lacks it
        elif isinstance(step, int) and isinstance(node, Sequence) and step < len(node.items):
            node = node.items[step]
        else:
            return node
    return node


# ---------------------------------------------------------------- paths




def check_module_paths(
    manifest_root: Node | None, source: PackSource
) -> tuple[list[tuple[str, Node]], list[Problem]]:
    """Check the manifest's module paths; return (path inside the pack, its node) for each usable one."""
    problems: list[Problem] = []
    modules = resolve(manifest_root, (None, "modules")) if isinstance(manifest_root, Mapping) else None
    if not isinstance(modules, Sequence):
        return [], problems
    usable: list[tuple[str, Node]] = []
    first_line: dict[str, int] = {}
    for item in modules.items:
        if not (isinstance(item, Scalar) and item.kind == "str"):
            continue  # the schema walk reports it
        normalized, wrong = pack_path(item.value)  # type: ignore[arg-type]
        message = None
        if wrong:
            message = f"module {wrong}"
        elif normalized == MANIFEST_FILE:
            message = "a pack that names itself as a module: `pack.yaml` is the manifest, not a module"
        elif normalized in first_line:
            message = f"module `{item.value}` is listed twice (first at line {first_line[normalized]})"
        elif not source.exists(normalized):  # type: ignore[arg-type]
            message = f"module file `{item.value}` is not in the pack"
        if normalized and normalized not in first_line:
            first_line[normalized] = item.line
        if message:
            problems.append(Problem(MANIFEST_FILE, item.line, item.column, "error", message))
        else:
            usable.append((normalized, item))  # type: ignore[arg-type]
    return usable, problems


# ---------------------------------------------------------------- Markdown fields per Struct


_MARKDOWN_FIELDS: dict[type, tuple[str, ...]] = {}


def _is_markdown(t: mi.Type) -> bool:
    """Tell whether a field type is one of the schema's Markdown strings (by its description)."""
    if isinstance(t, mi.UnionType):
        return any(_is_markdown(member) for member in t.types)
    return isinstance(t, mi.Metadata) and (t.extra_json_schema or {}).get("description") == "Markdown"


def markdown_fields(cls: type) -> tuple[str, ...]:
    """Return the attribute names of the Markdown fields of Struct type ``cls`` (cached)."""
    names = _MARKDOWN_FIELDS.get(cls)
    if names is None:
        info = mi.type_info(cls)
        by_name = {f.name: f for f in info.fields}  # type: ignore[attr-defined]
        names = tuple(f.name for f in msgspec.structs.fields(cls) if _is_markdown(by_name[f.name].type))
        _MARKDOWN_FIELDS[cls] = names
    return names


_ENCODE_NAMES: dict[tuple[type, str], str] = {}


def _encode_name(cls: type, attr: str) -> str:
    """Return the YAML name of attribute ``attr`` (``pass_mark`` is written ``pass``)."""
    name = _ENCODE_NAMES.get((cls, attr))
    if name is None:
        name = next((f.encode_name for f in msgspec.structs.fields(cls) if f.name == attr), attr)
        _ENCODE_NAMES[(cls, attr)] = name
    return name


# ---------------------------------------------------------------- the checker


def _suggestion(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"; did you mean `{close[0]}`?" if close else ""


def closest_passage(text: str, quote: str) -> str | None:
    """Find the passage of ``text`` most like ``quote``, for "did you mean" messages."""
    if not text or not quote:
        return None
    window = text[:20_000]
    matcher = difflib.SequenceMatcher(None, autojunk=False)
    matcher.set_seq2(quote)
    best, best_ratio = None, 0.0
    # A near miss is often a character or two longer or shorter (a dropped full stop, a typo).
    for width in sorted(range(max(1, len(quote) - 3), len(quote) + 4), key=lambda w: abs(w - len(quote))):
        starts = range(0, max(1, len(window) - width + 1))
        step = max(1, len(starts) // 2000)  # bound the work on long texts
        for start in starts[::step]:
            candidate = window[start : start + width]
            matcher.set_seq1(candidate)
            if matcher.real_quick_ratio() <= best_ratio or matcher.quick_ratio() <= best_ratio:
                continue
            ratio = matcher.ratio()
            if ratio > best_ratio:
                best, best_ratio = candidate, ratio
    return best if best_ratio >= 0.4 else None


def _shown(text: str, limit: int = 60) -> str:
    """Quote ``text`` for a message, shortened and on one line."""
    flat = " ".join(text.split()) if "\n" in text else text
    if len(flat) > limit:
        flat = flat[: limit - 1] + "…"
    return f'"{flat}"'


def _keys(root: Node | None, field: str) -> frozenset[str] | None:
    """Return the string keys of mapping ``field`` of the manifest's node tree, or None if it has none."""
    if not isinstance(root, Mapping):
        return None
    table = resolve(root, (None, field))
    if table is root:
        return frozenset()  # the field is left out: there is nothing to cite
    if not isinstance(table, Mapping):
        return None
    return frozenset(str(getattr(key, "value", "")) for key, _ in table.items)


class PackChecker:
    """Check the manifest and modules of one pack; collect problems across files."""

    def __init__(self, source: PackSource, manifest: Manifest | None, manifest_root: Node | None) -> None:
        self.source = source
        self.manifest = manifest
        self.problems: list[Problem] = []
        # A manifest with errors still names its sources and techniques; check references to them.
        self.sources = frozenset(manifest.sources) if manifest else _keys(manifest_root, "sources")
        self.techniques = frozenset(manifest.techniques) if manifest else _keys(manifest_root, "techniques")
        self.used_sources: set[str] = set()
        self.used_techniques: set[str] = set()
        self.module_ids: dict[str, str] = {}
        self.measures: dict[str, str] = {}
        self._file_checks: dict[str, str | None] = {}
        self._image_checks: dict[str, tuple[Severity, str | None]] = {}
        self._file_lines: dict[str, list[str]] = {}
        self._counts: dict[str, int] = {}
        self._manifest_root = manifest_root
        #: every question of the pack with where it is, for the item-writing checks
        self.placed_questions: list[PlacedQuestion] = []
        self.file = MANIFEST_FILE
        self.root: Node | None = manifest_root

    # -- reporting

    def report(
        self,
        severity: Severity,
        loc: Loc,
        message: str,
        *,
        key: bool = False,
        at: tuple[int, int] | None = None,
    ) -> None:
        """Record a problem at the node ``loc`` names in the current file (or at line and column ``at``)."""
        count = self._counts.get(self.file, 0)
        if count > MAX_PROBLEMS_PER_FILE:
            return  # bounded memory for a hostile pack; the note below was already added
        self._counts[self.file] = count + 1
        node = resolve(self.root, loc, key=key)
        line, column = (node.line, node.column) if node is not None else (1, 1)
        if at is not None:
            line, column = at
        if count == MAX_PROBLEMS_PER_FILE:
            message = f"stopped checking after {MAX_PROBLEMS_PER_FILE:,} problems in this file"
            severity = "error"
        self.problems.append(Problem(self.file, line, column, severity, message))

    def error(self, loc: Loc, message: str, *, key: bool = False) -> None:
        """Record an error at ``loc``."""
        self.report("error", loc, message, key=key)

    def warning(self, loc: Loc, message: str, *, key: bool = False) -> None:
        """Record a warning at ``loc``."""
        self.report("warning", loc, message, key=key)

    def _line_of(self, loc: Loc) -> int:
        node = resolve(self.root, loc)
        return node.line if node is not None else 1

    # -- shared pieces

    def markdown(self, obj: Any, loc: Loc) -> None:
        """Check the Markdown fields of Struct ``obj``: citations, images and links."""
        for attr in markdown_fields(type(obj)):
            text = getattr(obj, attr)
            if not text or ("[" not in text and "<" not in text and "&" not in text):
                continue
            refs = scan_markdown(text)
            if not (refs.citations or refs.images or refs.links):
                continue
            field_loc = (loc, _encode_name(type(obj), attr))
            for cited in refs.citations:
                if self.sources is None:
                    continue
                if cited in self.sources:
                    self.used_sources.add(cited)
                else:
                    # at the cited key itself, not at the field's `body: |` line many lines above
                    found = self._text_position(field_loc, f"@{cited}")
                    self.report(
                        "error",
                        field_loc,
                        f"citation `[@{cited}]` names no source of pack.yaml"
                        f"{_suggestion(cited, self.sources) or self._listing(self.sources, 'sources')}",
                        at=None if found is None else (found[0], found[1] + 1),
                    )
            for image in refs.images:
                self.image(image, field_loc, in_text=True)
            for link in refs.links:
                scheme = SCHEME_PATTERN.match(link)
                if scheme is None or scheme.group(1).lower() not in _WEB_SCHEMES:
                    self.warning(
                        field_loc,
                        f"link `{link}` is not an http or https link; it does nothing in the application",
                    )

    @staticmethod
    def _listing(names: Iterable[str], what: str) -> str:
        ordered = sorted(names)
        if not ordered:
            return f"; pack.yaml has no `{what}`"
        shown = ", ".join(ordered[:12]) + (", …" if len(ordered) > 12 else "")
        return f" (the {what} are {shown})"

    def file_problem(self, path: str) -> str | None:
        """Say what is wrong with a file a pack names, or None when it is a file inside the pack."""
        if path in self._file_checks:
            return self._file_checks[path]
        normalized, wrong = pack_path(path)
        if wrong is None and not self.source.exists(normalized):  # type: ignore[arg-type]
            wrong = f"`{path}` is not a file in the pack"
        self._file_checks[path] = wrong
        return wrong

    def reference(self, kind: str, key: str | None, loc: Loc) -> None:
        """Check that ``key`` names one of the manifest's ``sources`` or ``techniques``."""
        if key is None:
            return
        table = self.sources if kind == "sources" else self.techniques
        if table is None:
            return
        if key in table:
            (self.used_sources if kind == "sources" else self.used_techniques).add(key)
            return
        noun = "source" if kind == "sources" else "technique"
        self.error(
            loc,
            f"`{key}` is not a {noun} of pack.yaml{_suggestion(key, table) or self._listing(table, kind)}",
        )

    def references(self, kind: str, keys: list[str], loc: Loc) -> None:
        """Check a list of source or technique keys."""
        for index, key in enumerate(keys):
            self.reference(kind, key, (loc, index))

    def unique(self, seen: dict[str, Loc], value: str, loc: Loc, what: str, scope: str) -> None:
        """Report ``value`` when ``seen`` already holds it; remember it otherwise."""
        first = seen.get(value)
        if first is None:
            seen[value] = loc
            return
        self.error(loc, f"{what} `{value}` is used twice in {scope} (first at line {self._line_of(first)})")

    # -- manifest

    def check_manifest(self) -> None:
        """Check pack.yaml: format version, Markdown fields."""
        manifest = self.manifest
        if manifest is None:
            return
        self.file, self.root = MANIFEST_FILE, self._manifest_root
        if manifest.format not in schema.FORMAT_VERSIONS_READ:
            versions = ", ".join(str(v) for v in schema.FORMAT_VERSIONS_READ)
            self.error(
                (None, "format"),
                f"`format` is {manifest.format}, but this build reads format version {versions}",
            )
        self.markdown(manifest, None)
        for key, technique in manifest.techniques.items():
            self.markdown(technique, ((None, "techniques"), key))
        for index, term in enumerate(manifest.glossary):
            self.markdown(term, ((None, "glossary"), index))

    def check_unused(self) -> None:
        """Warn about sources and techniques nothing uses (only when every module was checked)."""
        manifest = self.manifest
        if manifest is None:
            return
        self.file, self.root = MANIFEST_FILE, self._manifest_root
        for key in manifest.sources:
            if key not in self.used_sources:
                self.warning(
                    ((None, "sources"), key),
                    f"source `{key}` is never cited or listed in `sources`",
                    key=True,
                )
        for key in manifest.techniques:
            if key not in self.used_techniques:
                self.warning(((None, "techniques"), key), f"technique `{key}` is never used", key=True)

    def check_item_writing(self) -> None:
        """Warn about answer keys that test-taking cues beat and measures too thin to measure (every module read)."""

        def locate(where: tuple[str, Node | None, Loc]) -> tuple[str, int]:
            file, root, loc = where
            node = resolve(root, loc)
            return file, node.line if node is not None else 1

        for finding in item_writing_findings(self.placed_questions, locate):
            self.file, self.root, loc = finding.where
            self.warning(loc, finding.message)

    # -- modules

    def check_module(self, file: str, module: Module, root: Node | None) -> None:
        """Check one module file."""
        self.file, self.root = file, root
        first_file = self.module_ids.get(module.id)
        if first_file is None:
            self.module_ids[module.id] = file
        else:
            self.error((None, "id"), f"module id `{module.id}` is already used by `{first_file}`")
        self.markdown(module, None)
        lesson_ids: dict[str, Loc] = {}
        question_ids: dict[str, Loc] = {}
        for lesson_index, lesson in enumerate(module.lessons):
            lesson_loc: Loc = ((None, "lessons"), lesson_index)
            self.unique(lesson_ids, lesson.id, (lesson_loc, "id"), "lesson id", "this module")
            step_ids: dict[str, Loc] = {}
            for step_index, step in enumerate(lesson.steps):
                step_loc: Loc = ((lesson_loc, "steps"), step_index)
                if step.id is not None:
                    self.unique(step_ids, step.id, (step_loc, "id"), "step id", "this lesson")
                kind = step.kind
                content = step.content
                content_loc: Loc = (step_loc, kind)
                if isinstance(content, Reading):
                    self.markdown(content, content_loc)
                    self.references("sources", content.sources, (content_loc, "sources"))
                elif isinstance(content, Example):
                    self.artefact(content, content_loc)
                    if not content.sources:
                        self.warning(content_loc, "this example has no `sources`; say where it comes from")
                elif isinstance(content, Compare):
                    self.markdown(content, content_loc)
                    for index, example in enumerate(content.examples):
                        self.artefact(example, ((content_loc, "examples"), index))
                elif isinstance(content, Quiz):
                    self.quiz(content, content_loc, question_ids)
                elif isinstance(content, Reflect):
                    self.markdown(content, content_loc)

    def quiz(self, quiz: Quiz, loc: Loc, question_ids: dict[str, Loc]) -> None:
        """Check a quiz: its measure, and each question."""
        if quiz.measure is not None:
            where = f"{self.file}, line {self._line_of((loc, 'measure'))}"
            first = self.measures.get(quiz.measure)
            if first is None:
                self.measures[quiz.measure] = where
            else:
                self.error(
                    (loc, "measure"),
                    f"a second quiz with `measure: {quiz.measure}`; a pack has at most one "
                    f"(the first is in {first})",
                )
        measure_where = (self.file, self.root, (loc, "measure"))
        for index, question in enumerate(quiz.questions):
            question_loc: Loc = ((loc, "questions"), index)
            self.question(question, question_loc, question_ids)
            self.placed_questions.append(
                PlacedQuestion(question, quiz.measure, (self.file, self.root, question_loc), measure_where)
            )

    def question(self, question: Question, loc: Loc, question_ids: dict[str, Loc]) -> None:
        """Check one question: id, references, Markdown, and its type's own rules."""
        self.unique(question_ids, question.id, (loc, "id"), "question id", "this module")
        self.markdown(question, loc)
        self.references("sources", question.sources, (loc, "sources"))
        self.references("techniques", question.techniques, (loc, "techniques"))
        if question.explanation is None:
            self.warning(loc, f"question `{question.id}` has no `explanation` to show after answering")
        match question:
            case Single() | Multiple():
                self.choices(question, loc)
            case Short():
                for index, answer in enumerate(question.answers):
                    if not normalize_answer(answer):
                        self.error(
                            ((loc, "answers"), index),
                            f"answer {_shown(answer)} is empty once spaces and punctuation are removed, "
                            "so no response could match it",
                        )
            case Order():
                self.all_different(question.items, (loc, "items"), "item")
            case Match():
                self.all_different([p.left for p in question.pairs], (loc, "pairs"), "left", field="left")
                self.all_different([p.right for p in question.pairs], (loc, "pairs"), "right", field="right")
            case Spot():
                for index, target in enumerate(question.targets):
                    target_loc: Loc = ((loc, "targets"), index)
                    self.quote(question.text, target.quote, target.occurrence, (target_loc, "quote"))
                    self.key(target.quote, target.key, (target_loc, "key"))
                    self.reference("techniques", target.technique, (target_loc, "technique"))
                    self.markdown(target, target_loc)
            case Categorize():
                self.all_different(question.categories, (loc, "categories"), "category")
                categories = set(question.categories)
                for index, item in enumerate(question.items):
                    if item.category not in categories:
                        self.error(
                            (((loc, "items"), index), "category"),
                            f"category `{item.category}` is not one of the question's `categories` "
                            f"({', '.join(question.categories)}){_suggestion(item.category, categories)}",
                        )
            case Judge():
                self.artefact(question.item, (loc, "item"))
            case TrueFalse():
                pass  # the schema has already checked the one answer
            case _:
                assert_never(question)

    def choices(self, question: Single | Multiple, loc: Loc) -> None:
        """Check the correct choices of a single or multiple question."""
        for index, choice in enumerate(question.choices):
            self.markdown(choice, ((loc, "choices"), index))
        correct = sum(1 for choice in question.choices if choice.correct)
        if isinstance(question, Single) and correct != 1:
            self.error(
                (loc, "choices"),
                f"a single question needs exactly one choice with `correct: true`, but has {correct}",
            )
        elif isinstance(question, Multiple) and correct == 0:
            self.error((loc, "choices"), "a multiple question needs at least one choice with `correct: true`")

    def all_different(self, values: list[str], loc: Loc, what: str, *, field: str | None = None) -> None:
        """Report each value of ``values`` that repeats an earlier one, at the later one."""
        seen: dict[str, int] = {}
        for index, value in enumerate(values):
            item_loc: Loc = ((loc, index), field) if field else (loc, index)
            if value in seen:
                self.error(
                    item_loc,
                    f"{what} {_shown(value)} appears twice (first at line "
                    f"{self._line_of(((loc, seen[value]), field) if field else (loc, seen[value]))}); "
                    f"each {what} must be different",
                )
            else:
                seen[value] = index

    def quote(self, text: str | None, quote: str | None, occurrence: int | None, loc: Loc) -> None:
        """Check that ``quote`` occurs in ``text`` (its ``occurrence``-th time, without overlap)."""
        if text is None or quote is None:
            return
        if find_occurrence(text, quote, occurrence) is not None:
            return
        wanted = occurrence or 1
        if wanted > 1 and find_occurrence(text, quote, 1) is not None:
            count = 0
            while find_occurrence(text, quote, count + 1) is not None:
                count += 1
            times = "once" if count == 1 else f"{count} times"
            self.error(
                loc, f"quote {_shown(quote)} occurs {times} in `text`, so it has no occurrence {wanted}"
            )
            return
        closest = closest_passage(text, quote)
        hint = f"; the closest passage is {_shown(closest, 80)}" if closest else ""
        self.error(loc, f"quote {_shown(quote)} does not occur in `text` (quotes match exactly){hint}")

    def key(self, quote: str | None, key: str | None, loc: Loc) -> None:
        """Check that a target's ``key`` is whole words of its ``quote``."""
        if quote is None or key is None:
            return
        if key_span(quote, (0, len(quote)), key) is None:
            self.error(loc, f"key {_shown(key)} is not a whole word or words of the quote {_shown(quote)}")

    def artefact(self, artefact: Artefact, loc: Loc) -> None:
        """Check an example object: text or image, alt, engagement, image file, annotations."""
        self.markdown(artefact, loc)
        self.references("sources", artefact.sources, (loc, "sources"))
        if artefact.text is None and artefact.image is None:
            self.error(loc, "an example needs `text` or `image`")
        if artefact.image is not None:
            self.image(artefact.image, (loc, "image"))
            if artefact.alt is None:
                self.error(
                    loc, "missing required field `alt`: an example with an `image` needs a text alternative"
                )
        elif artefact.alt is not None:
            self.error((loc, "alt"), "`alt` describes an `image`, but this example has none")
        if artefact.engagement is not None and artefact.medium != "post":
            self.error(
                (loc, "engagement"),
                f"`engagement` is only allowed on a `post`, and this example is a `{artefact.medium}`",
                key=True,
            )
        for index, annotation in enumerate(artefact.annotations):
            self.annotation(artefact, annotation, ((loc, "annotations"), index))

    def image(self, path: str, loc: Loc, *, in_text: bool = False) -> None:
        """Check an image the pack shows (an example's, or one in Markdown when ``in_text``): a file
        inside the pack, PNG, JPEG, GIF or WebP by its bytes, within the pixel cap, not damaged.

        A Markdown image's problem is reported at the line of the text that names it."""
        problem = self.file_problem(path)
        if problem:
            severity: Severity = "error"
            message: str | None = f"image {problem}"
        else:
            if path not in self._image_checks:
                self._image_checks[path] = self._image_verdict(path)
            severity, message = self._image_checks[path]
        if message:
            self.report(severity, loc, message, at=self._text_position(loc, path) if in_text else None)

    def _image_verdict(self, path: str) -> tuple[Severity, str | None]:
        normalized, _ = pack_path(path)
        try:
            data = self.source.read_bytes(normalized, limit=MAX_IMAGE_BYTES)  # type: ignore[arg-type]
        except PackFileError as error:
            return "error", f"image `{path}` cannot be read: {error}"
        try:
            info = sniff_image(data)
        except ImageRefusedError as refused:
            return "error", f"image `{path}` {refused.reason}"
        mismatch = extension_mismatch(path, info)
        return ("warning", f"image `{path}` {mismatch}") if mismatch else ("warning", None)

    def _text_position(self, loc: Loc, needle: str) -> tuple[int, int] | None:
        """Find the line and column where the text field at ``loc`` names ``needle`` in the file."""
        node = resolve(self.root, loc)
        if not isinstance(node, Scalar) or not isinstance(node.value, str):
            return None
        lines = self._file_lines.get(self.file)
        if lines is None:
            try:
                lines = self.source.read_bytes(self.file).decode("utf-8", "replace").splitlines()
            except (PackFileError, OSError):
                lines = []
            self._file_lines = {self.file: lines}  # one file at a time: the checker goes file by file
        last = min(len(lines), node.line + node.value.count("\n") + 2)
        for number in range(node.line, last + 1):
            column = lines[number - 1].find(needle)
            if column >= 0:
                return number, column + 1
        return None

    def annotation(self, artefact: Artefact, annotation: Annotation, loc: Loc) -> None:
        """Check an annotation: quote or region, where it points, and its technique."""
        self.markdown(annotation, loc)
        self.reference("techniques", annotation.technique, (loc, "technique"))
        if annotation.quote is None and annotation.region is None:
            self.error(loc, "an annotation needs `quote` or `region`")
        elif annotation.quote is not None and annotation.region is not None:
            self.error((loc, "region"), "an annotation has `quote` or `region`, not both", key=True)
        if annotation.occurrence is not None and annotation.quote is None:
            self.error((loc, "occurrence"), "`occurrence` is only allowed with `quote`", key=True)
        if annotation.quote is not None:
            if artefact.text is None:
                self.error((loc, "quote"), "`quote` needs the example's `text`, but this example has none")
            else:
                self.quote(artefact.text, annotation.quote, annotation.occurrence, (loc, "quote"))
        if annotation.key is not None and annotation.quote is None:
            self.error((loc, "key"), "`key` is only allowed with `quote`", key=True)
        else:
            self.key(annotation.quote, annotation.key, (loc, "key"))
        if annotation.region is not None:
            if artefact.image is None:
                self.error((loc, "region"), "`region` needs the example's `image`, but this example has none")
            self.region(annotation.region, (loc, "region"))

    def region(self, region: list[float], loc: Loc) -> None:
        """Check that a region lies inside its image, as fractions of it."""
        x, y, width, height = region
        wrong = []
        if x < 0:
            wrong.append("x is below 0")
        if y < 0:
            wrong.append("y is below 0")
        if width <= 0:
            wrong.append("width must be above 0")
        if height <= 0:
            wrong.append("height must be above 0")
        if x + width > 1:
            wrong.append(f"x + width is {x + width:g}, more than 1")
        if y + height > 1:
            wrong.append(f"y + height is {y + height:g}, more than 1")
        if wrong:
            self.error(
                loc,
                f"`region` [x, y, width, height] must lie inside the image, as fractions of it: {'; '.join(wrong)}",
            )

"""What Moodle XML and GIFT share: the questions a bank holds, categories, judge items as text,
the import result, and the writer that turns imported questions into a pack that validates.

A bank is untrusted input. Readers raise ``BankError`` with one plain sentence for a file they
cannot read at all; a question they cannot convert is a ``Skipped`` with its line, and the rest
still imports. ``write_pack`` builds the pack in a temporary folder beside the target, checks it
with the pack loader, and only then moves it into place, so a failed import leaves nothing behind.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from app.model import atomic
from app.model.images import ImageRefusedError, sniff_image
from app.model.limits import MIB
from app.model.pack import Pack
from app.model.schema import Judge, Lesson, Module, Question, Reflect, Spot, step_key
from app.model.text import CITATION_PATTERN

#: a bank larger than this is refused before it is parsed (a bank with images is a few MiB)
MAX_BANK_BYTES = 32 * MIB
#: one embedded image or file at most
MAX_ASSET_BYTES = 8 * MIB
#: questions read from one bank at most
MAX_BANK_QUESTIONS = 20_000

#: the rating scale of a judge question, as the xAPI definition and the app label it
JUDGE_SCALE = ("1 not at all reliable", "2", "3", "4", "5", "6 very reliable")
#: tags that let a bank written by Unspun come back as the same question types
TYPE_TAG_PREFIX = "unspun-type-"
MEDIUM_TAG_PREFIX = "unspun-medium-"
#: what Moodle calls the part of a category path that stands for the course's question bank
CATEGORY_CONTEXTS = ("$course$", "$cat1$", "$module$", "$system$", "$quiz$")

_SLUG_RUN = re.compile(r"[^a-z0-9]+")
_IMAGE = re.compile(r"!\[([^\]]*)\]\(\s*<?([^)\s>]+)>?\s*\)")


class BankError(Exception):
    """A bank that cannot be read or written at all; the message says why in one sentence."""


# ---------------------------------------------------------------- export side


@dataclass(frozen=True, slots=True)
class BankItem:
    """A question (or a reflect step) of a pack, with the module and lesson it sits in."""

    module: Module
    lesson: Lesson
    step: str
    question: Question | None = None
    reflect: Reflect | None = None

    @property
    def where(self) -> str:
        """Name the item as ``module/lesson/question`` for warnings."""
        name = self.question.id if self.question is not None else f"step {self.step}"
        return f"{self.module.id}/{self.lesson.id}/{name}"


def bank_items(pack: Pack) -> Iterator[BankItem]:
    """Yield every question and reflect step of the pack in the order learners meet them."""
    for module in pack.modules:
        for lesson in module.lessons:
            for position, step in enumerate(lesson.steps):
                key = step_key(step, position)
                if step.quiz is not None:
                    for question in step.quiz.questions:
                        yield BankItem(module, lesson, key, question=question)
                elif step.reflect is not None:
                    yield BankItem(module, lesson, key, reflect=step.reflect)


@dataclass(slots=True)
class ExportResult:
    """A written bank: its bytes, how many questions it holds, and one warning per question left out."""

    data: bytes
    count: int
    warnings: list[str] = field(default_factory=list)


def unmapped_reason(question: Question, fmt: str) -> str | None:
    """Say why ``question`` has no equivalent in ``fmt`` ("moodle-xml" or "gift"), or None when it has one."""
    if isinstance(question, Spot):
        return "a spot question (selecting passages of a text) has no Moodle question type"
    if fmt == "gift" and question.__struct_config__.tag == "order":
        return "GIFT has no ordering question; export to Moodle XML to keep it"
    return None


def category_path(*titles: str) -> str:
    """Build a Moodle category path: ``$course$/Module/Lesson``, a ``/`` inside a title doubled."""
    return "/".join(["$course$", *(title.replace("/", "//") for title in titles)])


def parse_category(path: str) -> tuple[str, ...]:
    """Split a Moodle category path into its titles, dropping the context and the ``top`` category."""
    parts = [part.replace("\x00", "/").strip() for part in path.replace("//", "\x00").split("/")]
    parts = [part for part in parts if part]
    if parts and parts[0].lower() in CATEGORY_CONTEXTS:
        parts = parts[1:]
    if parts and parts[0].lower() in ("top", "default"):
        parts = parts[1:]
    return tuple(parts)


def with_readable_citations(text: str, pack: Pack) -> str:
    """Write ``[@key, para 4]`` as a link a Moodle reader can follow: ``[OZY, para 4](url)``."""
    if "[@" not in text:
        return text

    def replace(match: re.Match[str]) -> str:
        source = pack.manifest.sources.get(match.group(1))
        if source is None:
            return match.group(0)
        label = source.author or source.publisher or source.title
        if match.group(2):
            label = f"{label}, {match.group(2).strip()}"
        label = escape_markdown(label)
        return f"[{label}]({source.url})" if source.url else f"({label})"

    return CITATION_PATTERN.sub(replace, text)


def markdown_images(text: str) -> list[str]:
    """Return the paths of the Markdown images in ``text`` (pack-relative in a pack's own text)."""
    return [match.group(2) for match in _IMAGE.finditer(text)]


def replace_images(text: str, new_src: Callable[[str, str], str]) -> str:
    """Rewrite every Markdown image ``![alt](src)`` as ``new_src(alt, src)``."""
    return _IMAGE.sub(lambda match: new_src(match.group(1), match.group(2)), text)


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")


def escape_markdown(text: str) -> str:
    """Backslash-escape the characters Markdown would read as markup, so ``text`` shows as written."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def unescape_markdown(text: str) -> str:
    """Undo ``escape_markdown``."""
    return re.sub(r"\\([\\`*_\[\]<>#|~])", r"\1", text)


_JUDGE_RULE = "\n\n---\n\n"
_JUDGE_FIELDS = ("title", "platform", "author", "date")


def judge_markdown(question: Judge, image_src: Callable[[str], str]) -> str:
    """Write a judge question's prompt and item as one Markdown text, which ``parse_judge_markdown`` reads back.

    The item is shown after a rule: its medium, labelled fields, the text as a quotation, the
    translation and the picture. ``image_src`` maps the item's image path to what the bank uses.
    """
    item = question.item
    lines = [f"**{item.medium.capitalize()}**" + (" (illustrative example)" if item.illustrative else "")]
    for name in _JUDGE_FIELDS:
        value = getattr(item, name)
        if value:
            lines.append(f"{name.capitalize()}: {escape_markdown(value)}")
    if item.engagement is not None:
        counts = [
            f"{name.capitalize()}: {getattr(item.engagement, name)}"
            for name in ("reposts", "comments", "likes")
            if getattr(item.engagement, name) is not None
        ]
        if counts:
            lines.append(" · ".join(counts))
    blocks = ["\\\n".join(lines)]
    if item.text:
        blocks.append(_quoted(item.text))
    if item.translation:
        blocks.append("Translation:")
        blocks.append(_quoted(item.translation))
    if item.image:
        blocks.append(f"![{escape_markdown(item.alt or '')}]({image_src(item.image)})")
    return question.prompt + _JUDGE_RULE + "\n\n".join(blocks)


def _quoted(text: str) -> str:
    """Quote plain text as a Markdown block quote that shows every line as written."""
    return "\n".join("> " + escape_markdown(line) + ("\\" if i < len(text.splitlines()) - 1 else "")
                     for i, line in enumerate(text.splitlines()))


def _unquoted(block: str) -> str:
    lines = [line[2:] if line.startswith("> ") else line.lstrip(">") for line in block.splitlines()]
    return "\n".join(unescape_markdown(line[:-1] if line.endswith("\\") else line) for line in lines)


def parse_judge_markdown(text: str, medium: str | None) -> tuple[str, dict[str, Any]] | None:
    """Read back ``judge_markdown``: the prompt and the item as a pack's YAML would hold it, or None."""
    if _JUDGE_RULE not in text:
        return None
    prompt, rest = text.rsplit(_JUDGE_RULE, 1)
    blocks = rest.split("\n\n")
    header = blocks.pop(0).split("\\\n")
    match = re.fullmatch(r"\*\*(\w+)\*\*( \(illustrative example\))?", header[0].strip())
    if match is None:
        return None
    item: dict[str, Any] = {"medium": (medium or match.group(1)).lower()}
    if match.group(2):
        item["illustrative"] = True
    for line in header[1:]:
        name, _, value = line.partition(": ")
        key = name.lower()
        if key in _JUDGE_FIELDS:
            item[key] = unescape_markdown(value)
        elif key in ("reposts", "comments", "likes"):
            engagement = {}
            for part in line.split(" · "):
                label, _, number = part.partition(": ")
                if label.lower() in ("reposts", "comments", "likes") and number.strip().isdigit():
                    engagement[label.lower()] = int(number)
            item["engagement"] = engagement
    translation_next = False
    for block in blocks:
        if block.strip() == "Translation:":
            translation_next = True
        elif block.startswith(">"):
            item["translation" if translation_next else "text"] = _unquoted(block)
            translation_next = False
        else:
            image = _IMAGE.fullmatch(block.strip())
            if image is not None:
                item["image"], item["alt"] = image.group(2), unescape_markdown(image.group(1)) or "Picture of the item"
    if item["medium"] not in ("post", "headline", "article", "message"):
        item["medium"] = "post"
    if "text" not in item and "image" not in item:
        return None
    return prompt, item


def fraction_text(percent: float) -> str:
    """Write a Moodle answer fraction in percent the way Moodle writes them (``33.33333``)."""
    text = f"{percent:.7f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def multiple_fractions(correct_count: int) -> tuple[float, float]:
    """Percent for a right and for a wrong choice so that Moodle scores as section 6 does.

    Unspun scores max(0, (right picked - wrong picked) / right count); giving each right choice
    100/k and each wrong one -100/k, with Moodle's floor at zero, is the same rule.
    """
    share = 100.0 / correct_count
    return share, -share


# ---------------------------------------------------------------- import side


@dataclass(slots=True)
class ImportedQuestion:
    """A question converted to the shape of a pack's YAML (``question``), or a reflect step (``reflect``)."""

    category: tuple[str, ...]
    line: int
    name: str
    question: dict[str, Any] | None = None
    reflect: dict[str, Any] | None = None


@dataclass(slots=True)
class Skipped:
    """A question of the bank that could not be converted, with the line it starts on."""

    line: int
    reason: str


@dataclass(slots=True)
class ImportResult:
    """What a reader found: converted questions, skipped ones, notes on what changed, and embedded files."""

    questions: list[ImportedQuestion] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    notes: list[Skipped] = field(default_factory=list)
    assets: dict[str, bytes] = field(default_factory=dict)


def slugify(text: str, fallback: str = "item") -> str:
    """Make a pack slug from any name: lower case ASCII letters, digits and single hyphens, at most 64."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    slug = _SLUG_RUN.sub("-", ascii_text).strip("-")[:64].strip("-")
    if not slug or not slug[0].isalpha():
        slug = f"{fallback}-{slug}".strip("-")[:64].strip("-")
    return slug


def unique_slug(base: str, taken: set[str]) -> str:
    """Return ``base`` or ``base-2``, ``base-3``... whichever is not yet in ``taken``, and take it."""
    slug, number = base, 1
    while slug in taken:
        number += 1
        suffix = f"-{number}"
        slug = base[: 64 - len(suffix)].rstrip("-") + suffix
    taken.add(slug)
    return slug


def image_problem(data: bytes) -> str | None:
    """Say why ``data`` is not an image a pack may show (``app.model.images``), or None when it is."""
    try:
        sniff_image(data)
    except ImageRefusedError as refused:
        return refused.reason
    return None


def safe_asset_name(name: str, taken: set[str]) -> str:
    """Name an embedded file inside ``assets/``: a slug with its extension, never a path."""
    stem, dot, extension = Path(name.replace("\\", "/")).name.rpartition(".")
    if not dot:
        stem, extension = extension, "png"
    extension = re.sub(r"[^a-z0-9]", "", extension.lower())[:5] or "png"
    return unique_slug(slugify(stem, "image")[:50], taken) + "." + extension


def imported_markdown(text: str, assets: dict[str, bytes]) -> tuple[str, list[str]]:
    """Make text from a bank safe as pack Markdown; return it and notes on what was changed.

    An image whose file the bank did not hold becomes its description; ``[@word]``, which a pack
    would read as a citation of a source it does not have, gets a space after the bracket.
    """
    notes: list[str] = []

    def image(alt: str, src: str) -> str:
        if src.startswith("assets/") and src[len("assets/") :] in assets:
            return f"![{alt}]({src})"
        notes.append(f"the image {src} is not in the bank; its description is kept instead")
        return alt or "(picture)"

    text = replace_images(text, image)
    if "[@" in text:
        text = CITATION_PATTERN.sub(lambda match: "[ " + match.group(0)[1:], text)
    return text.strip(), notes


class _PackDumper(yaml.SafeDumper):  # type: ignore[misc]
    """Dump plain data as block YAML without anchors (the pack format forbids them)."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _str_presenter(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value and not any(line != line.rstrip() for line in value.splitlines()) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_PackDumper.add_representer(str, _str_presenter)


def dump_yaml(data: Any) -> str:
    """Write pack YAML: block style, Unicode as is, keys in the order given."""
    return str(yaml.dump(data, Dumper=_PackDumper, sort_keys=False, allow_unicode=True, width=100))


@dataclass(slots=True)
class WrittenPack:
    """Where an import wrote its pack, and what it holds."""

    path: Path
    modules: int
    questions: int
    reflects: int


def build_modules(result: ImportResult) -> list[dict[str, Any]]:
    """Group imported questions into modules (first category) and lessons (the rest of the path)."""
    modules: dict[str, dict[str, Any]] = {}
    module_ids: set[str] = set()
    question_ids: dict[str, set[str]] = {}
    lesson_ids: dict[str, set[str]] = {}
    for imported in result.questions:
        module_title = imported.category[0] if imported.category else "Imported questions"
        lesson_title = " / ".join(imported.category[1:]) or module_title
        module = modules.get(module_title)
        if module is None:
            module_id = unique_slug(slugify(module_title, "module"), module_ids)
            module = modules[module_title] = {"id": module_id, "title": module_title, "lessons": []}
            question_ids[module_id], lesson_ids[module_id] = set(), set()
        lesson = next((item for item in module["lessons"] if item["title"] == lesson_title), None)
        if lesson is None:
            lesson = {"id": unique_slug(slugify(lesson_title, "lesson"), lesson_ids[module["id"]]),
                      "title": lesson_title, "steps": []}
            module["lessons"].append(lesson)
        steps = lesson["steps"]
        if imported.reflect is not None:
            steps.append({"reflect": imported.reflect})
            continue
        assert imported.question is not None
        question = dict(imported.question)
        question["id"] = unique_slug(slugify(imported.name or "question", "q"), question_ids[module["id"]])
        question = {"id": question.pop("id"), **question}
        if not steps or "quiz" not in steps[-1]:
            steps.append({"quiz": {"questions": []}})
        steps[-1]["quiz"]["questions"].append(question)
    return list(modules.values())


def write_pack(result: ImportResult, target: Path, *, pack_id: str, title: str) -> WrittenPack:
    """Write ``result`` as a pack folder at ``target`` (absent or empty), checked by the loader first.

    Nothing is left behind on failure: the pack is built in a hidden folder beside ``target`` and
    renamed into place only when the loader finds no error in it.
    """
    from app.model.loader import load_pack
    from app.model.source import pack_label

    if not result.questions:
        raise BankError("the bank holds no question that could be converted; nothing written")
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise BankError(f"{target} already exists and is not an empty folder; nothing written")
    modules = build_modules(result)
    parent = target.resolve().parent
    parent.mkdir(parents=True, exist_ok=True)
    try:
        with atomic.atomic_folder(target) as building:  # built beside target, renamed in when whole
            module_files: list[str] = []
            manifest = {"format": 1, "id": pack_id, "title": title, "modules": module_files}
            (building / "modules").mkdir()
            for module in modules:
                file = f"modules/{module['id']}.yaml"
                module_files.append(file)
                (building / file).write_text(dump_yaml(module), encoding="utf-8")
            (building / "pack.yaml").write_text(dump_yaml(manifest), encoding="utf-8")
            if result.assets:
                (building / "assets").mkdir()
                for name, data in result.assets.items():
                    (building / "assets" / name).write_bytes(data)
            loaded = load_pack(building)
            if loaded.errors:
                shown = "; ".join(problem.format(pack_label(target)) for problem in loaded.errors[:3])
                raise BankError(f"the converted pack does not validate ({shown}); nothing written")
    except atomic.OutputError as error:
        raise BankError(f"could not write the pack to {target}: {error.reason}; nothing written") from None
    questions = sum(1 for item in result.questions if item.question is not None)
    return WrittenPack(target, len(modules), questions, len(result.questions) - questions)


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` whole or not at all (the one atomic writer, ``app.model.atomic``);
    raises OutputError, whose ``reason`` says why."""
    atomic.write_bytes(path, data)


def read_bank_bytes(path: Path) -> bytes:
    """Read a bank file with the size cap, or raise BankError saying why not."""
    try:
        size = path.stat().st_size
        if size > MAX_BANK_BYTES:
            raise BankError(f"{path.name} is larger than the {MAX_BANK_BYTES // MIB} MiB limit for a question bank")
        with path.open("rb") as stream:
            data = stream.read(MAX_BANK_BYTES + 1)
    except OSError as error:
        raise BankError(f"cannot read {path}: {error.strerror or error}") from None
    if len(data) > MAX_BANK_BYTES:
        raise BankError(f"{path.name} is larger than the {MAX_BANK_BYTES // MIB} MiB limit for a question bank")
    return data


def decode_text(data: bytes, name: str) -> str:
    """Decode a bank's bytes as UTF-8 (a byte-order mark allowed), or raise BankError."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise BankError(f"{name} is not UTF-8 text (bad byte at offset {error.start})") from None

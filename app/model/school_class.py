"""The class file (``.unspun-class``): one small YAML file a teacher hands out to set up a room.

It holds the class's name, the school's account ``home_page``, the LRS ``endpoint`` and ``key``
(the ``secret`` may be left out and is then asked for once), the ``registration`` UUID of this
class run, and optionally packs to install. ``docs/class-file.md`` is its reference, and
``schema/class.schema.json`` its JSON Schema, generated from ``ClassFile`` below.

It is read like a pack file (the same safe YAML loader and the same field checks), so its errors
are ``validate``'s: ``FILE:LINE:COLUMN: error: …``. ``join_class`` applies it to a profile. A
machine-wide copy in the platform's site config folder (``site_class_file``) is applied to every
profile that has not joined its class yet, for IT roll-outs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import msgspec
from msgspec import Meta

from app.model.identity import ClassMembership, make_identity
from app.model.problems import Problem
from app.model.schema import Model, PackPath, Text, Url
from app.model.yamlload import load_yaml

if TYPE_CHECKING:
    from app.model.lrs import CredentialStore
    from app.model.progress import ProgressStore

CLASS_SUFFIX = ".unspun-class"
CLASS_FORMAT = 1
#: a class file is a few hundred bytes; anything past this is not one
MAX_CLASS_FILE_BYTES = 256 * 1024
#: the machine-wide class file's name in the site config folder
SITE_CLASS_FILE = "class" + CLASS_SUFFIX

Uuid = Annotated[
    str,
    Meta(
        pattern=r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$",
        description="a UUID such as 3f1c1a52-9d8e-4a7b-b2a4-0c9a4b3e7d11",
    ),
]


class LrsPart(Model, kw_only=True, frozen=True):
    """Where the class's results go: an xAPI endpoint and its Basic-auth key and secret."""

    endpoint: Url
    key: Text
    #: left out, it is asked for once and kept in the keyring
    secret: str | None = None


class ClassFile(Model, kw_only=True, frozen=True):
    """The contents of a ``.unspun-class`` file."""

    format: int
    name: Text
    home_page: Url
    registration: Uuid
    lrs: LrsPart | None = None
    packs: list[PackPath] = msgspec.field(default_factory=list)


class ClassFileError(Exception):
    """A class file that cannot be used; ``problems`` say where and why, as ``validate`` prints them."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(problems[0].message if problems else "the class file cannot be used")
        self.problems = problems


@dataclass(frozen=True, slots=True)
class LoadedClass:
    """A class file that read without error, and where it is (pack paths are relative to its folder)."""

    path: Path
    data: ClassFile

    def pack_paths(self) -> list[Path]:
        """The packs to install, as paths on this computer."""
        return [self.path.parent / pack for pack in self.data.packs]


def _plainer(problem: Problem) -> Problem:
    """Say what a registration must be in words, not as the pattern that checks it."""
    if problem.message.startswith("`registration` must match"):
        message = ("`registration` must be a UUID, such as 3f1c1a52-9d8e-4a7b-b2a4-0c9a4b3e7d11 "
                   "(make a new one for each class run, for example with `python -c 'import uuid; print(uuid.uuid4())'`)")
        return Problem(problem.file, problem.line, problem.column, problem.severity, message)
    return problem


def check_class_bytes(data: bytes, file: str, folder: Path | None = None) -> tuple[ClassFile | None, list[Problem]]:
    """Check a class file's bytes; return the class and every problem (errors name their line and column)."""
    from app.model.convert import convert, node_at

    if len(data) > MAX_CLASS_FILE_BYTES:
        return None, [Problem(file, 1, 1, "error", f"file is larger than {MAX_CLASS_FILE_BYTES // 1024} KiB; "
                                                    "a class file is a few lines")]
    node, problems = load_yaml(data, file)
    if any(problem.severity == "error" for problem in problems):
        return None, problems
    loaded, found = convert(node, ClassFile, file)
    problems += [_plainer(problem) for problem in found]
    if loaded is None or node is None:
        return None, problems
    if loaded.format != CLASS_FORMAT:
        where = node_at(node, "$.format") or node
        problems.append(Problem(file, where.line, where.column, "error",
                                f"this build reads class file format {CLASS_FORMAT}, not {loaded.format}"))
    if loaded.lrs is not None:
        from app.model.lrs import endpoint_problem

        where = node_at(node, "$.lrs.endpoint") or node
        problem = endpoint_problem(loaded.lrs.endpoint)
        if problem is not None:
            problems.append(Problem(file, where.line, where.column, "error", problem))
        if ":" in loaded.lrs.key:
            where = node_at(node, "$.lrs.key") or node
            problems.append(Problem(file, where.line, where.column, "error", "the key cannot contain a colon (:)"))
    for index, pack in enumerate(loaded.packs):
        where = node_at(node, f"$.packs[{index}]") or node
        if pack.startswith(("/", "\\")) or ":" in pack or ".." in pack.replace("\\", "/").split("/"):
            problems.append(Problem(file, where.line, where.column, "error",
                                    f"`{pack}` must be a path relative to the class file's folder, inside it"))
        elif folder is not None and not (folder / pack).exists():
            problems.append(Problem(file, where.line, where.column, "error",
                                    f"`{pack}` does not exist next to the class file"))
    if any(problem.severity == "error" for problem in problems):
        return None, problems
    return loaded, problems


def read_class_file(path: Path | str) -> LoadedClass:
    """Read and check a class file; raise ClassFileError with its problems when it cannot be used."""
    path = Path(path)
    label = path.name
    try:
        with path.open("rb") as stream:
            data = stream.read(MAX_CLASS_FILE_BYTES + 1)
    except OSError as error:
        raise ClassFileError([Problem(label, 1, 1, "error", f"cannot read the class file: {error.strerror or error}")]) from None
    loaded, problems = check_class_bytes(data, label, path.resolve().parent)
    if loaded is None:
        raise ClassFileError([p for p in problems if p.severity == "error"])
    return LoadedClass(path, loaded)


def site_class_file() -> Path:
    """Where IT puts a machine-wide class file: the platform's site config folder for Unspun."""
    from platformdirs import site_config_dir

    return Path(site_config_dir("unspun", appauthor=False)) / SITE_CLASS_FILE


def _now_stamp() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.") + f"{datetime.now(UTC).microsecond // 1000:03d}Z"


@dataclass(slots=True)
class JoinResult:
    """What joining a class did, in words for the learner, and whether the secret is still needed."""

    class_name: str
    done: list[str] = field(default_factory=list)
    needs_secret: bool = False
    installed: list[Path] = field(default_factory=list)
    pack_problems: list[str] = field(default_factory=list)


def join_class(
    store: ProgressStore,
    profile_id: int,
    loaded: LoadedClass,
    credentials: CredentialStore,
    *,
    login: str = "",
    secret: str | None = None,
    data_folder: Path | None = None,
) -> JoinResult:
    """Set a profile up for a class: LRS settings and secret, school account, registration, packs.

    ``login`` is the learner's own school login (or student number); without it the results stay
    anonymous but still carry the class's registration. A secret given here, or in the file, is
    kept in the keyring (never in a file); without either, ``needs_secret`` says to ask once.
    """
    from app.model import lrs

    data = loaded.data
    profile = store.profile(profile_id)
    if profile is None:
        raise ClassFileError([Problem(loaded.path.name, 1, 1, "error", "there is no such profile to join the class")])
    result = JoinResult(data.name)
    if login.strip():
        store.set_school_identity(profile.uuid, make_identity(home_page=data.home_page, account_name=login))
        result.done.append(f"Your results name you as “{' '.join(login.split())}” at {data.home_page}.")
    previous = store.class_membership(profile.uuid)
    if previous is None or previous.registration != data.registration:
        store.set_class_membership(profile.uuid, ClassMembership(data.name, data.registration, _now_stamp(),
                                                                 data.home_page))
    result.done.append(f"Results from now on are marked as work for the class “{data.name}”.")
    if data.lrs is not None:
        lrs.save_settings(store, lrs.LrsSettings(data.lrs.endpoint, data.lrs.key, True))
        given = secret if secret else data.lrs.secret
        if given:
            credentials.save(data.lrs.endpoint, data.lrs.key, given)
        result.needs_secret = credentials.load(data.lrs.endpoint, data.lrs.key) is None
        result.done.append(f"Results are sent to the class's Learning Record Store at {data.lrs.endpoint}.")
    if data_folder is not None:
        _install_packs(loaded, data_folder, result)
    return result


def _install_packs(loaded: LoadedClass, data_folder: Path, result: JoinResult) -> None:
    """Install the class's packs into the data folder's library; a broken pack is named, never fatal."""
    from app.model.installed import InstallError, install_pack
    from app.model.loader import load_pack
    from app.model.source import open_pack_source

    for path in loaded.pack_paths():
        pack = load_pack(path)
        if pack.pack is None or pack.errors:
            result.pack_problems.append(f"{path.name} has errors and was not installed (check it with unspun validate)")
            continue
        source, _problems = open_pack_source(path)
        if source is None:
            result.pack_problems.append(f"{path.name} could not be read")
            continue
        try:
            result.installed.append(install_pack(source, pack.pack.id, data_folder))
        except InstallError as error:
            result.pack_problems.append(f"{path.name}: {error}")
            continue
        result.done.append(f"The pack “{pack.pack.title}” is installed.")


def apply_site_class(store: ProgressStore, profile_id: int, credentials: CredentialStore,
                     path: Path | None = None) -> JoinResult | None:
    """Join the machine-wide class file's class, once per profile; None when there is none or it was joined."""
    path = path or site_class_file()
    if not path.is_file():
        return None
    loaded = read_class_file(path)
    profile = store.profile(profile_id)
    if profile is None:
        return None
    membership = store.class_membership(profile.uuid)
    if membership is not None and membership.registration == loaded.data.registration:
        return None
    return join_class(store, profile_id, loaded, credentials)

"""``load_pack``: the one entry point from a path to a checked ``Pack`` or a list of problems.

Steps: open the pack safely (``source.py``), read each YAML file into positioned nodes
(``yamlload.py``), check and convert them against the Structs (``convert.py``), then apply the
cross-reference rules (``check.py``). It never raises: anything unexpected becomes a problem.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app.model.check import MANIFEST_FILE, PackChecker, check_module_paths, resolve
from app.model.convert import convert
from app.model.limits import MAX_MODULES, MAX_YAML_BYTES
from app.model.pack import Pack
from app.model.problems import LoadResult, Problem
from app.model.schema import Manifest, Module
from app.model.source import PackFileError, PackSource, open_pack_source
from app.model.yamlload import Mapping, Node, Sequence, load_yaml


def load_pack(path: str | Path) -> LoadResult:
    """Load and check the pack at ``path`` (a folder, its pack.yaml, or a .zip)."""
    try:
        return _load(path)
    except Exception as error:  # a pack must never cause a traceback
        detail = f"{type(error).__name__}: {error}"[:300]
        return LoadResult([Problem(MANIFEST_FILE, 1, 1, "error", f"internal error while checking: {detail}")])


def _read_yaml(source: PackSource, file: str, problems: list[Problem]) -> Node | None:
    """Read and parse one YAML file of the pack, adding its problems to ``problems``."""
    try:
        data = source.read_bytes(file, limit=MAX_YAML_BYTES)
    except PackFileError as error:
        problems.append(Problem(file, 1, 1, "error", str(error) or f"cannot read `{file}`"))
        return None
    node, found = load_yaml(data, file)
    problems.extend(found)
    return node


def _load(path: str | Path) -> LoadResult:
    source, problems = open_pack_source(path)
    if source is None:
        return LoadResult(_sorted(problems, []))
    manifest_root = _read_yaml(source, MANIFEST_FILE, problems)
    manifest: Manifest | None = None
    if manifest_root is not None:
        manifest, found = convert(manifest_root, Manifest, MANIFEST_FILE)
        problems.extend(found)
    listed = resolve(manifest_root, (None, "modules")) if isinstance(manifest_root, Mapping) else None
    module_paths: list[tuple[str, Node]] = []
    path_problems: list[Problem] = []
    if isinstance(listed, Sequence) and len(listed.items) > MAX_MODULES:
        key = resolve(manifest_root, (None, "modules"), key=True) or listed
        path_problems.append(
            Problem(
                MANIFEST_FILE,
                key.line,
                key.column,
                "error",
                f"the pack lists {len(listed.items):,} modules; the limit is {MAX_MODULES:,} modules",
            )
        )
    else:
        module_paths, path_problems = check_module_paths(manifest_root, source)
    problems.extend(path_problems)

    checker = PackChecker(source, manifest, manifest_root)
    checker.check_manifest()
    modules: list[Module] = []
    module_files: dict[str, str] = {}
    # Unused-source warnings need every module; one left unread could hold the only use.
    all_modules_read = manifest is not None and not path_problems
    for file, _entry in module_paths:
        root = _read_yaml(source, file, problems)
        module: Any = None
        if root is not None:
            module, found = convert(root, Module, file)
            problems.extend(found)
        if module is None:
            all_modules_read = False
            continue
        checker.check_module(file, module, root)
        modules.append(module)
        module_files.setdefault(module.id, file)
    if all_modules_read:
        checker.check_unused()
        checker.check_item_writing()
    problems.extend(checker.problems)

    problems = _sorted(problems, [file for file, _ in module_paths])
    if manifest is None or any(p.severity == "error" for p in problems):
        return LoadResult(problems)
    return LoadResult(problems, Pack(manifest, tuple(modules), source, module_files))


def _sorted(problems: list[Problem], module_files: list[str]) -> list[Problem]:
    """Order problems by file (pack.yaml, then modules in manifest order, then others), line, column."""
    rank = {MANIFEST_FILE: 0}
    for file in module_files:
        rank.setdefault(file, len(rank))
    for problem in problems:
        rank.setdefault(problem.file, len(rank))
    return sorted(problems, key=lambda p: (rank[p.file], p.line, p.column))

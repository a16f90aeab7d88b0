"""The rules that keep the model's house in order, checked on the source with ``ast``.

- No SQL outside the store package: every table has one owner in ``app/model/progress/``, so a
  migration is one package's concern, and nothing else can write a table behind its owner.
- The model's import graph has no cycle, counting every import that runs (imports inside
  functions included), so no import has to hide inside a function to dodge one. Imports under
  ``if TYPE_CHECKING:`` never run (they serve annotations only) and are left out of the cycle check.
- ``app.model`` never imports ``app.ui`` or ``app.commands``, not even under ``TYPE_CHECKING``.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "app"
MODEL = APP / "model"
STORE = MODEL / "progress"

#: A string that reads as an SQL statement (keywords in capitals, as all of ours are written).
SQL = re.compile(
    r"\b(?:SELECT\b[\s\S]*?\bFROM|INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM"
    r"|CREATE\s+(?:UNIQUE\s+)?(?:TABLE|INDEX|VIEW|TRIGGER)|ALTER\s+TABLE|DROP\s+(?:TABLE|INDEX))\s"
)


def module_name(path: Path) -> str:
    """Return the dotted module name of a file under the repository root (elsewhere: its stem)."""
    if ROOT not in path.parents:
        return path.stem
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def sql_strings(source: str) -> Iterator[tuple[int, str]]:
    """Yield (line, text) for every string literal in ``source`` that holds an SQL statement."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and SQL.search(node.value):
            yield node.lineno, node.value


def _type_checking_only(tree: ast.Module) -> set[int]:
    """Return the ids of the import nodes inside ``if TYPE_CHECKING:`` blocks."""
    found: set[int] = set()
    for node in ast.walk(tree):
        test = node.test if isinstance(node, ast.If) else None
        if test is not None and (
            (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING")
            or (isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")
        ):
            for inner in node.body:
                found.update(id(sub) for sub in ast.walk(inner) if isinstance(sub, ast.Import | ast.ImportFrom))
    return found


def imported_modules(path: Path, known: set[str] | None = None, *, runtime_only: bool = False) -> Iterator[str]:
    """Yield every module ``path`` imports, wherever the import statement is (functions included).

    ``from package import name`` counts as importing ``package.name`` when that is a module in
    ``known``, and ``package`` otherwise; without ``known``, both are yielded. ``runtime_only``
    leaves out the imports under ``if TYPE_CHECKING:``.
    """
    package = module_name(path) if path.name == "__init__.py" else module_name(path).rpartition(".")[0]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = _type_checking_only(tree) if runtime_only else set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                if known is None:
                    yield from (base, submodule)
                else:
                    yield submodule if submodule in known else base


def model_graph() -> dict[str, set[str]]:
    """Return app.model's import graph: each module and the app.model modules it imports."""
    files = {module_name(path): path for path in MODEL.rglob("*.py")}
    known = set(files)
    return {
        name: {
            target
            for target in imported_modules(path, known, runtime_only=True)
            if target in known and target != name
        }
        for name, path in files.items()
    }


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """Return one import cycle as a list of modules (first repeated last), or None when there is none."""
    done: set[str] = set()
    stack: list[str] = []
    on_stack: set[str] = set()

    def visit(node: str) -> list[str] | None:
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target in on_stack:
                return [*stack[stack.index(target) :], target]
            if target not in done:
                found = visit(target)
                if found:
                    return found
        stack.pop()
        on_stack.discard(node)
        done.add(node)
        return None

    for node in sorted(graph):
        if node not in done:
            found = visit(node)
            if found:
                return found
    return None


def test_no_sql_outside_the_store_package() -> None:
    """Only app/model/progress/ holds SQL; every other module goes through the store's methods."""
    offenders = [
        f"{path.relative_to(ROOT)}:{line}: {' '.join(text.split())[:70]}"
        for path in sorted(APP.rglob("*.py"))
        if STORE not in path.parents
        for line, text in sql_strings(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_only_the_store_package_opens_sqlite() -> None:
    """No module outside app/model/progress/ imports sqlite3, so none can open the file behind the store."""
    offenders = [
        str(path.relative_to(ROOT))
        for path in sorted(APP.rglob("*.py"))
        if STORE not in path.parents and "sqlite3" in set(imported_modules(path))
    ]
    assert offenders == []


def test_the_sql_finder_finds_sql() -> None:
    """The scan above can fail: it finds the store's own statements, and SQL in any string shape."""
    store_sql = [text for path in STORE.rglob("*.py") for _, text in sql_strings(path.read_text(encoding="utf-8"))]
    assert len(store_sql) > 40
    for snippet in (
        'x = "SELECT count(*) FROM attempts WHERE id = ?"',
        'x = f"""INSERT OR IGNORE INTO t (a) VALUES ({marks})"""',
        "x = 'UPDATE lrs_outbox SET status = ?'",
        'x = ("DELETE FROM profiles " "WHERE id = ?")',
        'def f():\n    return "CREATE TABLE half (x)"',
    ):
        assert list(sql_strings(snippet)), snippet
    for text in ('x = "Select a file"', 'x = "Delete profile"', 'x = "Update Unspun to open it."'):
        assert not list(sql_strings(text)), text


def test_the_model_import_graph_has_no_cycle() -> None:
    """No module of app.model imports, directly or through others, one that imports it back."""
    graph = model_graph()
    assert len(graph) > 30  # the walk found the model
    assert find_cycle(graph) is None, " -> ".join(find_cycle(graph) or [])


def test_the_cycle_finder_finds_cycles() -> None:
    """The check above can fail: a made-up graph with a cycle is caught."""
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set(), "c": {"a", "b"}}) is None


def test_imports_inside_functions_count_and_type_checking_ones_do_not(tmp_path: Path) -> None:
    """An import hidden in a function is an edge of the graph; one under TYPE_CHECKING is not."""
    source = tmp_path / "m.py"
    source.write_text(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from app.model.pack import Pack\n"
        "def f():\n    from app.model import review\n",
        encoding="utf-8",
    )
    known = {"app.model.pack", "app.model.review"}
    runtime = set(imported_modules(source, known, runtime_only=True))
    assert "app.model.review" in runtime and "app.model.pack" not in runtime
    assert "app.model.pack" in set(imported_modules(source, known))


def test_the_model_never_imports_the_ui_or_commands() -> None:
    """app.model imports nothing from app.ui or app.commands, not even inside a function."""
    offenders = [
        f"{path.relative_to(ROOT)} imports {target}"
        for path in sorted(MODEL.rglob("*.py"))
        for target in imported_modules(path)
        if target.split(".")[:2] in (["app", "ui"], ["app", "commands"])
    ]
    assert offenders == []

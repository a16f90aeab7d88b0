"""Build small packs from YAML text in a temporary folder, and find the problems they load with."""

from __future__ import annotations

import textwrap
from pathlib import Path

from app.model.loader import load_pack
from app.model.problems import Problem
from tests.images import png

MANIFEST = """\
format: 1
id: test-pack
title: Test pack
sources:
  src:
    title: A source
techniques:
  tech:
    label: A technique
modules:
  - m.yaml
"""

MODULE_HEAD = """\
id: m
title: Module
lessons:
  - id: l1
    title: Lesson
    steps:
      - reading:
          body: Hello [@src].
"""

QUESTION = """\
- id: q0
  type: true_false
  prompt: Is it?
  answer: true
  explanation: Yes.
  techniques: [tech]
"""

PNG = png()


def steps(*texts: str) -> str:
    """Indent step YAML (written at column 0, each starting with '- ') under the lesson's steps."""
    return "".join(textwrap.indent(textwrap.dedent(t), " " * 6) for t in texts)


def quiz(questions: str = "", **fields: str) -> str:
    """Return a quiz step holding ``questions`` (YAML list text at column 0), or one plain question."""
    questions = textwrap.dedent(questions) or QUESTION.replace("q0", "qq").replace(
        "  techniques: [tech]\n", ""
    )
    head = "".join(f"    {key}: {value}\n" for key, value in fields.items())
    return f"- quiz:\n{head}    questions:\n{textwrap.indent(questions, ' ' * 6)}"


def module(*step_texts: str, head: str = MODULE_HEAD) -> str:
    """Return a module file: the base lesson followed by ``step_texts``, then a quiz using `tech`."""
    return head + steps(*step_texts, quiz(QUESTION))


def write_pack(
    root: Path,
    manifest: str = MANIFEST,
    modules: dict[str, str] | None = None,
    files: dict[str, bytes] | None = None,
) -> Path:
    """Write a pack folder under ``root`` and return it."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "pack.yaml").write_text(manifest, encoding="utf-8")
    for name, text in (modules if modules is not None else {"m.yaml": module()}).items():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    for name, data in (files or {}).items():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return root


def problems_of(root: Path) -> list[Problem]:
    """Load the pack at ``root`` and return its problems (checking a pack comes back only when ok)."""
    result = load_pack(root)
    assert (result.pack is None) == any(p.severity == "error" for p in result.problems)
    return result.problems


def line_of(root: Path, file: str, marker: str, nth: int = 1) -> int:
    """Return the 1-based line of the ``nth`` line of ``file`` that contains ``marker``."""
    seen = 0
    for number, line in enumerate((root / file).read_text(encoding="utf-8").splitlines(), start=1):
        if marker in line:
            seen += 1
            if seen == nth:
                return number
    raise AssertionError(f"{marker!r} not in {file}")


def find(problems: list[Problem], fragment: str, severity: str = "error") -> Problem:
    """Return the one problem of ``severity`` whose message contains ``fragment``."""
    matching = [p for p in problems if fragment in p.message and p.severity == severity]
    assert matching, f"no {severity} containing {fragment!r} in:\n" + "\n".join(p.format() for p in problems)
    return matching[0]

"""The command line: ``validate`` and the other commands; no sub-command starts the app.

Each command's module is imported only when it runs, so that ``validate`` never loads Qt.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable

#: command name -> (module, function taking the remaining arguments and returning the exit status)
COMMANDS: dict[str, tuple[str, str]] = {
    "validate": ("app.commands.validate", "run_validate"),
    "render": ("app.commands.render", "run_render"),
    "new": ("app.commands.new", "run_new"),
    "export": ("app.commands.export", "run_export"),
    "report": ("app.commands.report", "run_report"),
    "import": ("app.commands.import_bank", "run_import"),
}


def main(argv: list[str] | None = None) -> int:
    """Dispatch to a command, or start the application with ``argv`` as its arguments."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] in COMMANDS:
        module_name, function_name = COMMANDS[args[0]]
        command: Callable[[list[str]], int] = getattr(importlib.import_module(module_name), function_name)
        return command(args[1:])
    from app.ui.app import run

    return run(args)

"""The command line: ``validate`` and the other commands; no sub-command starts the app.

Only ``app.model`` is imported at module level. Qt is imported inside the commands that draw,
so that ``validate`` never loads it.
"""

from __future__ import annotations

import sys

COMMANDS = ("validate", "render", "new", "export", "report")


def main(argv: list[str] | None = None) -> int:
    """Dispatch to a command, or start the application with ``argv`` as its arguments."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] == "validate":
        from app.commands.validate import run_validate

        return run_validate(args[1:])
    if args and args[0] == "render":
        from app.commands.render import run_render

        return run_render(args[1:])
    from app.ui.app import run

    return run(args)

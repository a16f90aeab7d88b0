"""The command line: ``unspun`` starts the application; ``unspun COMMAND`` runs a command instead.

Each command's module is imported only when it runs, so that ``validate`` never loads Qt, and
``--help``, ``--version`` and a mistyped command are answered without Qt and without a display.
"""

from __future__ import annotations

import argparse
import difflib
import importlib
import os
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

from app import __version__
from app.commands import PROG
from app.places import DATA_DIR_ENV

#: command name -> (module, function taking the remaining arguments and returning the exit status)
COMMANDS: dict[str, tuple[str, str]] = {
    "validate": ("app.commands.validate", "run_validate"),
    "render": ("app.commands.render", "run_render"),
    "new": ("app.commands.new", "run_new"),
    "export": ("app.commands.export", "run_export"),
    "report": ("app.commands.report", "run_report"),
    "import": ("app.commands.import_bank", "run_import"),
    "join": ("app.commands.join", "run_join"),
}

#: command name -> the one line ``unspun --help`` says about it
SUMMARIES: dict[str, str] = {
    "validate": "check lesson packs; print every problem as FILE:LINE:COLUMN (exit 1 on an error)",
    "render": "draw every step of a pack to PNG files, offscreen",
    "new": "write a starter pack that uses every step kind and question type",
    "export": "print a pack as a worksheet or an answer key (PDF or HTML), or its questions as a Moodle bank",
    "import": "turn a Moodle question bank (Moodle XML or GIFT) into a lesson pack",
    "join": "join a class from the class file (.unspun-class) a teacher handed out",
    "report": "write a class report (CSV) from learners' results files",
}


#: what starting the window says on Linux when there is no display to open it on
NO_DISPLAY = (
    "cannot open the window: no display (neither DISPLAY nor WAYLAND_DISPLAY is set). "
    f"Start Unspun from a desktop session, or run a command that needs no window ({PROG} --help lists them)."
)


def build_parser() -> argparse.ArgumentParser:
    """Describe the command line of the application itself, and list the commands in its help."""
    width = max(len(name) for name in COMMANDS) + 2
    commands = "\n".join(f"  {name.ljust(width)}{SUMMARIES.get(name, '')}" for name in COMMANDS)
    parser = argparse.ArgumentParser(
        prog=PROG,
        usage=f"{PROG} [-h] [--version] [--data-dir DIR] [PACK ...]\n       {PROG} COMMAND [ARGS ...]",
        description=textwrap.fill(
            "Learn to read state messaging and social media critically. With no command, open the "
            "application with its built-in lessons, the installed packs and any PACK named.", 78
        ),
        epilog=f"commands:\n{commands}\n\nRun '{PROG} COMMAND --help' for the options of a command.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("packs", nargs="*", metavar="PACK", help="a pack to open as well: a folder, pack.yaml or .zip")
    parser.add_argument(
        "--data-dir", metavar="DIR",
        help=f"keep progress here (default: ${DATA_DIR_ENV} or the platform's data folder)",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    return parser


def parse_app_arguments(argv: list[str]) -> argparse.Namespace:
    """Parse the application's command line; a first PACK that is neither a command nor a file is an error.

    A mistyped command (``unspun valdate x``) must never open the window: it exits 2, argparse's
    way, with a "did you mean" when a command is close.
    """
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.packs and not Path(args.packs[0]).exists():
        word = args.packs[0]
        close = difflib.get_close_matches(word, COMMANDS, n=1, cutoff=0.6)
        if close:
            parser.error(f"'{word}' is not a command (did you mean '{close[0]}'?)")
        parser.error(f"'{word}' is neither a command nor a pack: there is no file or folder at that path")
    return args


def display_problem() -> str | None:
    """Return why the window cannot open here (Linux with no display and no Qt platform chosen), or None."""
    if not sys.platform.startswith("linux"):
        return None
    if any(os.environ.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")):
        return None
    return NO_DISPLAY


def main(argv: list[str] | None = None) -> int:
    """Dispatch to a command, or start the application with ``argv`` as its arguments."""
    try:
        return _dispatch(list(sys.argv[1:] if argv is None else argv))
    except BrokenPipeError:  # the reader went away (``unspun new x | head -1``): stop quietly, as Unix tools do
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # so that the interpreter's last flush does not complain
        return 1


def _dispatch(args: list[str]) -> int:
    if args and args[0] in COMMANDS:
        module_name, function_name = COMMANDS[args[0]]
        command: Callable[[list[str]], int] = getattr(importlib.import_module(module_name), function_name)
        return command(args[1:])
    parse_app_arguments(args)  # --help, --version and a wrong command are answered before Qt loads
    problem = display_problem()
    if problem is not None:
        print(f"{PROG}: error: {problem}", file=sys.stderr)
        return 1
    from app.ui.app import run

    return run(args)

"""The command-line commands: each module's ``run_*`` takes the arguments after the command's name.

Shared here: the program's name in usage and errors, and how a command names the packs it works on,
the built-in one included (``--builtin``: it lives inside the installed package, where no one should
have to look it up).
"""

from __future__ import annotations

import argparse

PROG = "unspun"
BUILTIN_HELP = "the built-in pack that ships with Unspun"


def add_pack_arguments(parser: argparse.ArgumentParser, *, many: bool) -> None:
    """Add PACK (one, or with ``many`` any number) and ``--builtin`` to ``parser``."""
    if many:
        parser.add_argument("paths", nargs="*", metavar="PATH", help="a pack folder, its pack.yaml, or a .zip")
        parser.add_argument("--builtin", action="store_true", help=f"{BUILTIN_HELP} (as well as any PATH)")
    else:
        parser.add_argument("pack", nargs="?", metavar="PACK", help="a pack folder, its pack.yaml, or a .zip")
        parser.add_argument("--builtin", action="store_true", help=f"{BUILTIN_HELP} (instead of PACK)")


def parse_pack_arguments(parser: argparse.ArgumentParser, argv: list[str]) -> argparse.Namespace:
    """Parse ``argv``; set ``packs`` to the packs named, the built-in one first (argparse exits on a bad line)."""
    args = parser.parse_args(argv)
    named = list(args.paths) if hasattr(args, "paths") else [args.pack] if args.pack else []
    if not hasattr(args, "paths") and args.builtin and named:
        parser.error("name a PACK or --builtin, not both")
    if not named and not args.builtin:
        parser.error("name a pack: a PATH, or --builtin for the built-in pack")
    if args.builtin:
        from app.resources import builtin_pack

        named.insert(0, str(builtin_pack()))
    args.packs = named
    return args

"""``unspun new DIR``: write a starter pack that uses every step kind and question type."""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from app.commands import PROG
from app.model.atomic import OutputError, atomic_folder
from app.resources import guide, starter_pack

STARTER = starter_pack()


def create_starter_pack(target: Path) -> None:
    """Copy the starter pack into ``target``, which must not exist or be empty."""
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise FileExistsError(f"{target} already exists and is not an empty folder")
    from app.model.jsonschema import write_schemas  # the same generator as the repository's schema/ files

    # Built beside the target and renamed into place: a failure leaves no half-written pack.
    with atomic_folder(target) as staging:
        shutil.copytree(STARTER, staging, dirs_exist_ok=True, ignore=shutil.ignore_patterns("__init__.py", "__pycache__"))
        write_schemas(staging / "schema")


def run_new(argv: list[str]) -> int:
    """Run the command; return the exit status."""
    parser = argparse.ArgumentParser(
        prog=f"{PROG} new", description="Write a starter lesson pack that uses every step kind and question type."
    )
    parser.add_argument("folder", type=Path, help="the folder to create (must not exist, or be empty)")
    args = parser.parse_args(argv)
    try:
        create_starter_pack(args.folder)
    except (FileExistsError, OSError, OutputError) as error:
        print(f"unspun new: {error}", file=sys.stderr)
        return 1
    print(f"Wrote a starter pack to {args.folder}/")
    print(f"Check it:   unspun validate {args.folder}")
    print(f"Try it:     unspun {args.folder}")
    print("Then read the guide to writing packs to make it your own: Help > Writing lesson packs in the app,")
    print(f"or the file {guide('authoring.md')}")
    return 0

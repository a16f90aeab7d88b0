"""``unspun join FILE.unspun-class [--login LOGIN] [--profile NAME] [--data-dir DIR]``: join a class.

Sets the profile up as the class file says (``docs/class-file.md``): the class's LRS and key, the
school account with the learner's own login (only when given), the class run's registration on
every result from now on, and the class's packs installed. When the class file leaves the LRS
secret out and none is saved, it is asked for once (never echoed) and kept in the keyring.
A class file with errors is reported as ``validate`` reports a pack, and nothing is changed.
Exits 0 when the profile joined, 1 when it could not, 2 for a bad command line. Never imports Qt.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from app.commands import PROG
from app.model.identity import IdentityError
from app.model.progress import ProgressError, ProgressStore
from app.model.school_class import ClassFileError, join_class, read_class_file
from app.places import PROGRESS_FILE, data_folder


def build_parser() -> argparse.ArgumentParser:
    """Describe the command line of ``join``."""
    parser = argparse.ArgumentParser(
        prog=f"{PROG} join",
        description="Join a class: set this computer's profile up from the class file a teacher handed out.",
    )
    parser.add_argument("file", metavar="FILE", help="the class file (.unspun-class)")
    parser.add_argument("--login", default="", help="your school login or student number (left out: anonymous)")
    parser.add_argument("--profile", help="the profile that joins, by name (default: the one used last)")
    parser.add_argument("--data-dir", metavar="DIR", help="the data folder (default: $UNSPUN_DATA_DIR or the platform's)")
    return parser


def _profile_id(store: ProgressStore, name: str | None) -> int | None:
    if not name:
        return store.ensure_default_profile()
    wanted = " ".join(name.split()).casefold()
    return next((profile.id for profile in store.profiles() if profile.name.casefold() == wanted), None)


def run_join(argv: list[str]) -> int:
    """Join the class; return 0 when the profile joined, 1 when it could not, 2 for a bad command line."""
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as stop:
        return stop.code if isinstance(stop.code, int) else 2
    path = Path(args.file)
    try:
        loaded = read_class_file(path)
    except ClassFileError as error:
        for problem in error.problems:
            print(problem.format(str(path.parent) if str(path.parent) != "." else ""), file=sys.stderr)
        print(f"unspun join: {args.file} has errors; nothing changed", file=sys.stderr)
        return 1
    from app.model.lrs import CredentialStore

    data = data_folder(args.data_dir)
    try:
        data.mkdir(parents=True, exist_ok=True)
        with ProgressStore.open(data / PROGRESS_FILE) as store:
            profile_id = _profile_id(store, args.profile)
            if profile_id is None:
                print(f"unspun join: there is no profile called {args.profile!r}; nothing changed", file=sys.stderr)
                return 1
            credentials = CredentialStore()
            result = join_class(store, profile_id, loaded, credentials, login=args.login, data_folder=data)
            lrs_part = loaded.data.lrs
            if result.needs_secret and lrs_part is not None:
                if sys.stdin.isatty():
                    secret = getpass.getpass(f"The secret for the key {lrs_part.key!r} at {lrs_part.endpoint}: ")
                    if secret:
                        credentials.save(lrs_part.endpoint, lrs_part.key, secret)
                        result.needs_secret = False
                if result.needs_secret:
                    print("The class file has no secret for its LRS: Unspun will ask for it when it starts "
                          "(File > Send results to an LRS…).")
    except (ProgressError, IdentityError, OSError) as error:
        print(f"unspun join: {error}", file=sys.stderr)
        return 1
    print(f"Joined the class “{result.class_name}”.")
    for done in result.done:
        print(f"  {done}")
    for pack_problem in result.pack_problems:
        print(f"unspun join: {pack_problem}", file=sys.stderr)
    return 0

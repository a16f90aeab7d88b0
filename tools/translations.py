"""Keep the interface translations in step with the code: extract, compile, and make a pseudo-locale.

    python tools/translations.py update     # pyside6-lupdate: translations/*.ts from the code's strings
    python tools/translations.py release    # pyside6-lrelease: app/translations/*.qm from the .ts files
    python tools/translations.py pseudo OUT.qm   # a pseudo-locale of every string, for tests

``update`` then ``release`` is what a developer runs after changing interface strings (a test fails
until they have). Strings are found in ``app/ui`` and ``app/model`` (the model marks the few
messages it words with ``QT_TRANSLATE_NOOP``; the UI translates them, see docs/architecture.md).
The command line stays English, so ``app/commands`` and ``app/cli.py`` are not scanned.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ElementTree
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = (ROOT / "app" / "ui", ROOT / "app" / "model")
TS_DIR = ROOT / "translations"
QM_DIR = ROOT / "app" / "translations"
#: the languages translated (English is the source language)
LANGUAGES = ("zh_CN",)
#: English needs only its plural forms ("%n question(s)" -> "1 question", "2 questions"): its .ts
#: holds just the messages with %n (lupdate -pluralonly), filled by fill_english_plurals()
ENGLISH = "en"
#: brackets that mark pseudo-translated text (a test looks for them on screen)
PSEUDO_OPEN, PSEUDO_CLOSE = "⟦", "⟧"
#: how much longer pseudo text is than its source, as German or Finnish often are
PSEUDO_GROWTH = 0.4

_ACCENTS = str.maketrans(
    "abcdeghiklnorstuwyzABCDEGHIKLNORSTUWYZ",
    "åƀçđéĝĥíķļñöŕšţüŵýžÅƁÇĐÉĜĤÎĶĻÑÖŔŠŢÜŴÝŽ",
)
#: what a translation must keep as it is: %n, %1, %L1, {name}, <tags>, &entities; and & mnemonics
_KEEP = re.compile(r"%L?\d|%n|\{[^{}]*\}|<[^<>]*>|&[a-zA-Z]+;|&#\d+;|&(?=\w)")


def tool(name: str) -> str:
    """Return the path of a PySide6 tool (pyside6-lupdate, pyside6-lrelease) next to this Python."""
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.exists() else shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found: install PySide6-Essentials (pip install -e '.[test]')")
    return found


def source_files() -> list[str]:
    """Return every Python file whose strings are translated, relative to the repository."""
    return sorted(
        str(path.relative_to(ROOT)) for folder in SOURCES for path in folder.rglob("*.py") if "__pycache__" not in path.parts
    )


def lupdate(ts_file: Path, language: str, *, plural_only: bool = False) -> None:
    """Extract the code's strings into ``ts_file`` (kept translations stay; removed strings go)."""
    subprocess.run(
        [tool("pyside6-lupdate"), *source_files(), "-no-obsolete", "-locations", "none",
         *(["-pluralonly"] if plural_only else []),
         "-target-language", language, "-ts", str(ts_file)],
        cwd=ROOT, check=True, capture_output=True, text=True,
    )


def english_forms(source: str) -> tuple[str, str]:
    """Return the singular and plural of an English %n source: "(s)" dropped, or made "s"."""
    return source.replace("(s)", ""), source.replace("(s)", "s")


def fill_english_plurals(ts_file: Path) -> int:
    """Write the singular and plural forms of every unfinished message of the English ``ts_file``."""
    tree = ElementTree.parse(ts_file)
    filled = 0
    for message in tree.iter("message"):
        translation = message.find("translation")
        if translation is None or message.get("numerus") != "yes" or translation.get("type") != "unfinished":
            continue
        translation.attrib.pop("type", None)
        for child in list(translation):
            translation.remove(child)
        for form in english_forms(message.findtext("source") or ""):
            ElementTree.SubElement(translation, "numerusform").text = form
        filled += 1
    if filled:
        tree.write(ts_file, encoding="utf-8", xml_declaration=True)
    return filled


def lrelease(ts_file: Path, qm_file: Path) -> None:
    """Compile ``ts_file`` into ``qm_file``."""
    subprocess.run(
        [tool("pyside6-lrelease"), "-silent", str(ts_file), "-qm", str(qm_file)],
        cwd=ROOT, check=True, capture_output=True, text=True,
    )


def pseudo_text(source: str) -> str:
    """Return ``source`` accented, 40% longer and bracketed, keeping placeholders, tags and mnemonics."""
    pieces: list[str] = []
    last = 0
    for match in _KEEP.finditer(source):
        pieces.append(source[last:match.start()].translate(_ACCENTS))
        pieces.append(match.group(0))
        last = match.end()
    pieces.append(source[last:].translate(_ACCENTS))
    text = "".join(pieces)
    padding = "·" * max(1, round(len(source) * PSEUDO_GROWTH))
    if "\n" in text:  # keep multi-line texts' line structure: pad the first line only
        first, _, rest = text.partition("\n")
        return f"{PSEUDO_OPEN}{first} {padding}\n{rest}{PSEUDO_CLOSE}"
    return f"{PSEUDO_OPEN}{text} {padding}{PSEUDO_CLOSE}"


def make_pseudo(qm_file: Path) -> int:
    """Write a pseudo-locale of every string to ``qm_file``; return how many messages it holds."""
    with tempfile.TemporaryDirectory(prefix="unspun-pseudo-") as folder:
        ts_file = Path(folder) / "unspun_pseudo.ts"
        lupdate(ts_file, "en")
        tree = ElementTree.parse(ts_file)
        count = 0
        for message in tree.iter("message"):
            source = message.findtext("source") or ""
            translation = message.find("translation")
            if translation is None:
                continue
            translation.attrib.pop("type", None)
            if message.get("numerus") == "yes":
                for child in list(translation):
                    translation.remove(child)
                for _ in range(2):  # English has a singular and a plural form
                    form = ElementTree.SubElement(translation, "numerusform")
                    form.text = pseudo_text(source)
            else:
                translation.text = pseudo_text(source)
            count += 1
        tree.write(ts_file, encoding="utf-8", xml_declaration=True)
        lrelease(ts_file, qm_file)
    return count


def unfinished(ts_file: Path) -> list[str]:
    """Return the source texts in ``ts_file`` whose translation is missing or marked unfinished."""
    tree = ElementTree.parse(ts_file)
    missing = []
    for message in tree.iter("message"):
        translation = message.find("translation")
        if translation is None or translation.get("type") in ("unfinished", "vanished", "obsolete"):
            missing.append(message.findtext("source") or "")
        elif message.get("numerus") == "yes":
            if not any((form.text or "").strip() for form in translation.iter("numerusform")):
                missing.append(message.findtext("source") or "")
        elif not (translation.text or "").strip():
            missing.append(message.findtext("source") or "")
    return missing


def main(argv: list[str] | None = None) -> int:
    """Run one of update, release or pseudo."""
    parser = argparse.ArgumentParser(prog="tools/translations.py", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("update", help="extract the code's strings into translations/*.ts")
    commands.add_parser("release", help="compile translations/*.ts into app/translations/*.qm")
    pseudo = commands.add_parser("pseudo", help="write a pseudo-locale .qm of every string")
    pseudo.add_argument("out", type=Path)
    args = parser.parse_args(argv)
    if args.command == "update":
        TS_DIR.mkdir(exist_ok=True)
        for language in LANGUAGES:
            lupdate(TS_DIR / f"unspun_{language}.ts", language)
            left = unfinished(TS_DIR / f"unspun_{language}.ts")
            print(f"translations/unspun_{language}.ts: {len(left)} unfinished")
        english = TS_DIR / f"unspun_{ENGLISH}.ts"
        lupdate(english, ENGLISH, plural_only=True)
        print(f"translations/unspun_{ENGLISH}.ts: {fill_english_plurals(english)} plural forms written")
    elif args.command == "release":
        QM_DIR.mkdir(exist_ok=True)
        for language in (*LANGUAGES, ENGLISH):
            lrelease(TS_DIR / f"unspun_{language}.ts", QM_DIR / f"unspun_{language}.qm")
            print(f"app/translations/unspun_{language}.qm")
    else:
        print(f"{make_pseudo(args.out)} messages in {os.fspath(args.out)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

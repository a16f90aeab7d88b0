"""Build configuration that pyproject.toml cannot say: the top-level folders shipped inside ``app``.

The repository keeps ``lessons/``, ``assets/``, ``schema/`` and ``docs/`` at its top level; a wheel,
an sdist and the desktop bundle carry them as package data under ``app/_data/`` so that an installed
Unspun finds them through the package (``app/resources.py``). Of ``docs/``, only the guides that open
from the Help menu ship, with the pictures they show. Everything else is in pyproject.toml.
"""

from __future__ import annotations

import re
from pathlib import Path

from setuptools import find_namespace_packages, setup

ROOT = Path(__file__).resolve().parent
#: the top-level folders shipped, each under app/_data/<folder>
SHIPPED_FOLDERS = ("lessons", "assets", "schema", "docs")
#: the guides that open from Help (app/resources.py GUIDES); the rest of docs/ stays in the repository
GUIDES = ("authoring.md", "pack-format.md", "teaching-guide.md")
IMAGE_LINK = re.compile(r"!\[[^\]]*\]\(([^)\s]+)\)")


def shipped_files(folder: str) -> list[str]:
    """Return the files of a top-level folder that ship, relative to it."""
    if folder != "docs":
        return [
            path.relative_to(ROOT / folder).as_posix()
            for path in sorted((ROOT / folder).rglob("*"))
            if path.is_file() and "__pycache__" not in path.parts
        ]
    shipped = set(GUIDES)  # of docs/, the guides and every picture they show
    for name in GUIDES:
        text = (ROOT / "docs" / name).read_text(encoding="utf-8")
        # an image written as an example in the text (`![alt](assets/x.png)`) is no file of docs/
        shipped.update(target for target in IMAGE_LINK.findall(text) if (ROOT / "docs" / target).is_file())
    return sorted(shipped)


def shipped_packages() -> tuple[dict[str, str], dict[str, list[str]]]:
    """Map each shipped folder to a package under app._data; list the data files of every package.

    Every folder is named a package of its own: setuptools treats folders of package data as
    packages anyway, and warns unless they are listed.
    """
    package_dir: dict[str, str] = {}
    package_data: dict[str, list[str]] = {}
    for path in sorted((ROOT / "app").rglob("*")):  # the package's own data: the starter pack, and any to come
        if path.is_file() and path.suffix not in (".py", ".pyc") and "__pycache__" not in path.parts:
            package = ".".join(path.parent.relative_to(ROOT).parts)
            package_data.setdefault(package, []).append(path.name)
    for folder in SHIPPED_FOLDERS:
        package_dir[f"app._data.{folder}"] = folder
        for relative in shipped_files(folder):
            parent, _, name = relative.rpartition("/")
            package = ".".join(["app", "_data", folder, *filter(None, parent.split("/"))])
            package_data.setdefault(package, []).append(name)
    return package_dir, package_data


SHIPPED_DIRS, SHIPPED_DATA = shipped_packages()

setup(
    packages=find_namespace_packages(include=["app", "app.*"], exclude=["app._data*"]) + sorted(SHIPPED_DATA),
    package_dir={"": ".", **SHIPPED_DIRS},
    package_data=SHIPPED_DATA,
)

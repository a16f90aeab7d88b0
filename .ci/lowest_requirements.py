"""Print the runtime dependencies of pyproject.toml pinned to their lowest declared versions.

.ci/run installs these in a throwaway venv and runs the model tests there, so that a lower bound
that is too low (msgspec>=0.18 was) fails CI instead of a user's install.
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def lowest_pins(dependencies: list[str]) -> list[str]:
    """Return ``name==lower`` for each requirement; every one must declare a lower bound with >=."""
    pins = []
    for requirement in dependencies:
        match = re.match(r"^\s*([A-Za-z0-9._-]+)(?:\[[^\]]*\])?\s*[^;]*?>=\s*([0-9][0-9A-Za-z.]*)", requirement)
        if match is None:
            sys.exit(f"lowest_requirements: {requirement!r} declares no lower bound (>=)")
        pins.append(f"{match.group(1)}=={match.group(2)}")
    return pins


if __name__ == "__main__":
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    print("\n".join(lowest_pins(project["dependencies"])))

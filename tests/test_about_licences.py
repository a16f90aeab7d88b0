"""The About dialog names the licence of every runtime dependency the package declares."""

from __future__ import annotations

import re
import tomllib

from tests.conftest import ROOT


def test_every_declared_dependency_has_a_licence_line() -> None:
    """A dependency added to pyproject.toml without an About line fails here."""
    from app.ui.about_dialog import LICENCES

    declared = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["dependencies"]
    names = {re.split(r"[<>=!~ ;\[]", spec, maxsplit=1)[0].lower() for spec in declared}
    listed = {name.split()[0].lower() for name, _licence in LICENCES}
    listed |= {"pyside6-essentials"} if "pyside6" in listed else set()
    assert names <= listed, f"missing from About: {sorted(names - listed)}"

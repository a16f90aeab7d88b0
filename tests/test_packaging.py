"""What a built distribution carries: every resource app/resources.py hands out, and the lowest pins CI tests.

The full check (a wheel built, installed in a fresh venv and used from outside the checkout) is
.ci/check_installed.py, run by .ci/run; these catch the drift between setup.py and the code quickly.
"""

from __future__ import annotations

import runpy
import sys
from pathlib import Path
from typing import Any

import pytest

from app import resources

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def build_config(monkeypatch_module: pytest.MonkeyPatch) -> dict[str, Any]:
    """Run setup.py with setuptools.setup() recording its arguments instead of building."""
    import setuptools

    recorded: dict[str, Any] = {}
    monkeypatch_module.setattr(setuptools, "setup", lambda **kwargs: recorded.update(kwargs))
    namespace = runpy.run_path(str(ROOT / "setup.py"))
    recorded["GUIDES"] = namespace["GUIDES"]
    return recorded


@pytest.fixture(scope="module")
def monkeypatch_module() -> Any:
    with pytest.MonkeyPatch.context() as patch:
        yield patch


def _shipped(config: dict[str, Any]) -> set[str]:
    """Return the files the build puts inside the package, as paths under app/."""
    files = set()
    for package, names in config["package_data"].items():
        folder = "/".join(package.split(".")[1:])
        files.update(f"{folder}/{name}".lstrip("/") for name in names)
    return files


def test_every_resource_ships_inside_the_package(build_config: dict[str, Any]) -> None:
    shipped = _shipped(build_config)
    for path in resources.builtin_pack().rglob("*"):
        if path.is_file():
            assert f"_data/lessons/{path.relative_to(resources.builtin_pack()).as_posix()}" in shipped
    for folder, names in (("assets", ["style.qss", "unspun.svg"]), ("schema", ["pack.schema.json", "module.schema.json"])):
        for name in names:
            assert f"_data/{folder}/{name}" in shipped
    starter = resources.starter_pack()
    for path in starter.rglob("*"):
        if path.is_file() and path.suffix != ".py" and "__pycache__" not in path.parts:
            assert f"templates/starter/{path.relative_to(starter).as_posix()}" in shipped  # the poster PNG too
    assert tuple(build_config["GUIDES"]) == tuple(resources.GUIDES)


def test_the_guides_ship_with_the_pictures_they_show(build_config: dict[str, Any]) -> None:
    shipped = _shipped(build_config)
    assert {"_data/docs/authoring.md", "_data/docs/pack-format.md"} <= shipped
    assert "_data/docs/screenshots/problems-panel.png" in shipped  # authoring.md shows it
    assert "_data/docs/architecture.md" not in shipped  # the rest of docs/ stays in the repository
    assert not any(name.startswith("_data/docs/screenshots/home-") for name in shipped)


def test_lowest_requirements_pin_every_lower_bound() -> None:
    sys.path.insert(0, str(ROOT / ".ci"))
    try:
        from lowest_requirements import lowest_pins
    finally:
        sys.path.remove(str(ROOT / ".ci"))
    assert lowest_pins(["msgspec>=0.22,<1", "PySide6-Essentials>=6.8,<6.12", "keyring >= 24"]) == [
        "msgspec==0.22", "PySide6-Essentials==6.8", "keyring==24"
    ]
    with pytest.raises(SystemExit):
        lowest_pins(["requests"])

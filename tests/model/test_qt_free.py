"""The model and the validate command never import Qt (napari's rule, checked by machine, not by review)."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import ROOT

#: imported in a fresh interpreter: every module below app/model, found by walking the package, then
#: the command-line entry and the validate command; prints which of them asked for PySide6
PROBE = """
import importlib, json, pkgutil, sys

import app.model

asked = {}
current = [None]


class RecordQt:
    def find_spec(self, fullname, path=None, target=None):
        if fullname.split(".")[0] == "PySide6":
            asked.setdefault(current[0], fullname)
        return None  # only watching: the normal finders still do the work


sys.meta_path.insert(0, RecordQt())
names = sorted(info.name for info in pkgutil.walk_packages(app.model.__path__, "app.model."))
names += ["app.cli", "app.commands.validate"]
for name in names:
    current[0] = name
    importlib.import_module(name)
loaded = sorted(name for name in sys.modules if name.split(".")[0] == "PySide6")
print(json.dumps({"imported": names, "asked": asked, "loaded": loaded}))
"""


def test_model_and_validate_never_import_pyside6() -> None:
    """Importing every module of app/model, app.cli and the validate command leaves PySide6 unloaded."""
    completed = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False
    )
    assert completed.returncode == 0, completed.stderr
    report = json.loads(completed.stdout.splitlines()[-1])
    on_disk = {
        "app." + ".".join(path.relative_to(ROOT / "app").with_suffix("").parts).removesuffix(".__init__")
        for path in (ROOT / "app" / "model").rglob("*.py")
    }
    # the walk must reach every file, or a new module could slip past this test
    assert on_disk - {"app.model"} <= set(report["imported"])
    assert report["asked"] == {}, f"these modules import PySide6: {report['asked']}"
    assert report["loaded"] == []

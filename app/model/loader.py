"""PROVISIONAL: ``load_pack`` without the hardening; the pack-engine work replaces it.
The signature ``load_pack(path) -> LoadResult`` is the contract."""

from __future__ import annotations

from pathlib import Path

import msgspec
import yaml

from app.model.pack import Pack
from app.model.problems import LoadResult, Problem
from app.model.schema import Manifest, Module
from app.model.source import PackSource


def load_pack(path: str | Path) -> LoadResult:
    """Load and check the pack at ``path`` (folder, pack.yaml or .zip)."""
    root = Path(path)
    if root.is_file():
        root = root.parent
    try:
        manifest = msgspec.convert(yaml.safe_load((root / "pack.yaml").read_text("utf-8")), Manifest)
        modules = []
        files = {}
        for rel in manifest.modules:
            module = msgspec.convert(yaml.safe_load((root / rel).read_text("utf-8")), Module)
            modules.append(module)
            files[module.id] = rel
    except Exception as error:  # noqa: BLE001 (provisional)
        return LoadResult([Problem("pack.yaml", 1, 1, "error", str(error))])
    return LoadResult([], Pack(manifest, tuple(modules), PackSource(root, str(path)), files))

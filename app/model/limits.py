"""The limits of spec section 8: each keeps a hostile pack from exhausting the machine."""

from __future__ import annotations

MIB = 1024 * 1024

MAX_YAML_BYTES = 16 * MIB
"""One YAML file (``pack.yaml`` or a module)."""

MAX_MODULES = 1000
"""Modules in one pack (checked by the loader)."""

MAX_FILES = 20_000
"""Regular files in a pack, folder or zip, hidden files included."""

MAX_TOTAL_BYTES = 256 * MIB
"""A pack's total size, unpacked."""

MAX_DEPTH = 64
"""Nesting depth of YAML collections; the top-level collection is depth 1."""

MAX_INT_DIGITS = 4300
"""Longest integer text read as a number; Python refuses to convert longer decimal text."""

MAX_PROBLEMS_PER_FILE = 1000
"""Reading one YAML file stops after this many problems, so a hostile file cannot fill memory."""

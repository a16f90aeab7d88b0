"""A copy of the example pack whose plain-text fields (titles, labels, notes, alt text...) hold markup.

Every such field starts with ``MARK``: shown as text it reads ``<i>HOSTILE</i>``; read as HTML by
mistake, the tags vanish. The pack still validates, so every screen can be opened with it.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

MARK = "<i>HOSTILE</i>"
_FIELDS = (
    "title|label|publisher|name|term|definition|alt|note|prompt|handle|author|outlet|description|"
    "explanation|feedback|takeaway|summary|left|right|statement|choice|headline|caption|date|kicker|byline"
)
#: a simple one-line value (not quoted, not a list, block or anchor) of one of those fields
_FIELD = re.compile(rf"^(\s*(?:- )?(?:{_FIELDS})\s*:\s)(?![\"'\[{{|>&*!])([^#\n\"]+)$", re.MULTILINE)


def hostile_copy(source: Path, target: Path) -> Path:
    """Copy the pack at ``source`` to ``target`` with MARK before each simple plain-text field."""
    shutil.copytree(source, target)
    for file in target.glob("*.yaml"):
        text = file.read_text(encoding="utf-8")
        file.write_text(_FIELD.sub(lambda m: f'{m.group(1)}"{MARK} {m.group(2).strip()}"', text), encoding="utf-8")
    return target

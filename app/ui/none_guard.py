"""Keep ``None`` alive under PySide6 builds that assume Python 3.12's immortal ``None``.

PySide6 6.12 returns ``None`` from every void method (``QPainter.setPen``, ``QFont.setWeight``,
...) without taking a reference to it. From Python 3.12 on ``None`` is immortal, so that is
harmless; on Python 3.11 each call lowers ``None``'s reference count by one, and after some
tens of thousands of calls the interpreter aborts with "Fatal Python error: none_dealloc". On
3.11 we therefore give ``None`` a reference count that no session can exhaust, which is what
3.12 does for every immortal object.
"""

from __future__ import annotations

import ctypes
import sys

#: 2**40 references: at a million void calls a second that lasts twelve days
_HEADROOM = 1 << 40


def keep_none_alive() -> None:
    """Raise ``None``'s reference count far out of reach on Python before 3.12 (no-op after)."""
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    refcount = ctypes.c_ssize_t.from_address(id(None))  # ob_refcnt is PyObject's first field
    if refcount.value < _HEADROOM:
        refcount.value += _HEADROOM


keep_none_alive()

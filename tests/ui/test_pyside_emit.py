"""Guard against PySide6 releases that leak references to True and None on Python 3.11.

PySide6 6.12.0 took one reference from True per signal emit and one from None per void call
(QPainter.setPen, QFont.setWeight, ...). On Python 3.11, where those objects are not immortal,
the interpreter then aborts after a few thousand calls. pyproject.toml excludes 6.12; these
tests fail on any release that does it again.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QFont, QImage, QPainter, QPen


class _Probe(QObject):
    fired = Signal()


def test_emitting_signals_leaves_true_reference_count_intact() -> None:
    """200 emits must not take 200 references from True."""
    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(200):
        probe.fired.emit()
    assert sys.getrefcount(True) >= before - 5


def test_void_calls_leave_none_reference_count_intact(qtbot) -> None:
    """200 void calls must not take 200 references from None."""
    image = QImage(4, 4, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    font = QFont()
    before = sys.getrefcount(None)
    for _ in range(100):
        painter.setPen(QPen())
        font.setWeight(QFont.Weight.Bold)
    painter.end()
    assert sys.getrefcount(None) >= before - 5

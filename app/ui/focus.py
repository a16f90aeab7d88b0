"""Keyboard focus in reading order: the Tab chain of a step, and where focus goes after an action.

Qt's focus chain follows the order widgets were created in, which is not the order they are read
in (a quiz builds its Submit button before its questions). ``controls_in_reading_order`` walks the
layouts instead, top to bottom and left to right as they are laid out, and keeps controls that
are disabled or hidden for now (Check, Mark selection): Tab skips them until they can be used,
so the chain never needs rebuilding when they are enabled or shown (only when controls are added).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLayout, QWidget


def _takes_tab(widget: QWidget) -> bool:
    return bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus) and widget.focusProxy() is None


def controls_in_reading_order(view: QWidget) -> list[QWidget]:
    """Return every control inside ``view`` that Tab can reach (now or once enabled), in reading order.

    The order is the order of the layouts; children outside any layout come after, in creation order.
    """
    controls: list[QWidget] = []
    seen: set[int] = set()

    def visit_widget(widget: QWidget, laid_out: bool = True) -> None:
        if id(widget) in seen or widget.isWindow() or (widget.isHidden() and not laid_out):
            return  # a hidden widget outside the layouts is on its way out (a card of an earlier attempt)
        seen.add(id(widget))
        if _takes_tab(widget):
            controls.append(widget)
        layout = widget.layout()
        if layout is not None:
            visit_layout(layout)
        for child in widget.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly):
            visit_widget(child, laid_out=False)

    def visit_layout(layout: QLayout) -> None:
        for position in range(layout.count()):
            item = layout.itemAt(position)
            if item is None:
                continue
            if (widget := item.widget()) is not None:
                visit_widget(widget)
            elif (inner := item.layout()) is not None:
                visit_layout(inner)

    layout = view.layout()
    if layout is not None:
        visit_layout(layout)
    for child in view.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly):
        visit_widget(child, laid_out=False)
    return controls


def focusable_now(view: QWidget, controls: list[QWidget] | None = None) -> list[QWidget]:
    """Return the controls in ``view`` Tab reaches at this moment, in reading order.

    ``controls`` is ``controls_in_reading_order(view)`` when the caller already has it.
    """
    if controls is None:
        controls = controls_in_reading_order(view)
    return [w for w in controls if w.isEnabled() and w.isVisibleTo(view)]


def focus_first_control(view: QWidget, controls: list[QWidget] | None = None) -> bool:
    """Put the focus on the first control of ``view`` Tab would reach; tell whether there was one."""
    reachable = focusable_now(view, controls)
    if not reachable:
        return False
    reachable[0].setFocus(Qt.FocusReason.OtherFocusReason)
    return True

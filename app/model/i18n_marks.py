"""Marks for interface text worded outside a translating call (the model is Qt-free).

``QT_TRANSLATE_NOOP(context, text)`` returns ``text`` unchanged; ``pyside6-lupdate`` extracts it
under ``context``, and the interface translates it where it is shown with
``QCoreApplication.translate(context, text)`` (docs/architecture.md, "Translation with Qt's own system").
"""

from __future__ import annotations


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # the name lupdate looks for
    """Return ``text``: marks it for extraction under ``context``, to be translated where it is shown."""
    del context
    return text

"""Colours, type sizes and spacing, for the light and the dark scheme.

Every widget takes its colours from ``current_theme()`` so that both schemes stay readable.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication

from app.model.pack import Pack

#: Okabe-Ito: distinguishable by colour-blind readers. Techniques without a colour take these in turn.
TECHNIQUE_PALETTE = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7")

#: one spacing scale for the whole application
SPACE_XS, SPACE_S, SPACE_M, SPACE_L, SPACE_XL, SPACE_XXL = 4, 8, 12, 16, 24, 32


@dataclass(frozen=True, slots=True)
class Theme:
    dark: bool
    window: str
    surface: str  # cards, panels
    text: str
    muted: str
    border: str
    accent: str  # selection, focus, the current step
    correct: str
    wrong: str
    partial: str
    highlight_alpha: int  # 0-255, for translucent technique highlights


LIGHT = Theme(
    dark=False, window="#F7F6F3", surface="#FFFFFF", text="#1F2328", muted="#5F6670", border="#D9D7D0",
    accent="#2F5FA7", correct="#1E7A46", wrong="#B3261E", partial="#8A5A00", highlight_alpha=70,
)
DARK = Theme(
    dark=True, window="#1B1D21", surface="#25282D", text="#E8E6E3", muted="#A3A8B0", border="#3A3E45",
    accent="#7FA7E8", correct="#6CC58F", wrong="#F08A80", partial="#E5B45A", highlight_alpha=90,
)


def system_prefers_dark() -> bool:
    """Tell whether the system colour scheme is dark (Qt 6's QStyleHints.colorScheme)."""
    app = QGuiApplication.instance()
    if app is None:
        return False
    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark


def current_theme() -> Theme:
    """Return the theme matching the system's colour scheme."""
    return DARK if system_prefers_dark() else LIGHT


def technique_colors(pack: Pack) -> dict[str, QColor]:
    """Give every technique of ``pack`` a colour: its own, or the next of the palette."""
    colors: dict[str, QColor] = {}
    spare = 0
    for key, technique in pack.manifest.techniques.items():
        if technique.color:
            colors[key] = QColor(technique.color)
        else:
            colors[key] = QColor(TECHNIQUE_PALETTE[spare % len(TECHNIQUE_PALETTE)])
            spare += 1
    return colors


def technique_numbers(pack: Pack) -> dict[str, int]:
    """Number the techniques 1, 2, ... in the manifest's order, for markers beside colours."""
    return {key: number for number, key in enumerate(pack.manifest.techniques, start=1)}

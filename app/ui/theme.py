"""Colours, type sizes and spacing, for the light and the dark scheme.

Every widget takes its colours from ``current_theme()`` so that both schemes stay readable.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QColor, QFont, QFontDatabase, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from app.resources import assets_dir

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from app.model.pack import Pack

#: Okabe-Ito: distinguishable by colour-blind readers. Techniques without a colour take these in turn.
TECHNIQUE_PALETTE = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7")

#: one spacing scale for the whole application
SPACE_XS, SPACE_S, SPACE_M, SPACE_L, SPACE_XL, SPACE_XXL = 4, 8, 12, 16, 24, 32

#: the application's own icons and stylesheet (never lesson content)
ASSETS_DIR = assets_dir()


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
    from PySide6.QtCore import Qt  # builds all of Qt's enums (about 25 ms): not before the window is shown

    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark


def current_theme() -> Theme:
    """Return the theme matching the system's colour scheme, unless UNSPUN_THEME forces one."""
    forced = forced_scheme()
    if forced is not None:
        return DARK if forced == "dark" else LIGHT
    return DARK if system_prefers_dark() else LIGHT


#: the least contrast a technique colour keeps against the card it is drawn on (WCAG, for graphics)
MIN_TECHNIQUE_CONTRAST = 3.0


def relative_luminance(color: QColor | str) -> float:
    """Return the WCAG relative luminance of a colour (0 black to 1 white)."""
    qcolor = QColor(color)

    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(qcolor.redF()) + 0.7152 * channel(qcolor.greenF()) + 0.0722 * channel(qcolor.blueF())
    )


def contrast_ratio(first: QColor | str, second: QColor | str) -> float:
    """Return the WCAG contrast ratio between two colours (1 to 21)."""
    a, b = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def text_on(background: QColor | str) -> QColor:
    """Pick near-black or white text, whichever has the higher WCAG contrast on ``background``."""
    black, white = QColor("#111111"), QColor("#FFFFFF")
    return black if contrast_ratio(background, black) >= contrast_ratio(background, white) else white


def legible_on(color: QColor, surface: str) -> QColor:
    """On a dark ``surface``, lighten ``color`` just enough to keep MIN_TECHNIQUE_CONTRAST against it.

    Packs choose colours that read on white; a dark indigo vanishes on a dark card, so there the hue
    is kept and only the lightness moves. On light cards a colour is left as the pack gave it: pale
    ones (yellow) are drawn as fills under dark text and numbers, where they read.
    """
    if relative_luminance(surface) >= 0.5:
        return QColor(color)
    towards = "#FFFFFF"
    adjusted = QColor(color)
    for step in range(1, 11):
        if contrast_ratio(adjusted, surface) >= MIN_TECHNIQUE_CONTRAST:
            break
        adjusted = QColor(mix(color.name(), towards, step / 10))
    return adjusted


def technique_colors(pack: Pack, theme: Theme | None = None) -> dict[str, QColor]:
    """Give every technique of ``pack`` a colour (its own, or the next of the palette), legible on dark cards."""
    surface = (theme or current_theme()).surface
    colors: dict[str, QColor] = {}
    spare = 0
    for key, technique in pack.manifest.techniques.items():
        if technique.color:
            chosen = QColor(technique.color)
        else:
            chosen = QColor(TECHNIQUE_PALETTE[spare % len(TECHNIQUE_PALETTE)])
            spare += 1
        colors[key] = legible_on(chosen, surface)
    return colors


def technique_numbers(pack: Pack) -> dict[str, int]:
    """Number the techniques 1, 2, ... in the manifest's order, for markers beside colours."""
    return {key: number for number, key in enumerate(pack.manifest.techniques, start=1)}


# ---------------------------------------------------------------- forcing a scheme

#: ``UNSPUN_THEME=light`` or ``dark`` overrides the system scheme (screenshots, tests, the render command).
THEME_ENV = "UNSPUN_THEME"


#: the learner's choice in View > Theme: follow the system, or always light, or always dark
THEME_CHOICES = ("system", "light", "dark")
_theme_choice = "system"


def set_theme_choice(choice: object) -> str:
    """Make ``choice`` ("system", "light" or "dark"; anything else counts as "system") the theme; return it."""
    global _theme_choice
    _theme_choice = choice if isinstance(choice, str) and choice in THEME_CHOICES else "system"
    return _theme_choice


def theme_choice() -> str:
    """Return the learner's theme choice: "system", "light" or "dark"."""
    return _theme_choice


def forced_scheme() -> str | None:
    """Return "light" or "dark" when UNSPUN_THEME or the learner's View > Theme choice forces one."""
    value = os.environ.get(THEME_ENV, "").strip().lower()
    if value in ("light", "dark"):
        return value
    return None if _theme_choice == "system" else _theme_choice


# ---------------------------------------------------------------- type and zoom

#: body text of readings, in pixels at zoom 1.0
BODY_PX = 16
#: the interface's own text (menus, buttons, the library) at zoom 1.0
UI_PX = 14
SMALL_PX = 12
ZOOM_MIN, ZOOM_MAX, ZOOM_STEP = 0.7, 2.0, 0.1

UI_FAMILIES = ("Inter", "Segoe UI", "SF Pro Text", "Cantarell", "Noto Sans", "Helvetica Neue", "DejaVu Sans")
SERIF_FAMILIES = (
    "Charter", "Georgia", "Source Serif 4", "Noto Serif", "P052", "DejaVu Serif", "Times New Roman",
)
MONO_FAMILIES = ("JetBrains Mono", "Cascadia Mono", "Consolas", "Menlo", "Noto Sans Mono", "DejaVu Sans Mono")
#: appended to every list so that Chinese terms (防火长城) never render as boxes
CJK_FAMILIES = (
    "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC",
    "WenQuanYi Micro Hei", "Droid Sans Fallback",
)

_zoom = 1.0


class ThemeSignals(QObject):
    """Where step widgets hear that the zoom or the colour scheme changed."""

    zoom_changed = Signal(float)
    theme_changed = Signal(object)  # the new Theme


_signals: ThemeSignals | None = None


def theme_signals() -> ThemeSignals:
    """Return the application-wide ThemeSignals (created on first use)."""
    global _signals
    if _signals is None:
        _signals = ThemeSignals()
    return _signals


def zoom() -> float:
    """Return the current text zoom factor (1.0 is 100 %)."""
    return _zoom


def set_zoom(factor: float) -> float:
    """Set the text zoom (clamped), tell listeners through ``zoom_changed`` and return it."""
    global _zoom
    clamped = round(min(ZOOM_MAX, max(ZOOM_MIN, factor)), 2)
    if clamped != _zoom:
        _zoom = clamped
        theme_signals().zoom_changed.emit(clamped)
    return _zoom


def set_zoom_quietly(factor: float) -> float:
    """Set the zoom without telling listeners (up to twice ZOOM_MAX) and return it.

    Presentation mode builds its own widgets in large type this way, while every other screen
    keeps the size it was built at and nothing is restyled; it puts the old zoom back after.
    """
    global _zoom
    _zoom = round(min(2 * ZOOM_MAX, max(ZOOM_MIN, factor)), 2)
    return _zoom


def scaled(px: float) -> int:
    """Scale a pixel size by the current zoom."""
    return max(1, round(px * _zoom))


def body_px() -> int:
    """Return the body text size of readings in pixels, zoom applied."""
    return scaled(BODY_PX)


@cache
def font_families(kind: str = "ui") -> tuple[str, ...]:
    """Return installed families for ``kind`` ("ui", "reading", "serif" or "mono"), CJK fallbacks last."""
    base = {"ui": UI_FAMILIES, "reading": UI_FAMILIES, "serif": SERIF_FAMILIES, "mono": MONO_FAMILIES}[kind]
    available = set(QFontDatabase.families())
    first = next((family for family in base if family in available), base[-1])
    return (first, *(family for family in CJK_FAMILIES if family in available))


def _font(kind: str, px: float | None, default_px: float) -> QFont:
    font = QFont()
    font.setFamilies(list(font_families(kind)))
    font.setPixelSize(scaled(default_px if px is None else px))
    if kind == "mono":
        font.setStyleHint(QFont.StyleHint.Monospace)
    elif kind == "serif":
        font.setStyleHint(QFont.StyleHint.Serif)
    return font


def ui_font(px: float | None = None) -> QFont:
    """Return the interface font at ``px`` pixels (default UI_PX), zoom applied."""
    return _font("ui", px, UI_PX)


def reading_font(px: float | None = None) -> QFont:
    """Return the font of reading text at ``px`` pixels (default BODY_PX), zoom applied."""
    return _font("reading", px, BODY_PX)


def serif_font(px: float | None = None) -> QFont:
    """Return a serif font (headlines, article excerpts) at ``px`` pixels, zoom applied."""
    return _font("serif", px, BODY_PX)


def mono_font(px: float | None = None) -> QFont:
    """Return a monospaced font at ``px`` pixels, zoom applied."""
    return _font("mono", px, UI_PX)


# ---------------------------------------------------------------- palette and stylesheet


def mix(a: str, b: str, amount: float) -> str:
    """Blend colour ``a`` towards ``b`` by ``amount`` (0..1) and return #rrggbb."""
    ca, cb = QColor(a), QColor(b)
    return QColor(
        round(ca.red() + (cb.red() - ca.red()) * amount),
        round(ca.green() + (cb.green() - ca.green()) * amount),
        round(ca.blue() + (cb.blue() - ca.blue()) * amount),
    ).name()


def palette(theme: Theme) -> QPalette:
    """Build a QPalette from ``theme`` so that unstyled widgets match it."""
    pal = QPalette()
    role = QPalette.ColorRole
    pal.setColor(role.Window, QColor(theme.window))
    pal.setColor(role.WindowText, QColor(theme.text))
    pal.setColor(role.Base, QColor(theme.surface))
    pal.setColor(role.AlternateBase, QColor(mix(theme.surface, theme.border, 0.3)))
    pal.setColor(role.Text, QColor(theme.text))
    pal.setColor(role.Button, QColor(theme.surface))
    pal.setColor(role.ButtonText, QColor(theme.text))
    pal.setColor(role.Highlight, QColor(theme.accent))
    pal.setColor(role.HighlightedText, QColor(theme.window if theme.dark else "#FFFFFF"))
    pal.setColor(role.ToolTipBase, QColor(theme.surface))
    pal.setColor(role.ToolTipText, QColor(theme.text))
    pal.setColor(role.PlaceholderText, QColor(theme.muted))
    pal.setColor(role.Link, QColor(theme.accent))
    pal.setColor(role.LinkVisited, QColor(theme.accent))
    pal.setColor(role.Mid, QColor(theme.border))
    pal.setColor(role.Midlight, QColor(mix(theme.surface, theme.border, 0.5)))
    pal.setColor(role.Dark, QColor(mix(theme.border, theme.text, 0.3)))
    for group_role in (role.WindowText, role.Text, role.ButtonText):
        pal.setColor(QPalette.ColorGroup.Disabled, group_role, QColor(mix(theme.muted, theme.window, 0.35)))
    return pal


def stylesheet(theme: Theme) -> str:
    """Fill ``assets/style.qss`` (or the built-in copy) with ``theme``'s colours and zoomed sizes."""
    from string import Template

    template_path = ASSETS_DIR / "style.qss"
    try:
        template = template_path.read_text("utf-8")
    except OSError:
        return ""
    values = {
        "window": theme.window,
        "surface": theme.surface,
        "text": theme.text,
        "muted": theme.muted,
        "border": theme.border,
        "accent": theme.accent,
        "accent_text": theme.window if theme.dark else "#FFFFFF",
        "accent_soft": mix(theme.surface, theme.accent, 0.14),
        "accent_hover": mix(theme.accent, theme.text, 0.15),
        "hover": mix(theme.window, theme.text, 0.06),
        "pressed": mix(theme.window, theme.text, 0.12),
        "sidebar": mix(theme.window, theme.border, 0.25 if not theme.dark else 0.15),
        "track": mix(theme.surface, theme.border, 0.7),
        "correct": theme.correct,
        "wrong": theme.wrong,
        "partial": theme.partial,
    }
    sizes = {"ui": UI_PX, "small": SMALL_PX, "body": BODY_PX, "h1": 28, "h2": 20, "h3": 17, "brand": 18, "title": 24}
    for name, px in sizes.items():
        values[f"{name}_px"] = f"{scaled(px)}px"
    return Template(template).safe_substitute(values)


def apply_theme(app: QApplication, theme: Theme | None = None) -> Theme:
    """Apply ``theme`` (default: the active one) to ``app``: palette, font, stylesheet; return it."""
    chosen = theme or current_theme()
    app.setPalette(palette(chosen))
    app.setFont(ui_font())
    app.setStyleSheet(stylesheet(chosen))
    theme_signals().theme_changed.emit(chosen)
    return chosen


def set_style_property(widget: QWidget, name: str, value: object) -> None:
    """Set a property the stylesheet selects on (``[mark="right"]``) and restyle ``widget`` by it."""
    widget.setProperty(name, value)
    # Qt matches property selectors only when a widget is polished, not when the property changes
    widget.style().unpolish(widget)
    widget.style().polish(widget)

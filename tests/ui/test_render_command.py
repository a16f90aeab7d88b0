"""Tests of ``main.py render``: one image per step, and ``--full`` images tall enough for the whole step."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QImage

from app.commands.render import FULL_HEIGHT_CAP, run_render
from app.model.loader import load_pack
from tests.conftest import EXAMPLE_PACK


def _step_images(out: Path) -> dict[str, QImage]:
    return {str(path.relative_to(out)): QImage(str(path)) for path in sorted(out.rglob("*.png")) if path.name != "home.png"}


def _expected_names() -> set[str]:
    pack = load_pack(EXAMPLE_PACK).pack
    assert pack is not None
    return {
        f"{module.id}/{lesson.id}/{index + 1:02d}-{step.kind}.png"
        for module in pack.modules
        for lesson in module.lessons
        for index, step in enumerate(lesson.steps)
    }


def _has_content_below(image: QImage, top: int) -> bool:
    """Tell whether the rows from ``top`` down hold more than one colour in the middle column."""
    colours = {image.pixel(x, y) for y in range(top, image.height(), 4) for x in range(300, 700, 8)}
    return len(colours) > 1


def test_default_render_draws_every_step_at_window_size(qtbot, tmp_path: Path) -> None:
    """Without --full every step gets one PNG, exactly the window size."""
    assert run_render([str(EXAMPLE_PACK), "--out", str(tmp_path), "--size", "1024x700"]) == 0
    images = _step_images(tmp_path)
    assert set(images) == _expected_names()
    assert {(image.width(), image.height()) for image in images.values()} == {(1024, 700)}


def test_full_render_makes_long_steps_taller_and_shows_what_was_cut_off(qtbot, tmp_path: Path) -> None:
    """With --full every step still gets one PNG; long steps grow past the window and are drawn to the end."""
    assert run_render([str(EXAMPLE_PACK), "--out", str(tmp_path), "--size", "1024x700", "--full"]) == 0
    images = _step_images(tmp_path)
    assert set(images) == _expected_names()
    assert all(image.width() == 1024 and 700 <= image.height() <= FULL_HEIGHT_CAP for image in images.values())
    tall = [name for name, image in images.items() if image.height() > 700]
    assert tall, "the example pack's quizzes are longer than 700 px"
    for name in tall:
        assert _has_content_below(images[name], 700), f"{name} grew but shows nothing below the old fold"
    assert (tmp_path / "home.png").exists()


def test_full_render_of_a_short_step_keeps_the_window_height(qtbot, tmp_path: Path) -> None:
    """A step that fits stays at the window height: --full grows only, and each step starts from the size."""
    assert run_render([str(EXAMPLE_PACK), "--out", str(tmp_path), "--size", "1024x2000", "--full"]) == 0
    images = _step_images(tmp_path)
    heights = {image.height() for image in images.values()}
    assert 2000 in heights and min(heights) == 2000

"""One widget per step kind; importing this package registers them all."""

from app.ui.steps import compare, example, quiz, reading, reflect  # noqa: F401

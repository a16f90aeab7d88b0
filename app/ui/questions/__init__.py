"""One widget per question type; importing this package registers them all."""

from app.ui.questions import (  # noqa: F401
    categorize,
    judge,
    match,
    multiple,
    order,
    short,
    single,
    spot,
    true_false,
)

"""What a learner's response to each question type looks like, shared by UI, scoring and storage.

Indices always refer to the order *as written in the pack*, never the shuffled order shown, so
that a stored response stays meaningful whatever order the next attempt shows.

| type        | response                                                              |
|-------------|-----------------------------------------------------------------------|
| single      | ``int``: index of the chosen choice                                   |
| multiple    | ``list[int]``: indices of the picked choices (any order, no repeats)  |
| true_false  | ``bool``                                                              |
| short       | ``str``: what the learner typed                                       |
| order       | ``list[int]``: item indices in the order the learner put them         |
| match       | ``dict[int, int]``: left index -> index of the right chosen for it    |
| spot        | ``list[tuple[int, int]]``: selections as (start, end) offsets in text |
| categorize  | ``dict[int, int]``: item index -> index of the category chosen        |
| judge       | ``int``: the rating, 1 (not at all reliable) to 6 (very reliable)     |

``None`` means unanswered, which scores 0. JSON cannot key objects by integers, so
``to_json``/``from_json`` convert the dict forms for storage.
"""

from __future__ import annotations

from typing import Any

Response = int | bool | str | list[int] | dict[int, int] | list[tuple[int, int]] | None


def to_json(response: Response) -> Any:
    """Convert a response into JSON-ready data (dict keys become strings)."""
    if isinstance(response, dict):
        return {str(key): value for key, value in response.items()}
    if isinstance(response, list):
        return [list(item) if isinstance(item, tuple) else item for item in response]
    return response


def from_json(question_type: str, data: Any) -> Response:
    """Rebuild a response stored by ``to_json`` for a question of ``question_type``."""
    if data is None:
        return None
    if question_type in ("match", "categorize"):
        return {int(key): int(value) for key, value in data.items()}
    if question_type == "spot":
        return [(int(start), int(end)) for start, end in data]
    if question_type in ("multiple", "order"):
        return [int(item) for item in data]
    return data  # type: ignore[no-any-return]

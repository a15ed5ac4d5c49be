"""Building a pydantic model from values that need no checking, without validating them again.

Explanations make hundreds of messages per assessment and a comparison thousands of rows, each
from values the engine itself made (a code found in the catalogue, figures it computed):
validating them again cost more than making them.  ``made`` gives what validating would give
(``tests/test_messages_made.py`` and the comparison's tests check it) for models whose fields
need no conversion; ``Model.model_construct`` does the same with defaults filled, but slower."""

from __future__ import annotations

from typing import Any

__all__ = ["made"]

_new = object.__new__
_set = object.__setattr__


def made(cls, fields: dict[str, Any]):
    """An instance of the pydantic model ``cls`` holding ``fields`` as they are (every field
    given, none converted)."""
    m = _new(cls)
    _set(m, "__dict__", fields)
    _set(m, "__pydantic_fields_set__", set(fields))
    _set(m, "__pydantic_extra__", None)
    _set(m, "__pydantic_private__", None)
    return m

"""Problems: what is wrong with a file, a field or an operation, and what to do
(:class:`seal_engine.Problem`).  A problem made from a plain text (code that is not yet
converted) carries ``problem.text``."""

from __future__ import annotations

MESSAGES: dict[str, str | tuple[str, str]] = {
    "problem.text": "{text}",
}

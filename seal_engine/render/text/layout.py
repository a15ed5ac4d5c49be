"""Terminal text's layout: the width to fit, lines wrapped at words, tables that fit, and the
catalogue's words in a language (``t(code, **params)``) every text part uses."""

from __future__ import annotations

import os
import shutil
import textwrap
from collections.abc import Sequence

__all__ = ["known_codes", "lines_of", "num_", "say_", "shorten", "t_of", "terminal_width",
           "text_table", "wrap", "wrap_pct"]

_DEFAULT_WIDTH = 100


def terminal_width() -> int:
    """The width to fit: ``COLUMNS`` if set, the terminal's if known, else 100."""
    env = os.environ.get("COLUMNS", "")
    if env.isdigit() and int(env) >= 20:
        return int(env)
    size = shutil.get_terminal_size(fallback=(0, 0)).columns
    return size if size >= 20 else _DEFAULT_WIDTH


def wrap(text: str, width: int | None = None, indent: str = "", hanging: str | None = None
         ) -> list[str]:
    """``text`` wrapped at spaces to ``width``; ``indent`` starts the first line, ``hanging``
    (default: ``indent`` plus two spaces) the others."""
    width = width or terminal_width()
    hanging = indent + "  " if hanging is None else hanging
    lines = textwrap.wrap(text, width=width, initial_indent=indent, subsequent_indent=hanging,
                          break_long_words=False, break_on_hyphens=False) or [indent.rstrip()]
    return lines


def shorten(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters at a word, with an ellipsis."""
    text = " ".join(str(text).split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut and text[limit - 1] != " ":
        cut = cut[: cut.rfind(" ")]
    return cut.rstrip(" ,;:") + "…"


def text_table(headers: Sequence[str], rows: Sequence[Sequence[object]],
               align: str | None = None, width: int | None = None) -> str:
    """A plain-text table; ``align`` holds 'l' or 'r' per column.  When the table is wider
    than ``width`` (default: the terminal's), the widest left-aligned columns are narrowed and
    their cells wrapped onto further lines at spaces."""
    cells = [[str(c) for c in headers]] + [["" if c is None else str(c) for c in r] for r in rows]
    ncol = len(headers)
    align = align or "l" * ncol
    widths = [max(len(r[i]) for r in cells) for i in range(ncol)]
    limit = width or terminal_width()
    # narrow the widest column that can wrap until the table fits, or nothing can give; a
    # column never gets narrower than its longest word
    floor = [max([len(w) for r in cells for w in r[i].split()] or [1]) for i in range(ncol)]
    while sum(widths) + 2 * (ncol - 1) > limit:
        candidates = [i for i in range(ncol) if widths[i] > max(floor[i], 4)]
        if not candidates:
            break
        i = max(candidates, key=lambda k: widths[k] - floor[k] / 2)
        widths[i] -= 1
    # each cell becomes its wrapped lines; a word longer than the column widens it
    wrapped = []
    for r in cells:
        parts = [textwrap.wrap(c, width=w, break_long_words=False, break_on_hyphens=False)
                 or [""] for c, w in zip(r, widths, strict=True)]
        wrapped.append(parts)
    widths = [max(widths[i], *(len(line) for row in wrapped for line in row[i]))
              for i in range(ncol)]

    def fmt(parts) -> list[str]:
        height = max(len(p) for p in parts)
        out = []
        for k in range(height):
            line = "  ".join(
                (p[k] if k < len(p) else "").rjust(w) if a == "r"
                else (p[k] if k < len(p) else "").ljust(w)
                for p, w, a in zip(parts, widths, align, strict=True))
            out.append(line.rstrip())
        return out

    out = fmt(wrapped[0]) + ["  ".join("-" * w for w in widths)]
    for parts in wrapped[1:]:
        out.extend(fmt(parts))
    return "\n".join(out)


def lines_of(items: list[str], width: int) -> list[str]:
    """Each item (indented with spaces) wrapped with a hanging indent."""
    out = []
    for item in items:
        body = item.lstrip(" ")
        indent = item[: len(item) - len(body)]
        hang = indent + ("  " if body[:2] in ("✓ ", "✗ ", "? ", "- ") else "  ")
        out.extend(wrap(body, width, indent, hang))
    return out


def t_of(lang: str):
    """``t(code, **params)``: a message of the catalogue written in ``lang``."""
    from ...messages import render_message, say

    def t(code: str, /, **params) -> str:
        return render_message(say(code, **params), lang=lang)

    return t


def say_(code: str, **params):
    from ...messages import say

    return say(code, **params)


def known_codes():
    from ...messages import MESSAGES

    return MESSAGES


def num_(value: float, decimals: int):
    from ...messages import num

    return num(value, decimals)


def wrap_pct(text: str, width: int, indent: str = "", hanging: str | None = None) -> list[str]:
    """:func:`wrap`, never leaving a per cent sign alone at the start of a line."""
    kept = text.replace(" %", "\u00a0%")
    return [line.replace("\u00a0", " ") for line in wrap(kept, width, indent, hanging)]

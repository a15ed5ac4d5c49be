"""Plain text for a terminal: tables that fit the width, lines wrapped at words.

The width is the terminal's (``COLUMNS``), at most 100 columns when it is not known.  A cell or
line too long for its column is wrapped at a space, never cut inside a word; a single word
longer than the column is left whole.  The parts: ``layout`` (width, wrapping, tables, the
catalogue's words), ``scores`` (a score, a standard, one benchmark explained), ``gaps`` (a gap
report), ``diff`` (two standards' differences) and ``workforce`` (workforce and pay reports).
"""

from __future__ import annotations

from .diff import diff_text
from .gaps import gap_rows, gaps_text, path_lines
from .layout import shorten, terminal_width, text_table, wrap
from .scores import (
    basis_line,
    benchmark_rows,
    dimension_rows,
    explain_text,
    level_line,
    next_lines,
    results_level_rows,
    score_head,
    score_text,
    standard_text,
)
from .workforce import metrics_text, pay_text

__all__ = ["basis_line", "benchmark_rows", "diff_text", "dimension_rows", "explain_text",
           "gap_rows", "gaps_text", "level_line", "metrics_text", "next_lines", "path_lines",
           "pay_text", "results_level_rows", "score_head", "score_text", "shorten",
           "standard_text", "terminal_width", "text_table", "wrap"]

"""Markdown for documents people publish: every value that comes from a user (an institution's
name, an answer, a plan cell, a standard's text) is escaped, so that it reads as text and never
as markup: no headings from a newline plus '##', no HTML, no links or images."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from ..models import ScoreResult, Standard
from .text import (
    basis_line,
    benchmark_rows,
    dimension_rows,
    gap_rows,
    level_line,
    next_lines,
    results_level_rows,
    score_head,
)

__all__ = ["escape", "md_table"]

_SPECIAL = re.compile(r"([\\`*_\[\]|~])")
_LINE_START = re.compile(r"^(\s*)([#>+\-=])")
_ORDERED = re.compile(r"^(\s*\d+)([.)])(?=\s|$)")


def escape(value: object) -> str:
    """``value`` as inert Markdown text on one line: line breaks become spaces (no heading or
    list can start), HTML is escaped (``<script>`` shows as text, no autolinks), and the
    characters of emphasis, code, links, images and tables are backslash-escaped."""
    text = "" if value is None else str(value)
    text = " ".join(text.split())
    text = html.escape(text, quote=False)
    text = _SPECIAL.sub(r"\\\1", text)
    text = _LINE_START.sub(r"\1\\\2", text)
    return _ORDERED.sub(r"\1\\\2", text)


def md_table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A Markdown table; every cell escaped (pipes too); line breaks inside a cell as <br>."""

    def cell(c: object) -> str:
        if c is None:
            return ""
        parts = str(c).split("\n")
        return "<br>".join(escape(p) for p in parts)

    out = ["| " + " | ".join(escape(h) for h in headers) + " |",
           "|" + "|".join("---" for _ in headers) + "|"]
    out.extend("| " + " | ".join(cell(c) for c in r) + " |" for r in rows)
    return "\n".join(out)


def score_markdown(r: ScoreResult, standard: Standard | None = None, lang: str = "en") -> str:
    from ..messages import render_message, say

    def t(code: str) -> str:
        return render_message(say(code), lang=lang)

    dh, drows = dimension_rows(r, lang)
    bh, brows = benchmark_rows(r, standard, lang)
    parts = [f"# {escape(score_head(r, lang))}", "",
             escape(level_line(r, standard, lang).replace("   ", " · ")), "",
             escape(basis_line(r, lang)), "",
             *(escape(ln) for ln in next_lines(r, standard, lang)), "",
             f"## {t('section.dimensions')}", "", md_table(dh, drows), ""]
    if r.results_levels:
        gh, grows = results_level_rows(r, lang)
        parts += [f"## {t('section.results_levels')}", "", md_table(gh, grows), ""]
    parts += [f"## {t('section.benchmarks')}", "", md_table(bh, brows), ""]
    return "\n".join(parts)


def gaps_markdown(report, standard: Standard | None = None, lang: str = "en") -> str:
    from ..messages import Ids, render_message, say

    def t(code: str, /, **params) -> str:
        return render_message(say(code, **params), lang=lang)

    head, headers, rows, lines, plines = gap_rows(report, standard, lang)
    out = [f"# {escape(head)}", "", *(escape(ln) for ln in lines), ""]
    if plines:
        out += [f"## {escape(t('gaps.shortest_path').rstrip(':'))}", "",
                *(f"- {escape(ln)}" for ln in plines), ""]
    out += [f"## {escape(t('gaps.section'))}", ""]
    out.append(md_table(headers, [(*r[:8], "; ".join(r[8]), r[9]) for r in rows]))
    out.append("")
    if report.without_action:
        out += [escape(t("gaps.without_action", ids=Ids(items=report.without_action))), ""]
    out += [escape(t("gaps.note", note=n))
            for n in (report.notes_why if report.notes_why is not None else report.notes)]
    return "\n".join(out).rstrip() + "\n"

"""A benchmark's verdict in words: the sentence saying why, and the tree of conditions of its
rule (each holding, failing or unknown, with the value seen and what it needs), as nested
Markdown lists with every text escaped."""

from __future__ import annotations

from typing import Any

import streamlit as st

from .i18n import _
from .ui import md

__all__ = ["clause_lines", "explain_benchmark"]

_ICON = {"holds": ":green[:material/check:]", "fails": ":red[:material/close:]",
         "unknown": ":gray[:material/help:]"}


def clause_lines(clauses: list[Any], depth: int = 0) -> list[str]:
    """The clauses (``Clause`` records of a benchmark result) as Markdown list lines,
    indented by depth."""
    out = []
    for c in clauses:
        out.append(f"{'    ' * depth}- {_ICON.get(c.state, '')} {md(c.text)}")
        out += clause_lines(c.clauses, depth + 1)
    return out


def explain_benchmark(b: Any) -> None:
    """Why the benchmark has its status."""
    if b.explanation:
        st.markdown(f"**{md(b.explanation[0])}**")
    if b.clauses:
        st.markdown("\n".join(clause_lines(b.clauses)))
    elif len(b.explanation) > 1:
        st.markdown("\n".join(f"- {md(line)}" for line in b.explanation[1:]))
    if b.partial_clauses:
        st.markdown(f"*{_('For partial credit:')}*")
        st.markdown("\n".join(clause_lines(b.partial_clauses)))

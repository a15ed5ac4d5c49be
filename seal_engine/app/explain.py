"""A benchmark's verdict in words: the sentence saying why, and the tree of conditions of its
rule (each holding, failing or unknown, with the value seen and what it needs), as nested
Markdown lists with every text escaped, in the standard's own words (questions by their text,
evidence by its title, choices by their labels: :class:`~seal_engine.render.people.PlainWords`)
rather than by the ids the command line shows."""

from __future__ import annotations

from typing import Any

import streamlit as st

from seal_engine import PlainWords

from .i18n import _, language
from .ui import md

__all__ = ["clause_lines", "explain_benchmark", "plain_words"]

_ICON = {"holds": ":green[:material/check:]", "fails": ":red[:material/close:]",
         "unknown": ":gray[:material/help:]"}


_WORDS: dict[tuple[str, Any], PlainWords] = {}


def plain_words(standard: Any) -> PlainWords:
    """The plain words of ``standard``, made once per standard id, version and language (the
    pages read the standard in the session's language)."""
    key = (standard.id, getattr(standard, "version", None), language())
    words = _WORDS.get(key)
    if words is None:
        words = _WORDS[key] = PlainWords(standard, source=_source(standard))
    return words


def _source(standard: Any) -> Any:
    """The stored standard in its own language (the one results are scored in), else ``None``;
    only the titles that differ from ``standard``'s are mapped, so its own language maps none."""
    if not getattr(standard, "version", None):
        return None
    from seal_engine.store import get_standard

    from .session import app_store

    try:
        return get_standard(app_store(), standard.id, standard.version)
    except Exception:  # noqa: BLE001 - not stored (a file being checked): its own words only
        return None


def clause_lines(clauses: list[Any], depth: int = 0, standard: Any = None) -> list[str]:
    """The clauses (``Clause`` records of a benchmark result) as Markdown list lines,
    indented by depth, in the words of ``standard`` when it is given."""
    words = plain_words(standard) if standard is not None else None
    lang = language()
    out = []
    for c in clauses:
        text = c.words(lang)  # in the session's language (a result read back: its English)
        text = words.text(text) if words is not None else text
        out.append(f"{'    ' * depth}- {_ICON.get(c.state, '')} {md(text)}")
        out += clause_lines(c.clauses, depth + 1, standard)
    return out


def explain_benchmark(b: Any, standard: Any = None) -> None:
    """Why the benchmark has its status, in the words of ``standard`` when it is given."""
    words = plain_words(standard) if standard is not None else None

    def plain(text: str) -> str:
        return words.text(text) if words is not None else text

    explanation = b.explained(language())
    if explanation:
        st.markdown(f"**{md(plain(explanation[0]))}**")
    if b.clauses:
        st.markdown("\n".join(clause_lines(b.clauses, standard=standard)))
    elif len(explanation) > 1:
        st.markdown("\n".join(f"- {md(plain(line))}" for line in explanation[1:]))
    if b.partial_clauses:
        st.markdown(f"*{_('For partial credit:')}*")
        st.markdown("\n".join(clause_lines(b.partial_clauses, standard=standard)))

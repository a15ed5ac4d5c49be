"""The differences between two standards, one a line."""

from __future__ import annotations

from typing import Any

from .layout import t_of

__all__ = ["diff_text"]


def _word(value: Any, t) -> str:
    if value is None:
        return t("diff.none")
    if isinstance(value, bool):
        return t("word.yes" if value else "word.no")
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _record(c, t) -> str:
    """A changed record in words: a benchmark by its id, the others by kind and id."""
    if c.kind == "benchmark":
        return c.record
    if c.kind in ("level", "parameter", "dimension"):
        return t(f"diff.record.{c.kind}", name=c.name)
    if c.kind in ("scoring", "standard"):
        return t(f"diff.record.{c.kind}")
    return c.record


def diff_text(d, lang: str = "en") -> str:
    """The differences between two standards in words in ``lang``, one a line."""
    t = t_of(lang)
    if d.empty:
        return t("diff.same", new=d.new, old=d.old)
    lines = [t("diff.head", old=d.old, new=d.new)]
    lines += ["  " + t("diff.added_benchmark", id=i) for i in d.added]
    lines += ["  " + t("diff.removed_benchmark", id=i) for i in d.removed]
    for c in d.changed:
        if c.kind == "parameter" and c.field == "parameter":
            added = c.old is None
            lines.append("  " + t("diff.added_parameter" if added else "diff.removed_parameter",
                                  name=c.name, value=_word(c.new if added else c.old, t)))
        elif c.kind == "action":
            lines.append("  " + t(f"diff.{c.field}_action", name=c.name))
        elif c.kind == "translations":
            lines.append("  " + t("diff.translations_changed" if c.old is not None
                                  else "diff.translations_added", locale=c.name, n=c.new))
        elif c.old is None and c.new is None:
            lines.append("  " + t("diff.changed", record=_record(c, t), field=c.field))
        else:
            lines.append("  " + t("diff.changed_from_to", record=_record(c, t), field=c.field,
                                  old=_word(c.old, t), new=_word(c.new, t)))
    return "\n".join(lines)

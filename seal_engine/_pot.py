"""The engine's and the command line's message catalogue template,
``seal_engine/locale/seal-engine.pot``: every template of :data:`seal_engine.messages.MESSAGES`,
its code as the context (``msgctxt``), its English template as the ``msgid`` (a pair as
``msgid``/``msgid_plural``), the area module it comes from as its reference and its
placeholders in a translator's comment.

``python -m seal_engine._pot`` rewrites it after messages change (tests/test_messages.py checks
it is current); a language's ``seal_engine/locale/<lang>/LC_MESSAGES/seal-engine.po`` is
translated from it (``msgmerge`` or Poedit's "Update from POT") and read at run time."""

from __future__ import annotations

import string
from pathlib import Path

__all__ = ["POT", "entries", "pot_text"]

HERE = Path(__file__).resolve().parent
POT = HERE / "locale" / "seal-engine.pot"


def _fields(template: str) -> list[str]:
    return [f for _lit, f, _spec, _conv in string.Formatter().parse(template) if f]


def entries() -> list[tuple[str, str | tuple[str, str], str]]:
    """``(code, template, module)`` of every message, by module then code."""
    from . import messages

    out = []
    for module in messages.AREAS:
        rel = Path(module.__file__).resolve().relative_to(HERE.parent).as_posix()
        for code in sorted(module.MESSAGES):
            out.append((code, messages.MESSAGES[code], rel))
    return out


def pot_text() -> str:
    from .i18n.pot import TemplateEntry, template_catalogue

    def entry(code: str, template: str | tuple[str, str], where: str) -> TemplateEntry:
        forms = template if isinstance(template, tuple) else (template,)
        fields = list(dict.fromkeys(f for t in forms for f in _fields(t)))
        return TemplateEntry(forms[0], forms[1] if len(forms) > 1 else None, [where], code,
                             "placeholders: " + ", ".join("{" + f + "}" for f in fields)
                             if fields else None)

    return template_catalogue(
        "Messages of the seal-engine core and its command line (seal_engine.messages).",
        "seal-engine", (entry(*e) for e in entries()),
        notes=["msgctxt is the message's code; keep every {placeholder} as it is."])


if __name__ == "__main__":
    POT.parent.mkdir(parents=True, exist_ok=True)
    POT.write_text(pot_text(), encoding="utf-8")
    print(f"wrote {POT} ({len(entries())} messages)")

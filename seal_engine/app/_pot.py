"""The message catalogue template: every message the app shows, as ``locale/seal-app.pot``.

``python -m seal_engine.app._pot`` rewrites it after messages change (a test checks it is
current); translators start a language from it (``msginit`` or Poedit) and compile it with
``msgfmt`` into ``locale/<lang>/LC_MESSAGES/seal-app.mo``."""

from __future__ import annotations

import ast
from pathlib import Path

__all__ = ["POT", "extract", "pot_text"]

HERE = Path(__file__).resolve().parent
POT = HERE / "locale" / "seal-app.pot"


def extract(root: Path = HERE) -> list[tuple[str, str | None, list[str]]]:
    """``(msgid, msgid_plural, where)`` of every ``_("…")`` and ``ngettext("…", "…", n)``
    call, in the order first met.  The engine's messages (:mod:`seal_engine.messages`) are not
    here: they are in the engine's own catalogue, ``seal_engine/locale/seal-engine.pot``, and
    the app renders them with ``render_message(message, lang=language())``."""
    found: dict[tuple[str, str | None], list[str]] = {}
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        rel = path.relative_to(root.parent.parent).as_posix()
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            args = node.args
            if node.func.id == "_" and args and isinstance(args[0], ast.Constant):
                key = (args[0].value, None)
            elif (node.func.id == "ngettext" and len(args) >= 2
                  and all(isinstance(a, ast.Constant) for a in args[:2])):
                key = (args[0].value, args[1].value)
            else:
                continue
            found.setdefault(key, []).append(f"{rel}:{node.lineno}")
    return [(k[0], k[1], where) for k, where in found.items()]


def pot_text() -> str:
    from seal_engine.i18n import TemplateEntry, template_catalogue

    return template_catalogue("Messages of the seal-engine app.", "seal-engine app", (
        TemplateEntry(msgid, plural, sorted(set(w.rsplit(":", 1)[0] for w in where)))
        for msgid, plural, where in sorted(extract(), key=lambda m: m[2][0])))


if __name__ == "__main__":
    POT.parent.mkdir(parents=True, exist_ok=True)
    POT.write_text(pot_text(), encoding="utf-8")
    print(f"wrote {POT} ({len(extract())} messages)")

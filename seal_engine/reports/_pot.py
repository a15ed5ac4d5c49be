"""The reports' message catalogue template: every message a report prints, from the modules
(``_("…")``, ``gettext("…")``, ``ngettext("…", "…", n)``), the HTML templates and the fixed
words of the shipped DOCX templates (``{{ "…"|word }}``), and every word of a certificate
(``seal_engine/certificate.py`` and its page's template), as
``locale/seal-reports.pot``.

``python -m seal_engine.reports._pot`` rewrites it after messages change (a test checks it is
current); a translator starts a language from it (``msginit`` or Poedit) as
``locale/<lang>/LC_MESSAGES/seal-reports.po``, which the reports read at run time with Babel
(nothing to compile); ``seal i18n check`` says what it lacks."""

from __future__ import annotations

import ast
import re
from pathlib import Path

__all__ = ["POT", "docx_words", "extract", "pot_text"]

HERE = Path(__file__).resolve().parent
POT = HERE / "locale" / "seal-reports.pot"

_STRING = r'"((?:[^"\\]|\\.)*)"'
_TEMPLATE_CALLS = re.compile(
    rf"(?<![\w.])(?:_|one|ngettext)\(\s*{_STRING}(?:\s*,\s*{_STRING})?")
#: The certificate's words are the reports' too: its module and its page's template.
CERTIFICATE = HERE.parent / "certificate.py"
CERTIFICATE_TEMPLATES = HERE.parent / "certificates_templates"
#: The words of statuses, decisions and states live with the catalogue's reader.
WORDS = HERE.parent / "i18n" / "words.py"


def _name(func: ast.expr) -> str | None:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def extract(root: Path = HERE) -> list[tuple[str, str | None, list[str]]]:
    """``(msgid, msgid_plural, where)`` of every message, in the order first met."""
    found: dict[tuple[str, str | None], list[str]] = {}
    for path in [*sorted(root.glob("*.py")), *([WORDS, CERTIFICATE] if root == HERE else [])]:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        rel = path.relative_to(root.parent.parent).as_posix()
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name, args = _name(node.func), node.args
            if name in ("_", "gettext") and args and isinstance(args[0], ast.Constant) \
                    and isinstance(args[0].value, str):
                key = (args[0].value, None)
            elif (name == "ngettext" and len(args) >= 2
                  and all(isinstance(a, ast.Constant) for a in args[:2])):
                key = (args[0].value, args[1].value)
            else:
                continue
            found.setdefault(key, []).append(f"{rel}:{node.lineno}")
    templates = sorted((root / "templates").glob("*.html.j2"))
    if root == HERE:
        templates += sorted(CERTIFICATE_TEMPLATES.glob("*.html"))
    for path in templates:
        text = path.read_text(encoding="utf-8")
        rel = path.relative_to(root.parent.parent).as_posix()
        for m in _TEMPLATE_CALLS.finditer(text):
            one, many = (ast.literal_eval(f'"{g}"') if g is not None else None
                         for g in m.groups())
            line = text.count("\n", 0, m.start()) + 1
            found.setdefault((one, many), []).append(f"{rel}:{line}")
    for path in sorted((root / "templates").glob("*.docx")):
        rel = path.relative_to(root.parent.parent).as_posix()
        for msgid in docx_words(path.read_bytes()):
            found.setdefault((msgid, None), []).append(f"{rel}:1")
    return [(k[0], k[1], where) for k, where in found.items()]


_DOCX_WORD = re.compile(r"""(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)')\s*\|\s*word\b""")


def docx_words(data: bytes) -> list[str]:
    """The fixed words of a DOCX report template, ``{{ "Levels of the standard"|word }}``, in
    the order they come (body, then headers and footers), each once."""
    import html
    import io
    import zipfile

    out: dict[str, None] = {}
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        parts = sorted(n for n in z.namelist() if re.fullmatch(
            r"word/(document|header\d*|footer\d*)\.xml", n))
        for name in sorted(parts, key=lambda n: n != "word/document.xml"):
            xml = z.read(name).decode("utf-8")
            for para in re.findall(r"<w:p[ >].*?</w:p>", xml, re.S):
                text = html.unescape("".join(re.findall(r"<w:t(?: [^>]*)?>(.*?)</w:t>", para,
                                                        re.S)))
                for m in _DOCX_WORD.finditer(text):
                    out.setdefault(m.group(1) if m.group(1) is not None else m.group(2), None)
    return list(out)


def pot_text() -> str:
    from seal_engine.i18n import TemplateEntry, template_catalogue

    return template_catalogue("Messages of the seal-engine reports.", "seal-engine reports", (
        TemplateEntry(msgid, plural, sorted(set(w.rsplit(":", 1)[0] for w in where)))
        for msgid, plural, where in sorted(extract(), key=lambda m: m[2][0])))


if __name__ == "__main__":  # pragma: no cover
    POT.parent.mkdir(exist_ok=True)
    POT.write_text(pot_text(), encoding="utf-8")
    print(f"wrote {POT}")

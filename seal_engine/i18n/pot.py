"""A catalogue template (``.pot``) as text, the same shape for the engine's, the app's and the
reports' catalogues: a header naming the project, then one entry a message with its references,
an optional translator's comment and context, and an empty translation (two for a plural)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

__all__ = ["TemplateEntry", "template_catalogue"]


@dataclass(frozen=True)
class TemplateEntry:
    """One message of a template: ``msgid`` (and ``plural``), where it is used (``references``:
    files, or ``file:line`` of which the line is dropped), its ``context`` (``msgctxt``) and a
    ``comment`` for the translator."""

    msgid: str
    plural: str | None = None
    references: Sequence[str] = ()
    context: str | None = None
    comment: str | None = None


def _quote(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def template_catalogue(title: str, project: str, entries: Iterable[TemplateEntry],
                       notes: Sequence[str] = ()) -> str:
    """The ``.pot`` text: ``title`` and ``notes`` as its first comment lines, ``project`` as
    its Project-Id-Version, then ``entries`` in the order given."""
    out = [f"# {title}", *(f"# {n}" for n in notes), 'msgid ""', 'msgstr ""',
           f'"Project-Id-Version: {project}\\n"', '"MIME-Version: 1.0\\n"',
           '"Content-Type: text/plain; charset=UTF-8\\n"',
           '"Content-Transfer-Encoding: 8bit\\n"', '"Language: en\\n"',
           '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"', ""]
    for e in entries:
        if e.comment:
            out.append(f"#. {e.comment}")
        if e.references:
            out.append("#: " + " ".join(e.references))
        if e.context is not None:
            out.append(f"msgctxt {_quote(e.context)}")
        out.append(f"msgid {_quote(e.msgid)}")
        if e.plural is None:
            out.append('msgstr ""')
        else:
            out += [f"msgid_plural {_quote(e.plural)}", 'msgstr[0] ""', 'msgstr[1] ""']
        out.append("")
    return "\n".join(out)

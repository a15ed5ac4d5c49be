"""Report templates an administrator uploads: one Word (DOCX) template per report kind
(results, review, pay, portfolio) and language, used instead of the template shipped with
seal-engine when a report is written as DOCX.

An upload is checked before anything is stored: a ``.docx`` file, a real Word document of at
most :data:`~seal_engine.docx_template.MAX_TEMPLATE_BYTES`, holding template tags, that fills
in every sample report of its kind in the sandbox (:mod:`seal_engine.docx_template`, in a
separate process with time and memory limits) without an error;
otherwise the error names the file and what is wrong, and nothing is stored.  A new upload for
the same kind and language replaces the one before.  Uploads and deletions are audited (by the
template's SHA-256, never its content) on the ``programme`` record, whose entries seal the
templates' rows (:mod:`.integrity`).

Which template a report uses (:func:`report_template`): the one uploaded for its kind and
language, else the one uploaded for its kind in English, else the shipped one
(:func:`seal_engine.reports.docx.render_stored_docx` writes a report with it).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass

import sqlalchemy as sa

from ..errors import NotFoundError, Problem, StoreError
from ..messages import say
from . import audit
from ._common import Actor, aware, display_name, new_id, refresh, require_admin
from .assessments import _safe_name
from .engine import Store
from .schema import REPORT_KINDS
from .schema import report_template as table

__all__ = ["ReportTemplateInfo", "StoredTemplate", "delete_report_template",
           "list_report_templates", "report_template", "report_template_content",
           "upload_report_template"]

_LANG = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
FALLBACK_LANG = "en"


@dataclass(frozen=True)
class ReportTemplateInfo:
    """An uploaded template as the administration lists it (without its content)."""

    id: str
    kind: str
    lang: str
    filename: str
    size: int
    sha256: str
    uploaded_at: dt.datetime
    uploaded_by: str  #: the uploader's display name and e-mail, or 'the command line'


@dataclass(frozen=True)
class StoredTemplate:
    """An uploaded template to render with: its content, the name it was uploaded under, and
    the language it was uploaded for (the report's, or English as the fallback)."""

    kind: str
    lang: str
    filename: str
    content: bytes


def _check_kind(kind: str) -> None:
    if kind not in REPORT_KINDS:
        raise StoreError(Problem(say("store.unknown_report_kind", kind=kind,
                                     choices=", ".join(REPORT_KINDS)), field="kind"))


def _check_lang(lang: str) -> str:
    """A language tag, its language in lower case (``FR`` is ``fr``, ``pt-BR`` stays)."""
    tag = lang.strip() if isinstance(lang, str) else ""
    first, sep, rest = tag.partition("-")
    tag = first.lower() + sep + rest
    if not _LANG.match(tag):
        raise StoreError(Problem(say("store.not_a_language_tag", lang=lang), field="lang"))
    return tag


def _info(conn, row) -> ReportTemplateInfo:
    return ReportTemplateInfo(row.id, row.kind, row.lang, row.filename, row.size, row.sha256,
                              aware(row.uploaded_at), display_name(conn, row.uploaded_by))


def upload_report_template(store: Store, actor: Actor, kind: str, lang: str, data: bytes,
                           filename: str) -> ReportTemplateInfo:
    """Check and store an administrator's DOCX template for reports of ``kind`` in ``lang``
    (replacing the one uploaded before for them).  The check fills in a sample report of
    ``kind`` in the sandbox; any problem raises :class:`StoreError` naming ``filename``, and
    nothing is stored."""
    with store.read() as conn:
        require_admin(refresh(conn, actor), say("store.do.upload_templates"))
    _check_kind(kind)
    lang = _check_lang(lang)
    shown = _safe_name(filename, f"{kind}.docx")
    if not shown.lower().endswith(".docx"):
        raise StoreError(Problem(say("store.template_docx"),
                                 file=shown))
    content = bytes(data or b"")
    from ..docx_template import TemplateProblem, check_template

    try:
        check_template(kind, content, shown, lang=lang)
    except TemplateProblem as e:
        raise StoreError([Problem(p.message, file=shown, field=p.field) for p in e.problems]) \
            from None
    digest = hashlib.sha256(content).hexdigest()
    with store.write() as conn:
        actor = refresh(conn, actor)
        require_admin(actor, say("store.do.upload_templates"))
        before = conn.execute(sa.select(table.c.id, table.c.sha256).where(
            table.c.kind == kind, table.c.lang == lang)).first()
        if before is not None:
            conn.execute(table.delete().where(table.c.id == before.id))
        tid = new_id()
        conn.execute(table.insert().values(
            id=tid, kind=kind, lang=lang, filename=shown, size=len(content), sha256=digest,
            content=content, uploaded_at=store.now(), uploaded_by=actor.user_id))
        audit.append(conn, store, actor.user_id, "report_template.upload", "programme",
                     {"template": tid, "kind": kind, "lang": lang, "sha256": digest,
                      "size": len(content), "replaced": before.sha256 if before else None})
        row = conn.execute(sa.select(table).where(table.c.id == tid)).one()
        return _info(conn, row)


def list_report_templates(store: Store, actor: Actor) -> list[ReportTemplateInfo]:
    """The uploaded templates, by kind and language (administrators)."""
    with store.read() as conn:
        require_admin(refresh(conn, actor), say("store.do.see_templates"))
        rows = conn.execute(sa.select(*[c for c in table.c if c.name != "content"])
                            .order_by(table.c.kind, table.c.lang)).all()
        return [_info(conn, r) for r in rows]


def _row(conn, kind: str, lang: str):
    row = conn.execute(sa.select(table).where(
        table.c.kind == kind, table.c.lang == lang)).first()
    if row is None:
        raise NotFoundError(Problem(say("store.no_template", kind=say(f"report_kind.{kind}"),
                                        lang=lang), record_id=f"{kind}:{lang}"))
    return row


def report_template_content(store: Store, actor: Actor, kind: str, lang: str = "en", *,
                            shipped: bool = False) -> tuple[str, bytes, str]:
    """``(file name, bytes, origin)`` of the template reports of ``kind`` in ``lang`` are
    written with (administrators): the one uploaded for ``lang``, else for English, else the
    shipped one; with ``shipped``, always the shipped one (the starting point of a new
    template).  ``origin`` is ``uploaded`` or ``shipped``.  An uploaded one is checked against
    its SHA-256."""
    _check_kind(kind)
    lang = _check_lang(lang)
    with store.read() as conn:
        require_admin(refresh(conn, actor), say("store.do.download_templates"))
    found = None if shipped else report_template(store, kind, lang)
    if found is not None:
        return found.filename, found.content, "uploaded"
    from ..docx_template import shipped_template

    return f"{kind}.docx", shipped_template(kind), "shipped"


def _verified(row) -> bytes:
    content = bytes(row.content)
    if hashlib.sha256(content).hexdigest() != row.sha256:
        raise StoreError(say("store.template_altered", kind=say(f"report_kind.{row.kind}"),
                             lang=row.lang))
    return content


def delete_report_template(store: Store, actor: Actor, kind: str, lang: str) -> None:
    """Remove the template uploaded for ``kind`` and ``lang``: those reports go back to the
    English upload, else the shipped template (administrators)."""
    _check_kind(kind)
    with store.write() as conn:
        actor = refresh(conn, actor)
        require_admin(actor, say("store.do.delete_templates"))
        row = _row(conn, kind, _check_lang(lang))
        conn.execute(table.delete().where(table.c.id == row.id))
        audit.append(conn, store, actor.user_id, "report_template.delete", "programme",
                     {"template": row.id, "kind": kind, "lang": row.lang, "sha256": row.sha256})


def report_template(store: Store, kind: str, lang: str) -> StoredTemplate | None:
    """The template a ``kind`` report in ``lang`` is written with: the one uploaded for that
    language, else the one uploaded in English, else None (the shipped template)."""
    _check_kind(kind)
    lang = _check_lang(lang)
    with store.read() as conn:
        for tag in dict.fromkeys((lang, lang.split("-")[0], FALLBACK_LANG)):
            row = conn.execute(sa.select(table).where(
                table.c.kind == kind, table.c.lang == tag)).first()
            if row is not None:
                return StoredTemplate(kind, row.lang, row.filename, _verified(row))
    return None

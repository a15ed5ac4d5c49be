"""Evidence: files stored content-addressed (SHA-256) with their original name, media type,
size and uploader, links (http and https URLs) and plain references, each attached to one
evidence requirement of a benchmark.

Limits come from the settings: ``SEAL_MAX_EVIDENCE_BYTES`` and ``SEAL_EVIDENCE_TYPES`` (by
suffix; the media type stored is the one the suffix stands for, and the content must start as
that type does).  An uploaded file's name is kept to be shown and is never used as a path.
The same content uploaded twice is stored once.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import mimetypes
from urllib.parse import urlsplit

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Row

from ..errors import NotFoundError, Problem, StoreError
from ..messages import say
from ..models import Standard
from ..settings import get_int_setting, get_setting
from . import audit
from ._common import Actor, assessment_row, refresh, stale
from .assessments import _safe_name, editable_row, touch
from .engine import Store
from .schema import evidence, evidence_blob
from .standards import standard_by_pk

__all__ = ["add_evidence_file", "add_evidence_link", "evidence_content", "remove_evidence"]

_EXTRA_TYPES = {
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
    ".odp": "application/vnd.oasis.opendocument.presentation",
    ".csv": "text/csv", ".txt": "text/plain", ".pdf": "application/pdf",
    ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
}
# How the content of a type starts: a file named .pdf that is not a PDF is refused.
_SIGNATURES = {
    "application/pdf": (b"%PDF-",),
    "image/png": (b"\x89PNG\r\n\x1a\n",),
    "image/jpeg": (b"\xff\xd8\xff",),
    "application/zip": (b"PK\x03\x04",),
}
_ZIPPED = ("application/vnd.openxmlformats", "application/vnd.oasis.opendocument")


def allowed_suffixes() -> list[str]:
    return ["." + s.strip().lower().lstrip(".") for s in get_setting("SEAL_EVIDENCE_TYPES")
            .split(",") if s.strip()]


def media_type_of(name: str, content: bytes) -> str:
    """The media type of an evidence file, from its suffix (which must be allowed), checked
    against how its content starts."""
    suffix = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    allowed = allowed_suffixes()
    if suffix not in allowed:
        raise StoreError(Problem(
            say("store.file_type", name=name, suffix=suffix or say("store.no_suffix"),
                accepted=", ".join(allowed)), field="file"))
    media = _EXTRA_TYPES.get(suffix) or mimetypes.types_map.get(suffix) or \
        "application/octet-stream"
    signature_key = "application/zip" if media.startswith(_ZIPPED) else media
    signatures = _SIGNATURES.get(signature_key)
    if signatures and not content.startswith(signatures):
        raise StoreError(Problem(say("store.content_not_type", name=name, suffix=suffix),
                                 field="file"))
    if media.startswith("text/"):
        try:
            content.decode("utf-8")
        except UnicodeDecodeError:
            raise StoreError(Problem(say("store.not_utf8", name=name), field="file")) from None
    return media


def _requirement(std: Standard, requirement_id: str) -> str:
    for b in std.benchmarks():
        if any(e.id == requirement_id for e in b.evidence):
            return b.id
    raise StoreError(Problem(say("store.no_evidence_requirement", standard=std.id,
                                 version=std.version, id=requirement_id), field="requirement",
                             record_id=requirement_id))


def check_file(name: str | None, content: bytes | None, field: str = "file"
               ) -> tuple[str, str]:
    """The name to show and the media type of an uploaded document, checked against the
    evidence limits (size, type by suffix, content that starts as its type does)."""
    limit = get_int_setting("SEAL_MAX_EVIDENCE_BYTES")
    shown = _safe_name(name or "", "evidence")
    content = content or b""
    if len(content) > limit:
        raise StoreError(Problem(say("store.file_too_big", name=shown, size=str(len(content)),
                                     limit=str(limit)), field=field))
    if not content:
        raise StoreError(Problem(say("store.file_empty", name=shown), field=field))
    try:
        return shown, media_type_of(shown, content)
    except StoreError as e:
        raise StoreError(Problem(e.problems[0].text, field=field)) from None


def store_blob(conn: Connection, store: Store, content: bytes) -> str:
    """Store ``content`` once under its SHA-256 and return the hash."""
    digest = hashlib.sha256(content).hexdigest()
    if conn.execute(sa.select(evidence_blob.c.sha256).where(
            evidence_blob.c.sha256 == digest)).first() is None:
        conn.execute(evidence_blob.insert().values(sha256=digest, size=len(content),
                                                   content=bytes(content),
                                                   stored_at=store.now()))
    return digest


def insert_evidence(conn: Connection, store: Store, actor: Actor, row: Row, *,
                    requirement_id: str, title: str, kind: str, reference: str | None = None,
                    content: bytes | None = None, name: str | None = None,
                    date: dt.date | None = None, note: str | None = None,
                    declared_status: str = "provided") -> str:
    """Add one evidence item inside the caller's transaction (checks done by the caller,
    except the requirement, the title and the file's limits)."""
    from ._common import new_id

    benchmark_id = _requirement(standard_by_pk(conn, row.standard_pk), requirement_id)
    if not (title or "").strip():
        raise StoreError(Problem(say("store.evidence_title"), field="title"))
    values = {"kind": kind, "reference": reference}
    if kind == "file":
        shown, media = check_file(name, content)
        values.update(blob_sha256=store_blob(conn, store, content), original_name=shown,
                      media_type=media, size=len(content))
    position = (conn.execute(sa.select(sa.func.max(evidence.c.position)).where(
        evidence.c.assessment_id == row.id)).scalar() or 0) + 1
    eid = new_id()
    conn.execute(evidence.insert().values(
        id=eid, assessment_id=row.id, position=position, benchmark_id=benchmark_id,
        requirement_id=requirement_id, title=title.strip(), date=date, note=note,
        declared_status=declared_status, version=1, updated_at=store.now(),
        updated_by=actor.user_id, **values))
    touch(conn, store, actor, row)
    audit.append(conn, store, actor.user_id, "evidence.add", f"assessment:{row.id}",
                 {"assessment": row.id, "evidence": eid, "requirement": requirement_id,
                  "kind": kind, "sha256": values.get("blob_sha256")})
    return eid


def add_evidence_file(store: Store, actor: Actor, assessment_id: str, requirement_id: str,
                      title: str, content: bytes, name: str, *, date: dt.date | None = None,
                      note: str | None = None) -> str:
    """Attach an uploaded file to an evidence requirement (the institution's focal points,
    while the assessment can be edited); return the evidence item's id."""
    with store.write() as conn:
        actor = refresh(conn, actor)
        row = editable_row(conn, actor, assessment_id, say("store.do.add_evidence"))
        return insert_evidence(conn, store, actor, row, requirement_id=requirement_id,
                               title=title, kind="file", content=bytes(content), name=name,
                               reference=_safe_name(name, "evidence"), date=date, note=note)


def check_url(url: str) -> str:
    parts = urlsplit((url or "").strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise StoreError(Problem(say("store.not_a_link", url=url),
                                 field="url"))
    return parts.geturl()


def add_evidence_link(store: Store, actor: Actor, assessment_id: str, requirement_id: str,
                      title: str, url: str, *, date: dt.date | None = None,
                      note: str | None = None) -> str:
    """Attach a web link as evidence; return the evidence item's id."""
    url = check_url(url)
    with store.write() as conn:
        actor = refresh(conn, actor)
        row = editable_row(conn, actor, assessment_id, say("store.do.add_evidence"))
        return insert_evidence(conn, store, actor, row, requirement_id=requirement_id,
                               title=title, kind="link", reference=url, date=date, note=note)


def _item(conn: Connection, actor: Actor, evidence_id: str) -> tuple[Row, Row]:
    item = conn.execute(sa.select(evidence).where(evidence.c.id == evidence_id)).first() \
        if isinstance(evidence_id, str) else None
    if item is None:
        raise NotFoundError(Problem(say("store.no_evidence_visible", id=evidence_id),
                                    record_id=str(evidence_id)))
    try:
        row = assessment_row(conn, actor, item.assessment_id)
    except NotFoundError:
        raise NotFoundError(Problem(say("store.no_evidence_visible", id=evidence_id),
                                    record_id=str(evidence_id))) from None
    return item, row


def remove_evidence(store: Store, actor: Actor, evidence_id: str, expected_version: int) -> None:
    """Remove an evidence item (the stored file stays if another item uses it)."""
    from .schema import evidence_review

    with store.write() as conn:
        actor = refresh(conn, actor)
        item, _ = _item(conn, actor, evidence_id)
        row = editable_row(conn, actor, item.assessment_id, say("store.do.remove_evidence"))
        if item.version != expected_version:
            raise stale(conn, say("store.rec.evidence", title=item.title), item, expected_version)
        conn.execute(evidence_review.delete().where(evidence_review.c.evidence_id == item.id))
        conn.execute(evidence.delete().where(evidence.c.id == item.id))
        touch(conn, store, actor, row)
        audit.append(conn, store, actor.user_id, "evidence.remove", f"assessment:{row.id}",
                     {"assessment": row.id, "evidence": item.id,
                      "requirement": item.requirement_id})


def evidence_content(store: Store, actor: Actor, evidence_id: str) -> tuple[str, str, bytes]:
    """``(original name, media type, bytes)`` of an uploaded evidence file (the institution's
    focal points and its assessors)."""
    with store.read() as conn:
        actor = refresh(conn, actor)
        item, _ = _item(conn, actor, evidence_id)
        if item.kind != "file":
            raise NotFoundError(say("store.evidence_not_file", id=evidence_id,
                                    kind=say(f"store.evidence_kind.{item.kind}")))
        blob = conn.execute(sa.select(evidence_blob.c.content).where(
            evidence_blob.c.sha256 == item.blob_sha256)).scalar_one()
        content = bytes(blob)
        if hashlib.sha256(content).hexdigest() != item.blob_sha256:
            raise StoreError(say("store.evidence_altered", id=evidence_id))
        return item.original_name, item.media_type, content

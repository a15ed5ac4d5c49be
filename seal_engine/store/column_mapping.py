"""Each institution's column mapping for the staff files its HR system exports
(:class:`~seal_engine.workforce.mapping.ColumnMapping`), given once and kept: every version is
kept (the highest is in use), each save is checked against the version read and audited in the
institution's record.  The institution's focal points and administrators save it; those who
read its staff data (focal points, the assigned assessors, programme officers) read it.

:func:`upload_staff_data` is the one way staff data comes in from the app's mapping step, the
command line and the API: the export is mapped (when it is in the HR system's shape), checked by
the same importer as any workforce file, and stored; sending the same file again changes
nothing.  The stored file records the mapping it was made with (its last line), which is what
the assessor sees (:func:`staff_data_mapping`)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from typing import Literal

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ..errors import NotFoundError, Problem, StoreError
from ..messages import say
from ..workforce.mapping import ColumnMapping, apply_mapping, check_header, mapping_note
from . import audit
from ._common import Actor, assessment_row, aware, denied, display_name, is_assigned, refresh
from .assessments import (
    _safe_name,
    editable_row,
    put_workforce,
    workforce_content,
    workforce_row,
)
from .engine import Store
from .schema import assessment, column_mapping, institution, workforce_file

__all__ = ["StaffUpload", "StoredMapping", "get_column_mapping", "list_column_mappings",
           "save_column_mapping", "staff_data_mapping", "upload_staff_data"]


@dataclass(frozen=True)
class StoredMapping:
    """A version of an institution's column mapping."""

    institution_id: str
    institution_code: str
    version: int
    mapping: ColumnMapping
    created_at: dt.datetime
    created_by: str
    """Who saved it, as messages name a user."""


@dataclass(frozen=True)
class StaffUpload:
    """What :func:`upload_staff_data` did."""

    version: int
    """The workforce file's version now."""
    changed: bool
    """False when the same content was stored already (nothing written)."""
    mapping_version: int | None
    """The institution's mapping applied, or ``None`` when the file was taken as it is."""
    name: str


def _institution_row(conn: Connection, id_or_code: str):
    row = conn.execute(sa.select(institution.c.id, institution.c.code).where(sa.or_(
        institution.c.id == id_or_code, institution.c.code == id_or_code))).first()
    if row is None:
        raise NotFoundError(Problem(say("store.no_institution_visible", id=id_or_code),
                                    record_id=str(id_or_code)))
    return row


def _may_read(conn: Connection, actor: Actor, institution_id: str) -> bool:
    if actor.is_admin or actor.is_programme_officer or institution_id in actor.institutions:
        return True
    if actor.is_assessor:
        ids = conn.execute(sa.select(assessment.c.id).where(
            assessment.c.institution_id == institution_id)).scalars().all()
        return any(is_assigned(conn, actor, a) for a in ids)
    return False


def _stored(conn: Connection, inst, row) -> StoredMapping:
    return StoredMapping(inst.id, inst.code, row.version,
                         ColumnMapping.model_validate(json.loads(row.mapping)),
                         aware(row.created_at), display_name(conn, row.created_by))


def _current(conn: Connection, institution_id: str):
    return conn.execute(sa.select(column_mapping).where(
        column_mapping.c.institution_id == institution_id)
        .order_by(column_mapping.c.version.desc()).limit(1)).first()


def get_column_mapping(store: Store, actor: Actor, institution_id: str) -> StoredMapping | None:
    """The institution's mapping in use (by id or code), or ``None`` when none was saved."""
    with store.read() as conn:
        actor = refresh(conn, actor)
        inst = _institution_row(conn, institution_id)
        if not _may_read(conn, actor, inst.id):
            raise NotFoundError(Problem(say("store.no_institution_visible", id=institution_id),
                                        record_id=str(institution_id)))
        row = _current(conn, inst.id)
        return _stored(conn, inst, row) if row is not None else None


def list_column_mappings(store: Store, actor: Actor, institution_id: str) -> list[StoredMapping]:
    """Every version of the institution's mapping, newest first."""
    with store.read() as conn:
        actor = refresh(conn, actor)
        inst = _institution_row(conn, institution_id)
        if not _may_read(conn, actor, inst.id):
            raise NotFoundError(Problem(say("store.no_institution_visible", id=institution_id),
                                        record_id=str(institution_id)))
        rows = conn.execute(sa.select(column_mapping).where(
            column_mapping.c.institution_id == inst.id)
            .order_by(column_mapping.c.version.desc())).all()
        return [_stored(conn, inst, r) for r in rows]


def save_column_mapping(store: Store, actor: Actor, institution_id: str, mapping: ColumnMapping,
                        expected_version: int) -> int:
    """Save the institution's mapping as a new version (its focal points, an administrator or
    the command line); ``expected_version``: the version read (0: none yet).  Saving the same
    mapping again changes nothing and returns the version in use."""
    mapping = ColumnMapping.model_validate(mapping.model_dump())
    text = json.dumps(mapping.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)
    with store.write() as conn:
        actor = refresh(conn, actor)
        inst = _institution_row(conn, institution_id)
        if not (actor.is_admin or inst.id in actor.institutions):
            if _may_read(conn, actor, inst.id):
                raise denied(actor, say("store.do.change_mapping", code=inst.code))
            raise NotFoundError(Problem(say("store.no_institution_visible", id=institution_id),
                                        record_id=str(institution_id)))
        current = _current(conn, inst.id)
        version = current.version if current is not None else 0
        if version != expected_version:
            from ..errors import StaleWriteError

            who = (display_name(conn, current.created_by) if current is not None
                   else say("store.someone"))
            raise StaleWriteError(Problem(
                say("store.mapping_stale", code=inst.code, version=str(version), who=who,
                    read=str(expected_version)), field="expected_version"),
                current_version=version)
        if current is not None and current.mapping == text:
            return version
        conn.execute(column_mapping.insert().values(
            institution_id=inst.id, version=version + 1, mapping=text, created_at=store.now(),
            created_by=actor.user_id))
        audit.append(conn, store, actor.user_id, "institution.column_mapping",
                     f"institution:{inst.id}",
                     {"institution": inst.id, "version": version + 1,
                      "mapping_sha256": hashlib.sha256(text.encode()).hexdigest()})
        return version + 1


def upload_staff_data(store: Store, actor: Actor, assessment_id: str, content: bytes, name: str,
                      *, mapping: ColumnMapping | Literal["saved", "auto"] | None = "auto",
                      expected_version: int | None = None) -> StaffUpload:
    """Store an assessment's staff data from ``content`` (CSV or XLSX) in one transaction.

    ``mapping``: a mapping to apply; ``"saved"``, the institution's saved mapping (refused when
    there is none); ``"auto"`` (the default), the saved mapping when the file's header has
    columns the importer does not know and a mapping is saved, else the file as it is;
    ``None``: the file as it is.  The result is checked as any workforce file is (every problem
    located by line and column of the export).  ``expected_version``: the version of the file
    it replaces (0: none); ``None`` takes the current one, for pushes from other systems.
    Sending the content already stored (after mapping) under the same name changes
    nothing."""
    content = bytes(content)
    with store.write() as conn:
        actor = refresh(conn, actor)
        row = editable_row(conn, actor, assessment_id, say("store.do.upload_workforce"))
        used, version_used = None, None
        if isinstance(mapping, ColumnMapping):
            used = mapping
        elif mapping in ("saved", "auto"):
            saved = _current(conn, row.institution_id)
            wanted = mapping == "saved" or check_header(content, name).unknown
            if mapping == "saved" and saved is None:
                raise StoreError(Problem(say("store.no_saved_mapping", code=row.institution_code),
                                         field="mapping"))
            if saved is not None and wanted:
                used = ColumnMapping.model_validate(json.loads(saved.mapping))
                version_used = saved.version
        elif mapping is not None:
            raise StoreError(Problem(say("store.bad_mapping", value=repr(mapping)),
                                     field="mapping"))
        stored_name = name
        if used is not None:
            content = apply_mapping(content, name, used, version=version_used)
            stem = name.rsplit(".", 1)[0] if "." in name else name
            stored_name = f"{stem}.csv"
        current = conn.execute(sa.select(workforce_file.c.version, workforce_file.c.sha256,
                                         workforce_file.c.name)
                               .where(workforce_file.c.assessment_id == row.id)).first()
        digest = hashlib.sha256(content).hexdigest()
        if current is not None and current.sha256 == digest and \
                current.name == _safe_name(stored_name, "workforce.csv"):
            return StaffUpload(current.version, False, version_used, current.name)
        expected = (current.version if current is not None else 0) if expected_version is None \
            else expected_version
        version = put_workforce(conn, store, actor, row, content, stored_name, expected)
        return StaffUpload(version, True, version_used, stored_name)


def staff_data_mapping(store: Store, actor: Actor, assessment_id: str
                       ) -> tuple[int | None, ColumnMapping] | None:
    """The column mapping the assessment's stored staff file was made with, ``(version,
    mapping)``, or ``None`` when the file was given as it is (or there is none).  For those who
    read the staff data (:func:`~seal_engine.store.workforce_content`)."""
    with store.read() as conn:
        actor = refresh(conn, actor)
        row = assessment_row(conn, actor, assessment_id)
        wf = workforce_row(conn, row.id)
    if wf is None:
        return None
    if wf.sha256 in _NOTES:  # the file's bytes read once per content, not on every page run
        return _NOTES[wf.sha256]
    try:
        _name, content = workforce_content(store, actor, assessment_id)
    except NotFoundError:
        return None
    note = mapping_note(content)
    if hashlib.sha256(content).hexdigest() == wf.sha256:
        if len(_NOTES) > 256:
            _NOTES.clear()
        _NOTES[wf.sha256] = note
    return note


#: The mapping each stored staff file was made with, by the file's SHA-256 (what the file's
#: last line says: the same for the same bytes).
_NOTES: dict[str, tuple[int | None, ColumnMapping] | None] = {}

"""The institutions' column mappings in and out of ``seal db export`` / ``seal db import``.

An export writes, beside each institution's assessments, every version of its column mapping
(:mod:`.column_mapping`) as ``DIR/<institution code>/_column-mapping.yaml``::

    type: column_mapping
    institution: VAL-MLSP
    versions:
    - version: 1
      saved_at: '2026-03-02T09:14:00+00:00'
      mapping: {columns: {...}, hours: per_week, pay: monthly, values: {...}}

(the name starts with '_', so ``seal validate DIR`` and the assessment reader pass it by).  An
import reads every such file under the folders it is given, checks each version as ``seal staff
mapping set`` checks a mapping file (every problem located by file, line and field) before
anything is written, and stores the versions with their numbers and dates in the same
transaction as the assessments, audited in the institution's record; an institution that has a
column mapping in the database already keeps it (a warning says so).  Who saved a version is
not written (users are not part of an export); the import records the importer.

Not exported, deliberately: API tokens (credentials; even their hashes stay with the database
they were made in: make new ones with ``seal tokens add``), and each user's notice setting and
the log of notices sent (users are not exported; notices are worked out from the record, so an
imported assessment is never told about twice).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
from pydantic import ValidationError
from sqlalchemy.engine import Connection

from ..errors import Problem, SealError
from ..messages import say
from ..workforce.mapping import ColumnMapping
from . import audit
from .engine import Store
from .schema import column_mapping, institution

__all__ = ["MAPPING_FILE", "MappingFile", "export_mappings", "import_mappings",
           "read_mapping_files"]

MAPPING_FILE = "_column-mapping.yaml"
KIND = "column_mapping"


@dataclass(frozen=True)
class MappingFile:
    """A mapping file read and checked: the institution's code and its versions (number, when
    saved, mapping)."""

    path: Path
    institution: str
    versions: tuple[tuple[int, dt.datetime, ColumnMapping], ...]


def _dump(data: dict) -> bytes:
    import yaml

    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100).encode("utf-8")


def export_mappings(conn: Connection, out: Path, institution_ids: set[str], safe,
                    write) -> None:
    """Write the mapping file of each of ``institution_ids`` that has a column mapping;
    ``safe`` makes a file name of a code, ``write(path, bytes)`` writes."""
    if not institution_ids:
        return
    rows = conn.execute(sa.select(institution.c.code, column_mapping.c.version,
                                  column_mapping.c.created_at, column_mapping.c.mapping)
                        .join(institution, institution.c.id == column_mapping.c.institution_id)
                        .where(column_mapping.c.institution_id.in_(sorted(institution_ids)))
                        .order_by(institution.c.code, column_mapping.c.version)).all()
    by_code: dict[str, list] = {}
    for r in rows:
        by_code.setdefault(r.code, []).append(r)
    for code, versions in by_code.items():
        data = {"type": KIND, "institution": code, "versions": [
            {"version": r.version, "saved_at": _when(r.created_at).isoformat(),
             "mapping": json.loads(r.mapping)} for r in versions]}
        write(out / safe(code, "institution") / MAPPING_FILE, _dump(data))


def _when(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)


def _candidates(paths) -> list[Path]:
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted(f for f in p.rglob(MAPPING_FILE) if f.is_file()))
        elif p.name == MAPPING_FILE and p.is_file():
            out.append(p)
    return list(dict.fromkeys(out))


def read_mapping_files(paths) -> tuple[list[MappingFile], list[Problem]]:
    """The mapping files under ``paths`` (folders searched; a file given by name read), each
    checked; and the problems found, located."""
    from .._source import parse_text
    from ..settings import get_int_setting

    found: list[MappingFile] = []
    problems: list[Problem] = []
    limit = get_int_setting("SEAL_MAX_FILE_BYTES")
    for path in _candidates(paths):
        name = str(path)
        if path.stat().st_size > limit:
            problems.append(Problem(say("mapping_file.too_big", limit=limit), file=name))
            continue
        try:
            src = parse_text(path.read_bytes(), name)
        except SealError as e:
            problems.extend(e.problems)
            continue
        data = src.data
        if not isinstance(data, dict) or data.get("type") != KIND or not isinstance(
                data.get("institution"), str) or not isinstance(data.get("versions"), list):
            problems.append(Problem(say("mapping_file.shape"), file=name, line=1))
            continue
        versions, seen, bad = [], set(), False
        for i, v in enumerate(data["versions"]):
            file, line, col = src.locate(("versions", i))
            at = {"file": file or name, "line": line, "column": col}
            if not isinstance(v, dict) or set(v) != {"version", "saved_at", "mapping"}:
                problems.append(Problem(say("mapping_file.version_shape"),
                                        field=f"versions[{i}]", **at))
                bad = True
                continue
            number, when = v["version"], v["saved_at"]
            if not isinstance(number, int) or isinstance(number, bool) or number < 1 \
                    or number in seen:
                problems.append(Problem(say("mapping_file.bad_version", value=repr(number)),
                                        field=f"versions[{i}].version", **at))
                bad = True
                continue
            seen.add(number)
            try:
                saved = dt.datetime.fromisoformat(str(when))
            except ValueError:
                problems.append(Problem(say("mapping_file.bad_saved_at", value=repr(when)),
                                        field=f"versions[{i}].saved_at", **at))
                bad = True
                continue
            mapping = _mapping(src, name, i, v["mapping"], problems)
            if mapping is None:
                bad = True
                continue
            versions.append((number, _when(saved), mapping))
        if not bad:
            found.append(MappingFile(path, data["institution"],
                                     tuple(sorted(versions, key=lambda x: x[0]))))
    codes = [f.institution for f in found]
    for f in found:
        if codes.count(f.institution) > 1:
            problems.append(Problem(say("mapping_file.twice", institution=f.institution),
                                    file=str(f.path), record_id=f.institution))
    return found, problems


def _mapping(src, name: str, i: int, data, problems: list[Problem]) -> ColumnMapping | None:
    """A version's mapping checked, each problem at its line (a column's at its own)."""
    base = ("versions", i, "mapping")
    found: list[tuple[tuple, str]] = []
    columns = data.get("columns") if isinstance(data, dict) else None
    if isinstance(columns, dict):
        for key, target in columns.items():
            try:
                ColumnMapping.model_validate({"columns": {key: target}})
            except ValidationError as e:
                found += [(("columns", key), err["msg"]) for err in e.errors(include_url=False)]
    if not found:
        try:
            return ColumnMapping.model_validate(data)
        except ValidationError as e:
            found = [(tuple(err["loc"]), err["msg"]) for err in e.errors(include_url=False)]
    for loc, msg in found:
        file, line, col = src.locate((*base, *loc))
        problems.append(Problem(msg.removeprefix("Value error, "), file=file or name, line=line,
                                column=col, field=".".join(
                                    [f"versions[{i}]", "mapping", *map(str, loc)])))
    return None


def import_mappings(conn: Connection, store: Store, actor, files: list[MappingFile],
                    report) -> None:
    """Store the versions of each mapping file (inside the import's transaction, after its
    institutions exist), one audit entry per institution; an institution not in the database
    is refused (the whole import with it), one with a mapping already keeps it."""
    from ..errors import StoreError

    problems = []
    for f in files:
        inst = conn.execute(sa.select(institution.c.id).where(
            institution.c.code == f.institution)).first()
        if inst is None:
            problems.append(Problem(say("mapping_file.no_institution",
                                        institution=repr(f.institution)),
                                    file=str(f.path), record_id=f.institution))
            continue
        have = conn.execute(sa.select(sa.func.count()).select_from(column_mapping).where(
            column_mapping.c.institution_id == inst.id)).scalar()
        if have:
            report.warnings.append(say("mapping_file.kept", file=str(f.path),
                                       institution=f.institution))
            continue
        texts = [json.dumps(m.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)
                 for _n, _w, m in f.versions]
        conn.execute(column_mapping.insert(), [
            {"institution_id": inst.id, "version": n, "mapping": text, "created_at": when,
             "created_by": actor.user_id}
            for (n, when, _m), text in zip(f.versions, texts, strict=True)])
        last = f.versions[-1][0]
        audit.append(conn, store, actor.user_id, "institution.column_mapping",
                     f"institution:{inst.id}",
                     {"institution": inst.id, "version": last, "imported": str(f.path.name),
                      "versions": [n for n, _w, _m in f.versions],
                      "mapping_sha256": hashlib.sha256(texts[-1].encode()).hexdigest()})
        report.mappings.append(f.institution)
    if problems:
        raise StoreError(problems + [Problem(say("store.nothing_imported"))])

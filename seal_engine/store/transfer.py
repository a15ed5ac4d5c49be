"""In and out: ``seal db import`` reads the assessment files ``seal score`` reads (with their
workforce files), checked exactly as ``seal validate`` checks them, and imports all of them or
nothing; ``seal db export`` writes them back.  Export, import and export again gives the same
bytes.

Layout of an export::

    DIR/<institution code>/<assessment id>.yaml               the assessment (assessment_yaml)
    DIR/<institution code>/<assessment id>-workforce.csv      its workforce file, as stored
    DIR/<institution code>/evidence/<sha256[:16]>/<name>      uploaded evidence files
    DIR/<institution code>/_column-mapping.yaml              its column mapping, every version
    DIR/standards/<standard id>-v<version>[.yaml | /...]      the standards they use

(API tokens, users, their notice settings and the notices sent are not exported: see
:mod:`.mapping_transfer`.)

An evidence reference of the form ``evidence/<16 hex digits>/<name>`` naming a file beside an
assessment is imported as an uploaded file; other references stay as they are (an ``http`` or
``https`` one becomes a link).  Names written by an export come from ids, codes and hashes;
an uploaded file's name is reduced to letters, digits, '.', '_' and '-' first.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from .. import check_paths, parse_workforce
from ..errors import Problem, SealError, StoreError
from ..messages import say
from ..models import Assessment
from ..serialise import assessment_yaml
from ..settings import get_int_setting
from ._common import SYSTEM, Actor, joined_assessments, refresh, require_admin, visible_filter
from .assessments import build_assessment, insert_assessment, put_workforce
from .directory import insert_institution
from .engine import Store
from .mapping_transfer import (
    MAPPING_FILE,
    export_mappings,
    import_mappings,
    read_mapping_files,
)
from .evidence import check_url, insert_evidence
from .results import store_result
from .schema import assessment, evidence, institution, standard, standard_file, workforce_file
from .standards import insert_standard, standard_pk

__all__ = ["ImportReport", "export_assessments", "import_assessments"]

#: A document beside the assessment file that import stores as an uploaded file: a relative
#: path of plain names (what an export writes, evidence/<hash>/<name>, or the folders an
#: institution keeps), never absolute, never climbing out, and checked to stay in the folder.
_EVIDENCE_REF = re.compile(r"^(?!.*(^|/)\.\.?(/|$))[A-Za-z0-9_\-][A-Za-z0-9_.\-]{0,99}"
                           r"(/[A-Za-z0-9_\-][A-Za-z0-9_.\-]{0,99}){0,8}$")
_UNSAFE = re.compile(r"[^A-Za-z0-9_.\-]+")

# Test hook: called after each file is imported, inside the transaction (a test kills the
# process here to show that an interrupted import leaves the database as it was).
after_each: Callable[[Path], None] | None = None


@dataclass
class ImportReport:
    assessments: list[str] = field(default_factory=list)
    institutions: list[str] = field(default_factory=list)
    standards: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    mappings: list[str] = field(default_factory=list)


@dataclass
class _Prepared:
    path: Path
    assessment: Assessment
    workforce: tuple[str, bytes] | None
    evidence: list[dict]


def _prepare(path: Path, a: Assessment) -> tuple[_Prepared | None, list[Problem]]:
    """Read what an assessment file brings besides itself: its workforce bytes and evidence
    files, each checked; nothing is written yet."""
    problems: list[Problem] = []
    folder = a.origin.path.resolve().parent
    wf = None
    if a.workforce:
        target = (folder / a.workforce).resolve()  # confined by check_file already
        content = target.read_bytes()
        shown = str(Path(a.origin.file).parent / a.workforce)
        try:
            parse_workforce(content, shown)
        except SealError as e:
            problems.extend(e.problems)
        wf = (Path(a.workforce).name, content)
    items = []
    limit = get_int_setting("SEAL_MAX_EVIDENCE_BYTES")
    for i, item in enumerate(a.evidence):
        ref = item.reference
        entry = {"requirement_id": item.requirement, "title": item.title, "reference": ref,
                 "date": item.date, "note": item.note, "declared_status": item.status,
                 "kind": "reference"}
        if ref and _EVIDENCE_REF.match(ref):
            target = (folder / ref).resolve()
            if target.is_relative_to(folder) and target.is_file():
                if target.stat().st_size > limit:
                    file, line, col = a.origin.locate(["evidence", i, "reference"])
                    problems.append(Problem(say("store.import_over_limit", ref=ref,
                                                limit=str(limit)), file=file,
                                            line=line, column=col,
                                            field=f"evidence[{i}].reference"))
                    continue
                entry.update(kind="file", content=target.read_bytes(),
                             name=ref.rsplit("/", 1)[-1])
        elif ref and re.match(r"^https?://", ref):
            try:
                entry.update(kind="link", reference=check_url(ref))
            except StoreError:
                pass  # kept as a plain reference
        items.append(entry)
    return (None if problems else _Prepared(path, a, wf, items)), problems


def import_assessments(store: Store, actor: Actor, paths: Iterable[str | Path]
                       ) -> ImportReport:
    """Import assessment files (and standard files or folders) in one transaction (admin, or
    the command line).  Every file is checked first, as ``seal validate`` checks it; if any
    has a problem, nothing is imported and the :class:`StoreError` lists every problem,
    located.  Institutions are created from the files as needed; submitted assessments get
    their self-assessed result."""
    with store.read() as conn:
        require_admin(refresh(conn, actor), say("store.do.import_assessments"))
    paths = [Path(p) for p in paths]
    standards, prepared, problems = [], [], []
    for path, outcome in check_paths([p for p in paths if p.name != MAPPING_FILE]):
        if isinstance(outcome, SealError):
            problems.extend(outcome.problems)
        elif isinstance(outcome, ImportError):
            raise outcome
        elif outcome.kind == "standard":
            standards.append(path)
        else:
            ready, found = _prepare(path, outcome.assessment)
            problems.extend(found)
            if ready is not None:
                prepared.append(ready)
    codes = [p.assessment.id for p in prepared]
    for code in sorted({c for c in codes if codes.count(c) > 1}):
        problems.append(Problem(say("store.import_twice", code=code),
                                record_id=code))
    mappings, found = read_mapping_files(paths)  # the institutions' column mappings
    problems.extend(found)
    if problems:
        raise StoreError(problems + [Problem(say("store.nothing_imported_fix", n=len(problems)))])
    report = ImportReport()
    with store.write() as conn:
        actor = refresh(conn, actor)
        require_admin(actor, say("store.do.import_assessments"))
        taken = [c for c in codes if conn.execute(sa.select(assessment.c.id).where(
            assessment.c.code == c)).first()]
        if taken:
            raise StoreError([Problem(say("store.import_taken", code=c),
                                      record_id=c) for c in taken]
                             + [Problem(say("store.nothing_imported"))])
        for path in standards:
            before = conn.execute(sa.select(sa.func.count()).select_from(standard)).scalar()
            insert_standard(conn, actor, store, path)
            if conn.execute(sa.select(sa.func.count()).select_from(standard)).scalar() > before:
                report.standards.append(str(path))
        for p in prepared:
            _import_one(conn, store, actor, p, report)
            if after_each is not None:
                after_each(p.path)
        import_mappings(conn, store, actor, mappings, report)
    return report


def _near(a: Assessment) -> list[Path]:
    here = a.origin.path.resolve().parent
    return [p / "standards" for p in (here, *here.parents)][:4]


def _institution_id(conn: Connection, store: Store, actor: Actor, a: Assessment,
                    report: ImportReport) -> str:
    inst = a.institution
    row = conn.execute(sa.select(institution).where(institution.c.code == inst.id)).first()
    if row is not None:
        stored = (row.name, row.country, row.scope, row.sector, row.region)
        given = (inst.name, inst.country, inst.scope, inst.sector, inst.region)
        if stored != given:
            report.warnings.append(f"{a.origin.file}: institution {inst.id} is stored with "
                                   "other details; the stored ones are kept")
        return row.id
    parent_id = None
    if inst.parent:
        parent = conn.execute(sa.select(institution.c.id).where(
            institution.c.code == inst.parent)).first()
        if parent is None:
            report.warnings.append(f"{a.origin.file}: parent institution {inst.parent} is not "
                                   "in the database; imported without it")
        else:
            parent_id = parent.id
    iid = insert_institution(conn, actor, store.now(), store, code=inst.id, name=inst.name,
                             country=inst.country, scope=inst.scope, sector=inst.sector,
                             region=inst.region, parent_id=parent_id)
    report.institutions.append(inst.id)
    return iid


def _import_one(conn: Connection, store: Store, actor: Actor, p: _Prepared,
                report: ImportReport) -> None:
    from .. import find_standard
    from ..settings import standards_search_path
    from ._common import assessment_row

    a = p.assessment
    key = standard_pk(conn, a.standard.id, a.standard.version)
    if key is None:
        path = find_standard(a.standard.id, a.standard.version,
                             _near(a) + standards_search_path())
        key = insert_standard(conn, actor, store, path)
        report.standards.append(f"{a.standard.id} v{a.standard.version}")
    iid = _institution_id(conn, store, actor, a, report)
    state = "submitted" if a.status == "submitted" else "draft"
    aid = insert_assessment(conn, store, actor, institution_id=iid, standard_key=key,
                            period_start=a.period.start, period_end=a.period.end,
                            period_label=a.period.label, kind=a.kind, state=state, code=a.id)
    now = store.now()
    from ._values import encode
    from .schema import answer, na_claim

    if a.answers:
        conn.execute(answer.insert(), [
            {"assessment_id": aid, "question_id": q, "value": encode(v, f"answers.{q}"),
             "version": 1, "updated_at": now, "updated_by": actor.user_id}
            for q, v in a.answers.items()])
    if a.not_applicable:
        conn.execute(na_claim.insert(), [
            {"assessment_id": aid, "benchmark_id": b, "reason": r, "version": 1,
             "updated_at": now, "updated_by": actor.user_id}
            for b, r in a.not_applicable.items()])
    row = assessment_row(conn, SYSTEM, aid)  # the role was checked: any admin imports
    for item in p.evidence:
        insert_evidence(conn, store, actor, row, **item)
    if p.workforce is not None:
        put_workforce(conn, store, actor, row, p.workforce[1], p.workforce[0], 0)
    if state == "submitted":
        from .assessments import compute

        row = assessment_row(conn, SYSTEM, aid)
        store_result(conn, store, row, "self", compute(conn, row)[2])
        conn.execute(assessment.update().where(assessment.c.id == aid).values(
            submitted_at=now))
    report.assessments.append(a.id)


# ------------------------------------------------------------------------------ export


def _safe(name: str, fallback: str) -> str:
    cleaned = _UNSAFE.sub("-", name).strip("-.")[:100]
    return cleaned or fallback


def _write(path: Path, data: bytes, written: list[Path]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    written.append(path)


def export_assessments(store: Store, actor: Actor, out_dir: str | Path, *,
                       force: bool = False) -> list[Path]:
    """Write every stored assessment in full, with its workforce file, uploaded evidence and
    the standards used, under ``out_dir`` (see the module docstring).  It reads everyone's
    answers and staff data, so only the command line (:data:`SYSTEM`) exports, as it backs
    up.  ``out_dir`` must be empty or new unless ``force``."""
    if not actor.is_system:
        from ._common import denied

        raise denied(actor, say("store.do.export_database"))
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise StoreError(Problem("exists and is not a folder", file=str(out)))
    if out.is_dir() and any(out.iterdir()) and not force:
        raise StoreError(Problem("the folder is not empty; choose a new one (or --force to "
                                 "write over what is there)", file=str(out)))
    written: list[Path] = []
    with store.read() as conn:
        actor = refresh(conn, actor)
        rows = conn.execute(joined_assessments().where(visible_filter(actor, content=True))
                            .order_by(institution.c.code, assessment.c.code)).all()
        used: set[str] = set()
        for row in rows:
            folder = out / _safe(row.institution_code, "institution")
            wf = conn.execute(sa.select(workforce_file.c.content).where(
                workforce_file.c.assessment_id == row.id)).first()
            wf_name = None
            if wf is not None:
                content = bytes(wf.content)
                ext = "xlsx" if content[:4] == b"PK\x03\x04" else "csv"
                wf_name = f"{_safe(row.code, 'assessment')}-workforce.{ext}"
                _write(folder / wf_name, content, written)
            model = build_assessment(conn, row, workforce_name=wf_name)
            items = list(model.evidence)
            for i, e in enumerate(conn.execute(sa.select(evidence).where(
                    evidence.c.assessment_id == row.id).order_by(evidence.c.position))):
                if e.kind != "file":
                    continue
                from .schema import evidence_blob

                blob = bytes(conn.execute(sa.select(evidence_blob.c.content).where(
                    evidence_blob.c.sha256 == e.blob_sha256)).scalar_one())
                ref = f"evidence/{e.blob_sha256[:16]}/{_safe(e.original_name or '', 'file')}"
                _write(folder / ref, blob, written)
                items[i] = items[i].model_copy(update={"reference": ref})
            model = model.model_copy(update={"evidence": items})
            text = assessment_yaml(model)
            _write(folder / f"{_safe(row.code, 'assessment')}.yaml", text.encode("utf-8"),
                   written)
            used.add(row.standard_pk)
        export_mappings(conn, out, {r.institution_id for r in rows}, _safe,
                        lambda path, data: _write(path, data, written))
        for pk in sorted(_with_parents(conn, used)):
            _export_standard(conn, pk, out / "standards", written)
    return written


def _with_parents(conn: Connection, keys: set[str]) -> set[str]:
    out, todo = set(), list(keys)
    while todo:
        pk = todo.pop()
        if pk in out:
            continue
        out.add(pk)
        parent = conn.execute(sa.select(standard.c.extends_pk).where(
            standard.c.id == pk)).scalar()
        if parent:
            todo.append(parent)
    return out


def _export_standard(conn: Connection, pk: str, base: Path, written: list[Path]) -> None:
    row = conn.execute(sa.select(standard).where(standard.c.id == pk)).one()
    name = _safe(f"{row.standard_id}-v{row.version}", "standard")
    for f in conn.execute(sa.select(standard_file).where(standard_file.c.standard_pk == pk)
                          .order_by(standard_file.c.path)):
        parts = f.path.split("/")
        if any(not p or p in (".", "..") or _safe(p, "") != p for p in parts):
            raise StoreError(f"stored standard {row.standard_id} v{row.version} has a file "
                             f"named {f.path!r}, which is not written out")
        target = base / (f"{name}{Path(f.path).suffix}" if row.layout == "file"
                         else Path(name, *parts))
        _write(target, f.text.encode("utf-8"), written)

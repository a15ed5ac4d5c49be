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

import hashlib
import os
import re
import stat
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
from . import integrity
from ._bulk import insert_rows
from ._common import Actor, joined_assessments, refresh, require_admin, visible_filter
from .assessments import build_assessment
from .engine import Store
from .evidence import check_url
from .mapping_transfer import (
    MAPPING_FILE,
    export_mappings,
    import_mappings,
    read_mapping_files,
)
from .results import result_rows
from .schema import (
    assessment,
    evidence,
    evidence_blob,
    institution,
    metadata,
    standard,
    standard_file,
    workforce_file,
)
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
    workforce: tuple[str, bytes, object] | None  # name, content, the data parsed
    evidence: list[dict]


def _names(folder: Path, _seen: dict[Path, frozenset[str]]) -> frozenset[str]:
    """The names in a folder (listed once per folder and import: a reference naming nothing
    there is not a file, without resolving its path)."""
    found = _seen.get(folder)
    if found is None:
        try:
            found = frozenset(p.name for p in folder.iterdir())
        except OSError:
            found = frozenset()
        _seen[folder] = found
    return found


def _prepare(path: Path, a: Assessment, listed: dict[Path, frozenset[str]],
             staff: dict[int, tuple[Assessment, tuple[str, bytes, object]]]
             ) -> tuple[_Prepared | None, list[Problem]]:
    """Read what an assessment file brings besides itself: its evidence files, each checked,
    and its workforce file (read and checked once already, by :class:`_StaffFiles`); nothing
    is written yet."""
    problems: list[Problem] = []
    folder = a.origin.path.resolve().parent
    wf = staff.pop(id(a))[1] if a.workforce else None
    items = []
    limit = get_int_setting("SEAL_MAX_EVIDENCE_BYTES")
    for i, item in enumerate(a.evidence):
        ref = item.reference
        entry = {"requirement_id": item.requirement, "title": item.title, "reference": ref,
                 "date": item.date, "note": item.note, "declared_status": item.status,
                 "kind": "reference"}
        if ref and _EVIDENCE_REF.match(ref) and ref.split("/", 1)[0] in _names(folder, listed):
            found = _file_inside(folder, ref)
            if found is not None:
                target, size = found
                if size > limit:
                    file, line, col = a.origin.locate(["evidence", i, "reference"])
                    problems.append(Problem(say("store.import_over_limit", ref=ref,
                                                limit=str(limit)), file=file,
                                            line=line, column=col,
                                            field=f"evidence[{i}].reference"))
                    continue
                entry.update(kind="file", content=Path(target).read_bytes(),
                             name=ref.rsplit("/", 1)[-1])
        elif ref and re.match(r"^https?://", ref):
            try:
                entry.update(kind="link", reference=check_url(ref))
            except StoreError:
                pass  # kept as a plain reference
        items.append(entry)
    return (None if problems else _Prepared(path, a, wf, items)), problems


def _file_inside(folder: Path, ref: str) -> tuple[str, int] | None:
    """The regular file ``ref`` (plain names, no '.' or '..') names under ``folder`` (resolved)
    and its size, or ``None``: each part looked at without following links, one ``lstat`` a
    part; where a part is a link, the path is resolved and must stay inside ``folder``."""
    target = str(folder)
    st = None
    for part in ref.split("/"):
        target = os.path.join(target, part)
        try:
            st = os.lstat(target)
        except OSError:
            return None
        if stat.S_ISLNK(st.st_mode):
            resolved = (folder / ref).resolve()
            if resolved.is_relative_to(folder) and resolved.is_file():
                return str(resolved), resolved.stat().st_size
            return None
    if st is None or not stat.S_ISREG(st.st_mode):
        return None
    return target, st.st_size


class _StaffFiles:
    """The workforce files of the assessments being imported, each read once: its bytes
    checked as ``seal validate`` checks the file (the check calls this in place of reading the
    file itself) and kept, with the data parsed from them, to be stored and scored."""

    def __init__(self):
        self.kept: dict[int, tuple[Assessment, tuple[str, bytes, object]]] = {}

    def __call__(self, a: Assessment):
        if not a.workforce:
            return None
        from .._source import check_size, read_regular
        from ..errors import WorkforceError
        from ..loader.files import named_file

        target = named_file(a, a.workforce, "workforce")  # beside it, a regular file
        shown = str(Path(a.origin.file).parent / a.workforce)
        try:
            check_size(target, "SEAL_MAX_DATA_BYTES")
            content = read_regular(target)
        except SealError as e:
            raise WorkforceError([Problem(p.message, file=shown) for p in e.problems]) from None
        data = parse_workforce(content, shown, year=a.period.end.year)
        self.kept[id(a)] = (a, (Path(a.workforce).name, content, data))
        return data


def import_assessments(store: Store, actor: Actor, paths: Iterable[str | Path]
                       ) -> ImportReport:
    """Import assessment files (and standard files or folders) in one transaction (admin, or
    the command line).  Every file is checked first, as ``seal validate`` checks it; if any
    has a problem, nothing is imported and the :class:`StoreError` lists every problem,
    located.  Institutions are created from the files as needed; submitted assessments get
    their self-assessed result.

    The cyclic garbage collector is off meanwhile (:func:`no_collection`): the import keeps
    row, audit entry and parsed file it makes until its transaction ends, so the full
    collections their number sets off (one or two a hundred files, each walking the whole
    heap: the standards, the app's caches) free little or nothing; they were a tenth to a
    fifth of the import's time."""
    from .._heap import no_collection

    with no_collection():
        return _import_assessments(store, actor, paths)


def _import_assessments(store: Store, actor: Actor, paths: Iterable[str | Path]
                        ) -> ImportReport:
    with store.read() as conn:
        require_admin(refresh(conn, actor), say("store.do.import_assessments"))
    paths = [Path(p) for p in paths]
    standards, prepared, problems = [], [], []
    listed: dict[Path, frozenset[str]] = {}
    staff = _StaffFiles()
    for path, outcome in check_paths([p for p in paths if p.name != MAPPING_FILE],
                                     workforce=staff, warnings=False):
        if isinstance(outcome, SealError):
            problems.extend(outcome.problems)
        elif isinstance(outcome, ImportError):
            raise outcome
        elif outcome.kind == "standard":
            standards.append(path)
        else:
            ready, found = _prepare(path, outcome.assessment, listed, staff.kept)
            problems.extend(found)
            if ready is not None:
                prepared.append(ready)
    codes = [p.assessment.id for p in prepared]
    from collections import Counter

    for code in sorted(c for c, n in Counter(codes).items() if n > 1):
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
        stored: set[str] = set()  # a few statements, not one per file
        for i in range(0, len(codes), 500):
            stored.update(conn.execute(sa.select(assessment.c.code).where(
                assessment.c.code.in_(codes[i:i + 500]))).scalars())
        taken = [c for c in codes if c in stored]
        if taken:
            raise StoreError([Problem(say("store.import_taken", code=c),
                                      record_id=c) for c in taken]
                             + [Problem(say("store.nothing_imported"))])
        for path in standards:
            before = conn.execute(sa.select(sa.func.count()).select_from(standard)).scalar()
            insert_standard(conn, actor, store, path)
            if conn.execute(sa.select(sa.func.count()).select_from(standard)).scalar() > before:
                report.standards.append(str(path))
        _import_all(conn, store, actor, prepared, report)
        import_mappings(conn, store, actor, mappings, report)
    return report


def _near(a: Assessment) -> list[Path]:
    here = a.origin.path.resolve().parent
    return [p / "standards" for p in (here, *here.parents)][:4]


@dataclass
class _Batch:
    """What one import writes, gathered before anything is written: the rows of each table
    and the audit entries in the order they are appended, each naming the rows it seals as
    ``(table, key)``, or ``(table, None)`` for every row of the table in its record."""

    rows: dict[str, list[dict]] = field(default_factory=dict)
    entries: list[tuple[str, str, dict, list[tuple[str, str | None]]]] = field(
        default_factory=list)
    blobs: dict[str, bytes] = field(default_factory=dict)

    def add(self, table_name: str, rows: list[dict]) -> None:
        self.rows.setdefault(table_name, []).extend(rows)


def _key(*values: str) -> str:
    """A row's key as :mod:`.integrity` writes it (the canonical JSON list of its values)."""
    from .audit.chain import string_list

    return string_list(values)


def _import_all(conn: Connection, store: Store, actor: Actor, prepared: list[_Prepared],
                report: ImportReport) -> None:
    """Write every prepared assessment: its rows in one statement per table for all of them,
    each scored once, and the audit entries they would have had one by one (institution and
    assessment created, each evidence item added, the workforce file uploaded, the stored
    result sealed) appended in order by :func:`.audit.append_many`."""
    from .. import find_standard
    from ..settings import standards_search_path
    from ._common import new_id
    from ._values import encode
    from .standards import standard_by_pk

    now = store.now()
    batch = _Batch()
    keys: dict[tuple[str, int], str] = {}
    known: dict[str, dict] = {}  # institution code -> its details as stored
    for p in prepared:
        a = p.assessment
        ref = (a.standard.id, a.standard.version)
        if ref not in keys:
            key = standard_pk(conn, *ref)
            if key is None:
                path = find_standard(a.standard.id, a.standard.version,
                                     _near(a) + standards_search_path())
                key = insert_standard(conn, actor, store, path)
                report.standards.append(f"{a.standard.id} v{a.standard.version}")
            keys[ref] = key
    stds = {key: standard_by_pk(conn, key) for key in set(keys.values())}
    for p in prepared:
        a = p.assessment
        key = keys[(a.standard.id, a.standard.version)]
        inst = _institution(conn, actor, now, a, known, batch, report)
        if a.period.end < a.period.start:
            raise StoreError(Problem(say("store.period_order", end=str(a.period.end),
                                         start=str(a.period.start)), field="period"))
        _assessment_rows(conn, store, actor, now, p, stds[key], key, inst, batch, encode,
                         new_id)
        report.assessments.append(a.id)
    from . import audit

    with audit.unnoted(conn):
        blobs = sorted(batch.blobs)
        have = set()
        for i in range(0, len(blobs), 500):
            have.update(conn.execute(sa.select(evidence_blob.c.sha256).where(
                evidence_blob.c.sha256.in_(blobs[i:i + 500]))).scalars())
        new_blobs = [{"sha256": d, "size": len(batch.blobs[d]), "content": batch.blobs[d],
                      "stored_at": now} for d in blobs if d not in have]
        if new_blobs:
            insert_rows(conn, evidence_blob, new_blobs)
        for name in _ORDER:
            if batch.rows.get(name):
                insert_rows(conn, metadata.tables[name], batch.rows[name])
        hashes: dict[str, dict[str, dict[str, str]]] = {}  # scope -> table -> key -> hash
        for name in _ORDER:  # hashed from the values written (read back where unsure)
            if batch.rows.get(name):
                for scope, rows in integrity.written_rows(conn, name, batch.rows[name]).items():
                    hashes.setdefault(scope, {}).setdefault(name, {}).update(
                        {key: digest for (_table, key), digest in rows.items()})
        pending = []
        for action, entity, payload, sealed in batch.entries:
            tables = hashes.get(entity, {})
            rows = {}
            for table_name, key in sealed:
                if key is None:  # every row of the table in the record
                    rows.update({(table_name, k): h
                                 for k, h in tables.pop(table_name, {}).items()})
                else:
                    rows[(table_name, key)] = tables[table_name].pop(key)
            pending.append(audit.Pending(action, entity, payload, rows))
        left = sorted(scope for scope, tables in hashes.items() if any(tables.values()))
        if left:  # every row written must be sealed by one of the entries
            raise RuntimeError(f"import: rows written but not sealed: {left[:3]}")
        audit.append_many(conn, store, actor.user_id, pending)
    if after_each is not None:
        for p in prepared:
            after_each(p.path)


_ORDER = ("institution", "assessment", "answer", "na_claim", "evidence", "workforce_file",
          "result_assessment", "result_benchmark")


def _institution(conn: Connection, actor: Actor, now, a: Assessment, known: dict[str, dict],
                 batch: _Batch, report: ImportReport) -> dict:
    """The institution of ``a`` as stored (made, with its entry, the first time it is seen;
    a parent must be stored or made earlier in the import)."""
    from ._common import new_id
    from .directory import _check_institution_fields

    inst = a.institution
    found = known.get(inst.id)
    if found is None:
        row = conn.execute(sa.select(institution).where(institution.c.code == inst.id)).first()
        if row is not None:
            parent = None
            if row.parent_id:
                parent = conn.execute(sa.select(institution.c.code).where(
                    institution.c.id == row.parent_id)).scalar()
            found = {"id": row.id, "code": row.code, "name": row.name, "country": row.country,
                     "scope": row.scope, "sector": row.sector, "region": row.region,
                     "parent": parent, "new": False}
            known[inst.id] = found
    if found is not None:
        stored = tuple(found[k] for k in ("name", "country", "scope", "sector", "region"))
        if stored != (inst.name, inst.country, inst.scope, inst.sector, inst.region):
            report.warnings.append(f"{a.origin.file}: institution {inst.id} is stored with "
                                   "other details; the stored ones are kept")
        return found
    parent_id = parent_code = None
    if inst.parent:
        up = known.get(inst.parent)
        if up is None:
            got = conn.execute(sa.select(institution.c.id).where(
                institution.c.code == inst.parent)).first()
            up = {"id": got.id} if got is not None else None
        if up is None:
            report.warnings.append(f"{a.origin.file}: parent institution {inst.parent} is not "
                                   "in the database; imported without it")
        else:
            parent_id, parent_code = up["id"], inst.parent
    _check_institution_fields(inst.id, inst.name, inst.country, inst.scope)
    iid = new_id()
    batch.add("institution", [{
        "id": iid, "code": inst.id, "name": inst.name.strip(), "country": inst.country.strip(),
        "scope": inst.scope, "sector": inst.sector, "region": inst.region,
        "parent_id": parent_id, "version": 1, "updated_at": now, "updated_by": actor.user_id}])
    batch.entries.append(("institution.create", f"institution:{iid}",
                          {"institution": iid, "code": inst.id, "scope": inst.scope,
                           "parent": parent_id}, [("institution", None)]))
    found = {"id": iid, "code": inst.id, "name": inst.name.strip(),
             "country": inst.country.strip(), "scope": inst.scope, "sector": inst.sector,
             "region": inst.region, "parent": parent_code, "new": True}
    known[inst.id] = found
    report.institutions.append(inst.id)
    return found


def _assessment_rows(conn: Connection, store: Store, actor: Actor, now, p: _Prepared, std,
                     key: str, inst: dict, batch: _Batch, encode, new_id) -> None:
    """The rows and entries of one assessment, its self-assessed result scored once when it
    is submitted (from what is stored, as :func:`.assessments.compute` reads it back)."""
    from .assessments import _safe_name
    from .evidence import _requirement, check_file

    a = p.assessment
    aid = new_id()
    state = "submitted" if a.status == "submitted" else "draft"
    by = actor.user_id
    answers = [{"assessment_id": aid, "question_id": q, "value": encode(v, f"answers.{q}"),
                "version": 1, "updated_at": now, "updated_by": by}
               for q, v in a.answers.items()]
    claims = [{"assessment_id": aid, "benchmark_id": b, "reason": r, "decision": None,
               "decision_reason": None, "decided_by": None, "decided_at": None, "version": 1,
               "updated_at": now, "updated_by": by} for b, r in a.not_applicable.items()]
    items, added = [], []
    asked = _requirements(std)
    for position, item in enumerate(p.evidence, start=1):
        benchmark_id = asked.get(item["requirement_id"]) or _requirement(
            std, item["requirement_id"])  # which words the problem
        if not (item["title"] or "").strip():
            raise StoreError(Problem(say("store.evidence_title"), field="title"))
        values = {"blob_sha256": None, "original_name": None, "media_type": None,
                  "size": None}
        if item["kind"] == "file":
            shown, media = check_file(item["name"], item["content"])
            digest = hashlib.sha256(item["content"]).hexdigest()
            batch.blobs[digest] = bytes(item["content"])
            values.update(blob_sha256=digest, original_name=shown, media_type=media,
                          size=len(item["content"]))
        eid = new_id()
        items.append({"id": eid, "assessment_id": aid, "position": position,
                      "benchmark_id": benchmark_id, "requirement_id": item["requirement_id"],
                      "title": item["title"].strip(), "kind": item["kind"],
                      "reference": item["reference"], "date": item["date"],
                      "declared_status": item["declared_status"], "note": item["note"],
                      "version": 1, "updated_at": now, "updated_by": by, **values})
        added.append(("evidence.add", f"assessment:{aid}",
                      {"assessment": aid, "evidence": eid,
                       "requirement": item["requirement_id"], "kind": item["kind"],
                       "sha256": values["blob_sha256"]}, [("evidence", _key(eid))]))
    touches = len(items) + (p.workforce is not None)
    row = {"id": aid, "code": a.id, "institution_id": inst["id"], "standard_pk": key,
           "period_start": a.period.start, "period_end": a.period.end,
           "period_label": a.period.label, "kind": a.kind, "state": state,
           "renewed_from": None, "purpose": "certification", "created_at": now,
           "created_by": by, "version": 1 + touches, "updated_at": now, "updated_by": by,
           "submitted_at": now if state == "submitted" else None}
    batch.add("assessment", [row])
    batch.add("answer", answers)
    batch.add("na_claim", claims)
    batch.add("evidence", items)
    scope = f"assessment:{aid}"
    batch.entries.append(("assessment.create", scope,
                          {"assessment": aid, "code": a.id, "institution": inst["id"],
                           "standard": key, "state": state, "renewed_from": None,
                           "purpose": "certification"},
                          [("assessment", None), ("answer", None), ("na_claim", None)]))
    batch.entries.extend(added)
    wf_name = None
    if p.workforce is not None:
        name, content, _data = p.workforce
        wf_name = _safe_name(name, "workforce.csv")
        digest = hashlib.sha256(content).hexdigest()
        batch.add("workforce_file", [{
            "assessment_id": aid, "name": wf_name, "sha256": digest, "size": len(content),
            "content": bytes(content), "version": 1, "updated_at": now, "updated_by": by}])
        batch.entries.append(("workforce.upload", scope,
                              {"assessment": aid, "sha256": digest, "size": len(content),
                               "version": 1}, [("workforce_file", None)]))
    if state != "submitted":
        return
    result = _score(conn, std, a, row, inst, items, answers, claims, wf_name, p)
    head, benchmarks = result_rows(aid, "self", result, {
        "institution_id": inst["id"], "country": inst["country"], "scope": inst["scope"],
        "sector": inst["sector"], "period_start": a.period.start, "period_end": a.period.end,
        "period_label": a.period.label}, now)
    batch.add("result_assessment", [head])
    batch.add("result_benchmark", benchmarks)
    # as at the end of a transaction: the rows written after the last entry of the record
    batch.entries.append(("audit.seal", scope, {"after": None},
                          [("result_assessment", None), ("result_benchmark", None)]))


_ASKED: dict[int, tuple[object, dict[str, str]]] = {}
_SCALARS = (str, int, float, bool, type(None))


def _requirements(std) -> dict[str, str]:
    """Evidence requirement id -> its benchmark's id, made once per standard."""
    found = _ASKED.get(id(std))
    if found is None or found[0] is not std:
        # the first benchmark asking for it, as _requirement finds it
        found = (std, {e.id: b.id for b in reversed(list(std.benchmarks()))
                       for e in b.evidence})
        if len(_ASKED) > 8:
            _ASKED.clear()
        _ASKED[id(std)] = found
    return found[1]


def _score(conn: Connection, std, a: Assessment, row: dict, inst: dict, items: list[dict],
           answers: list[dict], claims: list[dict], wf_name: str | None, p: _Prepared):
    """The self-assessed result of an imported assessment, scored once: the assessment built
    as :func:`.assessments.build_assessment` builds it from the stored rows."""
    from types import SimpleNamespace

    from .. import score
    from ._baseline import baseline_answers
    from ._values import decode

    order = {qid: i for i, qid in enumerate(std.questions())}
    # a number, text, yes/no or nothing reads back as it was written; tables and dates are
    # read back from what is stored (empty cells dropped, dates tagged)
    stored = {q: v if type(v) in _SCALARS else decode(r["value"])
              for (q, v), r in zip(a.answers.items(), answers, strict=True)}
    if not inst["new"]:  # a baseline is a stored assessment of the institution
        probe = SimpleNamespace(id=row["id"], renewed_from=None, purpose=row["purpose"],
                                institution_id=inst["id"], period_end=row["period_end"])
        stored.update(baseline_answers(conn, probe, std)[1])
    bench_order = {b.id: i for i, b in enumerate(std.benchmarks())}
    data = {
        "type": "assessment", "id": row["code"],
        "standard": {"id": std.id, "version": std.version},
        "institution": {k: inst[k] for k in ("code", "name", "country", "scope", "sector",
                                              "region", "parent") if inst[k] is not None},
        "period": {k: v for k, v in {"start": row["period_start"], "end": row["period_end"],
                                     "label": row["period_label"]}.items() if v is not None},
        "kind": row["kind"], "status": "submitted",
        "answers": {q: stored[q] for q in sorted(stored,
                                                 key=lambda q: (order.get(q, len(order)), q))},
        "evidence": [{k: v for k, v in {
            "requirement": e["requirement_id"], "title": e["title"],
            "reference": e["reference"], "date": e["date"], "status": e["declared_status"],
            "note": e["note"]}.items() if v is not None} for e in items],
        "not_applicable": {c["benchmark_id"]: c["reason"] for c in sorted(
            claims, key=lambda c: (bench_order.get(c["benchmark_id"], len(bench_order)),
                                   c["benchmark_id"]))},
        "accepted_claims": [],
    }
    data["institution"]["id"] = data["institution"].pop("code")
    if wf_name is not None:
        data["workforce"] = wf_name
    model = Assessment.model_validate(data)
    return score(std, model, p.workforce[2] if p.workforce is not None else None,
                 explain=False)


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
        raise StoreError(Problem(say("store.export_not_folder"), file=str(out)))
    if out.is_dir() and any(out.iterdir()) and not force:
        raise StoreError(Problem(say("store.export_not_empty"), file=str(out)))
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
            raise StoreError(say("store.export_bad_file", standard=row.standard_id,
                                 version=row.version, path=f.path))
        target = base / (f"{name}{Path(f.path).suffix}" if row.layout == "file"
                         else Path(name, *parts))
        _write(target, f.text.encode("utf-8"), written)

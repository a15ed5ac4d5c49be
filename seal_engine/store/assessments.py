"""Assessments and their answers, not-applicable claims and workforce files.

Role rules: a focal point creates assessments for their institution and edits its drafts and
the assessments sent back to it (``changes_requested``): answers, not-applicable claims,
evidence, the workforce file.  Assessors read what they are assigned and never edit answers.
Analysts and admins see an assessment's summary (state, results), not its content.  Every
write names the version it read; a stale one is refused, saying who changed the record and
when.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import threading
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Row

from .. import lifecycle, normalise_answers, parse_workforce
from ..errors import AssessmentError, NotFoundError, Problem, StoreError, TransitionError
from ..lifecycle import Purpose
from ..messages import say
from ..models import Assessment, ScoreResult, Standard
from . import audit
from ._baseline import baseline_answers
from ._common import (
    Actor,
    assessment_row,
    aware,
    denied,
    joined_assessments,
    new_id,
    once_per_run,
    refresh,
    stale,
    state_word,
    update_versioned,
    visible_filter,
)
from ._values import decode, encode
from .engine import Store
from .schema import (
    answer,
    assessment,
    assignment,
    evidence,
    evidence_review,
    institution,
    na_claim,
    standard,
    workforce_file,
)
from .standards import standard_by_pk, standard_pk

__all__ = ["AnswerInfo", "AnswerWrite", "AssessmentInfo", "AssessmentSummary", "EvidenceInfo",
           "NotApplicable", "WorkforceInfo", "assessment_model", "claim_not_applicable",
           "create_assessment", "find_assessment", "get_assessment", "list_assessments",
           "save_answer", "save_answers", "score_assessment", "upload_workforce",
           "withdraw_not_applicable", "workforce_content"]

#: The states in which the institution edits (from the lifecycle table, as stored values).
EDITABLE = tuple(sorted(s.value for s in lifecycle.EDITABLE))


@dataclass(frozen=True)
class AnswerInfo:
    value: Any
    version: int
    updated_at: dt.datetime
    updated_by: str


@dataclass(frozen=True)
class NotApplicable:
    benchmark_id: str
    reason: str
    decision: str | None
    decision_reason: str | None
    version: int


@dataclass(frozen=True)
class EvidenceInfo:
    id: str
    benchmark_id: str
    requirement_id: str
    title: str
    kind: str
    reference: str | None
    original_name: str | None
    media_type: str | None
    size: int | None
    sha256: str | None
    date: dt.date | None
    declared_status: str
    note: str | None
    verdict: str | None
    verdict_reason: str | None
    version: int
    verdict_version: int = 0  # of the assessor's verdict (0: none yet), to change it


@dataclass(frozen=True)
class WorkforceInfo:
    name: str
    sha256: str
    size: int
    version: int
    updated_at: dt.datetime


@dataclass(frozen=True)
class AssessmentSummary:
    """What anyone who may see an assessment sees: no answers, no evidence, no staff data."""

    id: str
    code: str
    institution_id: str
    institution_code: str
    institution_name: str
    country: str
    scope: str
    sector: str | None
    standard_id: str
    standard_version: int
    period_start: dt.date
    period_end: dt.date
    period_label: str | None
    kind: str
    state: str
    version: int
    updated_at: dt.datetime
    purpose: str = "certification"  # or baseline (lifecycle.Purpose)


@dataclass(frozen=True)
class AssessmentInfo(AssessmentSummary):
    """An assessment with its content, for those who may see it."""

    answers: dict[str, AnswerInfo] = field(default_factory=dict)
    not_applicable: dict[str, NotApplicable] = field(default_factory=dict)
    evidence: list[EvidenceInfo] = field(default_factory=list)
    workforce: WorkforceInfo | None = None
    renewed_from: str | None = None


#: A stored standard's id and version by its key (a key never names another one): read once,
#: not once per assessment listed.
_REFS: dict[str, Any] = {}


def _summary_fields(conn: Connection, row: Row) -> dict[str, Any]:
    std = _REFS.get(row.standard_pk)
    if std is None:
        std = conn.execute(sa.select(standard.c.standard_id, standard.c.version).where(
            standard.c.id == row.standard_pk)).one()
        if len(_REFS) > 256:
            _REFS.clear()
        _REFS[row.standard_pk] = std
    return dict(id=row.id, code=row.code, institution_id=row.institution_id,
                institution_code=row.institution_code, institution_name=row.institution_name,
                country=row.country, scope=row.scope, sector=row.sector,
                standard_id=std.standard_id, standard_version=std.version,
                period_start=row.period_start, period_end=row.period_end,
                period_label=row.period_label, kind=row.kind, state=row.state,
                version=row.version, updated_at=aware(row.updated_at), purpose=row.purpose)


# An assessment's content as stored, read once per run of a page (``once_per_run``: its read
# transactions; forgotten by every write that commits) by every service the page calls.


def evidence_rows(conn: Connection, assessment_id: str) -> tuple[Row, ...]:
    """The assessment's evidence with the assessor's verdicts, in the order it was added."""
    return once_per_run(conn, ("evidence", assessment_id), lambda: tuple(conn.execute(
        sa.select(evidence, evidence_review.c.verdict, evidence_review.c.reason,
                  evidence_review.c.version.label("verdict_version"))
        .outerjoin(evidence_review, evidence_review.c.evidence_id == evidence.c.id)
        .where(evidence.c.assessment_id == assessment_id)
        .order_by(evidence.c.position))))


def answer_rows(conn: Connection, assessment_id: str) -> tuple[Row, ...]:
    """The assessment's stored answers (values encoded), in no particular order."""
    return once_per_run(conn, ("answers", assessment_id), lambda: tuple(conn.execute(
        sa.select(answer).where(answer.c.assessment_id == assessment_id))))


def claim_rows(conn: Connection, assessment_id: str) -> tuple[Row, ...]:
    """The assessment's not-applicable claims with the assessor's decisions."""
    return once_per_run(conn, ("claims", assessment_id), lambda: tuple(conn.execute(
        sa.select(na_claim).where(na_claim.c.assessment_id == assessment_id))))


def workforce_row(conn: Connection, assessment_id: str) -> Row | None:
    """The assessment's workforce file without its bytes (name, SHA-256, size, version), or
    ``None``."""
    return once_per_run(conn, ("workforce", assessment_id), lambda: conn.execute(
        sa.select(workforce_file.c.name, workforce_file.c.sha256, workforce_file.c.size,
                  workforce_file.c.version, workforce_file.c.updated_at).where(
            workforce_file.c.assessment_id == assessment_id)).first())


def _institution_of(conn: Connection, institution_id: str) -> tuple[Row, str | None]:
    """An institution's row and its parent's code."""
    def read() -> tuple[Row, str | None]:
        inst = conn.execute(sa.select(institution).where(
            institution.c.id == institution_id)).one()
        parent = None
        if inst.parent_id:
            parent = conn.execute(sa.select(institution.c.code).where(
                institution.c.id == inst.parent_id)).scalar_one()
        return inst, parent

    return once_per_run(conn, ("institution", institution_id), read)


def _info(conn: Connection, row: Row) -> AssessmentInfo:
    answers = {a.question_id: AnswerInfo(decode(a.value), a.version, aware(a.updated_at),
                                         a.updated_by)
               for a in answer_rows(conn, row.id)}
    claims = {c.benchmark_id: NotApplicable(c.benchmark_id, c.reason, c.decision,
                                            c.decision_reason, c.version)
              for c in claim_rows(conn, row.id)}
    items = [EvidenceInfo(e.id, e.benchmark_id, e.requirement_id, e.title, e.kind,
                          e.reference, e.original_name, e.media_type, e.size, e.blob_sha256,
                          e.date, e.declared_status, e.note, e.verdict, e.reason, e.version,
                          e.verdict_version or 0)
             for e in evidence_rows(conn, row.id)]
    wf = workforce_row(conn, row.id)
    workforce = (WorkforceInfo(wf.name, wf.sha256, wf.size, wf.version, aware(wf.updated_at))
                 if wf else None)
    return AssessmentInfo(**_summary_fields(conn, row), answers=answers,
                          not_applicable=claims, evidence=items, workforce=workforce,
                          renewed_from=row.renewed_from)


def get_assessment(store: Store, actor: Actor, assessment_id: str) -> AssessmentInfo:
    """An assessment with its answers, claims, evidence and workforce file (focal points of
    its institution, its assessors)."""
    with store.read() as conn:
        actor = refresh(conn, actor)
        return _info(conn, assessment_row(conn, actor, assessment_id))


def list_assessments(store: Store, actor: Actor, *, state: str | None = None,
                     institution_id: str | None = None, ids: Iterable[str] | None = None,
                     search: str | None = None, unassigned: bool = False,
                     limit: int | None = None) -> list[AssessmentSummary]:
    """The assessments ``actor`` may see (their institution's, assigned to them, of their
    country, or all for an admin), by institution, newest period first.

    Narrowed to ``state``, ``institution_id``, the ``ids`` given, those whose institution's
    name or code or whose own code holds ``search`` (any case), those with no assessor
    (``unassigned``), and the first ``limit`` of them: a page choosing among thousands asks
    for the few it shows."""
    if ids is not None:
        ids = sorted(set(ids))
        if not ids:
            return []
    with store.read() as conn:
        actor = refresh(conn, actor)
        query = joined_assessments().where(visible_filter(actor))
        if state is not None:
            query = query.where(assessment.c.state == state)
        if institution_id is not None:
            query = query.where(assessment.c.institution_id == institution_id)
        if ids is not None:
            query = query.where(assessment.c.id.in_(ids))
        if search and search.strip():
            term = "%" + re.sub(r"([\\%_])", r"\\\1", search.strip()) + "%"
            query = query.where(sa.or_(*(column.ilike(term, escape="\\") for column in (
                institution.c.name, institution.c.code, assessment.c.code))))
        if unassigned:
            query = query.where(~sa.exists().where(
                assignment.c.assessment_id == assessment.c.id))
        query = query.order_by(institution.c.name, assessment.c.period_end.desc(),
                               assessment.c.code)
        if limit is not None:
            query = query.limit(max(0, limit))
        rows = conn.execute(query).all()
        return [AssessmentSummary(**_summary_fields(conn, r)) for r in rows]


def find_assessment(store: Store, actor: Actor, id_or_code: str) -> AssessmentSummary:
    """An assessment's summary by id or by its code (the id in its file), if ``actor`` may
    see it."""
    with store.read() as conn:
        actor = refresh(conn, actor)
        row = conn.execute(joined_assessments().where(
            sa.or_(assessment.c.id == id_or_code, assessment.c.code == id_or_code),
            visible_filter(actor))).first()
        if row is None:
            raise NotFoundError(Problem(say("store.no_assessment", id=id_or_code),
                                        record_id=str(id_or_code)))
        return AssessmentSummary(**_summary_fields(conn, row))


# ------------------------------------------------------------------------------ the model


def build_assessment(conn: Connection, row: Row, *, reviewed: bool = False,
                     workforce_name: str | None = None) -> Assessment:
    """The engine's :class:`~seal_engine.Assessment` for a stored assessment.

    ``reviewed``: as the assessor sees it: evidence marked as the assessor marked it, and only
    the not-applicable claims the assessor accepted.  Answers come in the standard's question
    order, claims in its benchmark order, evidence in the order it was added."""
    std = standard_by_pk(conn, row.standard_pk)
    inst, parent = _institution_of(conn, row.institution_id)
    order = {qid: i for i, qid in enumerate(std.questions())}
    stored = {a.question_id: decode(a.value) for a in answer_rows(conn, row.id)}
    stored.update(once_per_run(  # the baseline's, not typed again
        conn, ("baseline_answers", row.id), lambda: baseline_answers(conn, row, std)[1]))
    answers = {qid: stored[qid] for qid in sorted(
        stored, key=lambda q: (order.get(q, len(order)), q))}
    bench_order = {b.id: i for i, b in enumerate(std.benchmarks())}
    claims = sorted(claim_rows(conn, row.id), key=lambda c: (
        bench_order.get(c.benchmark_id, len(bench_order)), c.benchmark_id))
    not_applicable = {c.benchmark_id: c.reason for c in claims
                      if not reviewed or c.decision == "accepted"}
    accepted_claims = [c.benchmark_id for c in claims if c.decision == "accepted"]
    items = []
    for e in evidence_rows(conn, row.id):
        status = e.declared_status
        if reviewed and e.verdict is not None:
            status = e.verdict
        item = {"requirement": e.requirement_id, "title": e.title, "reference": e.reference,
                "date": e.date, "status": status, "note": e.note}
        items.append({k: v for k, v in item.items() if v is not None})
    data: dict[str, Any] = {
        "type": "assessment", "id": row.code,
        "standard": {"id": std.id, "version": std.version},
        "institution": {k: v for k, v in {
            "id": inst.code, "name": inst.name, "country": inst.country, "scope": inst.scope,
            "sector": inst.sector, "region": inst.region, "parent": parent}.items()
            if v is not None},
        "period": {k: v for k, v in {"start": row.period_start, "end": row.period_end,
                                     "label": row.period_label}.items() if v is not None},
        "kind": row.kind,
        "status": "draft" if row.state in EDITABLE else "submitted",
        "answers": answers, "evidence": items, "not_applicable": not_applicable,
        "accepted_claims": accepted_claims,
    }
    if workforce_name is not None:
        data["workforce"] = workforce_name
    else:
        wf = workforce_row(conn, row.id)
        if wf is not None:
            data["workforce"] = wf.name
    return Assessment.model_validate(data)


_PARSED: OrderedDict[tuple, Any] = OrderedDict()
_PARSED_LOCK = threading.Lock()


def workforce_data(conn: Connection, row: Row):
    """The assessment's workforce data parsed from the stored bytes, or ``None``; the year
    defaults to the year the period ends, as when it is read beside an assessment file.
    Parsed once per process for the same content (by SHA-256) and year."""
    wf = workforce_row(conn, row.id)
    if wf is None:
        return None
    key = (wf.sha256, wf.name, row.period_end.year)
    with _PARSED_LOCK:
        if key in _PARSED:
            _PARSED.move_to_end(key)
            return _PARSED[key]
    content = conn.execute(sa.select(workforce_file.c.content).where(
        workforce_file.c.assessment_id == row.id)).scalar_one()
    data = parse_workforce(bytes(content), wf.name, year=row.period_end.year)
    with _PARSED_LOCK:
        _PARSED[key] = data
        while len(_PARSED) > 16:
            _PARSED.popitem(last=False)
    return data


def assessment_model(store: Store, actor: Actor, assessment_id: str, *,
                     reviewed: bool = False) -> Assessment:
    """The engine's assessment for a stored one (see :func:`build_assessment`)."""
    with store.read() as conn:
        actor = refresh(conn, actor)
        return build_assessment(conn, assessment_row(conn, actor, assessment_id),
                                reviewed=reviewed)


#: Scored results by what they are computed from: the stored standard, the engine's
#: assessment (its canonical JSON, hashed) and the staff file (its SHA-256, name and year).
#: Scoring is pure, so the same inputs give the same result whatever the transaction: a page
#: that reads an assessment several times, or again on the next rerun, scores it once, and any
#: change to an answer, evidence, verdict, claim or staff file scores afresh.  Results are
#: shared: callers never change them in place.
_SCORED: OrderedDict[tuple, ScoreResult] = OrderedDict()
_SCORED_MAX = 64
_SCORED_LOCK = threading.Lock()


def compute(conn: Connection, row: Row, *, reviewed: bool = False
            ) -> tuple[Standard, Assessment, ScoreResult]:
    """Score a stored assessment as it stands (``reviewed``: as the assessor sees it), once
    for the same inputs (see :data:`_SCORED`)."""
    return once_per_run(conn, ("computed", row.id, reviewed),
                        lambda: _compute(conn, row, reviewed=reviewed))


def _compute(conn: Connection, row: Row, *, reviewed: bool
             ) -> tuple[Standard, Assessment, ScoreResult]:
    from .. import score

    std = standard_by_pk(conn, row.standard_pk)
    model = build_assessment(conn, row, reviewed=reviewed)
    wf = workforce_row(conn, row.id)
    key = (row.standard_pk, hashlib.sha256(model.model_dump_json().encode()).hexdigest(),
           (wf.sha256, wf.name) if wf is not None else None, row.period_end.year)
    with _SCORED_LOCK:
        found = _SCORED.get(key)
        if found is not None:
            _SCORED.move_to_end(key)
            return std, model, found
    result = score(std, model, workforce_data(conn, row))
    with _SCORED_LOCK:
        _SCORED[key] = result
        while len(_SCORED) > _SCORED_MAX:
            _SCORED.popitem(last=False)
    return std, model, result


def score_assessment(store: Store, actor: Actor, assessment_id: str) -> ScoreResult:
    """The self-assessed result of the assessment as it stands now (for the focal point while
    editing, and the assessor)."""
    with store.read() as conn:
        actor = refresh(conn, actor)
        return compute(conn, assessment_row(conn, actor, assessment_id))[2]


# ------------------------------------------------------------------------------ writes


def editable_row(conn: Connection, actor: Actor, assessment_id: str, what) -> Row:
    """The assessment, if ``actor`` is a focal point of its institution (or the command line)
    and it is a draft or sent back for changes; ``what`` is the step (a ``store.do.*``
    message) a refusal names."""
    row = assessment_row(conn, actor, assessment_id)
    if not (actor.is_system or row.institution_id in actor.institutions):
        raise denied(actor, say("store.do.edit_only_focal", what=what))
    if row.state not in EDITABLE:
        raise TransitionError(Problem(
            say("store.not_editable", what=what, code=row.code, state=state_word(row.state)),
            record_id=row.code))
    return row


def touch(conn: Connection, store: Store, actor: Actor, row: Row) -> None:
    """Count a change to the assessment's content in its version."""
    conn.execute(assessment.update().where(assessment.c.id == row.id).values(
        version=assessment.c.version + 1, updated_at=store.now(), updated_by=actor.user_id))


def _check_answer(std: Standard, row: Row, question_id: str, value: Any) -> None:
    questions = std.questions()
    if question_id not in questions:
        raise AssessmentError(Problem(say("store.no_question", standard=std.id,
                                          version=std.version, id=question_id),
                                      field=f"answers.{question_id}",
                                      record_id=question_id))
    probe = Assessment.model_validate({
        "id": row.code, "standard": {"id": std.id, "version": std.version},
        "institution": {"id": row.institution_code, "name": row.institution_name,
                        "country": row.country, "scope": row.scope},
        "period": {"start": row.period_start, "end": row.period_end},
        "answers": {question_id: value}})
    _, problems = normalise_answers(std, probe)
    if problems:
        raise AssessmentError(problems)


def save_answer(store: Store, actor: Actor, assessment_id: str, question_id: str, value: Any,
                expected_version: int) -> int:
    """Save one answer (``None``: not answered) and return its new version.

    ``expected_version`` is the version of the answer that was read (0: there was none).  The
    value is checked against its question as ``seal validate`` checks it."""
    encoded = encode(value, f"answers.{question_id}")
    with store.write() as conn:
        actor = refresh(conn, actor)
        row = editable_row(conn, actor, assessment_id, say("store.do.change_answers"))
        std = standard_by_pk(conn, row.standard_pk)
        return _write_answer(conn, store, actor, row, std, question_id, value, encoded,
                             expected_version)


@dataclass(frozen=True)
class AnswerWrite:
    """One answer to save with :func:`save_answers`: ``expected_version`` is the version of the
    answer that was read (0: there was none); ``value`` ``None`` clears it."""

    assessment_id: str
    question_id: str
    value: Any
    expected_version: int


def save_answers(store: Store, actor: Actor, writes: list[AnswerWrite], *,
                 source: str | None = None) -> dict[tuple[str, str], int]:
    """Save several answers, possibly of several assessments, in one transaction: all or none.

    Each is checked and versioned as :func:`save_answer` does it and gets its own audit entry
    (``source`` names where the answers came from, e.g. a form export's file name).  Returns
    (assessment id, question id) -> new version."""
    encoded = [encode(w.value, f"answers.{w.question_id}") for w in writes]
    out: dict[tuple[str, str], int] = {}
    with store.write() as conn:
        actor = refresh(conn, actor)
        rows: dict[str, tuple[Row, Standard]] = {}
        for w, enc in zip(writes, encoded, strict=True):
            if w.assessment_id not in rows:
                row = editable_row(conn, actor, w.assessment_id, say("store.do.change_answers"))
                rows[w.assessment_id] = (row, standard_by_pk(conn, row.standard_pk))
            row, std = rows[w.assessment_id]
            out[w.assessment_id, w.question_id] = _write_answer(
                conn, store, actor, row, std, w.question_id, w.value, enc, w.expected_version,
                source=source)
    return out


def _write_answer(conn: Connection, store: Store, actor: Actor, row: Row, std: Standard,
                  question_id: str, value: Any, encoded: Any, expected_version: int, *,
                  source: str | None = None) -> int:
    _check_answer(std, row, question_id, value)
    base, taken = baseline_answers(conn, row, std)
    if question_id in taken:
        raise StoreError(Problem(
            say("store.from_baseline", question=question_id, baseline=base.code,
                source=std.questions()[question_id].from_baseline,
                value=repr(taken[question_id])), field=f"answers.{question_id}",
            record_id=question_id))
    now = store.now()
    where = [answer.c.assessment_id == row.id, answer.c.question_id == question_id]
    current = conn.execute(sa.select(answer.c.version, answer.c.updated_at,
                                     answer.c.updated_by).where(*where)).first()
    what = say("store.rec.answer", question=question_id, code=row.code)
    if current is None:
        if expected_version != 0:
            raise stale(conn, what, None, expected_version)
        conn.execute(answer.insert().values(assessment_id=row.id, question_id=question_id,
                                            value=encoded, version=1, updated_at=now,
                                            updated_by=actor.user_id))
        version = 1
    else:
        version = update_versioned(conn, answer, where, expected_version, what, actor, now,
                                   {"value": encoded})
    touch(conn, store, actor, row)
    payload = {"assessment": row.id, "question": question_id, "version": version,
               "value_sha256": audit.value_hash(value)}
    if source is not None:
        payload["source"] = source
    audit.append(conn, store, actor.user_id, "answer.save", f"assessment:{row.id}", payload)
    return version


def claim_not_applicable(store: Store, actor: Actor, assessment_id: str, benchmark_id: str,
                         reason: str, expected_version: int) -> int:
    """Mark a benchmark not applicable, with the reason (``expected_version``: the claim's,
    0 for a new one).  It counts as not applicable in the reviewed result only once the
    assessor accepts it; a changed claim waits for a new decision."""
    if not (reason or "").strip():
        raise StoreError(Problem(say("store.na_needs_reason"),
                                 field=f"not_applicable.{benchmark_id}",
                                 record_id=benchmark_id))
    with store.write() as conn:
        actor = refresh(conn, actor)
        row = editable_row(conn, actor, assessment_id, say("store.do.mark_na"))
        std = standard_by_pk(conn, row.standard_pk)
        if benchmark_id not in {b.id for b in std.benchmarks()}:
            raise AssessmentError(Problem(say("store.no_benchmark", standard=std.id,
                                              version=std.version, id=benchmark_id),
                                          record_id=benchmark_id,
                                          field="not_applicable"))
        if not std.benchmark(benchmark_id).allow_not_applicable:
            raise AssessmentError(Problem(
                say("store.na_not_allowed", benchmark=benchmark_id, standard=std.id,
                    version=std.version),
                record_id=benchmark_id, field=f"not_applicable.{benchmark_id}"))
        now = store.now()
        where = [na_claim.c.assessment_id == row.id, na_claim.c.benchmark_id == benchmark_id]
        exists = conn.execute(sa.select(na_claim.c.version).where(*where)).first()
        what = say("store.rec.na_claim", benchmark=benchmark_id, code=row.code)
        if exists is None:
            if expected_version != 0:
                raise stale(conn, what, None, expected_version)
            conn.execute(na_claim.insert().values(
                assessment_id=row.id, benchmark_id=benchmark_id, reason=reason.strip(),
                version=1, updated_at=now, updated_by=actor.user_id))
            version = 1
        else:
            version = update_versioned(conn, na_claim, where, expected_version, what, actor,
                                       now, {"reason": reason.strip(), "decision": None,
                                             "decision_reason": None, "decided_by": None,
                                             "decided_at": None})
        touch(conn, store, actor, row)
        audit.append(conn, store, actor.user_id, "not_applicable.claim", f"assessment:{row.id}",
                     {"assessment": row.id, "benchmark": benchmark_id, "version": version,
                      "reason_sha256": audit.value_hash(reason.strip())})
        return version


def withdraw_not_applicable(store: Store, actor: Actor, assessment_id: str, benchmark_id: str,
                            expected_version: int) -> None:
    """Withdraw a not-applicable claim: the benchmark is scored by its rule again."""
    with store.write() as conn:
        actor = refresh(conn, actor)
        row = editable_row(conn, actor, assessment_id, say("store.do.withdraw_na"))
        where = [na_claim.c.assessment_id == row.id, na_claim.c.benchmark_id == benchmark_id]
        gone = conn.execute(na_claim.delete().where(*where,
                                                    na_claim.c.version == expected_version))
        if gone.rowcount != 1:
            current = conn.execute(sa.select(na_claim.c.version, na_claim.c.updated_at,
                                             na_claim.c.updated_by).where(*where)).first()
            raise stale(conn, say("store.rec.na_claim", benchmark=benchmark_id, code=row.code),
                        current, expected_version)
        touch(conn, store, actor, row)
        audit.append(conn, store, actor.user_id, "not_applicable.withdraw",
                     f"assessment:{row.id}", {"assessment": row.id, "benchmark": benchmark_id})


def _safe_name(name: str, fallback: str) -> str:
    """A file name to show: the last part of what was given, without control characters;
    never used as a path."""
    base = str(name or "").replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(ch for ch in base if ch.isprintable()).strip()
    return base[:255] or fallback


def put_workforce(conn: Connection, store: Store, actor: Actor, row: Row, content: bytes,
                  name: str, expected_version: int) -> int:
    """Check and store a workforce file inside the caller's transaction."""
    shown = _safe_name(name, "workforce.csv")
    data = parse_workforce(bytes(content), shown)
    del data
    digest = hashlib.sha256(content).hexdigest()
    now = store.now()
    where = [workforce_file.c.assessment_id == row.id]
    exists = conn.execute(sa.select(workforce_file.c.version).where(*where)).first()
    what = say("store.rec.workforce_file", code=row.code)
    values = {"name": shown, "sha256": digest, "size": len(content), "content": bytes(content)}
    if exists is None:
        if expected_version != 0:
            raise stale(conn, what, None, expected_version)
        conn.execute(workforce_file.insert().values(assessment_id=row.id, version=1,
                                                    updated_at=now, updated_by=actor.user_id,
                                                    **values))
        version = 1
    else:
        version = update_versioned(conn, workforce_file, where, expected_version, what, actor,
                                   now, values)
    touch(conn, store, actor, row)
    audit.append(conn, store, actor.user_id, "workforce.upload", f"assessment:{row.id}",
                 {"assessment": row.id, "sha256": digest, "size": len(content),
                  "version": version})
    return version


def upload_workforce(store: Store, actor: Actor, assessment_id: str, content: bytes, name: str,
                     expected_version: int) -> int:
    """Store the assessment's workforce data (CSV or XLSX bytes), checked as ``seal
    validate`` checks it; ``expected_version`` is that of the file it replaces (0: none)."""
    with store.write() as conn:
        actor = refresh(conn, actor)
        row = editable_row(conn, actor, assessment_id, say("store.do.upload_workforce"))
        return put_workforce(conn, store, actor, row, content, name, expected_version)


def workforce_content(store: Store, actor: Actor, assessment_id: str) -> tuple[str, bytes]:
    """``(name, bytes)`` of the workforce file: it may hold one row per person, so only the
    institution's focal points and its assessors get it (never analysts)."""
    with store.read() as conn:
        actor = refresh(conn, actor)
        row = assessment_row(conn, actor, assessment_id)
        wf = conn.execute(sa.select(workforce_file.c.name, workforce_file.c.content).where(
            workforce_file.c.assessment_id == row.id)).first()
        if wf is None:
            raise NotFoundError(say("store.no_workforce_file", code=row.code))
        return wf.name, bytes(wf.content)


# ------------------------------------------------------------------------------ creating


def next_code(conn: Connection, base: str) -> str:
    code, n = base[:80], 2
    while conn.execute(sa.select(assessment.c.id).where(assessment.c.code == code)).first():
        suffix = f"-{n}"
        code, n = base[:80 - len(suffix)] + suffix, n + 1
    return code


def insert_assessment(conn: Connection, store: Store, actor: Actor, *, institution_id: str,
                      standard_key: str, period_start: dt.date, period_end: dt.date,
                      period_label: str | None, kind: str, state: str, code: str,
                      renewed_from: str | None = None,
                      purpose: str = Purpose.certification.value) -> str:
    if period_end < period_start:
        raise StoreError(Problem(say("store.period_order", end=str(period_end),
                                     start=str(period_start)), field="period"))
    if conn.execute(sa.select(assessment.c.id).where(assessment.c.code == code)).first():
        raise StoreError(Problem(say("store.code_taken", code=code),
                                 field="id", record_id=code))
    now = store.now()
    aid = new_id()
    conn.execute(assessment.insert().values(
        id=aid, code=code, institution_id=institution_id, standard_pk=standard_key,
        period_start=period_start, period_end=period_end, period_label=period_label, kind=kind,
        state=state, renewed_from=renewed_from, purpose=purpose, created_at=now,
        created_by=actor.user_id, version=1, updated_at=now, updated_by=actor.user_id))
    audit.append(conn, store, actor.user_id, "assessment.create", f"assessment:{aid}",
                 {"assessment": aid, "code": code, "institution": institution_id,
                  "standard": standard_key, "state": state, "renewed_from": renewed_from,
                  "purpose": purpose})
    return aid


def create_assessment(store: Store, actor: Actor, institution_id: str, standard_id: str,
                      standard_version: int, period_start: dt.date, period_end: dt.date, *,
                      period_label: str | None = None, code: str | None = None,
                      kind: str = "self",
                      purpose: str = Purpose.certification.value) -> AssessmentInfo:
    """Start a draft self-assessment of an institution (its focal points, or the command
    line) against a stored standard: the institution's ``baseline`` (recorded as its starting
    point) or a ``certification`` assessment (its application for external review)."""
    try:
        purpose = Purpose(purpose).value
    except ValueError:
        raise StoreError(Problem(say("store.bad_purpose", choices=str([p.value for p in Purpose]),
                                     value=purpose), field="purpose")) from None
    with store.write() as conn:
        actor = refresh(conn, actor)
        inst = conn.execute(sa.select(institution).where(
            institution.c.id == institution_id)).first()
        if inst is None or not (actor.is_system or inst.id in actor.institutions
                                or actor.is_admin):
            raise NotFoundError(Problem(say("store.no_institution_visible", id=institution_id),
                                        field="institution"))
        if not (actor.is_system or inst.id in actor.institutions):
            raise denied(actor, say("store.do.start_assessments"))
        key = standard_pk(conn, standard_id, standard_version)
        if key is None:
            raise NotFoundError(Problem(say("store.standard_not_stored", standard=standard_id,
                                            version=standard_version), field="standard"))
        label = period_label or (str(period_end.year) if period_start.year == period_end.year
                                 else f"{period_start.year}-{period_end.year}")
        chosen = code or next_code(conn, f"{inst.code}-{label}".lower().replace(" ", "-"))
        aid = insert_assessment(conn, store, actor, institution_id=inst.id, standard_key=key,
                                period_start=period_start, period_end=period_end,
                                period_label=period_label, kind=kind, state="draft",
                                code=chosen, purpose=purpose)
        return _info(conn, assessment_row(conn, actor, aid))

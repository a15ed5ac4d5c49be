"""Moving an assessment to another version of its standard.

A stored assessment keeps the standard version it was started on: a new version of a standard
changes nobody's answers silently.  The institution (or the command line) moves a draft, or an
assessment sent back for changes, to another stored version of the same standard when it
chooses to.  :func:`move_assessment` first says what the move would do (answers, claims and
evidence the other version has no place for, or no longer accepts); only with ``apply`` does it
move, and then only if nothing would be dropped or ``drop`` says that is understood.  Answers,
claims and evidence are checked against the target version exactly as a typed answer is."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

from ..answers import normalise_answers
from ..errors import AssessmentError, NotFoundError, Problem, StoreError
from ..messages import say
from ..models import Assessment
from . import audit
from ._common import Actor, refresh, stale
from .assessments import build_assessment, editable_row, touch
from .engine import Store
from .schema import answer, assessment, evidence, evidence_review, na_claim
from .standards import standard_by_pk, standard_pk

__all__ = ["Dropped", "MoveReport", "move_assessment"]


@dataclass(frozen=True)
class Dropped:
    """Something the target version has no place for: ``kind`` is ``answer``, ``claim`` or
    ``evidence``; ``record`` the question, benchmark or requirement id; ``why`` a message."""

    kind: str
    record: str
    why: Any


@dataclass(frozen=True)
class MoveReport:
    """What moving an assessment to another version does (or did, when ``applied``)."""

    assessment: str
    standard: str
    from_version: int
    to_version: int
    kept_answers: int
    dropped: list[Dropped] = field(default_factory=list)
    applied: bool = False


def _dropped(target, model: Assessment) -> list[Dropped]:
    out: list[Dropped] = []
    questions = target.questions()
    requirements = {e.id for b in target.benchmarks() for e in b.evidence}
    benchmarks = {b.id: b for b in target.benchmarks()}
    data = model.model_dump(mode="json")
    data.update({"standard": {"id": target.id, "version": target.version},
                 "answers": {q: v for q, v in data["answers"].items() if q in questions},
                 "not_applicable": {}, "accepted_claims": [],
                 "evidence": [e for e in data["evidence"] if e["requirement"] in requirements]})
    probe = Assessment.model_validate(data)
    _, problems = normalise_answers(target, probe)
    bad = {p.record_id: p.text for p in problems if p.record_id}
    for qid in model.answers:
        if qid not in questions:
            out.append(Dropped("answer", qid, say("store.drop.no_question",
                                                  version=target.version, id=qid)))
        elif qid in bad:
            out.append(Dropped("answer", qid, bad[qid]))
    for bid in model.not_applicable:
        b = benchmarks.get(bid)
        if b is None:
            out.append(Dropped("claim", bid, say("store.drop.no_benchmark",
                                                 version=target.version, id=bid)))
        elif not b.allow_not_applicable:
            out.append(Dropped("claim", bid, say("store.drop.na_not_allowed",
                                                 version=target.version, id=bid)))
    for req in dict.fromkeys(e.requirement for e in model.evidence):
        if req not in requirements:
            out.append(Dropped("evidence", req, say("store.drop.no_evidence",
                                                    version=target.version, id=req)))
    return out


def move_assessment(store: Store, actor: Actor, assessment_id: str, to_version: int,
                    expected_version: int, *, apply: bool = False,
                    drop: bool = False) -> MoveReport:
    """Move an editable assessment to version ``to_version`` of its standard (stored first
    with :func:`add_standard`), or with ``apply=False`` only say what the move would do.

    The focal points of the institution (or the command line) move it; ``expected_version`` is
    the assessment's version as read.  What the target version has no place for is listed in
    the report; the move is refused while anything would be dropped unless ``drop`` is true.
    The answers, claims and evidence kept are untouched; claims kept wait for a new decision."""
    with store.write() as conn:
        actor = refresh(conn, actor)
        row = editable_row(conn, actor, assessment_id, say("store.do.move_version"))
        current = standard_by_pk(conn, row.standard_pk)
        pk = standard_pk(conn, current.id, to_version)
        if pk is None:
            raise NotFoundError(Problem(
                say("store.version_not_stored", version=to_version, standard=current.id),
                record_id=row.code, field="to_version"))
        if to_version == current.version:
            raise StoreError(Problem(say("store.already_on_version", code=row.code,
                                         standard=current.id, version=to_version),
                                     record_id=row.code, field="to_version"))
        target = standard_by_pk(conn, pk)
        model = build_assessment(conn, row)
        dropped = _dropped(target, model)
        gone = {d.record for d in dropped if d.kind == "answer"}
        report = MoveReport(row.code, current.id, current.version, to_version,
                            sum(1 for q in model.answers if q not in gone), dropped)
        if not apply:
            return report
        if row.version != expected_version:
            raise stale(conn, say("store.rec.assessment", code=row.code), row, expected_version)
        if dropped and not drop:
            raise AssessmentError([Problem(say("store.dropped", kind=say(f"store.kind.{d.kind}"),
                                               record=d.record, why=d.why),
                                           record_id=d.record) for d in dropped] + [Problem(
                say("store.move_would_drop", code=row.code, version=to_version,
                    n=len(dropped)), record_id=row.code)])
        for d in dropped:
            if d.kind == "answer":
                conn.execute(answer.delete().where(answer.c.assessment_id == row.id,
                                                   answer.c.question_id == d.record))
            elif d.kind == "claim":
                conn.execute(na_claim.delete().where(na_claim.c.assessment_id == row.id,
                                                     na_claim.c.benchmark_id == d.record))
            else:
                where = [evidence.c.assessment_id == row.id,
                         evidence.c.requirement_id == d.record]
                conn.execute(evidence_review.delete().where(evidence_review.c.evidence_id.in_(
                    sa.select(evidence.c.id).where(*where))))
                conn.execute(evidence.delete().where(*where))
        # kept claims wait for a new decision on the new version's terms
        conn.execute(na_claim.update().where(na_claim.c.assessment_id == row.id).values(
            decision=None, decision_reason=None, decided_by=None, decided_at=None))
        conn.execute(assessment.update().where(assessment.c.id == row.id).values(
            standard_pk=pk))
        touch(conn, store, actor, row)
        audit.append(conn, store, actor.user_id, "assessment.move_version",
                     f"assessment:{row.id}", {
                         "assessment": row.id, "standard": current.id,
                         "from": current.version, "to": to_version,
                         "dropped": [[d.kind, d.record] for d in dropped]})
        kept = sa.select(sa.func.count()).select_from(answer).where(
            answer.c.assessment_id == row.id)
        return MoveReport(row.code, current.id, current.version, to_version,
                          conn.execute(kept).scalar_one(), dropped, applied=True)

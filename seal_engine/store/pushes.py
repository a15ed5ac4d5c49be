"""Answers pushed by another system (the JSON API): a whole set for one assessment, checked
together (every problem named, nothing written unless all are valid), then saved through
:func:`~seal_engine.store.save_answers` (each answer versioned and audited as a typed one),
leaving out those whose value is already stored, so that pushing the same answers again
changes nothing."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

from .. import normalise_answers
from ..errors import AssessmentError, Problem, StoreError
from ..messages import say
from ..models import Assessment
from ._baseline import baseline_answers
from ._bulk import insert_rows
from ._common import Actor, refresh
from ._values import decode, encode
from .assessments import AnswerWrite, editable_row, save_answers
from .engine import Store
from .schema import answer, assessment
from .standards import standard_by_pk

__all__ = ["AnswersPush", "push_answers"]

#: The most answers one push may carry (a standard has a few hundred questions at most).
MAX_ANSWERS = 5000


@dataclass(frozen=True)
class AnswersPush:
    """What a push did: the answers written with their new versions, those left as they were
    (the same value stored already)."""

    written: dict[str, int] = field(default_factory=dict)
    unchanged: list[str] = field(default_factory=list)


_STORED = sa.select(answer.c.question_id, answer.c.value, answer.c.version).where(
    answer.c.assessment_id == sa.bindparam("aid"))


#: The assessment's version counting the answers a push wrote.
_COUNTED = assessment.update().where(assessment.c.id == sa.bindparam("aid")).values(
    version=assessment.c.version + sa.bindparam("n", type_=sa.Integer),
    updated_at=sa.bindparam("at"), updated_by=sa.bindparam("by"))


def _probe(std, row, answers: dict[str, Any]) -> Assessment:
    return Assessment.model_validate({
        "id": row.code, "standard": {"id": std.id, "version": std.version},
        "institution": {"id": row.institution_code, "name": row.institution_name,
                        "country": row.country, "scope": row.scope},
        "period": {"start": row.period_start, "end": row.period_end},
        "answers": answers})


def push_answers(store: Store, actor: Actor, assessment_id: str, answers: dict[str, Any], *,
                 versions: dict[str, int] | None = None,
                 source: str | None = None) -> AnswersPush:
    """Save ``answers`` (question id -> value; ``None`` clears one) of an assessment the actor
    edits.  Every answer is checked first and every problem raised together
    (:class:`AssessmentError`), nothing written; an answer whose value means the same as the one
    stored is left alone.  ``versions`` (question id -> version read) makes the write refuse an
    answer changed since; without it, the answers stored now are replaced.  ``source`` names
    where they came from in the audit trail.

    The cyclic garbage collector is off meanwhile (:func:`no_collection`, as for
    ``import_assessments``): a push of 150 answers makes about as many audit entries, seals
    and rows, kept until it commits; collections during it only moved them to older
    generations, and every forty pushes or so a full collection walked the whole heap."""
    from .._heap import no_collection

    with no_collection():
        return _push(store, actor, assessment_id, answers, versions, source)


def _push(store: Store, actor: Actor, assessment_id: str, answers: dict[str, Any],
          versions: dict[str, int] | None, source: str | None) -> AnswersPush:
    if not isinstance(answers, dict) or not all(isinstance(k, str) for k in answers):
        raise StoreError(Problem(say("store.answers_mapping"),
                                 field="answers"))
    if len(answers) > MAX_ANSWERS:
        raise StoreError(Problem(say("store.too_many_answers", limit=MAX_ANSWERS,
                                     count=len(answers)), field="answers"))
    problems: list[Problem] = []
    encoded: dict[str, str] = {}  # what is stored, encoded once
    for qid, value in answers.items():
        try:
            encoded[qid] = encode(value, f"answers.{qid}")
        except StoreError as e:
            problems.extend(e.problems)
    # checked and written in one transaction: what is checked is what is written over
    with store.write() as conn:
        actor = refresh(conn, actor)
        row = editable_row(conn, actor, assessment_id, say("store.do.change_answers"))
        std = standard_by_pk(conn, row.standard_pk)
        questions = std.questions()
        for qid in answers:
            if qid not in questions:
                from ..errors import suggestion

                problems.append(Problem(say("store.no_question_hint", standard=std.id,
                                            version=std.version, id=qid,
                                            hint=suggestion(qid, questions)),
                                        field=f"answers.{qid}", record_id=qid))
        _base, taken = baseline_answers(conn, row, std)
        for qid in answers:
            if qid in taken:
                problems.append(Problem(say("store.from_baseline_short", question=qid),
                                        field=f"answers.{qid}", record_id=qid))
        known = {q: v for q, v in answers.items() if q in questions and q not in taken}
        new, found = normalise_answers(std, _probe(std, row, known))
        problems.extend(found)
        if problems:
            raise AssessmentError(problems)
        # the assessment's stored answers, those pushed kept (one plain statement: a list of
        # a hundred question ids to match is bound and expanded for each push)
        stored = {r.question_id: (decode(r.value), r.version) for r in conn.execute(
            _STORED, {"aid": row.id}) if r.question_id in answers}
        old = normalise_answers(std, _probe(std, row, {q: v for q, (v, _n) in
                                                       stored.items()}))[0] if stored else {}
        writes, unchanged = [], []
        for qid, value in answers.items():
            if new.get(qid) == old.get(qid) and (qid in stored or value is None):
                unchanged.append(qid)
                continue
            version = stored[qid][1] if qid in stored else 0
            if versions is not None and qid in versions:
                version = versions[qid]
            writes.append(AnswerWrite(row.id, qid, value, version))
        current = {q: n for q, (_v, n) in stored.items()}
        written = _write_all(conn, store, actor, row, writes, encoded, current,
                             source) if writes else {}
    if written is None:  # a version given moved on: save_answers refuses it (or takes it)
        written = save_answers(store, actor, writes, source=source)
    return AnswersPush({q: v for (_a, q), v in written.items()}, unchanged)


def _write_all(conn, store: Store, actor: Actor, row, writes: list[AnswerWrite],
               encoded: dict[str, str], current: dict[str, int], source: str | None
               ) -> dict[tuple[str, str], int] | None:
    """What :func:`~seal_engine.store.save_answers` does for answers of one assessment
    checked together (each versioned and audited by its own ``answer.save`` entry, the
    assessment's version counting each), in one statement per table and one append of the
    entries, inside the push's transaction (``current``: the versions stored, read in it).
    ``None``, nothing written, when a version given is not the one stored: the push then
    goes through ``save_answers``, which refuses it as it always did."""
    from . import audit, integrity

    qids = [w.question_id for w in writes]
    if len(set(qids)) != len(qids) or not all(
            current.get(w.question_id, 0) == w.expected_version for w in writes):
        return None
    texts = [encoded[w.question_id] for w in writes]
    now, by = store.now(), actor.user_id
    new = [{"assessment_id": row.id, "question_id": w.question_id, "value": enc,
            "version": 1, "updated_at": now, "updated_by": by}
           for w, enc in zip(writes, texts, strict=True) if w.question_id not in current]
    changed = [{"q": w.question_id, "value": enc, "new_version": current[w.question_id] + 1,
                "at": now, "by": by}
               for w, enc in zip(writes, texts, strict=True) if w.question_id in current]
    with audit.unnoted(conn):
        if new:
            insert_rows(conn, answer, new)
        if changed:
            conn.execute(answer.update().where(
                answer.c.assessment_id == row.id,
                answer.c.question_id == sa.bindparam("q")).values(
                value=sa.bindparam("value"), version=sa.bindparam("new_version"),
                updated_at=sa.bindparam("at"), updated_by=sa.bindparam("by")), changed)
        conn.execute(_COUNTED, {"aid": row.id, "n": len(writes), "at": now, "by": by})
        keys = [integrity.canonical([q]) for q in qids]
        # the new answers hashed from the values written, the rest read back
        only: dict[str, set[str] | None] = {"assessment": None}
        if changed:
            only["answer"] = {integrity.canonical([c["q"]]) for c in changed}
        hashes = integrity.scope_rows(conn, f"assessment:{row.id}", only)
        if new:
            hashes.update(integrity.written_rows(conn, "answer", new).get(
                f"assessment:{row.id}", {}))
    entries, out = [], {}
    for i, w in enumerate(writes):
        version = current.get(w.question_id, 0) + 1
        payload = {"assessment": row.id, "question": w.question_id,
                   "version": version, "value_sha256": audit.value_hash(w.value)}
        if source is not None:
            payload["source"] = source
        key = ("answer", keys[i])
        rows = {key: hashes[key]}
        if i == 0:  # the assessment's version counts every answer written
            key = ("assessment", integrity.canonical([row.id]))
            rows[key] = hashes[key]
        entries.append(audit.Pending("answer.save", f"assessment:{row.id}", payload, rows))
        out[row.id, w.question_id] = version
    audit.append_many(conn, store, actor.user_id, entries)
    return out

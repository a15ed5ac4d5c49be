"""Certificates: issued when an assessment is certified, at the reviewed level, valid for the
standard's ``validity_years``; each bears the audit entry (number and hash) of the decision, to
print on it as an anchor of the audit trail outside the database.  Renewal starts the next
assessment from a certified one."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Row

from ..errors import NotFoundError, Problem, TransitionError
from ..models import ScoreResult
from . import audit
from ._common import Actor, assessment_row, denied, joined_assessments, refresh, visible_filter
from .engine import Store
from .schema import answer, assessment, certificate, evidence, institution, na_claim, standard

__all__ = ["CertificateInfo", "list_certificates", "renew_assessment"]


@dataclass(frozen=True)
class CertificateInfo:
    id: str
    assessment_id: str
    assessment_code: str
    institution_id: str
    institution_code: str
    institution_name: str
    country: str
    level: str
    standard_id: str
    standard_version: int
    issued_on: dt.date
    valid_until: dt.date | None
    audit_seq: int
    audit_hash: str

    def days_left(self, today: dt.date) -> int | None:
        return None if self.valid_until is None else (self.valid_until - today).days


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year + years, day=28)


def issue_certificate(conn: Connection, store: Store, actor: Actor, row: Row,
                      result: ScoreResult, certificate_id: str, seq: int,
                      digest: str) -> CertificateInfo:
    """Insert the certificate of a certification decision inside its transaction."""
    years = conn.execute(sa.select(standard.c.validity_years).where(
        standard.c.id == row.standard_pk)).scalar_one()
    issued = store.now().date()
    conn.execute(certificate.insert().values(
        id=certificate_id, assessment_id=row.id, institution_id=row.institution_id,
        level=result.level, standard_id=result.standard.id,
        standard_version=result.standard.version, issued_on=issued,
        valid_until=_add_years(issued, years) if years else None, audit_seq=seq,
        audit_hash=digest, issued_by=actor.user_id))
    return _certificates(conn, [certificate.c.id == certificate_id])[0]


def _certificates(conn: Connection, where: list) -> list[CertificateInfo]:
    rows = conn.execute(
        sa.select(certificate, assessment.c.code, institution.c.code.label("icode"),
                  institution.c.name, institution.c.country)
        .join(assessment, assessment.c.id == certificate.c.assessment_id)
        .join(institution, institution.c.id == certificate.c.institution_id)
        .where(*where).order_by(certificate.c.valid_until, institution.c.name)).all()
    return [CertificateInfo(r.id, r.assessment_id, r.code, r.institution_id, r.icode, r.name,
                            r.country, r.level, r.standard_id, r.standard_version, r.issued_on,
                            r.valid_until, r.audit_seq, r.audit_hash) for r in rows]


def list_certificates(store: Store, actor: Actor, *, expiring_within: dt.timedelta | None = None,
                      include_expired: bool = True) -> list[CertificateInfo]:
    """The certificates ``actor`` may see, soonest expiry first; ``expiring_within``: only
    those that expire within that time from today (already expired ones too, unless
    ``include_expired`` is false)."""
    today = store.now().date()
    with store.read() as conn:
        actor = refresh(conn, actor)
        where = [certificate.c.assessment_id.in_(
            joined_assessments().with_only_columns(assessment.c.id).where(
                visible_filter(actor)))]
        if expiring_within is not None:
            where += [certificate.c.valid_until.is_not(None),
                      certificate.c.valid_until <= today + expiring_within]
        if not include_expired:
            where.append(sa.or_(certificate.c.valid_until.is_(None),
                                certificate.c.valid_until >= today))
        return _certificates(conn, where)


_UNSAFE = re.compile(r"[^A-Za-z0-9_.\-]+")


def renew_assessment(store: Store, actor: Actor, certified_id: str, period_start: dt.date,
                     period_end: dt.date, *, period_label: str | None = None,
                     standard_version: int | None = None) -> str:
    """Start the next draft self-assessment from a certified one (its focal points): answers,
    evidence and not-applicable claims carried over to be checked (claims wait for a new
    decision; answers to questions the standard no longer asks are left out); workforce data
    is per period and is not carried.  ``standard_version``: renew against another stored
    version of the same standard.  Returns the new assessment's id."""
    from .assessments import insert_assessment, next_code, touch
    from .evidence import insert_evidence
    from .standards import standard_by_pk, standard_pk

    with store.write() as conn:
        actor = refresh(conn, actor)
        row = assessment_row(conn, actor, certified_id)
        if row.institution_id not in actor.institutions:
            raise denied(actor, f"renew {row.code}: the institution's focal points do")
        if row.state != "certified":
            raise TransitionError(Problem(f"only a certified assessment is renewed; {row.code} "
                                          f"is {row.state.replace('_', ' ')}",
                                          record_id=row.code))
        old = standard_by_pk(conn, row.standard_pk)
        key = row.standard_pk
        if standard_version is not None and standard_version != old.version:
            key = standard_pk(conn, old.id, standard_version)
            if key is None:
                raise NotFoundError(f"standard {old.id} v{standard_version} is not stored")
        new_std = standard_by_pk(conn, key)
        label = period_label or str(period_end.year)
        code = next_code(conn, _UNSAFE.sub("-", f"{row.institution_code}-{label}").lower())
        new_id = insert_assessment(conn, store, actor, institution_id=row.institution_id,
                                   standard_key=key, period_start=period_start,
                                   period_end=period_end, period_label=period_label,
                                   kind=row.kind, state="draft", code=code,
                                   renewed_from=row.id)
        now = store.now()
        asked = new_std.questions()
        for a in conn.execute(sa.select(answer).where(answer.c.assessment_id == row.id)):
            if a.question_id in asked:
                conn.execute(answer.insert().values(
                    assessment_id=new_id, question_id=a.question_id, value=a.value, version=1,
                    updated_at=now, updated_by=actor.user_id))
        benchmarks = {b.id for b in new_std.benchmarks()}
        for c in conn.execute(sa.select(na_claim).where(na_claim.c.assessment_id == row.id)):
            if c.benchmark_id in benchmarks:
                conn.execute(na_claim.insert().values(
                    assessment_id=new_id, benchmark_id=c.benchmark_id, reason=c.reason,
                    version=1, updated_at=now, updated_by=actor.user_id))
        requirements = {e.id for b in new_std.benchmarks() for e in b.evidence}
        new_row = assessment_row(conn, actor, new_id)
        for e in conn.execute(sa.select(evidence).where(evidence.c.assessment_id == row.id)
                              .order_by(evidence.c.position)):
            if e.requirement_id not in requirements:
                continue
            eid = insert_evidence(conn, store, actor, new_row, requirement_id=e.requirement_id,
                                  title=e.title, kind="reference" if e.kind == "file" else e.kind,
                                  reference=e.reference, date=e.date, note=e.note)
            if e.kind == "file":  # the same stored file, not a copy
                conn.execute(evidence.update().where(evidence.c.id == eid).values(
                    kind="file", blob_sha256=e.blob_sha256, original_name=e.original_name,
                    media_type=e.media_type, size=e.size))
        touch(conn, store, actor, new_row)
        audit.append(conn, store, actor.user_id, "assessment.renew", f"assessment:{new_id}",
                     {"assessment": new_id, "renewed_from": row.id, "standard": key})
        return new_id

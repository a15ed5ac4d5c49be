"""Certificates: issued when an assessment is certified, at the reviewed level, valid for the
standard's ``validity_years``; each bears the audit entry (number and hash) of the decision, to
print on it as an anchor of the audit trail outside the database.  Renewal starts the next
assessment from a certified one.

Every certificate is signed: a JWS (EdDSA, Ed25519) whose claims name the issuer, the
institution, the level, the standard, the score and its basis, the dates and the audit entry,
signed with the programme's private key (the file ``SEAL_SIGNING_KEY`` names, never stored
here).  The public keys that ever signed are kept in ``signing_key`` and published as a JWKS,
so that anyone verifies a certificate offline, and certificates signed before a rotation still
verify.  Without a key, certification is refused.  A certificate may be revoked, with the
reason, which :func:`verify_certificate` reports to whoever asks."""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Row

from ..certificate import (
    CertificateDetails,
    Verification,
    certificate_pdf,
    details_from_claims,
    read_certificate_token,
    verify_url,
)
from ..errors import (
    NotFoundError,
    Problem,
    SealError,
    SignatureError,
    StoreError,
    TransitionError,
)
from ..messages import say
from ..models import ScoreResult
from ..settings import get_setting
from ..signing import SigningKey, load_private_key, public_jwk, sign, verify_token
from . import audit
from ._common import (
    Actor,
    assessment_row,
    aware,
    denied,
    joined_assessments,
    refresh,
    state_word,
    visible_filter,
)
from ._demo_accounts import DEMO_KEY_NAME, demo_accounts_present, demo_key_path, ensure_demo_key
from .engine import Store
from .schema import (
    answer,
    assessment,
    certificate,
    evidence,
    institution,
    na_claim,
    signing_key,
    standard,
)

__all__ = ["DEMO_KEY_NAME", "CertificateInfo", "Verification", "certificate_pdf_bytes",
           "certificate_titles",
           "demo_key_path", "ensure_demo_key", "get_certificate", "list_certificates",
           "programme_key", "published_jwks", "renew_assessment", "revoke_certificate",
           "verify_certificate"]


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
    token: str | None = None
    kid: str | None = None
    revoked_at: dt.datetime | None = None
    revoked_reason: str | None = None

    @property
    def revoked(self) -> bool:
        return self.revoked_at is not None

    def days_left(self, today: dt.date) -> int | None:
        return None if self.valid_until is None else (self.valid_until - today).days


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year + years, day=28)


# ---------------------------------------------------------------------------- signing keys

def _is_demo(conn: Connection) -> bool:
    return demo_accounts_present(conn)


def _signing_key(conn: Connection, store: Store) -> SigningKey:
    """The programme's key: the file ``SEAL_SIGNING_KEY`` names; on a demo database without
    it, the demo's key.  None configured: certification is refused, saying how to configure
    one."""
    given = get_setting("SEAL_SIGNING_KEY").strip()
    if given:
        try:
            return load_private_key(Path(given).expanduser())
        except SealError as e:  # the store's refusal, naming the setting that points there
            raise StoreError([Problem(say("store.signing_key_unusable", problem=p.text),
                                      file=p.file, field="SEAL_SIGNING_KEY")
                              for p in e.problems]) from None
    if _is_demo(conn):  # a demo made before certificates were signed gets its key now
        return load_private_key(ensure_demo_key(store))
    raise StoreError(Problem(say("store.no_signing_key"),
        field="SEAL_SIGNING_KEY"))


def _register_key(conn: Connection, store: Store, actor: Actor, key: SigningKey) -> None:
    """Keep the public key of ``key`` the first time it signs, retiring the one in use before
    (which still verifies what it signed)."""
    row = conn.execute(sa.select(signing_key).where(signing_key.c.kid == key.kid)).first()
    if row is not None and row.retired_at is None:
        return
    now = store.now()
    retired = conn.execute(sa.select(signing_key.c.kid).where(
        signing_key.c.retired_at.is_(None), signing_key.c.kid != key.kid)).scalars().all()
    if retired:
        conn.execute(signing_key.update().where(signing_key.c.kid.in_(retired)).values(
            retired_at=now))
    if row is None:
        conn.execute(signing_key.insert().values(
            kid=key.kid, jwk=json.dumps(public_jwk(key), sort_keys=True), first_used_at=now))
    else:  # a retired key in use again
        conn.execute(signing_key.update().where(signing_key.c.kid == key.kid).values(
            retired_at=None))
    audit.append(conn, store, actor.user_id, "signing_key.use", "programme",
                 {"kid": key.kid, "retired": sorted(retired), "again": row is not None})


def programme_key(store: Store, actor: Actor, *, required: bool = True) -> SigningKey | None:
    """The programme's signing key (the file ``SEAL_SIGNING_KEY`` names, or a demo database's
    demo key), its public key published first (kept in ``signing_key``, audited), so that
    whatever it signs (a certificate, an audit checkpoint) verifies with :func:`published_jwks`.
    None when no key is configured and ``required`` is false; a key file that is missing or not
    Ed25519 is always an error."""
    with store.write() as conn:
        actor = refresh(conn, actor)
        if (not required and not get_setting("SEAL_SIGNING_KEY").strip()
                and not _is_demo(conn)):
            return None
        key = _signing_key(conn, store)
        _register_key(conn, store, actor, key)
        return key


def published_jwks(store: Store) -> dict:
    """The public keys that ever signed a certificate, as a JWKS (RFC 7517), the one in use
    first: public data, no sign-in needed."""
    with store.read() as conn:
        rows = conn.execute(sa.select(signing_key.c.jwk).order_by(
            signing_key.c.retired_at.is_not(None), signing_key.c.first_used_at.desc(),
            signing_key.c.kid)).scalars().all()
    return {"keys": [json.loads(j) for j in rows]}


# ------------------------------------------------------------------------------- issuing

def _exp(valid_until: dt.date | None) -> int | None:
    """The token's ``exp``: the end of the last day of validity, UTC."""
    if valid_until is None:
        return None
    end = dt.datetime.combine(valid_until + dt.timedelta(days=1), dt.time(), dt.UTC)
    return int(end.timestamp())


def _claims(info: CertificateInfo, result: ScoreResult, std, now: dt.datetime) -> dict:
    level_title = next((lv.title for lv in std.levels if lv.id == info.level), info.level)
    claims = {
        "iss": get_setting("SEAL_ISSUER").strip() or "UNDP Gender Equality Seal",
        "sub": info.institution_code, "jti": info.id, "iat": int(now.timestamp()),
        "institution": {"code": info.institution_code, "name": info.institution_name,
                        "country": info.country},
        "level": info.level, "level_title": level_title,
        "standard": {"id": info.standard_id, "version": info.standard_version,
                     "title": std.title},
        "score": round(result.score, 4), "basis": result.basis.kind,
        "points": result.points, "max_points": result.max_points,
        "issued_on": info.issued_on.isoformat(),
        "valid_until": info.valid_until.isoformat() if info.valid_until else None,
        "audit": {"seq": info.audit_seq, "hash": info.audit_hash},
    }
    exp = _exp(info.valid_until)
    if exp is not None:
        claims["exp"] = exp
    return claims


def issue_certificate(conn: Connection, store: Store, actor: Actor, row: Row,
                      result: ScoreResult, certificate_id: str, seq: int,
                      digest: str) -> CertificateInfo:
    """Insert the certificate of a certification decision inside its transaction, signed with
    the programme's key (none configured: :class:`StoreError`, and the whole decision is
    rolled back)."""
    from .standards import standard_by_pk

    key = _signing_key(conn, store)
    std = standard_by_pk(conn, row.standard_pk)
    years = conn.execute(sa.select(standard.c.validity_years).where(
        standard.c.id == row.standard_pk)).scalar_one()
    issued = store.now().date()
    conn.execute(certificate.insert().values(
        id=certificate_id, assessment_id=row.id, institution_id=row.institution_id,
        level=result.level, standard_id=result.standard.id,
        standard_version=result.standard.version, issued_on=issued,
        valid_until=_add_years(issued, years) if years else None, audit_seq=seq,
        audit_hash=digest, issued_by=actor.user_id))
    info = _certificates(conn, [certificate.c.id == certificate_id])[0]
    _register_key(conn, store, actor, key)
    token = sign(_claims(info, result, std, store.now()), key)
    conn.execute(certificate.update().where(certificate.c.id == certificate_id).values(
        token=token, kid=key.kid))
    audit.append(conn, store, actor.user_id, "certificate.sign", f"assessment:{row.id}",
                 {"certificate": certificate_id, "kid": key.kid,
                  "token_sha256": audit.value_hash(token)})
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
                            r.valid_until, r.audit_seq, r.audit_hash, r.token, r.kid,
                            aware(r.revoked_at), r.revoked_reason) for r in rows]


def _visible(actor: Actor) -> list:
    return [certificate.c.assessment_id.in_(
        joined_assessments().with_only_columns(assessment.c.id).where(visible_filter(actor)))]


def get_certificate(store: Store, actor: Actor, certificate_id: str) -> CertificateInfo:
    """One certificate ``actor`` may see (by its id, or the assessment's id or code)."""
    with store.read() as conn:
        actor = refresh(conn, actor)
        return _one(conn, actor, certificate_id)


def _one(conn: Connection, actor: Actor, certificate_id: str) -> CertificateInfo:
    found = _certificates(conn, [*_visible(actor), sa.or_(
        certificate.c.id == certificate_id, certificate.c.assessment_id == certificate_id,
        assessment.c.code == certificate_id)])
    if not found:
        raise NotFoundError(Problem(say("store.no_certificate", id=certificate_id),
                                    record_id=certificate_id))
    return found[0]


def revoke_certificate(store: Store, actor: Actor, certificate_id: str,
                       reason: str) -> CertificateInfo:
    """Revoke a certificate (a programme officer or an administrator), with the reason that
    whoever verifies it will read; audited; a certificate is revoked once."""
    reason = (reason or "").strip()
    with store.write() as conn:
        actor = refresh(conn, actor)
        info = _one(conn, actor, certificate_id)
        if not (actor.is_admin or actor.is_programme_officer):
            raise denied(actor, say("store.do.revoke_certificate",
                                    institution=info.institution_name))
        if not reason:
            raise StoreError(Problem(say("store.revoke_reason"), field="reason", record_id=info.id))
        if info.revoked:
            raise TransitionError(Problem(
                say("store.already_revoked", day=f"{info.revoked_at:%Y-%m-%d}",
                    reason=info.revoked_reason), record_id=info.id))
        conn.execute(certificate.update().where(certificate.c.id == info.id).values(
            revoked_at=store.now(), revoked_by=actor.user_id, revoked_reason=reason))
        audit.append(conn, store, actor.user_id, "certificate.revoke",
                     f"assessment:{info.assessment_id}",
                     {"certificate": info.id, "reason_sha256": audit.value_hash(reason)})
        return _certificates(conn, [certificate.c.id == info.id])[0]


# ---------------------------------------------------------------------------- verifying

_NOT_ISSUED = "the signature holds, but this programme has no record of issuing it"


def verify_certificate(store: Store, token_or_pdf: str | bytes,
                       now: dt.datetime | None = None) -> Verification:
    """Is this certificate real?  For anyone (no actor: it reads only public data): the token,
    or the bytes of a certificate's PDF, checked against the published keys, then against the
    record of issue and revocation.  ``now``: the store's clock unless given."""
    try:
        token = read_certificate_token(token_or_pdf)
    except SignatureError as e:
        return Verification(status="malformed", reason="malformed",
                            message=e.problems[0].message)
    check = verify_token(token, published_jwks(store), now or store.now())
    if check.status not in ("valid", "expired"):
        return Verification(status=check.status, reason=check.reason, message=check.message)
    try:
        details = details_from_claims(check.claims or {}, check.kid)
    except SignatureError as e:
        return Verification(status="malformed", reason="malformed",
                            message=e.problems[0].message)
    with store.read() as conn:
        row = conn.execute(sa.select(certificate.c.token, certificate.c.revoked_at,
                                     certificate.c.revoked_reason).where(
            certificate.c.id == details.id)).first()
    if row is None or row.token != token:
        return Verification(status="not_genuine", reason="not_issued", message=_NOT_ISSUED)
    if row.revoked_at is not None:
        details = details.model_copy(update={"revoked_on": aware(row.revoked_at).date(),
                                             "revoked_reason": row.revoked_reason})
        return Verification(status="revoked", reason="revoked", certificate=details,
                            message=f"the programme revoked this certificate on "
                                    f"{details.revoked_on.isoformat()}: {row.revoked_reason}")
    if check.status == "expired":
        return Verification(status="expired", reason="expired", certificate=details,
                            message=f"genuine, but it expired: it was valid until "
                                    f"{details.valid_until}")
    until = f" until {details.valid_until}" if details.valid_until else ""
    return Verification(status="valid", reason="valid", certificate=details,
                        message=f"genuine and valid{until}: {details.level_title} awarded to "
                                f"{details.institution_name} ({details.country})")


def certificate_pdf_bytes(store: Store, actor: Actor, certificate_id: str,
                          lang: str | None = None) -> bytes:
    """The certificate's one-page PDF (anyone who may see the certificate): what its token
    says, its QR code, and where to verify it (``SEAL_PUBLIC_URL``).  Bilingual when ``lang``
    (the institution's language: the reader's) is not the programme's (the standard's own):
    every text in the programme's language, then in ``lang``, the level and the standard by
    their translated titles."""
    info = get_certificate(store, actor, certificate_id)
    if not info.token:
        raise StoreError(Problem(say("store.unsigned_certificate"),
                                 record_id=info.id))
    check = verify_token(info.token, published_jwks(store), 0)
    if check.claims is None:
        raise StoreError(Problem(say("store.token_no_longer_verifies",
                                     reason=say(f"verify.{check.reason}")),
                                 record_id=info.id))
    details: CertificateDetails = details_from_claims(check.claims, check.kid)
    langs, levels, titles = _languages(store, details, lang)
    return certificate_pdf(details, info.token,
                           verify_at=verify_url(get_setting("SEAL_PUBLIC_URL")), langs=langs,
                           level_titles=levels, standard_titles=titles)


def certificate_titles(store: Store, details: CertificateDetails, lang: str
                       ) -> tuple[str, str]:
    """The certificate's level and standard titles in ``lang``, from the standard's stored
    translation; the signed titles where it has none.  Public data: no actor."""
    _langs, levels, titles = _languages(store, details, lang)
    return (levels.get(lang, details.level_title), titles.get(lang, details.standard_title))


def _languages(store: Store, details: CertificateDetails, lang: str | None
               ) -> tuple[tuple[str, ...], dict[str, str], dict[str, str]]:
    """The certificate's languages (the programme's, then ``lang`` when it differs) and the
    level's and the standard's titles in each (the signed ones in the programme's)."""
    from ..loader import translated_standard
    from .standards import get_standard

    try:
        standard = get_standard(store, details.standard_id, details.standard_version)
    except SealError:  # the standard is not stored here: the signed titles only
        return ("en",), {}, {}
    own = standard.locale
    if not lang or lang == own:
        return (own,), {}, {}
    other = translated_standard(standard, lang)
    level = next((lv.title for lv in other.levels if lv.id == details.level), None)
    return ((own, lang), {lang: level} if level else {},
            {lang: other.title} if other is not standard else {})


def list_certificates(store: Store, actor: Actor, *, expiring_within: dt.timedelta | None = None,
                      include_expired: bool = True) -> list[CertificateInfo]:
    """The certificates ``actor`` may see, soonest expiry first; ``expiring_within``: only
    those that expire within that time from today (already expired ones too, unless
    ``include_expired`` is false)."""
    today = store.now().date()
    with store.read() as conn:
        actor = refresh(conn, actor)
        where = _visible(actor)
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
            raise denied(actor, say("store.do.renew", code=row.code))
        if row.state != "certified":
            raise TransitionError(Problem(say("store.renew_certified_only", code=row.code,
                                              state=state_word(row.state)),
                                          record_id=row.code))
        old = standard_by_pk(conn, row.standard_pk)
        key = row.standard_pk
        if standard_version is not None and standard_version != old.version:
            key = standard_pk(conn, old.id, standard_version)
            if key is None:
                raise NotFoundError(say("store.standard_not_stored", standard=old.id,
                                      version=standard_version))
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

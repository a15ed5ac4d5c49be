"""A certificate as its signed token says it: the claims read back into a typed model, what a
verification found (:class:`Verification`), the one-page PDF (WeasyPrint, from a sandboxed
autoescaping Jinja template; a QR code holding exactly the token; the token also embedded as a
file attachment) and reading the token back out of such a PDF without decoding any image.

Pure: the PDF is rendered from what it is given (no outside request: every URL but ``data:`` is
refused); fonts are the system's DejaVu.  Rendering needs the ``certificates`` extra.
"""

from __future__ import annotations

import datetime as dt
import re
import zlib
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field

from .errors import Problem, SealError, SignatureError, install_hint

__all__ = [
    "CertificateDetails",
    "VerificationStatus",
    "Verification",
    "certificate_html",
    "certificate_pdf",
    "details_from_claims",
    "read_certificate_token",
    "token_from_pdf",
    "verify_url",
]

HINT = install_hint("certificates")
TEMPLATES = Path(__file__).parent / "certificates_templates"
ATTACHMENT_NAME = "certificate.jwt"

VerificationStatus = Literal["valid", "revoked", "expired", "not_genuine", "unknown_key",
                             "malformed"]


class CertificateDetails(BaseModel):
    """What a genuine certificate states (from its signed claims), and whether the programme
    has revoked it since."""

    id: str = Field(description="The certificate id (the token's jti)")
    issuer: str
    institution_code: str
    institution_name: str
    country: str
    level: str
    level_title: str
    standard_id: str
    standard_version: int
    standard_title: str
    score: float = Field(description="Percent, on the basis named")
    basis: str = Field(description="How the score is counted, e.g. benchmarks_met")
    points: float
    max_points: float
    issued_on: dt.date
    valid_until: dt.date | None
    audit_seq: int
    audit_hash: str
    kid: str | None = None
    revoked_on: dt.date | None = None
    revoked_reason: str | None = None


class Verification(BaseModel):
    """The answer to "is this certificate real?": ``status`` with its ``reason`` code and a
    sentence, and the certificate's details when its signature holds."""

    status: VerificationStatus
    reason: str = Field(description="valid, revoked, expired, bad_signature, not_issued, "
                                    "unknown_key or malformed")
    message: str
    certificate: CertificateDetails | None = None

    @property
    def ok(self) -> bool:
        return self.status == "valid"


def details_from_claims(claims: dict[str, Any], kid: str | None = None) -> CertificateDetails:
    """The certificate a genuine token's claims describe; a claim missing or of the wrong type
    raises :class:`SignatureError` ``malformed`` (never issued by this engine)."""
    try:
        inst, std, audit = claims["institution"], claims["standard"], claims["audit"]
        return CertificateDetails(
            id=claims["jti"], issuer=claims["iss"], institution_code=claims["sub"],
            institution_name=inst["name"], country=inst["country"], level=claims["level"],
            level_title=claims.get("level_title") or claims["level"], standard_id=std["id"],
            standard_version=std["version"], standard_title=std.get("title") or std["id"],
            score=claims["score"], basis=claims["basis"], points=claims["points"],
            max_points=claims["max_points"], issued_on=claims["issued_on"],
            valid_until=claims.get("valid_until"), audit_seq=audit["seq"],
            audit_hash=audit["hash"], kid=kid)
    except (KeyError, TypeError, ValueError) as e:
        raise SignatureError("malformed", Problem(
            f"the token is signed but its claims are not a certificate's ({e!s:.80})",
            field="token")) from None


def verify_url(public_url: str) -> str | None:
    """Where outsiders verify certificates: ``public_url`` + ``/verify``, or None."""
    public_url = (public_url or "").strip().rstrip("/")
    return f"{public_url}/verify" if public_url else None


# ----------------------------------------------------------------------------- rendering

def _environment():
    try:
        from jinja2 import FileSystemLoader, StrictUndefined
        from jinja2.sandbox import SandboxedEnvironment
    except ImportError as e:
        raise ImportError(f"the certificate's PDF needs Jinja2, which is not installed: {HINT}"
                          ) from e
    return SandboxedEnvironment(loader=FileSystemLoader(TEMPLATES), autoescape=True,
                                undefined=StrictUndefined, trim_blocks=True,
                                lstrip_blocks=True)


def _qr_svg(token: str) -> str:
    """The QR code of exactly ``token``, as an inline SVG element (byte mode, error correction
    L or higher where the same size allows: larger modules scan better; a quiet zone of 4)."""
    try:
        import segno
    except ImportError as e:
        raise ImportError(f"the certificate's QR code needs segno, which is not installed: "
                          f"{HINT}") from e
    qr = segno.make(token, error="l", mode="byte", micro=False, boost_error=True)
    return qr.svg_inline(scale=1, border=4, dark="#111111", light="#ffffff", omitsize=True)


def _day(value: dt.date | None) -> str:
    return value.strftime("%d %B %Y").lstrip("0") if value else "no expiry date"


def certificate_html(details: CertificateDetails, token: str, *, verify_at: str | None,
                     issuer: str | None = None) -> str:
    """The certificate's page as HTML (the template autoescapes every value; the QR code is
    an SVG made here from the token alone)."""
    from markupsafe import Markup

    template = _environment().get_template("certificate.html")
    css = (TEMPLATES / "certificate.css").read_text(encoding="utf-8")
    return template.render(
        c=details, issuer=issuer or details.issuer, verify_at=verify_at,
        qr=Markup(_qr_svg(token)), css=Markup(css), issued=_day(details.issued_on),
        valid_until=_day(details.valid_until), score=f"{details.score:.1f}",
        points=f"{details.points:g}", max_points=f"{details.max_points:g}",
        basis_words=_BASIS.get(details.basis, details.basis))


_BASIS = {"benchmarks_met": "share of applicable benchmarks met",
          "weighted_points": "weighted points"}


def _no_fetch(url: str, *args, **kwargs):
    """WeasyPrint's URL fetcher: data: URLs only, never a file or the network."""
    if url.startswith("data:"):
        from weasyprint.urls import default_url_fetcher

        return default_url_fetcher(url, *args, **kwargs)
    raise ValueError(f"the certificate's PDF loads nothing from outside ({url!r} refused)")


def certificate_pdf(details: CertificateDetails, token: str, *, verify_at: str | None = None
                    ) -> bytes:
    """One A4 landscape page: the certificate, its QR code holding exactly ``token``, and the
    token attached as ``certificate.jwt`` (what ``token_from_pdf`` reads back)."""
    try:
        from weasyprint import HTML, Attachment
    except ImportError as e:
        raise ImportError(f"the certificate's PDF needs WeasyPrint, which is not installed: "
                          f"{HINT}") from e
    html = certificate_html(details, token, verify_at=verify_at)
    attachment = Attachment(string=token, name=ATTACHMENT_NAME,
                            description="The signed certificate (JWS, EdDSA): verify it with "
                                        "the programme's published keys",
                            url_fetcher=_no_fetch)
    return HTML(string=html, url_fetcher=_no_fetch, base_url=None).write_pdf(
        attachments=[attachment], pdf_identifier=details.id.encode("ascii")[:32],
        custom_metadata=True)


# ----------------------------------------------------------------------- reading it back

_TOKEN = re.compile(rb"eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{40,}")
_STREAM = re.compile(rb"stream\r?\n")
_MAX_INFLATED = 4_000_000  # per stream
_MAX_INFLATED_TOTAL = 16_000_000  # per file: a hostile PDF of many small bombs stops there


def _streams(data: bytes):
    """The raw and the Flate-inflated content of each stream of a PDF (bounded: a stream
    inflating past 4 MB is cut there, and all of them together stop at 16 MB)."""
    yield data
    budget = _MAX_INFLATED_TOTAL
    for m in _STREAM.finditer(data):
        start = m.end()
        end = data.find(b"endstream", start)
        if end < 0 or budget <= 0:
            break
        chunk = data[start:end]
        if not chunk.startswith((b"x", b"H", b"X")):  # zlib headers only
            continue
        try:
            inflated = zlib.decompressobj().decompress(chunk, min(_MAX_INFLATED, budget))
        except zlib.error:
            continue
        budget -= len(inflated)
        yield inflated


def token_from_pdf(data: bytes) -> str:
    """The signed token a certificate's PDF carries (its attachment), found without decoding
    any image.  Raises :class:`SignatureError` ``malformed`` when the file is not a PDF or holds
    no token, or more than one."""
    if not data.startswith(b"%PDF-"):
        raise SignatureError("malformed", Problem("is not a PDF file", field="file"))
    found = []
    for chunk in _streams(data):
        for m in _TOKEN.finditer(chunk):
            token = m.group().decode("ascii")
            if token not in found:
                found.append(token)
    if not found:
        raise SignatureError("malformed", Problem(
            "the PDF carries no signed certificate (no token attached); is it a certificate "
            "issued by seal-engine?", field="file"))
    if len(found) > 1:
        raise SignatureError("malformed", Problem(
            f"the PDF carries {len(found)} different tokens; a certificate carries one",
            field="file"))
    return found[0]


def read_certificate_token(value: str | bytes) -> str:
    """A token given as text, or as the bytes of a token or of a certificate's PDF."""
    if isinstance(value, bytes):
        if value.startswith(b"%PDF-"):
            return token_from_pdf(value)
        try:
            value = value.decode("ascii")
        except UnicodeDecodeError:
            raise SignatureError("malformed", Problem(
                "is neither a token nor a PDF", field="file")) from None
    if not isinstance(value, str):
        raise SealError("a token is text")
    return "".join(value.split())

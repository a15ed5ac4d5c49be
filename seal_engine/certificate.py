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
from .messages import Message, render_message, say

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
    """The answer to "is this certificate real?": ``status`` with its ``reason`` code, an
    English sentence for logs and machines, and the certificate's details when its signature
    holds.  A person reads :meth:`said`: the reason in their language."""

    status: VerificationStatus
    reason: str = Field(
        description="Why, as a code to act on: valid, revoked, expired, bad_signature, "
        "not_issued, unknown_key or malformed")
    message: str = Field(
        description="The reason in an English sentence, for logs and machines (never parsed: "
        "act on reason); a person reads the reason in their own language")
    certificate: CertificateDetails | None = None

    @property
    def ok(self) -> bool:
        return self.status == "valid"

    def reason_message(self) -> Message:
        """The reason as data (``verify.<reason>``), with what the certificate states."""
        c = self.certificate
        # dates as the certificate's lines and its token write them (ISO), in every language
        if c is None or self.reason in ("bad_signature", "not_issued", "unknown_key",
                                        "malformed"):
            return say(f"verify.{self.reason}")
        if self.reason == "revoked":
            return say("verify.revoked", day=_iso(c.revoked_on), reason=c.revoked_reason or "")
        if self.reason == "expired":
            return say("verify.expired", until=_iso(c.valid_until))
        return say("verify.valid_until" if c.valid_until else "verify.valid",
                   until=_iso(c.valid_until), level=c.level_title, institution=c.institution_name,
                   country=c.country)

    def said(self, lang: str = "en") -> str:
        """The reason in words in ``lang`` (what a person reads; :attr:`message` is English)."""
        return render_message(self.reason_message(), lang=lang)


def _iso(day: dt.date | None) -> str:
    return day.isoformat() if day else ""


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


def _words(lang: str):
    from .i18n.words import words

    return words(lang)


def certificate_html(details: CertificateDetails, token: str, *, verify_at: str | None,
                     issuer: str | None = None, langs: tuple[str, ...] = ("en",),
                     level_titles: dict[str, str] | None = None,
                     standard_titles: dict[str, str] | None = None) -> str:
    """The certificate's page as HTML (the template autoescapes every value; the QR code is
    an SVG made here from the token alone).

    ``langs``: its languages, the programme's first; with a second one (the institution's)
    every text is given in both, the second under the first.  The certificate's words come
    from the reports' catalogue; ``level_titles`` and ``standard_titles`` give the level's and
    the standard's titles by language (the signed English ones otherwise)."""
    from markupsafe import Markup, escape

    langs = tuple(dict.fromkeys(lang for lang in langs if lang)) or ("en",)
    level_titles = {**(level_titles or {})}
    standard_titles = {**(standard_titles or {})}

    def value(v: Any, lang: str) -> str:
        if isinstance(v, dict):
            return str(v.get(lang) or v.get(langs[0]) or next(iter(v.values()), ""))
        return str(v)

    def in_lang(message: str, lang: str, params: dict[str, Any]) -> str:
        text = _words(lang).gettext(message)
        try:
            return text.format(**{k: value(v, lang) for k, v in params.items()})
        except (KeyError, IndexError, ValueError):  # a translation with other placeholders
            return message.format(**{k: value(v, lang) for k, v in params.items()})

    def both(message: str, **params: Any) -> Markup:
        first = in_lang(message, langs[0], params)
        out = escape(first)
        for lang in langs[1:]:
            if lang != "en" and _words(lang).gettext(message) == message:
                continue  # not in the language's catalogue yet: said once, not twice
            other = in_lang(message, lang, params)
            if other != first:
                out += Markup('<span class="second" lang="{}">{}</span>').format(lang, other)
        return out

    def one(message: str, **params: Any) -> str:
        return in_lang(message, langs[0], params)

    w = [_words(lang) for lang in langs]

    def joined(fn) -> Markup:
        shown = list(dict.fromkeys(fn(x) for x in w))
        out = escape(shown[0])
        for other, x in zip(shown[1:], w[1:], strict=False):
            out += Markup('<span class="second" lang="{}">{}</span>').format(x.lang, other)
        return out

    template = _environment().get_template("certificate.html")
    css = (TEMPLATES / "certificate.css").read_text(encoding="utf-8")
    level_titles.setdefault(langs[0], details.level_title)
    standard_titles.setdefault(langs[0], details.standard_title)
    no_expiry = joined(lambda x: x.gettext("no expiry date"))
    return template.render(
        c=details, issuer=issuer or details.issuer, verify_at=verify_at, langs=langs,
        _=both, one=one, qr=Markup(_qr_svg(token)), css=Markup(css),
        level_title=level_titles[langs[0]], level_titles=level_titles,
        standard_titles=standard_titles,
        issued=joined(lambda x: x.date(details.issued_on)),
        valid_until=(joined(lambda x: x.date(details.valid_until)) if details.valid_until
                     else no_expiry),
        scores={x.lang: x.pct(details.score, 1) for x in w},
        points=w[0].points(details.points), max_points=w[0].points(details.max_points),
        basis_words={x.lang: _basis(x, details.basis) for x in w})


def _basis(w, basis: str) -> str:
    return {"benchmarks_met": w.gettext("share of applicable benchmarks met"),
            "weighted_points": w.gettext("weighted points")}.get(basis, basis)


def _no_fetch(url: str, *args, **kwargs):
    """WeasyPrint's URL fetcher: data: URLs only, never a file or the network."""
    if url.startswith("data:"):
        from weasyprint.urls import default_url_fetcher

        return default_url_fetcher(url, *args, **kwargs)
    raise ValueError(f"the certificate's PDF loads nothing from outside ({url!r} refused)")


def certificate_pdf(details: CertificateDetails, token: str, *, verify_at: str | None = None,
                    langs: tuple[str, ...] = ("en",), level_titles: dict[str, str] | None = None,
                    standard_titles: dict[str, str] | None = None) -> bytes:
    """One A4 landscape page: the certificate, its QR code holding exactly ``token``, and the
    token attached as ``certificate.jwt`` (what ``token_from_pdf`` reads back); in ``langs``
    (the programme's language, then the institution's when it differs: see
    :func:`certificate_html`)."""
    try:
        from weasyprint import HTML, Attachment
    except ImportError as e:
        raise ImportError(f"the certificate's PDF needs WeasyPrint, which is not installed: "
                          f"{HINT}") from e
    html = certificate_html(details, token, verify_at=verify_at, langs=langs,
                            level_titles=level_titles, standard_titles=standard_titles)
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

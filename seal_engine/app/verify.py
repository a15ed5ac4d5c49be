"""The public routes anyone may use without signing in: ``/.well-known/jwks.json`` (the keys
that verify certificates, RFC 7517) and ``/verify`` (paste a certificate's code, upload its PDF,
or follow ``/verify?token=...`` from a scanned QR code; the answer reads valid, revoked,
expired or not genuine, with the certificate's details).

Both read only public data through the store's services (:func:`published_jwks`,
:func:`verify_certificate`), in a worker thread.  The page is rendered by a sandboxed,
autoescaping Jinja environment; it has no script, and its one inline style block is allowed by
the app's Content-Security-Policy.  Nothing pasted or uploaded is kept.
"""

from __future__ import annotations

import functools
from pathlib import Path

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.formparsers import MultiPartException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from seal_engine import get_setting
from seal_engine.store import published_jwks, verify_certificate

from .session import app_store

__all__ = ["JWKS_PATH", "MAX_UPLOAD", "VERIFY_PATH", "public_routes"]

JWKS_PATH = "/.well-known/jwks.json"
VERIFY_PATH = "/verify"
#: Largest PDF the page reads (a certificate's is some 40 kB) and longest pasted code.
MAX_UPLOAD = 2_000_000
MAX_TOKEN = 20_000



def _(message: str) -> str:
    """Marks a message for the app's catalogue (``python -m seal_engine.app._pot`` finds it);
    the page translates it when it is rendered, in the reader's language."""
    return message


#: The answer's headline and explanation for each status.
HEADLINES = {
    "valid": (_("Valid"), _("This certificate is genuine: the programme issued it, it has not "
                            "been revoked and it has not expired.")),
    "revoked": (_("Revoked"), _("The programme issued this certificate but has since revoked "
                                "it: it no longer certifies the institution.")),
    "expired": (_("Expired"), _("The programme issued this certificate, but its validity has "
                                "ended.")),
    "not_genuine": (_("Not genuine"), _("This certificate was changed after it was signed, or "
                                        "the programme never issued it.")),
    "unknown_key": (_("Not genuine"), _("This certificate is signed with a key the programme "
                                        "has never used.")),
    "malformed": (_("Not a certificate"), _("What was given is not a certificate's code or "
                                            "PDF.")),
}
#: Every other text of the page, by its name in the template.
WORDS = {
    "title": _("Verify a certificate"),
    "institution": _("Institution"),
    "country": _("Country"),
    "level": _("Level"),
    "standard": _("Standard"),
    "version": _("version {version}"),
    "score": _("Score"),
    "issued_on": _("Issued on"),
    "valid_until": _("Valid until"),
    "no_expiry": _("no expiry date"),
    "revoked_on": _("Revoked on"),
    "certificate": _("Certificate"),
    "issuer": _("Issuer"),
    "audit_entry": _("Audit entry"),
    "audit_no": _("no. {number}"),
    "signing_key": _("Signing key"),
    "paste": _("Paste the certificate's code"),
    "paste_hint": _("The text a QR-code reader shows when it scans the certificate."),
    "paste_label": _("The certificate's signed code"),
    "upload": _("or upload the certificate's PDF"),
    "verify": _("Verify"),
    "keys": _("Each certificate is signed by the programme (Ed25519). Its public keys are "
              "published at {keys}, so the code can also be checked offline with any JOSE "
              "library, or with {command}. Nothing you paste or upload here is kept."),
    "sign_in": _("Sign in to the app"),
    "language": _("Language"),
}
_SCORE = _("{score} ({points} of {max_points}, share of applicable benchmarks met)")
_NO_STORE = {"Cache-Control": "no-store"}


@functools.cache
def _template():
    from jinja2 import FileSystemLoader, StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    env = SandboxedEnvironment(loader=FileSystemLoader(Path(__file__).parent / "templates"),
                               autoescape=True, undefined=StrictUndefined)
    return env.get_template("verify.html")


def _language(request: Request) -> str:
    """The page's language: ``?lang=`` when the app has it, else the browser's first language
    the app has, else English."""
    from .i18n import browser_language, languages

    asked = request.query_params.get("lang", "")
    if asked in languages():
        return asked
    return browser_language(request.headers.get("Accept-Language", "")) or "en"


def _page(lang: str, result=None, token: str = "", status_code: int = 200) -> HTMLResponse:
    from markupsafe import Markup, escape

    from seal_engine.i18n import format_date, format_percent

    from .i18n import _translations, languages

    tr = _translations(lang).gettext
    words = {key: tr(text) for key, text in WORDS.items()}
    c = result.certificate if result is not None else None
    headline, explanation = ((tr(HEADLINES[result.status][0]), tr(HEADLINES[result.status][1]))
                             if result is not None else ("", ""))
    details = {}
    if c is not None:
        level, standard = _titles(c, lang)
        details = {
            "level": level, "standard": standard,
            "version": words["version"].format(version=c.standard_version),
            "score": (tr(_SCORE).format(score=format_percent(c.score, lang=lang),
                                        points=_points(c.points, lang),
                                        max_points=_points(c.max_points, lang))
                      if c.basis == "benchmarks_met" else format_percent(c.score, lang=lang)),
            "issued_on": format_date(c.issued_on, lang),
            "valid_until": (format_date(c.valid_until, lang) if c.valid_until
                            else words["no_expiry"]),
            "revoked_on": format_date(c.revoked_on, lang) if c.revoked_on else "",
            "audit": words["audit_no"].format(number=c.audit_seq),
        }
    keys = Markup(escape(words["keys"])).format(
        keys=Markup('<a href="{0}">{0}</a>').format(JWKS_PATH),
        command=Markup('<span class="mono">seal certificates verify</span>'))
    html = _template().render(
        lang=lang, languages=languages(), issuer=get_setting("SEAL_ISSUER").strip()
        or "UNDP Gender Equality Seal", result=result, c=c, d=details, t=words, keys=keys,
        headline=headline, explanation=explanation, token=token,
        verify_path=f"{VERIFY_PATH}?lang={lang}")
    return HTMLResponse(html, status_code=status_code,
                        headers={**_NO_STORE, "Content-Language": lang})


def _points(value: float, lang: str) -> str:
    from seal_engine.i18n import format_number

    return format_number(value, 0 if float(value).is_integer() else 1, lang)


def _titles(c, lang: str) -> tuple[str, str]:
    """The level's and the standard's titles in ``lang`` when the store holds the standard's
    translation, else the signed ones."""
    from seal_engine.store import certificate_titles

    try:
        return certificate_titles(app_store(), c, lang)
    except Exception:  # noqa: BLE001 - the signed titles are always right to show
        return c.level_title, c.standard_title


def _verify(value: str | bytes):
    return verify_certificate(app_store(), value)


async def verify_page(request: Request) -> Response:
    """GET: the form (``?token=``: the answer too); POST: the answer for a pasted code or an
    uploaded PDF.  In the reader's language (``?lang=``, else the browser's)."""
    lang = _language(request)
    if request.method == "GET":
        token = request.query_params.get("token", "")[:MAX_TOKEN].strip()
        if not token:
            return _page(lang)
        return _page(lang, await run_in_threadpool(_verify, token), token)
    try:
        form = await request.form(max_files=1, max_fields=4, max_part_size=MAX_TOKEN * 2)
    except (HTTPException, MultiPartException, ValueError):  # not a form, or too much of one
        return _page(lang, None, status_code=400)
    token = str(form.get("token") or "")[:MAX_TOKEN].strip()
    upload = form.get("file")
    data = b""
    if upload is not None and not isinstance(upload, str):
        data = await upload.read(MAX_UPLOAD + 1)
        await upload.close()
    await form.close()
    if len(data) > MAX_UPLOAD:
        return _page(lang, None, status_code=413)
    if data:
        return _page(lang, await run_in_threadpool(_verify, data), "")
    if token:
        return _page(lang, await run_in_threadpool(_verify, token), token)
    return _page(lang)


async def jwks(request: Request) -> Response:
    """The public keys that verify certificates, as a JWKS."""
    keys = await run_in_threadpool(lambda: published_jwks(app_store()))
    return JSONResponse(keys, headers={"Cache-Control": "public, max-age=300",
                                       "Access-Control-Allow-Origin": "*"})


def public_routes() -> list[Route]:
    """The routes that need no sign-in."""
    return [Route(JWKS_PATH, jwks, methods=["GET"]),
            Route(VERIFY_PATH, verify_page, methods=["GET", "POST"])]

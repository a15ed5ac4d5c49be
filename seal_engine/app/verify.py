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

HEADLINES = {
    "valid": ("Valid", "This certificate is genuine: the programme issued it, it has not been "
                       "revoked and it has not expired."),
    "revoked": ("Revoked", "The programme issued this certificate but has since revoked it: "
                           "it no longer certifies the institution."),
    "expired": ("Expired", "The programme issued this certificate, but its validity has "
                           "ended."),
    "not_genuine": ("Not genuine", "This certificate was changed after it was signed, or the "
                                   "programme never issued it."),
    "unknown_key": ("Not genuine", "This certificate is signed with a key the programme has "
                                   "never used."),
    "malformed": ("Not a certificate", "What was given is not a certificate's code or PDF."),
}
_NO_STORE = {"Cache-Control": "no-store"}


@functools.cache
def _template():
    from jinja2 import FileSystemLoader, StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    env = SandboxedEnvironment(loader=FileSystemLoader(Path(__file__).parent / "templates"),
                               autoescape=True, undefined=StrictUndefined)
    return env.get_template("verify.html")


def _page(result=None, token: str = "", status_code: int = 200) -> HTMLResponse:
    c = result.certificate if result is not None else None
    headline, explanation = HEADLINES[result.status] if result is not None else ("", "")
    score = (f"{c.score:.1f} % ({c.points:g} of {c.max_points:g}, "
             f"{'share of applicable benchmarks met' if c.basis == 'benchmarks_met' else c.basis})"
             if c is not None else "")
    html = _template().render(
        issuer=get_setting("SEAL_ISSUER").strip() or "UNDP Gender Equality Seal",
        result=result, c=c, headline=headline, explanation=explanation, score=score,
        token=token, verify_path=VERIFY_PATH, jwks_path=JWKS_PATH)
    return HTMLResponse(html, status_code=status_code, headers=_NO_STORE)


def _verify(value: str | bytes):
    return verify_certificate(app_store(), value)


async def verify_page(request: Request) -> Response:
    """GET: the form (``?token=``: the answer too); POST: the answer for a pasted code or an
    uploaded PDF."""
    if request.method == "GET":
        token = request.query_params.get("token", "")[:MAX_TOKEN].strip()
        if not token:
            return _page()
        return _page(await run_in_threadpool(_verify, token), token)
    try:
        form = await request.form(max_files=1, max_fields=4, max_part_size=MAX_TOKEN * 2)
    except (HTTPException, MultiPartException, ValueError):  # not a form, or too much of one
        return _page(None, status_code=400)
    token = str(form.get("token") or "")[:MAX_TOKEN].strip()
    upload = form.get("file")
    data = b""
    if upload is not None and not isinstance(upload, str):
        data = await upload.read(MAX_UPLOAD + 1)
        await upload.close()
    await form.close()
    if len(data) > MAX_UPLOAD:
        return _page(None, status_code=413)
    if data:
        return _page(await run_in_threadpool(_verify, data), "")
    if token:
        return _page(await run_in_threadpool(_verify, token), token)
    return _page()


async def jwks(request: Request) -> Response:
    """The public keys that verify certificates, as a JWKS."""
    keys = await run_in_threadpool(lambda: published_jwks(app_store()))
    return JSONResponse(keys, headers={"Cache-Control": "public, max-age=300",
                                       "Access-Control-Allow-Origin": "*"})


def public_routes() -> list[Route]:
    """The routes that need no sign-in."""
    return [Route(JWKS_PATH, jwks, methods=["GET"]),
            Route(VERIFY_PATH, verify_page, methods=["GET", "POST"])]

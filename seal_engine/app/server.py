"""What the app adds to Streamlit's server: the sign-in route, the security headers of every
response, and an error handler that keeps tracebacks from users.

A Streamlit script cannot set an HttpOnly cookie, so the sign-in form (on the sign-in page, a
plain HTML form) posts to ``/seal/signin`` here.  The password is checked by the store
(argon2id, :func:`seal_engine.store.start_session`) in a worker thread, so that the server
keeps answering every other request while hashes are computed; on success a session starts
and its token goes into the ``seal_session`` cookie, HttpOnly (no script can read it),
SameSite=Strict (no other site's page sends it), Secure over HTTPS, lasting as long as the
session; the browser is sent back to the app, whose script finds the user from the cookie.  On
failure it is sent back to the sign-in page with ``?signin=failed``, which says so without
saying whether the address or the password was wrong (and takes as long either way); the
address typed is kept for the form in a short-lived HttpOnly cookie, never in the URL.

The route accepts only posts from the app's own pages (the ``Origin`` header, else
``Referer``, must be this host), so another site cannot sign a visitor in or out.  Attempts
are throttled by the store, in the database (so across servers), per account and per client
address (``?signin=throttled&wait=MINUTES``): see :mod:`seal_engine.store._throttle`.  The
client address is the connection's; behind a reverse proxy, uvicorn takes it from
``X-Forwarded-For`` when the proxy is one of ``FORWARDED_ALLOW_IPS`` (by default 127.0.0.1).

:class:`SecurityHeaders` sets on every response a Content-Security-Policy allowing this
server's own scripts (and the one inline script of Streamlit's page, by its hash), styles,
fonts and images only, never framed by another site; ``X-Frame-Options``,
``Referrer-Policy``, ``X-Content-Type-Options``, and HSTS when the request came over HTTPS.
"""

from __future__ import annotations

import base64
import contextlib
import functools
import hashlib
import json
import math
import re
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import MutableHeaders
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from seal_engine import get_setting
from seal_engine.store import SignInThrottledError, StoreError, start_session

from .session import COOKIE, app_store

__all__ = ["PRELOAD_JS", "PRELOADED", "SIGNIN_PATH", "TYPED_COOKIE", "UNSAVED_JS",
           "SecurityHeaders", "app_options", "content_security_policy", "preloaded_chunks",
           "routes", "safe_next", "warm_up"]

SIGNIN_PATH = "/seal/signin"
#: HSTS over HTTPS: a year (``includeSubDomains`` and ``preload`` are the operator's decisions
#: for the whole domain, made at the reverse proxy).
HSTS = "max-age=31536000"


def safe_next(value: str | None) -> str:
    """Where to go after signing in: a path of this app, never another site."""
    if not value or not value.startswith("/") or value.startswith("//") or "\\" in value:
        return "/"
    parts = urlsplit(value)
    if parts.scheme or parts.netloc:
        return "/"
    return value


def _same_origin(request: Request) -> bool:
    origin = request.headers.get("origin") or request.headers.get("referer")
    if not origin:
        return False
    host = request.headers.get("host", "")
    return urlsplit(origin).netloc == host


#: The address typed on a refused sign-in, kept for the form in a short-lived HttpOnly cookie
#: (never in the page's address, where history, proxies and logs would keep it).
TYPED_COOKIE = "seal_signin_typed"
TYPED_SECONDS = 600


def _back(reason: str, email: str = "", target: str = "/", wait: int | None = None,
          missing: str | None = None, secure: bool = False) -> RedirectResponse:
    """Back to the sign-in page saying why (``missing``: ``email``, ``password`` or
    ``both``), with the page asked for; the address typed goes into a cookie only the server
    reads, never into the URL, and the password is never kept."""
    query = {"signin": reason}
    if wait is not None:
        query["wait"] = str(wait)
    if missing:
        query["missing"] = missing
    if target != "/":
        query["next"] = target
    response = RedirectResponse(f"/?{urlencode(query)}", status_code=303)
    if email:
        response.set_cookie(TYPED_COOKIE, email, max_age=TYPED_SECONDS, path="/",
                            httponly=True, samesite="strict", secure=secure)
    else:
        response.delete_cookie(TYPED_COOKIE, path="/")
    return response


def _client(request: Request) -> str | None:
    return request.client.host if request.client else None


async def signin(request: Request) -> Response:
    if not _same_origin(request):
        return PlainTextResponse("Sign in from the app's own sign-in page.", status_code=403)
    form = await request.form()
    email = str(form.get("email") or "").strip().lower()[:320]
    password = str(form.get("password") or "")[:1024]
    target = safe_next(str(form.get("next") or ""))
    secure = request.url.scheme == "https"
    if not email or not password:
        missing = "both" if not email and not password else ("email" if not email
                                                              else "password")
        return _back("missing", email, target, missing=missing, secure=secure)
    try:
        # argon2 takes a good fraction of a second of CPU: never on the event loop
        token, _actor = await run_in_threadpool(_start, email, password, _client(request))
    except SignInThrottledError as e:
        return _back("throttled", email, target, wait=max(1, math.ceil(e.retry_after / 60)),
                     secure=secure)
    except StoreError:
        return _back("failed", email, target, secure=secure)
    response = RedirectResponse(target, status_code=303)
    response.delete_cookie(TYPED_COOKIE, path="/")
    response.set_cookie(COOKIE, token, max_age=int(float(get_setting("SEAL_SESSION_HOURS"))
                                                       * 3600),
                        path="/", httponly=True, samesite="strict",
                        secure=request.url.scheme == "https")
    return response


def _start(email: str, password: str, client: str | None):
    return start_session(app_store(), email, password, client=client)


#: The script warning before a page with unsent typing is left (see ``static/unsaved.js``).
UNSAVED_JS = "/seal/unsaved.js"


async def unsaved_js(request: Request) -> Response:
    text = (Path(__file__).parent / "static" / "unsaved.js").read_text("utf-8")
    return Response(text, media_type="text/javascript",
                    headers={"Cache-Control": "public, max-age=3600"})


#: The script loading, while the browser is idle, the code Streamlit loads only when a page
#: first shows a chart, a grid or a table (see ``static/preload.js``).
PRELOAD_JS = "/seal/preload.js"
#: Streamlit's lazily loaded parts the pages show, in the order they are loaded: the charts
#: (Vega's embed comes with them: 0.3 s of the first chart's click), the grids, the tables,
#: the figures, then the widgets of the results, portfolio and administration pages.
PRELOADED = ("ArrowVegaLiteChart", "DataFrame", "Table", "Metric", "ButtonGroup",
             "DownloadButton", "Selectbox", "Multiselect", "NumberInput", "TextInput",
             "Checkbox")


@functools.cache
def preloaded_chunks() -> tuple[str, ...]:
    """The file names of :data:`PRELOADED` in the installed Streamlit's build (``static/js``):
    read from the lazy imports of its entry script, so that they follow its version; a part
    the build no longer has is left out (the page then loads it when shown, as without this)."""
    try:
        import streamlit

        js = Path(streamlit.__file__).parent / "static" / "static" / "js"
        page = (js.parent.parent / "index.html").read_text("utf-8")
        entry = re.search(r'<script type="module"[^>]*src="\./static/js/([\w.-]+\.js)"', page)
        text = (js / entry.group(1)).read_text("utf-8") if entry else ""
    except (ImportError, OSError):
        return ()
    found: dict[str, str] = {}
    for file, name in re.findall(r"import\(`\./(([A-Za-z]\w*)\.[\w-]+\.js)`\)", text):
        if (js / file).is_file():
            found.setdefault(name, file)
    return tuple(found[name] for name in PRELOADED if name in found)


@functools.cache
def _preload_text() -> str:
    """``static/preload.js`` with the installed Streamlit's chunk names, made once."""
    text = (Path(__file__).parent / "static" / "preload.js").read_text("utf-8")
    return text.replace("/* CHUNKS */ []", json.dumps(list(preloaded_chunks())))


async def preload_js(request: Request) -> Response:
    return Response(_preload_text(), media_type="text/javascript",
                    headers={"Cache-Control": "public, max-age=3600"})


def routes() -> list[Route]:
    """The routes to give ``st.App``: sign-in, the unsaved-typing guard's script, the
    preloading script, the public ones (:mod:`.verify`) and the JSON API
    (:mod:`seal_engine.api`, ``/api/v1/...``, with tokens instead of the session cookie)."""
    from seal_engine import api_routes

    from .verify import public_routes

    return [Route(SIGNIN_PATH, signin, methods=["POST"]), Route(UNSAVED_JS, unsaved_js),
            Route(PRELOAD_JS, preload_js), *public_routes(), *api_routes(app_store)]


def _on_script_error(exc: Exception) -> bool:
    """Anything a page did not catch: logged for the operator, and for the user a message
    saying what to do instead of a traceback."""
    import logging

    import streamlit as st

    from .i18n import _

    logging.getLogger("seal_engine.app").error("page failed", exc_info=exc)
    st.error(_("Something went wrong on this page. Your saved work is safe. Reload the page; "
               "if this happens again, tell your administrator what you were doing."))
    return True


@functools.cache
def _inline_script_hashes() -> tuple[str, ...]:
    """The CSP hashes of the inline scripts of Streamlit's own page (one sets
    ``window.prerenderReady``), read from the installed Streamlit so they follow its version."""
    try:
        import streamlit

        page = (Path(streamlit.__file__).parent / "static" / "index.html").read_text("utf-8")
    except (ImportError, OSError):
        return ()
    scripts = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", page, re.S)
    return tuple("'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()
                 + "'" for text in scripts)


def content_security_policy() -> str:
    """The app's Content-Security-Policy: everything from this server only (no outside host
    at all), Streamlit's inline styles allowed (its components set ``style`` attributes), its
    one inline script by hash, never framed by another site, forms posting here only."""
    scripts = " ".join(("'self'", *_inline_script_hashes()))
    return "; ".join((
        "default-src 'self'",
        f"script-src {scripts}",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "media-src 'self' data: blob:",
        "connect-src 'self'",
        "worker-src 'self' blob:",
        "frame-src 'self' blob: data:",
        "frame-ancestors 'self'",
        "form-action 'self'",
        "base-uri 'self'",
        "object-src 'none'",
    ))


class SecurityHeaders:
    """ASGI middleware: the security headers on every HTTP response of the server (pages,
    Streamlit's scripts and files, the sign-in route), HSTS only when the request came over
    HTTPS (directly, or from a trusted proxy that said so in ``X-Forwarded-Proto``)."""

    def __init__(self, app):
        self.app = app
        self.csp = content_security_policy()

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        https = scope.get("scheme") == "https"

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers.setdefault("Content-Security-Policy", self.csp)
                headers.setdefault("X-Frame-Options", "SAMEORIGIN")
                headers.setdefault("Referrer-Policy", "same-origin")
                headers.setdefault("X-Content-Type-Options", "nosniff")
                if https:
                    headers.setdefault("Strict-Transport-Security", HSTS)
            await send(message)

        await self.app(scope, receive, send_with_headers)


def warm_up() -> list[str]:
    """What the first visit of each page would otherwise wait for, done once as the server
    starts: the modules every page imports (pandas among them: 0.3-0.7 s) and each standard
    of the database read, parsed and compiled into the store's cache (0.6 s each).  Best
    effort: a database that cannot be opened yet is the pages' to report, in the reader's
    words.  Returns the modules imported (for the tests)."""
    import importlib
    import logging
    import pkgutil

    from seal_engine.store import get_standard, list_stored_standards

    from . import views

    names = [f"{views.__name__}.{m.name}" for m in pkgutil.iter_modules(views.__path__)]
    for name in names:
        importlib.import_module(name)
    _preload_text()  # reads Streamlit's entry script: not on the event loop of a request
    try:
        store = app_store()
        for s in list_stored_standards(store):
            get_standard(store, s.id, s.version)
    except Exception:  # noqa: BLE001 - the page opening the store says what is wrong
        logging.getLogger(__name__).warning("warming up: the standards were not read",
                                            exc_info=True)
    return names


@contextlib.asynccontextmanager
async def _lifespan(_app):
    await run_in_threadpool(warm_up)
    yield None


def app_options() -> dict:
    """The keyword arguments of ``st.App`` for this app."""
    return {"routes": routes(), "middleware": [Middleware(SecurityHeaders)],
            "on_script_error": _on_script_error, "lifespan": _lifespan}

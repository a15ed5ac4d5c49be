"""What the app adds to Streamlit's server: the sign-in route, and an error handler that keeps
tracebacks from users.

A Streamlit script cannot set an HttpOnly cookie, so the sign-in form (on the sign-in page, a
plain HTML form) posts to ``/seal/signin`` here.  The password is checked by the store
(argon2id); on success a session starts and its token goes into the ``seal_session`` cookie,
HttpOnly (no script can read it), SameSite=Strict (no other site's page sends it), Secure over
HTTPS, lasting as long as the session; the browser is sent back to the app, whose script finds
the user from the cookie.  On failure it is sent back to the sign-in page with
``?signin=failed``, which says so without saying whether the address or the password was wrong.

The route accepts only posts from the app's own pages (the ``Origin`` header, else
``Referer``, must be this host), so another site cannot sign a visitor in or out.  After five
failed attempts for one address in 15 minutes, that address is refused for 15 minutes
(``?signin=throttled``), which slows password guessing beyond argon2's own cost.
"""

from __future__ import annotations

import threading
import time
from urllib.parse import urlencode, urlsplit

from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from seal_engine import get_setting
from seal_engine.store import StoreError, start_session

from .session import COOKIE, app_store

__all__ = ["MAX_FAILURES", "SIGNIN_PATH", "app_options", "reset_throttle", "routes",
           "safe_next"]

SIGNIN_PATH = "/seal/signin"
MAX_FAILURES = 5
_WINDOW = 15 * 60
_FAILURES: dict[str, list[float]] = {}
_LOCK = threading.Lock()


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


def _throttled(email: str, now: float) -> bool:
    with _LOCK:
        recent = [t for t in _FAILURES.get(email, []) if now - t < _WINDOW]
        _FAILURES[email] = recent
        return len(recent) >= MAX_FAILURES


def _failed(email: str, now: float) -> None:
    with _LOCK:
        _FAILURES.setdefault(email, []).append(now)


def reset_throttle() -> None:
    """Forget failed attempts (tests)."""
    with _LOCK:
        _FAILURES.clear()


def _back(reason: str, email: str = "", target: str = "/") -> RedirectResponse:
    """Back to the sign-in page saying why, keeping the address typed and the page asked for
    (never the password)."""
    query = {"signin": reason}
    if email:
        query["email"] = email
    if target != "/":
        query["next"] = target
    return RedirectResponse(f"/?{urlencode(query)}", status_code=303)


async def signin(request: Request) -> Response:
    if not _same_origin(request):
        return PlainTextResponse("Sign in from the app's own sign-in page.", status_code=403)
    form = await request.form()
    email = str(form.get("email") or "").strip().lower()[:320]
    password = str(form.get("password") or "")[:1024]
    target = safe_next(str(form.get("next") or ""))
    now = time.monotonic()
    if not email or not password:
        return _back("missing", email, target)
    if _throttled(email, now):
        return _back("throttled", email, target)
    try:
        token, _actor = start_session(app_store(), email, password)
    except StoreError:
        _failed(email, now)
        return _back("failed", email, target)
    with _LOCK:
        _FAILURES.pop(email, None)
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(COOKIE, token, max_age=int(float(get_setting("SEAL_SESSION_HOURS"))
                                                       * 3600),
                        path="/", httponly=True, samesite="strict",
                        secure=request.url.scheme == "https")
    return response


def routes() -> list[Route]:
    """The routes to give ``st.App``."""
    return [Route(SIGNIN_PATH, signin, methods=["POST"])]


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


def app_options() -> dict:
    """The keyword arguments of ``st.App`` for this app."""
    return {"routes": routes(), "on_script_error": _on_script_error}

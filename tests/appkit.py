"""What the app's tests share: a fresh copy of the demo database for each test, the app run by
``AppTest`` as a signed-in demo user, and ways to find the pieces of a page."""

from __future__ import annotations

from .conftest import ROOT

MAIN = str(ROOT / "seal_engine" / "app" / "main.py")
ROLES = {"focal_point": "focal@demo.seal", "assessor": "assessor@demo.seal",
         "programme_officer": "programme@demo.seal",
         "analyst": "analyst@demo.seal", "admin": "admin@demo.seal"}
ML24, ML25 = "valdoria-ministry-of-labour-2024", "valdoria-ministry-of-labour-2025"
NSO25 = "valdoria-national-statistics-office-2025"
HPH25 = "highlands-provincial-health-2025"
CAA25 = "valdoria-civil-aviation-authority-2025"
RIVERTON = "riverton-water-agency-2025"


def store():
    from seal_engine.app.session import app_store

    return app_store()


def user_id(role_or_email: str) -> str:
    import seal_engine.store as st

    email = ROLES.get(role_or_email, role_or_email)
    return st.find_user(store(), st.SYSTEM, email).id


def actor(role: str):
    import seal_engine.store as st

    return st.actor_for(store(), user_id(role))


def assessment(code: str):
    import seal_engine.store as st

    return st.find_assessment(store(), st.SYSTEM, code)


def open_app(role: str | None, page: str | None = None, **params: str):
    """The app as ``role`` (None: nobody signed in), on ``page`` (``views/<page>.py``) with the
    query parameters given, after its first run."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(MAIN, default_timeout=60)
    if role is not None:
        at.session_state["_user"] = user_id(role)
    at.run()
    if page is not None:
        at.switch_page(f"views/{page}.py")
    for k, v in params.items():
        at.query_params[k] = v
    if page is not None or params:
        at.run()
    return at


def texts(at) -> str:
    """Every text the page shows, joined (Markdown escapes removed)."""
    parts = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning",
                 "error", "success", "text", "code"):
        parts += [str(e.value) for e in getattr(at, kind)]
    parts += [str(m.label) + " " + str(m.value) for m in at.metric]
    parts += [str(e.label) for e in at.expander]
    return "\n".join(parts).replace("\\", "")


def no_failure(at) -> None:
    """The page ran without an exception reaching the user and without an error message."""
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def button(at, label: str):
    found = [b for b in at.button if b.label == label]
    assert found, f"no button {label!r}: {[b.label for b in at.button]}"
    return found[0]

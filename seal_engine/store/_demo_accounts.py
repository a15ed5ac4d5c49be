"""The demo's accounts and its signing key, apart from :mod:`.demo` so that the certificates'
service can tell a demo database (and sign with the demo key) without importing the demo's
loader (which imports the services).

A demo database is one holding every demo account; the demo's key is a file next to its
SQLite database (or in the data folder for another database), made by ``seal db init --demo``
and ``seal app --demo`` when ``SEAL_SIGNING_KEY`` names none: a key for trying the engine, never
one to trust."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ..settings import data_dir, get_setting
from .engine import Store
from .schema import app_user

__all__ = ["DEMO_COUNTRY", "DEMO_KEY_NAME", "DEMO_USERS", "DemoUser", "demo_accounts_present",
           "demo_key_path", "ensure_demo_key"]

DEMO_COUNTRY = "Republic of Valdoria"
DEMO_KEY_NAME = "seal-demo-signing-key.pem"


@dataclass(frozen=True)
class DemoUser:
    email: str
    password: str
    display_name: str
    role: str
    scope: str | None  # the institution code of a focal point, the country of an analyst


DEMO_USERS = (
    DemoUser("admin@demo.seal", "demo-admin-password", "Ada Admin (demo)", "admin", None),
    DemoUser("focal@demo.seal", "demo-focal-password", "Farah Focal (demo)", "focal_point",
             "VAL-MLSP"),
    DemoUser("assessor@demo.seal", "demo-assessor-password", "Assia Assessor (demo)",
             "assessor", None),
    DemoUser("programme@demo.seal", "demo-programme-password", "Pedro Programme (demo)",
             "programme_officer", None),
    DemoUser("analyst@demo.seal", "demo-analyst-password", "Anil Analyst (demo)", "analyst",
             DEMO_COUNTRY),
)


def demo_accounts_present(conn: Connection) -> bool:
    """True when the database holds every demo account (it is a demo one)."""
    emails = [u.email for u in DEMO_USERS]
    found = conn.execute(sa.select(sa.func.count()).select_from(app_user).where(
        app_user.c.email.in_(emails))).scalar()
    return found == len(emails)


def demo_key_path(store: Store) -> Path:
    """Where the demo's signing key lives: next to a SQLite demo database, else in the data
    folder."""
    url = sa.engine.make_url(store.url)
    database = url.database or ""
    if (url.get_backend_name() == "sqlite" and database and database != ":memory:"
            and not database.startswith("file:")):
        return Path(database).expanduser().resolve().parent / DEMO_KEY_NAME
    return data_dir() / DEMO_KEY_NAME


def ensure_demo_key(store: Store) -> Path | None:
    """Create the demo's signing key (mode 0600) unless ``SEAL_SIGNING_KEY`` names one or it
    exists already; return its path, or None when ``SEAL_SIGNING_KEY`` is set."""
    from ..signing import generate_private_key

    if get_setting("SEAL_SIGNING_KEY").strip():
        return None
    path = demo_key_path(store)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as f:
            f.write(generate_private_key())
    return path

"""Settings read from the environment.  Every setting is listed in ``SETTINGS`` and documented
in ``docs/settings.md`` (a test checks both)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

__all__ = ["SETTINGS", "Setting", "cache_dir", "data_dir", "get_setting", "standards_search_path"]


@dataclass(frozen=True)
class Setting:
    name: str
    default: str
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "SEAL_STANDARDS_PATH",
        "",
        "Extra folders searched for standards by id and version, separated by the OS path "
        "separator (':' on Linux and macOS). Searched before the bundled standards.",
    ),
    Setting(
        "SEAL_MAX_FILE_BYTES",
        "5000000",
        "Largest standard or assessment file (YAML or JSON) the loader will read, in bytes.",
    ),
    Setting(
        "SEAL_MAX_DATA_BYTES",
        "200000000",
        "Largest workforce data file (CSV or XLSX) the importer will read, in bytes.",
    ),
    Setting(
        "SEAL_MAX_DATA_ROWS",
        "2000000",
        "Most rows a workforce data file (CSV or XLSX) may have, comments included.",
    ),
    Setting(
        "SEAL_MAX_YAML_NODES",
        "200000",
        "Most YAML nodes one file may expand to (aliases included); protects against alias bombs.",
    ),
    Setting(
        "SEAL_WORKFORCE_PATH",
        "",
        "Extra folders, separated by the OS path separator, where the workforce file an "
        "assessment names may be; by default only the assessment's own folder (and below).",
    ),
    Setting(
        "SEAL_DATA_DIR",
        "",
        "Folder of the default SQLite database (seal.db); default $XDG_DATA_HOME/seal-engine, "
        "or ~/.local/share/seal-engine when XDG_DATA_HOME is unset. Created on first use.",
    ),
    Setting(
        "SEAL_CACHE_DIR",
        "",
        "Folder of the compiled-standard cache (standards read once, kept by the hash of their "
        "files; the headers of the standards on the search path, by their content); default "
        "$XDG_CACHE_HOME/seal-engine, or ~/.cache/seal-engine when "
        "XDG_CACHE_HOME is unset. 'off' disables the cache.",
    ),
    Setting(
        "SEAL_DATABASE_URL",
        "",
        "SQLAlchemy URL of the database, e.g. postgresql+psycopg://user:password@host/seal; "
        "default: the SQLite file seal.db in SEAL_DATA_DIR.",
    ),
    Setting(
        "SEAL_DB_BUSY_TIMEOUT",
        "30",
        "Seconds a writer waits for another writer to finish before giving up (SQLite).",
    ),
    Setting(
        "SEAL_MAX_EVIDENCE_BYTES",
        "25000000",
        "Largest evidence file the store accepts, in bytes.",
    ),
    Setting(
        "SEAL_EVIDENCE_TYPES",
        "pdf,png,jpg,jpeg,txt,csv,docx,xlsx,pptx,odt,ods,odp",
        "File types accepted as evidence, by suffix, separated by commas; the media type "
        "stored is the one this suffix stands for, never the one a browser claims.",
    ),
    Setting(
        "SEAL_PASSWORD_PROFILE",
        "RFC_9106_LOW_MEMORY",
        "Argon2id parameters for new password hashes: an argon2-cffi profile name. "
        "CHEAPEST is for tests only; hashes made with other parameters are upgraded at the "
        "next sign-in.",
    ),
    Setting(
        "SEAL_SESSION_HOURS",
        "12",
        "Hours a sign-in to the app lasts before the user signs in again (the session cookie "
        "and its row in the database expire together).",
    ),
    Setting(
        "SEAL_APP_DEMO",
        "no",
        "Whether the app runs in demo mode (seal app --demo sets it): its sign-in page then "
        "lists the demo accounts and their public passwords, if the database is a demo one. "
        "The demo itself is created only by seal db init --demo or seal app --demo.",
    ),
    Setting(
        "SEAL_SIGNING_KEY",
        "",
        "Path of the PEM file of the programme's Ed25519 private key, which signs certificates "
        "(create one with seal keys generate -o FILE; keep it out of the database and its "
        "backups). Certification is refused while it is unset. Demo mode uses a demo key kept "
        "next to the demo database.",
    ),
    Setting(
        "SEAL_ISSUER",
        "UNDP Gender Equality Seal for Public Institutions",
        "The issuer named in every certificate (its iss claim) and on its PDF: the programme "
        "that makes the award.",
    ),
    Setting(
        "SEAL_PUBLIC_URL",
        "",
        "The address where the app is reachable by outsiders, e.g. https://seal.example.org; "
        "certificates then say to verify them at its /verify page. Unset: the certificate "
        "says to verify it on the programme's /verify page or with seal certificates verify.",
    ),
    Setting(
        "SEAL_LANG",
        "",
        "The language the command line prints results, problems and messages in (en, es, fr, "
        "pt); --lang overrides it. Unset: the locale's (LC_ALL, LC_MESSAGES, LANG), else "
        "English.",
    ),
    Setting(
        "SEAL_API_RATE",
        "120",
        "Requests one API token may make per minute (seal tokens); more are refused with 429 "
        "and Retry-After.",
    ),
    Setting(
        "SEAL_SMTP_HOST",
        "",
        "The mail server seal notify sends e-mail notices through; unset: seal notify refuses "
        "to send and says so.",
    ),
    Setting("SEAL_SMTP_PORT", "587", "The mail server's port (587 with STARTTLS, 465 with TLS)."),
    Setting(
        "SEAL_SMTP_SECURITY",
        "starttls",
        "How the connection to the mail server is protected: starttls, tls, or none (only for "
        "a server on this machine or a trusted network).",
    ),
    Setting("SEAL_SMTP_USER", "", "The user name to sign in to the mail server; empty: none."),
    Setting(
        "SEAL_SMTP_PASSWORD",
        "",
        "The password of SEAL_SMTP_USER (set it in the environment of the cron job, never on a "
        "command line).",
    ),
    Setting(
        "SEAL_SMTP_FROM",
        "",
        "The sender address of notices, e.g. 'Gender Equality Seal <seal@example.org>'; "
        "required to send.",
    ),
    Setting(
        "SEAL_TEST_POSTGRES_URL",
        "",
        "Tests only: a PostgreSQL database the test suite may empty and use "
        "(postgresql+psycopg://...); the PostgreSQL tests are skipped when unset.",
    ),
)

_BY_NAME = {s.name: s for s in SETTINGS}


def get_setting(name: str) -> str:
    """The value of a setting: the environment variable if set, else its default."""
    setting = _BY_NAME[name]
    return os.environ.get(name, setting.default)


def get_int_setting(name: str) -> int:
    value = get_setting(name)
    try:
        return int(value)
    except ValueError:
        from .errors import SealError

        raise SealError(f"setting {name} must be a whole number, got {value!r}") from None


def data_dir() -> Path:
    """The folder of the default database: SEAL_DATA_DIR, else $XDG_DATA_HOME/seal-engine,
    else ~/.local/share/seal-engine."""
    given = get_setting("SEAL_DATA_DIR")
    if given:
        return Path(given).expanduser()
    xdg = os.environ.get("XDG_DATA_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".local" / "share"
    return base / "seal-engine"


def cache_dir() -> Path | None:
    """The folder of the compiled-standard cache: SEAL_CACHE_DIR, else
    $XDG_CACHE_HOME/seal-engine, else ~/.cache/seal-engine; ``None`` when SEAL_CACHE_DIR is
    'off'."""
    given = get_setting("SEAL_CACHE_DIR").strip()
    if given.lower() == "off":
        return None
    if given:
        return Path(given).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".cache"
    return base / "seal-engine"


def standards_search_path() -> list[Path]:
    """Folders searched for standards: SEAL_STANDARDS_PATH first, then the bundled ones."""
    folders = [Path(p) for p in get_setting("SEAL_STANDARDS_PATH").split(os.pathsep) if p]
    folders.extend(bundled_dir("standards"))
    return folders


def bundled_dir(name: str) -> list[Path]:
    """The bundled ``standards`` or ``assessments`` folder, installed or in a source checkout."""
    here = Path(__file__).resolve().parent
    found = []
    for candidate in (here / "_bundled" / name, here.parent / name):
        if candidate.is_dir():
            found.append(candidate)
            break
    return found

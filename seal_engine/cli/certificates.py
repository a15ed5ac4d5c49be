"""Signed certificates on the command line: ``seal certificates`` (list, ``pdf``, ``verify``,
``jwks``, ``revoke``) and ``seal keys generate``.  They work on the database directly, as the
system administrator, except ``verify --jwks FILE``, which needs no database at all."""

from __future__ import annotations

import json
import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from ._app import app, bad, lang, level_titles, t

certificates_app = typer.Typer(
    name="certificates", invoke_without_command=True, help=(
        "List the certificates (soonest expiry first, each with its id and signed token); "
        "write one's PDF, verify one, print the public keys, revoke one.\n\n"
        "Example: seal certificates --expiring 90d"))
keys_app = typer.Typer(name="keys", no_args_is_help=True, help=(
    "The programme's signing key, which signs every certificate.\n\n"
    "Example: seal keys generate -o /secure/place/seal-signing-key.pem"))
app.add_typer(certificates_app)
app.add_typer(keys_app)

_MAX_INPUT = 30_000_000  # a certificate's PDF is some 40 kB; a token about 1.5 kB


class ListFormat(str, Enum):
    table = "table"
    json = "json"


class VerifyFormat(str, Enum):
    text = "text"
    json = "json"


def _st():
    import seal_engine.store as st

    return st


def _open():
    return _st().open_store(create=False)


# ------------------------------------------------------------------------ seal certificates


@certificates_app.callback()
def certificates(
    ctx: typer.Context,
    expiring: Annotated[str | None, typer.Option(
        "--expiring", help="Only certificates expiring within this span from today (90d, "
        "12w, 6m, 1y), expired ones included.")] = None,
    fmt: Annotated[ListFormat, typer.Option(
        "--format", "-f", help="table, or json (every field, the signed token included).")] = (
        ListFormat.table),
) -> None:
    """List the certificates in the database, soonest expiry first, each with its id and its
    signed token (json); or run one of the commands below on one of them.

    Example: seal certificates --expiring 90d
    """
    if ctx.invoked_subcommand is not None:
        return
    import seal_engine as se

    from .db import _span

    st = _st()
    span = _span(expiring) if expiring is not None else None
    with _open() as store:
        today = store.now().date()
        found = st.list_certificates(store, st.SYSTEM, expiring_within=span)
    if fmt is ListFormat.json:
        typer.echo(json.dumps([_as_json(c, today) for c in found], indent=2,
                              ensure_ascii=False))
        return
    rows, titles = [], {}
    for c in found:
        key = (c.standard_id, c.standard_version)
        if key not in titles:  # the level's title in this run's language
            titles[key] = level_titles(*key) or {}
        left = c.days_left(today)
        state = (t("cli.cert.revoked") if c.revoked else "-" if left is None else
                 t("cli.cert.expired") if left < 0 else str(left))
        rows.append((c.id, c.institution_code, c.institution_name,
                     titles[key].get(c.level, c.level),
                     f"{c.standard_id} v{c.standard_version}", c.issued_on.isoformat(),
                     c.valid_until.isoformat() if c.valid_until else "-", state,
                     f"{c.audit_seq} {c.audit_hash[:16]}"))
    if not rows:
        typer.echo(t("cli.cert.none_expiring", span=expiring) if expiring
                   else t("cli.cert.none"))
        return
    typer.echo(se.text_table(tuple(t(f"cli.head.{h}") for h in (
        "id", "institution", "name", "level", "standard", "issued", "valid_until", "days_left",
        "audit_entry")), rows))


def _as_json(c, today) -> dict:
    left = c.days_left(today)
    return {"id": c.id, "assessment": c.assessment_code, "institution": c.institution_code,
            "institution_name": c.institution_name, "country": c.country, "level": c.level,
            "standard": c.standard_id, "standard_version": c.standard_version,
            "issued_on": c.issued_on.isoformat(),
            "valid_until": c.valid_until.isoformat() if c.valid_until else None,
            "days_left": left, "audit_seq": c.audit_seq, "audit_hash": c.audit_hash,
            "kid": c.kid, "token": c.token,
            "revoked_at": c.revoked_at.isoformat() if c.revoked_at else None,
            "revoked_reason": c.revoked_reason}


@certificates_app.command("pdf")
def certificate_pdf(
    certificate_id: Annotated[str, typer.Argument(
        metavar="ID", help="The certificate's id, or the certified assessment's id or code.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="The PDF file to write.")],
    force: Annotated[bool, typer.Option("--force", help="Replace the file if it exists.")] = (
        False),
) -> None:
    """Write a certificate's one-page PDF: its QR code holds the signed token, also attached to
    the file, so that anyone can verify it.  In the programme's language, and also in the run's
    language (--lang, SEAL_LANG) when that is another one.

    Example: seal certificates pdf port-aurel-municipality-2025 -o certificate.pdf
    """
    st = _st()
    if output.exists() and not force:
        raise bad(t("cli.exists_force", path=str(output)), "--output")
    with _open() as store:
        data = st.certificate_pdf_bytes(store, st.SYSTEM, certificate_id, lang())
    output.write_bytes(data)
    typer.echo(t("cli.wrote", path=str(output)))


def _read_input(value: str) -> str | bytes:
    """TOKEN, a file holding a token or a certificate's PDF, or - (standard input)."""
    if value == "-":
        return sys.stdin.buffer.read(_MAX_INPUT)
    path = Path(value)
    try:
        is_file, exists = path.is_file(), path.exists()
    except OSError:  # a token is longer than a file name may be
        return value
    if is_file:
        if path.stat().st_size > _MAX_INPUT:
            raise bad(t("cli.cert.input_too_big", path=value, size=str(path.stat().st_size)),
                      "TOKEN|FILE")
        return path.read_bytes()
    if exists:
        raise bad(t("cli.not_regular", path=value), "TOKEN|FILE")
    return value


@certificates_app.command("verify")
def certificate_verify(
    given: Annotated[str, typer.Argument(
        metavar="TOKEN|FILE", help="The signed token, a certificate's PDF (or a file holding "
        "the token), or - to read either from standard input.")],
    jwks_file: Annotated[Path | None, typer.Option(
        "--jwks", help="Check offline against this JWKS file (the programme's "
        "/.well-known/jwks.json) instead of the database; revocation is then not known.")] = (
        None),
    fmt: Annotated[VerifyFormat, typer.Option("--format", "-f", help="text or json.")] = (
        VerifyFormat.text),
) -> None:
    """Is this certificate genuine and valid?  Exit 0 only when it is; otherwise exit 1 with
    the reason: tampered (not genuine), revoked, expired, unknown key or malformed.

    Example: seal certificates verify certificate.pdf
    """
    value = _read_input(given)
    if jwks_file is not None:
        result = _offline(value, jwks_file)
    else:
        st = _st()
        with _open() as store:
            result = st.verify_certificate(store, value)
    if fmt is VerifyFormat.json:
        typer.echo(json.dumps(result.model_dump(mode="json"), indent=2, ensure_ascii=False))
    else:
        _print(result, offline=jwks_file is not None)
    if result.status != "valid":
        raise typer.Exit(1)


def _offline(value: str | bytes, jwks_file: Path):
    import seal_engine as se

    Verification = se.Verification
    try:
        jwks = json.loads(jwks_file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        raise bad(t("cli.cert.jwks_unreadable", path=str(jwks_file), reason=str(e)),
                  "--jwks") from None
    try:
        token = se.read_certificate_token(value)
        check = se.verify_token(token, jwks)
        details = (se.details_from_claims(check.claims, check.kid)
                   if check.claims is not None else None)
    except se.SignatureError as e:
        return Verification(status="malformed", reason="malformed",
                            message=e.problems[0].message)
    message = check.message
    if check.status == "valid":  # the JSON's message is English, for machines
        message = se.render_message(se.say("cli.cert.offline_valid"))
    return Verification(status=check.status, reason=check.reason, message=message,
                        certificate=details)


def _print(result, offline: bool = False) -> None:
    from seal_engine import num, pct

    said = (t("cli.cert.offline_valid") if offline and result.status == "valid"
            else result.said(lang()))
    typer.echo(t("cli.cert.verdict", status=t(f"cli.cert.status.{result.status}"),
                 message=said))
    c = result.certificate
    if c is None:
        return
    lines = [("institution", f"{c.institution_name} ({c.institution_code}), {c.country}"),
             ("level", c.level_title),
             ("standard", f"{c.standard_title} ({c.standard_id} v{c.standard_version})"),
             ("score", t("cli.cert.score_line", score=pct(c.score, 1), points=num(c.points),
                         max_points=num(c.max_points), basis=c.basis)),
             ("issued_on", c.issued_on.isoformat()),
             ("valid_until", c.valid_until.isoformat() if c.valid_until
              else t("cli.cert.no_expiry")),
             ("certificate", c.id), ("issuer", c.issuer),
             ("audit_entry", f"{c.audit_seq} {c.audit_hash}"), ("key", c.kid or "-")]
    if c.revoked_on:
        lines.append(("revoked_on", t("cli.cert.revoked_line", day=c.revoked_on.isoformat(),
                                      reason=c.revoked_reason)))
    shown = [(t(f"cli.cert.{label}"), value) for label, value in lines]
    width = max(12, *(len(label) for label, _v in shown))
    for label, value in shown:
        typer.echo(f"  {label:<{width}} {value}")


@certificates_app.command("jwks")
def certificate_jwks() -> None:
    """Print the public keys that verify the certificates, as a JWKS (RFC 7517): what the app
    serves at /.well-known/jwks.json.

    Example: seal certificates jwks > jwks.json
    """
    st = _st()
    with _open() as store:
        typer.echo(json.dumps(st.published_jwks(store), indent=2))


@certificates_app.command("revoke")
def certificate_revoke(
    certificate_id: Annotated[str, typer.Argument(
        metavar="ID", help="The certificate's id, or the certified assessment's id or code.")],
    reason: Annotated[str, typer.Option(
        "--reason", help="Why: whoever verifies the certificate reads it.")],
) -> None:
    """Revoke a certificate, with the reason (audited; once): it then verifies as revoked.

    Example: seal certificates revoke 3f2a... --reason 'Withdrew from the programme'
    """
    st = _st()
    with _open() as store:
        c = st.revoke_certificate(store, st.SYSTEM, certificate_id, reason)
    typer.echo(t("cli.cert.did_revoke", id=c.id, institution=c.institution_name,
                 level=c.level, reason=c.revoked_reason))


# -------------------------------------------------------------------------------- seal keys


@keys_app.command("generate")
def keys_generate(
    output: Annotated[Path, typer.Option(
        "--output", "-o", help="The PEM file to create (never replaced; readable by you "
        "only).")],
) -> None:
    """Create the programme's Ed25519 signing key (PEM, PKCS #8), readable by its owner only.
    Keep it outside the database and its backups; set SEAL_SIGNING_KEY to its path.

    Example: seal keys generate -o /secure/place/seal-signing-key.pem
    """
    import seal_engine as se

    if output.exists() or output.is_symlink():
        raise bad(t("cli.keys.exists", path=str(output)), "--output")
    if not output.parent.is_dir():
        raise bad(t("cli.keys.no_folder", path=str(output.parent)), "--output")
    pem = se.generate_private_key()
    fd = os.open(output, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(pem)
    kid = se.private_key_from_pem(pem, str(output)).kid
    typer.echo(t("cli.keys.created", path=str(output), kid=kid))
    typer.echo(t("cli.keys.signed_once"))
    typer.echo(f"  export SEAL_SIGNING_KEY={output.resolve()}")
    typer.echo(t("cli.keys.published"))

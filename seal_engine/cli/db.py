"""Commands on the database: ``seal db``, ``seal audit``, ``seal users``, ``seal institutions``
and ``seal assign`` (``seal certificates`` is in :mod:`.certificates`).  They work on the
database directly, as the system administrator (see docs/store.md); the store is imported only
when one of them runs."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Annotated

import typer

from ._app import app, bad, t

db_app = typer.Typer(name="db", no_args_is_help=True, help=(
    "Create, migrate, fill and export the database (SQLite by default; PostgreSQL with "
    "SEAL_DATABASE_URL).\n\nExample: seal db init --demo"))
audit_app = typer.Typer(name="audit", no_args_is_help=True, help=(
    "Verify the hash-chained audit trail and the business rows it seals, write a checkpoint "
    "of its head (signed with the programme's key), or seal an older database's rows.\n\n"
    "Example: seal audit verify --checkpoint head.json"))
users_app = typer.Typer(name="users", no_args_is_help=True, help=(
    "Add users, list them, grant and revoke roles, set passwords.\n\n"
    "Example: seal users grant ana@example.org focal_point --institution VAL-MLSP"))
inst_app = typer.Typer(name="institutions", no_args_is_help=True, help=(
    "Add and list the institutions in the database.\n\n"
    "Example: seal institutions add VAL-MOH --name 'Ministry of Health' "
    "--country 'Republic of Valdoria' --scope national"))
app.add_typer(db_app)
app.add_typer(audit_app)
app.add_typer(users_app)
app.add_typer(inst_app)


def _st():
    import seal_engine.store as st

    return st


def _open(check: bool = True, create: bool = False):
    """The database; only init, upgrade and import create one that is not there yet."""
    return _st().open_store(check=check, create=create)


# ------------------------------------------------------------------------------ seal db


@db_app.command("status")
def db_status() -> None:
    """Where the database is, its schema revision, what it holds and its audit head.

    Example: seal db status
    """
    st = _st()
    with _open(check=False) as store:
        status = st.schema_status(store)
        typer.echo(t("cli.db.database", url=store.shown_url))
        current = status.current or t("cli.db.no_schema")
        upgrade = not (status.is_current or status.current is None)
        typer.echo(t("cli.db.schema_upgrade" if upgrade else "cli.db.schema", current=current,
                     head=status.head))
        if not status.is_current:
            return
        o = st.store_overview(store, st.SYSTEM)
        from seal_engine import say

        states = ", ".join(t("cli.db.state_count", state=say(f"state.{k}"), n=v)
                           for k, v in sorted(o.assessments.items()))
        typer.echo(t("cli.db.counts_states" if states else "cli.db.counts",
                     institutions=say("cli.n.institution", n=o.institutions),
                     users=say("cli.n.user", n=o.users),
                     standards=say("cli.n.standard", n=o.standards),
                     assessments=say("cli.assessments", n=sum(o.assessments.values())),
                     states=states, certificates=say("cli.n.certificate", n=o.certificates),
                     evidence=say("cli.n.evidence_file", n=o.evidence_files)))
        typer.echo(t("cli.db.audit_head", seq=str(o.audit_seq), hash=o.audit_hash))


@db_app.command("upgrade")
def db_upgrade(
    revision: Annotated[str, typer.Option("--revision", help="Migrate to this revision.")] = (
        "head"),
) -> None:
    """Migrate the database's schema up to the newest (back it up first).

    Example: seal db upgrade
    """
    st = _st()
    with _open(check=False, create=True) as store:
        before = st.schema_status(store).current
        after = st.upgrade(store, revision).current
        typer.echo(t("cli.db.migrated", url=store.shown_url, before=before or t("cli.db.none"),
                     after=after))


@db_app.command("downgrade")
def db_downgrade(
    revision: Annotated[str, typer.Argument(
        help="The revision to go back to; 'base' removes every table and its data.")],
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask for confirmation.")] = False,
) -> None:
    """Migrate the database's schema down to an older revision (back it up first).

    Example: seal db downgrade base --yes
    """
    st = _st()
    with _open(check=False) as store:
        if not yes:
            typer.confirm(t("cli.db.confirm_downgrade", url=store.shown_url, revision=revision),
                          abort=True)
        before = st.schema_status(store).current
        after = st.downgrade(store, revision).current
        typer.echo(t("cli.db.migrated", url=store.shown_url, before=before or t("cli.db.none"),
                     after=after or t("cli.db.none")))


@db_app.command("init")
def db_init(
    demo: Annotated[bool, typer.Option(
        "--demo", help="Load the bundled standards, example institutions and assessments, and "
        "one user per role with the demo passwords.")] = False,
) -> None:
    """Create the database (and, with --demo, fill it with the demo); safe to run again.

    Example: seal db init --demo
    """
    st = _st()
    with _open(check=False, create=True) as store:
        status = st.schema_status(store)
        if status.current is None:
            st.upgrade(store)
            typer.echo(t("cli.db.created", url=store.shown_url, schema=st.head_revision()))
        elif not status.is_current:
            from seal_engine import say

            raise st.SchemaError(say("cli.db.not_current", url=store.shown_url,
                                     schema=status.current))
        else:
            typer.echo(t("cli.db.initialised", url=store.shown_url, schema=status.current))
        if not demo:
            return
        report = st.init_demo(store)
        from seal_engine import say

        typer.echo(t("cli.db.demo_loaded", assessments=say("cli.assessments",
                                                             n=len(report.assessments)),
                     certificates=say("cli.n.certificate", n=len(report.certificates))))
        for code, state in report.assessments.items():
            typer.echo(t("cli.db.demo_state", code=code, state=say(f"state.{state}")))
        typer.echo(t("cli.db.demo_sign_in"))
        for u in report.users:
            typer.echo(t("cli.demo_account_of" if u.scope else "cli.demo_account",
                         role=say(f"role.{u.role}"),
                         scope=u.scope, email=u.email, password=u.password))


@db_app.command("import")
def db_import(
    paths: Annotated[list[Path], typer.Argument(
        metavar="PATH...", help="Assessment files (with the workforce files they name), "
        "standards, or folders holding them.")],
) -> None:
    """Import assessment files as seal score reads them: all of them, or nothing if any is bad.

    Example: seal db import assessments/
    """
    st = _st()
    with _open(create=True) as store:
        report = st.import_assessments(store, st.SYSTEM, paths)
    for w in report.warnings:
        typer.echo(t("cli.warning", problem=w), err=True)
    from seal_engine import say

    typer.echo(t("cli.db.imported", assessments=say("cli.assessments", n=len(report.assessments)),
                 institutions=say("cli.n.new_institution", n=len(report.institutions)),
                 standards=say("cli.n.new_standard", n=len(report.standards))))


@db_app.command("move")
def db_move(
    assessment: Annotated[str, typer.Argument(help="The assessment's id (as in its file).")],
    to_version: Annotated[int, typer.Option("--to-version", min=1, help=(
        "The stored version of its standard to move it to."))],
    apply: Annotated[bool, typer.Option("--apply", help=(
        "Move it; without this, only say what the move would do."))] = False,
    drop: Annotated[bool, typer.Option("--drop", help=(
        "With --apply: move even though answers, claims or evidence that the other version "
        "has no place for are dropped."))] = False,
) -> None:
    """Move a draft (or an assessment sent back for changes) to another stored version of its
    standard; without --apply, only say what would be kept and dropped.

    Example: seal db move valdoria-civil-aviation-authority-2025 --to-version 2 --apply
    """
    st = _st()
    with _open() as store:
        found = st.find_assessment(store, st.SYSTEM, assessment)
        report = st.move_assessment(store, st.SYSTEM, found.id, to_version, found.version,
                                    apply=apply, drop=drop)
    from seal_engine import say

    typer.echo(t("cli.db.moved" if report.applied else "cli.db.would_move",
                 assessment=report.assessment, standard=report.standard,
                 old=report.from_version, new=report.to_version,
                 answers=say("cli.answers", n=report.kept_answers)))
    for d in report.dropped:
        typer.echo(t("cli.db.dropped" if report.applied else "cli.db.would_drop",
                     kind=say(f"store.kind.{d.kind}"), record=d.record, why=d.why))
    if not report.applied:
        typer.echo(t("cli.db.nothing_changed_drop" if report.dropped
                     else "cli.db.nothing_changed"))


@db_app.command("export")
def db_export(
    output: Annotated[Path, typer.Option("--output", "-o", help="Folder to write to (new or "
                                         "empty).")],
    force: Annotated[bool, typer.Option("--force", help="Write into a folder that is not "
                                        "empty.")] = False,
) -> None:
    """Write every stored assessment back as files (YAML, workforce data, evidence, standards).

    Example: seal db export -o exported/
    """
    st = _st()
    with _open() as store:
        written = st.export_assessments(store, st.SYSTEM, output, force=force)
    yamls = sum(1 for p in written if p.suffix == ".yaml" and "standards" not in p.parts)
    from seal_engine import say

    typer.echo(t("cli.db.exported", assessments=say("cli.assessments", n=yamls),
                 files=say("cli.n.file", n=len(written)), output=str(output)))


# ------------------------------------------------------------------------------ seal audit


@audit_app.command("verify")
def audit_verify(
    checkpoint: Annotated[list[Path] | None, typer.Option(
        "--checkpoint", "-c", help="A checkpoint file written by seal audit checkpoint; may be "
        "given more than once. A signed one is used only once its signature holds.")] = None,
    jwks: Annotated[Path | None, typer.Option(
        "--jwks", help="Check signed checkpoints against the public keys in this JWKS file "
        "(as the programme publishes them) instead of those the database keeps.")] = None,
) -> None:
    """Recompute the audit chain and every business row it seals; name every edited, deleted,
    reordered or truncated entry, every row changed, added or deleted behind the engine's back,
    and every forged checkpoint.

    Example: seal audit verify --checkpoint head-2026-06.json --jwks programme-keys.json
    """
    st = _st()
    anchors = [st.read_checkpoint(p) for p in checkpoint or []]
    keys = None
    if jwks is not None:
        try:
            keys = json.loads(jwks.read_text(encoding="utf-8"))
        except (OSError, ValueError) as e:
            raise bad(t("cli.db.jwks_unreadable", path=str(jwks), reason=str(e)),
                      "--jwks") from None
        if not isinstance(keys, dict) or not isinstance(keys.get("keys"), list):
            raise bad(t("cli.db.not_jwks", path=str(jwks)), "--jwks")
    with _open() as store:
        if keys is None and any(a.token for a in anchors):
            keys = st.published_jwks(store)
        report = st.verify_audit(store, anchors, jwks=keys)
    for f in report.findings:
        at = f.table is None and f.seq
        typer.echo(t("cli.db.finding_at" if at else "cli.db.finding", seq=str(f.seq),
                     kind=f.kind, message=f.message), err=True)
    from seal_engine import say

    if not report.ok:
        typer.echo(t("cli.db.audit_fails", problems=say("cli.n.problem",
                                                          n=len(report.findings))), err=True)
        raise typer.Exit(1)
    typer.echo(t("cli.db.audit_ok", entries=say("cli.n.entry", n=report.entries),
                 seq=str(report.head_seq), hash=report.head_hash,
                 rows=say("cli.n.business_row", n=report.rows_checked),
                 anchors=say("cli.n.anchor", n=report.anchors_checked)))


@audit_app.command("checkpoint")
def audit_checkpoint(
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="Write the checkpoint here (keep it outside the database) "
        "instead of printing it.")] = None,
) -> None:
    """Write the audit head as a checkpoint file to keep outside the database, signed with the
    programme's key (SEAL_SIGNING_KEY) when one is set, so that anyone with the programme's
    public keys can check it.

    Example: seal audit checkpoint -o head-2026-06.json
    """
    st = _st()
    with _open() as store:
        key = st.programme_key(store, st.SYSTEM, required=False)  # published as it signs
        text = json.dumps(st.audit_checkpoint(store, key), indent=2) + "\n"
    if output is None:
        typer.echo(text, nl=False)
    else:
        if output.exists():
            raise bad(t("cli.db.checkpoint_exists", path=str(output)), "--output")
        output.write_text(text, encoding="utf-8")
        typer.echo(t("cli.db.wrote_signed", path=str(output), kid=key.kid) if key
                   else t("cli.wrote", path=str(output)))


@audit_app.command("baseline")
def audit_baseline() -> None:
    """Seal, as they are now, the rows written before this database had tamper evidence (once,
    after seal db upgrade; check them first). Rows already sealed keep their seals.

    Example: seal audit baseline
    """
    st = _st()
    with _open() as store:
        records, rows, left = st.seal_baseline(store, st.SYSTEM)
    from seal_engine import say

    typer.echo(t("cli.db.sealed", rows=say("cli.n.row", n=rows),
                 records=say("cli.n.record", n=records)))
    for scope in left:
        typer.echo(t("cli.db.never_written", scope=scope), err=True)


# ------------------------------------------------------------------------------ certificates

_SPAN = re.compile(r"^\s*(\d+)\s*([dwmy]?)\s*$", re.I)


def _span(value: str):
    import datetime as dt

    m = _SPAN.match(value or "")
    if not m:
        raise bad(t("cli.db.bad_span", value=value), "--expiring")
    days = int(m.group(1)) * {"": 1, "d": 1, "w": 7, "m": 30, "y": 365}[m.group(2).lower()]
    return dt.timedelta(days=days)


# ------------------------------------------------------------------------------ users


def _password(stdin: bool) -> str:
    if stdin:
        return sys.stdin.readline().rstrip("\n")
    return typer.prompt(t("cli.password"), hide_input=True, confirmation_prompt=True)


PasswordStdin = Annotated[bool, typer.Option(
    "--password-stdin", help="Read the password from the first line of standard input "
    "(otherwise it is asked for, hidden).")]


@users_app.command("add")
def users_add(
    email: Annotated[str, typer.Argument(help="E-mail address: the sign-in name.")],
    name: Annotated[str, typer.Option("--name", help="Display name.")],
    password_stdin: PasswordStdin = False,
) -> None:
    """Add a user (without a role: grant one next).

    Example: seal users add ana@example.org --name 'Ana Pérez'
    """
    st = _st()
    password = _password(password_stdin)
    with _open() as store:
        user = st.create_user(store, st.SYSTEM, email=email, display_name=name,
                              password=password)
    typer.echo(t("cli.users.added", email=user.email, name=user.display_name))


@users_app.command("list")
def users_list() -> None:
    """List users with their roles.

    Example: seal users list
    """
    import seal_engine as se

    st = _st()
    with _open() as store:
        users = st.list_users(store, st.SYSTEM)
    typer.echo(se.text_table(tuple(t(f"cli.head.{h}") for h in ("email", "name", "active",
                                                                 "roles")), [
        (u.email, u.display_name, t("word.yes" if u.active else "word.no"),
         ", ".join(u.roles) or "-") for u in users]))


def _grant_scope(store, st, role: str, institution: str | None, country: str | None):
    iid = st.get_institution(store, st.SYSTEM, institution).id if institution else None
    return {"institution_id": iid, "country": country}


RoleArg = Annotated[str, typer.Argument(help="focal_point, assessor, analyst or admin.")]
InstOpt = Annotated[str | None, typer.Option("--institution", help="A focal point's "
                                             "institution (its code).")]
CountryOpt = Annotated[str | None, typer.Option("--country", help="An analyst's country.")]


@users_app.command("grant")
def users_grant(email: Annotated[str, typer.Argument(help="The user's e-mail address.")],
                role: RoleArg, institution: InstOpt = None, country: CountryOpt = None) -> None:
    """Give a user a role: focal_point (of an institution), assessor, analyst (of a country) or
    admin.

    Example: seal users grant ana@example.org analyst --country 'Republic of Valdoria'
    """
    st = _st()
    with _open() as store:
        user = st.find_user(store, st.SYSTEM, email)
        user = st.grant_role(store, st.SYSTEM, user.id, role,
                             **_grant_scope(store, st, role, institution, country))
    typer.echo(t("cli.users.roles", email=user.email, roles=", ".join(user.roles)))


@users_app.command("revoke")
def users_revoke(email: Annotated[str, typer.Argument(help="The user's e-mail address.")],
                 role: RoleArg, institution: InstOpt = None, country: CountryOpt = None) -> None:
    """Take a role away from a user.

    Example: seal users revoke ana@example.org focal_point --institution VAL-MLSP
    """
    st = _st()
    with _open() as store:
        user = st.find_user(store, st.SYSTEM, email)
        user = st.revoke_role(store, st.SYSTEM, user.id, role,
                              **_grant_scope(store, st, role, institution, country))
    typer.echo(t("cli.users.roles", email=user.email,
                 roles=", ".join(user.roles) or t("store.no_role")))


@users_app.command("passwd")
def users_passwd(email: Annotated[str, typer.Argument(help="The user's e-mail address.")],
                 password_stdin: PasswordStdin = False) -> None:
    """Set a user's password.

    Example: seal users passwd ana@example.org
    """
    st = _st()
    password = _password(password_stdin)
    with _open() as store:
        user = st.find_user(store, st.SYSTEM, email)
        st.set_password(store, st.SYSTEM, user.id, password)
    typer.echo(t("cli.users.password_set", email=user.email))


@users_app.command("deactivate")
def users_deactivate(email: Annotated[str, typer.Argument(help="The user's e-mail address.")],
                     undo: Annotated[bool, typer.Option("--undo", help="Reactivate.")] = False,
                     ) -> None:
    """Deactivate a user: they can no longer sign in and lose every right at once.

    Example: seal users deactivate ana@example.org
    """
    st = _st()
    with _open() as store:
        user = st.find_user(store, st.SYSTEM, email)
        user = st.set_user_active(store, st.SYSTEM, user.id, undo)
    typer.echo(t("cli.users.active" if user.active else "cli.users.deactivated",
                 email=user.email))


@users_app.command("activate")
def users_activate(email: Annotated[str, typer.Argument(help="The user's e-mail address.")]
                   ) -> None:
    """Reactivate a deactivated user (the same as seal users deactivate --undo).

    Example: seal users activate ana@example.org
    """
    users_deactivate(email, undo=True)


# ------------------------------------------------------------------------------ institutions


@inst_app.command("add")
def institutions_add(
    code: Annotated[str, typer.Argument(help="Its id in assessment files, e.g. VAL-MOH.")],
    name: Annotated[str, typer.Option("--name")],
    country: Annotated[str, typer.Option("--country")],
    scope: Annotated[str, typer.Option("--scope", help="national or subnational.")],
    sector: Annotated[str | None, typer.Option("--sector")] = None,
    region: Annotated[str | None, typer.Option("--region", help="If subnational.")] = None,
    parent: Annotated[str | None, typer.Option("--parent", help="Code of a parent "
                                               "institution.")] = None,
) -> None:
    """Add an institution.

    Example: seal institutions add VAL-MOH --name 'Ministry of Health' --country X --scope national
    """
    st = _st()
    with _open() as store:
        parent_id = st.get_institution(store, st.SYSTEM, parent).id if parent else None
        inst = st.create_institution(store, st.SYSTEM, code=code, name=name, country=country,
                                     scope=scope, sector=sector, region=region,
                                     parent_id=parent_id)
    typer.echo(t("cli.institutions.added", code=inst.code, name=inst.name,
                 country=inst.country, scope=inst.scope))


@inst_app.command("list")
def institutions_list() -> None:
    """List the institutions.

    Example: seal institutions list
    """
    import seal_engine as se

    st = _st()
    with _open() as store:
        found = st.list_institutions(store, st.SYSTEM)
    typer.echo(se.text_table(tuple(t(f"cli.head.{h}") for h in ("code", "name", "country",
                                                                 "scope", "sector")), [
        (i.code, i.name, i.country, i.scope, i.sector or "") for i in found]))


# ------------------------------------------------------------------------------ assign


@app.command()
def assign(
    assessment: Annotated[str, typer.Argument(help="The assessment's id (as in its file).")],
    assessor: Annotated[str, typer.Argument(help="The assessor's e-mail address.")],
    remove: Annotated[bool, typer.Option("--remove", help="Take the assessor off it.")] = False,
) -> None:
    """Assign an assessor to an assessment in the database (or, with --remove, take them off).

    Example: seal assign valdoria-ministry-of-labour-2025 assessor@example.org
    """
    st = _st()
    with _open() as store:
        found = st.find_assessment(store, st.SYSTEM, assessment)
        user = st.find_user(store, st.SYSTEM, assessor)
        if remove:
            st.unassign_assessor(store, st.SYSTEM, found.id, user.id)
            typer.echo(t("cli.assign.removed", email=user.email, code=found.code))
        else:
            st.assign_assessor(store, st.SYSTEM, found.id, user.id)
            from seal_engine import say

            typer.echo(t("cli.assign.added", email=user.email, code=found.code,
                         institution=found.institution_name,
                         state=say(f"state.{found.state}")))

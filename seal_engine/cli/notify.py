"""seal notify: send the e-mail notices that are due."""

from __future__ import annotations

from typing import Annotated

import typer

from ._app import app


@app.command("notify")
def notify(
    dry_run: Annotated[bool, typer.Option("--dry-run", help="List what is due; send "
                                          "nothing.")] = False,
) -> None:
    """Send the e-mail notices that are due (submissions to the assessment team, changes
    requested and award decisions to the institution, certificates expiring in 90 and 30
    days, plan milestones), each once; safe to run from cron, even twice at once. The mail
    server comes from SEAL_SMTP_* (docs/notices.md).

    Example: seal notify --dry-run
    """
    import seal_engine as se
    import seal_engine.store as st

    with st.open_store() as store:
        report = se.send_notices(store, dry_run=dry_run)
    if dry_run:
        for kind, subject, email in report.pending:
            typer.echo(f"due: {kind} {subject} -> {email}")
        typer.echo(f"{report.due} notice{'' if report.due == 1 else 's'} due")
        return
    for kind, subject, email, error in report.failed:
        typer.echo(f"failed: {kind} {subject} -> {email}: {error}", err=True)
    typer.echo(f"sent {len(report.sent)} notice{'' if len(report.sent) == 1 else 's'}"
               + (f", {len(report.failed)} failed (tried again next run)" if report.failed
                  else "")
               + (f", {report.skipped} taken by another run" if report.skipped else ""))
    if report.failed:
        raise typer.Exit(1)

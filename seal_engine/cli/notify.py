"""seal notify: send the e-mail notices that are due."""

from __future__ import annotations

from typing import Annotated

import typer

from ._app import app, t


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
            typer.echo(t("notify.cli.due", kind=kind, subject=subject, email=email))
        typer.echo(t("notify.cli.count_due", n=report.due))
        return
    for kind, subject, email, error in report.failed:
        typer.echo(t("notify.cli.failed", kind=kind, subject=subject, email=email, error=error),
                   err=True)
    said = t("notify.cli.sent", n=len(report.sent))
    if report.failed:
        said = t("notify.cli.sent_failed", sent=said, n=len(report.failed))
    if report.skipped:
        said = t("notify.cli.sent_skipped", sent=said, n=report.skipped)
    typer.echo(said)
    if report.failed:
        raise typer.Exit(1)

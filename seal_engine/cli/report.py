"""``seal report``: the results, review, pay transparency and portfolio reports as files people
print, edit and send (HTML, PDF, and every format of the report renderers' registry), from an
assessment file or from an assessment stored in the database."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

import seal_engine as se

from ._app import ForceOpt, StandardOpt, app, bad, output_ok, standard_arg, t
from ._app import lang as run_language

_KINDS = ("results", "review", "pay", "portfolio")


def _formats() -> str:
    return ", ".join(se.report_formats())


def _actor(st, store, email: str | None):
    """The command line works on the database as the system; ``--as`` reads as one user."""
    if email is None:
        return st.SYSTEM
    user = st.find_user(store, st.SYSTEM, email)
    return st.actor_for(store, user.id)


def _sqlite_file(store) -> list[Path]:
    url = store.engine.url
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        return [Path(url.database)]
    return []


@app.command()
def report(
    source: Annotated[list[str] | None, typer.Argument(
        metavar="[ASSESSMENT|ID]...", help="An assessment file (YAML or JSON), or the id or "
        "code of an assessment in the database (SEAL_DATABASE_URL). For --kind portfolio: "
        "assessment files or folders, or nothing for the database.")] = None,
    output: Annotated[Path, typer.Option(
        "--output", "-o", help="The file to write (its suffix need not match the format).")
    ] = ...,  # type: ignore[assignment]
    format: Annotated[str, typer.Option(
        "--format", "-f", help=f"One of {', '.join(se.report_formats())} (the formats of the "
        "report renderers).")] = "pdf",
    kind: Annotated[str, typer.Option(
        "--kind", "-k", help="results (the institution's), review (the assessment team's, "
        "from the database), pay (Article 9 of Directive (EU) 2023/970) or portfolio (the "
        "government's).")] = "results",
    lang: Annotated[str | None, typer.Option(
        "--lang", help="The language of the report's words and of the standard's texts "
        "(English where a translation is missing); default: the run's language (seal --lang, "
        "SEAL_LANG, the locale).")] = None,
    standard: StandardOpt = None,
    as_user: Annotated[str | None, typer.Option(
        "--as", help="Read the database as this user (their e-mail address), seeing what "
        "their roles let them see; default: the command line, which sees everything.")
    ] = None,
    force: ForceOpt = False,
) -> None:
    """Write a report as a file: results, review, pay transparency or portfolio, in HTML or
    PDF (and the other formats of the report renderers).

    Example: seal report assessments/valdoria-ministry-of-labour/2025.yaml -f pdf -o labour.pdf
    """
    lang = lang or run_language()
    if kind not in _KINDS:
        raise bad(t("cli.unknown_report_kind", kind=kind, choices=", ".join(_KINDS)), "--kind")
    if format not in se.report_formats():
        raise bad(t("cli.unknown_report_format", format=format, choices=_formats()),
                  "--format")
    sources = list(source or [])
    files = [Path(s) for s in sources if Path(s).exists()]
    chosen = standard_arg(standard, "--standard") if standard is not None else None
    if files and len(files) != len(sources):
        missing = next(s for s in sources if not Path(s).exists())
        raise bad(t("cli.report.not_found", source=missing), "ASSESSMENT|ID")
    if kind != "portfolio" and len(sources) != 1:
        raise bad(t("cli.report.one_assessment", kind=se.say(f"report_kind.{kind}")),
                  "ASSESSMENT|ID")
    if files:
        if as_user is not None:
            raise bad(t("cli.report.as_for_db"), "--as")
        output_ok(output, force=force, inputs=[*files, *([chosen] if chosen else [])])
        data = se.render_document(se.report_from_files(files, kind, standard=chosen,
                                                       lang=lang), format, lang)
    else:
        if kind == "portfolio" and sources:
            raise bad(t("cli.report.portfolio_sources"), "ASSESSMENT|ID")
        if chosen is not None:
            raise bad(t("cli.report.standard_for_files"), "--standard")
        import seal_engine.store as st

        with st.open_store(create=False) as store:
            output_ok(output, force=force, inputs=_sqlite_file(store))
            actor = _actor(st, store, as_user)
            # DOCX from the database: the administrator's template for the kind, if uploaded
            data = se.report_bytes(store, actor, kind, format, lang,
                                   sources[0] if sources else None)
    output.write_bytes(data)
    typer.echo(t("cli.wrote_report", path=str(output), kind=t(f"report_kind.{kind}"),
                 format=format, n=len(data)), err=True)

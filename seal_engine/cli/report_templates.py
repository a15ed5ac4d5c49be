"""``seal report-templates``: an administrator's own DOCX templates for the reports, one per
report kind and language, in the database (see docs/reports.md).  The store is imported only
when a command runs."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ._app import ForceOpt, app, output_ok, t

templates_app = typer.Typer(name="report-templates", no_args_is_help=True, help=(
    "List, upload, download and delete the DOCX templates reports are written with (one per "
    "report kind and language; the shipped ones otherwise).\n\n"
    "Example: seal report-templates upload our-results.docx --kind results --lang en"))
app.add_typer(templates_app)

_KINDS = ("results", "review", "pay", "portfolio")

KindOpt = Annotated[str, typer.Option(
    "--kind", "-k", help=f"The report the template is for: {', '.join(_KINDS)}.")]
LangOpt = Annotated[str, typer.Option(
    "--lang", help="The language of the reports it writes (a tag: en, fr, es, pt-BR...).")]


def _st():
    import seal_engine.store as st

    return st


@templates_app.command("list")
def templates_list() -> None:
    """The templates uploaded, by report kind and language; the others use the shipped ones.

    Example: seal report-templates list
    """
    st = _st()
    with st.open_store(create=False) as store:
        found = st.list_report_templates(store, st.SYSTEM)
    if not found:
        typer.echo(t("cli.templates.none"))
        return
    for info in found:
        when = info.uploaded_at.strftime("%Y-%m-%d %H:%M UTC")
        typer.echo(t("cli.templates.line", kind=f"{info.kind:<9}", lang=f"{info.lang:<6}",
                     file=info.filename, size=info.size, sha=info.sha256[:12], when=when,
                     who=info.uploaded_by))


@templates_app.command("upload")
def templates_upload(
    file: Annotated[Path, typer.Argument(help="The template: a Word document (.docx).",
                                         exists=True, dir_okay=False, readable=True)],
    kind: KindOpt,
    lang: LangOpt = "en",
) -> None:
    """Check a DOCX template and keep it for one report kind and language (replacing the one
    before); the check fills in sample reports in the sandbox, and nothing is kept if it fails.

    Example: seal report-templates upload our-pay.docx --kind pay --lang fr
    """
    st = _st()
    data = file.read_bytes()
    with st.open_store(create=False) as store:
        info = st.upload_report_template(store, st.SYSTEM, kind, lang, data, file.name)
    typer.echo(t("cli.templates.kept", file=info.filename, kind=info.kind, lang=info.lang,
                 size=info.size, sha=info.sha256))


@templates_app.command("download")
def templates_download(
    kind: KindOpt,
    output: Annotated[Path, typer.Option("--output", "-o", help="The .docx file to write.")],
    lang: LangOpt = "en",
    shipped: Annotated[bool, typer.Option(
        "--shipped", help="The template shipped with seal-engine, whatever is uploaded.")] = False,
    force: ForceOpt = False,
) -> None:
    """Write the template reports of a kind and language are written with: the one uploaded
    for the language, else for English, else the shipped one (a starting point to edit).

    Example: seal report-templates download --kind results --shipped -o results.docx
    """
    output_ok(output, force=force)
    st = _st()
    with st.open_store(create=False) as store:
        name, data, origin = st.report_template_content(store, st.SYSTEM, kind, lang,
                                                        shipped=shipped)
    output.write_bytes(data)
    typer.echo(t(f"cli.templates.wrote_{origin}", path=str(output), kind=kind, name=name,
                 size=len(data)))


@templates_app.command("delete")
def templates_delete(kind: KindOpt, lang: LangOpt = "en") -> None:
    """Remove the template uploaded for a report kind and language: those reports go back to
    the English upload, else the shipped template.

    Example: seal report-templates delete --kind pay --lang fr
    """
    st = _st()
    with st.open_store(create=False) as store:
        st.delete_report_template(store, st.SYSTEM, kind, lang)
    typer.echo(t("cli.templates.deleted", kind=kind, lang=lang))

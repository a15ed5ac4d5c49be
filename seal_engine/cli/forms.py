"""Field forms and answers from files: ``seal xlsform`` (the questionnaire as an XLSForm for
KoboToolbox and ODK Collect) and ``seal submissions import`` (a form export, or a filled-in
questionnaire workbook, into the database)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ._app import ForceOpt, app, output_ok, problem, standard_arg, t, words

submissions_app = typer.Typer(name="submissions", no_args_is_help=True, help=(
    "Answers collected in the field (a KoboToolbox or ODK Central export of the form "
    "seal xlsform wrote) or offline (the questionnaire workbook of seal template -f xlsx), "
    "imported into the database.\n\nExample: seal submissions import export.xlsx "
    "--institution VAL-CAA --period 2025"))
app.add_typer(submissions_app)


@app.command()
def xlsform(
    standard: Annotated[str, typer.Argument(
        metavar="STANDARD", help="Standard file or folder, or ID[@VERSION].")],
    output: Annotated[Path, typer.Option("--output", "-o", help="The .xlsx file to write.")],
    validate: Annotated[bool, typer.Option(
        "--validate", help="Also run ODK Validate on the form (needs Java).")] = False,
    force: ForceOpt = False,
) -> None:
    """Write the standard's questionnaire as an XLSForm for KoboToolbox and ODK Collect.

    A group per dimension and benchmark, tables as repeats, ranges as constraints, labels in
    every language the standard has; checked with pyxform before it is written.

    Example: seal xlsform undp-seal-public-institutions -o seal-form.xlsx
    """
    import seal_engine as se

    output_ok(output, force=force)
    s = standard_arg(standard)
    data = se.xlsform_bytes(s, validate=validate)
    output.write_bytes(data)
    from seal_engine import say

    typer.echo(t("forms.cli.xlsform_wrote", path=str(output), id=s.id, version=str(s.version),
                 questions=say("forms.cli.questions", n=len(s.questions()))))


def _shown(value) -> str:
    if value is None:
        return t("forms.cli.not_answered")
    if isinstance(value, list) and value and isinstance(value[0], dict):
        return t("forms.cli.rows", n=len(value))
    text = ", ".join(map(str, value)) if isinstance(value, list) else str(value)
    return text if len(text) <= 60 else text[:59] + "…"


@submissions_app.command("import")
def submissions_import(
    file: Annotated[Path, typer.Argument(
        help="A KoboToolbox export (XLSX, CSV, JSON), an ODK Central export (CSV, ZIP, "
        "JSON), or a filled-in questionnaire workbook.", exists=True, dir_okay=False)],
    institution: Annotated[str | None, typer.Option(
        "--institution", help="The institution's code (default: what each submission "
        "says).")] = None,
    period: Annotated[str | None, typer.Option(
        "--period", help="The period, e.g. 2025 (default: what each submission says).")] = None,
    assessment: Annotated[str | None, typer.Option(
        "--assessment", help="Import into this assessment (its id or code).")] = None,
    dry_run: Annotated[bool, typer.Option(
        "--dry-run", help="Show what would change; write nothing.")] = False,
) -> None:
    """Import answers from a form export or a questionnaire workbook into the database.

    Every answer is checked as a typed one and saved with its version and an audit entry;
    nothing is written unless the whole file is valid.

    Example: seal submissions import kobo-export.xlsx --institution VAL-CAA --period 2025
    """
    import seal_engine.store as st
    from seal_engine import say

    content = file.read_bytes()
    with st.open_store() as store:
        preview = st.preview_form_import(store, st.SYSTEM, content, file.name,
                                 assessment_id=assessment, institution=institution,
                                 period=period)
        for w in preview.warnings:
            typer.echo(t("cli.warning", problem=problem(w)), err=True)
        if preview.dialect == "workbook":
            typer.echo(t("forms.cli.workbook_of", file=file.name, standard=preview.standard))
        else:
            said = {"file": file.name, "dialect": preview.dialect,
                    "standard": preview.standard,
                    "submissions": say("forms.cli.submissions", n=preview.submissions)}
            typer.echo(t("forms.cli.export_of_replaced", n=len(preview.replaced), **said)
                       if preview.replaced else t("forms.cli.export_of", **said))
        for c in preview.changes:
            typer.echo(f"  {c.assessment_code} {c.question_id}: {_shown(c.old)} -> "
                       f"{_shown(c.new)}   [{words(c.where)}]")
        what = say("forms.cli.changed", n=len(preview.changes), unchanged=preview.unchanged)
        if dry_run:
            typer.echo(t("forms.cli.dry_run", what=what))
            return
        st.apply_form_import(store, st.SYSTEM, preview)
        typer.echo(t("forms.cli.imported", what=what))

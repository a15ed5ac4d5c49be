"""Commands on workforce data: metrics, workforce-template."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

import seal_engine as se

from ._app import ForceOpt, app, comma_list, lang, output_ok, problem_text, t


class MetricsFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"
    xlsx = "xlsx"


def _percent_option(value: str, option: str) -> float:
    try:
        return se.parse_percent(value, option) / 100
    except se.SealError as e:
        raise typer.BadParameter(problem_text(e), param_hint=option) from None


@app.command()
def metrics(
    workforce: Annotated[Path, typer.Argument(
        metavar="WORKFORCE", help="A workforce file (CSV or XLSX).")],
    by: Annotated[str | None, typer.Option(
        "--by", help="Break down by these columns, comma-separated: grade, unit, location, "
        "scope, age_band, contract, category. Default: grade, when the file has it (none for "
        "--pay-report).")] = None,
    target: Annotated[str, typer.Option(
        "--target", help="Target women's share in per cent, 0-100 (30 or 30%).")] = "30",
    min_group: Annotated[int, typer.Option(
        "--min-group", min=0, help="Suppress figures resting on fewer people than this "
        "(0 shows all).")] = 5,
    parity_band: Annotated[str, typer.Option(
        "--parity-band", help="Women's share counted as parity, in per cent: LOW,HIGH.")] = (
        "47,53"),
    grades: Annotated[str | None, typer.Option(
        "--grades", help="Grades from entry to top, comma-separated; overrides the file's "
        "'# grades:' line.")] = None,
    pay_report: Annotated[bool, typer.Option(
        "--pay-report", help="The pay transparency report instead: the indicators of Article 9 "
        "of the EU directive 2023/970 in its order, and the categories of workers that call "
        "for a joint pay assessment (Article 10).")] = False,
    threshold: Annotated[str, typer.Option(
        "--threshold", help="With --pay-report: the mean pay gap in a category, in per cent, "
        "that calls for a joint pay assessment when not justified.")] = "5",
    justifications: Annotated[Path | None, typer.Option(
        "--justifications", help="With --pay-report: a CSV or XLSX file with the columns "
        "category and justification, the objective, gender-neutral reasons for a category's "
        "gap.")] = None,
    format: Annotated[MetricsFormat | None, typer.Option(
        "--format", "-f", help="Output format (xlsx for --pay-report only, with -o); default: "
        "from the -o suffix, else table.")] = None,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="Write here instead of to stdout (required for xlsx).")] = None,
    columns: Annotated[Path | None, typer.Option(
        "--columns", help="A column mapping file (YAML or JSON): the file is an HR export "
        "whose columns and units it maps (see seal staff mapping).")] = None,
    force: ForceOpt = False,
) -> None:
    """Workforce metrics by sex: women's share and parity, recruitment, promotion, exits,
    training, leave, pay gaps, the leaky pipeline and a projection to the target; or, with
    --pay-report, the pay transparency indicators and the joint pay assessment.

    Example: seal metrics workforce.csv --by grade,location --target 30
    """
    keys = comma_list(by)
    for k in keys:
        if k not in se.BREAKDOWNS:
            raise typer.BadParameter(t("cli.not_a_breakdown", value=k,
                                       choices=", ".join(se.BREAKDOWNS)), param_hint="--by")
    if len(set(keys)) != len(keys):
        raise typer.BadParameter(t("cli.breakdown_twice", value=by), param_hint="--by")
    share = _percent_option(target, "--target")
    parts = comma_list(parity_band)
    if len(parts) != 2:
        raise typer.BadParameter(t("cli.band_shape", value=parity_band),
                                 param_hint="--parity-band")
    band = tuple(_percent_option(p, "--parity-band") for p in parts)
    if band[0] > band[1]:
        raise typer.BadParameter(t("cli.band_order", value=parity_band),
                                 param_hint="--parity-band")
    limit = _percent_option(threshold, "--threshold")
    grade_list = comma_list(grades)
    if len({g.casefold() for g in grade_list}) != len(grade_list):
        raise typer.BadParameter(t("cli.grade_twice", value=grades), param_hint="--grades")
    if justifications is not None and not pay_report:
        raise typer.BadParameter(t("cli.justifications_need_pay"),
                                 param_hint="--justifications")
    choices = ["table", "json", "csv", *(["xlsx"] if pay_report else [])]
    wants_xlsx = (format is MetricsFormat.xlsx or
                  (format is None and output is not None and output.suffix.lower() == ".xlsx"))
    if wants_xlsx and not pay_report:
        raise typer.BadParameter(t("cli.xlsx_pay_only"), param_hint="--format")
    fmt = se.format_for(output, format.value if format is not None else None, choices, "table")
    if fmt == "xlsx" and output is None:
        raise typer.BadParameter(t("cli.xlsx_not_terminal", example="-o REPORT.xlsx"),
                                 param_hint="--format")
    if output is not None:
        output_ok(output, force=force, inputs=[workforce, justifications])
    if columns is not None:
        from .staff import _read, read_mapping

        mapped = se.apply_mapping(_read(workforce), str(workforce), read_mapping(columns))
        # named so that the mapped text (CSV) is not taken for a workbook by its suffix
        data = se.parse_workforce(mapped, f"{workforce} (columns mapped)", grade_list or None)
    else:
        data = se.load_workforce(workforce, grade_list or None)
    if by is None:
        keys = ["grade"] if "grade" in data.breakdowns and not pay_report else []
    lacking = [k for k in keys if k not in data.breakdowns]
    if lacking:
        raise typer.BadParameter(t("cli.no_breakdown_column", column=lacking[0],
                                   columns=", ".join(data.breakdowns) or t("word.none")),
                                 param_hint="--by")
    if pay_report:
        given = None
        if justifications is not None:
            given = se.read_justifications(_read_side_file(justifications),
                                           str(justifications), data)
        report = se.pay_report(data, keys, threshold=limit, min_group=min_group,
                               justifications=given)
    else:
        report = se.full_report(data, keys, share, min_group=min_group, parity_band=band)
    if output is not None:
        se.write_report(report, output, fmt)
        typer.echo(t("cli.wrote", path=str(output)))
    else:
        typer.echo(se.render_report(report, fmt, lang=lang()))


def _read_side_file(path: Path) -> bytes:
    limit = 5_000_000
    try:
        if path.stat().st_size > limit:
            raise se.WorkforceError(se.Problem(se.say("cli.justifications_too_big",
                                                      limit=str(limit)), file=str(path)))
        return path.read_bytes()
    except FileNotFoundError:
        raise typer.BadParameter(t("source.no_such_file", path=str(path)),
                                 param_hint="--justifications") from None
    except OSError as e:
        raise typer.BadParameter(t("cli.cannot_read", path=str(path), reason=str(e.strerror)),
                                 param_hint="--justifications") from None


@app.command("workforce-template")
def workforce_template(
    output: Annotated[Path, typer.Option(
        "--output", "-o", help="File to write: CSV, or XLSX when it ends in .xlsx.")],
    per_person: Annotated[bool, typer.Option(
        "--per-person", help="One row per person instead of aggregated rows.")] = False,
    force: ForceOpt = False,
) -> None:
    """Write a blank workforce data file: the header, one commented example row and a
    description of every column.

    Example: seal workforce-template -o workforce.xlsx
    """
    output_ok(output, force=force)
    se.write_workforce_template(output, per_person=per_person)
    typer.echo(t("cli.wrote_workforce_per_person" if per_person else
                 "cli.wrote_workforce_aggregated", path=str(output)))

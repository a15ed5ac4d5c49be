"""Commands on workforce data: metrics, workforce-template."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

import seal_engine as se

from ._app import ForceOpt, app, comma_list, output_ok


class MetricsFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


def _percent_option(value: str, option: str) -> float:
    try:
        return se.parse_percent(value, option) / 100
    except se.SealError as e:
        raise typer.BadParameter(e.problems[0].message, param_hint=option) from None


@app.command()
def metrics(
    workforce: Annotated[Path, typer.Argument(
        metavar="WORKFORCE", help="A workforce file (CSV or XLSX).")],
    by: Annotated[str | None, typer.Option(
        "--by", help="Break down by these columns, comma-separated: grade, unit, location, "
        "scope, age_band, contract. Default: grade, when the file has it.")] = None,
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
    format: Annotated[MetricsFormat, typer.Option("--format", "-f", help="Output format.")] = (
        MetricsFormat.table),
) -> None:
    """Workforce metrics by sex: women's share and parity, recruitment, promotion, exits,
    training, leave, pay gaps, the leaky pipeline and a projection to the target.

    Example: seal metrics workforce.csv --by grade,location --target 30
    """
    keys = comma_list(by)
    for k in keys:
        if k not in se.BREAKDOWNS:
            raise typer.BadParameter(f"{k!r} is not a breakdown (choose from "
                                     f"{', '.join(se.BREAKDOWNS)})", param_hint="--by")
    if len(set(keys)) != len(keys):
        raise typer.BadParameter(f"{by!r} names a breakdown twice", param_hint="--by")
    share = _percent_option(target, "--target")
    parts = comma_list(parity_band)
    if len(parts) != 2:
        raise typer.BadParameter(f"{parity_band!r} is not LOW,HIGH in per cent, e.g. 47,53",
                                 param_hint="--parity-band")
    band = tuple(_percent_option(p, "--parity-band") for p in parts)
    if band[0] > band[1]:
        raise typer.BadParameter(f"{parity_band!r}: LOW is above HIGH",
                                 param_hint="--parity-band")
    grade_list = comma_list(grades)
    if len({g.casefold() for g in grade_list}) != len(grade_list):
        raise typer.BadParameter(f"{grades!r} names a grade twice", param_hint="--grades")
    data = se.load_workforce(workforce, grades=grade_list or None)
    if by is None:
        keys = ["grade"] if "grade" in data.breakdowns else []
    lacking = [k for k in keys if k not in data.breakdowns]
    if lacking:
        raise typer.BadParameter(f"the workforce file has no {lacking[0]!r} column (it has: "
                                 f"{', '.join(data.breakdowns) or 'none'})", param_hint="--by")
    report = se.full_report(data, keys, share, min_group=min_group, parity_band=band)
    typer.echo(se.render_report(report, format.value))


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
    typer.echo(f"wrote {output} ({'one row per person' if per_person else 'aggregated rows'})")

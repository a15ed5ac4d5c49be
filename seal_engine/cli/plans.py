"""Commands on gaps and action plans: gaps, actions."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

import seal_engine as se
from seal_engine import say

from ._app import (
    ForceOpt,
    LocaleOpt,
    StandardOpt,
    app,
    comma_list,
    lang,
    output_ok,
    problem,
    problem_text,
    t,
)
from .assess import ScoreFormat, scored


class PlanFormat(str, Enum):
    markdown = "markdown"
    csv = "csv"
    xlsx = "xlsx"
    json = "json"


class PathChoice(str, Enum):
    fewest = "fewest"
    easiest = "easiest"


def _ids(value: str | None, s: se.Standard, option: str) -> list[str]:
    try:
        return [se.benchmark_id(s, i, option) for i in comma_list(value)]
    except se.SealError as e:
        raise typer.BadParameter(problem_text(e), param_hint=option) from None


def _level(value: str | None, s: se.Standard) -> str | None:
    if value is None:
        return None
    try:
        return se.level_id(s, value)
    except se.SealError as e:
        raise typer.BadParameter(problem_text(e), param_hint="--target") from None


TargetOpt = Annotated[str | None, typer.Option(
    "--target", "-t", help="Level to aim at (id or title); default: the next level.")]
PlanTargetOpt = Annotated[str | None, typer.Option(
    "--target", "-t", help="Level to aim at (id or title): only the actions on the path to it "
    "are proposed, the others listed apart; default: every gap, the next level's first.")]
PathOpt = Annotated[PathChoice, typer.Option(
    "--path", help="How to close a points gap: the fewest benchmarks (ties to lower effort) or "
    "the easiest ones (least total effort).")]
PlanOpt = Annotated[Path | None, typer.Option(
    "--plan", "-p", help="An edited action plan (.xlsx, .csv, .md or .json) exported by "
    "seal actions.")]


@app.command()
def gaps(
    assessment: Annotated[Path, typer.Argument(
        metavar="ASSESSMENT", help="The assessment file.")],
    standard: StandardOpt = None,
    target: TargetOpt = None,
    assume_met: Annotated[str | None, typer.Option(
        "--assume-met", help="Comma-separated benchmark ids to treat as met (what-if).")] = None,
    exclude: Annotated[str | None, typer.Option(
        "--exclude", help="Comma-separated benchmark ids the institution cannot meet.")] = None,
    plan: PlanOpt = None,
    format: Annotated[ScoreFormat, typer.Option("--format", "-f", help="Output format.")] = (
        ScoreFormat.table),
    locale: LocaleOpt = None,
    path: PathOpt = PathChoice.fewest,
) -> None:
    """List the benchmarks not yet met, ranked by the shortest path to the next (or target)
    level, with the failing clauses, the missing evidence and the actions under way.

    Example: seal gaps assessments/starter/riverton-water-agency-2025.yaml --target gold
    """
    s, a, data, result = scored(assessment, standard, locale)
    level = _level(target, s)
    assumed = _ids(assume_met, s, "--assume-met")
    ruled_out = _ids(exclude, s, "--exclude")
    edited = se.read_plan(plan, s, assessment=a) if plan is not None else None
    report = se.gap_analysis(s, a, result, level, assume_met=assumed, exclude=ruled_out,
                             plan=edited, prefer=path.value, workforce=data)
    typer.echo(se.render_gaps(report, format.value, s, lang=lang()), nl=False)


@app.command()
def actions(
    assessment: Annotated[Path, typer.Argument(
        metavar="ASSESSMENT", help="The assessment file.")],
    standard: StandardOpt = None,
    plan: PlanOpt = None,
    format: Annotated[PlanFormat | None, typer.Option(
        "--format", "-f",
        help="Output format; default: from the -o suffix, else markdown.")] = None,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="Write here instead of to stdout (required for xlsx).")] = None,
    target: PlanTargetOpt = None,
    start: Annotated[str | None, typer.Option(
        "--start", help="First quarter of the plan, e.g. 2026-Q1; default: the quarter after "
        "the assessment period.")] = None,
    quarters: Annotated[int | None, typer.Option(
        "--quarters", help="Length of the plan period in quarters; default: that of the "
        "assessment period, at least 4.")] = None,
    locale: LocaleOpt = None,
    path: PathOpt = PathChoice.fewest,
    force: ForceOpt = False,
) -> None:
    """Draft the improvement action plan for the gaps from the standard's action library, or
    read back an edited plan; check each row is SMART; export Markdown, CSV, XLSX or JSON.

    Each target moves from the baseline towards what the failing benchmark needs; actions
    already at target, and with --target those off the path to it, are listed apart.

    Example: seal actions assessments/starter/riverton-water-agency-2025.yaml -o plan.xlsx
    """
    fmt = se.format_for(output, format.value if format is not None else None,
                        [f.value for f in PlanFormat], "markdown")
    if fmt == "xlsx" and output is None:
        raise typer.BadParameter(t("cli.xlsx_not_terminal", example="-o PLAN.xlsx"),
                                 param_hint="--format")
    if output is not None:
        rewriting = plan is not None and output.resolve() == plan.resolve()
        if rewriting and not force:  # reading an edited plan back and writing it over itself
            raise typer.BadParameter(t("cli.plan_in_place", path=str(output)),
                                     param_hint="--output")
        output_ok(output, force=force,
                  inputs=[assessment] + ([] if rewriting else [plan]))
    s, a, data, result = scored(assessment, standard, locale)
    if output is not None:  # and the files they were read from or name (its workforce data)
        output_ok(output, force=force, inputs=[a, s] + ([] if rewriting else [plan]))
    level = _level(target, s)
    report = se.gap_analysis(s, a, result, level, prefer=path.value, workforce=data)
    the_plan = se.draft_plan(s, a, report, result=result, target=level, start=start,
                             quarters=quarters, workforce=data, lang=lang())
    if plan is not None:
        the_plan = se.read_plan(plan, s, the_plan)
    issues = se.check_plan(the_plan, s)
    if output is not None:
        se.write_plan(the_plan, output, fmt, s, lang=lang())
        aside = len(the_plan.set_aside)
        said = {"path": str(output), "actions": say("cli.actions", n=len(the_plan.rows)),
                "start": str(the_plan.start), "end": str(the_plan.end)}
        typer.echo(t("cli.wrote_plan_aside", n=aside, **said) if aside else
                   t("cli.wrote_plan", **said))
    else:
        typer.echo(se.render_plan(the_plan, fmt, s, lang=lang()), nl=False)
    if output is not None or fmt != "markdown":
        for i in issues:
            typer.echo(t("cli.warning", problem=problem(i)), err=True)

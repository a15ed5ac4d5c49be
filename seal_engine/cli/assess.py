"""Commands on assessments: validate, score, explain, template."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

import seal_engine as se
from seal_engine import num, say

from ._app import (
    Executor,
    ExecutorOpt,
    ForceOpt,
    LocaleOpt,
    SchedulerOpt,
    StandardOpt,
    WorkersOpt,
    app,
    bad,
    lang,
    level_titles,
    localised_arg,
    output_ok,
    problem,
    problem_text,
    progress_bar,
    standard_arg,
    t,
)


class TemplateFormat(str, Enum):
    yaml = "yaml"
    xlsx = "xlsx"


class ScoreFormat(str, Enum):
    table = "table"
    json = "json"
    markdown = "markdown"
    csv = "csv"
    jsonl = "jsonl"


def scored(assessment: Path, standard: str | None, locale: str | None = None):
    """(standard, assessment, workforce data, result) for an assessment file."""
    a = se.load_assessment(assessment)
    s = standard_arg(standard, "--standard") if standard is not None else se.standard_for(a)
    s = localised_arg(s, locale)
    data = se.load_workforce_for(a)
    return s, a, data, se.score(s, a, data)


@app.command()
def validate(
    paths: Annotated[list[Path], typer.Argument(
        metavar="PATH...", help="Standard files or folders, assessments, or folders holding "
        "them (searched below).")],
    standard: StandardOpt = None,
) -> None:
    """Check standards and assessments; print one located error a line.

    Example: seal validate standards/seal-starter.yaml assessments/
    """
    chosen = standard_arg(standard, "--standard") if standard is not None else None
    failed = False
    for path, outcome in se.check_paths(paths, chosen):
        if isinstance(outcome, (se.SealError, ImportError)):
            failed = True
            for p in outcome.problems if isinstance(outcome, se.SealError) else [outcome]:
                typer.echo(t("cli.error", problem=problem(p)), err=True)
            continue
        s = outcome.standard
        if outcome.kind == "standard":
            counts = {"dimensions": say("cli.dimensions", n=len(s.dimensions)),
                      "benchmarks": say("cli.benchmarks", n=len(s.benchmarks())),
                      "actions": say("cli.actions", n=len(s.actions))}
            if s.extends:
                typer.echo(t("cli.validated_standard_extends", path=str(path), id=s.id,
                             version=str(s.version), parent=s.extends.id,
                             parent_version=str(s.extends.version), **counts))
            else:
                typer.echo(t("cli.validated_standard", path=str(path), id=s.id,
                             version=str(s.version), **counts))
            if outcome.differences is not None:
                typer.echo(se.render_diff(outcome.differences, lang=lang()))
            continue
        a = outcome.assessment
        for w in outcome.warnings:
            typer.echo(t("cli.warning", problem=problem(w)), err=True)
        said = {"path": str(path), "id": a.id, "institution": a.institution.name,
                "standard": s.id, "version": str(s.version),
                "answers": say("cli.answers", n=outcome.answers)}
        if a.workforce and outcome.staff is not None:
            typer.echo(t("cli.validated_assessment_staff_count", workforce=str(a.workforce),
                         staff=num(outcome.staff, 0), **said))
        elif a.workforce:
            typer.echo(t("cli.validated_assessment_staff", workforce=str(a.workforce), **said))
        else:
            typer.echo(t("cli.validated_assessment", **said))
    if failed:
        raise typer.Exit(1)


@app.command()
def score(
    assessments: Annotated[list[Path], typer.Argument(
        metavar="ASSESSMENT...", help="The assessment file (YAML or JSON); several files, or "
        "folders (searched below), are scored one row each.")],
    standard: StandardOpt = None,
    format: Annotated[ScoreFormat, typer.Option("--format", "-f", help=(
        "Output format: table, json or markdown for one assessment; table, csv or jsonl (one "
        "JSON object a line) for several."))] = ScoreFormat.table,
    locale: LocaleOpt = None,
    workers: WorkersOpt = None,
    executor: ExecutorOpt = Executor.local,
    scheduler: SchedulerOpt = None,
) -> None:
    """Score an assessment: benchmark status, dimension scores, the level reached and what
    blocks the next one; or many, one row each.

    Example: seal score assessments/starter/riverton-water-agency-2025.yaml --format json
    """
    one = len(assessments) == 1 and assessments[0].is_file()
    if one and format.value in ("table", "json", "markdown"):
        s, a, _data, result = scored(assessments[0], standard, locale)
        typer.echo(se.render_score(result, format.value, s, lang=lang()))
        for w in se.answer_warnings(s, a):
            typer.echo(t("cli.warning", problem=problem(w)), err=True)
        return
    if format.value in ("json", "markdown"):
        raise bad(t("cli.format_for_one", format=format.value), "--format")
    if locale is not None:
        raise bad(t("cli.locale_for_one"), "--locale")
    chosen = standard_arg(standard, "--standard") if standard is not None else None
    failed = 0
    shapes: dict = {}

    def rows():
        nonlocal failed
        with progress_bar(t("cli.progress.scoring")) as progress:
            for item in se.score_many(assessments, standard=chosen, workers=workers,
                                      executor="dask" if scheduler else executor.value,
                                      scheduler=scheduler, progress=progress, shapes=shapes):
                if item.error is not None:
                    failed += 1
                    for p in item.error.problems:
                        typer.echo(t("cli.error", problem=problem(p)), err=True)
                    continue
                yield item.row

    count = 0

    def counted():
        nonlocal count
        for r in rows():
            count += 1
            yield r

    if format.value == "table":  # given whole once every row is in: the levels' titles known
        got = list(counted())
        lines = se.render_batch(got, "table", lang=lang(), levels=_level_titles(shapes, chosen))
    else:
        lines = se.render_batch(counted(), format.value, lang=lang())
    for line in lines:
        typer.echo(line)
    typer.echo(t("cli.scored_failed", count=say("cli.assessments", n=count), n=failed)
               if failed else t("cli.scored", n=count), err=True)
    if failed:
        raise typer.Exit(1)


def _level_titles(shapes: dict, chosen) -> dict[str, dict[str, str]]:
    """The level titles of the standards scored against (their shapes by key), in this run's
    language where the standard has it (:func:`level_titles`; the titles as scored when the
    standard is not found again)."""
    return {key: level_titles(shape.id, shape.version, chosen)
            or {lv: title for lv, title, _order in shape.levels}
            for key, shape in shapes.items()}


@app.command()
def explain(
    assessment: Annotated[Path, typer.Argument(
        metavar="ASSESSMENT", help="The assessment file.")],
    benchmark_id: Annotated[str, typer.Argument(
        metavar="BENCHMARK_ID", help="Id of a benchmark, e.g. ST-LC-01.")],
    standard: StandardOpt = None,
    locale: LocaleOpt = None,
) -> None:
    """Explain one benchmark's status in words: each condition, the values seen, the evidence.

    Example: seal explain assessments/starter/riverton-water-agency-2025.yaml ST-LC-02
    """
    s, a, _data, result = scored(assessment, standard, locale)
    try:
        bid = se.benchmark_id(s, benchmark_id, "BENCHMARK_ID")
    except se.SealError as e:
        raise typer.BadParameter(problem_text(e), param_hint="BENCHMARK_ID") from None
    typer.echo(se.render_explain(s, a, result, bid, lang=lang()))


@app.command()
def template(
    standard: Annotated[str, typer.Argument(
        metavar="STANDARD", help="Standard file or folder, or ID[@VERSION].")],
    output: Annotated[Path | None, typer.Option("--output", "-o",
                                                help="Write here instead of to stdout.")] = None,
    locale: LocaleOpt = None,
    previous: Annotated[Path | None, typer.Option(
        "--from", help="Last period's assessment: start the next period's from it (answers "
        "and evidence carried over, to check).")] = None,
    plan: Annotated[Path | None, typer.Option(
        "--plan", "-p", help="With --from: last period's action plan; the evidence of actions "
        "marked done is offered under the benchmarks they serve.")] = None,
    force: ForceOpt = False,
    fmt: Annotated[TemplateFormat, typer.Option(
        "--format", "-f", help="yaml (an assessment file), or xlsx (the questionnaire as an "
        "Excel workbook to fill in offline; import it with seal submissions import).")] = (
        "yaml"),
) -> None:
    """Write a blank assessment for a standard: every question with its type and allowed values;
    or, with --from, next period's self-assessment started from the last one.

    Example: seal template undp-seal-public-institutions -o my-assessment.yaml
    """
    if TemplateFormat(fmt) is TemplateFormat.xlsx:
        if output is None:
            raise typer.BadParameter(t("cli.xlsx_to_file"), param_hint="--output")
        if plan is not None:
            raise typer.BadParameter(t("cli.plan_yaml_only"), param_hint="--plan")
        output_ok(output, force=force, inputs=[previous])
        s = localised_arg(standard_arg(standard), locale)
        last = se.load_assessment(previous) if previous is not None else None
        output.write_bytes(se.questionnaire_workbook(
            s, dict(last.answers) if last is not None else None,
            assessment=None, lang=lang()))
        typer.echo(t("forms.cli.workbook_wrote", path=str(output),
                     questions=say("forms.cli.questions", n=len(s.questions()))))
        return
    if plan is not None and previous is None:
        raise typer.BadParameter(t("cli.plan_needs_from"), param_hint="--plan")
    if output is not None:
        output_ok(output, force=force, inputs=[previous, plan])
    s = localised_arg(standard_arg(standard), locale)
    last = se.load_assessment(previous) if previous is not None else None
    if output is not None:  # and the files they were read from or name (its workforce data)
        output_ok(output, force=force, inputs=[previous, plan, s, last])
    the_plan = None
    if plan is not None:  # the edited plan's rows, as last period's standard reads them
        the_plan = se.read_plan(plan, se.standard_for(last), assessment=last)
    if last is not None and (last.standard.id, last.standard.version) != (s.id, s.version):
        asked = s.questions()
        kept = sum(1 for q in last.answers if q in asked)
        typer.echo(t("cli.warning", problem=say(
            "cli.template_other_standard", path=str(previous), old=last.standard.id,
            old_version=str(last.standard.version), new=s.id, new_version=str(s.version),
            kept=kept, answers=len(last.answers))), err=True)
    text = se.assessment_template(s, previous=last, plan=the_plan)
    if output is None:
        typer.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
        typer.echo(t("cli.wrote_template", path=str(output), n=len(s.questions())))

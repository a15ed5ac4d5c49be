"""The `seal` command line: a thin shell over the public functions of seal_engine."""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path
from typing import Annotated, NoReturn

import click
import typer

from . import __version__
from .errors import Problem, SealError
from .loader import find_standard, list_standards, load_assessment, load_standard
from .models import Assessment, Standard

app = typer.Typer(
    name="seal",
    help="Score, explain and plan Gender Equality Seal self-assessments.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


class ScoreFormat(str, Enum):
    table = "table"
    json = "json"
    markdown = "markdown"


class DiffFormat(str, Enum):
    text = "text"
    json = "json"


def _fail(e: SealError) -> NoReturn:
    """Print every located problem, one a line, and exit 1."""
    for p in e.problems:
        typer.echo(f"error: {p}", err=True)
    raise typer.Exit(1)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"seal-engine {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Show the version and exit.")] = False,
) -> None:
    """Score, explain and plan Gender Equality Seal self-assessments."""


def _standard_arg(value: str) -> Standard:
    """A standard from a path, or from an id (``id`` or ``id@version``) on the standards path."""
    path = Path(value)
    if not path.exists():
        sid, _, ver = value.partition("@")
        if not ver.isdigit() and ver:
            raise typer.BadParameter(f"{value!r} is neither a file, a folder nor ID@VERSION")
        try:
            path = find_standard(sid, int(ver) if ver else None)
        except SealError as e:
            raise typer.BadParameter(
                f"{value!r} is not a file or folder, and {e.problems[0].message}") from None
    return load_standard(path)


def _standard_for(assessment: Assessment, standard: Path | None) -> Standard:
    if standard is not None:
        return load_standard(standard)
    ref = assessment.standard
    src = assessment._source
    near = []
    if src is not None:
        here = Path(src.file).resolve().parent
        near = [p / "standards" for p in (here, *here.parents)][:4]
    try:
        path = find_standard(ref.id, ref.version, [*near, *_search()])
    except SealError:
        path = find_standard(ref.id, ref.version)
    return load_standard(path)


def _search():
    from .settings import standards_search_path

    return standards_search_path()


StandardOpt = Annotated[
    Path | None,
    typer.Option("--standard", "-s", help="Standard file or folder; default: the one the "
                 "assessment names, found on SEAL_STANDARDS_PATH and the bundled standards."),
]


@app.command()
def validate(
    paths: Annotated[list[Path], typer.Argument(help="Standard files or folders, and assessments.")],
    standard: StandardOpt = None,
) -> None:
    """Check standards and assessments; print one located error a line.

    Example: seal validate standards/seal-starter.yaml assessments/starter/*.yaml
    """
    from ._source import read_source
    from .loader import normalise_answers

    failed = False
    for path in paths:
        try:
            kind = "standard" if path.is_dir() else None
            if kind is None:
                data = read_source(path).data
                kind = data.get("type") if isinstance(data, dict) else None
            if kind == "standard":
                s = load_standard(path)
                extra = f", extends {s.extends.id} v{s.extends.version}" if s.extends else ""
                typer.echo(f"ok: {path}: standard {s.id} v{s.version}, {len(s.dimensions)} "
                           f"dimensions, {len(s.benchmarks())} benchmarks, "
                           f"{len(s.actions)} actions{extra}")
                if s.extends:
                    from .diff import diff_standards, render_diff

                    parent = load_standard(find_standard(s.extends.id, s.extends.version,
                                                         [path.parent, *_search()]))
                    typer.echo(render_diff(diff_standards(parent, s)))
            elif kind == "assessment":
                a = load_assessment(path)
                s = _standard_for(a, standard)
                _answers, problems = normalise_answers(s, a)
                if a.workforce:
                    from .workforce import load_workforce_for

                    load_workforce_for(a)
                if problems:
                    raise SealError(problems)
                typer.echo(f"ok: {path}: assessment {a.id} of {a.institution.name} against "
                           f"{s.id} v{s.version}, {len(_answers)} answers")
            else:
                raise SealError(Problem(
                    f"type is {kind!r}; expected 'standard' or 'assessment'", file=str(path),
                    field="type"))
        except SealError as e:
            failed = True
            for p in e.problems:
                typer.echo(f"error: {p}", err=True)
    if failed:
        raise typer.Exit(1)


def _score(assessment: Path, standard: Path | None):
    a = load_assessment(assessment)
    s = _standard_for(a, standard)
    from .scoring import score as score_fn

    return s, a, score_fn(s, a)


@app.command()
def score(
    assessment: Annotated[Path, typer.Argument(help="The assessment file (YAML or JSON).")],
    standard: StandardOpt = None,
    format: Annotated[ScoreFormat, typer.Option("--format", "-f", help="Output format.")] = (
        ScoreFormat.table),
) -> None:
    """Score an assessment: benchmark status, dimension scores, the level reached and what
    blocks the next one.

    Example: seal score assessments/starter/riverton-water-agency-2025.yaml --format json
    """
    from .reports import render_score

    try:
        s, _a, result = _score(assessment, standard)
    except SealError as e:
        _fail(e)
    typer.echo(render_score(result, format.value, s))


@app.command()
def explain(
    assessment: Annotated[Path, typer.Argument(help="The assessment file.")],
    benchmark_id: Annotated[str, typer.Argument(help="Id of a benchmark, e.g. ST-LC-01.")],
    standard: StandardOpt = None,
) -> None:
    """Explain one benchmark's status in words: each condition, the values seen, the evidence.

    Example: seal explain assessments/starter/riverton-water-agency-2025.yaml ST-LC-02
    """
    from .reports import render_explain

    try:
        s, a, result = _score(assessment, standard)
    except SealError as e:
        _fail(e)
    ids = [b.id for b in s.benchmarks()]
    if benchmark_id not in ids:
        raise typer.BadParameter(
            f"{benchmark_id!r} is not a benchmark of {s.id} v{s.version} "
            f"(benchmarks: {', '.join(ids[:12])}{', …' if len(ids) > 12 else ''})",
            param_hint="BENCHMARK_ID")
    typer.echo(render_explain(s, a, result, benchmark_id))


@app.command()
def template(
    standard: Annotated[str, typer.Argument(help="Standard file or folder, or ID[@VERSION].")],
    output: Annotated[Path | None, typer.Option("--output", "-o",
                                                help="Write here instead of to stdout.")] = None,
) -> None:
    """Write a blank assessment for a standard: every question with its type and allowed values.

    Example: seal template undp-seal-public-institutions -o my-assessment.yaml
    """
    from .template import assessment_template

    try:
        s = _standard_arg(standard)
    except SealError as e:
        _fail(e)
    text = assessment_template(s)
    if output is None:
        typer.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
        typer.echo(f"wrote {output} ({len(s.questions())} questions)")


@app.command()
def standards() -> None:
    """List the standards found on SEAL_STANDARDS_PATH and among the bundled ones.

    Example: seal standards
    """
    from .reports import text_table

    rows = [(i.id, i.version, i.title, i.extends or "", i.path) for i in list_standards()]
    typer.echo(text_table(("Id", "Version", "Title", "Extends", "Path"), rows))


@app.command()
def schema(
    output: Annotated[Path, typer.Option("--output", "-o", help="Folder to write to.")] = Path(
        "schemas"),
    check: Annotated[bool, typer.Option("--check", help="Only check the files are current; "
                                        "exit 1 if not.")] = False,
) -> None:
    """Write the JSON Schemas of standards, assessments and score results, generated from the
    models.

    Example: seal schema --check
    """
    from .models import json_schemas

    stale = []
    for name, body in json_schemas().items():
        text = json.dumps(body, indent=2, ensure_ascii=False) + "\n"
        target = output / name
        if check:
            if not target.is_file() or target.read_text(encoding="utf-8") != text:
                stale.append(str(target))
        else:
            output.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
            typer.echo(f"wrote {target}")
    if stale:
        typer.echo(f"out of date: {', '.join(stale)}; run: seal schema", err=True)
        raise typer.Exit(1)


def _get_command() -> click.Command:
    return typer.main.get_command(app)


@app.command()
def diff(
    old: Annotated[str, typer.Argument(help="Standard file or folder, or ID[@VERSION].")],
    new: Annotated[str, typer.Argument(help="Standard file or folder, or ID[@VERSION].")],
    format: Annotated[DiffFormat, typer.Option("--format", "-f", help="Output format.")] = (
        "text"),
) -> None:
    """List benchmarks added, removed and changed, and changed levels, parameters and scoring,
    between two standards.

    Example: seal diff undp-seal-public-institutions@1 standards/my-adaptation
    """
    from .diff import diff_standards, render_diff

    try:
        d = diff_standards(_standard_arg(old), _standard_arg(new))
    except SealError as e:
        _fail(e)
    typer.echo(d.model_dump_json(indent=2) if format == "json" else render_diff(d))

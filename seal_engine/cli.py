"""The `seal` command line: a thin shell over the public functions of seal_engine."""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from . import __version__
from .errors import Problem, SealError, did_you_mean
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


def _fail(e: SealError | ImportError) -> NoReturn:
    """Print every located problem, one a line (or a missing extra's install hint), exit 1."""
    for p in e.problems if isinstance(e, SealError) else [e]:
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


def _standard_for(assessment: Assessment, standard: str | None) -> Standard:
    if standard is not None:
        return _standard_arg(standard)
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


LocaleOpt = Annotated[
    str | None,
    typer.Option("--locale", "-l", help="Show the standard's texts in this language (e.g. fr) "
                 "where it has translations."),
]


def _localise(s: Standard, locale: str | None) -> Standard:
    if locale is None:
        return s
    if locale != s.locale and locale not in s.translations:
        have = ", ".join(sorted({s.locale, *s.translations}))
        raise typer.BadParameter(f"{s.id} v{s.version} has no texts in {locale!r} "
                                 f"(languages: {have})", param_hint="--locale")
    return s.translated(locale)


ForceOpt = Annotated[bool, typer.Option(
    "--force", help="Replace the output file if it exists.")]


def _writable(output: Path | None, force: bool, *inputs: Path | None) -> None:
    """Refuse to replace an existing file unless --force, and never replace an input."""
    if output is None:
        return
    for source in inputs:
        if source is not None and output.resolve() == source.resolve():
            raise typer.BadParameter(f"{str(output)!r} is also an input of this command; "
                                     "write to another file", param_hint="--output")
    if output.exists() and not force:
        raise typer.BadParameter(f"{str(output)!r} exists; add --force to replace it",
                                 param_hint="--output")


def _n(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _search():
    from .settings import standards_search_path

    return standards_search_path()


StandardOpt = Annotated[
    str | None,
    typer.Option("--standard", "-s", help="Standard file or folder, or ID[@VERSION]; default: "
                 "the one the assessment names, found on SEAL_STANDARDS_PATH and the bundled "
                 "standards."),
]


@app.command()
def validate(
    paths: Annotated[list[Path], typer.Argument(
        metavar="PATH...", help="Standard files or folders, and assessments.")],
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
                typer.echo(f"ok: {path}: standard {s.id} v{s.version}, "
                           f"{_n(len(s.dimensions), 'dimension')}, "
                           f"{_n(len(s.benchmarks()), 'benchmark')}, "
                           f"{_n(len(s.actions), 'action')}{extra}")
                if s.extends:
                    from .diff import diff_standards, render_diff

                    parent = load_standard(find_standard(s.extends.id, s.extends.version,
                                                         [path.parent, *_search()]))
                    typer.echo(render_diff(diff_standards(parent, s)))
            elif kind == "assessment":
                a = load_assessment(path)
                s = _standard_for(a, standard)
                _answers, problems = normalise_answers(s, a)
                staff = ""
                if a.workforce:
                    from .workforce import load_workforce_for

                    count = load_workforce_for(a).metric("headcount", ())
                    staff = f", workforce file {a.workforce}" + (
                        f" ({count:,.0f} staff)" if isinstance(count, (int, float)) else "")
                if problems:
                    raise SealError(problems)
                titles = {lv.id: lv.title for lv in s.levels}
                for bid, why in a.not_applicable.items():
                    b = s.benchmark(bid)
                    if b.mandatory_from:
                        typer.echo(f"warning: {path}: {bid} is mandatory from "
                                   f"{titles[b.mandatory_from]} and is marked not applicable "
                                   f"({why!r}); assessors will check that reason", err=True)
                typer.echo(f"ok: {path}: assessment {a.id} of {a.institution.name} against "
                           f"{s.id} v{s.version}, {_n(len(_answers), 'answer')}{staff}")
            elif kind in ("dimension", "action_library"):
                raise SealError(Problem(
                    f"a {kind} file is part of a standard folder; validate the folder "
                    f"{str(path.parent)!r}", file=str(path), field="type"))
            else:
                raise SealError(Problem(
                    f"type is {kind!r}; expected 'standard' or 'assessment'", file=str(path),
                    field="type"))
        except (SealError, ImportError) as e:
            failed = True
            for p in e.problems if isinstance(e, SealError) else [e]:
                typer.echo(f"error: {p}", err=True)
    if failed:
        raise typer.Exit(1)


def _score(assessment: Path, standard: str | None, locale: str | None = None):
    a = load_assessment(assessment)
    s = _localise(_standard_for(a, standard), locale)
    from .scoring import score as score_fn

    return s, a, score_fn(s, a)


@app.command()
def score(
    assessment: Annotated[Path, typer.Argument(
        metavar="ASSESSMENT", help="The assessment file (YAML or JSON).")],
    standard: StandardOpt = None,
    format: Annotated[ScoreFormat, typer.Option("--format", "-f", help="Output format.")] = (
        ScoreFormat.table),
    locale: LocaleOpt = None,
) -> None:
    """Score an assessment: benchmark status, dimension scores, the level reached and what
    blocks the next one.

    Example: seal score assessments/starter/riverton-water-agency-2025.yaml --format json
    """
    from .reports import render_score

    try:
        s, _a, result = _score(assessment, standard, locale)
    except (SealError, ImportError) as e:
        _fail(e)
    typer.echo(render_score(result, format.value, s))


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
    from .reports import render_explain

    try:
        s, a, result = _score(assessment, standard, locale)
    except (SealError, ImportError) as e:
        _fail(e)
    ids = [b.id for b in s.benchmarks()]
    if benchmark_id not in ids:
        raise typer.BadParameter(
            f"{benchmark_id!r} is not a benchmark of {s.id} v{s.version}"
            f"{did_you_mean(benchmark_id, ids)} "
            f"(benchmarks: {', '.join(ids[:12])}{', …' if len(ids) > 12 else ''})",
            param_hint="BENCHMARK_ID")
    typer.echo(render_explain(s, a, result, benchmark_id))


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
) -> None:
    """Write a blank assessment for a standard: every question with its type and allowed values;
    or, with --from, next period's self-assessment started from the last one.

    Example: seal template undp-seal-public-institutions -o my-assessment.yaml
    """
    from .template import assessment_template

    if plan is not None and previous is None:
        raise typer.BadParameter("--plan needs --from (the assessment the plan was made for)",
                                 param_hint="--plan")
    _writable(output, force, previous, plan)
    try:
        s = _localise(_standard_arg(standard), locale)
        last = load_assessment(previous) if previous is not None else None
        the_plan = None
        if plan is not None:
            from .actions import draft_plan, read_plan

            last_standard = _standard_for(last, None)
            the_plan = read_plan(plan, last_standard, draft_plan(last_standard, last))
    except (SealError, ImportError) as e:
        _fail(e)
    if last is not None and (last.standard.id, last.standard.version) != (s.id, s.version):
        asked = s.questions()
        kept = sum(1 for q in last.answers if q in asked)
        typer.echo(f"warning: {previous} is an assessment against {last.standard.id} "
                   f"v{last.standard.version}, not {s.id} v{s.version}; {kept} of its "
                   f"{len(last.answers)} answers are to questions this standard asks", err=True)
    text = assessment_template(s, previous=last, plan=the_plan)
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

    def shown(path: Path) -> str:
        try:
            return str(path.resolve().relative_to(Path.cwd()))
        except ValueError:
            return str(path)

    rows, seen = [], set()
    for i in list_standards():
        path = shown(i.path)
        if (i.id, i.version) in seen:  # find_standard takes the first on the search path
            path += "  (not used: the same id and version is found earlier)"
        seen.add((i.id, i.version))
        rows.append((i.id, i.version, i.title, i.extends or "", path))
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
            if not target.is_file():
                stale.append(f"{target} (missing)")
            elif target.read_text(encoding="utf-8") != text:
                stale.append(str(target))
        else:
            output.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
            typer.echo(f"wrote {target}")
    if stale:
        typer.echo(f"out of date: {', '.join(stale)}; run: seal schema -o {output}", err=True)
        raise typer.Exit(1)


def _get_command():
    return typer.main.get_command(app)


@app.command()
def diff(
    old: Annotated[str, typer.Argument(
        metavar="OLD", help="Standard file or folder, or ID[@VERSION].")],
    new: Annotated[str, typer.Argument(
        metavar="NEW", help="Standard file or folder, or ID[@VERSION].")],
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
    except (SealError, ImportError) as e:
        _fail(e)
    typer.echo(d.model_dump_json(indent=2) if format == "json" else render_diff(d))


class MetricsFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


def _comma_list(value: str | None) -> list[str]:
    return [p.strip() for p in (value or "").split(",") if p.strip()]


@app.command()
def metrics(
    workforce: Annotated[Path, typer.Argument(
        metavar="WORKFORCE", help="A workforce file (CSV or XLSX).")],
    by: Annotated[str | None, typer.Option(
        "--by", help="Break down by these columns, comma-separated: grade, unit, location, "
        "scope, age_band, contract. Default: grade, when the file has it.")] = None,
    target: Annotated[float, typer.Option(
        "--target", min=0, max=1, help="Target women's share, 0..1.")] = 0.30,
    min_group: Annotated[int, typer.Option(
        "--min-group", min=0, help="Suppress figures resting on fewer people than this "
        "(0 shows all).")] = 5,
    parity_band: Annotated[str, typer.Option(
        "--parity-band", help="Women's share counted as parity: LOW,HIGH.")] = "0.47,0.53",
    grades: Annotated[str | None, typer.Option(
        "--grades", help="Grades from entry to top, comma-separated; overrides the file's "
        "'# grades:' line.")] = None,
    format: Annotated[MetricsFormat, typer.Option("--format", "-f", help="Output format.")] = (
        MetricsFormat.table),
) -> None:
    """Workforce metrics by sex: women's share and parity, recruitment, promotion, exits,
    training, leave, pay gaps, the leaky pipeline and a projection to the target.

    Example: seal metrics workforce.csv --by grade,location --target 0.30
    """
    from .metrics import BREAKDOWNS, full_report, render_report
    from .workforce import load_workforce

    keys = _comma_list(by)
    for k in keys:
        if k not in BREAKDOWNS:
            raise typer.BadParameter(f"{k!r} is not a breakdown (choose from "
                                     f"{', '.join(BREAKDOWNS)})", param_hint="--by")
    try:
        band = tuple(float(x) for x in _comma_list(parity_band))
    except ValueError:
        band = ()
    if len(band) != 2 or not 0 <= band[0] <= band[1] <= 1:
        raise typer.BadParameter(f"{parity_band!r} is not LOW,HIGH with 0 <= LOW <= HIGH <= 1",
                                 param_hint="--parity-band")
    try:
        data = load_workforce(workforce, grades=_comma_list(grades) or None)
    except (SealError, ImportError) as e:
        _fail(e)
    if by is None:
        keys = ["grade"] if "grade" in data.breakdowns else []
    lacking = [k for k in keys if k not in data.breakdowns]
    if lacking:
        raise typer.BadParameter(f"the workforce file has no {lacking[0]!r} column (it has: "
                                 f"{', '.join(data.breakdowns) or 'none'})", param_hint="--by")
    report = full_report(data, keys, target, min_group=min_group, parity_band=band)
    typer.echo(render_report(report, format.value))


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
    from .workforce import write_workforce_template

    _writable(output, force)
    try:
        write_workforce_template(output, per_person=per_person)
    except ImportError as e:
        typer.echo(f"error: {e}", err=True)
        raise typer.Exit(1) from None
    typer.echo(f"wrote {output} ({'one row per person' if per_person else 'aggregated rows'})")


# ------------------------------------------------------------------------ gaps and action plans


class PlanFormat(str, Enum):
    markdown = "markdown"
    csv = "csv"
    xlsx = "xlsx"
    json = "json"


def _id_list(value: str | None, s: Standard, option: str) -> list[str]:
    ids = [i.strip() for i in (value or "").split(",") if i.strip()]
    known = [b.id for b in s.benchmarks()]
    for i in ids:
        if i not in known:
            raise typer.BadParameter(
                f"{i!r} is not a benchmark of {s.id} v{s.version}{did_you_mean(i, known)} "
                "(benchmarks: "
                f"{', '.join(known[:12])}{', …' if len(known) > 12 else ''})", param_hint=option)
    return ids


def _level_arg(value: str | None, s: Standard) -> str | None:
    if value is None:
        return None
    for lv in s.levels:
        if value in (lv.id, lv.title) or value.lower() == lv.title.lower():
            return lv.id
    raise typer.BadParameter(
        f"{value!r} is not a level of {s.id} v{s.version} (levels: "
        f"{', '.join(lv.id for lv in s.levels_in_order())})", param_hint="--target")


TargetOpt = Annotated[str | None, typer.Option(
    "--target", "-t", help="Level to aim at (id or title); default: the next level.")]
class PathChoice(str, Enum):
    fewest = "fewest"
    easiest = "easiest"


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
    from .actions import draft_plan, read_plan
    from .gaps import gap_analysis, render_gaps

    try:
        s, a, result = _score(assessment, standard, locale)
    except (SealError, ImportError) as e:
        _fail(e)
    level = _level_arg(target, s)
    assumed = _id_list(assume_met, s, "--assume-met")
    ruled_out = _id_list(exclude, s, "--exclude")
    try:
        edited = None
        if plan is not None:
            edited = read_plan(plan, s, draft_plan(s, a, gap_analysis(
                s, a, result, level, prefer=path.value)))
        report = gap_analysis(s, a, result, level, assume_met=assumed, exclude=ruled_out,
                              plan=edited, prefer=path.value)
    except (SealError, ImportError) as e:
        _fail(e)
    typer.echo(render_gaps(report, format.value, s), nl=False)


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
    target: TargetOpt = None,
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

    Example: seal actions assessments/starter/riverton-water-agency-2025.yaml -o plan.xlsx
    """
    from .actions import check_plan, draft_plan, read_plan, render_plan, write_plan
    from .gaps import gap_analysis

    fmt = format.value if format is not None else None
    if fmt is None:
        suffix = output.suffix.lower() if output is not None else ""
        fmt = {".xlsx": "xlsx", ".csv": "csv", ".json": "json"}.get(suffix, "markdown")
    if fmt == "xlsx" and output is None:
        raise typer.BadParameter("an XLSX workbook cannot go to the terminal; add -o PLAN.xlsx",
                                 param_hint="--format")
    if output is not None and plan is not None and output.resolve() == plan.resolve():
        if not force:  # reading an edited plan back and writing it over itself: say so
            raise typer.BadParameter(f"{str(output)!r} is the plan being read; add --force to "
                                     "rewrite it in place", param_hint="--output")
    else:
        _writable(output, force, assessment)
    try:
        s, a, result = _score(assessment, standard, locale)
    except (SealError, ImportError) as e:
        _fail(e)
    level = _level_arg(target, s)
    try:
        report = gap_analysis(s, a, result, level, prefer=path.value)
        the_plan = draft_plan(s, a, report, start=start, quarters=quarters)
        if plan is not None:
            the_plan = read_plan(plan, s, the_plan)
        issues = check_plan(the_plan, s)
        if output is not None:
            write_plan(the_plan, output, fmt, s)
    except (SealError, ImportError) as e:
        _fail(e)
    if output is None:
        typer.echo(render_plan(the_plan, fmt, s), nl=False)
    else:
        typer.echo(f"wrote {output} ({len(the_plan.rows)} actions, {the_plan.start} to "
                   f"{the_plan.end})")
    if output is not None or fmt != "markdown":
        for i in issues:
            typer.echo(f"warning: {i}", err=True)

"""Commands on many institutions: compare (the government's view) and generate (a synthetic
portfolio to try it on).  Batch scoring is ``seal score`` with several paths (cli/assess.py)."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

import seal_engine as se

from ._app import (
    Executor,
    ExecutorOpt,
    ForceOpt,
    SchedulerOpt,
    WorkersOpt,
    app,
    bad,
    comma_list,
    lang,
    output_ok,
    progress_bar,
    t,
)


class CompareFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"
    xlsx = "xlsx"


class Table(str, Enum):
    ranking = "ranking"
    levels = "levels"
    benchmarks = "benchmarks"
    parity = "parity"
    changes = "changes"


class Basis(str, Enum):
    preferred = "preferred"
    self = "self"
    reviewed = "reviewed"


def _write(output: Path | None, body: str | bytes) -> None:
    if output is None:
        typer.echo(body)
        return
    if isinstance(body, bytes):
        output.write_bytes(body)
    else:
        output.write_text(body + "\n", encoding="utf-8")
    typer.echo(t("cli.wrote", path=str(output)), err=True)


def _standard_files(result) -> list[Path]:
    """Where the standards a comparison used are found on the standards search path."""
    out = []
    for used in result.standards:
        try:
            out.append(se.find_standard(used.id, used.version))
        except se.SealError:
            pass
    return out


@app.command()
def compare(
    paths: Annotated[list[Path] | None, typer.Argument(
        metavar="[PATH]...", help="Assessment files, or folders holding them (searched "
        "below).")] = None,
    db: Annotated[bool, typer.Option(
        "--db", help="Compare the results stored in the database instead (SEAL_DATABASE_URL, "
        "else the default SQLite file), as the command line: every country.")] = False,
    by: Annotated[str | None, typer.Option(
        "--by", metavar="FIELDS", help="Break levels and pass rates down by these, "
        "comma-separated: country, scope, sector, region, standard, kind.")] = None,
    period: Annotated[list[str] | None, typer.Option(
        "--period", "-p", help="Only these periods (label or year; repeat or comma-separate); "
        "the latest of them is shown and the change from the one before. Default: each "
        "institution's latest.")] = None,
    standard: Annotated[str | None, typer.Option(
        "--standard", "-s", metavar="ID[@VERSION]", help="Only results against this "
        "standard.")] = None,
    basis: Annotated[Basis, typer.Option(
        "--basis", help="Which results: preferred (reviewed where there is one, else "
        "self-assessed; each row says which), self, or reviewed.")] = Basis.preferred,
    drafts: Annotated[bool, typer.Option(
        "--drafts", help="Count draft self-assessments too.")] = False,
    format: Annotated[CompareFormat | None, typer.Option(
        "--format", "-f", help="Output format (default: table, or from the -o suffix).")] = None,
    table: Annotated[Table, typer.Option(
        "--table", help="With --format csv: which table.")] = Table.ranking,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="Write here (needed for xlsx).")] = None,
    limit: Annotated[int | None, typer.Option(
        "--limit", min=1, help="Table format: at most this many rows in the long tables.")] = None,
    min_group: Annotated[int, typer.Option(
        "--min-group", min=1, help="Suppress staff figures of fewer women and men than this.")
    ] = 5,
    parity: Annotated[bool, typer.Option(
        "--parity/--no-parity", help="Read the workforce files for the parity dashboard.")
    ] = True,
    workers: WorkersOpt = None,
    executor: ExecutorOpt = Executor.local,
    scheduler: SchedulerOpt = None,
    force: ForceOpt = False,
) -> None:
    """Compare institutions: ranking, level distribution, national against subnational,
    benchmark pass rates, the parity dashboard and the change between periods.

    Example: seal compare assessments/ --by scope --standard undp-seal-public-institutions
    """
    if db and paths:
        raise bad(t("cli.paths_or_db"), "--db")
    if not db and not paths:
        raise bad(t("cli.paths_needed"), "PATH")
    fmt = se.format_for(output, format.value if format else None,
                        [f.value for f in CompareFormat], "table")
    if fmt == "xlsx" and output is None:
        raise bad(t("cli.xlsx_not_terminal", example="-o FILE.xlsx"), "--format")
    if output is not None:
        output_ok(output, force=force, inputs=list(paths or []))
    fields = comma_list(by)
    periods = [p for value in period or [] for p in comma_list(value)]
    if scheduler:
        executor = Executor.dask
    options = dict(by=fields, periods=periods, basis=basis.value, standard=standard,
                   drafts=drafts, min_group=min_group)
    if db:
        import seal_engine.store as st

        with st.open_store(create=False) as store:
            result = st.compare_stored(store, st.SYSTEM, parity=parity, lang=lang(),
                                       **options)
            url = store.engine.url
        read = [Path(url.database)] if url.get_backend_name() == "sqlite" and \
            url.database not in (None, "", ":memory:") else []
    else:
        with progress_bar(t("cli.progress.scoring")) as progress:
            result = se.compare_files(paths, parity=parity, workers=workers,
                                      executor=executor.value, scheduler=scheduler,
                                      progress=progress, lang=lang(), **options)
        read = list(paths or []) + _standard_files(result)
    if output is not None:  # the database, or the files found and the standards they name
        output_ok(output, force=force, inputs=read)
    _write(output, se.render_comparison(result, fmt, table=table.value, limit=limit,
                                         lang=lang()))


@app.command()
def generate(
    output: Annotated[Path, typer.Option(
        "--output", "-o", help="The folder to write (new or empty).")],
    institutions: Annotated[int, typer.Option(
        "--institutions", "-n", min=1, max=1_000_000, help="How many institutions.")] = 40,
    seed: Annotated[int, typer.Option("--seed", help="The same seed gives the same files.")
    ] = 2025,
    periods: Annotated[str, typer.Option(
        "--periods", help="The periods (years), comma-separated.")] = "2023,2024,2025",
    file_format: Annotated[str, typer.Option(
        "--file-format", help="yaml (to read and edit) or json (faster to read at scale).")
    ] = "yaml",
    workforce: Annotated[bool, typer.Option(
        "--workforce/--no-workforce", help="Write a workforce file beside each assessment.")
    ] = True,
    jobs: Annotated[int, typer.Option(
        "--jobs", "-j", min=1, max=64,
        help="Processes writing the files (the same files whatever their number).")] = 1,
    force: ForceOpt = False,
) -> None:
    """Write a synthetic portfolio of fictional institutions: assessments over several
    periods with workforce files, national and subnational, every level, drafts, two versions
    of a standard and the national adaptation.

    Example: seal generate --institutions 200 --seed 7 -o portfolio/
    """
    years = []
    for p in comma_list(periods):
        if not p.isdigit() or not 1900 < int(p) < 2200:
            raise bad(t("cli.not_a_year", value=p), "--periods")
        years.append(int(p))
    if not years:
        raise bad(t("cli.one_year_needed"), "--periods")
    if file_format not in ("yaml", "json"):
        raise bad(t("cli.yaml_or_json", value=file_format), "--file-format")
    report = se.generate_portfolio(output, institutions, seed=seed, years=sorted(set(years)),
                                   file_format=file_format, workforce=workforce, force=force,
                                   jobs=jobs)
    typer.echo(t("cli.generated", assessments=se.say("cli.assessments", n=report.assessments),
                 institutions=se.say("cli.n.institution", n=report.institutions),
                 drafts=se.say("cli.n.draft", n=report.drafts),
                 countries=se.say("cli.n.country", n=report.countries),
                 workforce_files=se.say("cli.n.workforce_file", n=report.workforce_files),
                 standard_files=se.say("cli.n.standard_file", n=len(report.standards)),
                 output=str(output)))
    typer.echo(t("cli.try", command=f"seal compare {output} --by country,scope"))

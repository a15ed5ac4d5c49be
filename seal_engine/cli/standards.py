"""Commands on standards: standards, schema, diff."""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

import seal_engine as se

from ._app import app, lang, localised_arg, standard_arg, t


class DiffFormat(str, Enum):
    text = "text"
    json = "json"


@app.command()
def standards(
    show: Annotated[str | None, typer.Option(
        "--show", metavar="STANDARD",
        help="Show one standard (id, id@version, file or folder): its basis, levels, "
             "parameters and mandatory benchmarks, each with its source.")] = None,
) -> None:
    """List the standards found on SEAL_STANDARDS_PATH and among the bundled ones, or show one.

    Example: seal standards --show undp-seal-public-institutions
    """
    if show is not None:
        typer.echo(se.render_standard(localised_arg(standard_arg(show, "--show"), None),
                                      lang=lang()))
        return

    def shown(path: Path) -> str:
        try:
            return str(path.resolve().relative_to(Path.cwd()))
        except ValueError:
            return str(path)

    rows, seen = [], set()
    for i in se.list_standards():
        path = shown(i.path)
        if (i.id, i.version) in seen:  # find_standard takes the first on the search path
            path = t("cli.standards.not_used", path=path)
        seen.add((i.id, i.version))
        rows.append((i.id, i.version, i.title, i.extends or "", path))
    typer.echo(se.text_table(tuple(t(f"cli.head.{h}") for h in ("id", "version", "title",
                                                                 "extends", "path")), rows))


@app.command()
def schema(
    output: Annotated[Path, typer.Option("--output", "-o", help="Folder to write to.")] = Path(
        "schemas"),
    check: Annotated[bool, typer.Option("--check", help="Only check the files are current; "
                                        "exit 1 if not.")] = False,
) -> None:
    """Write the JSON Schemas of standards, assessments, score results and column mapping
    files, generated from the models.

    Example: seal schema --check
    """
    stale = []
    schemas = se.json_schemas()
    for name, body in schemas.items():
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
            typer.echo(t("cli.wrote", path=str(target)))
    if stale:
        typer.echo(t("cli.schemas_stale", names=", ".join(stale), output=str(output)), err=True)
        raise typer.Exit(1)
    if check:
        typer.echo(t("cli.schemas_current", n=len(schemas), output=str(output)))


@app.command()
def diff(
    old: Annotated[str, typer.Argument(
        metavar="OLD", help="Standard file or folder, or ID[@VERSION].")],
    new: Annotated[str, typer.Argument(
        metavar="NEW", help="Standard file or folder, or ID[@VERSION].")],
    format: Annotated[DiffFormat, typer.Option("--format", "-f", help="Output format.")] = (
        DiffFormat.text),
) -> None:
    """List benchmarks added, removed and changed, and changed levels, parameters and scoring,
    between two standards.

    Example: seal diff undp-seal-public-institutions@1 standards/my-adaptation
    """
    d = se.diff_standards(standard_arg(old, "OLD"), standard_arg(new, "NEW"))
    typer.echo(se.render_diff(d, format.value, lang=lang()))

"""seal staff: staff data in the HR system's own shape (the institution's column mapping) and
staff data stored for an assessment."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ._app import app, t

staff_app = typer.Typer(name="staff", no_args_is_help=True, help=(
    "Staff data in the HR system's own shape: the institution's column mapping (show, set, "
    "suggest) and uploading an export for an assessment. See docs/workforce.md.\n\n"
    "Example: seal staff upload valdoria-ministry-of-labour-2025 hr-export.xlsx"))
mapping_app = typer.Typer(name="mapping", no_args_is_help=True, help=(
    "The institution's column mapping: which column of its HR export is which field, and the "
    "units of its hours and pay.\n\nExample: seal staff mapping show VAL-MLSP"))
staff_app.add_typer(mapping_app)
app.add_typer(staff_app)


def _read(path: Path, setting: str = "SEAL_MAX_DATA_BYTES") -> bytes:
    """A regular file's bytes, refused past the setting's limit."""
    import seal_engine as se

    limit = se.get_int_setting(setting)
    try:
        if not path.is_file():
            raise typer.BadParameter(t("cli.no_such_file", path=str(path)))
        if path.stat().st_size > limit:
            raise se.WorkforceError(se.Problem(se.say("source.over_limit", limit=str(limit),
                                                      setting=setting), file=str(path)))
        return path.read_bytes()
    except OSError as e:
        raise typer.BadParameter(t("cli.cannot_read", path=str(path),
                                   reason=e.strerror)) from None


def read_mapping(path: Path):
    """A mapping file (YAML or JSON), its problems located."""
    import seal_engine as se

    return se.mapping_from_text(_read(path, "SEAL_MAX_FILE_BYTES"), str(path))


def _yaml(mapping) -> str:
    import yaml

    return yaml.safe_dump(mapping.model_dump(mode="json"), sort_keys=False,
                          allow_unicode=True)


@mapping_app.command("show")
def mapping_show(
    institution: Annotated[str, typer.Argument(help="The institution's code.")],
    history: Annotated[bool, typer.Option("--history", help="Every version, newest "
                                          "first.")] = False,
) -> None:
    """Print the institution's column mapping in use (YAML, the format of a mapping file).

    Example: seal staff mapping show VAL-MLSP
    """
    import seal_engine.store as st

    with st.open_store() as store:
        found = (st.list_column_mappings(store, st.SYSTEM, institution) if history else
                 [m for m in [st.get_column_mapping(store, st.SYSTEM, institution)] if m])
    if not found:
        typer.echo(t("cli.staff.no_mapping", institution=institution,
                     command=f"seal staff mapping set {institution} MAPPING.yaml"), err=True)
        raise typer.Exit(1)
    for m in found:
        typer.echo(t("cli.staff.mapping_version", version=m.version,
                     when=f"{m.created_at:%Y-%m-%d %H:%M}", who=m.created_by))
        typer.echo(_yaml(m.mapping))


@mapping_app.command("set")
def mapping_set(
    institution: Annotated[str, typer.Argument(help="The institution's code.")],
    mapping_file: Annotated[Path, typer.Argument(metavar="MAPPING", help="A mapping file "
                                                 "(YAML or JSON; see docs/workforce.md).")],
    expected_version: Annotated[int | None, typer.Option(
        "--expected-version", help="Refuse if the mapping in use is not this version "
        "(default: whatever is in use).")] = None,
) -> None:
    """Save the institution's column mapping as a new version (audited; the others kept).

    Example: seal staff mapping set VAL-MLSP hr-columns.yaml
    """
    import seal_engine.store as st

    mapping = read_mapping(mapping_file)
    with st.open_store() as store:
        if expected_version is None:
            current = st.get_column_mapping(store, st.SYSTEM, institution)
            expected_version = current.version if current else 0
        version = st.save_column_mapping(store, st.SYSTEM, institution, mapping,
                                         expected_version)
    typer.echo(t("cli.staff.mapping_saved", institution=institution, version=version))


@mapping_app.command("suggest")
def mapping_suggest(
    export: Annotated[Path, typer.Argument(metavar="EXPORT", help="An HR export (CSV or "
                                           "XLSX).")],
    columns: Annotated[Path | None, typer.Option(
        "--columns", help="A mapping to start from (its choices kept).")] = None,
) -> None:
    """Print a mapping for an HR export: its columns the importer does not know, guessed
    from their names (check every line before saving it).

    Example: seal staff mapping suggest hr-export.xlsx > hr-columns.yaml
    """
    import seal_engine as se

    start = read_mapping(columns) if columns is not None else None
    found = se.check_header(_read(export), str(export), start)
    typer.echo(t("cli.staff.columns_of", file=export.name, columns=", ".join(found.columns)))
    typer.echo(t("cli.staff.null_note"))
    typer.echo(_yaml(found.suggested))


@staff_app.command("upload")
def staff_upload(
    assessment: Annotated[str, typer.Argument(help="The assessment (id or code).")],
    export: Annotated[Path, typer.Argument(metavar="FILE", help="Staff data (CSV or XLSX), "
                                           "as the HR system exports it.")],
    columns: Annotated[Path | None, typer.Option(
        "--columns", help="Apply this mapping file instead of the institution's "
        "saved one.")] = None,
    as_is: Annotated[bool, typer.Option("--as-is", help="Take the file as it is (no "
                                        "mapping).")] = False,
) -> None:
    """Store an assessment's staff data, mapped by the institution's saved column mapping
    when its columns need it (or by --columns), checked by the workforce importer; the same
    file again changes nothing.

    Example: seal staff upload valdoria-ministry-of-labour-2025 hr-export.xlsx
    """
    import seal_engine as se
    import seal_engine.store as st

    if columns is not None and as_is:
        raise typer.BadParameter(t("cli.staff.columns_or_as_is"), param_hint="--as-is")
    mapping = read_mapping(columns) if columns is not None else (None if as_is else "auto")
    content = _read(export)
    with st.open_store() as store:
        a = st.find_assessment(store, st.SYSTEM, assessment)
        done = st.upload_staff_data(store, st.SYSTEM, a.id, content, export.name,
                                    mapping=mapping)
    how = (se.say("cli.staff.as_is") if done.mapping_version is None and columns is None else
           se.say("cli.staff.mapped_by_file", path=str(columns)) if columns is not None else
           se.say("cli.staff.mapped_by_saved", version=done.mapping_version))
    if done.changed:
        typer.echo(t("cli.staff.stored", code=a.code, how=how, version=done.version))
    else:
        typer.echo(t("cli.staff.unchanged", code=a.code, how=how))

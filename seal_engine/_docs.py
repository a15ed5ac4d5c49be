"""Helpers that generate parts of the documentation (used by cog and the docs tests)."""

from __future__ import annotations


def command_names() -> list[str]:
    from .cli._app import get_command

    return sorted(get_command().commands)


def subcommand_names(name: str) -> list[str]:
    """The subcommands of a command group (``seal db ...``), or none."""
    from .cli._app import get_command

    command = get_command().commands[name]
    return sorted(getattr(command, "commands", {}) or {})


def command_help(name: str | None) -> str:
    """The ``--help`` of ``seal NAME`` (NAME may be ``"db import"``)."""
    from typer.testing import CliRunner

    from .cli import app

    args = (name.split() if name else []) + ["--help"]
    result = CliRunner().invoke(app, args, terminal_width=100, prog_name="seal",
                                env={"COLUMNS": "100", "TERM": "dumb"})
    return result.output


def cli_reference() -> str:
    parts = []
    names = [None]
    for name in command_names():
        names.append(name)
        names.extend(f"{name} {sub}" for sub in subcommand_names(name))
    for name in names:
        title = f"seal {name}" if name else "seal"
        parts.append(f"\n### `{title}`\n\n```\n{command_help(name).rstrip()}\n```\n")
    return "".join(parts) + "\n"

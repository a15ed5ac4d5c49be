"""Helpers that generate parts of the documentation (used by cog and the docs tests)."""

from __future__ import annotations


def command_names() -> list[str]:
    from .cli._app import get_command

    return sorted(get_command().commands)


def command_help(name: str | None) -> str:
    from typer.testing import CliRunner

    from .cli import app

    args = ([name] if name else []) + ["--help"]
    result = CliRunner().invoke(app, args, terminal_width=100, prog_name="seal",
                                env={"COLUMNS": "100", "TERM": "dumb"})
    return result.output


def cli_reference() -> str:
    parts = []
    for name in [None, *command_names()]:
        title = f"seal {name}" if name else "seal"
        parts.append(f"\n### `{title}`\n\n```\n{command_help(name).rstrip()}\n```\n")
    return "".join(parts) + "\n"

"""Writes :mod:`seal_engine.cli._commands`, the ``seal`` commands listed as data (each one's
module and what ``seal --help`` shows of it), so that listing them imports none:

    python -m seal_engine.cli._index

``tests/test_cli_lazy.py`` fails when the file is not what this writes."""

from __future__ import annotations

import importlib
import pprint
from pathlib import Path

PATH = Path(__file__).with_name("_commands.py")

_HEAD = '''"""The ``seal`` commands as data: name -> (module, first paragraph of the help,
short help, hidden, deprecated), in the order ``seal --help`` lists them.  Written by
``python -m seal_engine.cli._index``; do not edit."""

COMMANDS: dict[str, tuple[str, str | None, str | None, bool, bool | str]] = {
'''


def index() -> dict[str, tuple]:
    """Every command of the ``seal`` group, built by importing the command modules in order."""
    from typer.main import get_command_name, solve_typer_info_defaults

    from ._app import MODULES, app, get_command

    for module in MODULES:
        importlib.import_module(f"{__package__}.{module}")
    # each command's module is where its function is defined (not the module being imported
    # when it was registered: one command module may import another)
    where: dict[str, str] = {}
    for info in app.registered_commands:
        where[get_command_name(info.name or info.callback.__name__)] = _module(info.callback)
    for info in app.registered_groups:
        sub = info.typer_instance
        first = (sub.registered_callback.callback if sub.registered_callback is not None
                 and sub.registered_callback.callback is not None
                 else sub.registered_commands[0].callback)
        where[solve_typer_info_defaults(info).name] = _module(first)
    group = get_command()
    out = {}
    for name in group.list_commands(None):
        command = group.commands[name]
        help_ = command.help.split("\n\n")[0] if command.help else command.help
        out[name] = (where[name], help_, command.short_help, command.hidden, command.deprecated)
    return out


def _module(callback) -> str:
    """The command module (its name in ``MODULES``) that defines ``callback``."""
    return callback.__module__.rpartition(".")[2]


def source() -> str:
    lines = [_HEAD]
    for name, entry in index().items():
        shown = pprint.pformat(entry, width=90).replace("\n", "\n        ")
        lines.append(f"    {name!r}:\n        {shown},\n")
    lines.append("}\n")
    return "".join(lines)


if __name__ == "__main__":
    PATH.write_text(source(), encoding="utf-8")

"""The Typer application, its one error handler and the options commands share."""

from __future__ import annotations

import functools
import sys
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
import typer.core
from typer import _click as click  # the click Typer is built on (it vendors one)

from .. import SealError, __version__

_MAX_SHOWN = 50  # problems printed for one error; the rest are counted


class _Group(typer.core.TyperGroup):
    """The ``seal`` group: imports a command's module only when the command runs or its own help
    is asked for, and lists the commands from :mod:`._commands` (their names and short help kept
    as data), so ``seal --help`` and ``seal score`` build one command module, not all of them.

    Runs a command; a :class:`SealError` becomes its problems on stderr and exit 1, and a
    missing extra (an ImportError naming ``seal-engine[...]``) its install hint and exit 1."""

    def list_commands(self, ctx) -> list[str]:
        from ._commands import COMMANDS

        return [*COMMANDS, *(name for name in self.commands if name not in COMMANDS)]

    def get_command(self, ctx, cmd_name: str):
        command = self.commands.get(cmd_name)
        if command is None:
            from ._commands import COMMANDS

            listed = COMMANDS.get(cmd_name)
            load(*([listed[0]] if listed else MODULES))  # one not listed: look everywhere
            self._add_registered()
            command = self.commands.get(cmd_name)
        return command

    def load_all(self) -> None:
        """Every command built (documentation and tests list them all)."""
        load(*MODULES)
        self._add_registered()

    def _add_registered(self) -> None:
        """The commands and groups registered on :data:`app` since the group was made."""
        from typer.main import (
            get_command_from_info,
            get_command_name,
            get_group_from_info,
            solve_typer_info_defaults,
        )

        done = self.__dict__.setdefault("_built", set())
        common = {"pretty_exceptions_short": app.pretty_exceptions_short,
                  "rich_markup_mode": app.rich_markup_mode}
        for info in app.registered_commands:
            if id(info) not in done:
                done.add(id(info))
                name = get_command_name(info.name or info.callback.__name__)
                if name not in self.commands:
                    self.commands[name] = get_command_from_info(info, **common)
        for info in app.registered_groups:
            if id(info) not in done:
                done.add(id(info))
                name = solve_typer_info_defaults(info).name
                if name and name not in self.commands:
                    self.commands[name] = get_group_from_info(
                        info, suggest_commands=app.suggest_commands, **common)

    def format_commands(self, ctx, formatter) -> None:
        """As Typer's, with the commands not built yet shown from their help kept as data."""
        from ._commands import COMMANDS

        shown = []
        for name in self.list_commands(ctx):
            command = self.commands.get(name)
            if command is not None:
                if not command.hidden:
                    shown.append((name, command.get_short_help_str))
            elif not COMMANDS[name][3]:
                shown.append((name, functools.partial(_short_help, *COMMANDS[name][1:])))
        if shown:
            limit = formatter.width - 6 - max(len(name) for name, _ in shown)
            rows = [(name, short(limit)) for name, short in shown]
            with formatter.section(typer.core._("Commands")):
                formatter.write_dl(rows)

    def resolve_command(self, ctx, args):
        try:
            return self._click_resolve_command(ctx, args)
        except click.exceptions.UsageError as e:
            if self.suggest_commands and args:  # as Typer's, among every command listed
                from difflib import get_close_matches

                matches = get_close_matches(args[0], self.list_commands(ctx))
                if matches:
                    suggestions = ", ".join(f"{m!r}" for m in matches)
                    e.message = f"{e.message.rstrip('.')}. Did you mean {suggestions}?"
            raise

    def invoke(self, ctx: typer.Context):
        try:
            return super().invoke(ctx)
        except SealError as e:
            for p in e.problems[:_MAX_SHOWN]:
                typer.echo(t("cli.error", problem=p.render(lang())), err=True)
            if len(e.problems) > _MAX_SHOWN:
                typer.echo(t("cli.more_problems", n=len(e.problems) - _MAX_SHOWN), err=True)
            ctx.exit(1)
        except ImportError as e:
            if "seal-engine[" not in str(e):
                raise
            typer.echo(t("cli.error", problem=str(e)), err=True)
            ctx.exit(1)


def _short_help(help_: str | None, short_help: str | None, hidden: bool,
                deprecated: bool | str, limit: int) -> str:
    """What ``Command.get_short_help_str(limit)`` gives for a command with this help."""
    import inspect

    from typer._click.utils import make_default_short_help

    text = (inspect.cleandoc(short_help) if short_help else
            make_default_short_help(help_, limit) if help_ else "")
    if deprecated:
        text += f" (DEPRECATED: {deprecated})" if isinstance(deprecated, str) else " (DEPRECATED)"
    return text.strip()


#: The modules of commands, each registering its commands on :data:`app` when imported (a new
#: module is added here; then ``python -m seal_engine.cli._index`` lists its commands).
MODULES = ("assess", "certificates", "db", "forms", "i18n", "notify", "plans", "portfolio",
           "process", "report", "report_templates", "serve", "staff", "standards", "tokens",
           "workforce")


def load(*modules: str) -> None:
    """Import command modules (``assess``, ``db``...): their commands register on :data:`app`."""
    import importlib

    for m in modules:
        importlib.import_module(f"{__package__}.{m}")


class _Program(typer.Typer):
    """The ``seal`` program: run as a program (``seal ...``, ``python -m seal_engine``), it
    sets its process's garbage collector for a short command first (see
    :mod:`seal_engine.cli._program`); a test invoking it through a runner leaves the collector."""

    def __call__(self, *args, **kwargs):
        from ._program import quick_start

        quick_start()
        return super().__call__(*args, **kwargs)


app = _Program(
    name="seal",
    cls=_Group,
    help="Score, explain and plan Gender Equality Seal self-assessments.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"seal-engine {__version__}")
        raise typer.Exit()


_STATE = {"lang": "en"}


def lang() -> str:
    """The language of this run: ``--lang``, else ``SEAL_LANG``, else the locale's, else
    English (:func:`seal_engine.messages.resolve_language`)."""
    return _STATE["lang"]


def t(code: str, /, **params) -> str:
    """A message of the engine's catalogue (:mod:`seal_engine.messages`) in this run's
    language."""
    from seal_engine import render_message, say

    return render_message(say(code, **params), lang=lang())


def words(message) -> str:
    """A message (or a list of them, or a plain text) the engine returned, in this run's
    language."""
    from seal_engine import render_message

    return render_message(message, lang=lang())


def problem_text(error) -> str:
    """The first problem's message of an error (no location), in this run's language."""
    return words(error.problems[0].text)


def problem(p) -> str:
    """A located problem in this run's language."""
    return p.render(lang()) if hasattr(p, "render") else str(p)


def _lang(value: str | None) -> str | None:
    from seal_engine import message_languages as languages
    from seal_engine import resolve_language

    if value is not None:
        code = value.replace("-", "_").split("_")[0].lower()
        if code not in languages():
            raise typer.BadParameter(t("cli.unknown_lang", lang=value,
                                       choices=", ".join(languages())), param_hint="--lang")
    _STATE["lang"] = resolve_language(value)
    return value


@app.callback()
def main(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Show the version and exit.")] = False,
    language: Annotated[str | None, typer.Option(
        "--lang", metavar="LANG", callback=_lang, is_eager=True,
        help="The language to print results, problems and messages in (en, es, fr, pt; a "
        "language needs its catalogue); default: SEAL_LANG, else the locale (LC_ALL, "
        "LC_MESSAGES, LANG), else English.")] = None,
) -> None:
    """Score, explain and plan Gender Equality Seal self-assessments."""


def get_command():
    """The ``seal`` group with every command built."""
    group = typer.main.get_command(app)
    group.load_all()
    return group


# ------------------------------------------------------------------------ shared options

LocaleOpt = Annotated[
    str | None,
    typer.Option("--locale", "-l", help="Show the standard's texts in this language (e.g. fr) "
                 "where it has translations."),
]

ForceOpt = Annotated[bool, typer.Option(
    "--force", help="Replace the output file if it exists.")]

StandardOpt = Annotated[
    str | None,
    typer.Option("--standard", "-s", help="Standard file or folder, or ID[@VERSION]; default: "
                 "the one the assessment names, found on SEAL_STANDARDS_PATH and the bundled "
                 "standards."),
]


def comma_list(value: str | None) -> list[str]:
    return [p.strip() for p in (value or "").split(",") if p.strip()]


def bad(message: str, option: str | None = None) -> typer.BadParameter:
    return typer.BadParameter(message, param_hint=option)


def as_path(value: Path | None) -> Path | None:
    return value


def standard_arg(value: str, hint: str = "STANDARD"):
    """The standard a command-line argument names; a wrong one is a bad parameter (exit 2)."""
    import seal_engine as se

    try:
        return se.standard_from(value)
    except se.StandardError as e:
        if e.problems[0].file is None:  # not found: the argument is wrong, not a file
            raise typer.BadParameter(problem_text(e), param_hint=hint) from None
        raise


def output_ok(path, *, force: bool = False, inputs=(), hint: str = "--output") -> None:
    """Refuse an output path that ``check_output`` refuses, as a bad parameter (exit 2)."""
    import seal_engine as se

    try:
        se.check_output(path, force=force, inputs=inputs)
    except se.SealError as e:
        raise typer.BadParameter(t("cli.output_refused", path=str(path),
                                   problem=words(e.problems[0].text)), param_hint=hint) from None


def localised_arg(standard, locale: str | None):
    """The standard in ``--locale``'s language; a language it lacks is a bad parameter."""
    import seal_engine as se

    if locale is None:  # the standard's texts in this run's language, where it has them
        have = {standard.locale, *standard.translations}
        return standard.translated(lang()) if lang() != standard.locale and lang() in have \
            else standard
    try:
        return se.localised(standard, locale)
    except se.StandardError as e:
        raise typer.BadParameter(problem_text(e), param_hint="--locale") from None


def level_titles(standard_id: str, version: int, chosen=None) -> dict[str, str] | None:
    """The titles of a standard's levels by id, in this run's language where the standard has
    it: ``chosen`` when it is that standard, else the one found by id and version (None when
    it is not found)."""
    import seal_engine as se

    s = chosen if chosen is not None and (chosen.id, chosen.version) == (
        standard_id, version) else None
    if s is None:
        try:
            s = se.standard_from(f"{standard_id}@{version}")
        except se.SealError:
            return None
    # in this run's language: its own translations and those on the standards search path
    return {lv.id: se.level_title(s, lv.id, lang()) for lv in s.levels_in_order()}


# ------------------------------------------------------------------ many assessments


class Executor(str, Enum):
    local = "local"
    dask = "dask"


WorkersOpt = Annotated[int | None, typer.Option(
    "--workers", "-w", min=1, help="Processes to score with (default: all cores; 1: in this "
    "process).")]
ExecutorOpt = Annotated[Executor, typer.Option(
    "--executor", help="Where to score: local (a process pool on this machine) or dask (a "
    "Dask LocalCluster, or the cluster at --scheduler; needs seal-engine[dask]).")]
SchedulerOpt = Annotated[str | None, typer.Option(
    "--scheduler", metavar="ADDRESS", help="The Dask scheduler of an existing cluster, e.g. "
    "tcp://10.0.0.5:8786 (implies --executor dask).")]


@contextmanager
def progress_bar(label: str, *, minimum: int = 100):
    """A progress callback drawing a bar on stderr when it is a terminal and the run is long
    (``minimum`` items or more); otherwise one that does nothing."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    progress = Progress(TextColumn(label), BarColumn(), MofNCompleteColumn(),
                        TimeRemainingColumn(), console=Console(stderr=True), transient=True)
    state: dict = {}

    def update(done: int, total: int) -> None:
        if total < minimum:
            return
        if "task" not in state:
            progress.start()
            state["task"] = progress.add_task(label, total=total)
        progress.update(state["task"], completed=done)

    try:
        yield update
    finally:
        if "task" in state:
            progress.stop()

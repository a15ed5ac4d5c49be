"""The Typer application, its one error handler and the options commands share."""

from __future__ import annotations

import sys
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
import typer.core

from .. import SealError, __version__

_MAX_SHOWN = 50  # problems printed for one error; the rest are counted


class _Group(typer.core.TyperGroup):
    """Runs a command; a :class:`SealError` becomes its problems on stderr and exit 1, and a
    missing extra (an ImportError naming ``seal-engine[...]``) its install hint and exit 1."""

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
            typer.echo(f"error: {e}", err=True)
            ctx.exit(1)


app = typer.Typer(
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
    return typer.main.get_command(app)


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


def n(count: int, word: str) -> str:
    """'1 answer', '2 answers'."""
    return f"{count} {word}{'' if count == 1 else 's'}"


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

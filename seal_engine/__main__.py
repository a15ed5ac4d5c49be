"""`python -m seal_engine` runs the `seal` command line."""

from .cli._program import quick_start

quick_start()  # before the command line's imports, which are most of what a command allocates

from .cli import app  # noqa: E402

app(prog_name="seal")

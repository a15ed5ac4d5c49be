"""`python -m seal_engine` runs the `seal` command line."""

from .cli import app

app(prog_name="seal")

"""``seal app``: the web app, on the database (created on first start); ``seal app --demo`` on
the demo (created in an empty database, refused on any other)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from importlib import resources
from typing import Annotated

import typer

from ._app import app, t


@app.command("app")
def serve_app(
    port: Annotated[int, typer.Option(help="Port to serve the app on.")] = 8501,
    address: Annotated[str, typer.Option(
        help="Address to listen on: localhost (this computer only), or 0.0.0.0 behind a "
        "reverse proxy with HTTPS.")] = "localhost",
    demo: Annotated[bool, typer.Option(
        "--demo/--no-demo", help="Try the app on the demo: create it in an empty database "
        "(bundled standards, example institutions, one user per role with public passwords) "
        "and list those accounts on the sign-in page. Refused on a database holding anything "
        "else.")] = False,
) -> None:
    """Start the web app on the database (SEAL_DATABASE_URL, by default seal.db in
    SEAL_DATA_DIR), creating its schema on first start; --demo to try it on the demo.

    Example: seal app --demo
    """
    from seal_engine.app import require

    require()
    import seal_engine.store as st

    env = dict(os.environ, SEAL_APP_DEMO="yes" if demo else "no")
    with st.open_store() as store:
        shown = store.shown_url
        if demo and st.store_is_empty(store):
            typer.echo(t("cli.serve.creating_demo", url=shown))
            st.init_demo(store)
        elif demo and not st.is_demo_store(store):
            from seal_engine import say

            raise st.StoreError(say("cli.serve.not_demo", url=shown))
        empty = st.store_is_empty(store)
    script = resources.files("seal_engine.app") / "serve.py"
    host = "localhost" if address in ("0.0.0.0", "::") else address
    typer.echo(t("cli.db.database", url=shown))
    typer.echo(t("cli.serve.open", host=host, port=str(port)))
    if demo:
        from seal_engine import say

        typer.echo(t("cli.serve.demo_accounts"))
        for u in st.DEMO_USERS:
            typer.echo(t("cli.demo_account_of" if u.scope else "cli.demo_account",
                         role=say(f"role.{u.role}"),
                         scope=u.scope, email=u.email, password=u.password))
    elif empty:
        typer.echo(t("cli.serve.empty"))
    command = [sys.executable, "-m", "streamlit", "run", str(script),
               "--server.port", str(port), "--server.address", address,
               "--server.headless", "true", "--browser.gatherUsageStats", "false",
               "--client.toolbarMode", "minimal", "--client.showErrorDetails", "none",
               "--theme.primaryColor", "#006eb5",
               # a served app never reloads its modules when a file of the package changes
               # (an upgrade under a running server): with users in the middle of a run that
               # raised KeyError on half-unloaded modules (benchmarks/load.py)
               "--server.fileWatcherType", "none", "--server.runOnSave", "false"]
    raise typer.Exit(run_server(command, env))


_STOP = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGINT", "SIGHUP", "SIGQUIT")
              if hasattr(signal, name))


def run_server(command: list[str], env: dict[str, str]) -> int:
    """Run the server so that stopping ``seal app`` stops it.

    On POSIX ``seal app`` becomes the server (``os.execvpe``): one process, with the same id,
    so SIGTERM or SIGINT sent to it reach Streamlit, which shuts down.  Elsewhere the server
    is a child: the stop signals ``seal app`` receives are passed on to it and ``seal app``
    waits for it to end, returning its exit code."""
    sys.stdout.flush()
    sys.stderr.flush()
    if os.name == "posix":
        os.execvpe(command[0], command, env)  # returns only by raising OSError
    return forward_signals(command, env)  # pragma: no cover - Windows


def forward_signals(command: list[str], env: dict[str, str]) -> int:
    """Run ``command`` as a child, passing on the stop signals this process receives, and
    return its exit code once it has ended (stopping it if waiting is interrupted)."""
    child = subprocess.Popen(command, env=env)

    def forward(signum, _frame):
        if child.poll() is None:
            child.send_signal(signum)

    previous = {s: signal.signal(s, forward) for s in _STOP}
    try:
        while True:
            try:
                return child.wait()
            except KeyboardInterrupt:  # pragma: no cover - Ctrl+C where SIGINT is not ours
                forward(signal.SIGINT, None)
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)
        if child.poll() is None:  # pragma: no cover - only when waiting itself failed
            child.terminate()
            try:
                child.wait(10)
            except subprocess.TimeoutExpired:
                child.kill()

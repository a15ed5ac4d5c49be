"""``seal app``: the web app, on the database (created on first start, with the demo data
unless told not to)."""

from __future__ import annotations

import os
import subprocess
import sys
from importlib import resources
from typing import Annotated

import typer

from ._app import app


@app.command("app")
def serve_app(
    port: Annotated[int, typer.Option(help="Port to serve the app on.")] = 8501,
    address: Annotated[str, typer.Option(
        help="Address to listen on: localhost (this computer only), or 0.0.0.0 behind a "
        "reverse proxy with HTTPS.")] = "localhost",
    demo: Annotated[bool, typer.Option(
        "--demo/--no-demo", help="Load the demo (bundled standards, example institutions, one "
        "user per role with public passwords) into an empty database.")] = True,
) -> None:
    """Start the web app on the database (SEAL_DATABASE_URL, by default seal.db in
    SEAL_DATA_DIR), creating it on first start.

    Example: seal app --port 8501
    """
    from seal_engine.app import require

    require()
    import seal_engine.store as st

    env = dict(os.environ, SEAL_APP_DEMO="yes" if demo else "no")
    with st.open_store() as store:
        if demo and st.store_is_empty(store):
            typer.echo(f"creating the demo in {store.shown_url} (once; about a minute)…")
            st.init_demo(store)
        shown = store.shown_url
        empty = st.store_is_empty(store)
    script = resources.files("seal_engine.app") / "serve.py"
    host = "localhost" if address in ("0.0.0.0", "::") else address
    typer.echo(f"database: {shown}")
    typer.echo(f"open http://{host}:{port} in a browser and sign in")
    if demo:
        typer.echo("demo accounts (public passwords: never put real data in this database):")
        for u in st.DEMO_USERS:
            scope = f" of {u.scope}" if u.scope else ""
            typer.echo(f"  {u.role}{scope}: {u.email} / {u.password}")
    elif empty:
        typer.echo("the database is empty: add the first admin with seal users add EMAIL and "
                   "seal users grant EMAIL admin")
    command = [sys.executable, "-m", "streamlit", "run", str(script),
               "--server.port", str(port), "--server.address", address,
               "--server.headless", "true", "--browser.gatherUsageStats", "false",
               "--client.toolbarMode", "minimal", "--client.showErrorDetails", "none",
               "--theme.primaryColor", "#006eb5"]
    try:
        code = subprocess.call(command, env=env)
    except KeyboardInterrupt:  # pragma: no cover - Ctrl+C stops the server
        code = 0
    raise typer.Exit(code)

"""seal tokens: API tokens for the JSON API (add, list, revoke)."""

from __future__ import annotations

from typing import Annotated

import typer

from ._app import app

tokens_app = typer.Typer(name="tokens", no_args_is_help=True, help=(
    "API tokens for the JSON API (/api/v1/..., see docs/api.md): add, list, revoke.\n\n"
    "Example: seal tokens add focal@example.org --name 'HR system nightly push'"))
app.add_typer(tokens_app)


def _st():
    import seal_engine.store as st

    return st


@tokens_app.command("add")
def tokens_add(
    email: Annotated[str, typer.Argument(help="The user the token acts as (their roles).")],
    name: Annotated[str, typer.Option("--name", help="What the token is for, e.g. 'HR system "
                                      "nightly push'.")],
    read_only: Annotated[bool, typer.Option("--read-only", help="Refuse every write, whatever "
                                            "the user's roles.")] = False,
) -> None:
    """Make an API token acting as a user and print it (once: only its SHA-256 is kept).

    Example: seal tokens add focal@example.org --name 'HR system nightly push'
    """
    st = _st()
    with st.open_store() as store:
        token, info = st.create_token(store, st.SYSTEM, email, name, read_only=read_only)
    typer.echo(token)
    typer.echo(f"token {info.id} for {info.user_email} ({info.name}"
               f"{', read-only' if info.read_only else ''}): copy it now, it is not shown "
               "again; send it as 'Authorization: Bearer TOKEN'", err=True)


@tokens_app.command("list")
def tokens_list(
    user: Annotated[str | None, typer.Option("--user", help="Only this user's tokens.")] = None,
    revoked: Annotated[bool, typer.Option("--revoked", help="Revoked tokens too.")] = False,
) -> None:
    """List API tokens: id, user, name, read-only, made, last used, revoked.

    Example: seal tokens list --user focal@example.org
    """
    import seal_engine as se

    st = _st()
    with st.open_store() as store:
        tokens = st.list_tokens(store, st.SYSTEM, user=user, include_revoked=revoked)

    def when(v) -> str:
        return v.strftime("%Y-%m-%d %H:%M") if v else "-"

    typer.echo(se.text_table(
        ("Id", "User", "Name", "Read-only", "Made", "Last used", "Revoked"),
        [(t.id, t.user_email, t.name, "yes" if t.read_only else "no", when(t.created_at),
          when(t.last_used_at), when(t.revoked_at)) for t in tokens]))


@tokens_app.command("revoke")
def tokens_revoke(
    token_id: Annotated[str, typer.Argument(metavar="ID", help="The token's id (seal tokens "
                                            "list).")],
) -> None:
    """Revoke an API token at once.

    Example: seal tokens revoke 3f2a...
    """
    st = _st()
    with st.open_store() as store:
        info = st.revoke_token(store, st.SYSTEM, token_id)
    typer.echo(f"revoked token {info.id} of {info.user_email} ({info.name})")

"""seal tokens: API tokens for the JSON API (add, list, revoke)."""

from __future__ import annotations

from typing import Annotated

import typer

from ._app import app, t

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
    typer.echo(t("tokens.cli.made_read_only" if info.read_only else "tokens.cli.made",
                 id=info.id, email=info.user_email, name=info.name), err=True)


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

    heads = tuple(t(f"tokens.cli.head.{h}") for h in (
        "id", "user", "name", "read_only", "made", "last_used", "revoked"))
    typer.echo(se.text_table(heads, [
        (k.id, k.user_email, k.name, t("word.yes" if k.read_only else "word.no"),
         when(k.created_at), when(k.last_used_at), when(k.revoked_at)) for k in tokens]))


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
    typer.echo(t("tokens.cli.revoked", id=info.id, email=info.user_email, name=info.name))

"""``rulings user ...`` (reviewer accounts and API tokens) and ``rulings review lists`` (issue 17, docs/review.md).

E-mail addresses are printed only where the operator asked for them (``user list``), never logged.
"""

from __future__ import annotations

import json
from pathlib import Path

import click
from sqlalchemy import select

from app.review import accounts
from archive.db import open_database, session_scope
from archive.models import ReviewApiToken, ReviewPromotion, ReviewUser
from archive.settings import get_settings


def _factory():  # type: ignore[no-untyped-def]
    return open_database(get_settings()).factory


@click.group()
def user() -> None:
    """Reviewer accounts: add, list, disable, enable, API tokens."""


@user.command("add")
@click.argument("email")
@click.option("--role", type=click.Choice(accounts.ROLES), default="reviewer", show_default=True)
@click.option("--link", is_flag=True, help="Print a one-time link (48 h) to set the password instead of asking.")
def user_add(email: str, role: str, link: bool) -> None:
    """Add an account: asks for its password, or with --link prints a one-time set-up link."""
    password = None if link else click.prompt("Password", hide_input=True, confirmation_prompt=True)
    with session_scope(_factory()) as session:
        _, token = accounts.add_user(session, email, role, password)
    if token:
        settings = get_settings()
        base = settings.public_url or f"http://{settings.host}:{settings.port}"
        click.echo(f"{base}/beheer/wachtwoord?token={token}")
        click.echo("one-time link, valid 48 hours", err=True)
    else:
        click.echo("account added", err=True)


@user.command("list")
@click.option("--json", "as_json", is_flag=True)
def user_list(as_json: bool) -> None:
    """Every account: address, role, state, last login."""
    with session_scope(_factory()) as session:
        rows = [{"email": u.email, "role": u.role, "disabled": u.disabled,
                 "password_set": u.password_hash is not None, "failed_logins": u.failed_logins,
                 "last_login_at": u.last_login_at.isoformat() if u.last_login_at else None}
                for u in session.scalars(select(ReviewUser).order_by(ReviewUser.email))]
    for row in rows:
        if as_json:
            click.echo(json.dumps(row))
        else:
            state = "disabled" if row["disabled"] else ("active" if row["password_set"] else "awaiting password")
            click.echo(f"{row['email']}\t{row['role']}\t{state}\t{row['last_login_at'] or '-'}")


@user.command("disable")
@click.argument("email")
def user_disable(email: str) -> None:
    """Disable an account: it cannot log in, its sessions end and its API tokens are revoked."""
    with session_scope(_factory()) as session:
        accounts.set_disabled(session, email, True)
    click.echo("account disabled", err=True)


@user.command("enable")
@click.argument("email")
def user_enable(email: str) -> None:
    with session_scope(_factory()) as session:
        accounts.set_disabled(session, email, False)
    click.echo("account enabled", err=True)


@user.command("token")
@click.argument("email")
@click.option("--name", default="", help="What the token is for.")
@click.option("--revoke", is_flag=True, help="Revoke every token of the account instead.")
@click.option("--list", "list_", is_flag=True, help="List the account's tokens (prefixes only).")
def user_token(email: str, name: str, revoke: bool, list_: bool) -> None:
    """Create an API token for the reviewer API (printed once; only its hash is stored)."""
    with session_scope(_factory()) as session:
        if revoke:
            click.echo(f"revoked {accounts.revoke_tokens(session, email)} token(s)", err=True)
            return
        if list_:
            found = accounts.find_user(session, email)
            for t in session.scalars(select(ReviewApiToken).where(ReviewApiToken.user_id == found.id)):
                click.echo(f"{t.prefix}…\t{t.name}\t{'revoked' if t.revoked else 'active'}\t"
                           f"{t.last_used_at.isoformat() if t.last_used_at else '-'}")
            return
        token = accounts.create_token(session, email, name)
    click.echo(token)


@click.group("review")
def review_group() -> None:
    """Review: the reviewed data lists promoted from corrections."""


@review_group.command("lists")
@click.argument("directory", required=False, type=click.Path(file_okay=False, path_type=Path))
def review_lists(directory: Path | None) -> None:
    """Write the promoted entries as the anonymiser's list files (kept_organisations.txt, known_surnames.txt) to
    DIRECTORY, or print them; merge them into anonymise/data/ (public_bodies.txt, surnames_extra.txt)."""
    with session_scope(_factory()) as session:
        rows = [(p.kind, p.value) for p in session.scalars(select(ReviewPromotion).order_by(ReviewPromotion.kind,
                                                                                             ReviewPromotion.value))]
    by_kind: dict[str, list[str]] = {"kept_organisation": [], "known_surname": []}
    for kind, value in rows:
        by_kind.setdefault(kind, []).append(value)
    if directory is None:
        for kind, values in by_kind.items():
            for value in values:
                click.echo(f"{kind}\t{value}")
        return
    directory.mkdir(parents=True, exist_ok=True)
    for kind, values in by_kind.items():
        path = directory / f"{kind}s.txt"
        path.write_text("# Promoted by reviewers (rulings review lists)\n" + "".join(v + "\n" for v in values),
                        encoding="utf-8")
        click.echo(f"{path}: {len(values)}", err=True)


def register(cli: click.Group) -> None:
    cli.add_command(user)
    cli.add_command(review_group)

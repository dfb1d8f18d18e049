"""The flask commands: create-user and seed-demo."""

import logging
import time

import click
from flask import Flask, current_app
from flask.cli import with_appcontext
from sqlalchemy import func, select

from scheduler.auth.models import ROLES
from scheduler.auth.operations import create_user
from scheduler.communes.models import Commune, Official
from scheduler.extensions import db
from scheduler.trainers.models import Trainer

log = logging.getLogger(__name__)


def init_app(app: Flask) -> None:
    """Register the commands on the app's CLI."""
    app.cli.add_command(create_user_command)
    app.cli.add_command(seed_demo_command)


def find_id(model, code: str | None) -> int | None:
    """The database id of the record with this contract code; a click error when unknown."""
    if not code:
        return None
    found = db.session.scalar(select(model.id).where(model.code == code))
    if found is None:
        raise click.BadParameter(f"no {model.__name__.lower()} with code {code!r}")
    return found


@click.command("create-user")
@click.argument("username")
@click.option("--role", type=click.Choice(ROLES), required=True)
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True)
@click.option("--name", "display_name", default="", help="Name shown in the header.")
@click.option("--commune", help="Commune code (focal point).")
@click.option("--official", help="Official code (official).")
@click.option("--trainer", help="Trainer code (trainer).")
@with_appcontext
def create_user_command(username, role, password, display_name, commune, official, trainer):
    """Create a login with a role; bound roles name their commune, official or trainer code."""
    try:
        user = create_user(
            username, password, role, display_name,
            commune_id=find_id(Commune, commune), official_id=find_id(Official, official),
            trainer_id=find_id(Trainer, trainer),
        )
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    db.session.commit()
    click.echo(f"Created {user.role} {user.username!r}.")


@click.command("seed-demo")
@click.option("--if-empty", is_flag=True, help="Do nothing when the database has communes.")
@with_appcontext
def seed_demo_command(if_empty):
    """Load the Điện Biên demo province, one open round and a demo login per role."""
    from scheduler.demo import seed_demo

    if db.session.scalar(select(func.count(Commune.id))):
        if if_empty:
            click.echo("The database already has data; seed-demo skipped.")
            return
        raise click.ClickException("the database already has data; use an empty database")
    started = time.perf_counter()
    summary = seed_demo(current_app.config["DEMO_PROVINCE"], current_app.config["DEMO_WEEKS"],
                        current_app.config["DEMO_SEED"])
    db.session.commit()
    click.echo(f"Loaded {summary} in {time.perf_counter() - started:.1f} s.")

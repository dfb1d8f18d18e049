"""Migrations build the schema on an empty SQLite or PostgreSQL database and match the models."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect

from scheduler.extensions import db


def test_upgrade_creates_every_table(blank_app):
    """`flask db upgrade` on an empty database creates every table of the models."""
    with blank_app.app_context():
        tables = set(inspect(db.engine).get_table_names())
    assert set(db.metadata.tables) <= tables
    assert "alembic_version" in tables


def test_migrations_match_the_models(blank_app):
    """No model change is missing a migration (autogenerate finds nothing to do)."""
    with blank_app.app_context(), db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(context, db.metadata) == []


def test_downgrade_and_upgrade_again(blank_app):
    """The migrations also go down to an empty database and back up."""
    with blank_app.app_context():
        downgrade(revision="base")
        assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}
        upgrade()
        assert set(db.metadata.tables) <= set(inspect(db.engine).get_table_names())

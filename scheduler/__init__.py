"""The training-course scheduler web app: create_app builds and wires it."""

import os
from pathlib import Path

from flask import Flask

from scheduler import config as default_config
from scheduler.extensions import babel, csrf, db, login_manager, migrate

ROOT = Path(__file__).resolve().parent.parent


def create_app(test_config: dict | None = None) -> Flask:
    """Build the app: config, extensions, blueprints, CLI commands."""
    app = Flask(
        __name__,
        instance_path=os.environ.get("SCHEDULER_INSTANCE_PATH") or str(ROOT / "instance"),
        instance_relative_config=True,
        template_folder=str(ROOT / "templates"),
    )
    load_config(app, test_config)
    init_extensions(app)
    register_blueprints(app)
    register_commands(app)
    return app


def load_config(app: Flask, test_config: dict | None) -> None:
    """Defaults < instance/config.py < environment variables < test_config."""
    app.config.from_object(default_config)
    app.config.from_pyfile("config.py", silent=True)
    for variable, key in app.config["ENVIRONMENT"].items():
        if os.environ.get(variable):
            app.config[key] = os.environ[variable]
    app.config.from_prefixed_env("SCHEDULER")
    if test_config:
        app.config.update(test_config)
    uri = app.config["SQLALCHEMY_DATABASE_URI"]
    if not uri:
        os.makedirs(app.instance_path, exist_ok=True)
        uri = "sqlite:///" + os.path.join(app.instance_path, "scheduler.sqlite3")
    app.config["SQLALCHEMY_DATABASE_URI"] = normalise_database_url(uri)


def normalise_database_url(url: str) -> str:
    """Point plain postgres:// and postgresql:// URLs at the psycopg 3 driver."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def init_extensions(app: Flask) -> None:
    """Attach the extensions, the login loader, the locale selector and the Jinja filters."""
    from scheduler import auth, i18n, models  # noqa: F401  (models: so the metadata is complete)

    db.init_app(app)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"))
    csrf.init_app(app)
    auth.init_login(app, login_manager)
    babel.init_app(app, locale_selector=i18n.select_locale)
    i18n.init_app(app)
    from scheduler.planning import service as planning_service

    planning_service.init_app(app)


def register_blueprints(app: Flask) -> None:
    """One blueprint per domain, each under its own URL prefix, plus the error pages."""
    from scheduler import errors
    from scheduler.auth.views import bp as auth_bp
    from scheduler.communes.views import bp as communes_bp
    from scheduler.home.views import bp as home_bp
    from scheduler.planning.views import bp as planning_bp
    from scheduler.requests.views import bp as requests_bp
    from scheduler.review.views import bp as review_bp
    from scheduler.rounds.views import bp as rounds_bp
    from scheduler.topics.views import bp as topics_bp
    from scheduler.trainers.views import bp as trainers_bp
    from scheduler.venues.views import bp as venues_bp

    for bp in (home_bp, auth_bp, communes_bp, topics_bp, trainers_bp, venues_bp, rounds_bp):
        app.register_blueprint(bp)
    app.register_blueprint(review_bp)
    app.register_blueprint(planning_bp)
    app.register_blueprint(requests_bp)
    errors.init_app(app)


def register_commands(app: Flask) -> None:
    """The flask commands: create-user, seed-demo."""
    from scheduler import commands

    commands.init_app(app)

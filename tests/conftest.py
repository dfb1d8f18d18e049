"""Shared fixtures: the app on SQLite and PostgreSQL (seeded once per backend), clients per role.

PostgreSQL tests need TEST_DATABASE_URL (e.g. postgresql+psycopg://postgres@127.0.0.1:5432/postgres):
each fixture creates its own uniquely named database from it and drops it afterwards. Without the
variable, or when the server cannot be reached, those tests are skipped with a message.
"""

from __future__ import annotations

import os
import re
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

BACKENDS = ("sqlite", "postgres")
PASSWORDS = {"planner": "planner-demo", "focal_point": "muongnhe-demo",
             "official": "official-demo", "trainer": "trainer-demo"}


# ---- databases -------------------------------------------------------------------------------
def postgres_admin_url() -> str:
    """TEST_DATABASE_URL with the psycopg 3 driver, or a skip with the reason."""
    from scheduler import normalise_database_url

    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        pytest.skip("PostgreSQL tests skipped: set TEST_DATABASE_URL to run them")
    return normalise_database_url(url)


@contextmanager
def fresh_database(backend: str, folder: Path) -> Iterator[str]:
    """A new empty database of the backend; yields its URL and drops it afterwards."""
    if backend == "sqlite":
        yield f"sqlite:///{folder / 'test.sqlite3'}"
        return
    from sqlalchemy import create_engine, text
    from sqlalchemy.exc import OperationalError

    admin_url = postgres_admin_url()
    name = f"sched_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except OperationalError as exc:
        admin.dispose()
        pytest.skip(f"PostgreSQL tests skipped: {admin_url} is unreachable ({exc.orig})")
    url = admin.url.set(database=name).render_as_string(hide_password=False)
    try:
        yield url
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def make_app(database_url: str, **config):
    """An app on the given database, with test settings (CSRF stays on, as in production)."""
    from scheduler import create_app

    settings = {"TESTING": True, "SQLALCHEMY_DATABASE_URI": database_url,
                "SECRET_KEY": "test-secret", "SERVER_NAME": None}
    return create_app({**settings, **config})


def upgrade(app) -> None:
    """Build the schema with the migrations (as `flask db upgrade` does)."""
    from flask_migrate import upgrade as alembic_upgrade

    with app.app_context():
        alembic_upgrade()


@pytest.fixture(scope="session", autouse=True)
def isolated_instance(tmp_path_factory) -> Iterator[Path]:
    """Keep the developer's instance/config.py and environment out of the tests."""
    folder = tmp_path_factory.mktemp("instance")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SCHEDULER_INSTANCE_PATH", str(folder))
        for name in ("DATABASE_URL", "SECRET_KEY"):
            mp.delenv(name, raising=False)
        yield folder


@pytest.fixture(scope="session", params=BACKENDS)
def app(request, tmp_path_factory):
    """The app on each backend, migrated and loaded with the Điện Biên demo once per session."""
    folder = tmp_path_factory.mktemp(f"demo-{request.param}")
    with fresh_database(request.param, folder) as url:
        application = make_app(url)
        application.config["BACKEND"] = request.param
        upgrade(application)
        result = application.test_cli_runner().invoke(args=["seed-demo"])
        assert result.exit_code == 0, result.output
        yield application
        with application.app_context():
            from scheduler.extensions import db

            db.engine.dispose()


@pytest.fixture(params=BACKENDS)
def blank_app(request, tmp_path):
    """A migrated, empty app on each backend (for tests that write), dropped afterwards."""
    with fresh_database(request.param, tmp_path) as url:
        application = make_app(url)
        application.config["BACKEND"] = request.param
        upgrade(application)
        yield application
        with application.app_context():
            from scheduler.extensions import db

            db.engine.dispose()


@pytest.fixture()
def client(app):
    """An anonymous browser."""
    return app.test_client()


@pytest.fixture()
def runner(app):
    """The flask command line."""
    return app.test_cli_runner()


# ---- logged-in clients -----------------------------------------------------------------------
def demo_user_id(app, role: str) -> int:
    """The id of the demo login of a role."""
    from sqlalchemy import select

    from scheduler.auth.models import User
    from scheduler.extensions import db

    with app.app_context():
        return db.session.scalar(select(User.id).where(User.role == role).order_by(User.id))


def logged_in(app, role: str):
    """A test client whose session belongs to the demo user of the role."""
    client = app.test_client()
    user_id = demo_user_id(app, role)
    with client.session_transaction() as session:
        session["_user_id"] = str(user_id)
        session["_fresh"] = True
    return client


@pytest.fixture()
def planner_client(app):
    return logged_in(app, "planner")


@pytest.fixture()
def focal_client(app):
    return logged_in(app, "focal_point")


@pytest.fixture()
def official_client(app):
    return logged_in(app, "official")


@pytest.fixture()
def trainer_client(app):
    return logged_in(app, "trainer")


# ---- helpers and small factories -------------------------------------------------------------
def csrf_token(html: str) -> str:
    """The CSRF token of the first form on a page."""
    match = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html) or re.search(
        r'name="csrf_token" value="([^"]+)"', html
    )
    assert match, "the page has no CSRF token"
    return match.group(1)


def make_province(name: str = "Tỉnh Thử"):
    """A province (flushed)."""
    from scheduler.communes.models import Province
    from scheduler.extensions import db

    province = Province(name=name)
    db.session.add(province)
    db.session.flush()
    return province


def make_commune(province, code: str = "C1", name: str = "Xã Thử", **fields):
    """A commune with sensible defaults (flushed)."""
    from scheduler.communes.models import Commune
    from scheduler.extensions import db

    values = {"kind": "xa", "staff": 60, "max_away": 10, "online_capable": False, **fields}
    commune = Commune(province_id=province.id, code=code, name=name, **values)
    db.session.add(commune)
    db.session.flush()
    return commune


def make_official(commune, code: str = "O1", name: str = "Nguyễn Văn A", **fields):
    """An official of a commune (flushed)."""
    from scheduler.communes.models import Official
    from scheduler.extensions import db

    official = Official(commune_id=commune.id, code=code, name=name,
                        position=fields.pop("position", "Công chức"), **fields)
    db.session.add(official)
    db.session.flush()
    return official


def make_user(username: str = "user", password: str = "secret-pass", role: str = "planner",
              **bound):
    """An account (flushed) through the same operation the command uses."""
    from scheduler.auth.operations import create_user

    return create_user(username, password, role, **bound)


@pytest.fixture()
def factory():
    """The small factories above, for tests that build their own records inside an app context."""
    from types import SimpleNamespace

    return SimpleNamespace(province=make_province, commune=make_commune, official=make_official,
                           user=make_user)


@pytest.fixture()
def get_csrf_token():
    """Read the CSRF token out of a page."""
    return csrf_token


@pytest.fixture()
def login_as(app):
    """A function: role -> a client logged in as that role's demo user."""
    return lambda role: logged_in(app, role)


# ---- reporting: show which databases the web tests ran on -----------------------------------
def pytest_report_header(config):
    """Say up front whether the PostgreSQL tests can run."""
    url = os.environ.get("TEST_DATABASE_URL")
    return f"web tests database backends: sqlite, postgres ({url})" if url else (
        "web tests database backends: sqlite only (set TEST_DATABASE_URL for PostgreSQL)"
    )


def param_ids(nodeid: str) -> list[str]:
    """The parameter ids of a test id: 'test_x[sqlite-home-planner]' -> ['sqlite', 'home', ...]."""
    return nodeid.rpartition("[")[2].rstrip("]").split("-") if nodeid.endswith("]") else []


def pytest_terminal_summary(terminalreporter):
    """Count the passed, skipped and failed tests per database backend."""
    lines = []
    for backend in BACKENDS:
        counts = {}
        for outcome in ("passed", "skipped", "failed", "error"):
            counts[outcome] = sum(
                1 for report in terminalreporter.stats.get(outcome, [])
                if backend in param_ids(getattr(report, "nodeid", ""))
            )
        if any(counts.values()):
            lines.append(f"{backend}: " + ", ".join(f"{n} {k}" for k, n in counts.items() if n))
    if lines:
        terminalreporter.section("database backends")
        for line in lines:
            terminalreporter.write_line(line)

"""The app factory: configuration precedence, database URL, layout."""

from pathlib import Path

import pytest

from scheduler import ROOT, create_app, normalise_database_url


@pytest.fixture()
def instance(tmp_path, monkeypatch) -> Path:
    """An instance folder of our own, with no environment overrides."""
    monkeypatch.setenv("SCHEDULER_INSTANCE_PATH", str(tmp_path))
    for name in ("DATABASE_URL", "SECRET_KEY", "SCHEDULER_PER_PAGE"):
        monkeypatch.delenv(name, raising=False)
    return tmp_path


def test_defaults_give_a_sqlite_database_in_the_instance_folder(instance):
    """With no settings at all the app runs on SQLite inside instance/."""
    app = create_app()
    assert app.config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{instance / 'scheduler.sqlite3'}"
    assert app.config["BABEL_DEFAULT_LOCALE"] == "vi"
    assert app.config["PER_PAGE"] == 50


def test_precedence_defaults_instance_env_test_config(instance, monkeypatch):
    """instance/config.py beats the defaults, the environment beats it, test_config beats all."""
    (instance / "config.py").write_text(
        "SECRET_KEY = 'from-instance'\nPER_PAGE = 20\nDEMO_WEEKS = 4\n"
        "SQLALCHEMY_DATABASE_URI = 'sqlite:///instance.db'\n"
    )
    app = create_app()
    assert app.config["SECRET_KEY"] == "from-instance"
    assert app.config["PER_PAGE"] == 20

    monkeypatch.setenv("SECRET_KEY", "from-env")
    monkeypatch.setenv("DATABASE_URL", "postgresql://u@db.example/prod")
    monkeypatch.setenv("SCHEDULER_PER_PAGE", "30")
    app = create_app()
    assert app.config["SECRET_KEY"] == "from-env"
    assert app.config["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://u@db.example/prod"
    assert app.config["PER_PAGE"] == 30
    assert app.config["DEMO_WEEKS"] == 4  # untouched by the environment: instance/config.py

    app = create_app({"SECRET_KEY": "from-test", "PER_PAGE": 5})
    assert app.config["SECRET_KEY"] == "from-test"
    assert app.config["PER_PAGE"] == 5


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("postgres://u@h/db", "postgresql+psycopg://u@h/db"),
        ("postgresql://u@h:5432/db", "postgresql+psycopg://u@h:5432/db"),
        ("postgresql+psycopg://u@h/db", "postgresql+psycopg://u@h/db"),
        ("sqlite:///x.db", "sqlite:///x.db"),
    ],
)
def test_database_urls_use_psycopg_3(given, expected):
    """Plain PostgreSQL URLs (as hosting services give them) are pointed at psycopg 3."""
    assert normalise_database_url(given) == expected


def test_templates_and_static_files_live_where_the_layout_says(instance):
    """Templates come from the top-level templates/ folder; the stylesheet is vendored."""
    app = create_app()
    assert Path(app.template_folder) == ROOT / "templates"
    assert (Path(app.static_folder) / "style.css").is_file()
    prefixes = {bp.url_prefix for bp in app.blueprints.values()}
    assert {"/auth", "/communes", "/topics", "/trainers", "/venues", "/rounds"} <= prefixes


def test_pages_load_no_third_party_assets(planner_client):
    """Pages stay light: no CDN, no external script or stylesheet."""
    text = planner_client.get("/").text
    assert "<script" not in text
    assert "https://" not in text and "http://" not in text

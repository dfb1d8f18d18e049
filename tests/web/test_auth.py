"""Logging in and out, wrong passwords, expired sessions, CSRF, and the create-user command."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from scheduler.auth.models import User
from scheduler.extensions import db

PASSWORD = {"planner": "planner-demo", "focal_point": "muongnhe-demo"}


def log_in(client, get_csrf_token, username, password, next_url=""):
    """Post the login form the way a browser does, with the page's CSRF token."""
    url = "/auth/login" + (f"?next={next_url}" if next_url else "")
    token = get_csrf_token(client.get(url).text)
    return client.post(url, data={"csrf_token": token, "username": username, "password": password})


def test_login_then_home_then_logout(client, get_csrf_token):
    """A demo planner logs in, sees the dashboard, logs out and is anonymous again."""
    response = log_in(client, get_csrf_token, "planner", PASSWORD["planner"])
    assert response.status_code == 302 and response.headers["Location"] == "/"
    assert "Tổng quan" in client.get("/").text
    token = get_csrf_token(client.get("/").text)
    response = client.post("/auth/logout", data={"csrf_token": token}, follow_redirects=True)
    assert "Bạn đã đăng xuất." in response.text
    assert client.get("/").status_code == 302


def test_login_returns_to_the_page_asked_for_but_never_to_another_site(client, get_csrf_token):
    """`next` is followed for local paths only."""
    response = log_in(client, get_csrf_token, "planner", PASSWORD["planner"], "/topics/")
    assert response.headers["Location"] == "/topics/"
    other = client.application.test_client()
    response = log_in(other, get_csrf_token, "planner", PASSWORD["planner"], "//evil.example/")
    assert response.headers["Location"] == "/"


@pytest.mark.parametrize(("username", "password"), [
    ("planner", "wrong-password"), ("nobody", "planner-demo"), ("planner", "PLANNER-DEMO"),
])
def test_wrong_credentials_are_refused_with_401_in_vietnamese(client, get_csrf_token,
                                                               username, password):
    """Unknown users and wrong passwords get the same message, and no session."""
    response = log_in(client, get_csrf_token, username, password)
    assert response.status_code == 401
    assert "Tên đăng nhập không tồn tại hoặc mật khẩu không đúng." in response.text
    assert client.get("/").status_code == 302


def test_empty_form_says_what_is_missing(client, get_csrf_token):
    """An empty login form is shown again with a Vietnamese message per field."""
    token = get_csrf_token(client.get("/auth/login").text)
    response = client.post("/auth/login", data={"csrf_token": token})
    assert response.status_code == 200
    assert response.text.count("Vui lòng nhập trường này.") == 2


def test_post_without_csrf_token_is_refused(client):
    """A form posted without its CSRF token is refused with a Vietnamese explanation."""
    response = client.post("/auth/login", data={"username": "planner", "password": "planner-demo"})
    assert response.status_code == 400
    assert "Biểu mẫu đã hết hạn" in response.text
    assert client.get("/").status_code == 302


def test_logout_without_csrf_token_is_refused(planner_client):
    """Even logging out needs the token (no cross-site logout)."""
    assert planner_client.post("/auth/logout").status_code == 400
    assert planner_client.get("/").status_code == 200


def test_expired_session_goes_back_to_the_login_page(app, client, get_csrf_token, monkeypatch):
    """Once the session lifetime has passed, the next page asks to log in again."""
    log_in(client, get_csrf_token, "planner", PASSWORD["planner"])
    assert client.get("/").status_code == 200
    monkeypatch.setitem(app.config, "PERMANENT_SESSION_LIFETIME", timedelta(seconds=-1))
    response = client.get("/topics/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/auth/login")
    monkeypatch.undo()  # the cookie set with the redirect is a new, fresh one
    response = client.get(response.headers["Location"])
    assert "phiên làm việc có thể đã hết hạn" in response.text


def test_deactivated_account_cannot_log_in(blank_app, get_csrf_token, factory):
    """An account switched off is refused like a wrong password."""
    with blank_app.app_context():
        factory.user("ghost", "secret-pass").active = False
        db.session.commit()
    response = log_in(blank_app.test_client(), get_csrf_token, "ghost", "secret-pass")
    assert response.status_code == 401


def test_create_user_command(blank_app, get_csrf_token, factory):
    """`flask create-user` makes accounts that can log in; bound roles need their record."""
    with blank_app.app_context():
        factory.commune(factory.province(), code="03199", name="Xã Mường Nhé")
        db.session.commit()
    cli = blank_app.test_cli_runner()
    ok = cli.invoke(args=["create-user", "lan", "--role", "planner", "--password", "pw-12345"])
    assert ok.exit_code == 0, ok.output
    focal = cli.invoke(args=["create-user", "nhe", "--role", "focal_point", "--password", "pw",
                             "--commune", "03199"])
    assert focal.exit_code == 0, focal.output
    with blank_app.app_context():
        users = {u.username: u for u in db.session.scalars(select(User))}
        assert users["nhe"].commune.name == "Xã Mường Nhé"
        assert users["lan"].password_hash != "pw-12345"
    response = log_in(blank_app.test_client(), get_csrf_token, "lan", "pw-12345")
    assert response.status_code == 302


@pytest.mark.parametrize(("args", "message"), [
    (["x", "--role", "focal_point", "--password", "pw"], "needs commune_id"),
    (["x", "--role", "official", "--password", "pw", "--official", "NOPE"], "no official"),
    (["x", "--role", "boss", "--password", "pw"], "Invalid value for '--role'"),
])
def test_create_user_refuses_bad_input(blank_app, args, message):
    """Missing or unknown bindings and unknown roles are refused with a reason."""
    result = blank_app.test_cli_runner().invoke(args=["create-user", *args])
    assert result.exit_code != 0
    assert message in result.output


def test_create_user_refuses_a_taken_username(blank_app):
    """Usernames are unique."""
    cli = blank_app.test_cli_runner()
    first = cli.invoke(args=["create-user", "x", "--role", "planner", "--password", "a"])
    assert first.exit_code == 0
    again = cli.invoke(args=["create-user", "x", "--role", "planner", "--password", "b"])
    assert again.exit_code != 0 and "taken" in again.output

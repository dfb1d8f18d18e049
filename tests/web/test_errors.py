"""Error pages: the right status code, a Vietnamese message, never a stack trace."""

from scheduler import create_app


def test_unknown_page_is_a_vietnamese_404(planner_client, client):
    """Logged in or not, a missing page answers 404 with a plain Vietnamese page."""
    for browser in (planner_client, client):
        response = browser.get("/no-such-page")
        assert response.status_code == 404
        assert "Không tìm thấy trang" in response.text


def test_missing_record_is_a_404(planner_client):
    """A record id that does not exist is a 404, not a crash."""
    for url in ("/communes/999999", "/communes/officials/999999", "/trainers/999999",
                "/venues/999999", "/rounds/999999"):
        response = planner_client.get(url)
        assert response.status_code == 404, url
        assert "Không tìm thấy trang" in response.text


def test_forbidden_page_is_a_vietnamese_403(official_client):
    """A page the role may not see answers 403 with a Vietnamese explanation."""
    response = official_client.get("/topics/")
    assert response.status_code == 403
    assert "Tài khoản của bạn không được phép xem trang này." in response.text


def test_wrong_method_is_a_405_page(planner_client):
    """Logging out by GET is not allowed (it needs a form with a CSRF token)."""
    response = planner_client.get("/auth/logout")
    assert response.status_code == 405
    assert "Không được phép" in response.text


def test_crash_shows_a_plain_500_page_without_a_traceback(tmp_path, caplog):
    """Outside tests and debugging, an exception becomes a Vietnamese 500 page; the log has it."""
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'x.db'}",
                      "SECRET_KEY": "x"})

    @app.route("/boom")
    def boom():
        raise RuntimeError("secret internals")

    response = app.test_client().get("/boom")
    assert response.status_code == 500
    assert "Đã xảy ra lỗi" in response.text
    assert "Traceback" not in response.text and "secret internals" not in response.text
    assert "secret internals" in caplog.text

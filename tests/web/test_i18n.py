"""Vietnamese by default, English on request; Vietnamese dates, weekdays and day parts."""

from datetime import date

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po

from scheduler import ROOT, create_app
from scheduler.i18n import day_part_name, format_date, format_slot, weekday_name

CATALOGUES = ROOT / "scheduler" / "translations"


@pytest.fixture()
def bare_app(tmp_path):
    """An app with no data, for the formatting helpers."""
    return create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'x.db'}"})


def switch_language(client, get_csrf_token, code):
    """Press the language switch in the header."""
    token = get_csrf_token(client.get("/auth/login").text)
    return client.post(f"/lang/{code}", data={"csrf_token": token})


def test_pages_are_vietnamese_by_default(planner_client):
    """With no choice made, the interface speaks Vietnamese."""
    text = planner_client.get("/").text
    assert '<html lang="vi">' in text
    assert "Tổng quan" in text and "Đợt bồi dưỡng" in text and "Đăng xuất" in text


def test_english_can_be_chosen_and_is_remembered(planner_client, get_csrf_token):
    """The header switch turns the interface to English, kept in the session and a cookie."""
    response = switch_language(planner_client, get_csrf_token, "en")
    assert response.status_code == 302
    assert "lang=en" in response.headers["Set-Cookie"]
    text = planner_client.get("/").text
    assert '<html lang="en">' in text
    assert "Dashboard" in text and "Log out" in text and "Tổng quan" not in text
    switch_language(planner_client, get_csrf_token, "vi")
    assert "Tổng quan" in planner_client.get("/").text


def test_english_round_page_uses_english_weekdays(planner_client, get_csrf_token, app):
    """Translated helpers follow the language too."""
    switch_language(planner_client, get_csrf_token, "en")
    with app.app_context():
        from sqlalchemy import select

        from scheduler.extensions import db
        from scheduler.rounds.models import TrainingRound

        round_id = db.session.scalar(select(TrainingRound.id))
    text = planner_client.get(f"/rounds/{round_id}").text
    assert "Monday, Tuesday" in text and "Morning, Afternoon" in text


def test_vietnamese_round_page_writes_dates_the_vietnamese_way(planner_client, app):
    """dd/mm/yyyy dates, Thứ Hai … weekdays, Sáng/Chiều day parts."""
    with app.app_context():
        from sqlalchemy import select

        from scheduler.extensions import db
        from scheduler.rounds.models import TrainingRound

        training_round = db.session.scalars(select(TrainingRound)).one()
        start = training_round.start_date
        round_id = training_round.id
    text = planner_client.get(f"/rounds/{round_id}").text
    assert start.strftime("%d/%m/%Y") in text
    assert "Thứ Hai, Thứ Ba, Thứ Tư, Thứ Năm, Thứ Sáu" in text
    assert "Sáng, Chiều" in text


def test_unknown_language_is_a_404(client, get_csrf_token):
    """Only the languages we have can be chosen."""
    assert switch_language(client, get_csrf_token, "fr").status_code == 404


@pytest.mark.parametrize(("day", "expected"), [
    (date(2026, 3, 2), "Thứ Hai"), (date(2026, 3, 3), "Thứ Ba"), (date(2026, 3, 4), "Thứ Tư"),
    (date(2026, 3, 5), "Thứ Năm"), (date(2026, 3, 6), "Thứ Sáu"), (date(2026, 3, 7), "Thứ Bảy"),
    (date(2026, 3, 8), "Chủ Nhật"),
])
def test_weekday_names(bare_app, day, expected):
    """Every weekday in Vietnamese."""
    with bare_app.test_request_context():
        assert weekday_name(day) == expected
        assert weekday_name(day.weekday()) == expected


def test_dates_day_parts_and_slots(bare_app):
    """dd/mm/yyyy, Sáng/Chiều, and a slot written out in full."""
    with bare_app.test_request_context():
        assert format_date(date(2026, 9, 2)) == "02/09/2026"
        assert format_date("2026-04-30") == "30/04/2026"
        assert format_date(None) == ""
        assert (day_part_name("am"), day_part_name("pm")) == ("Sáng", "Chiều")
        assert format_slot("2026-03-02:pm") == "Thứ Hai 02/03/2026 Chiều"
        assert format_slot("2026-04-30") == "Thứ Năm 30/04/2026"


def test_vietnamese_catalogue_is_complete():
    """Every source string has a Vietnamese translation, and the catalogue has no fuzzy entry."""
    with open(CATALOGUES / "messages.pot", "rb") as f:
        wanted = {m.id for m in read_po(f) if m.id}
    with open(CATALOGUES / "vi" / "LC_MESSAGES" / "messages.po", "rb") as f:
        catalogue = read_po(f)
    translated = {m.id for m in catalogue if m.id and m.string and not m.fuzzy}
    assert wanted - translated == set()
    assert not catalogue.fuzzy


def test_template_is_up_to_date_with_the_sources():
    """Every string marked for translation in the code and templates is in messages.pot."""
    keywords = {**DEFAULT_KEYWORDS, "_l": None, "lazy_gettext": None}
    method_map = [("scheduler/**.py", "python"), ("templates/**.html", "jinja2")]
    found = {m[2] for m in extract_from_dir(ROOT, method_map, keywords=keywords)}
    found = {m if isinstance(m, str) else m[0] for m in found}
    assert len(found) > 100
    with open(CATALOGUES / "messages.pot", "rb") as f:
        template = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(f) if m.id}
    assert found - template == set(), "run `make messages` and translate the new strings"

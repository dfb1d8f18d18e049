"""The review pages of a draft: by venue, trainer, commune and topic; summary; unserved."""
# ruff: noqa: F811  (the fixtures imported from helpers_planning are parameters here)

import re

import pytest
from sqlalchemy import select

from scheduler.extensions import db
from scheduler.planning.models import SolveRun, TrainingClass
from solver.reasons import render
from tests.conftest import csrf_token
from tests.web.helpers_planning import client_of, planner, round_id, store_draft, tiny_app  # noqa: F401

KINDS = ("venue", "trainer", "commune", "topic")


def solution(app, rid: int) -> dict:
    """The stored solution document of the tiny round."""
    with app.app_context():
        return db.session.scalars(select(SolveRun).filter_by(round_id=rid)).one().solution


def text_of(html: str) -> str:
    """The page's words without tags."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.mark.parametrize("kind", KINDS)
def test_timetable_views_show_the_draft_week_in_vietnamese(tiny_app, planner, round_id, kind):
    """Each view is a week grid (Sáng/Chiều × Thứ Hai … Thứ Sáu, dd/mm/yyyy) and a list."""
    doc = solution(tiny_app, round_id)
    page = planner.get(f"/review/{round_id}/timetable/{kind}")
    assert page.status_code == 200
    text = text_of(page.text)
    for day in ("Thứ Hai 02/03/2026", "Thứ Sáu 06/03/2026"):
        assert day in text
    assert "Sáng" in text and "Chiều" in text
    assert "Lịch học dự thảo" in text
    shown = set(re.findall(r'/classes/\d+">([^<]+)</a>', page.text))
    assert shown and shown <= {c["id"] for c in doc["classes"]}


def test_venue_view_lists_every_class_of_the_chosen_venue(tiny_app, planner, round_id):
    """Choosing a venue shows exactly its classes, with topic, trainer and seats."""
    with tiny_app.app_context():
        classes = db.session.scalars(select(TrainingClass).filter_by(round_id=round_id)).all()
        venue = classes[0].venue
        mine = {c.code: len(c.seats) for c in classes if c.venue_id == venue.id}
        capacity = venue.capacity
    page = planner.get(f"/review/{round_id}/timetable/venue?item={venue.id}")
    listed = set(re.findall(r'/classes/\d+">([^<]+)</a>', page.text))
    assert listed == set(mine)
    for seats in mine.values():
        assert f"{seats} / {capacity} chỗ" in page.text


def test_summary_counts_served_requests_and_trainer_load(tiny_app, planner, round_id):
    """The summary shows classes, served/total requests, travel and bars per commune and topic."""
    doc = solution(tiny_app, round_id)
    total = len(doc["unserved"]) + sum(len(c["officials"]) for c in doc["classes"])
    page = planner.get(f"/review/{round_id}/")
    assert page.status_code == 200
    text = text_of(page.text)
    assert f"{total - len(doc['unserved'])} / {total}" in text
    assert f"{len(doc['classes'])} Lớp" in text
    assert "Xã Mường Nhé" in text and 'class="bar"' in page.text
    assert "Tải giảng dạy" in text


def test_unserved_requests_show_reasons_in_vietnamese_and_filter(tiny_app, planner, round_id):
    """Reasons come from the stored codes, in Vietnamese; a commune filter keeps only its rows."""
    doc = solution(tiny_app, round_id)
    page = planner.get(f"/review/{round_id}/unserved")
    for reason in doc["reasons"]:
        assert render(reason["code"], reason["params"], "vi") in page.text
    with tiny_app.app_context():
        from scheduler.communes.models import Commune

        c1 = db.session.scalar(select(Commune).filter_by(code="C1"))
        c1_id, c1_name = c1.id, c1.name
    filtered = planner.get(f"/review/{round_id}/unserved?commune={c1_id}")
    rows = re.findall(r"<tr><td>[^<]+</td><td>([^<]+)</td>", filtered.text)
    assert set(rows) <= {c1_name}


def test_unserved_reasons_in_english(tiny_app, round_id):
    """A user who chose English reads the English reason."""
    client = client_of(tiny_app, "planner1")
    client.set_cookie("lang", "en")
    doc = solution(tiny_app, round_id)
    page = client.get(f"/review/{round_id}/unserved")
    for reason in doc["reasons"]:
        assert render(reason["code"], reason["params"], "en") in page.text


def test_class_page_offers_the_edits_of_a_draft_class(tiny_app, planner, round_id):
    """A draft class shows its half-days in words, and for each edit either the form with the
    number of choices offered, or in words that nothing is free."""
    with tiny_app.app_context():
        rows = db.session.scalars(select(TrainingClass).filter_by(round_id=round_id)).all()
        classes = [(c.id, c.sessions[0].session_date) for c in rows]
    moves = 0
    for class_id, first in classes:
        page = planner.get(f"/review/{round_id}/classes/{class_id}")
        assert page.status_code == 200
        assert first.strftime("%d/%m/%Y") in page.text and "Ghim lớp" in page.text
        text, starts = text_of(page.text), offered(page.text, "start")
        if starts:
            moves += 1
            assert "Dời lớp" in text and f"{len(starts)} buổi có thể dời đến" in text
        else:
            assert "Dời lớp" not in text and "Không có buổi nào khác để dời lớp đến" in text
        for field, button, none in (("trainer_id", "Đổi giảng viên", "Không có giảng viên nào"),
                                    ("venue_id", "Đổi địa điểm", "Không có địa điểm nào")):
            assert (button in text) == bool(offered(page.text, field)) != (none in text)
    assert moves, "no class of the tiny draft can move anywhere"


def offered(page: str, name: str) -> list[str]:
    """The values a select of the page offers."""
    found = re.search(rf'<select[^>]*name="{name}"[^>]*>(.*?)</select>', page, re.S)
    return re.findall(r'<option[^>]*value="([^"]*)"', found.group(1)) if found else []


def test_class_page_has_one_official_form_and_stays_light(tiny_app, planner, round_id):
    """One form moves any official (a select of officials, a select of classes), not one form
    per official; the page of a class with every request of its topic seated stays small."""
    with tiny_app.app_context():
        cls = max(db.session.scalars(select(TrainingClass).filter_by(round_id=round_id)),
                  key=lambda c: len(c.seats))
        class_id, seats = cls.id, len(cls.seats)
        siblings = db.session.scalars(select(TrainingClass.id).filter_by(
            round_id=round_id, topic_id=cls.topic_id)).all()
    page = planner.get(f"/review/{round_id}/classes/{class_id}").text
    assert page.count('name="official_id"') == 1 and page.count('name="target_id"') == 1
    assert len(offered(page, "official_id")) == seats
    assert len(offered(page, "target_id")) == len(siblings)  # the others and "take out"
    assert page.count("<select") <= 5
    per_official = (len(page.encode()) - 5_000) / seats
    assert len(page.encode()) < 12_000 and per_official < 400, (len(page.encode()), seats)


def test_published_timetable_is_shown_read_only(tiny_app, planner, round_id):
    """Without a draft the published classes are shown, without edit forms."""
    with tiny_app.app_context():
        store_draft(round_id, state="published")
        class_id = db.session.scalars(select(TrainingClass).filter_by(round_id=round_id)).first().id
    page = planner.get(f"/review/{round_id}/timetable/topic")
    assert "chỉ xem" in page.text
    detail = planner.get(f"/review/{round_id}/classes/{class_id}")
    assert "Đổi giảng viên" not in detail.text


def test_a_class_of_another_round_is_not_found(planner, round_id):
    """A class id under the wrong round answers 404."""
    assert planner.get(f"/review/{round_id + 1}/classes/1").status_code == 404


@pytest.mark.parametrize("user", ["focal1", "official1", "trainer1"])
def test_only_planners_see_the_review_pages(tiny_app, round_id, user):
    """Focal points, officials and trainers get 403 on every review page and edit."""
    client = client_of(tiny_app, user)
    with tiny_app.app_context():
        class_id = db.session.scalars(select(TrainingClass).filter_by(round_id=round_id)).first().id
    for page in pages(round_id, class_id):
        assert client.get(page).status_code == 403
    token = csrf_token(client.get("/").text)
    for edit in ("move", "trainer", "venue", "official", "pin"):
        action = f"/review/{round_id}/classes/{class_id}/{edit}"
        assert client.post(action, data={"csrf_token": token}).status_code == 403


def test_anonymous_users_are_sent_to_login(tiny_app, round_id):
    """Without a session every review page redirects to the login page."""
    client = tiny_app.test_client()
    for page in pages(round_id, 1):
        response = client.get(page)
        assert response.status_code == 302 and "/auth/login" in response.headers["Location"]


def pages(rid: int, class_id: int) -> list[str]:
    """Every review page of a round."""
    return ([f"/review/{rid}/", f"/review/{rid}/unserved", f"/review/{rid}/classes/{class_id}"]
            + [f"/review/{rid}/timetable/{k}" for k in KINDS])

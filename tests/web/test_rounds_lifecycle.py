"""A round's life: create, edit, open, schedule, reopen, publish, close; refusals in Vietnamese."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from scheduler.extensions import db
from scheduler.rounds.models import TrainingRound
from scheduler.rounds.operations import RoundError, advance_round, request_refusal
from scheduler.topics.models import Topic
from tests.web.solve_helpers import client_of, load_tiny, post


@pytest.fixture()
def planner(blank_app):
    """A blank app holding the tiny round (collecting) and a planner's browser."""
    round_id = load_tiny(blank_app, status="collecting")
    return blank_app, round_id, client_of(blank_app, "planner1")


def status_of(app, round_id: int) -> str:
    """The round's stored status."""
    with app.app_context():
        return db.session.get(TrainingRound, round_id).status


def move(client, round_id: int, target: str, **data):
    """Press the status button of the round page."""
    return post(client, f"/rounds/{round_id}", f"/rounds/{round_id}/status/{target}", data)


def round_form(app, **overrides) -> dict:
    """A filled new-round form with every topic ticked."""
    with app.app_context():
        topic_ids = [str(t) for t in db.session.scalars(select(Topic.id))]
        province_id = db.session.scalar(select(TrainingRound.province_id))
    data = {"province_id": str(province_id), "name": "Đợt 2 năm 2026", "start": "01/04/2026",
            "end": "15/05/2026", "weekdays": ["0", "1", "2", "3", "4"], "parts": ["am", "pm"],
            "holidays": "", "topics": topic_ids, "deadline": "20/03/2026"}
    return {**data, **overrides}


def test_planner_creates_a_round_with_the_public_holidays_prefilled(planner):
    app, _round_id, client = planner
    form_page = client.get("/rounds/new").text
    assert "Ngày nghỉ lễ" in form_page
    response = post(client, "/rounds/new", "/rounds/new", round_form(app))
    assert "Đã tạo đợt ở trạng thái nháp" in response.text
    with app.app_context():
        created = db.session.scalar(select(TrainingRound).filter_by(name="Đợt 2 năm 2026"))
        assert created.status == "draft"
        assert {"2026-04-27", "2026-04-30", "2026-05-01"} <= set(created.holidays)
        assert len(created.topics) == 3
    assert "30/04/2026" in response.text


def test_a_bad_date_is_refused_naming_the_field_and_nothing_is_saved(planner):
    app, _round_id, client = planner
    response = post(client, "/rounds/new", "/rounds/new",
                    round_form(app, start="2026-04-01", end="01/03/2026"))
    assert "Ngày bắt đầu: Hãy ghi ngày theo dạng dd/mm/yyyy." in response.text
    response = post(client, "/rounds/new", "/rounds/new",
                    round_form(app, start="01/04/2026", end="01/03/2026"))
    assert "Ngày kết thúc không được trước ngày bắt đầu." in response.text
    with app.app_context():
        assert db.session.scalar(select(TrainingRound).filter_by(name="Đợt 2 năm 2026")) is None


def test_holidays_typed_by_the_planner_are_kept(planner):
    app, round_id, client = planner
    response = post(client, f"/rounds/{round_id}/edit", f"/rounds/{round_id}/edit",
                    round_form(app, name="tiny", start="02/03/2026", end="08/03/2026",
                               holidays="04/03/2026", deadline=""))
    assert "Đã lưu đợt" in response.text
    with app.app_context():
        assert db.session.get(TrainingRound, round_id).holidays == ["2026-03-04"]


@pytest.mark.parametrize("start, target, allowed", [
    ("draft", "collecting", True), ("draft", "scheduling", False),
    ("collecting", "scheduling", True), ("collecting", "published", False),
    ("scheduling", "collecting", True), ("scheduling", "closed", False),
    ("published", "closed", True), ("published", "collecting", False),
    ("closed", "collecting", False),
])
def test_status_transitions(blank_app, start, target, allowed):
    round_id = load_tiny(blank_app, status=start)
    client = client_of(blank_app, "planner1")
    response = move(client, round_id, target)
    if allowed:
        assert "Đợt đã chuyển sang" in response.text
        assert status_of(blank_app, round_id) == target
    else:
        assert "không thể chuyển sang" in response.text
        assert status_of(blank_app, round_id) == start


def test_publishing_is_not_a_plain_status_button(planner):
    app, round_id, client = planner
    move(client, round_id, "scheduling")
    response = move(client, round_id, "published")
    assert "không thể chuyển sang" in response.text
    assert status_of(app, round_id) == "scheduling"


def test_a_round_is_edited_only_while_draft_or_collecting(planner):
    app, round_id, client = planner
    move(client, round_id, "scheduling")
    response = post(client, f"/rounds/{round_id}", f"/rounds/{round_id}/edit",
                    round_form(app, name="Đổi tên"))
    assert "Chỉ sửa được đợt khi đợt đang ở trạng thái nháp" in response.text
    with app.app_context():
        assert db.session.get(TrainingRound, round_id).name == "tiny"


def test_reopening_moves_a_passed_deadline_and_lets_requests_in_again(planner):
    app, round_id, client = planner
    today = date.today()
    with app.app_context(), app.test_request_context():
        training_round = db.session.get(TrainingRound, round_id)
        training_round.request_deadline_date = today - timedelta(days=3)
        db.session.commit()
        assert "Đã quá hạn đăng ký" in request_refusal(training_round)
    move(client, round_id, "scheduling")
    with app.app_context(), app.test_request_context():
        assert "Chỉ thay đổi được yêu cầu" in request_refusal(db.session.get(TrainingRound,
                                                                              round_id))
    new_deadline = today + timedelta(days=10)
    response = move(client, round_id, "collecting", deadline=new_deadline.strftime("%d/%m/%Y"))
    assert "Đợt đã chuyển sang" in response.text
    with app.app_context(), app.test_request_context():
        training_round = db.session.get(TrainingRound, round_id)
        assert training_round.status == "collecting"
        assert training_round.request_deadline_date == new_deadline
        assert request_refusal(training_round) is None


def test_a_round_without_topics_cannot_open(blank_app):
    round_id = load_tiny(blank_app, status="draft")
    with blank_app.app_context(), blank_app.test_request_context():
        training_round = db.session.get(TrainingRound, round_id)
        training_round.topics = []
        with pytest.raises(RoundError, match="chuyên đề"):
            advance_round(training_round, "collecting")


@pytest.mark.parametrize("role", ["focal_point", "official", "trainer"])
def test_only_planners_may_move_a_round(app, login_as, role):
    with app.app_context():
        round_id = db.session.scalar(select(TrainingRound.id))
    response = login_as(role).post(f"/rounds/{round_id}/status/scheduling")
    assert response.status_code in (400, 403)
    with app.app_context():
        assert db.session.get(TrainingRound, round_id).status == "collecting"

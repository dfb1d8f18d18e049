"""Planners edit topics, trainers, venues, communes and travel times; bad input saves nothing."""

import pytest
from sqlalchemy import func, select

from scheduler.communes.models import Commune
from scheduler.extensions import db
from scheduler.topics.models import Topic
from scheduler.trainers.models import Trainer
from scheduler.venues.models import TravelTime, Venue
from tests.web.world import build_world, client_of, token

TOPIC = {"code": "T9", "name": "Chuyển đổi số", "field": "Số hoá", "sessions": "4",
         "min_size": "10", "max_size": "30", "modes": ["in_person"]}


@pytest.fixture()
def world(blank_app):
    return build_world(blank_app)


@pytest.fixture()
def planner(blank_app, world):
    return client_of(blank_app, world.users["planner"])


def post(client, url, data):
    """Post a form with the page's CSRF token."""
    return client.post(url, data={**data, "csrf_token": token(client, url)})


def count(app, model) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


def test_planner_creates_a_topic_and_sees_it_listed(blank_app, planner, world):
    response = post(planner, "/topics/new", {**TOPIC, "prerequisites": [world.t1],
                                             "trainers": [world.tr2]})
    assert response.status_code == 302
    page = planner.get("/topics/").text
    assert "Chuyển đổi số" in page and "Đã lưu chuyên đề T9." in page
    with blank_app.app_context():
        topic = db.session.scalar(select(Topic).where(Topic.code == "T9"))
        assert [t.code for t in topic.prerequisites] == ["T1"]
        assert [t.code for t in topic.trainers] == ["TR2"]


@pytest.mark.parametrize(("change", "message"), [
    ({"min_size": "31"}, "Sĩ số tối đa phải lớn hơn hoặc bằng sĩ số tối thiểu."),
    ({"sessions": "bốn"}, "Vui lòng nhập một số nguyên."),
    ({"sessions": "0"}, "Phải từ 1 đến 20."),
    ({"code": "T1"}, "Mã này đã được dùng cho chuyên đề khác."),
    ({"name": ""}, "Vui lòng nhập trường này."),
    ({"modes": []}, "Hãy chọn ít nhất một hình thức học."),
])
def test_a_bad_topic_is_refused_with_a_vietnamese_message(blank_app, planner, change, message):
    before = count(blank_app, Topic)
    response = post(planner, "/topics/new", {**TOPIC, **change})
    assert response.status_code == 400
    assert message in response.text
    assert count(blank_app, Topic) == before


def test_a_prerequisite_cycle_is_refused_and_nothing_changes(blank_app, planner, world):
    url = f"/topics/{world.t1}/edit"
    data = {"code": "T1", "name": "Đầu tư công", "sessions": "2", "min_size": "1",
            "max_size": "30", "modes": ["in_person"], "prerequisites": [world.t2]}
    response = post(planner, url, data)
    assert response.status_code == 400
    assert "tạo thành vòng lặp: T1 → T2 → T1" in response.text
    with blank_app.app_context():
        assert db.session.get(Topic, world.t1).prerequisites == []


def test_a_topic_in_use_is_not_deleted_but_an_unused_one_is(blank_app, planner, world):
    response = post(planner, f"/topics/{world.t1}/delete", {})
    assert "Không thể xoá chuyên đề T1: một đợt bồi dưỡng đang mở chuyên đề này." in \
        planner.get(response.headers["Location"]).text
    post(planner, f"/topics/{world.t3}/delete", {})
    with blank_app.app_context():
        assert db.session.get(Topic, world.t1) is not None
        assert db.session.get(Topic, world.t3) is None


def test_trainer_edit_saves_caps_and_topics(blank_app, planner, world):
    data = {"code": "TR2", "name": "Giảng viên Hai", "organisation": "Trường Chính trị",
            "max_sessions_per_week": "6", "max_sessions": "", "topics": [world.t1, world.t2]}
    assert post(planner, f"/trainers/{world.tr2}/edit", data).status_code == 302
    with blank_app.app_context():
        trainer = db.session.get(Trainer, world.tr2)
        assert (trainer.max_sessions_per_week, trainer.max_sessions) == (6, None)
        assert [t.code for t in trainer.topics] == ["T1", "T2"]
    refused = post(planner, f"/trainers/{world.tr2}/edit", {**data, "max_sessions": "-1"})
    assert refused.status_code == 400 and "Phải từ 0 đến 500." in refused.text


def test_a_trainer_with_a_login_is_not_deleted(blank_app, planner, world):
    response = post(planner, f"/trainers/{world.tr1}/delete", {})
    assert "có tài khoản đăng nhập gắn với giảng viên này" in \
        planner.get(response.headers["Location"]).text
    post(planner, f"/trainers/{world.tr2}/delete", {})
    with blank_app.app_context():
        assert db.session.get(Trainer, world.tr1) is not None
        assert db.session.get(Trainer, world.tr2) is None


def test_venue_closures_are_read_by_date_and_half_day(blank_app, planner, world):
    data = {"code": "V1", "name": "Hội trường Một", "capacity": "25", "commune_id": world.c1,
            "closures": "03/03/2026 Sáng\n05/03/2026\n"}
    assert post(planner, f"/venues/{world.room}/edit", data).status_code == 302
    with blank_app.app_context():
        assert db.session.get(Venue, world.room).unavailable == ["2026-03-03:am", "2026-03-05"]
    page = planner.get(f"/venues/{world.room}").text
    assert "Thứ Ba 03/03/2026 Sáng" in page and "Thứ Năm 05/03/2026" in page


@pytest.mark.parametrize(("change", "message"), [
    ({"closures": "31/02/2026"}, "dòng 1: “31/02/2026” không phải ngày dạng dd/mm/yyyy"),
    ({"closures": "02/03/2026\n03/03/2026 tối"}, "dòng 2: ghi Sáng hoặc Chiều sau ngày"),
    ({"commune_id": "0"}, "Hãy chọn xã/phường nơi đặt địa điểm học trực tiếp."),
    ({"capacity": "0"}, "Phải từ 1 đến 1000."),
])
def test_a_bad_venue_is_refused_and_nothing_is_saved(blank_app, planner, world, change, message):
    data = {"code": "V1", "name": "Hội trường Một", "capacity": "25", "commune_id": world.c1,
            "closures": "", **change}
    response = post(planner, f"/venues/{world.room}/edit", data)
    assert response.status_code == 400 and message in response.text
    with blank_app.app_context():
        venue = db.session.get(Venue, world.room)
        assert (venue.capacity, venue.unavailable) == (30, [])


def test_a_venue_used_by_nothing_can_be_deleted(blank_app, planner, world):
    post(planner, f"/venues/{world.room}/delete", {})
    with blank_app.app_context():
        assert db.session.get(Venue, world.room) is None
        assert db.session.scalar(select(func.count()).select_from(TravelTime)) == 0


def test_commune_away_cap_above_staff_is_refused(blank_app, planner, world):
    url = f"/communes/{world.c1}/edit"
    refused = post(planner, url, {"staff": "12", "max_away": "13"})
    assert refused.status_code == 400
    assert "Số cán bộ được vắng mặt không được vượt quá biên chế (12)." in refused.text
    with blank_app.app_context():
        assert db.session.get(Commune, world.c1).staff == 40
    assert post(planner, url, {"staff": "12", "max_away": "5", "online_capable": "y"}
                ).status_code == 302
    with blank_app.app_context():
        commune = db.session.get(Commune, world.c1)
        assert (commune.staff, commune.max_away, commune.online_capable) == (12, 5, True)


def test_a_planner_travel_figure_survives_re_estimation(blank_app, planner, world):
    url = f"/venues/{world.room}"
    post(planner, f"{url}/travel", {"commune_id": world.c2, "minutes": "75"})
    post(planner, f"{url}/reestimate", {})
    with blank_app.app_context():
        mine = db.session.get(TravelTime, (world.c2, world.room))
        other = db.session.get(TravelTime, (world.c1, world.room))
        assert (mine.minutes, mine.estimated) == (75, False)
        assert other.estimated and other.minutes != 20  # the made-up 20 was re-estimated
    page = planner.get(url).text
    assert "Do cán bộ lập kế hoạch nhập" in page and "Ước tính từ tọa độ" in page
    refused = post(planner, f"{url}/travel", {"commune_id": world.c2, "minutes": "-5"})
    assert refused.status_code == 400 and "Phải từ 0 trở lên." in refused.text


@pytest.mark.parametrize("role", ["focal", "trainer", "official"])
def test_only_planners_change_the_catalogue(blank_app, world, role):
    client = client_of(blank_app, world.users[role])
    assert client.get("/topics/new").status_code == 403
    assert client.post(f"/topics/{world.t3}/delete").status_code in (400, 403)
    with blank_app.app_context():
        assert db.session.get(Topic, world.t3) is not None

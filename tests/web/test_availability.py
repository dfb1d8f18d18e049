"""Trainer availability: a half-day grid per round, own trainer only, caps, and the instance."""

import pytest

from scheduler.extensions import db
from scheduler.planning.mapping import export_round
from scheduler.rounds.models import TrainingRound
from scheduler.trainers.models import Trainer
from solver.checks import instance_errors
from tests.web.world import build_world, client_of, token


@pytest.fixture()
def world(blank_app):
    return build_world(blank_app)


def grid_url(world, trainer_id=None) -> str:
    return f"/trainers/{trainer_id or world.tr1}/availability/{world.round}"


def save(client, url, slots, week="", total=""):
    """Press Save on the grid with these half-days ticked."""
    data = {"slot": slots, "max_sessions_per_week": week, "max_sessions": total,
            "csrf_token": token(client, url)}
    return client.post(url, data=data)


def test_the_grid_shows_the_rounds_working_half_days_by_week(blank_app, world):
    text = client_of(blank_app, world.users["trainer"]).get(grid_url(world)).text
    assert text.count("<caption>") == 2  # two ISO weeks
    assert "Thứ Hai<br>02/03/2026" in text and "Thứ Sáu<br>13/03/2026" in text
    assert "06/03/2026" not in text  # a holiday is not a working date
    assert "<th>Sáng</th>" in text and "<th>Chiều</th>" in text


def test_a_trainer_marks_half_days_and_caps(blank_app, world):
    trainer = client_of(blank_app, world.users["trainer"])
    with blank_app.app_context():
        db.session.get(Trainer, world.tr1).unavailable = ["2026-05-04", "2026-03-09:pm"]
        db.session.commit()
    slots = ["2026-03-02:am", "2026-03-02:pm", "2026-03-04:pm", "2026-03-08:am"]
    response = save(trainer, grid_url(world), slots, week="6", total="20")
    assert response.status_code == 302
    text = trainer.get(grid_url(world)).text
    assert "Đã lưu lịch bận: 3 buổi không thể giảng dạy." in text
    assert 'value="2026-03-04:pm" checked' in text and 'value="2026-03-09:pm" checked' not in text
    with blank_app.app_context():
        record = db.session.get(Trainer, world.tr1)
        # Both parts of 02/03 make the whole date; a date outside the round is kept.
        assert record.unavailable == ["2026-03-02", "2026-03-04:pm", "2026-05-04"]
        assert (record.max_sessions_per_week, record.max_sessions) == (6, 20)
        doc = export_round(db.session.get(TrainingRound, world.round))
    exported = next(t for t in doc["trainers"] if t["id"] == "TR1")
    assert exported["unavailable"] == ["2026-03-02", "2026-03-04:pm", "2026-05-04"]
    assert exported["max_sessions_per_week"] == 6
    assert instance_errors(doc) == []


def test_a_bad_cap_saves_nothing(blank_app, world):
    trainer = client_of(blank_app, world.users["trainer"])
    response = save(trainer, grid_url(world), ["2026-03-03:am"], week="mười")
    assert response.status_code == 400
    assert "Vui lòng nhập một số nguyên." in response.text
    with blank_app.app_context():
        assert db.session.get(Trainer, world.tr1).unavailable == []


def test_a_trainer_cannot_see_or_edit_another_trainer(blank_app, world):
    trainer = client_of(blank_app, world.users["trainer"])
    other = grid_url(world, world.tr2)
    assert trainer.get(other).status_code == 403
    csrf = token(trainer, grid_url(world))
    assert trainer.post(other, data={"slot": ["2026-03-03:am"],
                                     "csrf_token": csrf}).status_code == 403
    with blank_app.app_context():
        assert db.session.get(Trainer, world.tr2).unavailable == []


def test_a_planner_marks_any_trainer(blank_app, world):
    planner = client_of(blank_app, world.users["planner"])
    assert save(planner, grid_url(world, world.tr2), ["2026-03-11:am"]).status_code == 302
    with blank_app.app_context():
        assert db.session.get(Trainer, world.tr2).unavailable == ["2026-03-11:am"]


def test_a_published_round_is_read_only_for_trainers(blank_app):
    world = build_world(blank_app, status="published")
    trainer = client_of(blank_app, world.users["trainer"])
    assert "Không thể thay đổi đợt bồi dưỡng này ở đây nữa." in trainer.get(grid_url(world)).text
    response = save(trainer, grid_url(world), ["2026-03-03:am"])
    assert response.status_code == 303
    with blank_app.app_context():
        assert db.session.get(Trainer, world.tr1).unavailable == []

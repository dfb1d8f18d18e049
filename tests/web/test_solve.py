"""Solving in the background, on the tiny round: drafts, refusals, failures, stop, publish."""

from __future__ import annotations

import threading

import pytest

from scheduler.extensions import db
from scheduler.planning.mapping import export_classes
from scheduler.planning.models import TrainingClass
from scheduler.planning.timetable import solve_instance, unserved_requests
from scheduler.rounds.models import TrainingRound
from solver import model
from solver.checks import load_instance
from solver.solution import Class, Unserved
from solver.validate import breaches
from tests.web.solve_helpers import (
    client_of,
    latest_run_id,
    load_tiny,
    post,
    runner_done,
    wait_for_run,
)


@pytest.fixture()
def tiny(blank_app):
    """The tiny round, in scheduling, and a planner's browser: (app, round id, client)."""
    round_id = load_tiny(blank_app)
    return blank_app, round_id, client_of(blank_app, "planner1")


def start(client, round_id: int, seconds: int = 5):
    """Press 'Start the solver' on the round's scheduling page."""
    page = f"/planning/{round_id}"
    return post(client, page, f"/planning/{round_id}/solve", {"time_limit": str(seconds)})


def timetable(app, round_id: int, state: str) -> list[dict]:
    """The round's classes in one state, as solution classes."""
    with app.app_context():
        return export_classes(db.session.get(TrainingRound, round_id), state)


def rule_breaches(app, round_id: int, state: str) -> list[str]:
    """What the solver's validator says about a stored timetable of the round."""
    with app.app_context():
        training_round = db.session.get(TrainingRound, round_id)
        doc = solve_instance(training_round)
        classes = export_classes(training_round, state)
        unserved = [Unserved(u["official"], u["topic"], u["reason"])
                    for u in unserved_requests(doc, classes)]
        return breaches(load_instance(doc), [Class.from_dict(c) for c in classes], unserved)


def solve_to_draft(app, client, round_id: int):
    """Start a solve, wait for it, and return the finished run."""
    response = start(client, round_id)
    assert response.status_code == 200
    run = wait_for_run(app, latest_run_id(app, round_id))
    runner_done(app, round_id)
    return run


def test_a_solve_runs_to_a_stored_draft_that_passes_the_validator(tiny):
    app, round_id, client = tiny
    response = start(client, round_id)
    assert "Đã bắt đầu giải" in response.text
    run = wait_for_run(app, latest_run_id(app, round_id))
    runner_done(app, round_id)
    assert run.status == "finished", run.error
    assert run.result_status in ("OPTIMAL", "FEASIBLE")
    draft = timetable(app, round_id, "draft")
    assert draft and rule_breaches(app, round_id, "draft") == []
    page = client.get(f"/planning/runs/{run.id}").text
    assert "Đã xong" in page and str(run.objective) in page
    progress = client.get(f"/planning/runs/{run.id}/progress.json").get_json()
    assert progress["done"] and progress["served"] == run.solution["served"] > 0


def test_a_second_solve_while_one_runs_is_refused(tiny, monkeypatch):
    app, round_id, client = tiny
    release = threading.Event()
    real = model.solve

    def slow_solve(instance, **kwargs):
        release.wait(30)
        return real(instance, **kwargs)

    monkeypatch.setattr(model, "solve", slow_solve)
    start(client, round_id)
    second = start(client, round_id)
    release.set()
    assert "Một lượt giải của đợt này đang chạy" in second.text
    runner_done(app, round_id)
    with app.app_context():
        from sqlalchemy import func, select

        from scheduler.planning.models import SolveRun

        assert db.session.scalar(select(func.count(SolveRun.id))) == 1


def test_a_crashing_solve_leaves_the_draft_and_the_published_timetable(tiny, monkeypatch):
    app, round_id, client = tiny
    assert solve_to_draft(app, client, round_id).status == "finished"
    post(client, f"/planning/{round_id}", f"/planning/{round_id}/publish")
    draft, published = timetable(app, round_id, "draft"), timetable(app, round_id, "published")
    assert published == draft

    def crash(instance, **kwargs):
        raise RuntimeError("the solver process was killed")

    monkeypatch.setattr(model, "solve", crash)
    run = solve_to_draft(app, client, round_id)
    assert run.status == "failed" and "the solver process was killed" in run.error
    assert timetable(app, round_id, "draft") == draft
    assert timetable(app, round_id, "published") == published
    page = client.get(f"/planning/runs/{run.id}").text
    assert "Thất bại" in page and "the solver process was killed" in page


def test_stop_keeps_the_best_timetable_so_far(tiny, monkeypatch):
    app, round_id, client = tiny
    real = model.solve
    reported = threading.Event()

    def watched(instance, progress=None, **kwargs):
        def report(update):
            progress(update)
            reported.set()

        return real(instance, progress=report, **kwargs)

    monkeypatch.setattr(model, "solve", watched)
    start(client, round_id, seconds=60)
    run_id = latest_run_id(app, round_id)
    assert reported.wait(30)
    page = f"/planning/runs/{run_id}"
    response = post(client, page, f"/planning/runs/{run_id}/stop")
    assert response.status_code == 200
    run = wait_for_run(app, run_id)
    runner_done(app, round_id)
    assert run.status in ("stopped", "finished")
    assert run.wall_seconds < 30
    assert timetable(app, round_id, "draft") and rule_breaches(app, round_id, "draft") == []


def test_no_solve_unless_the_round_is_being_scheduled(blank_app):
    round_id = load_tiny(blank_app, status="collecting")
    client = client_of(blank_app, "planner1")
    response = start(client, round_id)
    assert "chỉ có thể tính lịch" in response.text.lower()
    assert latest_run_id(blank_app, round_id) is None


def test_a_time_limit_out_of_range_is_refused(tiny):
    app, round_id, client = tiny
    response = start(client, round_id, seconds=1000)
    assert "Thời gian giới hạn (giây)" in response.text
    assert latest_run_id(app, round_id) is None


def test_resolve_around_a_pinned_class_then_publish_and_validate(tiny):
    app, round_id, client = tiny
    solve_to_draft(app, client, round_id)
    with app.app_context():
        pinned = db.session.scalars(db.select(TrainingClass).where(
            TrainingClass.round_id == round_id, TrainingClass.state == "draft")
            .order_by(TrainingClass.code)).first()
        pinned.pinned = True
        pinned_code = pinned.code
        db.session.commit()
    before = {c["id"]: c for c in timetable(app, round_id, "draft")}[pinned_code]
    run = solve_to_draft(app, client, round_id)
    assert run.status == "finished", run.error
    after = {c["id"]: c for c in timetable(app, round_id, "draft")}
    assert after[pinned_code] == before
    page = client.get(f"/planning/{round_id}").text
    assert "So với bản nháp trước" in page
    response = post(client, f"/planning/{round_id}", f"/planning/{round_id}/publish")
    assert "Đã công bố lịch" in response.text
    assert {c["id"]: c for c in timetable(app, round_id, "published")}[pinned_code] == before
    assert rule_breaches(app, round_id, "published") == []
    with app.app_context():
        assert db.session.get(TrainingRound, round_id).status == "published"


def test_publish_refuses_a_draft_that_breaks_a_rule(tiny):
    app, round_id, client = tiny
    solve_to_draft(app, client, round_id)
    with app.app_context():
        cls = db.session.scalars(db.select(TrainingClass).where(
            TrainingClass.round_id == round_id, TrainingClass.state == "draft")).first()
        cls.seats.clear()
        db.session.commit()
    response = post(client, f"/planning/{round_id}", f"/planning/{round_id}/publish")
    assert "không thể công bố" in response.text and "Quy tắc 4 – Sĩ số lớp" in response.text
    assert timetable(app, round_id, "published") == []


def test_officials_and_trainers_see_their_published_classes(blank_app):
    app = blank_app
    round_id = load_tiny(app)
    client = client_of(app, "planner1")
    solve_to_draft(app, client, round_id)
    post(client, f"/planning/{round_id}", f"/planning/{round_id}/publish")
    cls = timetable(app, round_id, "published")[0]
    with app.app_context():
        from scheduler.auth.operations import create_user
        from scheduler.communes.models import Official
        from scheduler.trainers.models import Trainer

        official = db.session.scalar(db.select(Official).filter_by(code=cls["officials"][0]))
        trainer = db.session.scalar(db.select(Trainer).filter_by(code=cls["trainer"]))
        create_user("off1", "secret-pass", "official", official_id=official.id)
        create_user("tr1", "secret-pass", "trainer", trainer_id=trainer.id)
        trainer_name = trainer.name
        db.session.commit()
    first_day, part = cls["sessions"][0].split(":")
    shown_date = "/".join(reversed(first_day.split("-")))
    for username in ("off1", "tr1"):
        page = client_of(app, username).get("/").text
        assert "Lớp của tôi" in page and shown_date in page and trainer_name in page
        assert ("Sáng" if part == "am" else "Chiều") in page

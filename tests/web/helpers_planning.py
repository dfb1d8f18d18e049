"""A draft timetable for the review tests: the tiny round, solved at once and stored as a draft."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from scheduler.extensions import db
from scheduler.planning.mapping import export_round, import_instance, store_classes
from scheduler.planning.models import SolveRun, TrainingClass
from scheduler.rounds.models import TrainingRound
from solver.checks import load_instance
from solver.model import solve
from tests.conftest import BACKENDS, csrf_token, fresh_database, make_app, make_user, upgrade
from tests.web.solve_helpers import client_of  # noqa: F401  (re-exported to the tests)

TINY = Path(__file__).parents[1] / "fixtures" / "tiny-instance.json"
# username -> (role, record kind, record code) of the tiny round's logins
LOGINS = {"planner1": ("planner", None, None), "focal1": ("focal_point", "commune", "C1"),
          "official1": ("official", "official", "O01"), "trainer1": ("trainer", "trainer", "R1")}


def tiny_doc() -> dict:
    """The contract's tiny instance."""
    return json.loads(TINY.read_text(encoding="utf-8"))


def add_logins() -> None:
    """One login per role, bound to records of the tiny round."""
    from scheduler.communes.models import Commune, Official
    from scheduler.trainers.models import Trainer

    models = {"commune": Commune, "official": Official, "trainer": Trainer}
    for username, (role, kind, code) in LOGINS.items():
        bound = {}
        if kind:
            record = db.session.scalar(select(models[kind]).filter_by(code=code))
            bound[f"{kind}_id"] = record.id
        make_user(username, "secret-pass", role, **bound)


def solve_round(training_round: TrainingRound) -> SolveRun:
    """Solve the round synchronously and keep the solution document in a finished run."""
    solution = solve(load_instance(export_round(training_round)), time_limit=5)
    run = SolveRun(round_id=training_round.id, status="finished", solution=solution.to_dict(),
                   result_status=solution.status, objective=solution.objective)
    db.session.add(run)
    db.session.flush()
    return run


def store_draft(round_id: int, state: str = "draft") -> None:
    """Replace the round's classes by the solved timetable, in `state`; commit."""
    training_round = db.session.get(TrainingRound, round_id)
    for row in db.session.scalars(select(TrainingClass).filter_by(round_id=round_id)):
        db.session.delete(row)
    db.session.flush()
    run = db.session.scalars(select(SolveRun).filter_by(round_id=round_id)).one()
    store_classes(training_round, run.solution["classes"], state=state, solve_run_id=run.id)
    db.session.commit()


@pytest.fixture(scope="module", params=BACKENDS)
def tiny_app(request, tmp_path_factory):
    """An app holding only the tiny round (status scheduling), its logins and one solve."""
    folder = tmp_path_factory.mktemp(f"tiny-{request.param}")
    with fresh_database(request.param, folder) as url:
        app = make_app(url)
        app.config["BACKEND"] = request.param
        upgrade(app)
        with app.app_context():
            training_round = import_instance(tiny_doc(), "Tỉnh Nhỏ", status="scheduling")
            add_logins()
            solve_round(training_round)
            db.session.commit()
            app.config["TINY_ROUND"] = training_round.id
        yield app
        with app.app_context():
            db.engine.dispose()


@pytest.fixture()
def round_id(tiny_app) -> int:
    """The tiny round, with a fresh draft timetable (the solved one) for each test."""
    with tiny_app.app_context():
        store_draft(tiny_app.config["TINY_ROUND"])
    return tiny_app.config["TINY_ROUND"]


@pytest.fixture()
def planner(tiny_app):
    """The tiny round's planner."""
    return client_of(tiny_app, "planner1")


def submit(client, page: str, action: str, data: dict):
    """Post a form of `page` (with its CSRF token) to `action`; the page shown afterwards."""
    token = csrf_token(client.get(page).text)
    return client.post(action, data={"csrf_token": token, **data}, follow_redirects=True)

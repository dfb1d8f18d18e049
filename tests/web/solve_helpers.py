"""Helpers of the round and solve tests: the tiny round in a blank app, users, polling a run."""

from __future__ import annotations

import json
import time
from pathlib import Path

from sqlalchemy import select

from scheduler.extensions import db
from scheduler.planning.models import SolveRun
from tests.conftest import csrf_token, make_user

TINY = Path(__file__).parents[1] / "fixtures" / "tiny-instance.json"
WAIT = 60


def tiny_doc() -> dict:
    """The contract's tiny instance."""
    return json.loads(TINY.read_text(encoding="utf-8"))


def load_tiny(app, status: str = "scheduling", **users) -> int:
    """Import the tiny round with a planner (and the other logins asked for); its round id."""
    from scheduler.planning.mapping import import_instance

    with app.app_context():
        training_round = import_instance(tiny_doc(), "Tỉnh Nhỏ", status=status)
        make_user("planner1", "secret-pass", "planner")
        for username, (role, bound) in users.items():
            make_user(username, "secret-pass", role, **bound)
        db.session.commit()
        return training_round.id


def client_of(app, username: str):
    """A test client logged in as `username`."""
    from scheduler.auth.models import User

    with app.app_context():
        user_id = db.session.scalar(select(User.id).where(User.username == username))
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = str(user_id)
        session["_fresh"] = True
    return client


def post(client, page: str, action: str, data: dict | None = None):
    """Submit a form of `page` (with its CSRF token) to `action`, following redirects."""
    token = csrf_token(client.get(page).text)
    return client.post(action, data={"csrf_token": token, **(data or {})},
                       follow_redirects=True)


def wait_for_run(app, run_id: int, timeout: float = WAIT) -> SolveRun:
    """Poll the database until the run has ended; return it (detached, loaded)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with app.app_context():
            run = db.session.get(SolveRun, run_id)
            if run.status not in ("queued", "running"):
                db.session.expunge(run)
                return run
        time.sleep(0.2)
    raise AssertionError(f"run {run_id} did not end within {timeout} s")


def runner_done(app, round_id: int, timeout: float = WAIT) -> None:
    """Wait until the app's runner has freed the round's key."""
    from scheduler.planning import service

    service.get_runner(app).wait(service.job_key(round_id), timeout)


def latest_run_id(app, round_id: int) -> int | None:
    """The id of the round's newest run."""
    with app.app_context():
        return db.session.scalar(select(SolveRun.id).where(SolveRun.round_id == round_id)
                                 .order_by(SolveRun.id.desc()))

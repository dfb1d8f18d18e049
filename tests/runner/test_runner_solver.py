"""The runner driving the real solver on the tiny instance: live progress, and Stop."""

import json
from pathlib import Path

import pytest

from scheduler.planning.runner import FINISHED, STOPPED, InProcessRunner

model = pytest.importorskip("solver.model", reason="the solver model is not in this tree yet")
from solver.checks import load_instance  # noqa: E402
from solver.validate import check_document  # noqa: E402

TINY = Path(__file__).parents[1] / "fixtures" / "tiny-instance.json"
WAIT = 60


@pytest.fixture(scope="module")
def tiny():
    """Return the tiny instance of the contract."""
    return load_instance(json.loads(TINY.read_text(encoding="utf-8")))


def solve_job(instance, on_progress=None):
    """Return a job that solves `instance` the way the web layer will."""

    def job(ctx):
        def progress(update):
            ctx.report(update)
            if on_progress:
                on_progress(update)

        return model.solve(
            instance, time_limit=20, workers=2, progress=progress, stop=ctx.stop_event
        )

    return job


def test_a_background_solve_reports_progress_and_returns_a_valid_timetable(tiny):
    runner = InProcessRunner()
    final = runner.submit("tiny", solve_job(tiny)).wait(WAIT)
    assert final.state == FINISHED and final.error is None
    assert final.progress["requests"] == len(tiny.requests)
    assert final.result.status in ("OPTIMAL", "FEASIBLE")
    assert check_document(tiny, final.result.to_dict()) == []


def test_stop_returns_the_best_timetable_found_so_far(tiny):
    runner = InProcessRunner()
    final = runner.submit("tiny", solve_job(tiny, lambda update: runner.stop("tiny"))).wait(WAIT)
    assert final.state == STOPPED and final.error is None
    assert final.result.status in ("OPTIMAL", "FEASIBLE")
    assert check_document(tiny, final.result.to_dict()) == []

"""The engine end to end: the tiny example, the cost and its weights, progress, stop, greedy."""

import threading
import time

import pytest
from builders import assert_valid, find, mini_doc, online_room, put, solve_valid

from solver import model
from solver.checks import load_instance
from solver.engine import solve
from solver.generate import generate
from solver.greedy import greedy_solution
from solver.validate import cost


@pytest.fixture(scope="module")
def tiny_solution():
    """The tiny example solved once (5 s, 2 workers)."""
    from builders import tiny_doc

    return solve_valid(tiny_doc())


@pytest.fixture(scope="module")
def mid_round():
    """A generated Điện Biên round of 4 weeks and 600 requests."""
    return load_instance(generate("Điện Biên", weeks=4, requests=600, seed=0))


def test_tiny_example_is_proven_optimal(tiny_solution):
    inst, sol = tiny_solution
    assert sol.status == "OPTIMAL"
    assert sol.objective == sol.bound
    assert sol.objective == cost(inst, sol.classes, sol.unserved)
    assert sol.stats["served"] + len(sol.unserved) == len(inst.request)
    assert sol.wall_seconds < 5


def test_tiny_example_beats_or_equals_the_greedy(tiny_solution):
    inst, sol = tiny_solution
    greedy = greedy_solution(inst)
    assert_valid(inst, greedy, ("FEASIBLE",))
    assert sol.objective <= greedy.objective


def test_model_solve_is_the_engine_solve(tiny):
    inst = load_instance(tiny)
    sol = model.solve(inst, time_limit=5, workers=1)
    assert_valid(inst, sol)
    assert sol.status == "OPTIMAL"


def test_every_request_is_served_or_listed_once(tiny_solution):
    inst, sol = tiny_solution
    served = [(o, k.topic) for k in sol.classes for o in k.officials]
    unserved = [(u.official, u.topic) for u in sol.unserved]
    assert sorted(served + unserved) == sorted(inst.request)


# ---- the cost and its weights -------------------------------------------------------------------
def test_objective_counts_unserved_priority_classes_and_travel():
    doc = mini_doc(officials=4)
    put(doc["topics"][0], max_size=3)
    doc["requests"][3]["priority"] = 3
    _, sol = solve_valid(doc)
    # One class of 3 (the priority-3 request is kept in), one priority-2 request left out.
    assert sol.status == "OPTIMAL"
    assert sol.objective == 3000 + 3 * 10 + 2 * 1000
    assert len(sol.unserved) == 1 and sol.unserved[0].official != "O4"


def test_a_huge_class_weight_opens_fewer_classes(tiny):
    _, usual = solve_valid(tiny)
    tiny["settings"] = {"weights": {"class": 40000}}
    inst, dear = solve_valid(tiny)
    assert dear.status == "OPTIMAL"
    assert len(dear.classes) < len(usual.classes)
    assert dear.objective == cost(inst, dear.classes, dear.unserved)


def online_or_hall() -> dict:
    """Six officials; hall V takes all six, the online room VO only three; one class fits."""
    doc = mini_doc(officials=6)
    put(doc["topics"][0], modes=["in_person", "online"])
    online_room(doc, capable=True)
    put(find(doc["venues"], "VO"), capacity=3)
    return doc


def test_with_default_weights_the_hall_serving_everyone_wins():
    _, sol = solve_valid(online_or_hall())
    assert sol.status == "OPTIMAL" and sol.objective == 3000 + 6 * 10
    assert [k.mode for k in sol.classes] == ["in_person"]


def test_a_huge_travel_weight_prefers_online():
    doc = online_or_hall()
    doc["settings"]["weights"] = {"travel": 1000}
    _, sol = solve_valid(doc)
    assert sol.status == "OPTIMAL" and sol.objective == 3000 + 3 * 2 * 1000
    assert [k.mode for k in sol.classes] == ["online"]


def test_a_zero_unserved_weight_serves_nobody(tiny):
    tiny["settings"] = {"weights": {"unserved": 0}}
    _, sol = solve_valid(tiny)
    assert sol.status == "OPTIMAL"
    assert sol.classes == [] and sol.objective == 0


# ---- progress and stop ---------------------------------------------------------------------------
def test_progress_reports_elapsed_cost_served_and_requests(tiny):
    inst = load_instance(tiny)
    seen: list[dict] = []
    sol = solve(inst, time_limit=5, workers=2, progress=seen.append)
    assert_valid(inst, sol)
    assert seen
    for update in seen:
        assert {"elapsed", "objective", "served", "requests"} <= set(update)
        assert update["requests"] == len(inst.request)
        assert 0 <= update["served"] <= update["requests"]
    assert min(u["objective"] for u in seen) == sol.objective


def test_a_failing_progress_callback_does_not_stop_the_solve(tiny):
    inst = load_instance(tiny)

    def broken(update: dict) -> None:
        raise RuntimeError("the progress store is down")

    sol = solve(inst, time_limit=5, workers=1, progress=broken)
    assert_valid(inst, sol)
    assert sol.status == "OPTIMAL"


def test_stop_from_progress_returns_a_valid_solution_early(mid_round):
    stop, seen = threading.Event(), []

    def progress(update: dict) -> None:
        seen.append(update)
        if update.get("phase") == "model":
            stop.set()

    limit = 20.0
    t0 = time.perf_counter()
    sol = solve(mid_round, time_limit=limit, workers=2, progress=progress, stop=stop)
    took = time.perf_counter() - t0
    assert_valid(mid_round, sol)
    assert stop.is_set(), "no model solution was reported"
    assert took < limit / 2
    assert sol.objective <= min(u["objective"] for u in seen)
    assert all({"elapsed", "objective", "served", "requests"} <= set(u) for u in seen)
    assert all(u["requests"] == 600 for u in seen)


def test_stop_set_before_the_solve_still_answers_the_greedy(mid_round):
    stop = threading.Event()
    stop.set()
    sol = solve(mid_round, time_limit=10, workers=2, stop=stop)
    assert_valid(mid_round, sol)
    assert sol.objective <= sol.stats["greedy_objective"]


def test_stop_during_the_greedy_phase_ends_the_solve_promptly(mid_round):
    stop = threading.Event()

    def progress(update: dict) -> None:
        if update.get("phase") == "greedy":
            stop.set()

    t0 = time.perf_counter()
    sol = solve(mid_round, time_limit=15, workers=2, progress=progress, stop=stop)
    assert_valid(mid_round, sol)
    assert time.perf_counter() - t0 < 2


def test_greedy_alone_is_valid_on_a_full_dien_bien_round():
    inst = load_instance(generate("Điện Biên", seed=1))
    sol = greedy_solution(inst)
    assert_valid(inst, sol, ("FEASIBLE",))
    assert sol.stats["served"] > 0 and sol.classes

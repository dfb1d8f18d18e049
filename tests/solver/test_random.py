"""Random small rounds (hypothesis): the solver and the greedy always answer a valid timetable
whose objective is its cost and is never below the bound."""

from datetime import date, timedelta

from builders import assert_valid
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from solver.checks import instance_errors, load_instance
from solver.engine import solve
from solver.greedy import greedy_solution

MONDAY = date(2026, 3, 2)
DATES = [(MONDAY + timedelta(days=i)).isoformat() for i in range(5)]
SLOTS = [f"{d}:{p}" for d in DATES for p in ("am", "pm")]
RANDOM = settings(max_examples=40, deadline=None,
                  suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def blocked(draw) -> list[str]:
    """A few unavailable slots or whole dates of the round's week (mostly none or one)."""
    return draw(st.lists(st.sampled_from(SLOTS + DATES), max_size=draw(st.integers(0, 3)),
                         unique=True))


def maybe(draw, low: int, high: int) -> int | None:
    """An integer cap or no cap."""
    return draw(st.none() | st.integers(low, high))


def topics(draw, n: int) -> list[dict]:
    """Topics T0..; a topic's prerequisites come from earlier topics (no cycle)."""
    out = []
    for i in range(n):
        low = draw(st.integers(1, 4))
        out.append({
            "id": f"T{i}", "name": f"Chuyên đề {i}", "sessions": draw(st.integers(1, 3)),
            "min_size": low, "max_size": draw(st.integers(low, 8)),
            "modes": draw(st.sampled_from([["in_person"], ["in_person", "online"],
                                           ["in_person", "online"], ["online"]])),
            "prerequisites": draw(st.lists(st.sampled_from([f"T{j}" for j in range(i)]),
                                           max_size=1, unique=True)) if i else [],
        })
    return out


def trainers(draw, tids: list[str]) -> list[dict]:
    """One or two trainers with random topics, blocked slots and caps; mostly every topic taught."""
    out = [{"id": f"R{i}", "name": f"Giảng viên {i}",
            "topics": draw(st.lists(st.sampled_from(tids), min_size=1, unique=True)),
            "unavailable": blocked(draw), "max_sessions_per_week": maybe(draw, 1, 8),
            "max_sessions": maybe(draw, 1, 10)}
           for i in range(draw(st.integers(1, 2)))]
    if draw(st.integers(0, 5)):
        taught = {t for r in out for t in r["topics"]}
        out[0]["topics"] += [t for t in tids if t not in taught]
    return out


def venues(draw) -> list[dict]:
    """A hall, and a second hall or an online room."""
    out = [{"id": "V0", "name": "Hội trường 0", "capacity": draw(st.integers(2, 12)),
            "unavailable": blocked(draw)}]
    if draw(st.booleans()):
        online = draw(st.booleans())
        out.append({"id": "V1", "name": "Phòng 1", "capacity": draw(st.integers(2, 12)),
                    "online": online, "unavailable": blocked(draw)})
    return out


def communes(draw, halls: list[str]) -> list[dict]:
    """One to three communes: away limits, online kit, blackouts, travel to some halls."""
    return [{"id": f"C{i}", "name": f"Xã {i}", "staff": 20, "max_away": draw(st.integers(0, 8)),
             "online_capable": draw(st.booleans()), "unavailable": blocked(draw),
             "travel_minutes": {h: draw(st.integers(0, 60)) for h in halls
                                if draw(st.integers(0, 3))}}
            for i in range(draw(st.integers(1, 3)))]


@st.composite
def rounds(draw) -> dict:
    """A random valid instance document of one week."""
    days = draw(st.integers(1, 5) | st.just(5))
    tops = topics(draw, draw(st.integers(1, 3)))
    tids = [t["id"] for t in tops]
    vens = venues(draw)
    comms = communes(draw, [v["id"] for v in vens if not v.get("online")])
    officials = [{"id": f"O{i}", "commune": draw(st.sampled_from(comms))["id"],
                  "completed": draw(st.lists(st.sampled_from(tids), max_size=1, unique=True))}
                 for i in range(draw(st.integers(3, 15)))]
    requests = [{"official": o["id"], "topic": t, "priority": draw(st.integers(1, 3))}
                for o in officials
                for t in draw(st.lists(st.sampled_from(tids), min_size=1, unique=True))]
    return {
        "format": "commune-training-instance/1", "name": "random",
        "calendar": {"start": DATES[0], "end": DATES[days - 1], "parts": ["am", "pm"]},
        "topics": tops, "trainers": trainers(draw, tids), "venues": vens, "communes": comms,
        "officials": officials, "requests": requests,
        "settings": {"max_travel_minutes": maybe(draw, 30, 120),
                     "weights": {"unserved": draw(st.sampled_from([1000, 2000, 5000, 0])),
                                 "class": draw(st.sampled_from([0, 1000, 3000])),
                                 "travel": draw(st.integers(0, 3))}},
    }


def test_the_strategy_makes_valid_instances():
    @given(rounds())
    @RANDOM
    def check(doc):
        assert instance_errors(doc) == []

    check()


@given(rounds())
@RANDOM
def test_solver_answers_a_valid_timetable_with_its_cost_above_the_bound(doc):
    inst = load_instance(doc)
    sol = solve(inst, time_limit=2, workers=1, seed=0)
    assert sol.status in ("OPTIMAL", "FEASIBLE")
    assert_valid(inst, sol)
    assert len(sol.unserved) + sol.stats["served"] == len(inst.request)
    assert sol.objective <= sol.stats["greedy_objective"]


@given(rounds())
@RANDOM
def test_greedy_answers_a_valid_timetable(doc):
    inst = load_instance(doc)
    sol = greedy_solution(inst)
    assert_valid(inst, sol, ("FEASIBLE",))
    assert all(u.reason.strip() for u in sol.unserved)

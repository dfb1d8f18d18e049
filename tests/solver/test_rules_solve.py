"""Each hard rule family of CONTRACT.md: the smallest round the solver serves, and the smallest
round where that rule alone leaves the requests unserved, with the reason code that names it.

Every round is built from builders.mini_doc: topic T (2 sessions, 3..10 officials), trainer R,
hall V 10 minutes from commune C, three officials requesting T with priority 2, one Monday. With the
default weights a class of the three costs 3000 + 3 * 10 = 3030 and leaving them costs 3 * 2000.
"""

import pytest
from builders import (
    add_officials,
    add_topic,
    codes,
    find,
    mini_doc,
    online_room,
    put,
    solve_valid,
)

SERVED_ALL = 3000 + 3 * 10
NONE_SERVED = 3 * 2 * 1000
OFFICIALS = ("O1", "O2", "O3")


def c(doc: dict) -> dict:
    """The commune C of a mini round."""
    return find(doc["communes"], "C")


def second_commune(doc: dict, max_away: int, travel: int) -> None:
    """Add commune C2 (official P1 requesting T), `travel` minutes from hall V."""
    doc["communes"].append({"id": "C2", "name": "Xã Hai", "staff": 5, "max_away": max_away,
                            "travel_minutes": {"V": travel}})
    add_officials(doc, "C2", ["P1"])


def only_online_hall(doc: dict, capable: bool, modes: list[str]) -> None:
    """The only venue is an online room; commune C has the kit or not; topic T's modes."""
    put(doc["venues"][0], online=True)
    put(c(doc), travel_minutes={}, online_capable=capable)
    put(doc["topics"][0], modes=modes)


def with_prerequisite(doc: dict) -> None:
    """Topic T needs topic P (taught by trainer Q), which nobody requests."""
    doc["topics"].append({"id": "P", "name": "Chuyên đề P", "sessions": 1, "min_size": 1,
                          "max_size": 10})
    doc["trainers"].append({"id": "Q", "name": "Giảng viên Q", "topics": ["P"]})
    doc["topics"][0]["prerequisites"] = ["P"]


def completed_prerequisite(doc: dict) -> None:
    """Topic T needs P, which every official already completed."""
    with_prerequisite(doc)
    for o in doc["officials"]:
        o["completed"] = ["P"]


def split_over_communes(doc: dict) -> None:
    """C may release 2 officials at a time, C2 (20 minutes away) one: a class O1, O2, P1 fits."""
    put(c(doc), max_away=2)
    second_commune(doc, max_away=1, travel=20)


# (case id, the change, days, officials, the optimal cost by hand)
FEASIBLE = [
    ("1-one-class-one-day", lambda d: None, 1, 3, SERVED_ALL),
    ("1-three-sessions-over-two-days",
     lambda d: put(d["topics"][0], sessions=3), 2, 3, SERVED_ALL),
    ("2-trainer-free-one-half-day-short",
     lambda d: put(d["trainers"][0], unavailable=["2026-03-02:am"]), 2, 3, SERVED_ALL),
    ("2-weekly-cap-equals-sessions",
     lambda d: put(d["trainers"][0], max_sessions_per_week=2, max_sessions=2), 1, 3, SERVED_ALL),
    ("3-capacity-equals-min-size", lambda d: put(d["venues"][0], capacity=3), 1, 3, SERVED_ALL),
    ("3-online-room-no-travel",
     lambda d: only_online_hall(d, True, ["online"]), 1, 3, 3000),
    ("4-max-size-three-gives-two-classes",
     lambda d: put(d["topics"][0], max_size=3), 2, 6, 2 * 3000 + 6 * 10),
    ("5-prerequisite-completed", completed_prerequisite, 1, 3, SERVED_ALL),
    ("6-blackout-on-one-of-two-days",
     lambda d: put(c(d), unavailable=["2026-03-02"]), 2, 3, SERVED_ALL),
    ("6-travel-at-the-limit",
     lambda d: put(c(d), travel_minutes={"V": 60}), 1, 3, 3000 + 3 * 60),
    ("6-away-limit-split-over-communes", split_over_communes, 1, 3,
     3000 + 10 + 10 + 20 + 2 * 1000),
]


@pytest.mark.parametrize(("change", "days", "officials", "expected"),
                         [case[1:] for case in FEASIBLE], ids=[case[0] for case in FEASIBLE])
def test_smallest_feasible_round_is_solved_to_its_hand_computed_optimum(
        change, days, officials, expected):
    doc = mini_doc(officials=officials, days=days)
    change(doc)
    _, sol = solve_valid(doc)
    assert sol.status == "OPTIMAL"
    assert sol.objective == sol.bound == expected


# (case id, the change, days, the reason codes accepted for every request of T)
BLOCKED = [
    ("1-no-week-holds-three-sessions",
     lambda d: (put(d["topics"][0], sessions=3),
                put(d, calendar={"start": "2026-03-06", "end": "2026-03-09"})), 1,
     {"no_trainer_slot"}),
    ("1-class-longer-than-the-round", lambda d: put(d["topics"][0], sessions=3), 1,
     {"no_trainer_slot"}),
    ("2-no-qualified-trainer", lambda d: put(d["trainers"][0], topics=[]), 1, {"no_trainer"}),
    ("2-trainer-away-on-the-only-day",
     lambda d: put(d["trainers"][0], unavailable=["2026-03-02"]), 1, {"no_trainer_slot"}),
    ("2-trainer-away-half-of-each-day",
     lambda d: put(d["trainers"][0], unavailable=["2026-03-02:pm", "2026-03-03:am"]), 2,
     {"no_trainer_slot"}),
    ("2-weekly-cap-below-sessions",
     lambda d: put(d["trainers"][0], max_sessions_per_week=1), 2, {"no_trainer_slot"}),
    ("2-round-cap-below-sessions",
     lambda d: put(d["trainers"][0], max_sessions=1), 2, {"no_trainer_slot"}),
    ("3-venue-closed", lambda d: put(d["venues"][0], unavailable=["2026-03-02"]), 1,
     {"no_venue"}),
    ("3-capacity-below-min-size", lambda d: put(d["venues"][0], capacity=2), 1, {"no_venue"}),
    ("3-online-room-topic-in-person-only",
     lambda d: only_online_hall(d, True, ["in_person"]), 1, {"no_venue"}),
    ("3-online-only-topic-no-kit",
     lambda d: (put(d["topics"][0], modes=["online"]), online_room(d, capable=False)), 1,
     {"no_online"}),
    ("4-min-size-above-requests", lambda d: put(d["topics"][0], min_size=4), 1, {"too_few"}),
    ("5-prerequisite-not-completed-nor-requested", with_prerequisite, 1, {"prerequisite"}),
    ("6-commune-blackout-every-day", lambda d: put(c(d), unavailable=["2026-03-02"]), 1,
     {"commune_blackout"}),
    ("6-no-kit-and-only-online-room",
     lambda d: only_online_hall(d, False, ["in_person", "online"]), 1, {"no_online", "no_venue"}),
    ("6-hall-beyond-travel-limit", lambda d: put(c(d), travel_minutes={"V": 61}), 1,
     {"no_venue"}),
    ("6-hall-not-reachable", lambda d: put(c(d), travel_minutes={}), 1, {"no_venue"}),
]


@pytest.mark.parametrize(("change", "days", "accepted"), [case[1:] for case in BLOCKED],
                         ids=[case[0] for case in BLOCKED])
def test_smallest_blocked_round_leaves_requests_unserved_with_the_rule_as_reason(
        change, days, accepted):
    doc = mini_doc(days=days)
    change(doc)
    _, sol = solve_valid(doc)
    assert sol.status == "OPTIMAL"
    assert sol.classes == []
    assert sol.objective == NONE_SERVED
    found = codes(sol)
    assert set(found) == {(o, "T") for o in OFFICIALS}
    assert set(found.values()) <= accepted, found
    assert all(u.reason.strip() for u in sol.unserved)


def test_away_limit_below_min_size_leaves_the_commune_unserved():
    doc = mini_doc()
    put(c(doc), max_away=2)
    _, sol = solve_valid(doc)
    assert sol.classes == [] and sol.objective == NONE_SERVED == sol.bound


def test_away_limit_below_min_size_is_the_reason_given():
    doc = mini_doc()
    put(c(doc), max_away=2)
    _, sol = solve_valid(doc)
    assert sol.unserved and "not_worth" not in codes(sol).values()
    assert all("away limit" in u.reason for u in sol.unserved), sol.unserved


def test_prerequisite_requested_too_is_served_first():
    doc = mini_doc(days=2)
    with_prerequisite(doc)
    doc["requests"] += [{"official": o, "topic": "P", "priority": 2} for o in OFFICIALS]
    inst, sol = solve_valid(doc)
    assert sol.status == "OPTIMAL" and sol.unserved == []
    assert sol.objective == 2 * SERVED_ALL
    by_topic = {k.topic: k for k in sol.classes}
    assert inst.slot_index[by_topic["P"].sessions[-1]] < inst.slot_index[by_topic["T"].sessions[0]]


def test_prerequisite_without_any_time_before_leaves_the_topic_unserved():
    doc = mini_doc(days=1)
    with_prerequisite(doc)
    put(doc["topics"][0], sessions=2)
    put(doc["topics"][1], sessions=2)
    doc["requests"] += [{"official": o, "topic": "P", "priority": 2} for o in OFFICIALS]
    _, sol = solve_valid(doc)
    assert sol.status == "OPTIMAL"
    assert len(sol.classes) == 1 and sol.objective == SERVED_ALL + NONE_SERVED


def two_topics_same_officials(doc: dict) -> None:
    """The three officials also request U (trainer S, hall W): T and U only fit the same day."""
    add_topic(doc, "U", list(OFFICIALS), trainer="S")
    doc["venues"].append({"id": "W", "name": "Hội trường W", "capacity": 10})
    c(doc)["travel_minutes"]["W"] = 10


def second_topic_for_others(doc: dict, trainer: str, venue_capacity: int | None) -> None:
    """O4..O6 request U; U is taught by `trainer`; a second hall W when a capacity is given."""
    add_officials(doc, "C", ["O4", "O5", "O6"], topic="U")
    add_topic(doc, "U", [], trainer=trainer)
    if venue_capacity is not None:
        doc["venues"].append({"id": "W", "name": "Hội trường W", "capacity": venue_capacity})
        c(doc)["travel_minutes"]["W"] = 10


# (case id, the change): two classes of 3 would serve everyone, but only one fits the Monday.
CLASHES = [
    ("2-one-trainer-two-topics", lambda d: second_topic_for_others(d, "R", 10)),
    ("3-one-venue-two-topics", lambda d: second_topic_for_others(d, "S", None)),
    ("5-official-in-two-classes-at-once", two_topics_same_officials),
]


@pytest.mark.parametrize("change", [case[1] for case in CLASHES], ids=[case[0] for case in CLASHES])
def test_two_classes_that_must_share_the_only_day_serve_one(change):
    doc = mini_doc()
    change(doc)
    _, sol = solve_valid(doc)
    assert sol.status == "OPTIMAL"
    assert len(sol.classes) == 1
    assert sol.objective == SERVED_ALL + NONE_SERVED
    assert len(sol.unserved) == 3


@pytest.mark.parametrize("change", [case[1] for case in CLASHES], ids=[case[0] for case in CLASHES])
def test_the_same_two_classes_on_two_days_serve_everyone(change):
    doc = mini_doc(days=2)
    change(doc)
    _, sol = solve_valid(doc)
    assert sol.status == "OPTIMAL" and sol.unserved == []
    assert sol.objective == 2 * SERVED_ALL


FIXED = {"id": "K", "topic": "T", "trainer": "R", "venue": "V", "mode": "in_person",
         "sessions": ["2026-03-03:am", "2026-03-03:pm"], "officials": list(OFFICIALS)}


def test_fixed_class_is_kept_exactly():
    doc = mini_doc(days=2)
    doc["fixed_classes"] = [dict(FIXED)]
    _, sol = solve_valid(doc)
    assert sol.status == "OPTIMAL" and sol.objective == SERVED_ALL
    assert [k.to_dict() for k in sol.classes] == [FIXED]


def test_fixed_class_keeps_its_officials_and_may_take_more():
    doc = mini_doc(officials=4, days=2)
    doc["fixed_classes"] = [dict(FIXED)]
    _, sol = solve_valid(doc)
    assert sol.status == "OPTIMAL" and sol.unserved == []
    (kept,) = [k for k in sol.classes if k.id == "K"]
    assert set(OFFICIALS) <= set(kept.officials)
    assert (kept.trainer, kept.venue, kept.sessions) == ("R", "V", tuple(FIXED["sessions"]))
    assert sol.objective == 3000 + 4 * 10


def test_fixed_class_below_min_size_is_filled_by_other_requesters():
    doc = mini_doc(days=2)
    doc["fixed_classes"] = [{**FIXED, "officials": ["O1"]}]
    _, sol = solve_valid(doc)
    assert sol.status == "OPTIMAL" and sol.unserved == []
    assert sol.objective == SERVED_ALL


@pytest.mark.parametrize(("change", "named"), [
    (lambda d: put(d["trainers"][0], unavailable=["2026-03-03:pm"]), "trainer R"),
    (lambda d: put(d["venues"][0], unavailable=["2026-03-03"]), "venue V"),
    (lambda d: put(c(d), unavailable=["2026-03-03:am"]), "C"),
    (lambda d: put(d["venues"][0], capacity=2), "capacity"),
], ids=["2-trainer-unavailable", "3-venue-closed", "6-commune-blackout", "3-over-capacity"])
def test_fixed_class_that_breaks_a_rule_makes_the_round_infeasible(change, named):
    doc = mini_doc(days=2)
    doc["fixed_classes"] = [dict(FIXED)]
    change(doc)
    inst, sol = solve_valid(doc, statuses=("INFEASIBLE",))
    assert sol.classes == [] and sol.errors
    assert all("K" in e for e in sol.errors), sol.errors
    assert any(named in e for e in sol.errors), sol.errors

"""The independent validator: each hard rule of CONTRACT.md caught alone, the cost, documents."""

import re

import pytest
from builders import Case, put

K3 = {"id": "K3", "topic": "A", "trainer": "R2", "venue": "V2", "mode": "in_person",
      "sessions": ["2026-03-09:am", "2026-03-09:pm"], "officials": ["O7", "O8"]}


def rules(found: list[str]) -> set[int]:
    """The rule numbers of the breaches."""
    out = set()
    for text in found:
        m = re.match(r"rule (\d) \(", text)
        assert m, f"a breach does not start with its rule: {text}"
        out.add(int(m.group(1)))
    return out


def k3(c: Case, **changes) -> None:
    """Add a third class (topic A for O7 and O8 by default), with changes."""
    c.add_class(**{**K3, **changes})


def fix(c: Case, **changes) -> None:
    """Publish class K1 (as it is, or changed) in the instance's fixed_classes."""
    c.doc["fixed_classes"] = [{**c.cls("K1"), **changes}]


def ends_in_first_slot(c: Case) -> None:
    """K2 (topic B) starts in K1's last slot: A does not end before B, for O1 and O2."""
    put(c.cls("K2"), trainer="R3", venue="V2", sessions=["2026-03-02:pm", "2026-03-03:am"],
        officials=["O1", "O2"])
    c.unserved.append({"official": "O6", "topic": "B", "reason": "no room"})


# (case id, the rule it breaks, other rules the change cannot help breaking, the change)
VARIANTS = [
    ("1-repeated-id", 1, set(), lambda c: put(c.cls("K2"), id="K1")),
    ("1-unknown-topic", 1, {2, 5, 8}, lambda c: put(c.cls("K1"), topic="ZZ")),
    ("1-too-few-slots", 1, set(), lambda c: put(c.cls("K1"), sessions=["2026-03-02:am"])),
    ("1-not-consecutive", 1, set(),
     lambda c: put(c.cls("K1"), sessions=["2026-03-02:am", "2026-03-03:am"])),
    ("1-holiday", 1, set(),
     lambda c: put(c.cls("K2"), sessions=["2026-03-06:am", "2026-03-06:pm"])),
    ("1-after-the-round", 1, set(),
     lambda c: put(c.cls("K2"), sessions=["2026-03-16:am", "2026-03-16:pm"])),
    ("1-two-weeks", 1, set(),
     lambda c: put(c.cls("K2"), sessions=["2026-03-05:pm", "2026-03-09:am"])),
    ("1-same-slot-twice", 1, set(),
     lambda c: put(c.cls("K1"), sessions=["2026-03-02:am", "2026-03-02:am"])),
    ("2-unknown-trainer", 2, set(), lambda c: put(c.cls("K2"), trainer="R9")),
    ("2-unqualified", 2, set(), lambda c: put(c.cls("K2"), trainer="R2")),
    ("2-slot-unavailable", 2, set(), lambda c: put(c.rec("trainers", "R1"),
                                                   unavailable=["2026-03-02:pm"])),
    ("2-date-unavailable", 2, set(), lambda c: put(c.rec("trainers", "R1"),
                                                   unavailable=["2026-03-04"])),
    ("2-two-classes-at-once", 2, set(),
     lambda c: k3(c, trainer="R1", sessions=["2026-03-02:am", "2026-03-02:pm"])),
    ("2-week-cap", 2, set(),
     lambda c: k3(c, trainer="R1", sessions=["2026-03-03:am", "2026-03-03:pm"])),
    ("2-round-cap", 2, set(), lambda c: k3(c, trainer="R1")),
    ("3-unknown-venue", 3, {6}, lambda c: put(c.cls("K2"), venue="V9")),
    ("3-slot-unavailable", 3, set(), lambda c: put(c.rec("venues", "V1"),
                                                   unavailable=["2026-03-02:am"])),
    ("3-two-classes-at-once", 3, set(),
     lambda c: k3(c, venue="V1", sessions=["2026-03-02:am", "2026-03-02:pm"])),
    ("3-capacity", 3, set(), lambda c: put(c.rec("venues", "V1"), capacity=2)),
    ("3-online-mode-in-person-venue", 3, set(), lambda c: put(c.cls("K1"), mode="online")),
    ("3-in-person-mode-online-venue", 3, {6}, lambda c: put(c.cls("K1"), venue="VO")),
    ("3-topic-forbids-mode", 3, set(), lambda c: put(c.rec("topics", "A"), modes=["online"])),
    ("4-too-small", 4, set(), lambda c: put(c.rec("topics", "A"), min_size=4)),
    ("4-too-large", 4, set(), lambda c: put(c.rec("topics", "B"), max_size=2)),
    ("5-unknown-official", 5, set(), lambda c: c.cls("K1")["officials"].append("O99")),
    ("5-no-request", 5, set(), lambda c: c.cls("K1")["officials"].append("O6")),
    ("5-topic-twice", 5, set(), lambda c: k3(c, officials=["O7", "O1"])),
    ("5-two-places-at-once", 5, set(), lambda c: put(
        c.cls("K2"), trainer="R3", venue="V2", sessions=["2026-03-02:am", "2026-03-02:pm"])),
    ("5-prerequisite-not-completed", 5, set(), lambda c: put(c.rec("officials", "O6"),
                                                             completed=[])),
    ("5-prerequisite-class-later", 5, set(), lambda c: (
        put(c.cls("K1"), sessions=["2026-03-04:am", "2026-03-04:pm"]),
        put(c.cls("K2"), sessions=["2026-03-02:am", "2026-03-02:pm"]))),
    ("5-prerequisite-class-ends-in-the-first-slot", 5, set(), lambda c: ends_in_first_slot(c)),
    ("5-official-twice", 5, set(), lambda c: c.cls("K1")["officials"].append("O1")),
    ("6-commune-unavailable", 6, set(), lambda c: put(c.rec("communes", "C1"),
                                                      unavailable=["2026-03-02:pm"])),
    ("6-not-online-capable", 6, set(), lambda c: (
        put(c.rec("communes", "C1"), online_capable=False),
        put(c.cls("K1"), venue="VO", mode="online"))),
    ("6-unreachable", 6, set(), lambda c: put(c.rec("communes", "C2"),
                                              travel_minutes={"V2": 50})),
    ("6-too-far", 6, set(), lambda c: put(c.doc["settings"], max_travel_minutes=30)),
    ("6-away-limit", 6, set(), lambda c: put(c.rec("communes", "C1"), max_away=2)),
    ("6-away-limit-extra-official", 6, set(), lambda c: (
        c.cls("K1")["officials"].append("O4"), c.serve("O4", "A"))),
    ("7-missing", 7, set(), lambda c: fix(c, id="P1")),
    ("7-other-trainer", 7, set(), lambda c: fix(c, trainer="R2")),
    ("7-other-venue", 7, set(), lambda c: fix(c, venue="V2")),
    ("7-other-topic", 7, set(), lambda c: fix(c, topic="B")),
    ("7-other-mode", 7, set(), lambda c: fix(c, mode="online")),
    ("7-other-sessions", 7, set(), lambda c: fix(c, sessions=["2026-03-03:am", "2026-03-03:pm"])),
    ("7-dropped-official", 7, set(), lambda c: fix(c, officials=["O1", "O2", "O3", "O4"])),
    ("8-missing", 8, set(), lambda c: c.unserved.pop()),
    ("8-served", 8, set(), lambda c: c.unserved.append(
        {"official": "O1", "topic": "A", "reason": "x"})),
    ("8-not-a-request", 8, set(), lambda c: c.unserved.append(
        {"official": "O3", "topic": "B", "reason": "x"})),
    ("8-twice", 8, set(), lambda c: c.unserved.append(dict(c.unserved[0]))),
    ("8-no-reason", 8, set(), lambda c: put(c.unserved[0], reason="  ")),
]


def test_the_builders_timetable_is_valid(case):
    assert case.breaches() == []


@pytest.mark.parametrize(("change", "rule", "also"), [(v[3], v[1], v[2]) for v in VARIANTS],
                         ids=[v[0] for v in VARIANTS])
def test_one_change_breaks_one_rule(case, change, rule, also):
    change(case)
    found = case.breaches()
    assert rule in rules(found), found
    assert rules(found) <= {rule} | also, found


@pytest.mark.parametrize("change", [
    lambda c: fix(c),
    lambda c: fix(c, officials=["O1", "O2"]),
    lambda c: put(c.doc["settings"], max_travel_minutes=None),
    lambda c: put(c.rec("communes", "C1"), max_away=3),
    lambda c: (put(c.rec("trainers", "R1"), max_sessions_per_week=None, max_sessions=None),
               k3(c, trainer="R1", sessions=["2026-03-03:am", "2026-03-03:pm"])),
    lambda c: put(c.cls("K2"), sessions=["2026-03-04:pm", "2026-03-04:am"]),
], ids=["published-kept", "published-gained-official", "no-travel-limit", "away-at-the-limit",
        "no-trainer-caps", "sessions-listed-backwards"])
def test_allowed_changes_stay_valid(case, change):
    change(case)
    assert case.breaches() == []


def test_breach_names_trainer_class_and_slot(case):
    k3(case, trainer="R1", sessions=["2026-03-02:am", "2026-03-02:pm"])
    assert ("rule 2 (trainer): class K3: trainer R1 teaches K1 and K3 in slot 2026-03-02:am"
            in case.breaches())


# ---- cost ---------------------------------------------------------------------------------
def test_cost_by_hand(case):
    put(case.doc["settings"], weights={"unserved": 100, "class": 1000, "travel": 2})
    unserved_priorities = 1 + 3 + 1 + 2          # O4, O5, O7, O8 for topic A
    travel = 3 * 10 + (2 * 10 + 40)               # K1: three from C1 to V1; K2: two C1, one C2
    assert case.cost() == 100 * unserved_priorities + 1000 * 2 + 2 * travel


def test_cost_defaults_and_online_classes_travel_nothing(case):
    put(case.cls("K1"), venue="VO", mode="online")
    case.rec("communes", "C1")["travel_minutes"]["VO"] = 7  # a time that must not count
    travel = 2 * 10 + 40                          # only K2 is in person
    assert case.cost() == 1000 * (1 + 3 + 1 + 2) + 3000 * 2 + 1 * travel


# ---- documents ----------------------------------------------------------------------------
def check(case: Case, **changes) -> list[str]:
    """check_document on the case's solution document."""
    from solver.validate import check_document

    return check_document(case.instance(), case.solution_doc(**changes))


def test_valid_document(case):
    assert check(case) == []
    assert check(case, status="OPTIMAL", bound=case.cost()) == []


@pytest.mark.parametrize(("changes", "word"), [
    ({"objective": 1}, "objective"),
    ({"objective": None}, "objective"),
    ({"bound": 10**9}, "bound"),
    ({"status": "OPTIMAL", "bound": 0}, "OPTIMAL"),
    ({"status": "DONE"}, "schema"),
    ({"classes": [{"id": "K1"}]}, "schema"),
    ({"instance": "other"}, "instance"),
    ({"status": "INVALID_INPUT"}, "INVALID_INPUT"),
])
def test_document_problems(case, changes, word):
    found = check(case, **changes)
    assert any(word in text for text in found), found


def test_document_breach_is_reported(case):
    case.unserved.pop()
    assert rules(check(case)) == {8}


@pytest.mark.parametrize("status", ["INVALID_INPUT", "INFEASIBLE", "UNKNOWN"])
def test_answers_without_classes_are_checked_for_schema_only(case, status):
    assert check(case, status=status, classes=[], unserved=[], objective=None) == []
    assert check(case, status=status, classes=[], errors=[3]) != []


@pytest.mark.parametrize("change", [ends_in_first_slot, lambda c: put(
    c.cls("K2"), trainer="R3", venue="V2", sessions=["2026-03-02:am", "2026-03-02:pm"])],
    ids=["prerequisite-ends-in-first-slot", "prerequisite-at-the-same-time"])
def test_prerequisite_must_end_before_the_first_slot(case, change):
    change(case)
    found = case.breaches()
    assert any("official O1 has neither completed prerequisite A" in b for b in found), found

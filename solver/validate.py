"""A solver-agnostic checker of the contract's hard rules 1-8 and its cost (CONTRACT.md)."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date

from solver.checks.schema import schema_validator
from solver.instance import Instance
from solver.solution import Class, Solution, Unserved
from solver.validate_messages import RULES as RULE_NAMES
from solver.validate_messages import Breach

RULES = {number: names["en"] for number, names in RULE_NAMES.items()}
NO_CLASS_STATUSES = ("INVALID_INPUT", "INFEASIBLE", "UNKNOWN")


def say(rule: int, text: str) -> str:
    """A breach as a sentence that starts with its rule: `rule 2 (trainer): ...`."""
    return f"rule {rule} ({RULES[rule]}): {text}"


def _week(slot: str) -> tuple[int, int] | None:
    """The ISO (year, week) of a slot, or None when its date is unreadable."""
    try:
        return tuple(date.fromisoformat(slot[:10]).isocalendar())[:2]
    except ValueError:
        return None


def _blocked(items: tuple[str, ...], slot: str) -> bool:
    """Whether a slot is in a list of slots or whole dates."""
    return slot in items or slot.split(":")[0] in items


def _slots(c: Class) -> list[str]:
    """A class's slots, each once (rule 1 reports a slot listed twice)."""
    return list(dict.fromkeys(c.sessions))


def _people(c: Class) -> list[str]:
    """A class's officials, each once (rule 5 reports an official listed twice)."""
    return list(dict.fromkeys(c.officials))


def _order(instance: Instance, slot: str) -> tuple[str, int]:
    """A sort key of a slot: by date, then by the order of the day parts."""
    day, _, part = slot.partition(":")
    parts = instance.calendar.parts
    return day, parts.index(part) if part in parts else len(parts)


# ---- rule 1 -------------------------------------------------------------------------------
def shape_records(instance: Instance, classes: list[Class]) -> list[Breach]:
    """Rule 1: unique ids, a known topic, topic.sessions consecutive working slots in one week."""
    out, seen = [], set()
    for c in classes:
        if c.id in seen:
            out.append(Breach(1, "same_id", {"cls": c.id}))
        seen.add(c.id)
        out += _shape(instance, c)
    return out


def _shape(instance: Instance, c: Class) -> list[Breach]:
    """What is wrong with one class's topic and slots."""
    out, topic = [], instance.topic.get(c.topic)
    if topic is None:
        out.append(Breach(1, "unknown_topic", {"cls": c.id, "topic": c.topic}))
    elif len(c.sessions) != topic.sessions:
        out.append(Breach(1, "wrong_length", {"cls": c.id, "n": len(c.sessions),
                                               "topic": c.topic, "need": topic.sessions}))
    if len(set(c.sessions)) != len(c.sessions):
        out.append(Breach(1, "repeated_slot", {"cls": c.id}))
    out += [Breach(1, "not_working", {"cls": c.id, "slot": s}) for s in c.sessions
            if s not in instance.slot_index]
    idx = sorted({instance.slot_index[s] for s in c.sessions if s in instance.slot_index})
    if idx and idx != list(range(idx[0], idx[0] + len(idx))):
        out.append(Breach(1, "not_consecutive", {"cls": c.id}))
    if len({_week(s) for s in c.sessions}) > 1:
        out.append(Breach(1, "two_weeks", {"cls": c.id}))
    return out


# ---- rules 2 and 3 ------------------------------------------------------------------------
def trainer_records(instance: Instance, classes: list[Class]) -> list[Breach]:
    """Rule 2: a qualified, available trainer, one class per slot, weekly and round caps."""
    out, busy = [], {}
    week, total = Counter(), Counter()
    for c in classes:
        r = instance.trainer.get(c.trainer)
        if r is None:
            out.append(Breach(2, "unknown_trainer", {"cls": c.id, "trainer": c.trainer}))
            continue
        if c.topic not in r.topics:
            out.append(Breach(2, "trainer_topic", {"cls": c.id, "trainer": r.id,
                                                    "topic": c.topic}))
        for s in _slots(c):
            if _blocked(r.unavailable, s):
                out.append(Breach(2, "trainer_unavailable", {"cls": c.id, "trainer": r.id,
                                                              "slot": s}))
            if (r.id, s) in busy:
                out.append(Breach(2, "trainer_busy", {"cls": c.id, "trainer": r.id,
                                                       "first": busy[r.id, s], "slot": s}))
            busy.setdefault((r.id, s), c.id)
            week[r.id, _week(s)] += 1
            total[r.id] += 1
    for (rid, wk), n in sorted(week.items(), key=str):
        cap = instance.trainer[rid].max_sessions_per_week
        if cap is not None and n > cap:
            out.append(Breach(2, "trainer_week", {"trainer": rid, "n": n, "week": wk,
                                                   "cap": cap}))
    for rid, n in sorted(total.items()):
        cap = instance.trainer[rid].max_sessions
        if cap is not None and n > cap:
            out.append(Breach(2, "trainer_round", {"trainer": rid, "n": n, "cap": cap}))
    return out


def venue_records(instance: Instance, classes: list[Class]) -> list[Breach]:
    """Rule 3: an available venue, one class per slot, capacity, and the right mode."""
    out, busy = [], {}
    for c in classes:
        v = instance.venue.get(c.venue)
        if v is None:
            out.append(Breach(3, "unknown_venue", {"cls": c.id, "venue": c.venue}))
            continue
        for s in _slots(c):
            if _blocked(v.unavailable, s):
                out.append(Breach(3, "venue_unavailable", {"cls": c.id, "venue": v.id,
                                                            "slot": s}))
            if (v.id, s) in busy:
                out.append(Breach(3, "venue_busy", {"cls": c.id, "venue": v.id,
                                                     "first": busy[v.id, s], "slot": s}))
            busy.setdefault((v.id, s), c.id)
        if len(_people(c)) > v.capacity:
            out.append(Breach(3, "capacity", {"cls": c.id, "n": len(_people(c)),
                                               "cap": v.capacity, "venue": v.id}))
        if (c.mode == "online") != v.online:
            code = "venue_online" if v.online else "venue_in_person"
            out.append(Breach(3, code, {"cls": c.id, "mode": c.mode, "venue": v.id}))
        topic = instance.topic.get(c.topic)
        if topic is not None and c.mode not in topic.modes:
            out.append(Breach(3, "topic_mode", {"cls": c.id, "topic": topic.id,
                                                 "mode": c.mode}))
    return out


# ---- rules 4 and 5 ------------------------------------------------------------------------
def size_records(instance: Instance, classes: list[Class]) -> list[Breach]:
    """Rule 4: between topic.min_size and topic.max_size officials."""
    out = []
    for c in classes:
        t, n = instance.topic.get(c.topic), len(_people(c))
        if t is not None and not t.min_size <= n <= t.max_size:
            out.append(Breach(4, "size", {"cls": c.id, "n": n, "min": t.min_size,
                                           "max": t.max_size, "topic": t.id}))
    return out


def officials_records(instance: Instance, classes: list[Class]) -> list[Breach]:
    """Rule 5: known officials who asked for the topic, once per topic, never in two places."""
    out, taken, seat = [], {}, {}
    for c in classes:
        if len(_people(c)) != len(c.officials):
            out.append(Breach(5, "repeated_official", {"cls": c.id}))
        for o in _people(c):
            if o not in instance.official:
                out.append(Breach(5, "unknown_official", {"cls": c.id, "official": o}))
                continue
            if (o, c.topic) not in instance.request:
                out.append(Breach(5, "not_requested", {"cls": c.id, "official": o,
                                                        "topic": c.topic}))
            if (o, c.topic) in taken:
                out.append(Breach(5, "topic_twice", {"cls": c.id, "official": o,
                                                      "first": taken[o, c.topic],
                                                      "topic": c.topic}))
            taken.setdefault((o, c.topic), c.id)
            for s in _slots(c):
                if (o, s) in seat:
                    out.append(Breach(5, "official_busy", {"cls": c.id, "official": o,
                                                            "first": seat[o, s], "slot": s}))
                seat.setdefault((o, s), c.id)
    return out + prerequisite_records(instance, classes)


def prerequisite_records(instance: Instance, classes: list[Class]) -> list[Breach]:
    """Rule 5: each prerequisite completed before, or taken in a class that ends earlier."""
    out, mine = [], defaultdict(list)
    for c in classes:
        for o in _people(c):
            mine[o].append(c)
    for c in classes:
        topic = instance.topic.get(c.topic)
        if topic is None or not c.sessions:
            continue
        first = min(_order(instance, s) for s in c.sessions)
        for o in _people(c):
            off = instance.official.get(o)
            for p in topic.prerequisites if off is not None else ():
                if p in off.completed or any(
                    k.topic == p and k.sessions
                    and max(_order(instance, s) for s in k.sessions) < first for k in mine[o]
                ):
                    continue
                out.append(Breach(5, "prerequisite", {"cls": c.id, "official": o,
                                                       "prereq": p}))
    return out


# ---- rule 6 -------------------------------------------------------------------------------
def commune_records(instance: Instance, classes: list[Class]) -> list[Breach]:
    """Rule 6: commune availability, online capability, travel limits and the away limit."""
    out, away = [], defaultdict(set)
    limit = instance.settings.max_travel_minutes
    for c in classes:
        for o in _people(c):
            off = instance.official.get(o)
            cm = instance.commune.get(off.commune) if off is not None else None
            if cm is None:
                continue
            head = {"cls": c.id, "official": o, "commune": cm.id}
            out += [Breach(6, "commune_unavailable", {**head, "slot": s}) for s in _slots(c)
                    if _blocked(cm.unavailable, s)]
            for s in _slots(c):
                away[cm.id, s].add(o)
            minutes = cm.travel_minutes.get(c.venue)
            if c.mode == "online" and not cm.online_capable:
                out.append(Breach(6, "commune_offline", head))
            elif c.mode != "online" and minutes is None:
                out.append(Breach(6, "commune_unreachable", {**head, "venue": c.venue}))
            elif c.mode != "online" and limit is not None and minutes > limit:
                out.append(Breach(6, "commune_travel", {**head, "minutes": minutes,
                                                         "venue": c.venue, "limit": limit}))
    for (cid, s), who in sorted(away.items()):
        cap = instance.commune[cid].max_away
        if len(who) > cap:
            out.append(Breach(6, "commune_away", {"commune": cid, "n": len(who), "slot": s,
                                                   "cap": cap}))
    return out


# ---- rules 7 and 8 ------------------------------------------------------------------------
def fixed_records(instance: Instance, classes: list[Class]) -> list[Breach]:
    """Rule 7: every published class kept unchanged, with every official it listed."""
    out, by_id = [], {}
    for c in classes:
        by_id.setdefault(c.id, c)
    for f in instance.fixed_classes:
        c = by_id.get(f.id)
        if c is None:
            out.append(Breach(7, "fixed_missing", {"cls": f.id}))
            continue
        for name in ("topic", "trainer", "venue", "mode"):
            was, now = getattr(f, name), getattr(c, name)
            if was != now:
                out.append(Breach(7, f"fixed_{name}", {"cls": f.id, f"{name}_was": was,
                                                        f"{name}_now": now}))
        if sorted(f.sessions) != sorted(c.sessions):
            out.append(Breach(7, "fixed_sessions", {"cls": f.id, "slots_was": tuple(f.sessions),
                                                     "slots_now": tuple(c.sessions)}))
        dropped = [o for o in f.officials if o not in c.officials]
        if dropped:
            out.append(Breach(7, "fixed_dropped", {"cls": f.id, "officials": tuple(dropped)}))
    return out


def unserved_records(instance: Instance, classes: list[Class],
                     unserved: list[Unserved]) -> list[Breach]:
    """Rule 8: unserved lists exactly the requests no class serves, each with a reason."""
    out, served = [], {}
    for c in classes:
        for o in c.officials:
            served.setdefault((o, c.topic), c.id)
    listed = Counter((u.official, u.topic) for u in unserved)
    for o, t in instance.request:
        if (o, t) not in served and (o, t) not in listed:
            out.append(Breach(8, "not_listed", {"official": o, "topic": t}))
    for (o, t), n in listed.items():
        if n > 1:
            out.append(Breach(8, "listed_twice", {"official": o, "topic": t, "n": n}))
        if (o, t) not in instance.request:
            out.append(Breach(8, "not_a_request", {"official": o, "topic": t}))
        elif (o, t) in served:
            out.append(Breach(8, "listed_but_served", {"official": o, "topic": t,
                                                        "cls": served[o, t]}))
    out += [Breach(8, "no_reason", {"official": u.official, "topic": u.topic}) for u in unserved
            if not u.reason.strip()]
    return out


# ---- the whole --------------------------------------------------------------------------
def breach_records(instance: Instance, classes: list[Class],
                   unserved: list[Unserved]) -> list[Breach]:
    """Every breach of hard rules 1-8 as a record (its text in English or Vietnamese)."""
    classes, unserved = list(classes), list(unserved)
    out = []
    for rule in (shape_records, trainer_records, venue_records, size_records,
                 officials_records, commune_records, fixed_records):
        out += rule(instance, classes)
    return out + unserved_records(instance, classes, unserved)


def breaches(instance: Instance, classes: list[Class], unserved: list[Unserved]) -> list[str]:
    """Every breach of hard rules 1-8, each a sentence starting with `rule N (name):`."""
    return [b.text() for b in breach_records(instance, classes, unserved)]


def cost(instance: Instance, classes: list[Class], unserved: list[Unserved]) -> int:
    """The contract's cost: weighted unserved priorities, classes, and travel minutes."""
    w = instance.weights
    keys = {(u.official, u.topic) for u in unserved}
    priority = sum(instance.request[k].priority for k in keys if k in instance.request)
    travel = 0
    for c in classes:
        if c.mode != "in_person":
            continue
        for o in _people(c):
            off = instance.official.get(o)
            cm = instance.commune.get(off.commune) if off is not None else None
            travel += cm.travel_minutes.get(c.venue, 0) if cm is not None else 0
    return w["unserved"] * priority + w["class"] * len(classes) + w["travel"] * travel


def check_document(instance: Instance, solution_doc: dict) -> list[str]:
    """Every problem of a solution document: schema, hard rules, objective and bound."""
    errors = sorted(schema_validator("solution").iter_errors(solution_doc), key=str)
    if errors:
        return [f"schema: {e.json_path}: {e.message}" for e in errors]
    sol = Solution.from_dict(solution_doc)
    if sol.status in NO_CLASS_STATUSES and not sol.classes:
        return []
    out = []
    if sol.status == "INVALID_INPUT":
        out.append("status: an INVALID_INPUT answer must have no classes")
    if sol.instance != instance.name:
        out.append(f"instance: the solution names {sol.instance!r}, not {instance.name!r}")
    out += breaches(instance, sol.classes, sol.unserved)
    return out + _objective_problems(sol, cost(instance, sol.classes, sol.unserved))


def _objective_problems(sol: Solution, real: int) -> list[str]:
    """Whether objective is the real cost and bound a possible lower bound."""
    out = []
    if sol.objective != real:
        out.append(f"objective: the solution says {sol.objective}, but its cost is {real}")
    if sol.bound is not None and sol.bound > real:
        out.append(f"bound: {sol.bound} is above the cost {real}")
    if sol.status == "OPTIMAL" and sol.bound is not None and sol.bound != real:
        out.append(f"status: OPTIMAL, but the bound {sol.bound} is not the cost {real}")
    return out

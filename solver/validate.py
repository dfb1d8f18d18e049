"""A solver-agnostic checker of the contract's hard rules 1-8 and its cost (CONTRACT.md)."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date

from solver.checks.schema import schema_validator
from solver.instance import Instance
from solver.solution import Class, Solution, Unserved

RULES = {
    1: "class shape", 2: "trainer", 3: "venue", 4: "size",
    5: "officials", 6: "commune", 7: "published classes", 8: "unserved",
}
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
def class_shape(instance: Instance, classes: list[Class]) -> list[str]:
    """Rule 1: unique ids, a known topic, topic.sessions consecutive working slots in one week."""
    out, seen = [], set()
    for c in classes:
        if c.id in seen:
            out.append(say(1, f"class {c.id}: another class has the same id"))
        seen.add(c.id)
        out += [say(1, f"class {c.id}: {text}") for text in _shape(instance, c)]
    return out


def _shape(instance: Instance, c: Class) -> list[str]:
    """What is wrong with one class's topic and slots."""
    out, topic = [], instance.topic.get(c.topic)
    if topic is None:
        out.append(f"topic {c.topic} does not exist")
    elif len(c.sessions) != topic.sessions:
        out.append(f"has {len(c.sessions)} slots; topic {c.topic} needs {topic.sessions}")
    if len(set(c.sessions)) != len(c.sessions):
        out.append("lists the same slot twice")
    out += [f"slot {s} is not a working slot" for s in c.sessions if s not in instance.slot_index]
    idx = sorted({instance.slot_index[s] for s in c.sessions if s in instance.slot_index})
    if idx and idx != list(range(idx[0], idx[0] + len(idx))):
        out.append("its slots are not consecutive")
    if len({_week(s) for s in c.sessions}) > 1:
        out.append("its slots are not all in one ISO week")
    return out


# ---- rules 2 and 3 ------------------------------------------------------------------------
def trainer_rule(instance: Instance, classes: list[Class]) -> list[str]:
    """Rule 2: a qualified, available trainer, one class per slot, weekly and round caps."""
    out, busy = [], {}
    week, total = Counter(), Counter()
    for c in classes:
        r = instance.trainer.get(c.trainer)
        if r is None:
            out.append(say(2, f"class {c.id}: trainer {c.trainer} does not exist"))
            continue
        if c.topic not in r.topics:
            out.append(say(2, f"class {c.id}: trainer {r.id} does not teach topic {c.topic}"))
        for s in _slots(c):
            if _blocked(r.unavailable, s):
                out.append(say(2, f"class {c.id}: trainer {r.id} is unavailable in slot {s}"))
            if (r.id, s) in busy:
                first = busy[r.id, s]
                out.append(say(2, f"class {c.id}: trainer {r.id} teaches {first} and {c.id} "
                                  f"in slot {s}"))
            busy.setdefault((r.id, s), c.id)
            week[r.id, _week(s)] += 1
            total[r.id] += 1
    for (rid, wk), n in sorted(week.items(), key=str):
        cap = instance.trainer[rid].max_sessions_per_week
        if cap is not None and n > cap:
            out.append(say(2, f"trainer {rid} teaches {n} slots in ISO week {wk}, above "
                              f"max_sessions_per_week {cap}"))
    for rid, n in sorted(total.items()):
        cap = instance.trainer[rid].max_sessions
        if cap is not None and n > cap:
            out.append(say(2, f"trainer {rid} teaches {n} slots in the round, above "
                              f"max_sessions {cap}"))
    return out


def venue_rule(instance: Instance, classes: list[Class]) -> list[str]:
    """Rule 3: an available venue, one class per slot, capacity, and the right mode."""
    out, busy = [], {}
    for c in classes:
        v = instance.venue.get(c.venue)
        if v is None:
            out.append(say(3, f"class {c.id}: venue {c.venue} does not exist"))
            continue
        for s in _slots(c):
            if _blocked(v.unavailable, s):
                out.append(say(3, f"class {c.id}: venue {v.id} is unavailable in slot {s}"))
            if (v.id, s) in busy:
                out.append(say(3, f"class {c.id}: venue {v.id} hosts {busy[v.id, s]} and {c.id} "
                                  f"in slot {s}"))
            busy.setdefault((v.id, s), c.id)
        if len(_people(c)) > v.capacity:
            out.append(say(3, f"class {c.id}: {len(_people(c))} officials exceed the capacity "
                              f"{v.capacity} of venue {v.id}"))
        if (c.mode == "online") != v.online:
            kind = "an online" if v.online else "an in-person"
            out.append(say(3, f"class {c.id}: mode {c.mode} but venue {v.id} is {kind} venue"))
        topic = instance.topic.get(c.topic)
        if topic is not None and c.mode not in topic.modes:
            out.append(say(3, f"class {c.id}: topic {topic.id} does not allow mode {c.mode}"))
    return out


# ---- rules 4 and 5 ------------------------------------------------------------------------
def size_rule(instance: Instance, classes: list[Class]) -> list[str]:
    """Rule 4: between topic.min_size and topic.max_size officials."""
    out = []
    for c in classes:
        t, n = instance.topic.get(c.topic), len(_people(c))
        if t is not None and not t.min_size <= n <= t.max_size:
            out.append(say(4, f"class {c.id}: {n} officials, outside {t.min_size}..{t.max_size} "
                              f"for topic {t.id}"))
    return out


def officials_rule(instance: Instance, classes: list[Class]) -> list[str]:
    """Rule 5: known officials who asked for the topic, once per topic, never in two places."""
    out, taken, seat = [], {}, {}
    for c in classes:
        if len(_people(c)) != len(c.officials):
            out.append(say(5, f"class {c.id}: lists the same official twice"))
        for o in _people(c):
            if o not in instance.official:
                out.append(say(5, f"class {c.id}: official {o} does not exist"))
                continue
            if (o, c.topic) not in instance.request:
                out.append(say(5, f"class {c.id}: official {o} did not request topic {c.topic}"))
            if (o, c.topic) in taken:
                out.append(say(5, f"class {c.id}: official {o} is already in class "
                                  f"{taken[o, c.topic]} of topic {c.topic}"))
            taken.setdefault((o, c.topic), c.id)
            for s in _slots(c):
                if (o, s) in seat:
                    out.append(say(5, f"class {c.id}: official {o} is in {seat[o, s]} and {c.id} "
                                      f"in slot {s}"))
                seat.setdefault((o, s), c.id)
    return out + prerequisite_rule(instance, classes)


def prerequisite_rule(instance: Instance, classes: list[Class]) -> list[str]:
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
                out.append(say(5, f"class {c.id}: official {o} has neither completed "
                                  f"prerequisite {p} nor a class of {p} that ends before it"))
    return out


# ---- rule 6 -------------------------------------------------------------------------------
def commune_rule(instance: Instance, classes: list[Class]) -> list[str]:
    """Rule 6: commune availability, online capability, travel limits and the away limit."""
    out, away = [], defaultdict(set)
    limit = instance.settings.max_travel_minutes
    for c in classes:
        for o in _people(c):
            off = instance.official.get(o)
            cm = instance.commune.get(off.commune) if off is not None else None
            if cm is None:
                continue
            head = f"class {c.id}: official {o} of commune {cm.id}"
            out += [say(6, f"{head} is unavailable in slot {s}") for s in _slots(c)
                    if _blocked(cm.unavailable, s)]
            for s in _slots(c):
                away[cm.id, s].add(o)
            minutes = cm.travel_minutes.get(c.venue)
            if c.mode == "online" and not cm.online_capable:
                out.append(say(6, f"{head} cannot follow online classes"))
            elif c.mode != "online" and minutes is None:
                out.append(say(6, f"{head} cannot reach venue {c.venue}"))
            elif c.mode != "online" and limit is not None and minutes > limit:
                out.append(say(6, f"{head} travels {minutes} minutes to venue {c.venue}, above "
                                  f"max_travel_minutes {limit}"))
    for (cid, s), who in sorted(away.items()):
        cap = instance.commune[cid].max_away
        if len(who) > cap:
            out.append(say(6, f"commune {cid} has {len(who)} officials in class in slot {s}, "
                              f"above max_away {cap}"))
    return out


# ---- rules 7 and 8 ------------------------------------------------------------------------
def fixed_rule(instance: Instance, classes: list[Class]) -> list[str]:
    """Rule 7: every published class kept unchanged, with every official it listed."""
    out, by_id = [], {}
    for c in classes:
        by_id.setdefault(c.id, c)
    for f in instance.fixed_classes:
        c = by_id.get(f.id)
        if c is None:
            out.append(say(7, f"published class {f.id} is missing"))
            continue
        for name in ("topic", "trainer", "venue", "mode"):
            was, now = getattr(f, name), getattr(c, name)
            if was != now:
                out.append(say(7, f"published class {f.id}: {name} changed from {was} to {now}"))
        if sorted(f.sessions) != sorted(c.sessions):
            out.append(say(7, f"published class {f.id}: sessions changed from "
                              f"{', '.join(f.sessions)} to {', '.join(c.sessions)}"))
        dropped = [o for o in f.officials if o not in c.officials]
        if dropped:
            out.append(say(7, f"published class {f.id}: dropped official(s) {', '.join(dropped)}"))
    return out


def unserved_rule(instance: Instance, classes: list[Class], unserved: list[Unserved]) -> list[str]:
    """Rule 8: unserved lists exactly the requests no class serves, each with a reason."""
    out, served = [], {}
    for c in classes:
        for o in c.officials:
            served.setdefault((o, c.topic), c.id)
    listed = Counter((u.official, u.topic) for u in unserved)
    for o, t in instance.request:
        if (o, t) not in served and (o, t) not in listed:
            out.append(say(8, f"request ({o}, {t}) is served by no class and not listed unserved"))
    for (o, t), n in listed.items():
        if n > 1:
            out.append(say(8, f"request ({o}, {t}) is listed {n} times"))
        if (o, t) not in instance.request:
            out.append(say(8, f"({o}, {t}) is listed but is not a request"))
        elif (o, t) in served:
            out.append(say(8, f"request ({o}, {t}) is listed but class {served[o, t]} serves it"))
    out += [say(8, f"request ({u.official}, {u.topic}) has no reason") for u in unserved
            if not u.reason.strip()]
    return out


# ---- the whole --------------------------------------------------------------------------
def breaches(instance: Instance, classes: list[Class], unserved: list[Unserved]) -> list[str]:
    """Every breach of hard rules 1-8, each a sentence starting with `rule N (name):`."""
    classes, unserved = list(classes), list(unserved)
    out = []
    for rule in (class_shape, trainer_rule, venue_rule, size_rule, officials_rule, commune_rule,
                 fixed_rule):
        out += rule(instance, classes)
    return out + unserved_rule(instance, classes, unserved)


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

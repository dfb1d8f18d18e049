"""Why a request stays unserved: check the rules for it one by one, and say which blocks it."""

from __future__ import annotations

from collections import defaultdict

from solver.prep import Prep
from solver.solution import Class, Solution, Unserved

MESSAGES = {
    "prerequisite": {
        "en": "prerequisite {prereq} is neither completed nor requested in this round",
        "vi": "chưa hoàn thành chuyên đề tiên quyết {prereq} và cũng không đăng ký học "
              "trong đợt này",
    },
    "prerequisite_order": {
        "en": "prerequisite {prereq} is not finished before any class of this topic it could join",
        "vi": "chưa học xong chuyên đề tiên quyết {prereq} trước các lớp có thể tham gia",
    },
    "no_trainer": {
        "en": "no trainer is qualified to teach this topic",
        "vi": "không có giảng viên nào đủ điều kiện dạy chuyên đề này",
    },
    "no_trainer_slot": {
        "en": "no qualified trainer is free for {sessions} consecutive half-days in one week",
        "vi": "không giảng viên đủ điều kiện nào rảnh {sessions} buổi liên tiếp trong một tuần",
    },
    "no_online": {
        "en": "the topic is taught online only and the commune has no online equipment",
        "vi": "chuyên đề chỉ học trực tuyến mà xã chưa có thiết bị học trực tuyến",
    },
    "no_venue": {
        "en": "the commune cannot reach any venue offering this topic (no online equipment, "
              "every hall beyond {limit} minutes or closed)",
        "vi": "xã không đến được địa điểm nào tổ chức chuyên đề này (không có thiết bị trực tuyến, "
              "mọi hội trường đều xa quá {limit} phút hoặc đóng cửa)",
    },
    "commune_blackout": {
        "en": "the commune cannot release officials on any half-day a class of this topic "
              "could run",
        "vi": "xã không thể cử cán bộ đi học vào bất kỳ buổi nào lớp chuyên đề này có thể mở",
    },
    "away_small": {
        "en": "the communes that can reach a venue may release at most {count} officials at once "
              "(their away limits); a class needs {min_size}",
        "vi": "các xã đến được địa điểm chỉ được cử tối đa {count} cán bộ đi học cùng lúc "
              "(giới hạn vắng mặt); một lớp cần {min_size}",
    },
    "too_few": {
        "en": "only {count} requests for this topic can reach a venue; a class needs {min_size}",
        "vi": "chỉ có {count} yêu cầu chuyên đề này đến được một địa điểm; một lớp cần {min_size}",
    },
    "not_worth": {
        "en": "no class of this topic runs where the commune can attend; a new class for the "
              "{count} requests still waiting there would cost more than it saves (or was not "
              "found within the time limit)",
        "vi": "không có lớp chuyên đề này ở nơi xã tham gia được; mở thêm một lớp cho {count} "
              "yêu cầu còn chờ tại đó tốn hơn lợi ích (hoặc chưa tìm ra trong thời gian cho phép)",
    },
    "too_few_left": {
        "en": "no class of this topic runs where the commune can attend, and only {count} "
              "requests still waiting can reach such a venue; a class needs {min_size}",
        "vi": "không có lớp chuyên đề này ở nơi xã tham gia được, và chỉ còn {count} yêu cầu "
              "chờ đến được địa điểm đó; một lớp cần {min_size}",
    },
    "no_room": {
        "en": "no qualified trainer and venue the commune can reach are still free together for "
              "{sessions} consecutive half-days (other classes take them)",
        "vi": "không còn giảng viên đủ điều kiện và địa điểm xã đến được cùng rảnh {sessions} "
              "buổi liên tiếp (các lớp khác đã dùng)",
    },
    "full": {
        "en": "every class of this topic it could join is full ({classes})",
        "vi": "mọi lớp chuyên đề này có thể tham gia đều đã đủ chỗ ({classes})",
    },
    "away_full": {
        "en": "the commune's away limit ({max_away} officials) is full in every class it "
              "could join",
        "vi": "xã đã cử tối đa {max_away} cán bộ đi học cùng lúc trong mọi lớp có thể tham gia",
    },
    "busy": {
        "en": "the official is in another class at the same time as every class of this topic",
        "vi": "cán bộ đang học lớp khác trùng giờ với mọi lớp chuyên đề này",
    },
    "mixed": {
        "en": "the classes it could join are full, clash with its other classes or exceed the "
              "commune's away limit ({classes})",
        "vi": "các lớp có thể tham gia đều đã đủ chỗ, trùng lịch hoặc vượt giới hạn cán bộ vắng "
              "mặt của xã ({classes})",
    },
    "left_over": {
        "en": "a seat was still free in {classes}, but the solver stopped before using it",
        "vi": "lớp {classes} còn chỗ nhưng bộ giải dừng trước khi xếp vào",
    },
}


def render(code: str, params: dict, lang: str = "en") -> str:
    """The reason in words, in English or Vietnamese."""
    table = MESSAGES.get(code, {})
    text = table.get(lang) or table.get("en") or code
    try:
        return text.format(**params)
    except (KeyError, IndexError):
        return text


def _static_reason(prep: Prep, official: str, topic: str) -> tuple[str, dict] | None:
    """Reasons that hold whatever classes are opened."""
    inst = prep.inst
    t = inst.topic[topic]
    commune = inst.official[official].commune
    if prep.impossible.get((official, topic)) == "prerequisite":
        done, wanted = inst.official[official].completed, prep.requests_of[official]
        missing = [p for p in t.prerequisites if p not in done and p not in wanted]
        missing = missing or [p for p in t.prerequisites if p not in done]
        return "prerequisite", {"prereq": ", ".join(missing)}
    if not prep.trainers_for.get(topic):
        return "no_trainer", {}
    if not prep.teachable_starts[topic]:
        return "no_trainer_slot", {"sessions": t.sessions}
    if not prep.commune_venues[commune, topic]:
        usable = [v for (tt, v) in prep.venue_starts if tt == topic and prep.usable(commune, v)]
        if usable:
            return "commune_blackout", {}
        if t.modes == ("online",) and not inst.commune[commune].online_capable:
            return "no_online", {}
        limit = inst.settings.max_travel_minutes
        return "no_venue", {"limit": limit if limit is not None else "—"}
    venues = prep.commune_venues[commune, topic]
    reach = prep.reach(topic)
    best = max((reach[v] for v in venues), default=0)
    if best < t.min_size:
        return "too_few", {"count": best, "min_size": t.min_size}
    capped = prep.reach(topic, capped=True)
    best = max((capped[v] for v in venues), default=0)
    if best < t.min_size:
        return "away_small", {"count": best, "min_size": t.min_size}
    return None


def _class_blocker(prep: Prep, cls: Class, official: str, ctx: dict) -> str | None:
    """Why the official cannot join this class (None if it could)."""
    inst = prep.inst
    t = inst.topic[cls.topic]
    commune = inst.official[official].commune
    slots = [inst.slot_index[s] for s in cls.sessions]
    if len(cls.officials) >= prep.class_capacity(cls.topic, cls.venue):
        return "full"
    if any(ctx["busy"][official].get(q) for q in slots):
        return "busy"
    if any(ctx["away"][commune, q] >= inst.commune[commune].max_away for q in slots):
        return "away_full"
    done = inst.official[official].completed
    for p in t.prerequisites:
        if p not in done and ctx["finished"].get((official, p), slots[0]) >= slots[0]:
            return "prerequisite_order"
    return None


def _context(prep: Prep, classes: list[Class]) -> dict:
    """What the timetable uses: officials' and communes' half-days, venues, trainers."""
    inst = prep.inst
    busy: dict[str, dict[int, str]] = defaultdict(dict)
    away: dict[tuple[str, int], int] = defaultdict(int)
    finished: dict[tuple[str, str], int] = {}
    used: dict[str, set[int]] = defaultdict(set)  # venue or trainer -> slots
    load: dict[tuple[str, int | None], int] = defaultdict(int)  # (trainer, week|None) -> slots
    for cls in classes:
        slots = [inst.slot_index[s] for s in cls.sessions]
        used["v:" + cls.venue].update(slots)
        used["t:" + cls.trainer].update(slots)
        load[cls.trainer, None] += len(slots)
        load[cls.trainer, prep.week_of[slots[0]]] += len(slots)
        for o in cls.officials:
            for q in slots:
                busy[o][q] = cls.id
                away[inst.official[o].commune, q] += 1
            finished[o, cls.topic] = slots[-1]
    return {"busy": busy, "away": away, "finished": finished, "used": used, "load": load}


def _trainer_left(prep: Prep, ctx: dict, topic: str, start: int) -> bool:
    """Some qualified trainer is still free (time and caps) for a class starting there."""
    t = prep.inst.topic[topic]
    slots = range(start, start + t.sessions)
    for r in prep.trainers_for.get(topic, []):
        tr = prep.inst.trainer[r]
        if start not in prep.trainer_starts.get((topic, r), ()):
            continue
        if any(q in ctx["used"]["t:" + r] for q in slots):
            continue
        week = ctx["load"][r, prep.week_of[start]] + t.sessions
        if tr.max_sessions_per_week is not None and week > tr.max_sessions_per_week:
            continue
        if tr.max_sessions is None or ctx["load"][r, None] + t.sessions <= tr.max_sessions:
            return True
    return False


def _room_for_new_class(prep: Prep, ctx: dict, topic: str, commune: str) -> bool:
    """A new class of the topic could still be placed where the commune can attend."""
    t, blocked = prep.inst.topic[topic], prep.commune_blocked[commune]
    cap = prep.inst.commune[commune].max_away
    for v in prep.commune_venues[commune, topic]:
        for s in prep.venue_starts[topic, v]:
            slots = range(s, s + t.sessions)
            if any(q in ctx["used"]["v:" + v] or q in blocked for q in slots):
                continue
            if any(ctx["away"][commune, q] >= cap for q in slots):
                continue
            if _trainer_left(prep, ctx, topic, s):
                return True
    return False


def _dynamic_reason(prep: Prep, classes: list[Class], official: str, topic: str, ctx: dict):
    inst = prep.inst
    commune = inst.official[official].commune
    blocked = prep.commune_blocked[commune]
    joinable = [
        c for c in classes
        if c.topic == topic and prep.usable(commune, c.venue)
        and not any(inst.slot_index[s] in blocked for s in c.sessions)
    ]
    if not joinable:
        t = inst.topic[topic]
        if not _room_for_new_class(prep, ctx, topic, commune):
            return "no_room", {"sessions": t.sessions}
        waiting = ctx["waiting"].get(topic, {})
        count = max((sum(n for c, n in waiting.items() if v in prep.commune_venues[c, topic])
                     for v in prep.commune_venues[commune, topic]), default=0)
        if count < t.min_size:
            return "too_few_left", {"count": count, "min_size": t.min_size}
        return "not_worth", {"count": count}
    blockers = {c.id: _class_blocker(prep, c, official, ctx) for c in joinable}
    names = ", ".join(sorted(blockers))
    open_ = [cid for cid, b in blockers.items() if b is None]
    if open_:
        return "left_over", {"classes": ", ".join(sorted(open_))}
    kinds = set(blockers.values())
    if kinds == {"prerequisite_order"}:
        return "prerequisite_order", {"prereq": ", ".join(inst.topic[topic].prerequisites)}
    if len(kinds) == 1:
        code = kinds.pop()
        return code, {"classes": names, "max_away": inst.commune[commune].max_away}
    return "mixed", {"classes": names}


def explain(prep: Prep, classes: list[Class], lang: str = "en") -> list[Unserved]:
    """Every request that no class serves, with the reason that blocks it."""
    served = {(o, c.topic) for c in classes for o in c.officials}
    ctx = _context(prep, classes)
    waiting: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for (o, t) in prep.inst.request:
        if (o, t) not in served and (o, t) not in prep.impossible:
            waiting[t][prep.inst.official[o].commune] += 1
    ctx["waiting"] = waiting
    out = []
    for (o, t) in prep.inst.request:
        if (o, t) in served:
            continue
        found = _static_reason(prep, o, t) or _dynamic_reason(prep, classes, o, t, ctx)
        code, params = found
        out.append(Unserved(o, t, render(code, params, lang), code, params))
    return out


def objective_of(prep: Prep, classes: list[Class], unserved: list[Unserved]) -> int:
    """The contract's cost of a set of classes (the solver's own tally)."""
    inst, w = prep.inst, prep.inst.weights
    total = w["class"] * len(classes)
    total += w["unserved"] * sum(prep.request_priority(u.official, u.topic) for u in unserved)
    for c in classes:
        if c.mode == "in_person":
            total += w["travel"] * sum(
                inst.commune[inst.official[o].commune].travel_minutes[c.venue] for o in c.officials
            )
    return total


def finish_solution(prep: Prep, sol: Solution, lang: str = "en", reasons: bool = True) -> None:
    """Fill unserved requests (with their reasons, unless told not to: that is the slow part)
    and the objective, from the solution's classes."""
    if reasons:
        sol.unserved = explain(prep, sol.classes, lang)
    else:
        served = {(o, c.topic) for c in sol.classes for o in c.officials}
        sol.unserved = [Unserved(o, t) for (o, t) in prep.inst.request if (o, t) not in served]
    sol.objective = objective_of(prep, sol.classes, sol.unserved)
    served = len(prep.inst.request) - len(sol.unserved)
    sol.stats.update({
        "requests": len(prep.inst.request),
        "served": served,
        "classes": len(sol.classes),
        "travel_minutes": sum(
            prep.travel(prep.inst.official[o].commune, c.venue)
            for c in sol.classes for o in c.officials
        ),
    })

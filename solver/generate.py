"""Realistic instances from the real 2025 administrative units of a province (see PRODUCT.md)."""

from __future__ import annotations

import math
import random
from collections import Counter
from datetime import date, timedelta

import holidays as holidays_lib

from solver import catalogue as cat
from solver.instance import DEFAULT_WEIGHTS, FORMAT
from solver.units import (
    Unit,
    capital_unit,
    distance_km,
    estimate_travel_minutes,
    hall_units,
    province_name,
    province_units,
    provinces,
    travel_between,
)

__all__ = [
    "Unit", "capital_unit", "estimate_travel_minutes", "generate", "province_units", "provinces",
]

UNREACHABLE_MINUTES = 300
REQUESTS_PER_COMMUNE = 75
TIGHT_WEEKS = 4
TIGHT_SHARE = 0.6  # tight rounds give the trainers this share of the half-days the demand needs


def first_monday(year: int, month: int) -> date:
    """The first Monday of a month."""
    d = date(year, month, 1)
    return d + timedelta(days=(7 - d.weekday()) % 7)


def _calendar(start: date, weeks: int) -> dict:
    """Mon–Fri, am/pm, from `start` for `weeks` weeks, with Vietnam's public holidays in range."""
    end = start + timedelta(days=7 * weeks - 3)
    years = range(start.year, end.year + 1)
    vn = holidays_lib.country_holidays("VN", years=list(years))
    days = sorted(d for d in vn if start <= d <= end)
    return {
        "start": start.isoformat(), "end": end.isoformat(), "weekdays": [0, 1, 2, 3, 4],
        "parts": ["am", "pm"], "holidays": [d.isoformat() for d in days],
    }


def _working_dates(cal: dict) -> list[str]:
    """The working dates of a calendar, as ISO strings."""
    d, end, out = date.fromisoformat(cal["start"]), date.fromisoformat(cal["end"]), []
    while d <= end:
        if d.weekday() in cal["weekdays"] and d.isoformat() not in cal["holidays"]:
            out.append(d.isoformat())
        d += timedelta(days=1)
    return out


def _closures(rng: random.Random, dates: list[str], low: int, high: int) -> list[str]:
    """Between `low` and `high` distinct working dates, sorted."""
    return sorted(rng.sample(dates, min(len(dates), rng.randint(low, high))))


def _venues(rng: random.Random, prov: str, capital: Unit, halls: list[Unit]) -> list[dict]:
    """The Political School's three rooms, the regional halls and two online rooms."""
    out = [
        {"id": f"TCT-{i}", "name": f"Trường Chính trị tỉnh {prov} - Phòng học {i}",
         "capacity": rng.randint(40, 60), "online": False, "commune": capital.code}
        for i in (1, 2, 3)
    ]
    out += [
        {"id": f"HT-{u.code}", "name": f"Hội trường khu vực {u.name}",
         "capacity": rng.randint(30, 50), "online": False, "commune": u.code}
        for u in halls
    ]
    out += [
        {"id": f"TT-{i}", "name": f"Phòng học trực tuyến {i}", "capacity": rng.randint(80, 100),
         "online": True}
        for i in (1, 2)
    ]
    return out


def _venue_closures(rng: random.Random, venues: list[dict], dates: list[str]) -> None:
    """A few closure dates: 0–2 for a room or hall, 0–1 for an online room."""
    for v in venues:
        v["unavailable"] = _closures(rng, dates, 0, 1 if v["online"] else 2)


def _communes(rng, prov: str, units: list[Unit], capital: Unit, sites: dict) -> list[dict]:
    """Every unit as a commune: staff, away limit, online capability, blackouts, travel times."""
    far = max(distance_km(u.lat, u.lon, capital.lat, capital.lon) for u in units) or 1.0
    out = []
    for u in units:
        staff = round(rng.triangular(50, 110, 50))
        dist = distance_km(u.lat, u.lon, capital.lat, capital.lon) / far
        online = u.kind != "xa" or rng.random() < 0.8 - 0.6 * dist
        travel = {vid: travel_between(u, site, prov) for vid, site in sites.items()}
        out.append({
            "id": u.code, "name": u.name, "kind": u.kind, "staff": staff,
            "max_away": max(5, round(0.2 * staff)), "online_capable": online,
            "unavailable": [],
            "travel_minutes": {v: m for v, m in travel.items() if m <= UNREACHABLE_MINUTES},
        })
    return out


def _blackouts(rng: random.Random, communes: list[dict], dates: list[str]) -> None:
    """Give each commune 0–3 dates in the round when it cannot release anyone."""
    for c in communes:
        c["unavailable"] = _closures(rng, dates, 0, 3)


def _topics() -> list[dict]:
    """The thematic topics of the catalogue as contract records."""
    return [
        {"id": tid, "name": name, "field": fld, "sessions": ses, "min_size": lo, "max_size": hi,
         "modes": list(modes), "prerequisites": list(pre)}
        for tid, name, fld, ses, lo, hi, modes, pre in cat.TOPICS
    ]


def person_name(rng: random.Random, upland: bool) -> str:
    """A realistic Vietnamese full name (họ, tên đệm, tên)."""
    family = cat.FAMILY_KINH + (cat.FAMILY_UPLAND if upland else ())
    ho = rng.choices([f for f, _ in family], weights=[w for _, w in family])[0]
    if rng.random() < 0.5:
        return f"{ho} {rng.choice(cat.MIDDLE_MALE)} {rng.choice(cat.GIVEN_MALE)}"
    return f"{ho} {rng.choice(cat.MIDDLE_FEMALE)} {rng.choice(cat.GIVEN_FEMALE)}"


def _positions(rng: random.Random, staff: int) -> list[str]:
    """The positions of a commune's staff: one chair, two vice chairs, the rest by weight."""
    fixed = [cat.POSITIONS[0][0], cat.POSITIONS[1][0], cat.POSITIONS[1][0]]
    rest = cat.POSITIONS[2:]
    drawn = rng.choices([p for p, _, _ in rest], weights=[w for _, w, _ in rest], k=staff - 3)
    return fixed + drawn


def _officials(rng: random.Random, communes: list[dict], upland: bool) -> list[dict]:
    """All staff of every commune, with names, positions and the overview completed by some."""
    out = []
    for c in communes:
        for n, pos in enumerate(_positions(rng, c["staff"]), start=1):
            done_p = 0.6 if pos.startswith(("Chủ tịch", "Phó Chủ tịch")) else 0.3
            out.append({
                "id": f"{c['id']}-{n:03d}", "commune": c["id"], "name": person_name(rng, upland),
                "position": pos, "completed": [cat.OVERVIEW] if rng.random() < done_p else [],
            })
    return out


def _wishes(rng: random.Random, official: dict) -> list[str]:
    """The topics an official's position asks for, most wanted first, lightly shuffled."""
    wanted = next(t for p, _, t in cat.POSITIONS if p == official["position"])
    keyed = sorted(wanted, key=lambda t: wanted.index(t) + rng.uniform(0, len(wanted)))
    return [t for t in keyed if t not in official["completed"]]


def _requests(rng: random.Random, officials: list[dict], target: int) -> list[dict]:
    """About `target` requests: round after round, each official asks for their next topic."""
    prereq = {t[0]: t[7] for t in cat.TOPICS}
    wishes = {o["id"]: _wishes(rng, o) for o in officials}
    completed = {o["id"]: set(o["completed"]) for o in officials}
    order = [o["id"] for o in officials]
    rng.shuffle(order)
    out: list[dict] = []
    seen: set[tuple[str, str]] = set()
    for rnd in range(max((len(w) for w in wishes.values()), default=0)):
        for oid in order:
            if len(out) >= target:
                return out
            if rnd >= len(wishes[oid]) or (oid, wishes[oid][rnd]) in seen:
                continue
            topic = wishes[oid][rnd]
            needed = [p for p in prereq[topic] if p not in completed[oid] and (oid, p) not in seen]
            if len(out) + len(needed) + 1 > target:
                continue
            priority = rng.choices([1, 2, 3], weights=[45, 40, 15])[0]
            for t in [*needed, topic]:
                seen.add((oid, t))
                out.append({"official": oid, "topic": t, "priority": priority})
    return out


def _unavailable(rng: random.Random, dates: list[str]) -> list[str]:
    """10–15 % of the round's half-days; a date with both parts taken is written whole."""
    slots = [f"{d}:{p}" for d in dates for p in ("am", "pm")]
    taken = set(rng.sample(slots, round(len(slots) * rng.uniform(0.10, 0.15))))
    out = []
    for d in dates:
        both = {f"{d}:am", f"{d}:pm"} <= taken
        out += [d] if both else sorted(s for s in (f"{d}:am", f"{d}:pm") if s in taken)
    return out


def _org_counts(total: int) -> list[int]:
    """Trainers per organisation by share, largest remainder, at least one each."""
    shares = [s * total for _, s, _ in cat.ORGANISATIONS]
    counts = [max(1, math.floor(s)) for s in shares]
    by_rest = sorted(range(len(shares)), key=lambda i: math.floor(shares[i]) - shares[i])
    for i in by_rest[: max(0, total - sum(counts))]:
        counts[i] += 1
    return counts


def _trainers(rng: random.Random, n_communes: int, demand: dict[str, int], upland: bool):
    """About two trainers per three communes from six organisations, 2–4 topics of their field."""
    out = []
    counts = _org_counts(max(12, round(2 * n_communes / 3)))
    for (org, _, topics), count in zip(cat.ORGANISATIONS, counts, strict=True):
        weights = [1 + demand.get(t, 0) for t in topics]
        for _ in range(count):
            picked: set[str] = set()
            for _ in range(rng.randint(2, min(4, len(topics)))):
                pool = [(t, w) for t, w in zip(topics, weights, strict=True) if t not in picked]
                picked.add(rng.choices([t for t, _ in pool], weights=[w for _, w in pool])[0])
            out.append({
                "id": f"GV{len(out) + 1:03d}", "name": person_name(rng, upland),
                "organisation": org, "topics": sorted(picked),
                "max_sessions_per_week": rng.randint(6, 8),
                "max_sessions": rng.choice([None, None, None, rng.randint(20, 30)]),
            })
    _cover_topics(rng, out)
    return out


def _trainer_calendars(rng: random.Random, trainers: list[dict], dates: list[str]) -> None:
    """Mark 10–15 % of each trainer's half-days as unavailable; cap round totals to the round."""
    for t in trainers:
        t["unavailable"] = _unavailable(rng, dates)
        if t["max_sessions"] is not None:
            t["max_sessions"] = min(t["max_sessions"], 2 * len(dates))


def _cover_topics(rng: random.Random, trainers: list[dict]) -> None:
    """Make sure every topic has at least two qualified trainers."""
    for tid, *_ in cat.TOPICS:
        have = [t for t in trainers if tid in t["topics"]]
        orgs = {o for o, _, topics in cat.ORGANISATIONS if tid in topics}
        spare = [t for t in trainers if t["organisation"] in orgs and tid not in t["topics"]]
        for t in rng.sample(spare, min(len(spare), max(0, 2 - len(have)))):
            t["topics"] = sorted([*t["topics"], tid])


def _squeeze(trainers: list[dict], demand: dict[str, int]) -> None:
    """Cap trainers' round totals so they have fewer half-days than the demand needs."""
    size = {t[0]: (t[3], t[5]) for t in cat.TOPICS}
    need = sum(math.ceil(n / size[t][1]) * size[t][0] for t, n in demand.items())
    share = math.floor(TIGHT_SHARE * need / len(trainers))
    for t in trainers:
        t["max_sessions"] = max(share, max(size[x][0] for x in t["topics"]))


def _start_date(start: date | str | None) -> date:
    """The Monday of the given date's week, or by default the first Monday of March 2027."""
    if start is None:
        return first_monday(2027, 3)
    d = date.fromisoformat(start) if isinstance(start, str) else start
    return d - timedelta(days=d.weekday())


def generate(
    province: str = "Điện Biên", weeks: int = 8, start: date | str | None = None,
    requests: int | None = None, seed: int = 0, tight: bool = False,
) -> dict:
    """A complete, realistic instance document for one province; deterministic for a seed."""
    rng = random.Random(seed)
    # Independent streams, so that the people and their demand do not depend on the dates.
    people, places, days = (random.Random(rng.getrandbits(64)) for _ in range(3))
    prov = province_name(province)
    units, capital = province_units(prov), capital_unit(prov)
    cal = _calendar(_start_date(start), TIGHT_WEEKS if tight else weeks)
    dates = _working_dates(cal)
    halls = hall_units(units, capital, max(1, round(len(units) / 8)))
    venues = _venues(places, prov, capital, halls)
    sites = {v["id"]: next(u for u in units if u.code == v["commune"])
             for v in venues if not v["online"]}
    communes = _communes(people, prov, units, capital, sites)
    upland = prov in cat.MOUNTAINOUS
    officials = _officials(people, communes, upland)
    target = REQUESTS_PER_COMMUNE * len(communes) if requests is None else requests
    reqs = _requests(people, officials, target)
    demand = Counter(r["topic"] for r in reqs)
    trainers = _trainers(people, len(communes), demand, upland)
    _venue_closures(days, venues, dates)
    _blackouts(days, communes, dates)
    _trainer_calendars(days, trainers, dates)
    if tight:
        _squeeze(trainers, demand)
    label = "căng" if tight else "thường"
    return {
        "format": FORMAT,
        "name": f"{prov} - đợt bồi dưỡng từ {_vn(cal['start'])} đến {_vn(cal['end'])} ({label})",
        "calendar": cal, "topics": _topics(), "trainers": trainers, "venues": venues,
        "communes": communes, "officials": officials, "requests": reqs, "fixed_classes": [],
        "settings": {"max_travel_minutes": 240, "weights": dict(DEFAULT_WEIGHTS)},
    }


def _vn(iso: str) -> str:
    """An ISO date written dd/mm/yyyy."""
    return date.fromisoformat(iso).strftime("%d/%m/%Y")

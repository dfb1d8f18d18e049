"""The real 2025 administrative units (vietnamadminunits), travel estimates and venue placement."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from unidecode import unidecode

from solver.catalogue import CAPITALS

KINDS = {"Xã": "xa", "Phường": "phuong", "Đặc khu": "dac_khu"}
EARTH_RADIUS_KM = 6371.0
CAPITAL_RADIUS_KM = 15.0


@dataclass(frozen=True)
class Unit:
    """One commune, ward or special zone of the 2025 two-level system."""

    code: str
    name: str
    kind: str
    lat: float
    lon: float
    area_km2: float


def _fold(text: str) -> str:
    """A province name without diacritics, prefix or punctuation: 'Tỉnh Điện Biên' → 'dien-bien'."""
    s = unidecode(text).lower().strip()
    s = re.sub(r"^(tinh|thanh pho|tp\.?)\s+", "", s)
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-")


@lru_cache(maxsize=1)
def _table() -> tuple[dict, ...]:
    """Every row of the 2025 table, loaded once."""
    from vietnamadminunits.database import query

    rows = query(
        "select province, provinceShort, ward, wardType, wardCode, wardLat, wardLon, wardAreaKm2 "
        "from admin_units order by provinceCode, wardCode"
    )
    return tuple(rows)


def provinces() -> list[str]:
    """The 34 provinces (short names, e.g. 'Điện Biên') in the order of their codes."""
    return list(dict.fromkeys(r["provinceShort"] for r in _table()))


@lru_cache(maxsize=1)
def _aliases() -> dict[str, str]:
    """Folded short and full province names → short name."""
    out: dict[str, str] = {}
    for row in _table():
        out[_fold(row["provinceShort"])] = out[_fold(row["province"])] = row["provinceShort"]
    return out


def province_name(province: str) -> str:
    """The short name of a province given as 'Điện Biên', 'Tỉnh Điện Biên' or 'dien-bien'."""
    name = _aliases().get(_fold(province))
    if name is None:
        raise ValueError(f"unknown province {province!r}; valid names: {', '.join(provinces())}")
    return name


@lru_cache(maxsize=64)
def _units(name: str) -> tuple[Unit, ...]:
    """The units of a province by short name."""
    return tuple(
        Unit(
            code=r["wardCode"], name=r["ward"], kind=KINDS[r["wardType"]],
            lat=float(r["wardLat"]), lon=float(r["wardLon"]), area_km2=float(r["wardAreaKm2"] or 0),
        )
        for r in _table()
        if r["provinceShort"] == name
    )


def province_units(province: str) -> list[Unit]:
    """The communes, wards and special zones of a province, ordered by official code."""
    return list(_units(province_name(province)))


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(min(1.0, h)))


def estimate_travel_minutes(
    lat1: float, lon1: float, lat2: float, lon2: float, mountainous: bool = True
) -> int:
    """One-way road minutes: twice the straight distance at 30 km/h (45 in the plains) + 10."""
    road_km = 2 * distance_km(lat1, lon1, lat2, lon2)
    speed = 30 if mountainous else 45
    return round(road_km / speed * 60) + 10


def is_upland(unit: Unit) -> bool:
    """A large rural commune: roads to and from it are mountain roads."""
    return unit.kind != "phuong" and unit.area_km2 >= 100


def travel_between(a: Unit, b: Unit, province: str) -> int:
    """Estimated one-way minutes between two units of a province."""
    from solver.catalogue import MOUNTAINOUS

    hilly = province in MOUNTAINOUS or is_upland(a) or is_upland(b)
    return estimate_travel_minutes(a.lat, a.lon, b.lat, b.lon, mountainous=hilly)


def _nearest(units: list[Unit], lat: float, lon: float, skip: set[str] = frozenset()) -> Unit:
    """The unit nearest a point, ignoring the codes in `skip` when possible."""
    pool = [u for u in units if u.code not in skip] or units
    return min(pool, key=lambda u: (distance_km(u.lat, u.lon, lat, lon), u.code))


def capital_unit(province: str) -> Unit:
    """The unit of the Political School: a known capital, else the ward nearest the centre."""
    name = province_name(province)
    units = province_units(name)
    known = CAPITALS.get(name)
    for u in units:
        if u.name == known:
            return u
    lat = sum(u.lat for u in units) / len(units)
    lon = sum(u.lon for u in units) / len(units)
    wards = [u for u in units if u.kind == "phuong"] or units
    return _nearest(wards, lat, lon)


def hall_units(units: list[Unit], capital: Unit, count: int) -> list[Unit]:
    """Units for `count` regional halls: k-means over coordinates, seeded farthest-point."""
    if count <= 0:
        return []
    centres = _farthest_points(units, capital, count)
    for _ in range(20):
        groups: list[list[Unit]] = [[] for _ in centres]
        for u in units:
            i = min(range(len(centres)), key=lambda k: distance_km(u.lat, u.lon, *centres[k]))
            groups[i].append(u)
        centres = [
            (sum(u.lat for u in g) / len(g), sum(u.lon for u in g) / len(g)) if g else c
            for g, c in zip(groups, centres, strict=True)
        ]
    chosen: list[Unit] = []
    for lat, lon in centres:
        unit = _nearest(units, lat, lon, {capital.code} | {u.code for u in chosen})
        # the Political School already serves the capital's surroundings
        if distance_km(unit.lat, unit.lon, capital.lat, capital.lon) > CAPITAL_RADIUS_KM:
            chosen.append(unit)
    return sorted(chosen, key=lambda u: u.code)


def _farthest_points(units: list[Unit], capital: Unit, count: int) -> list[tuple[float, float]]:
    """`count` well-spread points: each the unit farthest from the capital and the ones before."""
    picked = [capital]
    for _ in range(count):
        far = max(units, key=lambda u: (min(distance_km(u.lat, u.lon, p.lat, p.lon)
                                            for p in picked), u.code))
        picked.append(far)
    return [(u.lat, u.lon) for u in picked[1:]]

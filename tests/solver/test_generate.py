"""The instance generator: real 2025 units, realistic demand, valid contract documents."""

from __future__ import annotations

import json
import math
from collections import Counter
from datetime import date
from pathlib import Path

import jsonschema
import pytest
from referencing import Registry, Resource

from solver import catalogue
from solver.generate import (
    capital_unit,
    estimate_travel_minutes,
    generate,
    province_units,
    provinces,
)
from solver.instance import from_dict

CONTRACT = Path(__file__).resolve().parents[2] / "solver" / "contract"


@pytest.fixture(scope="module")
def validator():
    """A JSON Schema validator of instance documents (it refers to the solution schema)."""
    names = ("instance", "solution")
    docs = [json.loads((CONTRACT / f"{n}.schema.json").read_text()) for n in names]
    registry = Registry().with_resources([(d["$id"], Resource.from_contents(d)) for d in docs])
    return jsonschema.Draft202012Validator(docs[0], registry=registry)


@pytest.fixture(scope="module")
def dien_bien():
    return generate("Điện Biên", seed=0)


@pytest.fixture(scope="module")
def thanh_hoa():
    return generate("Thanh Hóa", weeks=12, seed=0)


# ---- units ----------------------------------------------------------------------------------
@pytest.mark.parametrize("alias", ["Điện Biên", "Tỉnh Điện Biên", "dien-bien", "DIEN BIEN"])
def test_province_aliases_give_the_45_units_of_dien_bien(alias):
    names = {u.name for u in province_units(alias)}
    assert len(names) == 45
    assert {"Xã Mường Nhé", "Phường Điện Biên Phủ"} <= names


def test_unknown_province_lists_the_valid_names():
    with pytest.raises(ValueError, match="Thanh Hóa"):
        province_units("Atlantis")


def test_there_are_34_provinces_and_3321_units():
    assert len(provinces()) == 34
    assert sum(len(province_units(p)) for p in provinces()) == 3321


def test_capitals_are_wards_of_their_province():
    assert capital_unit("dien-bien").name == "Phường Điện Biên Phủ"
    assert capital_unit("Thanh Hóa").name == "Phường Hạc Thành"
    for prov in provinces():
        assert capital_unit(prov) in province_units(prov)
        if prov in catalogue.CAPITALS:
            assert capital_unit(prov).name == catalogue.CAPITALS[prov]


def test_travel_minutes_grow_with_distance_and_mountains():
    near = estimate_travel_minutes(21.40, 103.00, 21.45, 103.00)
    far = estimate_travel_minutes(21.40, 103.00, 22.20, 102.40)
    assert estimate_travel_minutes(21.4, 103.0, 21.4, 103.0) == 10
    assert 10 < near < far
    assert estimate_travel_minutes(21.40, 103.00, 22.20, 102.40, mountainous=False) < far


# ---- a generated round ------------------------------------------------------------------------
def test_dien_bien_round_has_the_real_communes(dien_bien):
    units = {u.code: u.name for u in province_units("Điện Biên")}
    assert {c["id"]: c["name"] for c in dien_bien["communes"]} == units
    assert 2500 <= len(dien_bien["officials"]) <= 3600
    assert 3000 <= len(dien_bien["requests"]) <= 3800


def test_documents_validate(validator, dien_bien, thanh_hoa):
    validator.validate(dien_bien)
    validator.validate(thanh_hoa)
    checks = pytest.importorskip("solver.checks")
    assert checks.instance_errors(dien_bien) == []


def test_thanh_hoa_round_is_large(thanh_hoa):
    assert len(thanh_hoa["communes"]) == 166
    assert 12000 <= len(thanh_hoa["requests"]) <= 14000
    assert len(thanh_hoa["trainers"]) >= 100


def test_requests_are_unique_and_match_positions(dien_bien):
    pairs = [(r["official"], r["topic"]) for r in dien_bien["requests"]]
    assert len(pairs) == len(set(pairs))
    position = {o["id"]: o["position"] for o in dien_bien["officials"]}
    wanted = {p: set(ts) for p, _, ts in catalogue.POSITIONS}
    prereqs = {t["id"]: set(t["prerequisites"]) for t in dien_bien["topics"]}
    for oid, topic in pairs:
        allowed = wanted[position[oid]]
        assert topic in allowed | set().union(*(prereqs[t] for t in allowed))
    assert Counter(r["priority"] for r in dien_bien["requests"]).most_common(1)[0][0] in (1, 2)


def test_every_topic_has_two_trainers_and_far_communes_skip_the_school(dien_bien):
    taught = Counter(t for r in dien_bien["trainers"] for t in r["topics"])
    assert all(taught[t["id"]] >= 2 for t in dien_bien["topics"])
    commune = {c["name"]: c for c in dien_bien["communes"]}
    assert "TCT-1" not in commune["Xã Mường Nhé"]["travel_minutes"]
    assert commune["Phường Mường Thanh"]["travel_minutes"]["TCT-1"] < 60


def test_requested_count_is_exact_when_given():
    assert len(generate("Điện Biên", weeks=1, requests=500)["requests"]) == 500


def test_same_seed_same_document_other_seed_differs(dien_bien):
    assert generate("Điện Biên", seed=0) == dien_bien
    assert generate("Điện Biên", seed=1) != dien_bien


def test_no_slot_falls_on_a_public_holiday():
    doc = generate("Điện Biên", start=date(2027, 4, 26), weeks=2, requests=200)
    inst = from_dict(doc)
    days = {s.split(":")[0] for s in inst.slots}
    assert {"2027-04-30", "2027-05-03"} <= set(doc["calendar"]["holidays"])
    assert not days & {"2027-04-30", "2027-05-01", "2027-05-03"}
    assert "2027-04-29" in days


def test_tight_round_has_four_weeks_and_too_few_trainer_half_days(dien_bien):
    doc = generate("Điện Biên", seed=0, tight=True)
    start, end = (date.fromisoformat(doc["calendar"][k]) for k in ("start", "end"))
    assert start.weekday() == 0 and (end - start).days == 4 * 7 - 3
    assert doc["requests"] == dien_bien["requests"]
    demand = Counter(r["topic"] for r in doc["requests"])
    size = {t["id"]: t for t in doc["topics"]}
    needed = sum(math.ceil(n / size[t]["max_size"]) * size[t]["sessions"]
                 for t, n in demand.items())
    offered = sum(min(r["max_sessions"], 4 * r["max_sessions_per_week"]) for r in doc["trainers"])
    assert offered < needed

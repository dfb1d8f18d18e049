"""The input checks: every kind of bad instance is named (record and field), in two languages."""

import json
import unicodedata

import pytest
from builders import find, instance_doc, put
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from solver.checks import (
    MESSAGES,
    InvalidInstance,
    instance_errors,
    invalid_solution,
    load_instance,
    schema_validator,
)

FIXED = {"id": "P1", "topic": "A", "trainer": "R1", "venue": "V1", "mode": "in_person",
         "sessions": ["2026-03-02:am", "2026-03-02:pm"], "officials": ["O1", "O2"]}


def rec(doc: dict, coll: str, rid: str) -> dict:
    """A record of a document by collection and id."""
    return find(doc[coll], rid)


def drop(record: dict, key: str) -> None:
    """Remove a field."""
    del record[key]


def repeat(doc: dict, coll: str) -> None:
    """Append a copy of the collection's first record (same id)."""
    doc.setdefault(coll, [dict(FIXED)])
    doc[coll].append(dict(doc[coll][0]))


def fixed(doc: dict, **changes) -> None:
    """Publish one class, with changes."""
    doc["fixed_classes"] = [{**FIXED, **changes}]


def cycle3(doc: dict) -> None:
    """Three topics whose prerequisites go round: A needs C, C needs B, B needs A."""
    doc["topics"].append({"id": "C", "name": "C", "sessions": 1, "min_size": 1, "max_size": 2,
                          "prerequisites": ["B"]})
    put(rec(doc, "topics", "A"), prerequisites=["C"])


# (case id, the change, words the message must contain)
BROKEN = [
    ("schema-missing-field", lambda d: drop(d, "name"), ['"name"', "$"]),
    ("schema-missing-nested-field", lambda d: drop(d["venues"][1], "capacity"),
     ["$.venues[1]", '"capacity"']),
    ("schema-unknown-field", lambda d: put(d["topics"][0], colour="red"),
     ["$.topics[0]", "colour"]),
    ("schema-wrong-type", lambda d: put(d["topics"][1], sessions="two"), ["$.topics[1].sessions"]),
    ("schema-null-list", lambda d: put(d, officials=None), ["$.officials"]),
    ("schema-bad-id", lambda d: put(d["trainers"][0], id="R 1"), ["$.trainers[0].id"]),
    ("schema-below-minimum", lambda d: put(d["venues"][0], capacity=0), ["$.venues[0].capacity"]),
    ("schema-above-maximum", lambda d: put(d["requests"][2], priority=4),
     ["$.requests[2].priority"]),
    ("schema-not-in-enum", lambda d: put(d["topics"][0], modes=["hybrid"]),
     ["$.topics[0].modes[0]", "hybrid"]),
    ("schema-wrong-format", lambda d: put(d, format="other/1"), ["$.format"]),
    ("schema-no-parts", lambda d: put(d["calendar"], parts=[]), ["$.calendar.parts"]),
    ("schema-repeated-weekday", lambda d: put(d["calendar"], weekdays=[0, 0]),
     ["$.calendar.weekdays"]),
    ("schema-empty-name", lambda d: put(d, name=""), ["$.name"]),
    ("schema-date-form", lambda d: put(d["calendar"], start="02/03/2026"),
     ["$.calendar.start", "02/03/2026"]),
    ("schema-fixed-class", lambda d: put(d, fixed_classes=[{"id": "P1"}]),
     ["$.fixed_classes[0]", '"topic"']),
    ("schema-weight", lambda d: put(d["settings"], weights={"class": -1}),
     ["$.settings.weights.class"]),
    *[(f"repeated-id-{coll}", lambda d, coll=coll: repeat(d, coll), [f"{coll}[", "already used"])
      for coll in ("topics", "trainers", "venues", "communes", "officials", "fixed_classes")],
    ("repeated-request", lambda d: d["requests"].append({"official": "O1", "topic": "A"}),
     ["requests[10]", '"O1"', '"A"', "requests[0]"]),
    ("unknown-official-commune", lambda d: put(rec(d, "officials", "O2"), commune="C9"),
     ['officials[1] (id "O2")', "commune", '"C9"']),
    ("unknown-request-official", lambda d: put(d["requests"][3], official="O99"),
     ["requests[3]", "official", '"O99"']),
    ("unknown-request-topic", lambda d: put(d["requests"][3], topic="Z"),
     ["requests[3]", "topic", '"Z"']),
    ("unknown-trainer-topic", lambda d: put(rec(d, "trainers", "R2"), topics=["A", "Z"]),
     ['trainers[1] (id "R2")', "topics", '"Z"']),
    ("unknown-prerequisite", lambda d: put(rec(d, "topics", "B"), prerequisites=["Z"]),
     ['topics[1] (id "B")', "prerequisites", '"Z"']),
    ("unknown-completed", lambda d: put(rec(d, "officials", "O6"), completed=["Z"]),
     ['officials[5] (id "O6")', "completed", '"Z"']),
    ("unknown-venue-commune", lambda d: put(rec(d, "venues", "V1"), commune="C9"),
     ['venues[0] (id "V1")', "commune", '"C9"']),
    ("unknown-travel-venue", lambda d: rec(d, "communes", "C2")["travel_minutes"].update(V9=5),
     ['communes[1] (id "C2")', "travel_minutes", '"V9"']),
    *[(f"unknown-fixed-{field}", lambda d, field=field: fixed(d, **{field: "X9"}),
       ['fixed_classes[0] (id "P1")', field, '"X9"']) for field in ("topic", "trainer", "venue")],
    ("unknown-fixed-official", lambda d: fixed(d, officials=["O1", "O99"]),
     ['fixed_classes[0] (id "P1")', "officials", '"O99"']),
    *[(f"bad-day-part-{coll}", lambda d, coll=coll: put(d[coll][0], unavailable=["2026-03-02:ev"]),
       [f"{coll}[0]", "unavailable", '"ev"']) for coll in ("trainers", "venues", "communes")],
    ("bad-day-part-fixed", lambda d: fixed(d, sessions=["2026-03-02:am", "2026-03-02:night"]),
     ["fixed_classes[0]", "sessions", '"night"']),
    ("bad-day-part-custom-parts", lambda d: put(d["calendar"], parts=["morning", "afternoon"]),
     ["venues[1]", "unavailable", '"am"']),
    ("impossible-start", lambda d: put(d["calendar"], start="2026-02-30"),
     ["calendar", "start", "2026-02-30"]),
    ("impossible-end", lambda d: put(d["calendar"], end="2026-04-31"),
     ["calendar", "end", "2026-04-31"]),
    ("impossible-holiday", lambda d: put(d["calendar"], holidays=["2026-02-29"]),
     ["calendar", "holidays", "2026-02-29"]),
    ("impossible-unavailable-slot", lambda d: put(d["trainers"][2], unavailable=["2026-02-30:am"]),
     ['trainers[2] (id "R3")', "unavailable", "2026-02-30:am"]),
    ("impossible-unavailable-date", lambda d: put(d["communes"][0], unavailable=["2026-13-01"]),
     ['communes[0] (id "C1")', "unavailable", "2026-13-01"]),
    ("impossible-session", lambda d: fixed(d, sessions=["2026-02-31:am", "2026-02-31:pm"]),
     ["fixed_classes[0]", "sessions", "2026-02-31:am"]),
    ("start-after-end", lambda d: put(d["calendar"], start="2026-03-14"),
     ["calendar", "start", "2026-03-14", "end"]),
    ("min-above-max", lambda d: put(d["topics"][1], min_size=5),
     ['topics[1] (id "B")', "min_size 5", "max_size 4"]),
    ("cycle-of-one", lambda d: put(rec(d, "topics", "A"), prerequisites=["A"]),
     ["topics[0]", "A → A"]),
    ("cycle-of-two", lambda d: put(rec(d, "topics", "A"), prerequisites=["B"]),
     ["topics[0]", "A → B → A"]),
    ("cycle-of-three", cycle3, ["topics[0]", "A → C → B → A"]),
]


def broken(change) -> dict:
    """The small valid instance document with one change."""
    doc = instance_doc()
    change(doc)
    return doc


def test_valid_documents_have_no_errors(tiny):
    assert instance_errors(tiny) == []
    assert instance_errors(instance_doc()) == []
    assert instance_errors(tiny, lang="vi") == []


@pytest.mark.parametrize(("change", "words"), [b[1:] for b in BROKEN], ids=[b[0] for b in BROKEN])
def test_each_problem_is_named(change, words):
    errors = instance_errors(broken(change))
    assert errors, "the broken document passed"
    assert any(all(w in e for w in words) for e in errors), errors


@pytest.mark.parametrize(("change", "words"), [b[1:] for b in BROKEN], ids=[b[0] for b in BROKEN])
def test_each_problem_is_named_in_vietnamese(change, words):
    doc = broken(change)
    english, vietnamese = instance_errors(doc), instance_errors(doc, lang="vi")
    assert len(vietnamese) == len(english)
    assert all(has_diacritics(e) for e in vietnamese), vietnamese
    assert set(vietnamese).isdisjoint(english)


def has_diacritics(text: str) -> bool:
    """Whether the text has a Latin letter with a diacritic (ă, đ, ộ ...)."""
    return any(ord(ch) > 127 and "LATIN" in unicodedata.name(ch, "") for ch in text)


def test_every_template_exists_in_both_languages():
    for code, texts in MESSAGES.items():
        assert set(texts) == {"en", "vi"}, code
        assert has_diacritics(texts["vi"]) and not has_diacritics(texts["en"]), code


def test_all_problems_are_reported_not_only_the_first():
    doc = broken(lambda d: (put(d["topics"][1], min_size=5), put(d["calendar"], end="2026-02-30"),
                            put(d["requests"][0], topic="Z"), drop(d, "name")))
    errors = instance_errors(doc)
    for words in ("min_size 5", "2026-02-30", '"Z"', '"name"'):
        assert any(words in e for e in errors), (words, errors)


@pytest.mark.parametrize("doc", [None, [], [1, 2], "text", 3, 2.5, True, {}, {"topics": "x"},
                                 {"calendar": [], "officials": [1, [2], {"id": [1]}]}])
def test_garbage_gives_errors_not_exceptions(doc):
    errors = instance_errors(doc)
    assert errors and all(isinstance(e, str) for e in errors)


def test_a_list_is_not_an_object():
    assert "object" in instance_errors([{"format": "commune-training-instance/1"}])[0]


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                max_size=4),
    max_leaves=20,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(path=st.lists(st.integers(0, 20), min_size=1, max_size=4), value=json_values)
def test_any_single_corruption_never_crashes(path, value):
    doc = instance_doc()
    node = doc
    for step in path[:-1]:  # walk down to some nested container, then replace one child
        keys = list(node) if isinstance(node, dict) else list(range(len(node)))
        child = node[keys[step % len(keys)]] if keys else None
        if not isinstance(child, dict | list) or not child:
            break
        node = child
    keys = list(node) if isinstance(node, dict) else list(range(len(node)))
    node[keys[path[-1] % len(keys)]] = value
    assert all(isinstance(e, str) for e in instance_errors(doc))


# ---- load_instance and invalid_solution ---------------------------------------------------
def test_load_instance_from_path_text_bytes_and_dict(tmp_path, tiny):
    path = tmp_path / "tiny.json"
    text = json.dumps(tiny, ensure_ascii=False)
    path.write_text(text, "utf-8")
    loaded = [load_instance(src) for src in (path, text, text.encode("utf-8"), tiny)]
    assert {inst.name for inst in loaded} == {"tiny"}
    assert len({inst.slots for inst in loaded}) == 1
    assert loaded[0].slots[0] == "2026-03-02:am"


@pytest.mark.parametrize("text", ["{not json", "", b"\xff\xfe", "[" * 100000])
def test_unreadable_json_is_invalid(text):
    with pytest.raises(InvalidInstance) as err:
        load_instance(text)
    assert len(err.value.errors) == 1 and "JSON" in err.value.errors[0]


def test_missing_file_is_invalid(tmp_path):
    with pytest.raises(InvalidInstance) as err:
        load_instance(tmp_path / "nowhere.json", lang="vi")
    assert "nowhere.json" in err.value.errors[0] and has_diacritics(err.value.errors[0])


def test_load_instance_reports_every_problem():
    doc = broken(lambda d: (put(d["topics"][1], min_size=5), put(d["requests"][0], topic="Z")))
    with pytest.raises(InvalidInstance) as err:
        load_instance(doc, lang="vi")
    assert err.value.errors == instance_errors(doc, lang="vi") and len(err.value.errors) == 2


def test_invalid_solution_is_a_valid_solution_document():
    sol = invalid_solution("small", ["calendar: start 2026-03-14 is after end 2026-03-13"])
    doc = sol.to_dict()
    assert list(schema_validator("solution").iter_errors(doc)) == []
    assert (doc["status"], doc["classes"], doc["instance"]) == ("INVALID_INPUT", [], "small")
    assert doc["errors"] == ["calendar: start 2026-03-14 is after end 2026-03-13"]

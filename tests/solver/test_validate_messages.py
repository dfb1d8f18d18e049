"""The validator's breaches as records: every message in English and Vietnamese, same sentences."""

import re
import string

import pytest
from builders import Case
from test_validate import VARIANTS

from solver.validate import breach_records, breaches
from solver.validate_messages import MESSAGES, RULES, Breach, kind_of

VIETNAMESE = set("ăâđêôơưáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ")
ENGLISH_WORDS = ("class", "official", "trainer", "venue", "slot", "topic", "commune", "rule",
                 "has neither", "request", "listed", "published", " is ", " and ")

# A distinctive sample value of each kind of parameter.
SAMPLES = {"cls": "K-77", "slot": "2026-03-02:am", "official": "O-55", "trainer": "R-44",
           "venue": "V-33", "commune": "C-22", "topic": "T-11", "mode": "online",
           "week": (2026, 10)}


def fields(template: str) -> set[str]:
    """The parameter names of a message template."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def sample(code: str) -> dict:
    """Sample parameters for a code: codes by kind, lists for lists, numbers otherwise."""
    out = {}
    for i, key in enumerate(sorted(fields(MESSAGES[code]["en"]))):
        value = SAMPLES.get(kind_of(key), 900 + i)
        if kind_of(key) in ("cls", "topic") and key not in ("cls", "topic"):
            value = f"{value}-{key}"  # `first`, `prereq`, `topic_was`... differ from cls, topic
        elif key.endswith(("_was", "_now")) and kind_of(key) != "mode":
            value = f"{value}-{key}"
        if key in ("slots_was", "slots_now", "officials"):
            value = (f"{key}-1", f"{key}-2")
        out[key] = value
    if "mode_was" in out:
        out["mode_now"] = "in_person"
    return out


def shown(value) -> list[str]:
    """The pieces of a parameter value each sentence must show."""
    if isinstance(value, tuple) and value == SAMPLES["week"]:
        return ["10"]
    if isinstance(value, tuple):
        return list(value)
    return [str(value)]


def test_every_code_and_rule_has_english_and_vietnamese():
    for code, texts in MESSAGES.items():
        assert set(texts) == {"en", "vi"} and all(t.strip() for t in texts.values()), code
        assert fields(texts["en"]) == fields(texts["vi"]), code
    assert set(RULES) == set(range(1, 9))
    assert all(set(names) == {"en", "vi"} for names in RULES.values())


@pytest.mark.parametrize("text", [t["vi"] for t in MESSAGES.values()]
                         + [n["vi"] for n in RULES.values()])
def test_vietnamese_has_diacritics_and_no_english(text):
    words = re.sub(r"\{[^}]*\}", " ", text)
    assert VIETNAMESE & set(words.lower()), text
    assert not [w for w in ENGLISH_WORDS if w in words.lower()], text


@pytest.mark.parametrize("code", sorted(MESSAGES))
def test_each_text_names_its_record(code):
    params = sample(code)
    record = Breach(3, code, params)
    english, vietnamese = record.text("en"), record.text("vi")
    assert english.startswith("rule 3 (venue): ")
    assert vietnamese.startswith("quy tắc 3 (địa điểm): ")
    for key, value in params.items():
        if kind_of(key) == "mode":
            assert value in english, (key, english)
            assert {"online": "trực tuyến", "in_person": "trực tiếp"}[value] in vietnamese
            continue
        for piece in shown(value):
            assert piece in english and piece in vietnamese, (key, piece, english, vietnamese)


def test_a_caller_shows_values_its_own_way():
    record = Breach(2, "trainer_unavailable", {"cls": "K1", "trainer": "R1",
                                               "slot": "2026-03-02:am"})
    show = {"slot": lambda v: "Thứ Hai 02/03/2026 Sáng", "trainer": lambda v: f"{v} (Cô Lan)"}
    text = record.detail("vi", lambda kind, value: show[kind](value) if kind in show else None)
    assert text == "lớp K1: giảng viên R1 (Cô Lan) bận vào buổi Thứ Hai 02/03/2026 Sáng"
    assert record.text("fr") == record.text("en") == str(record)


@pytest.mark.parametrize("change", [v[3] for v in VARIANTS], ids=[v[0] for v in VARIANTS])
def test_records_are_the_english_breaches(change):
    case = Case()
    change(case)
    records = breach_records(*case.parts())
    assert [r.text() for r in records] == case.breaches() != []
    for r in records:
        assert r.code in MESSAGES and r.text("vi").startswith(f"quy tắc {r.rule} (")


@pytest.mark.parametrize(("variant", "expected"), [
    ("2-week-cap", [
        "rule 2 (trainer): trainer R1 teaches 6 slots in ISO week (2026, 10), above "
        "max_sessions_per_week 4",
        "rule 2 (trainer): trainer R1 teaches 6 slots in the round, above max_sessions 5"]),
    ("3-online-mode-in-person-venue", [
        "rule 3 (venue): class K1: mode online but venue V1 is an in-person venue"]),
    ("5-prerequisite-not-completed", [
        "rule 5 (officials): class K2: official O6 has neither completed prerequisite A nor a "
        "class of A that ends before it"]),
    ("6-too-far", [
        "rule 6 (commune): class K2: official O6 of commune C2 travels 40 minutes to venue V1, "
        "above max_travel_minutes 30"]),
    ("6-away-limit", [
        "rule 6 (commune): commune C1 has 3 officials in class in slot 2026-03-02:am, above "
        "max_away 2",
        "rule 6 (commune): commune C1 has 3 officials in class in slot 2026-03-02:pm, above "
        "max_away 2"]),
    ("7-other-sessions", [
        "rule 7 (published classes): published class K1: sessions changed from 2026-03-03:am, "
        "2026-03-03:pm to 2026-03-02:am, 2026-03-02:pm"]),
    ("7-dropped-official", [
        "rule 7 (published classes): published class K1: dropped official(s) O4"]),
    ("8-served", ["rule 8 (unserved): request (O1, A) is listed but class K1 serves it"]),
])
def test_breaches_are_unchanged(variant, expected):
    case = Case()
    next(v[3] for v in VARIANTS if v[0] == variant)(case)
    assert breaches(*case.parts()) == expected


def test_vietnamese_week_and_records_compare_by_value():
    case = Case()
    next(v[3] for v in VARIANTS if v[0] == "2-week-cap")(case)
    first = breach_records(*case.parts())[0]
    assert first.text("vi") == ("quy tắc 2 (giảng viên): giảng viên R1 dạy 6 buổi trong tuần "
                                "10/2026, vượt mức tối đa 4 buổi mỗi tuần")
    again = breach_records(*case.parts())[0]
    assert first == again and hash(first) == hash(again) and len({first, again}) == 1

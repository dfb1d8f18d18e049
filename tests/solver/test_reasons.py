"""Reasons of unserved requests: present in English and Vietnamese, drawn from the data."""

import re

import pytest
from builders import add_officials, codes, find, mini_doc, put, solve_valid

from solver.checks import load_instance
from solver.greedy import greedy_solution
from solver.reasons import MESSAGES, render
from solver.solution import Solution

VI_LETTERS = re.compile(r"[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]")


@pytest.fixture(scope="module")
def tiny_both():
    """The tiny example solved with English and with Vietnamese reasons."""
    from builders import tiny_doc

    return {lang: solve_valid(tiny_doc(), lang=lang)[1] for lang in ("en", "vi")}


def test_tiny_example_leaves_some_requests_unserved(tiny_both):
    assert tiny_both["en"].unserved, "the tiny example cannot serve everyone"


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_every_unserved_request_of_the_tiny_example_has_a_reason(tiny_both, lang):
    for u in tiny_both[lang].unserved:
        assert u.reason.strip(), u
        assert u.code in MESSAGES, u


def test_vietnamese_reasons_have_diacritics_and_differ_from_english(tiny_both):
    en = {(u.official, u.topic): u for u in tiny_both["en"].unserved}
    vi = {(u.official, u.topic): u for u in tiny_both["vi"].unserved}
    assert set(en) == set(vi)
    for key, u in vi.items():
        assert VI_LETTERS.search(u.reason), u.reason
        assert u.reason != en[key].reason
        assert u.code == en[key].code


def test_reasons_travel_in_the_solution_document(tiny_both):
    doc = tiny_both["vi"].to_dict()
    assert [u["reason"] for u in doc["unserved"]] == [u.reason for u in tiny_both["vi"].unserved]
    again = Solution.from_dict(doc)
    assert [(u.code, u.reason) for u in again.unserved] == [
        (u.code, u.reason) for u in tiny_both["vi"].unserved]


def test_greedy_reasons_are_filled_in(tiny):
    sol = greedy_solution(load_instance(tiny))
    assert sol.unserved
    assert all(u.reason.strip() and u.code in MESSAGES for u in sol.unserved)


@pytest.mark.parametrize("code", sorted(MESSAGES))
def test_every_reason_code_reads_in_both_languages(code):
    en, vi = MESSAGES[code]["en"], MESSAGES[code]["vi"]
    assert en.strip() and vi.strip() and en != vi
    assert VI_LETTERS.search(vi)
    assert set(re.findall(r"{(\w+)}", en)) == set(re.findall(r"{(\w+)}", vi))


# ---- reasons come from the data of the request ---------------------------------------------
def reason_of(doc: dict, lang: str = "en") -> tuple[str, str]:
    """The code and text of O1's unserved request for T."""
    _, sol = solve_valid(doc, lang=lang)
    (u,) = [u for u in sol.unserved if (u.official, u.topic) == ("O1", "T")]
    return u.code, u.reason


@pytest.mark.parametrize("sessions", [2, 3])
def test_no_trainer_slot_says_how_many_half_days(sessions):
    doc = mini_doc()  # one Monday: two half-days
    put(doc["topics"][0], sessions=sessions)
    put(doc["trainers"][0], unavailable=["2026-03-02:am"] if sessions == 2 else [])
    code, text = reason_of(doc)
    assert code == "no_trainer_slot"
    assert f"{sessions} consecutive" in text
    assert f"{sessions} buổi" in reason_of(doc, "vi")[1]


@pytest.mark.parametrize(("requests", "min_size"), [(3, 4), (2, 5)])
def test_too_few_counts_the_requests_and_the_size_needed(requests, min_size):
    doc = mini_doc(officials=requests)
    put(doc["topics"][0], min_size=min_size)
    code, text = reason_of(doc)
    assert code == "too_few"
    assert re.search(rf"\b{requests}\b", text) and re.search(rf"\b{min_size}\b", text)
    _, vi = reason_of(doc, "vi")
    assert re.search(rf"\b{requests}\b", vi) and re.search(rf"\b{min_size}\b", vi)


def test_no_venue_names_the_travel_limit():
    doc = mini_doc()
    put(doc["settings"], max_travel_minutes=45)
    put(find(doc["communes"], "C"), travel_minutes={"V": 50})
    code, text = reason_of(doc)
    assert code == "no_venue" and "45" in text


def test_prerequisite_names_the_missing_topic():
    doc = mini_doc()
    doc["topics"].append({"id": "P7", "name": "Chuyên đề P7", "sessions": 1, "min_size": 1,
                          "max_size": 10})
    doc["topics"][0]["prerequisites"] = ["P7"]
    code, text = reason_of(doc)
    assert code == "prerequisite" and "P7" in text


def test_away_limit_reason_names_the_limit():
    doc = mini_doc()
    put(find(doc["communes"], "C"), max_away=2)
    doc["communes"].append({"id": "C2", "name": "Xã Hai", "staff": 5, "max_away": 1,
                            "travel_minutes": {"V": 20}})
    add_officials(doc, "C2", ["P1"])
    _, sol = solve_valid(doc)
    (u,) = sol.unserved
    assert find(doc["officials"], u.official)["commune"] == "C"
    assert u.code == "away_full" and "2" in u.reason


def test_reason_codes_differ_between_blocking_rules():
    blackout, far = mini_doc(), mini_doc()
    put(find(blackout["communes"], "C"), unavailable=["2026-03-02"])
    put(find(far["communes"], "C"), travel_minutes={"V": 90})
    found = {next(iter(codes(solve_valid(d)[1]).values())) for d in (blackout, far)}
    assert found == {"commune_blackout", "no_venue"}


def test_render_falls_back_to_english_then_to_the_code():
    assert render("too_few", {"count": 2, "min_size": 5}, "fr") == render(
        "too_few", {"count": 2, "min_size": 5}, "en")
    assert render("no_such_code", {}, "vi") == "no_such_code"

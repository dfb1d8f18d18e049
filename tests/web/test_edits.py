"""Edits of a draft timetable: each refused with the broken rule named, or saved and still valid."""
# ruff: noqa: F811  (the fixtures imported from helpers_planning are parameters here)

import html
import re
from contextlib import contextmanager

import pytest
from sqlalchemy import select

from scheduler.extensions import db
from scheduler.planning.mapping import export_classes
from scheduler.planning.models import TrainingClass
from scheduler.review.operations import NotEditable, move_class
from scheduler.review.validation import EditRefused, round_instance, unserved_of
from scheduler.rounds.models import TrainingRound
from scheduler.topics.models import Topic
from scheduler.venues.models import Venue
from solver.solution import Class
from solver.validate import breaches
from tests.web.helpers_planning import planner, round_id, store_draft, submit, tiny_app  # noqa: F401


def draft(app, rid: int) -> list[dict]:
    """The draft as solution-document classes, plus their row ids."""
    with app.app_context():
        training_round = db.session.get(TrainingRound, rid)
        docs = export_classes(training_round, "draft")
        ids = dict(db.session.execute(select(TrainingClass.code, TrainingClass.id)
                                      .filter_by(round_id=rid, state="draft")).all())
    return [dict(d, row=ids[d["id"]]) for d in docs]


def edit(client, rid: int, cls: dict, action: str, data: dict) -> str:
    """Post an edit form of the class page; the text shown afterwards."""
    page = f"/review/{rid}/classes/{cls['row']}"
    return html.unescape(submit(client, page, f"{page}/{action}", data).text)


def refusals(text: str) -> list[str]:
    """The broken rules the page lists."""
    return re.findall(r'<p class="flash error breach">([^<]*)</p>', text)


def assert_refused(app, client, rid, cls, action, data, rule: str, detail: str) -> None:
    """The edit is refused naming the rule and the breach, and the draft is unchanged."""
    before = draft(app, rid)
    text = edit(client, rid, cls, action, data)
    assert "Thay đổi chưa được lưu vì vi phạm các quy tắc sau." in text
    found = refusals(text)
    assert any(r.startswith(rule) and detail in r for r in found), found
    assert draft(app, rid) == before


def venue_id(app, code: str) -> int:
    """A venue's row id."""
    with app.app_context():
        return db.session.scalar(select(Venue.id).filter_by(code=code))


def of_topic(classes, topic: str) -> list[dict]:
    """The classes of a topic, largest first."""
    return sorted((c for c in classes if c["topic"] == topic), key=lambda c: -len(c["officials"]))


@contextmanager
def changed(app, model, key: dict, **fields):
    """Change the record found by `key` for the test's duration."""
    with app.app_context():
        record = db.session.scalar(select(model).filter_by(**key))
        old = {k: getattr(record, k) for k in fields}
        for k, v in fields.items():
            setattr(record, k, v)
        db.session.commit()
    try:
        yield
    finally:
        with app.app_context():
            record = db.session.scalar(select(model).filter_by(**key))
            for k, v in old.items():
                setattr(record, k, v)
            db.session.commit()


# ---- refusals, one per rule family ------------------------------------------------------------
def test_trainer_unavailable_is_refused(tiny_app, planner, round_id):
    """R1 cannot teach on Monday 02/03/2026: moving its class there breaks rule 2."""
    cls = next(c for c in draft(tiny_app, round_id) if c["trainer"] == "R1")
    assert_refused(tiny_app, planner, round_id, cls, "move", {"start": "2026-03-02:am"},
                   "Quy tắc 2 – Giảng viên",
                   "giảng viên R1 (Giảng viên A) bận vào buổi Thứ Hai 02/03/2026 Sáng")


def test_trainer_double_booked_is_refused(tiny_app, planner, round_id):
    """Two classes of one trainer moved onto the same half-days break rule 2."""
    first, second = of_topic(draft(tiny_app, round_id), "T1")[:2]
    assert first["trainer"] == second["trainer"]
    assert_refused(tiny_app, planner, round_id, second, "move", {"start": first["sessions"][0]},
                   "Quy tắc 2 – Giảng viên", f"giảng viên {first['trainer']} (")


def test_venue_closed_is_refused(tiny_app, planner, round_id):
    """V2 is closed on 04/03/2026: a class that runs then cannot move there."""
    cls = next(c for c in draft(tiny_app, round_id)
               if any(s.startswith("2026-03-04") for s in c["sessions"]) and c["venue"] != "V2")
    closed = {"venue_id": venue_id(tiny_app, "V2")}
    assert_refused(tiny_app, planner, round_id, cls, "venue", closed,
                   "Quy tắc 3 – Địa điểm", "không sử dụng được vào buổi Thứ Tư 04/03/2026")


def test_venue_double_booked_is_refused(tiny_app, planner, round_id):
    """Two classes at the same time cannot share a venue."""
    classes = draft(tiny_app, round_id)
    cls, other = next((a, b) for a in classes for b in classes if a["venue"] != b["venue"]
                      and set(a["sessions"]) & set(b["sessions"]))
    assert_refused(tiny_app, planner, round_id, cls, "venue",
                   {"venue_id": venue_id(tiny_app, other["venue"])},
                   "Quy tắc 3 – Địa điểm", "phải đón cả lớp")


def test_venue_too_small_is_refused(tiny_app, planner, round_id):
    """A class cannot move to a room with fewer seats than it has officials."""
    cls = draft(tiny_app, round_id)[0]
    with changed(tiny_app, Venue, {"code": cls["venue"]}, capacity=len(cls["officials"])):
        with tiny_app.app_context():
            hall = db.session.scalar(select(Venue).filter_by(code=cls["venue"]))
            small = Venue(code="V-SMALL", name="Phòng nhỏ", capacity=2, online=False,
                          commune_id=hall.commune_id, unavailable=[])
            db.session.add(small)
            db.session.commit()
            small_id = small.id
        try:
            assert_refused(tiny_app, planner, round_id, cls, "venue", {"venue_id": small_id},
                           "Quy tắc 3 – Địa điểm", "vượt sức chứa 2 người của địa điểm V-SMALL")
        finally:
            with tiny_app.app_context():
                db.session.delete(db.session.get(Venue, small_id))
                db.session.commit()


def test_class_on_a_day_off_is_refused(tiny_app, planner, round_id):
    """Saturday 07/03/2026 is not a working day: rule 1 (class shape)."""
    cls = draft(tiny_app, round_id)[0]
    assert_refused(tiny_app, planner, round_id, cls, "move", {"start": "2026-03-07:am"},
                   "Quy tắc 1 – Cấu trúc lớp",
                   "buổi Thứ Bảy 07/03/2026 Sáng không phải buổi làm việc")


def test_class_across_two_weeks_is_refused(tiny_app, planner, round_id):
    """With a second week, a class from Friday afternoon would run into Monday: rule 1."""
    with tiny_app.app_context():
        end = db.session.get(TrainingRound, round_id).end_date
    cls = next(c for c in draft(tiny_app, round_id) if len(c["sessions"]) > 1)
    with changed(tiny_app, TrainingRound, {"id": round_id}, end_date=end.replace(day=13)):
        assert_refused(tiny_app, planner, round_id, cls, "move", {"start": "2026-03-06:pm"},
                       "Quy tắc 1 – Cấu trúc lớp", "không nằm trong cùng một tuần")


def test_size_above_the_maximum_is_refused(tiny_app, planner, round_id):
    """Moving an official into a class already at the topic's maximum breaks rule 4."""
    big, small = of_topic(draft(tiny_app, round_id), "T1")[:2]
    with tiny_app.app_context():
        official_id = db.session.scalar(select(TrainingClass).filter_by(id=small["row"])) \
            .seats[0].official_id
    with changed(tiny_app, Topic, {"code": "T1"}, max_size=len(big["officials"])):
        assert_refused(tiny_app, planner, round_id, small, "official",
                       {"official_id": official_id, "target_id": big["row"]},
                       "Quy tắc 4 – Sĩ số lớp", f"{len(big['officials']) + 1} học viên")


def test_official_in_two_classes_at_once_is_refused(tiny_app, planner, round_id):
    """A class moved onto the half-days of another class of one of its officials: rule 5."""
    classes = draft(tiny_app, round_id)
    cls, other = next((a, b) for a in classes for b in classes if a["topic"] != b["topic"]
                      and set(a["officials"]) & set(b["officials"])
                      and len(a["sessions"]) <= len(b["sessions"]))
    assert_refused(tiny_app, planner, round_id, cls, "move", {"start": other["sessions"][0]},
                   "Quy tắc 5 – Cán bộ, công chức", "phải học cả lớp")


def test_prerequisite_order_is_refused(tiny_app, planner, round_id):
    """A T2 class moved before the T1 class of its officials breaks the prerequisite rule."""
    classes = draft(tiny_app, round_id)
    t1 = {o for c in of_topic(classes, "T1") for o in c["officials"]}
    cls = next(c for c in of_topic(classes, "T2") if t1 & set(c["officials"]))
    assert_refused(tiny_app, planner, round_id, cls, "move", {"start": "2026-03-02:am"},
                   "Quy tắc 5 – Cán bộ, công chức", "chưa học xong chủ đề tiên quyết T1")


def test_commune_blackout_is_refused(tiny_app, planner, round_id):
    """Phường Điện Biên Phủ (C1) cannot release officials on 06/03/2026: rule 6."""
    c1 = {f"O0{i}" for i in range(1, 9)}
    cls = next(c for c in draft(tiny_app, round_id)
               if c1 & set(c["officials"]) and len(c["sessions"]) <= 2)
    assert_refused(tiny_app, planner, round_id, cls, "move", {"start": "2026-03-06:am"},
                   "Quy tắc 6 – Xã", "nơi không cử được cán bộ đi học vào buổi Thứ Sáu 06/03/2026")


def test_online_class_for_a_commune_without_equipment_is_refused(tiny_app, planner, round_id):
    """Xã Mường Phăng (C2) has no online equipment: its officials cannot be moved online."""
    c2 = {"O09", "O10", "O11", "O12", "O13", "O14"}
    cls = next(c for c in draft(tiny_app, round_id)
               if c["topic"] in ("T1", "T3") and c2 & set(c["officials"]) and c["venue"] != "VO")
    online = {"venue_id": venue_id(tiny_app, "VO")}
    assert_refused(tiny_app, planner, round_id, cls, "venue", online,
                   "Quy tắc 6 – Xã",
                   "xã/phường C2 (Xã Mường Phăng), nơi chưa có điều kiện học trực tuyến")


# ---- refusals in one language ----------------------------------------------------------------
ENGLISH = ("official", "has neither", "class ", "trainer ", "venue ", "slot", "unavailable",
           "rule ", "Rule ", "Monday", "Saturday", "Morning")
VIETNAMESE_RULES = ("Quy tắc", "quy tắc", "Cấu trúc lớp", "cấu trúc lớp", "Cán bộ, công chức",
                    "cán bộ, công chức", "Sĩ số lớp", "lớp ", "buổi", "Thứ Bảy", "Sáng")


def refused_edits(app, client, rid: int) -> list[str]:
    """The refusals of a few edits breaking rules 1 and 5 (and, in Vietnamese, 2 and 6)."""
    classes = draft(app, rid)
    t1 = {o for c in of_topic(classes, "T1") for o in c["officials"]}
    later = next(c for c in of_topic(classes, "T2") if t1 & set(c["officials"]))
    found = refusals(edit(client, rid, classes[0], "move", {"start": "2026-03-07:am"}))
    return found + refusals(edit(client, rid, later, "move", {"start": "2026-03-02:am"}))


def test_refusals_in_vietnamese_have_no_english(tiny_app, planner, round_id):
    """Vietnamese users read the whole refusal in Vietnamese: no sentence of the validator's."""
    found = refused_edits(tiny_app, planner, round_id)
    cls = next(c for c in draft(tiny_app, round_id) if c["trainer"] == "R1")
    found += refusals(edit(planner, round_id, cls, "move", {"start": "2026-03-02:am"}))
    c2 = {"O09", "O10", "O11", "O12", "O13", "O14"}
    cls = next(c for c in draft(tiny_app, round_id)
               if c["topic"] in ("T1", "T3") and c2 & set(c["officials"]) and c["venue"] != "VO")
    found += refusals(edit(planner, round_id, cls, "venue",
                           {"venue_id": venue_id(tiny_app, "VO")}))
    assert {r.split(" – ")[0] for r in found} >= {"Quy tắc 1", "Quy tắc 2", "Quy tắc 5",
                                                   "Quy tắc 6"}, found
    for message in found:
        assert not [w for w in ENGLISH if w in message], message


def test_refusals_in_english_have_no_vietnamese(tiny_app, planner, round_id):
    """Users who chose English read the refusal in English, rule names included."""
    planner.set_cookie("lang", "en")
    found = refused_edits(tiny_app, planner, round_id)
    assert any(r.startswith("Rule 1 – Class shape: class ") and "is not a working slot" in r
               for r in found), found
    assert any(r.startswith("Rule 5 – Officials: class ")
               and "has neither completed prerequisite T1" in r for r in found), found
    for message in found:
        assert not [w for w in VIETNAMESE_RULES if w in message], message


# ---- accepted edits ---------------------------------------------------------------------------
def valid_move(app, rid: int) -> tuple[dict, str]:
    """A class and another start at which it keeps every rule (found by trying each start)."""
    with app.app_context():
        training_round = db.session.get(TrainingRound, rid)
        slots = round_instance(training_round).slots
        for cls in db.session.scalars(select(TrainingClass).filter_by(round_id=rid)):
            for start in slots:
                if start == cls.sessions[0].slot:
                    continue
                try:
                    move_class(cls, start)
                except EditRefused:
                    continue
                finally:
                    db.session.rollback()
                return next(c for c in draft(app, rid) if c["row"] == cls.id), start
    raise AssertionError("no class of the draft can move anywhere")


def assert_valid(app, rid: int) -> None:
    """The stored draft passes the solver's validator (with its unserved list recomputed)."""
    with app.app_context():
        instance = round_instance(db.session.get(TrainingRound, rid))
    classes = [Class.from_dict({k: v for k, v in c.items() if k != "row"})
               for c in draft(app, rid)]
    assert breaches(instance, classes, unserved_of(instance, classes)) == []


def test_accepted_move_is_saved_and_valid(tiny_app, planner, round_id):
    """A move that keeps every rule is saved, announced, and the draft still validates."""
    cls, start = valid_move(tiny_app, round_id)
    text = edit(planner, round_id, cls, "move", {"start": start})
    assert f"Đã dời lớp {cls['id']} sang" in text
    moved = next(c for c in draft(tiny_app, round_id) if c["id"] == cls["id"])
    assert moved["sessions"][0] == start and len(moved["sessions"]) == len(cls["sessions"])
    assert_valid(tiny_app, round_id)


def test_taking_an_official_out_is_saved(tiny_app, planner, round_id):
    """Taking an official out of a class above its minimum size is saved; the draft validates."""
    classes = draft(tiny_app, round_id)
    cls = of_topic(classes, "T1")[0]
    elsewhere = {o for c in classes if c is not cls for o in c["officials"]}
    with tiny_app.app_context():
        seat = next(s for s in db.session.get(TrainingClass, cls["row"]).seats
                    if s.official.code not in elsewhere)  # no later class needs this one
        official_id, code, name = seat.official_id, seat.official.code, seat.official.name
    text = edit(planner, round_id, cls, "official", {"official_id": official_id, "target_id": 0})
    assert f"Đã đưa {name} ra khỏi lớp {cls['id']}." in text
    after = next(c for c in draft(tiny_app, round_id) if c["id"] == cls["id"])
    assert code not in after["officials"]
    assert_valid(tiny_app, round_id)


def test_moving_an_official_to_another_class_is_saved(tiny_app, planner, round_id):
    """An official moved to another class of the topic (when every rule holds) is saved there."""
    from scheduler.review.operations import move_official

    with tiny_app.app_context():
        rows = db.session.scalars(select(TrainingClass).filter_by(round_id=round_id)).all()
        pairs = [(a, b, seat) for a in rows for b in rows if a.id != b.id
                 and a.topic_id == b.topic_id for seat in a.seats]
        for source, target, seat in pairs:
            try:
                move_official(source, seat.official, target)
            except EditRefused:
                continue
            finally:
                db.session.rollback()
            move = (source.id, source.code, target.id, target.code, seat.official_id,
                    seat.official.code)
            break
        else:
            raise AssertionError("no official of the draft can change class")
    source_id, source_code, target_id, target_code, official_id, code = move
    cls = next(c for c in draft(tiny_app, round_id) if c["row"] == source_id)
    text = edit(planner, round_id, cls, "official",
                {"official_id": official_id, "target_id": target_id})
    assert f"từ lớp {source_code} sang lớp {target_code}" in text
    after = {c["id"]: c["officials"] for c in draft(tiny_app, round_id)}
    assert code in after[target_code] and code not in after[source_code]
    assert_valid(tiny_app, round_id)


def test_pin_and_unpin(tiny_app, planner, round_id):
    """Pinning marks the class (the list says so); unpinning clears it."""
    cls = draft(tiny_app, round_id)[0]
    text = edit(planner, round_id, cls, "pin", {"pinned": "y"})
    assert f"Đã ghim lớp {cls['id']}" in text and "Bỏ ghim lớp" in text
    with tiny_app.app_context():
        assert db.session.get(TrainingClass, cls["row"]).pinned
    text = edit(planner, round_id, cls, "pin", {})
    assert f"Đã bỏ ghim lớp {cls['id']}." in text
    with tiny_app.app_context():
        assert not db.session.get(TrainingClass, cls["row"]).pinned


# ---- what cannot be edited --------------------------------------------------------------------
def test_published_classes_are_not_edited_here(tiny_app, planner, round_id):
    """A published class refuses edits (only the draft is edited here)."""
    with tiny_app.app_context():
        store_draft(round_id, state="published")
        cls = db.session.scalars(select(TrainingClass).filter_by(round_id=round_id)).first()
        class_id, start = cls.id, cls.sessions[0].slot
    page = f"/review/{round_id}/classes/{class_id}"
    token_page = planner.get(f"/review/{round_id}/")
    from tests.conftest import csrf_token

    response = planner.post(f"{page}/move", data={"csrf_token": csrf_token(token_page.text),
                                                  "start": "2026-03-05:am"}, follow_redirects=True)
    assert "Chỉ sửa được các lớp của lịch dự thảo tại đây." in response.text
    with tiny_app.app_context():
        assert db.session.get(TrainingClass, class_id).sessions[0].slot == start


def test_a_start_outside_the_round_is_refused_by_the_form(tiny_app, planner, round_id):
    """A start that is not a half-day of the round is refused with the field named."""
    cls = draft(tiny_app, round_id)[0]
    text = edit(planner, round_id, cls, "move", {"start": "2027-01-01:am"})
    assert "Vui lòng chọn giá trị hợp lệ cho: Buổi bắt đầu mới" in text
    assert draft(tiny_app, round_id)[0]["sessions"] == cls["sessions"]


def test_operations_refuse_a_published_class(tiny_app, round_id):
    """The operations themselves refuse classes outside the draft."""
    with tiny_app.app_context():
        store_draft(round_id, state="published")
        cls = db.session.scalars(select(TrainingClass).filter_by(round_id=round_id)).first()
        with pytest.raises(NotEditable):
            move_class(cls, "2026-03-05:am")
        db.session.rollback()


# ---- what the class page offers ---------------------------------------------------------------
def offers(client, rid: int, cls: dict, name: str) -> list[str]:
    """The values one select of the class page offers."""
    page = client.get(f"/review/{rid}/classes/{cls['row']}").text
    found = re.search(rf'<select[^>]*name="{name}"[^>]*>(.*?)</select>', page, re.S)
    return re.findall(r'<option[^>]*value="([^"]*)"', found.group(1)) if found else []


def test_offered_starts_trainers_and_venues_are_accepted(tiny_app, planner, round_id):
    """What the page offers (a few starts, trainers and venues of every class) is saved when
    tried, and the draft still validates."""
    tried = []
    for code in [c["id"] for c in draft(tiny_app, round_id)]:
        for action, field in (("move", "start"), ("trainer", "trainer_id"), ("venue", "venue_id")):
            cls = next(c for c in draft(tiny_app, round_id) if c["id"] == code)
            for value in offers(planner, round_id, cls, field)[:2]:
                cls = next(c for c in draft(tiny_app, round_id) if c["id"] == code)
                text = edit(planner, round_id, cls, action, {field: value})
                assert '<p class="flash success">' in text and not refusals(text), refusals(text)
                assert_valid(tiny_app, round_id)
                tried.append((code, action, value))
                with tiny_app.app_context():
                    store_draft(round_id)
    assert any(action == "move" for _code, action, _value in tried), tried


def test_a_start_not_offered_is_still_refused_by_the_server(tiny_app, planner, round_id):
    """A working start the page leaves out (something is busy then) is refused when posted."""
    with tiny_app.app_context():
        slots = round_instance(db.session.get(TrainingRound, round_id)).slots
    cls = next(c for c in draft(tiny_app, round_id) if c["trainer"] == "R1")
    offered = set(offers(planner, round_id, cls, "start"))
    assert "2026-03-02:am" in slots and "2026-03-02:am" not in offered  # R1 is unavailable
    start = next(s for s in slots if s not in offered and s != cls["sessions"][0])
    assert_refused(tiny_app, planner, round_id, cls, "move", {"start": start}, "Quy tắc", "")

"""Commune requests: table form, blackouts, submission, Excel all-or-nothing, who may do what."""

import io
from datetime import timedelta

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from scheduler.extensions import db
from scheduler.planning.mapping import export_round
from scheduler.requests.operations import today
from scheduler.rounds.models import RoundCommune, TopicRequest, TrainingRound
from solver.checks import instance_errors
from tests.web.world import build_world, client_of, token


@pytest.fixture()
def world(blank_app):
    return build_world(blank_app)


@pytest.fixture()
def focal(blank_app, world):
    return client_of(blank_app, world.users["focal"])


def page_url(world, commune=None) -> str:
    return f"/requests/{world.round}/communes/{commune or world.c1}"


def post(client, world, action, data, commune=None):
    """Post one of the commune page's forms with its CSRF token."""
    csrf = token(client, page_url(world, commune))
    return client.post(f"{page_url(world, commune)}/{action}", data={**data, "csrf_token": csrf},
                       content_type="multipart/form-data" if "sheet" in data else None)


def stored(app, world) -> set[tuple[str, str, int]]:
    """(official code, topic code, priority) of every request of the round."""
    with app.app_context():
        rows = db.session.scalars(select(TopicRequest).where(TopicRequest.round_id == world.round))
        return {(r.official.code, r.topic.code, r.priority) for r in rows}


def table(world, cells: dict) -> dict:
    """The priority table's form data for the commune's three officials."""
    data = {"official": [str(i) for i in world.officials]}
    data.update({f"p-{o}-{t}": v for (o, t), v in cells.items()})
    return data


def test_focal_point_sees_officials_and_topics_on_offer(focal, world):
    text = focal.get(page_url(world)).text
    assert "Lò Văn An" in text and "Cà Văn Cường" in text and "Lường Văn Xa" not in text
    assert 'title="Đầu tư công">T1<' in text and 'title="Đất đai">T2<' in text
    assert "Tài chính" not in text  # T3 is not on offer in this round
    assert "Thứ Hai<br>02/03/2026" in text and "06/03/2026" not in text  # holiday left out


def test_the_table_saves_priorities_for_the_page(blank_app, focal, world):
    o1, o2, _o3 = world.officials
    response = post(focal, world, "requests", table(world, {(o1, world.t1): "3",
                                                            (o2, world.t2): "1"}))
    assert response.status_code == 302
    assert stored(blank_app, world) == {("O1", "T1", 3), ("O2", "T2", 1)}
    assert "Đã lưu 2 yêu cầu của 3 cán bộ trên trang này." in focal.get(page_url(world)).text
    post(focal, world, "requests", table(world, {(o2, world.t1): "2"}))
    assert stored(blank_app, world) == {("O2", "T1", 2)}


def test_a_bad_priority_in_the_table_saves_nothing(blank_app, focal, world):
    o1, o2, _o3 = world.officials
    post(focal, world, "requests", table(world, {(o1, world.t1): "3"}))
    response = post(focal, world, "requests", table(world, {(o1, world.t2): "2",
                                                            (o2, world.t1): "5"}))
    assert response.status_code == 400
    assert "Chưa lưu gì" in response.text
    assert "Quàng Thị Bình, chuyên đề T1: mức ưu tiên “5” không phải 1, 2 hoặc 3." in \
        response.text
    assert stored(blank_app, world) == {("O1", "T1", 3)}


def test_blackouts_and_online_capability_reach_the_solver_instance(blank_app, focal, world):
    o1, _o2, _o3 = world.officials
    post(focal, world, "requests", table(world, {(o1, world.t1): "3"}))
    slots = ["2026-03-03:am", "2026-03-03:pm", "2026-03-10:pm", "2026-03-07:am"]
    response = post(focal, world, "declaration", {"slot": slots, "online_capable": "y"})
    assert response.status_code == 302
    text = focal.get(page_url(world)).text
    assert "Đã lưu: 3 buổi xã/phường không thể cử cán bộ đi học." in text
    with blank_app.app_context():
        doc = export_round(db.session.get(TrainingRound, world.round))
    commune = next(c for c in doc["communes"] if c["id"] == "C1")
    assert commune["unavailable"] == ["2026-03-03", "2026-03-10:pm"]  # the Saturday is dropped
    assert commune["online_capable"] is True
    assert {"official": "O1", "topic": "T1", "priority": 3} in doc["requests"]
    assert instance_errors(doc) == []


def test_submission_shows_on_the_planners_completion_page(blank_app, focal, world):
    o1, o2, _o3 = world.officials
    post(focal, world, "requests", table(world, {(o1, world.t1): "3", (o2, world.t1): "1",
                                                 (o2, world.t2): "2"}))
    assert post(focal, world, "submit", {}).status_code == 302
    planner = client_of(blank_app, world.users["planner"])
    text = planner.get(f"/requests/{world.round}/completion").text
    assert "1/2 xã/phường đã nộp." in text
    row = text.split(">Xã Một</a>")[1].split("</tr>")[0]
    assert "Có, " in row
    cells = [c.split("<")[0] for c in row.split('<td class="num">')[1:]]
    assert cells == ["2", "3", "2", "1"]  # officials, requests, T1, T2
    assert "Chưa" in text.split(">Xã Hai</a>")[1].split("</tr>")[0]


@pytest.mark.parametrize(("status", "days"), [("collecting", -1), ("draft", 5),
                                              ("scheduling", 5), ("published", 5)])
def test_focal_point_is_refused_after_the_deadline_or_outside_collection(blank_app, status, days):
    world = build_world(blank_app, status=status, deadline=today() + timedelta(days=days))
    focal = client_of(blank_app, world.users["focal"])
    o1 = world.officials[0]
    assert "Đợt bồi dưỡng này đã đóng đăng ký; bạn chỉ có thể xem." in \
        focal.get(page_url(world)).text
    for action, data in (("requests", table(world, {(o1, world.t1): "3"})),
                         ("declaration", {"slot": ["2026-03-03:am"]}), ("submit", {})):
        response = post(focal, world, action, data)
        assert response.status_code == 303
        assert "không có thay đổi nào được lưu" in focal.get(page_url(world)).text
    assert stored(blank_app, world) == set()
    with blank_app.app_context():
        assert db.session.get(RoundCommune, (world.round, world.c1)) is None
    planner = client_of(blank_app, world.users["planner"])
    assert post(planner, world, "requests", table(world, {(o1, world.t1): "3"})
                ).status_code == 302
    assert stored(blank_app, world) == {("O1", "T1", 3)}


def test_focal_point_cannot_see_or_change_another_commune(blank_app, focal, world):
    other = page_url(world, world.c2)
    assert focal.get(other).status_code == 403
    assert focal.get(f"{other}/template.xlsx").status_code == 403
    csrf = token(focal, page_url(world))
    data = {"official": [str(world.stranger)], f"p-{world.stranger}-{world.t1}": "3",
            "csrf_token": csrf}
    assert focal.post(f"{other}/requests", data=data).status_code == 403
    assert focal.get(f"/requests/{world.round}/completion").status_code == 403
    assert stored(blank_app, world) == set()


# ---- Excel -----------------------------------------------------------------------------------
def template(client, world):
    """The downloaded template, opened."""
    response = client.get(f"{page_url(world)}/template.xlsx")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].endswith(".xlsx")
    return load_workbook(io.BytesIO(response.data))


def filled(wb, change=None) -> bytes:
    """The template with O1 → T1 = 3 and O2 → T2 = 2, then the change applied."""
    ws = wb["Yêu cầu"]
    rows = {ws.cell(row=r, column=1).value: r for r in range(2, ws.max_row + 1)}
    ws.cell(row=rows["O1"], column=4, value=3)
    ws.cell(row=rows["O2"], column=5, value=2)
    if change:
        change(ws, rows)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def upload(client, world, data: bytes):
    return post(client, world, "upload", {"sheet": (io.BytesIO(data), "yeu-cau.xlsx")})


def test_the_template_lists_the_communes_officials_and_the_rounds_topics(focal, world):
    ws = template(focal, world)["Yêu cầu"]
    header = [c.value for c in ws[1]]
    assert header[:3] == ["Mã cán bộ", "Họ và tên", "Chức vụ"]
    assert [h.split("\n")[0] for h in header[3:]] == ["T1", "T2"]
    codes = {ws.cell(row=r, column=1).value for r in range(2, ws.max_row + 1)} - {None}
    assert codes == {"O1", "O2", "O3"}


def test_a_good_sheet_replaces_the_communes_requests(blank_app, focal, world):
    post(focal, world, "requests", table(world, {(world.officials[2], world.t1): "1"}))
    response = upload(focal, world, filled(template(focal, world)))
    assert response.status_code == 302
    assert "Đã nhập 2 yêu cầu từ tệp" in focal.get(page_url(world)).text
    assert stored(blank_app, world) == {("O1", "T1", 3), ("O2", "T2", 2)}


def _unknown_official(ws, rows):
    ws.cell(row=5, column=1, value="ZZ9")
    ws.cell(row=5, column=4, value=1)


def _foreign_official(ws, rows):
    ws.cell(row=5, column=1, value="X1")
    ws.cell(row=5, column=5, value=2)


def _unknown_topic(ws, rows):
    ws.cell(row=1, column=6, value="T7\nChuyên đề lạ")
    ws.cell(row=rows["O3"], column=6, value=1)


def _bad_priority(ws, rows):
    ws.cell(row=rows["O3"], column=4, value=5)


def _duplicated_row(ws, rows):
    ws.cell(row=5, column=1, value="O2")
    ws.cell(row=5, column=4, value=1)


@pytest.mark.parametrize(("change", "where", "message"), [
    (_unknown_official, ("5", "A"), "mã cán bộ “ZZ9” không có trong danh sách cán bộ"),
    (_foreign_official, ("5", "A"), "cán bộ “X1” thuộc Xã Hai, không thuộc xã/phường của bạn"),
    (_unknown_topic, ("1", "F"), "chuyên đề “T7” không có trong đợt bồi dưỡng này"),
    (_bad_priority, (None, "D"), "mức ưu tiên “5” không hợp lệ"),
    (_duplicated_row, ("5", "A"), "cán bộ “O2” đã có ở dòng"),
], ids=["unknown official", "other commune", "unknown topic", "bad priority", "duplicated row"])
def test_a_broken_sheet_imports_nothing_and_lists_the_problem(blank_app, focal, world, change,
                                                              where, message):
    post(focal, world, "requests", table(world, {(world.officials[2], world.t2): "1"}))
    response = upload(focal, world, filled(template(focal, world), change))
    assert response.status_code == 400
    assert "Tệp bị từ chối, không dữ liệu nào được nhập." in response.text
    assert message in response.text
    row, column = where
    cells = response.text.split(message)[0].rsplit("<tr>", 1)[1]
    assert f"<td>{column}</td>" in cells and (row is None or f"<td>{row}</td>" in cells)
    assert stored(blank_app, world) == {("O3", "T2", 1)}


def test_every_problem_of_a_sheet_is_listed_at_once(blank_app, focal, world):
    def many(ws, rows):
        _bad_priority(ws, rows)
        _unknown_official(ws, rows)
        ws.cell(row=6, column=1, value="O1")
        ws.cell(row=6, column=5, value=1)

    response = upload(focal, world, filled(template(focal, world), many))
    assert response.status_code == 400
    assert "Có 3 lỗi:" in response.text
    assert stored(blank_app, world) == set()


def test_a_file_that_is_not_excel_is_refused(blank_app, focal, world):
    response = upload(focal, world, b"ten,priority\nO1,3\n")
    assert response.status_code == 400
    assert "không phải tệp Excel (.xlsx) hợp lệ" in response.text
    empty = post(focal, world, "upload", {})
    assert empty.status_code == 400 and "Hãy chọn tệp Excel đã điền để tải lên." in empty.text

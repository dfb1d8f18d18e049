"""The Excel request sheet: the template round-trips, and every broken upload is refused whole."""

import io
import zipfile

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scheduler.requests.excel import build_request_template, parse_request_sheet

COMMUNE = {"code": "03160", "name": "Xã Mường Nhé"}
OFFICIALS = [
    {"code": "CB001", "name": "Nguyễn Văn An", "position": "Chủ tịch UBND xã"},
    {"code": "CB002", "name": "Lò Thị Bình", "position": "Công chức Tư pháp - Hộ tịch"},
    {"code": "CB003", "name": "Quàng Văn Cường", "position": "Công chức Tài chính - Kế toán"},
    {"code": "CB004", "name": "Vừ Thị Dung", "position": "Công chức Địa chính"},
]
TOPICS = [
    {"code": "T01", "name": "Tổng quan chính quyền địa phương hai cấp"},
    {"code": "T02", "name": "Quản lý đầu tư công cấp xã"},
    {"code": "T03", "name": "Tư pháp - hộ tịch"},
]
OFFICIAL_CODES = {o["code"] for o in OFFICIALS}
TOPIC_CODES = {t["code"]: t["name"] for t in TOPICS}
# Columns D, E, F hold T01, T02, T03; rows 2 to 5 hold CB001 to CB004.
VALID_CELLS = {"D2": 3, "F2": 1, "E3": 2, "D5": 1}
VALID_ROWS = {("CB001", "T01", 3), ("CB001", "T03", 1), ("CB002", "T02", 2), ("CB004", "T01", 1)}


def template(lang="vi") -> bytes:
    """Return the template for the test commune."""
    return build_request_template(COMMUNE, OFFICIALS, TOPICS, lang=lang)


def fill(cells: dict, lang="vi", data: bytes | None = None) -> bytes:
    """Return the template with `cells` ({"D2": 3, ...}) written on its requests sheet."""
    wb = openpyxl.load_workbook(io.BytesIO(data or template(lang)))
    ws = wb.worksheets[0]
    for ref, value in cells.items():
        ws[ref] = value
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def parse(data: bytes, lang="vi", **kwargs):
    """Parse `data` against the test commune's officials and topics."""
    return parse_request_sheet(data, OFFICIAL_CODES, TOPIC_CODES, lang=lang, **kwargs)


def test_template_has_officials_header_validation_and_guide():
    wb = openpyxl.load_workbook(io.BytesIO(template()))
    assert wb.sheetnames == ["Yêu cầu", "Hướng dẫn", "Chuyên đề"]
    ws = wb["Yêu cầu"]
    header = [c.value for c in ws[1]]
    assert header[:3] == ["Mã cán bộ", "Họ và tên", "Chức vụ"]
    assert [h.splitlines() for h in header[3:]] == [[t["code"], t["name"]] for t in TOPICS]
    prefilled = [[c.value for c in row] for row in ws.iter_rows(min_row=2, max_col=3)]
    assert [r for r in prefilled if any(r)] == [
        [o["code"], o["name"], o["position"]] for o in OFFICIALS
    ]
    assert ws.freeze_panes == "D2"
    assert ws.column_dimensions["B"].width >= len("Quàng Văn Cường")
    (dv,) = ws.data_validations.dataValidation
    assert (dv.type, dv.formula1, dv.formula2) == ("whole", "1", "3")
    assert all(ref in dv.sqref for ref in ("D2", "F5", "E6"))
    assert "A2" not in dv.sqref
    guide = "\n".join(str(c.value) for c in wb["Hướng dẫn"]["A"] if c.value)
    assert "Xã Mường Nhé" in guide and "3 = rất cần" in guide
    topics_sheet = wb["Chuyên đề"]
    assert topics_sheet.sheet_state == "hidden" and topics_sheet.protection.sheet
    assert [r[0] for r in topics_sheet.iter_rows(min_row=2, values_only=True)] == [
        "T01",
        "T02",
        "T03",
    ]


def test_english_template_speaks_english():
    wb = openpyxl.load_workbook(io.BytesIO(template("en")))
    assert wb.sheetnames == ["Requests", "Instructions", "Topics"]
    assert [c.value for c in wb["Requests"][1]][:3] == ["Official code", "Full name", "Position"]
    assert "Commune: Xã Mường Nhé (code 03160)" in [c.value for c in wb["Instructions"]["A"]]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_filled_template_round_trips_to_exactly_the_filled_cells(lang):
    result = parse(fill(VALID_CELLS, lang=lang), lang=lang)
    assert result.errors == []
    assert sorted(result.rows) == sorted(VALID_ROWS)


def test_untouched_template_gives_no_requests_and_no_errors():
    result = parse(template())
    assert (result.rows, result.errors) == ([], [])


def test_priorities_typed_as_text_or_decimals_of_whole_numbers_are_read():
    result = parse(fill({"D2": " 3 ", "E3": 2.0, "F4": "1"}))
    assert result.errors == []
    assert sorted(result.rows) == [("CB001", "T01", 3), ("CB002", "T02", 2), ("CB003", "T03", 1)]


BROKEN = [
    # (case, cells written on top of VALID_CELLS, expected row, column, kind, message fragment)
    ("priority 4", {"F3": 4}, 3, "F", "bad_priority", "Dòng 3, cột F (T03): mức ưu tiên “4”"),
    ("priority 0", {"E4": 0}, 4, "E", "bad_priority", "mức ưu tiên “0” không hợp lệ"),
    ("priority 1.5", {"D3": 1.5}, 3, "D", "bad_priority", "“1,5”"),
    ("priority text", {"E5": "cao"}, 5, "E", "bad_priority", "chỉ nhận 1, 2 hoặc 3"),
    ("unknown official", {"A6": "CB999", "D6": 2}, 6, "A", "unknown_official", "“CB999”"),
    ("duplicate row", {"A6": "CB002", "D6": 1}, 6, "A", "duplicate_official", "dòng 3"),
    ("blank code", {"A3": None, "D3": 2}, 3, "A", "missing_official", "chưa ghi mã cán bộ"),
    ("unknown topic", {"G1": "T99\nKỹ năng số"}, 1, "G", "unknown_topic", "“T99”"),
    ("same topic twice", {"G1": "T02"}, 1, "G", "duplicate_topic", "đã có ở cột E"),
    ("renamed header", {"A1": "Mã CB"}, 1, "A", "renamed_header", "“Mã cán bộ”"),
    ("missing header", {"C1": None}, 1, "C", "missing_header", "“Chức vụ”"),
    ("value without header", {"H4": 2}, 4, "H", "unnamed_column", "Dòng 4, cột H"),
]


@pytest.mark.parametrize(
    ("cells", "row", "column", "kind", "fragment"),
    [case[1:] for case in BROKEN],
    ids=[case[0] for case in BROKEN],
)
def test_one_problem_rejects_the_whole_file_and_names_its_cell(cells, row, column, kind, fragment):
    result = parse(fill({**VALID_CELLS, **cells}))
    assert result.rows == []
    assert [(e.row, e.column, e.kind) for e in result.errors] == [(row, column, kind)]
    assert fragment in result.errors[0].message


def test_official_of_another_commune_is_named_as_such():
    result = parse(
        fill({**VALID_CELLS, "A6": "CB900", "E6": 1}), other_officials={"CB900": "Xã Nà Hỳ"}
    )
    assert result.rows == []
    [error] = result.errors
    assert (error.row, error.column, error.kind) == (6, "A", "foreign_official")
    assert "thuộc Xã Nà Hỳ, không thuộc xã/phường của bạn" in error.message


def test_every_problem_of_a_file_is_reported_in_row_order():
    cells = {"A1": "Mã", "G1": "XYZ", "E2": 7, "A4": "CB001", "A5": "ZZ", "D5": "x", "F6": 2}
    result = parse(fill({**VALID_CELLS, **cells}))
    assert result.rows == []
    assert [(e.row, e.column, e.kind) for e in result.errors] == [
        (1, "A", "renamed_header"),
        (1, "G", "unknown_topic"),
        (2, "E", "bad_priority"),
        (4, "A", "duplicate_official"),
        (5, "A", "unknown_official"),
        (5, "D", "bad_priority"),
        (6, "A", "missing_official"),
    ]


def test_english_messages():
    result = parse(fill({"F3": 4}, lang="en"), lang="en")
    assert [e.message for e in result.errors] == [
        "Row 3, column F (T03): the priority “4” is not valid; only 1, 2 or 3 are accepted."
    ]


def _zip_without_workbook() -> bytes:
    """Return a valid zip archive that is not a spreadsheet."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("note.txt", "không phải Excel")
    return out.getvalue()


def _renamed_sheet() -> bytes:
    """Return a filled template whose requests sheet was renamed."""
    wb = openpyxl.load_workbook(io.BytesIO(fill(VALID_CELLS)))
    wb["Yêu cầu"].title = "Sheet1"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _headerless_sheet() -> bytes:
    """Return a workbook whose requests sheet has data but an empty first row."""
    wb = openpyxl.Workbook()
    wb.active.title = "Yêu cầu"
    wb.active["A2"] = "CB001"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


FILE_PROBLEMS = [
    ("empty", b"", "empty", "Tệp tải lên trống."),
    ("csv", "Mã cán bộ,T01\nCB001,3\n".encode(), "not_xlsx", "không phải tệp Excel (.xlsx)"),
    ("pdf", b"%PDF-1.7\n" + bytes(range(256)), "not_xlsx", "không phải tệp Excel (.xlsx)"),
    ("zip", _zip_without_workbook(), "not_xlsx", "không phải tệp Excel (.xlsx)"),
    ("xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512), "old_xls", "lưu lại dưới dạng .xlsx"),
    ("truncated", template()[:600], "not_xlsx", "không phải tệp Excel (.xlsx)"),
    ("renamed sheet", _renamed_sheet(), "missing_sheet", "trang tính “Yêu cầu”"),
    ("no header", _headerless_sheet(), "no_header", "không có dòng tiêu đề ở dòng 1"),
]


@pytest.mark.parametrize(
    ("data", "kind", "fragment"),
    [case[1:] for case in FILE_PROBLEMS],
    ids=[case[0] for case in FILE_PROBLEMS],
)
def test_unusable_file_gives_one_clear_error(data, kind, fragment):
    result = parse(data)
    assert result.rows == []
    assert [(e.row, e.column, e.kind) for e in result.errors] == [(None, None, kind)]
    assert fragment in result.errors[0].message


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000))
def test_any_bytes_give_errors_never_an_exception(data):
    result = parse(data)
    assert result.rows == [] and result.errors


CELL_VALUES = st.one_of(
    st.integers(-5, 10),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.text(st.characters(exclude_categories=("Cc", "Cs")), max_size=6).filter(
        lambda text: not text.startswith("=")  # openpyxl would store a formula
    ),
    st.booleans(),
)


@settings(max_examples=40, deadline=None)
@given(st.lists(CELL_VALUES, min_size=3, max_size=3))
def test_a_cell_is_read_exactly_when_it_holds_one_two_or_three(values):
    cells = dict(zip(["D2", "E3", "F4"], values, strict=True))
    result = parse(fill(cells))
    valid = {ref: v for ref, v in cells.items() if _is_priority(v)}
    blank = {ref for ref, v in cells.items() if v is None or (isinstance(v, str) and not v.strip())}
    bad = set(cells) - set(valid) - blank
    assert {f"{e.column}{e.row}" for e in result.errors} == bad
    assert len(result.rows) == (len(valid) if not bad else 0)


def _is_priority(value) -> bool:
    """Return True for a cell value that means priority 1, 2 or 3."""
    if isinstance(value, bool):
        return False
    if isinstance(value, str):
        return value.strip() in ("1", "2", "3")
    return value in (1, 2, 3)


def test_codes_typed_as_numbers_match_text_codes():
    result = parse_request_sheet(
        fill({"A2": 1024, "D2": 2}), {"1024", "CB002", "CB003", "CB004"}, TOPIC_CODES
    )
    assert result.errors == [] and result.rows == [("1024", "T01", 2)]

"""The Excel request template a commune focal point downloads, fills and uploads again."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

# Sheet titles and fixed headers per language; the parser accepts either language.
SHEETS = {
    "requests": {"vi": "Yêu cầu", "en": "Requests"},
    "guide": {"vi": "Hướng dẫn", "en": "Instructions"},
    "topics": {"vi": "Chuyên đề", "en": "Topics"},
}
FIXED_HEADERS = (
    {"vi": "Mã cán bộ", "en": "Official code"},
    {"vi": "Họ và tên", "en": "Full name"},
    {"vi": "Chức vụ", "en": "Position"},
)
FIRST_TOPIC_COLUMN = 4  # column D
SPARE_ROWS = 30  # blank, validated rows below the prefilled officials

# User-facing text of the template (simple format strings, ready for Flask-Babel).
TEXTS = {
    "guide_title": {
        "vi": "Hướng dẫn điền phiếu đăng ký bồi dưỡng",
        "en": "How to fill in the training request sheet",
    },
    "guide_commune": {"vi": "Xã/phường: {name} (mã {code})", "en": "Commune: {name} (code {code})"},
    "guide_steps": {
        "vi": (
            "1. Mỗi dòng ở trang “Yêu cầu” là một cán bộ của xã/phường; "
            "danh sách đã được điền sẵn.",
            "2. Mỗi cột từ cột D trở đi là một chuyên đề (mã và tên chuyên đề ở dòng tiêu đề).",
            "3. Cán bộ cần học chuyên đề nào thì ghi mức ưu tiên vào ô tương ứng: "
            "3 = rất cần (ưu tiên cao nhất), 2 = cần, 1 = nên học. Không cần học thì để trống.",
            "4. Chỉ nhập số 1, 2 hoặc 3; không nhập chữ, số thập phân hay ký hiệu khác.",
            "5. Không đổi tên trang tính, không sửa, xoá hay chèn thêm cột ở dòng tiêu đề.",
            "6. Mỗi cán bộ chỉ ghi trên một dòng; không sửa mã cán bộ. "
            "Cán bộ không có trong danh sách thì liên hệ Sở Nội vụ để được bổ sung.",
            "7. Lưu tệp dưới dạng Excel (.xlsx) rồi tải lên. Nếu tệp có lỗi, hệ thống sẽ "
            "không nhận tệp và liệt kê mọi lỗi theo dòng và cột để bạn sửa rồi tải lên lại.",
        ),
        "en": (
            "1. Each row of the “Requests” sheet is one official of the commune; the list is "
            "prefilled.",
            "2. Each column from D onwards is one topic (its code and name are in the header row).",
            "3. For each topic an official needs, write a priority in its cell: "
            "3 = most needed (highest priority), 2 = needed, 1 = useful. Leave it empty otherwise.",
            "4. Enter only the numbers 1, 2 or 3; no text, decimals or other marks.",
            "5. Do not rename the sheets, and do not edit, delete or insert header columns.",
            "6. Write each official on one row only and do not change the codes. "
            "Ask the Department of Home Affairs to add an official who is missing.",
            "7. Save the file as Excel (.xlsx) and upload it. If anything is wrong the whole file "
            "is refused and every problem is listed by row and column, so you can fix and retry.",
        ),
    },
    "topic_code": {"vi": "Mã chuyên đề", "en": "Topic code"},
    "topic_name": {"vi": "Tên chuyên đề", "en": "Topic name"},
    "dv_title": {"vi": "Mức ưu tiên", "en": "Priority"},
    "dv_prompt": {
        "vi": "3 = rất cần, 2 = cần, 1 = nên học; để trống nếu không cần.",
        "en": "3 = most needed, 2 = needed, 1 = useful; empty if not needed.",
    },
    "dv_error": {"vi": "Chỉ nhập 1, 2 hoặc 3.", "en": "Enter 1, 2 or 3 only."},
}

_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_BOLD = Font(bold=True)


def _text(key: str, lang: str):
    """Return the template text `key` in `lang` (Vietnamese when the language is unknown)."""
    entry = TEXTS[key]
    return entry.get(lang, entry["vi"])


def topic_header(topic: dict) -> str:
    """Return the header of a topic column: its code, then its name on a second line."""
    name = (topic.get("name") or "").strip()
    return f"{topic['code']}\n{name}" if name else str(topic["code"])


def build_request_template(
    commune: dict, officials: list[dict], topics: list[dict], lang: str = "vi"
) -> bytes:
    """Build the .xlsx request template for one commune, its officials and the round's topics."""
    lang = lang if lang in ("vi", "en") else "vi"
    wb = Workbook()
    _fill_requests(wb.active, officials, topics, lang)
    _fill_guide(wb.create_sheet(SHEETS["guide"][lang]), commune, lang)
    _fill_topics(wb.create_sheet(SHEETS["topics"][lang]), topics, lang)
    wb.active = 0
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _fill_requests(ws: Worksheet, officials: list[dict], topics: list[dict], lang: str) -> None:
    """Write the header, the prefilled officials and the priority validation."""
    ws.title = SHEETS["requests"][lang]
    headers = [h[lang] for h in FIXED_HEADERS] + [topic_header(t) for t in topics]
    ws.append(headers)
    for cell in ws[1]:
        cell.font, cell.fill = _BOLD, _HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    ws.row_dimensions[1].height = 48 if topics else 20
    for official in officials:
        ws.append([official.get("code"), official.get("name"), official.get("position")])
    last_row = len(officials) + 1 + SPARE_ROWS
    for row in range(2, last_row + 1):
        ws.cell(row=row, column=1).number_format = "@"  # keep codes such as 00123 as text
    _set_widths(ws, officials, topics)
    if topics:
        _add_priority_validation(ws, len(topics), last_row, lang)
    ws.freeze_panes = ws.cell(row=2, column=FIRST_TOPIC_COLUMN)


def _set_widths(ws: Worksheet, officials: list[dict], topics: list[dict]) -> None:
    """Size the columns to their content, within readable bounds."""
    for index, key in enumerate(("code", "name", "position"), start=1):
        longest = max([len(str(o.get(key) or "")) for o in officials] + [14])
        ws.column_dimensions[get_column_letter(index)].width = min(longest + 2, 40)
    for offset, topic in enumerate(topics):
        letter = get_column_letter(FIRST_TOPIC_COLUMN + offset)
        ws.column_dimensions[letter].width = max(len(str(topic["code"])) + 2, 16)


def _add_priority_validation(ws: Worksheet, n_topics: int, last_row: int, lang: str) -> None:
    """Allow only the whole numbers 1 to 3 (or nothing) in the priority cells."""
    dv = DataValidation(type="whole", operator="between", formula1="1", formula2="3")
    dv.allow_blank = True
    dv.error, dv.errorTitle = _text("dv_error", lang), _text("dv_title", lang)
    dv.prompt, dv.promptTitle = _text("dv_prompt", lang), _text("dv_title", lang)
    dv.showErrorMessage = dv.showInputMessage = True
    first = get_column_letter(FIRST_TOPIC_COLUMN)
    last = get_column_letter(FIRST_TOPIC_COLUMN + n_topics - 1)
    dv.add(f"{first}2:{last}{last_row}")
    ws.add_data_validation(dv)


def _fill_guide(ws: Worksheet, commune: dict, lang: str) -> None:
    """Write the filling instructions, with the commune they are for."""
    ws.append([_text("guide_title", lang)])
    ws["A1"].font = Font(bold=True, size=14)
    name, code = commune.get("name", ""), commune.get("code", "")
    ws.append([_text("guide_commune", lang).format(name=name, code=code)])
    ws.append([])
    for line in _text("guide_steps", lang):
        ws.append([line])
    ws.column_dimensions["A"].width = 110
    for row in ws.iter_rows(min_row=4):
        row[0].alignment = Alignment(wrap_text=True, vertical="top")


def _fill_topics(ws: Worksheet, topics: list[dict], lang: str) -> None:
    """List the topic codes and names on a read-only, hidden reference sheet."""
    ws.append([_text("topic_code", lang), _text("topic_name", lang)])
    for cell in ws[1]:
        cell.font = _BOLD
    for topic in topics:
        ws.append([topic["code"], topic.get("name", "")])
    ws.column_dimensions["A"].width = 16
    ws.column_dimensions["B"].width = 60
    ws.protection.sheet = True
    ws.sheet_state = "hidden"

"""The errors of an uploaded request sheet, and their messages in Vietnamese and English."""

from __future__ import annotations

from dataclasses import dataclass, field

from openpyxl.utils import get_column_letter

MESSAGES = {
    "where": {"vi": "Dòng {row}, cột {col}: ", "en": "Row {row}, column {col}: "},
    "where_named": {
        "vi": "Dòng {row}, cột {col} ({name}): ",
        "en": "Row {row}, column {col} ({name}): ",
    },
    "empty": {"vi": "Tệp tải lên trống.", "en": "The uploaded file is empty."},
    "too_large": {
        "vi": "Tệp quá lớn ({size} MB); phiếu đăng ký chỉ được tối đa {limit} MB.",
        "en": "The file is too large ({size} MB); a request sheet may be at most {limit} MB.",
    },
    "old_xls": {
        "vi": "Tệp đang ở định dạng Excel cũ (.xls). Hãy mở tệp và lưu lại dưới dạng .xlsx.",
        "en": "The file is in the old Excel format (.xls). Open it and save it as .xlsx.",
    },
    "not_xlsx": {
        "vi": "Tệp tải lên không phải tệp Excel (.xlsx) hợp lệ. Hãy tải phiếu mẫu về, "
        "điền rồi lưu dưới dạng .xlsx.",
        "en": "The uploaded file is not a valid Excel (.xlsx) file. Download the template, "
        "fill it in and save it as .xlsx.",
    },
    "missing_sheet": {
        "vi": "Không tìm thấy trang tính “{sheet}” trong tệp; hãy dùng phiếu mẫu và giữ nguyên "
        "tên trang tính.",
        "en": "The file has no sheet named “{sheet}”; use the template and keep its sheet names.",
    },
    "no_header": {
        "vi": "Trang tính “{sheet}” không có dòng tiêu đề ở dòng 1.",
        "en": "The sheet “{sheet}” has no header row in row 1.",
    },
    "missing_header": {
        "vi": "{where}thiếu tiêu đề “{expected}”.",
        "en": "{where}the header “{expected}” is missing.",
    },
    "renamed_header": {
        "vi": "{where}tiêu đề “{found}” không đúng; cột này phải là “{expected}”.",
        "en": "{where}the header “{found}” is wrong; this column must be “{expected}”.",
    },
    "no_topics": {
        "vi": "Dòng 1: không có cột chuyên đề nào (từ cột {col} trở đi).",
        "en": "Row 1: there is no topic column (from column {col} onwards).",
    },
    "unknown_topic": {
        "vi": "{where}chuyên đề “{value}” không có trong đợt bồi dưỡng này.",
        "en": "{where}the topic “{value}” is not offered in this training round.",
    },
    "duplicate_topic": {
        "vi": "{where}chuyên đề “{value}” đã có ở cột {other}.",
        "en": "{where}the topic “{value}” already has column {other}.",
    },
    "unnamed_column": {
        "vi": "{where}ô có dữ liệu nhưng cột không có tiêu đề chuyên đề.",
        "en": "{where}the cell has a value but its column has no topic header.",
    },
    "unknown_official": {
        "vi": "{where}mã cán bộ “{value}” không có trong danh sách cán bộ.",
        "en": "{where}the official code “{value}” is not in the list of officials.",
    },
    "foreign_official": {
        "vi": "{where}cán bộ “{value}” thuộc {commune}, không thuộc xã/phường của bạn.",
        "en": "{where}the official “{value}” belongs to {commune}, not to your commune.",
    },
    "other_commune": {"vi": "xã/phường khác", "en": "another commune"},
    "duplicate_official": {
        "vi": "{where}cán bộ “{value}” đã có ở dòng {other}; mỗi cán bộ chỉ ghi một dòng.",
        "en": "{where}the official “{value}” is already on row {other}; one row per official.",
    },
    "missing_official": {
        "vi": "{where}chưa ghi mã cán bộ nhưng đã điền mức ưu tiên.",
        "en": "{where}the official code is empty but priorities are filled in.",
    },
    "bad_priority": {
        "vi": "{where}mức ưu tiên “{value}” không hợp lệ; chỉ nhận 1, 2 hoặc 3.",
        "en": "{where}the priority “{value}” is not valid; only 1, 2 or 3 are accepted.",
    },
    "unreadable": {
        "vi": "Không đọc được tệp; hãy dùng phiếu mẫu, điền lại và tải lên.",
        "en": "The file could not be read; use the template, fill it in and upload it again.",
    },
}


@dataclass(frozen=True)
class SheetError:
    """One problem in an uploaded sheet; row and column are None for file-wide problems."""

    row: int | None
    column: str | None
    message: str
    kind: str = ""


@dataclass
class RequestSheet:
    """The requests read from a sheet: all of them, or none and the list of errors."""

    rows: list[tuple[str, str, int]] = field(default_factory=list)
    errors: list[SheetError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Return True when the sheet had no problem."""
        return not self.errors


class Report:
    """Collects errors in one language."""

    def __init__(self, lang: str):
        self.lang = lang if lang in ("vi", "en") else "vi"
        self.errors: list[SheetError] = []

    def text(self, kind: str, **values) -> str:
        """Format message `kind` in the report's language."""
        return MESSAGES[kind][self.lang].format(**values)

    def add(self, kind: str, row=None, col: int | None = None, name=None, **values) -> None:
        """Record an error, located at a row and 1-based column when given."""
        letter = get_column_letter(col) if col else None
        where = ""
        if row is not None and letter:
            key = "where_named" if name else "where"
            where = self.text(key, row=row, col=letter, name=name)
        message = self.text(kind, where=where, **values)
        self.errors.append(SheetError(row, letter, message, kind))

"""Read a commune's filled Excel request sheet: all rows, or every problem by row and column."""

from __future__ import annotations

import datetime as dt
import io
import logging
import unicodedata
import warnings
from collections.abc import Collection, Mapping

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from .excel_errors import MESSAGES, Report, RequestSheet, SheetError
from .excel_template import FIRST_TOPIC_COLUMN, FIXED_HEADERS, SHEETS, build_request_template

__all__ = [
    "MESSAGES",
    "RequestSheet",
    "SheetError",
    "build_request_template",
    "parse_request_sheet",
]

logger = logging.getLogger(__name__)

MAX_BYTES = 5 * 1024 * 1024  # a commune's sheet is a few kilobytes; refuse anything absurd


def parse_request_sheet(
    data: bytes,
    officials: Collection[str] | Mapping[str, str],
    topics: Collection[str] | Mapping[str, str],
    lang: str = "vi",
    *,
    other_officials: Collection[str] | Mapping[str, str] | None = None,
) -> RequestSheet:
    """Read (official, topic, priority) rows from an uploaded sheet; never raises.

    `officials` are the codes of the commune's officials, `topics` the round's topic codes;
    `other_officials` (optional) are codes known in other communes, mapped to the commune name,
    so that such a row says whose official it is instead of "unknown".
    """
    report = Report(lang)
    try:
        rows = _parse(data, officials, topics, other_officials or {}, report)
    except Exception:  # a user's file must never crash the upload page
        logger.exception("Unexpected failure while reading a request sheet")
        report.errors = [SheetError(None, None, report.text("unreadable"), "unreadable")]
        rows = []
    return RequestSheet(rows=[] if report.errors else rows, errors=report.errors)


def _parse(data, officials, topics, others, report: Report) -> list[tuple[str, str, int]]:
    """Check the file, then the header, then every row; return the rows read."""
    ws = _open_sheet(data, report)
    if ws is None:
        return []
    table = [list(values) for values in ws.iter_rows(values_only=True)]
    if not table or all(_blank(v) for v in table[0]):
        report.add("no_header", sheet=ws.title)
        return []
    columns = _check_header(table[0], topics, report)
    return _read_rows(table, columns, officials, others, report)


def _open_sheet(data, report: Report):
    """Return the requests sheet of the workbook in `data`, or None after recording why not."""
    if not isinstance(data, bytes | bytearray | memoryview) or len(data) == 0:
        report.add("empty" if not data else "not_xlsx")
        return None
    if len(data) > MAX_BYTES:
        size, limit = f"{len(data) / 2**20:.1f}", f"{MAX_BYTES / 2**20:.0f}"
        report.add("too_large", size=size, limit=limit)
        return None
    if bytes(data[:4]) == b"\xd0\xcf\x11\xe0":
        report.add("old_xls")
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about features it drops
            wb = load_workbook(io.BytesIO(bytes(data)), data_only=True)
    except Exception as exc:  # zip, XML and openpyxl errors all mean "not a usable xlsx"
        logger.info("Rejected an upload that is not an xlsx file: %r", exc)
        report.add("not_xlsx")
        return None
    wanted = {_norm(title) for title in SHEETS["requests"].values()}
    for ws in wb.worksheets:
        if _norm(ws.title) in wanted:
            return ws
    report.add("missing_sheet", sheet=SHEETS["requests"][report.lang])
    return None


def _check_header(header: list, topics, report: Report) -> dict[int, str]:
    """Check the fixed headers and map each topic column's 0-based index to its topic code."""
    for index, labels in enumerate(FIXED_HEADERS):
        found = _text(header[index]) if index < len(header) else ""
        expected = labels[report.lang]
        if not found:
            report.add("missing_header", 1, index + 1, expected=expected)
        elif _norm(found) not in {_norm(label) for label in labels.values()}:
            report.add("renamed_header", 1, index + 1, found=found, expected=expected)
    columns: dict[int, str] = {}
    first_seen: dict[str, int] = {}
    for index in range(FIRST_TOPIC_COLUMN - 1, len(header)):
        _check_topic_header(index, header[index], topics, columns, first_seen, report)
    if not columns and not any(e.kind == "unknown_topic" for e in report.errors):
        report.add("no_topics", col=get_column_letter(FIRST_TOPIC_COLUMN))
    return columns


def _check_topic_header(index, value, topics, columns, first_seen, report: Report) -> None:
    """Map one topic column header to a topic code, or record why it cannot be."""
    if _blank(value):
        return
    shown = _text(value).splitlines()[0].strip()
    code = _topic_code(_text(value), topics)
    if code is None:
        report.add("unknown_topic", 1, index + 1, value=shown)
    elif code in first_seen:
        other = get_column_letter(first_seen[code] + 1)
        report.add("duplicate_topic", 1, index + 1, code, value=code, other=other)
    else:
        columns[index] = code
        first_seen[code] = index


def _topic_code(header: str, topics) -> str | None:
    """Return the topic code a header starts with ("T03", "T03 – name", "T03\\nname")."""
    words = header.split()
    if not words:
        return None
    for candidate in (words[0], words[0].rstrip(":-–—.")):
        if candidate in topics:
            return candidate
    return None


def _read_rows(table, columns, officials, others, report: Report) -> list[tuple[str, str, int]]:
    """Check every data row and return the (official, topic, priority) triples read."""
    rows: list[tuple[str, str, int]] = []
    seen: dict[str, int] = {}
    headed = {index for index, value in enumerate(table[0]) if not _blank(value)}
    unnamed_reported: set[int] = set()
    for row_number, values in enumerate(table[1:], start=2):
        _check_unnamed(row_number, values, headed, unnamed_reported, report)
        filled = [(i, columns[i], values[i]) for i in columns if i < len(values)]
        filled = [cell for cell in filled if not _blank(cell[2])]
        code = _official_code(values[0] if values else None)
        valid = _check_official(row_number, code, bool(filled), officials, others, seen, report)
        for index, topic, value in filled:
            priority = _priority(value)
            if priority is None:
                where = dict(row=row_number, col=index + 1, name=topic)
                report.add("bad_priority", **where, value=_show(value, report.lang))
            elif valid:
                rows.append((code, topic, priority))
    return rows


def _check_official(row, code, has_requests, officials, others, seen, report: Report) -> bool:
    """Check a row's official code; return True when its requests can be kept."""
    name = FIXED_HEADERS[0][report.lang]
    if not code:
        if has_requests:
            report.add("missing_official", row, 1, name)
        return False
    if code in seen:
        report.add("duplicate_official", row, 1, name, value=code, other=seen[code])
        return False
    seen[code] = row
    if code in officials:
        return True
    if code in others:
        commune = others[code] if isinstance(others, Mapping) else None
        commune = commune or report.text("other_commune")
        report.add("foreign_official", row, 1, name, value=code, commune=commune)
    else:
        report.add("unknown_official", row, 1, name, value=code)
    return False


def _check_unnamed(row, values, headed: set[int], reported: set[int], report: Report) -> None:
    """Report, once per column, a value in a column right of the officials that has no header."""
    for index in range(FIRST_TOPIC_COLUMN - 1, len(values)):
        if index in headed or index in reported or _blank(values[index]):
            continue
        reported.add(index)
        report.add("unnamed_column", row, index + 1)


def _official_code(value) -> str:
    """Return an official code cell as text ("" when empty); whole numbers lose their ".0"."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return _text(value)


def _priority(value) -> int | None:
    """Return 1, 2 or 3 for a valid priority cell, else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str) and value.strip() in ("1", "2", "3"):
        value = int(value.strip())
    return value if isinstance(value, int) and value in (1, 2, 3) else None


def _show(value, lang: str) -> str:
    """Render a cell value the way the user typed it, for a message."""
    if isinstance(value, dt.datetime | dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float):
        text = f"{value:g}"
        return text.replace(".", ",") if lang == "vi" else text
    text = _text(value) or MESSAGES["blank"].get(lang, MESSAGES["blank"]["vi"])
    return text if len(text) <= 40 else text[:39] + "…"


def _text(value) -> str:
    """Return a cell value as stripped NFC text ("" for None)."""
    if value is None:
        return ""
    return unicodedata.normalize("NFC", str(value)).strip()


def _norm(value) -> str:
    """Return text folded for comparing labels (case, spacing, Unicode form)."""
    return " ".join(_text(value).casefold().split())


def _blank(value) -> bool:
    """Return True for an empty cell (None or only spaces)."""
    return value is None or (isinstance(value, str) and not value.strip())

"""Message templates of the input checks, in English and Vietnamese, and their rendering."""

from __future__ import annotations

import json
from typing import Any

LANGS = ("en", "vi")

MESSAGES: dict[str, dict[str, str]] = {
    "not_json": {
        "en": "the instance is not readable JSON: {detail}",
        "vi": "dữ liệu đầu vào không phải JSON đọc được: {detail}",
    },
    "unreadable": {
        "en": "cannot read the instance file {path}: {detail}",
        "vi": "không đọc được tệp dữ liệu {path}: {detail}",
    },
    "not_object": {
        "en": "the instance must be a JSON object, not {kind}",
        "vi": "dữ liệu đầu vào phải là một đối tượng JSON, không phải {kind}",
    },
    "required": {
        "en": "{path}: the required field \"{field}\" is missing",
        "vi": "{path}: thiếu trường bắt buộc \"{field}\"",
    },
    "additionalProperties": {
        "en": "{path}: unknown field \"{field}\"",
        "vi": "{path}: trường \"{field}\" không hợp lệ",
    },
    "type": {
        "en": "{path}: must be {expected}, not {value}",
        "vi": "{path}: phải là {expected}, không phải {value}",
    },
    "pattern": {
        "en": "{path}: {value} does not have the expected form ({pattern})",
        "vi": "{path}: {value} không đúng định dạng ({pattern})",
    },
    "minimum": {
        "en": "{path}: {value} is below the minimum {limit}",
        "vi": "{path}: {value} nhỏ hơn giá trị tối thiểu {limit}",
    },
    "maximum": {
        "en": "{path}: {value} is above the maximum {limit}",
        "vi": "{path}: {value} lớn hơn giá trị tối đa {limit}",
    },
    "enum": {
        "en": "{path}: {value} is not one of {limit}",
        "vi": "{path}: {value} không thuộc các giá trị {limit}",
    },
    "const": {
        "en": "{path}: must be {limit}, not {value}",
        "vi": "{path}: phải là {limit}, không phải {value}",
    },
    "minItems": {
        "en": "{path}: needs at least {limit} item(s)",
        "vi": "{path}: cần ít nhất {limit} phần tử",
    },
    "minLength": {
        "en": "{path}: must not be shorter than {limit} character(s)",
        "vi": "{path}: không được ngắn hơn {limit} ký tự",
    },
    "uniqueItems": {
        "en": "{path}: lists the same item more than once",
        "vi": "{path}: có phần tử bị lặp lại",
    },
    "schema": {
        "en": "{path}: {detail}",
        "vi": "{path}: không đúng lược đồ ({detail})",
    },
    "repeated_id": {
        "en": "{rec}: id \"{id}\" is already used by {first}",
        "vi": "{rec}: mã \"{id}\" đã được dùng ở {first}",
    },
    "repeated_request": {
        "en": "{rec}: official \"{official}\" already requests topic \"{topic}\" in {first}",
        "vi": "{rec}: cán bộ \"{official}\" đã đăng ký chủ đề \"{topic}\" ở {first}",
    },
    "unknown_ref": {
        "en": "{rec}: {field} refers to {kind} \"{ref}\", which does not exist",
        "vi": "{rec}: {field} tham chiếu {kind} \"{ref}\" không tồn tại",
    },
    "bad_part": {
        "en": "{rec}: {field} has slot \"{slot}\" whose day part \"{part}\" is not in "
        "calendar.parts {parts}",
        "vi": "{rec}: {field} có buổi \"{slot}\" với phần ngày \"{part}\" không có trong "
        "calendar.parts {parts}",
    },
    "bad_date": {
        "en": "{rec}: {field} has the impossible date \"{value}\"",
        "vi": "{rec}: {field} có ngày không tồn tại \"{value}\"",
    },
    "start_after_end": {
        "en": "calendar: start {start} is after end {end}",
        "vi": "calendar: ngày bắt đầu {start} sau ngày kết thúc {end}",
    },
    "min_above_max": {
        "en": "{rec}: min_size {min} is above max_size {max}",
        "vi": "{rec}: min_size {min} lớn hơn max_size {max}",
    },
    "cycle": {
        "en": "{rec}: prerequisites form a cycle {cycle}",
        "vi": "{rec}: các chủ đề tiên quyết tạo thành vòng lặp {cycle}",
    },
    "internal": {
        "en": "the instance could not be checked: {detail}",
        "vi": "không kiểm tra được dữ liệu đầu vào: {detail}",
    },
}

WORDS: dict[str, dict[str, str]] = {
    "id": {"en": "id", "vi": "mã"},
    "string": {"en": "a string", "vi": "chuỗi ký tự"},
    "integer": {"en": "an integer", "vi": "số nguyên"},
    "number": {"en": "a number", "vi": "số"},
    "boolean": {"en": "true or false", "vi": "true hoặc false"},
    "object": {"en": "an object", "vi": "đối tượng"},
    "array": {"en": "a list", "vi": "danh sách"},
    "null": {"en": "null", "vi": "null"},
    "or": {"en": " or ", "vi": " hoặc "},
    "topic": {"en": "topic", "vi": "chủ đề"},
    "trainer": {"en": "trainer", "vi": "giảng viên"},
    "venue": {"en": "venue", "vi": "địa điểm"},
    "commune": {"en": "commune", "vi": "xã/phường"},
    "official": {"en": "official", "vi": "cán bộ"},
}

class Rec:
    """A record named for a message: `topics[2] (id "T3")`."""

    def __init__(self, coll: str, index: int | None = None, rid: Any = None):
        self.coll, self.index, self.rid = coll, index, rid

    def render(self, lang: str) -> str:
        """The record's label in the given language."""
        out = self.coll if self.index is None else f"{self.coll}[{self.index}]"
        if isinstance(self.rid, str):
            out += f" ({WORDS['id'][lang]} \"{self.rid}\")"
        return out


class Word:
    """A word of the WORDS table, translated when the message is rendered."""

    def __init__(self, key: str):
        self.key = key

    def render(self, lang: str) -> str:
        """The word in the given language."""
        return WORDS[self.key][lang]


Problem = tuple[str, dict[str, Any]]


def render(problem: Problem, lang: str = "en") -> str:
    """One problem as a sentence in `lang`."""
    code, params = problem
    lang = lang if lang in LANGS else "en"
    values = {k: v.render(lang) if isinstance(v, Rec | Word) else v for k, v in params.items()}
    if code == "type":
        values["expected"] = WORDS["or"][lang].join(WORDS[t][lang] for t in params["expected"])
    return MESSAGES[code][lang].format(**values)


def short(value: Any) -> str:
    """A value as short JSON for a message."""
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 60 else text[:57] + "..."



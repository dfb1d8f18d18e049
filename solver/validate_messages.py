"""The validator's breaches as records, with their sentences in English and Vietnamese.

A breach is a rule number, a message code and its parameters (codes of classes, officials,
slots...). `Breach.text("en")` is the validator's English sentence, `rule N (name): ...`;
`Breach.text("vi")` says the same in Vietnamese. A caller may show parameter values its own
way (readable slots, names next to codes) with `show(kind, value)`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

LANGS = ("en", "vi")

RULES: dict[int, dict[str, str]] = {
    1: {"en": "class shape", "vi": "cấu trúc lớp"},
    2: {"en": "trainer", "vi": "giảng viên"},
    3: {"en": "venue", "vi": "địa điểm"},
    4: {"en": "size", "vi": "sĩ số lớp"},
    5: {"en": "officials", "vi": "cán bộ, công chức"},
    6: {"en": "commune", "vi": "xã/phường"},
    7: {"en": "published classes", "vi": "lớp đã công bố"},
    8: {"en": "unserved", "vi": "yêu cầu chưa được đáp ứng"},
}
HEAD = {"en": "rule {rule} ({name}): ", "vi": "quy tắc {rule} ({name}): "}

MESSAGES: dict[str, dict[str, str]] = {
    # rule 1: class shape
    "same_id": {
        "en": "class {cls}: another class has the same id",
        "vi": "lớp {cls}: có một lớp khác trùng mã",
    },
    "unknown_topic": {
        "en": "class {cls}: topic {topic} does not exist",
        "vi": "lớp {cls}: chủ đề {topic} không tồn tại",
    },
    "wrong_length": {
        "en": "class {cls}: has {n} slots; topic {topic} needs {need}",
        "vi": "lớp {cls}: có {n} buổi; chủ đề {topic} cần {need} buổi",
    },
    "repeated_slot": {
        "en": "class {cls}: lists the same slot twice",
        "vi": "lớp {cls}: một buổi học được ghi hai lần",
    },
    "not_working": {
        "en": "class {cls}: slot {slot} is not a working slot",
        "vi": "lớp {cls}: buổi {slot} không phải buổi làm việc",
    },
    "not_consecutive": {
        "en": "class {cls}: its slots are not consecutive",
        "vi": "lớp {cls}: các buổi học không liên tiếp nhau",
    },
    "two_weeks": {
        "en": "class {cls}: its slots are not all in one ISO week",
        "vi": "lớp {cls}: các buổi học không nằm trong cùng một tuần",
    },
    # rule 2: trainer
    "unknown_trainer": {
        "en": "class {cls}: trainer {trainer} does not exist",
        "vi": "lớp {cls}: giảng viên {trainer} không tồn tại",
    },
    "trainer_topic": {
        "en": "class {cls}: trainer {trainer} does not teach topic {topic}",
        "vi": "lớp {cls}: giảng viên {trainer} không dạy chủ đề {topic}",
    },
    "trainer_unavailable": {
        "en": "class {cls}: trainer {trainer} is unavailable in slot {slot}",
        "vi": "lớp {cls}: giảng viên {trainer} bận vào buổi {slot}",
    },
    "trainer_busy": {
        "en": "class {cls}: trainer {trainer} teaches {first} and {cls} in slot {slot}",
        "vi": "lớp {cls}: giảng viên {trainer} phải dạy cả lớp {first} và lớp {cls} "
        "vào buổi {slot}",
    },
    "trainer_week": {
        "en": "trainer {trainer} teaches {n} slots in ISO week {week}, above "
        "max_sessions_per_week {cap}",
        "vi": "giảng viên {trainer} dạy {n} buổi trong tuần {week}, vượt mức tối đa "
        "{cap} buổi mỗi tuần",
    },
    "trainer_round": {
        "en": "trainer {trainer} teaches {n} slots in the round, above max_sessions {cap}",
        "vi": "giảng viên {trainer} dạy {n} buổi trong đợt, vượt mức tối đa {cap} buổi",
    },
    # rule 3: venue
    "unknown_venue": {
        "en": "class {cls}: venue {venue} does not exist",
        "vi": "lớp {cls}: địa điểm {venue} không tồn tại",
    },
    "venue_unavailable": {
        "en": "class {cls}: venue {venue} is unavailable in slot {slot}",
        "vi": "lớp {cls}: địa điểm {venue} không sử dụng được vào buổi {slot}",
    },
    "venue_busy": {
        "en": "class {cls}: venue {venue} hosts {first} and {cls} in slot {slot}",
        "vi": "lớp {cls}: địa điểm {venue} phải đón cả lớp {first} và lớp {cls} vào buổi {slot}",
    },
    "capacity": {
        "en": "class {cls}: {n} officials exceed the capacity {cap} of venue {venue}",
        "vi": "lớp {cls}: {n} học viên, vượt sức chứa {cap} người của địa điểm {venue}",
    },
    "venue_online": {
        "en": "class {cls}: mode {mode} but venue {venue} is an online venue",
        "vi": "lớp {cls}: hình thức {mode} nhưng địa điểm {venue} là địa điểm trực tuyến",
    },
    "venue_in_person": {
        "en": "class {cls}: mode {mode} but venue {venue} is an in-person venue",
        "vi": "lớp {cls}: hình thức {mode} nhưng địa điểm {venue} là địa điểm học trực tiếp",
    },
    "topic_mode": {
        "en": "class {cls}: topic {topic} does not allow mode {mode}",
        "vi": "lớp {cls}: chủ đề {topic} không cho phép hình thức {mode}",
    },
    # rule 4: size
    "size": {
        "en": "class {cls}: {n} officials, outside {min}..{max} for topic {topic}",
        "vi": "lớp {cls}: {n} học viên, ngoài khoảng {min}–{max} người của chủ đề {topic}",
    },
    # rule 5: officials
    "repeated_official": {
        "en": "class {cls}: lists the same official twice",
        "vi": "lớp {cls}: một học viên được ghi hai lần",
    },
    "unknown_official": {
        "en": "class {cls}: official {official} does not exist",
        "vi": "lớp {cls}: cán bộ {official} không tồn tại",
    },
    "not_requested": {
        "en": "class {cls}: official {official} did not request topic {topic}",
        "vi": "lớp {cls}: cán bộ {official} không đăng ký chủ đề {topic}",
    },
    "topic_twice": {
        "en": "class {cls}: official {official} is already in class {first} of topic {topic}",
        "vi": "lớp {cls}: cán bộ {official} đã học lớp {first} của chủ đề {topic}",
    },
    "official_busy": {
        "en": "class {cls}: official {official} is in {first} and {cls} in slot {slot}",
        "vi": "lớp {cls}: cán bộ {official} phải học cả lớp {first} và lớp {cls} vào buổi {slot}",
    },
    "prerequisite": {
        "en": "class {cls}: official {official} has neither completed prerequisite {prereq} "
        "nor a class of {prereq} that ends before it",
        "vi": "lớp {cls}: cán bộ {official} chưa học xong chủ đề tiên quyết {prereq} và cũng "
        "không có lớp {prereq} nào kết thúc trước lớp này",
    },
    # rule 6: commune
    "commune_unavailable": {
        "en": "class {cls}: official {official} of commune {commune} is unavailable in slot {slot}",
        "vi": "lớp {cls}: cán bộ {official} của xã/phường {commune}, nơi không cử được cán bộ "
        "đi học vào buổi {slot}",
    },
    "commune_offline": {
        "en": "class {cls}: official {official} of commune {commune} cannot follow online classes",
        "vi": "lớp {cls}: cán bộ {official} của xã/phường {commune}, nơi chưa có điều kiện "
        "học trực tuyến",
    },
    "commune_unreachable": {
        "en": "class {cls}: official {official} of commune {commune} cannot reach venue {venue}",
        "vi": "lớp {cls}: cán bộ {official} của xã/phường {commune} không đến được "
        "địa điểm {venue}",
    },
    "commune_travel": {
        "en": "class {cls}: official {official} of commune {commune} travels {minutes} minutes "
        "to venue {venue}, above max_travel_minutes {limit}",
        "vi": "lớp {cls}: cán bộ {official} của xã/phường {commune} phải đi {minutes} phút đến "
        "địa điểm {venue}, vượt mức tối đa {limit} phút",
    },
    "commune_away": {
        "en": "commune {commune} has {n} officials in class in slot {slot}, above max_away {cap}",
        "vi": "xã/phường {commune} có {n} cán bộ đi học vào buổi {slot}, vượt mức tối đa "
        "{cap} người",
    },
    # rule 7: published classes
    "fixed_missing": {
        "en": "published class {cls} is missing",
        "vi": "thiếu lớp đã công bố {cls}",
    },
    "fixed_topic": {
        "en": "published class {cls}: topic changed from {topic_was} to {topic_now}",
        "vi": "lớp đã công bố {cls}: chủ đề bị đổi từ {topic_was} sang {topic_now}",
    },
    "fixed_trainer": {
        "en": "published class {cls}: trainer changed from {trainer_was} to {trainer_now}",
        "vi": "lớp đã công bố {cls}: giảng viên bị đổi từ {trainer_was} sang {trainer_now}",
    },
    "fixed_venue": {
        "en": "published class {cls}: venue changed from {venue_was} to {venue_now}",
        "vi": "lớp đã công bố {cls}: địa điểm bị đổi từ {venue_was} sang {venue_now}",
    },
    "fixed_mode": {
        "en": "published class {cls}: mode changed from {mode_was} to {mode_now}",
        "vi": "lớp đã công bố {cls}: hình thức bị đổi từ {mode_was} sang {mode_now}",
    },
    "fixed_sessions": {
        "en": "published class {cls}: sessions changed from {slots_was} to {slots_now}",
        "vi": "lớp đã công bố {cls}: các buổi học bị đổi từ {slots_was} sang {slots_now}",
    },
    "fixed_dropped": {
        "en": "published class {cls}: dropped official(s) {officials}",
        "vi": "lớp đã công bố {cls}: bị bỏ bớt cán bộ {officials}",
    },
    # rule 8: unserved
    "not_listed": {
        "en": "request ({official}, {topic}) is served by no class and not listed unserved",
        "vi": "đăng ký ({official}, {topic}) không được lớp nào đáp ứng nhưng không có trong "
        "danh sách chưa đáp ứng",
    },
    "listed_twice": {
        "en": "request ({official}, {topic}) is listed {n} times",
        "vi": "đăng ký ({official}, {topic}) được ghi {n} lần",
    },
    "not_a_request": {
        "en": "({official}, {topic}) is listed but is not a request",
        "vi": "({official}, {topic}) được ghi là chưa đáp ứng nhưng không phải là một đăng ký",
    },
    "listed_but_served": {
        "en": "request ({official}, {topic}) is listed but class {cls} serves it",
        "vi": "đăng ký ({official}, {topic}) được ghi là chưa đáp ứng nhưng lớp {cls} đã "
        "đáp ứng",
    },
    "no_reason": {
        "en": "request ({official}, {topic}) has no reason",
        "vi": "đăng ký ({official}, {topic}) không có lý do",
    },
}

MODES: dict[str, dict[str, str]] = {
    "online": {"en": "online", "vi": "trực tuyến"},
    "in_person": {"en": "in_person", "vi": "trực tiếp"},
}
# The kind of a parameter is the part of its name before "_", renamed by this table.
KINDS = {"first": "cls", "prereq": "topic", "slots": "slot", "officials": "official"}

Show = Callable[[str, Any], "str | None"]


def kind_of(key: str) -> str:
    """What a parameter names: cls, slot, official, trainer, venue, commune, topic, mode..."""
    base = key.split("_")[0]
    return KINDS.get(base, base)


@dataclass(frozen=True, eq=True)
class Breach:
    """One breach of a hard rule: the rule, a code of MESSAGES and the code's parameters."""

    rule: int
    code: str
    params: dict[str, Any] = field(default_factory=dict)

    def __hash__(self) -> int:
        return hash((self.rule, self.code, self.text()))

    def detail(self, lang: str = "en", show: Show | None = None) -> str:
        """The breach without its rule, in `lang` (en or vi)."""
        lang = lang if lang in LANGS else "en"
        values = {k: _value(kind_of(k), v, lang, show) for k, v in self.params.items()}
        return MESSAGES[self.code][lang].format(**values)

    def text(self, lang: str = "en", show: Show | None = None) -> str:
        """The whole sentence, `rule N (name): ...` (or `quy tắc N (tên): ...`)."""
        lang = lang if lang in LANGS else "en"
        head = HEAD[lang].format(rule=self.rule, name=RULES[self.rule][lang])
        return head + self.detail(lang, show)

    def __str__(self) -> str:
        return self.text()


def _value(kind: str, value: Any, lang: str, show: Show | None) -> str:
    """A parameter as the sentence shows it; a list or tuple of codes joined by commas."""
    if kind == "week":
        if lang == "vi" and isinstance(value, tuple) and len(value) == 2:
            return f"{value[1]}/{value[0]}"
        return str(value)
    if isinstance(value, list | tuple):
        return ", ".join(_value(kind, v, lang, show) for v in value)
    shown = show(kind, value) if show is not None else None
    if shown is not None:
        return shown
    if kind == "mode" and value in MODES:
        return MODES[value][lang]
    return str(value)

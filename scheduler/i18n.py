"""Language choice and the Jinja filters for Vietnamese dates, weekdays and day parts."""

from datetime import date, datetime

import flask_babel
from flask import Flask, current_app, request, session
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

WEEKDAYS = (
    _l("Monday"), _l("Tuesday"), _l("Wednesday"), _l("Thursday"), _l("Friday"),
    _l("Saturday"), _l("Sunday"),
)
DAY_PARTS = {"am": _l("Morning"), "pm": _l("Afternoon")}
ROLE_NAMES = {
    "planner": _l("Planner"), "focal_point": _l("Commune focal point"),
    "official": _l("Official"), "trainer": _l("Trainer"),
}
MODE_NAMES = {"in_person": _l("In person"), "online": _l("Online")}
STATUS_NAMES = {
    "draft": _l("Draft"), "collecting": _l("Collecting requests"), "scheduling": _l("Scheduling"),
    "published": _l("Published"), "closed": _l("Closed"),
}
KIND_NAMES = {"xa": _l("Commune"), "phuong": _l("Ward"), "dac_khu": _l("Special zone")}
COOKIE = "lang"


def select_locale() -> str:
    """The language chosen in the session or cookie, else the default (Vietnamese)."""
    languages = current_app.config["LANGUAGES"]
    for choice in (session.get(COOKIE), request.cookies.get(COOKIE)):
        if choice in languages:
            return choice
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def format_date(value: date | datetime | str | None) -> str:
    """dd/mm/yyyy, as Vietnamese documents write dates."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        value = date.fromisoformat(value[:10])
    return value.strftime("%d/%m/%Y")


def format_datetime(value: datetime | None) -> str:
    """dd/mm/yyyy HH:MM."""
    return value.strftime("%d/%m/%Y %H:%M") if value else ""


def weekday_name(value: int | date) -> str:
    """Thứ Hai … Chủ Nhật for a date or a weekday number (Monday = 0)."""
    index = value.weekday() if isinstance(value, date) else int(value)
    return str(WEEKDAYS[index])


def day_part_name(part: str) -> str:
    """Sáng / Chiều for am / pm; other part names are shown as they are."""
    return str(DAY_PARTS[part]) if part in DAY_PARTS else part


def format_slot(slot: str) -> str:
    """A slot or whole date (2026-03-02:am) as 'Thứ Hai 02/03/2026 Sáng'."""
    day, _sep, part = slot.partition(":")
    text = f"{weekday_name(date.fromisoformat(day))} {format_date(day)}"
    return f"{text} {day_part_name(part)}" if part else text


def yes_no(value: bool) -> str:
    """Có / Không."""
    return _("Yes") if value else _("No")


def name_in(names: dict):
    """A lookup that shows the translated name of a code, or the code itself."""
    return lambda code: str(names[code]) if code in names else (code or "")


def template_helpers() -> dict:
    """Names of roles, modes, statuses and kinds, and the current locale, for every template."""
    return {
        "current_locale": lambda: str(get_locale()),
        "role_name": name_in(ROLE_NAMES), "mode_name": name_in(MODE_NAMES),
        "status_name": name_in(STATUS_NAMES), "kind_name": name_in(KIND_NAMES),
    }


def init_app(app: Flask) -> None:
    """Register the filters and the template helpers."""
    app.jinja_env.globals.update(template_helpers())
    app.jinja_env.filters.update(
        vndate=format_date,
        vndatetime=format_datetime,
        weekday=weekday_name,
        daypart=day_part_name,
        slot=format_slot,
        yesno=yes_no,
        number=flask_babel.format_number,
    )

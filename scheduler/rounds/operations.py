"""The verbs of a round's life: create, edit, open, advance, reopen, close.

Each operation flushes and leaves the commit to the caller; a refusal raises RoundError with a
message a planner reads (Vietnamese through gettext).
"""

from __future__ import annotations

import logging
from datetime import date, timedelta

import holidays as holiday_calendars
from flask_babel import gettext as _

from scheduler.extensions import db
from scheduler.rounds.models import TrainingRound
from scheduler.topics.models import Topic

logger = logging.getLogger(__name__)

EDITABLE = ("draft", "collecting")
SOLVABLE = ("scheduling", "published")
# status -> the statuses a planner may move it to with a plain button (publish has its own checks).
TRANSITIONS = {
    "draft": ("collecting",),
    "collecting": ("scheduling",),
    "scheduling": ("collecting",),
    "published": ("closed",),
    "closed": (),
}
REOPEN_DAYS = 7


class RoundError(ValueError):
    """A refused change of a round, with the reason in words."""


def public_holidays(start: date, end: date) -> list[str]:
    """Vietnam's public holidays (ISO dates) between start and end inclusive."""
    if end < start:
        return []
    years = range(start.year, end.year + 1)
    calendar = holiday_calendars.country_holidays("VN", years=years)
    return sorted(d.isoformat() for d in calendar if start <= d <= end)


def check_calendar(start: date, end: date, weekdays: list[int], parts: list[str]) -> None:
    """Refuse an impossible calendar."""
    if end < start:
        raise RoundError(_("The end date must not be before the start date."))
    if not weekdays:
        raise RoundError(_("Choose at least one working weekday."))
    if not parts:
        raise RoundError(_("Choose at least one day part."))


def open_round(province_id: int, name: str, start: date, end: date, weekdays: list[int],
               parts: list[str], holidays: list[str] | None, topics: list[Topic],
               deadline: date | None) -> TrainingRound:
    """Create a round in draft; holidays default to the public holidays of its dates."""
    check_calendar(start, end, weekdays, parts)
    if holidays is None:
        holidays = public_holidays(start, end)
    training_round = TrainingRound(
        province_id=province_id, name=name, start_date=start, end_date=end,
        weekdays=sorted(weekdays), parts=list(parts), holidays=sorted(set(holidays)),
        request_deadline_date=deadline, status="draft",
    )
    training_round.topics = list(topics)
    db.session.add(training_round)
    db.session.flush()
    logger.info("Round %s created", training_round.id)
    return training_round


def edit_round(training_round: TrainingRound, **fields) -> TrainingRound:
    """Change a round's name, calendar, topics or deadline while it is draft or collecting."""
    if training_round.status not in EDITABLE:
        raise RoundError(_("A round can only be edited while it is a draft or collecting "
                           "requests."))
    check_calendar(fields["start"], fields["end"], fields["weekdays"], fields["parts"])
    training_round.name = fields["name"]
    training_round.start_date, training_round.end_date = fields["start"], fields["end"]
    training_round.weekdays = sorted(fields["weekdays"])
    training_round.parts = list(fields["parts"])
    holidays = fields.get("holidays")
    if holidays is None:
        holidays = public_holidays(fields["start"], fields["end"])
    training_round.holidays = sorted(set(holidays))
    training_round.topics = list(fields["topics"])
    training_round.request_deadline_date = fields["deadline"]
    db.session.flush()
    return training_round


def advance_round(training_round: TrainingRound, target: str) -> TrainingRound:
    """Move a round to `target` if its current status allows that move."""
    if target not in TRANSITIONS.get(training_round.status, ()):
        raise RoundError(_("A round that is “%(status)s” cannot move to “%(target)s”.",
                           status=status_label(training_round.status),
                           target=status_label(target)))
    if target == "collecting" and not training_round.topics:
        raise RoundError(_("Choose the topics on offer before collecting requests."))
    if target == "collecting" and training_round.status == "scheduling":
        return reopen_round(training_round, None)
    training_round.status = target
    db.session.flush()
    logger.info("Round %s is now %s", training_round.id, target)
    return training_round


def reopen_round(training_round: TrainingRound, deadline: date | None,
                 today: date | None = None) -> TrainingRound:
    """Collect requests again; a passed deadline moves to `deadline` or a week from today."""
    if training_round.status != "scheduling":
        raise RoundError(_("Only a round being scheduled can be reopened for requests."))
    today = today or date.today()
    current = training_round.request_deadline_date
    if deadline is not None:
        if deadline < today:
            raise RoundError(_("The new request deadline must not be in the past."))
        training_round.request_deadline_date = deadline
    elif current is None or current < today:
        training_round.request_deadline_date = today + timedelta(days=REOPEN_DAYS)
    training_round.status = "collecting"
    db.session.flush()
    return training_round


def request_refusal(training_round: TrainingRound, today: date | None = None) -> str | None:
    """Why requests cannot be changed now (None when they can): status and deadline."""
    if training_round.status != "collecting":
        return _("Requests can only be changed while the round is collecting requests.")
    today = today or date.today()
    deadline = training_round.request_deadline_date
    if deadline is not None and today > deadline:
        return _("The request deadline (%(date)s) has passed; ask a planner to reopen the round.",
                 date=deadline.strftime("%d/%m/%Y"))
    return None


def check_solvable(training_round: TrainingRound) -> None:
    """Refuse a solve unless the round is being scheduled (or re-solved after publishing)."""
    if training_round.status not in SOLVABLE:
        raise RoundError(_("The timetable can only be computed once the round is in "
                           "“Scheduling” (move it there when requests are in)."))


def status_label(status: str) -> str:
    """The translated name of a status."""
    from scheduler.i18n import STATUS_NAMES

    return str(STATUS_NAMES.get(status, status))

"""Edits of a draft timetable: each is re-validated against the hard rules before it is saved."""

from __future__ import annotations

import dataclasses
import logging
from datetime import date

from scheduler.communes.models import Official
from scheduler.extensions import db
from scheduler.planning.models import ClassSeat, ClassSession, TrainingClass
from scheduler.review.queries import draft_classes
from scheduler.review.validation import as_solver_class, check_edit, round_instance
from scheduler.trainers.models import Trainer
from scheduler.venues.models import Venue
from solver.instance import Instance
from solver.solution import Class

log = logging.getLogger(__name__)


class NotEditable(Exception):
    """The class is not part of the round's draft (published classes are edited elsewhere)."""


def validate_change(cls: TrainingClass, instance: Instance | None = None, others=None,
                    **changes) -> list[Class]:
    """Apply changes to the class in memory (and `others`: {code: Class}); raise if it breaks."""
    if cls.state != "draft":
        raise NotEditable(cls.code)
    others = others or {}
    instance = instance or round_instance(cls.round)
    before = [as_solver_class(c) for c in draft_classes(cls.round)]
    after = []
    for c in before:
        if c.id == cls.code:
            c = dataclasses.replace(c, **changes)
        after.append(others.get(c.id, c))
    check_edit(instance, before, after)
    return after


def slots_from(instance: Instance, start: str, count: int) -> tuple[str, ...]:
    """`count` slots from `start` in slot order (a non-working start is kept, then working ones)."""
    slots = instance.slots
    if start in instance.slot_index:
        i = instance.slot_index[start]
        return tuple(slots[i:i + count])
    later = [s for s in slots if order(instance, s) > order(instance, start)]
    return (start, *later[:count - 1])


def order(instance: Instance, slot: str) -> tuple[str, int]:
    """Sort key of a slot: date, then the day part's position."""
    day, _sep, part = slot.partition(":")
    parts = instance.calendar.parts
    return day, parts.index(part) if part in parts else len(parts)


def move_class(cls: TrainingClass, start: str) -> list[str]:
    """Move a draft class to consecutive half-days from `start`; returns the new slots."""
    if cls.state != "draft":
        raise NotEditable(cls.code)
    instance = round_instance(cls.round)
    sessions = slots_from(instance, start, cls.topic.sessions)
    validate_change(cls, instance, sessions=sessions)
    parts = list(cls.round.parts)
    cls.sessions.clear()
    for slot in sessions:
        day, _sep, part = slot.partition(":")
        cls.sessions.append(ClassSession(session_date=date.fromisoformat(day), part=part,
                                         position=parts.index(part) if part in parts else 0))
    db.session.flush()
    log.info("moved class %s to %s", cls.code, ", ".join(sessions))
    return list(sessions)


def change_trainer(cls: TrainingClass, trainer: Trainer) -> None:
    """Give a draft class another trainer."""
    validate_change(cls, trainer=trainer.code)
    cls.trainer = trainer
    db.session.flush()


def change_venue(cls: TrainingClass, venue: Venue) -> None:
    """Hold a draft class at another venue (an online venue makes it an online class)."""
    mode = "online" if venue.online else "in_person"
    validate_change(cls, venue=venue.code, mode=mode)
    cls.venue, cls.mode = venue, mode
    db.session.flush()


def move_official(cls: TrainingClass, official: Official, target: TrainingClass | None) -> None:
    """Move an official to another draft class of the same topic, or out of the class."""
    seat = next((s for s in cls.seats if s.official_id == official.id), None)
    if seat is None or (target is not None and target.topic_id != cls.topic_id):
        raise NotEditable(cls.code)
    others = {}
    if target is not None:
        if target.state != "draft" or target.id == cls.id:
            raise NotEditable(target.code)
        moved = as_solver_class(target)
        others[target.code] = dataclasses.replace(
            moved, officials=tuple(sorted((*moved.officials, official.code))))
    remaining = tuple(sorted(s.official.code for s in cls.seats if s is not seat))
    validate_change(cls, officials=remaining, others=others)
    cls.seats.remove(seat)
    if target is not None:
        target.seats.append(ClassSeat(official_id=official.id))
    db.session.flush()


def set_pinned(cls: TrainingClass, pinned: bool) -> None:
    """Pin a draft class (a re-solve keeps it exactly) or unpin it."""
    if cls.state != "draft":
        raise NotEditable(cls.code)
    cls.pinned = pinned
    db.session.flush()

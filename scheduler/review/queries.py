"""What the review pages read: the draft (or published) timetable, its weeks and its grids."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from scheduler.communes.models import Commune
from scheduler.extensions import db
from scheduler.planning.models import ClassSeat, TrainingClass
from scheduler.rounds.models import TrainingRound

KINDS = ("venue", "trainer", "commune", "topic")


def classes_in_state(training_round: TrainingRound, state: str) -> list[TrainingClass]:
    """The round's classes in one state, with everything a page shows, by code."""
    return list(db.session.scalars(
        select(TrainingClass)
        .where(TrainingClass.round_id == training_round.id, TrainingClass.state == state)
        .options(selectinload(TrainingClass.sessions),
                 selectinload(TrainingClass.seats).selectinload(ClassSeat.official),
                 selectinload(TrainingClass.topic), selectinload(TrainingClass.trainer),
                 selectinload(TrainingClass.venue))
        .order_by(TrainingClass.code)
    ))


def draft_classes(training_round: TrainingRound) -> list[TrainingClass]:
    """The round's draft timetable."""
    return classes_in_state(training_round, "draft")


def timetable(training_round: TrainingRound) -> tuple[list[TrainingClass], str | None]:
    """The draft timetable, else the published one (read-only), with its state."""
    for state in ("draft", "published"):
        classes = classes_in_state(training_round, state)
        if classes:
            return classes, state
    return [], None


def week_starts(training_round: TrainingRound) -> list[date]:
    """The Monday of every week the round touches."""
    monday = training_round.start_date - timedelta(days=training_round.start_date.weekday())
    out = []
    while monday <= training_round.end_date:
        out.append(monday)
        monday += timedelta(days=7)
    return out


def week_days(training_round: TrainingRound, monday: date) -> list[date]:
    """The working weekdays (columns) of one week."""
    return [monday + timedelta(days=d) for d in sorted(training_round.weekdays)]


def item_of(kind: str, cls: TrainingClass) -> list[int]:
    """The record ids (of one kind) that a class belongs to."""
    if kind == "commune":
        return sorted({seat.official.commune_id for seat in cls.seats})
    return [getattr(cls, f"{kind}_id")]


def items(kind: str, classes: list[TrainingClass]) -> list[tuple[int, str]]:
    """(id, label) of every venue/trainer/commune/topic that has a class, by label."""
    ids = {i for c in classes for i in item_of(kind, c)}
    if kind == "commune":
        rows = db.session.scalars(select(Commune).where(Commune.id.in_(ids)))
        names = {c.id: c.name for c in rows}
    else:
        names = {}
        for c in classes:
            record = getattr(c, kind)
            names[record.id] = f"{record.code} – {record.name}" if kind == "topic" else record.name
    return sorted(((i, names.get(i, str(i))) for i in ids), key=lambda pair: pair[1])


def of_item(kind: str, item_id: int | None, classes: list[TrainingClass]) -> list[TrainingClass]:
    """The classes of one record (all classes when none is chosen)."""
    if item_id is None:
        return classes
    return [c for c in classes if item_id in item_of(kind, c)]


def grid(classes: list[TrainingClass], days: list[date], parts: list[str]) -> list[dict]:
    """Rows (one per day part) of cells (one per day) listing the classes held then."""
    held = defaultdict(list)
    for c in classes:
        for s in c.sessions:
            held[s.session_date, s.part].append(c)
    return [{"part": p, "cells": [held.get((d, p), []) for d in days]} for p in parts]


def seats_of_commune(cls: TrainingClass, commune_id: int | None) -> int:
    """How many of a class's officials come from a commune."""
    return sum(1 for s in cls.seats if s.official.commune_id == commune_id)


def slot_choices(training_round: TrainingRound) -> list[str]:
    """Every half-day from the round's start to its end (working or not), as slot strings."""
    out, day = [], training_round.start_date
    while day <= training_round.end_date:
        out += [f"{day.isoformat()}:{p}" for p in training_round.parts]
        day += timedelta(days=1)
    return out


def working(training_round: TrainingRound, slot: str) -> bool:
    """Whether a slot's date is a working day of the round."""
    day = date.fromisoformat(slot[:10])
    return day.weekday() in training_round.weekdays and day.isoformat() not in \
        training_round.holidays

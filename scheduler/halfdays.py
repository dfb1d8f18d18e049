"""Half-day grids of a round: its working dates by week, and ticked boxes to slot lists."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import groupby


def working_dates(training_round) -> list[date]:
    """The round's dates on working weekdays that are not holidays (CONTRACT.md, Slots)."""
    holidays = set(training_round.holidays or [])
    weekdays = set(training_round.weekdays or [])
    day, out = training_round.start_date, []
    while day <= training_round.end_date:
        if day.weekday() in weekdays and day.isoformat() not in holidays:
            out.append(day)
        day += timedelta(days=1)
    return out


def weeks(training_round) -> list[list[date]]:
    """The working dates grouped by ISO week."""
    dates = working_dates(training_round)
    return [list(days) for _key, days in groupby(dates, key=lambda d: d.isocalendar()[:2])]


def ticked_slots(entries: list[str], training_round) -> set[str]:
    """The round's half-days covered by stored entries (whole dates stand for every part)."""
    parts = list(training_round.parts)
    covered = set()
    for entry in entries:
        day, _sep, part = entry.partition(":")
        covered.update([f"{day}:{p}" for p in parts] if not part else [entry])
    return covered


def slots_to_entries(ticked: list[str], training_round) -> list[str]:
    """Valid ticked half-days of the round as entries; a date with every part ticked is whole."""
    valid = {d.isoformat() for d in working_dates(training_round)}
    parts = list(training_round.parts)
    chosen: dict[str, set[str]] = {}
    for slot in ticked:
        day, _sep, part = slot.partition(":")
        if day in valid and part in parts:
            chosen.setdefault(day, set()).add(part)
    out = []
    for day in sorted(chosen):
        if len(chosen[day]) == len(parts):
            out.append(day)
        else:
            out.extend(f"{day}:{p}" for p in parts if p in chosen[day])
    return out


def replace_within_round(entries: list[str], new: list[str], training_round) -> list[str]:
    """Keep the entries outside the round's dates and put `new` in place of the rest."""
    start, end = training_round.start_date.isoformat(), training_round.end_date.isoformat()
    outside = [e for e in entries if not start <= e[:10] <= end]
    return sorted(set(outside) | set(new))

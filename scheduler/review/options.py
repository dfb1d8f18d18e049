"""Which edits of a draft class are worth offering: starts, trainers and venues that are free.

Computed from the draft in memory (the round's instance and the draft's classes) in one pass over
the other classes, so that the class page lists only choices that keep the hard rules. The server
still re-validates every edit; these lists only spare the planner choices that would be refused.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select

from scheduler.communes.models import Official
from scheduler.extensions import db
from scheduler.planning.mapping import export_round
from scheduler.planning.models import ClassSeat, ClassSession, TrainingClass
from scheduler.rounds.models import TrainingRound
from scheduler.topics.models import Topic
from scheduler.trainers.models import Trainer
from scheduler.venues.models import Venue
from solver.instance import Instance, from_dict
from solver.solution import Class


def week_of(slot: str) -> tuple[int, int]:
    """The ISO (year, week) of a slot."""
    return tuple(date.fromisoformat(slot[:10]).isocalendar())[:2]


def blocked(items: tuple[str, ...], slot: str) -> bool:
    """Whether a slot is in a list of slots or whole dates."""
    return slot in items or slot.partition(":")[0] in items


@dataclass
class Busy:
    """What the other classes of the draft take, half-day by half-day."""

    trainer: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    venue: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    official: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    away: dict[tuple[str, str], set[str]] = field(default_factory=lambda: defaultdict(set))
    trainer_week: Counter = field(default_factory=Counter)
    trainer_total: Counter = field(default_factory=Counter)


@dataclass
class Options:
    """The draft seen from one class: the instance, the class and what the others take."""

    instance: Instance
    moving: Class
    others: list[Class]
    busy: Busy

    # ---- new starts ------------------------------------------------------------------------
    def starts(self) -> list[str]:
        """Other starts where every session is free for the class's trainer, venue, officials
        and communes, within one ISO week, keeping the trainer's caps and prerequisite order."""
        inst, c = self.instance, self.moving
        if self.fixed():
            return []
        n = len(c.sessions)
        out = []
        for i in inst.starts(n):
            sessions = inst.slots[i:i + n]
            if sessions[0] != (c.sessions[0] if c.sessions else None) and self.free_at(sessions):
                out.append(sessions[0])
        return out

    def free_at(self, sessions: tuple[str, ...]) -> bool:
        """Whether the class, unchanged otherwise, keeps every rule at these sessions."""
        c = self.moving
        return (self.trainer_free(c.trainer, sessions, moving_week=True)
                and self.venue_free(c.venue, sessions)
                and self.officials_free(sessions) and self.communes_free(sessions)
                and self.in_order(sessions))

    def officials_free(self, sessions) -> bool:
        """No official of the class is in another class then."""
        busy = self.busy.official
        return not any(s in busy[o] for o in self.moving.officials for s in sessions)

    def communes_free(self, sessions) -> bool:
        """No commune of the class is closed then, and none is above its away limit."""
        inst, mine = self.instance, self.commune_counts()
        for code, count in mine.items():
            commune = inst.commune[code]
            for s in sessions:
                if blocked(commune.unavailable, s) or \
                        len(self.busy.away[code, s]) + count > commune.max_away:
                    return False
            if any(s not in sessions and len(self.busy.away[code, s]) > commune.max_away
                   for s in self.moving.sessions):  # leaving a half-day above the limit
                return False
        return True

    def in_order(self, sessions) -> bool:
        """Each official's prerequisite classes still end before it, and the classes that need
        this one still start after it (when they do now)."""
        inst, c = self.instance, self.moving
        first, last = self.order(sessions[0]), self.order(sessions[-1])
        topic = inst.topic[c.topic]
        mine = set(c.officials)
        for k in self.others:
            shared = mine.intersection(k.officials)
            if not shared or not k.sessions:
                continue
            k_first = min(self.order(s) for s in k.sessions)
            k_last = max(self.order(s) for s in k.sessions)
            if k.topic in topic.prerequisites and k_last >= first and any(
                    k.topic not in inst.official[o].completed for o in shared):
                return False
            needs = inst.topic[k.topic].prerequisites if k.topic in inst.topic else ()
            if c.topic in needs and last >= k_first and self.before(k_first) and any(
                    c.topic not in inst.official[o].completed for o in shared):
                return False
        return True

    def before(self, k_first) -> bool:
        """Whether the class now ends before a slot order (so a move must keep it so)."""
        return bool(self.moving.sessions) and \
            max(self.order(s) for s in self.moving.sessions) < k_first

    # ---- trainers and venues ---------------------------------------------------------------
    def trainers(self) -> list[str]:
        """Other trainers qualified for the topic and free at every session (within caps)."""
        c = self.moving
        if self.fixed():
            return []
        return [r.id for r in self.instance.trainers if r.id != c.trainer
                and self.trainer_free(r.id, c.sessions)]

    def trainer_free(self, code: str, sessions, moving_week: bool = False) -> bool:
        """Qualified, available, not teaching another class then, within the weekly and round
        caps (the class's own sessions count for its trainer only when `moving_week`)."""
        r, c, busy = self.instance.trainer.get(code), self.moving, self.busy
        if r is None or c.topic not in r.topics:
            return False
        if any(blocked(r.unavailable, s) or s in busy.trainer[code] for s in sessions):
            return False
        weeks = Counter(week_of(s) for s in sessions)
        if r.max_sessions_per_week is not None:
            now = Counter(week_of(s) for s in c.sessions) if moving_week else Counter()
            for wk, n in weeks.items():
                if wk not in now and busy.trainer_week[code, wk] + n > r.max_sessions_per_week:
                    return False
            if any(wk not in weeks and busy.trainer_week[code, wk] > r.max_sessions_per_week
                   for wk in now):  # leaving a week above its cap rewords that breach
                return False
        return moving_week or r.max_sessions is None or \
            busy.trainer_total[code] + len(sessions) <= r.max_sessions

    def venues(self) -> list[str]:
        """Other venues open and free at every session, large enough, of a mode the topic allows
        and that every commune of the class can reach (or follow online)."""
        c = self.moving
        if self.fixed():
            return []
        return [v.id for v in self.instance.venues if v.id != c.venue
                and self.venue_free(v.id, c.sessions) and self.venue_fits(v.id)]

    def venue_free(self, code: str, sessions) -> bool:
        """The venue is open and hosts no other class at these sessions."""
        v = self.instance.venue.get(code)
        return v is not None and not any(
            blocked(v.unavailable, s) or s in self.busy.venue[code] for s in sessions)

    def venue_fits(self, code: str) -> bool:
        """Capacity, the topic's modes, and each commune's reach (travel limit or online)."""
        inst, c, v = self.instance, self.moving, self.instance.venue[code]
        mode = "online" if v.online else "in_person"
        if len(set(c.officials)) > v.capacity or mode not in inst.topic[c.topic].modes:
            return False
        limit = inst.settings.max_travel_minutes
        for code_ in self.commune_counts():
            commune = inst.commune[code_]
            minutes = commune.travel_minutes.get(v.id)
            if (v.online and not commune.online_capable) or (not v.online and (
                    minutes is None or (limit is not None and minutes > limit))):
                return False
        return True

    # ---- helpers ---------------------------------------------------------------------------
    def fixed(self) -> bool:
        """A published class (rule 7): no change of it is offered."""
        return any(f.id == self.moving.id for f in self.instance.fixed_classes)

    def commune_counts(self) -> Counter:
        """How many of the class's officials each commune sends."""
        inst = self.instance
        return Counter(inst.official[o].commune for o in set(self.moving.officials)
                       if o in inst.official)

    def order(self, slot: str) -> tuple[str, int]:
        """Sort key of a slot: date, then the day part's position."""
        day, _sep, part = slot.partition(":")
        parts = self.instance.calendar.parts
        return day, parts.index(part) if part in parts else len(parts)


def options_of(instance: Instance, classes: list[Class], code: str) -> Options:
    """The options of class `code` among `classes` (the draft)."""
    moving = next(c for c in classes if c.id == code)
    others = [c for c in classes if c.id != code]
    busy = Busy()
    for k in others:
        for s in k.sessions:
            busy.trainer[k.trainer].add(s)
            busy.venue[k.venue].add(s)
            busy.trainer_week[k.trainer, week_of(s)] += 1
            busy.trainer_total[k.trainer] += 1
            for o in k.officials:
                busy.official[o].add(s)
                if o in instance.official:
                    busy.away[instance.official[o].commune, s].add(o)
    return Options(instance, moving, others, busy)


def draft_as_classes(training_round: TrainingRound) -> list[Class]:
    """The round's draft as solver classes, read column by column (no ORM objects)."""
    rows = db.session.execute(
        select(TrainingClass.id, TrainingClass.code, Topic.code, Trainer.code, Venue.code,
               TrainingClass.mode)
        .join(Topic, TrainingClass.topic_id == Topic.id)
        .join(Trainer, TrainingClass.trainer_id == Trainer.id)
        .join(Venue, TrainingClass.venue_id == Venue.id)
        .where(TrainingClass.round_id == training_round.id, TrainingClass.state == "draft")
        .order_by(TrainingClass.code)).all()
    ids = [row[0] for row in rows]
    sessions, officials = defaultdict(list), defaultdict(list)
    for class_id, day, part in db.session.execute(
            select(ClassSession.class_id, ClassSession.session_date, ClassSession.part)
            .where(ClassSession.class_id.in_(ids))
            .order_by(ClassSession.session_date, ClassSession.position)):
        sessions[class_id].append(f"{day.isoformat()}:{part}")
    for class_id, code in db.session.execute(
            select(ClassSeat.class_id, Official.code)
            .join(Official, ClassSeat.official_id == Official.id)
            .where(ClassSeat.class_id.in_(ids))):
        officials[class_id].append(code)
    return [Class(id=code, topic=topic, trainer=trainer, venue=venue, mode=mode,
                  sessions=tuple(sessions[i]), officials=tuple(sorted(officials[i])))
            for i, code, topic, trainer, venue, mode in rows]


def class_options(cls: TrainingClass) -> Options:
    """The options of a draft class, from the round as exported (trusted: no input checks)."""
    instance = from_dict(export_round(cls.round))
    return options_of(instance, draft_as_classes(cls.round), cls.code)

"""Re-validate a draft timetable against the contract's hard rules, and name what breaks."""

from __future__ import annotations

import re
from collections import Counter

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from scheduler.i18n import format_slot
from scheduler.planning.mapping import export_round
from scheduler.planning.models import TrainingClass
from scheduler.rounds.models import TrainingRound
from solver.checks import load_instance
from solver.instance import Instance
from solver.solution import Class, Unserved
from solver.validate import breaches

RULE_NAMES = {
    1: _l("Class shape"), 2: _l("Trainer"), 3: _l("Venue"), 4: _l("Class size"),
    5: _l("Officials"), 6: _l("Commune"), 7: _l("Published classes"),
    8: _l("Unserved requests"),
}
BREACH = re.compile(r"^rule (\d+) \([^)]*\): (.*)$", re.S)
SLOT = re.compile(r"\d{4}-\d{2}-\d{2}(?::[a-z]+)?")


class EditRefused(Exception):
    """An edit that would break hard rules; `.breaches` are the validator's sentences."""

    def __init__(self, found: list[str]):
        super().__init__("; ".join(found))
        self.breaches = list(found)


def as_solver_class(cls: TrainingClass) -> Class:
    """A class row as the solver's Class."""
    return Class(
        id=cls.code, topic=cls.topic.code, trainer=cls.trainer.code, venue=cls.venue.code,
        mode=cls.mode, sessions=tuple(s.slot for s in cls.sessions),
        officials=tuple(sorted(seat.official.code for seat in cls.seats)),
    )


def round_instance(training_round: TrainingRound) -> Instance:
    """The round as the solver reads it (published classes are its fixed classes)."""
    return load_instance(export_round(training_round))


def unserved_of(instance: Instance, classes: list[Class]) -> list[Unserved]:
    """The requests no class serves (recomputed, so rule 8's bookkeeping always holds)."""
    served = {(o, c.topic) for c in classes for o in c.officials}
    return [Unserved(official=o, topic=t, reason="not served")
            for (o, t) in instance.request if (o, t) not in served]


def rule_breaches(instance: Instance, classes: list[Class]) -> list[str]:
    """Every breach of rules 1-7 by these classes."""
    found = breaches(instance, classes, unserved_of(instance, classes))
    return [b for b in found if not b.startswith("rule 8 ")]


def check_edit(instance: Instance, before: list[Class], after: list[Class]) -> None:
    """Raise EditRefused when the edited timetable breaks a rule the current one keeps."""
    old = Counter(rule_breaches(instance, before))
    new = Counter(rule_breaches(instance, after))
    added = list((new - old).elements())
    if added:
        raise EditRefused(added)


def describe(breach: str) -> str:
    """A validator sentence as 'Rule N – translated name: detail', with readable slots."""
    match = BREACH.match(breach)
    if not match:
        return breach
    number, detail = int(match.group(1)), match.group(2)
    detail = SLOT.sub(lambda m: format_slot(m.group(0)), detail)
    name = RULE_NAMES.get(number, "")
    return _("Rule %(number)d – %(name)s: %(detail)s", number=number, name=name, detail=detail)

"""Re-validate a draft timetable against the contract's hard rules, and name what breaks."""

from __future__ import annotations

from collections import Counter
from typing import Any

from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from scheduler.i18n import MODE_NAMES, format_slot
from scheduler.planning.mapping import export_round
from scheduler.planning.models import TrainingClass
from scheduler.rounds.models import TrainingRound
from solver.checks import load_instance
from solver.instance import Instance
from solver.solution import Class, Unserved
from solver.validate import breach_records
from solver.validate_messages import Breach

RULE_NAMES = {
    1: _l("Class shape"), 2: _l("Trainer"), 3: _l("Venue"), 4: _l("Class size"),
    5: _l("Officials"), 6: _l("Commune"), 7: _l("Published classes kept"),
    8: _l("Unserved requests"),
}


class EditRefused(Exception):
    """An edit that would break hard rules; `.breaches` are the validator's records.

    `.instance` is the round the edit was checked against (for the names of what it names).
    """

    def __init__(self, found: list[Breach], instance: Instance | None = None):
        super().__init__("; ".join(b.text() for b in found))
        self.breaches = list(found)
        self.instance = instance

    def messages(self) -> list[str]:
        """Each breach in the user's language, as describe() shows it."""
        return [describe(b, self.instance) for b in self.breaches]


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


def rule_breaches(instance: Instance, classes: list[Class]) -> list[Breach]:
    """Every breach of rules 1-7 by these classes."""
    found = breach_records(instance, classes, unserved_of(instance, classes))
    return [b for b in found if b.rule != 8]


def check_edit(instance: Instance, before: list[Class], after: list[Class]) -> None:
    """Raise EditRefused when the edited timetable breaks a rule the current one keeps."""
    old = Counter(rule_breaches(instance, before))
    new = Counter(rule_breaches(instance, after))
    added = list((new - old).elements())
    if added:
        raise EditRefused(added, instance)


def user_lang() -> str:
    """The validator's language for the current user: vi or en."""
    return "vi" if str(get_locale() or "vi").startswith("vi") else "en"


def shown_as(instance: Instance | None):
    """How describe() shows a breach's values: readable slots and modes, names next to codes."""
    tables = {} if instance is None else {
        "official": instance.official, "trainer": instance.trainer, "venue": instance.venue,
        "commune": instance.commune,
    }

    def show(kind: str, value: Any) -> str | None:
        if kind == "slot":
            try:
                return format_slot(str(value))
            except ValueError:
                return None
        if kind == "mode" and value in MODE_NAMES:
            return str(MODE_NAMES[value]).lower()
        record = tables.get(kind, {}).get(value)
        name = getattr(record, "name", "")
        return f"{value} ({name})" if name else None
    return show


def describe(breach: Breach, instance: Instance | None = None) -> str:
    """A breach as 'Rule N – translated name: detail', all in the user's language.

    Slots are shown as 'Thứ Hai 02/03/2026 Sáng' and, given the instance, the names of
    officials, trainers, venues and communes follow their codes.
    """
    detail = breach.detail(user_lang(), shown_as(instance))
    name = RULE_NAMES.get(breach.rule, "")
    return _("Rule %(number)d – %(name)s: %(detail)s", number=breach.rule, name=name,
             detail=detail)

"""Which draft class to move in the walk-through, and which offered starts look free for it.

At the demo's scale most half-days are taken, so the walk asks the page only about starts where
the class's trainer, venue, officials and communes have nothing else; the page still decides.
"""

from __future__ import annotations

from sqlalchemy import select


def half_days(instance, items) -> set[str]:
    """Unavailable items (half-days 'yyyy-mm-dd:am', or whole dates) as half-days."""
    parts = instance.calendar.parts
    return {slot for item in items
            for slot in ([item] if ":" in item else [f"{item}:{p}" for p in parts])}


def busy_slots(instance, classes, moving) -> set[str]:
    """Half-days when the moving class's trainer, venue, officials or communes are taken."""
    officials = set(moving.officials)
    communes = {instance.official[o].commune for o in officials}
    busy = half_days(instance, instance.trainer[moving.trainer].unavailable)
    busy |= half_days(instance, instance.venue[moving.venue].unavailable)
    for code in communes:
        busy |= half_days(instance, instance.commune[code].unavailable)
    for other in classes:
        if other.id != moving.id and (other.trainer == moving.trainer
                                      or other.venue == moving.venue
                                      or officials & set(other.officials)):
            busy |= set(other.sessions)
    return busy


def free_starts(app, round_id: int, trainer_id: int) -> tuple[int, list[str]]:
    """The trainer's draft class with the fewest officials and the starts where it looks free."""
    from scheduler.extensions import db
    from scheduler.planning.models import TrainingClass
    from scheduler.review.operations import slots_from
    from scheduler.review.validation import as_solver_class, round_instance
    from scheduler.rounds.models import TrainingRound

    with app.app_context():
        training_round = db.session.get(TrainingRound, round_id)
        rows = db.session.scalars(select(TrainingClass).where(
            TrainingClass.round_id == round_id, TrainingClass.state == "draft")).all()
        classes = [as_solver_class(row) for row in rows]
        mine = [(len(c.officials), row.id, c) for row, c in zip(rows, classes, strict=True)
                if row.trainer_id == trainer_id]
        assert mine, "the demo trainer teaches no draft class"
        _seats, class_id, moving = min(mine, key=lambda item: item[:2])
        instance = round_instance(training_round)
        busy = busy_slots(instance, classes, moving)
        starts = [s for s in instance.slots if s != moving.sessions[0]
                  and len(sessions := slots_from(instance, s, len(moving.sessions)))
                  == len(moving.sessions) and not busy & set(sessions)]
        return class_id, starts

"""Which draft class to move in the walk-through: one of the trainer's classes the page offers
other starts for (the class page lists only the starts where the class is free; the server still
re-validates the move)."""

from __future__ import annotations

from sqlalchemy import select


def class_to_move(app, round_id: int, trainer_id: int) -> int:
    """The trainer's draft class with the most offered starts (fewest officials on a tie)."""
    from scheduler.extensions import db
    from scheduler.planning.models import TrainingClass
    from scheduler.review.options import class_options

    with app.app_context():
        rows = db.session.scalars(select(TrainingClass).where(
            TrainingClass.round_id == round_id, TrainingClass.state == "draft",
            TrainingClass.trainer_id == trainer_id)).all()
        assert rows, "the demo trainer teaches no draft class"
        ranked = [(len(class_options(row).starts()), -len(row.seats), row.id) for row in rows]
        starts, _seats, class_id = max(ranked)
        assert starts, "no draft class of the demo trainer can move anywhere"
        return class_id

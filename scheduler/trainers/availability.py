"""The trainer's half-day availability grid for one round (routes of the trainers blueprint)."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from scheduler import halfdays
from scheduler.auth.access import can_see_trainer, require, roles_required
from scheduler.auth.models import PLANNER, TRAINER
from scheduler.extensions import db
from scheduler.i18n import STATUS_NAMES
from scheduler.rounds.models import TrainingRound
from scheduler.trainers.forms import CapsForm
from scheduler.trainers.models import Trainer
from scheduler.trainers.operations import set_availability
from scheduler.trainers.views import OPEN_FOR_TRAINERS, bp


def may_change(training_round: TrainingRound) -> bool:
    """Planners always; trainers while the round is not yet published."""
    return current_user.role == PLANNER or training_round.status in OPEN_FOR_TRAINERS


@bp.route("/<int:trainer_id>/availability/<int:round_id>", methods=["GET", "POST"])
@roles_required(PLANNER, TRAINER)
def availability(trainer_id: int, round_id: int):
    """Tick the half-days of the round the trainer cannot teach, and set the caps."""
    trainer = db.get_or_404(Trainer, trainer_id)
    require(can_see_trainer(trainer.id))
    training_round = db.get_or_404(TrainingRound, round_id)
    form = CapsForm(obj=trainer)
    editable = may_change(training_round)
    if form.is_submitted() and not editable:
        flash(_("This round is %(status)s: availability can no longer be changed.",
                status=_status(training_round)), "error")
        return redirect(url_for("trainers.availability", trainer_id=trainer_id,
                                round_id=round_id)), 303
    if form.validate_on_submit():
        entries = set_availability(trainer, training_round, request.form.getlist("slot"),
                                   form.data)
        db.session.commit()
        flash(_("Availability saved: %(n)d half-days marked unavailable.",
                n=len(halfdays.ticked_slots(entries, training_round))), "info")
        return redirect(url_for("trainers.availability", trainer_id=trainer_id,
                                round_id=round_id))
    return render_template(
        "trainers/availability.html", trainer=trainer, round=training_round, form=form,
        weeks=halfdays.weeks(training_round), editable=editable,
        ticked=halfdays.ticked_slots(trainer.unavailable, training_round),
    ), 400 if form.is_submitted() else 200


def _status(training_round: TrainingRound) -> str:
    """The round's status in words."""
    return str(STATUS_NAMES.get(training_round.status, training_round.status))

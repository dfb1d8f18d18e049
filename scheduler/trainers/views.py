"""Trainers: the list and record; for planners create, edit and delete; availability grids."""

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from scheduler.auth.access import can_see_trainer, require, roles_required
from scheduler.auth.models import PLANNER, TRAINER
from scheduler.deletion import delete_or_refuse
from scheduler.extensions import db
from scheduler.rounds.models import TrainingRound
from scheduler.trainers.forms import TrainerForm
from scheduler.trainers.models import Trainer
from scheduler.trainers.operations import delete_trainer, save_trainer

bp = Blueprint("trainers", __name__, url_prefix="/trainers")

# Rounds whose availability grid a trainer may still change.
OPEN_FOR_TRAINERS = ("draft", "collecting", "scheduling")


@bp.route("/")
@roles_required(PLANNER)
def index():
    """Every trainer with organisation, topics and caps."""
    query = select(Trainer).order_by(Trainer.name).options(selectinload(Trainer.topics))
    return render_template("trainers/index.html", trainers=db.session.scalars(query).all())


@bp.route("/<int:trainer_id>")
@roles_required(PLANNER, TRAINER)
def show(trainer_id: int):
    """One trainer: topics, caps, unavailable half-days and the rounds' availability grids."""
    trainer = db.get_or_404(Trainer, trainer_id)
    require(can_see_trainer(trainer.id))
    rounds = db.session.scalars(
        select(TrainingRound).where(TrainingRound.status != "closed")
        .order_by(TrainingRound.start_date.desc())
    ).all()
    return render_template("trainers/show.html", trainer=trainer, rounds=rounds)


@bp.route("/new", methods=["GET", "POST"])
@roles_required(PLANNER)
def new():
    """Create a trainer."""
    return edit_form(None)


@bp.route("/<int:trainer_id>/edit", methods=["GET", "POST"])
@roles_required(PLANNER)
def edit(trainer_id: int):
    """Edit a trainer."""
    return edit_form(db.get_or_404(Trainer, trainer_id))


def edit_form(trainer: Trainer | None):
    """Show the form; on a valid post save the trainer, else show every problem."""
    form = TrainerForm(obj=trainer, trainer=trainer)
    if trainer is not None and not form.is_submitted():
        form.topics.data = [t.id for t in trainer.topics]
    if form.validate_on_submit():
        saved = save_trainer(trainer, form.data)
        db.session.commit()
        flash(_("Trainer %(name)s saved.", name=saved.name), "info")
        return redirect(url_for("trainers.show", trainer_id=saved.id))
    status = 400 if form.is_submitted() else 200
    return render_template("trainers/edit.html", form=form, trainer=trainer), status


@bp.route("/<int:trainer_id>/delete", methods=["POST"])
@roles_required(PLANNER)
def delete(trainer_id: int):
    """Delete a trainer that nothing refers to; otherwise say why not."""
    trainer = db.get_or_404(Trainer, trainer_id)
    return delete_or_refuse(
        lambda: delete_trainer(trainer),
        lambda reason: _("%(name)s cannot be deleted: %(reason)s.", name=trainer.name,
                         reason=reason),
        _("Trainer deleted."), url_for("trainers.edit", trainer_id=trainer_id),
        url_for("trainers.index"))


from scheduler.trainers import availability  # noqa: E402, F401  (its routes join this blueprint)

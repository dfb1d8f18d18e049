"""Trainers (read-only)."""

from flask import Blueprint, render_template
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from scheduler.auth.access import can_see_trainer, require, roles_required
from scheduler.auth.models import PLANNER, TRAINER
from scheduler.extensions import db
from scheduler.trainers.models import Trainer

bp = Blueprint("trainers", __name__, url_prefix="/trainers")


@bp.route("/")
@roles_required(PLANNER)
def index():
    """Every trainer with organisation, topics and caps."""
    query = select(Trainer).order_by(Trainer.name).options(selectinload(Trainer.topics))
    return render_template("trainers/index.html", trainers=db.session.scalars(query).all())


@bp.route("/<int:trainer_id>")
@roles_required(PLANNER, TRAINER)
def show(trainer_id: int):
    """One trainer: topics, caps and unavailable half-days."""
    trainer = db.get_or_404(Trainer, trainer_id)
    require(can_see_trainer(trainer.id))
    return render_template("trainers/show.html", trainer=trainer)

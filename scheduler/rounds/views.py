"""Training rounds (read-only here; issue 4 adds the workflow)."""

from flask import Blueprint, jsonify, render_template
from sqlalchemy import select

from scheduler.auth.access import roles_required
from scheduler.auth.models import PLANNER
from scheduler.extensions import db
from scheduler.planning.mapping import export_round
from scheduler.rounds import queries
from scheduler.rounds.models import RoundCommune, TrainingRound

bp = Blueprint("rounds", __name__, url_prefix="/rounds")


@bp.route("/")
@roles_required(PLANNER)
def index():
    """Every round, newest first, with its request count."""
    query = select(TrainingRound).order_by(TrainingRound.start_date.desc())
    rows = [(r, queries.count_requests(r.id)) for r in db.session.scalars(query)]
    return render_template("rounds/index.html", rows=rows)


@bp.route("/<int:round_id>")
@roles_required(PLANNER)
def show(round_id: int):
    """One round: calendar, topics on offer, requests per topic, communes' declarations."""
    training_round = db.get_or_404(TrainingRound, round_id)
    declarations = db.session.scalars(
        select(RoundCommune).where(RoundCommune.round_id == round_id)
    ).all()
    return render_template(
        "rounds/show.html",
        round=training_round,
        by_topic=queries.request_counts_by_topic(round_id),
        requests=queries.count_requests(round_id),
        declarations=declarations,
    )


@bp.route("/<int:round_id>/instance.json")
@roles_required(PLANNER)
def instance(round_id: int):
    """The round as the solver's instance document."""
    training_round = db.get_or_404(TrainingRound, round_id)
    response = jsonify(export_round(training_round))
    filename = f"round-{round_id}-instance.json"
    response.headers["Content-Disposition"] = f"attachment; filename={filename}"
    return response

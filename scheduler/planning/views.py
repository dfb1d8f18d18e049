"""The scheduling page of a round (Lập lịch): start, watch and stop a solve; publish the draft."""

from flask import Blueprint, flash, jsonify, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from scheduler.auth.access import roles_required
from scheduler.auth.models import PLANNER
from scheduler.extensions import db
from scheduler.planning import operations, queries
from scheduler.planning.forms import SolveForm
from scheduler.planning.models import SolveRun
from scheduler.rounds.forms import ActionForm
from scheduler.rounds.models import TrainingRound

bp = Blueprint("planning", __name__, url_prefix="/planning")
RUN_STATUS_NAMES = {
    "queued": _l("Queued"), "running": _l("Running"), "finished": _l("Finished"),
    "failed": _l("Failed"), "stopped": _l("Stopped (best so far kept)"),
}


@bp.app_context_processor
def run_status_names() -> dict:
    """`run_status_name(code)` for every template."""
    return {"run_status_name": lambda code: str(RUN_STATUS_NAMES.get(code, code))}


@bp.route("/<int:round_id>")
@roles_required(PLANNER)
def show(round_id: int):
    """The round's solve form, its runs, the draft and the published timetable in figures."""
    training_round = db.get_or_404(TrainingRound, round_id)
    latest = operations.latest_run(round_id)
    if latest is not None:
        operations.settle_run(latest)
    return render_template("planning/show.html", round=training_round, form=SolveForm(),
                           action=ActionForm(), latest=latest,
                           **queries.planning_summary(training_round))


@bp.route("/<int:round_id>/solve", methods=["POST"])
@roles_required(PLANNER)
def start(round_id: int):
    """Start a solve in the background and go to its progress page."""
    training_round = db.get_or_404(TrainingRound, round_id)
    form = SolveForm()
    if not form.validate_on_submit():
        for errors in form.errors.values():
            for error in errors:
                flash(f"{form.time_limit.label.text}: {error}", "error")
        return redirect(url_for("planning.show", round_id=round_id))
    try:
        run = operations.start_solve(training_round, form.time_limit.data)
    except operations.RoundError as exc:
        flash(str(exc), "error")
        return redirect(url_for("planning.show", round_id=round_id))
    flash(_("The solve has started."), "success")
    return redirect(url_for("planning.run", run_id=run.id))


@bp.route("/runs/<int:run_id>")
@roles_required(PLANNER)
def run(run_id: int):
    """A run's progress (refreshing while it runs), then its result."""
    solve_run = operations.settle_run(db.get_or_404(SolveRun, run_id))
    return render_template("planning/run.html", run=solve_run, action=ActionForm(),
                           live=queries.live_progress(solve_run))


@bp.route("/runs/<int:run_id>/progress.json")
@roles_required(PLANNER)
def progress(run_id: int):
    """A run's progress as JSON, for the page's polling."""
    solve_run = operations.settle_run(db.get_or_404(SolveRun, run_id))
    return jsonify(queries.live_progress(solve_run))


@bp.route("/runs/<int:run_id>/stop", methods=["POST"])
@roles_required(PLANNER)
def stop(run_id: int):
    """Stop a run; it keeps the best timetable found so far."""
    solve_run = db.get_or_404(SolveRun, run_id)
    if ActionForm().validate_on_submit() and operations.stop_solve(solve_run):
        flash(_("Stopping: the best timetable found so far will be kept."), "success")
    else:
        flash(_("This solve is not running."), "error")
    return redirect(url_for("planning.run", run_id=run_id))


@bp.route("/<int:round_id>/publish", methods=["POST"])
@roles_required(PLANNER)
def publish(round_id: int):
    """Publish the draft after checking every hard rule."""
    training_round = db.get_or_404(TrainingRound, round_id)
    if not ActionForm().validate_on_submit():
        flash(_("The form has expired; please try again."), "error")
        return redirect(url_for("planning.show", round_id=round_id))
    try:
        count = operations.publish_round(training_round)
    except operations.RoundError as exc:
        db.session.rollback()
        flash(str(exc), "error")
    else:
        db.session.commit()
        flash(_("The timetable was published: %(n)s classes.", n=count), "success")
    return redirect(url_for("planning.show", round_id=round_id))


"""Training rounds: list, show, create, edit, and move through their statuses."""

from datetime import date, timedelta

from flask import Blueprint, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import select

from scheduler.auth.access import roles_required
from scheduler.auth.models import PLANNER
from scheduler.communes.models import Province
from scheduler.extensions import db
from scheduler.i18n import format_date
from scheduler.planning.mapping import export_round
from scheduler.rounds import operations, queries
from scheduler.rounds.forms import ReopenForm, RoundForm, choices
from scheduler.rounds.models import RoundCommune, TrainingRound
from scheduler.topics.models import Topic

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
        transitions=operations.TRANSITIONS.get(training_round.status, ()),
        editable=training_round.status in operations.EDITABLE,
        reopen_form=ReopenForm(),
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


# ---- the workflow: create, edit, move on ----------------------------------------------------
def fill_choices(form: RoundForm) -> None:
    """Provinces and topics to choose from."""
    form.province_id.choices = choices(
        (p.id, p.name) for p in db.session.scalars(select(Province).order_by(Province.name)))
    topics = db.session.scalars(select(Topic).order_by(Topic.code))
    form.topics.choices = choices((t.id, f"{t.code} · {t.name}") for t in topics)


def chosen_topics(form: RoundForm) -> list[Topic]:
    """The topic rows ticked on the form."""
    ids = list(form.topics.data or [])
    return list(db.session.scalars(select(Topic).where(Topic.id.in_(ids)))) if ids else []


@bp.route("/new", methods=["GET", "POST"])
@roles_required(PLANNER)
def new():
    """Create a round (in draft): dates, working days, day parts, holidays, topics, deadline."""
    form = RoundForm()
    fill_choices(form)
    if request.method == "GET":
        prefill_new(form)
    if form.validate_on_submit():
        try:
            created = operations.open_round(form.province_id.data,
                                            **form.values(chosen_topics(form)))
        except operations.RoundError as exc:
            flash(str(exc), "error")
        else:
            db.session.commit()
            flash(_("The round was created as a draft."), "success")
            return redirect(url_for("rounds.show", round_id=created.id))
    return render_template("rounds/form.html", form=form, round=None)


def prefill_new(form: RoundForm) -> None:
    """Defaults of a new round: next Monday, eight weeks, Monday to Friday, public holidays."""
    start = date.today() + timedelta(days=7 - date.today().weekday() + 14)
    end = start + timedelta(weeks=8, days=-3)
    form.start.data, form.end.data = start, end
    form.weekdays.data, form.parts.data = [0, 1, 2, 3, 4], ["am", "pm"]
    form.deadline.data = start - timedelta(days=7)
    form.holidays.data = "\n".join(format_date(d) for d in operations.public_holidays(start, end))
    form.topics.data = [choice.value for choice in form.topics.choices]


@bp.route("/<int:round_id>/edit", methods=["GET", "POST"])
@roles_required(PLANNER)
def edit(round_id: int):
    """Edit a round while it is a draft or collecting requests."""
    training_round = db.get_or_404(TrainingRound, round_id)
    form = RoundForm(obj=None)
    fill_choices(form)
    if request.method == "GET":
        prefill_edit(form, training_round)
    if form.validate_on_submit():
        try:
            operations.edit_round(training_round, **form.values(chosen_topics(form)))
        except operations.RoundError as exc:
            db.session.rollback()
            flash(str(exc), "error")
        else:
            db.session.commit()
            flash(_("The round was saved."), "success")
            return redirect(url_for("rounds.show", round_id=round_id))
    return render_template("rounds/form.html", form=form, round=training_round)


def prefill_edit(form: RoundForm, training_round: TrainingRound) -> None:
    """The round's current values on the form."""
    form.province_id.data = training_round.province_id
    form.name.data = training_round.name
    form.start.data, form.end.data = training_round.start_date, training_round.end_date
    form.weekdays.data, form.parts.data = training_round.weekdays, training_round.parts
    form.holidays.data = "\n".join(format_date(d) for d in training_round.holidays)
    form.topics.data = [t.id for t in training_round.topics]
    form.deadline.data = training_round.request_deadline_date


@bp.route("/<int:round_id>/status/<target>", methods=["POST"])
@roles_required(PLANNER)
def advance(round_id: int, target: str):
    """Move a round to its next status (open, schedule, close) or back to collecting."""
    training_round = db.get_or_404(TrainingRound, round_id)
    form = ReopenForm()
    if not form.validate_on_submit():
        flash(_("The form was not accepted: %(errors)s", errors=form_errors(form)), "error")
        return redirect(url_for("rounds.show", round_id=round_id))
    try:
        if target == "collecting" and training_round.status == "scheduling":
            operations.reopen_round(training_round, form.deadline.data)
        else:
            operations.advance_round(training_round, target)
    except operations.RoundError as exc:
        db.session.rollback()
        flash(str(exc), "error")
    else:
        db.session.commit()
        flash(_("The round is now “%(status)s”.",
                status=operations.status_label(training_round.status)), "success")
    return redirect(url_for("rounds.show", round_id=round_id))


def form_errors(form) -> str:
    """Every error of a form, joined, each after its field's label."""
    return "; ".join(f"{form[name].label.text}: {' '.join(errs)}"
                     for name, errs in form.errors.items())

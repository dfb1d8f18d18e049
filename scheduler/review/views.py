"""The review pages of a round's timetable, and the edit forms (planners only)."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from sqlalchemy import select
from wtforms import SelectChoice

from scheduler.auth.access import roles_required
from scheduler.auth.models import PLANNER
from scheduler.communes.models import Commune, Official
from scheduler.extensions import db
from scheduler.i18n import format_slot
from scheduler.planning.models import TrainingClass
from scheduler.review import forms, operations, options, queries, summary
from scheduler.review.validation import EditRefused
from scheduler.rounds.models import TrainingRound
from scheduler.trainers.models import Trainer
from scheduler.venues.models import Venue

bp = Blueprint("review", __name__, url_prefix="/review")


@bp.route("/<int:round_id>/")
@roles_required(PLANNER)
def summary_page(round_id: int):
    """Figures of the timetable: served requests per commune and topic, travel, trainer load."""
    training_round = db.get_or_404(TrainingRound, round_id)
    classes, state = queries.timetable(training_round)
    return render_template("review/summary.html", round=training_round, state=state,
                           figures=summary.summary(training_round, classes))


@bp.route("/<int:round_id>/timetable/<kind>")
@roles_required(PLANNER)
def timetable(round_id: int, kind: str):
    """One venue's, trainer's, commune's or topic's classes: a week grid and a list."""
    if kind not in queries.KINDS:
        abort(404)
    training_round = db.get_or_404(TrainingRound, round_id)
    classes, state = queries.timetable(training_round)
    choices = queries.items(kind, classes)
    item_id = request.args.get("item", type=int) or (choices[0][0] if choices else None)
    mine = queries.of_item(kind, item_id, classes)
    weeks = queries.week_starts(training_round)
    week = request.args.get("week", type=int)
    if week is None or not 0 <= week < len(weeks):
        week = first_week(mine, weeks)
    days = queries.week_days(training_round, weeks[week])
    return render_template(
        "review/timetable.html", round=training_round, state=state, kind=kind, choices=choices,
        item_id=item_id, classes=mine, weeks=weeks, week=week, days=days,
        rows=queries.grid(mine, days, list(training_round.parts)),
        commune_id=item_id if kind == "commune" else None, seats_of=queries.seats_of_commune,
    )


def first_week(classes: list[TrainingClass], weeks: list) -> int:
    """The index of the first week in which one of the classes runs (0 if none)."""
    starts = [c.sessions[0].session_date for c in classes if c.sessions]
    if not starts:
        return 0
    first = min(starts)
    return max(i for i, monday in enumerate(weeks) if monday <= first)


@bp.route("/<int:round_id>/unserved")
@roles_required(PLANNER)
def unserved(round_id: int):
    """Requests no class serves, with their reasons, filtered by commune and topic."""
    training_round = db.get_or_404(TrainingRound, round_id)
    classes, state = queries.timetable(training_round)
    commune_id = request.args.get("commune", type=int)
    topic_id = request.args.get("topic", type=int)
    rows = summary.unserved(training_round, classes, str(get_locale()), commune_id, topic_id)
    communes = db.session.scalars(select(Commune).where(
        Commune.province_id == training_round.province_id).order_by(Commune.name)).all()
    return render_template("review/unserved.html", round=training_round, state=state, rows=rows,
                           communes=communes, topics=training_round.topics,
                           commune_id=commune_id, topic_id=topic_id)


@bp.route("/<int:round_id>/classes/<int:class_id>")
@roles_required(PLANNER)
def show_class(round_id: int, class_id: int):
    """One class: its half-days, trainer, venue and officials, with the edit forms (draft only)."""
    cls = class_of(round_id, class_id)
    return render_template("review/class.html", round=cls.round, cls=cls, **edit_forms(cls))


def class_of(round_id: int, class_id: int) -> TrainingClass:
    """The class of the round, or 404."""
    cls = db.get_or_404(TrainingClass, class_id)
    if cls.round_id != round_id:
        abort(404)
    return cls


def edit_forms(cls: TrainingClass) -> dict:
    """The edit forms of a class, offering only the starts, trainers and venues that are free."""
    if cls.state != "draft":
        return {}
    offer = options.class_options(cls)
    move = forms.MoveForm()
    move.start.choices = [SelectChoice(s, s) for s in offer.starts()]
    trainer = forms.TrainerForm()
    trainer.trainer_id.choices = [SelectChoice(t.id, t.name) for t in db.session.scalars(
        select(Trainer).where(Trainer.code.in_(offer.trainers())).order_by(Trainer.name))]
    venue = forms.VenueForm()
    venue.venue_id.choices = [SelectChoice(v.id, v.name) for v in db.session.scalars(
        select(Venue).where(Venue.code.in_(offer.venues())).order_by(Venue.name))]
    siblings = db.session.scalars(select(TrainingClass).where(
        TrainingClass.round_id == cls.round_id, TrainingClass.state == cls.state,
        TrainingClass.topic_id == cls.topic_id, TrainingClass.id != cls.id,
    ).order_by(TrainingClass.code)).all()
    official = forms.OfficialForm()
    official.official_id.choices = [SelectChoice(s.official_id, s.official.name) for s in
                                    sorted(cls.seats, key=lambda s: s.official.name)]
    official.target_id.choices = [
        SelectChoice(k.id, _("Class %(code)s", code=k.code)
                     + (f" ({format_slot(k.sessions[0].slot)})" if k.sessions else ""))
        for k in siblings] + [SelectChoice(0, _("Take out of the class"))]
    return {"move": move, "trainer": trainer, "venue": venue, "official": official,
            "pin": forms.PinForm(pinned=not cls.pinned)}


def finish(cls: TrainingClass, action, done: str):
    """Run an edit: save and say what changed, or say which rules it breaks and save nothing."""
    try:
        action()
    except EditRefused as refused:
        db.session.rollback()
        flash(_("The change was not saved: it breaks these rules."), "error")
        for message in refused.messages():
            flash(message, "error breach")
    except operations.NotEditable:
        db.session.rollback()
        flash(_("Only classes of the draft timetable can be edited here."), "error")
    else:
        db.session.commit()
        flash(done, "success")
    return redirect(url_for("review.show_class", round_id=cls.round_id, class_id=cls.id))


def form_refused(cls: TrainingClass, form):
    """Say which field of the form is missing or wrong, then go back to the class."""
    for field in form:
        if field.errors:
            flash(_("Please choose a valid value for: %(field)s", field=field.label.text), "error")
    if "csrf_token" in form.errors:
        flash(_("The form has expired; please try again."), "error")
    return redirect(url_for("review.show_class", round_id=cls.round_id, class_id=cls.id))


@bp.post("/<int:round_id>/classes/<int:class_id>/move")
@roles_required(PLANNER)
def move(round_id: int, class_id: int):
    """Move the class to other half-days."""
    cls, form = class_of(round_id, class_id), forms.MoveForm()
    if not form.validate_on_submit():
        return form_refused(cls, form)
    start = form.start.data
    if start not in queries.slot_choices(cls.round):
        return form_refused_field(cls, form.start)
    return finish(cls, lambda: operations.move_class(cls, start),
                  _("Class %(code)s moved to %(slot)s.", code=cls.code, slot=format_slot(start)))


def form_refused_field(cls: TrainingClass, field):
    """Refuse a value that is not one of the field's choices."""
    flash(_("Please choose a valid value for: %(field)s", field=field.label.text), "error")
    return redirect(url_for("review.show_class", round_id=cls.round_id, class_id=cls.id))


@bp.post("/<int:round_id>/classes/<int:class_id>/trainer")
@roles_required(PLANNER)
def trainer(round_id: int, class_id: int):
    """Give the class another trainer."""
    cls, form = class_of(round_id, class_id), forms.TrainerForm()
    if not form.validate_on_submit():
        return form_refused(cls, form)
    new = db.session.get(Trainer, form.trainer_id.data)
    if new is None:
        return form_refused_field(cls, form.trainer_id)
    return finish(cls, lambda: operations.change_trainer(cls, new),
                  _("Class %(code)s is now taught by %(name)s.", code=cls.code, name=new.name))


@bp.post("/<int:round_id>/classes/<int:class_id>/venue")
@roles_required(PLANNER)
def venue(round_id: int, class_id: int):
    """Hold the class at another venue."""
    cls, form = class_of(round_id, class_id), forms.VenueForm()
    if not form.validate_on_submit():
        return form_refused(cls, form)
    new = db.session.get(Venue, form.venue_id.data)
    if new is None:
        return form_refused_field(cls, form.venue_id)
    return finish(cls, lambda: operations.change_venue(cls, new),
                  _("Class %(code)s is now held at %(name)s.", code=cls.code, name=new.name))


@bp.post("/<int:round_id>/classes/<int:class_id>/official")
@roles_required(PLANNER)
def official(round_id: int, class_id: int):
    """Move an official to another class of the topic, or take them out."""
    cls, form = class_of(round_id, class_id), forms.OfficialForm()
    if not form.validate_on_submit():
        return form_refused(cls, form)
    person = db.session.get(Official, form.official_id.data)
    target = db.session.get(TrainingClass, form.target_id.data) if form.target_id.data else None
    if person is None or (form.target_id.data and target is None):
        return form_refused_field(cls, form.official_id if person is None else form.target_id)
    done = (_("%(name)s moved from class %(old)s to class %(new)s.", name=person.name,
              old=cls.code, new=target.code) if target else
            _("%(name)s taken out of class %(old)s.", name=person.name, old=cls.code))
    return finish(cls, lambda: operations.move_official(cls, person, target), done)


@bp.post("/<int:round_id>/classes/<int:class_id>/pin")
@roles_required(PLANNER)
def pin(round_id: int, class_id: int):
    """Pin the class (a re-solve keeps it exactly) or unpin it."""
    cls, form = class_of(round_id, class_id), forms.PinForm()
    if not form.validate_on_submit():
        return form_refused(cls, form)
    pinned = form.pinned.data
    done = (_("Class %(code)s is pinned: a re-solve keeps it as it is.", code=cls.code) if pinned
            else _("Class %(code)s is no longer pinned.", code=cls.code))
    return finish(cls, lambda: operations.set_pinned(cls, pinned), done)

"""Venues and travel times: the pages, and for planners create, edit, delete and travel edits."""

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload
from wtforms.fields.choices import SelectChoice

from scheduler.auth.access import roles_required
from scheduler.auth.models import PLANNER
from scheduler.communes.models import Commune
from scheduler.deletion import delete_or_refuse
from scheduler.extensions import db
from scheduler.venues.forms import TravelForm, VenueForm, format_closures
from scheduler.venues.models import TravelTime, Venue
from scheduler.venues.operations import (
    delete_venue,
    estimate_travel_times,
    save_venue,
    set_travel_time,
)

bp = Blueprint("venues", __name__, url_prefix="/venues")


@bp.route("/")
@roles_required(PLANNER)
def index():
    """Every venue with capacity, kind, place and closures."""
    query = select(Venue).order_by(Venue.online, Venue.name).options(selectinload(Venue.commune))
    return render_template("venues/index.html", venues=db.session.scalars(query).all())


@bp.route("/<int:venue_id>")
@roles_required(PLANNER)
def show(venue_id: int):
    """One venue and the travel time to it from every commune that can reach it."""
    venue = db.get_or_404(Venue, venue_id)
    return render_venue(venue, travel_form(), 200)


def travel_form() -> TravelForm:
    """The travel-time form with every commune to choose from."""
    form = TravelForm()
    form.commune_id.choices = [SelectChoice(c.id, c.name) for c in
                               db.session.scalars(select(Commune).order_by(Commune.name))]
    return form


def render_venue(venue: Venue, form: TravelForm, status: int):
    """The venue page with its travel times."""
    query = (
        select(TravelTime)
        .where(TravelTime.venue_id == venue.id)
        .options(selectinload(TravelTime.commune))
        .order_by(TravelTime.minutes)
    )
    travel = db.session.scalars(query).all()
    return render_template("venues/show.html", venue=venue, travel=travel, form=form), status


@bp.route("/new", methods=["GET", "POST"])
@roles_required(PLANNER)
def new():
    """Create a venue."""
    return edit_form(None)


@bp.route("/<int:venue_id>/edit", methods=["GET", "POST"])
@roles_required(PLANNER)
def edit(venue_id: int):
    """Edit a venue."""
    return edit_form(db.get_or_404(Venue, venue_id))


def edit_form(venue: Venue | None):
    """Show the form; on a valid post save the venue, else show every problem."""
    form = VenueForm(obj=venue, venue=venue)
    if not form.is_submitted():
        form.commune_id.data = venue.commune_id or 0 if venue else 0
        form.closures.data = format_closures(venue.unavailable) if venue else ""
    if form.validate_on_submit():
        saved = save_venue(venue, form.data, form.entries)
        db.session.commit()
        flash(_("Venue %(name)s saved.", name=saved.name), "info")
        return redirect(url_for("venues.show", venue_id=saved.id))
    status = 400 if form.is_submitted() else 200
    return render_template("venues/edit.html", form=form, venue=venue), status


@bp.route("/<int:venue_id>/delete", methods=["POST"])
@roles_required(PLANNER)
def delete(venue_id: int):
    """Delete a venue that no class uses; otherwise say why not."""
    venue = db.get_or_404(Venue, venue_id)
    return delete_or_refuse(
        lambda: delete_venue(venue),
        lambda reason: _("%(name)s cannot be deleted: %(reason)s.", name=venue.name,
                         reason=reason),
        _("Venue deleted."), url_for("venues.edit", venue_id=venue_id), url_for("venues.index"))


@bp.route("/<int:venue_id>/travel", methods=["POST"])
@roles_required(PLANNER)
def set_travel(venue_id: int):
    """Set a planner's travel time from one commune (empty: out of reach)."""
    venue = db.get_or_404(Venue, venue_id)
    form = travel_form()
    if not form.validate_on_submit():
        return render_venue(venue, form, 400)
    set_travel_time(form.commune_id.data, venue.id, form.minutes.data)
    db.session.commit()
    flash(_("Travel time saved."), "info")
    return redirect(url_for("venues.show", venue_id=venue.id))


@bp.route("/<int:venue_id>/reestimate", methods=["POST"])
@roles_required(PLANNER)
def reestimate(venue_id: int):
    """Re-estimate the travel times from coordinates, keeping the planner's own figures."""
    venue = db.get_or_404(Venue, venue_id)
    rows = estimate_travel_times(venue)
    db.session.commit()
    flash(_("%(n)d travel times re-estimated; figures entered by a planner were kept.",
            n=len(rows)), "info")
    return redirect(url_for("venues.show", venue_id=venue.id))

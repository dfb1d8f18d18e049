"""Venues and travel times (read-only)."""

from flask import Blueprint, render_template
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from scheduler.auth.access import roles_required
from scheduler.auth.models import PLANNER
from scheduler.extensions import db
from scheduler.venues.models import TravelTime, Venue

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
    query = (
        select(TravelTime)
        .where(TravelTime.venue_id == venue.id)
        .options(selectinload(TravelTime.commune))
        .order_by(TravelTime.minutes)
    )
    return render_template("venues/show.html", venue=venue, travel=db.session.scalars(query).all())
